#include "missive/transport/mime_reader.h"

namespace missive::transport
{
namespace
{

// Splits "headers\r\n\r\nbody"; accepts bare LF.
std::pair<QByteArray, QByteArray> splitHeaders(const QByteArray& raw)
{
    qsizetype end = raw.indexOf("\r\n\r\n");
    qsizetype skip = 4;
    const qsizetype lf = raw.indexOf("\n\n");
    if (lf >= 0 && (end < 0 || lf < end)) {
        end = lf;
        skip = 2;
    }
    if (end < 0) {
        return {raw, QByteArray()};
    }
    return {raw.left(end), raw.mid(end + skip)};
}

QByteArray decodeQuotedPrintable(const QByteArray& in)
{
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in.at(i);
        if (c != '=') {
            out += c;
            continue;
        }
        if (i + 1 < in.size() && (in.at(i + 1) == '\n' || in.at(i + 1) == '\r')) {
            i += (in.at(i + 1) == '\r' && i + 2 < in.size() && in.at(i + 2) == '\n') ? 2 : 1;
            continue;
        }
        if (i + 2 < in.size()) {
            bool ok = false;
            const int v = in.mid(i + 1, 2).toInt(&ok, 16);
            if (ok) {
                out += static_cast<char>(v);
                i += 2;
                continue;
            }
        }
        out += c;
    }
    return out;
}

} // namespace

QList<MimeHeader> parseHeaderBlock(const QByteArray& block)
{
    QList<MimeHeader> headers;
    for (QByteArray line : block.split('\n')) {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (line.isEmpty()) {
            continue;
        }
        if ((line.at(0) == ' ' || line.at(0) == '\t') && !headers.isEmpty()) {
            headers.last().value += ' ' + line.trimmed();
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            continue;
        }
        headers.append(MimeHeader{line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return headers;
}

QByteArray MimePart::header(const QByteArray& name) const
{
    for (const auto& h : headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0) {
            return h.value;
        }
    }
    return {};
}

QByteArray MimePart::mimeType() const
{
    const QByteArray type = header("Content-Type").split(';').value(0).trimmed().toLower();
    return type.isEmpty() ? QByteArray("text/plain") : type;
}

QByteArray MimePart::parameter(const QByteArray& headerName, const QByteArray& name) const
{
    const QList<QByteArray> pieces = header(headerName).split(';');
    for (qsizetype i = 1; i < pieces.size(); ++i) {
        const QByteArray piece = pieces.at(i).trimmed();
        const qsizetype eq = piece.indexOf('=');
        if (eq > 0 && piece.left(eq).trimmed().compare(name, Qt::CaseInsensitive) == 0) {
            QByteArray value = piece.mid(eq + 1).trimmed();
            if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"')) {
                value = value.mid(1, value.size() - 2);
            }
            return value;
        }
    }
    return {};
}

QString MimePart::fileName() const
{
    QByteArray name = parameter("Content-Disposition", "filename");
    if (name.isEmpty()) {
        name = parameter("Content-Type", "name");
    }
    return QString::fromUtf8(name);
}

QList<const MimePart*> MimePart::leaves() const
{
    QList<const MimePart*> out;
    if (parts.isEmpty()) {
        out.append(this);
    }
    for (const auto& part : parts) {
        out.append(part.leaves());
    }
    return out;
}

MimePart parseMime(const QByteArray& raw)
{
    MimePart part;
    const auto [head, body] = splitHeaders(raw);
    part.headers = parseHeaderBlock(head);
    const QByteArray type = part.mimeType();
    const QByteArray encoding = part.header("Content-Transfer-Encoding").trimmed().toLower();
    if (type.startsWith("multipart/")) {
        const QByteArray boundary = part.parameter("Content-Type", "boundary");
        if (!boundary.isEmpty()) {
            const QByteArray delimiter = "--" + boundary;
            const QByteArray lineDelimiter = "\n" + delimiter;
            qsizetype pos = body.indexOf(delimiter);
            while (pos >= 0) {
                qsizetype start = pos + delimiter.size();
                if (body.mid(start, 2) == "--") {
                    break; // closing delimiter
                }
                start = body.indexOf('\n', start);
                if (start < 0) {
                    break;
                }
                ++start;
                const qsizetype next = body.indexOf(lineDelimiter, start);
                qsizetype end = next < 0 ? body.size() : next;
                if (end > start && body.at(end - 1) == '\r') {
                    --end;
                }
                part.parts.append(parseMime(body.mid(start, end - start)));
                pos = next < 0 ? -1 : next + 1;
            }
        }
        return part;
    }
    if (encoding == "base64") {
        part.body = QByteArray::fromBase64(body);
    } else if (encoding == "quoted-printable") {
        part.body = decodeQuotedPrintable(body);
    } else {
        part.body = body;
    }
    return part;
}

QString bareMessageId(const QByteArray& value)
{
    QByteArray v = value.trimmed();
    const qsizetype open = v.indexOf('<');
    const qsizetype close = v.indexOf('>', open + 1);
    if (open >= 0 && close > open) {
        v = v.mid(open + 1, close - open - 1);
    }
    return QString::fromUtf8(v.trimmed());
}

} // namespace missive::transport
