#include "missive/engine/intake.h"

#include "missive/ocr/analyzer.h"

#include <QFile>
#include <QFileInfo>

namespace missive::engine
{

Result<QByteArray> readLetterFile(const QString& path)
{
    const qint64 maxBytes = ocr::Limits{}.maxFileBytes;
    QFile file(path);
    if (!QFileInfo(path).isFile()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("Fichier introuvable : %1").arg(path),
                         QStringLiteral("not-found"));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::PermissionDenied, QStringLiteral("Lecture impossible : %1").arg(path),
                         file.errorString());
    }
    QByteArray pdf = file.read(maxBytes + 1);
    if (file.error() != QFileDevice::NoError) {
        return makeError(ErrorCode::Io, QStringLiteral("Lecture impossible : %1").arg(path), file.errorString());
    }
    if (pdf.size() > maxBytes) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 est trop volumineux pour un courrier (maximum %2 Mo).")
                             .arg(path)
                             .arg(maxBytes / (1024 * 1024)),
                         QStringLiteral("file-too-large"));
    }
    if (!pdf.startsWith("%PDF-")) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1 n'est pas un PDF").arg(path),
                         QStringLiteral("corrupt: no PDF header"));
    }
    return pdf;
}

Intake::Intake(Inbox inbox)
    : m_inbox(std::move(inbox))
{
}

const Inbox& Intake::inbox() const
{
    return m_inbox;
}

Result<IntakeLetter> Intake::open(const QString& jobId) const
{
    auto job = m_inbox.job(jobId);
    if (!job) {
        return tl::make_unexpected(job.error());
    }
    if (job->state != CapturedJob::State::Waiting) {
        return makeError(ErrorCode::Integrity,
                         QStringLiteral("Le document %1 est en quarantaine : %2").arg(jobId, job->reasonMessage),
                         QStringLiteral("quarantined: %1").arg(job->reason));
    }
    auto pdf = m_inbox.readPrinted(jobId, ocr::Limits{}.maxFileBytes);
    if (!pdf) {
        return tl::make_unexpected(pdf.error());
    }
    return IntakeLetter{std::move(*job), std::move(*pdf)};
}

Result<LetterProposal> Intake::propose(const IntakeLetter& letter, directory::Directory* directory,
                                       const transport::StructureSettings& structure, const QString& softwareVersion,
                                       ocr::LetterReader* reader) const
{
    return proposeLetter(letter.pdf, letter.job.title, directory, structure, softwareVersion, reader);
}

Result<QueuedLetter> Intake::queue(const IntakeLetter& letter, const PreparedDocument& prepared,
                                   Confirmation confirmation, Delivery& delivery, directory::Directory* directory) const
{
    // What goes out is what was printed, byte for byte.
    if (prepared.input.pdf != letter.pdf) {
        return makeError(ErrorCode::Integrity,
                         QStringLiteral("Le document %1 ne correspond pas à ce qui a été imprimé : il n'est pas "
                                        "envoyé.")
                             .arg(letter.job.id),
                         QStringLiteral("queued bytes differ from the printed ones"));
    }
    // The print is claimed while its letter is queued: taken or discarded elsewhere (another
    // session), it is not sent twice; it leaves the waiting list only once queued.
    confirmation.spoolJobId = letter.job.id;
    confirmation.printedSha256 = letter.job.sha256; // those very bytes were checked against it
    Result<QueuedLetter> queued;
    auto consumed = m_inbox.consume(letter.job.id, letter.job.sha256, [&]() -> Result<void> {
        queued = delivery.queue(prepared, QStringLiteral("courrier.pdf"), confirmation, directory);
        if (!queued) {
            return tl::make_unexpected(queued.error());
        }
        return {};
    });
    if (!consumed) {
        return tl::make_unexpected(consumed.error());
    }
    return queued;
}

Result<void> Intake::discard(const IntakeLetter& letter) const
{
    return m_inbox.consume(letter.job.id, letter.job.sha256, [] { return Result<void>{}; });
}

} // namespace missive::engine
