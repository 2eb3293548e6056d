#pragma once
// Shared by `missive send` and `missive outbox`: settings, outbox, delivery run, display.

#include "cli.h"
#include "missive/transport/dispatcher.h"
#include "missive/transport/outbox.h"
#include "missive/transport/settings.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <memory>

namespace missive::cli
{

struct DeliveryContext
{
    transport::Settings settings;
    std::unique_ptr<transport::Outbox> outbox;
};

void addConfigOption(QCommandLineParser& parser);
// Loads the settings (--config, $MISSIVE_CONFIG, user then system file) and opens the outbox.
[[nodiscard]] Result<DeliveryContext> openDeliveryContext(const QCommandLineParser& parser);
// Runs the dispatcher once and prints what happened (French) unless `quiet`.
[[nodiscard]] Result<transport::RunSummary> deliverDue(DeliveryContext& context);
void printDelivery(const transport::Delivery& delivery, Streams& io);
[[nodiscard]] QJsonObject summaryJson(const transport::RunSummary& summary);

} // namespace missive::cli
