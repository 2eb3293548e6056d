#include "missive/directory/names.h"

#include <algorithm>
#include <vector>

namespace missive::directory
{
namespace
{

void appendFolded(QString& out, QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x80) {
        if (u >= 'a' && u <= 'z') {
            out += QChar(u - 'a' + 'A');
        } else if ((u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')) {
            out += c;
        } else {
            out += QLatin1Char(' ');
        }
        return;
    }
    switch (u) {
    case 0x0152: // Œ
    case 0x0153:
        out += QLatin1String("OE");
        return;
    case 0x00C6: // Æ
    case 0x00E6:
        out += QLatin1String("AE");
        return;
    case 0x00DF: // ß
        out += QLatin1String("SS");
        return;
    case 0x00D8: // Ø
    case 0x00F8:
        out += QLatin1Char('O');
        return;
    case 0x0141: // Ł
    case 0x0142:
        out += QLatin1Char('L');
        return;
    case 0x0110: // Đ
    case 0x0111:
        out += QLatin1Char('D');
        return;
    default:
        break;
    }
    if (!c.isLetter()) {
        out += QLatin1Char(' ');
        return;
    }
    // Canonical decomposition: keep the base letter, drop the combining marks.
    const QString decomposed = c.decomposition();
    for (const QChar d : decomposed) {
        const char16_t b = d.unicode();
        if (b >= 'a' && b <= 'z') {
            out += QChar(b - 'a' + 'A');
        } else if (b >= 'A' && b <= 'Z') {
            out += d;
        }
    }
}

bool isVowel(QChar c)
{
    switch (c.unicode()) {
    case 'A':
    case 'E':
    case 'I':
    case 'O':
    case 'U':
    case 'Y':
        return true;
    default:
        return false;
    }
}

} // namespace

QString foldName(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        appendFolded(out, c);
    }
    // Collapse runs of spaces and trim.
    QString collapsed;
    collapsed.reserve(out.size());
    bool space = true;
    for (const QChar c : out) {
        if (c == QLatin1Char(' ')) {
            if (!space) {
                collapsed += c;
            }
            space = true;
        } else {
            collapsed += c;
            space = false;
        }
    }
    if (collapsed.endsWith(QLatin1Char(' '))) {
        collapsed.chop(1);
    }
    return collapsed;
}

QStringList nameTokens(QStringView text)
{
    const QString folded = foldName(text);
    return folded.isEmpty() ? QStringList{} : folded.split(QLatin1Char(' '));
}

bool isParticle(QStringView t)
{
    static const char* const particles[] = {"LE", "LA", "LES", "DE",  "DU",  "DES", "D",   "L",   "DEL", "DELLA",
                                            "DI", "DA", "DOS", "DAS", "VAN", "VON", "DER", "DEN", "TER", "Y"};
    return std::any_of(std::begin(particles), std::end(particles),
                       [&](const char* p) { return t == QLatin1String(p); });
}

QString titleOf(QStringView t)
{
    static const char* const doctor[] = {"DR", "DRE", "DOCTEUR", "DOCTEURE", "DOCTORESSE", "DOC", "DRS", "DOCTEURS"};
    static const char* const professor[] = {"PR", "PROF", "PROFESSEUR", "PROFESSEURE", "PRS"};
    static const char* const civility[] = {"M", "MR", "MME", "MMES", "MLLE", "MONSIEUR", "MADAME", "MADEMOISELLE"};
    const auto in = [&](const auto& list) {
        return std::any_of(std::begin(list), std::end(list), [&](const char* p) { return t == QLatin1String(p); });
    };
    if (in(doctor)) {
        return QStringLiteral("DR");
    }
    if (in(professor)) {
        return QStringLiteral("PR");
    }
    if (in(civility)) {
        return QStringLiteral("CIV");
    }
    return {};
}

QString compactKey(const QStringList& tokens, bool dropParticles)
{
    QString out;
    for (const auto& t : tokens) {
        if (!dropParticles || !isParticle(t)) {
            out += t;
        }
    }
    if (out.isEmpty()) {
        // A name made only of particles ("LE", "DA") is still a name.
        for (const auto& t : tokens) {
            out += t;
        }
    }
    return out;
}

