#include "missive/engine/inbox.h"

#include "missive/core/safe_file.h"
#include "missive/ocr/analyzer.h"
#include "posix_printed_jobs.h"

#include <QFile>
#include <QtGlobal>
#include <algorithm>
#include <cerrno>
#include <unistd.h>

namespace missive::engine
{
namespace
{

using spool::JobArea;
using spool::TakeErrc;
using spool::TakeError;

QString fromStd(const std::string& text)
{
    return QString::fromStdString(text);
}

tl::unexpected<Error> toError(const TakeError& error, const QString& what)
{
    const QString detail = what + QStringLiteral(": ") + fromStd(error.detail);
    switch (error.code) {
    case TakeErrc::NotFound:
        return makeError(ErrorCode::NotFound, QStringLiteral("%1 introuvable (déjà pris ou inexistant).").arg(what),
                         detail);
    case TakeErrc::UnsafePath:
        if (error.system == ELOOP) {
            return makeError(ErrorCode::UnsafePath,
                             QStringLiteral("Un lien symbolique se trouve à la place d'un document du dossier de "
                                            "réception : refusé."),
                             detail);
        }
        return makeError(ErrorCode::UnsafePath,
                         QStringLiteral("Le dossier de réception a des droits anormaux (il doit n'être accessible "
                                        "qu'à vous)."),
                         detail);
    case TakeErrc::NoSpace:
        return makeError(ErrorCode::NoSpace, QStringLiteral("Espace disque insuffisant."), detail);
    case TakeErrc::BadMetadata:
        return makeError(ErrorCode::Integrity, QStringLiteral("Les informations du document sont illisibles."), detail);
    case TakeErrc::Integrity:
        // The claimed letter no longer matches what was printed: in quarantine now, where À vérifier
        // shows it with its reason; never read nor sent.
        return makeError(ErrorCode::Integrity,
                         QStringLiteral("%1 : il ne correspond plus à ce qui a été imprimé ; mis en quarantaine, "
                                        "il n'est pas envoyé.")
                             .arg(what),
                         detail);
    case TakeErrc::TooLarge:
    case TakeErrc::Refused:
    case TakeErrc::Io:
        break;
    }
    if (error.system == EACCES || error.system == EPERM) {
        return makeError(ErrorCode::PermissionDenied, QStringLiteral("Accès refusé au dossier de réception."), detail);
    }
    return makeError(ErrorCode::Io, QStringLiteral("Erreur d'accès au dossier de réception."), detail);
}

CapturedJob toJob(const spool::PrintedJob& printed, CapturedJob::State state)
{
    const auto& e = printed.envelope;
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
    job.directory = fromStd(printed.directory);
    job.document = fromStd(printed.document);
    return job;
}

Result<void> writeOutput(const QByteArray& pdf, const QString& output)
{
    if (output == QLatin1String("-")) {
        QFile out;
        if (!out.open(STDOUT_FILENO, QIODevice::WriteOnly, QFileDevice::DontCloseHandle) || out.write(pdf) != pdf.size()
            || !out.flush()) {
            return makeError(ErrorCode::Io, QStringLiteral("Écriture sur la sortie standard impossible."),
                             out.errorString());
        }
        return {};
    }
    // Written under a temporary name and renamed (a reader never sees half a letter), and never
    // through a link planted at that name in a shared directory.
    auto out = SafeFileWriter::open(output);
    if (!out) {
        return tl::unexpected(out.error());
    }
    if (auto written = out->write(pdf); !written) {
        return written;
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
    , m_jobs(std::make_shared<PosixPrintedJobs>(m_root.toStdString(), m_uid))
{
}

Inbox::Inbox(QString root, std::shared_ptr<const spool::PrintedJobs> jobs)
    : m_root(std::move(root))
    , m_uid(getuid())
    , m_jobs(std::move(jobs))
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

Result<JobListing> listArea(const spool::PrintedJobs& jobs, JobArea area)
{
    auto listing = jobs.list(area);
    if (!listing) {
        return toError(listing.error(), QStringLiteral("Dossier de réception"));
    }
    JobListing result;
    const auto state = area == JobArea::Waiting ? CapturedJob::State::Waiting : CapturedJob::State::Quarantined;
    for (const auto& job : listing->jobs) {
        result.jobs.append(toJob(job, state));
    }
    for (const auto& [id, detail] : listing->broken) {
        result.broken.append({fromStd(id), fromStd(detail)});
    }
    return result;
}

} // namespace

Result<JobListing> Inbox::waiting() const
{
    return listArea(*m_jobs, JobArea::Waiting);
}

Result<JobListing> Inbox::quarantined() const
{
    return listArea(*m_jobs, JobArea::Quarantined);
}

Result<CapturedJob> Inbox::job(const QString& id) const
{
    for (const JobArea area : {JobArea::Waiting, JobArea::Quarantined}) {
        auto found = m_jobs->find(area, id.toStdString());
        if (found) {
            return toJob(*found,
                         area == JobArea::Waiting ? CapturedJob::State::Waiting : CapturedJob::State::Quarantined);
        }
        if (found.error().code != TakeErrc::NotFound) {
            return toError(found.error(), QStringLiteral("Document %1").arg(id));
        }
    }
    return makeError(ErrorCode::NotFound, QStringLiteral("Document %1 introuvable.").arg(id),
                     QStringLiteral("no such job"));
}

Result<CapturedJob> Inbox::take(const QString& id, const QString& output) const
{
    auto job = this->job(id);
    if (!job) {
        return job;
    }
    // Bounded as every letter read: a print larger than the reader takes is no letter to take.
    auto pdf = readPrinted(id, ocr::Limits{}.maxFileBytes);
    if (!pdf) {
        return tl::make_unexpected(pdf.error());
    }
    // Written, then taken out of the waiting list: a failed write leaves the print waiting.
    auto consumed = consume(id, job->sha256, [&] { return writeOutput(*pdf, output); });
    if (!consumed) {
        return tl::make_unexpected(consumed.error());
    }
    job->directory.clear();
    job->document = output;
    return job;
}

Result<QByteArray> Inbox::readPrinted(const QString& id, qint64 maxBytes) const
{
    auto bytes = m_jobs->readPrinted(id.toStdString(), static_cast<std::uint64_t>(std::max<qint64>(0, maxBytes)));
    if (!bytes) {
        if (bytes.error().code == TakeErrc::TooLarge) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("Le document %1 est trop volumineux pour un courrier.").arg(id),
                             QStringLiteral("file-too-large"));
        }
        return toError(bytes.error(), QStringLiteral("Document %1").arg(id));
    }
    return QByteArray::fromStdString(*bytes);
}

Result<void> Inbox::consume(const QString& id, const QString& sha256, const std::function<Result<void>()>& work) const
{
    Result<void> done;
    auto consumed = m_jobs->consume(id.toStdString(), sha256.toStdString(), [&] {
        done = work();
        return done.has_value();
    });
    if (!done) {
        return done; // the caller's own error (the print is back in the waiting list)
    }
    if (!consumed) {
        if (consumed.error().code == TakeErrc::Integrity) {
            return makeError(ErrorCode::Integrity,
                             QStringLiteral("Le document %1 a changé depuis sa lecture : il reste en attente.").arg(id),
                             QStringLiteral("job metadata changed since it was read"));
        }
        return toError(consumed.error(), QStringLiteral("Document %1").arg(id));
    }
    return {};
}

Result<void> Inbox::discardQuarantined(const QString& id) const
{
    if (auto removed = m_jobs->removeQuarantined(id.toStdString()); !removed) {
        return toError(removed.error(), QStringLiteral("Document %1").arg(id));
    }
    return {};
}

} // namespace missive::engine
