#pragma once
// An MSSanté message (DIGEST §3.2): the letter's attachments plus the X-MSS-* headers. Built into
// libcurl MIME parts (curl_mime_*) by SmtpSender; header values are sanitised here.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace missive
{
struct PatientIdentity;
}

namespace missive::transport
{

struct Attachment
{
    QString fileName; // ASCII is safest: MSSanté clients and XDM expect plain names
    QString mimeType;
    QByteArray bytes;
};

struct MssanteMessage
{
    QString from;
    QStringList to;
    QString subject;
    QString body;      // text/plain, UTF-8
    QString messageId; // without angle brackets: "<uuid>@<sender domain>"; fixed at enqueue
    QDateTime date;
    // X-MSS-CODECDA: the CDA header `code` of each CDA in the attached IHE_XDM ("11490-0"),
    // comma-separated; emitted only with an IHE_XDM attachment.
    QStringList codesCda;
    // X-MSS-INS: O when a qualified INS (matricule + OID + strict traits) is in the archive, else N;
    // emitted only with an IHE_XDM attachment.
    bool qualifiedIns = false;
    QString nil;                       // X-MSS-NIL: on every message
    QString dispositionNotificationTo; // requests an MDN when set
    bool noReply = false;              // X-MSS-MES: FIN (patient mailbox only)
    QList<Attachment> attachments;

    [[nodiscard]] bool hasXdm() const;
    // Every header line (name: value) for CURLOPT_HTTPHEADER, values sanitised and RFC 2047
    // encoded when not ASCII.
    [[nodiscard]] QList<QByteArray> headerLines() const;
};

inline constexpr auto PatientMailboxDomain = "patient.mssante.fr";
inline constexpr auto XdmFileName = "IHE_XDM.zip";

// Control characters (CR, LF, TAB, DEL…) become a space: no header injection.
[[nodiscard]] QString sanitizeHeaderValue(const QString& value);
// A header value ready for the wire: sanitised, and an RFC 2047 encoded-word (UTF-8, base64)
// when it holds non-ASCII characters.
[[nodiscard]] QByteArray encodeHeaderValue(const QString& value);
// A file name that every mail client and ISO 9660 tool accepts: accents folded, [A-Za-z0-9._-].
[[nodiscard]] QString safeAttachmentName(const QString& name);
// "<matricule>@patient.mssante.fr" for a valid INS with its strict traits, else nullopt.
[[nodiscard]] std::optional<QString> patientMailbox(const PatientIdentity& patient);
// A new globally unique Message-ID for this sender ("<uuid>@domain", no brackets).
[[nodiscard]] QString newMessageId(const QString& senderAddress);

} // namespace missive::transport
