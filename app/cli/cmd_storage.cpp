// missive storage migrate: a workstation's directory moved to the hospital group's shared base.

#include "cli.h"
#include "delivery_common.h"
#include "missive/engine/storage.h"
#include "missive/settings/settings.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>

namespace missive::cli
{

int runStorage(const QStringList& args, Streams& io)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOption(
        {QStringLiteral("from"), QStringLiteral("annuaire SQLite (sqlite:FICHIER)"), QStringLiteral("SOURCE")});
    parser.addOption(
        {QStringLiteral("to"), QStringLiteral("base PostgreSQL (postgresql://…)"), QStringLiteral("BASE")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("sortie JSON")});
    addConfigOption(parser);
    if (!parser.parse(QStringList{QStringLiteral("missive storage")} + args)) {
        return usageError(parser.errorText(), io);
    }
    const QStringList positional = parser.positionalArguments();
    if (positional != QStringList{QStringLiteral("migrate")} || !parser.isSet(QStringLiteral("from"))
        || !parser.isSet(QStringLiteral("to"))) {
        return usageError(QStringLiteral("usage : missive storage migrate --from sqlite:FICHIER --to "
                                         "postgresql://serveur/base"),
                          io);
    }
    auto settings = settings::loadSettings(parser.value(QStringLiteral("config")));
    if (!settings) {
        return report(settings.error(), io);
    }
    const QString to = parser.value(QStringLiteral("to"));
    auto copied = engine::migrateStorage(*settings, parser.value(QStringLiteral("from")), to);
    if (!copied) {
        return report(copied.error(), io);
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject tables;
        for (const auto& table : *copied) {
            tables.insert(table.table, table.rows);
        }
        io.out << QJsonDocument(QJsonObject{{QStringLiteral("from"), parser.value(QStringLiteral("from"))},
                                            {QStringLiteral("to"), engine::displayLocation(to)},
                                            {QStringLiteral("tables"), tables}})
                      .toJson(QJsonDocument::Indented);
    } else {
        io.out << "Annuaire migré vers " << engine::displayLocation(to) << " :\n";
        for (const auto& table : *copied) {
            io.out << "  " << table.table << " : " << table.rows << " ligne(s)\n";
        }
    }
    io.out.flush();
    return ExitSuccess;
}

} // namespace missive::cli
