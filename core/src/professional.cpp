#include "missive/core/professional.h"

namespace missive
{

QString mailboxTypeCode(MailboxType type)
{
    return type == MailboxType::Organisation ? QStringLiteral("ORG") : QStringLiteral("PER");
}

MailboxType mailboxTypeFromCode(QStringView code)
{
    return code.compare(QLatin1String("ORG"), Qt::CaseInsensitive) == 0 ? MailboxType::Organisation
                                                                        : MailboxType::Personal;
}

QString Professional::displayName() const
{
    QStringList parts;
    if (titleCode.compare(QLatin1String("DR"), Qt::CaseInsensitive) == 0) {
        parts << QStringLiteral("Dr");
    } else if (titleCode.compare(QLatin1String("PR"), Qt::CaseInsensitive) == 0) {
        parts << QStringLiteral("Pr");
    } else if (!title.isEmpty()) {
        parts << title;
    }
    if (!givenName.isEmpty()) {
        parts << givenName;
    }
    if (!familyName.isEmpty()) {
        parts << familyName;
    }
    return parts.join(QLatin1Char(' '));
}

QStringList Professional::postalAddress() const
{
    QStringList lines = addressLines;
    const QString last = QString(postcode + QLatin1Char(' ') + city).trimmed();
    if (!last.isEmpty()) {
        lines << last;
    }
    return lines;
}

} // namespace missive
