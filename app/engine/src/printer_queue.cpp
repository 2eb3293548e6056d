#include "missive/engine/printer_queue.h"

#include "missive/engine/inbox.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryFile>
#include <QThread>
#include <cerrno>
#include <cstring>
#include <cups/cups.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace missive::engine
{
namespace
{

bool isValidQueueName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,127}$"));
    return pattern.match(name).hasMatch();
}

Result<void> checkName(const QString& name)
{
    if (!isValidQueueName(name)) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Nom d'imprimante invalide : lettres, chiffres, _ et - uniquement."),
                         QStringLiteral("bad queue name"));
    }
    return {};
}

Result<void> runTool(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted()) {
        return makeError(ErrorCode::ExternalTool,
                         QStringLiteral("%1 introuvable : installez le paquet cups-client.").arg(program),
                         process.errorString());
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(120'000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString output = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        return makeError(ErrorCode::ExternalTool, QStringLiteral("%1 a échoué : %2").arg(program, output),
                         QStringLiteral("%1 exit %2").arg(program).arg(process.exitCode()));
    }
    return {};
}

// The spool root must exist, belong to root and be closed to writes by others,
// with search access for users (mode 0711) so that each reaches its own directory.
Result<void> prepareSpoolRoot(const QString& root)
{
    const QByteArray path = QFile::encodeName(root);
    struct stat st = {};
    if (lstat(path.constData(), &st) != 0) {
        if (errno != ENOENT) {
            return makeError(ErrorCode::Io, QStringLiteral("Dossier %1 inaccessible.").arg(root),
                             QString::fromLocal8Bit(std::strerror(errno)));
        }
        if (geteuid() != 0) {
            return makeError(ErrorCode::PermissionDenied,
                             QStringLiteral("Le dossier %1 n'existe pas : lancez la commande en root.").arg(root),
                             QStringLiteral("spool root missing"));
        }
        if (mkdir(path.constData(), 0711) != 0 || lstat(path.constData(), &st) != 0) {
            return makeError(ErrorCode::Io, QStringLiteral("Impossible de créer %1.").arg(root),
                             QString::fromLocal8Bit(std::strerror(errno)));
        }
    }
    if (!S_ISDIR(st.st_mode)) {
        return makeError(ErrorCode::UnsafePath,
                         QStringLiteral("%1 doit être un vrai dossier (pas un lien symbolique).").arg(root),
                         QStringLiteral("spool root is not a directory"));
    }
    if (st.st_uid != 0 || (st.st_mode & 07777) != 0711) {
        if (geteuid() != 0) {
            return makeError(ErrorCode::UnsafePath,
                             QStringLiteral("%1 doit appartenir à root avec le mode 0711.").arg(root),
                             QStringLiteral("spool root owner or mode"));
        }
        if (chown(path.constData(), 0, 0) != 0 || chmod(path.constData(), 0711) != 0) {
            return makeError(ErrorCode::Io, QStringLiteral("Impossible de corriger les droits de %1.").arg(root),
                             QString::fromLocal8Bit(std::strerror(errno)));
        }
    }
    return {};
}

// The queue's operation policy: a job is created only by a user CUPS has authenticated, which on
// the local socket is the peer's uid (PeerCred, no password asked); `lp -U other` is then refused
// ("Unauthorized") instead of landing in other's spool as other's letter. Remote clients cannot
// authenticate that way: a relaying queue (--allow-remote) keeps CUPS's default policy.
constexpr auto PolicyName = "missive";
constexpr auto PolicyBlock = R"(
# Added by `missive printer install`: jobs of the Missive queue come from authenticated local users.
<Policy missive>
  JobPrivateAccess default
  JobPrivateValues default
  SubscriptionPrivateAccess default
  SubscriptionPrivateValues default
  <Limit Create-Job Print-Job Print-URI Validate-Job>
    AuthType Basic
    Require valid-user
    Order deny,allow
  </Limit>
  <Limit Send-Document Send-URI Hold-Job Release-Job Restart-Job Purge-Jobs Set-Job-Attributes Create-Job-Subscription Renew-Subscription Cancel-Subscription Get-Notifications Reprocess-Job Cancel-Current-Job Suspend-Current-Job Resume-Job Cancel-My-Jobs Close-Job CUPS-Move-Job CUPS-Get-Document>
    AuthType Basic
    Require user @OWNER @SYSTEM
    Order deny,allow
  </Limit>
  <Limit CUPS-Authenticate-Job>
    AuthType Basic
    Require user @OWNER @SYSTEM
    Order deny,allow
  </Limit>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
)";