QString ocrKey(QStringView s)
{
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        const char16_t next = i + 1 < s.size() ? s[i + 1].unicode() : u'\0';
        if (c == 'R' && next == 'N') {
            out += QLatin1Char('M');
            ++i;
            continue;
        }
        if (c == 'V' && next == 'V') {
            out += QLatin1Char('W');
            ++i;
            continue;
        }
        switch (c) {
        case 'L':
        case '1':
        case 'I':
            out += QLatin1Char('I');
            break;
        case '0':
            out += QLatin1Char('O');
            break;
        case '5':
            out += QLatin1Char('S');
            break;
        case '8':
            out += QLatin1Char('B');
            break;
        default:
            if (c < '0' || c > '9') {
                out += QChar(c);
            }
            break;
        }
    }
    return out;
}

QString phoneticKey(QStringView input)
{
    // Work on letters only; OCR digits are mapped to the letters they usually stand for.
    QString s;
    s.reserve(input.size());
    for (const QChar c : input) {
        switch (c.unicode()) {
        case '0':
            s += QLatin1Char('O');
            break;
        case '1':
            s += QLatin1Char('I');
            break;
        case '5':
            s += QLatin1Char('S');
            break;
        case '8':
            s += QLatin1Char('B');
            break;
        default:
            if (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) {
                s += c;
            }
            break;
        }
    }
    const qsizetype n = s.size();
    const auto at = [&](qsizetype i) { return i >= 0 && i < n ? s[i] : QChar(); };
    const auto starts = [&](qsizetype i, const char* p) {
        for (qsizetype k = 0; p[k] != '\0'; ++k) {
            if (i + k >= n || s[i + k].unicode() != static_cast<char16_t>(p[k])) {
                return false;
            }
        }
        return true;
    };
    const auto endOrConsonant = [&](qsizetype i) {
        const QChar c = at(i);
        return c.isNull() || (!isVowel(c) && c != QLatin1Char('N') && c != QLatin1Char('M') && c != QLatin1Char('H'));
    };

    // Codes: consonants as uppercase letters; vowels a e i o, 'u' = "ou", 'y' = "u";
    // nasals '1' = an/en, '2' = on, '3' = in/ain/ein/un.
    QString code;
    code.reserve(n + 4);
    // Rules are tried in order of precedence among those that start with the current letter.
    for (qsizetype i = 0; i < n;) {
        const char16_t c = s[i].unicode();
        const auto put = [&](const char* out, qsizetype consumed) {
            code += QLatin1String(out);
            i += consumed;
        };
        switch (c) {
        case 'E':
            if (starts(i, "EAU")) {
                put("o", 3);
            } else if (starts(i, "EIN") && endOrConsonant(i + 3)) {
                put("3", 3);
            } else if (starts(i, "EI") || starts(i, "EY")) {
                put("e", 2);
            } else if (starts(i, "EU")) {
                put("e", 2);
            } else if ((starts(i, "EN") || starts(i, "EM")) && endOrConsonant(i + 2)) {
                put("1", 2);
            } else {
                put("e", 1);
            }
            break;
        case 'S':
            if (starts(i, "SCH")) {
                put("X", 3);
            } else if (starts(i, "SH")) {
                put("X", 2);
            } else {
                put("S", 1);
            }
            break;
        case 'A':
            if (starts(i, "AIN") && endOrConsonant(i + 3)) {
                put("3", 3);
            } else if (starts(i, "AU")) {
                put("o", 2);
            } else if (starts(i, "AI") || starts(i, "AY")) {
                put("e", 2);
            } else if ((starts(i, "AN") || starts(i, "AM")) && endOrConsonant(i + 2)) {
                put("1", 2);
            } else {
                put("a", 1);
            }
            break;
        case 'O':
            if (starts(i, "OEU")) {
                put("e", 3);
            } else if (starts(i, "OU")) {
                put("u", 2);
            } else if (starts(i, "OI") || starts(i, "OY")) {
                put("oa", 2);
            } else if (starts(i, "OE")) {
                put("e", 2);
            } else if ((starts(i, "ON") || starts(i, "OM")) && endOrConsonant(i + 2)) {
                put("2", 2);
            } else {
                put("o", 1);
            }
            break;
        case 'I':
        case 'U':
        case 'Y': {
            const char16_t next = i + 1 < n ? s[i + 1].unicode() : u'\0';
            if ((next == 'N' || next == 'M') && endOrConsonant(i + 2)) {
                put("3", 2);
            } else {
                put(c == 'U' ? "y" : "i", 1);
            }
            break;
        }
        case 'P':
            starts(i, "PH") ? put("F", 2) : put("P", 1);
            break;
        case 'T':
            starts(i, "TH") ? put("T", 2) : put("T", 1);
            break;
        case 'C':
            if (starts(i, "CHR")) {
                put("KR", 3);
            } else if (starts(i, "CH")) {
                put("X", 2);
            } else if (starts(i, "CK")) {
                put("K", 2);
            } else {
                const QChar next = at(i + 1);
                const bool soft = next == QLatin1Char('E') || next == QLatin1Char('I') || next == QLatin1Char('Y');
                put(soft ? "S" : "K", 1);
            }
            break;
        case 'Q':
            starts(i, "QU") ? put("K", 2) : put("K", 1);
            break;
        case 'G': {
            const QChar next = at(i + 1);
            if (next == QLatin1Char('U') && isVowel(at(i + 2)) && at(i + 2) != QLatin1Char('U')) {
                put("G", 2);
            } else if (next == QLatin1Char('N')) {
                put("N", 2);
            } else {
                const bool soft = next == QLatin1Char('E') || next == QLatin1Char('I') || next == QLatin1Char('Y');
                put(soft ? "J" : "G", 1);
            }
            break;
        }
        case 'B':
            starts(i, "BV") ? put("V", 2) : put("B", 1);
            break;
        case 'X':
            // A final X is silent: 'S' is dropped below.
            i + 1 < n ? put("KS", 1) : put("S", 1);
            break;
        case 'H':
            i += 1; // silent
            break;
        case 'W':
            put("V", 1);
            break;
        case 'Z':
            put("S", 1);
            break;
        default:
            code += QChar(c);
            i += 1;
            break;
        }
    }

    // Doubled codes sound single.
    QString out;
    for (const QChar c : code) {
        if (out.isEmpty() || out.back() != c) {
            out += c;
        }
    }
    // Silent endings: final S, T, D, X, Z, P then final -ER / -EZ / -E.
    while (out.size() > 1
           && (out.back() == QLatin1Char('S') || out.back() == QLatin1Char('T') || out.back() == QLatin1Char('D')
               || out.back() == QLatin1Char('P'))) {
        out.chop(1);
    }
    if (out.size() > 2 && out.back() == QLatin1Char('R') && out[out.size() - 2] == QLatin1Char('e')) {
        out.chop(1);
    }
    if (out.size() > 1 && out.back() == QLatin1Char('e')) {
        out.chop(1);
    }
    return out;
}

