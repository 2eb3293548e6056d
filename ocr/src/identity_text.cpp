#include "identity_text.h"

#include "missive/core/ins.h"
#include "names.h"

#include <QRegularExpression>

namespace missive::ocr
{
namespace
{

constexpr qsizetype MaxLineLength = 400; // longer "lines" are not letter lines; cut them

const QRegularExpression& numericDate()
{
    static const QRegularExpression re(
        QStringLiteral(R"((?<!\d)(\d{1,2})\s?[/.\-]\s?(\d{1,2})\s?[/.\-]\s?(\d\s?\d{3}|\d{2}\s\d{2})(?!\d))"));
    return re;
}

const QRegularExpression& wordDate()
{
    static const QRegularExpression re(
        QStringLiteral(
            R"((?<!\d)(\d{1,2})(?:er)?\s+(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\s+(\d{4})(?!\d))"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression& insLabel()
{
    // "INS", "Matricule INS", "N° INS", "INS-NIR", "NIR", "INS (NIR)"; not "N° de sécurité sociale".
    static const QRegularExpression re(QStringLiteral(R"((?<![A-Za-z])(?:matricule\s+)?(?:INS|NIR|NIA)(?![a-z]))"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression& oidRe()
{
    static const QRegularExpression re(QStringLiteral(R"(1\.2\.250\.1\.213\.1\.4\.\d{1,2}(?![\d.]))"));
    return re;
}

const QRegularExpression& cogRe()
{
    static const QRegularExpression re(QStringLiteral(R"((?<![\dA-Za-z])((?:\d{2}|2[AB])\d{3})(?![\dA-Za-z]))"));
    return re;
}

QString labelValue(const QString& line, const QRegularExpression& label)
{
    const auto m = label.match(line);
    if (!m.hasMatch()) {
        return {};
    }
    QString rest = line.mid(m.capturedEnd());
    const qsizetype colon = rest.indexOf(QLatin1Char(':'));
    if (colon < 0 || colon > 4) {
        return {};
    }
    return rest.mid(colon + 1).trimmed();
}

// The leading uppercase tokens of a value: "LE GOFF  Prénom : …" -> "LE GOFF".
QString leadingUpperName(const QString& value)
{
    QStringList tokens;
    for (const QString& token : value.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!isUpperNameToken(token)) {
            break;
        }
        tokens += token;
    }
    return insiUpper(tokens.join(QLatin1Char(' ')));
}

QStringList givenNames(const QString& value)
{
    QStringList names;
    for (QString token : value.split(QRegularExpression(QStringLiteral(R"([\s,]+)")), Qt::SkipEmptyParts)) {
        if (!isGivenNameToken(token) && !isUpperNameToken(token)) {
            break;
        }
        names += insiUpper(token);
    }
    return names;
}

Sex sexFromWord(QStringView word)
{
    const QString folded = foldForMatch(word);
    if (folded == QLatin1String("f") || folded.startsWith(QLatin1String("fem"))) {
        return Sex::Female;
    }
    if (folded == QLatin1String("m") || folded.startsWith(QLatin1String("masc")) || folded == QLatin1String("h")) {
        return Sex::Male;
    }
    return Sex::Unknown;
}

class Collector
{
public:
    explicit Collector(TextIdentity& out)
        : m_out(out)
    {
    }

    void setString(QString& field, const QString& value, const char* what)
    {
        if (value.isEmpty()) {
            return;
        }
        if (!field.isEmpty() && field != value) {
            m_out.conflicts +=
                QStringLiteral("%1 imprimé deux fois avec des valeurs différentes").arg(QString::fromLatin1(what));
            return;
        }
        field = value;
    }
    void setDate(const QDate& value)
    {
        if (!value.isValid()) {
            return;
        }
        if (m_out.birthDate.isValid() && m_out.birthDate != value) {
            m_out.conflicts += QStringLiteral("date de naissance imprimée deux fois avec des valeurs différentes");
            return;
        }
        m_out.birthDate = value;
    }
    void setSex(Sex value)
    {
        if (value == Sex::Unknown) {
            return;
        }
        if (m_out.sex != Sex::Unknown && m_out.sex != value) {
            m_out.conflicts += QStringLiteral("sexe imprimé deux fois avec des valeurs différentes");
            return;
        }
        m_out.sex = value;
    }
    void setFirstNames(const QStringList& names)
    {
        if (names.isEmpty()) {
            return;
        }
        // A longer list (the box "Prénoms") refines the single first name of a sentence.
        if (m_out.firstNames.isEmpty()
            || (names.size() > m_out.firstNames.size() && names.front() == m_out.firstNames.front())) {
            m_out.firstNames = names;
        } else if (names.front() != m_out.firstNames.front()) {
            m_out.conflicts += QStringLiteral("prénom imprimé deux fois avec des valeurs différentes");
        }
    }

private:
    TextIdentity& m_out;
};

void readMatricules(const QString& line, TextIdentity& out)
{
    const auto oid = oidRe().match(line);
    if (oid.hasMatch() && out.oid.isEmpty()
        && (line.contains(QLatin1String("OID"), Qt::CaseInsensitive) || insLabel().match(line).hasMatch())) {
        out.oid = oid.captured(0);
    }
    const auto label = insLabel().match(line);
    if (!label.hasMatch()) {
        return;
    }
    // The value follows the label within the same line, grouped with spaces in any way
    // ("2 79 07 29 019 123 45", "279072901912345", OCR's "2790 729019 12345"). Collect the run of
    // digit-like characters, drop the spaces, and accept exactly 15.
    const QString rest = line.mid(label.capturedEnd(), 80);
    qsizetype i = 0;
    while (i < rest.size() && i <= 30 && !rest[i].isDigit()) {
        ++i;
    }
    QString compact;
    for (; i < rest.size(); ++i) {
        const QChar c = rest[i];
        const bool letterNext = i + 1 < rest.size() && rest[i + 1].isLetter();
        if (c.isDigit()) {
            compact += c;
        } else if ((c == QLatin1Char('O') || c == QLatin1Char('o')) && !letterNext) {
            compact += QLatin1Char('0'); // OCR reads 0 as O
        } else if ((c == QLatin1Char('A') || c == QLatin1Char('B')) && compact.size() == 6 && !letterNext) {
            compact += c; // Corsica: 2A / 2B
        } else if (c != QLatin1Char(' ')) {
            break;
        }
    }
    static const QRegularExpression shape(QStringLiteral(R"(^[1-478]\d{4}(?:\d{2}|2[AB])\d{8}$)"));
    if (compact.size() == 15 && shape.match(compact).hasMatch() && !out.matricules.contains(compact)) {
        out.matricules += compact;
    }
}

// "Mme Anne-Sophie LE GOFF née N'DIAYE, née le 3 juillet 1979 à Brest (29019)"
struct Sentence
{
    int score = -1;
    QString display;
    QString usedOrBirth;
    QString birthName;
    QStringList first;
    Sex sex = Sex::Unknown;
    QDate date;
    QString place;
};

Sentence readSentence(const QString& line, const QString& previous)
{
    static const QRegularExpression civil(
        QStringLiteral(R"((?<![\p{L}])(Madame|Mme|Mademoiselle|Mlle|Monsieur|M\.)\s+(.*))"));
    Sentence best;
    auto it = civil.globalMatch(line);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString civility = m.captured(1);
        const QStringList tokens = m.captured(2).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        qsizetype i = 0;
        QStringList given;
        QStringList family;
        while (i < tokens.size() && isGivenNameToken(tokens[i])) {
            given += tokens[i++];
        }
        while (i < tokens.size()) {
            QString token = tokens[i];
            const bool comma = token.endsWith(QLatin1Char(','));
            if (comma) {
                token.chop(1);
            }
            if (!isUpperNameToken(token)) {
                break;
            }
            family += token;
            ++i;
            if (comma) {
                break;
            }
        }
        if (given.isEmpty() || family.isEmpty()) {
            continue; // "Madame le Docteur …" or a name without first name: not an identity
        }
        Sentence s;
        s.display = civility + QLatin1Char(' ') + given.join(QLatin1Char(' ')) + QLatin1Char(' ')
                    + family.join(QLatin1Char(' '));
        s.first = {insiUpper(given.front())};
        s.usedOrBirth = insiUpper(family.join(QLatin1Char(' ')));
        s.sex =
            civility.startsWith(QLatin1String("M.")) || civility == QLatin1String("Monsieur") ? Sex::Male : Sex::Female;
        const QString tail = tokens.mid(i).join(QLatin1Char(' '));
        static const QRegularExpression birthNameRe(
            QStringLiteral(R"(^,?\s*n[ée]e?\s+(?!le\b)((?:[\p{Lu}'’\-]+\s?)+))"));
        const auto bn = birthNameRe.match(tail);
        QString afterNames = tail;
        if (bn.hasMatch()) {
            QString name = bn.captured(1).trimmed();
            s.birthName = insiUpper(name);
            afterNames = tail.mid(bn.capturedEnd());
        }
        static const QRegularExpression bornRe(QStringLiteral(R"(n[ée]e?(?:\s?\(e\))?\s+le\s+(.*))"));
        const auto born = bornRe.match(afterNames);
        s.score = 0;
        if (born.hasMatch()) {
            const QString when = born.captured(1);
            s.date = parseFrenchDate(when);
            if (s.date.isValid()) {
                s.score += 2;
            }
            static const QRegularExpression placeRe(
                QStringLiteral(R"(\s+à\s+[^(]{0,60}\((\s*(?:\d{2}|2[AB])\d{3}\s*)\))"));
            const auto place = placeRe.match(when);
            if (place.hasMatch()) {
                s.place = place.captured(1).trimmed();
            }
        }
        const QString context = foldForMatch(QString(previous + QLatin1Char(' ') + line.left(m.capturedStart())));
        if (context.contains(QLatin1String("patient")) || context.contains(QLatin1String("concerne"))
            || context.contains(QLatin1String("objet"))) {
            s.score += 1;
        }
        if (s.score > best.score) {
            best = s;
        }
    }
    return best;
}

} // namespace

bool TextIdentity::hasAnyTrait() const
{
    return !matricules.isEmpty() || !birthName.isEmpty() || !usedName.isEmpty() || !firstNames.isEmpty()
           || birthDate.isValid() || sex != Sex::Unknown || !birthPlace.isEmpty();
}

QDate parseFrenchDate(QStringView text)
{
    const QString folded = foldForMatch(text.left(MaxLineLength));
    auto m = numericDate().match(folded);
    if (m.hasMatch()) {
        return QDate(m.captured(3).remove(QLatin1Char(' ')).toInt(), m.captured(2).toInt(), m.captured(1).toInt());
    }
    m = wordDate().match(folded);
    if (m.hasMatch()) {
        static const QStringList months{
            QStringLiteral("janvier"), QStringLiteral("fevrier"),  QStringLiteral("mars"),
            QStringLiteral("avril"),   QStringLiteral("mai"),      QStringLiteral("juin"),
            QStringLiteral("juillet"), QStringLiteral("aout"),     QStringLiteral("septembre"),
            QStringLiteral("octobre"), QStringLiteral("novembre"), QStringLiteral("decembre")};
        const int month = static_cast<int>(months.indexOf(m.captured(2).toLower())) + 1;
        return QDate(m.captured(3).toInt(), month, m.captured(1).toInt());
    }
    return {};
}

TextIdentity parseIdentityText(const QStringList& rawLines)
{
    TextIdentity out;
    Collector set(out);
    static const QRegularExpression birthNameLabel(QStringLiteral(R"(nom\s+de\s+naissance)"),
                                                   QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression usedNameLabel(QStringLiteral(R"(nom\s+(?:utilis[ée]|d'usage|d’usage|marital))"),
                                                  QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression plainNameLabel(QStringLiteral(R"((?<![\p{L}])Nom(?=\s*:))"));
    static const QRegularExpression firstNamesLabel(
        QStringLiteral(R"((?<![\p{L}])pr[ée]noms?(?:\s*\(s\))?(?:\s+de\s+naissance)?(?=\s*:))"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression firstNameLabel(QStringLiteral(R"(premier\s+pr[ée]nom(?:\s+de\s+naissance)?)"),
                                                   QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression dateLabel(
        QStringLiteral(R"((?:date\s+de\s+naissance|n[ée]\s?\(?e?\)?\s+le)(?=\s*:))"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression sexLabel(QStringLiteral(R"((?<![\p{L}])sexe(?=\s*:))"),
                                             QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression placeLabel(QStringLiteral(R"(lieu\s+de\s+naissance)"),
                                               QRegularExpression::CaseInsensitiveOption);

    QStringList lines;
    lines.reserve(rawLines.size());
    for (const QString& raw : rawLines) {
        lines += raw.left(MaxLineLength).simplified();
    }

    Sentence best;
    QString previous;
    bool boxBirthName = false;
    for (const QString& line : lines) {
        readMatricules(line, out);

        const QString birth = labelValue(line, birthNameLabel);
        if (!birth.isEmpty()) {
            set.setString(out.birthName, leadingUpperName(birth), "nom de naissance");
            boxBirthName = true;
        }
        set.setString(out.usedName, leadingUpperName(labelValue(line, usedNameLabel)), "nom utilisé");
        const QString plain = labelValue(line, plainNameLabel);
        if (!plain.isEmpty() && !boxBirthName) {
            set.setString(out.birthName, leadingUpperName(plain), "nom de naissance");
        }
        const QString first = labelValue(line, firstNameLabel);
        if (!first.isEmpty()) {
            const QStringList names = givenNames(first);
            if (!names.isEmpty()) {
                set.setString(out.firstName, names.front(), "premier prénom");
            }
        } else {
            set.setFirstNames(givenNames(labelValue(line, firstNamesLabel)));
        }
        set.setDate(parseFrenchDate(labelValue(line, dateLabel)));
        const QString sexValue = labelValue(line, sexLabel);
        if (!sexValue.isEmpty()) {
            set.setSex(sexFromWord(sexValue.split(QLatin1Char(' ')).front()));
        }
        const QString place = labelValue(line, placeLabel);
        if (!place.isEmpty()) {
            const auto cog = cogRe().match(place);
            if (cog.hasMatch()) {
                set.setString(out.birthPlace, cog.captured(1), "lieu de naissance");
            }
        }

        const Sentence s = readSentence(line, previous);
        if (s.score > best.score) {
            best = s;
        }
        previous = line;
    }

    if (best.score >= 1) {
        out.displayName = best.display;
        if (!best.birthName.isEmpty()) {
            set.setString(out.birthName, best.birthName, "nom de naissance");
            set.setString(out.usedName, best.usedOrBirth, "nom utilisé");
        } else if (boxBirthName) {
            // The box gave the birth name: the sentence shows the used name.
            if (best.usedOrBirth != out.birthName) {
                set.setString(out.usedName, best.usedOrBirth, "nom utilisé");
            }
        } else {
            set.setString(out.birthName, best.usedOrBirth, "nom de naissance");
        }
        set.setFirstNames(best.first);
        set.setSex(best.sex);
        set.setDate(best.date);
        set.setString(out.birthPlace, best.place, "lieu de naissance");
    }
    if (out.firstName.isEmpty() && !out.firstNames.isEmpty()) {
        out.firstName = out.firstNames.front();
    } else if (!out.firstName.isEmpty() && out.firstNames.isEmpty()) {
        out.firstNames = {out.firstName};
    }
    if (out.usedName == out.birthName) {
        out.usedName.clear();
    }
    if (out.displayName.isEmpty() && (!out.birthName.isEmpty() || !out.usedName.isEmpty())) {
        const QString family = out.usedName.isEmpty() ? out.birthName : out.usedName;
        out.displayName = out.firstName.isEmpty() ? family : out.firstName + QLatin1Char(' ') + family;
    }
    return out;
}

} // namespace missive::ocr