// Whether the scheduler answers (after it reloads its configuration).
bool schedulerAnswers()
{
    http_t* http = httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC, cupsEncryption(), 1, 5000, nullptr);
    if (!http) {
        return false;
    }
    ipp_t* response = cupsDoRequest(http, ippNewRequest(IPP_OP_CUPS_GET_DEFAULT), "/");
    const bool ok = response != nullptr; // any answer, "no default printer" included
    ippDelete(response);
    httpClose(http);
    return ok;
}

// Adds the policy to the scheduler's cupsd.conf through its administration interface (as
// cupsctl does), once; the scheduler then reloads its configuration.
Result<void> ensurePolicy()
{
    QTemporaryFile conf;
    if (!conf.open()) {
        return makeError(ErrorCode::Io, QStringLiteral("Impossible de préparer la configuration de CUPS."),
                         conf.errorString());
    }
    const QByteArray name = QFile::encodeName(conf.fileName());
    // An explicit connection: libcups 2.4's CUPS_HTTP_DEFAULT does not reach a scheduler named by
    // a socket path in CUPS_SERVER.
    std::unique_ptr<http_t, decltype(&httpClose)> http(
        httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC, cupsEncryption(), 1, 30000, nullptr), &httpClose);
    if (!http) {
        return makeError(ErrorCode::ExternalTool, QStringLiteral("CUPS ne répond pas."),
                         QString::fromUtf8(cupsLastErrorString()));
    }
    if (cupsGetFile(http.get(), "/admin/conf/cupsd.conf", name.constData()) != HTTP_STATUS_OK) {
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("Lecture de la configuration de CUPS refusée : lancez la commande en root."),
                         QString::fromUtf8(cupsLastErrorString()));
    }
    QByteArray text = conf.readAll();
    if (text.contains(QByteArray(QByteArray("<Policy ") + PolicyName + '>'))) {
        return {};
    }
    text += PolicyBlock;
    if (!conf.resize(0) || !conf.seek(0) || conf.write(text) != text.size() || !conf.flush()) {
        return makeError(ErrorCode::Io, QStringLiteral("Impossible de préparer la configuration de CUPS."),
                         conf.errorString());
    }
    if (cupsPutFile(http.get(), "/admin/conf/cupsd.conf", name.constData()) != HTTP_STATUS_CREATED) {
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("Écriture de la configuration de CUPS refusée : lancez la commande en root."),
                         QString::fromUtf8(cupsLastErrorString()));
    }
    http.reset();
    // cupsd reloads once its clients are served: wait until it answers again.
    for (int attempt = 0; attempt < 60; ++attempt) {
        QThread::msleep(500);
        if (schedulerAnswers()) {
            return {};
        }
    }
    return makeError(ErrorCode::ExternalTool, QStringLiteral("CUPS ne répond plus après la mise à jour de sa configuration."),
                     QStringLiteral("scheduler did not come back"));
}

QString stateName(int state)
{
    switch (state) {
    case IPP_PSTATE_IDLE:
        return QStringLiteral("idle");
    case IPP_PSTATE_PROCESSING:
        return QStringLiteral("processing");
    case IPP_PSTATE_STOPPED:
        return QStringLiteral("stopped");
    default:
        return QStringLiteral("unknown");
    }
}

} // namespace

QJsonObject QueueStatus::toJson() const
{
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("device_uri"), deviceUri},
        {QStringLiteral("state"), state},
        {QStringLiteral("state_message"), stateMessage},
        {QStringLiteral("state_reasons"), stateReasons},
        {QStringLiteral("accepting_jobs"), acceptingJobs},
        {QStringLiteral("pending_jobs"), pendingJobs},
    };
}

QString deviceUri(const QueueOptions& options)
{
    QString uri = QStringLiteral("missive:") + (options.spoolRoot.isEmpty() ? QStringLiteral("/") : options.spoolRoot);
    if (options.allowRemote) {
        uri += QStringLiteral("?remote=allow");
    }
    return uri;
}

