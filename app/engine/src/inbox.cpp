#include "missive/engine/inbox.h"

#include "missive/core/safe_file.h"
#include "missive/spool/user_spool.h"

#include <QCryptographicHash>
#include <QFile>
#include <QtGlobal>
#include <cerrno>
#include <unistd.h>

namespace missive::engine
{
namespace
{

using spool::Area;
using spool::SpoolErrc;
using spool::SpoolError;
using spool::UserSpool;

QString fromStd(const std::string& text)
{
    return QString::fromStdString(text);
}

tl::unexpected<Error> toError(const SpoolError& error, const QString& what)
{
    const QString detail = what + QStringLiteral(": ") + fromStd(error.detail);
    switch (error.code) {
    case SpoolErrc::NotFound:
        return makeError(ErrorCode::NotFound, QStringLiteral("%1 introuvable.").arg(what), detail);
    case SpoolErrc::UnsafePath:
        if (error.sysErrno == ELOOP) {
            return makeError(ErrorCode::UnsafePath,
                             QStringLiteral("Un lien symbolique se trouve à la place d'un document du dossier de "
                                            "réception : refusé."),
                             detail);
        }
        return makeError(ErrorCode::UnsafePath,
                         QStringLiteral("Le dossier de réception a des droits anormaux (attendu : 0700, à vous)."),
                         detail);
    case SpoolErrc::NoSpace:
        return makeError(ErrorCode::NoSpace, QStringLiteral("Espace disque insuffisant."), detail);
    case SpoolErrc::BadMetadata:
        return makeError(ErrorCode::Integrity, QStringLiteral("Les informations du document sont illisibles."), detail);
    case SpoolErrc::Io:
    case SpoolErrc::Cancelled:
        break;
    }
    if (error.sysErrno == EACCES || error.sysErrno == EPERM) {
        return makeError(ErrorCode::PermissionDenied, QStringLiteral("Accès refusé au dossier de réception."), detail);
    }
    return makeError(ErrorCode::Io, QStringLiteral("Erreur d'accès au dossier de réception."), detail);
}

CapturedJob toJob(const spool::ListedJob& listed, CapturedJob::State state)
{
    const auto& e = listed.envelope;
    CapturedJob job;
    job.id = fromStd(e.id);
    job.state = state;
    job.cupsJobId = e.cupsJobId;
    job.user = fromStd(e.user);
    job.title = fromStd(e.title);
    job.copies = e.copies;
    job.host = fromStd(e.host);
    job.printer = fromStd(e.printer);
    job.createdAt = fromStd(e.createdAt);
    job.sourceFormat = fromStd(e.sourceFormat);
    job.pages = e.pages;
    job.size = e.size;
    job.sha256 = fromStd(e.sha256);
    job.encrypted = e.encrypted;
    if (e.reason != spool::RejectReason::None) {
        job.reason = fromStd(std::string(spool::rejectReasonName(e.reason)));
        job.reasonMessage = fromStd(std::string(spool::rejectReasonMessage(e.reason)));
    }
    job.directory = fromStd(listed.path);
    const Area area = state == CapturedJob::State::Waiting ? Area::Jobs : Area::Quarantine;
    job.document = job.directory + QLatin1Char('/') + fromStd(std::string(spool::payloadName(area)));
    return job;
}

struct Digest
{
    QString sha256;
    qint64 size = 0;
};

// Streams the payload once to compute its digest (large prints stay out of memory).
Result<Digest> digestOf(QFile& file)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.seek(0) || !hash.addData(&file)) {
        return makeError(ErrorCode::Io, QStringLiteral("Document illisible."), file.errorString());
    }
    return Digest{QString::fromLatin1(hash.result().toHex()), file.size()};
}

// The letter from its start, a megabyte at a time, to `write`.
template <class Write> Result<void> copyTo(QFile& source, Write&& write)
{
    if (!source.seek(0)) {
        return makeError(ErrorCode::Io, QStringLiteral("Document illisible."), source.errorString());
    }
    QByteArray buffer;
    while (!source.atEnd()) {
        buffer = source.read(1 << 20);
        if (buffer.isEmpty() && source.error() != QFileDevice::NoError) {
            return makeError(ErrorCode::Io, QStringLiteral("Document illisible."), source.errorString());
        }
        if (auto written = write(buffer); !written) {
            return written;
        }
    }
    return {};
}

