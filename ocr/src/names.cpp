#include "names.h"

#include <QList>

#include <algorithm>
#include <cstdlib>

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

QString foldSameLength(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.unicode() < 0x80) {
            out += c.toLower();
            continue;
        }
        if (c == QChar(0x2019) || c == QChar(0x2018) || c == QChar(0x02BC)) {
            out += QLatin1Char('\'');
            continue;
        }
        if (c == QChar(0x2010) || c == QChar(0x2011) || c == QChar(0x2013) || c == QChar(0x2014)) {
            out += QLatin1Char('-');
            continue;
        }
        if (c == QChar(0x0152) || c == QChar(0x0153)) {
            out += QLatin1Char('o');
            continue;
        }
        if (c == QChar(0x00C6) || c == QChar(0x00E6)) {
            out += QLatin1Char('a');
            continue;
        }
        if (c == QChar(0x00B0) || c == QChar(0x00BA)) { // N° / Nº
            out += QLatin1Char('o');
            continue;
        }
        const QString decomposed = c.decomposition();
        if (!decomposed.isEmpty() && decomposed.front().unicode() < 0x80 && decomposed.front().isLetter()) {
            out += decomposed.front().toLower();
        } else {
            out += c.toLower();
        }
    }
    return out;
}

int editDistance(QStringView a, QStringView b, int cap)
{
    if (std::abs(a.size() - b.size()) > cap) {
        return cap + 1;
    }
    QList<int> previous(b.size() + 1);
    QList<int> current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j) {
        previous[j] = static_cast<int>(j);
    }
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = static_cast<int>(i);
        int rowBest = current[0];
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
            rowBest = std::min(rowBest, current[j]);
        }
        if (rowBest > cap) {
            return cap + 1;
        }
        std::swap(previous, current);
    }
    return std::min(previous[b.size()], cap + 1);
}

} // namespace missive::ocr
