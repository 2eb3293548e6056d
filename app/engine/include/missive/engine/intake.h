#pragma once
// How a letter enters Missive, the one way for the CLI and the app. A print is claimed in the
// user's spool, read once and checked against the digest its capture recorded (an altered print
// goes to quarantine, with its reason, before anything reads it); those checked bytes are what the
// reader, the preview and the document use. Once the secretary confirmed it, the letter is queued
// with its print's job id, and only then does the print leave the spool.

#include "missive/directory/directory.h"
#include "missive/engine/delivery.h"
#include "missive/engine/inbox.h"
#include "missive/engine/letter_proposal.h"
#include "missive/engine/letter_queue.h"

#include <QByteArray>
#include <QString>

namespace missive::engine
{

// A print, read and checked: `pdf` is exactly what was printed.
struct IntakeLetter
{
    CapturedJob job;
    QByteArray pdf;
};

class Intake
{
public:
    explicit Intake(Inbox inbox = Inbox());

    [[nodiscard]] const Inbox& inbox() const;

    // The waiting print `jobId`, read and checked. Integrity: altered since it was printed, now in
    // quarantine (À vérifier says why); NotFound: taken meanwhile.
    [[nodiscard]] Result<IntakeLetter> open(const QString& jobId) const;

    // Reads the letter (reader as proposeLetter()), matches it in the directory (may be null) and
    // applies the rules of its type.
    [[nodiscard]] Result<LetterProposal> propose(const IntakeLetter& letter, directory::Directory* directory,
                                                 const transport::StructureSettings& structure,
                                                 const QString& softwareVersion,
                                                 ocr::LetterReader* reader = nullptr) const;

    // Queues what the secretary confirmed, with the print's job id, then removes the print from the
    // waiting list. Refuses a document that is not built on the checked bytes of `letter`.
    [[nodiscard]] Result<QueuedLetter> queue(const IntakeLetter& letter, const PreparedDocument& prepared,
                                             Confirmation confirmation, Delivery& delivery,
                                             directory::Directory* directory) const;

    // The secretary cancelled the letter: the print is deleted, unsent.
    [[nodiscard]] Result<void> discard(const IntakeLetter& letter) const;

private:
    Inbox m_inbox;
};

} // namespace missive::engine