Result<void> writeOutput(QFile& source, const QString& output)
{
    if (output == QLatin1String("-")) {
        QFile out;
        if (!out.open(STDOUT_FILENO, QIODevice::WriteOnly, QFileDevice::DontCloseHandle)) {
            return makeError(ErrorCode::Io, QStringLiteral("Écriture sur la sortie standard impossible."),
                             out.errorString());
        }
        auto copied = copyTo(source, [&](const QByteArray& data) -> Result<void> {
            if (out.write(data) != data.size()) {
                return makeError(ErrorCode::Io, QStringLiteral("Écriture sur la sortie standard impossible."),
                                 out.errorString());
            }
            return {};
        });
        out.flush();
        return copied;
    }
    // Written under a temporary name and renamed (a reader never sees half a letter), and never
    // through a link planted at that name in a shared directory.
    auto out = SafeFileWriter::open(output);
    if (!out) {
        return tl::unexpected(out.error());
    }
    if (auto copied = copyTo(source, [&](const QByteArray& data) { return out->write(data); }); !copied) {
        return copied;
    }
    return out->commit();
}

} // namespace

QString spoolRoot(const QString& explicitRoot)
{
    if (!explicitRoot.isEmpty()) {
        return explicitRoot;
    }
    const QString fromEnv = qEnvironmentVariable("MISSIVE_SPOOL_DIR");
    return fromEnv.isEmpty() ? QStringLiteral(MISSIVE_DEFAULT_SPOOL_ROOT) : fromEnv;
}

QJsonObject CapturedJob::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("status"), state == State::Waiting ? QStringLiteral("waiting") : QStringLiteral("quarantined")},
        {QStringLiteral("cups_job_id"), static_cast<qint64>(cupsJobId)},
        {QStringLiteral("user"), user},
        {QStringLiteral("title"), title},
        {QStringLiteral("copies"), copies},
        {QStringLiteral("host"), host},
        {QStringLiteral("printer"), printer},
        {QStringLiteral("created"), createdAt},
        {QStringLiteral("source_format"), sourceFormat},
        {QStringLiteral("pages"), pages ? QJsonValue(*pages) : QJsonValue()},
        {QStringLiteral("size"), static_cast<qint64>(size)},
        {QStringLiteral("sha256"), sha256},
        {QStringLiteral("encrypted"), encrypted},
        {QStringLiteral("reason"), reason.isEmpty() ? QJsonValue() : QJsonValue(reason)},
        {QStringLiteral("reason_message"), reasonMessage.isEmpty() ? QJsonValue() : QJsonValue(reasonMessage)},
        {QStringLiteral("directory"), directory},
        {QStringLiteral("document"), document},
    };
}

Inbox::Inbox(QString root, uid_t uid)
    : m_root(std::move(root))
    , m_uid(uid == static_cast<uid_t>(-1) ? getuid() : uid)
{
}

const QString& Inbox::root() const
{
    return m_root;
}

QString Inbox::userDirectory() const
{
    return m_root + QLatin1Char('/') + QString::number(m_uid);
}

QString Inbox::jobsDirectory() const
{
    return userDirectory() + QStringLiteral("/jobs");
}

namespace
{

// NotFound for a missing spool means "never printed": an empty listing.
Result<JobListing> listArea(const QString& root, uid_t uid, Area area)
{
    auto opened = UserSpool::openPath(root.toStdString(), uid);
    if (!opened) {
        if (opened.error().code == SpoolErrc::NotFound) {
            return JobListing{};
        }
        return toError(opened.error(), QStringLiteral("Dossier de réception"));
    }
    if (area == Area::Jobs) {
        opened->restoreStaleClaims(std::chrono::minutes(10));
    }
    auto listing = opened->list(area);
    if (!listing) {
        return toError(listing.error(), QStringLiteral("Dossier de réception"));
    }
    JobListing result;
    const auto state = area == Area::Jobs ? CapturedJob::State::Waiting : CapturedJob::State::Quarantined;
    for (const auto& job : listing->jobs) {
        result.jobs.append(toJob(job, state));
    }
    for (const auto& broken : listing->broken) {
        result.broken.append({fromStd(broken.id), fromStd(broken.detail)});
    }
    return result;
}

} // namespace

