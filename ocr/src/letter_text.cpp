#include "letter_text.h"

#include "identity_text.h"
#include "names.h"

#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <limits>

namespace missive::ocr
{
namespace
{

constexpr qsizetype MaxSegmentLength = 400;

const QRegularExpression& postcodeLineRe()
{
    // "31000 TOULOUSE", "29200 Brest Cedex 2", "69006 - LYON", "F-75001 PARIS"
    static const QRegularExpression re(
        QStringLiteral(
            R"((?:^|\s|F-)(\d{5})\s*-?\s+((?:\p{Lu}[\p{L}'’\-]*)(?:[\s\-]+(?:\p{Lu}[\p{L}'’\-]*|sur|sous|en|le|la|les|de|du|d'|\d{1,2}(?:e|er|ème)?))*)(?:\s+cedex(?:\s+\d+)?)?\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression& streetRe()
{
    static const QRegularExpression re(
        QStringLiteral(
            R"(^\s*(?:\d{1,4}\s*(?:bis|ter|b|t)?\s*,?\s+)?(?:rue|avenue|av\.?|bd|boulevard|place|pl\.|chemin|ch\.|all[ée]e|impasse|imp\.|route|rte|quai|cours|square|voie|rond-point|r[ée]sidence|lotissement|lieu-dit|chauss[ée]e|promenade|sentier|passage|cit[ée]|hameau|parc|esplanade|faubourg|mail|zone|zac|za|zi)\s+\S)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression& rppsRe()
{
    static const QRegularExpression re(QStringLiteral(R"(RPPS\s*(?:n°|N°|:)?\s*:?\s*(\d{11})(?!\d))"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

// Signs of a letterhead (the sender) or of a field ("Lieu de naissance : 29019 BREST"), never of an
// addressee's block.
bool letterheadSign(const QString& folded)
{
    static const QRegularExpression field(QStringLiteral(R"(^\s*[a-z][a-z\s'().°/\-]{0,40}?\s*:\s)"));
    // "À l'attention de :", "Att. :", "Médecin traitant :" over a name: the addressee's, not a letterhead's field.
    static const QRegularExpression addressing(QStringLiteral(
        R"(attention|^\s*att(?:n\.?|\.)\s*:|^\s*(?:medecin\s+)?(?:traitant|destinataire|correspondant)s?\s*:)"));
    if (field.match(folded).hasMatch() && !addressing.match(folded).hasMatch()) {
        return true;
    }
    // "Secrétariat du Docteur X" where the window stands: the addressee, through his secretary.
    static const QRegularExpression secretary(
        QStringLiteral(R"(^\s*secretariat\s+(?:du|de\s+la|de)\s+(?:docteure?|dr\.?|professeure?|pr\.?)\s)"));
    if (secretary.match(folded).hasMatch()) {
        return false;
    }
    static const QRegularExpression re(
        QStringLiteral(R"((?<![a-z])(?:tel|tél|fax|telecopie|rpps|finess|siret|adeli|www|http|standard|secretariat)(?![a-z])|@)"));
    return re.match(folded).hasMatch();
}

// Medical words that tell the directory what a recipient does.
const QStringList& specialtyVocabulary()
{
    static const QStringList words{
        QStringLiteral("medecin"),          QStringLiteral("generaliste"),       QStringLiteral("cardiologue"),
        QStringLiteral("cardiologie"),      QStringLiteral("nephrologue"),       QStringLiteral("nephrologie"),
        QStringLiteral("pneumologue"),      QStringLiteral("pneumologie"),       QStringLiteral("chirurgien"),
        QStringLiteral("chirurgienne"),     QStringLiteral("chirurgie"),         QStringLiteral("orthopedique"),
        QStringLiteral("orthopediste"),     QStringLiteral("dermatologue"),      QStringLiteral("dermatologie"),
        QStringLiteral("gastro-enterologue"), QStringLiteral("gastro-enterologie"), QStringLiteral("gastroenterologue"),
        QStringLiteral("endocrinologue"),   QStringLiteral("endocrinologie"),    QStringLiteral("neurologue"),
        QStringLiteral("neurologie"),       QStringLiteral("rhumatologue"),      QStringLiteral("rhumatologie"),
        QStringLiteral("ophtalmologue"),    QStringLiteral("ophtalmologie"),     QStringLiteral("ophtalmologiste"),
        QStringLiteral("pediatre"),         QStringLiteral("pediatrie"),         QStringLiteral("gynecologue"),
        QStringLiteral("gynecologie"),      QStringLiteral("obstetrique"),       QStringLiteral("psychiatre"),
        QStringLiteral("psychiatrie"),      QStringLiteral("oncologue"),         QStringLiteral("oncologie"),
        QStringLiteral("radiologue"),       QStringLiteral("radiologie"),        QStringLiteral("urologue"),
        QStringLiteral("urologie"),         QStringLiteral("anesthesiste"),      QStringLiteral("anesthesie"),
        QStringLiteral("geriatre"),         QStringLiteral("geriatrie"),         QStringLiteral("infirmier"),
        QStringLiteral("infirmiere"),       QStringLiteral("kinesitherapeute"),  QStringLiteral("pharmacien"),
        QStringLiteral("pharmacienne"),     QStringLiteral("sage-femme"),        QStringLiteral("interne"),
        QStringLiteral("urgences"),         QStringLiteral("urgentiste"),        QStringLiteral("orl"),
        QStringLiteral("hematologue"),      QStringLiteral("hematologie"),       QStringLiteral("vasculaire"),
        QStringLiteral("viscerale"),        QStringLiteral("digestive"),        QStringLiteral("visceral"),
        QStringLiteral("digestif"),         QStringLiteral("angiologue"),
        QStringLiteral("allergologue"),     QStringLiteral("infectiologue"),     QStringLiteral("diabetologue"),
        QStringLiteral("stomatologue"),     QStringLiteral("chirurgien-dentiste"), QStringLiteral("dentiste"),
        QStringLiteral("neurochirurgien"),  QStringLiteral("psychologue"),       QStringLiteral("medecine"),
        QStringLiteral("generale"),         QStringLiteral("traumatologie"),     QStringLiteral("reanimation"),
        QStringLiteral("interniste"),       QStringLiteral("nutritionniste"),    QStringLiteral("biologiste"),
        QStringLiteral("obstetricien"),     QStringLiteral("obstetricienne"),
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
    if (t.contains(QLatin1String("professeur")) || t == QLatin1String("pr") || t == QLatin1String("prof")) {
        return QStringLiteral("Pr");
    }
    if (t.contains(QLatin1String("docteur")) || t == QLatin1String("dr") || t == QLatin1String("doctoresse")) {
        return QStringLiteral("Dr");
    }
    if (t.startsWith(QLatin1String("madame")) || t.startsWith(QLatin1String("mme"))
        || t.startsWith(QLatin1String("mademoiselle")) || t.startsWith(QLatin1String("mlle"))) {
        return QStringLiteral("Mme");
    }
    if (t.startsWith(QLatin1String("monsieur")) || t == QLatin1String("m") || t == QLatin1String("mr")) {
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
        QStringLiteral("veuillez agreer"),    QStringLiteral("amities"),
        QStringLiteral("bien amicalement"),   QStringLiteral("respectueusement"),
    };
    return std::any_of(closings.begin(), closings.end(), [&](const QString& c) { return folded.contains(c); });
}

struct TypeRule
{
    const char* phrase; // folded
    const char* code;
};

// Title phrases; the specific before the general.
const QList<TypeRule>& typeRules()
{
    static const QList<TypeRule> rules{
        {"lettre de liaison a l'entree", "18761-7"},
        {"lettre de liaison d'entree", "18761-7"},
        {"note de transfert", "18761-7"},
        {"lettre de liaison", "11490-0"},
        {"lettre de sortie", "11490-0"},
        {"courrier de sortie", "11490-0"},
        {"compte rendu operatoire", "34874-8"},
        {"cr operatoire", "34874-8"},
        {"c.r. operatoire", "34874-8"},
        {"compte rendu d'intervention", "34874-8"},
        {"compte rendu chirurgical", "34874-8"},
        {"protocole operatoire", "34874-8"},
        {"compte rendu de consultation pre-anesthesique", "34749-2"},
        {"compte rendu de consultation d'anesthesie", "34749-2"},
        {"consultation pre-anesthesique", "34749-2"},
        {"consultation d'anesthesie", "34749-2"},
        {"compte rendu d'anesthesie", "77436-4"},
        {"compte rendu de consultation", "11488-4"},
        {"compte rendu de la consultation", "11488-4"},
        {"cr de consultation", "11488-4"},
        {"compte rendu d'hospitalisation", "34112-3"},
        {"compte rendu hospitalier", "34112-3"},
        {"compte rendu de sejour", "34112-3"},
        {"compte rendu de fin d'hospitalisation", "34112-3"},
        {"crh", "34112-3"},
        {"compte rendu de passage aux urgences", "15507-7"},
        {"passage aux urgences", "15507-7"},
        {"compte rendu des urgences", "15507-7"},
        {"compte rendu d'imagerie", "18748-4"},
        {"compte rendu radiologique", "18748-4"},
        {"compte rendu de radiologie", "18748-4"},
        {"compte rendu d'echographie", "18748-4"},
        {"compte rendu d'examen radiologique", "18748-4"},
        {"compte rendu d'accouchement", "15508-5"},
        {"compte rendu de biologie", "11502-2"},
        {"compte rendu d'examens biologiques", "11502-2"},
        {"compte rendu de reunion de concertation", "34794-8"},
        {"reunion de concertation pluridisciplinaire", "34794-8"},
        {"compte rendu d'anatomopathologie", "60568-3"},
        {"compte rendu anatomopathologique", "60568-3"},
        {"volet de synthese medicale", "60591-5"},
        {"synthese medicale", "60591-5"},
        {"lettre d'adressage", "96349-6"},
        {"courrier d'adressage", "96349-6"},
        {"demande d'avis", "96349-6"},
        {"demande de consultation", "96349-6"},
        {"demande d'expertise", "96349-6"},
        {"compte rendu de scanner", "18748-4"},
        {"compte rendu d'irm", "18748-4"},
        {"compte rendu d'echographie", "18748-4"},
        {"compte rendu de radiographie", "18748-4"},
        {"compte rendu de mammographie", "18748-4"},
        {"compte rendu de scintigraphie", "18748-4"},
        {"compte rendu d'examen d'imagerie", "18748-4"},
        {"scanner", "18748-4"},
        {"irm", "18748-4"},
        {"echographie", "18748-4"},
        {"radiographie", "18748-4"},
        {"mammographie", "18748-4"},
        {"scintigraphie", "18748-4"},
        {"tomodensitometrie", "18748-4"},
        {"echo-doppler", "18748-4"},
        {"consultation de suivi", "11488-4"},
        {"consultation de", "11488-4"},
        {"consultation du", "11488-4"},
        {"compte rendu de visite", "11488-4"},
        {"certificat medical", "89601-9"},
        {"certificat", "89601-9"},
        {"prescription de soins", "57832-8"},
        {"ordonnance de soins", "57832-8"},
        {"prescription d'actes infirmiers", "57832-8"},
        {"ordonnance de kinesitherapie", "57832-8"},
        {"ordonnance de sortie", "57833-6"},
        {"ordonnance medicamenteuse", "57833-6"},
        {"prescription medicamenteuse", "57833-6"},
        {"prescription de medicaments", "57833-6"},
        {"ordonnance", "57833-6"},
    };
    return rules;
}

int letterCount(const QString& s)
{
    return static_cast<int>(std::count_if(s.begin(), s.end(), [](QChar c) { return c.isLetter(); }));
}

QString squeezeRepeats(QString s)
{
    qsizetype out = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (out == 0 || s[i] != s[out - 1] || !s[i].isLetter()) {
            s[out++] = s[i];
        }
    }
    s.truncate(out);
    return s;
}

std::optional<QString> titleTypeCode(const QString& segmentText)
{
    QString folded = foldSameLength(segmentText.left(MaxSegmentLength)).simplified();
    if (folded.size() > 200 || letterCount(folded) < 3) {
        return std::nullopt;
    }
    folded.replace(QStringLiteral("compte-rendu"), QStringLiteral("compte rendu"));
    folded.replace(QStringLiteral("compte - rendu"), QStringLiteral("compte rendu"));
    folded.replace(QStringLiteral("' "), QStringLiteral("'")); // OCR: "D' HOSPITALISATION"
    folded.replace(QStringLiteral("pre-anesthesique"), QStringLiteral("pre-anesthesique"));
    folded.replace(QStringLiteral("preanesthesique"), QStringLiteral("pre-anesthesique"));
    folded.replace(QStringLiteral("pre anesthesique"), QStringLiteral("pre-anesthesique"));
    static const QRegularExpression lead(
        QStringLiteral(R"(^(?:objet|type\s+de\s+document|document|nature\s+du\s+document|n\s*/\s*ref\.?|v\s*/\s*ref\.?|ref\.?|reference|titre|concerne)\s*[:;]\s*)"));
    const auto m = lead.match(folded);
    if (m.hasMatch()) {
        folded = folded.mid(m.capturedEnd());
    } else if (folded.size() > 90 || folded.endsWith(QLatin1Char('.'))) {
        return std::nullopt; // a sentence ("Consultation de contrôle dans un mois."), not a title
    }
    // Doubled letters squeezed on both sides: OCR splits an accented capital into two letters
    // ("PRÉ" read "PREÈ"), and no two titles differ by a doubled letter alone.
    folded = squeezeRepeats(folded);
    static const QList<std::pair<QString, QString>> phrases = [] {
        QList<std::pair<QString, QString>> out;
        for (const TypeRule& rule : typeRules()) {
            out += {squeezeRepeats(QString::fromLatin1(rule.phrase)), QString::fromLatin1(rule.code)};
        }
        return out;
    }();
    for (const auto& [phrase, code] : phrases) {
        const qsizetype at = folded.indexOf(phrase);
        if (at < 0 || (at + phrase.size() < folded.size() && folded[at + phrase.size()].isLetter())) {
            continue;
        }
        // A title, not a sentence that mentions the phrase: it starts the segment (or the object),
        // after nothing but a number or a mark (not "à scanner", a caption), and is a good part of it.
        if (at <= 2 && letterCount(folded.left(at)) == 0
            && (m.hasMatch() || letterCount(phrase) * 10 >= letterCount(folded) * 3)) {
            return code;
        }
    }
    // A title set in spaced capitals, which OCR reads in pieces ("LE T T RE DE LIAISON"): without
    // its spaces, it is the phrase without its own, and most of the line.
    static const QRegularExpression singleLetters(QStringLiteral(R"((?:^|\s)[a-z](?:\s+[a-z])(?:\s|$))"));
    if (!m.hasMatch() && singleLetters.match(folded).hasMatch()) {
        const QString squeezed = squeezeRepeats(QString(folded).remove(QLatin1Char(' ')));
        for (const auto& [phrase, code] : phrases) {
            const QString bare = QString(phrase).remove(QLatin1Char(' '));
            if (squeezed.startsWith(bare) && letterCount(bare) * 10 >= letterCount(squeezed) * 6) {
                return code;
            }
        }
    }
    // Any JDV_J07 label printed as a title.
    static const QList<std::pair<QString, QString>> labels = [] {
        QList<std::pair<QString, QString>> out;
        for (const DocumentType& type : documentTypes()) {
            const QString label = squeezeRepeats(foldForMatch(type.label).simplified());
            if (label.size() >= 12) {
                out += {label, type.code};
            }
        }
        return out;
    }();
    for (const auto& [label, code] : labels) {
        if (folded == label) {
            return code;
        }
    }
    // A title misread by OCR ("LELLRE DE LIAISON"): the start of the line within a letter or two
    // of one phrase, and of no other, that makes half the line at least.
    std::optional<QString> near;
    const qsizetype letters = letterCount(folded);
    for (const auto& [phrase, code] : phrases) {
        const int tolerance = static_cast<int>(phrase.size() / 12);
        // Cheap checks first (this runs for every short line): the length, and one of the first
        // two letters (OCR seldom misreads both).
        if (tolerance == 0 || folded.size() < phrase.size() - tolerance || phrase.size() * 2 < letters
            || (folded[0] != phrase[0] && folded[1] != phrase[1])) {
            continue;
        }
        const QStringView start = QStringView(folded).left(phrase.size());
        if (editDistance(start, phrase, tolerance) <= tolerance) {
            if (near && *near != code) {
                return std::nullopt;
            }
            near = code;
        }
    }
    return near;
}

// "Copie au patient", "un exemplaire à la personne" (never "… à la personne de confiance") anywhere; within a copies
// list, an entry that is the patient alone ("le patient", "Patient(e)", "l'intéressé(e)", "la personne elle-même").
// Outside a list such a line is a heading ("PATIENT" over the identity block), not a copy.
bool mentionsPatientCopy(const QString& folded, bool inList)
{
    static const QRegularExpression said(QStringLiteral(
        R"((?:copie|exemplaire)\s+(?:(?:remise?|donnee?)\s+)?(?:au|a\s+la|a|a\s+l')?\s*(?:patient|interesse|personne(?!\s+(?:de\s+confiance|a\s+prevenir|a\s+contacter))|usager)(?:e|\s*\(\s*e\s*\))?(?![a-z]))"));
    static const QRegularExpression alone(QStringLiteral(
        R"(^(?:le|la|l'|au|a\s+la|a\s+l')?\s*(?:patient|interesse|personne\s+elle-meme|usager)(?:e|\s*\(\s*e\s*\))?(?:\s*\([^()]{0,40}\))?$)"));
    const QString text = folded.simplified().remove(QLatin1Char('.'));
    return said.match(text).hasMatch() || (inList && alone.match(text).hasMatch());
}

// ---------------------------------------------------------------------------------------------
// Names

struct NameToken
{
    QString word;
    qsizetype start = 0;
    qsizetype end = 0;
    bool closes = false;
    bool opens = false;
};

QList<NameToken> nameTokens(const QString& text)
{
    QList<NameToken> out;
    qsizetype i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i].isSpace()) {
            ++i;
        }
        if (i >= text.size()) {
            break;
        }
        qsizetype j = i;
        while (j < text.size() && !text[j].isSpace()) {
            ++j;
        }
        NameToken t{text.mid(i, j - i), i, j};
        while (!t.word.isEmpty() && (t.word.front() == QLatin1Char('(') || t.word.front() == QLatin1Char('['))) {
            t.opens = true;
            t.word.remove(0, 1);
            ++t.start;
        }
        while (!t.word.isEmpty()
               && (t.word.back() == QLatin1Char(',') || t.word.back() == QLatin1Char(';')
                   || t.word.back() == QLatin1Char(')') || t.word.back() == QLatin1Char(':')
                   || t.word.back() == QLatin1Char(']')
                   // A sentence's full stop, not an initial's ("P.", "J.-P.") nor a title's ("Dr.").
                   || (t.word.back() == QLatin1Char('.') && t.word.size() > 3 && t.word.count(QLatin1Char('.')) == 1
                       && letterCount(t.word) >= 3))) {
            t.closes = true;
            t.word.chop(1);
            --t.end;
        }
        if (t.word == QLatin1String("-") || t.word == QStringLiteral("–") || t.word == QStringLiteral("—")
            || t.word == QLatin1String("/") || t.word == QLatin1String("|") || t.word == QLatin1String(":")
            || t.word == QLatin1String(";")) {
            if (!out.isEmpty()) {
                out.back().closes = true;
            }
        } else if (!t.word.isEmpty()) {
            out += t;
        }
        i = j;
    }
    return out;
}

bool isInitial(const QString& w)
{
    static const QRegularExpression re(QStringLiteral(R"(^\p{Lu}\.?(?:-\p{Lu}\.?)?$)"));
    // (No given name starts with "À": "À VISER PAR" is a caption.)
    return re.match(w).hasMatch() && w != QLatin1String("M.") && !w.startsWith(QChar(0xC0));
}

// Capitals that are not a person's name.
bool notAName(const QString& w)
{
    static const QStringList words{
        QStringLiteral("CHU"),      QStringLiteral("CH"),       QStringLiteral("CHRU"),    QStringLiteral("CHR"),
        QStringLiteral("RPPS"),     QStringLiteral("CEDEX"),    QStringLiteral("SERVICE"), QStringLiteral("CENTRE"),
        QStringLiteral("HOPITAL"),  QStringLiteral("CLINIQUE"), QStringLiteral("CABINET"), QStringLiteral("INS"),
        QStringLiteral("NIR"),      QStringLiteral("IPP"),      QStringLiteral("ET"),      QStringLiteral("ORL"),
        QStringLiteral("SAMU"),     QStringLiteral("SMUR"),     QStringLiteral("EHPAD"),   QStringLiteral("GHT"),
        QStringLiteral("UF"),       QStringLiteral("BP"),       QStringLiteral("CS"),      QStringLiteral("TSA"),
        QStringLiteral("HOSPITALIER"), QStringLiteral("UNIVERSITAIRE"), QStringLiteral("MEDECIN"),
        QStringLiteral("DOCTEUR"),  QStringLiteral("PROFESSEUR"), QStringLiteral("PATIENT"), QStringLiteral("PATIENTE"),
    };
    return words.contains(insiUpper(w));
}

bool upperWord(const QString& w)
{
    return isUpperNameToken(w) && letterCount(w) >= 2 && !notAName(w);
}

// A word that says what someone does, not who they are: "Médecin", "Cardiologue", "Pédiatre".
bool professionWord(const QString& w)
{
    const QString f = foldForMatch(w);
    // (And its abbreviation: "Méd. générale".)
    if (specialtyVocabulary().contains(f) || f == QLatin1String("med.") || f == QLatin1String("med")) {
        return true;
    }
    // "Gynécologue-obstétricien", "Médecin-chef": a compound of which one part is a specialty.
    if (f.contains(QLatin1Char('-'))) {
        const QStringList parts = f.split(QLatin1Char('-'), Qt::SkipEmptyParts);
        if (parts.size() > 1 && std::any_of(parts.begin(), parts.end(), [](const QString& part) {
                return part.size() >= 5 && professionWord(part);
            })) {
            return true;
        }
    }
    // Endings of specialties that no French first name or family name has.
    static const QStringList endings{QStringLiteral("ologue"), QStringLiteral("ologie"), QStringLiteral("iatre"),
                                     QStringLiteral("ologiste"), QStringLiteral("anesthesiste"),
                                     QStringLiteral("reanimateur"), QStringLiteral("reanimatrice")};
    return f.size() >= 7 && std::any_of(endings.begin(), endings.end(), [&](const QString& e) { return f.endsWith(e); });
}

// What someone does, in a word: a profession or a specialty ("Médecin", "généraliste", "ORL").
bool roleWord(const QString& w)
{
    return professionWord(w) || !specialtyWordsIn(w).isEmpty();
}

} // namespace

// The marks that open a list entry; OCR reads a small bullet as "+", "·" or "°" at times.
constexpr auto BulletMarks = u"•*·►▪◦○‣+°>»→☒✓✔■";

// A roman number up to twelve, as lists number their entries ("II.", "IV)").
constexpr auto RomanNumber = u"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,2})";

// A roman number that numbers a list's entry before its title ("II. Docteur X"): alone, "V." may
// be an initial.
QString romanBeforeTitle()
{
    return QString::fromUtf16(RomanNumber)
           + QStringLiteral(R"([.)]\s+(?=(?:Dr\.?|Docteure?|DOCTEUR|Pr\.?|Professeure?|Mme|Madame|Monsieur|M\.)\s))");
}

// A town, maybe after its postcode, set before a name in a list by place and parted from it by a
// dash or a colon ("PARIS – Dr M. PETIT", "29200 BREST : Dr X"): the place is the first group.
QString townLead()
{
    return QStringLiteral(
        R"(^\s*((?:\d{5}\s+)?\p{Lu}[\p{L}'’\-]+(?:[\s\-]+(?:sur|sous|en|le|la|les|\p{Lu}[\p{L}'’\-]+)){0,3})\s*[–—:-]\s*)");
}

// A line that opens with a list's mark or number ("- Dr X", "• …", "2) …", "II. Dr X").
const QRegularExpression& bulletedLine()
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*(?:[-–—)") + QString::fromUtf16(BulletMarks)
                                       + QStringLiteral(R"(]|\d{1,2}[.)]|[a-h][.)])\s+\S|^\s*)") + romanBeforeTitle());
    return re;
}

bool isBulletMark(const QString& word)
{
    // A mark, or the number of a numbered list ("1.", "2)", "a.").
    static const QRegularExpression number(QStringLiteral(R"(^(?:\d{1,2}|[a-h])[.)]$)"));
    return (word.size() == 1 && QStringView(BulletMarks).contains(word.front())) || number.match(word).hasMatch();
}

namespace
{

// "Aux bons soins de", "a/s de", "s/c de" (care of), on folded text.
bool careOf(const QString& folded)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^\s*(?:aux\s+bons\s+soins|a\s*/\s*s\.?|s\s*/\s*c\.?)(?:\s|$))"));
    return re.match(folded).hasMatch();
}

// What leads a line to the one it is for: "À l'attention du", "Attn", "Att. :", "Aux bons soins de", "a/s de".
const QString& attentionLead()
{
    static const QString lead = QStringLiteral(
        R"((?:[àa]\s+l['’]\s?(?:att(?:ention|\.)?|intention)|attn\.?|att(?:ention|\.)\s*:|aux\s+bons\s+soins|a\s*/\s*s\.?))");
    return lead;
}

} // namespace

std::optional<PersonName> parsePersonName(const QString& rawText, bool requireTitle)
{
    // OCR may lose the space between a title and an initial ("DrA MICHEL" for "Dr A. MICHEL"): read
    // with it put back, the name's end still an index into the text as given.
    static const QRegularExpression fusedInitial(QStringLiteral(R"((?<![\p{L}])(?:Dr|Pr)(?=\p{Lu}\.?\s+\p{Lu}{2}))"));
    if (const auto fused = fusedInitial.match(rawText.left(MaxSegmentLength)); fused.hasMatch()) {
        QString spaced = rawText.left(MaxSegmentLength);
        spaced.insert(fused.capturedEnd(0), QLatin1Char(' '));
        auto person = parsePersonName(spaced, requireTitle);
        if (person && person->end > fused.capturedEnd(0)) {
            --person->end;
        }
        return person;
    }
    const QString text = rawText.left(MaxSegmentLength);
    const QList<NameToken> tokens = nameTokens(text);
    qsizetype i = 0;
    // Bullets and "À l'attention de/du".
    // (And an enumeration's "1)", "(a)", "b)", or what OCR makes of one: "@)".)
    static const QRegularExpression enumeration(QStringLiteral(R"(^(?:\d{1,2}|[a-z]|[^\p{L}\d\s]{1,2})$)"));
    // (Or an ordinal: "1° Dr X", "2°) Dr Y".)
    static const QRegularExpression ordinal(QStringLiteral(R"(^\d{1,2}[°º]\)?$)"));
    static const QRegularExpression roman(QLatin1Char('^') + romanBeforeTitle());
    while (i < tokens.size()
           && (isBulletMark(tokens[i].word) || ordinal.match(tokens[i].word).hasMatch()
               || roman.match(QStringView(text).mid(tokens[i].start)).hasMatch()
               || (tokens[i].closes && text.mid(tokens[i].end, 1) == QLatin1String(")")
                   && enumeration.match(tokens[i].word).hasMatch()))) {
        ++i;
    }
    // "Médecin généraliste Dr Raphaël Robert", "Anesthésiste-réanimateur LOPEZ Sandrine (Dr)": what
    // he does, then a doctor's name (a list's two columns the text layer ran together).
    for (qsizetype k = i;
         k + 1 < tokens.size() && k < i + 3 && !tokens[k].opens && !tokens[k].closes && roleWord(tokens[k].word); ++k) {
        auto after = parsePersonName(text.mid(tokens[k + 1].start), requireTitle);
        if (after && after->professional) {
            after->end += tokens[k + 1].start;
            return after;
        }
    }
    // A ticked box printed as a letter ("X DENIS Gaëlle (Dr)", "X Dr ROUSSEAU"): an initial has its
    // full stop, a tick none.
    if (i + 2 < tokens.size() && (tokens[i].word == QLatin1String("X") || tokens[i].word == QLatin1String("x"))
        && !tokens[i].closes) {
        ++i;
    }
    // An attention lead, and the "Au" of "Au Docteur X", "pour le Dr X", "Secrétariat du Dr X",
    // "Unité du Docteur X" (a line that addresses, not a name).
    static const QRegularExpression attention(
        QStringLiteral("^(?:") + attentionLead()
            + QStringLiteral(
                R"(\s*(?:de\s+|du\s+|d['’]\s?)?|(?:au|à|pour\s+l[ea]|(?:secr[ée]tariat|unit[ée]|cabinet(?:\s+m[ée]dical)?|service|consultation)\s+(?:du|de\s+la|de))\s+(?=(?:docteure?|dr\.?|professeure?|pr\.?)\s)))"),
        QRegularExpression::CaseInsensitiveOption);
    if (i < tokens.size()) {
        const auto m = attention.match(text.mid(tokens[i].start));
        if (m.hasMatch()) {
            const qsizetype after = tokens[i].start + m.capturedEnd();
            while (i < tokens.size() && tokens[i].start < after) {
                ++i;
            }
        }
    }
    const qsizetype startToken = i;
    QString civility;
    QString title;
    if (i < tokens.size()) {
        const QString f = foldForMatch(tokens[i].word);
        static const QStringList civilities{QStringLiteral("madame"), QStringLiteral("monsieur"), QStringLiteral("mme"),
                                            QStringLiteral("m."), QStringLiteral("mlle"), QStringLiteral("mademoiselle"),
                                            QStringLiteral("mr"), QStringLiteral("mr.")};
        if (civilities.contains(f)) {
            civility = tokens[i].word;
            ++i;
            // "Madame, Monsieur le Docteur": either, when who holds the post is not known.
            while (i < tokens.size() && civilities.contains(foldForMatch(tokens[i].word))) {
                ++i;
            }
            if (i < tokens.size()) {
                const QString g = foldForMatch(tokens[i].word);
                if (g == QLatin1String("le") || g == QLatin1String("la")) {
                    ++i; // "Monsieur le Docteur": a title must follow
                    if (i >= tokens.size() || normaliseTitle(tokens[i].word).size() != 2
                        || normaliseTitle(tokens[i].word).startsWith(QLatin1Char('M'))) {
                        return std::nullopt; // "Monsieur le Directeur"
                    }
                }
            }
        }
    }
    if (i < tokens.size()) {
        static const QRegularExpression titleRe(
            QStringLiteral(R"(^(?:docteure?s?|doctoresse|dr\.?|dre\.?|professeure?|pr\.?|prof\.?)$)"),
            QRegularExpression::CaseInsensitiveOption);
        if (titleRe.match(tokens[i].word).hasMatch() && !tokens[i].closes) {
            title = tokens[i].word;
            ++i;
        }
    }
    if (requireTitle && title.isEmpty() && civility.isEmpty()) {
        return std::nullopt;
    }
    const qsizetype nameStart = i;
    // "Objet : …", "Réf. : …": a label, not a name.
    if (nameStart < tokens.size() && title.isEmpty() && civility.isEmpty()
        && text.mid(tokens[nameStart].end, 4).trimmed().startsWith(QLatin1Char(':'))) {
        return std::nullopt;
    }
    QStringList upper;
    QStringList capitalised;
    QStringList initials;
    bool upperClosed = false;
    qsizetype lastToken = -1;
    static const QStringList lowerParticles{QStringLiteral("de"), QStringLiteral("du"), QStringLiteral("d'"),
                                            QStringLiteral("le"), QStringLiteral("la"), QStringLiteral("van"),
                                            QStringLiteral("von"), QStringLiteral("da"), QStringLiteral("dos"),
                                            QStringLiteral("des"), QStringLiteral("del")};
    QStringList order; // "U" upper, "C" capitalised, "I" initial, "P" particle, in printed order
    QStringList words;
    for (; i < tokens.size(); ++i) {
        const NameToken& t = tokens[i];
        // Where someone works ends their name: "Docteur Jean GARCIA Service de néphrologie".
        static const QStringList places{
            QStringLiteral("service"), QStringLiteral("unite"), QStringLiteral("pole"), QStringLiteral("departement"),
            QStringLiteral("centre"), QStringLiteral("clinique"), QStringLiteral("polyclinique"),
            QStringLiteral("hopital"), QStringLiteral("cabinet"), QStringLiteral("maison"), QStringLiteral("residence"),
            // ... and what they are: "Docteure Mathilde MICHEL Spécialiste en imagerie médicale".
            QStringLiteral("specialiste"), QStringLiteral("praticien"), QStringLiteral("praticienne"),
            QStringLiteral("qualifie"), QStringLiteral("qualifiee"), QStringLiteral("interne"),
            QStringLiteral("attache"), QStringLiteral("attachee")};
        if (t.opens || professionWord(t.word) || places.contains(foldForMatch(t.word))) {
            break;
        }
        if (upperWord(t.word)) {
            if (upperClosed) {
                break;
            }
            upper += t.word;
            order += QStringLiteral("U");
        } else if (isInitial(t.word) || (t.word == QLatin1String("M.") && !title.isEmpty())) {
            if (!upper.isEmpty()) {
                upperClosed = true;
            }
            initials += t.word;
            order += QStringLiteral("I");
        } else if (isGivenNameToken(t.word) && letterCount(t.word) >= 2) {
            // A given name before the capitals ("Céline DUPONT-MOREAU Paris"): the name ends with the
            // capitals, in French order; a word after them is the town, or what follows the name. (After
            // an initial, a known given name may still follow: "X. DUPONT Jean", a tick and the name.)
            const auto before = order.mid(0, order.indexOf(QStringLiteral("U")));
            if (!upper.isEmpty()
                && (before.contains(QStringLiteral("C"))
                    || (before.contains(QStringLiteral("I")) && !isKnownGivenName(insiUpper(t.word))))) {
                break;
            }
            if (!upper.isEmpty()) {
                upperClosed = true;
            }
            capitalised += t.word;
            order += QStringLiteral("C");
        } else if (lowerParticles.contains(t.word) && i + 1 < tokens.size()
                   && (upperWord(tokens[i + 1].word) || isGivenNameToken(tokens[i + 1].word)
                       || lowerParticles.contains(tokens[i + 1].word))) { // "de la MOTTE"
            order += QStringLiteral("P");
        } else {
            break;
        }
        words += t.word;
        lastToken = i;
        if (t.closes) {
            ++i;
            break;
        }
        if (words.size() >= 6) {
            ++i;
            break;
        }
    }
    // "Dr ROUSSEAU, Monique – 26000 Valence": a titled family name in capitals, its given name
    // after a comma, the entry's place after a dash. Without that place, "Dr ROUSSEAU, Brest" may
    // be the town: left to the rest of the entry.
    // (Or in a parenthesis that names no specialty: "Dr NOËL, René (Amiens)".)
    const auto placeAfter = [&](qsizetype k) {
        const QString between =
            text.mid(tokens[k].end, k + 1 < tokens.size() ? tokens[k + 1].start - tokens[k].end : 0);
        const bool place = k + 1 < tokens.size() && tokens[k + 1].opens && !roleWord(tokens[k + 1].word);
        // (Or a comma and a capitalised word: "Dr AUBRY, Laure, Toulouse", the name's order.)
        const bool town = k + 1 < tokens.size() && between.contains(QLatin1Char(',')) && !tokens[k + 1].opens
                          && tokens[k + 1].word.front().isUpper() && !roleWord(tokens[k + 1].word);
        // (Or a comma and the entry's address: "Dr NICOLAS, Claire, 10 bis place de l'Église, …".)
        const bool address = k + 1 < tokens.size() && between.contains(QLatin1Char(',')) && !tokens[k + 1].opens
                             && tokens[k + 1].word.front().isDigit();
        return place || town || address || between.contains(QChar(0x2013)) || between.contains(QChar(0x2014))
               || between.contains(QLatin1String(" - "));
    };
    if (lastToken >= 0 && (!title.isEmpty() || !civility.isEmpty()) && capitalised.isEmpty() && initials.isEmpty()
        && !upper.isEmpty() && i + 1 < tokens.size() && !tokens[i].opens && tokens[lastToken].end < text.size()
        && text[tokens[lastToken].end] == QLatin1Char(',') && isGivenNameToken(tokens[i].word)
        && letterCount(tokens[i].word) >= 2 && placeAfter(i) && !roleWord(tokens[i].word)) {
        capitalised += tokens[i].word;
        order += QStringLiteral("C");
        words += tokens[i].word;
        lastToken = i;
        ++i;
    }
    // "ARNAUD Louis (Dr)": the title in a parenthesis after the name.
    if (lastToken >= 0 && title.isEmpty() && i < tokens.size() && tokens[i].opens && tokens[i].closes
        && !normaliseTitle(tokens[i].word).isEmpty() && normaliseTitle(tokens[i].word) != QLatin1String("M.")
        && normaliseTitle(tokens[i].word) != QLatin1String("Mme")) {
        title = tokens[i].word;
        lastToken = i;
    }
    // "VASSEUR Minh, Dr": the title after a comma, ending the entry.
    if (lastToken >= 0 && title.isEmpty() && civility.isEmpty() && i < tokens.size() && !tokens[i].opens
        && tokens[lastToken].end < text.size() && text[tokens[lastToken].end] == QLatin1Char(',')
        && (i + 1 == tokens.size() || tokens[i].closes)
        && (normaliseTitle(tokens[i].word) == QLatin1String("Dr")
            || normaliseTitle(tokens[i].word) == QLatin1String("Pr"))) {
        title = tokens[i].word;
        lastToken = i;
    }
    if (lastToken < 0) {
        return std::nullopt;
    }
    PersonName p;
    p.title = normaliseTitle(title.isEmpty() ? civility : title);
    p.professional = p.title == QLatin1String("Dr") || p.title == QLatin1String("Pr");
    if (!upper.isEmpty()) {
        // The capitals are the family name, the rest the given names, in either order; the
        // particles just before the capitals are the family name's ("Paul-Henri de la MOTTE").
        QStringList particles;
        for (qsizetype k = order.indexOf(QStringLiteral("U")) - 1; k >= 0 && order[k] == QLatin1String("P"); --k) {
            particles.prepend(words[k].toUpper());
        }
        p.family = (particles + upper).join(QLatin1Char(' '));
        QStringList given = initials + capitalised;
        // Keep printed order for the given names.
        given.clear();
        for (qsizetype k = 0; k < words.size(); ++k) {
            if (order[k] == QLatin1String("C") || order[k] == QLatin1String("I")) {
                given += words[k];
            }
        }
        p.given = given.join(QLatin1Char(' '));
        // "DOCTEURE ÉLOÏSE ROUSSEL": a line all in capitals, as postal norms write an address,
        // puts the given name first (civility, first name, NAME); one word each, else unread.
        const QString printedTitle = title.isEmpty() ? civility : title;
        if (p.given.isEmpty() && upper.size() == 2 && printedTitle.size() >= 3 && printedTitle == printedTitle.toUpper()
            && !upper[0].contains(QLatin1Char('.'))) {
            p.given = upper[0];
            p.family = upper[1];
        }
    } else if (!title.isEmpty() || !civility.isEmpty()) {
        if (capitalised.isEmpty()) {
            return std::nullopt;
        }
        // "Docteur Pierre Meyer" or "Docteur Barré Laurent": no capitals, no initial, nothing says
        // which word is the given name. A professional's name is left unordered (whole as the family
        // name, as a name in capitals only): the directory knows the order.
        if (p.professional && !order.contains(QLatin1Char('I')) && !order.contains(QLatin1Char('P'))) {
            p.family = words.join(QLatin1Char(' '));
        } else {
            // A civility's: French order (given names first, family name last).
            qsizetype familyFrom = words.size() - 1;
            while (familyFrom > 0 && order[familyFrom - 1] == QLatin1String("P")) {
                --familyFrom;
            }
            p.family = words.mid(familyFrom).join(QLatin1Char(' '));
            p.given = words.mid(0, familyFrom).join(QLatin1Char(' '));
        }
    } else {
        return std::nullopt;
    }
    // Without a title, a name must show both parts ("Christophe GAY", "GAY Christophe").
    if (title.isEmpty() && civility.isEmpty() && p.given.isEmpty()) {
        return std::nullopt;
    }
    if (insiUpper(p.family).size() < 2) {
        return std::nullopt;
    }
    p.end = tokens[lastToken].end;
    if (tokens[lastToken].opens && p.end < text.size() && text[p.end] == QLatin1Char(')')) {
        ++p.end; // "(Dr)" whole
    }
    const qsizetype from = tokens[startToken < tokens.size() ? startToken : nameStart].start;
    p.asRead = text.mid(from, p.end - from).trimmed();
    return p;
}

namespace
{

// Whether the secure mailbox `address` ("nathalie.nicolas@pro.mssante.fr", perhaps with a label
// before it) is `person`'s own: his family name, letters only, in its local part.
bool ownMailbox(const PersonName& person, const QString& address)
{
    const auto letters = [](QStringView text) {
        QString out;
        for (const QChar c : foldForMatch(text)) {
            if (c.isLetter()) {
                out += c;
            }
        }
        return out;
    };
    const qsizetype at = address.indexOf(QLatin1Char('@'));
    const QString family = letters(person.family);
    return at > 0 && family.size() >= 2 && letters(QStringView(address).left(at)).contains(family);
}

} // namespace

bool samePerson(const PersonName& a, const PersonName& b)
{
    // A name read without its order ("Docteur Barré Laurent") holds both parts as its family name.
    const auto unordered = [](const PersonName& whole, const PersonName& split) {
        const QString w = insiUpper(whole.family);
        return whole.given.isEmpty() && !split.given.isEmpty()
               && (w == insiUpper(QString(split.family + QLatin1Char(' ') + split.given))
                   || w == insiUpper(QString(split.given + QLatin1Char(' ') + split.family)));
    };
    if (unordered(a, b) || unordered(b, a)) {
        return true;
    }
    if (insiUpper(a.family) != insiUpper(b.family)) {
        return false;
    }
    if (a.given.isEmpty() || b.given.isEmpty()) {
        return true;
    }
    // "J." matches "Jean".
    QString ga = insiUpper(a.given);
    QString gb = insiUpper(b.given);
    ga = ga.split(QLatin1Char(' ')).front();
    gb = gb.split(QLatin1Char(' ')).front();
    const auto initialOf = [](const QString& g) { return g.size() <= 1 || (g.size() == 3 && g[1] == QLatin1Char('-')); };
    return ga == gb || (initialOf(ga) && gb.startsWith(ga.left(1))) || (initialOf(gb) && ga.startsWith(gb.left(1)));
}

bool markPatient(QList<Recipient>& recipients, const PatientIdentity& patient)
{
    if (patient.birthName.isEmpty() && patient.usedName.isEmpty()) {
        return false;
    }
    bool any = false;
    for (Recipient& r : recipients) {
        if (r.patient || r.title == QLatin1String("Dr") || r.title == QLatin1String("Pr")) {
            continue;
        }
        const QString family = insiUpper(r.familyName);
        const QString given = insiUpper(r.givenName).split(QLatin1Char(' ')).front();
        const bool sameFamily = family == patient.birthName || (!patient.usedName.isEmpty() && family == patient.usedName);
        if (sameFamily && (given.isEmpty() || given == patient.firstName || patient.firstNames.contains(given))) {
            r.patient = true;
            any = true;
        }
    }
    return any;
}

namespace
{

// ---------------------------------------------------------------------------------------------
// Layout: blocks of lines in one column.

struct Block
{
    QList<int> segments; // top to bottom
    double left = 0;
    double right = 0;
    double top = 0;
    double bottom = 0;
    double lineHeight = 0;
    QRectF last = {}; // its last line: a centred or right-aligned block keeps that edge, not the left
};

QList<Block> blocksOf(const QList<Segment>& segs)
{
    QList<Block> blocks;
    for (int i = 0; i < segs.size(); ++i) {
        const QRectF& b = segs[i].box;
        qsizetype best = -1;
        for (qsizetype k = blocks.size() - 1; k >= 0; --k) {
            const Block& block = blocks[k];
            // Below the block's last line: OCR's line boxes may overlap a little (tall letters, a tilt).
            const double gap = b.top() - block.bottom;
            const bool below = b.center().y() > block.bottom - block.lineHeight * 0.3 && gap >= -block.lineHeight * 0.6;
            // Lines set flush left, or centred or flush right like the one above (a window typed
            // centred: "Monsieur le Docteur" / "Raphaël GUÉRIN" / "Pédiatre" / … / "87000 Limoges").
            const bool aligned = std::abs(b.left() - block.left) <= 15
                                 || (block.segments.size() >= 1 && b.width() < 300 && block.last.width() < 300
                                     && (std::abs(b.center().x() - block.last.center().x()) <= 3
                                         || std::abs(b.right() - block.last.right()) <= 1.5));
            if (aligned && below && gap <= block.lineHeight * 1.9) {
                best = k;
                break;
            }
        }
        if (best < 0) {
            blocks += Block{{i}, b.left(), b.right(), b.top(), b.bottom(), b.height(), b};
        } else {
            Block& block = blocks[best];
            block.last = b;
            block.segments += i;
            block.right = std::max(block.right, b.right());
            block.bottom = std::max(block.bottom, b.bottom());
            block.lineHeight = (block.lineHeight * static_cast<double>(block.segments.size() - 1) + b.height())
                               / static_cast<double>(block.segments.size());
        }
    }
    return blocks;
}

struct Place
{
    QString postcode;
    QString city;
    QString department; // of a CEDEX postcode, which itself names no place
};

// "42" for 42007, "974" for 97490: the département a postcode belongs to.
QString departmentOf(const QString& postcode)
{
    return postcode.left(postcode.startsWith(QLatin1String("97")) || postcode.startsWith(QLatin1String("98")) ? 3 : 2);
}

std::optional<Place> postcodeLine(const QString& text)
{
    const auto m = postcodeLineRe().match(text.left(120));
    if (!m.hasMatch()) {
        // A postcode that OCR read in letters of the same shape ("SAUDO NANCY" for "54000 NANCY"):
        // a line of its own, the code mostly round letters and digits, a town after it.
        static const QRegularExpression misread(QStringLiteral(
            R"(^\s*([0-9OUDQSAIZGB]{5})\s+(\p{Lu}[\p{Lu}'’\-]{2,}(?:[\s\-]+\p{Lu}[\p{Lu}'’\-]*){0,3})\s*$)"));
        const auto o = misread.match(text.left(120));
        if (!o.hasMatch()) {
            return std::nullopt;
        }
        static const QString shapes = QStringLiteral("OUDQIZASGB");
        static const QString digits = QStringLiteral("0000124568");
        QString code = o.captured(1);
        int round = 0;
        for (QChar& c : code) {
            if (const qsizetype at = shapes.indexOf(c); at >= 0) {
                round += at < 4 ? 1 : 0;
                c = digits[at];
            } else {
                ++round;
            }
        }
        if (round < 3 || code.left(2) == QLatin1String("00") || code.left(2) == QLatin1String("99")) {
            return std::nullopt;
        }
        return Place{code, o.captured(2).simplified(), QString()};
    }
    static const QRegularExpression cedex(QStringLiteral(R"(\s+cedex.*$)"), QRegularExpression::CaseInsensitiveOption);
    QString city = m.captured(2).simplified();
    // A CEDEX postcode names a sorting office, not the town ("42007 SAINT-ÉTIENNE CEDEX 1" for a
    // practice at 42000): the town alone says where.
    const bool sortingOffice = cedex.match(city).hasMatch() || cedex.match(text.mid(m.capturedEnd(2))).hasMatch();
    city.remove(cedex);
    return sortingOffice ? Place{QString(), city, departmentOf(m.captured(1))} : Place{m.captured(1), city, QString()};
}

Recipient recipientFrom(const PersonName& person, RecipientRole role, Zone zone)
{
    Recipient r;
    r.name = person.asRead;
    r.role = role;
    r.zone = zone;
    r.title = person.title;
    r.givenName = person.given;
    r.familyName = person.family;
    return r;
}

bool sentenceLike(const QString& text);

// Words that open no town: titles, services, places of care, the list's own words.
const QStringList& notCityWords()
{
    static const QStringList words{
        QStringLiteral("praticien"),
        QStringLiteral("hospitalier"),
        QStringLiteral("attache"),
        QStringLiteral("chef"),
        QStringLiteral("assistant"),
        QStringLiteral("service"),
        QStringLiteral("unite"),
        QStringLiteral("pole"),
        QStringLiteral("departement"),
        QStringLiteral("cabinet"),
        QStringLiteral("clinique"),
        QStringLiteral("hopital"),
        QStringLiteral("centre"),
        QStringLiteral("copie"),
        QStringLiteral("destinataire"),
        QStringLiteral("patient"),
        QStringLiteral("patiente"),
        QStringLiteral("docteur"),
        QStringLiteral("professeur"),
        QStringLiteral("medecin"),
        QStringLiteral("maison"),
        QStringLiteral("msp"),
        QStringLiteral("ehpad"),
        QStringLiteral("cedex"),
        // a table's channel and copy cells ("Exemplaire en copie | MSSanté (BAL nominative)")
        QStringLiteral("exemplaire"),
        QStringLiteral("original"),
        QStringLiteral("messagerie"),
        QStringLiteral("mssante"),
        QStringLiteral("bal"),
        QStringLiteral("nominative"),
        QStringLiteral("fax"),
        QStringLiteral("voie"),
        QStringLiteral("postale"),
        QStringLiteral("courrier"),
        QStringLiteral("envoi"),
        QStringLiteral("dmp"),
        QStringLiteral("espace"),
        QStringLiteral("securisee"),
        QStringLiteral("securise"),
        // the copies kept or handed over ("– Dossier", "Archives", "Intéressé(e)")
        QStringLiteral("dossier"),
        QStringLiteral("archives"),
        QStringLiteral("archive"),
        QStringLiteral("classement"),
        QStringLiteral("interesse"),
        QStringLiteral("interessee"),
    };
    return words;
}

// A word printed beside a name that nothing read explains: a capitalised word that is neither in
// the street, nor a specialty, a profession or an establishment's word. A town the
// reader could not take ("Saint-Brieuc Médecin") leaves one, and without the town read the
// directory cannot see that it contradicts its namesake.
bool unexplainedCapital(const QString& part, const QString& street)
{
    // A sentence (the name was read in running text) or an establishment's name ("Maison de santé
    // du Parc", "POLYCLINIQUE SAINTE-ANNE") says no town.
    static const QRegularExpression establishment(QStringLiteral(
        R"(^(?:maison|cabinet|polyclinique|clinique|hopital|groupe|centre|chu|chru|ch|chr|ehpad|msp|residence|pole|service|unite|departement|institut|fondation|laboratoire|ssr|ght|pharmacie|cms|signe|secretariat)(?![a-z]))"));
    const QString folded = foldForMatch(part.simplified());
    if (sentenceLike(part) || part.contains(QLatin1Char(':')) || part.contains(QStringLiteral(". "))
        || establishment.match(folded).hasMatch()) {
        return false;
    }
    static const QRegularExpression wordBreaks(QStringLiteral(R"([\s,;:()/]+)"));
    for (QString w : part.split(wordBreaks, Qt::SkipEmptyParts)) {
        static const QRegularExpression edges(QStringLiteral(R"(^[^\p{L}]+|[^\p{L}]+$)"));
        w.remove(edges);
        if (letterCount(w) < 3 || !w.front().isUpper() || professionWord(w) || !specialtyWordsIn(w).isEmpty()
            || notAName(w) || notCityWords().contains(foldForMatch(w))) {
            continue;
        }
        if (!foldForMatch(street).contains(foldForMatch(w))) {
            return true;
        }
    }
    return false;
}

// Specialty, street, postcode and city printed with a name ("(cardiologue, Quimper)",
// ", Cardiologue, 75001 PARIS", the lines of an address block).
void addContext(Recipient& r, const QStringList& parts)
{
    for (const QString& raw : parts) {
        const QString part = raw.simplified();
        if (part.isEmpty()) {
            continue;
        }
        // "<sylvie.gay@pro.mssante.fr>": the entry's own mailbox, no place.
        static const QRegularExpression mailbox(
            QStringLiteral(R"(^<?\s*([A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})\s*>?$)"));
        if (const auto m = mailbox.match(part); m.hasMatch()) {
            if (r.printedMailbox.isEmpty()) {
                r.printedMailbox = m.captured(1).toLower();
            }
            continue;
        }
        r.specialtyWords += specialtyWordsIn(part);
        if (streetRe().match(part).hasMatch()) {
            // "Résidence Les Pins, bât. B" over "44 bis route de Quimper": both lines are the address.
            r.street = r.street.isEmpty() ? part : r.street + QStringLiteral(", ") + part;
            continue;
        }
        static const QRegularExpression pc(QStringLiteral(R"((?<!\d)(\d{5})(?!\d)\s*-?\s*([\p{L}][\p{L}'’ \-]*)?)"));
        const auto m = pc.match(part);
        if (m.hasMatch() && r.postcode.isEmpty()) {
            QString city = m.captured(2).simplified();
            static const QRegularExpression cedex(QStringLiteral(R"(\s*cedex.*$)"),
                                                  QRegularExpression::CaseInsensitiveOption);
            // A CEDEX code names a sorting office, not the town (see postcodeLine).
            if (!cedex.match(city).hasMatch()) {
                r.postcode = m.captured(1);
            } else {
                r.department = departmentOf(m.captured(1));
            }
            city.remove(cedex);
            if (!city.isEmpty()) {
                r.city = city;
            }
            continue;
        }
        // "cardiologue à Quimper", "Quimper": capitalised words after any specialty.
        if (r.city.isEmpty()) {
            // The run of capitalised words that ends the part ("… viscéral Mulhouse").
            static const QRegularExpression cityRe(QStringLiteral(
                R"((?:^|\s)(\p{Lu}[\p{L}'’\-]+(?:[\s\-]+(?:sur|sous|en|le|la|\p{Lu}[\p{L}'’\-]+))*)\s*$)"));
            QStringList words = part.split(QLatin1Char(' '));
            qsizetype after = 0;
            for (qsizetype w = 0; w < words.size(); ++w) {
                if (professionWord(words[w]) || !specialtyWordsIn(words[w]).isEmpty()) {
                    after = w + 1;
                }
            }
            const QString tail = words.mid(after).join(QLatin1Char(' '));
            const auto c = cityRe.match(tail);

            const QString firstWord = c.hasMatch() ? foldForMatch(c.captured(1).split(QLatin1Char(' ')).front()) : QString();
            if (c.hasMatch() && specialtyWordsIn(c.captured(1)).isEmpty() && !notAName(c.captured(1))
                && !professionWord(c.captured(1).split(QLatin1Char(' ')).front())
                && !notCityWords().contains(firstWord)) {
                r.city = c.captured(1);
            }
        }
    }
    // Only while no place is read: a place read is checked by the directory against its own.
    r.unreadContext = r.city.isEmpty() && r.postcode.isEmpty() && r.department.isEmpty()
                      && std::any_of(parts.begin(), parts.end(),
                                     [&](const QString& part) { return unexplainedCapital(part, r.street); });
    r.specialtyWords.removeDuplicates();
}

// An entry of a copies list: "Dr Claire PETIT (cardiologue, Quimper)", "Dr X, cardiologue, Brest".
QStringList contextParts(const QString& rest)
{
    QString r = rest;
    r.replace(QLatin1Char('('), QLatin1Char(',')).replace(QLatin1Char(')'), QLatin1Char(','));
    r.replace(QStringLiteral(" - "), QStringLiteral(",")).replace(QStringLiteral(" – "), QStringLiteral(","));
    r.replace(QStringLiteral(" / "), QStringLiteral(",")).replace(QStringLiteral(" — "), QStringLiteral(","));
    r.replace(QLatin1Char(';'), QLatin1Char(',')).replace(QLatin1Char('|'), QLatin1Char(','));
    // "… généraliste à Saint-Nazaire et au patient": "et" and a lower-case word end the place.
    static const QRegularExpression andClause(QStringLiteral(R"(\s+et\s+(?=\p{Ll}))"));
    r.replace(andClause, QStringLiteral(","));
    QStringList parts;
    for (QString part : r.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        // A dash or a full stop left at an end ("TOULON -", "Brest.").
        static const QRegularExpression ends(QStringLiteral(R"(^[\s\-–—.]+|[\s\-–—.]+$)"));
        part.remove(ends);
        // A table's channel cell run into the town's ("PARIS Courrier postal"): the channel is no place.
        static const QRegularExpression channel(
            QStringLiteral(
                R"(\s+(?:courrier(?:\s+postal)?|poste|mssant[ée]|messagerie(?:\s+s[ée]curis[ée]e)?|e-?mail|fax|dmp)\s*$)"),
            QRegularExpression::CaseInsensitiveOption);
        if (part.size() > 12) {
            part.remove(channel);
        }
        // A form's caption before its value ("Ville Paris", "Qualité Médecine générale").
        static const QRegularExpression caption(
            QStringLiteral(
                R"(^(?:ville|localit[ée]|commune|cp|code\s+postal|adresse|qualit[ée]|sp[ée]cialit[ée]|fonction)\s*:?\s+(?=\S))"),
            QRegularExpression::CaseInsensitiveOption);
        part.remove(caption);
        if (!part.isEmpty()) {
            parts += part;
        }
    }
    return parts;
}

// The label that opens a list of copies or addressees ("Copie à :", "Cc :", "Destinataires :",
// "Ampliation :", "Double à"), its rest in the second group. (OCR reads a small "Cc :" as "GG:".)
// Besides the usual labels, any short phrase that tells a sending and ends on "à :" ("Transmis en
// parallèle à :", "Exemplaire expédié aux :") or names the list ("Autres correspondants
// destinataires :", "Correspondants informés"), and any short label before a colon that says copy
// ("Mis(e)s en copie :"): software words it in endless ways. A machine's form may tag the entry in
// brackets ("[Copie] Dr X", "[Double] Dr X").
const QRegularExpression& copiesLabel()
{
    static const QRegularExpression re(
        QStringLiteral(
            R"(^\s*\[?((?:[ée]galement|aussi)\s+(?:adress[ée]e?s?|envoy[ée]e?s?|transmise?s?|communiqu[ée]e?s?)\s+(?:à|a|aux?)(?![\p{L}])|(?:envoi|transmission|diffusion)\s+des\s+copies|[ée]tiquettes\s+d['’]envoi(?:\s*[–—-]\s*copies)?|(?:envoi|transmission|diffusion|diffus[ée]e?s?|adress[ée]e?s?|envoy[ée]e?s?|transmise?s?)\s+en\s+copies?(?:\s+(?:aux?|à|a|aupr[èe]s\s+d[eu]s?)(?![\p{L}]))?|(?:en\s+)?copies?(?:\s*\(\s*(?:s|\d{1,2}|pour\s+info(?:rmation|\.)?)\s*\))?(?:\s+(?:du|de\s+ce|de\s+la)\s+(?:courrier|document|compte[\s-]rendu|lettre))?(?:\s+pour\s+info(?:rmation|\.)?)?(?:\s+(?:adress[ée]es?|envoy[ée]es?|transmises?|exp[ée]di[ée]es?))?(?:\s+(?:aux?|à|a)(?![\p{L}]))?|(?:un\s+)?double\s+(?:(?:est\s+)?(?:adress[ée]|envoy[ée]|transmis)\s+)?(?:aux?|à|a)(?![\p{L}])|c\.?c\.?|c\s*/\s*c|ce(?=\s*:)|[cg][cg](?=\s*:)|(?:correspondants?\s+|m[ée]decins?\s+)?destinataires?\s+d['’](?:une\s+copie|un\s+double)|(?:correspondants?|m[ée]decins?|destinataires?|confr[èe]res?)\s+en\s+copie|destinataires?\s+secondaires?|co[\s\-]?destinataires?|doubles?(?=\s*:)|(?<=\[)doubles?(?=\s*\])|adress[ée]e?\s+aux?(?=\s*:)|destinataires?(?:\s*\(\s*s\s*\))?(?:\s+en\s+copie)?|(?:(?:lettre|courrier|compte[\s-]rendu|document)\s+)?(?:adress[ée]e?|envoy[ée]e?)(?:\s+(?:[ée]galement|aussi))?(?:\s+par\s+(?:courrier|messagerie(?:\s+s[ée]curis[ée]e)?(?:\s+de\s+sant[ée])?|mssant[ée]|voie\s+postale|la\s+poste|e-?mail|fax))?\s+(?:à|a)(?![\p{L}])|(?:lettre|courrier|compte[\s-]rendu|document)\s+(?:adress[ée]e?|destin[ée]e?|envoy[ée]e?|transmise?|communiqu[ée]e?)\s+(?:au|aux)(?![\p{L}])|r[ée]ponse\s+(?:au|aux|à|a)(?![\p{L}])|(?:m[ée]decin\s+)?(?:correspondant|destinataire)(?=\s*:)|dest\.(?=\s*:)|envoi(?:\s+(?:postal|papier|par\s+(?:courrier|la\s+poste|messagerie(?:\s+s[ée]curis[ée]e)?(?:\s+de\s+sant[ée])?|mssant[ée])))?\s+(?:à|a)(?=\s*:)|pour(?:\s+action)?(?=\s*:)|diffusion|(?:diff|ampl)\.(?=\s*:)|(?:(?:copies?\s+)?pour\s+|en\s+)?ampliations?(?:\s+pour\s+information)?|pour\s+info(?:rmation|\.)?(?=\s*:)|pour\s+information|(?:à|a)(?=\s*:)|(?:historique|journal|suivi)\s+des\s+envois|liste\s+de\s+(?:diffusion|distribution)|autres?\s*(?:\(\s*s\s*\))?\s+destinataires?(?:\s*\(\s*s\s*\))?|(?:m[ée]decins\s+|autres\s+)?correspondants(?=\s*:)|(?:(?:le|la|ce|cette)\s+)?(?:pr[ée]sente?\s+)?(?:courrier|lettre|document|compte[\s-]rendu)\s+(?:est\s+)?(?:[ée]galement\s+|aussi\s+)?(?:transmise?|adress[ée]e?|envoy[ée]e?|communiqu[ée]e?)\s+(?:[ée]galement\s+|aussi\s+)?(?:à|a|aux?)(?=\s*:)|(?:transmis|communiqu[ée]|diffus[ée])(?:e|\s*\(\s*e\s*\))?s?(?:\s+(?:[ée]galement|aussi))?\s+(?:à|a|aux?)(?=\s*:)|exemplaires?(?:\s+(?:adress[ée]s|envoy[ée]s|transmis|suppl[ée]mentaires|compl[ée]mentaires|en\s+copie))?(?:\s+(?:à|a|aux?))?(?:\s*\([^()]{1,30}\))?(?=\s*:)|(?:(?:[ée]galement|aussi)\s+)?(?:personnes\s+)?inform[ée]e?s(?=\s*:)|(?:correspondants?|confr[èe]res?|m[ée]decins?|praticiens?)\s+(?:[ée]galement\s+|aussi\s+)?(?:inform[ée]e?s|avis[ée]e?s|pr[ée]venue?s)(?![\p{L}])|(?:un\s+|le\s+)?(?:second|deuxi[èe]me|autre|2e|2nd)\s+exemplaire[^:\n]{0,30}(?=\s*:)|(?:autres?\s*(?:\(\s*s\s*\))?\s+)?envois?(?:\s*\(\s*s\s*\))?(?:\s+(?:compl[ée]mentaires|suppl[ée]mentaires))?(?=\s*:|\s*$)|transmission\s+du\s+(?:document|courrier)(?=\s*:)|(?:document|courrier|compte[\s-]rendu|lettre|copie)\s+(?:diffus[ée]e?|transmise?|adress[ée]e?|envoy[ée]e?|communiqu[ée]e?)\s+(?:à|a|aux?)(?=\s*$)|(?=[^:\n]{0,90}:)(?:(?:[\p{L}'’]+\s+){0,4}(?:adress|transm|envo|communiqu|remi|diffus|exp[ée]di|achemin)[\p{L}()]*(?:\s+[\p{L}'’()]+){0,4}?\s+(?:à|a|aux?)(?=\s*:)|(?:[\p{L}'’]+\s+){1,3}(?:destinataires|correspondants|copies?)(?=\s*:))|(?=[^:\n]{0,60}:)[\p{L}'’()./\s-]{0,40}?(?<![\p{L}])(?:copies?|cc|doubles?|ampliations?|diffusion)(?![\p{L}])[\p{L}'’()./\s-]{0,30}?(?=\s*:))\]?\s*:?\s*(.*)$)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

// The verbs that tell a copy sent ("est adressée", "transmise", "j'envoie"), on folded text.
const QRegularExpression& copySent()
{
    static const QRegularExpression re(QStringLiteral(
        R"(\b(?:adress|transm[ei]|envo[iy]|communiqu|remi|diffus|fai[st]\s+parven|fai[st]\s+suivre|part(?:ent)?\s+(?:(?:egalement|aussi)\s+)?en\s+copie)[a-z]*\b)"));
    return re;
}

// A heading alone on its line over an addressee's block ("DESTINATAIRE", "Destinataire du
// courrier :"), on folded text.
const QRegularExpression& addresseeHeading()
{
    static const QRegularExpression re(QStringLiteral(
        R"(^\s*destinataires?(?:\s+(?:du\s+(?:courrier|document|compte\s+rendu)|principal))?(?:\s*\([^()]{1,30}\))?\s*:?\s*$)"));
    return re;
}

// A label that heads copies, not addressees ("Copies adressées à :", "En copie :", "Cc :", "Un second
// exemplaire part chez :").
bool copiesHeading(const QString& text)
{
    static const QRegularExpression otherCopy(
        QStringLiteral(R"(^(?:un\s+|le\s+)?(?:second|deuxieme|autre|2e|2nd)\s+exemplaire)"));
    const auto m = copiesLabel().match(text.left(MaxSegmentLength));
    if (!m.hasMatch()) {
        return false;
    }
    const QString label = foldForMatch(m.captured(1));
    return label.contains(QLatin1String("copie")) || label.contains(QLatin1String("double"))
           || label.startsWith(QLatin1String("c.c")) || label.startsWith(QLatin1String("cc"))
           || label.startsWith(QLatin1String("c/c")) || label.startsWith(QLatin1String("c /"))
           || label.contains(QLatin1String("ampliation")) || label.startsWith(QLatin1String("ampl."))
           || label.startsWith(QLatin1String("pour information")) || otherCopy.match(label).hasMatch()
           || label.contains(QLatin1String("diffus")) || label.contains(QLatin1String("distribution"));
}

// Two untitled names side by side, each the whole of its cell ("DURAND Brigitte | LAURENT Nathan",
// a copies list in two columns): two entries, the second no place of the first.
bool sideBySideNames(const Segment& first, const Segment& other)
{
    const auto whole = [](const QString& text) {
        const auto person = parsePersonName(text, false);
        return person && person->asRead.size() >= text.trimmed().size() - 1;
    };
    return other.box.left() - first.box.right() > 2 * first.box.height() && whole(first.text) && whole(other.text);
}

// A family name and a given name a table set in two cells ("ANDRÉ | Marc", or "LAURENT (Vincent)"
// once the header's columns cut one cell): the one name they make, when the family name alone is none.
std::optional<QString> nameAcrossCells(const QString& family, const QString& given)
{
    const QString joined = family.trimmed() + QLatin1Char(' ') + given.trimmed();
    const auto person = parsePersonName(joined, false);
    if (person && person->asRead.size() >= joined.size() - 1 && !parsePersonName(family, false)) {
        return joined;
    }
    return std::nullopt;
}

bool sentenceLike(const QString& text)
{
    int lower = 0;
    for (const QString& w : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (w.size() >= 2 && w.front().isLower()) {
            ++lower;
        }
    }
    return lower >= 3;
}

class LetterReader
{
public:
    LetterReader(const QList<QList<Segment>>& pages, const QList<double>& heights, const QList<bool>& byOcr)
        : m_pages(pages)
        , m_heights(heights)
        , m_byOcr(byOcr)
    {
        spellFeminineTitles();
        unlabelAddresseeForm();
        setRowNoiseAside();
        splitEntriesOverColumns();
        splitCopiesAfterSentence();
        for (qsizetype p = 0; p < m_pages.size(); ++p) {
            const auto& segs = m_pages[p];
            m_zones += QList<Zone>(segs.size(), Zone::Other);
            QStringList folded;
            for (const Segment& s : segs) {
                folded += whole(p) ? foldSameLength(s.text.left(MaxSegmentLength)).simplified() : QString();
            }
            m_folded += folded;
        }
    }

    LetterReading read()
    {
        findSideColumn();
        findAuthor();
        findWindows();
        findReplyLine();
        findAddressLine();
        findCopies();
        findToldCopies();
        findNotedCopies();
        findReceivedCopies();
        findEntryColumns();
        findTickedEntries();
        findTickTable();
        findSendColumnTable();
        findMailboxBlocks();
        findMailHeader();
        findColumnHeads();
        findAnnotatedNames();
        findSalutation();
        findAuthorWithoutClosing();
        findBodyMentions();
        findDocumentType();
        findEpisode();
        findIpp();
        settleTentativeAddressees();
        for (qsizetype p = 0; p < m_pages.size(); ++p) {
            for (qsizetype i = 0; i < m_pages[p].size(); ++i) {
                const Segment& s = m_pages[p][i];
                m_out.text += TextLine{static_cast<int>(p), s.text, s.box, m_zones[p][i]};
            }
        }
        m_out.recipients = m_recipients;
        for (Recipient& r : m_out.recipients) {
            const QString family = insiUpper(r.familyName);
            const QString given = insiUpper(r.givenName);
            for (const auto& [row, rpps] : m_rowNumbers) {
                const QString folded = insiUpper(row);
                if (!family.isEmpty() && folded.contains(family) && (given.isEmpty() || folded.contains(given))) {
                    r.printedRpps = rpps;
                    break;
                }
            }
        }
        return m_out;
    }

private:
    // "Dre", "Pre" (docteure, professeure, as Québec and more and more French software abbreviate
    // them) read as "Dr.", "Pr.": the same length, so that every word keeps its place.
    void spellFeminineTitles()
    {
        static const QRegularExpression feminine(QStringLiteral(R"((?<![\p{L}\d])([DP])re(?=\s+\p{Lu}))"));
        for (QList<Segment>& segs : m_pages) {
            for (Segment& s : segs) {
                if (s.text.contains(QLatin1String("re "))) {
                    s.text.replace(feminine, QStringLiteral("\\1r."));
                }
            }
        }
    }

    // An addressee printed as a form under its heading ("Destinataire du courrier" / "Prénom, nom :
    // Minh MOREL" / "Qualité : Docteur, urologue" / "Adresse : …" / "Localité : 31000 TOULOUSE"):
    // its values are read as the window's lines they stand for, without their labels. Only under
    // such a heading (or a first row that captions the name itself), in its column: elsewhere "Nom :"
    // and "Adresse :" are the patient's.
    void unlabelAddresseeForm()
    {
        if (m_pages.isEmpty()) {
            return;
        }
        static const QRegularExpression field(
            QStringLiteral(
                R"(^\s*(?:pr[eé]nom\s*(?:,|et|/|&)?\s*nom|nom\s*(?:,|et|/|&)?\s*pr[eé]nom|nom|qualit[eé]|titre|sp[eé]cialit[eé]|exercice|adresse|compl[eé]ment(?:\s+d'adresse)?|localit[eé]|(?:ville|commune|lieu)\s+d['’]exercice|ville|commune|code\s+postal(?:\s*(?:et|/|,|-)?\s*(?:ville|localit[eé]))?|cp\s*(?:/|et|[-–—])?\s*(?:ville|localit[eé])?)\s*:\s*(\S.*)$)"),
            QRegularExpression::CaseInsensitiveOption);
        // The form's first row may caption the addressee's name itself, the name typed after it
        // ("Pour le praticien  Dr X" / "Qualité  urologue" / "Adresse  …" / "CP – Ville  38200 VIENNE").
        static const QRegularExpression captionedName(
            QStringLiteral(
                R"(^\s*(?:(?:praticien(?:ne)?|m[eé]decin|confr[eè]re|correspondant)\s+(?:destinataire|à\s+qui\s+s['’]adresse\s+(?:ce|cette|le|la)\s+(?:courrier|lettre|document|compte[\s-]rendu))|destinataire|pour\s+l[ea]\s+(?:praticien(?:ne)?|m[eé]decin|confr[eè]re|correspondant|docteure?))\s*:?\s+((?:(?:Monsieur|Madame)\s+le\s+)?(?:Dr\.?|Docteure?|Pr\.?|Professeure?)\s+\S.*)$)"),
            QRegularExpression::CaseInsensitiveOption);
        const QList<Segment> page = m_pages.front(); // read as printed; the labels go from m_pages
        QList<qsizetype> emptied;                    // value cells moved to their label's place
        for (qsizetype at = 0; at < page.size(); ++at) {
            const Segment& head = page[at];
            const auto named = captionedName.match(head.text.left(MaxSegmentLength));
            if (!named.hasMatch()
                && (!head.text.trimmed().startsWith(QLatin1String("destinataire"), Qt::CaseInsensitive)
                    || !addresseeHeading()
                            .match(foldSameLength(head.text.left(MaxSegmentLength)).simplified())
                            .hasMatch())) {
                continue;
            }
            const double h = std::max(1.0, head.box.height());
            const auto underHead = [&](const Segment& line) {
                return line.box.top() > head.box.top() && line.box.top() <= head.box.bottom() + 8 * h
                       && std::abs(line.box.left() - head.box.left()) <= 2 * h;
            };
            if (named.hasMatch()) {
                // Only a form's row: captioned fields follow it.
                const bool form = std::any_of(page.begin(), page.end(), [&](const Segment& line) {
                    return underHead(line)
                           && (field.match(line.text.left(MaxSegmentLength)).hasMatch()
                               || field.match(line.text.trimmed() + QStringLiteral(" : x")).hasMatch());
                });
                if (!form) {
                    continue;
                }
                m_pages.front()[at].text = named.captured(1).trimmed();
            }
            for (qsizetype i = 0; i < page.size(); ++i) {
                const Segment& line = page[i];
                if (!underHead(line)) {
                    continue;
                }
                if (const auto m = field.match(line.text.left(MaxSegmentLength)); m.hasMatch()) {
                    m_pages.front()[i].text = m.captured(1).trimmed();
                } else if (field.match(line.text.trimmed() + QStringLiteral(" : x")).hasMatch()) {
                    // The label in a cell of its own, its value in the next cell on its line ("Nom |
                    // Docteur …"): the value cell, words and all, takes the label's place, as if printed
                    // after a colon.
                    qsizetype value = -1;
                    for (qsizetype j = std::max<qsizetype>(0, i - 20); j < std::min(page.size(), i + 20); ++j) {
                        const QRectF& b = page[j].box;
                        if (j != i && b.left() > line.box.right()
                            && std::abs(b.center().y() - line.box.center().y()) < h / 2
                            && b.left() - line.box.right() < 12 * h
                            && (value < 0 || b.left() < page[value].box.left())) {
                            value = j;
                        }
                    }
                    if (value >= 0) {
                        Segment moved = page[value];
                        const double dx = line.box.left() - moved.box.left();
                        moved.box.translate(dx, 0);
                        for (WordSpan& w : moved.words) {
                            w.box.translate(dx, 0);
                        }
                        m_pages.front()[i] = moved;
                        emptied += value;
                    } else if (named.hasMatch()) {
                        emptied += i; // a field left blank ("Qualité" and nothing typed): no line of the address
                    }
                }
            }
        }
        std::sort(emptied.begin(), emptied.end(), std::greater<>());
        emptied.erase(std::unique(emptied.begin(), emptied.end()), emptied.end());
        for (const qsizetype k : emptied) {
            m_pages.front().removeAt(k);
        }
    }

    // Entries set side by side that the text layer ran into one cell ("Copies : Dr MICHAUD Isabelle
    // Docteur Mathilde MATHIEU" over "Urologue · 54000 Nancy" and "Médecin généraliste · 66000
    // PERPIGNAN"): the cell is parted before each titled name that starts where a cell of the line
    // under it starts, so that each entry keeps its own column, and its place.
    void splitEntriesOverColumns()
    {
        static const QRegularExpression title(QStringLiteral(
            R"((?<=\s|^)(?:(?:Madame|Monsieur|Mme|M\.)\s+(?:le|la)\s+)?(?:Dr\.?|Docteure?|Pr\.?|Professeure?)\s+\p{Lu})"));
        for (QList<Segment>& segs : m_pages) {
            for (qsizetype i = 0; i < segs.size(); ++i) {
                const Segment cell = segs[i];
                if (cell.words.isEmpty() || cell.text.size() > MaxSegmentLength) {
                    continue;
                }
                const double h = cell.box.height();
                // (The next line's cells follow in reading order: a few dozen looked at, whatever the page.)
                const auto startsBelow = [&](double x) {
                    return std::any_of(
                        segs.begin() + i + 1, segs.begin() + std::min(segs.size(), i + 40), [&](const Segment& t) {
                            return t.box.top() > cell.box.center().y() && t.box.top() - cell.box.bottom() <= 1.5 * h
                                   && std::abs(t.box.left() - x) <= 0.8 * h;
                        });
                };
                qsizetype cut = -1;
                bool named = false; // a titled name before it in the cell: this one is a second entry
                for (auto it = title.globalMatch(cell.text); it.hasNext() && cut < 0;) {
                    const qsizetype at = it.next().capturedStart(0);
                    if (named && startsBelow(cell.spanX(at, at + 1).first)) {
                        cut = at;
                    }
                    named = true;
                }
                if (cut >= 0) {
                    splitSegment(segs, i, cut);
                }
            }
        }
    }

    // Cuts segs[i] in two at `cut` (words on either side), when both halves keep a word.
    static bool splitSegment(QList<Segment>& segs, qsizetype i, qsizetype cut)
    {
        const Segment cell = segs[i];
        Segment left{cell.text.left(cut).trimmed(), {}, cell.page, {}};
        Segment right{cell.text.mid(cut), {}, cell.page, {}};
        for (const WordSpan& w : cell.words) {
            Segment& piece = w.start < cut ? left : right;
            piece.words += WordSpan{w.start < cut ? w.start : w.start - cut, w.length, w.box};
            piece.box = piece.box.isNull() ? w.box : piece.box.united(w.box);
        }
        if (left.words.isEmpty() || right.words.isEmpty()) {
            return false;
        }
        segs[i] = left;
        segs.insert(i + 1, right);
        return true;
    }

    // A copies list run on after a sentence in one line ("Alimentation DMP : effectuée. Également
    // destinataires : Dr X — Dr Y"): the list starts a segment of its own, where its label is read.
    void splitCopiesAfterSentence()
    {
        static const QRegularExpression sentenceEnd(QStringLiteral(R"([.;!]\s+(?=\p{Lu}))"));
        for (QList<Segment>& segs : m_pages) {
            for (qsizetype i = 0; i < segs.size(); ++i) {
                const Segment& cell = segs[i];
                if (cell.words.isEmpty() || cell.text.size() > MaxSegmentLength || !cell.text.contains(u':')) {
                    continue;
                }
                // (A few sentences looked at: a hostile line of full stops costs no more.)
                int sentences = 0;
                for (auto it = sentenceEnd.globalMatch(cell.text); it.hasNext() && sentences++ < 8;) {
                    const qsizetype at = it.next().capturedEnd(0);
                    const QString rest = cell.text.mid(at);
                    const auto m = copiesLabel().match(rest);
                    // Only a label with its colon that says copies or names the other addressees.
                    if (m.hasMatch() && rest.mid(m.capturedEnd(1)).trimmed().startsWith(QLatin1Char(':'))
                        && (copiesHeading(rest) || foldForMatch(m.captured(1)).contains(QLatin1String("destinataires")))
                        && splitSegment(segs, i, at)) {
                        break;
                    }
                }
            }
        }
    }

    // What a row prints that is not its text: an RPPS at its head ("10471804632 MONNIER Clémence
    // SAINT-ÉTIENNE", a table of recipients: the row is read without it, the number kept beside the
    // row), a speck OCR reads after a colon ("Copie 3 :. Dr A. MICHEL": the colon alone).
    void setRowNoiseAside()
    {
        static const QRegularExpression numbered(QStringLiteral(R"(^\s*(\d{11})\s+(\p{Lu}.*)$)"));
        static const QRegularExpression speck(QStringLiteral(R"(:\s*[.,·](?=\s))"));
        for (qsizetype p = 0; p < m_pages.size(); ++p) {
            for (qsizetype i = 0; i < m_pages[p].size(); ++i) {
                const QString& text = std::as_const(m_pages)[p][i].text; // read without detaching
                if (!text.isEmpty() && text.front().isDigit()) {
                    if (const auto m = numbered.match(text.left(MaxSegmentLength)); m.hasMatch()) {
                        m_rowNumbers.emplace_back(m.captured(2), m.captured(1));
                        m_pages[p][i].text = m.captured(2);
                    }
                }
                const QString& now = std::as_const(m_pages)[p][i].text;
                const qsizetype colon = now.indexOf(QLatin1Char(':'));
                if (colon >= 0 && now.indexOf(speck, colon) >= 0) {
                    m_pages[p][i].text.replace(speck, QStringLiteral(":"));
                }
            }
        }
    }

    // A long document addresses, signs and lists its copies on its first and last pages: the
    // middle pages (attachments, results) are not read for names.
    bool whole(qsizetype page) const
    {
        return m_pages.size() <= 6 || page < 3 || page >= m_pages.size() - 3;
    }

    double height(qsizetype page) const
    {
        return page < m_heights.size() && m_heights[page] > 0 ? m_heights[page] : 842.0;
    }

    double width(qsizetype page) const
    {
        double right = 595.0;
        for (const Segment& s : m_pages[page]) {
            right = std::max(right, s.box.right());
        }
        return right;
    }

    bool isAuthor(const PersonName& p) const
    {
        return m_author && samePerson(*m_author, p);
    }

    // Where an envelope's window shows a block: the right half of page 1, below its top edge (the
    // left top corner and the top edge are the letterhead's).
    bool inWindowPlace(const Block& block) const
    {
        return block.left >= width(0) * 0.4 && block.top >= height(0) * 0.08;
    }

    // The rows from `from` on that make an address block in the column of `head`, one line each,
    // no farther apart than a line, naming no one and saying nothing, the last one a postcode and
    // town: the index of that postcode row, else -1.
    qsizetype addressBlockEnd(qsizetype p, qsizetype from, double bottom, const Segment& head, double lineHeight) const
    {
        const auto& segs = m_pages[p];
        static const QRegularExpression label(QStringLiteral(R"(:\s*\S)"));
        for (qsizetype k = from; k < segs.size() && k < from + 6; ++k) {
            const Segment& s = segs[k];
            const bool alone =
                (k + 1 >= segs.size() || std::abs(segs[k + 1].box.center().y() - s.box.center().y()) > lineHeight * 0.6)
                && (k == 0 || std::abs(segs[k - 1].box.center().y() - s.box.center().y()) > lineHeight * 0.6);
            if (!alone || s.box.top() - bottom > lineHeight * 1.9
                || std::abs(s.box.left() - head.box.left()) > std::max(28.0, 3.5 * lineHeight)
                || m_zones[p][k] != Zone::Other || (sentenceLike(s.text) && !streetRe().match(s.text).hasMatch())
                || label.match(s.text).hasMatch() || parsePersonName(s.text, true)) {
                return -1;
            }
            if (postcodeLine(s.text)) {
                return k;
            }
            bottom = s.box.bottom();
        }
        return -1;
    }

    // Whether an entry read as `person` is the author's. A namesake known by his family name alone
    // but printed with a place is someone else ("Dr PHILIPPE (médecin généraliste, ORLÉANS)" in the
    // copies of Dr PHILIPPE Guillaume's letter; the matcher never chooses the author's own RPPS).
    bool authorsEntry(const Recipient& r, const PersonName& person) const
    {
        const bool placed = !r.city.isEmpty() || !r.postcode.isEmpty();
        return isAuthor(person) && !(placed && (person.given.isEmpty() || m_author->given.isEmpty()));
    }

    // `tentative`: an addressee only if nothing else names one (see settleTentativeAddressees).
    void add(Recipient r, const PersonName& person, bool tentative = false)
    {
        if (authorsEntry(r, person)) {
            return;
        }
        if (r.role == RecipientRole::To && r.zone != Zone::Body) {
            (tentative ? m_tentativeTo : m_firmTo) += personKey(person);
        }
        for (Recipient& existing : m_recipients) {
            PersonName other;
            other.family = existing.familyName;
            other.given = existing.givenName;
            if (samePerson(other, person)
                && (existing.city.isEmpty() || r.city.isEmpty() || insiUpper(existing.city) == insiUpper(r.city))) {
                // Named twice (address window and copies): the addressing zone wins.
                if (existing.zone == Zone::Body && r.zone != Zone::Body) {
                    existing.zone = r.zone;
                    existing.role = r.role;
                }
                if (r.role == RecipientRole::To && r.zone != Zone::Body) {
                    existing.role = RecipientRole::To;
                }
                if (existing.city.isEmpty()) {
                    existing.city = r.city;
                    existing.postcode = r.postcode;
                    existing.department = r.department;
                }
                // The fuller name wins ("Dr LEFÈVRE" in the copies, "Docteur Christine LEFÈVRE" above).
                if (insiUpper(existing.givenName).size() < insiUpper(r.givenName).size()) {
                    existing.givenName = r.givenName;
                    existing.name = r.name;
                    existing.title = r.title.isEmpty() ? existing.title : r.title;
                }
                if (existing.street.isEmpty()) {
                    existing.street = r.street;
                }
                existing.specialtyWords += r.specialtyWords;
                existing.specialtyWords.removeDuplicates();
                return;
            }
        }
        m_recipients += r;
    }

    // "Réponse à la demande d'avis du Dr X (cardiologue, Brest) du 12/11/2026", "En réponse au
    // courrier du Dr X, Brest, du …", "Suite à votre demande du 04/10/2026 – Dr X, Lorient": a letter
    // without a window names whom it answers on one line above its salutation: its addressee.
    void findReplyLine()
    {
        if (m_pages.isEmpty()) {
            return;
        }
        static const QRegularExpression reply(
            QStringLiteral(
                R"(^\s*(?:en\s+)?(?:r[ée]ponse|suite)\s+(?:à|a|au)\s+(?:la\s+|votre\s+|sa\s+)?(?:demande|courrier|lettre|sollicitation)(?:\s+d['’]avis)?(?![\p{L}]))"),
            QRegularExpression::CaseInsensitiveOption);
        static const QRegularExpression titled(
            QStringLiteral(R"((?<![\p{L}])(?:(?:Madame|Monsieur)\s+le\s+)?(?:Dr\.?|Docteure?|Pr\.?|Professeure?)\s)"));
        static const QRegularExpression trailingDate(QStringLiteral(R"(,?\s+du\s+\d{1,2}[/.]\d{1,2}[/.]\d{2,4}.*$)"));
        const QList<Segment>& segs = m_pages.front();
        for (qsizetype i = 0; i < segs.size(); ++i) {
            const QString text = segs[i].text.left(MaxSegmentLength);
            if (m_zones[0][i] != Zone::Other || !reply.match(text).hasMatch()) {
                continue;
            }
            const auto t = titled.match(text);
            if (!t.hasMatch() || t.capturedStart(0) > 80) {
                continue;
            }
            const QString from = text.mid(t.capturedStart(0));
            const auto person = parsePersonName(from, true);
            if (!person || !person->professional || isAuthor(*person)) {
                continue;
            }
            Recipient r = recipientFrom(*person, RecipientRole::To, Zone::Copies);
            addContext(r, contextParts(from.mid(person->end).remove(trailingDate)));
            m_zones[0][i] = Zone::Copies;
            add(r, *person);
        }
    }

    static QString personKey(const PersonName& p)
    {
        return insiUpper(p.family) + QLatin1Char('|') + insiUpper(p.given).left(1);
    }

    // Addressees read from a distribution list ("Exemplaires adressés :") or a table row that says
    // only how it went ("courrier"): copies when something else names the letter's addressee.
    void settleTentativeAddressees()
    {
        const auto tentative = [&](const Recipient& r) {
            PersonName p;
            p.family = r.familyName;
            p.given = r.givenName;
            return m_tentativeTo.contains(personKey(p)) && !m_firmTo.contains(personKey(p));
        };
        const bool addressed = std::any_of(m_recipients.begin(), m_recipients.end(), [&](const Recipient& r) {
            return r.role == RecipientRole::To && r.zone != Zone::Body && !tentative(r);
        });
        for (Recipient& r : m_recipients) {
            if (addressed && r.role == RecipientRole::To && tentative(r)) {
                r.role = RecipientRole::Cc;
            } else if (r.role == RecipientRole::To && r.zone == Zone::Copies && rowSaysCopy(r)) {
                r.role = RecipientRole::Cc;
            }
        }
    }

    // An entry of a list whose own row says it is a copy in a cell after the name ("Dr FLEURY
    // (AJACCIO)  |  Exemplaire en copie  |  Voie postale"), whatever the list's heading said.
    bool rowSaysCopy(const Recipient& r) const
    {
        static const QRegularExpression copy(QStringLiteral(R"((?<![a-z])(?:en\s+copie|copie|cc)(?![a-z]))"));
        static const QRegularExpression original(
            QStringLiteral(R"((?<![a-z])(?:original|principal|destinataire)(?![a-z]))"));
        const QString family = r.familyName.toUpper();
        if (family.isEmpty()) {
            return false;
        }
        for (qsizetype p = 0; p < m_pages.size(); ++p) {
            const QList<Segment>& segs = m_pages[p];
            for (qsizetype i = 0; i < segs.size(); ++i) {
                if (m_zones[p][i] != Zone::Copies || !segs[i].text.left(MaxSegmentLength).toUpper().contains(family)) {
                    continue;
                }
                const QRectF& box = segs[i].box;
                QString row;
                for (qsizetype k = 0; k < segs.size(); ++k) {
                    const QRectF& other = segs[k].box;
                    if (k != i && other.left() >= box.right() && other.top() < box.center().y()
                        && other.bottom() > box.center().y()) {
                        row += QLatin1Char(' ') + m_folded[p][k];
                    }
                }
                return copy.match(row).hasMatch() && !original.match(row).hasMatch();
            }
        }
        return false;
    }

    // Segment `i` of page 1 alone on its line (the staff's side column apart), and no name on the
    // lines just above or under it: one name, not an entry of a list ("Dr J. SCHMITT (Lyon)" over
    // "Docteur SIMON Marie").
    bool standsAlone(const QList<Segment>& segs, qsizetype i) const
    {
        const QRectF& box = segs[i].box;
        for (qsizetype k = 0; k < segs.size(); ++k) {
            const QRectF& other = segs[k].box;
            if (k == i || m_zones[0][k] == Zone::SideColumn) {
                continue;
            }
            const bool sameLine = other.top() < box.bottom() && other.bottom() > box.top();
            const bool near = std::abs(other.top() - box.top()) < 2 * box.height() && other.left() < box.right()
                              && other.right() > box.left();
            if (sameLine || (near && parsePersonName(segs[k].text.left(MaxSegmentLength), false))) {
                return false;
            }
        }
        return true;
    }

    // A letter without a window may name its addressee on one line above the text: "Dr Loïc
    // BERTRAND – 69006 LYON", "Courrier pour Dr X, gastro-entérologue, 69006 LYON", "À l'intention
    // de : Dr X (35400 SAINT-MALO)", "Pli remis à M. X pour le Dr Y (cardiologue, BREST)." (handed to
    // the patient for him), "Lettre rédigée à l'intention du Dr X (cardiologue, BREST), qui suit …". One
    // line, a titled name at its head (after a short lead), a postcode and town after it; never the
    // author.
    void findAddressLine()
    {
        if (m_pages.isEmpty() || std::any_of(m_recipients.begin(), m_recipients.end(), [](const Recipient& r) {
                return r.role == RecipientRole::To;
            })) {
            return;
        }
        static const QRegularExpression line(
            QStringLiteral(
                R"(^\s*((?:pli|lettre|courrier|document|compte[\s-]rendu)\s+(?:r[ée]dig[ée]e?|[ée]tablie?|remise?|confi[ée]e?|donn[ée]e?)\s+(?:(?:à|a)\s+l['’]\s?(?:intention|attention)\s+d[eu]|(?:à|a|aux?)\s+[^;:]{1,50}?\s+(?:pour\s+transmission\s+)?(?:pour\s+l[ea]|au|à\s+la|a\s+la))|(?:quelques\s+)?mots?\s+(?:pour|au|à|a)(?:\s+l[ea]|\s+l['’]\s?(?:attention|intention|att\.?)\s+(?:de|du))?|(?:à|a)\s+(?:notre|mon|ma|votre)\s+(?:ch[èe]re?\s+)?(?:confr[èe]re|cons[œoe]+ur|coll[èe]gue)\s*,?|(?:courrier|lettre|compte[\s-]rendu)\s+(?:à|a|au)|pour\s+avis|(?:(?:courrier|lettre|compte[\s-]rendu)\s+)?(?:pour|adress[ée]e?\s+(?:à|a|au)|destin[ée]e?\s+(?:à|a|au)|(?:à|a)\s+l['’]\s?(?:attention|intention|att\.?)\s+(?:de|du))|destinataire|destination|envoy[ée]e?\s+(?:à|a)|(?:à|a)(?=\s*:)|au|exemplaire\s+(?:destin[ée]e?\s+)?(?:pour|au|à|a)(?:\s+l[ea])?|exemplaire\s+original|(?:m[ée]decin|confr[èe]re|cons[œoe]+ur|praticien(?:ne)?|sp[ée]cialiste|correspondant)\s+(?:sollicit[ée]e?|requise?|destinataire|à\s+qui\s+s['’]adresse\s+(?:ce|cette|le|la)\s+(?:courrier|lettre|document|compte[\s-]rendu)))?\s*:?\s*((?:(?:Monsieur|Madame)\s+le\s+)?(?:Dr\.?|Docteure?|Pr\.?|Professeure?)\s.*)$)"),
            QRegularExpression::CaseInsensitiveOption);
        static const QRegularExpression place(QStringLiteral(R"((?<!\d)\d{5}\s+\p{Lu})"));
        // "Exemplaire pour le Dr X – … – 56300 PONTIVY": the copy's addressee, printed in the top margin.
        static const QRegularExpression copyFor(QStringLiteral(R"(^\s*exemplaire\s)"),
                                                QRegularExpression::CaseInsensitiveOption);
        // "Exemplaire original : Dr X, …, 37000 TOURS": whom the original goes to, wherever it is printed.
        static const QRegularExpression original(QStringLiteral(R"(^\s*exemplaire\s+original\s*:)"),
                                                 QRegularExpression::CaseInsensitiveOption);
        const QList<Segment>& segs = m_pages.front();
        for (qsizetype i = 0; i < segs.size(); ++i) {
            const QString text = segs[i].text.left(MaxSegmentLength);
            if (m_zones[0][i] != Zone::Other
                || (segs[i].box.top() < height(0) * 0.08 && !copyFor.match(text).hasMatch())
                || (segs[i].box.bottom() > height(0) * 0.4 && !original.match(text).hasMatch())) {
                continue;
            }
            const auto m = line.match(text);
            // (An attention line reads as words in small letters: "À l'attention du Dr X, médecin
            // généraliste" is no sentence.)
            const bool attention =
                m.hasMatch()
                && (m.captured(1).contains(QStringLiteral("tention")) || m.captured(1).contains(QStringLiteral("att")));
            // (Nor does a note's "Mot pour le Dr X, cardiologue à Brest", nor a caption's strip:
            // "DESTINATION | Dr X | médecin généraliste | 12 rue …, 83000 Toulon".)
            const bool note = m.hasMatch()
                              && (m.captured(1).startsWith(QLatin1String("mot"), Qt::CaseInsensitive)
                                  || m.captured(1).startsWith(QLatin1String("quelques"), Qt::CaseInsensitive));
            const bool captioned = m.hasMatch() && m.capturedLength(1) > 0 && place.match(m.captured(2)).hasMatch();
            if (!m.hasMatch()) {
                continue;
            }
            const QString from = m.captured(2);
            // A form's next caption on the name's line ("Docteur LOUIS Daniel   Exercice : Médecin
            // généraliste   Commune d'exercice : 35000 Rennes"): its word is no name's.
            static const QRegularExpression nextCaption(QStringLiteral(
                R"(\s+(?:Exercice|Sp[ée]cialit[ée]|Ville|Commune|Adresse|Qualit[ée]|T[ée]l(?:[ée]phone)?|Lieu|Service|Fonction|Profession|Discipline)(?![\p{L}])[^:]{0,25}:)"));
            const qsizetype captionAt = from.indexOf(nextCaption);
            const auto person = parsePersonName(captionAt > 0 ? from.left(captionAt) : from, true);
            // A sentence goes on after the name; a lead's own words ("Courrier pour") make none.
            const QString tail = person ? from.mid(person->end) : text;
            if (sentenceLike(tail) && !attention && !note && !captioned && !copyFor.match(text).hasMatch()) {
                continue;
            }
            // A postcode says it is an address; after a lead that says whom the letter is for
            // ("Lettre à l'intention de Dr Y. LAURENT (Endocrinologue, Besançon)"), a town does; without
            // a lead, a town alone after the name ("Dr Jean-Marc BONNET – Le Mans").
            static const QString townWords = QStringLiteral(
                R"(\p{Lu}[\p{L}'’\-]+(?:\s+(?:(?:sur|sous|en|l[ea]s?|d[eu]s?|lès|d['’])\s*)?\p{Lu}[\p{L}'’\-]*){0,3})");
            static const QRegularExpression town(QStringLiteral(R"((?:[,(–—-]|\s[àa])\s*)") + townWords
                                                 + QStringLiteral(R"(\s*\)?\s*\.?\s*$)"));
            static const QRegularExpression townOnly(QStringLiteral(R"(^\s*(?:[,–—-]\s*|\(\s*))") + QStringLiteral("(")
                                                     + townWords + QStringLiteral(R"()\s*\)?\s*$)"));
            static const QRegularExpression wordBreak(QStringLiteral(R"([\s\-])"));
            const auto bareTown = townOnly.match(tail);
            const bool townAlone =
                person && m.capturedLength(1) == 0 && bareTown.hasMatch()
                && !notCityWords().contains(foldSameLength(bareTown.captured(1)).toLower().section(wordBreak, 0, 0))
                && specialtyWordsIn(bareTown.captured(1)).isEmpty() && standsAlone(segs, i);
            // A sentence may go on after the place in brackets ("Compte rendu établi à l'intention du Dr X
            // (urgentiste, Pontivy), médecin qui a demandé l'examen.").
            static const QRegularExpression bracketed(QStringLiteral(R"(^\s*(\([^()]{1,80}\)))"));
            const auto bracket = bracketed.match(tail);
            const bool townAtEnd = m.capturedLength(1) > 0 && town.match(tail).hasMatch();
            const bool placedInBracket = person && m.capturedLength(1) > 0 && !townAtEnd && bracket.hasMatch()
                                         && town.match(bracket.captured(1)).hasMatch();
            bool placed =
                person && (place.match(from, person->end).hasMatch() || townAtEnd || townAlone || placedInBracket);
            QString window;
            QList<qsizetype> placedLines; // the lines that gave the place, the window's once he is read
            // The line wrapped onto the next one, flush under it ("Mot à l'attention de Dr X, médecin
            // généraliste – 25 bis boulevard" / "Tanguy Prigent, 38200 Vienne."), or the address's
            // lines under the name, set where it starts ("Destiné au Dr X" / "        Médecin
            // généraliste" / "        49 bis rue des Vignes, 69003 Lyon").
            if (person && !placed && m.capturedLength(1) > 0) {
                const double h = segs[i].box.height();
                const double nameX = segs[i].spanX(m.capturedStart(2), m.capturedStart(2) + 1).first;
                QString lines;
                QList<qsizetype> under;
                for (qsizetype k = i + 1; k < segs.size() && k <= i + 12 && under.size() < 4; ++k) {
                    const Segment& above = segs[under.isEmpty() ? i : under.back()];
                    // (Cells of other columns between them in reading order: a staff list at the left,
                    // a mark at the right.)
                    if (segs[k].box.right() < segs[i].box.left() || segs[k].box.left() > segs[i].box.right()
                        || segs[k].box.center().y() < above.box.bottom()) {
                        continue;
                    }
                    if (segs[k].box.top() - above.box.bottom() > 0.8 * h || m_zones[0][k] != Zone::Other
                        || (std::abs(segs[k].box.left() - segs[i].box.left()) >= h
                            && std::abs(segs[k].box.left() - nameX) >= h)) {
                        break;
                    }
                    // (A wrapped line goes on with the words above it; an address line is a part of its own.)
                    const bool wrapped = std::abs(segs[k].box.left() - segs[i].box.left()) < h;
                    under += k;
                    lines +=
                        (wrapped ? QStringLiteral(" ") : QStringLiteral(", ")) + segs[k].text.left(MaxSegmentLength);
                    if (place.match(from + lines, person->end).hasMatch()) {
                        placed = true;
                        break;
                    }
                }
                if (placed) {
                    window = lines;
                    placedLines = under;
                }
            }
            // A caption's strip set in cells ("DESTINATION  Dr J. LEBEAU | ophtalmologiste | 39 rue
            // Saint-Michel, 10000 TROYES"): the cells right of the name, on its line, are his place.
            if (person && !placed && m.capturedLength(1) > 0) {
                QString cells;
                QList<qsizetype> beside;
                // (Cells of one line stand close in reading order: a few either side.)
                for (qsizetype k = std::max<qsizetype>(0, i - 6); k < segs.size() && k <= i + 10; ++k) {
                    if (k != i && segs[k].box.left() > segs[i].box.right()
                        && std::abs(segs[k].box.center().y() - segs[i].box.center().y()) < 0.5 * segs[i].box.height()
                        && m_zones[0][k] == Zone::Other) {
                        cells += QStringLiteral(", ") + segs[k].text.left(MaxSegmentLength);
                        beside += k;
                    }
                }
                if (place.match(cells).hasMatch()) {
                    window = cells;
                    placed = true;
                    placedLines = beside;
                }
            }
            // A form's field under it, after a lead: "Confrère sollicité : Dr X" over "Adresse
            // d'exercice : 90 rue Émile Zola, 37000 TOURS".
            if (person && !placed && m.capturedLength(1) > 0) {
                for (qsizetype k = i + 1; k < segs.size() && k <= i + 3; ++k) {
                    if (segs[k].box.top() - segs[i].box.bottom() > 1.2 * segs[i].box.height()
                        || std::abs(segs[k].box.left() - segs[i].box.left()) > segs[i].box.height()) {
                        continue;
                    }
                    static const QRegularExpression addressField(
                        QStringLiteral(R"(^\s*adresse[^:]{0,20}:\s*(.*\d{5}\s+\p{Lu}.*)$)"),
                        QRegularExpression::CaseInsensitiveOption);
                    if (const auto a = addressField.match(segs[k].text.left(MaxSegmentLength)); a.hasMatch()) {
                        window += QStringLiteral(", ") + a.captured(1);
                        placed = true;
                        m_zones[0][k] = Zone::AddressWindow;
                    }
                    break;
                }
            }
            // A window that prints a practice's address and no one ("Maison de santé des Tilleuls" /
            // "81 route de Lyon" / "13008 MARSEILLE"), and "À l'attention du Dr X, généraliste"
            // apart: the window is his address.
            if (person && !placed && attention) {
                for (const int k : unnamedWindow(segs)) {
                    window += QStringLiteral(", ") + segs[k].text.left(MaxSegmentLength);
                    placed = placed || postcodeLine(segs[k].text).has_value();
                }
            }
            if (!person || !person->professional || isAuthor(*person) || !from.startsWith(person->asRead.left(2))
                || !placed) {
                continue;
            }
            Recipient r = recipientFrom(*person, RecipientRole::To, Zone::AddressWindow);
            addContext(r, contextParts((placedInBracket ? bracket.captured(1) : from.mid(person->end)) + window));
            m_zones[0][i] = Zone::AddressWindow;
            for (const qsizetype k : std::as_const(placedLines)) {
                m_zones[0][k] = Zone::AddressWindow;
            }
            add(r, *person);
            return;
        }
    }

    // The service's staff listed down one side of page 1: titled names, no address.
    void findSideColumn()
    {
        if (m_pages.isEmpty()) {
            return;
        }
        const QList<Segment>& segs = m_pages.front();
        const double pageWidth = width(0);
        for (const Block& block : blocksOf(segs)) {
            if (block.right - block.left > pageWidth * 0.4) {
                continue;
            }
            int titled = 0;
            bool address = false;
            for (int s : block.segments) {
                const auto person = parsePersonName(segs[s].text, true);
                titled += person && person->professional ? 1 : 0;
                address = address || postcodeLine(segs[s].text).has_value();
            }
            // A column beside the letter: the letter's text runs to its right on the same lines
            // (a signature followed by a list of copies stands alone, nothing beside it).
            const bool beside = std::any_of(segs.begin(), segs.end(), [&](const Segment& other) {
                return other.box.left() > block.right && other.box.top() < block.bottom
                       && other.box.bottom() > block.top;
            });
            // A table's column of names is no side column: its rows go on in short cells on their own
            // lines (the letter beside a side column runs in long lines of its own leading).
            const auto rowGoesOn = [&](int s) {
                return std::any_of(segs.begin(), segs.end(), [&](const Segment& other) {
                    return other.box.left() > segs[s].box.right() && other.box.width() < pageWidth * 0.3
                           && other.box.left() - segs[s].box.right() < 10 * segs[s].box.height()
                           && std::abs(other.box.center().y() - segs[s].box.center().y()) < 0.25 * segs[s].box.height();
                });
            };
            if (titled >= 3 && !address && beside
                && 4 * std::count_if(block.segments.begin(), block.segments.end(), rowGoesOn)
                       < 3 * block.segments.size()) {
                for (int s : block.segments) {
                    m_zones[0][s] = Zone::SideColumn;
                }
            }
        }
    }

    // The author: the name under the closing formula, else a header name next to an RPPS number.
    void findAuthor()
    {
        std::optional<QString> rpps;
        for (qsizetype p = m_pages.size() - 1; p >= 0 && !m_author; --p) {
            if (!whole(p)) {
                continue;
            }
            const auto& segs = m_pages[p];
            qsizetype closing = -1;
            for (qsizetype i = 0; i < segs.size(); ++i) {
                if (isClosing(m_folded[p][i]) && m_zones[p][i] != Zone::SideColumn) {
                    closing = i;
                }
            }
            if (closing < 0) {
                continue;
            }
            m_zones[p][closing] = Zone::Signature;
            // A copies list may stand beside the signature ("Copies :" left, the signature right, on
            // the same lines): its column is skipped, the signature read on.
            std::optional<double> copiesRight;
            std::optional<double> signatureLeft;
            for (qsizetype i = closing + 1; i < segs.size() && i <= closing + 8; ++i) {
                const QString& folded = m_folded[p][i];
                const bool list = copiesLabel().match(segs[i].text.left(MaxSegmentLength)).hasMatch();
                if (list || folded.startsWith(QLatin1String("p.j")) || folded.startsWith(QLatin1String("pj"))) {
                    if (!list || copiesRight) {
                        break;
                    }
                    copiesRight = segs[i].box.right();
                    continue;
                }
                if (copiesRight) {
                    const double left = segs[i].box.left();
                    if (left <= *copiesRight + segs[i].box.height()) {
                        continue; // an entry of the list beside
                    }
                    // The signature's column: it opens with the signatory's name alone (a table's
                    // other columns, "Qualité", "Ville", are the list's).
                    if (!signatureLeft) {
                        const auto person = parsePersonName(segs[i].text, true);
                        if (m_author || !person || !person->professional || person->end < segs[i].text.size() - 2) {
                            break;
                        }
                        signatureLeft = left;
                    } else if (std::abs(left - *signatureLeft) > segs[i].box.height()) {
                        break;
                    }
                }
                // The signature stands under the letter's text, never in a column left of it (the
                // staff listed beside the letter: "Cadre de santé / Mme …").
                if (m_zones[p][i] == Zone::SideColumn || segs[i].box.right() < segs[closing].box.left()) {
                    continue;
                }
                m_zones[p][i] = Zone::Signature;
                if (const auto r = rppsRe().match(segs[i].text); r.hasMatch() && !rpps) {
                    rpps = r.captured(1);
                }
                if (m_author) {
                    continue;
                }
                const auto person = parsePersonName(segs[i].text, false);
                if (person && person->end >= segs[i].text.size() - 2) {
                    m_author = person;
                } else if (person && person->professional && !sentenceLike(segs[i].text)) {
                    m_author = person; // "Dr Jean MARTIN, cardiologue"
                }
            }
        }
        // The header of page 1: a titled name with an RPPS number within the next lines. Several
        // of them are the staff of the service, listed: none of them is the author by that alone.
        if (!m_pages.isEmpty()) {
            const auto& first = m_pages.front();
            QList<std::pair<PersonName, QString>> headed;
            for (qsizetype i = 0; i < first.size(); ++i) {
                const auto r = rppsRe().match(first[i].text);
                if (!r.hasMatch() || m_zones[0][i] == Zone::SideColumn) {
                    continue;
                }
                for (qsizetype j = i; j >= 0 && j >= i - 4; --j) {
                    const auto person = parsePersonName(first[j].text, true);
                    if (person && std::abs(first[j].box.left() - first[i].box.left()) < 40) {
                        if (std::none_of(headed.begin(), headed.end(),
                                         [&](const auto& h) { return samePerson(h.first, *person); })) {
                            headed += {*person, r.captured(1)};
                        }
                        break;
                    }
                }
            }
            if (!m_author && headed.size() == 1) {
                m_author = headed.front().first;
            }
            for (const auto& [person, number] : headed) {
                if (m_author && !rpps && samePerson(*m_author, person)) {
                    rpps = number;
                }
            }
        }
        if (m_author) {
            m_out.author = Author{m_author->asRead, rpps};
        }
    }

    // No closing formula (a prescription, a certificate): "Je soussigné, Docteur …", else the last
    // titled name standing alone on its line, outside the copies, the window and the footer.
    void findAuthorWithoutClosing()
    {
        if (m_author) {
            return;
        }
        // No closing formula (a prescription, a certificate): "Je soussigné, Docteur …", else the
        // last titled name standing alone on its line, above the copies and the footer.
        for (qsizetype p = m_pages.size() - 1; p >= 0 && !m_author; --p) {
            if (!whole(p)) {
                continue;
            }
            const auto& segs = m_pages[p];
            static const QRegularExpression undersigned(QStringLiteral(R"(je\s+soussigne(?:e)?\s*,?\s*)"));
            for (qsizetype i = 0; i < segs.size() && !m_author; ++i) {
                const auto m = undersigned.match(m_folded[p][i]);
                if (m.hasMatch()) {
                    const auto person = parsePersonName(segs[i].text.mid(m.capturedEnd()), true);
                    if (person && person->professional) {
                        m_author = person;
                    }
                }
            }
            for (qsizetype i = segs.size() - 1; i >= 0 && !m_author; --i) {
                if (m_zones[p][i] != Zone::Other || segs[i].box.top() > height(p) * 0.92) {
                    continue;
                }
                const auto person = parsePersonName(segs[i].text, true);
                if (person && person->professional && person->end >= segs[i].text.size() - 2) {
                    m_author = person;
                    m_zones[p][i] = Zone::Signature;
                }
            }
        }
        if (!m_author) {
            return;
        }
        m_out.author = Author{m_author->asRead, std::nullopt};
        m_recipients.erase(std::remove_if(m_recipients.begin(), m_recipients.end(),
                                          [&](const Recipient& r) {
                                              PersonName p;
                                              p.family = r.familyName;
                                              p.given = r.givenName;
                                              return authorsEntry(r, p);
                                          }),
                           m_recipients.end());
    }

    // Address windows on page 1: lines of one column that name a person (or "À l'attention de")
    // and end with a postcode and city, with no sign of a letterhead (phone, RPPS) among them.
    void findWindows()
    {
        if (m_pages.isEmpty()) {
            return;
        }
        const QList<Segment>& segs = m_pages.front();
        // The window stands above the letter itself: above its salutation and its closing formula.
        // "Madame, Monsieur," salutes; "Madame, Monsieur le Docteur" over a name addresses.
        double limit = height(0) * 0.6;
        static const QRegularExpression salutation(
            QStringLiteral(R"(^(?:mon\s+)?(?:tres\s+)?(?:cher|chere)|^(?:madame|monsieur)(?:[\s,].*)?,$)"));
        for (qsizetype i = 0; i < segs.size(); ++i) {
            if (salutation.match(m_folded[0][i]).hasMatch() || isClosing(m_folded[0][i])) {
                limit = std::min(limit, segs[i].box.top());
                break;
            }
        }
        // A block headed "DESTINATAIRE" says what it is wherever it stands (at the foot of the page
        // for a window low on the envelope), and may be longer than a window's six lines.
        for (const Block& block : blocksOf(segs)) {
            for (qsizetype postcodeAt = 1; postcodeAt < block.segments.size(); ++postcodeAt) {
                const int last = block.segments[postcodeAt];
                qsizetype heading = postcodeAt - 2; // the heading's line in the block, if any
                while (heading >= 0 && postcodeAt - heading <= 9
                       && !addresseeHeading().match(m_folded[0][block.segments[heading]]).hasMatch()) {
                    --heading;
                }
                const bool headed = heading >= 0 && postcodeAt - heading <= 9;
                // An address line, not a copies entry that ends with one ("* Dr X, …, 56300 PONTIVY").
                if ((segs[last].box.top() > limit && !headed) || !postcodeLine(segs[last].text)
                    || letterheadSign(m_folded[0][last]) || parsePersonName(segs[last].text, true)) {
                    continue;
                }
                // Up from the postcode line: the person, at most six lines above, no letterhead between.
                // The addressee's own RPPS under his name ("Docteur X" / "N° RPPS 1…") is his, not a
                // letterhead's: where an envelope's window stands (right half, below the page's top
                // edge), never in a letterhead's corner.
                const bool windowPlace = inWindowPlace(block);
                static const QRegularExpression rppsOnly(QStringLiteral(R"(^\s*(?:n[°o]\s*)?rpps\s*:?\s*\d{11}\s*$)"));
                const auto stop = [&](qsizetype k) {
                    const int s = block.segments[k];
                    if (windowPlace && rppsOnly.match(m_folded[0][s]).hasMatch() && k > 0) {
                        const auto above = parsePersonName(segs[block.segments[k - 1]].text, true);
                        return !(above && above->professional);
                    }
                    // ("Le Docteur X" / "Chef de service" / "à" / "Madame le Docteur Y": the sender, then
                    // the addressee.)
                    static const QRegularExpression to(QStringLiteral(R"(^\s*(?:a|aux?)\s*:?\s*$)"));
                    return letterheadSign(m_folded[0][s]) || postcodeLine(segs[s].text).has_value()
                           || to.match(m_folded[0][s]).hasMatch();
                };
                qsizetype from = postcodeAt - 1;
                const qsizetype top = headed ? heading + 1 : 0; // never above the heading
                while (from > top && (postcodeAt - from < 6 || headed) && !stop(from - 1)) {
                    --from;
                }
                // A long establishment's address (its name on two lines, a "lieu-dit", a "CS") under a titled
                // name and a specialty: up to two lines more, only to reach that name.
                if (!headed && postcodeAt - from == 6 && !parsePersonName(segs[block.segments[from]].text, true)) {
                    for (qsizetype k = from - 1; k >= top && postcodeAt - k <= 8 && !stop(k); --k) {
                        if (const auto p = parsePersonName(segs[block.segments[k]].text, true); p && p->professional) {
                            from = k;
                            break;
                        }
                    }
                }
                if (letterheadSign(m_folded[0][block.segments[from]])) {
                    continue;
                }
                // The sender's own address goes on with its phone, fax or FINESS: a letterhead. An
                // addressee's block may end on a phone line alone (or two), where the window stands, under a
                // titled name ("Mme le Dr Martine CHEVALIER" / … / "13008 MARSEILLE" / "Tél. 04 …").
                static const QRegularExpression phoneOnly(QStringLiteral(
                    R"(^\s*t[eé]l(?:[eé]phone)?\.?(?:\s+(?:cabinet|secr[eé]tariat|direct|portable|mobile|pro|standard))?\s*:?\s*[+\d][\d .]{8,18}$)"));
                // (The name may stand under a heading: "Médecin correspondant" / "Dr Lan PASQUIER".)
                const auto titledFirst = [&] {
                    for (qsizetype k = from; k < postcodeAt && k <= from + 1; ++k) {
                        const auto person = parsePersonName(segs[block.segments[k]].text, true);
                        if (person) {
                            return person->professional && !isAuthor(*person);
                        }
                    }
                    return false;
                };
                // So may its secure-mail address ("Messagerie sécurisée : x@medecin.mssante.fr").
                static const QRegularExpression mssanteOnly(
                    QStringLiteral(R"(^\s*(?:[a-z\-]+\s+){0,2}(?:[a-z\-]+\s*:\s*)?[\w.\-]+@[\w.\-]*mssante\.fr\s*$)"));
                bool sender = false;
                bool contacts = true; // the lines after the postcode so far are the addressee's own
                // The letter's date or its copies list under the block end it ("Saint-Étienne, le 4
                // novembre 2026" / "En copie : Docteur …"): they are no letterhead's fields.
                static const QRegularExpression dated(QStringLiteral(R"((?:^|,)\s*le\s+\d)"));
                for (qsizetype k = postcodeAt + 1; k < block.segments.size() && k <= postcodeAt + 2; ++k) {
                    const int s = block.segments[k];
                    const QString& line = m_folded[0][s];
                    // Nor a line set apart from it (the page's footer under a block low on the page).
                    const Segment& previous = segs[block.segments[k - 1]];
                    // Nor the letter's reference or object under it ("Réf. dossier : Mme GAY Alice",
                    // "Dossier : M. ROUSSEL Michel").
                    static const QRegularExpression reference(
                        QStringLiteral(R"(^\s*(?:[nv]\s*/\s*)?ref(?:erence)?s?\b|^\s*(?:objet|concerne|dossier)\b)"));
                    if (dated.match(line).hasMatch() || copiesHeading(segs[s].text) || reference.match(line).hasMatch()
                        || segs[s].box.top() - previous.box.bottom() > 1.2 * previous.box.height()) {
                        break;
                    }
                    // Wherever the block stands, the addressee's own mailbox.
                    const auto hisMailbox = [&] {
                        const auto person = parsePersonName(segs[block.segments[from]].text, true);
                        return person && mssanteOnly.match(line).hasMatch() && ownMailbox(*person, line);
                    };
                    // And his own numbers ("N° Assurance Maladie : 57 1 13339 6", "RPPS 1…").
                    static const QRegularExpression numberOnly(QStringLiteral(
                        R"(^\s*(?:(?:identifiant|numero|n[°o])\s*)?(?:assurance\s+maladie|am|rpps|adeli)\s*:?\s*\d[\d ]{7,14}$)"));
                    // (A window on the left stands lower than a letterhead begins: "Docteur X" at 150 pt,
                    // where the envelope's window shows it.)
                    const bool windowSide = block.left >= width(0) * 0.4 || block.top >= height(0) * 0.15;
                    contacts = contacts
                               && ((windowSide
                                    && (phoneOnly.match(line).hasMatch() || mssanteOnly.match(line).hasMatch()
                                        || numberOnly.match(line).hasMatch()))
                                   || hisMailbox())
                               && titledFirst();
                    sender = sender || (letterheadSign(line) && !contacts);
                }
                if (sender) {
                    continue;
                }
                // A copies list is no window ("Copie pour information :" over a name and address).
                bool copies = false;
                for (qsizetype k = headed ? heading : 0; k <= from; ++k) {
                    copies = copies || copiesHeading(segs[block.segments[k]].text);
                }
                if (copies) {
                    continue;
                }
                readWindow(segs, block, from, postcodeAt);
            }
        }
        const bool addressed = std::any_of(m_recipients.begin(), m_recipients.end(),
                                           [](const Recipient& r) { return r.zone == Zone::AddressWindow; });
        if (!addressed) {
            findHandedWindow(segs, limit);
        }
    }

    // A letter handed to the patient names its addressee where the window stands, without a postal
    // address: "Remis en main propre" / "à l'attention du Docteur X" / "Pau". Read only where the
    // window stands, above the letter, as a short block whose name line carries a professional
    // title (the town, a specialty may follow), never the letterhead's or the author's.
    // The lines of a window that prints a practice's address and no one ("Maison de santé des
    // Tilleuls" / "81 route de Lyon" / "13008 MARSEILLE"): an attention line elsewhere names its
    // addressee. Nothing when no such window stands on page 1.
    QList<int> unnamedWindow(const QList<Segment>& segs) const
    {
        for (const Block& block : blocksOf(segs)) {
            if (!inWindowPlace(block) || block.segments.size() > 6) {
                continue;
            }
            bool named = false;
            bool placed = false;
            for (int t : block.segments) {
                named = named || parsePersonName(segs[t].text, true).has_value()
                        || (m_zones[0][t] != Zone::Other && m_zones[0][t] != Zone::AddressWindow);
                placed = placed || postcodeLine(segs[t].text).has_value();
            }
            if (placed && !named) {
                return block.segments;
            }
        }
        return {};
    }

    // Segment `s` of page 1 a row's cell after a caption that names who sent the patient ("Adressé
    // par | Pr X | PARIS | —"): the referrer, never an addressee.
    bool referrerCaptioned(const QList<Segment>& segs, int s) const
    {
        static const QRegularExpression referrer(QStringLiteral(
            R"((?:^|\s)(?:adresse(?:\(e\)|e)?\s+par|envoye(?:\(e\)|e)?\s+par|medecin\s+adresseur|adresseur|demandeur|prescripteur|orient[ée]\s+par)\s*:?\s*$)"));
        for (qsizetype k = 0; k < segs.size(); ++k) {
            if (k != s && segs[k].box.right() <= segs[s].box.left()
                && std::abs(segs[k].box.center().y() - segs[s].box.center().y()) < 0.5 * segs[s].box.height()
                && referrer.match(m_folded[0][k]).hasMatch()) {
                return true;
            }
        }
        return false;
    }

    void findHandedWindow(const QList<Segment>& segs, double limit)
    {
        for (const Block& block : blocksOf(segs)) {
            // Where an envelope's window shows it: right half, a tenth to a third of the way down.
            // An attention line says what it is wherever it stands across the page ("À l'attention
            // du Docteur X" centred over "Médecin généraliste – SAINT-DENIS").
            static const QRegularExpression attention(QStringLiteral("^\\s*") + attentionLead(),
                                                      QRegularExpression::CaseInsensitiveOption);
            const bool attentionLine =
                attention.match(segs[block.segments.front()].text).hasMatch() && block.top >= height(0) * 0.08;
            if ((!inWindowPlace(block) && !attentionLine) || block.top > limit || block.segments.size() > 4
                || block.bottom > height(0) * 0.33) {
                continue;
            }
            // Nor a copies list standing there ("En copie :" over its names).
            const bool letterhead = std::any_of(block.segments.begin(), block.segments.end(), [&](int s) {
                return letterheadSign(m_folded[0][s]) || m_zones[0][s] != Zone::Other || segs[s].box.bottom() > limit
                       || copiesHeading(segs[s].text);
            });
            if (letterhead) {
                continue;
            }
            for (qsizetype k = 0; k < block.segments.size() && k < 2; ++k) {
                const int s = block.segments[k];
                const std::optional<PersonName> person = parsePersonName(segs[s].text, true);
                if (!person || !person->professional || isAuthor(*person) || referrerCaptioned(segs, s)) {
                    continue;
                }
                Recipient r = recipientFrom(*person, RecipientRole::To, Zone::AddressWindow);
                QStringList context;
                const qsizetype nameAt = segs[s].text.indexOf(person->asRead);
                if (nameAt >= 0) {
                    context += contextParts(segs[s].text.mid(nameAt + person->asRead.size()));
                }
                for (qsizetype j = k + 1; j < block.segments.size(); ++j) {
                    context += segs[block.segments[j]].text;
                }
                for (const int t : block.segments) {
                    m_zones[0][t] = Zone::AddressWindow;
                }
                // Centred lines under a centred attention line: each its own block.
                for (qsizetype j = block.segments.back() + 1, last = block.segments.back();
                     attentionLine && j < segs.size() && context.size() < 3; ++j) {
                    const Segment& below = segs[j];
                    const Segment& above = segs[last];
                    if (std::abs(below.box.center().y() - above.box.center().y()) < 0.5 * above.box.height()) {
                        continue; // another column of the same line
                    }
                    if (below.box.top() - above.box.bottom() > 0.8 * above.box.height()
                        || std::abs(below.box.center().x() - above.box.center().x()) > 0.25 * above.box.width()
                        || m_zones[0][j] != Zone::Other || sentenceLike(below.text) || parsePersonName(below.text, true)
                        || letterheadSign(m_folded[0][j])) {
                        break;
                    }
                    context += below.text;
                    m_zones[0][j] = Zone::AddressWindow;
                    last = j;
                }
                // The window apart, with a practice's address and no one, is his.
                if (attentionLine && !inWindowPlace(block)) {
                    for (const int t : unnamedWindow(segs)) {
                        context += segs[t].text;
                        m_zones[0][t] = Zone::AddressWindow;
                    }
                }
                // A window set in two columns (the name and specialty at the left, the street and town
                // at the right): its postcode line stands beside the block's lines, starting where the
                // street starts within the name's line.
                const auto streetColumn = [&](double x) {
                    for (const int t : block.segments) {
                        const QString& line = segs[t].text;
                        for (qsizetype w = line.indexOf(QLatin1Char(' ')); w > 0;
                             w = line.indexOf(QLatin1Char(' '), w + 1)) {
                            if (std::abs(segs[t].spanX(w + 1, w + 2).first - x) <= segs[t].box.height()) {
                                return true;
                            }
                        }
                    }
                    return false;
                };
                for (qsizetype j = 0; j < segs.size(); ++j) {
                    const Segment& beside = segs[j];
                    const int lastLine = block.segments.back();
                    if (m_zones[0][j] == Zone::Other && beside.box.left() > segs[lastLine].box.right()
                        && std::abs(beside.box.center().y() - segs[lastLine].box.center().y())
                               < 0.5 * segs[lastLine].box.height()
                        && streetColumn(beside.box.left()) && postcodeLine(beside.text)) {
                        context += beside.text;
                        m_zones[0][j] = Zone::AddressWindow;
                        break;
                    }
                }
                addContext(r, context);
                add(r, *person);
                return;
            }
        }
    }

    // The window made of block lines [from, postcodeAt].
    void readWindow(const QList<Segment>& segs, const Block& block, qsizetype from, qsizetype postcodeAt)
    {
        // The person: an attention line anywhere (under the postcode too: "14000 Caen" / "À
        // l'attention du Dr Y. DUFOUR"), else the first line that is a name (a line holding only a
        // title joins the next: "Monsieur le Docteur" / "Pierre MEYER").
        std::optional<PersonName> person;
        qsizetype personAt = -1;
        for (qsizetype k = from; k <= postcodeAt + 2 && k < block.segments.size() && !person; ++k) {
            if (k == postcodeAt) {
                continue;
            }
            const int s = block.segments[k];
            static const QRegularExpression lead(QStringLiteral("^") + attentionLead(),
                                                 QRegularExpression::CaseInsensitiveOption);
            // "Aux bons soins de Mme X" under the doctor's name: the letter goes to him, through her.
            if (careOf(m_folded[0][s]) && k > from && parsePersonName(segs[block.segments[from]].text, true)) {
                continue;
            }
            if (m_folded[0][s].contains(QLatin1String("attention")) || lead.match(m_folded[0][s]).hasMatch()) {
                person = parsePersonName(segs[s].text, false);
                personAt = k;
                // The lead alone on its line ("À l'attention de :" / "Docteur Fatima RÉMY"): the name
                // is the next line's.
                static const QRegularExpression leadOnly(QStringLiteral("^") + attentionLead()
                                                             + QStringLiteral(R"(\s*(?:de|du|d['’])?\s*:?\s*$)"),
                                                         QRegularExpression::CaseInsensitiveOption);
                if (!person && k + 1 < block.segments.size() && k + 1 != postcodeAt
                    && leadOnly.match(m_folded[0][s]).hasMatch()) {
                    person = parsePersonName(segs[block.segments[k + 1]].text, false);
                    personAt = k + 1;
                }
            }
        }
        for (qsizetype k = from; k < postcodeAt && k < from + 3 && !person; ++k) {
            QString text = segs[block.segments[k]].text;
            static const QRegularExpression titleOnly(QStringLiteral(
                R"(^\s*(?:(?:Madame|Monsieur|Mme|M\.|Mr)\s*,?\s*)*(?:(?:le|la)\s+)?(?:Docteure?|Dr\.?|Professeure?|Pr\.?)\s*$)"));
            // (Or a title and given name over the family name in capitals: "Docteur Sylvie" / "DESCHAMPS".)
            static const QRegularExpression givenOnly(
                QStringLiteral(R"(^\s*(?:Docteure?|Dr\.?|Professeure?|Pr\.?)\s+\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s*$)"));
            static const QRegularExpression capsOnly(
                QStringLiteral(R"(^\s*\p{Lu}[\p{Lu}'’\-]+(?:\s+\p{Lu}[\p{Lu}'’\-]+)?\s*$)"));
            const bool nameCut = k + 1 < postcodeAt && givenOnly.match(text).hasMatch()
                                 && capsOnly.match(segs[block.segments[k + 1]].text).hasMatch();
            if (k + 1 < postcodeAt
                && (titleOnly.match(text).hasMatch()
                    || (!normaliseTitle(text.split(QLatin1Char(' ')).front()).isEmpty()
                        && text.split(QLatin1Char(' ')).size() <= 4))
                && (nameCut || !parsePersonName(text, false))) {
                text += QLatin1Char(' ') + segs[block.segments[k + 1]].text;
                person = parsePersonName(text, false);
                personAt = k + 1;
                continue;
            }
            person = parsePersonName(text, false);
            if (person && person->end < text.size() - 2 && !person->professional
                && !text.mid(person->end).trimmed().startsWith(QLatin1Char(','))) {
                person.reset(); // a sentence, not a name line
            }
            personAt = k;
        }
        // An establishment's name over a doctor's ("SSIAD des Trois Rivières" / "Dr X, médecin
        // référent"): the titled name under it is the person.
        if (person && !person->professional && person->title.isEmpty()) {
            for (qsizetype k = personAt + 1; k < postcodeAt && k <= personAt + 2; ++k) {
                const QString& text = segs[block.segments[k]].text;
                if (auto titled = parsePersonName(text, true); titled && titled->professional) {
                    person = titled;
                    personAt = k;
                    break;
                }
            }
        }
        // "Julien Moreau" over "Docteur en médecine": a name in plain case that the line under it
        // says is a doctor's ("Docteur en …", "Médecin …").
        static const QRegularExpression doctorLine(QStringLiteral(R"(^\s*(?:docteure?\s+en\s+\S|medecin(?:\s|$)))"));
        if (!person && from + 1 < postcodeAt && doctorLine.match(m_folded[0][block.segments[from + 1]]).hasMatch()) {
            const QString text = segs[block.segments[from]].text;
            if (text.split(QLatin1Char(' '), Qt::SkipEmptyParts).size() <= 4) {
                person = parsePersonName(QStringLiteral("Dr ") + text, true);
                if (person) {
                    person->end = std::max<qsizetype>(0, person->end - 3);
                    person->asRead = text.trimmed();
                    personAt = from;
                }
            }
        }
        // "Dr" set in a column of its own before the name: the text layer joins them into one line
        // that starts left of the address lines, a block of its own just above. Or a form's label
        // before it ("Praticien destinataire   Dr M. CARLIER" over "Qualité   cardiologue"): the
        // titled name starts in the block's column.
        int titledAbove = -1;
        if (!person) {
            const QRectF& first = segs[block.segments[from]].box;
            static const QRegularExpression title(
                QStringLiteral(R"((?<![\p{L}])(?:Dr\.?|Docteure?|Pr\.?|Professeure?)\s)"));
            for (qsizetype s = 0; s < segs.size(); ++s) {
                const QRectF& b = segs[s].box;
                if (b.bottom() > first.top() || first.top() - b.bottom() > block.lineHeight * 0.9
                    || b.left() >= first.left() || b.right() <= first.left()) {
                    continue;
                }
                if (b.left() >= first.left() - 4 * block.lineHeight) {
                    person = parsePersonName(segs[s].text, true);
                } else if (const auto t = title.match(segs[s].text);
                           t.hasMatch() && t.capturedStart(0) > 0
                           && std::abs(segs[s].spanX(t.capturedStart(0), t.capturedEnd(0)).first - first.left())
                                  <= block.lineHeight) {
                    person = parsePersonName(segs[s].text.mid(t.capturedStart(0)), true);
                }
                if (person && person->professional) {
                    titledAbove = static_cast<int>(s);
                    break;
                }
                person.reset();
            }
            personAt = from - 1;
        }
        if (!person) {
            // A window whose name line the reader cannot make out ("Christophe Gay", a title it
            // does not know) is still the window where an envelope shows it (the right half, below
            // the page's top edge: the rest is the letterhead's): the directory may know the name
            // (the engine looks it up there).
            if (!inWindowPlace(block)) {
                return;
            }
            for (qsizetype k = from; k <= postcodeAt; ++k) {
                if (m_zones[0][block.segments[k]] == Zone::Other) {
                    m_zones[0][block.segments[k]] = Zone::AddressWindow;
                }
            }
            return;
        }
        if (isAuthor(*person)) {
            return;
        }
        if (titledAbove >= 0) {
            m_zones[0][titledAbove] = Zone::AddressWindow;
        }
        // A name without title nor civility at the very top of the page is the sender's heading.
        const Segment& personSeg = titledAbove >= 0 ? segs[titledAbove] : segs[block.segments[personAt]];
        if (person->title.isEmpty() && personSeg.box.top() < height(0) * 0.12) {
            return;
        }
        Recipient r = recipientFrom(*person, RecipientRole::To, Zone::AddressWindow);
        QStringList context;
        const QString& personLine = personSeg.text;
        const qsizetype nameAt = personLine.indexOf(person->asRead);
        if (nameAt >= 0) {
            context += contextParts(personLine.mid(nameAt + person->asRead.size()));
        }
        for (qsizetype k = from; k <= postcodeAt; ++k) {
            const int s = block.segments[k];
            m_zones[0][s] = Zone::AddressWindow;
            if (k > personAt) {
                context += segs[s].text;
            }
        }
        addContext(r, context);
        if (const auto place = postcodeLine(segs[block.segments[postcodeAt]].text)) {
            r.postcode = place->postcode;
            r.city = place->city;
            r.department = place->department;
        }
        // His RPPS printed in the window, under his name or his address ("N° RPPS : 1…").
        static const QRegularExpression rppsLine(QStringLiteral(R"(^\s*(?:n[°o]\s*)?rpps\s*:?\s*(\d{11})\s*$)"));
        for (qsizetype k = from; k < block.segments.size() && k <= postcodeAt + 2; ++k) {
            if (const auto m = rppsLine.match(m_folded[0][block.segments[k]]); m.hasMatch()) {
                r.printedRpps = m.captured(1);
                break;
            }
        }
        add(r, *person);
    }

    // A list entry merged by the text layer with what stands beside it in another column (the
    // signature: "Dr Justine JACOB, Saint-Brieuc Médecin"; a table's "Qualité" and "Ville"): each
    // piece that starts where a cell of a nearby line starts is set apart, in parentheses, as the
    // entry's context.
    // `start`: where the entry begins in the cell (after a label).
    // `aboveOnly`: the columns of the rows above only (a table's header over a label's own row).
    QString splitAtColumns(qsizetype p, const Segment& cell, qsizetype start = 0, bool aboveOnly = false) const
    {
        const QList<Segment>& segs = m_pages[p];
        const double h = cell.box.height();
        QList<double> edges;
        // A table's header row, its cells run together ("Commune Envoi"): each word heads a column.
        static const QRegularExpression headerWords(QStringLiteral(R"(^(?:\p{Lu}[\p{Ll}'’\-]+\s*){1,3}$)"));
        // A cell of a table's header row: header words, beside another such cell on its line.
        static const QRegularExpression headerCell(QStringLiteral(R"(^\p{Lu}[\p{Ll}'’\-]+(?:\s+[\p{L}'’\-]+){0,2}$)"));
        const auto headerRow = [&](const Segment& other) {
            return headerCell.match(other.text).hasMatch()
                   && std::any_of(segs.begin(), segs.end(), [&](const Segment& x) {
                          return &x != &other && std::abs(x.box.top() - other.box.top()) < h * 0.5
                                 && headerCell.match(x.text).hasMatch();
                      });
        };
        for (const Segment& other : segs) {
            // A table's header row heads all its rows: a dozen lines down for a label's row.
            if (std::abs(other.box.top() - cell.box.top()) <= h * 0.5
                || std::abs(other.box.top() - cell.box.top()) >= (aboveOnly ? 15 : 4) * h
                || (aboveOnly && (other.box.top() > cell.box.top() || !headerRow(other)))) {
                continue;
            }
            QList<double> starts{other.box.left()};
            if (other.box.top() < cell.box.top() && headerWords.match(other.text).hasMatch()) {
                for (qsizetype w = other.text.indexOf(QLatin1Char(' ')); w > 0;
                     w = other.text.indexOf(QLatin1Char(' '), w + 1)) {
                    starts << other.spanX(w + 1, w + 2).first;
                }
            }
            for (const double edge : starts) {
                if (edge > cell.box.left() + h && edge < cell.box.right() - h) {
                    edges << edge;
                }
            }
        }
        if (edges.isEmpty()) {
            return cell.text.mid(start);
        }
        QString out;
        qsizetype from = start;
        int pieces = 0;
        for (qsizetype w = cell.text.indexOf(QLatin1Char(' '), start); w > 0;
             w = cell.text.indexOf(QLatin1Char(' '), w + 1)) {
            const double x = cell.spanX(w + 1, w + 2).first;
            // A column starts after a gap wider than a space: running text under a line of
            // capitalised words ("Chef de service … Ophtalmologiste") is not cut.
            const double gap = x - cell.spanX(w - 1, w).second;
            if (gap > h * 0.6
                && std::any_of(edges.begin(), edges.end(), [&](double e) { return std::abs(x - e) <= h * 0.5; })) {
                const QString piece = cell.text.mid(from, w - from).trimmed();
                // A list's number before its entry ("II.   Dr X", the entry in the column of its
                // address lines) is not a cell of its own.
                static const QRegularExpression mark(QStringLiteral(R"(^(?:\d{1,2}[°º]?|)")
                                                     + QString::fromUtf16(RomanNumber) + QStringLiteral(R"()[.)]?$)"));
                if (pieces == 0 && (isBulletMark(piece) || mark.match(piece).hasMatch())) {
                    continue;
                }
                out += pieces++ == 0 ? piece : QStringLiteral(" (") + piece + QLatin1Char(')');
                from = w + 1;
            }
        }
        const QString last = cell.text.mid(from).trimmed();
        return pieces == 0 ? cell.text.mid(start) : out + QStringLiteral(" (") + last + QLatin1Char(')');
    }

    void findCopies()
    {
        const QRegularExpression& listLabel = copiesLabel();
        for (qsizetype p = 0; p < m_pages.size(); ++p) {
            if (!whole(p)) {
                continue;
            }
            const QList<Segment>& segs = m_pages[p];
            for (qsizetype i = 0; i < segs.size(); ++i) {
                const QString& text = segs[i].text;
                if (mentionsPatientCopy(m_folded[p][i], false)) {
                    m_out.copyToPatient = true;
                }
                const auto m = listLabel.match(text.left(MaxSegmentLength));
                if (!m.hasMatch()) {
                    continue;
                }
                const QString label = foldForMatch(m.captured(1));
                // "Cc." as well as "Cc :"; other labels need their colon, "Copie" and "Double" not.
                const bool dotted = (label == QLatin1String("cc.") || label == QLatin1String("c.c."))
                                    || ((label == QLatin1String("cc") || label == QLatin1String("c.c"))
                                        && text.mid(m.capturedEnd(1)).trimmed().startsWith(QLatin1Char('.')));
                const QRegularExpression& bulleted = bulletedLine();
                // The first cell on the line under the label: "Destinataires" alone over a bulleted
                // list (OCR may lose the colon), any list label alone ("AMPLIATIONS", "Copies") over
                // the names it heads.
                qsizetype below = -1;
                for (qsizetype k = i + 1; k < segs.size() && k < i + 12 && below < 0; ++k) {
                    if (segs[k].box.top() > segs[i].box.center().y()) {
                        below = k;
                    }
                }
                const double indent = below >= 0 ? segs[below].box.left() - segs[i].box.left() : 0;
                const bool bulletBelow =
                    below >= 0 && std::abs(indent) <= 25 && bulleted.match(segs[below].text).hasMatch();
                const bool nameBelow = below >= 0
                                       && segs[below].box.top() - segs[i].box.bottom() < 1.9 * segs[i].box.height()
                                       && indent >= -5 && indent <= 60
                                       && parsePersonName(segs[below].text, true).has_value();
                const QString after = m.captured(2);
                const bool alone = std::none_of(after.begin(), after.end(), [](QChar c) { return c.isLetterOrNumber(); })
                                   && label.size() > 2 && label != QLatin1String("a");
                // "Destinataire" alone heads an address window; with cells beside it ("Ville", "Mode
                // d'envoi"), the header row of a table whose rows are the addressees.
                const bool headerRow = i + 1 < segs.size()
                                       && std::abs(segs[i + 1].box.center().y() - segs[i].box.center().y())
                                              < segs[i].box.height() * 0.6
                                       && segs[i + 1].box.left() > segs[i].box.right();
                // "Destinataires" alone over a table: its header row ("Nom | Qualité | Ville | Envoi"),
                // then one row an addressee.
                static const QRegularExpression headerWord(
                    QStringLiteral(R"(^\p{Lu}[\p{Ll}'’\-]+(?:\s+[\p{Ll}'’\-]+){0,2}$)"));
                // Or the columns' usual titles, in any case ("Identifiant RPPS NOM | PRÉNOM Commune"), perhaps
                // after the table's rule read as a letter on a scan ("l'identifiant"), specks between them.
                static const QRegularExpression columnTitles(QStringLiteral(
                    R"(^(?:[l|i1]['’]\s?)?(?:(?:identifiant|n[°o]|numero|rpps|adeli|nom|prenoms?|civilite|titre|qualite|specialite|profession|fonction|role|commune|ville|localite|adresse|code\s+postal|cp|mode|envoi|canal|mssante|poste|courrier|exemplaire|d['’]exercice|lieu|etablissement|structure)(?:[\s.,:;|]+|$))+$)"));
                qsizetype headerCells = 0;
                qsizetype titleWords = 0;
                bool headerWordsOnly = true;
                bool titlesOnly = true;
                for (qsizetype k = below; below >= 0 && k < segs.size()
                                          && std::abs(segs[k].box.center().y() - segs[below].box.center().y())
                                                 < 0.6 * segs[below].box.height();
                     ++k) {
                    headerWordsOnly = headerWordsOnly && headerWord.match(segs[k].text.trimmed()).hasMatch();
                    titlesOnly = titlesOnly && columnTitles.match(m_folded[p][k]).hasMatch();
                    titleWords += m_folded[p][k].count(QLatin1Char(' ')) + 1;
                    ++headerCells;
                }
                // (The text layer may run the titles into one cell: "Identifiant RPPS NOM PRÉNOM Ville".)
                const bool tableBelow = ((headerWordsOnly && headerCells >= 2) || (titlesOnly && titleWords >= 3))
                                        && indent >= -5 && indent <= 60;
                const bool headsList = alone
                                       && ((label.startsWith(QLatin1String("destinataire"))
                                            && label != QLatin1String("destinataire") && (bulletBelow || tableBelow))
                                           || ((!label.startsWith(QLatin1String("dest")) || headerRow) && nameBelow));
                // "Réponse au Dr X, …", "Courrier adressé au Docteur X": the line names whom it goes to.
                static const QRegularExpression titledAfter(
                    QStringLiteral(R"(^\s*(?:(?:Monsieur|Madame)\s+le\s+)?(?:Dr\.?|Docteure?|Pr\.?|Professeure?)\s)"));
                const bool told = (label.endsWith(QLatin1String(" au")) || label.endsWith(QLatin1String(" aux"))
                                   || label.endsWith(QLatin1String(" a")))
                                  && titledAfter.match(after).hasMatch();
                // "CC Dr X, …": the copies' own label needs no colon before a title; nor does a list's
                // name of two words or more ("CORRESPONDANTS INFORMÉS Docteur Olivier MÉNARD, …").
                const bool ccTitled =
                    (label == QLatin1String("cc") || label == QLatin1String("c.c")
                     || (label.contains(QLatin1Char(' ')) && !label.endsWith(QLatin1String(" a"))
                         && !label.endsWith(QLatin1String(" au")) && !label.endsWith(QLatin1String(" aux"))))
                    && titledAfter.match(after).hasMatch();
                // "CC" alone in a large box, the entries beside it on its lines.
                const auto titledBeside = [&] {
                    for (qsizetype k = i + 1; k < segs.size() && k < i + 6; ++k) {
                        if (std::abs(segs[k].box.center().y() - segs[i].box.center().y()) < segs[i].box.height() * 0.6
                            && segs[k].box.left() > segs[i].box.right()
                            && segs[k].box.left() - segs[i].box.right() < 3 * segs[i].box.height()
                            && titledAfter.match(segs[k].text).hasMatch()) {
                            return true;
                        }
                    }
                    return false;
                };
                // (So does any list label set alone before its first entry: "CORRESPONDANTS INFORMÉS
                // | Docteur Olivier MÉNARD, urologue – REIMS", two cells on a scan.)
                const bool ccAlone =
                    (label == QLatin1String("cc") || label == QLatin1String("c.c")
                     || (alone && label.contains(QLatin1Char(' ')) && !label.startsWith(QLatin1String("dest"))))
                    && after.trimmed().isEmpty() && titledBeside();
                if (!text.contains(QLatin1Char(':')) && !dotted && !headsList && !told && !ccTitled && !ccAlone
                    && !label.startsWith(QLatin1String("cop")) && !label.startsWith(QLatin1String("en cop"))
                    && !label.contains(QLatin1String("double"))) {
                    continue;
                }
                // ("Courrier transmis au Dr X": the letter itself said sent to him.)
                static const QRegularExpression sentLetter(QStringLiteral(
                    R"(^(?:lettre|courrier|compte[\s-]rendu|document)\s+(?:transmise?|communiquee?)\s)"));
                // "Destinataire(s)", "À", "Adressé à", "Expédié à", "Correspondant", "Pour", "Réponse au": the
                // addressees; the rest are copies. An entry annotated "(copie)" or "(destinataire)" says
                // it for itself.
                // (Unless the label says copy: "Duplicata envoyé à", "Destinataires en copie",
                // "Information adressée à".)
                static const QRegularExpression copyWord(
                    QStringLiteral(R"((?:^|\s)(?:copies?|duplicatas?|doubles?|ampliations?|informations?)(?:\s|$))"));
                const bool addressees =
                    !copyWord.match(label).hasMatch()
                    && (label.startsWith(QLatin1String("dest")) || label.contains(QLatin1String("adress"))
                        || label.contains(QLatin1String("envoy")) || label == QLatin1String("a")
                        || label.startsWith(QLatin1String("exped")) || label.contains(QLatin1String("destin"))
                        || (label.contains(QLatin1String("correspondant")) && !label.contains(QLatin1String("inform")))
                        || label.startsWith(QLatin1String("reponse")) || label == QLatin1String("pour")
                        || label == QLatin1String("pour action") || label.startsWith(QLatin1String("envoi"))
                        || (sentLetter.match(label).hasMatch()
                            && (label.endsWith(QLatin1String(" au")) || label.endsWith(QLatin1String(" aux")))));
                // "Envoyé également à": besides the addressee, so a copy. So are the "Correspondants"
                // listed in a letter whose window names its addressee (the patient, a doctor).
                // (Or handed to the patient: "À l'intention de Monsieur René PETIT".)
                static const QRegularExpression toPerson(QStringLiteral(
                    R"(^\s*a\s+l'\s?(?:attention|intention)\s+(?:de|du)\s+(?:monsieur|madame|mademoiselle|m\.|mme|mlle)\s+\S)"));
                const bool windowed =
                    std::any_of(
                        m_recipients.begin(), m_recipients.end(),
                        [](const Recipient& r) { return r.zone == Zone::AddressWindow && r.role == RecipientRole::To; })
                    || std::any_of(m_folded.front().begin(), m_folded.front().end(),
                                   [](const QString& f) { return toPerson.match(f).hasMatch(); });
                static const QRegularExpression codestination(QStringLiteral(R"(^co[\s\-]?destin)"));
                const bool besides =
                    label.contains(QLatin1String("egalement")) || label.contains(QLatin1String("aussi"))
                    || label.startsWith(QLatin1String("autre")) || label.contains(QLatin1String("complementaire"))
                    || label.contains(QLatin1String("secondaire")) || label.contains(QLatin1String("supplementaire"))
                    || codestination.match(label).hasMatch()
                    || (label.startsWith(QLatin1String("correspondants")) && windowed);
                const RecipientRole role = addressees && !besides && !label.contains(QLatin1String("copie"))
                                                   && !label.contains(QLatin1String("double"))
                                               ? RecipientRole::To
                                               : RecipientRole::Cc;
                // "Exemplaires adressés à :" lists the letter's distribution: its addressees only if
                // nothing else names one, read before or after (settleTentativeAddressees), else copies.
                const bool distribution =
                    label.startsWith(QLatin1String("exemplaires")) || label.startsWith(QLatin1String("correspondants"));
                m_zones[p][i] = Zone::Copies;
                // Cells to the right on the label's own line: names after a gap, or a table's headers.
                const Segment& labelSeg = segs[i];
                const double lineHeight = labelSeg.box.height();
                // The label's own words after the usual ones ("Copies par commune :", "Diffusion par
                // localité :"): no entry yet.
                static const QRegularExpression labelTail(QStringLiteral(R"(^\p{Ll}[\p{L}'’\s\-]{0,40}:\s*$)"));
                const bool restIsLabel = labelTail.match(m.captured(2)).hasMatch();
                QStringList parts{m.capturedLength(2) > 0 && !restIsLabel
                                      ? splitAtColumns(p, segs[i], m.capturedStart(2), true)
                                      : QString()};
                qsizetype j = i + 1;
                double firstCellX = -1; // "Cc :" in its own cell, the first name in the next one
                // Another list's label further on the line ("Destinataire principal :  Copie pour
                // information :"): the cells from there on, and under it, are that list's.
                double rightLimit = std::numeric_limits<double>::max();
                for (qsizetype k = i + 1;
                     k < segs.size()
                     && std::abs(segs[k].box.center().y() - labelSeg.box.center().y()) < lineHeight * 0.6;
                     ++k) {
                    if (segs[k].box.left() > labelSeg.box.right()
                        && listLabel.match(segs[k].text.left(MaxSegmentLength)).hasMatch()
                        && segs[k].text.contains(QLatin1Char(':'))) {
                        rightLimit = std::min(rightLimit, segs[k].box.left() - lineHeight);
                    }
                }
                struct Column
                {
                    double left;
                    qsizetype part;
                };
                QList<Column> columns;
                for (; j < segs.size() && std::abs(segs[j].box.center().y() - labelSeg.box.center().y()) < lineHeight * 0.6;
                     ++j) {
                    if (segs[j].box.left() > labelSeg.box.left() && segs[j].box.left() < rightLimit) {
                        const bool first = parts.front().trimmed().isEmpty();
                        if (firstCellX < 0 && first) {
                            firstCellX = segs[j].box.left();
                        }
                        // After the entry, a cell is another entry only if titled: a table's
                        // "SAINT-MALO  Courrier" is the entry's town and channel, not a person.
                        const QString cellText = splitAtColumns(p, segs[j]);
                        if (!first && parsePersonName(segs[j].text, true)) {
                            // Another entry set beside the first, in a column of its own: what the
                            // lines below print under it is its context (see `columns`).
                            parts += cellText;
                            columns += Column{segs[j].box.left(), parts.size() - 1};
                        } else {
                            parts.back() += first ? QString(QStringLiteral(" ; ") + cellText)
                                                  : QString(QStringLiteral(" (") + cellText + QLatin1Char(')'));
                        }
                    }
                }
                // The list goes on row by row in the label's column (one name per row), or in the
                // column where the first entry starts after the label (a hanging indent); a table's
                // other cells on that row (specialty, town) are the name's context. Entries set side
                // by side ("Dr A" at the left, "Dr B" at the right, their towns below) are columns:
                // each titled name opens an entry, and the lines below it are its context.
                // Where the first entry starts: its title, when words the label did not take stand
                // before it ("Copie <anything> : Dr X").
                static const QRegularExpression firstTitle(QStringLiteral(
                    R"((?<![\p{L}])(?:Dr\.?|Docteure?|Pr\.?|Professeure?|DOCTEUR|Madame|Monsieur|Mme|M\.)\s)"));
                const auto titled = firstTitle.match(text, m.capturedStart(2));
                const qsizetype entryAt = titled.hasMatch() && titled.capturedStart(0) <= m.capturedStart(2) + 40
                                              ? titled.capturedStart(0)
                                              : m.capturedStart(2);
                const double valueX = m.capturedLength(2) > 0 && !restIsLabel
                                          ? labelSeg.spanX(entryAt, text.size()).first
                                      : firstCellX >= 0 ? firstCellX
                                                        : labelSeg.box.left();
                // An indent of a few letters (25 pt as typed, up to 3 pt more as scanned) is the list's.
                const double listIndent = std::max(28.0, 3.5 * lineHeight);
                // A list set flush right under its label, in the page's right half (under the
                // signature), keeps the label's right edge, not its left one.
                const bool flushRight = labelSeg.box.left() > width(p) * 0.4;
                // A list run on after a sentence in a paragraph ("… effectuée. Également destinataires :
                // Dr X — Dr Y") wraps to the paragraph's left edge: its next line is the list's too.
                double runOnX = -1;
                if (!QStringView(text).trimmed().endsWith(QLatin1Char('.'))) {
                    for (qsizetype k = std::max<qsizetype>(0, i - 4); k < i; ++k) {
                        if (std::abs(segs[k].box.center().y() - labelSeg.box.center().y()) < lineHeight * 0.6
                            && segs[k].box.right() <= labelSeg.box.left()
                            && labelSeg.box.left() - segs[k].box.right() < 1.5 * lineHeight) {
                            runOnX = segs[k].box.left();
                        }
                    }
                }
                const auto inListColumn = [&](const Segment& cell) {
                    return std::abs(cell.box.left() - labelSeg.box.left()) <= listIndent
                           || (runOnX >= 0 && std::abs(cell.box.left() - runOnX) <= 3)
                           || std::abs(cell.box.left() - valueX) <= listIndent
                           || (flushRight && std::abs(cell.box.right() - labelSeg.box.right()) <= lineHeight);
                };
                if (!columns.isEmpty()) {
                    columns.prepend(Column{valueX, 0}); // the first entry, after the label
                }
                const auto columnOf = [&](const Segment& cell) -> qsizetype {
                    for (const Column& c : columns) {
                        if (std::abs(cell.box.left() - c.left) <= 25) {
                            return c.part;
                        }
                    }
                    return -1;
                };
                double bottom = labelSeg.box.bottom();
                for (int rows = 0; j < segs.size() && rows < 12; ++rows) {
                    if (segs[j].box.top() - bottom > lineHeight * 1.9) {
                        break;
                    }
                    if (rows > 0) {
                        runOnX = -1; // (only the wrapped line right under it)
                    }
                    // The row: segments sharing the line of segs[j].
                    qsizetype end = j + 1;
                    while (end < segs.size() && std::abs(segs[end].box.center().y() - segs[j].box.center().y())
                                                    < std::min(segs[j].box.height(), lineHeight) * 0.6) {
                        ++end;
                    }
                    qsizetype cell = -1;
                    QStringList others;
                    QList<qsizetype> sideEntries; // titled names further right on the row
                    for (qsizetype k = j; k < end; ++k) {
                        if (segs[k].box.left() >= rightLimit) {
                            continue;
                        }
                        if (cell < 0 && inListColumn(segs[k])) {
                            cell = k;
                        } else if (m_zones[p][k] == Zone::Signature) {
                            continue; // the signature beside the list: neither an entry nor its context
                        } else if (segs[k].box.left() > labelSeg.box.left()) {
                            // (Or a name whose title follows it: "Hématologue | BONHOMME Anne-Sophie (Dr)".)
                            static const QRegularExpression titleAfter(QStringLiteral(
                                R"(^\s*\p{Lu}[\p{Lu}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+)+\s*\(\s*(?:Dr|Pr|Docteure?|Professeure?)\.?\s*\))"));
                            if (cell >= 0
                                && (parsePersonName(segs[k].text, true) || sideBySideNames(segs[cell], segs[k])
                                    || titleAfter.match(segs[k].text).hasMatch())) {
                                sideEntries += k;
                            } else {
                                others += splitAtColumns(p, segs[k]);
                            }
                        }
                    }
                    // A line of another column at the left (a staff list beside the letter) comes
                    // between the list's lines: passed over.
                    const bool leftColumnOnly =
                        cell < 0 && std::all_of(segs.begin() + j, segs.begin() + end, [&](const Segment& x) {
                            return x.box.right() < labelSeg.box.left() - lineHeight;
                        });
                    if (leftColumnOnly) {
                        j = end;
                        continue;
                    }
                    // (Nor the document's title set under the list: "Cc : Dr …" / "LETTRE D'ADRESSAGE".)
                    if (cell < 0 || listLabel.match(segs[cell].text).hasMatch() || titleTypeCode(segs[cell].text)) {
                        break;
                    }
                    // The row as read: its first cell, or what a table's columns make of it.
                    Segment rowCell = segs[cell];
                    // A table's RPPS column ("10623253480 | DENIS | Léo | AVIGNON"): the number is kept
                    // beside the row (as one heading its text is, setRowNoiseAside), the row read from
                    // the cells after it.
                    static const QRegularExpression rppsOnly(QStringLiteral(R"(^\s*(\d{11})\s*$)"));
                    if (const auto number = rppsOnly.match(rowCell.text); number.hasMatch()) {
                        QList<qsizetype> cellsAfter;
                        for (qsizetype k = cell + 1; k < end; ++k) {
                            if (segs[k].box.left() > rowCell.box.right() && segs[k].box.left() < rightLimit
                                && m_zones[p][k] != Zone::Signature) {
                                cellsAfter += k;
                            }
                        }
                        if (!cellsAfter.isEmpty()) {
                            QStringList row;
                            for (const qsizetype k : cellsAfter) {
                                row += segs[k].text;
                            }
                            m_rowNumbers.emplace_back(row.join(QLatin1Char(' ')), number.captured(1));
                            rowCell = segs[cellsAfter.front()];
                            others.clear();
                            sideEntries.clear();
                            for (const qsizetype k : cellsAfter.mid(1)) {
                                others += splitAtColumns(p, segs[k]);
                            }
                        }
                    }
                    // The family name and the given name in two cells ("ANDRÉ | Marc | Grenoble"): one name.
                    if (!others.isEmpty() && !rowCell.text.trimmed().contains(QLatin1Char(' '))) {
                        if (const auto joined = nameAcrossCells(rowCell.text, others.front())) {
                            rowCell.text = *joined;
                            rowCell.words.clear();
                            others.removeFirst();
                        }
                    }
                    const QString rowFolded = foldSameLength(rowCell.text.left(MaxSegmentLength)).simplified();
                    // The table's header row under its title: the columns' names, no entry.
                    if (rows == 0 && tableBelow && cell == below) {
                        bottom = segs[end - 1].box.bottom();
                        j = end;
                        continue;
                    }
                    const bool patient = mentionsPatientCopy(rowFolded, true);
                    // A bulleted row is an entry of the list even when its name cannot be read
                    // (OCR's "Dr ©. GERMAIN"): the rows below it still belong to the list.
                    // So is a row that addresses someone ("au Docteur X à Brest", "à Madame le Docteur Y"):
                    // its lower-case start opens an entry, it does not go on with the one above.
                    static const QRegularExpression addressed(QStringLiteral(
                        R"(^\s*(?:au|aux|à|a)\s+(?:Dr\.?|Docteure?|Drs|Pr\.?|Professeure?|Madame|Monsieur|Mme|M\.)\s)"));
                    // (Not the town of an entry that ended the line above, after its dash: "… ; Dr. Hélène
                    // DUFOUR" / "– Lannion".)
                    static const QRegularExpression dashedTown(QStringLiteral(
                        R"(^\s*[–—-]\s*\p{Lu}[\p{L}'’\-]+(?:[\s\-]+(?:sur|sous|en|le|la|\p{Lu}[\p{L}'’\-]+))*\s*$)"));
                    static const QRegularExpression nameEnds(QStringLiteral(R"(\p{Lu}{2,}[\p{Lu}'’\-]*\s*$)"));
                    // (Nor the town after a dash that ended the line above: "Dr X, généraliste –" /
                    // "SAINT-DENIS".)
                    static const QRegularExpression dashEnds(QStringLiteral(R"(\s[–—-]\s*$)"));
                    static const QRegularExpression bareTown(QStringLiteral(
                        R"(^\s*\p{Lu}[\p{L}'’\-]+(?:[\s\-]+(?:sur|sous|en|le|la|\p{Lu}[\p{L}'’\-]+))*\s*\.?\s*$)"));
                    const bool townAfter =
                        others.isEmpty() && !parts.isEmpty()
                        && ((dashedTown.match(rowCell.text).hasMatch() && nameEnds.match(parts.back()).hasMatch()
                             && !parsePersonName(rowCell.text.section(QLatin1Char(' '), 1), false))
                            || (dashEnds.match(parts.back()).hasMatch() && bareTown.match(rowCell.text).hasMatch()
                                && !parsePersonName(rowCell.text, false)));
                    if (townAfter) {
                        parts.back() += QLatin1Char(' ') + rowCell.text.trimmed();
                        m_zones[p][cell] = Zone::Copies;
                        bottom = rowCell.box.bottom();
                        j = end;
                        continue;
                    }
                    // Or a list by place, the town before the name ("PARIS – Dr M. PETIT (psychiatre)").
                    static const QRegularExpression townThenTitled(
                        townLead() + QStringLiteral(R"((?:Dr\.?|Docteure?|Pr\.?|Professeure?)\s)"));
                    const bool listed =
                        others.isEmpty()
                        && (bulleted.match(rowCell.text).hasMatch() || addressed.match(rowCell.text).hasMatch()
                            || townThenTitled.match(rowCell.text).hasMatch());
                    // A sentence's next line ("… NICOLAS Youssef, médecine" / "générale à ROUEN, au Dr …")
                    // goes on with the entry above, even when it names the next one.
                    // So does a line after a title left alone at the end of the one above ("…, Docteur" /
                    // "DUPUIS Hélène, Le Mans").
                    static const QRegularExpression danglingTitle(QStringLiteral(
                        R"((?:^|[;,:]\s*|\s)(?:Dr\.?|Docteure?|Pr\.?|Professeure?|Madame|Monsieur|Mme|M\.)\s*$)"));
                    const QString rowStart = rowCell.text.trimmed();
                    // An initial ("… au Dr C." / "FLEURY, …") ends no sentence.
                    static const QRegularExpression initialEnd(QStringLiteral(R"((?:^|\s|-)(?:\p{Lu}|Dr|Pr)\.$)"));
                    const QString lastLine = parts.back().trimmed();
                    const bool sentenceGoesOn =
                        !rowStart.isEmpty() && sentenceLike(parts.back())
                        && copySent().match(foldForMatch(parts.back())).hasMatch()
                        && !parts.back().contains(QLatin1Char(':'))
                        && (!lastLine.endsWith(QLatin1Char('.')) || initialEnd.match(lastLine).hasMatch());
                    // So does a name cut after its first word ("… / ROUX" / "Michel (Dr), ORL, Vannes"):
                    // the row goes on with a second name word set before its title or a comma.
                    static const QRegularExpression bareWordEnd(
                        QStringLiteral(R"((?:\s/\s|[;,]\s*)\p{Lu}[\p{Lu}'’\-]+\s*$)"));
                    static const QRegularExpression nameRest(
                        QStringLiteral(R"(^\p{Lu}[\p{L}'’\-]+\s*(?:\(\s*(?:Dr|Pr|Docteure?|Professeure?)\.?\s*\)|,))"));
                    const bool nameGoesOn =
                        bareWordEnd.match(parts.back()).hasMatch() && nameRest.match(rowStart).hasMatch();
                    if (!listed && others.isEmpty() && !parts.isEmpty() && !parts.back().trimmed().isEmpty()
                        && (sentenceGoesOn || nameGoesOn || danglingTitle.match(parts.back()).hasMatch())) {
                        parts.back() += QLatin1Char(' ') + rowCell.text;
                        m_zones[p][cell] = Zone::Copies;
                        bottom = rowCell.box.bottom();
                        j = end;
                        continue;
                    }
                    // A column of roles beside the names ("Médecin généraliste | Dr Gaëlle ROUX (PARIS)"):
                    // the name is the entry, its role the entry's context.
                    const auto roleOnly = [](const QString& cellText) {
                        static const QRegularExpression breaks(QStringLiteral(R"([\s\-]+)"));
                        const QStringList words = cellText.split(breaks, Qt::SkipEmptyParts);
                        return !words.isEmpty() && std::all_of(words.begin(), words.end(), roleWord);
                    };
                    if (!patient && !listed && sideEntries.size() == 1 && roleOnly(rowCell.text)) {
                        for (qsizetype k = j; k < end; ++k) {
                            if (m_zones[p][k] != Zone::Signature) {
                                m_zones[p][k] = Zone::Copies;
                            }
                        }
                        parts +=
                            segs[sideEntries.front()].text + QStringLiteral(" (") + rowCell.text + QLatin1Char(')');
                        columns.clear();
                        bottom = segs[end - 1].box.bottom();
                        j = end;
                        continue;
                    }
                    if (!patient && !listed && !parsePersonName(rowCell.text, false)) {
                        // A group's heading over its entries, which stand further in ("Spécialistes" /
                        // "   Docteur X – …"): passed over.
                        static const QRegularExpression groupHeading(
                            QStringLiteral(R"(^\s*\p{L}[\p{L}'’\-]*(?:\s+[\p{L}'’\-]+){0,3}\s*:?\s*$)"));
                        if (others.isEmpty() && end < segs.size() && groupHeading.match(rowCell.text).hasMatch()
                            && segs[end].box.left() > rowCell.box.left() + lineHeight / 2
                            && segs[end].box.top() - rowCell.box.bottom() < lineHeight * 1.9
                            && parsePersonName(segs[end].text, true)) {
                            m_zones[p][cell] = Zone::Copies;
                            bottom = rowCell.box.bottom();
                            j = end;
                            continue;
                        }
                        // Under entries set in columns, each cell of the row goes to the entry above it.
                        if (!columns.isEmpty()) {
                            bool placed = false;
                            for (qsizetype k = j; k < end; ++k) {
                                const qsizetype part = columnOf(segs[k]);
                                // The end of the last entry, cut at the line's end ("Dre Jacqueline
                                // THOMAS (34000" over "MONTPELLIER) | Dr N. ROUSSEAU (…)").
                                const QString& last = parts.back();
                                if (part < 0 && k == j && last.count(QLatin1Char('(')) > last.count(QLatin1Char(')'))
                                    && segs[k].text.contains(QLatin1Char(')'))) {
                                    parts.back() += QLatin1Char(' ') + segs[k].text;
                                    m_zones[p][k] = Zone::Copies;
                                    placed = true;
                                }
                                if (part < 0 || sideEntries.contains(k)) {
                                    continue;
                                }
                                // A cell run into the next column's ("Méd. générale – CLERMONT-FERRAND
                                // Médecin généraliste – Grenoble"): cut where each column starts.
                                const Segment& run = segs[k];
                                qsizetype from = 0;
                                qsizetype into = part;
                                for (qsizetype w = run.text.indexOf(QLatin1Char(' ')); w > 0;
                                     w = run.text.indexOf(QLatin1Char(' '), w + 1)) {
                                    const double x = run.spanX(w + 1, w + 2).first;
                                    for (const Column& c : columns) {
                                        if (c.part != into && c.left > run.box.left() + lineHeight
                                            && std::abs(x - c.left) <= lineHeight) {
                                            parts[into] += QStringLiteral(" (") + run.text.mid(from, w - from).trimmed()
                                                           + QLatin1Char(')');
                                            from = w + 1;
                                            into = c.part;
                                        }
                                    }
                                }
                                parts[into] += QStringLiteral(" (") + run.text.mid(from).trimmed() + QLatin1Char(')');
                                m_zones[p][k] = Zone::Copies;
                                placed = true;
                            }
                            if (!placed && sideEntries.isEmpty()) {
                                break;
                            }
                            for (const qsizetype k : sideEntries) {
                                parts += segs[k].text;
                                columns += Column{segs[k].box.left(), parts.size() - 1};
                                m_zones[p][k] = Zone::Copies;
                            }
                            bottom = segs[end - 1].box.bottom();
                            j = end;
                            continue;
                        }
                        // An inline list wrapped onto this line ("…, Dr MASSON, 20 rue" / "des Lilas, …").
                        // Only a line left open wraps: it ends with a comma, a dash, an open
                        // parenthesis or a word in lower case ("20 rue" / "des Lilas").
                        const QString previous = parts.back().trimmed();
                        const QString lastWord = previous.section(QLatin1Char(' '), -1);
                        // A town's article or "Saint" cannot end it either ("Le" / "Mans").
                        static const QStringList townStarts{
                            QStringLiteral("le"),    QStringLiteral("la"),     QStringLiteral("les"),
                            QStringLiteral("saint"), QStringLiteral("sainte"), QStringLiteral("st"),
                            QStringLiteral("ste"),   QStringLiteral("sur"),    QStringLiteral("sous"),
                            QStringLiteral("de"),    QStringLiteral("du"),     QStringLiteral("des"),
                        };
                        // A postcode waits for its town ("…, 35000" / "Rennes (destinataire) ; …"), a
                        // number's label for its digits ("Dr X – n° RPPS" / "10251467402, NANTES ; …").
                        static const QRegularExpression numberLabelEnd(
                            QStringLiteral(R"((?:n[°o]|rpps|adeli|finess|t[ée]l\.?|fax)\s*:?$)"),
                            QRegularExpression::CaseInsensitiveOption);
                        static const QRegularExpression postcodeEnd(QStringLiteral(R"((?:^|[\s,])\d{5}$)"));
                        const QString start = rowCell.text.trimmed();
                        const bool open = previous.endsWith(QLatin1Char(',')) || previous.endsWith(QLatin1Char(';'))
                                          || postcodeEnd.match(previous).hasMatch()
                                          || previous.endsWith(QLatin1Char('-'))
                                          || townStarts.contains(foldForMatch(lastWord))
                                          || previous.count(QLatin1Char('(')) > previous.count(QLatin1Char(')'))
                                          || (!lastWord.isEmpty() && lastWord.front().isLower())
                                          || (numberLabelEnd.match(previous).hasMatch() && !start.isEmpty()
                                              && start.front().isDigit());
                        // ... or this line starts as a continuation ("(copie) ; Dr …", ", 29200 BREST",
                        // "<jeanne.picard@…>; …", the mailbox of the name that ends the line above).
                        const bool goesOn = !start.isEmpty()
                                            && (start.front() == QLatin1Char('(') || start.front() == QLatin1Char(';')
                                                || start.front() == QLatin1Char(',')
                                                || start.front() == QLatin1Char('<') || start.front().isLower());
                        // ... or the previous line stops inside a name ("Dr Léa" / "GARCIA").
                        static const QRegularExpression cutName(QStringLiteral(
                            R"((?:^|[;,:]\s*|\s[-–]\s+)(?:Dr\.?|Docteure?|Pr\.?|Professeure?|Madame|Monsieur|Mme|M\.)(?:\s+(?:\p{Lu}[\p{L}'’\-]+|\p{Lu}\.(?:-\p{Lu}\.)?))*\s*$)"));
                        // (Not into a field of the letter: "; Dr TESSIER Laurent" over "Réf. : LL/24548".)
                        static const QRegularExpression field(QStringLiteral(R"(^\s*[\p{L}./]{1,20}\s*:)"));
                        // (Or after an entry's separator, a family name alone over its given name or
                        // initial: "… NANCY / GARCIA" over "A. (Dr), médecin généraliste, …".)
                        static const QRegularExpression cutFamily(
                            QStringLiteral(R"((?:^|\s/|;)\s*\p{Lu}[\p{Lu}'’\-]+$)"));
                        static const QRegularExpression givenStart(QStringLiteral(
                            R"(^\s*(?:\p{Lu}\.(?:-\p{Lu}\.)?|\p{Lu}\p{Ll}[\p{Ll}\-]*)(?:\s*,|\s+\(|\s*$))"));
                        const bool cut =
                            (cutName.match(previous).hasMatch()
                             || (cutFamily.match(previous).hasMatch() && givenStart.match(rowCell.text).hasMatch()))
                            && !field.match(rowCell.text).hasMatch();
                        // ... or it carries an address ("Moulin, 35400 SAINT-MALO", "26 avenue Foch").
                        const bool address =
                            postcodeLine(rowCell.text).has_value() || streetRe().match(rowCell.text).hasMatch();
                        // ... or it gives the entry's specialty and town, close under it in its column
                        // ("MORIN Philippe" / "Méd. générale – Saint-Étienne"): a place that is not the
                        // directory's must be seen, or a namesake elsewhere is taken.
                        const bool specialtyLine =
                            !specialtyWordsIn(rowCell.text).isEmpty() && rowCell.box.top() - bottom <= lineHeight
                            && std::abs(rowCell.box.left() - valueX) <= listIndent && rowCell.text.size() <= 80;
                        // A document's title under the list ("Certificat médical") is none of it.
                        // (The specialty line wraps whatever the other column holds beside it: "DAVID Anne
                        // | Patient(e)" over "Méd. générale – Amiens | par courrier".)
                        // (Nor the patient's own copy said under the last entry: "un exemplaire à la personne".)
                        const bool wraps = !previous.isEmpty() && (others.isEmpty() || specialtyLine)
                                           && (open || goesOn || cut || address || specialtyLine)
                                           && !titleTypeCode(rowCell.text)
                                           && !mentionsPatientCopy(foldForMatch(rowCell.text), true);
                        if (!wraps) {
                            // An address block under the entry ("Pneumologue" / "Service de …" /
                            // "18 rue …" / "75001 PARIS"): its lines, up to the postcode, are the
                            // entry's place; a town there that is not the directory's must be seen.
                            const qsizetype postcodeRow = addressBlockEnd(p, j, bottom, labelSeg, lineHeight);
                            if (previous.isEmpty() || postcodeRow < 0) {
                                break;
                            }
                            for (; j <= postcodeRow; ++j) {
                                parts.back() += QStringLiteral(", ") + segs[j].text;
                                m_zones[p][j] = Zone::Copies;
                            }
                            bottom = segs[postcodeRow].box.bottom();
                            break;
                        }
                        // An address line is a part of its own (street, then postcode and town).
                        // So is the specialty line under a whole entry.
                        const bool newPart = streetRe().match(rowCell.text).hasMatch()
                                             || ((address || specialtyLine) && !open && !goesOn && !cut);
                        parts.back() += (newPart ? QStringLiteral(", ") : QStringLiteral(" ")) + rowCell.text;
                        m_zones[p][cell] = Zone::Copies;
                        bottom = rowCell.box.bottom();
                        // The entries after it on the row ("(34000" / "MONTPELLIER) | Dr N. ROUSSEAU (…)").
                        if (!sideEntries.isEmpty()) {
                            columns.clear();
                            for (const qsizetype k : sideEntries) {
                                parts += segs[k].text;
                                m_zones[p][k] = Zone::Copies;
                            }
                            bottom = segs[end - 1].box.bottom();
                        }
                        j = end;
                        continue;
                    }
                    m_out.copyToPatient = m_out.copyToPatient || patient;
                    for (qsizetype k = j; k < end; ++k) {
                        if (m_zones[p][k] != Zone::Signature) {
                            m_zones[p][k] = Zone::Copies;
                        }
                    }
                    QString rowText = splitAtColumns(p, rowCell);
                    // A table's NOM and PRÉNOM columns cut one name in two ("LAURENT (Vincent)"): joined.
                    static const QRegularExpression familyThenGiven(
                        QStringLiteral(R"(^\s*(\p{Lu}[\p{Lu}'’\-]+(?:\s+\p{Lu}[\p{Lu}'’\-]+)?)\s+\(([^()]+)\))"));
                    if (const auto fg = familyThenGiven.match(rowText); fg.hasMatch()) {
                        if (const auto joined = nameAcrossCells(fg.captured(1), fg.captured(2))) {
                            rowText = *joined + rowText.mid(fg.capturedEnd(0));
                        }
                    }
                    // "…, Dr Jules BRUN, médecin généraliste," / "SAINT-DENIS ; Docteur …", "…, 35000" /
                    // "Rennes (destinataire) ; …": what stands before the row's first ';', naming no
                    // one, ends the entry above.
                    if (const qsizetype semi = rowText.indexOf(QLatin1Char(';'));
                        semi > 0 && !parts.isEmpty() && !parsePersonName(rowText.left(semi), false)
                        && !mentionsPatientCopy(foldForMatch(rowText.left(semi)), true)) {
                        parts.back() += QLatin1Char(' ') + rowText.left(semi);
                        rowText = rowText.mid(semi + 1).trimmed();
                    }
                    // "… SAINT-NAZAIRE /" over "N'DIAYE Agnès (Dr), …": the slash parted two entries
                    // (the entry above is whole), it leaves none open.
                    static const QRegularExpression separatorEnd(QStringLiteral(R"(\s(?:/|;)\s*$|;\s*$)"));
                    if (!parts.isEmpty()) {
                        parts.back().remove(separatorEnd);
                    }
                    parts += others.isEmpty() ? rowText
                                              : rowText + QStringLiteral(" (") + others.join(QStringLiteral(", "))
                                                    + QLatin1Char(')');
                    if (!sideEntries.isEmpty()) {
                        columns = {Column{rowCell.box.left(), parts.size() - 1}};
                        for (const qsizetype k : sideEntries) {
                            parts += segs[k].text;
                            columns += Column{segs[k].box.left(), parts.size() - 1};
                        }
                    } else {
                        columns.clear();
                    }
                    bottom = segs[end - 1].box.bottom();
                    j = end;
                }
                bool named = false;
                static const QRegularExpression annotation(QStringLiteral(
                    R"(\(\s*(copie|cc|pour\s+information|pour\s+info|destinataire|pour\s+action)\s*\))"),
                                                           QRegularExpression::CaseInsensitiveOption);
                // A list of addressees in which one entry is marked "(destinataire)": the others,
                // unmarked, are its copies.
                static const QRegularExpression addresseeMark(QStringLiteral(R"(\(\s*(?:destinataire|pour\s+action)\s*\))"),
                                                              QRegularExpression::CaseInsensitiveOption);
                const bool marked = role == RecipientRole::To && std::any_of(parts.begin(), parts.end(), [](const QString& part) {
                    return addresseeMark.match(part).hasMatch();
                });
                // The list's last entry may be the patient ("…, au Dr X (Brest) et au patient").
                static const QRegularExpression lastPatient(QStringLiteral(
                    R"((?:,|\bet|\s[-–—])\s+(?:le|la|l'|au|a\s+la|a\s+l')?\s*(?:patient|interesse)(?:e|\s*\(\s*e\s*\))?\.?$)"));
                if (!parts.isEmpty() && lastPatient.match(foldForMatch(parts.back()).trimmed()).hasMatch()) {
                    m_out.copyToPatient = true;
                }
                for (const QString& part : parts) {
                    if (mentionsPatientCopy(foldForMatch(part), true)) {
                        m_out.copyToPatient = true;
                        named = true;
                    }
                    // An entry left open without a place ("… - Gastro-entérologue -" and nothing after):
                    // what follows was not read, so no one is chosen on it.
                    static const QRegularExpression open(QStringLiteral(R"([-–—,;:(/]\s*$)"));
                    // "Courrier envoyé au Dr X, avec copie au Dr Y": the entries after "copie" are copies.
                    static const QRegularExpression copyFollows(
                        QStringLiteral(
                            R"((?:^|[\s,;])(?:avec\s+|et\s+)?(?:une\s+|en\s+)?copies?(?:\s+pour\s+information)?\s*$)"),
                        QRegularExpression::CaseInsensitiveOption);
                    bool copiesFollow = false;
                    for (const auto& [person, rest] : splitEntries(part)) {
                        named = true;
                        const bool thisIsCopy = copiesFollow;
                        copiesFollow = copiesFollow || copyFollows.match(rest).hasMatch();
                        if (mentionsPatientCopy(foldForMatch(person.asRead), true)) {
                            continue;
                        }
                        RecipientRole entryRole = marked || thisIsCopy ? RecipientRole::Cc : role;
                        if (const auto a = annotation.match(rest); a.hasMatch()) {
                            entryRole = a.captured(1).startsWith(QLatin1String("dest"), Qt::CaseInsensitive)
                                                || a.captured(1).endsWith(QLatin1String("action"), Qt::CaseInsensitive)
                                            ? RecipientRole::To
                                            : RecipientRole::Cc;
                        }
                        Recipient r = recipientFrom(person, entryRole, Zone::Copies);
                        addContext(r, contextParts(rest));
                        // What he does, set before his name ("Médecin généraliste Dr MÜLLER, Françoise").
                        if (const qsizetype at = part.indexOf(person.asRead); at > 0) {
                            static const QRegularExpression breaks(QStringLiteral(R"([\s\-]+)"));
                            const QStringList lead = part.left(at).split(breaks, Qt::SkipEmptyParts);
                            if (std::all_of(lead.begin(), lead.end(), roleWord)) {
                                r.specialtyWords += specialtyWordsIn(part.left(at));
                            } else if (r.city.isEmpty() && r.postcode.isEmpty()) {
                                // His town, set before him in a list by place ("PARIS – Dr M. PETIT").
                                static const QRegularExpression town(townLead() + QLatin1Char('$'));
                                if (const auto t = town.match(part.left(at)); t.hasMatch()) {
                                    addContext(r, {t.captured(1)});
                                }
                            }
                        }
                        r.unreadContext = r.unreadContext
                                          || (open.match(rest).hasMatch() && r.city.isEmpty() && r.postcode.isEmpty()
                                              && r.department.isEmpty());
                        add(r, person, distribution && !annotation.match(rest).hasMatch());
                    }
                }
                m_out.unreadList = m_out.unreadList || !named;
            }
        }
    }

    // A name that says its own role outside any list: "Médecin traitant : Dr Paul MARTIN (copie)",
    // "Dr Anne DUPONT – copie", "Dr X (destinataire)".
    void findAnnotatedNames()
    {
        static const QRegularExpression titled(QStringLiteral(
            R"((?<![\p{L}])(?:(?:Madame|Monsieur)\s+le\s+)?(?:Dr\.?|Docteure?|DOCTEUR|Pr\.?|Professeure?)\s)"));
        static const QRegularExpression annotation(
            QStringLiteral(
                R"(^\s*(?:\(\s*(copie|cc|pour\s+information|pour\s+info\.?|destinataire|pour\s+action)\s*\)|[-–—]\s*(copie|destinataire)(?![\p{L}])))"),
            QRegularExpression::CaseInsensitiveOption);
        for (qsizetype p = 0; p < m_pages.size(); ++p) {
            if (!whole(p)) {
                continue;
            }
            const QList<Segment>& segs = m_pages[p];
            for (qsizetype i = 0; i < segs.size(); ++i) {
                if (m_zones[p][i] != Zone::Other && m_zones[p][i] != Zone::Body) {
                    continue;
                }
                const QString text = segs[i].text.left(MaxSegmentLength);
                for (auto it = titled.globalMatch(text); it.hasNext();) {
                    const auto t = it.next();
                    const QString from = text.mid(t.capturedStart(0));
                    const auto person = parsePersonName(from, true);
                    if (!person || !person->professional) {
                        continue;
                    }
                    const auto a = annotation.match(from.mid(person->end));
                    if (!a.hasMatch()) {
                        continue;
                    }
                    const QString said = a.captured(1).isEmpty() ? a.captured(2) : a.captured(1);
                    const RecipientRole role = said.startsWith(QLatin1String("dest"), Qt::CaseInsensitive)
                                                       || said.endsWith(QLatin1String("action"), Qt::CaseInsensitive)
                                                   ? RecipientRole::To
                                                   : RecipientRole::Cc;
                    Recipient r = recipientFrom(*person, role, Zone::Copies);
                    addContext(r, contextParts(from.mid(person->end + a.capturedLength(0))));
                    add(r, *person);
                }
            }
        }
    }

    // A header cell names what stands under it: "V/Réf. | N/Réf. | Destinataire | Date" over
    // "… | Dr Yasmine FOURNIER | …" / "Médecine générale" / "RENNES", or "c/c" alone over "MÜLLER
    // L., Dr — Vannes". The words under the label, within its column, are the entry; the lines
    // under it in that column its specialty and place. Only titled professionals are read.
    void findColumnHeads()
    {
        static const QRegularExpression head(QStringLiteral(
            R"(^(?:(destinataires?|adresse\s+a|adressee?\s+a|a\s+l'(?:attention|intention)\s+de|medecin\s+destinataire|correspondant)|(c\s*/\s*c|c\.?\s*c\.?|copies?|copies?\s+a|en\s+copie|double\s+a|pour\s+information|copie\s+pour\s+information|(?:diffusion\s+|destinataires?\s+|copies?\s+)?(?:externes?|internes?)))\s*:?$)"));
        for (qsizetype p = 0; p < m_pages.size(); ++p) {
            if (!whole(p)) {
                continue;
            }
            const QList<Segment>& segs = m_pages[p];
            for (qsizetype i = 0; i < segs.size(); ++i) {
                // (A label the copies reader took may head a column it did not read: "cc." set right
                // over an entry that starts further left.)
                const auto m = head.match(m_folded[p][i]);
                if (!m.hasMatch()) {
                    continue;
                }
                const Segment& label = segs[i];
                const double h = label.box.height();
                // (A column of addressees under a copies heading lists copies: "Copie(s) du courrier" over
                // "Correspondant | Spécialité | Code postal Commune"), under the signature as often as not.)
                const bool underCopies = std::any_of(segs.begin(), segs.end(), [&](const Segment& above) {
                    return above.box.bottom() <= label.box.top() + 0.2 * h
                           && label.box.top() - above.box.bottom() < 2 * h
                           && std::abs(above.box.left() - label.box.left()) < 2 * h && copiesHeading(above.text);
                });
                const auto open = [&](qsizetype k) {
                    return m_zones[p][k] == Zone::Other || (underCopies && m_zones[p][k] == Zone::Signature);
                };
                if (!open(i) && m_zones[p][i] != Zone::Copies) {
                    continue;
                }
                // The column: from the label to the next cell of its row; a label alone on its line
                // heads whatever stands under it.
                double left = label.box.left() - h;
                double right = width(p) + 1;
                bool row = false;
                for (qsizetype k = 0; k < segs.size(); ++k) {
                    if (k == i || std::abs(segs[k].box.center().y() - label.box.center().y()) > 0.5 * h) {
                        continue;
                    }
                    // (A column of the page far to the left, the staff list beside a label set
                    // right, makes no row with it.)
                    if (segs[k].box.left() > label.box.left()) {
                        right = std::min(right, segs[k].box.left() - 2);
                        row = true;
                    } else if (label.box.left() - segs[k].box.right() < 150) {
                        left = std::max(left, segs[k].box.right() + 2);
                        row = true;
                    }
                }
                const bool to = !m.captured(1).isEmpty() && !underCopies;
                const Zone zone = to ? Zone::AddressWindow : Zone::Copies;
                const RecipientRole role = to ? RecipientRole::To : RecipientRole::Cc;
                // The column's words on each line under the label, line after line without a gap.
                double bottom = label.box.bottom();
                QList<std::pair<PersonName, QStringList>> entries;
                QList<qsizetype> whole;
                int sinceEntry = 0;
                for (qsizetype k = i + 1; k < segs.size() && entries.size() < 6; ++k) {
                    const Segment& s = segs[k];
                    if (s.box.top() - bottom > (entries.isEmpty() ? 2.2 : 1.2) * h) {
                        break;
                    }
                    if (std::abs(s.box.center().y() - label.box.center().y()) <= 0.5 * h) {
                        continue;
                    }
                    QString cell;
                    QStringList beside; // the row's other cells (specialty, postcode, town)
                    bool all = true;
                    if (!row) {
                        // Under a label alone: a segment that overlaps its extent.
                        if (s.box.right() < label.box.left() || s.box.left() > label.box.right() + 2 * h) {
                            continue;
                        }
                        cell = s.text;
                        // A form's field under it, its caption then its value ("DESTINATAIRE" over
                        // "Nom | Dr Kévin RENARD"): the value.
                        static const QRegularExpression nameField(
                            QStringLiteral(
                                R"(^\s*(?:nom(?:\s+et\s+pr[ée]noms?)?|praticien(?:ne)?|m[ée]decin|identit[ée])\s*:?\s*$)"),
                            QRegularExpression::CaseInsensitiveOption);
                        if (nameField.match(cell).hasMatch()) {
                            for (qsizetype c = k + 1; c < segs.size() && c <= k + 3; ++c) {
                                if (std::abs(segs[c].box.center().y() - s.box.center().y()) < 0.5 * h
                                    && segs[c].box.left() > s.box.right() && open(c)) {
                                    cell = segs[c].text;
                                    break;
                                }
                            }
                        }
                    } else if (s.words.isEmpty()) {
                        if (s.box.left() < left || s.box.left() > right) {
                            continue;
                        }
                        cell = s.text;
                    } else {
                        QString outside;
                        for (const WordSpan& w : s.words) {
                            if (w.box.center().x() >= left && w.box.center().x() <= right) {
                                cell +=
                                    (cell.isEmpty() ? QString() : QStringLiteral(" ")) + s.text.mid(w.start, w.length);
                            } else {
                                all = false;
                                if (w.box.center().x() > right) {
                                    outside += QLatin1Char(' ') + s.text.mid(w.start, w.length);
                                }
                            }
                        }
                        beside += outside;
                        for (qsizetype c = k + 1; c < segs.size() && c <= k + 6; ++c) {
                            if (std::abs(segs[c].box.center().y() - s.box.center().y()) < 0.5 * h
                                && segs[c].box.left() > right && open(c)) {
                                beside += segs[c].text.left(MaxSegmentLength);
                            }
                        }
                        if (cell.isEmpty()) {
                            continue;
                        }
                    }
                    // (Running text, a title or a fifth line after the last name ends the column: a fax
                    // cover's "DESTINATAIRE" heads its few fields, not the letter under them.)
                    if (!open(k) || head.match(foldSameLength(cell).simplified()).hasMatch()
                        || (sentenceLike(cell)
                            && (entries.isEmpty() || cell.trimmed().endsWith(QLatin1Char('.'))
                                || cell.count(QLatin1Char(' ')) >= 7))
                        || titleTypeCode(cell) || ++sinceEntry > 5) {
                        break;
                    }
                    bottom = s.box.bottom();
                    const auto found = splitEntries(cell);
                    if (!found.isEmpty() && found.front().first.professional) {
                        sinceEntry = 0;
                        for (const auto& [person, rest] : found) {
                            if (person.professional) {
                                entries += {person, contextParts(rest)};
                            }
                        }
                        if (entries.back().first.professional) {
                            for (const QString& other : std::as_const(beside)) {
                                entries.back().second += contextParts(other);
                            }
                        }
                    } else if (bulletedLine().match(cell).hasMatch()) {
                        continue; // another entry of the list, no one's name ("- Patient(e) – par courrier")
                    } else if (!entries.isEmpty()) {
                        entries.back().second += contextParts(cell);
                    } else {
                        break; // what the column holds is no one's name
                    }
                    if (all) {
                        whole += k;
                    }
                }
                if (entries.isEmpty()) {
                    continue;
                }
                m_zones[p][i] = zone;
                for (const qsizetype k : whole) {
                    m_zones[p][k] = zone;
                }
                for (const auto& [person, context] : entries) {
                    Recipient r = recipientFrom(person, role, zone);
                    addContext(r, context);
                    add(r, person);
                }
            }
        }
    }

    // A message's header printed with the letter ("De  Dr X <…>" / "À  Dr Aïcha LEGRAND <…> – PAU" /
    // "Date  …" / "Objet  …"): its "À" names the addressees, its "Cc" the copies. Its fields need no
    // colon, but the field names must stand in one column, "De", "Date" or "Objet" among them.
    void findMailHeader()
    {
        if (m_pages.isEmpty()) {
            return;
        }
        const QList<Segment>& segs = m_pages.front();
        static const QRegularExpression field(
            QStringLiteral(R"(^\s*(a|pour|cc|copie|de|date|objet|expediteur)(?:\s*:)?(?:\s+|$))"));
        static const QRegularExpression email(QStringLiteral(R"(<[^<>]*>|[\w.\-]+@[\w.\-]+)"));
        for (qsizetype i = 0; i < segs.size(); ++i) {
            const auto m = field.match(m_folded[0][i]);
            if (!m.hasMatch() || m_zones[0][i] != Zone::Other) {
                continue;
            }
            const QString name = m.captured(1);
            const bool to = name == QLatin1String("a") || name == QLatin1String("pour");
            if (!to && name != QLatin1String("cc") && name != QLatin1String("copie")) {
                continue;
            }
            // Another field of the header in the same column, a line or two away.
            bool header = false;
            for (qsizetype k = std::max<qsizetype>(0, i - 6); k < segs.size() && k <= i + 6 && !header; ++k) {
                const double dy = std::abs(segs[k].box.top() - segs[i].box.top());
                const auto other = field.match(m_folded[0][k]);
                header = k != i && dy <= 3 * segs[i].box.height() && dy > segs[i].box.height() * 0.5
                         && std::abs(segs[k].box.left() - segs[i].box.left()) <= segs[i].box.height()
                         && other.hasMatch()
                         && (other.captured(1) == QLatin1String("de") || other.captured(1) == QLatin1String("date")
                             || other.captured(1) == QLatin1String("objet")
                             || other.captured(1) == QLatin1String("expediteur"));
            }
            if (!header) {
                continue;
            }
            // The value: the rest of the cell, and the cells after it on the line.
            QString value = segs[i].text.mid(m.capturedEnd(0));
            for (qsizetype k = i + 1;
                 k < segs.size()
                 && std::abs(segs[k].box.center().y() - segs[i].box.center().y()) < 0.6 * segs[i].box.height();
                 ++k) {
                value += QLatin1Char(' ') + segs[k].text;
                m_zones[0][k] = Zone::Copies;
            }
            m_zones[0][i] = Zone::Copies;
            value.replace(email, QString());
            for (const auto& [person, rest] : splitEntries(value)) {
                if (!person.professional) {
                    continue;
                }
                Recipient r = recipientFrom(person, to ? RecipientRole::To : RecipientRole::Cc, Zone::Copies);
                addContext(r, contextParts(rest));
                add(r, person);
            }
        }
    }

    // A block naming the addressee by secure mailbox, with no postal address: "Destinataire (MSSanté)"
    // / "Docteur NICOLAS Nathalie" / "Médecine générale" / "nathalie.nicolas@pro.mssante.fr". The
    // mailbox must be that person's (the family name in its local part); the lines between name and
    // mailbox say what he does, nothing else.
    void findMailboxBlocks()
    {
        static const QRegularExpression mailbox(QStringLiteral(R"(^\s*[\w.\-]+@[\w.\-]*mssante\.fr\s*$)"),
                                                QRegularExpression::CaseInsensitiveOption);
        if (m_pages.isEmpty()) {
            return;
        }
        const QList<Segment>& segs = m_pages.front();
        // Or a postal address under a heading that says how the letter goes ("Transmis via
        // MSSanté" / "Dr X" / "Psychiatre – Orléans" / "(pas de messagerie sécurisée : envoi
        // postal)" / "78 rue du Port" / "45000 Orléans").
        static const QRegularExpression sentVia(
            QStringLiteral(R"(^\s*(?:transmis|envoye|adresse|expedie)e?s?\s+(?:par|via|a)\b)"));
        // (A block low on the page may have been taken for the signature's: the heading or the
        // mailbox says whom it names, and the author is never taken.)
        const auto available = [&](qsizetype k) {
            return m_zones[0][k] == Zone::Other || m_zones[0][k] == Zone::Signature;
        };
        for (qsizetype i = 1; i < segs.size(); ++i) {
            const bool box = mailbox.match(segs[i].text).hasMatch();
            if ((!box && !postcodeLine(segs[i].text)) || !available(i)) {
                continue;
            }
            if (!box) {
                // The heading over the block, its name right under it.
                // (A cell of another column may come between in reading order: "INS à scanner" at the left.)
                qsizetype name = -1;
                qsizetype previous = i;
                for (qsizetype k = i - 1, lines = 0; k >= 0 && lines < 6 && name < 0; --k) {
                    if (std::abs(segs[k].box.left() - segs[i].box.left()) > 2 * segs[i].box.height()) {
                        if (segs[k].box.right() < segs[i].box.left() || segs[k].box.left() > segs[i].box.right()) {
                            continue;
                        }
                        break;
                    }
                    if (sentVia.match(m_folded[0][k]).hasMatch() && previous < i) {
                        name = previous;
                    }
                    previous = k;
                    ++lines;
                }
                const auto person = name >= 0 ? parsePersonName(segs[name].text, true) : std::nullopt;
                if (!person || !person->professional || !available(name) || isAuthor(*person)) {
                    continue;
                }
                m_zones[0][name] = Zone::AddressWindow;
                Recipient r = recipientFrom(*person, RecipientRole::To, Zone::AddressWindow);
                QStringList context = contextParts(segs[name].text.mid(person->end));
                for (qsizetype c = name + 1; c <= i; ++c) {
                    context += contextParts(segs[c].text);
                    m_zones[0][c] = Zone::AddressWindow;
                }
                addContext(r, context);
                add(r, *person);
                continue;
            }
            const double h = segs[i].box.height();
            double top = segs[i].box.top();
            for (qsizetype k = i - 1; k >= 0 && k >= i - 3; --k) {
                const Segment& above = segs[k];
                if (std::abs(above.box.left() - segs[i].box.left()) > 2 * h || top - above.box.bottom() > 1.2 * h
                    || !available(k)) {
                    break;
                }
                top = above.box.top();
                const auto person = parsePersonName(above.text, true);
                if (!person) {
                    if (letterheadSign(m_folded[0][k]) || postcodeLine(above.text)) {
                        break;
                    }
                    continue; // the specialty, the service
                }
                if (person->professional && ownMailbox(*person, segs[i].text) && !isAuthor(*person)) {
                    m_zones[0][k] = Zone::AddressWindow;
                    Recipient r = recipientFrom(*person, RecipientRole::To, Zone::AddressWindow);
                    QStringList context = contextParts(above.text.mid(person->end));
                    for (qsizetype c = k + 1; c < i; ++c) {
                        context += contextParts(segs[c].text);
                    }
                    addContext(r, context);
                    add(r, *person);
                }
                break;
            }
        }
    }

    // "Diffusion": a table whose header row has "Destinataire" (or "Original") and "Copie" columns
    // (and channels: "MSSanté", "Poste"), a titled name opening each row and an "X" under the
    // columns that apply: the "X" under "Destinataire" makes an addressee, under "Copie" a copy.
    void findTickTable()
    {
        static const QRegularExpression tick(QStringLiteral(R"(^\s*(?:[Xx☒■✓✔⊠]|\[\s*[Xx✓✔]\s*\])\s*$)"));
        for (qsizetype p = 0; p < m_pages.size(); ++p) {
            if (!whole(p)) {
                continue;
            }
            const QList<Segment>& segs = m_pages[p];
            for (qsizetype h = 0; h < segs.size(); ++h) {
                // The header row: the cells on segs[h]'s line.
                const auto sameLine = [&](qsizetype a, qsizetype b) {
                    return std::abs(segs[a].box.center().y() - segs[b].box.center().y()) < 0.6 * segs[a].box.height();
                };
                // Its columns, a word each (the text layer may run them into one cell: "Original
                // Copie MSSanté Poste"): where each stands, and whether it marks the addressee or a copy.
                struct Column
                {
                    double centre;
                    std::optional<RecipientRole> role;
                };
                QList<Column> header;
                qsizetype headerEnd = h;
                for (qsizetype k = h; k < segs.size() && sameLine(h, k); ++k) {
                    headerEnd = k;
                    const QString& f = m_folded[p][k];
                    for (qsizetype w = 0; w < f.size();) {
                        qsizetype e = f.indexOf(QLatin1Char(' '), w);
                        e = e < 0 ? f.size() : e;
                        const QString word = f.mid(w, e - w);
                        const auto [left, right] = segs[k].spanX(w, e);
                        std::optional<RecipientRole> role;
                        if (word == QLatin1String("destinataire") || word == QLatin1String("destinataires")
                            || word == QLatin1String("original") || word == QLatin1String("principal")) {
                            role = RecipientRole::To;
                        } else if (word == QLatin1String("copie") || word == QLatin1String("copies")
                                   || word == QLatin1String("cc")) {
                            role = RecipientRole::Cc;
                        }
                        if (!word.isEmpty()) {
                            header += Column{(left + right) / 2, role};
                        }
                        w = e + 1;
                    }
                }
                const auto marks = [&](RecipientRole role) {
                    return std::any_of(header.begin(), header.end(), [&](const Column& c) { return c.role == role; });
                };
                if (!marks(RecipientRole::To) || !marks(RecipientRole::Cc) || header.size() > 8) {
                    continue;
                }
                double bottom = segs[h].box.bottom();
                qsizetype row = headerEnd + 1;
                // Each entry is added once its rows are read: an address may wrap under it.
                std::optional<std::pair<Recipient, PersonName>> pending;
                QStringList pendingContext;
                const auto flush = [&] {
                    if (pending) {
                        addContext(pending->first, pendingContext);
                        add(pending->first, pending->second);
                        pending.reset();
                    }
                };
                for (int rows = 0; row < segs.size() && rows < 12; ++rows) {
                    if (segs[row].box.top() - bottom > 2.0 * segs[h].box.height()) {
                        break;
                    }
                    qsizetype end = row + 1;
                    while (end < segs.size() && sameLine(row, end)) {
                        ++end;
                    }
                    const auto person = parsePersonName(segs[row].text, true);
                    std::optional<RecipientRole> role;
                    for (qsizetype k = row + 1; k < end && person; ++k) {
                        if (!tick.match(segs[k].text).hasMatch()) {
                            continue;
                        }
                        // The header cell the mark stands under (the nearest centre).
                        const double x = segs[k].box.center().x();
                        const auto under =
                            std::min_element(header.begin(), header.end(), [&](const Column& a, const Column& b) {
                                return std::abs(a.centre - x) < std::abs(b.centre - x);
                            });
                        if (under->role == RecipientRole::To) {
                            role = RecipientRole::To;
                        } else if (under->role == RecipientRole::Cc && !role) {
                            role = RecipientRole::Cc;
                        }
                    }
                    if (person && person->professional && role && !isAuthor(*person)) {
                        flush();
                        pending.emplace(recipientFrom(*person, *role, Zone::Copies), *person);
                        pendingContext = contextParts(segs[row].text.mid(person->end));
                        for (qsizetype k = row; k < end; ++k) {
                            m_zones[p][k] = Zone::Copies;
                        }
                    } else if (!person) {
                        // An entry's address wrapped under it ("Dr CHARPENTIER François," / "68100
                        // Mulhouse"), no mark of its own: the entry's place.
                        const bool wrapped = pending && end == row + 1 && !tick.match(segs[row].text).hasMatch()
                                             && pendingContext.size() < 3
                                             && (postcodeLine(segs[row].text).has_value()
                                                 || streetRe().match(segs[row].text).hasMatch());
                        if (!wrapped) {
                            break;
                        }
                        pendingContext += segs[row].text;
                        m_zones[p][row] = Zone::Copies;
                    }
                    bottom = segs[end - 1].box.bottom();
                    row = end;
                }
                flush();
            }
        }
    }

    // "Correspondants": a table of the patient's doctors ("Rôle | Nom | Ville | Envoi") whose last
    // column says in words whom the letter goes to: "Destinataire", "Oui (destinataire)", "Courrier",
    // "Original" make the addressee, "Copie" a copy, "—" or "Non" no one (the referring doctor's
    // row). That column's title varies ("Envoi", "Exemplaire", "Type"): its words decide.
    void findSendColumnTable()
    {
        static const QRegularExpression sendTitle(QStringLiteral(
            R"(^(?:envoi|envois|destinataire|destinataires|courrier|diffusion|transmission|exemplaire|exemplaires|type|statut|nature|par|canal|mode|voie|moyen)$)"));
        // (Or what says to whom: "Remis à", "Adressé à".)
        static const QRegularExpression nameTitle(QStringLiteral(
            R"(^(?:nom|medecin|correspondant|praticien|destinataire|destinataires|professionnel|intervenant|remis|remise|adresse|adressee|envoye|envoyee)$)"));
        static const QRegularExpression titleTail(QStringLiteral(R"(^(?:a|au|aux|le|la|les)$)"));
        for (qsizetype p = 0; p < m_pages.size(); ++p) {
            if (!whole(p)) {
                continue;
            }
            const QList<Segment>& segs = m_pages[p];
            const auto sameLine = [&](qsizetype a, qsizetype b) {
                return std::abs(segs[a].box.center().y() - segs[b].box.center().y()) < 0.6 * segs[a].box.height();
            };
            struct Word
            {
                QString text;
                QString folded;
                double left;
                double centre;
            };
            // The words of the line of segment `from`, left to right, each with its centre, from cells
            // that start right of `leftLimit` (not a column of staff beside the table); `end` gets the
            // index after the line's last cell (cells of one line stand close in reading order, not
            // always one after the other), and `cells` the cells read.
            const auto wordsOf = [&](qsizetype from, double leftLimit, qsizetype& end, QList<qsizetype>& cells) {
                QList<Word> out;
                end = from + 1;
                cells.clear();
                for (qsizetype k = std::max<qsizetype>(0, from - 6); k < std::min(segs.size(), from + 10); ++k) {
                    if (!sameLine(from, k) || m_zones[p][k] == Zone::SideColumn || segs[k].box.right() < leftLimit) {
                        continue;
                    }
                    end = std::max(end, k + 1);
                    cells += k;
                    const QString& text = segs[k].text;
                    for (qsizetype w = 0; w < text.size();) {
                        qsizetype e = text.indexOf(QLatin1Char(' '), w);
                        e = e < 0 ? text.size() : e;
                        if (e > w) {
                            const auto [left, right] = segs[k].spanX(w, e);
                            const QString word = text.mid(w, e - w);
                            out += Word{word, foldForMatch(word), left, (left + right) / 2};
                        }
                        w = e + 1;
                    }
                }
                std::stable_sort(out.begin(), out.end(), [](const Word& a, const Word& b) { return a.left < b.left; });
                return out;
            };
            for (qsizetype h = 0; h < segs.size(); ++h) {
                // A table is looked at from its first cell: none close at its left on its line (a
                // column of staff may stand further left).
                const auto cellBefore = [&](qsizetype k) {
                    return k != h && sameLine(h, k) && segs[k].box.right() <= segs[h].box.left()
                           && segs[h].box.left() - segs[k].box.right() < 4 * segs[h].box.height();
                };
                bool first = m_zones[p][h] != Zone::SideColumn;
                for (qsizetype k = std::max<qsizetype>(0, h - 4); k < std::min(segs.size(), h + 4) && first; ++k) {
                    first = !cellBefore(k);
                }
                if (!first) {
                    continue;
                }
                qsizetype headerEnd = h;
                QList<qsizetype> cells;
                const QList<Word> header = wordsOf(h, segs[h].box.left(), headerEnd, cells);
                // A short header: its last word titles the sending column, another one the names.
                if (header.size() < 3 || header.size() > 6 || !sendTitle.match(header.back().folded).hasMatch()
                    || std::none_of(header.begin(), header.end() - 1,
                                    [](const Word& w) { return nameTitle.match(w.folded).hasMatch(); })) {
                    continue;
                }
                const auto nameColumn = std::find_if(
                    header.begin(), header.end(), [](const Word& w) { return nameTitle.match(w.folded).hasMatch(); });
                const double nameLeft = nameColumn->left;
                auto nextTitle = nameColumn + 1;
                while (nextTitle + 1 != header.end() && titleTail.match(nextTitle->folded).hasMatch()) {
                    ++nextTitle;
                }
                const double nameRight = nextTitle->left;
                const double sendLeft = header.back().left;
                const double height = segs[h].box.height();
                double bottom = segs[headerEnd - 1].box.bottom();
                // A row's cells may take several lines ("80 impasse des Roses" / "22300 Lannion"),
                // set around the line of its name: a line with nothing in the sending column nor the
                // first one continues the row whose line is nearest.
                struct Row
                {
                    double centre;
                    QStringList name;
                    QStringList place; // one part per cell
                    QString sent;
                    QList<qsizetype> cells;
                };
                QList<Row> rows;
                QList<Row> more; // continuation lines
                // The header's column a word stands in, right of the names' (specialty, address…).
                // (A title of two words, "Adresse postale", is one column.)
                QList<double> columns;
                for (qsizetype k = 0; k < header.size(); ++k) {
                    if (k == 0 || header[k].left - (2 * header[k - 1].centre - header[k - 1].left) > height) {
                        columns += header[k].left;
                    }
                }
                const auto columnOf = [&](const Word& w) {
                    return std::count_if(columns.begin(), columns.end(),
                                         [&](double left) { return left <= w.centre + height / 2; });
                };
                for (qsizetype row = headerEnd, lines = 0; row < segs.size() && lines < 24; ++lines) {
                    if (segs[row].box.top() - bottom > 2.0 * height) {
                        break;
                    }
                    qsizetype end = row;
                    const QList<Word> words = wordsOf(row, header.front().left - height, end, cells);
                    if (words.isEmpty()) { // a line of the staff column only
                        row = end;
                        continue;
                    }
                    Row read;
                    qsizetype placeColumn = -1;
                    QStringList mark;
                    QStringList kind; // a first column that types the row ("Destinataire", "Copie")
                    for (const Word& w : words) {
                        if (w.centre >= sendLeft - height / 2) {
                            mark += w.folded;
                        } else if (w.centre >= nameLeft - height / 2 && w.centre < nameRight - height / 2) {
                            read.name += w.text;
                        } else if (w.centre >= nameRight - height / 2) {
                            if (const qsizetype c = columnOf(w); c == placeColumn) {
                                read.place.back() += QLatin1Char(' ') + w.text;
                            } else {
                                read.place += w.text;
                                placeColumn = c;
                            }
                        } else {
                            kind += w.folded;
                        }
                    }
                    read.centre = segs[row].box.center().y();
                    read.cells = cells;
                    if (mark.isEmpty() && kind.isEmpty() && read.name.isEmpty() && more.size() < 24) {
                        more += read;
                    } else if (mark.isEmpty() || std::abs(words.front().left - header.front().left) > 2 * height) {
                        // The table ends at a line that is no row of it: one with nothing in the
                        // sending column, or that starts elsewhere than its first column.
                        break;
                    } else {
                        // The row's type, when a column gives it, says more than its channel
                        // ("Copie … MSSanté").
                        read.sent = (kind + mark).join(QLatin1Char(' '));
                        rows += read;
                    }
                    bottom = segs[end - 1].box.bottom();
                    row = end;
                }
                for (const Row& line : rows.isEmpty() ? QList<Row>() : more) {
                    const auto nearest = std::min_element(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
                        return std::abs(a.centre - line.centre) < std::abs(b.centre - line.centre);
                    });
                    nearest->place =
                        nearest->centre > line.centre ? line.place + nearest->place : nearest->place + line.place;
                    nearest->cells += line.cells;
                }
                for (const Row& read : rows) {
                    // "—" or "Non" under the sending column sends nothing.
                    static const QRegularExpression copy(QStringLiteral(R"(\b(?:copie|copies|cc)\b)"));
                    static const QRegularExpression addressee(QStringLiteral(
                        R"(\b(?:destinataire|oui|courrier|original|principal|x|envoi|mssante|poste|postal|messagerie|mss|fax|e-?mail)\b)"));
                    // A row that says only how it went ("courrier", "MSSanté", "messagerie sécurisée"), perhaps
                    // its copy's number ("2/3"), names a recipient, the addressee or a copy: the rest of the
                    // letter decides.
                    static const QRegularExpression channelOnly(QStringLiteral(
                        R"(^(?:(?:courrier|mssante|poste|envoi|postal|voie|la|par|messagerie|securisee|sante|de|mss|fax|e-?mail|x|oui|n?[°o]?\s*\d{1,2}(?:\s*/\s*\d{1,2})?)\s*)+$)"));
                    std::optional<RecipientRole> role;
                    if (copy.match(read.sent).hasMatch()) {
                        role = RecipientRole::Cc;
                    } else if (addressee.match(read.sent).hasMatch()) {
                        role = RecipientRole::To;
                    }
                    const QString nameCell = read.name.join(QLatin1Char(' '));
                    const auto person = parsePersonName(nameCell, true);
                    if (role && person && person->professional && !isAuthor(*person)) {
                        Recipient r = recipientFrom(*person, *role, Zone::Copies);
                        // What follows the name in its own cell ("Dr X, médecine générale, 22300 Lannion").
                        addContext(r, contextParts(nameCell.mid(person->end)) + read.place);
                        add(r, *person, channelOnly.match(read.sent.trimmed()).hasMatch());
                    }
                    for (const qsizetype k : read.cells) { // the row's cells, not the staff column's beside it
                        m_zones[p][k] = Zone::Copies;
                    }
                }
            }
        }
    }

    // A form's boxes to tick under "Courrier adressé à :" ("X  Médecin traitant : Dr Éloïse LECLERCQ
    // – LORIENT" among "Médecin adresseur", "Autre : ____", "Patient(e)"): the ticked row names the
    // addressee (or a copy, under a copies heading); rows left blank name no one.
    void findTickedEntries()
    {
        static const QRegularExpression ticked(
            QStringLiteral(R"(^\s*(?:[Xx☒■✓✔⊠]|\[\s*[Xx✓✔]\s*\])\s+(?:[\p{L}'’()\s]{2,40}?\s*:\s*)?(.+)$)"));
        if (m_pages.isEmpty()) {
            return;
        }
        const QList<Segment>& segs = m_pages.front();
        for (qsizetype i = 0; i < segs.size(); ++i) {
            const auto m = ticked.match(segs[i].text.left(MaxSegmentLength));
            if (!m.hasMatch()) {
                continue;
            }
            const auto person = parsePersonName(m.captured(1), true);
            if (!person || !person->professional) {
                continue;
            }
            // The heading a few lines up, at the left of the boxes, says whom the rows address.
            std::optional<RecipientRole> role;
            for (qsizetype k = i - 1; k >= 0 && k >= i - 6 && !role; --k) {
                if (segs[i].box.top() - segs[k].box.bottom() > 6 * segs[i].box.height()) {
                    break;
                }
                if (segs[k].box.left() > segs[i].box.left() + 2 * segs[i].box.height()
                    || !copiesLabel().match(segs[k].text.left(MaxSegmentLength)).hasMatch()) {
                    continue;
                }
                role = copiesHeading(segs[k].text) ? RecipientRole::Cc : RecipientRole::To;
            }
            if (!role) {
                continue;
            }
            m_zones[0][i] = Zone::Copies;
            Recipient r = recipientFrom(*person, *role, Zone::Copies);
            addContext(r, contextParts(m.captured(1).mid(person->end)));
            add(r, *person);
        }
    }

    // Copies told in a sentence ("Une copie de ce courrier est adressée au Dr X (Valence), au Dr Y,
    // psychiatre à Lyon, et à la patiente."): each titled name after the copy's first "au" is a copy.
    // The sentence's lines stay running text: only the names read here are copies.
    void findToldCopies()
    {
        // (Or this very letter said sent on: "Ce compte rendu est communiqué, avec l'accord de la
        // patiente, au Dr X (Lyon), au Dr Y …", "J'adresse également ce compte rendu, pour information,
        // au Dr X"; never "le compte rendu", which may be an earlier one.)
        static const QRegularExpression copy(QStringLiteral(
            R"(\b(?:copie|copies|double|duplicata)\b|\b(?:ce|cette|le\s+present|la\s+presente)\s+(?:compte\s*[\s-]?rendu|courrier|lettre|document|synthese)\s+(?:est|sera|a\s+ete)\s+(?:egalement\s+|aussi\s+|ce\s+jour\s+)?(?:adress|transmi|communiqu|envoy|remi|diffus)[a-z]*\b|\bj['’](?:adresse|envoie|transmets|communique)\s+(?:egalement\s+|aussi\s+)?(?:ce|cette|le\s+present|la\s+presente)\s+(?:compte\s*[\s-]?rendu|courrier|lettre|document|synthese)\b)"));
        // (Or the title after the name: "… est adressée à ROBERT Claude (Dr) (Brest).")
        static const QRegularExpression sent(QStringLiteral(
            R"(\b(?:au|aux|a(?:\s+la)?)\s+(?:(?:(?:madame|monsieur|m\.|mme)\s+(?:le|la)\s+)?(?:dr|docteure?|pr|professeure?)\b|(?=[\p{L}'’\- ]{3,40}\((?:dr|pr)\.?\))))"));
        static const QRegularExpression toPatient(
            QStringLiteral(R"(,?\s*(?:et\s+)?(?:au|a)\s+(?:la\s+|l')?(?:patiente?|interessee?)\b.*$)"));
        for (qsizetype p = 0; p < m_pages.size(); ++p) {
            if (!whole(p)) {
                continue;
            }
            const QList<Segment>& segs = m_pages[p];
            for (qsizetype i = 0; i < segs.size(); ++i) {
                // Under the signature as often as above it.
                const auto running = [&](qsizetype k) {
                    return m_zones[p][k] == Zone::Other || m_zones[p][k] == Zone::Signature;
                };
                if (!running(i) || !copy.match(m_folded[p][i]).hasMatch()) {
                    continue;
                }
                // The sentence may go on over the next lines of its paragraph.
                QString text = segs[i].text.left(MaxSegmentLength);
                qsizetype last = i;
                // (A full stop after an initial or a title ends no sentence: "… au Dr J." / "CLÉMENT, …".)
                static const QRegularExpression stop(QStringLiteral(R"((?<!\b\p{Lu}|\bDr|\bPr)\.\s*$)"));
                for (qsizetype k = i + 1, lines = 1; k < segs.size() && lines < 4; ++k) {
                    const Segment& prev = segs[k - 1];
                    if (stop.match(text).hasMatch() || !running(k)
                        || segs[k].box.top() - prev.box.bottom() > prev.box.height() * 1.2
                        || segs[k].box.top() < prev.box.center().y()
                        || std::abs(segs[k].box.left() - segs[i].box.left()) > 3 * prev.box.height()) {
                        break;
                    }
                    // A line that opens on a titled name is the next entry ("… SAINT-NAZAIRE" / "Dr. É. NOËL, …").
                    static const QRegularExpression titledStart(QStringLiteral(
                        R"(^\s*(?:[-–—•]\s*)?(?:(?:Monsieur|Madame)\s+le\s+)?(?:Dr\.?|Docteure?|Pr\.?|Professeure?)\s)"));
                    // (Unless the line above leaves its article for it: "… copie au" / "Dr M. BOUVIER".)
                    static const QRegularExpression article(QStringLiteral(R"((?<![\p{L}])(?:au|aux|à|à\s+la)\s*$)"));
                    const bool entry = titledStart.match(segs[k].text).hasMatch() && !article.match(text).hasMatch();
                    text += (entry ? QStringLiteral(" ; ") : QStringLiteral(" ")) + segs[k].text.left(MaxSegmentLength);
                    ++lines;
                    last = k;
                }
                const QString folded = foldSameLength(text);
                const qsizetype from = folded.indexOf(copy);
                const auto m = sent.match(folded, from);
                if (from < 0 || !m.hasMatch() || !copySent().match(folded.left(m.capturedStart(0))).hasMatch()) {
                    continue;
                }
                // From the first addressee ("au Dr …") to the sentence's end.
                QString rest = text.mid(m.capturedStart(0));
                static const QRegularExpression end(QStringLiteral(R"([\p{L}]{3,}\.\s+\p{Lu})"));
                if (const auto e = end.match(rest); e.hasMatch()) {
                    rest.truncate(e.capturedStart(0) + e.capturedLength(0) - 2);
                }
                const QString restFolded = foldSameLength(rest);
                if (const auto pt = toPatient.match(restFolded); pt.hasMatch()) {
                    m_out.copyToPatient = true;
                    rest.truncate(pt.capturedStart(0));
                }
                const auto entries = splitEntries(rest);
                for (const auto& [person, context] : entries) {
                    Recipient r = recipientFrom(person, RecipientRole::Cc, Zone::Copies);
                    addContext(r, contextParts(context));
                    add(r, person);
                }
                // The sentence's lines list copies: the matcher reads each entry's surroundings there.
                for (qsizetype k = i; k <= last && !entries.isEmpty(); ++k) {
                    const auto named = parsePersonName(segs[k].text, true);
                    if (running(k) && !(named && isAuthor(*named))) {
                        m_zones[p][k] = Zone::Copies;
                    }
                }
            }
        }
    }

    // Copies whose list stands in a note: "Copie de ce courrier à mes correspondants habituels (*)."
    // over, at the page's foot, "(*) Destinataires de la copie : Dr X (Saint-Malo)."; "Une copie est
    // transmise aux confrères cités en note *." over "* Docteur X (Toulon) ; Dr Y (…) ; le patient.".
    void findNotedCopies()
    {
        static const QRegularExpression copy(QStringLiteral(R"(\b(?:copie|copies|double)\b)"));
        static const QRegularExpression mark(QStringLiteral(R"((\(\s*\*{1,3}\s*\)|\*{1,3}|\(\s*\d\s*\))\s*\.?\s*$)"));
        static const QRegularExpression label(QStringLiteral(R"(^[^:]{0,60}:\s*)"));
        static const QRegularExpression patient(
            QStringLiteral(R"((?:^|[;,]\s*|\bet\s+)(?:le|la|au|a\s+la)\s+patiente?\b)"));
        const auto compact = [](QString text) { return text.remove(QLatin1Char(' ')); };
        for (qsizetype p = 0; p < m_pages.size(); ++p) {
            if (!whole(p)) {
                continue;
            }
            const QList<Segment>& segs = m_pages[p];
            for (qsizetype i = 0; i < segs.size(); ++i) {
                const auto m = mark.match(segs[i].text.left(MaxSegmentLength));
                if (!m.hasMatch() || !copy.match(m_folded[p][i]).hasMatch()) {
                    continue;
                }
                const QString sign = compact(m.captured(1));
                for (qsizetype k = i + 1; k < segs.size(); ++k) {
                    const QString text = segs[k].text.left(MaxSegmentLength).trimmed();
                    if (!compact(text.left(sign.size() + 4)).startsWith(sign)) {
                        continue;
                    }
                    QString rest = text.mid(text.indexOf(sign.back()) + 1).trimmed();
                    if (const auto l = label.match(rest); l.hasMatch() && !parsePersonName(l.captured(0), true)) {
                        rest = rest.mid(l.capturedLength(0));
                    }
                    const auto entries = splitEntries(rest);
                    for (const auto& [person, context] : entries) {
                        Recipient r = recipientFrom(person, RecipientRole::Cc, Zone::Copies);
                        addContext(r, contextParts(context));
                        add(r, person);
                    }
                    m_out.copyToPatient = m_out.copyToPatient || patient.match(foldSameLength(rest)).hasMatch();
                    if (!entries.isEmpty()) {
                        m_zones[p][i] = Zone::Copies;
                        m_zones[p][k] = Zone::Copies;
                    }
                    break;
                }
            }
        }
    }

    // Copies told after their names ("Le Dr X (Caen) et le Dr Y, oncologue à Nice, reçoivent copie
    // de ce courrier.", "Le Dr X et la patiente en sont informés par copie.", "… sont destinataires
    // d'une copie"): the titled names of the sentence before the verb are copies. The sentence may
    // begin a few lines above the verb's line, in its paragraph.
    void findReceivedCopies()
    {
        static const QRegularExpression received(QStringLiteral(
            R"(\b(?:(?:en\s+)?(?:recoi(?:t|vent)|recevr(?:a|ont))\s+(?:(?:egalement|aussi)\s+)?(?:une\s+|la\s+)?(?:copie|double)|(?:en\s+)?(?:est|sont|sera|seront)\s+(?:(?:egalement|aussi)\s+)?(?:destinataires?\s+(?:d'une|en)\s+copie|informee?s?\s+par\s+copie|(?:mise?s?\s+)?en\s+copie))\b)"));
        static const QRegularExpression stop(QStringLiteral(R"((?<!\b\p{Lu}|\bDr|\bPr)\.\s)"));
        static const QRegularExpression patient(
            QStringLiteral(R"(,?\s*(?:\bet\s+)?(?:(?:au|a)\s+)?(?:la\s+|le\s+|l')?(?:patiente?|interessee?)\b.*$)"));
        for (qsizetype p = 0; p < m_pages.size(); ++p) {
            if (!whole(p)) {
                continue;
            }
            const QList<Segment>& segs = m_pages[p];
            for (qsizetype i = 0; i < segs.size(); ++i) {
                if (m_zones[p][i] != Zone::Other && m_zones[p][i] != Zone::Signature) {
                    continue;
                }
                const auto verb = received.match(m_folded[p][i]);
                if (!verb.hasMatch()) {
                    continue;
                }
                // The lines above in the paragraph, while the sentence has not begun.
                QString text = segs[i].text.left(verb.capturedStart(0));
                qsizetype first = i;
                double width = segs[i].box.width();
                for (qsizetype k = i - 1; k >= 0 && i - k <= 3 && !stop.match(text + QLatin1Char(' ')).hasMatch();
                     --k) {
                    const Segment& below = segs[k + 1];
                    // A paragraph's lines above its last are full lines: a short one is a block's.
                    if ((m_zones[p][k] != Zone::Other && m_zones[p][k] != Zone::Signature)
                        || below.box.top() - segs[k].box.bottom() > below.box.height() * 1.2
                        || std::abs(segs[k].box.left() - below.box.left()) > 3 * below.box.height()
                        || segs[k].box.width() < 0.7 * width || segs[k].text.trimmed().endsWith(QLatin1Char('.'))) {
                        break;
                    }
                    width = std::max(width, segs[k].box.width());
                    text = segs[k].text.left(MaxSegmentLength) + QLatin1Char(' ') + text;
                    first = k;
                }
                // From the sentence's start.
                qsizetype from = 0;
                for (auto it = stop.globalMatch(text); it.hasNext();) {
                    from = it.next().capturedEnd(0);
                }
                QString names = text.mid(from);
                const QString folded = foldSameLength(names);
                if (const auto pt = patient.match(folded); pt.hasMatch()) {
                    m_out.copyToPatient = true;
                    names.truncate(pt.capturedStart(0));
                }
                const auto entries = splitEntries(names);
                for (const auto& [person, context] : entries) {
                    if (!person.professional || isAuthor(person)) {
                        continue;
                    }
                    Recipient r = recipientFrom(person, RecipientRole::Cc, Zone::Copies);
                    addContext(r, contextParts(context));
                    add(r, person);
                }
                for (qsizetype k = first; k <= i && !entries.isEmpty(); ++k) {
                    m_zones[p][k] = Zone::Copies;
                }
            }
        }
    }

    // A copies table set in columns, one entry per column ("Copie à | Dr A | Dr B"), with rows of
    // fields under them ("Qualité | Hématologue | ORL", "Ville | TOULON | Metz"): each entry's cells
    // in those rows are its context (his place among them).
    void findEntryColumns()
    {
        static const QRegularExpression rowHead(QStringLiteral(
            R"(^(?:copies?(?:\s+a)?|destinataires?|en\s+copie|diffusion|cc|nom)\s*:?(?:\s*$|\s+(?=(?:dr|docteure?|pr|professeure?)\.?\s)))"));
        static const QRegularExpression fieldHead(QStringLiteral(
            R"(^(?:specialite|qualite|fonction|discipline|ville|commune|localite|adresse|cp|code\s+postal|envoi|transmission|mode|canal)\b)"));
        for (qsizetype p = 0; p < m_pages.size(); ++p) {
            if (!whole(p)) {
                continue;
            }
            const QList<Segment>& segs = m_pages[p];
            for (qsizetype i = 0; i < segs.size(); ++i) {
                const auto head = rowHead.match(m_folded[p][i]);
                if (!head.hasMatch() || segs[i].words.isEmpty()
                    || (m_zones[p][i] != Zone::Copies && m_zones[p][i] != Zone::Other)) {
                    continue;
                }
                const double h = segs[i].box.height();
                const auto sameLine = [&](const Segment& a, const Segment& b) {
                    return std::abs(a.box.center().y() - b.box.center().y()) <= 0.5 * h;
                };
                struct Entry
                {
                    double x;
                    QString text;
                    QStringList cells;
                    double right = 0;
                    const Segment* segment = nullptr;
                };
                QList<Entry> entries;
                // The row's words after the label, in runs parted by a column's gap: an entry each
                // (the text layer may run two columns into one cell).
                const auto addRuns = [&](const Segment& seg, qsizetype from) {
                    for (const WordSpan& w : seg.words) {
                        if (w.start < from || entries.size() >= 8) {
                            continue;
                        }
                        const QString word = seg.text.mid(w.start, w.length);
                        if (!entries.isEmpty() && w.box.left() - entries.back().right <= 0.8 * h
                            && entries.back().segment == &seg) {
                            entries.back().text += QLatin1Char(' ') + word;
                            entries.back().right = w.box.right();
                        } else {
                            entries += Entry{w.box.left(), word, {}, w.box.right(), &seg};
                        }
                    }
                };
                addRuns(segs[i], head.capturedEnd(0));
                for (qsizetype k = 0; k < segs.size(); ++k) {
                    if (k != i && sameLine(segs[k], segs[i]) && segs[k].box.left() > segs[i].box.right()) {
                        addRuns(segs[k], 0);
                    }
                }
                std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.x < b.x; });
                if (entries.isEmpty()) {
                    continue;
                }
                // The rows of fields under the entries, one after the other.
                double bottom = segs[i].box.bottom();
                int rows = 0;
                for (int row = 0; row < 5; ++row) {
                    QList<qsizetype> cells;
                    for (qsizetype k = 0; k < segs.size(); ++k) {
                        const double gap = segs[k].box.top() - bottom;
                        if (gap > -0.3 * h && gap <= 1.2 * h && segs[k].box.right() > segs[i].box.left()
                            && (cells.isEmpty() || sameLine(segs[k], segs[cells.front()]))) {
                            cells += k;
                        }
                    }
                    std::sort(cells.begin(), cells.end(),
                              [&](qsizetype a, qsizetype b) { return segs[a].box.left() < segs[b].box.left(); });
                    if (cells.isEmpty() || !fieldHead.match(m_folded[p][cells.front()]).hasMatch()) {
                        break;
                    }
                    for (const qsizetype k : cells) {
                        bottom = std::max(bottom, segs[k].box.bottom());
                        for (const WordSpan& w : segs[k].words) {
                            qsizetype column = -1;
                            for (qsizetype e = 0; e < entries.size(); ++e) {
                                column = w.box.left() >= entries[e].x - h ? e : column;
                            }
                            if (column >= 0) {
                                QStringList& into = entries[column].cells;
                                if (into.size() <= row) {
                                    into.resize(row + 1);
                                }
                                into[row] += (into[row].isEmpty() ? QString() : QStringLiteral(" "))
                                             + segs[k].text.mid(w.start, w.length);
                            }
                        }
                    }
                    ++rows;
                }
                if (rows == 0) {
                    continue;
                }
                for (const Entry& e : entries) {
                    const auto person = parsePersonName(e.text, true);
                    if (!person || !person->professional) {
                        continue;
                    }
                    Recipient r = recipientFrom(*person, RecipientRole::Cc, Zone::Copies);
                    addContext(r, contextParts(e.cells.join(QStringLiteral(", "))));
                    add(r, *person);
                }
            }
        }
    }

    static QList<std::pair<PersonName, QString>> splitEntries(const QString& text)
    {
        QList<std::pair<PersonName, QString>> out;
        static const QRegularExpression sep(
            QStringLiteral(
                // ";" (read as ":" by OCR at times), " / ", " + ", or " - ", "et" before the next titled name, maybe
                // numbered ("– (2) Dr X") (a part that names no one is the context of the entry before it:
                // "Dr X / cardiologue / Brest").
                // A title after a comma and before no name ends the entry before it ("VASSEUR Minh, Dr — …").
                // Two entries the text layer ran into one cell ("Dr. Sylvie DE SOUSA Dr LOPEZ Marc"): a title
                // right after a capitalised name word (not after "au", "Madame le") opens the next.
                // "… est transmise au Dr X": the sentence that tells the list ends where it names someone
                // ("…, ainsi qu'au Dr Y").
                R"(\s*(?:;|\s[/•|+]\s|(?:\bet|:|,|\s[-–—])\s+(?=(?:(?:\(?\d{1,2}|)")
            + QString::fromUtf16(RomanNumber)
            + QStringLiteral(
                R"()[.)]\s+)?(?:(?:au|aux|à\s+la|à|a)\s+)?(?:(?:Monsieur|Madame)\s+le\s+)?(?:le\s+)?(?:[Dd]r\.?|Docteure?|[Pp]r\.?|Professeure?|Mme|Madame|M\.|Monsieur)\s+\p{L})|\s+(?=(?:au|aux)\s+(?:(?:Monsieur|Madame)\s+le\s+)?(?:[Dd]r\.?|Docteure?|[Pp]r\.?|Professeure?)\s)|\s+(?:ainsi\s+)?qu['’]\s?(?=(?:au|aux|à\s+la|à)\s+(?:(?:Monsieur|Madame)\s+le\s+)?(?:[Dd]r\.?|Docteure?|[Pp]r\.?|Professeure?)\s)|\s+(?=\(\d{1,2}\)\s+(?:[Dd]r\.?|Docteure?|[Pp]r\.?|Professeure?|Mme|Madame|M\.|Monsieur)\s)|,\s+(?=(?:au|aux|à)\s+\p{Lu}[\p{L}'’\-]+\s+\p{Lu}[\p{L}'’\-]+\s*\(\s*(?:Dr|Pr)\.?\s*\)))|(?<=\p{Lu}\p{Lu}|\p{Lu}\p{Ll}|\p{Lu}\p{Ll}{2}|\p{Lu}\p{Ll}{3}|\p{Lu}\p{Ll}{4}|\p{Lu}\p{Ll}{5}|\p{Lu}\p{Ll}{6}|\p{Lu}\p{Ll}{7}|\p{Lu}\p{Ll}{8})\s+(?=(?:Dr\.?|Pr\.?|Docteure?|Professeure?)\s+\p{Lu}))"));
        // "Drs BOYER Raphaël et LÉROY Geneviève": one plural title for several names, each a doctor.
        static const QRegularExpression plural(
            QStringLiteral(R"(^\s*(?:[-–—•*·]\s*)?(Drs\.?|Docteurs|Prs\.?|Professeurs)\s+(.+)$)"));
        if (const auto m = plural.match(text); m.hasMatch()) {
            const QString title = m.captured(1).startsWith(QLatin1Char('P')) ? QStringLiteral("Pr ") : QStringLiteral("Dr ");
            static const QRegularExpression names(QStringLiteral(R"(\s*(?:,|;|\bet\b)\s*)"));
            for (const QString& one : m.captured(2).split(names, Qt::SkipEmptyParts)) {
                const QString titled = title + one.trimmed();
                if (const auto person = parsePersonName(titled, false)) {
                    out += {*person, titled.mid(person->end)};
                }
            }
            return out;
        }
        // " – " between names without titles ("LEGRAND Michel – DUMAS Raphaël (Lille) – Pat."): a
        // piece that is a name opens an entry; any other piece stays with the entry before it.
        static const QRegularExpression dash(QStringLiteral(R"(\s[-–—]\s)"));
        QStringList parts;
        for (const QString& part : text.split(sep, Qt::SkipEmptyParts)) {
            qsizetype from = 0;
            for (auto it = dash.globalMatch(part); it.hasNext();) {
                const auto d = it.next();
                const QString next = part.mid(d.capturedEnd(0)).trimmed();
                const auto person = parsePersonName(next, false);
                const QStringList words = person ? person->asRead.split(QLatin1Char(' ')) : QStringList();
                if (person && !part.left(d.capturedStart(0)).mid(from).trimmed().isEmpty()
                    && next.startsWith(person->asRead) && std::none_of(words.begin(), words.end(), notAName)) {
                    parts += part.mid(from, d.capturedStart(0) - from);
                    from = d.capturedEnd(0);
                }
            }
            parts += part.mid(from);
        }
        for (const QString& part : std::as_const(parts)) {
            const QString trimmed = part.trimmed();
            QString cleaned = trimmed;
            static const QRegularExpression bullet(QStringLiteral(R"(^[\-–—)") + QString::fromUtf16(BulletMarks)
                                                       + QStringLiteral(R"(]\s*)"));
            cleaned.remove(bullet);
            // A list's numbers: "(2) Dr X", "2. Dr X".
            static const QRegularExpression number(QStringLiteral(R"(^(?:\(?\d{1,2}[.)]\s+|)") + romanBeforeTitle()
                                                   + QLatin1Char(')'));
            cleaned.remove(number);
            // "et au Docteur X": the article joined the entry to the list, it is not part of the name.
            // Nor "le" before a title ("Le Dr X (Caen), le Dr ROUSSEAU … et le Dr C. SAINT-JUST reçoivent copie").
            static const QRegularExpression article(QStringLiteral(
                R"(^(?:(?:au|aux|à\s+la|à|a)\s+(?=\p{Lu})|[Ll][ea]\s+(?=(?:Dr\.?|Docteure?|Pr\.?|Professeure?)\s)))"));
            cleaned.remove(article);
            const auto person = parsePersonName(cleaned, false);
            if (person) {
                out += {*person, cleaned.mid(person->end)};
            } else if (!out.isEmpty()) {
                out.back().second += QStringLiteral(", ") + trimmed; // the entry's context, cut off by a separator
            }
        }
        return out;
    }

    // "Cher Docteur Paul DURAND,": the addressee when no window named one.
    void findSalutation()
    {
        if (m_pages.isEmpty()) {
            return;
        }
        static const QRegularExpression salutation(QStringLiteral(
            R"(^(?:Mon\s+)?(?:Tr[èe]s\s+)?(?:Cher|Chère|Chere)\s+(?:Confrère|Consœur|Consoeur|Collègue|Ami|Amie)?\s*(.*?)[,.]?\s*$)"));
        const QList<Segment>& first = m_pages.front();
        for (qsizetype i = 0; i < first.size(); ++i) {
            const QString& text = first[i].text;
            auto m = salutation.match(text.left(120));
            QString rest;
            if (m.hasMatch()) {
                rest = m.captured(1);
            } else if ((text.startsWith(QLatin1String("Madame le")) || text.startsWith(QLatin1String("Monsieur le"))
                        || text.startsWith(QLatin1String("Madame la")))
                       && text.trimmed().endsWith(QLatin1Char(',')) && text.size() < 80
                       && m_zones[0][i] == Zone::Other) {
                rest = text.trimmed().chopped(1);
            } else {
                continue;
            }
            m_zones[0][i] = Zone::Salutation;
            const bool anyTo = std::any_of(m_recipients.begin(), m_recipients.end(), [](const Recipient& r) {
                return r.role == RecipientRole::To && r.zone != Zone::Body;
            });
            const auto person = parsePersonName(rest, true);
            if (!anyTo && person && person->professional) {
                add(recipientFrom(*person, RecipientRole::To, Zone::Salutation), *person);
            }
            break;
        }
    }

    // Names in running text ("adressé par le Dr …", "Médecin traitant : Dr …"): proposed, never
    // chosen for the secretary.
    void findBodyMentions()
    {
        static const QRegularExpression titled(
            QStringLiteral(R"((?<![\p{L}])(?:(?:Madame|Monsieur)\s+le\s+)?(?:Dr\.?|Docteure?|Pr\.?|Professeure?)\s)"));
        static const QRegularExpression referrer(
            QStringLiteral(R"(medecin\s+(?:traitant|referent|adresseur)|adresse(?:e)?\s+par|correspondant|suivi(?:e)?\s+par)"));
        for (qsizetype p = 0; p < m_pages.size(); ++p) {
            if (!whole(p)) {
                continue;
            }
            const QList<Segment>& segs = m_pages[p];
            for (qsizetype i = 0; i < segs.size(); ++i) {
                Zone& zone = m_zones[p][i];
                if (zone != Zone::Other) {
                    continue;
                }
                const QString& text = segs[i].text;
                const bool sentence = sentenceLike(text);
                if (sentence) {
                    zone = Zone::Body;
                }
                if (!sentence && !referrer.match(m_folded[p][i]).hasMatch()) {
                    continue;
                }
                auto it = titled.globalMatch(text.left(MaxSegmentLength));
                while (it.hasNext()) {
                    const auto m = it.next();
                    const auto person = parsePersonName(text.mid(m.capturedStart(0)), true);
                    if (!person || !person->professional) {
                        continue;
                    }
                    Recipient r = recipientFrom(*person, RecipientRole::Cc, Zone::Body);
                    addContext(r, contextParts(text.mid(m.capturedStart(0) + person->end).left(80)));
                    add(r, *person);
                }
            }
        }
    }

    void findDocumentType()
    {
        if (m_pages.isEmpty()) {
            return;
        }
        // Titles of page 1; the largest print wins, two different titles at the same size (within 8 %,
        // what OCR's boxes vary by) are unsure. (A form's caption, "DOCUMENT DE LIAISON D'URGENCE" in
        // the running size over the identity, is not the letter's title set a point larger.)
        struct Title
        {
            QString code;
            double size;
            bool alone; // no cell before it on its line (a field's value is no title)
            bool caps;  // set in capitals
        };
        QList<Title> titles;
        const QList<Segment>& first = m_pages.front();
        // The print's size: OCR's box spans the letters drawn, from the capitals' top to the
        // descenders' bottom when the line has any ("COMPTE-RENDU" is shorter than "Mammographie"
        // set smaller).
        const bool glyphBoxes = m_byOcr.value(0);
        const auto sizeOf = [&](const Segment& s) {
            static const QRegularExpression descender(QStringLiteral(R"([gjpqyç,;(){}\[\]])"));
            return glyphBoxes && !descender.match(s.text).hasMatch() ? s.box.height() / 0.77 : s.box.height();
        };
        for (qsizetype i = 0; i < first.size(); ++i) {
            if (m_zones[0][i] != Zone::Other && m_zones[0][i] != Zone::Body) {
                continue;
            }
            if (const auto code = titleTypeCode(first[i].text)) {
                const double h = first[i].box.height();
                const bool alone = std::none_of(first.begin(), first.end(), [&](const Segment& s) {
                    return &s != &first[i] && std::abs(s.box.center().y() - first[i].box.center().y()) < 0.5 * h
                           && s.box.right() <= first[i].box.left();
                });
                const QString& text = first[i].text;
                const bool caps = std::none_of(text.begin(), text.end(), [](QChar c) { return c.isLower(); });
                titles += Title{*code, sizeOf(first[i]), alone, caps};
            }
        }
        if (titles.isEmpty()) {
            return;
        }
        std::stable_sort(titles.begin(), titles.end(), [](const Title& a, const Title& b) { return a.size > b.size; });
        QStringList top;
        QStringList alone;
        QStringList capitals;
        for (const Title& t : titles) {
            if (t.size >= titles.front().size * 0.92 && !top.contains(t.code)) {
                top += t.code;
                if (t.alone && !alone.contains(t.code)) {
                    alone += t.code;
                    if (t.caps) {
                        capitals += t.code;
                    }
                }
            }
        }
        // Two at about the same size: the one alone on its line is the title ("COMPTE RENDU DE
        // CONSULTATION" over "Examen   Mammographie bilatérale"); of two alone, the one set in
        // capitals ("COMPTE RENDU D'EXAMENS BIOLOGIQUES" over "Consultation pré-anesthésique").
        if (top.size() > 1 && alone.size() == 1) {
            top = alone;
        } else if (top.size() > 1 && alone.size() > 1 && capitals.size() == 1) {
            top = capitals;
        }
        if (top.size() == 1) {
            m_out.documentType = missive::findDocumentType(top.front());
        } else {
            m_out.warnings += QStringLiteral("type de document incertain (plusieurs titres)");
        }
    }

    // The stay or consultation the letter reports: "hospitalisée du 14/11/2026 au 23/11/2026",
    // "Hospitalisation du 5 au 13 novembre 2026", "vu en consultation le 12/11/2026", "Date
    // d'entrée : … Date de sortie : …". Two different ones: none (the dates are not guessed).
    void findEpisode()
    {
        using Setting = CareEpisode::Setting;
        QList<CareEpisode> found;
        const auto add = [&](Setting setting, const QDate& start, const QDate& end) {
            if (start.isValid() && end.isValid() && start <= end && start.daysTo(end) <= 366 && start.year() >= 1990) {
                const CareEpisode e{start == end && setting == Setting::Stay ? Setting::DayStay : setting, start, end};
                if (!found.contains(e)) {
                    found += e;
                }
            }
        };
        // A date that starts `text` exactly, and where it ends.
        const auto dateAt = [](QStringView text, qsizetype* end) {
            qsizetype at = -1;
            const QDate d = parseFrenchDate(text, &at, end);
            return at == 0 ? d : QDate();
        };
        static const QRegularExpression range(QStringLiteral(R"(\bdu\s+)"));
        static const QRegularExpression to(QStringLiteral(R"(^(?:er)?\s+au\s+)"));
        static const QRegularExpression shortStart(QStringLiteral(R"(^(\d{1,2})(?:[/.](\d{1,2}))?(?:er)?\s+au\s+)"));
        static const QRegularExpression stayWord(
            QStringLiteral(R"((?:hospitalis|sejour|admis|admission|entree|opere))"));
        static const QRegularExpression dayWord(QStringLiteral(R"((?:hospitalisation\s+de\s+jour|ambulatoire))"));
        static const QRegularExpression consultWord(QStringLiteral(R"((?:consult|rendez-vous|\bvue?\b))"));
        static const QRegularExpression single(QStringLiteral(
            R"((hospitalisation\s+de\s+jour|en\s+ambulatoire|chirurgie\s+ambulatoire|consultation|vue?\s+en\s+consultation|consulte)\s+(?:du|le)\s+)"));
        static const QRegularExpression entry(
            QStringLiteral(R"((?:date\s+d'entree|entree\s+le|admis(?:e)?\s+le)\s*:?\s*)"));
        static const QRegularExpression exit(
            QStringLiteral(R"((?:date\s+de\s+sortie|sortie\s+le|sortie\s+prevue\s+le)\s*:?\s*)"));
        QList<QDate> entries; // "Date d'entrée : …", each different value once
        QList<QDate> exits;
        const auto note = [](QList<QDate>& into, const QDate& d) {
            if (d.isValid() && !into.contains(d)) {
                into += d;
            }
        };
        for (qsizetype p = 0; p < m_pages.size(); ++p) {
            for (qsizetype i = 0; i < m_pages[p].size(); ++i) {
                const QString& folded = m_folded[p][i];
                if (folded.isEmpty() || m_zones[p][i] == Zone::Copies || m_zones[p][i] == Zone::SideColumn) {
                    continue;
                }
                const QString text = m_pages[p][i].text.left(MaxSegmentLength).simplified();
                if (text.size() != folded.size()) {
                    continue; // positions would not match
                }
                // Cheap word checks first: most lines name no care at all.
                const bool ranged = folded.contains(QLatin1String("du ")) && folded.contains(QLatin1String(" au "));
                for (auto it = ranged ? range.globalMatch(folded) : QRegularExpressionMatchIterator();
                     it.isValid() && it.hasNext();) {
                    const auto m = it.next();
                    const QStringView rest = QStringView(text).mid(m.capturedEnd());
                    qsizetype firstEnd = 0;
                    QDate start = dateAt(rest, &firstEnd);
                    // "du 5 au 13 novembre 2026", "du 05/11 au 13/11/2026": the start takes the end's
                    // month and year.
                    const auto partial =
                        start.isValid() ? QRegularExpressionMatch() : shortStart.match(rest.toString());
                    qsizetype secondAt = -1;
                    if (start.isValid()) {
                        const auto t = to.match(rest.mid(firstEnd).toString());
                        secondAt = t.hasMatch() ? firstEnd + t.capturedEnd() : -1;
                    } else if (partial.hasMatch()) {
                        secondAt = partial.capturedEnd();
                    }
                    if (secondAt < 0) {
                        continue;
                    }
                    qsizetype endEnd = 0;
                    const QDate end = dateAt(rest.mid(secondAt), &endEnd);
                    if (!end.isValid()) {
                        continue;
                    }
                    if (!start.isValid()) {
                        const int month = partial.captured(2).isEmpty() ? end.month() : partial.captured(2).toInt();
                        start = QDate(end.year(), month, partial.captured(1).toInt());
                        if (start > end) {
                            start = start.addYears(-1); // "du 28/12 au 03/01/2027"
                        }
                    }
                    const QString before = folded.mid(std::max<qsizetype>(0, m.capturedStart() - 80),
                                                      std::min<qsizetype>(80, m.capturedStart()));
                    if (dayWord.match(before).hasMatch()) {
                        add(Setting::DayStay, start, end);
                    } else if (stayWord.match(before).hasMatch()) {
                        add(Setting::Stay, start, end);
                    } else if (consultWord.match(before).hasMatch()) {
                        add(Setting::Consultation, start, end);
                    }
                }
                const bool named = folded.contains(QLatin1String("consult")) || folded.contains(QLatin1String("jour"))
                                   || folded.contains(QLatin1String("ambulatoire"));
                for (auto it = named ? single.globalMatch(folded) : QRegularExpressionMatchIterator();
                     it.isValid() && it.hasNext();) {
                    const auto m = it.next();
                    qsizetype end = 0;
                    const QDate d = dateAt(QStringView(text).mid(m.capturedEnd()), &end);
                    const bool day = !m.captured(1).contains(QLatin1String("consult"));
                    add(day ? Setting::DayStay : Setting::Consultation, d, d);
                }
                const bool dated = folded.contains(QLatin1String("entree")) || folded.contains(QLatin1String("sortie"))
                                   || folded.contains(QLatin1String("admis"));
                if (!dated) {
                    continue;
                }
                qsizetype end = 0;
                if (const auto m = entry.match(folded); m.hasMatch()) {
                    note(entries, dateAt(QStringView(text).mid(m.capturedEnd()), &end));
                }
                if (const auto m = exit.match(folded); m.hasMatch()) {
                    note(exits, dateAt(QStringView(text).mid(m.capturedEnd()), &end));
                }
            }
        }
        if (entries.size() == 1 && exits.size() == 1) {
            add(Setting::Stay, entries.front(), exits.front());
        }
        if (found.size() == 1) {
            m_out.episode = found.front();
        }
    }

    // The patient's IPP, labelled: one value, or none (another person's, two stays' numbers…).
    void findIpp()
    {
        static const QRegularExpression ipp(
            QStringLiteral(R"((?<![a-z])(?:n[o°]\s*)?(?:ipp|nip)\s*[:;]?\s*([0-9]{4,20})(?![0-9]))"));
        QStringList ipps;
        for (qsizetype p = 0; p < m_pages.size(); ++p) {
            for (qsizetype i = 0; i < m_pages[p].size(); ++i) {
                const QString& folded = m_folded[p][i];
                if (!folded.contains(QLatin1String("ipp")) && !folded.contains(QLatin1String("nip"))) {
                    continue;
                }
                for (auto it = ipp.globalMatch(folded); it.hasNext();) {
                    const QString value = it.next().captured(1);
                    if (!ipps.contains(value)) {
                        ipps += value;
                    }
                }
            }
        }
        if (ipps.size() == 1) {
            m_out.ipp = ipps.front();
        }
    }

    QList<QList<Segment>> m_pages;                         // a copy: an addressee's form is read without its labels
    std::vector<std::pair<QString, QString>> m_rowNumbers; // a row's text, the RPPS printed before it
    const QList<double>& m_heights;
    const QList<bool>& m_byOcr;
    QList<QList<Zone>> m_zones;
    QList<QStringList> m_folded;
    std::optional<PersonName> m_author;
    QList<Recipient> m_recipients;
    QSet<QString> m_tentativeTo; // personKey of addressees whose role settleTentativeAddressees() decides
    QSet<QString> m_firmTo;      // personKey of addressees named as such
    LetterReading m_out;
};

} // namespace

LetterReading readLetter(const QList<QList<Segment>>& pages, const QList<double>& pageHeights, const QList<bool>& byOcr)
{
    if (pages.isEmpty()) {
        return {};
    }
    return LetterReader(pages, pageHeights, byOcr).read();
}

} // namespace missive::ocr
