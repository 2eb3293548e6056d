#include "names.h"

#include <QList>
#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <string_view>

namespace missive::ocr
{
namespace
{

// Appends `c` without its diacritics (é -> e, Œ -> OE), typographic apostrophes and dashes folded.
void appendPlain(QString& out, QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x80) {
        out += u == '`' ? QLatin1Char('\'') : c;
        return;
    }
    switch (u) {
    case 0x2019:
    case 0x2018:
    case 0x02BC:
        out += QLatin1Char('\'');
        return;
    case 0x2010:
    case 0x2011:
    case 0x2013:
        out += QLatin1Char('-');
        return;
    case 0x0152: // Œ
        out += QLatin1String("OE");
        return;
    case 0x0153:
        out += QLatin1String("oe");
        return;
    case 0x00C6: // Æ
        out += QLatin1String("AE");
        return;
    case 0x00E6:
        out += QLatin1String("ae");
        return;
    default:
        break;
    }
    if (c.category() == QChar::Mark_NonSpacing) {
        return; // a combining accent of decomposed text
    }
    const QString decomposed = c.decomposition();
    if (decomposed.isEmpty() || c.decompositionTag() != QChar::Canonical) {
        out += c;
        return;
    }
    for (const QChar d : decomposed) {
        if (d.category() != QChar::Mark_NonSpacing) {
            appendPlain(out, d);
        }
    }
}

// Diacritics removed, character by character (the common case, plain ASCII, costs a copy).
QString stripMarks(QStringView text)
{
    QString out;
    out.reserve(text.size() + 4);
    for (const QChar c : text) {
        appendPlain(out, c);
    }
    return out;
}

} // namespace

QString insiUpper(QStringView text)
{
    // Plain ASCII (most of a letter) is folded in one pass; anything else loses its diacritics first.
    const bool ascii = std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
    const QString plain = ascii ? QString() : stripMarks(text).toUpper();
    const QStringView from = ascii ? text : QStringView(plain);
    QString out(from.size(), Qt::Uninitialized);
    QChar* to = out.data();
    QChar* const begin = to;
    bool space = false;
    for (const QChar c : from) {
        char16_t u = c.unicode();
        if (u >= 'a' && u <= 'z') {
            u = static_cast<char16_t>(u - ('a' - 'A'));
        }
        if ((u >= 'A' && u <= 'Z') || u == '\'' || u == '-') {
            if (space && to != begin) {
                *to++ = QLatin1Char(' ');
            }
            space = false;
            *to++ = QChar(u);
        } else if (c.isSpace()) {
            space = true;
        }
        // Anything else (digits, punctuation) is not part of an INSi name.
    }
    out.truncate(to - begin);
    return out;
}

bool isKnownGivenName(QStringView insiWord)
{
    static constexpr std::string_view Names[] = {
#include "given_names.inc"
    };
    const auto known = [](QStringView part) {
        if (part.size() < 2 || part.size() > 40) {
            return false;
        }
        const QByteArray ascii = part.toLatin1(); // the INSi set is ASCII
        return std::binary_search(std::begin(Names), std::end(Names),
                                  std::string_view(ascii.constData(), static_cast<std::size_t>(ascii.size())));
    };
    if (known(insiWord)) {
        return true;
    }
    const auto parts = insiWord.split(QLatin1Char('-'));
    return parts.size() > 1 && std::all_of(parts.begin(), parts.end(), known);
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
    // Words that head a person's row or name a kinship are no one's first name ("Enfant LAMBERT",
    // "Mère GAUTIER", "Patiente DUVAL").
    static const QStringList roles{QStringLiteral("enfant"),   QStringLiteral("patient"),   QStringLiteral("patiente"),
                                   QStringLiteral("pere"),     QStringLiteral("mere"),      QStringLiteral("fils"),
                                   QStringLiteral("fille"),    QStringLiteral("frere"),     QStringLiteral("soeur"),
                                   QStringLiteral("conjoint"), QStringLiteral("conjointe"), QStringLiteral("tuteur"),
                                   QStringLiteral("tutrice"),  QStringLiteral("epoux"),     QStringLiteral("epouse"),
                                   QStringLiteral("jumeau"),   QStringLiteral("jumelle"),   QStringLiteral("lien"),
                                   QStringLiteral("qualite"),  QStringLiteral("assure"),    QStringLiteral("assuree")};
    return lower && !roles.contains(foldForMatch(token).replace(QStringLiteral("œ"), QStringLiteral("oe")));
}

QString foldForMatch(QStringView text)
{
    return stripMarks(text).toLower();
}

QString foldSameLength(QStringView text)
{
    QString out(text.size(), Qt::Uninitialized);
    QChar* to = out.data();
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x80) {
            *to++ = u >= 'A' && u <= 'Z' ? QChar(u + ('a' - 'A')) : c;
            continue;
        }
        switch (u) {
        case 0x2019:
        case 0x2018:
        case 0x02BC:
            *to++ = QLatin1Char('\'');
            continue;
        case 0x2010:
        case 0x2011:
        case 0x2013:
        case 0x2014:
            *to++ = QLatin1Char('-');
            continue;
        case 0x0152:
        case 0x0153:
            *to++ = QLatin1Char('o');
            continue;
        case 0x00C6:
        case 0x00E6:
            *to++ = QLatin1Char('a');
            continue;
        case 0x00B0: // N° / Nº
        case 0x00BA:
            *to++ = QLatin1Char('o');
            continue;
        default:
            break;
        }
        const QString decomposed = c.decomposition();
        if (!decomposed.isEmpty() && decomposed.front().unicode() < 0x80 && decomposed.front().isLetter()) {
            *to++ = decomposed.front().toLower();
        } else {
            *to++ = c.toLower();
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