Result<JobListing> Inbox::waiting() const
{
    return listArea(m_root, m_uid, Area::Jobs);
}

Result<JobListing> Inbox::quarantined() const
{
    return listArea(m_root, m_uid, Area::Quarantine);
}

Result<CapturedJob> Inbox::job(const QString& id) const
{
    auto opened = UserSpool::openPath(m_root.toStdString(), m_uid);
    if (!opened) {
        return toError(opened.error(), QStringLiteral("Document %1").arg(id));
    }
    for (const Area area : {Area::Jobs, Area::Quarantine}) {
        auto listed = opened->read(area, id.toStdString());
        if (listed) {
            return toJob(*listed, area == Area::Jobs ? CapturedJob::State::Waiting : CapturedJob::State::Quarantined);
        }
        if (listed.error().code != SpoolErrc::NotFound) {
            return toError(listed.error(), QStringLiteral("Document %1").arg(id));
        }
    }
    return makeError(ErrorCode::NotFound, QStringLiteral("Document %1 introuvable.").arg(id),
                     QStringLiteral("no such job"));
}

namespace
{

Result<spool::ListedJob> claimWaiting(const UserSpool& spool, const QString& id)
{
    auto claimed = spool.claim(id.toStdString());
    if (!claimed) {
        if (claimed.error().code == SpoolErrc::NotFound) {
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("Document %1 introuvable (déjà pris ou inexistant).").arg(id),
                             QStringLiteral("no such waiting job"));
        }
        return toError(claimed.error(), QStringLiteral("Document %1").arg(id));
    }
    return std::move(*claimed);
}

// The claimed letter no longer matches what was printed: it goes to quarantine, where À vérifier
// shows it with its reason, and is never read nor sent.
tl::unexpected<Error> quarantineAltered(const UserSpool& spool, const spool::ListedJob& claimed, const QString& id)
{
    auto envelope = claimed.envelope;
    envelope.reason = spool::RejectReason::Integrity;
    if (!spool.quarantineClaim(claimed.envelope.id, envelope)) {
        (void)spool.releaseClaim(claimed.envelope.id);
    }
    return makeError(ErrorCode::Integrity,
                     QStringLiteral("Le document %1 ne correspond plus à ce qui a été imprimé : mis en quarantaine, "
                                    "il n'est pas envoyé.")
                         .arg(id),
                     QStringLiteral("sha256 mismatch"));
}

} // namespace

Result<CapturedJob> Inbox::take(const QString& id, const QString& output) const
{
    auto opened = UserSpool::openPath(m_root.toStdString(), m_uid);
    if (!opened) {
        return toError(opened.error(), QStringLiteral("Document %1").arg(id));
    }
    const std::string key = id.toStdString();
    auto claimed = claimWaiting(*opened, id);
    if (!claimed) {
        return tl::make_unexpected(claimed.error());
    }
    const auto release = [&] { (void)opened->releaseClaim(key); };

    auto fd = opened->openClaimedPayload(key);
    if (!fd) {
        release();
        return toError(fd.error(), QStringLiteral("Document %1").arg(id));
    }
    QFile payload;
    if (!payload.open(fd->get(), QIODevice::ReadOnly, QFileDevice::DontCloseHandle)) {
        release();
        return makeError(ErrorCode::Io, QStringLiteral("Document illisible."), payload.errorString());
    }
    auto digest = digestOf(payload);
    if (!digest) {
        release();
        return tl::make_unexpected(digest.error());
    }
    if (digest->sha256 != fromStd(claimed->envelope.sha256)
        || static_cast<quint64>(digest->size) != claimed->envelope.size) {
        return quarantineAltered(*opened, *claimed, id);
    }
    if (auto written = writeOutput(payload, output); !written) {
        release();
        return tl::make_unexpected(written.error());
    }
    auto job = toJob(*claimed, CapturedJob::State::Waiting);
    if (auto finished = opened->finishClaim(key); !finished) {
        return toError(finished.error(), QStringLiteral("Document %1").arg(id));
    }
    job.directory.clear();
    job.document = output;
    return job;
}

