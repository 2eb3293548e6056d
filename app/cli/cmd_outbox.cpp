// missive outbox list|retry|cancel|run|track: the durable outbox of sending.

#include "cli.h"
#include "delivery_common.h"
#include "missive/settings/settings.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace missive::cli
{
namespace
{

void printJson(const QJsonObject& object, Streams& io)
{
    io.out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    io.out.flush();
}

int printRun(const engine::RunSummary& summary, bool json, Streams& io)
{
    if (json) {
        printJson(QJsonObject{{QStringLiteral("run"), summaryJson(summary)}}, io);
    } else {
        io.out << summary.sent << " envoyé(s), " << summary.requeued << " à réessayer, " << summary.failed
               << " en échec, " << summary.unavailable << " canal indisponible";
        if (summary.recovered > 0) {
            io.out << ", " << summary.recovered << " envoi(s) interrompu(s) repris";
        }
        if (summary.maybeSent > 0) {
            io.out << ", " << summary.maybeSent << " peut-être envoyé(s) à vérifier";
        }
        io.out << ".\n";
        for (const auto& message : summary.messages) {
            io.err << "missive : " << message << '\n';
        }
    }
    io.out.flush();
    io.err.flush();
    return summary.failed > 0 || summary.requeued > 0 || summary.unavailable > 0 ? ExitExternal : ExitSuccess;
}

} // namespace

// outbox check [mssante|dmp|postal]…: reaches each channel as a send would, sends nothing. Without
// a channel, every configured one. Exit 0 when all answer, else the first failure's code.
int checkChannels(const QCommandLineParser& parser, const QStringList& names, bool json, Streams& io)
{
    auto settings = settings::loadSettings(parser.value(QStringLiteral("config")));
    if (!settings) {
        return report(settings.error(), io);
    }
    QList<engine::DeliveryChannel> channels;
    for (const QString& name : names) {
        const auto channel = engine::channelFromName(name);
        if (!channel) {
            return usageError(QStringLiteral("outbox check : canal inconnu : %1 (mssante, dmp ou postal)").arg(name),
                              io);
        }
        channels.append(*channel);
    }
    if (channels.isEmpty()) {
        if (settings->mssante.isConfigured()) {
            channels.append(engine::DeliveryChannel::Mssante);
        }
        if (settings->dmp.isConfigured()) {
            channels.append(engine::DeliveryChannel::Dmp);
        }
        if (settings->postal.isConfigured()) {
            channels.append(engine::DeliveryChannel::Postal);
        }
        if (channels.isEmpty()) {
            return report(Error{ErrorCode::Unavailable, QStringLiteral("aucun canal configuré (mssante, dmp, postal)"),
                                QStringLiteral("nothing configured")},
                          io);
        }
    }
    int exit = ExitSuccess;
    QJsonArray checks;
    for (const engine::DeliveryChannel channel : std::as_const(channels)) {
        const auto checked = engine::testConnection(*settings, channel);
        if (!checked && exit == ExitSuccess) {
            exit = exitCodeFor(checked.error().code);
        }
        const QString message = checked ? *checked : checked.error().userMessage;
        checks.append(QJsonObject{{QStringLiteral("channel"), engine::channelName(channel)},
                                  {QStringLiteral("ok"), checked.has_value()},
                                  {QStringLiteral("message"), message}});
        if (!json) {
            const QString label = channel == engine::DeliveryChannel::Mssante ? QStringLiteral("MSSanté")
                                  : channel == engine::DeliveryChannel::Dmp   ? QStringLiteral("DMP")
                                                                              : QStringLiteral("Courrier");
            io.out << label << " : " << (checked ? "OK — " : "ÉCHEC — ") << message << '\n';
        }
    }
    if (json) {
        printJson(QJsonObject{{QStringLiteral("checks"), checks}}, io);
    }
    io.out.flush();
    return exit;
}

int runOutbox(const QStringList& args, Streams& io)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list, retry, cancel, run, track ou check"));
    parser.addOption({QStringLiteral("state"), QStringLiteral("filtrer par état"), QStringLiteral("ETAT")});
    parser.addOption({QStringLiteral("all"), QStringLiteral("retry : tous les envois en échec")});
    parser.addOption({QStringLiteral("no-send"), QStringLiteral("retry : remettre en file sans envoyer")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("sortie JSON")});
    addConfigOption(parser);
    if (!parser.parse(QStringList{QStringLiteral("missive outbox")} + args)) {
        return usageError(parser.errorText(), io);
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        return usageError(QStringLiteral("outbox : action attendue (list, retry, cancel, run, track, check)"), io);
    }
    const QString action = positional.constFirst();
    const bool json = parser.isSet(QStringLiteral("json"));
    static const QStringList actions{QStringLiteral("list"), QStringLiteral("retry"), QStringLiteral("cancel"),
                                     QStringLiteral("run"),  QStringLiteral("track"), QStringLiteral("check")};
    if (!actions.contains(action)) {
        return usageError(QStringLiteral("outbox : action inconnue : %1").arg(action), io);
    }
    if (action == QLatin1String("check")) {
        return checkChannels(parser, positional.mid(1), json, io);
    }
    QList<qint64> ids;
    for (qsizetype i = 1; i < positional.size(); ++i) {
        bool ok = false;
        const qint64 id = positional.at(i).toLongLong(&ok);
        if (!ok || id <= 0) {
            return usageError(QStringLiteral("identifiant d'envoi invalide : %1").arg(positional.at(i)), io);
        }
        ids.append(id);
    }
    if ((action == QLatin1String("cancel")
         || (action == QLatin1String("retry") && !parser.isSet(QStringLiteral("all"))))
        && ids.isEmpty()) {
        return usageError(QStringLiteral("outbox %1 : identifiant d'envoi attendu").arg(action), io);
    }
    std::optional<engine::DeliveryState> stateFilter;
    if (parser.isSet(QStringLiteral("state"))) {
        stateFilter = engine::stateFromName(parser.value(QStringLiteral("state")));
        if (!stateFilter) {
            return usageError(QStringLiteral("--state : queued, sending, sent, failed ou cancelled"), io);
        }
    }

    auto delivery = openDelivery(parser);
    if (!delivery) {
        return report(delivery.error(), io);
    }

    if (action == QLatin1String("list")) {
        auto rows = delivery->list(stateFilter);
        if (!rows) {
            return report(rows.error(), io);
        }
        if (json) {
            QJsonArray array;
            for (const auto& row : *rows) {
                array.append(row.toJson());
            }
            printJson(QJsonObject{{QStringLiteral("deliveries"), array}}, io);
            return ExitSuccess;
        }
        if (rows->isEmpty()) {
            io.out << "Aucun envoi.\n";
        }
        for (const auto& row : *rows) {
            printDelivery(row, io);
        }
        io.out.flush();
        return ExitSuccess;
    }
    if (action == QLatin1String("cancel")) {
        for (const qint64 id : ids) {
            if (auto done = delivery->cancel(id); !done) {
                return report(done.error(), io);
            }
        }
        if (json) {
            QJsonArray array;
            for (const qint64 id : ids) {
                array.append(id);
            }
            printJson(QJsonObject{{QStringLiteral("cancelled"), array}}, io);
        } else {
            io.out << ids.size() << " envoi(s) annulé(s).\n";
        }
        return ExitSuccess;
    }
    if (action == QLatin1String("track")) {
        auto tracked = delivery->track();
        if (!tracked) {
            return report(tracked.error(), io);
        }
        if (json) {
            printJson(QJsonObject{{QStringLiteral("fetched"), tracked->fetched},
                                  {QStringLiteral("matched"), tracked->matched}},
                      io);
        } else {
            io.out << tracked->fetched << " message(s) lu(s), " << tracked->matched << " accusé(s) rapproché(s).\n";
        }
        return ExitSuccess;
    }
    if (action == QLatin1String("retry")) {
        if (parser.isSet(QStringLiteral("all"))) {
            if (auto n = delivery->retryAllFailed(); !n) {
                return report(n.error(), io);
            }
        }
        for (const qint64 id : ids) {
            if (auto done = delivery->retry(id); !done) {
                return report(done.error(), io);
            }
        }
        if (parser.isSet(QStringLiteral("no-send"))) {
            if (json) {
                printJson(QJsonObject{{QStringLiteral("requeued"), static_cast<int>(ids.size())}}, io);
            }
            return ExitSuccess;
        }
    }
    // retry (then deliver) and run.
    auto ran = delivery->run();
    if (!ran) {
        return report(ran.error(), io);
    }
    return printRun(*ran, json, io);
}

} // namespace missive::cli
