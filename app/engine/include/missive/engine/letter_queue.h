#pragma once
// What the secretary confirmed for one letter becomes outbox rows: one per recipient and channel,
// each professional sent by the channel the directory prefers, and the choice learned. Shared by
// `missive send` and the app's confirmation popup.

#include "missive/directory/directory.h"
#include "missive/engine/document_preparation.h"
#include "missive/settings/settings.h"
#include "missive/transport/outbox.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace missive::engine
{

struct Confirmation
{
    QStringList rpps;            // professionals, looked up in the directory
    QStringList addresses;       // free MSSanté addresses
    QString addressFallback;     // postal lines ('\n') used if mail to `addresses` fails for good
    bool patientMailbox = false; // <INS>@patient.mssante.fr (qualified INS only)
    bool allowPatientReply = false;
    bool dmp = false;      // the patient's DMP (qualified INS and a built CDA only)
    QString postalAddress; // an explicit postal letter to these lines; empty = none
    QString subject;       // empty = the document title
    QString body;          // empty = a short French covering note
    QString user;          // who confirmed (recorded with the learned preferences)
    QString spoolJobId;    // the print it came from, recorded with the document; empty from a file
    QString printedSha256; // that print's SHA-256, checked at intake (the PDF is not hashed again)
    QString authorChosen;  // the author's RPPS the secretary picked: learned as the establishment's staff

    // Whether it sends the letter anywhere: a professional, a typed address, the patient, a post.
    [[nodiscard]] bool hasRecipient() const
    {
        return !rpps.isEmpty() || !addresses.isEmpty() || patientMailbox || dmp || !postalAddress.isEmpty();
    }
};

struct QueuedLetter
{
    qint64 documentId = 0;
    QList<qint64> deliveryIds;
    QStringList warnings; // French, for the user (no patient data)
};

// A plausible e-mail address (an MSSanté address typed by hand): one @, a dotted domain.
[[nodiscard]] bool isMailAddress(const QString& text);
// Whether `text` ('\n' between lines) can be printed in an envelope's window (line count and
// lengths, printable characters); the error says what to change (French).
[[nodiscard]] Result<void> checkPostalAddress(const QString& text);

// Checks the whole confirmation before anything is written (InvalidArgument, French message: no
// recipient, no qualified INS for the patient channels, no CDA for the DMP, a professional the
// directory does not know (NotFound) or prefers not to receive letters), then queues the letter in
// one transaction and records each professional's channel as a confirmation.
[[nodiscard]] Result<QueuedLetter> queueLetter(const PreparedDocument& prepared, const QString& fileName,
                                               const Confirmation& confirmation, transport::Outbox& outbox,
                                               const transport::Settings& settings, directory::Directory* directory);

} // namespace missive::engine
