#include "names.h"

namespace missive::ocr
{
namespace
{

QString stripMarks(QStringView text)
{
    const QString decomposed = text.toString().normalized(QString::NormalizationForm_D);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing) {
            continue;
        }
        if (c == QChar(0x2019) || c == QChar(0x2018) || c == QChar(0x02BC) || c == QLatin1Char('`')) {
            out += QLatin1Char('\'');
        } else if (c == QChar(0x2010) || c == QChar(0x2011) || c == QChar(0x2013)) {
            out += QLatin1Char('-');
        } else if (c == QChar(0x0152)) { // Œ
            out += QStringLiteral("OE");
        } else if (c == QChar(0x0153)) {
            out += QStringLiteral("oe");
        } else if (c == QChar(0x00C6)) {
            out += QStringLiteral("AE");
        } else if (c == QChar(0x00E6)) {
            out += QStringLiteral("ae");
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

QString insiUpper(QStringView text)
{
    const QString plain = stripMarks(text).toUpper();
    QString out;
    out.reserve(plain.size());
    bool space = false;
    for (const QChar c : plain) {
        const bool letter = c >= QLatin1Char('A') && c <= QLatin1Char('Z');
        if (letter || c == QLatin1Char('\'') || c == QLatin1Char('-')) {
            if (space && !out.isEmpty()) {
                out += QLatin1Char(' ');
            }
            space = false;
            out += c;
        } else if (c.isSpace()) {
            space = true;
        }
        // Anything else (digits, punctuation) is not part of an INSi name.
    }
    return out;
}

bool isUpperNameToken(QStringView token)
{
    int letters = 0;
    for (const QChar c : token) {
        if (c.isLetter()) {
            if (!c.isUpper()) {
                return false;
            }
            ++letters;
        } else if (c != QLatin1Char('\'') && c != QChar(0x2019) && c != QLatin1Char('-')) {
            return false;
        }
    }
    return letters >= 1 && token.front().isLetter() && (letters >= 2 || token.size() == 1);
}

bool isGivenNameToken(QStringView token)
{
    if (token.size() < 2 || !token.front().isUpper()) {
        return false;
    }
    bool lower = false;
    for (const QChar c : token) {
        if (c.isLetter()) {
            lower = lower || c.isLower();
        } else if (c != QLatin1Char('-') && c != QLatin1Char('\'') && c != QChar(0x2019)) {
            return false;
        }
    }
    return lower;
}

QString foldForMatch(QStringView text)
{
    return stripMarks(text).toLower();
}

} // namespace missive::ocr
