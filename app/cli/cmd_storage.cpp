// missive storage migrate|setup: a workstation's directory moved to the hospital group's shared base,
// and the base's roles given access, each to its service's letters.

#include "cli.h"
#include "delivery_common.h"
#include "missive/engine/storage.h"
#include "missive/settings/settings.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace missive::cli
{

namespace
{

int runSetup(const QCommandLineParser& parser, const transport::Settings& settings, Streams& io)
{
    const QStringList roles = parser.positionalArguments().mid(1);
    const bool relay = parser.isSet(QStringLiteral("relay"));
    const QString service = relay ? QStringLiteral("*") : parser.value(QStringLiteral("service")).trimmed();
    if (roles.isEmpty() || (relay == parser.isSet(QStringLiteral("service"))) || service.isEmpty()) {
        return usageError(QStringLiteral("usage : missive storage setup --to postgresql://… (--service NOM | --relay) "
                                         "RÔLE…"),
                          io);
    }
    static const QRegularExpression roleName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$"));
    for (const QString& role : roles) {
        if (!roleName.match(role).hasMatch()) {
            return usageError(QStringLiteral("storage setup : nom de rôle PostgreSQL invalide : %1").arg(role), io);
        }
    }
    const QString to = parser.value(QStringLiteral("to"));
    if (auto done = engine::setupStorage(settings, to, service, roles); !done) {
        return report(done.error(), io);
    }
    if (parser.isSet(QStringLiteral("json"))) {
        io.out << QJsonDocument(QJsonObject{{QStringLiteral("to"), engine::displayLocation(to)},
                                            {QStringLiteral("service"), service},
                                            {QStringLiteral("roles"), QJsonArray::fromStringList(roles)}})
                      .toJson(QJsonDocument::Indented);
    } else {
        io.out << (relay ? QStringLiteral("Relais (tous les services) : ")
                         : QStringLiteral("Service %1 : ").arg(service))
               << roles.join(QStringLiteral(", ")) << '\n';
    }
    io.out.flush();
    return ExitSuccess;
}

} // namespace

int runStorage(const QStringList& args, Streams& io)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOption(
        {QStringLiteral("from"), QStringLiteral("annuaire SQLite (sqlite:FICHIER)"), QStringLiteral("SOURCE")});
    parser.addOption(
        {QStringLiteral("to"), QStringLiteral("base PostgreSQL (postgresql://…)"), QStringLiteral("BASE")});
    parser.addOption({QStringLiteral("service"), QStringLiteral("service dont les rôles voient les courriers"),
                      QStringLiteral("NOM")});
    parser.addOption({QStringLiteral("relay"), QStringLiteral("rôles de relais : tous les services")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("sortie JSON")});
    addConfigOption(parser);
    if (!parser.parse(QStringList{QStringLiteral("missive storage")} + args)) {
        return usageError(parser.errorText(), io);
    }
    const QString verb = parser.positionalArguments().value(0);
    if ((verb != QLatin1String("migrate") && verb != QLatin1String("setup")) || !parser.isSet(QStringLiteral("to"))) {
        return usageError(QStringLiteral("usage : missive storage migrate --from sqlite:FICHIER --to "
                                         "postgresql://serveur/base, ou storage setup --to … (--service NOM | "
                                         "--relay) RÔLE…"),
                          io);
    }
    auto settings = settings::loadSettings(parser.value(QStringLiteral("config")));
    if (!settings) {
        return report(settings.error(), io);
    }
    if (verb == QLatin1String("setup")) {
        return runSetup(parser, *settings, io);
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("from"))) {
        return usageError(QStringLiteral("usage : missive storage migrate --from sqlite:FICHIER --to "
                                         "postgresql://serveur/base"),
                          io);
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
