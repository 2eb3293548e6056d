#include "cli.h"
#include "missive/engine/printer_queue.h"

#include <QCommandLineParser>
#include <QJsonDocument>

namespace missive::cli
{

int runPrinter(const QStringList& args, Streams& io)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Nom de la file."), QStringLiteral("NOM"),
                                  engine::DefaultQueueName);
    const QCommandLineOption spool(QStringLiteral("spool"), QStringLiteral("Racine des dossiers de réception."),
                                   QStringLiteral("DOSSIER"));
    const QCommandLineOption allowRemote(QStringLiteral("allow-remote"),
                                         QStringLiteral("Accepter les impressions venant d'autres postes."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Sortie JSON."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Aide."));
    parser.addOptions({name, spool, allowRemote, json, help});
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("install | remove | status"));

    if (!parser.parse(QStringList{QStringLiteral("missive printer")} + args)) {
        return usageError(parser.errorText(), io);
    }
    if (parser.isSet(help)) {
        io.out << mainHelp();
        return ExitSuccess;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        return usageError(QStringLiteral("printer attend une action : install, remove ou status"), io);
    }
    const QString action = positional.first();
    const QString queue = parser.value(name);

    if (action == QLatin1String("install")) {
        engine::QueueOptions options;
        options.name = queue;
        options.spoolRoot = parser.value(spool);
        options.allowRemote = parser.isSet(allowRemote);
        if (auto ok = engine::installQueue(options); !ok) {
            return report(ok.error(), io);
        }
        io.out << "Imprimante « " << queue << " » installée (" << engine::deviceUri(options) << ").\n";
        return ExitSuccess;
    }
    if (action == QLatin1String("remove")) {
        if (auto ok = engine::removeQueue(queue); !ok) {
            return report(ok.error(), io);
        }
        io.out << "Imprimante « " << queue << " » supprimée ; les documents reçus sont conservés.\n";
        return ExitSuccess;
    }
    if (action == QLatin1String("status")) {
        auto status = engine::queueStatus(queue);
        if (!status) {
            return report(status.error(), io);
        }
        if (parser.isSet(json)) {
            io.out << QJsonDocument(status->toJson()).toJson(QJsonDocument::Indented);
            return ExitSuccess;
        }
        io.out << "Imprimante : " << status->name << '\n'
               << "Périphérique : " << status->deviceUri << '\n'
               << "État : " << status->state << (status->acceptingJobs ? "" : " (refuse les travaux)") << '\n'
               << "Travaux en cours : " << status->pendingJobs << '\n';
        if (!status->stateMessage.isEmpty()) {
            io.out << "Message : " << status->stateMessage << '\n';
        }
        return ExitSuccess;
    }
    return usageError(QStringLiteral("action inconnue pour printer : %1").arg(action), io);
}

} // namespace missive::cli
