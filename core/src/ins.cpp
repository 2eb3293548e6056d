#include "missive/core/ins.h"

namespace missive::ins
{

int computeKey(QStringView first13)
{
    if (first13.size() != 13) {
        return -1;
    }
    // Corsica: department 2A/2B (positions 6-7) count as 19/18 for the key.
    QString digits = first13.toString().toUpper();
    if (digits.mid(5, 2) == QLatin1String("2A")) {
        digits.replace(5, 2, QStringLiteral("19"));
    } else if (digits.mid(5, 2) == QLatin1String("2B")) {
        digits.replace(5, 2, QStringLiteral("18"));
    }
    // 13 digits overflow nothing in 64 bits, but reduce as we go to stay obviously safe.
    quint64 remainder = 0;
    for (const QChar c : digits) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
            return -1;
        }
        remainder = (remainder * 10 + static_cast<quint64>(c.unicode() - u'0')) % 97;
    }
    return static_cast<int>(97 - remainder);
}

MatriculeCheck checkMatricule(QStringView matricule)
{
    if (matricule.size() != 15) {
        return MatriculeCheck::BadFormat;
    }
    const QStringView keyPart = matricule.mid(13, 2);
    for (const QChar c : keyPart) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
            return MatriculeCheck::BadFormat;
        }
    }
    // Only positions 6-7 may hold letters, and only 2A / 2B.
    for (qsizetype i = 0; i < 13; ++i) {
        const QChar c = matricule[i];
        const bool digit = c >= QLatin1Char('0') && c <= QLatin1Char('9');
        const bool corsica =
            i == 6 && matricule[5] == QLatin1Char('2') && (c == QLatin1Char('A') || c == QLatin1Char('B'));
        if (!digit && !corsica) {
            return MatriculeCheck::BadFormat;
        }
    }
    const QChar sex = matricule[0];
    if (sex != QLatin1Char('1') && sex != QLatin1Char('2') && sex != QLatin1Char('3') && sex != QLatin1Char('4')
        && sex != QLatin1Char('7') && sex != QLatin1Char('8')) {
        return MatriculeCheck::BadFormat;
    }
    const int key = computeKey(matricule.first(13));
    if (key < 0) {
        return MatriculeCheck::BadFormat;
    }
    return keyPart.toInt() == key ? MatriculeCheck::Valid : MatriculeCheck::BadKey;
}

bool isValidMatricule(QStringView matricule)
{
    return checkMatricule(matricule) == MatriculeCheck::Valid;
}

bool isInsOid(QStringView oid)
{
    return oid == QLatin1String(OidNir) || oid == QLatin1String(OidNia) || oid == QLatin1String(OidNirTest)
           || oid == QLatin1String(OidNirDemo);
}

int sexDigit(QStringView matricule)
{
    if (matricule.isEmpty()) {
        return 0;
    }
    const QChar c = matricule[0];
    return c == QLatin1Char('1') ? 1 : c == QLatin1Char('2') ? 2 : 0;
}

} // namespace missive::ins