Result<QByteArray> Inbox::readPrinted(const QString& id, qint64 maxBytes) const
{
    auto opened = UserSpool::openPath(m_root.toStdString(), m_uid);
    if (!opened) {
        return toError(opened.error(), QStringLiteral("Document %1").arg(id));
    }
    const std::string key = id.toStdString();
    auto claimed = claimWaiting(*opened, id);
    if (!claimed) {
        return tl::make_unexpected(claimed.error());
    }
    const auto release = [&] { (void)opened->releaseClaim(key); };
    if (claimed->envelope.size > static_cast<quint64>(maxBytes)) {
        release();
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Le document %1 est trop volumineux pour un courrier (%2 Mo).")
                             .arg(id)
                             .arg(claimed->envelope.size / (1024 * 1024)),
                         QStringLiteral("file-too-large: %1 bytes").arg(claimed->envelope.size));
    }
    auto fd = opened->openClaimedPayload(key);
    if (!fd) {
        release();
        return toError(fd.error(), QStringLiteral("Document %1").arg(id));
    }
    QFile payload;
    if (!payload.open(fd->get(), QIODevice::ReadOnly, QFileDevice::DontCloseHandle)) {
        release();
        return makeError(ErrorCode::Io, QStringLiteral("Document illisible."), payload.errorString());
    }
    // One more byte than recorded: a payload that grew is caught without reading all of it.
    const QByteArray pdf = payload.read(static_cast<qint64>(claimed->envelope.size) + 1);
    if (payload.error() != QFileDevice::NoError) {
        release();
        return makeError(ErrorCode::Io, QStringLiteral("Document illisible."), payload.errorString());
    }
    const QString sha256 = QString::fromLatin1(QCryptographicHash::hash(pdf, QCryptographicHash::Sha256).toHex());
    if (sha256 != fromStd(claimed->envelope.sha256) || static_cast<quint64>(pdf.size()) != claimed->envelope.size) {
        return quarantineAltered(*opened, *claimed, id);
    }
    release();
    return pdf;
}

Result<void> Inbox::consume(const QString& id, const QString& sha256, const std::function<Result<void>()>& work) const
{
    auto opened = UserSpool::openPath(m_root.toStdString(), m_uid);
    if (!opened) {
        return toError(opened.error(), QStringLiteral("Document %1").arg(id));
    }
    auto claimed = claimWaiting(*opened, id);
    if (!claimed) {
        return tl::make_unexpected(claimed.error());
    }
    const std::string key = id.toStdString();
    if (fromStd(claimed->envelope.sha256) != sha256) {
        (void)opened->releaseClaim(key);
        return makeError(ErrorCode::Integrity,
                         QStringLiteral("Le document %1 a changé depuis sa lecture : il reste en attente.").arg(id),
                         QStringLiteral("job metadata changed since it was read"));
    }
    if (auto done = work(); !done) {
        (void)opened->releaseClaim(key);
        return done;
    }
    if (auto finished = opened->finishClaim(key); !finished) {
        return toError(finished.error(), QStringLiteral("Document %1").arg(id));
    }
    return {};
}

Result<void> Inbox::discardQuarantined(const QString& id) const
{
    auto opened = UserSpool::openPath(m_root.toStdString(), m_uid);
    if (!opened) {
        return toError(opened.error(), QStringLiteral("Document %1").arg(id));
    }
    if (auto removed = opened->removeQuarantined(id.toStdString()); !removed) {
        return toError(removed.error(), QStringLiteral("Document %1").arg(id));
    }
    return {};
}

} // namespace missive::engine