Result<void> installQueue(const QueueOptions& options)
{
    if (auto ok = checkName(options.name); !ok) {
        return ok;
    }
    if (!options.spoolRoot.isEmpty() && !options.spoolRoot.startsWith(QLatin1Char('/'))) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Le dossier de réception doit être un chemin absolu."),
                         QStringLiteral("relative spool root"));
    }
    if (auto ok = prepareSpoolRoot(options.spoolRoot.isEmpty() ? spoolRoot() : options.spoolRoot); !ok) {
        return ok;
    }
    // lpadmin needs the PPD as a file; ours is compiled in.
    QTemporaryFile ppd;
    QFile source(QStringLiteral(":/missive/missive.ppd"));
    if (!source.open(QIODevice::ReadOnly) || !ppd.open() || ppd.write(source.readAll()) <= 0 || !ppd.flush()) {
        return makeError(ErrorCode::Io, QStringLiteral("Impossible de préparer la description de l'imprimante."),
                         ppd.errorString());
    }
    ppd.setPermissions(QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    QStringList arguments{QStringLiteral("-p"),
                                options.name,
                                QStringLiteral("-E"),
                                QStringLiteral("-v"),
                                deviceUri(options),
                                QStringLiteral("-P"),
                                ppd.fileName(),
                                QStringLiteral("-D"),
                                QStringLiteral("Missive"),
                                QStringLiteral("-L"),
                                QStringLiteral("Envoi sécurisé des courriers"),
                                QStringLiteral("-o"),
                                QStringLiteral("printer-error-policy=abort-job"),
                                QStringLiteral("-o"),
                                QStringLiteral("printer-is-shared=false"),
                                QStringLiteral("-o"),
                                QStringLiteral("PageSize=A4"),
                                QStringLiteral("-o"),
                                QStringLiteral("printer-op-policy=%1")
                                    .arg(options.allowRemote ? QStringLiteral("default")
                                                             : QString::fromLatin1(PolicyName))};
    if (!options.allowRemote) {
        if (auto policy = ensurePolicy(); !policy) {
            return policy;
        }
    }
    // A busy or just-started cupsd sometimes drops lpadmin's connection mid-request ("Bad file
    // descriptor", "Broken pipe"); the same request again is harmless (lpadmin -p is idempotent).
    Result<void> done;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        done = runTool(QStringLiteral("lpadmin"), arguments);
        const bool dropped = !done
                             && (done.error().userMessage.contains(QLatin1String("Bad file descriptor"))
                                 || done.error().userMessage.contains(QLatin1String("Broken pipe"))
                                 || done.error().userMessage.contains(QLatin1String("Connection reset")));
        if (!dropped) {
            break;
        }
        QThread::sleep(1);
    }
    return done;
}

Result<void> removeQueue(const QString& name)
{
    if (auto ok = checkName(name); !ok) {
        return ok;
    }
    if (auto status = queueStatus(name); !status) {
        return tl::make_unexpected(status.error());
    }
    return runTool(QStringLiteral("lpadmin"), {QStringLiteral("-x"), name});
}

Result<QueueStatus> queueStatus(const QString& name)
{
    if (auto ok = checkName(name); !ok) {
        return tl::make_unexpected(ok.error());
    }
    // libcups reports "not found" when the scheduler is down: ask it first.
    http_t* http = httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC, cupsEncryption(), 1, 10'000, nullptr);
    if (!http) {
        return makeError(
            ErrorCode::Unavailable,
            QStringLiteral("Le service d'impression CUPS ne répond pas (%1).").arg(QString::fromUtf8(cupsServer())),
            QString::fromUtf8(cupsLastErrorString()));
    }
    const QByteArray queue = name.toUtf8();
    cups_dest_t* dest = cupsGetNamedDest(http, queue.constData(), nullptr);
    if (!dest) {
        httpClose(http);
        return makeError(ErrorCode::NotFound, QStringLiteral("L'imprimante %1 n'est pas installée.").arg(name),
                         QStringLiteral("no such queue"));
    }
    const auto option = [dest](const char* key) {
        return QString::fromUtf8(cupsGetOption(key, dest->num_options, dest->options));
    };
    QueueStatus status;
    status.name = name;
    status.deviceUri = option("device-uri");
    status.state = stateName(option("printer-state").toInt());
    status.stateMessage = option("printer-state-message");
    status.stateReasons = option("printer-state-reasons");
    status.acceptingJobs = option("printer-is-accepting-jobs") == QLatin1String("true");
    cupsFreeDests(1, dest);

    cups_job_t* jobs = nullptr;
    const int count = cupsGetJobs2(http, &jobs, queue.constData(), 0, CUPS_WHICHJOBS_ACTIVE);
    status.pendingJobs = count > 0 ? count : 0;
    cupsFreeJobs(count, jobs);
    httpClose(http);
    return status;
}

} // namespace missive::engine
