#pragma once
// Shared by `missive send` and `missive outbox`: settings, outbox, delivery run, display.

#include "cli.h"
#include "missive/engine/delivery.h"

#include <QCommandLineParser>
#include <QJsonObject>

namespace missive::cli
{

void addConfigOption(QCommandLineParser& parser);
// Loads the settings (--config, $MISSIVE_CONFIG, user then system file) and opens the outbox.
[[nodiscard]] Result<engine::Delivery> openDelivery(const QCommandLineParser& parser);
void printDelivery(const engine::DeliveryRow& delivery, Streams& io);
[[nodiscard]] QJsonObject summaryJson(const engine::RunSummary& summary);

} // namespace missive::cli
