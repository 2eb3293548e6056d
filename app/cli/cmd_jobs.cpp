#include "cli.h"
#include "missive/engine/inbox.h"
#include "missive/engine/inbox_watcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace missive::cli
{
namespace
{

using engine::CapturedJob;
using engine::JobListing;

QString pagesText(const CapturedJob& job)
{
    return job.pages ? QString::number(*job.pages) : QStringLiteral("?");
}

void printListing(const JobListing& listing, bool quarantine, Streams& io)
{
    if (listing.jobs.isEmpty()) {
        io.out << (quarantine ? "Aucune impression en quarantaine.\n" : "Aucun document en attente.\n");
    }
    for (const auto& job : listing.jobs) {
        io.out << job.id << "  " << job.createdAt << "  " << pagesText(job) << " p.  " << job.title;
        if (quarantine) {
            io.out << "  [" << job.reason << "] " << job.reasonMessage;
        }
        io.out << '\n';
    }
    for (const auto& broken : listing.broken) {
        io.err << "missive : entrée illisible ignorée : " << broken.id << '\n';
    }
}

QJsonObject listingJson(const JobListing& listing)
{
    QJsonArray jobs;
    for (const auto& job : listing.jobs) {
        jobs.append(job.toJson());
    }
    QJsonArray broken;
    for (const auto& entry : listing.broken) {
        broken.append(QJsonObject{{QStringLiteral("id"), entry.id}, {QStringLiteral("error"), entry.detail}});
    }
    return QJsonObject{{QStringLiteral("jobs"), jobs}, {QStringLiteral("broken"), broken}};
}

void printJob(const CapturedJob& job, Streams& io)
{
    io.out << "Document : " << job.id << '\n'
           << "État : " << (job.state == CapturedJob::State::Waiting ? "en attente" : "en quarantaine") << '\n'
           << "Titre : " << job.title << '\n'
           << "Utilisateur : " << job.user << '\n'
           << "Poste : " << job.host << '\n'
           << "Reçu le : " << job.createdAt << '\n'
           << "Pages : " << pagesText(job) << '\n'
           << "Copies : " << job.copies << '\n'
           << "Taille : " << job.size << " octets\n"
           << "SHA-256 : " << job.sha256 << '\n'
           << "Fichier : " << job.document << '\n';
    if (job.encrypted) {
        io.out << "Attention : PDF chiffré.\n";
    }
    if (!job.reason.isEmpty()) {
        io.out << "Motif : " << job.reasonMessage << " (" << job.reason << ")\n";
    }
}

void printJson(const QJsonObject& object, Streams& io)
{
    io.out << QJsonDocument(object).toJson(QJsonDocument::Indented);
}

int watch(const engine::Inbox& inbox, bool once, int timeoutSeconds, bool json, Streams& io)
{
    engine::InboxWatcher watcher(inbox);
    int exitCode = ExitSuccess;
    const auto show = [&](const CapturedJob& job) {
        if (json) {
            io.out << QJsonDocument(job.toJson()).toJson(QJsonDocument::Compact) << '\n';
        } else {
            io.out << (job.state == CapturedJob::State::Waiting ? "reçu " : "quarantaine ") << job.id << "  "
                   << pagesText(job) << " p.  " << job.title << '\n';
        }
        io.out.flush();
        if (once) {
            QCoreApplication::exit(ExitSuccess);
        }
    };
    QObject::connect(&watcher, &engine::InboxWatcher::jobArrived, show);
    QObject::connect(&watcher, &engine::InboxWatcher::jobQuarantined, show);
    QTimer timeout;
    if (timeoutSeconds > 0) {
        timeout.setSingleShot(true);
        QObject::connect(&timeout, &QTimer::timeout, [&] {
            if (once) {
                io.err << "missive : aucun document reçu en " << timeoutSeconds << " s.\n";
                exitCode = ExitNotFound;
            }
            QCoreApplication::exit(exitCode);
        });
        timeout.start(timeoutSeconds * 1000);
    }
    // Start inside the event loop so that an immediate exit() from --once is honoured.
    QTimer::singleShot(0, &watcher, &engine::InboxWatcher::start);
    const int loop = QCoreApplication::exec();
    return exitCode != ExitSuccess ? exitCode : loop;
}

} // namespace

int runJobs(const QStringList& args, Streams& io)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption spool(QStringLiteral("spool"), QStringLiteral("Racine des dossiers de réception."),
                                   QStringLiteral("DOSSIER"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Sortie JSON."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Fichier PDF à écrire (- : sortie standard)."),
                                    QStringLiteral("FICHIER"));
    const QCommandLineOption remove(QStringLiteral("delete"), QStringLiteral("Supprimer l'impression en quarantaine."));
    const QCommandLineOption once(QStringLiteral("once"), QStringLiteral("S'arrêter au premier document."));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Durée maximale d'attente."),
                                     QStringLiteral("SECONDES"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Aide."));
    parser.addOptions({spool, json, output, remove, once, timeout, help});
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list | show | take | quarantine | watch"));

    if (!parser.parse(QStringList{QStringLiteral("missive jobs")} + args)) {
        return usageError(parser.errorText(), io);
    }
    if (parser.isSet(help)) {
        io.out << mainHelp();
        return ExitSuccess;
    }
    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        return usageError(QStringLiteral("jobs attend une action : list, show, take, quarantine ou watch"), io);
    }
    const QString action = positional.takeFirst();
    const bool asJson = parser.isSet(json);
    const engine::Inbox inbox(engine::spoolRoot(parser.value(spool)));

    const auto expectArgs = [&](int count, const QString& what) {
        return positional.size() == count ? 0 : usageError(what, io);
    };

    if (action == QLatin1String("list")) {
        if (int rc = expectArgs(0, QStringLiteral("jobs list ne prend pas d'argument"))) {
            return rc;
        }
        auto listing = inbox.waiting();
        if (!listing) {
            return report(listing.error(), io);
        }
        asJson ? printJson(listingJson(*listing), io) : printListing(*listing, false, io);
        return ExitSuccess;
    }
    if (action == QLatin1String("show")) {
        if (int rc = expectArgs(1, QStringLiteral("usage : missive jobs show ID"))) {
            return rc;
        }
        auto job = inbox.job(positional.first());
        if (!job) {
            return report(job.error(), io);
        }
        asJson ? printJson(job->toJson(), io) : printJob(*job, io);
        return ExitSuccess;
    }
    if (action == QLatin1String("take")) {
        if (int rc = expectArgs(1, QStringLiteral("usage : missive jobs take ID --output FICHIER|-"))) {
            return rc;
        }
        if (!parser.isSet(output)) {
            return usageError(QStringLiteral("jobs take demande --output FICHIER (ou - pour la sortie standard)"), io);
        }
        auto job = inbox.take(positional.first(), parser.value(output));
        if (!job) {
            return report(job.error(), io);
        }
        if (parser.value(output) != QLatin1String("-")) {
            asJson ? printJson(job->toJson(), io)
                   : void(io.out << "Document " << job->id << " écrit dans " << job->document << ".\n");
        }
        return ExitSuccess;
    }
    if (action == QLatin1String("quarantine")) {
        if (positional.size() > 1) {
            return usageError(QStringLiteral("usage : missive jobs quarantine [ID] [--delete]"), io);
        }
        if (positional.isEmpty()) {
            if (parser.isSet(remove)) {
                return usageError(QStringLiteral("--delete demande l'ID de l'impression"), io);
            }
            auto listing = inbox.quarantined();
            if (!listing) {
                return report(listing.error(), io);
            }
            asJson ? printJson(listingJson(*listing), io) : printListing(*listing, true, io);
            return ExitSuccess;
        }
        auto job = inbox.job(positional.first());
        if (job && job->state != CapturedJob::State::Quarantined) {
            return report(
                Error{ErrorCode::NotFound, QStringLiteral("%1 n'est pas en quarantaine.").arg(positional.first()), {}},
                io);
        }
        if (!job) {
            return report(job.error(), io);
        }
        if (parser.isSet(remove)) {
            if (auto removed = inbox.discardQuarantined(job->id); !removed) {
                return report(removed.error(), io);
            }
            io.out << "Impression " << job->id << " supprimée de la quarantaine.\n";
            return ExitSuccess;
        }
        asJson ? printJson(job->toJson(), io) : printJob(*job, io);
        return ExitSuccess;
    }
    if (action == QLatin1String("watch")) {
        if (int rc = expectArgs(0, QStringLiteral("jobs watch ne prend pas d'argument"))) {
            return rc;
        }
        bool ok = true;
        const int seconds = parser.isSet(timeout) ? parser.value(timeout).toInt(&ok) : 0;
        if (!ok || seconds < 0) {
            return usageError(QStringLiteral("--timeout attend un nombre de secondes"), io);
        }
        return watch(inbox, parser.isSet(once), seconds, asJson, io);
    }
    return usageError(QStringLiteral("action inconnue pour jobs : %1").arg(action), io);
}

} // namespace missive::cli
