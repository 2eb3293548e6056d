#include "letter_text.h"

#include "names.h"

#include <QRegularExpression>

namespace missive::ocr
{
namespace
{

const QRegularExpression& postcodeRe()
{
    static const QRegularExpression re(
        QStringLiteral(
            R"((?<!\d)(\d{5})\s+((?:\p{Lu}[\p{L}'’\-]*)(?:[\s\-]+(?:\p{Lu}[\p{L}'’\-]*|sur|sous|en|le|la|les|de|du|d'|\d+))*)(?:\s+cedex(?:\s+\d+)?)?\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression& rppsRe()
{
    static const QRegularExpression re(QStringLiteral(R"(RPPS\s*(?:n°|N°|:)?\s*:?\s*(\d{11})(?!\d))"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

// Medical words that tell the directory what a recipient does.
const QStringList& specialtyVocabulary()
{
    static const QStringList words{
        QStringLiteral("medecin"),
        QStringLiteral("generaliste"),
        QStringLiteral("cardiologue"),
        QStringLiteral("cardiologie"),
        QStringLiteral("nephrologue"),
        QStringLiteral("nephrologie"),
        QStringLiteral("pneumologue"),
        QStringLiteral("pneumologie"),
        QStringLiteral("chirurgien"),
        QStringLiteral("chirurgie"),
        QStringLiteral("orthopedique"),
        QStringLiteral("orthopediste"),
        QStringLiteral("dermatologue"),
        QStringLiteral("dermatologie"),
        QStringLiteral("gastro-enterologue"),
        QStringLiteral("gastro-enterologie"),
        QStringLiteral("endocrinologue"),
        QStringLiteral("endocrinologie"),
        QStringLiteral("neurologue"),
        QStringLiteral("neurologie"),
        QStringLiteral("rhumatologue"),
        QStringLiteral("rhumatologie"),
        QStringLiteral("ophtalmologue"),
        QStringLiteral("ophtalmologie"),
        QStringLiteral("pediatre"),
        QStringLiteral("pediatrie"),
        QStringLiteral("gynecologue"),
        QStringLiteral("gynecologie"),
        QStringLiteral("obstetrique"),
        QStringLiteral("psychiatre"),
        QStringLiteral("psychiatrie"),
        QStringLiteral("oncologue"),
        QStringLiteral("oncologie"),
        QStringLiteral("radiologue"),
        QStringLiteral("radiologie"),
        QStringLiteral("urologue"),
        QStringLiteral("urologie"),
        QStringLiteral("anesthesiste"),
        QStringLiteral("anesthesie"),
        QStringLiteral("geriatre"),
        QStringLiteral("geriatrie"),
        QStringLiteral("infirmier"),
        QStringLiteral("infirmiere"),
        QStringLiteral("kinesitherapeute"),
        QStringLiteral("pharmacien"),
        QStringLiteral("sage-femme"),
        QStringLiteral("interne"),
        QStringLiteral("urgences"),
        QStringLiteral("orl"),
        QStringLiteral("hematologue"),
        QStringLiteral("hematologie"),
        QStringLiteral("vasculaire"),
        QStringLiteral("viscerale"),
        QStringLiteral("digestive"),
    };
    return words;
}

QStringList specialtyWordsIn(const QString& text)
{
    QStringList out;
    const QString folded = foldForMatch(text);
    static const QRegularExpression split(QStringLiteral(R"([^\p{L}\-]+)"));
    for (const QString& word : folded.split(split, Qt::SkipEmptyParts)) {
        if (specialtyVocabulary().contains(word) && !out.contains(word)) {
            out += word;
        }
    }
    return out;
}

QString normaliseTitle(const QString& raw)
{
    const QString t = foldForMatch(raw).remove(QLatin1Char('.')).simplified();
    if (t.contains(QLatin1String("professeur")) || t == QLatin1String("pr")) {
        return QStringLiteral("Pr");
    }
    if (t.contains(QLatin1String("docteur")) || t == QLatin1String("dr")) {
        return QStringLiteral("Dr");
    }
    if (t.startsWith(QLatin1String("madame")) || t.startsWith(QLatin1String("mme"))
        || t.startsWith(QLatin1String("mademoiselle"))) {
        return QStringLiteral("Mme");
    }
    if (t.startsWith(QLatin1String("monsieur")) || t == QLatin1String("m")) {
        return QStringLiteral("M.");
    }
    return {};
}

bool isClosing(const QString& folded)
{
    static const QStringList closings{
        QStringLiteral("je vous prie"),       QStringLiteral("confraternellement"),
        QStringLiteral("cordialement"),       QStringLiteral("bien a vous"),
        QStringLiteral("salutations"),        QStringLiteral("sentiments"),
        QStringLiteral("en vous remerciant"), QStringLiteral("restant a votre disposition"),
    };
    for (const QString& c : closings) {
        if (folded.contains(c)) {
            return true;
        }
    }
    return false;
}

struct TypeRule
{
    const char* phrase; // folded
    const char* code;
};

// Title phrases of frequent letters; checked in order (the specific before the general).
const QList<TypeRule>& typeRules()
{
    static const QList<TypeRule> rules{
        {"lettre de liaison", "11490-0"},
        {"compte rendu operatoire", "34874-8"},
        {"compte-rendu operatoire", "34874-8"},
        {"cr operatoire", "34874-8"},
        {"compte rendu de consultation pre-anesthesique", "34749-2"},
        {"consultation pre-anesthesique", "34749-2"},
        {"compte rendu d'anesthesie", "77436-4"},
        {"compte rendu de consultation", "11488-4"},
        {"compte-rendu de consultation", "11488-4"},
        {"compte rendu d'hospitalisation", "34112-3"},
        {"compte-rendu d'hospitalisation", "34112-3"},
        {"compte rendu de sejour", "34112-3"},
        {"compte rendu de passage aux urgences", "15507-7"},
        {"compte rendu d'imagerie", "18748-4"},
        {"compte rendu radiologique", "18748-4"},
        {"compte rendu d'accouchement", "15508-5"},
        {"lettre d'adressage", "96349-6"},
        {"certificat medical", "89601-9"},
        {"ordonnance", "57833-6"},
        {"prescription medicamenteuse", "57833-6"},
        {"prescription de soins", "57832-8"},
    };
    return rules;
}

// Letters of the text (for "how much of the segment is the title").
int letterCount(const QString& s)
{
    int n = 0;
    for (const QChar c : s) {
        n += c.isLetter() ? 1 : 0;
    }
    return n;
}

std::optional<QString> titleTypeCode(const QString& segmentText)
{
    QString folded = foldForMatch(segmentText).simplified();
    folded.replace(QStringLiteral("compte-rendu"), QStringLiteral("compte rendu"));
    folded.replace(QStringLiteral("' "), QStringLiteral("'")); // OCR: "D' HOSPITALISATION"
    if (folded.startsWith(QLatin1String("objet"))) {
        folded = folded.mid(5).remove(QLatin1Char(':')).trimmed();
    } else if (folded.size() > 80) {
        return std::nullopt;
    }
    for (const TypeRule& rule : typeRules()) {
        const QString phrase = QString::fromLatin1(rule.phrase);
        const qsizetype at = folded.indexOf(phrase);
        if (at < 0) {
            continue;
        }
        // A title, not a sentence that mentions the phrase: it starts the segment (or the object)
        // and is most of it.
        if (at <= 2 && letterCount(phrase) * 10 >= letterCount(folded) * 4) {
            return QString::fromLatin1(rule.code);
        }
    }
    // Any JDV_J07 label printed as a title.
    for (const DocumentType& type : documentTypes()) {
        const QString label = foldForMatch(type.label).simplified();
        if (label.size() >= 12 && folded == label) {
            return type.code;
        }
    }
    return std::nullopt;
}

struct Entry
{
    PersonName person;
    QString rest;
};

void addContext(Recipient& r, const QString& context)
{
    r.specialtyWords += specialtyWordsIn(context);
    r.specialtyWords.removeDuplicates();
    static const QRegularExpression pc(QStringLiteral(R"((?<!\d)(\d{5})(?!\d)\s*([\p{L}][\p{L}'’ \-]*)?)"));
    const auto m = pc.match(context);
    if (m.hasMatch()) {
        r.postcode = m.captured(1);
        if (r.city.isEmpty()) {
            r.city = m.captured(2).simplified();
            static const QRegularExpression cedex(QStringLiteral(R"(\s+cedex.*$)"),
                                                  QRegularExpression::CaseInsensitiveOption);
            r.city.remove(cedex);
        }
        return;
    }
    // "Dr X, cardiologue, Quimper" / "(cardiologue à Quimper)": the last capitalised word that is no specialty.
    if (r.city.isEmpty()) {
        static const QRegularExpression cityRe(QStringLiteral(
            R"((?:^|[,(;]|\s[àa]\s)\s*(\p{Lu}[\p{L}'’\-]+(?:[\s\-]+(?:sur|sous|en|le|la|\p{Lu}[\p{L}'’\-]+))*)\s*[),;]?\s*$)"));
        const auto c = cityRe.match(context.trimmed());
        if (c.hasMatch() && specialtyWordsIn(c.captured(1)).isEmpty()) {
            r.city = c.captured(1);
        }
    }
}

Recipient recipientFrom(const PersonName& person, RecipientRole role)
{
    Recipient r;
    r.name = person.asRead;
    r.role = role;
    r.title = person.title;
    r.givenName = person.given;
    r.familyName = person.family;
    return r;
}

QList<Entry> splitEntries(const QString& text)
{
    QList<Entry> out;
    static const QRegularExpression sep(QStringLiteral(
        // ";" (read as ":" by OCR at times), " - ", or "et" before the next titled name.
        R"(\s*(?:;|\s[-–•]\s|(?:\bet|\s:)\s+(?=(?:le\s+)?(?:[Dd]r|Docteur|[Pp]r|Professeur|Mme|Madame|M\.|Monsieur)\b)))"));
    for (const QString& part : text.split(sep, Qt::SkipEmptyParts)) {
        const auto person = parsePersonName(part.trimmed(), false);
        if (person) {
            out += Entry{*person, part.trimmed().mid(person->end)};
        }
    }
    return out;
}

bool mentionsPatientCopy(const QString& folded)
{
    return folded.contains(QLatin1String("copie patient")) || folded.contains(QLatin1String("copie au patient"))
           || folded.contains(QLatin1String("copie a la patiente"))
           || folded.contains(QLatin1String("copie a la patient"))
           || folded.contains(QLatin1String("copie remise au patient"))
           || folded.contains(QLatin1String("copie remise a la patiente")) || folded == QLatin1String("patient")
           || folded == QLatin1String("la patiente") || folded == QLatin1String("le patient");
}

} // namespace

std::optional<PersonName> parsePersonName(const QString& text, bool requireTitle)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^\s*[-–•|]?\s*(?:(?:(Madame|Monsieur|Mme|M\.)\s+(?:le\s+|la\s+)?)?(Docteur|[Dd]r\.?|Professeur|[Pp]r\.?)\s+|(Madame|Monsieur|Mme|M\.)\s+)?((?:\p{Lu}[\p{Ll}'’\-]*\.?[\s\-]*(?:\p{Lu}[\p{Ll}'’\-]+)?\s+)*?)((?:\p{Lu}[\p{Lu}'’\-]+)(?:\s+(?:\p{Lu}[\p{Lu}'’\-]*))*)(?=$|[\s,;()]))"));
    const auto m = re.match(text);
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    PersonName p;
    const QString title = m.captured(2).isEmpty() ? m.captured(3) : m.captured(2);
    if (title.isEmpty() && requireTitle) {
        return std::nullopt;
    }
    p.title = normaliseTitle(title);
    p.given = m.captured(4).simplified();
    p.family = m.captured(5).simplified();
    // Trailing uppercase words that are not names (a specialty in capitals, "CEDEX", "CHU").
    static const QStringList stop{QStringLiteral("CHU"), QStringLiteral("CH"), QStringLiteral("RPPS"),
                                  QStringLiteral("CEDEX")};
    QStringList family = p.family.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    while (!family.isEmpty() && stop.contains(family.back())) {
        family.removeLast();
    }
    if (family.isEmpty() || (p.given.isEmpty() && title.isEmpty())) {
        return std::nullopt;
    }
    p.family = family.join(QLatin1Char(' '));
    const qsizetype familyAt = m.capturedStart(5);
    p.end = text.indexOf(p.family, familyAt) + p.family.size();
    p.asRead = text.mid(m.capturedStart(0), p.end - m.capturedStart(0)).trimmed();
    if (p.asRead.startsWith(QLatin1Char('-')) || p.asRead.startsWith(QLatin1Char('|'))
        || p.asRead.startsWith(QChar(0x2022))) {
        p.asRead = p.asRead.mid(1).trimmed();
    }
    if (insiUpper(p.family).size() < 2) {
        return std::nullopt;
    }
    return p;
}

bool samePerson(const PersonName& a, const PersonName& b)
{
    if (insiUpper(a.family) != insiUpper(b.family)) {
        return false;
    }
    if (a.given.isEmpty() || b.given.isEmpty()) {
        return true;
    }
    // "J." matches "Jean".
    const QString ga = insiUpper(a.given);
    const QString gb = insiUpper(b.given);
    return ga == gb || (ga.size() == 1 && gb.startsWith(ga)) || (gb.size() == 1 && ga.startsWith(gb));
}

LetterReading readLetter(const QList<QList<Segment>>& pages, const QList<double>& pageHeights)
{
    LetterReading out;
    if (pages.isEmpty()) {
        return out;
    }

    // ---- Author: the name under the closing formula, else a header name next to an RPPS number.
    std::optional<PersonName> author;
    std::optional<QString> authorRpps;
    for (qsizetype p = pages.size() - 1; p >= 0 && !author; --p) {
        const auto& segs = pages[p];
        qsizetype closing = -1;
        for (qsizetype i = 0; i < segs.size(); ++i) {
            if (isClosing(foldForMatch(segs[i].text))) {
                closing = i;
            }
        }
        if (closing < 0) {
            continue;
        }
        for (qsizetype i = closing + 1; i < segs.size() && i <= closing + 6; ++i) {
            const QString folded = foldForMatch(segs[i].text);
            if (folded.startsWith(QLatin1String("copie")) || folded.startsWith(QLatin1String("cc"))) {
                break;
            }
            const auto person = parsePersonName(segs[i].text, false);
            if (person && person->end >= segs[i].text.size() - 2) {
                author = person;
                for (qsizetype j = i; j < segs.size() && j <= i + 3; ++j) {
                    const auto rpps = rppsRe().match(segs[j].text);
                    if (rpps.hasMatch()) {
                        authorRpps = rpps.captured(1);
                        break;
                    }
                }
                break;
            }
        }
    }
    // The header of page 1: a titled name with an RPPS number within the next lines.
    const auto& first = pages.front();
    for (qsizetype i = 0; i < first.size(); ++i) {
        const auto rpps = rppsRe().match(first[i].text);
        if (!rpps.hasMatch()) {
            continue;
        }
        for (qsizetype j = i; j >= 0 && j >= i - 4; --j) {
            const auto person = parsePersonName(first[j].text, true);
            if (person && std::abs(first[j].box.left() - first[i].box.left()) < 40) {
                if (!author) {
                    author = person;
                }
                if (samePerson(*author, *person) && !authorRpps) {
                    authorRpps = rpps.captured(1);
                }
                break;
            }
        }
    }
    if (author) {
        out.author = Author{author->asRead, authorRpps};
    }
    const auto isAuthor = [&](const PersonName& p) { return author && samePerson(*author, p); };

    QList<Recipient> recipients;
    const auto add = [&](Recipient r, const PersonName& person) {
        if (isAuthor(person)) {
            return;
        }
        for (Recipient& existing : recipients) {
            PersonName other;
            other.family = existing.familyName;
            other.given = existing.givenName;
            if (samePerson(other, person)
                && (existing.city.isEmpty() || r.city.isEmpty() || insiUpper(existing.city) == insiUpper(r.city))) {
                // Already listed (address window and "Copie à" naming the same person): keep "to".
                if (r.role == RecipientRole::To) {
                    existing.role = RecipientRole::To;
                }
                if (existing.city.isEmpty()) {
                    existing.city = r.city;
                    existing.postcode = r.postcode;
                }
                existing.specialtyWords += r.specialtyWords;
                existing.specialtyWords.removeDuplicates();
                return;
            }
        }
        recipients += r;
    };

    // ---- Address window(s) on page 1: a titled name followed, in the same column, by a postcode line.
    const double height = pageHeights.isEmpty() ? 842.0 : pageHeights.front();
    for (qsizetype i = 0; i < first.size(); ++i) {
        const Segment& s = first[i];
        if (s.box.top() > height * 0.5) {
            break;
        }
        const auto person = parsePersonName(s.text, true);
        if (!person || person->end < s.text.size() - 2) {
            continue;
        }
        QString context;
        bool foundPostcode = false;
        double lastBottom = s.box.bottom();
        for (qsizetype j = i + 1; j < first.size() && j <= i + 12; ++j) {
            const Segment& next = first[j];
            if (std::abs(next.box.left() - s.box.left()) > 20) {
                continue; // another column on the same lines
            }
            if (next.box.top() - lastBottom > s.box.height() * 2.5) {
                break;
            }
            lastBottom = next.box.bottom();
            if (rppsRe().match(next.text).hasMatch() || foldForMatch(next.text).contains(QLatin1String("tel"))) {
                break; // the author's letterhead
            }
            if (parsePersonName(next.text, true)) {
                break;
            }
            context += QLatin1Char(' ') + next.text;
            if (postcodeRe().match(next.text).hasMatch()) {
                foundPostcode = true;
                break;
            }
        }
        if (!foundPostcode) {
            continue;
        }
        Recipient r = recipientFrom(*person, RecipientRole::To);
        const auto pc = postcodeRe().match(context);
        addContext(r, context);
        if (pc.hasMatch()) {
            r.postcode = pc.captured(1);
            r.city = pc.captured(2).simplified();
        }
        add(r, *person);
    }

    // ---- Labelled lists, on every page: "Copie à :", "Cc :", "Destinataires :", "Adressé à :".
    static const QRegularExpression listLabel(
        QStringLiteral(
            R"(^(copies?(?:\s+adress[ée]es?)?(?:\s+(?:à|a))?|cc|ce(?=\s*:)|destinataires?|adress[ée]e?\s+(?:à|a)|à l'attention d[eu]|a l'attention d[eu])\s*:?\s*(.*)$)"),
        QRegularExpression::CaseInsensitiveOption);
    for (const auto& segs : pages) {
        for (qsizetype i = 0; i < segs.size(); ++i) {
            const QString& text = segs[i].text;
            const QString folded = foldForMatch(text);
            if (mentionsPatientCopy(folded.simplified().remove(QLatin1Char('.')))) {
                out.copyToPatient = true;
            }
            const auto m = listLabel.match(text);
            if (!m.hasMatch()) {
                continue;
            }
            const QString label = foldForMatch(m.captured(1));
            if (!text.contains(QLatin1Char(':')) && !label.startsWith(QLatin1String("copie"))) {
                continue;
            }
            // "Ce :" is how OCR often reads a small "Cc :".
            const RecipientRole role =
                label.startsWith(QLatin1String("cop")) || label == QLatin1String("cc") || label == QLatin1String("ce")
                    ? RecipientRole::Cc
                    : RecipientRole::To;
            // The list goes on over the next lines of the same column (one name per line).
            QStringList parts{m.captured(2)};
            double bottom = segs[i].box.bottom();
            for (qsizetype j = i + 1; j < segs.size() && j <= i + 6; ++j) {
                if (segs[j].box.top() - bottom > segs[i].box.height() * 1.8) {
                    break;
                }
                if (listLabel.match(segs[j].text).hasMatch() || !parsePersonName(segs[j].text, false)) {
                    if (!mentionsPatientCopy(foldForMatch(segs[j].text).simplified().remove(QLatin1Char('.')))) {
                        break;
                    }
                    out.copyToPatient = true;
                }
                parts += segs[j].text;
                bottom = segs[j].box.bottom();
            }
            bool named = false;
            for (const QString& part : parts) {
                if (mentionsPatientCopy(foldForMatch(part).simplified().remove(QLatin1Char('.')))) {
                    out.copyToPatient = true;
                    named = true;
                }
                for (const Entry& e : splitEntries(part)) {
                    named = true;
                    Recipient r = recipientFrom(e.person, role);
                    addContext(r, e.rest);
                    add(r, e.person);
                }
            }
            out.unreadList = out.unreadList || !named;
        }
    }

    // ---- Salutation, when nothing else named the addressee: "Cher Docteur Paul DURAND,".
    const bool anyTo = std::any_of(recipients.begin(), recipients.end(),
                                   [](const Recipient& r) { return r.role == RecipientRole::To; });
    if (!anyTo) {
        static const QRegularExpression salutation(
            QStringLiteral(R"(^(?:Cher|Chère|Chere)\s+(?:Confrère|Consœur|Collègue|Ami)?\s*(.*?),?$)"));
        for (const Segment& s : first) {
            const auto m = salutation.match(s.text);
            if (!m.hasMatch()) {
                continue;
            }
            const auto person = parsePersonName(m.captured(1), true);
            if (person && !person->family.isEmpty()) {
                add(recipientFrom(*person, RecipientRole::To), *person);
            }
            break;
        }
    }
    out.recipients = recipients;

    // ---- Document type: a title on page 1.
    QStringList codes;
    for (const Segment& s : first) {
        const auto code = titleTypeCode(s.text);
        if (code && !codes.contains(*code)) {
            codes += *code;
        }
    }
    if (codes.size() == 1) {
        out.documentType = findDocumentType(codes.front());
    } else if (codes.size() > 1) {
        out.warnings += QStringLiteral("type de document incertain (plusieurs titres)");
    }
    return out;
}

} // namespace missive::ocr
