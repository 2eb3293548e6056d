#include "missive/engine/intake.h"

#include "missive/ocr/analyzer.h"

namespace missive::engine
{

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
