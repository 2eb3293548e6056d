#include "missive/transport/mssante_message.h"

#include "missive/core/patient.h"

#include <QUuid>

namespace missive::transport
{

bool MssanteMessage::hasXdm() const
{
    for (const auto& attachment : attachments) {
        if (attachment.fileName.compare(QLatin1String(XdmFileName), Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

QList<QByteArray> MssanteMessage::headerLines() const
{
    QList<QByteArray> lines;
    const auto add = [&lines](const char* name, const QString& value) {
        lines.append(QByteArray(name) + ": " + encodeHeaderValue(value));
    };
    const QDateTime when = date.isValid() ? date : QDateTime::currentDateTimeUtc();
    lines.append("Date: " + when.toString(Qt::RFC2822Date).toLatin1());
    add("From", from);
    add("To", to.join(QStringLiteral(", ")));
    add("Subject", subject);
    add("Message-ID", QStringLiteral("<%1>").arg(messageId));
    if (hasXdm()) {
        if (!codesCda.isEmpty()) {
            add("X-MSS-CODECDA", codesCda.join(u','));
        }
        add("X-MSS-INS", qualifiedIns ? QStringLiteral("O") : QStringLiteral("N"));
    }
    if (!nil.isEmpty()) {
        add("X-MSS-NIL", nil);
    }
    if (noReply) {
        add("X-MSS-MES", QStringLiteral("FIN"));
    }
    if (!dispositionNotificationTo.isEmpty()) {
        add("Disposition-Notification-To", dispositionNotificationTo);
    }
    return lines;
}

QString sanitizeHeaderValue(const QString& value)
{
    QString clean;
    clean.reserve(value.size());
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        const bool control = u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0) || u == 0x2028 || u == 0x2029;
        clean.append(control ? QChar(u' ') : c);
    }
    return clean.trimmed();
}

QByteArray encodeHeaderValue(const QString& value)
{
    const QString clean = sanitizeHeaderValue(value);
    bool ascii = true;
    for (const QChar c : clean) {
        if (c.unicode() >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii) {
        return clean.toLatin1();
    }
    // RFC 2047: encoded-words of at most 75 characters, split on whole UTF-8 sequences.
    QByteArray out;
    QByteArray chunk;
    const auto flush = [&] {
        if (chunk.isEmpty()) {
            return;
        }
        if (!out.isEmpty()) {
            out += "\r\n ";
        }
        out += "=?UTF-8?B?" + chunk.toBase64() + "?=";
        chunk.clear();
    };
    for (int i = 0; i < clean.size(); ++i) {
        QString one(clean.at(i));
        if (clean.at(i).isHighSurrogate() && i + 1 < clean.size()) {
            one.append(clean.at(++i));
        }
        const QByteArray utf8 = one.toUtf8();
        if ((chunk.size() + utf8.size() + 2) / 3 * 4 > 60) {
            flush();
        }
        chunk += utf8;
    }
    flush();
    return out;
}

QString safeAttachmentName(const QString& name)
{
    const QString folded = name.normalized(QString::NormalizationForm_KD);
    QString out;
    for (const QChar c : folded) {
        if (c.category() == QChar::Mark_NonSpacing) {
            continue;
        }
        const char16_t u = c.unicode();
        const bool keep = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'.'
                          || u == u'-' || u == u'_';
        out.append(keep ? c : QChar(u'_'));
    }
    while (out.startsWith(u'.')) {
        out.remove(0, 1);
    }
    if (out.isEmpty()) {
        out = QStringLiteral("document.pdf");
    }
    return out.left(100);
}

std::optional<QString> patientMailbox(const PatientIdentity& patient)
{
    if (!patient.hasValidIns() || !patient.hasStrictTraits()) {
        return std::nullopt;
    }
    return patient.ins + u'@' + QLatin1String(PatientMailboxDomain);
}

QString newMessageId(const QString& senderAddress)
{
    const int at = senderAddress.lastIndexOf(u'@');
    QString domain = at >= 0 ? senderAddress.mid(at + 1) : QString();
    domain = sanitizeHeaderValue(domain).remove(u' ').remove(u'>').remove(u'<');
    if (domain.isEmpty()) {
        domain = QStringLiteral("missive.invalid");
    }
    return QUuid::createUuid().toString(QUuid::WithoutBraces) + u'@' + domain;
}

} // namespace missive::transport
