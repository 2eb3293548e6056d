#pragma once
// A small MIME reader (RFC 5322 / 2045 / 2046): enough to read delivery reports (DSN, MDN) and to
// check messages in tests. Not a general-purpose mail parser.

#include <QByteArray>
#include <QList>
#include <QString>

namespace missive::transport
{

struct MimeHeader
{
    QByteArray name;
    QByteArray value; // unfolded, raw (encoded-words not decoded)
};

struct MimePart
{
    QList<MimeHeader> headers;
    QByteArray body;       // transfer-decoded (base64, quoted-printable)
    QList<MimePart> parts; // for multipart/*

    [[nodiscard]] QByteArray header(const QByteArray& name) const; // first, case-insensitive
    [[nodiscard]] QByteArray mimeType() const;                     // lowercase, "text/plain" by default
    [[nodiscard]] QByteArray parameter(const QByteArray& header, const QByteArray& name) const;
    [[nodiscard]] QString fileName() const; // Content-Disposition filename or Content-Type name
    // Depth-first list of the leaf parts.
    [[nodiscard]] QList<const MimePart*> leaves() const;
};

[[nodiscard]] MimePart parseMime(const QByteArray& raw);
// Header block only ("Name: value" lines), e.g. the fields of message/disposition-notification.
[[nodiscard]] QList<MimeHeader> parseHeaderBlock(const QByteArray& block);
// "<id@host>" or "id@host" → "id@host".
[[nodiscard]] QString bareMessageId(const QByteArray& value);

} // namespace missive::transport