double similarity(QStringView a, QStringView b)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    if (n == 0 && m == 0) {
        return 1.0;
    }
    if (n == 0 || m == 0) {
        return 0.0;
    }
    std::vector<qsizetype> prev(m + 1);
    std::vector<qsizetype> cur(m + 1);
    for (qsizetype j = 0; j <= m; ++j) {
        prev[j] = j;
    }
    for (qsizetype i = 1; i <= n; ++i) {
        cur[0] = i;
        for (qsizetype j = 1; j <= m; ++j) {
            const qsizetype cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
        }
        std::swap(prev, cur);
    }
    return 1.0 - static_cast<double>(prev[m]) / static_cast<double>(std::max(n, m));
}

NameKeys nameKeys(QStringView familyName, QStringView givenName)
{
    NameKeys keys;
    const QStringList family = nameTokens(familyName);
    const QStringList given = nameTokens(givenName);
    keys.familyKey = compactKey(family, true);
    keys.familyFull = compactKey(family, false);
    keys.familyOcr = ocrKey(keys.familyKey);
    keys.familyPhonetic = phoneticKey(keys.familyKey);
    keys.givenKey = compactKey(given, false);
    keys.givenOcr = ocrKey(keys.givenKey);
    keys.givenPhonetic = phoneticKey(keys.givenKey);
    keys.text = (family + given).join(QLatin1Char(' '));
    return keys;
}

} // namespace missive::directory
