// missive-relay: the sending service of a hospital group. The workstations queue their letters in
// the group's shared outbox ([storage] url) and need no private key; the relay holds the
// establishment's certificate and sends what is due, again and again, until it is stopped.
// Several relays may run at once (each row is taken by one of them; a dead relay's rows go to the
// others). It logs counts and row numbers only: never a patient, a recipient or a title.

#include "missive/engine/delivery.h"
#include "missive/settings/settings.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QTextStream>
#include <QThread>
#include <atomic>
#include <csignal>
#include <cstdio>

namespace
{

std::atomic<bool> stopping{false};

extern "C" void onStop(int)
{
    stopping = true;
}

void log(QTextStream& err, const QString& line)
{
    err << QDateTime::currentDateTimeUtc().toString(Qt::ISODate) << " missive-relay : " << line << '\n';
    err.flush();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("missive"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MISSIVE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Service d'envoi d'un groupe hospitalier : envoie les courriers que les postes ont mis dans "
                       "la file partagée ([storage] url), avec le certificat de l'établissement."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        {QStringLiteral("config"), QStringLiteral("fichier de configuration du service"), QStringLiteral("FICHIER")});
    parser.addOption({QStringLiteral("interval"),
                      QStringLiteral("secondes entre deux passages sur la file (défaut : 15)"),
                      QStringLiteral("SECONDES"), QStringLiteral("15")});
    parser.addOption({QStringLiteral("once"), QStringLiteral("un seul passage, puis s'arrête")});
    parser.process(app);

    bool ok = false;
    const int interval = parser.value(QStringLiteral("interval")).toInt(&ok);
    if (!ok || interval < 1 || interval > 3600) {
        err << "missive-relay : --interval attend un nombre de secondes entre 1 et 3600\n";
        return 2;
    }
    auto settings = missive::settings::loadSettings(parser.value(QStringLiteral("config")));
    if (!settings) {
        err << "missive-relay : " << settings.error().userMessage << '\n';
        return 2;
    }
    if (!settings->storage.isConfigured() || !settings->outboxPath.isEmpty()) {
        err << "missive-relay : le service envoie depuis la file partagée du groupe : donnez [storage] url (et "
               "pas de [outbox] path) dans sa configuration\n";
        return 2;
    }
    settings->softwareVersion = QStringLiteral(MISSIVE_VERSION);

    struct sigaction action = {};
    action.sa_handler = onStop;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);

    auto delivery = missive::engine::Delivery::open(*settings);
    if (!delivery) {
        err << "missive-relay : " << delivery.error().userMessage << '\n';
        return 1;
    }
    log(err, QStringLiteral("démarré sur %1, passage toutes les %2 s").arg(delivery->path()).arg(interval));
    std::optional<QDateTime> lastTracking;
    int exitCode = 0;
    do {
        auto ran = delivery->runPeriodic(lastTracking);
        if (!ran) {
            // The base or a channel is down: the letters stay queued; the next pass tries again.
            log(err, QStringLiteral("passage interrompu : %1").arg(ran.error().userMessage));
            exitCode = 1;
        } else {
            exitCode = 0;
            if (ran->sent + ran->failed + ran->requeued + ran->unavailable + ran->recovered + ran->maybeSent > 0) {
                log(err, QStringLiteral("%1 envoyé(s), %2 à réessayer, %3 en échec, %4 canal indisponible, %5 repris "
                                        "d'un expéditeur arrêté, %6 peut-être envoyé(s)")
                             .arg(ran->sent)
                             .arg(ran->requeued)
                             .arg(ran->failed)
                             .arg(ran->unavailable)
                             .arg(ran->recovered)
                             .arg(ran->maybeSent));
            }
        }
        for (int waited = 0; !parser.isSet(QStringLiteral("once")) && !stopping && waited < interval * 5; ++waited) {
            QThread::msleep(200);
        }
    } while (!parser.isSet(QStringLiteral("once")) && !stopping);
    log(err, QStringLiteral("arrêté"));
    return parser.isSet(QStringLiteral("once")) ? exitCode : 0;
}
