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
// The directory: --db, else $MISSIVE_DB, else IT's [storage] url (with its password from the
// keychain), else the user's file (see openDirectory in cli.h for `required`).
[[nodiscard]] Result<std::optional<directory::Directory>>
openConfiguredDirectory(const QString& explicitPath, bool required, const transport::Settings& settings);
void printDelivery(const engine::DeliveryRow& delivery, Streams& io);
[[nodiscard]] QJsonObject summaryJson(const engine::RunSummary& summary);

} // namespace missive::cli
