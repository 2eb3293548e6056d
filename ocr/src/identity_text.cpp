#include "identity_text.h"

#include "missive/core/ins.h"
#include "names.h"

#include <QHash>
#include <QRegularExpression>
#include <algorithm>
#include <optional>

namespace missive::ocr
{
namespace
{

constexpr qsizetype MaxSegmentLength = 400; // longer "segments" are not letter lines: cut them
constexpr int MaxSegments = 4000;           // per document: beyond, the rest is not identity text
// Two cells of one row (a printed bar between them, dropped by the layout) stand at most this many
// letter heights apart; farther is another column.
constexpr double CellGap = 4.5;
constexpr int CurrentYear = 2026;           // for two-digit years (see parseFrenchDate); the next
                                            // ambiguous window opens in 2027 and widens each year

// ---------------------------------------------------------------------------------------------
// Dates

const QStringList& monthNames()
{
    static const QStringList months{
        QStringLiteral("janvier"), QStringLiteral("fevrier"),  QStringLiteral("mars"),
        QStringLiteral("avril"),   QStringLiteral("mai"),      QStringLiteral("juin"),
        QStringLiteral("juillet"), QStringLiteral("aout"),     QStringLiteral("septembre"),
        QStringLiteral("octobre"), QStringLiteral("novembre"), QStringLiteral("decembre")};
    return months;
}

// A two-digit year: the century is taken only when the other one is impossible (a birth in the
// future) or implausible (older than 105).
int fullYear(int twoDigits)
{
    const int recent = 2000 + twoDigits;
    const int old = 1900 + twoDigits;
    if (recent > CurrentYear) {
        return old;
    }
    if (CurrentYear - old > 105) {
        return recent;
    }
    return 0; // 1921 or 2021: unread
}

// The days of a month in words, folded, with "-" between the parts of a compound.
const QList<std::pair<QString, int>>& dayNames()
{
    static const QList<std::pair<QString, int>> days = [] {
        const QStringList units =
            QStringLiteral("un deux trois quatre cinq six sept huit neuf").split(QLatin1Char(' '));
        const QStringList teens =
            QStringLiteral("dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf")
                .split(QLatin1Char(' '));
        QList<std::pair<QString, int>> out{{QStringLiteral("premier"), 1}, {QStringLiteral("1er"), 1}};
        for (qsizetype i = 0; i < units.size(); ++i) {
            out.append({units[i], static_cast<int>(i) + 1});
            out.append(
                {QStringLiteral("vingt-") + (i == 0 ? QStringLiteral("et-un") : units[i]), static_cast<int>(i) + 21});
        }
        for (qsizetype i = 0; i < teens.size(); ++i) {
            out.append({teens[i], static_cast<int>(i) + 10});
        }
        out.append({QStringLiteral("vingt"), 20});
        out.append({QStringLiteral("trente"), 30});
        out.append({QStringLiteral("trente-et-un"), 31});
        return out;
    }();
    return days;
}

// The numbers 1 to 99 in words, folded, "-" between the parts ("quatre-vingt-neuf", "soixante-et-onze").
const QList<std::pair<QString, int>>& numberNames()
{
    static const QList<std::pair<QString, int>> numbers = [] {
        const QStringList units =
            QStringLiteral("un deux trois quatre cinq six sept huit neuf").split(QLatin1Char(' '));
        const QStringList teens =
            QStringLiteral("dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf")
                .split(QLatin1Char(' '));
        QList<std::pair<QString, int>> out;
        for (qsizetype i = 0; i < units.size(); ++i) {
            out.append({units[i], static_cast<int>(i) + 1});
        }
        for (qsizetype i = 0; i < teens.size(); ++i) {
            out.append({teens[i], static_cast<int>(i) + 10});
        }
        const QStringList tens = QStringLiteral("vingt trente quarante cinquante soixante").split(QLatin1Char(' '));
        for (qsizetype t = 0; t < tens.size(); ++t) {
            const int base = 20 + 10 * static_cast<int>(t);
            out.append({tens[t], base});
            for (qsizetype i = 0; i < units.size(); ++i) {
                out.append({tens[t] + (i == 0 ? QStringLiteral("-et-un") : QLatin1Char('-') + units[i]),
                            base + static_cast<int>(i) + 1});
            }
        }
        for (qsizetype i = 0; i < teens.size(); ++i) { // 70 to 79, 90 to 99
            const QString teen = i == 1 ? QStringLiteral("et-onze") : teens[i];
            out.append({QStringLiteral("soixante-") + teen, 70 + static_cast<int>(i)});
            out.append({QStringLiteral("quatre-vingt-") + teens[i], 90 + static_cast<int>(i)});
        }
        out.append({QStringLiteral("quatre-vingts"), 80});
        out.append({QStringLiteral("quatre-vingt"), 80});
        for (qsizetype i = 0; i < units.size(); ++i) {
            out.append({QStringLiteral("quatre-vingt-") + units[i], 81 + static_cast<int>(i)});
        }
        return out;
    }();
    return numbers;
}

// A year of 1900 to 2099 written in words ("mil neuf cent quatre-vingt-neuf", "deux mille dix"), as
// a pattern, and read back (0 when it is none).
const QString& yearWordsPattern()
{
    static const QString pattern = [] {
        QList<std::pair<QString, int>> numbers = numberNames();
        std::stable_sort(numbers.begin(), numbers.end(),
                         [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
        QStringList alternatives;
        for (const auto& n : numbers) {
            alternatives += QString(n.first).replace(QLatin1Char('-'), QStringLiteral(R"([\s\-]+)"));
        }
        const QString rest = QStringLiteral(R"((?:[\s\-]+(?:%1))?)").arg(alternatives.join(QLatin1Char('|')));
        return QStringLiteral(R"((?:mil|mille)[\s\-]+neuf[\s\-]+cents?%1|deux[\s\-]+mille%1)").arg(rest);
    }();
    return pattern;
}

int yearFromWords(QString words)
{
    static const QRegularExpression spaces(QStringLiteral(R"([\s\-]+)"));
    words = words.trimmed().replace(spaces, QStringLiteral("-"));
    static const QRegularExpression century(QStringLiteral(R"(^(?:(mil(?:le)?-neuf-cents?)|(deux-mille))(?:-(.+))?$)"));
    const auto m = century.match(words);
    if (!m.hasMatch()) {
        return 0;
    }
    const int base = m.capturedLength(1) > 0 ? 1900 : 2000;
    if (m.capturedLength(3) == 0) {
        return base;
    }
    const QString rest = m.captured(3);
    const auto named =
        std::find_if(numberNames().begin(), numberNames().end(), [&](const auto& n) { return n.first == rest; });
    return named != numberNames().end() ? base + named->second : 0;
}

struct DateHit
{
    QDate date;
    qsizetype at = -1;
    qsizetype end = -1;
};

DateHit findDate(QStringView text)
{
    const QString folded = foldSameLength(text.left(MaxSegmentLength));
    static const QRegularExpression numeric(QStringLiteral(
        R"((?<![\d/.\-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\s?\2\s?(\d\s?\d{3}|\d{2}(?![\d]))(?![\d/]))"));
    static const QRegularExpression iso(QStringLiteral(R"((?<![\d/.\-])(\d{4})-(\d{2})-(\d{2})(?![\d\-]))"));
    // "23 10 1990": spaces only with a whole year, never inside a run of digit groups (a phone number).
    static const QRegularExpression spaced(
        QStringLiteral(R"((?<!\d)(?<!\d\s)(\d{2})\s(\d{2})\s((?:19|20)\d{2})(?!\s?\d))"));
    static const QRegularExpression words(QStringLiteral(
        R"((?<![\d])(\d{1,2})\s?(?:er|°)?(?:\s+|\s?[\-/.]\s?)(janvier|janv\.?|jan\.?|fevrier|fevr\.?|fev\.?|mars|mar\.?|avril|avr\.?|mai|juin|juillet|juil\.?|aout|aou\.?|septembre|sept\.?|sep\.?|octobre|oct\.?|novembre|nov\.?|decembre|dec\.?|feb|apr|may|jun|jul|aug)(?:\s+|\s?[\-/.]\s?)(\d{4})(?![\d]))"));
    DateHit best;
    const auto consider = [&](const QDate& d, qsizetype at, qsizetype end) {
        if (d.isValid() && (best.at < 0 || at < best.at)) {
            best = DateHit{d, at, end};
        }
    };
    if (const auto m = numeric.match(folded); m.hasMatch()) {
        QString y = m.captured(4).remove(QLatin1Char(' '));
        const int year = y.size() == 2 ? fullYear(y.toInt()) : y.toInt();
        if (year > 0) {
            consider(QDate(year, m.captured(3).toInt(), m.captured(1).toInt()), m.capturedStart(0), m.capturedEnd(0));
        }
    }
    if (const auto m = spaced.match(folded); m.hasMatch()) {
        consider(QDate(m.captured(3).toInt(), m.captured(2).toInt(), m.captured(1).toInt()), m.capturedStart(0),
                 m.capturedEnd(0));
    }
    if (const auto m = iso.match(folded); m.hasMatch()) {
        consider(QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()), m.capturedStart(0),
                 m.capturedEnd(0));
    }
    // The day in words ("vingt-sept septembre 2010", "premier mars 1950"): longest first, so that
    // "vingt-sept" is not read "vingt".
    static const QRegularExpression dayWords = [] {
        QList<std::pair<QString, int>> days = dayNames();
        std::stable_sort(days.begin(), days.end(),
                         [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
        QStringList alternatives;
        for (const auto& day : days) {
            alternatives += QString(day.first).replace(QLatin1Char('-'), QStringLiteral(R"([\s\-]+)"));
        }
        // (The year in figures, or in words: "le quatre mars mil neuf cent quatre-vingt-neuf".)
        return QRegularExpression(
            QStringLiteral(R"((?<![\p{L}\d])(%1)\s+(%2)\s+(\d{4}(?!\d)|(?:%3)(?![\p{L}\-])))")
                .arg(alternatives.join(QLatin1Char('|')), monthNames().join(QLatin1Char('|')), yearWordsPattern()));
    }();
    if (const auto m = dayWords.match(folded); m.hasMatch()) {
        static const QRegularExpression spaces(QStringLiteral(R"([\s\-]+)"));
        const QString day = m.captured(1).replace(spaces, QStringLiteral("-"));
        const auto named =
            std::find_if(dayNames().begin(), dayNames().end(), [&](const auto& d) { return d.first == day; });
        if (named != dayNames().end()) {
            const int year = m.captured(3).front().isDigit() ? m.captured(3).toInt() : yearFromWords(m.captured(3));
            consider(QDate(year, static_cast<int>(monthNames().indexOf(m.captured(2))) + 1, named->second),
                     m.capturedStart(0), m.capturedEnd(0));
        }
    }
    if (const auto m = words.match(folded); m.hasMatch()) {
        const QString name = m.captured(2).remove(QLatin1Char('.'));
        // (A database's English abbreviations, "16-JUN-1997", where they differ from the French.)
        static const QHash<QString, int> english{{QStringLiteral("feb"), 2}, {QStringLiteral("apr"), 4},
                                                 {QStringLiteral("may"), 5}, {QStringLiteral("jun"), 6},
                                                 {QStringLiteral("jul"), 7}, {QStringLiteral("aug"), 8}};
        int month = english.value(name);
        for (qsizetype i = 0; i < monthNames().size() && month == 0; ++i) {
            if (monthNames()[i].startsWith(name)) {
                month = static_cast<int>(i) + 1;
                break;
            }
        }
        if (month > 0) {
            consider(QDate(m.captured(3).toInt(), month, m.captured(1).toInt()), m.capturedStart(0),
                     m.capturedEnd(0));
        }
    }
    return best;
}

bool plausibleBirthDate(const QDate& d)
{
    return d.isValid() && d.year() >= 1880 && d.year() <= CurrentYear;
}

// A date value written in a form's boxes ("1 5  0 6  1 9 4 0") or in groups ("15 06 1940"), and
// nothing else but the age ("11 09 1968 – 58 ans") or the sex ("11 07 1936 (F)"): as
// "15/06/1940" followed by that rest. Any other value as it is.
QString combedDate(const QString& raw)
{
    // OCR's O for a zero in a value of figures only ("O1 05 1943").
    static const QRegularExpression figuresOnly(QStringLiteral(R"(^[\s\dOo/.\-]*\d[\s\dOo/.\-]*$)"));
    QString value = raw;
    if (figuresOnly.match(value).hasMatch()) {
        value.replace(QLatin1Char('O'), QLatin1Char('0')).replace(QLatin1Char('o'), QLatin1Char('0'));
    }
    static const QRegularExpression combed(QStringLiteral(
        R"(^\s*(\d)\s?(\d)\s+(\d)\s?(\d)\s+(\d)\s?(\d)\s?(\d)\s?(\d)\s*(?:[\-–—,·(]\s*\d{1,3}\s*ans\s*\)?\s*)?(?:[,·•\-–]?\s*(\(\s*[FMH]\s*\))\s*)?[\s/|·•,;\-–—]*$)"));
    const auto m = combed.match(value);
    if (!m.hasMatch()) {
        // Eight digits run together, as a database prints them ("20160726", "26072016"): one reading
        // only can be a date (a year starts 19 or 20, a month never does).
        static const QRegularExpression compact(QStringLiteral(R"(^\s*(\d{8})\s*$)"));
        if (const auto c = compact.match(value); c.hasMatch()) {
            const QString d = c.captured(1);
            const QDate yearFirst(d.left(4).toInt(), d.mid(4, 2).toInt(), d.right(2).toInt());
            const QDate dayFirst(d.right(4).toInt(), d.mid(2, 2).toInt(), d.left(2).toInt());
            const bool byYear = plausibleBirthDate(yearFirst);
            if (byYear != plausibleBirthDate(dayFirst)) {
                return (byYear ? yearFirst : dayFirst).toString(QStringLiteral("dd/MM/yyyy"));
            }
        }
        return value;
    }
    return m.captured(1) + m.captured(2) + QLatin1Char('/') + m.captured(3) + m.captured(4) + QLatin1Char('/')
           + m.captured(5) + m.captured(6) + m.captured(7) + m.captured(8)
           + (m.captured(9).isEmpty() ? QString() : QLatin1Char(' ') + m.captured(9));
}

// ---------------------------------------------------------------------------------------------
// Labels

enum class Slot
{
    BirthName,
    UsedName,
    Family,      // "Nom" alone: birth or used, decided with the other fields
    PatientName, // "Patient(e)", "Nom et prénom", "Identité": a whole name, maybe a civility
    FirstNames,
    FirstName,
    BirthDate,
    Sex,
    BirthPlace,
    Ins,
    InsWeak, // NIR, n° de sécurité sociale: the patient's only when nothing says otherwise
    Oid,
    Other,       // another field (IPP, séjour, phone, address…): ends the previous value
    OtherPerson, // the insured person, the GP, a relative: what follows is not the patient's
};

struct LabelRule
{
    Slot slot;
    const char* pattern; // on foldSameLength text
};

// Checked in this order at every position: specific labels before the general ones they start with.
// (The insured person's label is no verb: "le suivi est assuré par le Docteur …" names nobody.)
const QList<LabelRule>& labelRules()
{
    static const QList<LabelRule> rules{
        {Slot::OtherPerson,
         R"((?<!est\s)(?<!sont\s)(?<!etre\s)assure(?:\s*\(\s*e\s*\)|e)?(?:\s+social)?(?!\s+(?:par|au|aux|a|en|dans|pour|aupres)(?![a-z]))|^\s*(?:(?:l'|le\s+|la\s+|l\s)?enfant|(?:le\s+|la\s+)?nouveau[\s-]?nee?|nouveau[\s-]?ne\s*\(\s*e\s*\))\s*:?\s*$|(?:fils|fille|enfant)\s+(?:de|du|d')(?=\s*\p{L})|ouvrant[\s\-]*droits?|medecin\s+traitant|personne\s+(?:de\s+confiance|a\s+prevenir|a\s+contacter)|^\s*a\s+prevenir(?:\s+en\s+cas\s+de\s+(?:besoin|necessite|probleme|urgence))?(?=\s*(?:[:;]|\.{3}|…)|\s+[—–-](?:\s|$))|(?:representant|responsable)s?\s+legal(?:e|aux)?|(?:mere|pere|tuteur|tutrice|conjoint(?:e)?(?:\s+ou\s+conjointe)?|parents?|epoux|compagnon|compagne|concubin(?:e)?|aidante?|proches?(?:\s+(?:aidante?s?|declares?))?)(?=\s*(?:[:;]|\.{3}|…)|\s+[—–-](?:\s|$))|(?:secretariat|secretaire|(?:dossier|affaire)\s+suivie?\s+par|redige(?:e)?\s+par|dicte(?:e)?\s+par|frappe(?:e)?\s+par)(?=\s*[:;])|destinataires?(?:\s+(?:du\s+(?:courrier|document|compte\s+rendu)|principal|en\s+copie))?(?=\s*(?:[:;]|$))|copies?(?:\s+(?:adressees?|envoyees?|transmises?))?(?:\s+(?:a|aux))?(?=\s*[:;])|(?:presente|formule|demande|signe|fait)e?s?(?:\s+le\s+[\d/.\-]{6,10})?\s+par(?=\s+(?:m\.|mme|mlle|madame|monsieur|mademoiselle)\s)|a\s+la\s+demande\s+(?:de|du)(?=\s+(?:m\.|mme|mlle|madame|monsieur|mademoiselle|son|sa)\s))"},
        // "Autres prénoms" are the birth first names after the first: read with "Prénom 1", never as it.
        {Slot::Other,
         R"(prenoms?\s*(?:\(s\)\s*)?(?:utilises?|usuels?|d'usage|d\s+usage)|autres?\s+prenoms?|prenoms?\s+suivants?|(?:second|2e|2eme|deuxieme|troisieme|3e|3eme|quatrieme|4e|4eme)\s+prenom)"},
        {Slot::FirstName, R"((?:premier|1er|1\s?er)\s+prenom(?:\s+de\s+naissance)?|prenom\s*(?:n[o°]\s*)?1(?=\s|$))"},
        {Slot::BirthName,
         R"(nom\s+de\s+naissance\s*(?:,|et|&|/|\-|–)\s*prenoms?(?:\s*\(\s*s\s*\))?|nom\s+de\s+naissance|nom\s+(?:(?:recu|porte|donne|attribue|declare|inscrit|enregistre)\s+)?a\s+la\s+naissance|nom\s+(?:d'|a\s+l'|de\s+l')etat[\s\-]civil|patronyme|nom\s+(?:de\s+)?famille(?:\s+(?:a\s+la|de)\s+naissance)?|nom\s+patronymique|nom\s+de\s+jeune\s+fille|nom\s+de\s+naiss\.?|nom(?:\s+|[\-_])nai(?:ss(?:ance|\.)?|s\.)|nom(?:\s+(?:du|de\s+la|de\s+l')\s*(?:patient(?:e)?|enfant|malade|usager|beneficiaire))?\s*\(\s*(?:de\s+)?naiss(?:ance|\.)?\s*\)|^\s*nn(?=\s*[:;]))"},
        {Slot::UsedName,
         R"(^\s*nu(?=\s*[:;]|\s+[a-z])|^\s*usage(?=\s*:\s*[a-z'’\- ]+$)|nom\s+(?:utilise|d'usage|d\s+usage|usage|usuel|marital|d'epouse|d\s+epouse|epouse)(?:\s*\(\s*e\s*\))?|nom\s+que\s+vous\s+(?:utilisez|portez))"},
        {Slot::PatientName,
         R"(nom\s*(?:et|&|/|\-|,)?\s*prenoms?(?:\s*\(s\))?|^\s*(?:coordonnees|renseignements|informations|donnees|dossier)\s+(?:(?:du|de\s+la)\s+)?patient(?:e|\s*\(\s*e\s*\))?\s*:?\s*$|patient(?:e|\s*\(\s*e\s*\)|/e)?(?:\s+concerne(?:e|\s*\(\s*e\s*\))?|\s+[a-z]{4,}(?:\s*\(\s*e\s*\))?(?=\s+(?:m\.|mme|mlle|madame|monsieur|mademoiselle)\s|\s*[:;]|\s*$))?(?![a-z])|pat\.(?=\s)|(?:realise|pratique|effectue)e?s?\s+chez(?=\s*[:;]|\s+(?:madame|mme|mademoiselle|mlle|monsieur|m\.|mr)\s)|identite(?:\s+(?:du|de\s+la|patient)(?:\s+patient(?:e)?)?)?(?=\s*(?:[:;]|\.{3}|…)|\s+[—–-]\s)|^\s*identite(?:\s+(?:du|de\s+la)\s+patient(?:e)?)?\s*$|concern(?:e|ant)(?:\s+(?:votre\s+)?patient(?:e)?)?|dossier\s+(?:de|du)(?:\s+(?:la\s+)?patient(?:e)?)?(?=\s*[:;])|^\s*dossier(?:\s+(?:discute|presente|examine|etudie))?(?=\s*[:;])|^\s*(?:personne|civilite\s+et\s+noms?)\s*$|^\s*(?:sujet|usager(?:e)?|beneficiaire(?:\s+des\s+soins)?|personne\s+soignee|malade)(?=\s*(?:[:;]|$))|personne\s+concernee?(?:\s*\(\s*e\s*\))?(?:\s+par\s+(?:ce|cette|le|la)\s+(?:document|courrier|lettre|compte\s+rendu))?|personne\s+(?:transportee|hospitalisee|examinee|accueillie|prise\s+en\s+charge)(?:\s*\(\s*e\s*\))?|(?=[a-z]{3,}e\s*\(\s*e\s*\)\s*[:;])(?!(?:assur|conjoint|represent|accompagn|inform|adress|sign|redig|valid|dict|frapp|demand|invit|contact|appel|convoqu|prevenu|nomm|charg|prepos|habilit|autoris|mandat)[a-z]*\s*\()[a-z]{3,}e\s*\(\s*e\s*\)|(?:je\s+vous\s+adresse|j'ai\s+(?:vu|revu|examine|recu)|nous\s+avons\s+(?:vu|revu|recu|examine)|il\s+s'agit\s+de|^\s*observation\s+(?:de|du)|^\s*rendez[\s-]vous\s+(?:de|du|pour)|au\s+nom\s+de)(?:\s+(?:ce\s+jour|en\s+consultation|aujourd'hui))*(?=\s+(?:madame|mme|mademoiselle|mlle|monsieur|m\.|mr)\s)|^\s*(?:observation|rendez[\s-]vous)\s+(?:de|du|pour)\s*$)"},
        {Slot::FirstNames,
         R"((?:liste\s+des\s+)?prenoms?(?:\s*\(\s*s\s*\))?(?:\s+de\s+naissance|\s+declare\s*\(\s*s\s*\)|\s+declares?|\s+enregistres?|\s+d'etat\s+civil|\s+officiels?|\s+complets?)?|pren\.)"},
        {Slot::BirthDate,
         R"(date\s+et\s+lieu\s+de\s+naiss?(?:ance|\.)?|date\s+de\s+venue\s+au\s+monde|n[eé]\s*(?:\(\s*e\s*\)|[·.]?e)?\s+le\s*/\s*a(?![a-z])|date\s+(?:de\s+)?naiss?(?:ance|\.)?|n[eé]\s*(?:\(\s*e\s*\)|[·.]?e)?\s+(?:l[e1i]|[1ij|]e)(?![a-z])|d\.\s?d\.\s?n\.?|ddn|d\.\s?n\.(?=\s*[:;])|^\s*d\.\s?n\.\s*$|(?<![a-z])dn(?=\s*[:;])|naissance(?=\s*(?:[:;]|\.{3}|…))|naissance\s*\(\s*date\s*\)|naissance\s+l[e1](?![a-z])|naiss\.(?=\s*(?:[:;]|\d))|^\s*naissance\s*$|^\s*o(?=\s+[0-3]?\d[./\-]\d{1,2}[./\-]\d{2,4})|(?<!\S)\*(?=\s*[0-3]?\d[./\-]\d{1,2}[./\-]\d{2,4}))"},
        {Slot::BirthPlace,
         R"((?:lieu\s+(?:de\s+)?naiss?(?:ance|\.)?|commune\s+(?:de\s+)?naiss?(?:ance|\.)?|code\s+(?:du\s+)?(?:lieu|commune)\s+de\s+naissance|pays\s+de\s+naissance|commune\s+ou\s+pays)(?:\s*\(\s*(?:code\s+)?(?:insee|cog)\s*\))?|code\s+(?:insee|cog)\s+(?:du\s+lieu\s+)?(?:de\s+)?naissance|cog(?:\s+(?:de\s+)?naissance)?(?=\s*(?:[:;]|\.{3}|…))|ne\s*(?:\(\s*e\s*\)|e)?\s+a(?=\s)|(?<![a-z])(?:lieu|ln|code\s+insee|code\s+commune|code\s+cog|code\s+lieu|code\s+pays|insee|commune)(?=\s*[:;])|^\s*ln(?=\s))"},
        {Slot::BirthDate,
         R"(ne\s*(?:\(\s*e\s*\)|e)?(?=\s*(?:[:;]|\.{3}|…|\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}))|^\s*ne\s*(?:\(\s*e\s*\)|e)?\s*$)"},
        {Slot::Sex,
         R"(sexe(?:\s*\(\s*[mfh]\s*/\s*[mfh]\s*\)|\s+a\s+l'etat\s+civil|\s+administratif|\s+declaree?|\s+enregistree?|\s+indiquee?|\s+renseignee?|\s+(?:a\s+la\s+)?naissance)?|genre(?=\s*(?:[:;]|\.{3}|…)))"},
        {Slot::Ins,
         R"((?:matricule\s+ins|n[o°]\s*ins|numero\s+ins|identite\s+nationale\s+de\s+sante(?:\s*\(\s*ins\s*\))?|identifiant\s+national(?:\s+de\s+sante)?(?:\s*\(\s*ins\s*\))?|ins|1\.2\.250\.1\.213\.1\.4\.(?:8|9|10|11)(?=\s*[:^]))(?:\s*[\-–—/]\s*(?:n[°o]\s*(?:de\s+)?)?(?:nir|nia|matricule)|(?:\s*\(\s*|\s+c)(?:nir|nia|matricule)(?:\s*/\s*(?:nir|nia))?\s*\))?(?:\s+(?:du|de\s+la|de\s+le)\s+patient(?:e)?|\s+(?:du|de\s+la|de\s+l')\s*(?!(?:assur|ouvrant|parent|mere|pere|conjoint|tut|represent|responsable|accompagn|medecin)[a-z]*)[a-z\-]{4,}(?=\s*[:;]))?(?:\s+(?:retourne|qualifie|verifie|recupere|valide|obtenu|attribue|certifie|officiel|actif)e?(?=\s*(?:[:;]|$)|\s+[—–-]\s))?)"},
        {Slot::InsWeak,
         R"(nir|nia|nss|n\.\s?i\.\s?r\.?|n[o°]?\s*(?:de\s+)?(?:securite\s+sociale|secu(?:rite)?\.?\s*soc(?:iale|\.)?|s\.?s\.?(?![a-z]))|numero\s+de\s+securite\s+sociale|matricule)"},
        {Slot::Oid, R"(oid|autorite\s+d'affectation)"},
        {Slot::Family, R"(nom(?=\s*(?:[:;]|\.{3}|…))|^\s*nom\s*$|(?<=\()nom(?=\)))"},
        {Slot::Sex, R"(^\s*genre\s*$|(?<=\()genre(?=\)))"},
        {Slot::Other,
         R"((?:ipp|nip|nda|iep|finess|rpps|adeli|siret|siren)(?![a-z])|n[o°]?\s*(?:de\s+)?(?:sejour|dossier|venue|episode|admission|passage|patient|ipp)|(?:tel(?:ephone)?|fax|telecopie|portable|mobile|e-?mail|courriel|adresse|age|poids|taille|service|uf|chambre|lit|page|ref(?:erence)?|date|entree|sortie|hospitalisation|intervention|consultation|medecin|correspondant|unite|ville|code\s+postal)(?=\s*(?:[:;]|\.{3}|…)))"},
    };
    return rules;
}

struct LabelHit
{
    Slot slot;
    qsizetype start = 0;
    qsizetype end = 0;
    bool female = false; // "née le"
    bool male = false;   // "né le"
    bool withGiven = false; // "Nom de naissance, prénoms": the birth name, then the given names
};

// Every label in `folded`, left to right, none overlapping: one pass of one expression whose
// alternatives are the rules in order (at one position, the first rule wins).
// Words one of the patient's labels starts with: a segment holding none of them holds no label
// worth reading (its other labels only end values), and is not given to the expression.
bool mayHoldIdentity(const QString& folded)
{
    // ("o 0" … "o 3": "° 14/09/1948", born, folds to "o".)
    static const QStringList triggers{
        QStringLiteral("nom"),        QStringLiteral("patronym"),    QStringLiteral("pren"),
        QStringLiteral("naiss"),      QStringLiteral("ne l"),        QStringLiteral("nee l"),
        QStringLiteral("ne("),        QStringLiteral("ne ("),        QStringLiteral("ne :"),
        QStringLiteral("nee :"),      QStringLiteral("ne a "),       QStringLiteral("nee a "),
        QStringLiteral("ne j"),       QStringLiteral("nee j"),       QStringLiteral("ne i"),
        QStringLiteral("nee i"),      QStringLiteral("ne |"),        QStringLiteral("ne 0"),
        QStringLiteral("ne 1"),       QStringLiteral("ne 2"),        QStringLiteral("ne 3"),
        QStringLiteral("nee 0"),      QStringLiteral("nee 1"),       QStringLiteral("nee 2"),
        QStringLiteral("nee 3"),      QStringLiteral("ddn"),         QStringLiteral("d.d"),
        QStringLiteral("d.n"),        QStringLiteral("dn "),         QStringLiteral("n.i.r"),
        QStringLiteral("sexe"),       QStringLiteral("genre"),       QStringLiteral("lieu"),
        QStringLiteral("commune"),    QStringLiteral("cog"),         QStringLiteral("pays"),
        QStringLiteral("ins"),        QStringLiteral("nir"),         QStringLiteral("nia"),
        QStringLiteral("nss"),        QStringLiteral("secu"),        QStringLiteral("s.s"),
        QStringLiteral(" ss"),        QStringLiteral("matricule"),   QStringLiteral("oid"),
        QStringLiteral("autorite"),   QStringLiteral("identifiant"), QStringLiteral("assur"),
        QStringLiteral("ouvrant"),    QStringLiteral("patient"),     QStringLiteral("pat."),
        QStringLiteral("identit"),    QStringLiteral("concern"),     QStringLiteral("dossier"),
        QStringLiteral("nu "),        QStringLiteral("nn :"),        QStringLiteral("nn:"),
        QStringLiteral("ln "),        QStringLiteral("o 0"),         QStringLiteral("o 1"),
        QStringLiteral("o 2"),        QStringLiteral("o 3"),         QStringLiteral("1.2.250"),
        QStringLiteral("enfant"),     QStringLiteral("* "),          QStringLiteral("nouveau"),
        QStringLiteral("mere"),       QStringLiteral("pere"),        QStringLiteral("tut"),
        QStringLiteral("conjoint"),   QStringLiteral("parent"),      QStringLiteral("personne"),
        QStringLiteral("e(e)"),       QStringLiteral("e (e)"),       QStringLiteral("represent"),
        QStringLiteral("responsab"),  QStringLiteral("medecin"),     QStringLiteral("adresse"),
        QStringLiteral("j'ai "),      QStringLiteral("s'agit"),      QStringLiteral("avons "),
        QStringLiteral("secreta"),    QStringLiteral("suivi"),       QStringLiteral("redig"),
        QStringLiteral("dict"),       QStringLiteral("frapp"),       QStringLiteral("destinat"),
        QStringLiteral("copie"),      QStringLiteral("usage"),       QStringLiteral("sujet"),
        QStringLiteral("beneficiai"), QStringLiteral("malade"),      QStringLiteral("epoux"),
        QStringLiteral("compagn"),    QStringLiteral("concubin"),    QStringLiteral("aidant"),
        QStringLiteral("proche"),     QStringLiteral("prevenir"),    QStringLiteral("ne·e"),
        QStringLiteral("ne.e"),       QStringLiteral("civilite"),    QStringLiteral("observation"),
        QStringLiteral("chez"),       QStringLiteral("rendez"),
    };
    return std::any_of(triggers.begin(), triggers.end(), [&](const QString& t) { return folded.contains(t); });
}

bool labelsOnly(const QString& folded, const QList<LabelHit>& labels);

QList<LabelHit> findLabels(const QString& folded)
{
    if (!mayHoldIdentity(folded)) {
        return {};
    }
    static const QRegularExpression combined = [] {
        QStringList alternatives;
        for (const LabelRule& rule : labelRules()) {
            alternatives += QStringLiteral("(") + QString::fromUtf8(rule.pattern) + QStringLiteral(")");
        }
        QRegularExpression re(QStringLiteral(R"((?<![a-z0-9])(?:)") + alternatives.join(QLatin1Char('|'))
                              + QStringLiteral(R"()(?![a-z0-9]))"));
        re.optimize();
        return re;
    }();
    QList<LabelHit> hits;
    auto it = combined.globalMatch(folded);
    while (it.hasNext()) {
        const auto m = it.next();
        LabelHit hit{Slot::Other, m.capturedStart(0), m.capturedEnd(0)};
        for (qsizetype r = 0; r < labelRules().size(); ++r) {
            if (m.capturedStart(static_cast<int>(r) + 1) >= 0) {
                hit.slot = labelRules()[r].slot;
                break;
            }
        }
        // A qualifier after the label is part of it: "Prénoms (état civil)", "Sexe (M/F)", "N° INS
        // (NIR)", "Lieu de naissance (code INSEE)", whose trait it is ("Nom de naissance de la
        // patiente", "Matricule INS du (de la) patient(e)"), a form's note of three words or more
        // ("prénom(s) (tous les prénoms de naissance)"), or said after it ("Prénoms à l'état civil",
        // "Nom de famille, naissance"), a verb ("dont le nom à l'état civil est DELAUNAY"). Words only,
        // never a name: "Nom (MARTIN)" is a value.
        static const QRegularExpression qualifier(QStringLiteral(
            R"(^\s+(?:du|de\s+la|de\s+l')\s*(?:\(\s*(?:de\s+la|du)\s*\)|/\s*(?:de\s+la|du))?\s*(?:patient(?:e|\s*\(\s*e\s*\))?|enfant|malade|usager|beneficiaire)(?:\s+des\s+soins)?(?![a-z])|^\s+(?:a|de|selon)\s+l'\s?etat[\s\-]civil(?![a-z])|^\s*,\s*(?:(?:de\s+|a\s+la\s+)?naissance|etat[\s\-]civil|dans\s+l'ordre\s+(?:de\s+l'|a\s+l')\s?etat[\s\-]civil)(?![a-z])|^\s*\(\s*(?:(?:etat[\s\-]civil|ordre\s+civil|(?:code\s+)?(?:insee|cog)|code|date|[mhf]\s*/\s*[mhf]|nir|nia|ins|nn|nu|pn|ddn|dn|sx|ln|jj/mm/aa(?:aa)?|complets?|officiels?|tous|de\s+naissance|naissance|marital|maritale|d'epouse|epouse)\s*\)|(?:dans|selon|tels?|telles?|en|si|le\s+cas|a\s+l'|d'|de\s+l'|format|ex\.?|cf\.?|obligatoires?|usuels?)\s[^()\d]{0,48}\)|(?:[a-z'’\-]+[\s,]+){2,}[a-z'’\-]+\s*\))|^\s*\(\s*(?:patronyme|patronymique|nom\s+de\s+famille|famille|nom\s+de\s+jeune\s+fille)\s*\)|^\s*\(\s*(?:le|la|les)\s+votres?\s*\)|^\s+(?:est|etait)(?:\s+l[ea](?=\s+\d))?(?=\s+\S))"));
        if (const auto q = qualifier.match(QStringView(folded).mid(hit.end)); q.hasMatch()) {
            hit.end += q.capturedEnd(0);
        }
        // "Prénom(s) naiss. Justine, …": the given names of birth, said in short.
        static const QRegularExpression bornGiven(QStringLiteral(R"(^\s+(?:de\s+)?naiss(?:ance|\.)(?![a-z]))"));
        if (hit.slot == Slot::FirstNames || hit.slot == Slot::FirstName) {
            if (const auto q = bornGiven.match(QStringView(folded).mid(hit.end)); q.hasMatch()) {
                hit.end += q.capturedEnd(0);
            }
        }
        hit.withGiven = hit.slot == Slot::BirthName && folded.mid(hit.start, hit.end - hit.start).contains(u"pren");
        if (hit.slot == Slot::BirthDate) {
            const QString text = folded.mid(hit.start, hit.end - hit.start).simplified();
            hit.female = text.startsWith(QLatin1String("nee "));
            hit.male = text.size() == 5 && text.startsWith(QLatin1String("ne ")); // "né le", OCR's "né Je"
        }
        // A label inside the qualifier of the one before is that qualifier ("Date de naissance
        // (DDN)"); "N° de sécurité sociale (INS)" says the number is the INS.
        if (!hits.isEmpty() && hit.start < hits.back().end) {
            if (hits.back().slot == Slot::InsWeak && hit.slot == Slot::Ins) {
                hits.back().slot = Slot::Ins;
            }
            continue;
        }
        hits += hit;
    }
    // "Genre", "D.N." are labels only with a colon, alone, or as what is left in a row of labels
    // ("Nom naiss.  Prénom 1  Genre  Né(e) le", "Nom de naissance  Prénom  Sexe  D.N.").
    if (!hits.isEmpty() && !labelsOnly(folded, hits)) {
        static const QRegularExpression weak(QStringLiteral(R"((?<![a-z0-9.])(genre|d\.\s?n\.|dn)(?![a-z0-9]))"));
        QList<LabelHit> with = hits;
        for (auto w = weak.globalMatch(folded); w.hasNext();) {
            const auto m = w.next();
            const bool covered = std::any_of(hits.begin(), hits.end(), [&](const LabelHit& h) {
                return h.start < m.capturedEnd(1) && h.end > m.capturedStart(1);
            });
            if (!covered) {
                with += LabelHit{m.captured(1) == QLatin1String("genre") ? Slot::Sex : Slot::BirthDate,
                                 m.capturedStart(1), m.capturedEnd(1)};
            }
        }
        std::sort(with.begin(), with.end(), [](const LabelHit& a, const LabelHit& b) { return a.start < b.start; });
        if (with.size() > hits.size() && labelsOnly(folded, with)) {
            return with;
        }
    }
    // ... or opening a line, right before a date ("DN 21/04/1938 – Brest [29019]").
    // (Or the genealogists' mark for born, folded as "o": "° 24 janvier 1983", "* 24/01/1983".)
    // (And "né 10 juillet 1931", "née 03/04/1950", "naissance 01 AVRIL 2011" opening the line without "le".)
    static const QRegularExpression bornLead(
        QStringLiteral(R"(^\s*(d\.\s?n\.|dn|o(?=\s)|\*|nee?(?:\s*\(\s*e\s*\))?(?=\s)|naissance(?=\s))\s*(?=\d))"));
    if (const auto m = bornLead.match(folded); m.hasMatch() && (hits.isEmpty() || hits.front().start > 0)) {
        qsizetype at = -1;
        if (parseFrenchDate(QStringView(folded).mid(m.capturedEnd(0)), &at, nullptr).isValid() && at == 0) {
            hits.prepend(LabelHit{Slot::BirthDate, m.capturedStart(1), m.capturedEnd(1)});
        }
    }
    return hits;
}

// ---------------------------------------------------------------------------------------------
// Names

enum class Civility
{
    None,
    Female,
    Male,
};

struct NameGroup
{
    Civility civility = Civility::None;
    QStringList family; // the run of capitals, as printed
    QStringList given;  // capitalised tokens, as printed
    QString bornName;   // after "née"
    bool bornFeminine = false; // "née", not "né": the grammar says the sex
    QString spouseName; // after "épouse"
    bool titled = false; // "Dr", "Docteur": a professional, not the patient
    qsizetype consumed = 0;
    QString display;

    [[nodiscard]] bool empty() const
    {
        return family.isEmpty() && given.isEmpty();
    }
};

Civility civilityOf(const QString& foldedToken)
{
    static const QStringList female{QStringLiteral("mme"), QStringLiteral("mme."), QStringLiteral("madame"),
                                    QStringLiteral("mlle"), QStringLiteral("mlle."), QStringLiteral("mademoiselle"),
                                    QStringLiteral("mle")};
    static const QStringList male{QStringLiteral("m."), QStringLiteral("mr"), QStringLiteral("mr."),
                                  QStringLiteral("monsieur")};
    if (female.contains(foldedToken)) {
        return Civility::Female;
    }
    if (male.contains(foldedToken)) {
        return Civility::Male;
    }
    return Civility::None;
}

bool isTitle(const QString& foldedToken)
{
    static const QStringList titles{QStringLiteral("dr"), QStringLiteral("dr."), QStringLiteral("docteur"),
                                    QStringLiteral("pr"), QStringLiteral("pr."), QStringLiteral("professeur"),
                                    QStringLiteral("doctoresse")};
    return titles.contains(foldedToken);
}

// Uppercase words that are not names.
bool isNotAName(const QString& upper)
{
    static const QStringList words{
        QStringLiteral("ET"), QStringLiteral("INS"), QStringLiteral("NIR"), QStringLiteral("NIA"),
        QStringLiteral("IPP"), QStringLiteral("NE"), QStringLiteral("NEE"), QStringLiteral("DDN"),
        QStringLiteral("OID"), QStringLiteral("CHU"), QStringLiteral("CH"), QStringLiteral("SEXE"),
        QStringLiteral("NOM"), QStringLiteral("PRENOM"), QStringLiteral("PRENOMS"), QStringLiteral("EPOUSE"),
        QStringLiteral("PATIENT"), QStringLiteral("PATIENTE"), QStringLiteral("INSEE"), QStringLiteral("COG"),
        // labels' abbreviations ("NAISS. LE", "PRÉN.", "MATR.")
        QStringLiteral("NAISS"), QStringLiteral("NAIS"), QStringLiteral("PREN"), QStringLiteral("MATR"),
        QStringLiteral("NAISSANCE"), QStringLiteral("MATRICULE"),
        // what a heading says of the patient ("PATIENT PORTEUR DE BHRe")
        QStringLiteral("PORTEUR"), QStringLiteral("PORTEUSE"), QStringLiteral("NUM"), QStringLiteral("LIEU"),
        QStringLiteral("DATE"), QStringLiteral("ADR"), QStringLiteral("TEL"), QStringLiteral("REF"),
        QStringLiteral("SERV"), QStringLiteral("DEST"),
        // identifiers' names ("Patient | RPPS : 10854491437")
        QStringLiteral("RPPS"), QStringLiteral("ADELI"), QStringLiteral("FINESS"), QStringLiteral("NDA"),
        QStringLiteral("IEP"), QStringLiteral("NSS"),
        // the patient's records named in a copies list ("la patiente ; DPI ; DMP")
        QStringLiteral("DPI"), QStringLiteral("DMP"),
        // a document's title in capitals is not a name
        QStringLiteral("LETTRE"), QStringLiteral("LIAISON"), QStringLiteral("COMPTE"), QStringLiteral("RENDU"),
        QStringLiteral("ORDONNANCE"), QStringLiteral("CERTIFICAT"), QStringLiteral("CONSULTATION"),
        QStringLiteral("HOSPITALISATION"), QStringLiteral("OPERATOIRE"), QStringLiteral("SORTIE"),
        QStringLiteral("COURRIER"),
        // a block's heading ("IDENTIFICATION DU PATIENT", "RENSEIGNEMENTS ADMINISTRATIFS")
        QStringLiteral("IDENTIFICATION"), QStringLiteral("IDENTITE"), QStringLiteral("RENSEIGNEMENTS"),
        QStringLiteral("ADMINISTRATIFS"), QStringLiteral("ADMINISTRATIVE"),
        // a section's heading beside the identity's ("IDENTITÉ   SÉJOUR", "MOTIF", "CONCLUSION")
        QStringLiteral("SEJOUR"), QStringLiteral("ADMISSION"), QStringLiteral("MOTIF"), QStringLiteral("ANTECEDENTS"),
        QStringLiteral("CONCLUSION"), QStringLiteral("CONCLUSIONS"), QStringLiteral("TRAITEMENT"),
        QStringLiteral("TRAITEMENTS"), QStringLiteral("SYNTHESE"), QStringLiteral("EXAMEN"), QStringLiteral("EXAMENS"),
        QStringLiteral("DIAGNOSTIC"), QStringLiteral("EVOLUTION"), QStringLiteral("CONTEXTE"),
        QStringLiteral("PRESCRIPTION"), QStringLiteral("PRESCRIPTIONS"), QStringLiteral("RESULTATS"),
        // a fax cover's or a mail's headings ("EXPÉDITEUR" over "Nom   Dr …")
        QStringLiteral("EXPEDITEUR"), QStringLiteral("DESTINATAIRE"), QStringLiteral("DESTINATAIRES"),
        QStringLiteral("EMETTEUR"),
        // the postage marked where the envelope's stamp goes ("PP", "PORT PAYÉ", "ECOPLI")
        QStringLiteral("PP"), QStringLiteral("PORT"), QStringLiteral("PAYE"), QStringLiteral("ECOPLI"),
        QStringLiteral("PRIORITAIRE"), QStringLiteral("RECOMMANDE"), QStringLiteral("SUIVIE"), QStringLiteral("VERTE")};
    return words.contains(insiUpper(upper));
}

// Splits "LECLERCQ," into the word and whether punctuation closes the group after it.
struct Token
{
    QString word;
    bool closes = false; // followed by , ; ) : or a lone dash
    bool comma = false;  // closed by a comma only ("Arthur, Mohamed, Claude": a list goes on)
    bool opens = false;  // starts with (
};

bool upperName(const QString& w)
{
    return isUpperNameToken(w) && w.size() >= 2 && !isNotAName(w);
}

QList<Token> tokenize(const QString& text)
{
    QList<Token> out;
    for (QString raw : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        Token t;
        if (raw == QLatin1String("-") || raw == QStringLiteral("–") || raw == QStringLiteral("—")
            || raw == QLatin1String("/") || raw == QLatin1String("|") || raw == QLatin1String(":")) {
            if (!out.isEmpty()) {
                out.back().closes = true;
            }
            continue;
        }
        while (!raw.isEmpty() && (raw.front() == QLatin1Char('(') || raw.front() == QLatin1Char('['))) {
            t.opens = true;
            raw.remove(0, 1);
        }
        while (!raw.isEmpty()
               && (raw.back() == QLatin1Char(',') || raw.back() == QLatin1Char(';') || raw.back() == QLatin1Char(')')
                   || raw.back() == QLatin1Char(':') || raw.back() == QLatin1Char(']'))) {
            t.comma = (!t.closes || t.comma) && raw.back() == QLatin1Char(',');
            t.closes = true;
            raw.chop(1);
        }
        // "Nom de naissance : VIDAL. Prénom(s) : Odile.": a sentence's full stop after a name ends
        // it; an abbreviation keeps its dot ("M.", "Ep.", "Dr.", "Naiss.", "NAISS.": no name, see
        // isNotAName): in small letters, only a given name the dictionary knows.
        if (raw.size() >= 4 && raw.back() == QLatin1Char('.') && raw.count(QLatin1Char('.')) == 1) {
            const QString bare = raw.chopped(1);
            const QString folded = foldSameLength(raw);
            if (civilityOf(folded) == Civility::None && !isTitle(folded) && !isTitle(foldSameLength(bare))
                && folded != u"vve."
                && (upperName(bare) || (isGivenNameToken(bare) && isKnownGivenName(insiUpper(bare))))) {
                t.closes = true;
                raw = bare;
            }
        }
        t.word = raw;
        out += t;
    }
    return out;
}

QStringList upperRun(const QList<Token>& tokens, qsizetype& i)
{
    QStringList run;
    // "née LE ROUX", "DE LA FONTAINE": a particle in capitals belongs to the name that follows it.
    static const QStringList particles{QStringLiteral("LE"),  QStringLiteral("LA"),  QStringLiteral("LES"),
                                       QStringLiteral("DE"),  QStringLiteral("DU"),  QStringLiteral("DES"),
                                       QStringLiteral("DI"),  QStringLiteral("DA"),  QStringLiteral("VAN"),
                                       QStringLiteral("VON"), QStringLiteral("DEL"), QStringLiteral("DOS")};
    const auto particleBefore = [&](qsizetype k) {
        return particles.contains(tokens[k].word) && !tokens[k].closes && k + 1 < tokens.size() && !tokens[k + 1].opens
               && (upperName(tokens[k + 1].word) || particles.contains(tokens[k + 1].word));
    };
    while (i < tokens.size() && !tokens[i].opens && (upperName(tokens[i].word) || particleBefore(i))) {
        run += tokens[i].word;
        ++i;
        if (tokens[i - 1].closes) {
            break;
        }
    }
    return run;
}

// "[civility] NAME Given", "[civility] Given NAME", optionally followed by "née NAME" or
// "épouse NAME". Stops at punctuation, a date or anything that is not a name.
NameGroup parseNameGroup(const QString& text)
{
    NameGroup g;
    const QList<Token> tokens = tokenize(text.left(MaxSegmentLength));
    qsizetype i = 0;
    if (i < tokens.size()) {
        const QString f = foldSameLength(tokens[i].word);
        const Civility c = civilityOf(f);
        // A lone "M" is "M." only before a name.
        if (c != Civility::None
            || (tokens[i].word == QLatin1String("M") && i + 1 < tokens.size() && upperName(tokens[i + 1].word))) {
            g.civility = c == Civility::None ? Civility::Male : c;
            ++i;
        }
    }
    if (i < tokens.size()
        && (isTitle(foldSameLength(tokens[i].word))
            // "Madame le Docteur", not "M. LE BRIS": the article in lower case.
            || (g.civility != Civility::None && tokens[i].word == QLatin1String("le")))) {
        g.titled = true; // "Madame le Docteur", "Dr": not a patient
        return g;
    }
    bool stop = false;
    bool familyClosed = false;
    while (i < tokens.size() && !stop) {
        const Token& t = tokens[i];
        const QString f = foldSameLength(t.word);
        // "LÉVÊQUE Agnès (née ROBERT)": a birth or used name said in a parenthesis is part of the name.
        // The used name after a marker: "LEFÈVRE épouse MOREAU", "LAPORTE dite NOËL", and in an aside
        // "HADDAD Valérie (usage : DUPONT)", "(nom d'usage : DUPONT)".
        const bool spouseMarker =
            f == u"epouse" || f == u"ep." || f == u"ep" || f == u"veuve" || f == u"vve" || f == u"dit" || f == u"dite";
        const qsizetype usedWords = spouseMarker                       ? 1
                                    : !t.opens || g.empty()            ? 0
                                    : f == u"usage" || f == u"utilise" ? 1
                                    : f == u"nom" && i + 1 < tokens.size()
                                            && QStringList{QStringLiteral("d'usage"), QStringLiteral("usage"),
                                                           QStringLiteral("utilise"), QStringLiteral("marital")}
                                                   .contains(foldSameLength(tokens[i + 1].word))
                                        ? 2
                                        : 0;
        if (usedWords > 0) {
            qsizetype j = i + usedWords;
            const QStringList run = upperRun(tokens, j);
            if (run.isEmpty()) {
                break;
            }
            g.spouseName = run.join(QLatin1Char(' '));
            stop = tokens[j - 1].closes;
            i = j;
            continue;
        }
        if (t.opens && f != u"nee" && f != u"ne") {
            break;
        }
        if ((f == u"nee" || f == u"ne" || f == u"née") && i + 1 < tokens.size()) {
            const QString next = foldSameLength(tokens[i + 1].word);
            // "née le 12/03" (a date), not "née LE ROUX" (a name with its particle).
            const bool dateNext = next == u"le"
                                  && (tokens[i + 1].word == QLatin1String("le")
                                      || (i + 2 < tokens.size() && !tokens[i + 2].word.isEmpty()
                                          && tokens[i + 2].word.front().isDigit()));
            if (dateNext || next == u"a" || next == u"en" || next.front().isDigit()) {
                break;
            }
            qsizetype j = i + 1;
            const QStringList run = upperRun(tokens, j);
            if (run.isEmpty()) {
                // "(née LE)", "née Martin": a birth name said but not readable. The name before it
                // is then no birth name either: nothing is read rather than a guess.
                return NameGroup{};
            }
            g.bornName = run.join(QLatin1Char(' '));
            g.bornFeminine = f != u"ne";
            stop = tokens[j - 1].closes;
            // "SCHMITT née CARRÉ, Clémence": the given names after the comma are the same person's.
            if (stop && tokens[j - 1].comma && g.given.isEmpty() && j < tokens.size() && !tokens[j].opens
                && !upperName(tokens[j].word) && isGivenNameToken(tokens[j].word) && tokens[j].word.size() >= 2) {
                stop = false;
                familyClosed = true;
            }
            i = j;
            continue;
        }
        if (upperName(t.word)) {
            if (familyClosed) {
                break; // a second run of capitals: not one name
            }
            g.family += t.word;
        } else if (isGivenNameToken(t.word) && t.word.size() >= 2) {
            if (!g.family.isEmpty()) {
                if (!g.given.isEmpty() && !familyClosed) {
                    break; // given names on both sides of the family name: not one name
                }
                familyClosed = true;
            }
            g.given += t.word;
        } else {
            break;
        }
        // "LEFEBVRE, née MARCHAND": the comma does not end the name when a birth or spouse name follows;
        // "DUBOIS, Camille Anne" (family name, then given names) is one name too.
        stop = t.closes;
        if (stop && i + 1 < tokens.size()) {
            const QString next = foldSameLength(tokens[i + 1].word);
            const bool marker = next == u"nee" || next == u"ne" || next == u"epouse" || next == u"ep." || next == u"ep"
                                || next == u"dit" || next == u"dite";
            const bool givenNext = g.given.isEmpty() && upperName(t.word) && !marker && !tokens[i + 1].opens
                                   && !upperName(tokens[i + 1].word) && isGivenNameToken(tokens[i + 1].word)
                                   && tokens[i + 1].word.size() >= 2 && text.contains(t.word + QLatin1Char(','));
            // "Lan, Inès ROUSSEL": given names listed with commas before the family name.
            const bool givenListed = g.family.isEmpty() && !g.given.isEmpty() && t.comma && !tokens[i + 1].opens
                                     && isGivenNameToken(tokens[i + 1].word) && tokens[i + 1].word.size() >= 2;
            stop = !((marker && i + 2 < tokens.size() && upperName(tokens[i + 2].word)) || givenNext || givenListed);
        }
        ++i;
    }
    g.consumed = i;
    if (!g.empty()) {
        QStringList parts;
        if (g.civility == Civility::Female) {
            parts += QStringLiteral("Mme");
        } else if (g.civility == Civility::Male) {
            parts += QStringLiteral("M.");
        }
        parts += g.given;
        parts += g.family;
        g.display = parts.join(QLatin1Char(' '));
    }
    return g;
}

// The name group that is the whole of `text` and a patient's (no professional title), else none.
NameGroup wholeNameGroup(const QString& text)
{
    NameGroup g = parseNameGroup(text);
    return !g.titled && !g.empty() && g.consumed == tokenize(text).size() ? g : NameGroup{};
}

// The longest name group that ends `text` exactly ("NGUYEN Thomas - " before "Né le").
NameGroup trailingNameGroup(const QString& text, bool* fromStart = nullptr)
{
    QString trimmed = text.trimmed();
    while (!trimmed.isEmpty()
           && (trimmed.back() == QLatin1Char(',') || trimmed.back() == QLatin1Char('-') || trimmed.back() == QChar(0x2013)
               || trimmed.back() == QChar(0x2014) || trimmed.back() == QLatin1Char('(') || trimmed.back().isSpace())) {
        trimmed.chop(1);
    }
    // "ANDRÉ Nathalie, Isabelle, Fatima": given names listed with commas are one group.
    static const QRegularExpression listedGiven(QStringLiteral(
        R"((\p{Lu}[\p{Ll}'’\-]+(?:-\p{Lu}[\p{Ll}'’]+)?),\s+(?=\p{Lu}[\p{Ll}'’\-]+(?:-\p{Lu}[\p{Ll}'’]+)?(?:,|$)))"));
    trimmed.replace(listedGiven, QStringLiteral("\\1 "));
    const QStringList words = trimmed.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    NameGroup best;
    for (qsizetype start = std::max<qsizetype>(0, words.size() - 8); start < words.size(); ++start) {
        // The rest of a professional's name ("Dr GIRAUD Anne - DDN …") is not a patient's.
        if (start > 0 && isTitle(foldSameLength(words[start - 1]))) {
            continue;
        }
        const QStringList tail = words.mid(start);
        NameGroup g = parseNameGroup(tail.join(QLatin1Char(' ')));
        if (g.titled || g.family.isEmpty() || (g.given.isEmpty() && g.civility == Civility::None)) {
            continue;
        }
        if (g.consumed == tokenize(tail.join(QLatin1Char(' '))).size()) {
            if (fromStart != nullptr) {
                *fromStart = start == 0;
            }
            return g; // the longest full parse comes first
        }
    }
    return best;
}

QStringList insiList(const QStringList& tokens)
{
    QStringList out;
    for (const QString& t : tokens) {
        const QString u = insiUpper(t);
        if (!u.isEmpty()) {
            out += u;
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Values

namespace
{

// A line that only says the sex, perhaps with the age ("Féminin · 60 ans", "HOMME - 58 ans"):
// the sex, else nothing.
std::optional<Sex> sexLine(const QString& text)
{
    static const QRegularExpression line(
        QStringLiteral(R"(^\s*(masculin|feminin|homme|femme)\s*(?:[·•,;|/\-–—]?\s*\(?\d{1,3}\s*ans\)?)?\s*$)"));
    const auto m = line.match(foldSameLength(text.left(60)).toLower());
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    return m.captured(1) == QLatin1String("masculin") || m.captured(1) == QLatin1String("homme") ? Sex::Male
                                                                                                 : Sex::Female;
}

// A value that is only a sex, spelled out ("Féminin", "HOMME", "Femme, 60 ans"): never a name.
bool isSexWord(const QString& value)
{
    return sexLine(value).has_value();
}

} // namespace

Sex sexFromValue(const QString& value)
{
    QStringList words = foldSameLength(value).split(QRegularExpression(QStringLiteral(R"([\s,;/()]+)")),
                                                    Qt::SkipEmptyParts);
    // Leaders and specks before the value ("Sexe. … … Féminin" from a shaded cell).
    while (!words.isEmpty() && words.front() != u"♀" && words.front() != u"♂"
           && std::none_of(words.front().begin(), words.front().end(), [](QChar c) { return c.isLetterOrNumber(); })) {
        words.removeFirst();
    }
    if (words.isEmpty()) {
        return Sex::Unknown;
    }
    const QString w = words.front();
    // Boxes to tick: a mark that opens the value ticks the word after it ("X Féminin  Masculin",
    // a box before its word), one that ends it the word before ("M  F X"); a mark between two
    // ("M X F") could be either's, so neither is read.
    const auto mark = [](const QString& x) {
        return x == u"x" || x == u"[x]" || x == u"☒" || x == u"■" || x == u"✓" || x == u"✔" || x == u"⊠";
    };
    if (words.size() >= 2 && (mark(words.front()) || mark(words.back()))) {
        const bool opens = mark(words.front());
        if (opens && mark(words.back()) && words.size() > 2) {
            return Sex::Unknown;
        }
        const QString ticked = opens ? words[1] : words[words.size() - 2];
        const Sex sex = sexFromValue(ticked);
        return std::count_if(words.begin(), words.end(), mark) == 1 ? sex : Sex::Unknown;
    }
    // Otherwise both letters or words without a mark ("M  X F" read as "M X F", "Masculin Féminin"):
    // neither is read.
    const auto letter = [&](const char16_t* a, const char16_t* b) {
        return std::any_of(words.begin(), words.begin() + std::min<qsizetype>(words.size(), 6),
                           [&](const QString& x) { return x == a || x == b; });
    };
    if ((letter(u"f", u"f.") && (letter(u"m", u"m.") || letter(u"h", u"h.")))
        || (letter(u"feminin", u"femme") && (letter(u"masculin", u"homme")))) {
        return Sex::Unknown;
    }
    // The INSEE code, alone as the value ("Sexe : 2"): 1 a man, 2 a woman.
    if (words.size() == 1 && (w == u"1" || w == u"2")) {
        return w == u"2" ? Sex::Female : Sex::Male;
    }
    // The code with its letter ("2 (F)", "1 - M"): both must agree.
    if (words.size() == 2 && (w == u"1" || w == u"2")) {
        const Sex code = w == u"2" ? Sex::Female : Sex::Male;
        return sexFromValue(words[1]) == code ? code : Sex::Unknown;
    }
    if (w == u"f" || w == u"f." || w.startsWith(u"fem") || w == u"femme" || w == u"feminin" || w == u"♀") {
        return Sex::Female;
    }
    if (w == u"m" || w == u"m." || w == u"h" || w.startsWith(u"masc") || w == u"homme" || w == u"♂") {
        return Sex::Male;
    }
    return Sex::Unknown;
}

// A COG code in a birth place value: "STRASBOURG (67482)", "67482", "Ajaccio - 2A004". Two codes:
// unsure, none.
// A commune code's shape (2A/2B for Corsica), not inside a longer number or word.
const QRegularExpression& cogShape()
{
    static const QRegularExpression re(QStringLiteral(R"((?<![\dA-Za-z])((?:\d{2}|2[ABab])\d{3})(?![\dA-Za-z]))"));
    return re;
}

QString cogFromValue(const QString& value)
{
    // A code in a form's boxes, and nothing else ("6 7 4 8 2", "2 A 0 0 4").
    static const QRegularExpression combed(QStringLiteral(R"(^\s*((?:\d\s?\d|2\s?[ABab])\s?\d\s?\d\s?\d)\s*$)"));
    if (const auto m = combed.match(value); m.hasMatch()) {
        return m.captured(1).remove(QLatin1Char(' ')).toUpper();
    }
    QStringList found;
    auto it = cogShape().globalMatch(value.left(80));
    while (it.hasNext()) {
        const QString code = it.next().captured(1).toUpper();
        if (!found.contains(code)) {
            found += code;
        }
    }
    return found.size() == 1 ? found.front() : QString();
}

// The 15 characters of a matricule at the start of `value`, grouped in any way ("1 76 11 44 184
// 613 42", "1.76.11.44.184.613.42", "1761144184613 42", "1761144184613 clé 42"); OCR's O for 0.
QString matriculeFromValue(const QString& value)
{
    const QString rest = value.left(80);
    qsizetype i = 0;
    while (i < rest.size() && i <= 12 && !rest[i].isDigit()) {
        if (rest[i].isLetter() && i + 1 < rest.size() && rest[i + 1].isLetter()) {
            return {}; // words first: not a number after this label
        }
        ++i;
    }
    QString compact;
    for (; i < rest.size() && compact.size() < 15; ++i) {
        const QChar c = rest[i];
        const bool letterNext = i + 1 < rest.size() && rest[i + 1].isLetter();
        const bool letterBefore = i > 0 && rest[i - 1].isLetter();
        if (c.isDigit()) {
            compact += c;
        } else if ((c == QLatin1Char('O') || c == QLatin1Char('o')) && !letterNext && !letterBefore) {
            compact += QLatin1Char('0');
        } else if ((c == QLatin1Char('A') || c == QLatin1Char('B')) && compact.size() == 6 && !letterNext) {
            compact += c; // Corsica: 2A / 2B
        } else if (c == QLatin1Char(' ') || c == QLatin1Char('.') || c == QLatin1Char('-')
                   || c == QChar(0x00A0) || c == QChar(0x202F)) {
            continue;
        } else if (c == QLatin1Char(':') && compact.size() < 13 && i > 0 && rest[i - 1].isDigit() && i + 1 < rest.size()
                   && rest[i + 1].isDigit()) {
            continue; // a dot between groups as OCR may read it ("2 99:10.51:454:351")
        } else if (compact.size() == 13 && foldSameLength(rest.mid(i, 3)) == QLatin1String("cle")) {
            i += 2; // "1761144184613 clé 42"
        } else if (compact.size() == 13
                   && (c == QLatin1Char('/') || c == QLatin1Char(':') || c == QLatin1Char('(') || c == QLatin1Char('[')
                       || c == QChar(0x2013) || c == QChar(0x2014)
                       || (c == QLatin1Char(',')
                           && foldSameLength(rest.mid(i + 1, 5))
                                  .trimmed()
                                  .startsWith(QLatin1String("cle"))))) { // "… – clé 15", "…, clé 21"
            continue;
        } else {
            break;
        }
    }
    // A longer run of digits is another number (a phone number, an account).
    while (i < rest.size() && (rest[i] == QLatin1Char(' ') || rest[i] == QLatin1Char('.'))) {
        ++i;
    }
    const bool longer = i < rest.size() && rest[i].isDigit() && compact.size() == 15
                        && !(i > 0 && rest[i - 1] == QLatin1Char(' ') && rest.mid(i).startsWith(QLatin1String("1.2.")));
    static const QRegularExpression shape(QStringLiteral(R"(^[1-478]\d{4}(?:\d{2}|2[AB])\d{8}$)"));
    if (compact.size() != 15 || longer || !shape.match(compact).hasMatch()) {
        return {};
    }
    return compact;
}

const QRegularExpression& oidRe()
{
    static const QRegularExpression re(QStringLiteral(R"(1\.2\.250\.1\.213\.1\.4\.\d{1,2}(?![\d.]))"));
    return re;
}

// Whether `folded` holds labels (`labels`, found in it) and nothing else but connectors ("Nom de
// naissance Nom d'usage", "Sexe / Âge").
bool labelsOnly(const QString& folded, const QList<LabelHit>& labels)
{
    if (labels.isEmpty()) {
        return false;
    }
    QString rest = folded;
    for (qsizetype k = labels.size() - 1; k >= 0; --k) {
        rest.remove(labels[k].start, labels[k].end - labels[k].start);
    }
    static const QRegularExpression connectors(QStringLiteral(R"(^(?:[\s,/&+\-()|]|et)*$)"));
    return connectors.match(rest).hasMatch();
}

// Whether `folded` ends on a label whose value has a shape of its own (an INS, a date, a place
// code, an OID), so that the value may stand at the start of the next line ("… (44184), INS" /
// "2150744184251 clé 78.").
bool endsOnShapedLabel(const QString& folded)
{
    const QList<LabelHit> labels = findLabels(folded);
    if (labels.isEmpty() || labels.back().end < folded.size() - 1) {
        return false;
    }
    const Slot slot = labels.back().slot;
    return slot == Slot::Ins || slot == Slot::InsWeak || slot == Slot::BirthDate || slot == Slot::BirthPlace
           || slot == Slot::Oid;
}

// ---------------------------------------------------------------------------------------------
// Geometry: visual lines of a page, to find a label's value to its right or below it.

struct Line
{
    QList<int> segments; // indices in the page, left to right
    double top = 0;
    double bottom = 0;
};

QList<Line> linesOf(const QList<Segment>& segs)
{
    QList<Line> lines;
    for (int i = 0; i < segs.size(); ++i) {
        const QRectF& b = segs[i].box;
        bool placed = false;
        for (qsizetype l = lines.size() - 1; l >= 0 && l >= lines.size() - 3; --l) {
            Line& line = lines[l];
            const double tolerance = std::min(line.bottom - line.top, b.height()) * 0.5;
            if (std::abs(b.center().y() - (line.top + line.bottom) / 2) <= tolerance) {
                line.segments += i;
                line.top = std::min(line.top, b.top());
                line.bottom = std::max(line.bottom, b.bottom());
                placed = true;
                break;
            }
        }
        if (!placed) {
            lines += Line{{i}, b.top(), b.bottom()};
        }
    }
    // Segments come in reading order, column by column: a side column's smaller lines interleave
    // with the body's, and a line placed late may stand above one placed before it. Top to bottom,
    // so that "the line below" is the one below.
    std::stable_sort(lines.begin(), lines.end(),
                     [](const Line& a, const Line& b) { return a.top + a.bottom < b.top + b.bottom; });
    for (Line& line : lines) {
        std::sort(line.segments.begin(), line.segments.end(),
                  [&](int a, int b) { return segs[a].box.left() < segs[b].box.left(); });
    }
    return lines;
}

// Two columns the text layer ran together ("Mme Brigitte BARBIER      INS :" over "Nom utilisé :
// ROBERT      2 34 03 …"): a segment is parted before a word that follows a wide gap and starts
// where words of two other lines start too (a column's left edge).
QList<Segment> splitAtColumnEdges(const QList<Segment>& segs)
{
    struct Cut
    {
        int segment;
        qsizetype word;
        double x;
    };
    QList<Cut> cuts;
    QList<double> starts; // every segment's left edge and every candidate cut's
    for (int i = 0; i < segs.size(); ++i) {
        const Segment& seg = segs[i];
        starts += seg.box.left();
        for (qsizetype k = 1; k < seg.words.size(); ++k) {
            const double gap = seg.words[k].box.left() - seg.words[k - 1].box.right();
            if (gap >= 0.8 * seg.box.height()) { // three or four spaces at least
                cuts += Cut{i, k, seg.words[k].box.left()};
                starts += seg.words[k].box.left();
            }
        }
    }
    if (cuts.isEmpty()) {
        return segs;
    }
    std::sort(starts.begin(), starts.end());
    const auto aligned = [&](double x) {
        const auto from = std::lower_bound(starts.begin(), starts.end(), x - 1.5);
        const auto to = std::upper_bound(starts.begin(), starts.end(), x + 1.5);
        return to - from >= 3; // this cut and two other lines
    };
    // Or where a cell of the table's header row just above starts ("Né(e) le   Sexe" over "2 1 0 5
    // 2 0 1 1   X F": the date's boxes and the sex's).
    // (Segments come in reading order: the lines above are just before.)
    const auto headed = [&](int i, double x) {
        const Segment& seg = segs[i];
        const double h = seg.box.height();
        for (int j = i - 1; j >= 0 && segs[j].box.top() >= seg.box.top() - 4 * h; --j) {
            const Segment& above = segs[j];
            if (above.box.bottom() <= seg.box.top() + 0.2 * h && above.box.bottom() >= seg.box.top() - 1.5 * h
                && std::abs(above.box.left() - x) <= 4.0 && above.box.left() > seg.box.left() + 4.0) {
                return true;
            }
        }
        return false;
    };
    // Or where the line just above or below is cut too, or has a cell, at the same place, at two
    // places at least: a ruled table's narrow cells, the text layer running both its qualifier row
    // and its values together ("de naissance  utilisé  de naissance" over "FLEURY  MARTIN  Anaïs").
    // (Never between two groups of digits: a number printed spaced.)
    const auto stacked = [&](int i, double x) {
        const Segment& seg = segs[i];
        const double h = seg.box.height();
        const auto near = [&](const Segment& other) {
            const double gap = other.box.top() >= seg.box.bottom() ? other.box.top() - seg.box.bottom()
                                                                   : seg.box.top() - other.box.bottom();
            return gap >= -0.2 * h && gap <= 1.5 * h;
        };
        // (Segments come in reading order: the lines next to this one stand close by, which bounds
        // the look on a page of many cells.)
        const int from = std::max(0, i - 64);
        const int to = std::min(static_cast<int>(segs.size()), i + 65);
        const auto first = std::lower_bound(cuts.begin(), cuts.end(), from,
                                            [](const Cut& cut, int segment) { return cut.segment < segment; });
        for (auto other = first; other != cuts.end() && other->segment < to; ++other) {
            if (other->segment != i && std::abs(other->x - x) <= 1.5 && near(segs[other->segment])) {
                return true;
            }
        }
        for (int k = from; k < to; ++k) {
            if (k != i && std::abs(segs[k].box.left() - x) <= 1.5 && near(segs[k])) {
                return true;
            }
        }
        return false;
    };
    QList<Segment> out;
    qsizetype c = 0;
    for (int i = 0; i < segs.size(); ++i) {
        const Segment& seg = segs[i];
        QList<qsizetype> at;
        QList<qsizetype> stackedAt; // taken only when two cuts of the line or more are (a table's row)
        for (; c < cuts.size() && cuts[c].segment == i; ++c) {
            const auto digitAt = [&](qsizetype w) { return seg.text.at(seg.words[w].start).isDigit(); };
            if (aligned(cuts[c].x) || headed(i, cuts[c].x)) {
                at += cuts[c].word;
            } else if (stacked(i, cuts[c].x) && !(digitAt(cuts[c].word) && digitAt(cuts[c].word - 1))) {
                stackedAt += cuts[c].word;
            }
        }
        if (stackedAt.size() >= 2) {
            at += stackedAt;
            std::sort(at.begin(), at.end());
        }
        if (at.isEmpty()) {
            out += seg;
            continue;
        }
        at.prepend(0);
        at += seg.words.size();
        for (qsizetype p = 0; p + 1 < at.size(); ++p) {
            Segment piece{QString(), seg.words[at[p]].box, seg.page, {}};
            const qsizetype start = seg.words[at[p]].start;
            const qsizetype end = seg.words[at[p + 1] - 1].start + seg.words[at[p + 1] - 1].length;
            piece.text = seg.text.mid(start, end - start);
            for (qsizetype k = at[p]; k < at[p + 1]; ++k) {
                piece.words += WordSpan{seg.words[k].start - start, seg.words[k].length, seg.words[k].box};
                piece.box = piece.box.united(seg.words[k].box);
            }
            out += piece;
        }
    }
    return out;
}

// A table's row label that wraps in its cell ("Personne" / "de" / "confiance" / "(fille)" left of
// "PERRET | Virginie | …"): the label joined with its continuation, so that it reads whole and says
// whose row it is. The continuation is a line of one cell at the label's left edge just under it, of
// lower-case words or a parenthesis.
QList<Segment> joinWrappedRowLabels(const QList<Segment>& segs)
{
    const QList<Line> lines = linesOf(segs);
    static const QRegularExpression label(QStringLiteral(R"(^\p{Lu}[\p{L}'’()\-]*(?:\s+[\p{L}'’()\-]+){0,2}$)"));
    static const QRegularExpression continuation(
        QStringLiteral(R"(^(?:\p{Ll}[\p{L}'’\-]*(?:\s+\p{Ll}[\p{L}'’\-]*){0,2}|\([\p{L}'’\s\-]{1,20}\))$)"));
    QList<Segment> out = segs; // copied only when a label is joined
    std::vector<bool> dropped(static_cast<std::size_t>(segs.size()), false);
    bool any = false;
    for (qsizetype l = 0; l < lines.size(); ++l) {
        const int first = lines[l].segments.front();
        if (lines[l].segments.size() < 3 || !label.match(segs[first].text.trimmed()).hasMatch()) {
            continue;
        }
        const double height = lines[l].bottom - lines[l].top;
        double bottom = lines[l].bottom;
        for (qsizetype n = l + 1; n < lines.size() && n <= l + 4; ++n) {
            const Line& next = lines[n];
            const Segment& c = segs[next.segments.front()];
            if (next.segments.size() != 1 || next.top - bottom > 0.6 * height || next.top < bottom - 0.3 * height
                || std::abs(c.box.left() - segs[first].box.left()) > 2.0
                || !continuation.match(c.text.trimmed()).hasMatch()) {
                break;
            }
            Segment& head = out[first];
            const qsizetype start = head.text.size() + 1;
            head.text += QLatin1Char(' ') + c.text;
            // (Its box stays the row's line: the cell labels that row, its words keep their places.)
            for (const WordSpan& w : c.words) {
                head.words += WordSpan{start + w.start, w.length, w.box};
            }
            dropped[static_cast<std::size_t>(next.segments.front())] = true;
            any = true;
            bottom = next.bottom;
        }
    }
    if (!any) {
        return out;
    }
    QList<Segment> kept;
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (!dropped[static_cast<std::size_t>(i)]) {
            kept += out[i];
        }
    }
    return kept;
}

// A table's header whose cells wrap onto a second line ("Nom de" / "naissance", "Date de" /
// "naissance", "Nom" / "d'usage"): each cell joined with its continuation, so that its label reads
// whole; the header's cells that the text layer merged ("Prénom(s) Date de") are parted where a
// continuation starts. The continuation line is a line of lower-case words just under the header,
// each set at the left edge of a word above.
QList<Segment> joinWrappedHeaders(const QList<Segment>& segs)
{
    const QList<Line> lines = linesOf(segs);
    QList<Segment> out;
    std::vector<bool> dropped(static_cast<std::size_t>(segs.size()), false);
    std::vector<int> replacedBy(static_cast<std::size_t>(segs.size()), -1); // first line's segments rebuilt
    QList<QList<Segment>> rebuilt;
    static const QRegularExpression header(QStringLiteral(R"((?:^|\s)(?:nom|date|lieu|prenom|sexe)(?:\s|$|\())"));
    static const QRegularExpression continuation(QStringLiteral(R"(^(?:\p{Ll}[\p{L}'’\-]*|\([se]\))$)"));
    for (qsizetype l = 0; l + 1 < lines.size(); ++l) {
        const Line& a = lines[l];
        const Line& b = lines[l + 1];
        const double height = a.bottom - a.top;
        if (b.top - a.bottom > 0.6 * height || a.segments.size() < 2) {
            continue;
        }
        QString folded;
        bool hasWords = true;
        for (int sgi : a.segments) {
            folded += foldSameLength(segs[sgi].text) + QLatin1Char(' ');
            hasWords = hasWords && !segs[sgi].words.isEmpty();
        }
        if (!hasWords || !header.match(folded).hasMatch()) {
            continue;
        }
        // Every segment of b: lower-case words only, starting where a word of a starts.
        struct Piece
        {
            int segment;
            double left;
        };
        QList<Piece> pieces;
        bool fits = true;
        for (int t : b.segments) {
            const Segment& cont = segs[t];
            const QStringList words = cont.text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            fits = fits && !cont.words.isEmpty() && words.size() <= 3
                   && std::all_of(words.begin(), words.end(),
                                  [](const QString& w) { return continuation.match(w).hasMatch(); });
            bool under = false;
            for (int sgi : a.segments) {
                for (const WordSpan& w : segs[sgi].words) {
                    under = under || std::abs(w.box.left() - cont.box.left()) <= 0.3 * height;
                }
            }
            fits = fits && under;
            pieces += Piece{t, cont.box.left()};
        }
        if (!fits || pieces.isEmpty()) {
            continue;
        }
        // Rebuild the header's segments, cell by cell.
        for (int sgi : a.segments) {
            const Segment& seg = segs[sgi];
            QList<Segment> cells;
            for (const WordSpan& w : seg.words) {
                const bool starts = std::any_of(pieces.begin(), pieces.end(), [&](const Piece& p) {
                    return std::abs(p.left - w.box.left()) <= 0.3 * height;
                });
                if (cells.isEmpty() || starts) {
                    cells += Segment{QString(), w.box, seg.page, {}};
                } else {
                    cells.back().text += QLatin1Char(' ');
                    cells.back().box = cells.back().box.united(w.box);
                }
                Segment& cell = cells.back();
                cell.words += WordSpan{cell.text.size(), w.length, w.box};
                cell.text += seg.text.mid(w.start, w.length);
            }
            for (Segment& cell : cells) {
                for (const Piece& p : pieces) {
                    if (std::abs(p.left - cell.words.front().box.left()) > 0.3 * height) {
                        continue;
                    }
                    const Segment& cont = segs[p.segment];
                    for (const WordSpan& w : cont.words) {
                        cell.text += QLatin1Char(' ');
                        cell.words += WordSpan{cell.text.size(), w.length, w.box};
                        cell.text += cont.text.mid(w.start, w.length);
                    }
                    // The label reads on one line: the cell keeps its own line's box.
                    dropped[static_cast<std::size_t>(p.segment)] = true;
                }
            }
            replacedBy[static_cast<std::size_t>(sgi)] = static_cast<int>(rebuilt.size());
            rebuilt.append(cells);
        }
    }
    for (int i = 0; i < segs.size(); ++i) {
        if (dropped[static_cast<std::size_t>(i)]) {
            continue;
        }
        if (const int r = replacedBy[static_cast<std::size_t>(i)]; r >= 0) {
            out += rebuilt[r];
        } else {
            out += segs[i];
        }
    }
    return out;
}

// A table of two header rows: group headings ("NOM", "PRÉNOM(S)", "NAISSANCE") over a row of
// qualifiers ("de naissance  utilisé", "date  lieu"), then the values. Each qualifier is joined with
// the heading it stands under ("NOM de naissance", "date de NAISSANCE") into a cell of the lower
// row, and the headings without qualifiers ("SEXE", set across both rows) move down into it, so
// that the lower row reads as an ordinary header row over its values. Only when every joined cell
// reads as labels alone and one heading has two qualifiers or more.
QList<Segment> joinTwoLevelHeaders(const QList<Segment>& segs, int depth = 0)
{
    const QList<Line> lines = linesOf(segs);
    static const QRegularExpression qualifierWord(QStringLiteral(R"(^[\p{L}'’().°/\-]+$)"));
    // The one field a joined text names, if it reads as that label alone.
    const auto field = [](const QString& text) -> std::optional<Slot> {
        const QString folded = foldSameLength(text);
        const QList<LabelHit> labels = findLabels(folded);
        if (labels.size() != 1 || !labelsOnly(folded, labels) || labels.front().slot == Slot::OtherPerson
            || labels.front().slot == Slot::PatientName) {
            return std::nullopt;
        }
        return labels.front().slot;
    };
    // "NOM" + "de naissance", "PRÉNOM(S)" + "utilisé", "date" + "NAISSANCE", "matricule" + "INS",
    // "pays" + "de" + "NAISSANCE"; "commune / pays" as its first part when both name one field.
    const auto joined = [&](const QString& heading, const QString& sub) -> QString {
        std::optional<Slot> slot;
        QString first;
        for (const QString& part : sub.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
            const QString p = part.trimmed();
            QString text;
            // (A heading in the plural names one field per qualifier: "NOMS" + "de naissance".)
            const QString one =
                heading.size() > 3 && heading.back().toLower() == QLatin1Char('s') ? heading.chopped(1) : heading;
            const QString tries[] = {heading + QLatin1Char(' ') + p, p + QLatin1Char(' ') + heading,
                                     p + QStringLiteral(" de ") + heading, one + QLatin1Char(' ') + p};
            for (const QString& t : tries) {
                if (const auto f = field(t); f && (!slot || *slot == *f)) {
                    slot = f;
                    text = t;
                    break;
                }
            }
            if (text.isEmpty()) {
                return {};
            }
            first = first.isEmpty() ? text : first;
        }
        return first;
    };
    for (qsizetype l = 1; l + 1 < lines.size() && l < 400 && depth < 4; ++l) {
        const Line& b = lines[l];
        const Line& c = lines[l + 1];
        const double h = b.bottom - b.top;
        if (c.top - b.bottom > 1.5 * h || b.segments.isEmpty()) {
            continue;
        }
        // The qualifiers: runs of at most three words without digits, parted by more than half a
        // line height.
        struct Run
        {
            QString text;
            QRectF box;
            int top = -1; // the heading it stands under
        };
        QList<Run> runs;
        bool fits = true;
        for (int t : b.segments) {
            const Segment& seg = segs[t];
            fits = fits && !seg.words.isEmpty();
            for (qsizetype w = 0; w < seg.words.size() && fits; ++w) {
                const WordSpan& span = seg.words[w];
                const QString word = seg.text.mid(span.start, span.length);
                fits = qualifierWord.match(word).hasMatch();
                if (w == 0 || span.box.left() - runs.back().box.right() > 0.5 * h) {
                    runs += Run{word, span.box};
                } else {
                    runs.back().text += QLatin1Char(' ') + word;
                    runs.back().box = runs.back().box.united(span.box);
                }
            }
        }
        if (!fits || runs.size() < 2 || runs.size() > 12
            || std::any_of(runs.begin(), runs.end(), [](const Run& r) { return r.text.count(QLatin1Char(' ')) > 2; })) {
            continue;
        }
        // The headings: cells of the two lines above that end by the qualifiers' line, within the
        // table's width (the values' line and the qualifiers).
        double left = runs.front().box.left();
        double right = runs.back().box.right();
        for (int t : c.segments) {
            left = std::min(left, segs[t].box.left());
            right = std::max(right, segs[t].box.right());
        }
        QList<int> tops;
        for (qsizetype o = std::max<qsizetype>(0, l - 2); o < l; ++o) {
            for (int t : lines[o].segments) {
                const QRectF& box = segs[t].box;
                if (box.bottom() <= b.top + 0.3 * h && b.top - box.bottom() <= 1.5 * h && box.left() >= left - h
                    && box.right() <= right + h) {
                    tops += t;
                }
            }
        }
        if (tops.isEmpty()) {
            continue;
        }
        QList<int> count(tops.size(), 0);
        for (Run& r : runs) {
            double best = 1e9;
            for (qsizetype i = 0; i < tops.size(); ++i) {
                const double d = std::abs(r.box.center().x() - segs[tops[i]].box.center().x());
                if (d < best) {
                    best = d;
                    r.top = static_cast<int>(i);
                }
            }
        }
        QList<Segment> cells;
        for (Run& r : runs) {
            const QString& heading = segs[tops[r.top]].text;
            QString text = foldSameLength(heading).contains(foldSameLength(r.text))
                               ? heading // "Matricule INS" / "matricule"
                               : joined(heading, r.text);
            if (text.isEmpty() && field(r.text)) {
                text = r.text; // a label of its own on the lower row ("SEXE")
                r.top = -1;
            }
            if (text.isEmpty()) {
                fits = false;
                break;
            }
            if (r.top >= 0) {
                ++count[r.top];
            }
            cells += Segment{text, r.box, segs[b.segments.front()].page, {WordSpan{0, text.size(), r.box}}};
        }
        if (!fits || std::none_of(count.begin(), count.end(), [](int n) { return n >= 2; })) {
            continue;
        }
        // Headings without qualifiers move down into the lower row.
        for (qsizetype i = 0; i < tops.size(); ++i) {
            if (count[i] == 0) {
                Segment moved = segs[tops[i]];
                const double dy = b.top - moved.box.top();
                moved.box.translate(0, dy);
                for (WordSpan& w : moved.words) {
                    w.box.translate(0, dy);
                }
                cells += moved;
            }
        }
        QList<Segment> out;
        for (int i = 0; i < segs.size(); ++i) {
            if (!tops.contains(i) && !b.segments.contains(i)) {
                out += segs[i];
            } else if (i == b.segments.front()) {
                out += cells;
            }
        }
        return joinTwoLevelHeaders(out, depth + 1);
    }
    return segs;
}

// ---------------------------------------------------------------------------------------------
// Reading

struct Candidates
{
    QStringList birthNames;
    QStringList usedNames;
    QStringList families; // birth or used: decided at the end
    // "M. LAURENT (patient)" in a copies list: not a trait, only how a run of capitals elsewhere
    // ("LAURENT KARIM STEPHANE") is cut between family name and first names.
    QStringList familyHints;
    QList<QStringList> capitalsOnly; // "NGUYEN THOMAS": which word is the first name is decided at the end
    QList<QStringList> firstNameLists;
    QStringList firstNamesOfGroups; // the first given name of a patient name (banner, sentence)
    QStringList firstNameSingles;   // "Premier prénom"
    QList<QDate> birthDates;
    QList<Sex> sexes;
    QList<TextIdentity::SexChoice> sexChoices;
    QStringList places;
    QStringList matricules;
    QStringList weakMatricules;
    QStringList oids;
    QString display;
    // Every full date and every commune-code shape printed outside another person's block: what a
    // labelled INS's own year, month and place are checked against (Decider).
    QList<QDate> looseDates;
    QStringList looseCodes;
};

void addUnique(QStringList& list, const QString& value)
{
    if (!value.isEmpty() && !list.contains(value)) {
        list += value;
    }
}

// The used name said as such: "usage : VINCENT", "nom d'usage VINCENT", "ép. VINCENT" (the name in
// the first group).
const QString UsedNameSaid =
    QStringLiteral(R"((?:usage|nom\s+d'usage|[eé]p\.|[eé]pouse)\s*:?\s*(\p{Lu}[\p{Lu}'’\- ]*\p{Lu}))");

// What a matricule printed alone is made of: digits, spaces, dots, dashes, "clé".
const QRegularExpression& numberChars()
{
    static const QRegularExpression re(QStringLiteral(R"([\d\s.\-]|cl[eé])"));
    return re;
}

// What separates the items of a one-line banner: a comma, a semicolon, a bar, or a dash or a
// slash between spaces (a date's slashes have none).
const QRegularExpression& bannerSeparator()
{
    static const QRegularExpression re(QStringLiteral(R"(\s*[,;|]\s*|\s+[-–—/]\s+)"));
    return re;
}

// Pages of a document read in full: all of a short one, the first and last three of a long one.
bool readsWholePage(qsizetype page, qsizetype pages)
{
    return pages <= 6 || page < 3 || page >= pages - 3;
}

// A label of the patient's names, whole or in part ("Nom de naissance", "Prénom(s)", "Nom et prénom").
bool personNameSlot(Slot slot)
{
    return slot == Slot::BirthName || slot == Slot::UsedName || slot == Slot::Family || slot == Slot::PatientName
           || slot == Slot::FirstNames || slot == Slot::FirstName;
}

// A label of the INS ("INS", "Matricule INS") or of a number that may be it ("NIR", "N° SS").
bool insSlot(Slot slot)
{
    return slot == Slot::Ins || slot == Slot::InsWeak;
}

// An INS key set in a cell of its own after the 13 digits ("2 66 10 49 007 969 | 47", "| – 47").
const QRegularExpression& bareKey()
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*[-–—]?\s*\d{2}\s*$)"));
    return re;
}

class Reader
{
public:
    // `inlineOnly`: values are read within their segment only (paragraphs joined from several
    // lines, whose geometry says nothing of cells).
    explicit Reader(const QList<QList<Segment>>& pages, bool inlineOnly = false)
        : m_pages(pages)
        , m_inlineOnly(inlineOnly)
    {
    }

    // After read(): per page, the cells set aside as another person's (under "Assuré(e) :",
    // "Copie adressée à :"), which joined into a paragraph must not be read again.
    [[nodiscard]] const QList<QList<QRectF>>& setAside() const
    {
        return m_setAside;
    }

    // Whether a cell of the line just above or just below line `l` satisfies `pred`.
    template <class Pred> static bool neighbourCell(const QList<Line>& lines, qsizetype l, Pred pred)
    {
        for (const qsizetype o : {l - 1, l + 1}) {
            if (o >= 0 && o < lines.size() && std::any_of(lines[o].segments.begin(), lines[o].segments.end(), pred)) {
                return true;
            }
        }
        return false;
    }

    // "NOM MARTINEZ", "Genre Féminin": bare words that are labels only in a column of labels, where
    // the line above or below opens on a label aligned with this one (on the left edge, or on the
    // label's end when labels are set flush right before their values).
    void addColumnLabels(const QList<Segment>& segs, const QList<Line>& lines)
    {
        static const QRegularExpression bare(QStringLiteral(R"(^(nom|genre)\s+\S)"));
        // Twice: "NOM" over "Genre" over "Lieu naiss.", each found through the one below.
        for (int pass = 0; pass < 2; ++pass) {
            for (qsizetype l = 0; l < lines.size(); ++l) {
                for (int s : lines[l].segments) {
                    const auto m = bare.match(m_folded[s]);
                    if (!m.hasMatch() || (!m_labels[s].isEmpty() && m_labels[s].front().start == 0)) {
                        continue;
                    }
                    const Segment& seg = segs[s];
                    const double h = seg.box.height();
                    const double end = seg.spanX(0, m.capturedEnd(1)).second;
                    const bool aligned = neighbourCell(lines, l, [&](int t) {
                        const QList<LabelHit>& labels = m_labels[t];
                        if (labels.isEmpty() || labels.front().start != 0 || labels.front().slot == Slot::Other
                            || labels.front().slot == Slot::OtherPerson
                            || std::abs(segs[t].box.top() - seg.box.top()) > 2.5 * h) {
                            return false;
                        }
                        const double otherEnd = segs[t].spanX(0, labels.front().end).second;
                        return std::abs(segs[t].box.left() - seg.box.left()) <= h || std::abs(otherEnd - end) <= h;
                    });
                    if (aligned) {
                        m_labels[s].prepend(LabelHit{m.captured(1) == QLatin1String("nom") ? Slot::Family : Slot::Sex,
                                                     0, m.capturedEnd(1)});
                    }
                }
            }
        }
    }

    // A form's section heading qualifies the bare words of the lines under it: "NAISSANCE" over
    // "Date 24 AOUT 1951   À Quimper   Code 29232", "INS" over "N° 1091037261537   Clé 03", "ÉTAT
    // CIVIL" over "Nom LAURENT   Prénom(s) Gaëlle". Each word becomes that field's label.
    void addSectionLabels(const QList<Segment>& segs, const QList<Line>& lines)
    {
        static const QRegularExpression heading(QStringLiteral(
            R"(^\s*(?:(naissance)|(ins|(?:identifiant\s+national|identite\s+nationale)\s+de\s+sante(?:\s*\(\s*ins\s*\))?)|(etat[\s\-]civil))\s*:?\s*$)"));
        static const QRegularExpression birthWords(QStringLiteral(
            R"((?<![\p{L}\d])(?:(date)|(lieu|commune|pays|a|code(?:\s+(?:insee|cog|commune|pays))?))(?=\s+\S))"));
        static const QRegularExpression insWords(QStringLiteral(R"(^(?:n[o°]|numero|matricule)(?=\s+\d))"));
        static const QRegularExpression civilWords(QStringLiteral(R"(^nom(?=\s+\S))"));
        for (qsizetype l = 0; l + 1 < lines.size(); ++l) {
            if (lines[l].segments.size() != 1) {
                continue;
            }
            const int h = lines[l].segments.front();
            const auto m = heading.match(m_folded[h]);
            if (!m.hasMatch()) {
                continue;
            }
            const Slot kind = m.capturedLength(1) > 0   ? Slot::BirthDate
                              : m.capturedLength(2) > 0 ? Slot::Ins
                                                        : Slot::Family;
            const double height = segs[h].box.height();
            double bottom = lines[l].bottom;
            for (qsizetype k = l + 1; k < lines.size() && k <= l + 2; ++k) {
                const Line& under = lines[k];
                const int first = under.segments.front();
                // (An INS heading centred over its columns starts right of them: "INS" over "matricule
                // OID", the number under them; only the number and its own words take its label.)
                double underRight = segs[first].box.right();
                for (int c : under.segments) {
                    underRight = std::max(underRight, segs[c].box.right());
                }
                const double centre = segs[h].box.center().x();
                const bool centred = kind == Slot::Ins && centre > segs[first].box.left() && centre < underRight
                                     && segs[h].box.width() < underRight - segs[first].box.left();
                if (under.top - bottom > 1.5 * height
                    || (segs[first].box.left() < segs[h].box.left() - height / 2 && !centred)
                    || heading.match(m_folded[first]).hasMatch()) {
                    break;
                }
                for (int c : under.segments) {
                    QList<LabelHit> added;
                    if (kind == Slot::BirthDate) {
                        for (auto it = birthWords.globalMatch(m_folded[c]); it.hasNext();) {
                            const auto w = it.next();
                            added += LabelHit{w.capturedLength(1) > 0 ? Slot::BirthDate : Slot::BirthPlace,
                                              w.capturedStart(0), w.capturedEnd(0)};
                        }
                    } else if (const auto w = (kind == Slot::Ins ? insWords : civilWords).match(m_folded[c]);
                               w.hasMatch()) {
                        added += LabelHit{kind, 0, w.capturedEnd(0)};
                    } else if (kind == Slot::Ins && c == first
                               && (m_labels[c].isEmpty() || m_labels[c].front().start > 0)
                               && !matriculeFromValue(segs[c].text).isEmpty()) {
                        added += LabelHit{kind, 0, 0}; // the number alone under its heading ("2 48 03 … CLÉ 70")
                    }
                    for (const LabelHit& a : added) {
                        addLabel(c, a, false);
                    }
                }
                bottom = under.bottom;
            }
        }
    }

    // A label a heading gives segment c's word, in its place among the labels found. A word inside a
    // label already found ("code" of "Code INSEE :") stays that label's, except a "Matricule" the
    // heading says is the INS, and (`overrideOther`) a word another field's label took ("Date" alone,
    // the birth's beside "Naissance").
    void addLabel(int c, const LabelHit& a, bool overrideOther)
    {
        QList<LabelHit>& hits = m_labels[c];
        const auto overlapping = std::find_if(hits.begin(), hits.end(),
                                              [&](const LabelHit& o) { return o.start < a.end && a.start < o.end; });
        if (overlapping != hits.end()) {
            if ((overlapping->slot == Slot::InsWeak && a.slot == Slot::Ins)
                || (overrideOther && overlapping->slot == Slot::Other)) {
                overlapping->slot = a.slot;
            }
            return;
        }
        hits.insert(std::upper_bound(hits.begin(), hits.end(), a,
                                     [](const LabelHit& x, const LabelHit& y) { return x.start < y.start; }),
                    a);
    }

    // A form's group heading set in a column at the left of its rows, across them: "Naissance"
    // beside "Date | 17.05.2005" and "Commune ou pays | 75114 …"; "Identifiant / national de /
    // santé" (wrapped) beside "Matricule | 1 05 05 …". The rows' bare words become its fields'
    // labels, as under a heading above them (addSectionLabels).
    void addRowGroupLabels(const QList<Segment>& segs)
    {
        static const QRegularExpression birthGroup(QStringLiteral(R"(^\s*(?:naissance|ne\s*\(\s*e\s*\))\s*:?\s*$)"));
        static const QRegularExpression birthWord(
            QStringLiteral(R"(^\s*(?:(date)|(lieu|commune|pays|code))(?![a-z]))"));
        static const QRegularExpression insGroup(QStringLiteral(R"(^identifiant\s+(?:\S+\s+)?national\s+de\s+sante)"));
        for (int g = 0; g < segs.size(); ++g) {
            const Segment& head = segs[g];
            const double h = head.box.height();
            // The heading's rows: cells starting to its right whose middle is within about a row
            // and a half of the heading's span.
            double top = head.box.top();
            double bottom = head.box.bottom();
            Slot kind = Slot::Other;
            qsizetype headEnd = 0; // in a heading run into its first row ("Identifiant Matricule")
            if (birthGroup.match(m_folded[g]).hasMatch()) {
                kind = Slot::BirthDate;
            } else if (m_folded[g].startsWith(QLatin1String("identifiant"))) {
                // The heading wrapped in its column: the lines under it at its left edge.
                QString joined = m_folded[g];
                for (int k = g + 1; k < segs.size() && segs[k].box.top() - bottom < 1.5 * h; ++k) {
                    if (std::abs(segs[k].box.left() - head.box.left()) <= h && segs[k].box.top() >= bottom - h / 2) {
                        joined += QLatin1Char(' ') + m_folded[k].simplified();
                        bottom = segs[k].box.bottom();
                    }
                }
                if (!insGroup.match(joined.simplified()).hasMatch()) {
                    continue;
                }
                kind = Slot::Ins;
                headEnd = QLatin1String("identifiant").size();
            } else {
                continue;
            }
            for (int c = 0; c < segs.size(); ++c) {
                const Segment& row = segs[c];
                const double middle = row.box.center().y();
                if (middle < top - 1.5 * h || middle > bottom + 1.5 * h) {
                    continue;
                }
                // A cell to its right, or the heading's own cell past it ("Identifiant Matricule").
                if (c != g && row.box.left() <= head.box.right() - h / 2) {
                    continue;
                }
                const qsizetype from = c == g ? headEnd : 0;
                const QString rest = m_folded[c].mid(from);
                if (kind == Slot::BirthDate && c != g) {
                    if (const auto w = birthWord.match(rest); w.hasMatch()) {
                        addLabel(c,
                                 LabelHit{w.capturedLength(1) > 0 ? Slot::BirthDate : Slot::BirthPlace,
                                          w.capturedStart(w.capturedLength(1) > 0 ? 1 : 2), w.capturedEnd(0)},
                                 true);
                    }
                } else if (kind == Slot::Ins) {
                    static const QRegularExpression number(QStringLiteral(R"(^\s*(matricule|n[o°]|numero)(?![a-z]))"));
                    if (const auto w = number.match(rest); w.hasMatch()) {
                        addLabel(c, LabelHit{Slot::Ins, from + w.capturedStart(1), from + w.capturedEnd(1)}, true);
                    }
                }
            }
        }
    }

    // A table of people ("Type | Nom | Spécialité | Commune | Envoi": a diffusion list) heads its
    // "Nom" column over doctors, not over the patient: that column's label is no patient's.
    void dropPeopleTableNames(const QList<Line>& lines)
    {
        static const QStringList peopleHeaders{
            QStringLiteral("specialite"), QStringLiteral("qualite"),      QStringLiteral("fonction"),
            QStringLiteral("envoi"),      QStringLiteral("mode d'envoi"), QStringLiteral("canal"),
            QStringLiteral("type"),       QStringLiteral("adresse"),      QStringLiteral("ville"),
            QStringLiteral("commune"),    QStringLiteral("telephone"),    QStringLiteral("rpps"),
            QStringLiteral("role"),       QStringLiteral("destinataire"), QStringLiteral("destinataires"),
        };
        for (const Line& line : lines) {
            // Two such headers at least: one is a form's field ("Prénoms Élodie | Téléphone …").
            const bool people =
                line.segments.size() >= 3
                && std::count_if(line.segments.begin(), line.segments.end(), [&](int s) {
                       return peopleHeaders.contains(m_folded[s].trimmed().remove(QLatin1Char(':')).trimmed());
                   }) >= 2;
            if (!people) {
                continue;
            }
            for (int s : line.segments) {
                m_labels[s].removeIf([](const LabelHit& h) {
                    return h.slot == Slot::Family || h.slot == Slot::FirstName || h.slot == Slot::FirstNames;
                });
            }
        }
    }

    // "(née LE ROUX)" folds as "née le": a birth name with its particle, not a birth date.
    static void dropBornLeName(const QString& text, QList<LabelHit>& hits)
    {
        hits.removeIf([&](const LabelHit& h) {
            if (h.slot != Slot::BirthDate || h.end < 2 || text.mid(h.end - 2, 2) != QLatin1String("LE")) {
                return false;
            }
            const QString next = text.mid(h.end).trimmed().section(QLatin1Char(' '), 0, 0);
            return !next.isEmpty() && next.front().isLetter() && next == next.toUpper();
        });
    }

    // "Lieu :", "LN :", "Code INSEE :" name the birth place only after the birth date: on its
    // line ("Né(e) le … · Lieu : …") or under it in its column ("Naissance : …" over "Lieu :").
    void dropPlaceLabelsAwayFromBirthDate(const QList<Segment>& segs, const QList<Line>& lines)
    {
        std::vector<bool> birthColumn(static_cast<std::size_t>(segs.size()), false);
        for (int k = 0; k < segs.size(); ++k) {
            QList<LabelHit>& hits = m_labels[k];
            const int above = segmentAbove(segs, lines, k);
            bool afterDate = above >= 0 && birthColumn[static_cast<std::size_t>(above)];
            for (qsizetype h = 0; h < hits.size();) {
                const QString word = m_folded[k].mid(hits[h].start, hits[h].end - hits[h].start).simplified();
                afterDate = afterDate || hits[h].slot == Slot::BirthDate;
                static const QStringList contextual{QStringLiteral("lieu"),       QStringLiteral("ln"),
                                                    QStringLiteral("code insee"), QStringLiteral("code commune"),
                                                    QStringLiteral("code cog"),   QStringLiteral("code lieu"),
                                                    QStringLiteral("insee"),      QStringLiteral("commune")};
                if (hits[h].slot == Slot::BirthPlace && contextual.contains(word) && !afterDate) {
                    hits.removeAt(h);
                } else {
                    ++h;
                }
            }
            // Through the age under the date ("Naissance : …" / "Âge : …" / "Lieu : …").
            birthColumn[static_cast<std::size_t>(k)] =
                std::any_of(hits.begin(), hits.end(),
                            [](const LabelHit& h) { return h.slot == Slot::BirthDate || h.slot == Slot::BirthPlace; })
                || (above >= 0 && birthColumn[static_cast<std::size_t>(above)] && m_folded[k].size() < 40
                    && std::all_of(hits.begin(), hits.end(), [](const LabelHit& h) { return h.slot == Slot::Other; })
                    && (m_folded[k].contains(QLatin1Char(':')) // "Âge : 73 ans"
                        || (hits.isEmpty() && m_folded[k].count(QLatin1Char(' ')) <= 2
                            && std::none_of(m_folded[k].begin(), m_folded[k].end(),
                                            [](QChar c) { return c.isDigit(); }))));
        }
    }

    // "fils de", "fille de", "enfant de" (segment s's label h): the parents' names follow, nothing
    // else of theirs.
    bool filiation(int s, const LabelHit& h) const
    {
        static const QRegularExpression parents(QStringLiteral(R"(^(?:fils|fille|enfant)\s)"));
        return parents.match(QStringView(m_folded[s]).mid(h.start, h.end - h.start)).hasMatch();
    }

    // The dates and code shapes of a segment, up to another person's label in it.
    void collectLoose(const QList<Segment>& segs, int s)
    {
        const Segment& seg = segs[s];
        const QList<LabelHit>& labels = m_labels[s];
        static const QRegularExpression digits(QStringLiteral(R"(\d\d)"));
        if (!digits.match(QStringView(seg.text).left(MaxSegmentLength)).hasMatch()) {
            return; // neither a date nor a code: most lines
        }
        QString text = seg.text.left(MaxSegmentLength);
        for (const LabelHit& h : labels) {
            if (h.slot == Slot::OtherPerson && !filiation(s, h)) {
                text.truncate(h.start);
                break;
            }
        }
        for (qsizetype from = 0; from < text.size() && m_out.looseDates.size() < 64;) {
            const DateHit hit = findDate(QStringView(text).mid(from));
            if (hit.at < 0) {
                break;
            }
            if (!m_out.looseDates.contains(hit.date)) {
                m_out.looseDates += hit.date;
            }
            from += hit.end;
        }
        // Not a group of a long number ("INS 22107 99350 44908"): the birth place the INS carries is
        // no evidence of itself.
        static const QRegularExpression longNumber(
            QStringLiteral(R"((?<![\dA-Za-z])\d(?:[\s.\-]?[\dAB]){12,}(?![\dA-Za-z]))"));
        for (auto it = longNumber.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            text.replace(m.capturedStart(0), m.capturedLength(0), QString(m.capturedLength(0), QLatin1Char(' ')));
        }
        for (auto it = cogShape().globalMatch(text); it.hasNext() && m_out.looseCodes.size() < 64;) {
            addUnique(m_out.looseCodes, it.next().captured(1).toUpper());
        }
    }

    Candidates read()
    {
        int budget = MaxSegments;
        for (qsizetype p = 0; p < m_pages.size() && budget > 0; ++p) {
            const QList<Segment> segs =
                joinTwoLevelHeaders(joinWrappedHeaders(joinWrappedRowLabels(splitAtColumnEdges(m_pages[p]))));
            const QList<Line> lines = linesOf(segs);
            m_lineOf.assign(static_cast<std::size_t>(segs.size()), 0);
            for (qsizetype l = 0; l < lines.size(); ++l) {
                for (int s : lines[l].segments) {
                    m_lineOf[static_cast<std::size_t>(s)] = static_cast<int>(l);
                }
            }
            m_folded.clear();
            m_labels.clear();
            // A long document prints the patient on its first and last pages and in the headers
            // and footers of the others: the body of its middle pages is not read for labels.
            const bool wholePage = readsWholePage(p, m_pages.size());
            const double top = segs.isEmpty() ? 0 : segs.front().box.top();
            const double pageBottom = segs.isEmpty() ? 0 : segs.back().box.bottom();
            for (const Segment& s : segs) {
                const QString text = s.text.left(MaxSegmentLength);
                m_folded += foldSameLength(text);
                const bool band = s.box.top() < top + 100 || s.box.bottom() > pageBottom - 80;
                m_labels += wholePage || band ? findLabels(m_folded.back()) : QList<LabelHit>{};
            }
            addColumnLabels(segs, lines);
            addSectionLabels(segs, lines);
            addRowGroupLabels(segs);
            dropPeopleTableNames(lines);
            for (int k = 0; k < segs.size(); ++k) {
                dropBornLeName(segs[k].text, m_labels[k]);
            }
            dropPlaceLabelsAwayFromBirthDate(segs, lines);
            m_labelOnly.clear();
            for (int s = 0; s < segs.size(); ++s) {
                m_labelOnly.push_back(computeLabelOnly(segs, s));
            }
            m_captions = captionVote(segs, lines);
            // Cells under "Assuré(e) ouvrant droit :" and the like belong to that person: the rest of
            // its line, and the block under it in its column while it stays tight and names no
            // patient. A column beside it (the patient's block left, "Personne de confiance" right)
            // is still read.
            std::vector<bool>& excluded = m_excluded;
            excluded.assign(static_cast<std::size_t>(segs.size()), false);
            for (qsizetype l = 0; l < lines.size(); ++l) {
                for (int s : lines[l].segments) {
                    const auto& labels = m_labels[s];
                    const auto other = std::find_if(labels.begin(), labels.end(),
                                                    [](const LabelHit& h) { return h.slot == Slot::OtherPerson; });
                    if (other == labels.end()) {
                        continue;
                    }
                    // The letter's staff ("Secrétariat : M. …", "Dossier suivi par : …") take one line.
                    static const QRegularExpression staff(
                        QStringLiteral(R"(^(?:secreta|dossier|affaire|redig|dict|frapp))"));
                    const bool staffLine = staff.match(QStringView(m_folded[s]).mid(other->start)).hasMatch();
                    // Under "Destinataire du courrier" or "Copie adressée à :", "Nom et prénom :" is theirs.
                    const QStringView heading = QStringView(m_folded[s]).mid(other->start);
                    const bool addressee = heading.startsWith(u"destinat") || heading.startsWith(u"cop");
                    const double height = lines[l].bottom - lines[l].top;
                    const double left = segs[s].box.left() - height * 2;
                    const auto inColumn = [&](int c) { return segs[c].box.left() >= left; };
                    for (int c : lines[l].segments) {
                        if (c > s && inColumn(c)) { // its own cell is read up to its label
                            excluded[static_cast<std::size_t>(c)] = true;
                        }
                    }
                    double bottom = lines[l].bottom;
                    for (qsizetype k = l + 1; k < lines.size() && k <= l + 3 && !staffLine; ++k) {
                        Line column;
                        for (int c : lines[k].segments) {
                            if (inColumn(c)) {
                                column.segments += c;
                            }
                        }
                        if (column.segments.isEmpty() || lines[k].top - bottom > height * 0.9
                            || mentionsPatient(column, addressee) || runningText(segs, column)) {
                            break;
                        }
                        for (int c : column.segments) {
                            excluded[static_cast<std::size_t>(c)] = true;
                        }
                        bottom = lines[k].bottom;
                    }
                }
            }
            // A table of professionals, its header naming their RPPS ("N° RPPS | NOM | PRÉNOM | Commune"):
            // its rows are no patient's.
            static const QRegularExpression rppsColumn(
                QStringLiteral(R"(^\s*(?:n[o°]\s*|identifiant\s+|numero\s+)?(?:rpps|adeli)\s*$)"));
            for (qsizetype l = 0; l < lines.size(); ++l) {
                const QList<int>& cells = lines[l].segments;
                const bool header = cells.size() >= 2
                                    && std::any_of(cells.begin(), cells.end(),
                                                   [&](int c) { return rppsColumn.match(m_folded[c]).hasMatch(); })
                                    && std::all_of(cells.begin(), cells.end(), [&](int c) {
                                           return rppsColumn.match(m_folded[c]).hasMatch()
                                                  || (segs[c].text.count(QLatin1Char(' ')) <= 2
                                                      && std::none_of(segs[c].text.begin(), segs[c].text.end(),
                                                                      [](QChar ch) { return ch.isDigit(); }));
                                       });
                if (!header) {
                    continue;
                }
                const double height = lines[l].bottom - lines[l].top;
                double bottom = lines[l].bottom;
                double left = segs[cells.front()].box.left();
                double right = segs[cells.front()].box.right();
                for (int c : cells) {
                    excluded[static_cast<std::size_t>(c)] = true;
                    left = std::min(left, segs[c].box.left());
                    right = std::max(right, segs[c].box.right());
                }
                // Its rows, within its width (not a column beside it).
                for (qsizetype k = l + 1; k < lines.size() && k <= l + 10; ++k) {
                    if (lines[k].top - bottom > 2.5 * height || mentionsPatient(lines[k])) {
                        break;
                    }
                    for (int c : lines[k].segments) {
                        if (segs[c].box.left() >= left - 2 * height && segs[c].box.left() <= right + 2 * height) {
                            excluded[static_cast<std::size_t>(c)] = true;
                        }
                    }
                    bottom = lines[k].bottom;
                }
            }
            m_setAside.resize(m_pages.size());
            for (int s = 0; s < segs.size(); ++s) {
                if (excluded[static_cast<std::size_t>(s)]) {
                    m_setAside[p] += segs[s].box;
                }
            }
            for (int s = 0; s < segs.size() && budget > 0; ++s, --budget) {
                readFamilyHint(segs[s]);
                if (excluded[static_cast<std::size_t>(s)]) {
                    continue;
                }
                readSegment(segs, lines, s);
                if (wholePage) {
                    collectLoose(segs, s);
                }
            }
            // Banners, whole lines: a bar or a tab may have cut them into cells.
            for (qsizetype l = 0; l < lines.size(); ++l) {
                QStringList cells;
                for (int s : lines[l].segments) {
                    if (!excluded[static_cast<std::size_t>(s)]) {
                        cells += segs[s].text;
                    }
                }
                // A banner beside a column of the letterhead ("RPPS 10955226559" | "M. DUFOUR Benoît / M / …").
                for (qsizetype c = 0; c < cells.size(); ++c) {
                    readBanner(cells.mid(c));
                }
            }
        }
        return m_out;
    }

private:
    // A cell that is labels and nothing else: no colon, no value ("Nom de naissance", "Date de
    // naissance / Sexe"), the way forms print captions and tables their header rows.
    bool labelOnly(int s) const
    {
        return m_labelOnly[static_cast<std::size_t>(s)];
    }

    bool computeLabelOnly(const QList<Segment>& segs, int s) const
    {
        return labelsOnly(m_folded[s], m_labels[s]) && segs[s].text.size() <= 60;
    }

    // The nearest line above (`direction` -1) or below (+1) line `l` with a cell over the x range
    // of segment `s`, and the gap between them; -1 when none stands within a few line heights.
    std::pair<qsizetype, double> lineInColumn(const QList<Segment>& segs, const QList<Line>& lines, qsizetype l, int s,
                                              int direction) const
    {
        // Gaps between the cells themselves: a line may also hold a margin column's taller text.
        const QRectF& box = segs[s].box;
        for (qsizetype o = l + direction; o >= 0 && o < lines.size(); o += direction) {
            for (int c : lines[o].segments) {
                const QRectF& other = segs[c].box;
                if (other.left() < box.right() && other.right() > box.left()) {
                    const double gap = direction > 0 ? other.top() - box.bottom() : box.top() - other.bottom();
                    return gap > box.height() * 4.5 ? std::pair<qsizetype, double>{-1, 0.0}
                                                    : std::pair<qsizetype, double>{o, std::max(gap, 0.0)};
                }
            }
        }
        return {-1, 0.0};
    }

    // Whether this page's label cells stand under their values (captions) or over them (a table's
    // header row, a label over its field): each cell votes for the side whose line is clearly the
    // nearer, or the only one, holding a value. A form uses one convention throughout, so a
    // caption whose two neighbours stand evenly follows the others.
    int captionVote(const QList<Segment>& segs, const QList<Line>& lines) const
    {
        int vote = 0;
        for (qsizetype l = 0; l < lines.size(); ++l) {
            for (int s : lines[l].segments) {
                if (!labelOnly(s)) {
                    continue;
                }
                // A value stands close to its label: a title two lines above a heading is none.
                const auto valueLine = [&](std::pair<qsizetype, double> found) {
                    if (found.first < 0 || found.second > 2 * segs[s].box.height()) {
                        return false;
                    }
                    const Line& o = lines[found.first];
                    return std::all_of(o.segments.begin(), o.segments.end(), [&](int c) { return !labelOnly(c); });
                };
                // A heading over labels ("Patient" over "Nom (naissance)"), or the label under it,
                // says nothing of the convention.
                const auto labelLine = [&](std::pair<qsizetype, double> found) {
                    if (found.first < 0 || found.second > 2 * segs[s].box.height()) {
                        return false;
                    }
                    const Line& o = lines[found.first];
                    return std::all_of(o.segments.begin(), o.segments.end(), [&](int c) { return labelOnly(c); });
                };
                const auto above = lineInColumn(segs, lines, l, s, -1);
                const auto below = lineInColumn(segs, lines, l, s, 1);
                if (labelLine(above) || labelLine(below)) {
                    continue;
                }
                const bool up = valueLine(above);
                const bool down = valueLine(below);
                // (Gaps within a fifth of a line of each other are even: "ANDRÉ" set 0.05 pt over the
                // next caption and 0.46 pt under its own.)
                const double even = 0.2 * segs[s].box.height();
                if (up && (!down || above.second * 1.5 + even < below.second)) {
                    ++vote;
                } else if (down && (!up || below.second * 1.5 + even < above.second)) {
                    --vote;
                }
            }
        }
        return vote;
    }

    // A line of running text (five words in lower case or more: "Je vous remercie de m'avoir
    // adressée Mademoiselle …") is the letter again, not the block of the person labelled above.
    static bool runningText(const QList<Segment>& segs, const Line& line)
    {
        int lower = 0;
        for (int s : line.segments) {
            for (const QString& w : segs[s].text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                lower += w.size() >= 2 && w.front().isLower() ? 1 : 0;
            }
        }
        return lower >= 5;
    }

    // `namesAside`: a generic "Nom et prénom :" does not count (a form under another person's
    // heading has one); "Patient :", "Identité du patient" still do.
    bool mentionsPatient(const Line& line, bool namesAside = false) const
    {
        for (int s : line.segments) {
            for (const LabelHit& h : m_labels[s]) {
                if (h.slot == Slot::PatientName
                    && !(namesAside && QStringView(m_folded[s]).mid(h.start).startsWith(u"nom"))) {
                    return true;
                }
            }
        }
        return false;
    }

    // Where the value of label `k` of segment `s` may stand, most likely first: after it up to the
    // next label; when it stands alone, the next cell to its right (two-column grids), the next line
    // of its sentence, the cell below (a table's header row), the cell above (a caption under its
    // value), the cell before it; "DUPONT (nom de naissance)": the text before the parenthesis.
    // Values from before or above the label are `strict`: taken only when they are wholly a value.
    struct Candidate
    {
        QString text;
        bool strict = false;
    };

    QList<Candidate> valuesOf(const QList<Segment>& segs, const QList<Line>& lines, int s, qsizetype k) const
    {
        QList<Candidate> out = cellValuesOf(segs, lines, s, k);
        // A pair of labels joined by a slash over (or before) a pair of values so joined ("Né(e) le /
        // sexe" over "23 03 1969 / F"): each label takes its own half.
        const QList<LabelHit>& labels = m_labels[s];
        static const QRegularExpression slashOnly(QStringLiteral(R"(^\s*/\s*$)"));
        static const QRegularExpression nothing(QStringLiteral(R"(^[\s:;]*$)"));
        static const QRegularExpression spacedSlash(QStringLiteral(R"(\s+/\s+)"));
        for (const qsizetype first : {k, k - 1}) {
            if (first < 0 || first + 1 >= labels.size() || (first + 2 < labels.size())) {
                continue;
            }
            const QString& text = segs[s].text;
            if (!slashOnly.match(text.mid(labels[first].end, labels[first + 1].start - labels[first].end)).hasMatch()
                || !nothing.match(text.mid(labels[first + 1].end)).hasMatch()) {
                continue;
            }
            for (Candidate& c : out) {
                if (const QStringList parts = c.text.split(spacedSlash); parts.size() == 2) {
                    c.text = parts[k - first].trimmed();
                }
            }
        }
        return out;
    }

    QList<Candidate> cellValuesOf(const QList<Segment>& segs, const QList<Line>& lines, int s, qsizetype k) const
    {
        const QList<LabelHit>& labels = m_labels[s];
        const Segment& seg = segs[s];
        // A pair of labels joined by a slash, one colon after the second ("Sexe / Âge : F / 47 ans").
        static const QRegularExpression slashOnly(QStringLiteral(R"(^\s*/\s*$)"));
        static const QRegularExpression colonFirst(QStringLiteral(R"(^\s*[:;]\s*)"));
        static const QRegularExpression spacedSlash(QStringLiteral(R"(\s+/\s+)"));
        for (const qsizetype first : {k, k - 1}) {
            if (first < 0 || first + 1 >= labels.size()) {
                continue;
            }
            const QString between = seg.text.mid(labels[first].end, labels[first + 1].start - labels[first].end);
            const QString after = seg.text.mid(labels[first + 1].end);
            const auto colon = colonFirst.match(after);
            if (!slashOnly.match(between).hasMatch() || !colon.hasMatch()) {
                continue;
            }
            const qsizetype valueEnd = first + 2 < labels.size() ? labels[first + 2].start - labels[first + 1].end
                                                                 : after.size();
            const QStringList parts =
                after.mid(colon.capturedEnd(0), valueEnd - colon.capturedEnd(0)).trimmed().split(spacedSlash);
            if (parts.size() == 2) {
                return {Candidate{parts[k - first].trimmed()}};
            }
            // "N° SS / INS : 1 69 …", "NIR / INS : …": one number named two ways is the INS.
            if (parts.size() == 1 && insSlot(labels[first].slot) && insSlot(labels[first + 1].slot)
                && labels[k].slot == Slot::Ins) {
                return {Candidate{parts.front().trimmed()}};
            }
            return {}; // a pair whose values cannot be told apart: neither is read
        }
        const qsizetype from = labels[k].end;
        qsizetype to = k + 1 < labels.size() ? labels[k + 1].start : seg.text.size();
        // "Nom et prénoms : LAURENT (nom d'usage : LAPORTE) Marie-Claire": a name's aside holds a
        // label of its own; the name goes on after it.
        if (labels[k].slot == Slot::PatientName && k + 1 < labels.size()) {
            to = endPastAside(seg.text, from, labels, k + 1);
        }
        QString value = seg.text.mid(from, to - from);
        // Separator: ":" (OCR: ";"), "=", or nothing.
        qsizetype i = 0;
        while (i < value.size() && (value[i].isSpace() || value[i] == QLatin1Char(':') || value[i] == QLatin1Char(';')
                                    || value[i] == QLatin1Char('=') || value[i] == QLatin1Char('.'))) {
            ++i;
        }
        value = value.mid(i).trimmed();
        // Dotted leaders as OCR reads them ("Sexe :,...:"): leaders alone are no value.
        static const QRegularExpression leaders(QStringLiteral(R"(^[.,:;…_·\s]{2,}$)"));
        if (leaders.match(value).hasMatch()) {
            value.clear();
        }
        // "Nom de naissance [LEROY]": a value in brackets.
        if (value.startsWith(QLatin1Char('['))) {
            const qsizetype close = value.indexOf(QLatin1Char(']'));
            value = close > 0 ? value.mid(1, close - 1).trimmed() : value.mid(1).trimmed();
        }
        // "Nom de naissance, prénom(s)", "Nom et prénom": labels listed, their values elsewhere.
        static const QRegularExpression connector(QStringLiteral(R"(^(?:[,/&+]|et)$)"));
        const bool listed = k + 1 < labels.size() && connector.match(value).hasMatch();
        if (listed) {
            value.clear();
        }
        QList<Candidate> out;
        // A label in parentheses after its value: "LEROY (nom de naissance)", "1 97 10 … 76
        // (matricule INS, OID …)" (the parenthesis may go on with another label).
        const qsizetype open = seg.text.lastIndexOf(QLatin1Char('('), labels[k].start);
        const bool opensParenthesis =
            open >= 0 && seg.text.mid(open + 1, labels[k].start - open - 1).trimmed().isEmpty();
        const bool closed = value.startsWith(QLatin1Char(')'))
                            || (opensParenthesis && seg.text.mid(labels[k].end).trimmed().startsWith(QLatin1Char(','))
                                && seg.text.indexOf(QLatin1Char(')'), labels[k].end) > 0);
        // Joined lines of labels set after their values ("MERCIER - nom de naissance ROBERT - Nom
        // d'usage"): what stands before a dash and a label without colon is that label's value.
        static const QRegularExpression dashed(QStringLiteral(R"(\s[—–-]\s*$)"));
        const bool nextsValue = m_inlineOnly && k + 1 < labels.size() && dashed.match(value).hasMatch()
                                && !m_folded[s].mid(labels[k + 1].end, 3).trimmed().startsWith(QLatin1Char(':'));
        if (!value.isEmpty() && !closed && !nextsValue) {
            out += Candidate{value};
        }
        if (closed && opensParenthesis) {
            const qsizetype previousEnd = k > 0 ? labels[k - 1].end : 0;
            if (open > previousEnd) {
                // (After the previous label's parenthesis and the list's separator: "HENRY (nom de
                // naissance) · Nathalie (prénoms) · …".)
                static const QRegularExpression lead(QStringLiteral(R"(^[\s)·•,;|/–—-]+)"));
                out += Candidate{seg.text.mid(previousEnd, open - previousEnd).remove(lead).trimmed(), true};
            }
        }
        // "LEROY — nom de naissance": a label that ends its cell after a dash names what precedes it.
        if (value.isEmpty() && labels.size() == 1) {
            const QString before = seg.text.left(labels[k].start);
            static const QRegularExpression dashEnd(QStringLiteral(R"(^(.*\S)\s+[—–-]\s*$)"));
            if (const auto m = dashEnd.match(before); m.hasMatch()) {
                out += Candidate{m.captured(1).trimmed(), true};
            }
        }
        if (m_inlineOnly) {
            return out;
        }
        const qsizetype lineIndex = m_lineOf[static_cast<std::size_t>(s)];
        const Line& line = lines[lineIndex];
        // A name's value may have its birth name said on the line under it ("Monsieur GARCIA-FONTAINE
        // Vincent" over "né GARCIA", in the value's column): the two go together, first.
        const bool wholeName = labels[k].slot == Slot::PatientName || labels[k].slot == Slot::Family;
        if (!out.isEmpty()) {
            if (wholeName && k + 1 == labels.size()) {
                const QString born =
                    bornUnder(segs, lines, lineIndex, seg.spanX(to - value.size(), to - value.size() + 1).first,
                              seg.box.height());
                if (!born.isEmpty()) {
                    out.prepend(Candidate{value + QLatin1Char(' ') + born});
                }
            }
            // A value cut at the end of its line ("Lieu de naissance : Paris 14e" / "(75114) | …").
            if (k + 1 == labels.size() && line.segments.back() == s) {
                out += Candidate{value + QLatin1Char(' ') + continuationOf(segs, lines, runStartOf(segs, line, s)),
                                 true};
            }
            // "Matricule INS : 1230699139727 | Clé : 79", "2 66 10 49 007 969 | 47": the key in the
            // next cell.
            if (const qsizetype at = line.segments.indexOf(s);
                k + 1 == labels.size() && at >= 0 && at + 1 < line.segments.size() && insSlot(labels[k].slot)
                && (m_folded[line.segments[at + 1]].startsWith(QLatin1String("cle"))
                    || bareKey().match(segs[line.segments[at + 1]].text).hasMatch())) {
                out += Candidate{value + QLatin1Char(' ') + segs[line.segments[at + 1]].text};
            }
            return out;
        }
        if (k + 1 < labels.size() && labels[k + 1].start - from > 3 && !listed) {
            return out;
        }
        // "patient" in running text ("Copie patient", "votre patient") labels nothing beyond its segment;
        // alone in its cell, it captions or heads a name.
        const QString labelText = m_folded[s].mid(labels[k].start, labels[k].end - labels[k].start);
        if (labels[k].slot == Slot::PatientName && labelText.startsWith(QLatin1String("patient"))
            && !m_folded[s].mid(labels[k].end).trimmed().startsWith(QLatin1Char(':')) && !labelOnly(s)) {
            return out;
        }
        const qsizetype at = line.segments.indexOf(s);
        // In a column of captions each after its value ("PERRET  nom de naissance  F  sexe"), the
        // value is the cell before, never the next column's. Such captions are set in small letters
        // (a column of labels before values reads "Nom", "Prénom(s)").
        if (k == 0 && labels.size() == 1 && at > 0 && labelOnly(s) && m_labels[line.segments[at - 1]].isEmpty()
            && !seg.text.trimmed().isEmpty() && seg.text.trimmed().front().isLower()
            && !seg.text.trimmed().endsWith(QLatin1Char(':')) && captionColumn(segs, lines, lineIndex, s)) {
            return {Candidate{segs[line.segments[at - 1]].text, true}};
        }
        // The next cell to its right (grids of two columns)...
        if (k + 1 == labels.size() && at >= 0 && at + 1 < line.segments.size()) {
            qsizetype nextAt = at + 1;
            // A colon in a cell of its own between the column of labels and their values.
            static const QRegularExpression colonOnly(QStringLiteral(R"(^\s*[:;]\s*$)"));
            if (colonOnly.match(segs[line.segments[nextAt]].text).hasMatch() && nextAt + 1 < line.segments.size()) {
                ++nextAt;
            }
            const int next = line.segments[nextAt];
            // (Nor a field of its own, captioned by what no identity label says: "Prénoms d'état
            // civil" beside "Allergies : iode", its value under it.)
            static const QRegularExpression ownField(
                QStringLiteral(R"(^\s*\p{Lu}\p{Ll}[\p{L}'’\-]+(?:\s+[\p{L}'’\-.]+){0,3}\s*:\s*\S)"));
            if (!startsWithLabel(next) && !ownField.match(segs[next].text).hasMatch()) {
                // ("Dossier de : | Mme LAVAL Margaux" over "née KLEIN".)
                const QString born =
                    wholeName ? bornUnder(segs, lines, lineIndex, segs[next].box.left(), segs[next].box.height())
                              : QString();
                if (!born.isEmpty()) {
                    out += Candidate{cellText(segs, next) + QLatin1Char(' ') + born};
                }
                out += Candidate{cellText(segs, next)};
                if (const qsizetype key = nextAt + 1; key < line.segments.size() && insSlot(labels[k].slot)
                                                      && bareKey().match(segs[line.segments[key]].text).hasMatch()) {
                    out += Candidate{cellText(segs, next) + QLatin1Char(' ') + segs[line.segments[key]].text};
                }
            }
        }
        // ... the start of the next line when the label ends a sentence or a run of cells ("née le" /
        // "05/12/2000 à …", "… | Sexe :" / "Féminin | …") ...
        // (A table's header row is a run of cells too, but its labels have no colon.)
        const bool flowing = seg.text.trimmed().endsWith(QLatin1Char(':'));
        const int runStart = flowing ? runStartOf(segs, line, s) : s;
        // A sentence, not a row of labels (a table's header merged into one segment).
        qsizetype labelled = 0;
        for (const LabelHit& l : labels) {
            labelled += l.end - l.start;
        }
        const bool sentence = seg.text.count(QLatin1Char(' ')) >= 5 && labelled * 2 < seg.text.size();
        if (k + 1 == labels.size() && (sentence || runStart != s)) {
            out += Candidate{continuationOf(segs, lines, runStart)};
            if (sentence) {
                return out;
            }
        } else if (k + 1 == labels.size()) {
            // A row of fields whose last label lost its colon to the next line ("… – Sexe" / ": M – …").
            if (const QString next = continuationOf(segs, lines, s); next.startsWith(QLatin1Char(':'))) {
                out += Candidate{next};
            } else if (k > 0 && !next.isEmpty()
                       && (!labelOnly(s)
                           || slashOnly.match(seg.text.mid(labels[k - 1].end, labels[k].start - labels[k - 1].end))
                                  .hasMatch())) {
                // A row of fields wrapped after its last label ("… NÉ(E) LE 19 septembre 1947 SEXE" /
                // "Masculin LIEU DE NAISSANCE …"): the value opens the next line, up to its first label.
                // (Never under a row of labels alone, a table's header: "Nom de naissance Prénom" over
                // "BERTRAND | Virginie"; but a pair joined by a slash, "Né(e) le / sexe" over "03/04/2002 /
                // M", shares its value.)
                const int c = continuationSegment(segs, lines, s);
                const qsizetype upTo = m_labels[c].isEmpty() ? next.size() : m_labels[c].front().start;
                if (upTo > 0) {
                    out += Candidate{next.left(upTo).trimmed(), true};
                }
            }
        }
        // ... the cell below (tables: a header row, then the values), or above (a caption) ...
        const double x0 = seg.spanX(labels[k].start, labels[k].end).first;
        double columnEnd = k + 1 < labels.size() ? seg.spanX(labels[k + 1].start, labels[k + 1].end).first
                                                 : nextSegmentLeft(segs, line, s, seg.box.right() + 400);
        const double height = line.bottom - line.top;
        // A label alone on its line: its column ends where another block's column starts, a left edge
        // that three lines around share ("Prénom(s)" over "Sandrine", beside a treatment's table:
        // "Localisation | Rectum", "Dose totale | 4 Gy", "Début | 11/11/2026").
        if (k + 1 == labels.size() && columnEnd > seg.box.right() + 399) {
            QList<double> edges;
            for (qsizetype l = std::max<qsizetype>(0, lineIndex - 4); l < lines.size() && l <= lineIndex + 4; ++l) {
                for (const int c : lines[l].segments) {
                    if (segs[c].box.left() > seg.box.right() + 2 * height) {
                        edges += segs[c].box.left();
                    }
                }
            }
            for (const double edge : std::as_const(edges)) {
                const auto shared = std::count_if(edges.begin(), edges.end(),
                                                  [&](double other) { return std::abs(other - edge) <= 2; });
                if (shared >= 3 && edge < columnEnd) {
                    columnEnd = edge;
                }
            }
        }
        // A name from another line is no place ("REIMS (51215)" under a caption is the next row's
        // birth place, not a first name) and opens with no number. Below first, as in a table's
        // header row; above first for a caption: a label in smaller print than the lines around
        // it, closer to the one above.
        const bool nameSlot = personNameSlot(labels[k].slot);
        struct Vertical
        {
            Candidate candidate;
            double distance = 0;
            double height = 0;
            // A second reading: above, the words right of the label's left edge; for a number, its whole runs.
            QString narrow = {};
        };
        QList<Vertical> vertical;
        for (const int direction : {1, -1}) {
            for (qsizetype step = 1; step <= 2; ++step) {
                const qsizetype l = lineIndex + direction * step;
                if (l < 0 || l >= lines.size()) {
                    break;
                }
                const double distance = direction > 0 ? lines[l].top - line.bottom : line.top - lines[l].bottom;
                if (distance > height * 4.5) { // a blank line may part a header row from its values
                    break;
                }
                // A rule typed in characters ("------+------") parts a header row from its values.
                static const QRegularExpression ruling(QStringLiteral(R"(^[\s\-+=_|.:*–—]+$)"));
                if (std::all_of(lines[l].segments.begin(), lines[l].segments.end(), [&](int c) {
                        return ruling.match(segs[c].text).hasMatch() || segs[c].box.right() < x0 - height
                               || segs[c].box.left() > columnEnd;
                    })) {
                    continue;
                }
                // Another person's cells ("CHEVALIER Karim" in the copies over "Patient(e)") give no value.
                if (std::any_of(lines[l].segments.begin(), lines[l].segments.end(), [&](int c) {
                        return c < static_cast<int>(m_excluded.size()) && m_excluded[static_cast<std::size_t>(c)]
                               && segs[c].box.left() < columnEnd && segs[c].box.right() > x0 - height;
                    })) {
                    break;
                }
                QStringList words;
                bool label = false;
                bool partial = false;
                // A form may centre its labels under (or over) left-aligned values: the cell facing
                // this label alone is its value, whatever the columns' left edges.
                const int facing = facingCell(segs, line, s, k, lines[l]);
                // A caption that joins a name's parts with dashes in one cell ("Nom utilisé (naissance)
                // – prénoms") over one value cell: where one part ends under it says nothing.
                const auto under = std::count_if(lines[l].segments.begin(), lines[l].segments.end(), [&](int c) {
                    return segs[c].box.right() > seg.box.left() - height
                           && segs[c].box.left() < seg.box.right() + height;
                });
                bool joinedCaption = false;
                for (qsizetype j = 1; nameSlot && j < labels.size() && under == 1; ++j) {
                    static const QRegularExpression dash(QStringLiteral(R"([–—\-/])"));
                    joinedCaption =
                        joinedCaption
                        || dash.match(seg.text.mid(labels[j - 1].end, labels[j].start - labels[j - 1].end)).hasMatch();
                }
                if (joinedCaption) {
                    break;
                }
                if (direction > 0 && headerRow(segs, line)) {
                    runsUnder(segs, line, s, k, lines[l], words, label);
                } else if (facing >= 0) {
                    label = !m_labels[facing].isEmpty();
                    if (!label) {
                        words += segs[facing].text.trimmed();
                    }
                } else if (const int flush = flushRightUnder(segs, s, lines[l], height); flush >= 0) {
                    label = !m_labels[flush].isEmpty();
                    if (!label) {
                        words += segs[flush].text.trimmed();
                    }
                } else {
                    columnWords(segs, lines[l], x0 - height, columnEnd - 1, words, label, &partial, &line);
                }
                if (label) {
                    break;
                }
                // Above, only a whole cell: "Toulouse, le 22 novembre 2026" over "Né(e) le" is the
                // letter's date, not a value over its caption. Nor the end of another's cell under a
                // bare "patient(e)" ("Copies : … / patient(e)" over "Secrétariat : M. …").
                if (partial && (direction < 0 || labels[k].slot == Slot::PatientName)) {
                    break;
                }
                if (!words.isEmpty()) {
                    const QString text = words.join(QLatin1Char(' '));
                    static const QRegularExpression placeCode(QStringLiteral(R"(^\s*\d|\(\s*(?:\d{2}|2[AB])\d{3}\s*\))"));
                    if (nameSlot && placeCode.match(text).hasMatch()) {
                        break;
                    }
                    vertical += Vertical{Candidate{text, direction < 0}, std::max(distance, 0.0),
                                         lines[l].bottom - lines[l].top};
                    // A number centred under its label ("Matricule INS" over "1 82 02 26 362 110 - 06").
                    if (insSlot(labels[k].slot)) {
                        const QString runs =
                            numberUnder(segs, lines[l], x0, seg.spanX(labels[k].start, labels[k].end).second, height);
                        if (!runs.isEmpty() && runs != text) {
                            vertical.back().narrow = runs;
                        }
                    }
                    // Cells merged by the text layer ("DUBOIS, Camille Anne 21/06/85" over "Nom
                    // prénom" and "Né(e) le"): the words from the label's own left edge on.
                    if (direction < 0 && facing < 0) {
                        QStringList narrow;
                        bool narrowLabel = false;
                        columnWords(segs, lines[l], x0 - 1, columnEnd - 1, narrow, narrowLabel, nullptr, nullptr,
                                    x0 - 1);
                        if (!narrow.isEmpty() && narrow != words && !narrowLabel) {
                            vertical.back().narrow = narrow.join(QLatin1Char(' '));
                        }
                    }
                    break;
                }
            }
        }
        const double labelHeight = seg.box.height();
        // A caption: in smaller print than both lines, closer to the one above; or, whatever its
        // print (a glyph may make its box as tall as the others'), touching the line above while
        // the line below stands a clear gap away.
        // Not on a page that sets its labels over their values, however tight its lines.
        // (Gaps within a fifth of a line of each other are even, as in the vote.)
        const bool caption = vertical.size() == 2 && vertical[1].distance + 0.2 * labelHeight < vertical[0].distance
                             && m_captions >= 0
                             && ((labelHeight < 0.85 * vertical[0].height && labelHeight < 0.85 * vertical[1].height)
                                 || (vertical[1].distance <= 0.15 * height && vertical[0].distance >= 0.8 * height));
        if (caption) {
            std::swap(vertical[0], vertical[1]);
        }
        // "NOM D'USAGE" over "—": a field printed empty; the line on its other side is another field's.
        static const QRegularExpression blank(QStringLiteral(R"(^\s*(?:[-–—/_.]+|n[ée]ant|NC|N/A)\s*$)"),
                                              QRegularExpression::CaseInsensitiveOption);
        if (!vertical.isEmpty() && blank.match(vertical.front().candidate.text).hasMatch()) {
            return out;
        }
        // On a page of captions under their values, the line below a caption is the next field's
        // value, not this one's.
        if (m_captions > 0 && labelOnly(s)) {
            vertical.removeIf([](const Vertical& v) { return !v.candidate.strict; });
        }
        for (const Vertical& v : vertical) {
            out += v.candidate;
            if (!v.narrow.isEmpty()) {
                out += Candidate{v.narrow, true};
            }
        }
        // ... or the cell before it on its line ("DUPONT Marie (patiente)"): a close one, never
        // another column, and not for a label whose colon announces what follows it.
        // Or far, in a form that sets a column of captions right of its values ("LEMAIRE    nom de
        // naissance" over "Alain, Frédéric    prénoms").
        if (k == 0 && at > 0 && !flowing) {
            const int previous = line.segments[at - 1];
            if (m_labels[previous].isEmpty()
                && (seg.box.left() - segs[previous].box.right() <= CellGap * seg.box.height()
                    || (labelOnly(s) && captionColumn(segs, lines, lineIndex, s)))) {
                out += Candidate{segs[previous].text, true};
            }
        }
        return out;
    }

    // "Sexe :  F   M" with no mark in the text (a box drawn, crossed with lines): the two options'
    // words and where they stand, for the page's ink to tell which is ticked.
    void noteSexChoices(const QList<Segment>& segs, const QList<Line>& lines, int s, const QString& value)
    {
        static const QRegularExpression option(
            QStringLiteral(R"((?<![\p{L}])(f|m|h|feminin|masculin|femme|homme)(?![\p{L}]))"));
        static const QRegularExpression rest(QStringLiteral(R"(^[\s|/□☐○◯❍]*$)"));
        const QString trimmed = value.trimmed();
        if (trimmed.isEmpty() || !m_out.sexChoices.isEmpty()) {
            return;
        }
        const Line& line = lines[m_lineOf[static_cast<std::size_t>(s)]];
        for (int c : line.segments) {
            const qsizetype at =
                c == s || segs[c].box.left() > segs[s].box.left() ? segs[c].text.lastIndexOf(trimmed) : -1;
            if (at < 0) {
                continue;
            }
            const QString folded = foldSameLength(segs[c].text.mid(at, trimmed.size()));
            QList<TextIdentity::SexChoice> choices;
            QString left = folded;
            for (auto it = option.globalMatch(folded); it.hasNext();) {
                const auto m = it.next();
                const auto [x0, x1] = segs[c].spanX(at + m.capturedStart(1), at + m.capturedEnd(1));
                const Sex sex = m.captured(1).startsWith(QLatin1Char('f')) ? Sex::Female : Sex::Male;
                choices += TextIdentity::SexChoice{segs[c].page,
                                                   QRectF(x0, segs[c].box.top(), x1 - x0, segs[c].box.height()), sex};
                left.replace(m.capturedStart(1), m.capturedLength(1), QString(m.capturedLength(1), QLatin1Char(' ')));
            }
            if (choices.size() == 2 && choices[0].sex != choices[1].sex && rest.match(left).hasMatch()) {
                m_out.sexChoices = choices;
            }
            return;
        }
    }

    // "née GARCIA", "né LE ROUX": a birth name said on a line of its own.
    // (Or the spouse's name so, "épouse LEFÈVRE", "EP. LEFÈVRE": the same person's other name.)
    static bool bornLine(const QString& text)
    {
        static const QRegularExpression born(QStringLiteral(
            R"(^\s*(?:[nN][éeÉE][eE]?|[ÉEée](?:pouse|POUSE)|[ÉEée][pP]\.|[vV](?:euve|EUVE|ve\.?|VE\.?))\s+(?!(?:le|la|LE|LA|à|a)\b)\p{Lu}{2})"));
        return text.trimmed().size() <= 40 && born.match(text).hasMatch();
    }

    // "née GARCIA" at `x` on the lines just under line `l` (another column's line may come between),
    // or nothing.
    QString bornUnder(const QList<Segment>& segs, const QList<Line>& lines, qsizetype l, double x, double height) const
    {
        for (qsizetype n = l + 1; n < lines.size() && n <= l + 3; ++n) {
            if (lines[n].top - lines[l].bottom > height) {
                break;
            }
            for (int c : lines[n].segments) {
                if (std::abs(segs[c].box.left() - x) <= height && bornLine(segs[c].text)) {
                    return segs[c].text.trimmed();
                }
            }
        }
        return {};
    }

    // Whether label cell `s` stands in a column of caption cells, each after a value on its line:
    // two more such cells at its left edge on the lines near it.
    bool captionColumn(const QList<Segment>& segs, const QList<Line>& lines, qsizetype l, int s) const
    {
        const double h = segs[s].box.height();
        int others = 0;
        for (qsizetype o = std::max<qsizetype>(0, l - 6); o < std::min(lines.size(), l + 7); ++o) {
            if (o == l) {
                continue;
            }
            const QList<int>& cells = lines[o].segments;
            for (qsizetype c = 1; c < cells.size(); ++c) {
                const int t = cells[c];
                // Left-aligned, or set flush right against the values of the next column.
                const bool aligned = std::abs(segs[t].box.left() - segs[s].box.left()) <= h
                                     || std::abs(segs[t].box.right() - segs[s].box.right()) <= 0.3 * h;
                if (labelOnly(t) && aligned && m_labels[cells[c - 1]].isEmpty()) {
                    ++others;
                }
            }
        }
        return others >= 2;
    }

    // A block set flush right: label cell `s` (labels only) over or under the one cell of `other`
    // that stands in its column and ends where it ends, however further left it starts ("Nom de
    // naissance, prénoms" over "DUPUIS – Lan Manon Brigitte"); -1 when none.
    int flushRightUnder(const QList<Segment>& segs, int s, const Line& other, double height) const
    {
        if (!labelOnly(s)) {
            return -1;
        }
        const QRectF& box = segs[s].box;
        int found = -1;
        for (int c : other.segments) {
            if (segs[c].box.right() > box.left() - height && segs[c].box.left() < box.right() + height) {
                if (found >= 0) {
                    return -1;
                }
                found = c;
            }
        }
        return found >= 0 && std::abs(segs[found].box.right() - box.right()) <= 0.5 * height
                       && segs[found].box.left() < box.left() - height
                   ? found
                   : -1;
    }

    // The cell of `other` that faces label `k` of segment `s` alone, or -1: the nearest to the label
    // by centre, nearer to it than to any other label of its line, and spanning no other label's
    // centre nor reaching under another label (a cell merged across columns faces none). Only for a label that is its
    // cell's only one, on a line of several cells.
    int facingCell(const QList<Segment>& segs, const Line& line, int s, qsizetype k, const Line& other) const
    {
        if (m_labels[s].size() != 1 || line.segments.size() < 2 || other.segments.size() < 2) {
            return -1;
        }
        const auto [l0, l1] = segs[s].spanX(m_labels[s][k].start, m_labels[s][k].end);
        const double centre = (l0 + l1) / 2;
        const auto centreOf = [&](int b) { return segs[b].box.center().x(); };
        int best = -1;
        for (int b : other.segments) {
            if (best < 0 || std::abs(centreOf(b) - centre) < std::abs(centreOf(best) - centre)) {
                best = b;
            }
        }
        const QRectF& cell = segs[best].box;
        // Another column's cell is no value of this one ("Mme Camille MATHIEU" in a staff list
        // beside a table's header); a caption centred in a wide cell may stand a few heights from
        // its left-aligned value.
        const double reach = 5 * segs[s].box.height();
        if (cell.right() < l0 - reach || cell.left() > l1 + reach) {
            return -1;
        }
        for (int t : line.segments) {
            for (const LabelHit& hit : t == s ? QList<LabelHit>{} : m_labels[t]) {
                const auto [h0, h1] = segs[t].spanX(hit.start, hit.end);
                const double neighbour = (h0 + h1) / 2;
                // Nearer to another label, or reaching a word's width under it: cells merged across columns.
                const double slack = segs[t].box.height();
                if (std::abs(neighbour - centreOf(best)) <= std::abs(centre - centreOf(best))
                    || (neighbour > cell.left() && neighbour < cell.right())
                    || std::min(cell.right(), h1) - std::max(cell.left(), h0) > 2 * slack) {
                    return -1;
                }
            }
        }
        return best;
    }

    // The runs of `row` that a number's label over [x0, x1) overlaps, and the runs of digits that
    // follow them (a key set apart: "… 110   - 06"); its shape being strict, whole runs are safe.
    QString numberUnder(const QList<Segment>& segs, const Line& row, double x0, double x1, double height) const
    {
        static const QRegularExpression numberPart(QStringLiteral(R"(^(?:[\d\-–.]+|cl[ée]|O)$)"));
        QStringList runs;
        double runsEnd = -1;
        forEachRun(segs, row, [&](const QList<RunWord>& run, bool runLabel) {
            const bool overlaps = run.front().x0 < x1 && run.back().x1 > x0;
            const bool follows = runsEnd >= 0 && run.front().x0 - runsEnd < 3 * height
                                 && std::all_of(run.begin(), run.end(),
                                                [](const RunWord& w) { return numberPart.match(w.text).hasMatch(); });
            if (!runLabel && (overlaps || follows)) {
                for (const RunWord& w : run) {
                    runs += w.text;
                }
                runsEnd = run.back().x1;
            }
        });
        return runs.join(QLatin1Char(' '));
    }

    // A table's header row: every cell of the line is labels only, two labels or more.
    // A cell of another column beside the row, set apart from its labels (a staff list's "Fax …"
    // left of a table's header), is no part of it.
    bool headerRow(const QList<Segment>& segs, const Line& line) const
    {
        double left = 1e9;
        double right = -1e9;
        qsizetype count = 0;
        for (int c : line.segments) {
            if (labelOnly(c)) {
                left = std::min(left, segs[c].box.left());
                right = std::max(right, segs[c].box.right());
                count += m_labels[c].size();
            }
        }
        return count >= 2 && std::all_of(line.segments.begin(), line.segments.end(), [&](int c) {
                   const double gap = CellGap * segs[c].box.height();
                   return labelOnly(c) || segs[c].box.right() < left - gap || segs[c].box.left() > right + gap;
               });
    }

    // The runs of words of `row` (words closer than a line height) that belong under label `k` of
    // segment `s` of the header row `header`: each run goes to the label it overlaps most, else to
    // the nearest by centre, so that headers centred over left-aligned values (or the reverse), and
    // columns closer than a cell gap, still find their own values.
    void runsUnder(const QList<Segment>& segs, const Line& header, int s, qsizetype k, const Line& row,
                   QStringList& words, bool& label) const
    {
        struct Span
        {
            double x0, x1;
            bool mine;
            int cell;
            bool name;
        };
        QList<Span> heads;
        for (int t : header.segments) {
            for (qsizetype j = 0; j < m_labels[t].size(); ++j) {
                const auto [x0, x1] = segs[t].spanX(m_labels[t][j].start, m_labels[t][j].end);
                const Slot slot = m_labels[t][j].slot;
                heads += Span{x0, x1, t == s && j == k, t, personNameSlot(slot) && slot != Slot::PatientName};
            }
        }
        // The label a span belongs under: the one it overlaps most (-1 when none), else the nearest
        // by centre; `overlapped` counts the labels it overlaps.
        const auto owner = [&](double x0, double x1, bool nearest, int* overlapped = nullptr) {
            qsizetype best = -1;
            double bestOverlap = 0;
            double bestDistance = 1e9;
            for (qsizetype h = 0; h < heads.size(); ++h) {
                const double overlap = std::min(x1, heads[h].x1) - std::max(x0, heads[h].x0);
                const double distance = std::abs((x0 + x1) / 2 - (heads[h].x0 + heads[h].x1) / 2);
                if (overlapped != nullptr && overlap > 0) {
                    ++*overlapped;
                }
                if (overlap > bestOverlap || (nearest && bestOverlap <= 0 && overlap <= 0 && distance < bestDistance)) {
                    best = h;
                    bestOverlap = std::max(overlap, 0.0);
                    bestDistance = distance;
                }
            }
            // Under no label, between two: the column it starts in, when it ends before the next
            // label ("Né(e) le" over "2 1   0 5   2 0 1 1", a date in boxes wider than its label).
            if (nearest && bestOverlap <= 0) {
                qsizetype left = -1;
                for (qsizetype h = 0; h < heads.size(); ++h) {
                    if (heads[h].x0 <= x0 && (left < 0 || heads[h].x0 > heads[left].x0)) {
                        left = h;
                    }
                }
                const bool beforeNext = std::none_of(heads.begin(), heads.end(), [&](const Span& other) {
                    return left >= 0 && other.x0 > heads[left].x0 && other.x0 < x1;
                });
                if (left >= 0 && beforeNext) {
                    return left;
                }
            }
            return best;
        };
        // (A run wholly left of the header, a staff list's line beside the table, is under none of it.)
        double firstLabel = 1e9;
        for (const Span& h : heads) {
            firstLabel = std::min(firstLabel, h.x0);
        }
        const double height = header.bottom - header.top;
        forEachRun(segs, row, [&](const QList<RunWord>& run, bool runLabel) {
            if (run.back().x1 < firstLabel - height) {
                return;
            }
            int overlapped = 0;
            const qsizetype whole = owner(run.front().x0, run.back().x1, true, &overlapped);
            QList<qsizetype> owners(run.size(), whole);
            if (overlapped > 1) {
                // Cells the text layer merged under several labels: word by word, a word under no
                // label going with the word before it (a second given name), else the one after.
                for (qsizetype w = 0; w < run.size(); ++w) {
                    owners[w] = owner(run[w].x0, run[w].x1, false);
                }
                for (qsizetype w = 1; w < run.size(); ++w) {
                    owners[w] = owners[w] < 0 ? owners[w - 1] : owners[w];
                }
                for (qsizetype w = run.size() - 2; w >= 0; --w) {
                    owners[w] = owners[w] < 0 ? owners[w + 1] : owners[w];
                }
                // One caption cell of names over one value parted by commas into as many names
                // ("NOM DE NAISSANCE Prénom(s)" over "ANDRÉ, Catherine Yasmine Christine", set flush
                // right): the commas part it, whatever stands under which word.
                QList<qsizetype> named;
                for (qsizetype h = 0; h < heads.size(); ++h) {
                    if (std::min(run.back().x1, heads[h].x1) > std::max(run.front().x0, heads[h].x0)) {
                        named += h;
                    }
                }
                const bool oneCaption = std::all_of(named.begin(), named.end(), [&](qsizetype h) {
                    return heads[h].name && heads[h].cell == heads[named.front()].cell;
                });
                QList<qsizetype> partStarts{0};
                for (qsizetype w = 0; w + 1 < run.size(); ++w) {
                    if (run[w].text.endsWith(QLatin1Char(','))) {
                        partStarts += w + 1;
                    }
                }
                if (oneCaption && partStarts.size() == named.size()) {
                    for (qsizetype part = 0; part < partStarts.size(); ++part) {
                        const qsizetype end = part + 1 < partStarts.size() ? partStarts[part + 1] : run.size();
                        for (qsizetype w = partStarts[part]; w < end; ++w) {
                            owners[w] = named[part];
                        }
                    }
                }
            }
            for (qsizetype w = 0; w < run.size(); ++w) {
                if (owners[w] >= 0 && heads[owners[w]].mine) {
                    words += run[w].text;
                    label = label || runLabel;
                }
            }
        });
    }

    struct RunWord
    {
        QString text;
        double x0, x1;
    };

    // Calls `fn(words, label)` for each run of words of `row`: words closer than a line height,
    // `label` when one of them is part of a label.
    template <class Fn> void forEachRun(const QList<Segment>& segs, const Line& row, Fn fn) const
    {
        for (int b : row.segments) {
            const Segment& cell = segs[b];
            const double gap = cell.box.height();
            QList<RunWord> run;
            bool runLabel = false;
            const auto flush = [&] {
                if (!run.isEmpty()) {
                    fn(run, runLabel);
                }
                run.clear();
                runLabel = false;
            };
            for (qsizetype w = 0; w < cell.text.size();) {
                qsizetype end = cell.text.indexOf(QLatin1Char(' '), w);
                if (end < 0) {
                    end = cell.text.size();
                }
                const auto [wx0, wx1] = cell.spanX(w, end);
                if (!run.isEmpty() && wx0 - run.back().x1 > gap) {
                    flush();
                }
                run += RunWord{cell.text.mid(w, end - w), wx0, wx1};
                runLabel = runLabel || std::any_of(m_labels[b].begin(), m_labels[b].end(), [&](const LabelHit& h) {
                               return h.start <= w && h.end > w;
                           });
                w = end + 1;
            }
            flush();
        }
    }

    // The first of the cells that end at segment `s` on its line, each close to the next (cells split
    // by a printed bar, not another column).
    int runStartOf(const QList<Segment>& segs, const Line& line, int s) const
    {
        qsizetype at = line.segments.indexOf(s);
        while (at > 0) {
            const Segment& previous = segs[line.segments[at - 1]];
            const Segment& current = segs[line.segments[at]];
            if (current.box.left() - previous.box.right() > CellGap * current.box.height()) {
                break;
            }
            --at;
        }
        return at >= 0 ? line.segments[at] : s;
    }

    // The words of `line` whose centre lies in [from, to) and that start at `minLeft` or after;
    // `label` tells whether one is a label, `partial` whether a cell they come from has other words
    // left of the range.
    void columnWords(const QList<Segment>& segs, const Line& line, double from, double to, QStringList& words,
                     bool& label, bool* partial = nullptr, const Line* labelLine = nullptr, double minLeft = -1e9) const
    {
        for (int b : line.segments) {
            const Segment& cell = segs[b];
            if (cell.box.right() < from || cell.box.left() > to) {
                continue;
            }
            // Cells merged by the text layer still start where a label of the row below starts.
            const bool aligned = labelLine != nullptr
                                 && std::any_of(labelLine->segments.begin(), labelLine->segments.end(), [&](int l) {
                                        return std::abs(segs[l].box.left() - cell.box.left()) <= cell.box.height();
                                    });

            const QList<LabelHit>& cellLabels = m_labels[b];
            for (qsizetype w = 0; w < cell.text.size();) {
                qsizetype end = cell.text.indexOf(QLatin1Char(' '), w);
                if (end < 0) {
                    end = cell.text.size();
                }
                const auto [wx0, wx1] = cell.spanX(w, end);
                const double centre = (wx0 + wx1) / 2;
                // Words left of the column, in a cell that starts under no label: the line is
                // something else (the letter's date line over a header); words right of it, or in
                // cells that start where labels start, are cells merged by the text layer.
                // A word under another label of the row is that column's ("Féminin 33063" over
                // "SEXE" and "LIEU DE NAISSANCE").
                const double left = wx0;
                const double right = wx1;
                const bool underLabel =
                    labelLine != nullptr
                    && std::any_of(labelLine->segments.begin(), labelLine->segments.end(), [&](int l) {
                           return !m_labels[l].isEmpty() && segs[l].box.left() < right && segs[l].box.right() > left;
                       });
                if (partial != nullptr && centre < from && end > w && !aligned && !underLabel) {
                    *partial = true;
                }
                // A phrase that runs on past the column at its word spacing ("IDENTIFICATION DU
                // PATIENT" over "Nom de famille" and "Prénoms") is a heading, not cells merged.
                if (partial != nullptr && centre >= from && centre < to && end < cell.text.size()) {
                    const qsizetype nextEnd = cell.text.indexOf(QLatin1Char(' '), end + 1);
                    const auto next = cell.spanX(end + 1, nextEnd < 0 ? cell.text.size() : nextEnd);
                    if ((next.first + next.second) / 2 >= to && next.first - wx1 < 0.5 * cell.box.height()) {
                        *partial = true;
                    }
                }
                if (centre >= from && centre < to && wx0 >= minLeft) {
                    label = label || std::any_of(cellLabels.begin(), cellLabels.end(), [&](const LabelHit& h) {
                                return h.start <= w && h.end > w;
                            });
                    words += cell.text.mid(w, end - w);
                }
                w = end + 1;
            }
        }
    }

    // The first segment of the next line when it goes on with the same paragraph (lines of another
    // column may come between).
    QString continuationOf(const QList<Segment>& segs, const QList<Line>& lines, int s) const
    {
        const int c = continuationSegment(segs, lines, s);
        return c >= 0 ? segs[c].text : QString();
    }

    int continuationSegment(const QList<Segment>& segs, const QList<Line>& lines, int s) const
    {
        const qsizetype l = m_lineOf[static_cast<std::size_t>(s)];
        const double left = segs[s].box.left();
        const double height = segs[s].box.height();
        for (qsizetype n = l + 1; n < lines.size(); ++n) {
            if (lines[n].top - segs[s].box.bottom() > height * 1.2) {
                break;
            }
            for (int candidate : lines[n].segments) {
                const QRectF& box = segs[candidate].box;
                // A line that opens on the colon its label ended the line above without ("… – Sexe" /
                // ": M – …"), wherever a caption beside the fields put the run's left edge.
                const bool colon = segs[candidate].text.startsWith(QLatin1Char(':')) && box.left() > left
                                   && box.left() < segs[s].box.right();
                if (std::abs(box.left() - left) <= 20 || colon) {
                    return candidate;
                }
            }
        }
        return -1;
    }

    // A whole name alone in the cell just before segment `s` on its line.
    NameGroup nameCellBefore(const QList<Segment>& segs, const QList<Line>& lines, int s) const
    {
        const Line& line = lines[m_lineOf[static_cast<std::size_t>(s)]];
        qsizetype at = line.segments.indexOf(s);
        if (at <= 0) {
            return {};
        }
        // A lone sex cell between the name and the date ("Mme Yasmine GAUTHIER | F | né(e) le …"):
        // the name is the cell before it, the sex noted.
        static const QRegularExpression sexCell(QStringLiteral(R"(^\s*\(?([FMH])\)?\s*$)"));
        std::optional<Sex> sexBetween;
        if (const auto m = sexCell.match(segs[line.segments[at - 1]].text);
            m.hasMatch() && at >= 2
            && segs[line.segments[at - 1]].box.left() - segs[line.segments[at - 2]].box.right()
                   < CellGap * segs[s].box.height()) {
            sexBetween = m.captured(1) == QLatin1String("F") ? Sex::Female : Sex::Male;
            --at;
        }
        const int previous = line.segments[at - 1];
        // Close by, as cells of one line are; farther is another column (a side list of staff),
        // unless that column goes on with the patient's labels under the name (an identity band:
        // "VINCENT Raphaël … Né(e) le …" over "Lieu de naissance : … INS : …").
        // Two columns also when each cell's left edge is its column's, shared with the line above or
        // below (a staff list beside the patient's banner, as OCR sets it close).
        const qsizetype l = m_lineOf[static_cast<std::size_t>(s)];
        const auto stacked = [&](int c) {
            return neighbourCell(lines, l, [&](int t) {
                return std::abs(segs[t].box.left() - segs[c].box.left()) <= segs[c].box.height();
            });
        };
        const double gap = segs[s].box.left() - segs[previous].box.right();
        const bool far =
            gap > CellGap * segs[s].box.height() || (gap > 2 * segs[s].box.height() && stacked(s) && stacked(previous));
        if (far) {
            const int below = segmentBelow(segs, lines, previous);
            // A trait's label (where the patient's labelled lines go on).
            const auto identityLabel = [&](int c) {
                return c >= 0 && std::any_of(m_labels[c].begin(), m_labels[c].end(), [](const LabelHit& h) {
                           return h.slot == Slot::BirthPlace || insSlot(h.slot) || h.slot == Slot::BirthDate
                                  || h.slot == Slot::Sex;
                       });
            };
            const bool identityColumn = identityLabel(below);
            // Or the name set alone left of a column of the patient's labelled lines, on its first
            // line ("Mme Geneviève MERCIER" beside "Date de naissance : …" over "Sexe : F" over …).
            // (The column may be set flush right: "Sexe : F" under "Date de naissance : …".)
            const auto belowInColumn = [&](int c) {
                const qsizetype next = m_lineOf[static_cast<std::size_t>(c)] + 1;
                if (next >= lines.size() || lines[next].top - segs[c].box.bottom() > 1.2 * segs[c].box.height()) {
                    return -1;
                }
                for (int b : lines[next].segments) {
                    if (std::abs(segs[b].box.left() - segs[c].box.left()) <= 20
                        || std::abs(segs[b].box.right() - segs[c].box.right()) <= 4) {
                        return b;
                    }
                }
                return -1;
            };
            int column = 0;
            for (int c = belowInColumn(s), step = 0; identityLabel(c) && step < 4; ++step) {
                ++column;
                c = belowInColumn(c);
            }
            // (Its first line: never under the column's own name, "Prénom(s) — Gaëlle" over "Date de
            // naissance — …" beside a staff list's "Mme Martine HENRY".)
            const int above = segmentAbove(segs, lines, s);
            const bool namedAbove = above >= 0
                                    && std::any_of(m_labels[above].begin(), m_labels[above].end(),
                                                   [](const LabelHit& h) { return personNameSlot(h.slot); });
            const bool titleOfColumn =
                line.segments.size() == 2 && below < 0 && column >= 2 && !identityLabel(above) && !namedAbove;
            // Or a band of two rows: the family name over the given names in one column, the date
            // over the birth place in the next ("GIRAUD | Né(e) le …" over "Sophie Jeanne | À NANCY …").
            const int dateBelow = segmentBelow(segs, lines, s);
            const bool band =
                below >= 0 && dateBelow >= 0
                && m_lineOf[static_cast<std::size_t>(below)] == m_lineOf[static_cast<std::size_t>(dateBelow)]
                && !givenUnder(segs, previous, below).empty();
            if (!identityColumn && !titleOfColumn && !band) {
                return {};
            }
        }
        NameGroup g = nameWithMarks(segs, previous);
        if (g.given.isEmpty() && g.civility == Civility::None) {
            if (const int below = segmentBelow(segs, lines, previous); below >= 0) {
                if (const NameGroup whole = givenUnder(segs, previous, below); !whole.empty()) {
                    g = whole;
                }
            }
        }
        const bool named = !g.family.isEmpty() && (!g.given.isEmpty() || g.civility != Civility::None);
        if (named && sexBetween && g.civility == Civility::None) { // counts as its civility would
            g.civility = *sexBetween == Sex::Female ? Civility::Female : Civility::Male;
        }
        return named ? g : NameGroup{};
    }

    // A family name alone in capitals in cell `a`, its given names alone in cell `below` under it
    // ("GIRAUD" over "Sophie Jeanne"): the whole name, else nothing.
    NameGroup givenUnder(const QList<Segment>& segs, int a, int below) const
    {
        static const QRegularExpression capitalsOnly(
            QStringLiteral(R"(^\s*\p{Lu}[\p{Lu}'’\-]+(?:\s+\p{Lu}[\p{Lu}'’\-]+)?\s*$)"));
        const QString family = segs[a].text.left(MaxSegmentLength);
        if (!m_labels[a].isEmpty() || !m_labels[below].isEmpty() || !capitalsOnly.match(family).hasMatch()
            || isNotAName(family.trimmed())) {
            return {};
        }
        const NameGroup given = wholeNameGroup(segs[below].text.left(MaxSegmentLength));
        if (given.given.isEmpty() || !given.family.isEmpty() || given.civility != Civility::None) {
            return {};
        }
        const NameGroup whole =
            wholeNameGroup(family.trimmed() + QLatin1Char(' ') + segs[below].text.left(MaxSegmentLength).trimmed());
        return !whole.family.isEmpty() && whole.given == given.given ? whole : NameGroup{};
    }

    // A name cell that may end on the patient's sex and age ("COLLET Nicolas · M, 37 ans",
    // "NICOLAS Justine · Sexe F, 7 ans", "M. DENIS Jean (94 ans)"): the name before them; the sex
    // is noted. Nothing when the cell holds any other label.
    NameGroup nameWithMarks(const QList<Segment>& segs, int a) const
    {
        QString text = segs[a].text.left(MaxSegmentLength);
        for (const LabelHit& h : m_labels[a]) {
            if (h.slot != Slot::Sex) {
                return {};
            }
        }
        static const QRegularExpression age(QStringLiteral(R"([\s,·•+°;|\-–—]*\(?\s*\b\d{1,3}\s*ans\s*\)?\s*$)"));
        static const QRegularExpression sex(
            QStringLiteral(R"([\s,·•+°;|\-–—]+(?:[Ss]exe\s*:?\s*)?([MFH]|[Mm]asculin|[Ff][ée]minin)\s*$)"));
        static const QRegularExpression separators(QStringLiteral(R"([\s,·•+°;|\-–—]+$)"));
        const qsizetype whole = text.size();
        text.remove(age);
        std::optional<Sex> said;
        if (const auto m = sex.match(text); m.hasMatch()) {
            const QChar c = m.captured(1).front().toUpper();
            said = c == QLatin1Char('F') ? Sex::Female : Sex::Male;
            text.truncate(m.capturedStart(0));
        }
        text.remove(separators);
        if (text.size() < whole && !said && !m_labels[a].isEmpty()) {
            return {};
        }
        NameGroup g = wholeNameGroup(text.trimmed());
        // The sex said beside a whole name counts as its civility would.
        if (said && !g.family.isEmpty() && !g.given.isEmpty() && g.civility == Civility::None) {
            g.civility = *said == Sex::Female ? Civility::Female : Civility::Male;
        }
        return g;
    }

    // The segment of the closest line below that starts at segment `s`'s left edge, or -1.
    int segmentBelow(const QList<Segment>& segs, const QList<Line>& lines, int s) const
    {
        const qsizetype l = m_lineOf[static_cast<std::size_t>(s)];
        const double height = segs[s].box.height();
        for (qsizetype n = l + 1; n < lines.size(); ++n) {
            if (lines[n].top - segs[s].box.bottom() > height * 1.2) {
                break;
            }
            for (int b : lines[n].segments) {
                if (std::abs(segs[b].box.left() - segs[s].box.left()) <= 20) {
                    return b;
                }
            }
        }
        return -1;
    }

    // The segment of the closest line above that starts at segment `s`'s left edge (lines of another
    // column may come between), or -1.
    int segmentAbove(const QList<Segment>& segs, const QList<Line>& lines, int s, double gap = 1.2) const
    {
        const qsizetype l = m_lineOf[static_cast<std::size_t>(s)];
        const double height = segs[s].box.height();
        for (qsizetype n = l - 1; n >= 0; --n) {
            if (segs[s].box.top() - lines[n].bottom > height * gap) {
                break;
            }
            for (int a : lines[n].segments) {
                // Left-aligned, centred as a title block is ("Monsieur Léo BERTRAND" over "Né le …"),
                // or set flush right, as a block at the right margin is ("M. Alain NGUYEN" over
                // "né le … à Concarneau [29039]").
                if (std::abs(segs[a].box.left() - segs[s].box.left()) <= 20
                    || (std::abs(segs[a].box.center().x() - segs[s].box.center().x()) <= 20
                        && segs[a].box.left() > segs[s].box.left())
                    || (std::abs(segs[a].box.right() - segs[s].box.right()) <= 4
                        && (segs[a].box.left() > segs[s].box.left()
                            || segs[a].box.width() <= 2 * segs[s].box.width()))) {
                    return a;
                }
            }
        }
        return -1;
    }

    // The line just above segment `s`, in its column, when it holds a whole name and nothing else
    // ("ROBIN née GIRARD Solène", "M. Pierre RÉMY").
    // On a card the name may stand a few lines higher, over the patient's own labelled lines
    // ("MME GARNIER Élodie" / "Nom utilisé : …" / "Féminin · 60 ans" / "Né(e) le …"): those are
    // passed over, never a line that says anything else.
    // A block's name may stand apart as its title ("DAVID Stéphane", a blank line, "Date de
    // naissance : …"): up to two line heights above.
    // Lines of bare traits are passed over as labelled ones are ("Monsieur LAMBERT Patrick" / "le
    // 09/03/1990" / "Nice (06088)" / "INS …").
    NameGroup nameLineAbove(const QList<Segment>& segs, const QList<Line>& lines, int s) const
    {
        const auto above = [&](int c) {
            const int a = segmentAbove(segs, lines, c);
            return a >= 0 ? a : segmentAbove(segs, lines, c, 2.0);
        };
        static const QRegularExpression bareTrait(QStringLiteral(
            R"(^\s*(?:(?:n[ée]e?\s+)?le\s+\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\p{L}[\p{L}\s'’\-]{0,40}\(\s*(?:\d{2}|2[AB])\d{3}\s*\))\s*$)"));
        // "Madame BRUN Nathalie" / "née GIRARD" / "Née le …": the birth name said on its own line
        // under the name goes with it.
        QString born;
        for (int step = 0, a = above(s); a >= 0 && step < 4; ++step) {
            if (born.isEmpty() && m_labels[a].isEmpty() && bornLine(segs[a].text)) {
                born = segs[a].text.trimmed();
                a = above(a);
                continue;
            }
            // A labelled line ("Sexe MASCULIN") is no name; a name with its sex and age after it
            // ("MARTIN Anne-Sophie · Sexe F, 86 ans", one line as OCR reads it) is one.
            static const QRegularExpression sexAgeTail(
                QStringLiteral(
                    R"(^(.*?\S)\s*[·•–—\-:|,]\s*(?:(?:sexe\s*:?\s*)?(?:[FMH]|f[ée]minin|masculin|femme|homme)(?:\s*[,·•–—\-]\s*\(?\d{1,3}\s*ans\)?)?|\(?\d{1,3}\s*ans\)?)\s*$)"),
                QRegularExpression::CaseInsensitiveOption);
            // "HADDAD Valérie (nom d'usage : DUPONT)": labels within a closing aside are the name's.
            const qsizetype aside =
                segs[a].text.trimmed().endsWith(QLatin1Char(')')) ? segs[a].text.indexOf(QLatin1Char('(')) : -1;
            const bool asideOnly =
                aside > 0 && std::all_of(m_labels[a].begin(), m_labels[a].end(), [&](const LabelHit& h) {
                    return h.start > aside && h.slot == Slot::UsedName;
                });
            NameGroup g = m_labels[a].isEmpty() ? nameWithMarks(segs, a)
                          : asideOnly           ? wholeNameGroup(segs[a].text.left(MaxSegmentLength))
                                                : NameGroup{};
            if (g.family.isEmpty()) {
                if (const auto tail = sexAgeTail.match(segs[a].text.left(MaxSegmentLength)); tail.hasMatch()) {
                    g = wholeNameGroup(tail.captured(1));
                }
            }
            // A caption the reader does not know, then a civility and a whole name, right over the
            // birth date ("Porteur des verres : Monsieur PICHON Vincent" / "né le …"): the person
            // born then. (A caption that names a relative is a label, and stops this.)
            if (g.family.isEmpty() && m_labels[a].isEmpty()) {
                static const QRegularExpression captioned(QStringLiteral(
                    R"(^[^:\d]{1,40}:\s*((?:Madame|Mme\.?|Mademoiselle|Mlle\.?|Monsieur|M\.|Mr\.?)\s.*)$)"));
                if (const auto c = captioned.match(segs[a].text.left(MaxSegmentLength)); c.hasMatch()) {
                    const NameGroup whole = wholeNameGroup(c.captured(1));
                    g = whole.civility != Civility::None ? whole : NameGroup{};
                }
            }
            // "Mme Marie-Claire LAURENT, usage LAPORTE – Femme": the used name said after a comma.
            static const QRegularExpression usedTail(
                QStringLiteral(R"(^(.*?\S)\s*,\s*)") + UsedNameSaid
                + QStringLiteral(R"((?:\s*[·•–—\-|,]\s*(?:[FMH]|[Ff][ée]minin|[Mm]asculin|[Ff]emme|[Hh]omme))?\s*$)"));
            if (g.family.isEmpty()) {
                if (const auto tail = usedTail.match(segs[a].text.left(MaxSegmentLength)); tail.hasMatch()) {
                    g = wholeNameGroup(tail.captured(1));
                    if (!g.family.isEmpty() && g.spouseName.isEmpty() && g.bornName.isEmpty()) {
                        g.spouseName = tail.captured(2).trimmed();
                    }
                }
            }
            const auto named = [](const NameGroup& n) {
                return !n.family.isEmpty()
                       && (!n.given.isEmpty() || n.civility != Civility::None || !n.bornName.isEmpty()
                           || !n.spouseName.isEmpty());
            };
            if (named(g) && !born.isEmpty() && m_labels[a].isEmpty()) {
                const NameGroup whole = wholeNameGroup(segs[a].text.left(MaxSegmentLength) + QLatin1Char(' ') + born);
                g = named(whole) ? whole : g;
            }
            if (named(g)) {
                return g.titled ? NameGroup{} : g;
            }
            // A name wrapped in a narrow column: "Mlle Zoé Aurélie" over "SCHNEIDER", "MME MASSON Anne"
            // over "Aïcha".
            const NameGroup fragment = g.empty() && m_labels[a].isEmpty() ? wholeNameGroup(segs[a].text) : g;
            if (const int b = segmentAbove(segs, lines, a);
                b >= 0 && m_labels[b].isEmpty() && fragment.civility == Civility::None
                && ((!fragment.family.isEmpty() && fragment.given.isEmpty())
                    || (fragment.family.isEmpty() && !fragment.given.isEmpty()))) {
                const NameGroup whole =
                    wholeNameGroup(segs[b].text.left(MaxSegmentLength) + QLatin1Char(' ') + segs[a].text);
                if (named(whole) && !whole.given.isEmpty()) {
                    return whole;
                }
            }
            // The patient's record fields between the name and the date ("IPP : 0004213835", "Chambre
            // n° 198 · GIR 6 · Entré le …", "Ch. 180 · GIR 1").
            static const QRegularExpression recordField(
                QStringLiteral(
                    R"(^\s*(?:ipp|n[°o]\s*(?:ipp|patient|dossier|de\s+dossier)|dossier|age|nda|sejour|venue)\b[^:]{0,12}:|^\s*(?:chambre|ch\.|lit)\s*(?:n[°o]\s*)?\d+\s*[·•|\-–,]|^\s*gir\s*\d\b)"),
                QRegularExpression::CaseInsensitiveOption);
            // The patient's postal address between them ("1 rue de la Gare, 22000 Saint-Brieuc – tél. …").
            static const QRegularExpression postalLine(
                QStringLiteral(R"(^\s*\d{1,4}\s*(?:bis|ter)?\b[^:]{2,60}?(?<!\d)\d{5}\s+\p{Lu})"));
            const bool patientLine = postalLine.match(segs[a].text.left(MaxSegmentLength)).hasMatch()
                                     || (!m_labels[a].isEmpty()
                                         && std::none_of(m_labels[a].begin(), m_labels[a].end(),
                                                         [](const LabelHit& h) { return h.slot == Slot::OtherPerson; }))
                                     || sexLine(segs[a].text) || bareTrait.match(segs[a].text).hasMatch()
                                     || recordField.match(foldSameLength(segs[a].text.left(40))).hasMatch();
            if (!patientLine) {
                break;
            }
            a = above(a);
        }
        return {};
    }

    // Whether segment `s` opens a line that goes on with a sentence from the line above in its
    // column: that line is long and ends on a word, not on a colon or a full stop.
    bool continuesSentence(const QList<Segment>& segs, const QList<Line>& lines, int s) const
    {
        const int a = segmentAbove(segs, lines, s);
        if (a < 0) {
            return false;
        }
        const QString text = segs[a].text.trimmed();
        if (text.count(QLatin1Char(' ')) < 4 || text.isEmpty() || !text.back().isLetter()) {
            return false;
        }
        // A line wraps only when the next line's first word would not fit after it: one that ends
        // short of where this line reaches ("Objet : Compte rendu d'hospitalisation" over a longer
        // "BERTIN, Sophie — Féminin, née le …") ended there.
        const Segment& own = segs[s];
        const qsizetype space = own.text.indexOf(QLatin1Char(' '));
        const double word = (space > 0 ? own.spanX(0, space).second : own.box.right()) - own.box.left();
        return segs[a].box.right() + word + 0.5 * own.box.height() > own.box.right();
    }

    // The text of the segment just above `s` in its column, or nothing.
    QString lineAboveText(const QList<Segment>& segs, const QList<Line>& lines, int s) const
    {
        const int a = segmentAbove(segs, lines, s);
        return a < 0 || !m_labels[a].isEmpty() ? QString() : segs[a].text.left(MaxSegmentLength);
    }

    // Whether, in `text` (a civility, a name of `nameTokens` tokens, then what stands before "née
    // le"), nothing but punctuation, parentheses, the age, the sex or "elle/il est" follows the name.
    static bool saidBornOf(const QString& text, qsizetype nameTokens)
    {
        static const QStringList dashes{QStringLiteral("-"), QStringLiteral("–"), QStringLiteral("—"),
                                        QStringLiteral("/"), QStringLiteral("|"), QStringLiteral(":")};
        QStringList rest;
        qsizetype counted = 0;
        for (const QString& raw : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const bool dash = dashes.contains(raw);
            if (counted < nameTokens) {
                counted += dash ? 0 : 1;
                continue;
            }
            rest += raw;
        }
        QString tail = rest.join(QLatin1Char(' '));
        static const QRegularExpression parenthesis(QStringLiteral(R"(\([^()]*\))"));
        tail.remove(parenthesis);
        // "…, de son nom de naissance PEREZ, née le …": the same person's other name, as in a parenthesis.
        static const QRegularExpression otherName(QStringLiteral(
            R"((?:(?:de|sous)\s+son\s+)?nom\s+(?:de\s+naissance|de\s+jeune\s+fille|d'usage|d’usage|utilis[ée]|marital)\s*:?\s*\p{Lu}[\p{Lu}'’\-]+(?:\s+\p{Lu}[\p{Lu}'’\-]+)*)"));
        tail.remove(otherName);
        static const QRegularExpression allowed(QStringLiteral(
            R"(^[\s,;:.\-–—]*(?:\d{1,3}\s*ans[\s,;:.\-–—]*)?(?:de\s+sexe\s+\w+[\s,;:.\-–—]*)?(?:(?:elle|il)\s+est\s*)?$)"));
        const QString folded = foldSameLength(tail);
        if (allowed.match(folded).hasMatch()) {
            return true;
        }
        // Or a short clause about the same person ("Monsieur Paul DURAND, hospitalisé du 02/11
        // au 09/11, né le …"): one sentence (no full stop), no other name (no capital), no word
        // that names a carer or a relative, whose own birth this could be.
        static const QRegularExpression otherPerson(QStringLiteral(
            R"((?<![a-z])(?:infirmi\w*|kine\w*|medecin\w*|docteur\w*|aide|auxiliaire|sage|pharmacien\w*|mere|pere|fils|fille|epou\w*|mari|conjoint\w*|tut\w*|parent\w*|soeur|frere|grand\w*|enfant\w*|accompagn\w*)(?![a-z]))"));
        static const QRegularExpression sentenceEnd(QStringLiteral(R"([.!?;]\s)"));
        const bool capital = std::any_of(tail.begin(), tail.end(), [](QChar c) { return c.isUpper(); });
        return tail.count(QLatin1Char(' ')) <= 12 && !capital && !sentenceEnd.match(tail + QLatin1Char(' ')).hasMatch()
               && !otherPerson.match(folded).hasMatch();
    }

    // "Il s'agit de Madame Marie LEROY.": a civility and a whole name that end a sentence (only
    // punctuation after them), the last such in `text`. Nothing when a professional title, another
    // civility or any word stands between the name and the end: the sentence is then about someone
    // else as well, and the patient is not guessed.
    static NameGroup civilityNameEnding(const QString& text)
    {
        static const QRegularExpression civility(
            QStringLiteral(R"((?<![\p{L}])(?:Madame|Mme\.?|Mademoiselle|Mlle\.?|Monsieur|M\.|Mr\.?)\s)"));
        qsizetype last = -1;
        for (auto it = civility.globalMatch(text); it.hasNext();) {
            last = it.next().capturedStart(0);
        }
        if (last < 0) {
            return {};
        }
        QString name = text.mid(last).trimmed();
        while (!name.isEmpty() && (name.back() == QLatin1Char('.') || name.back() == QLatin1Char(',')
                                   || name.back() == QLatin1Char(';') || name.back().isSpace())) {
            name.chop(1);
        }
        const NameGroup g = wholeNameGroup(name);
        return !g.family.isEmpty() && g.civility != Civility::None ? g : NameGroup{};
    }

    double nextSegmentLeft(const QList<Segment>& segs, const Line& line, int s, double fallback) const
    {
        const qsizetype at = line.segments.indexOf(s);
        if (at >= 0 && at + 1 < line.segments.size()) {
            return segs[line.segments[at + 1]].box.left();
        }
        return fallback;
    }

    bool startsWithLabel(int s) const
    {
        const QList<LabelHit>& labels = m_labels[s];
        return !labels.isEmpty() && labels.front().start <= 2;
    }

    // A cell's text up to its first label.
    // (A label within an aside of the value is the value's: "LAURENT (nom d'usage : LAPORTE) Marie-Claire".)
    QString cellText(const QList<Segment>& segs, int s) const
    {
        const QList<LabelHit>& labels = m_labels[s];
        if (labels.isEmpty()) {
            return segs[s].text;
        }
        // (A cell that opens on its parenthesis is an aside of its own, not a name's.)
        return QStringView(segs[s].text).trimmed().startsWith(u'(')
                   ? segs[s].text.left(labels.front().start)
                   : segs[s].text.left(endPastAside(segs[s].text, 0, labels, 0));
    }

    // Where a value that starts at `from` ends: at labels[next], unless that label stands within an
    // aside the value opened ("LAURENT (nom d'usage : LAPORTE) Marie-Claire"): then at the first
    // label after the aside closes, or the text's end.
    static qsizetype endPastAside(const QString& text, qsizetype from, const QList<LabelHit>& labels, qsizetype next)
    {
        const qsizetype to = labels[next].start;
        const QStringView before = QStringView(text).mid(from, to - from);
        const qsizetype close = text.indexOf(QLatin1Char(')'), to);
        if (before.count(QLatin1Char('(')) <= before.count(QLatin1Char(')')) || close < 0) {
            return to;
        }
        while (next < labels.size() && labels[next].start < close) {
            ++next;
        }
        return next < labels.size() ? labels[next].start : text.size();
    }

    void readSegment(const QList<Segment>& segs, const QList<Line>& lines, int s)
    {
        const Segment& seg = segs[s];
        const QList<LabelHit>& labels = m_labels[s];
        bool otherPerson = false;
        for (qsizetype k = 0; k < labels.size(); ++k) {
            const LabelHit& h = labels[k];
            // The rest of this segment is someone else's; but the parents named after "fils de",
            // "fille de" take only their names: "…, née le …" after them is the patient's again.
            if (h.slot == Slot::OtherPerson) {
                otherPerson = !filiation(s, h);
            }
            if (otherPerson || h.slot == Slot::Other || h.slot == Slot::OtherPerson) {
                continue;
            }
            // The first place that holds a value of the label's kind: after it, beside it, under
            // it, over it (a caption), before it.
            const bool withPlace = h.slot == Slot::BirthDate
                                   && m_folded[s].mid(h.start, h.end - h.start).contains(QLatin1String("lieu"));
            const bool nameSlot = h.slot == Slot::BirthName || h.slot == Slot::UsedName || h.slot == Slot::Family;
            for (const Candidate& value : valuesOf(segs, lines, s, k)) {
                // "Nom    Dr Gabriel BLANC" (a fax cover's sender): a name label whose value is a
                // professional's is not the patient's, and no other cell is its value.
                if (nameSlot && parseNameGroup(value.text).titled) {
                    break;
                }
                if ((!value.strict || wholeValue(h.slot, value.text, withPlace)) && take(h, value.text, segs, lines, s, k)) {
                    break;
                }
            }
            if (h.slot == Slot::BirthDate) {
                // The patient's name often stands just before "né(e) le" ("NGUYEN Thomas, né le …").
                // "M. DUPONT Hervé (nom d'usage : DUPONT-VAN DAMME), né le …": an aside in parentheses
                // (its own labels included) stands between the name and "né le".
                qsizetype nameEnd = h.start;
                static const QRegularExpression aside(QStringLiteral(R"(\S(\s*\([^()]*\)\s*,?\s*)$)"));
                if (const auto a = aside.match(QStringView(seg.text).left(h.start));
                    a.hasMatch() && !findLabels(foldSameLength(a.captured(1))).isEmpty()) {
                    nameEnd = a.capturedStart(1); // not "(M)", a sex mark read below
                }
                QString before = seg.text.left(nameEnd);
                for (qsizetype j = k - 1; j >= 0; --j) {
                    if (labels[j].end <= nameEnd) {
                        before = seg.text.mid(labels[j].end, nameEnd - labels[j].end);
                        if (labels[j].slot == Slot::OtherPerson) {
                            before.clear();
                        }
                        break;
                    }
                }
                // An aside closed here but opened on the line above: the paragraph's reading has it.
                if (before.count(QLatin1Char(')')) > before.count(QLatin1Char('('))) {
                    before.clear();
                }
                // The end of another person's mention begun on the line above ("…, fils de Jean" /
                // "BLANC et de Émilie GAUTHIER, né le …"): the parents' names, not the patient's.
                if (before.size() == nameEnd) {
                    const int above = segmentAbove(segs, lines, s);
                    if (above >= 0 && !m_labels[above].isEmpty() && m_labels[above].back().slot == Slot::OtherPerson
                        && seg.box.top() - segs[above].box.bottom() < seg.box.height()) {
                        before.clear();
                    }
                }
                const bool opensSegment = before.size() == h.start && !before.trimmed().isEmpty();
                // Dot leaders up to the date ("OLIVIER Jean – Masculin . . . . né le …") lead the eye
                // across the line; they end no sentence.
                static const QRegularExpression leaders(QStringLiteral(R"((?:\s*[.…·_]){4,}\s*$)"));
                before.remove(leaders);
                // "LEROY Marie, F, né(e) …": a sex mark between the name and the date.
                static const QRegularExpression sexMark(QStringLiteral(
                    R"((?:[,\s]\(?([FMH])\)?|\s[-–—,]?\s*(Femme|Homme|F[ée]minin|Masculin|FEMME|HOMME|F[ÉE]MININ|MASCULIN))[,\s\-–—]*$)"));
                if (const auto mark = sexMark.match(before); mark.hasMatch() && before.size() > mark.capturedLength(0)) {
                    const QString said =
                        mark.captured(1).isEmpty() ? foldSameLength(mark.captured(2)).toLower() : mark.captured(1);
                    m_out.sexes +=
                        said == QLatin1String("F") || said.startsWith(QLatin1Char('f')) ? Sex::Female : Sex::Male;
                    before.chop(mark.capturedLength(0));
                }
                // "… Madame Marie LEROY. Elle est née le …": the subject of "née le" is a pronoun, the
                // name the civility that ends the sentence just before it (or the line above).
                static const QRegularExpression pronoun(QStringLiteral(R"((?:^|[.;:]\s*)((?:elle|il)\s+est\s*)$)"));
                if (const auto subject = pronoun.match(foldSameLength(before)); subject.hasMatch()) {
                    const QString sentenceBefore = before.left(subject.capturedStart(1));
                    NameGroup g = civilityNameEnding(sentenceBefore);
                    if (g.empty() && sentenceBefore.trimmed().isEmpty() && k == 0) {
                        g = civilityNameEnding(lineAboveText(segs, lines, s));
                    }
                    addPatientGroup(g);
                } else if (!before.trimmed().isEmpty()) {
                    // A name that opens a line of running text may have begun on the line before
                    // ("… Madame Marie" / "Claire MARTIN née LEROY, née le …"): the paragraph's
                    // reading has it whole.
                    bool fromStart = false;
                    NameGroup g = trailingNameGroup(before, &fromStart);
                    // A family name alone opening the row, its given names right under it in its
                    // column ("GRONDIN (nom utilisé GRONDIN-KLEIN)  Né(e) le …" over "Sébastien  À …").
                    static const QRegularExpression capitalsOnly(
                        QStringLiteral(R"(^\s*\p{Lu}[\p{Lu}'’\-]+(?:\s+\p{Lu}[\p{Lu}'’\-]+)?\s*$)"));
                    if (g.given.isEmpty() && g.civility == Civility::None && before.size() == nameEnd
                        && capitalsOnly.match(before).hasMatch() && !isNotAName(before.trimmed())) {
                        if (const int below = segmentBelow(segs, lines, s); below >= 0 && m_labels[below].isEmpty()) {
                            const NameGroup given = wholeNameGroup(segs[below].text);
                            if (!given.given.isEmpty() && given.family.isEmpty() && given.civility == Civility::None) {
                                const NameGroup whole =
                                    wholeNameGroup(before.trimmed() + QLatin1Char(' ') + segs[below].text.trimmed());
                                if (!whole.family.isEmpty() && whole.given == given.given) {
                                    g = whole;
                                }
                            }
                        }
                    }
                    if (!(fromStart && opensSegment && continuesSentence(segs, lines, s))) {
                        addPatientGroup(g);
                    }
                } else if (k == 0) {
                    // The name in the cell before on the line ("DUPONT Marie | Né(e) le …"), else, as on
                    // a sticker, alone on the line above.
                    NameGroup g = nameCellBefore(segs, lines, s);
                    addPatientGroup(g.empty() ? nameLineAbove(segs, lines, s) : g);
                }
            }
            // A block that opens on its name and says the INS under it, the other traits bare
            // between them ("Monsieur LAMBERT Patrick" / "le 09/03/1990" / "Nice (06088)" / "INS …").
            if (h.slot == Slot::Ins && k == 0 && h.start <= 2) {
                addPatientGroup(nameLineAbove(segs, lines, s));
            }
        }
        // A civility and a name with "né(e)" after it, without any label before: a sentence.
        if (!otherPerson) {
            // Alone on its line: a cell among others may be one of a form's boxes to tick. (A side
            // column's cell set level with the letter's running text is alone too.)
            const Line& own = lines[m_lineOf[static_cast<std::size_t>(s)]];
            const bool alone = std::all_of(own.segments.begin(), own.segments.end(), [&](int c) {
                return c == s || runningText(segs, Line{{c}, 0, 0});
            });
            if (const auto said = sexLine(seg.text); said && alone) {
                m_out.sexes += *said;
            } else if (const auto stuck = sexLetterAfterBirthDate(segs, own, s)) {
                m_out.sexes += *stuck;
            } else if (std::any_of(labels.begin(), labels.end(),
                                   [](const LabelHit& h) { return h.slot == Slot::BirthDate; })) {
                // Or as the first item of a row of traits ("Masculin · 11 ans · Naissance : 2015-06-02 · …").
                static const QRegularExpression item(QStringLiteral(R"(\s[·•|–—]\s|;)"));
                static const QRegularExpression sexLetterBeforeAge(
                    QStringLiteral(R"(^\s*(?:\p{Lu}{2,3}\s+)?([FMH])\s+[·•|–—]\s+\d{1,3}\s*ans\s+[·•|–—]\s)"));
                if (const auto first = sexLine(seg.text.section(item, 0, 0)); first) {
                    m_out.sexes += *first;
                } else if (const auto letter = sexLetterBeforeAge.match(seg.text.left(MaxSegmentLength));
                           letter.hasMatch()) {
                    // Or its letter when the age follows ("F · 83 ans · Né(e) le …"), perhaps after the
                    // initials a patient banner draws in a badge beside it ("MF F · 83 ans").
                    m_out.sexes += letter.captured(1) == QLatin1String("F") ? Sex::Female : Sex::Male;
                }
            }
            readCivilitySentences(seg, labels);
            readDatedRow(segs, lines, s);
            readBornNameSentence(seg);
            readCapitalsOverBirthDate(segs, lines, s);
            readStickerOverSexAndDate(segs, lines, s);
            readNameRowOverBirthRow(segs, lines, s);
        }
    }

    // A sticker's cell that holds the sex alone, a letter or a word's abbreviation, right after the cell
    // of the birth date and before the birth place's, or last on its line ("25 JANVIER 1970 (56 ans) |
    // F | née à La Rochelle (17300)", "24 AVRIL 1937 (89 ans) | Fém.").
    std::optional<Sex> sexLetterAfterBirthDate(const QList<Segment>& segs, const Line& own, int s) const
    {
        static const QRegularExpression letter(QStringLiteral(
            R"(^\s*\(?([FMH]|F[ée]m\.?|Masc\.?|FEM\.?|MASC\.?|F[ée]minin|Masculin|Femme|Homme)\)?\s*$)"));
        const auto m = letter.match(segs[s].text);
        const qsizetype at = own.segments.indexOf(s);
        if (!m.hasMatch() || at <= 0) {
            return std::nullopt;
        }
        const Segment& date = segs[own.segments[at - 1]];
        const double gap = CellGap * segs[s].box.height();
        static const QRegularExpression age(QStringLiteral(R"(\s*\(\s*\d{1,3}\s*ans\s*\)\s*$)"));
        static const QRegularExpression born(QStringLiteral(R"(^\s*n[ée]e?\s*(?:\(\s*e\s*\))?\s+(?:à|a|au|en)\s)"));
        qsizetype from = -1;
        qsizetype to = -1;
        const QString dateText = QString(date.text).remove(age).trimmed();
        const bool dated = parseFrenchDate(dateText, &from, &to).isValid() && from == 0 && to >= dateText.size() - 1;
        if (!dated || segs[s].box.left() - date.box.right() > gap) {
            return std::nullopt;
        }
        if (at + 1 < own.segments.size()) {
            const Segment& place = segs[own.segments[at + 1]];
            if (!born.match(place.text).hasMatch() || place.box.left() - segs[s].box.right() > gap) {
                return std::nullopt;
            }
        }
        return m.captured(1).startsWith(QLatin1Char('F')) ? Sex::Female : Sex::Male;
    }

    // A grid's row whose caption says no trait ("Attendue | Mme Léa MOREAU née LAMBERT") right over
    // its birth date's row ("Naissance | 24 03 1951"), captions in one column, values in another: the
    // value, a civility and a name, is the patient's. Never under a caption that names a relative,
    // a professional or a contact.
    void readNameRowOverBirthRow(const QList<Segment>& segs, const QList<Line>& lines, int s)
    {
        const Line& line = lines[m_lineOf[static_cast<std::size_t>(s)]];
        const qsizetype at = line.segments.indexOf(s);
        if (at < 0 || at + 1 != line.segments.size()) {
            return;
        }
        // The caption in a cell of its own ("Patient(e) | Mme X"), or before a colon in the name's
        // cell ("Pour : Mme Jeanne Océane ANTOINE (usage : GUILLAUME)").
        static const QRegularExpression inCell(
            QStringLiteral(R"(^\s*(\p{L}[\p{L}'’()]*(?:\s+\p{L}[\p{L}'’()]*)?)\s*:\s*(\S.*)$)"));
        QString captionText;
        QString nameText;
        double captionLeft = 0;
        double captionHeight = 0;
        if (at >= 1 && m_labels[s].isEmpty() && m_labels[line.segments[at - 1]].isEmpty()) {
            const Segment& caption = segs[line.segments[at - 1]];
            captionText = caption.text;
            nameText = segs[s].text;
            captionLeft = caption.box.left();
            captionHeight = caption.box.height();
        } else if (const auto m = inCell.match(segs[s].text.left(MaxSegmentLength));
                   m.hasMatch() && std::all_of(m_labels[s].begin(), m_labels[s].end(), [&](const LabelHit& h) {
                       return h.start >= m.capturedStart(2);
                   })) {
            captionText = m.captured(1);
            nameText = m.captured(2);
            captionLeft = segs[s].box.left();
            captionHeight = segs[s].box.height();
        } else {
            return;
        }
        static const QRegularExpression relation(QStringLiteral(
            R"(\b(?:mere|pere|parents?|conjoint|epou|tuteur|tutrice|accompagn|representant|fils|fille|frere|soeur|enfant|medecin|docteur|contact|prevenir|confiance|assure|responsable|demandeur|tiers|referent|correspondant|destinataire|redacteur|auteur|signataire|infirmi|praticien|copie|cc|objet|ref)\w*)"));
        const QString captionFolded = foldSameLength(captionText).toLower().simplified();
        if (captionFolded.count(QLatin1Char(' ')) > 2 || relation.match(captionFolded).hasMatch()) {
            return;
        }
        const NameGroup g = parseNameGroup(nameText);
        if (g.empty() || g.titled || g.civility == Civility::None || g.family.isEmpty()) {
            return;
        }
        // (In the name's cell, only the name, perhaps its labelled used name: "(usage : X)".)
        if (!m_labels[s].isEmpty()) {
            const qsizetype open = nameText.indexOf(QLatin1Char('('));
            if (open < 0 || !nameText.trimmed().endsWith(QLatin1Char(')'))
                || tokenize(nameText.left(open)).size() != g.consumed) {
                return;
            }
        }
        const qsizetype l = m_lineOf[static_cast<std::size_t>(s)];
        if (l + 1 >= lines.size() || lines[l + 1].top - line.bottom > captionHeight * 1.5) {
            return;
        }
        const double h = captionHeight;
        for (int c : lines[l + 1].segments) {
            if (std::abs(segs[c].box.left() - captionLeft) <= h && !m_labels[c].isEmpty()
                && m_labels[c].front().slot == Slot::BirthDate && m_labels[c].front().start <= 2) {
                addPatientGroup(g);
                return;
            }
        }
    }

    // A label sticker: the family name over the given names over the sex and birth date ("DUFOUR" /
    // "Christophe" / "M 18/12/1978 047A"), no label at all: the patient's when the three lines stand
    // tight over each other, flush left.
    void readStickerOverSexAndDate(const QList<Segment>& segs, const QList<Line>& lines, int s)
    {
        static const QRegularExpression sexDate(
            QStringLiteral(R"(^\s*([MFH])\s+[0-3]?\d[/.\-][01]?\d[/.\-](?:19|20)\d{2}(?!\d))"));
        const auto m = sexDate.match(segs[s].text.left(MaxSegmentLength));
        if (!m.hasMatch()) {
            return;
        }
        const int given = segmentAbove(segs, lines, s);
        const int family = given >= 0 ? segmentAbove(segs, lines, given) : -1;
        const auto tight = [&](int upper, int lower) {
            return segs[lower].box.top() - segs[upper].box.bottom() <= segs[lower].box.height()
                   && std::abs(segs[lower].box.left() - segs[upper].box.left()) <= segs[lower].box.height();
        };
        if (family < 0 || !tight(given, s) || !tight(family, given)) {
            return;
        }
        const NameGroup g = givenUnder(segs, family, given);
        if (g.empty()) {
            return;
        }
        m_out.sexes += m.captured(1) == QLatin1String("F") ? Sex::Female : Sex::Male;
        addPatientGroup(g);
    }

    // "LAURENT KARIM STEPHANE" alone over "DDN 05.05.1962 – …": the patient's name in capitals, whose
    // cut between family and first names the other fields decide (Candidates::capitalsOnly).
    void readCapitalsOverBirthDate(const QList<Segment>& segs, const QList<Line>& lines, int s)
    {
        const QList<LabelHit>& labels = m_labels[s];
        if (labels.isEmpty() || labels.front().slot != Slot::BirthDate || labels.front().start > 2) {
            return;
        }
        int under = s;
        int above = segmentAbove(segs, lines, s);
        // A used name's line between them ("ROUSSEL VIRGINIE" / "NU JOLY" / "DDN …", a label).
        if (above >= 0 && !m_labels[above].isEmpty() && m_labels[above].front().slot == Slot::UsedName
            && m_labels[above].front().start <= 2
            && segs[s].box.top() - segs[above].box.bottom() <= segs[s].box.height()) {
            under = above;
            above = segmentAbove(segs, lines, above);
        }
        // Or the birth or spouse's name said on its own line ("GIRARD OCEANE" / "EP. LEFÈVRE" / "NÉ(E) LE …").
        QString said;
        if (under == s && above >= 0 && m_labels[above].isEmpty() && bornLine(segs[above].text)
            && segs[s].box.top() - segs[above].box.bottom() <= segs[s].box.height()) {
            said = segs[above].text.trimmed();
            under = above;
            above = segmentAbove(segs, lines, above);
        }
        static const QRegularExpression capitals(
            QStringLiteral(R"(^\s*\p{Lu}[\p{Lu}'’\-]+(?:\s+\p{Lu}[\p{Lu}'’\-]+){1,3}\s*$)"));
        if (above < 0 || !m_labels[above].isEmpty() || !capitals.match(segs[above].text).hasMatch()
            || segs[under].box.top() - segs[above].box.bottom() > segs[under].box.height()) {
            return;
        }
        const NameGroup g =
            wholeNameGroup(said.isEmpty() ? segs[above].text : segs[above].text + QLatin1Char(' ') + said);
        if (g.civility == Civility::None && g.given.isEmpty()) {
            addPatientGroup(g);
        }
    }

    // "M. LAURENT (patient)", wherever it stands (a copies list is set aside): Candidates::familyHints.
    void readFamilyHint(const Segment& seg)
    {
        static const QRegularExpression patientCopy(QStringLiteral(
            R"((?<![\p{L}])(?:M\.|Mme\.?|Mlle\.?|Monsieur|Madame)\s+(\p{Lu}[\p{Lu}'’\-]+(?:\s+\p{Lu}[\p{Lu}'’\-]+)?)\s*\(\s*(?:le\s+|la\s+)?patient(?:e|\s*\(\s*e\s*\))?\s*\))"));
        if (seg.text.contains(u'(')) {
            if (const auto hint = patientCopy.match(seg.text.left(MaxSegmentLength)); hint.hasMatch()) {
                addUnique(m_out.familyHints, insiUpper(hint.captured(1)));
            }
        }
    }

    // A row of the patient's traits under the name, without labels: "F  17.02.2015  11 ans  67482
    // Strasbourg  INS : …" under "Mlle Josiane Marie-Claire GÉRARD". A date followed by the age it
    // gives is a birth date; when the row opens on it (perhaps after the sex, perhaps after "Né(e)
    // le"), the row is the patient's: the sex before it, the name alone on the line above, and a
    // place after the age when its code is the one an INS already read carries.
    void readDatedRow(const QList<Segment>& segs, const QList<Line>& lines, int s)
    {
        const QString text = segs[s].text.left(MaxSegmentLength);
        static const QRegularExpression age(QStringLiteral(R"((?<![\d/.])\(?\s*(\d{1,3})\s*ans?(?!\p{L})\s*\)?)"));
        const auto a = age.match(text);
        if (!a.hasMatch() || age.match(text, a.capturedEnd(0)).hasMatch()) {
            return; // no age, or two: not one person's row
        }
        static const QRegularExpression separators(QStringLiteral(R"([\s,;·•|–—\-]+$)"));
        QString before = text.left(a.capturedStart(0));
        before.remove(separators);
        // The date that ends `before`, and what stands before it.
        qsizetype at = -1;
        QDate date;
        for (qsizetype from = std::max<qsizetype>(0, before.size() - 24); from < before.size(); ++from) {
            if (from > 0 && before[from - 1].isLetterOrNumber()) {
                continue;
            }
            qsizetype dAt = -1;
            qsizetype dEnd = -1;
            const QDate d = parseFrenchDate(before.mid(from), &dAt, &dEnd);
            if (d.isValid() && dAt == 0 && from + dEnd >= before.size()) {
                date = d;
                at = from;
                break;
            }
        }
        if (!plausibleBirthDate(date)) {
            return;
        }
        const QDate today = QDate::currentDate();
        int years = today.year() - date.year();
        if (QDate(today.year(), date.month(), std::min(date.day(), 28)) > today) {
            --years;
        }
        const int said = a.captured(1).toInt();
        if (said < years - 1 || said > years) {
            return; // a letter printed within the year: the age it gave then
        }
        // What opens the row: nothing, the sex, "Né(e) le", or both.
        static const QRegularExpression opening(QStringLiteral(
            R"(^\s*(?:(F|M|H|Femme|Homme|F[ée]minin|Masculin|FEMME|HOMME|F[ÉE]MININ|MASCULIN)\s*[,·•|–—\-]?\s*)?(?:N[ée]e?\s*(?:\(\s*e\s*\))?\s+le\s*:?\s*)?$)"));
        const auto o = opening.match(before.left(at));
        if (!o.hasMatch()) {
            return; // a date and an age within a sentence or a row about someone: read by the labels, if any
        }
        if (!m_out.birthDates.contains(date)) {
            m_out.birthDates += date;
        }
        if (!o.captured(1).isEmpty()) {
            m_out.sexes += sexFromValue(o.captured(1));
        }
        // (A row that opens its line, or its column: the letterhead's line far to its left.)
        const Line& line = lines[m_lineOf[static_cast<std::size_t>(s)]];
        const qsizetype cell = line.segments.indexOf(s);
        if (cell == 0
            || (cell > 0
                && segs[line.segments[cell - 1]].box.right() < segs[s].box.left() - 8 * segs[s].box.height())) {
            addPatientGroup(nameLineAbove(segs, lines, s));
        }
        // "… 11 ans  67482 Strasbourg  INS …": the first code after the age, when an INS already read
        // carries it as the birth place (a bare code could be a postcode).
        if (const auto m = cogShape().match(text.mid(a.capturedEnd(0), 60)); m.hasMatch()) {
            const QString code = m.captured(1).toUpper();
            if (std::any_of(m_out.matricules.begin(), m_out.matricules.end(),
                            [&](const QString& ins) { return ins.mid(5, 5) == code; })) {
                addUnique(m_out.places, code);
            }
        }
    }

    // "Madame Hélène ANDRÉ, 92 ans, est née BERNARD le 4 novembre 1934 à Perpignan (code 66136)":
    // the birth name between "née" and the date, said of the name that opens the sentence.
    void readBornNameSentence(const Segment& seg)
    {
        const QString text = seg.text.left(MaxSegmentLength);
        static const QRegularExpression born(
            QStringLiteral(R"((?<![\p{L}])(n[ée]e?)\s+(\p{Lu}[\p{Lu}'’\-]+(?:\s+\p{Lu}[\p{Lu}'’\-]+){0,2})\s+le\s+)"));
        const auto m = born.match(text);
        if (!m.hasMatch()) {
            return;
        }
        qsizetype at = -1;
        qsizetype end = -1;
        const QString rest = text.mid(m.capturedEnd(0));
        const QDate date = parseFrenchDate(rest, &at, &end);
        if (!date.isValid() || at != 0 || !plausibleBirthDate(date)) {
            return;
        }
        // The subject: the last civility before "née", nothing but the age or "est" between.
        static const QRegularExpression civility(
            QStringLiteral(R"((?<![\p{L}])(?:Madame|Mme\.?|Mademoiselle|Mlle\.?|Monsieur|M\.|Mr\.?)\s)"));
        qsizetype from = -1;
        for (auto it = civility.globalMatch(text.left(m.capturedStart(0))); it.hasNext();) {
            from = it.next().capturedStart(0);
        }
        if (from < 0) {
            return;
        }
        NameGroup g = parseNameGroup(text.mid(from, m.capturedStart(0) - from));
        QString between = text.mid(from, m.capturedStart(0) - from).trimmed();
        static const QRegularExpression verb(QStringLiteral(R"(\s+est$)"));
        between.remove(verb);
        if (g.empty() || g.titled || g.family.isEmpty() || !g.bornName.isEmpty() || !saidBornOf(between, g.consumed)) {
            return;
        }
        g.bornName = m.captured(2);
        g.bornFeminine = m.captured(1).size() > 2;
        addPatientGroup(g);
        if (!m_out.birthDates.contains(date)) {
            m_out.birthDates += date;
        }
        // "… à Perpignan (code 66136)": the place after the date, up to the end of the sentence.
        const QString after = rest.mid(end).section(QLatin1Char('.'), 0, 0);
        static const QRegularExpression at_(QStringLiteral(R"(^\s*,?\s*(?:à|a|au|aux|en|hors\s+de\s+France)\s)"));
        if (at_.match(after).hasMatch()) {
            addUnique(m_out.places, cogFromValue(after));
        }
    }

    // A cell that is nothing but a value of the slot's kind (a name and nothing else, a date…).
    // `withPlace`: a date that may be followed by its place ("Date et lieu de naissance").
    static bool wholeValue(Slot slot, const QString& text, bool withPlace = false)
    {
        const QString t = text.trimmed();
        if (t.isEmpty() || t.size() > 60) {
            return false;
        }
        switch (slot) {
        case Slot::BirthName:
        case Slot::UsedName:
        case Slot::Family:
            return !wholeNameGroup(t).empty();
        case Slot::PatientName: {
            // A whole person: a word in capitals alone over "Patient" is the town above it as well.
            const NameGroup g = wholeNameGroup(t);
            return !g.empty() && (!g.given.isEmpty() || g.civility != Civility::None);
        }
        case Slot::FirstNames:
        case Slot::FirstName: {
            // "Nicolas, Gérard": given names may be listed with commas, each a name.
            const QStringList parts = t.split(QLatin1Char(','), Qt::SkipEmptyParts);
            return !parts.isEmpty() && std::all_of(parts.begin(), parts.end(), [](const QString& part) {
                return !wholeNameGroup(part.trimmed()).empty();
            });
        }
        case Slot::BirthDate: {
            qsizetype at = -1;
            qsizetype end = -1;
            const QString d = combedDate(t);
            const bool date = parseFrenchDate(d, &at, &end).isValid() && at == 0;
            // "21/06/1985 (41 ans)": the age the date gives; "23 03 1969 / F" under "Né(e) le / sexe":
            // the sex's letter.
            static const QRegularExpression age(
                QStringLiteral(R"(^\s*(?:[,(]?\s*\d{1,3}\s*ans\s*\)?|[/,;|\-–—]\s*\(?[FMH]\)?)\s*$)"));
            return date
                   && (end >= d.size() - 1 || age.match(d.mid(end)).hasMatch()
                       || (withPlace && !cogFromValue(d.mid(end)).isEmpty()));
        }
        case Slot::Sex:
            return t.size() <= 16; // "Féminin (F)"
        case Slot::BirthPlace:
        case Slot::Ins:
        case Slot::InsWeak:
        case Slot::Oid:
            return true; // their own shapes are strict enough
        case Slot::Other:
        case Slot::OtherPerson:
            break;
        }
        return false;
    }

    // Reads `value` as label `h`'s value; false when it holds no value of that kind.
    bool take(const LabelHit& h, const QString& value, const QList<Segment>& segs, const QList<Line>& lines, int s,
              qsizetype k)
    {
        const QList<LabelHit>& labels = m_labels[s];
        switch (h.slot) {
        case Slot::BirthName:
        case Slot::UsedName:
        case Slot::Family: {
            // "Nom de naissance, prénoms" over "DUPUIS – Lan Manon Brigitte": the separator between
            // the two is the label's comma said again.
            static const QRegularExpression joined(
                QStringLiteral(R"(^(\s*\p{Lu}[\p{Lu}'’ \-]*\p{Lu})\s*[,–—/\-]\s+(?=\p{Lu}\p{Ll}))"));
            const NameGroup g =
                parseNameGroup(h.withGiven ? QString(value).replace(joined, QStringLiteral("\\1 ")) : value);
            // A table's next column heading ("NOM | SPÉCIALITÉ | Ville"): a list of doctors, no value.
            static const QRegularExpression heading(QStringLiteral(
                R"(^\s*(?:specialite|qualite|fonction|role|profession|ville|commune|adresse|exemplaire|telephone|titre)s?(?![\p{L}]))"));
            if (g.titled || g.family.isEmpty() || isSexWord(value)
                || heading.match(foldSameLength(value)).hasMatch()) {
                return false;
            }
            if (h.withGiven && (g.given.isEmpty() || !g.bornName.isEmpty() || !g.spouseName.isEmpty())) {
                return false; // not the two the label says: nothing is read rather than a guess
            }
            if (h.withGiven && !m_out.firstNameLists.contains(insiList(g.given))) {
                m_out.firstNameLists += insiList(g.given);
            }
            const QString family = insiUpper(g.family.join(QLatin1Char(' ')));
            QStringList& list = h.slot == Slot::BirthName ? m_out.birthNames
                                : h.slot == Slot::UsedName ? m_out.usedNames
                                                           : m_out.families;
            addUnique(list, family);
            if (!g.given.isEmpty() && h.slot == Slot::Family) {
                addUnique(m_out.firstNamesOfGroups, insiUpper(g.given.front()));
            }
            addMarkers(g);
            return true;
        }
        case Slot::PatientName:
            return readPatientName(value);
        case Slot::FirstNames:
        case Slot::FirstName: {
            // "Féminin" from the sex's cell (a caption under it read as a header over it) is no
            // first name: no first name is a sex.
            if (isSexWord(value)) {
                return false;
            }
            QStringList names;
            qsizetype skipped = 0;
            for (const Token& t : tokenize(value)) {
                // A speck before the name ("a Marie Claire" from a shaded cell's edge).
                if (names.isEmpty() && skipped == 0 && !t.opens && !t.closes && t.word.size() == 1) {
                    ++skipped;
                    continue;
                }
                if (t.opens || !(isGivenNameToken(t.word) || upperName(t.word))) {
                    break;
                }
                names += insiUpper(t.word);
                if (t.closes && !(t.comma && h.slot == Slot::FirstNames)) {
                    break;
                }
            }
            if (names.isEmpty()) {
                return false;
            }
            if (h.slot == Slot::FirstName) {
                addUnique(m_out.firstNameSingles, names.front());
            } else if (!m_out.firstNameLists.contains(names)) {
                m_out.firstNameLists += names;
            }
            return true;
        }
        case Slot::BirthDate: {
            // "Né(e) : VAN DAMME": "né(e)" alone with a name in capitals says the birth name.
            static const QRegularExpression bornAlone(QStringLiteral(R"(^n[ée]\s*(?:\(\s*e\s*\)|e)?$)"));
            static const QRegularExpression capitals(QStringLiteral(R"(^\s*\p{Lu}[\p{Lu}'’\- ]*\p{Lu}\s*$)"));
            if (bornAlone.match(m_folded[s].mid(h.start, h.end - h.start).trimmed()).hasMatch()
                && capitals.match(value).hasMatch() && !isNotAName(value.trimmed())) {
                addUnique(m_out.birthNames, insiUpper(value.simplified()));
                return true;
            }
            qsizetype at = -1;
            qsizetype end = -1;
            const QString dated = combedDate(value);
            const QDate date = parseFrenchDate(dated, &at, &end);
            if (!plausibleBirthDate(date) || at > 3) {
                return false;
            }
            if (!m_out.birthDates.contains(date)) {
                m_out.birthDates += date;
            }
            if (h.female) {
                m_out.sexes += Sex::Female;
            } else if (h.male) {
                m_out.sexes += Sex::Male;
            }
            // "Né(e) le 20.08.1994 (32 ans) F", "Né(e) le 06.02.1944 · F (82 ans)": the sex marked
            // alone after the date ends the cell, the age before or after it.
            static const QRegularExpression sexAfter(QStringLiteral(
                R"(^\s*(?:\(\s*\d{1,3}\s*ans?\s*\)\s*)?[,·•\-–]?\s*(?:([FMH])|\(\s*([FMH])\s*\))\s*(?:\(\s*\d{1,3}\s*ans?\s*\)\s*)?$)"));
            if (const auto mark = sexAfter.match(dated.mid(end)); mark.hasMatch()) {
                const QString letter = mark.captured(1) + mark.captured(2); // "F" or "(F)"
                m_out.sexes += letter == QLatin1String("F") ? Sex::Female : Sex::Male;
            }
            // "… le 05/12/2000 à STRASBOURG (67482)": the place follows the date, perhaps after the
            // age ("(47 ans)") or the sex (", sexe F,"), perhaps on the next line of the sentence.
            static const QRegularExpression place(
                QStringLiteral(
                    R"(^\s*(?:\(\s*\d{1,3}\s*ans?\s*\)\s*)?(?:,?\s*sexe\s*:?\s*(?:[FMH]|masculin|f[ée]minin)\s*)?(?:[,–\-·•]?\s*(?:à|a|au|aux|en|hors\s+de\s+France)\s+|,\s*(?=\p{Lu}))[^()\[\]]{0,60}?[(\[][^()\[\]\d]{0,40}?((?:\d{2}|2[ABab])\d{3})\s*[)\]])"),
                QRegularExpression::CaseInsensitiveOption);
            QString after = dated.mid(end);
            // "Née le 21/06/1985, sexe F, à Bordeaux (33063)": the sex's label ends this value; the
            // place after it is still the date's.
            if (k + 1 < labels.size() && labels[k + 1].slot == Slot::Sex) {
                const QString rest = segs[s].text.mid(h.end);
                qsizetype restAt = -1;
                qsizetype restEnd = -1;
                if (parseFrenchDate(rest, &restAt, &restEnd) == date) {
                    after = rest.mid(restEnd);
                }
            }
            static const QRegularExpression dangling(
                QStringLiteral(R"(^\s*(?:\(\s*\d{1,3}\s*ans?\s*\)\s*)?,?\s*(?:à|a|au|aux|en)?\s*$)"));
            if (dangling.match(after).hasMatch() && labels.size() == k + 1) {
                after += QLatin1Char(' ') + continuationOf(segs, lines, s);
            }
            // "… à Bordeaux, code INSEE 33063", "… à Laval (Mayenne), code INSEE 53130": the code
            // named as such (a bare number could be a postcode).
            static const QRegularExpression namedCode(
                QStringLiteral(
                    R"(^\s*(?:\(\s*\d{1,3}\s*ans?\s*\)\s*)?[,–\-]?\s*(?:à|a|au|aux|en)\s+[\p{L}'’ \-]{2,40}?(?:\s*\([\p{L}'’ \-]{2,30}\))?,?\s*(?:[-–]\s*)?(?:code\s+)?(?:insee|cog|commune)\s*:?\s*((?:\d{2}|2[ABab])\d{3})(?!\d))"),
                QRegularExpression::CaseInsensitiveOption);
            auto m = place.match(after);
            if (!m.hasMatch()) {
                m = namedCode.match(after);
            }
            if (m.hasMatch()) {
                addUnique(m_out.places, m.captured(1).toUpper());
            } else if (m_folded[s].mid(h.start, h.end - h.start).contains(QLatin1String("lieu"))) {
                // "Date et lieu de naissance : 14/03/1979 - Reims (51215)": the label announces the place.
                const QString cog = cogFromValue(after.left(80));
                if (!cog.isEmpty()) {
                    addUnique(m_out.places, cog);
                }
            }
            // "Né(e) le 11/03/1936 (90 ans) Masculin": the sex, as a whole word, after the date.
            // (Or cut short: "(77 ans) Fém.", "Masc.")
            static const QRegularExpression sexWord(
                QStringLiteral(R"((?<![\p{L}])(masculin|feminin|homme|femme|fem\.|masc\.)(?![\p{L}]))"));
            if (const auto w = sexWord.match(foldSameLength(dated.mid(end, 40))); w.hasMatch()) {
                m_out.sexes += w.captured(1).startsWith(QLatin1String("mas")) || w.captured(1) == QLatin1String("homme")
                                   ? Sex::Male
                                   : Sex::Female;
            }
            // "DDN : 14/03/1979 (47 ans) - F" (bullets, or OCR's "+" for them): a sex letter set apart right after the
            // date; or before the age, as labels print it ("16/08/1970  M  56 ans").
            static const QRegularExpression sexLetter(QStringLiteral(
                R"(^\s*(?:(?:\(\s*\d{1,3}\s*ans?\s*\)\s*)?[-–—,;|•·+/]\s*\(?([FMH])\)?\s*(?:$|[-–—,;|•·+/])|\s+([FMH])\s+\(?\d{1,3}\s*ans\b))"));
            // "30 octobre 2021 à Bordeaux – 33063 (F)": the sex's letter closing the value, after the place.
            static const QRegularExpression sexClosing(QStringLiteral(R"(\s\(\s*([FMH])\s*\)\s*$)"));
            const auto closing = sexClosing.match(after.left(80));
            if (const auto w = sexLetter.match(dated.mid(end, 40)); w.hasMatch()) {
                const QString letter = w.captured(1) + w.captured(2);
                m_out.sexes += letter == QLatin1String("F") ? Sex::Female : Sex::Male;
            } else if (closing.hasMatch()) {
                m_out.sexes += closing.captured(1) == QLatin1String("F") ? Sex::Female : Sex::Male;
            }
            return true;
        }
        case Slot::Sex: {
            const Sex sex = sexFromValue(value);
            if (sex == Sex::Unknown) {
                noteSexChoices(segs, lines, s, value);
                return false;
            }
            m_out.sexes += sex;
            return true;
        }
        case Slot::BirthPlace: {
            const QString cog = cogFromValue(value);
            addUnique(m_out.places, cog);
            return !cog.isEmpty();
        }
        case Slot::Ins:
        case Slot::InsWeak: {
            // "N° INS de l'assuré", "NIR (ouvrant droit)": someone else's.
            const QString after = m_folded[s].mid(h.end, 30);
            if (after.contains(QLatin1String("assur")) || after.contains(QLatin1String("ouvrant"))) {
                return true; // read, and refused
            }
            // "Son INS est le 2 79 03 …": the verb of a sentence before the number.
            // ("… immatriculé à l'INS sous le n° 1 90 10 …": the number said after it.)
            static const QRegularExpression verb(
                QStringLiteral(R"(^(?:(?:est|=)\s+(?:le\s+)?|sous\s+le\s+(?:n[°o]|num[ée]ro)\s*))"));
            QString number = value;
            number.remove(verb);
            QString matricule = matriculeFromValue(number);
            // "2 21 08 99 139 564 | 31": the key in a cell of its own, right after the number.
            if (matricule.isEmpty() && value.trimmed().endsWith(number.trimmed())) {
                const Line& line = lines[m_lineOf[static_cast<std::size_t>(s)]];
                if (const qsizetype at = line.segments.indexOf(s); at >= 0 && at + 1 < line.segments.size()) {
                    const Segment& key = segs[line.segments[at + 1]];
                    static const QRegularExpression twoDigits(QStringLiteral(R"(^\s*\d{2}\s*$)"));
                    if (twoDigits.match(key.text).hasMatch()
                        && key.box.left() - segs[s].box.right() < 2.5 * segs[s].box.height()) {
                        matricule = matriculeFromValue(number + QLatin1Char(' ') + key.text.trimmed());
                    }
                }
            }
            addUnique(h.slot == Slot::Ins ? m_out.matricules : m_out.weakMatricules, matricule);
            if (const auto oid = oidRe().match(number); oid.hasMatch()) {
                addUnique(m_out.oids, oid.captured(0));
            }
            return !matricule.isEmpty();
        }
        case Slot::Oid:
            if (const auto oid = oidRe().match(value.left(60)); oid.hasMatch()) {
                addUnique(m_out.oids, oid.captured(0));
                return true;
            }
            return false;
        case Slot::Other:
        case Slot::OtherPerson:
            break;
        }
        return false;
    }

    void addMarkers(const NameGroup& g)
    {
        if (!g.bornName.isEmpty()) {
            addUnique(m_out.birthNames, insiUpper(g.bornName));
            if (g.bornFeminine) {
                m_out.sexes += Sex::Female; // "MARTIN née LEROY": a woman, as "Madame" would say
            }
        }
        if (!g.spouseName.isEmpty()) {
            addUnique(m_out.usedNames, insiUpper(g.spouseName));
        }
    }

    // A whole name of the patient: family and given names, perhaps née/épouse, perhaps a civility.
    // `labelled`: after "Patient :" or the like, a name in capitals alone is the family name.
    void addPatientGroup(const NameGroup& g, bool labelled = false)
    {
        if (g.titled || g.empty()) {
            return;
        }
        if (g.given.isEmpty() && !g.family.isEmpty()) {
            if (g.family.size() >= 2 && g.bornName.isEmpty()) {
                // "NGUYEN THOMAS": which capitals are the first name is decided with the other fields
                // ("DUVAL ANNE-SOPHIE (nom d'usage MASSON)" as well: only the used name is said).
                const QStringList caps = insiList(g.family);
                if (!m_out.capitalsOnly.contains(caps)) {
                    m_out.capitalsOnly += caps;
                }
                addMarkers(g);
            } else if (labelled || g.civility != Civility::None || !g.bornName.isEmpty() || !g.spouseName.isEmpty()) {
                addFamily(g);
            }
        } else if (!g.family.isEmpty()) {
            addFamily(g);
            addUnique(m_out.firstNamesOfGroups, insiUpper(g.given.front()));
        }
        if (g.civility == Civility::Female) {
            m_out.sexes += Sex::Female;
        } else if (g.civility == Civility::Male) {
            m_out.sexes += Sex::Male;
        }
        if (m_out.display.isEmpty() && !g.family.isEmpty()) {
            m_out.display = g.display;
        }
    }

    void addFamily(const NameGroup& g)
    {
        const QString family = insiUpper(g.family.join(QLatin1Char(' ')));
        if (!g.bornName.isEmpty()) {
            addUnique(m_out.usedNames, family); // "MOREAU née LEFÈVRE"
        } else if (!g.spouseName.isEmpty()) {
            addUnique(m_out.birthNames, family); // "LEFÈVRE épouse MOREAU"
        } else {
            addUnique(m_out.families, family);
        }
        addMarkers(g);
    }

    // "DUBOIS Camille (F) - 21/06/1985 - 33063 - INS …", "Pat. : DUBOIS Camille | F | …": a line
    // that is a whole name and then nothing but the traits is the patient's banner by its shape,
    // with or without a label for the name. Any other label on the line: it is read as labelled.
    // `cells`: the line's cells, left to right. Traits under their own label are items of a banner
    // only within one cell: across cells they may be another column's (the letterhead's "Service
    // PNEUMOLOGIE" left of "Né(e) le …").
    void readBanner(const QStringList& cells)
    {
        const QString line = cells.join(QStringLiteral(" | "));
        const bool oneCell = cells.size() == 1;
        // A banner holds a date: a line without two digits in a row is none (most lines).
        static const QRegularExpression digits(QStringLiteral(R"(\d\d)"));
        if (line.size() > MaxSegmentLength || !digits.match(line).hasMatch()) {
            return;
        }
        const QString folded = foldSameLength(line);
        QList<LabelHit> labels = findLabels(folded);
        dropBornLeName(line, labels);
        qsizetype from = 0;
        for (qsizetype k = 0; k < labels.size(); ++k) {
            const LabelHit& h = labels[k];
            if (h.slot == Slot::Ins || h.slot == Slot::InsWeak || h.slot == Slot::Other) {
                continue;
            }
            if (k == 0 && h.slot == Slot::PatientName && h.start <= 2
                && folded.mid(h.end).trimmed().startsWith(QLatin1Char(':'))) {
                from = folded.indexOf(QLatin1Char(':'), h.end) + 1;
                continue;
            }
            // "… — F — 14.02.1954 — né(e) à 56178": a trait under its own label, as one item of the
            // banner, is read by that label; any other label makes the line something else.
            static const QRegularExpression itemStart(QStringLiteral(R"((?:[,;|]|\s[-–—/])\s*$)"));
            if (!oneCell || h.slot == Slot::OtherPerson || h.slot == Slot::PatientName
                || !itemStart.match(folded.left(h.start)).hasMatch()) {
                return;
            }
        }
        QString text = line.mid(from).trimmed();
        static const QRegularExpression trailingSeparator(QStringLiteral(R"((?:\s*[,;|]|\s+[-–—/])+$)"));
        text.remove(trailingSeparator); // "… / 10387 /": the line goes on below
        // "1 22 07 10 387 952 - 23": the dash before a matricule's key separates no items.
        static const QRegularExpression keyDash(
            QStringLiteral(R"((?<![\d.])([1-478](?:[\s.]?[\dABab]){12})\s*[-–]\s*(\d{2})(?!\d))")); // 2A/2B: Corsica
        text.replace(keyDash, QStringLiteral("\\1 \\2"));
        static const QRegularExpression sexMark(QStringLiteral(R"(\s+\(([FMH])\))"));
        QString v = text;
        v.replace(sexMark, QStringLiteral(", \\1"));
        QString name = v.section(bannerSeparator(), 0, 0).trimmed();
        // "NOËL Paul (usage : NOËL-FAURE)": the used name said as such after the name. A bare
        // "(MARTIN)" says neither birth nor used name: the name is then not read.
        static const QRegularExpression usedAfter(QStringLiteral(R"(\s*\(\s*)") + UsedNameSaid
                                                  + QStringLiteral(R"(\s*\)$)"));
        if (const auto used = usedAfter.match(name); used.hasMatch()) {
            addUnique(m_out.usedNames, insiUpper(used.captured(1)));
            name.truncate(used.capturedStart(0));
        }
        const NameGroup g = wholeNameGroup(name);
        if (g.empty() || g.titled || g.family.isEmpty() || (g.given.isEmpty() && g.civility == Civility::None)) {
            return;
        }
        if (readBareTraits(v, true)) {
            addPatientGroup(g, true);
        }
    }

    bool readPatientName(const QString& value)
    {
        // "votre patiente Madame Zoé LECLERCQ", "Patient : M. NGUYEN Thomas", "Nom prénom : DUPONT Marie"
        QString v = value;
        // Lower-case articles only: "LE GALL" is a name.
        static const QRegularExpression lead(QStringLiteral(R"(^(?:(?:est|:|,)\s*)?(?:(?:le|la|du|de\s+la)\s+)?)"));
        v.remove(lead);
        // "LAURENT (nom d'usage : LAPORTE) Marie-Claire": the other name said between family and
        // given names is read after them.
        static const QRegularExpression asideBetween(
            QStringLiteral(R"(^\s*(\p{Lu}[\p{Lu}'’\- ]*\p{Lu})\s*(\([^()]{3,60}\))\s+(\p{Lu}[\p{Ll}'’\-][^()]*)$)"));
        if (const auto a = asideBetween.match(v);
            a.hasMatch() && !findLabels(foldSameLength(a.captured(2))).isEmpty()) {
            v = a.captured(1) + QLatin1Char(' ') + a.captured(3).trimmed() + QLatin1Char(' ') + a.captured(2);
        }
        const NameGroup g = parseNameGroup(v);
        if (g.titled || g.empty()) {
            return false;
        }
        addPatientGroup(g, true);
        readBareTraits(v);
        return true;
    }

    // "Identité : LEROY Marie, F, 14/03/1979, 51215": after the name, items that are each nothing
    // but a trait's value. Read only when the list holds a sex mark and one date, and nothing else
    // (a stay's dates, an address), so that it is a banner of traits and not a sentence. `bare`:
    // no label names the line, so its birth place must be there as well.
    bool readBareTraits(const QString& value, bool bare = false)
    {
        const QStringList items = value.split(bannerSeparator(), Qt::SkipEmptyParts);
        static const QRegularExpression corsica(QStringLiteral("2[AB]")); // a matricule's département
        if (items.size() < 3 || items.size() > 8) {
            return false;
        }
        Sex sex = Sex::Unknown;
        QDate date;
        QString place;
        int dates = 0;
        static const QRegularExpression code(QStringLiteral(R"(^(?:\d{2}|2[AB])\d{3}$)"));
        static const QRegularExpression town(QStringLiteral(R"(^\p{L}[\p{L}'’ \-]*$)"));
        static const QRegularExpression age(QStringLiteral(R"(^\s*\(?\s*\d{1,3}\s*ans\s*\)?\s*$)"));
        // "usage : VINCENT", "ép. VINCENT": the used name as an item of its own.
        static const QRegularExpression usedItem(QStringLiteral("^") + UsedNameSaid + QStringLiteral("$"),
                                                 QRegularExpression::CaseInsensitiveOption);
        QList<Slot> labelled; // items under their own label: read by that label
        QString usedName;
        QString bareNumber;
        for (qsizetype i = 1; i < items.size(); ++i) { // the first is the name
            QString item = items[i].trimmed();
            // "(F)" after the name, "Féminin (F)".
            if (item.startsWith(QLatin1Char('(')) && item.endsWith(QLatin1Char(')'))) {
                item = item.mid(1, item.size() - 2).trimmed();
            }
            const QString folded = foldSameLength(item);
            qsizetype at = -1;
            qsizetype end = -1;
            if (item == QLatin1String("F") || item == QLatin1String("M") || item == QLatin1String("H")
                || folded == QLatin1String("feminin") || folded == QLatin1String("masculin")
                || folded == QLatin1String("femme") || folded == QLatin1String("homme")
                || folded == QLatin1String("feminin (f)") || folded == QLatin1String("masculin (m)")) {
                sex =
                    item.startsWith(QLatin1Char('F')) || folded.startsWith(QLatin1Char('f')) ? Sex::Female : Sex::Male;
            } else if (const QDate d = parseFrenchDate(item, &at, &end);
                       d.isValid() && at == 0 && (end >= item.size() - 1 || age.match(item.mid(end)).hasMatch())) {
                date = d;
                ++dates;
            } else if (code.match(item).hasMatch()) {
                place = item;
            } else if (const QString cog = cogFromValue(item);
                       !cog.isEmpty()
                       && town.match(
                                  QString(item).remove(cog).remove(QLatin1Char('(')).remove(QLatin1Char(')')).trimmed())
                              .hasMatch()) {
                place = cog; // "BORDEAUX (33063)", "Bordeaux 33063"
            } else if (town.match(item).hasMatch() && i > 1 && code.match(items[i - 1].trimmed()).hasMatch()) {
                continue; // "33063 - BORDEAUX": the town after its code
            } else if (const auto used = usedItem.match(item); bare && used.hasMatch() && !isSexWord(item)) {
                usedName = used.captured(1);
            } else if (const QList<LabelHit> hits = findLabels(folded);
                       bare && !hits.isEmpty() && hits.front().start <= 1 && hits.front().slot != Slot::Other
                       && hits.front().slot != Slot::OtherPerson && hits.front().slot != Slot::PatientName) {
                labelled += hits.front().slot; // "INS-NIR 2 85 …", "né(e) à 56178", "DDN 14/03/1979"
            } else if (const QString number = matriculeFromValue(item);
                       bare && !number.isEmpty() && bareNumber.isEmpty() && item.size() <= 30
                       && QString(item).remove(corsica).remove(numberChars()).isEmpty()) {
                bareNumber = number; // the matricule alone, in the banner: weak (checked against the traits)
            } else {
                return false; // something that is not a bare trait: not a banner of traits
            }
        }
        const bool sexLabelled = labelled.contains(Slot::Sex);
        const bool dateLabelled = labelled.contains(Slot::BirthDate);
        const bool placeLabelled = labelled.contains(Slot::BirthPlace);
        if ((sex == Sex::Unknown && !sexLabelled) || dates + (dateLabelled ? 1 : 0) != 1
            || (dates == 1 && !plausibleBirthDate(date))
            || (bare && place.isEmpty() && !placeLabelled && !sexLabelled && !dateLabelled)) {
            return false;
        }
        if (!usedName.isEmpty()) {
            addUnique(m_out.usedNames, insiUpper(usedName));
        }
        if (!bareNumber.isEmpty()) {
            addUnique(m_out.weakMatricules, bareNumber);
        }
        if (sex != Sex::Unknown) {
            m_out.sexes += sex;
        }
        if (dates == 1 && !m_out.birthDates.contains(date)) {
            m_out.birthDates += date;
        }
        if (!place.isEmpty()) {
            addUnique(m_out.places, place);
        }
        return true;
    }

    // "Madame Zoé LECLERCQ, née le …" with no label before the civility.
    void readCivilitySentences(const Segment& seg, const QList<LabelHit>& labels)
    {
        const bool birthLabel = std::any_of(labels.begin(), labels.end(),
                                            [](const LabelHit& h) { return h.slot == Slot::BirthDate; });
        if (!birthLabel) {
            return;
        }
        // "LEROY Marie (F) - DDN 14/03/1979 - …": a banner that opens with the name alone, then
        // only a sex mark and a separator before its first label.
        const auto firstLabel = std::min_element(labels.begin(), labels.end(),
                                                 [](const LabelHit& a, const LabelHit& b) { return a.start < b.start; });
        static const QRegularExpression bannerHead(QStringLiteral(
            R"(^\s*(\p{Lu}[\p{Lu}'’\-]+(?:\s+\p{Lu}[\p{Lu}'’\-]+)?\s+\p{Lu}[\p{Ll}'’\-]+(?:[\s\-]\p{Lu}[\p{Ll}'’\-]+)?)\s*(?:\(\s*([FMH])\s*\))?\s*[-–—,;|/]\s*$)"));
        if (firstLabel != labels.end() && firstLabel->slot == Slot::BirthDate) {
            if (const auto head = bannerHead.match(seg.text.left(firstLabel->start)); head.hasMatch()) {
                const NameGroup g = parseNameGroup(head.captured(1));
                if (!g.titled && !g.family.isEmpty() && !g.given.isEmpty()) {
                    addPatientGroup(g);
                    if (!head.captured(2).isEmpty()) {
                        m_out.sexes += head.captured(2) == QLatin1String("F") ? Sex::Female : Sex::Male;
                    }
                }
            }
        }
        static const QRegularExpression civility(
            QStringLiteral(R"((?<![\p{L}])(?:Madame|Mme\.?|Mademoiselle|Mlle\.?|Monsieur|M\.|Mr\.?)\s)"));
        auto it = civility.globalMatch(seg.text.left(MaxSegmentLength));
        while (it.hasNext()) {
            const auto m = it.next();
            // Only civilities before the first "né(e) le" and not inside a labelled value already read.
            const auto firstBirth = std::find_if(labels.begin(), labels.end(),
                                                 [](const LabelHit& h) { return h.slot == Slot::BirthDate; });
            if (m.capturedStart(0) >= firstBirth->start) {
                break;
            }
            const bool labelled = std::any_of(labels.begin(), labels.end(), [&](const LabelHit& h) {
                return h.end <= m.capturedStart(0) && h.slot != Slot::Other && h.slot != Slot::BirthDate;
            });
            if (labelled) {
                continue;
            }
            const NameGroup g = parseNameGroup(seg.text.mid(m.capturedStart(0)));
            // Only a name that "née le" is said of: between them, punctuation, a parenthesis ("(nom
            // de naissance : ROBIN)"), the age, the sex, or "Elle est". Anything else ("Mme LEFEBVRE,
            // infirmière, passera demain. Elle est née le …") is about someone else.
            if (saidBornOf(seg.text.mid(m.capturedStart(0), firstBirth->start - m.capturedStart(0)), g.consumed)) {
                addPatientGroup(g);
            }
        }
    }

    QList<QList<QRectF>> m_setAside;
    std::vector<bool> m_excluded; // this page's cells set aside as another person's: no label's value
    const QList<QList<Segment>>& m_pages;
    bool m_inlineOnly = false;
    QStringList m_folded;
    QList<QList<LabelHit>> m_labels;
    std::vector<int> m_lineOf;
    std::vector<bool> m_labelOnly; // of the page's segments, once its labels are found
    int m_captions = 0;            // > 0: this page sets its labels under their values; < 0: over them
    Candidates m_out;
};

// ---------------------------------------------------------------------------------------------
// Deciding, never guessing

class Decider
{
    // Drops a name that is the first words of another one and ends on a particle ("DE" beside "DE
    // LA FONTAINE", "LE" beside "LE GALL"): a name cut at a line's end.
    // The particles of family names, in capitals ("DE LA FONTAINE", "LE GALL", "VAN DAMME").
    static const QStringList& particles()
    {
        static const QStringList list{
            QStringLiteral("DE"),  QStringLiteral("DU"),  QStringLiteral("DES"), QStringLiteral("LA"),
            QStringLiteral("LE"),  QStringLiteral("LES"), QStringLiteral("D"),   QStringLiteral("DI"),
            QStringLiteral("DA"),  QStringLiteral("DOS"), QStringLiteral("DEL"), QStringLiteral("DELLA"),
            QStringLiteral("VAN"), QStringLiteral("VON"), QStringLiteral("DER"), QStringLiteral("SAINT"),
        };
        return list;
    }

    static void dropCutNames(QStringList& names)
    {
        const QStringList& particles = Decider::particles();
        // ... or its last words after particles only ("FONTAINE" beside "DE LA FONTAINE").
        const auto particlesOnly = [&](const QString& words) {
            const QStringList list = words.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            return !list.isEmpty()
                   && std::all_of(list.begin(), list.end(), [&](const QString& w) { return particles.contains(w); });
        };
        names.removeIf([&](const QString& name) {
            const QString last = name.section(QLatin1Char(' '), -1);
            return std::any_of(names.begin(), names.end(), [&](const QString& other) {
                return other.size() > name.size()
                       && ((particles.contains(last) && other.startsWith(name + QLatin1Char(' ')))
                           || (other.endsWith(QLatin1Char(' ') + name)
                               && particlesOnly(other.left(other.size() - name.size() - 1))));
            });
        });
    }

public:
    Decider(const Candidates& c, TextIdentity& out)
        : m_c(c)
        , m_out(out)
    {
    }

    void decide()
    {
        // Matricules: the ones labelled INS; a NIR or social security number only when nothing is
        // labelled INS and it is the only one.
        m_out.matricules = m_c.matricules;
        if (m_c.oids.size() == 1) {
            m_out.oid = m_c.oids.front();
        } else if (m_c.oids.size() > 1) {
            conflict(QStringLiteral("OID"));
        }

        // First names: the labelled list; the first given name of a banner or sentence must be in it.
        QList<QStringList> lists = m_c.firstNameLists;
        if (lists.size() > 1) {
            // "Prénom : Anne-Sophie" beside "Prénoms : Anne-Sophie Marie": the longer refines.
            std::sort(lists.begin(), lists.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
            for (qsizetype i = 1; i < lists.size(); ++i) {
                if (lists[i].front() != lists[0].front()) {
                    conflict(QStringLiteral("prénom"));
                }
            }
        }
        QString first;
        if (!lists.isEmpty()) {
            m_out.firstNames = lists.front();
            first = lists.front().front();
        }
        for (const QString& single : m_c.firstNameSingles) {
            if (first.isEmpty()) {
                first = single;
            } else if (single != first) {
                conflict(QStringLiteral("premier prénom"));
            }
        }
        for (const QString& given : m_c.firstNamesOfGroups) {
            if (first.isEmpty()) {
                first = given;
            } else if (given != first && !m_out.firstNames.contains(given)) {
                conflict(QStringLiteral("prénom"));
            }
        }

        // Names: birth and used, then "Nom" and banners.
        QStringList births = m_c.birthNames;
        QStringList used = m_c.usedNames;
        QStringList families = m_c.families;
        // "M. Frédéric DE" / "LA FONTAINE, né le …": a name cut at a line's end, read whole from the
        // paragraph as well, is that whole name.
        for (QStringList* list : {&births, &used, &families}) {
            dropCutNames(*list);
        }
        // Capitals only ("NGUYEN THOMAS"): with a known first name or family name, the rest follows.
        for (const QStringList& caps : m_c.capitalsOnly) {
            resolveCapitals(caps, first, births, used, families);
        }
        if (births.size() > 1) {
            conflict(QStringLiteral("nom de naissance"));
        }
        if (used.size() > 1) {
            conflict(QStringLiteral("nom utilisé"));
        }
        QString birth = births.size() == 1 ? births.front() : QString();
        QString usedName = used.size() == 1 ? used.front() : QString();
        QStringList others;
        for (const QString& f : families) {
            if (f != birth && f != usedName) {
                others += f;
            }
        }
        if (others.size() > 1) {
            conflict(QStringLiteral("nom"));
        } else if (others.size() == 1) {
            // One name printed besides the labelled ones: the birth name when none is labelled, else
            // the used name.
            if (births.isEmpty()) {
                birth = others.front();
            } else if (used.isEmpty()) {
                usedName = others.front();
            } else {
                conflict(QStringLiteral("nom"));
            }
        }
        if (births.size() <= 1 && used.size() <= 1) {
            m_out.birthName = birth;
            m_out.usedName = usedName == birth ? QString() : usedName;
        }
        m_out.firstName = first;
        if (m_out.firstNames.isEmpty() && !first.isEmpty()) {
            m_out.firstNames = {first};
        }

        if (m_c.birthDates.size() > 1) {
            conflict(QStringLiteral("date de naissance"));
        } else if (m_c.birthDates.size() == 1) {
            m_out.birthDate = m_c.birthDates.front();
        }
        Sex sex = Sex::Unknown;
        for (const Sex s : m_c.sexes) {
            if (sex == Sex::Unknown) {
                sex = s;
            } else if (s != sex) {
                conflict(QStringLiteral("sexe"));
                sex = Sex::Unknown;
                break;
            }
        }
        m_out.sex = sex;
        if (sex == Sex::Unknown && m_c.sexes.isEmpty()) {
            m_out.sexChoices = m_c.sexChoices;
        }
        if (m_c.places.size() > 1) {
            conflict(QStringLiteral("lieu de naissance"));
        } else if (m_c.places.size() == 1) {
            m_out.birthPlace = m_c.places.front();
        }
        fromLabelledIns();
        // A number labelled NIR or "sécurité sociale" may be the insured parent's: it is the patient's
        // INS only when nothing is labelled INS, it is the only one, and it encodes the patient's
        // sex, birth year, month and place as printed.
        if (m_out.matricules.isEmpty() && m_c.weakMatricules.size() == 1) {
            const QString& nir = m_c.weakMatricules.front();
            const int digit = ins::sexDigit(nir);
            const bool agrees = ins::isValidMatricule(nir) && m_out.sex != Sex::Unknown
                                && (digit == 1 || digit == 2) && (digit == 1) == (m_out.sex == Sex::Male)
                                && m_out.birthDate.isValid() && nir.mid(1, 2).toInt() == m_out.birthDate.year() % 100
                                && nir.mid(3, 2).toInt() == m_out.birthDate.month() && !m_out.birthPlace.isEmpty()
                                && nir.mid(5, 5) == m_out.birthPlace;
            if (agrees) {
                m_out.matricules = m_c.weakMatricules;
            }
        }
        m_out.displayName = m_c.display;
        if (m_out.displayName.isEmpty() && (!m_out.birthName.isEmpty() || !m_out.usedName.isEmpty())) {
            const QString family = m_out.usedName.isEmpty() ? m_out.birthName : m_out.usedName;
            m_out.displayName = m_out.firstName.isEmpty() ? family : m_out.firstName + QLatin1Char(' ') + family;
        }
    }

private:
    // A matricule labelled INS (the patient's, never a NIR that may be a parent's) gives its year and
    // month of birth and its place code: a birth date or a place left unlabelled is read where the
    // letter prints exactly one date of that month and year, or that code, outside another person's
    // block. Not for a child under two, whose stay's dates may fall in its month of birth.
    void fromLabelledIns()
    {
        if (m_c.matricules.size() != 1 || !ins::isValidMatricule(m_c.matricules.front())) {
            return;
        }
        const QString& ins = m_c.matricules.front();
        const int yy = ins.mid(1, 2).toInt();
        const int mm = ins.mid(3, 2).toInt();
        if (!m_out.birthDate.isValid() && m_c.birthDates.isEmpty() && mm >= 1 && mm <= 12) {
            QList<QDate> matching;
            for (const QDate& d : m_c.looseDates) {
                if (d.year() % 100 == yy && d.month() == mm && plausibleBirthDate(d)
                    && d.year() <= QDate::currentDate().year() - 2 && !matching.contains(d)) {
                    matching += d;
                }
            }
            if (matching.size() == 1) {
                m_out.birthDate = matching.front();
            }
        }
        if (m_out.birthPlace.isEmpty() && m_c.places.isEmpty() && m_c.looseCodes.contains(ins.mid(5, 5))) {
            m_out.birthPlace = ins.mid(5, 5);
        }
    }

    void resolveCapitals(const QStringList& caps, QString& first, QStringList& births, QStringList& used,
                         QStringList& families)
    {
        const auto split = [&](qsizetype familyFrom, qsizetype familyTo) {
            return insiUpper(caps.mid(familyFrom, familyTo - familyFrom).join(QLatin1Char(' ')));
        };
        const qsizetype n = caps.size();
        // A known first name at either end.
        if (!first.isEmpty()) {
            if (caps.back() == first) {
                addUnique(families, split(0, n - 1));
                return;
            }
            if (caps.front() == first) {
                addUnique(families, split(1, n));
                return;
            }
        }
        // A known family name at either end.
        QStringList known = births + used + families;
        for (const QString& family : known) {
            const QStringList words = family.split(QLatin1Char(' '));
            if (words.size() < n && caps.mid(0, words.size()) == words) {
                if (first.isEmpty()) {
                    first = caps[words.size()];
                }
                return;
            }
            if (words.size() < n && caps.mid(n - words.size()) == words) {
                if (first.isEmpty()) {
                    first = caps.front();
                }
                return;
            }
        }
        // A family name the letter gives elsewhere ("M. LAURENT (patient)") at the run's start, the
        // way banners print it: that family name, then the first names.
        for (const QString& family : m_c.familyHints) {
            const QStringList words = family.split(QLatin1Char(' '));
            if (words.size() < n && caps.mid(0, words.size()) == words) {
                addUnique(families, family);
                if (first.isEmpty()) {
                    first = caps[words.size()];
                }
                return;
            }
        }
        (void)births;
        (void)used;
        // Otherwise the dictionary's given names, birth name first as the RNIV prints it: "GIRARD
        // NATHALIE JOSIANE" when no word before the first given name is one, every word after it is,
        // and the family name is one word after its particles ("LE GOFF YANN"). "MARTIN PIERRE" (a
        // family name that is a given name too), "NGUYEN MINH" and "NGUYEN MINH ANNE" (a given name
        // the dictionary lacks, which would be taken for part of the family name): unread.
        qsizetype k = 0;
        while (k < n && !isKnownGivenName(caps[k])) {
            ++k;
        }
        const auto familyWords =
            std::count_if(caps.begin(), caps.begin() + k, [](const QString& w) { return !particles().contains(w); });
        if (k == 0 || k == n || familyWords != 1
            || !std::all_of(caps.begin() + k, caps.end(), [](const QString& w) { return isKnownGivenName(w); })) {
            return;
        }
        if (!first.isEmpty() && first != caps[k]) {
            return;
        }
        m_out.namesOrderedByDictionary = m_out.namesOrderedByDictionary || first.isEmpty();
        addUnique(families, split(0, k));
        first = caps[k];
        if (m_out.firstNames.isEmpty()) {
            m_out.firstNames = caps.mid(k);
        }
    }

    void conflict(const QString& what)
    {
        const QString message = QStringLiteral("%1 imprimé deux fois avec des valeurs différentes").arg(what);
        if (!m_out.conflicts.contains(message)) {
            m_out.conflicts += message;
        }
    }

    const Candidates& m_c;
    TextIdentity& m_out;
};

PrintedText printedTextOf(const QList<QList<Segment>>& pages)
{
    PrintedText printed;
    int budget = MaxSegments;
    for (qsizetype p = 0; p < pages.size(); ++p) {
        if (!readsWholePage(p, pages.size())) {
            continue;
        }
        for (const Segment& s : pages[p]) {
            if (--budget < 0) {
                return printed;
            }
            const QString text = s.text.left(MaxSegmentLength);
            // One fold per segment (INSi drops punctuation and digits), then its words. Punctuation
            // parts words first: a laboratory's "DUPONT/Jean" prints two names, not one.
            QString parted = text;
            std::replace_if(
                parted.begin(), parted.end(),
                [](QChar c) {
                    return c.isPunct() && c != QLatin1Char('-') && c != QLatin1Char('\'') && c != QChar(0x2019);
                },
                QLatin1Char(' '));
            QStringList tokens = insiUpper(parted).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            for (QString& t : tokens) {
                t.remove(QLatin1Char('-'));
                t.remove(QLatin1Char('\''));
            }
            tokens.removeAll(QString());
            printed.lines += tokens;
            // Every date of the segment.
            if (std::count_if(text.begin(), text.end(), [](QChar c) { return c.isDigit(); }) < 4) {
                continue;
            }
            qsizetype from = 0;
            for (int guard = 0; guard < 20 && from < text.size(); ++guard) {
                qsizetype at = -1;
                qsizetype end = -1;
                const QDate d = parseFrenchDate(QStringView(text).mid(from), &at, &end);
                if (!d.isValid()) {
                    break;
                }
                if (!printed.dates.contains(d)) {
                    printed.dates += d;
                }
                from += end;
            }
        }
    }
    return printed;
}

// Paragraphs of running text: consecutive lines starting at the same left edge, each but the last
// long and open-ended, joined into one segment. Only those of two lines or more.
QList<QList<Segment>> paragraphsOf(const QList<QList<Segment>>& pages, const QList<QList<QRectF>>& setAside)
{
    QList<QList<Segment>> out;
    for (qsizetype p = 0; p < pages.size(); ++p) {
        if (!readsWholePage(p, pages.size())) {
            continue;
        }
        const QList<Segment>& segs = pages[p];
        const QList<Line> lines = linesOf(segs);
        QList<Segment> paragraphs;
        std::vector<bool> continued(static_cast<std::size_t>(segs.size()), false);
        // What the reading by cells set aside as another person's starts and joins no paragraph.
        std::vector<bool> aside(static_cast<std::size_t>(segs.size()), false);
        for (qsizetype i = 0; i < segs.size() && p < setAside.size(); ++i) {
            aside[static_cast<std::size_t>(i)] = std::any_of(
                setAside[p].begin(), setAside[p].end(), [&](const QRectF& box) { return box.intersects(segs[i].box); });
        }
        for (qsizetype l = 0; l < lines.size(); ++l) {
            for (int first : lines[l].segments) {
                if (continued[static_cast<std::size_t>(first)] || aside[static_cast<std::size_t>(first)]) {
                    continue; // inside a paragraph already joined, or another person's
                }
                const Segment& start = segs[first];
                Segment joined = start;
                int count = 1;
                qsizetype at = l;
                int current = first;
                while (count < 9) { // a narrow column holds few words a line
                    const QString& text = segs[current].text;
                    int lower = 0; // a sentence has words in lower case
                    for (const QString& w : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                        lower += w.front().isLower() ? 1 : 0;
                    }
                    // Within a paragraph already begun, a line as wide as its first goes on with it
                    // however few its words (a narrow column: "Fort-de-France (97209), INS" / "1 96 …").
                    // A row of labels (a table's header: "Nom de naissance Nom d'usage") is no sentence.
                    // A narrow column's line is a sentence too when it ends inside one ("Nous avons reçu en").
                    const QString lastWord = text.trimmed().section(QLatin1Char(' '), -1);
                    const QString textFolded = foldSameLength(text);
                    const bool sentence = ((text.count(QLatin1Char(' ')) >= 4 && lower >= 3)
                                           || (lower >= 3 && !lastWord.isEmpty() && lastWord.front().isLower()))
                                          && !labelsOnly(textFolded, findLabels(textFolded));
                    const bool wide = count >= 2 && segs[current].box.width() >= 0.7 * start.box.width()
                                      && std::abs(segs[current].box.height() - start.box.height())
                                             <= 0.1 * start.box.height();
                    // A line that ends on a separator ("… — 17/01/1935 —") cannot end there.
                    static const QRegularExpression dangling(QStringLiteral(R"((?:[,;|]|\s[-–—/])$)"));
                    // "… votre patient M." / "Laurent …": a civility's full stop ends no sentence.
                    static const QRegularExpression abbreviation(QStringLiteral(R"((?:^|\s)(?:M|Mme|Mlle|Dr|Pr)\.$)"));
                    const bool stop = text.endsWith(QLatin1Char('.')) && !abbreviation.match(text.trimmed()).hasMatch();
                    // "… (44184), INS" / "2150744184251 clé 78.": a label whose value has a shape
                    // of its own, ending the line, waits for it on the next.
                    const bool shapedLabelEnds = count >= 2 && endsOnShapedLabel(foldSameLength(text.trimmed()));
                    // "Madame, Monsieur," / "Cher Confrère,": a salutation ends on its comma.
                    static const QRegularExpression salutation(QStringLiteral(
                        R"(^(?:madame|monsieur|mademoiselle|mesdames|messieurs|(?:mon\s+|ma\s+|tres\s+)*(?:cher|chere|chers|cheres))\b[^.:;]{0,50},$)"));
                    const bool saluting = salutation.match(textFolded.trimmed()).hasMatch();
                    // "Patient : … ; Sexe :" / "Masculin ; …": a banner of items wrapped after a label
                    // (parted by semicolons, dashes, middle dots or bars).
                    static const QRegularExpression itemSeparator(QStringLiteral(R"(\s[;–—·|]\s)"));
                    const bool itemLabelEnds =
                        text.trimmed().endsWith(QLatin1Char(':')) && text.contains(itemSeparator);
                    // "… Pierre (nom d'usage :" / "DUPONT-VAN DAMME), né le …": an aside left open.
                    const bool asideOpen =
                        (sentence || count >= 2) && text.count(QLatin1Char('(')) > text.count(QLatin1Char(')'));
                    const bool open = !saluting
                                      && (((sentence || wide) && !text.endsWith(QLatin1Char(':')) && !stop)
                                          || dangling.match(text.trimmed()).hasMatch() || shapedLabelEnds
                                          || itemLabelEnds || asideOpen);
                    if (!open) {
                        break;
                    }
                    // The next line with a segment at the paragraph's left edge, close below (lines of
                    // another column may come between).
                    const double height = segs[current].box.height();
                    int next = -1;
                    for (qsizetype n = at + 1; n < lines.size() && next < 0; ++n) {
                        if (lines[n].top - segs[current].box.bottom() > height * 1.2) {
                            break;
                        }
                        for (int candidate : lines[n].segments) {
                            if (std::abs(segs[candidate].box.left() - start.box.left()) <= 20
                                && !aside[static_cast<std::size_t>(candidate)]) {
                                next = candidate;
                                at = n;
                            }
                        }
                    }
                    if (next < 0) {
                        break;
                    }
                    joined.text += QLatin1Char(' ') + segs[next].text;
                    joined.box = joined.box.united(segs[next].box);
                    joined.words.clear();
                    continued[static_cast<std::size_t>(next)] = true;
                    current = next;
                    ++count;
                }
                if (count >= 2 && joined.text.size() <= MaxSegmentLength) {
                    paragraphs += joined;
                }
            }
        }
        // A line of cells (split by printed bars) wrapped mid-cell: "… | Lieu de" / "naissance : …".
        for (qsizetype l = 0; l + 1 < lines.size(); ++l) {
            const QList<int>& cells = lines[l].segments;
            if (cells.size() < 2) {
                continue;
            }
            const int last = cells.back();
            int first = last;
            for (qsizetype at = cells.size() - 1; at > 0; --at) {
                const Segment& previous = segs[cells[at - 1]];
                if (segs[cells[at]].box.left() - previous.box.right() > CellGap * segs[cells[at]].box.height()) {
                    break;
                }
                first = cells[at - 1];
            }
            // Only a cell cut inside its label ("Lieu de", "N°"): a cell that ends on a value is whole
            // (joining "Yves Hervé" to the next row's "Né(e) le" made a name of them).
            static const QRegularExpression cutLabel(QStringLiteral(
                R"((?<![a-z])(?:lieu|date|nom|n[o°]|numero|matricule|code|commune|identifiant|premier|de|du|d'|des)\s*$)"));
            // Or a cell that ends on a label whose value has a shape of its own ("… | Matricule INS" /
            // ": 2 03 05 …"): what the next line starts with is taken only if it has that shape.
            const QString lastFolded = foldSameLength(segs[last].text.trimmed());
            if (first == last || aside[static_cast<std::size_t>(last)]
                || !(cutLabel.match(lastFolded).hasMatch() || endsOnShapedLabel(lastFolded))) {
                continue;
            }
            // The next line in the cells' column (a side column's line may come between).
            bool found = false;
            for (qsizetype n = l + 1; n < lines.size() && !found; ++n) {
                if (lines[n].top - lines[l].bottom > segs[last].box.height() * 1.2) {
                    break;
                }
                for (int next : lines[n].segments) {
                    if (std::abs(segs[next].box.left() - segs[first].box.left()) <= 20) {
                        Segment joined = segs[last];
                        joined.text += QLatin1Char(' ') + segs[next].text;
                        joined.box = joined.box.united(segs[next].box);
                        joined.words.clear();
                        paragraphs += joined;
                        found = true;
                        break;
                    }
                }
            }
        }
        if (!paragraphs.isEmpty()) {
            out += paragraphs;
        }
    }
    return out;
}

// Appends what `into` lacks of `more`, in order.
template <class T> void addMissing(QList<T>& into, const QList<T>& more)
{
    for (const T& v : more) {
        if (!into.contains(v)) {
            into += v;
        }
    }
}

void merge(Candidates& into, const Candidates& more)
{
    addMissing(into.birthNames, more.birthNames);
    addMissing(into.usedNames, more.usedNames);
    addMissing(into.families, more.families);
    addMissing(into.familyHints, more.familyHints);
    addMissing(into.capitalsOnly, more.capitalsOnly);
    addMissing(into.firstNameLists, more.firstNameLists);
    addMissing(into.firstNamesOfGroups, more.firstNamesOfGroups);
    addMissing(into.firstNameSingles, more.firstNameSingles);
    addMissing(into.birthDates, more.birthDates);
    into.sexes += more.sexes;
    if (into.sexChoices.isEmpty()) {
        into.sexChoices = more.sexChoices;
    }
    addMissing(into.places, more.places);
    addMissing(into.matricules, more.matricules);
    addMissing(into.weakMatricules, more.weakMatricules);
    addMissing(into.oids, more.oids);
    addMissing(into.looseDates, more.looseDates);
    addMissing(into.looseCodes, more.looseCodes);
    if (into.display.isEmpty()) {
        into.display = more.display;
    }
}

} // namespace

bool PrintedText::containsName(const QString& name, int tolerance) const
{
    QStringList words;
    for (QString w : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        w.remove(QLatin1Char('-'));
        w.remove(QLatin1Char('\''));
        words += w;
    }
    const QString whole = words.join(QString());
    if (whole.isEmpty()) {
        return false;
    }
    const int allowed = whole.size() >= 6 ? tolerance : 0;
    for (const QStringList& line : lines) {
        for (qsizetype i = 0; i < line.size(); ++i) {
            // Consecutive words of the line whose concatenation is the name (hyphens and spaces as
            // printed or misread).
            QString joined;
            for (qsizetype j = i; j < line.size() && joined.size() < whole.size() + allowed; ++j) {
                joined += line[j];
                if (std::abs(joined.size() - whole.size()) <= allowed && editDistance(joined, whole, allowed) <= allowed) {
                    return true;
                }
            }
        }
    }
    return false;
}

bool PrintedText::containsDate(const QDate& date) const
{
    return dates.contains(date);
}

bool TextIdentity::hasAnyTrait() const
{
    return !matricules.isEmpty() || !birthName.isEmpty() || !usedName.isEmpty() || !firstNames.isEmpty()
           || birthDate.isValid() || sex != Sex::Unknown || !birthPlace.isEmpty();
}

QDate parseFrenchDate(QStringView text, qsizetype* at, qsizetype* end)
{
    const DateHit hit = findDate(text);
    if (at) {
        *at = hit.at;
    }
    if (end) {
        *end = hit.end;
    }
    return hit.date;
}

namespace
{

// Machine forms of the traits, said again in words the reader knows: a label in brackets after its
// value ("MOULIN [nom de naissance]") as in parentheses; an HL7 identifier whose authority is an INS
// OID ("155099913203642^^^&1.2.250.1.213.1.4.10&ISO", as PID-3 prints it) as the INS and its OID;
// the DICOM patient attributes of an imaging header, whatever their wording ("(0010,0010)
// Patient's Name : FONTAINE^LUCAS JEAN-BAPTISTE": the family name, then the given names).
QList<QList<Segment>> withMachineFormsSaid(const QList<QList<Segment>>& pages)
{
    static const QRegularExpression bracketed(
        QStringLiteral(R"(\[\s*(?:nom|pr[ée]nom|date|n[ée]e?|sexe|lieu|commune|matricule|ins|oid|ddn)[^\[\]]{0,40}\])"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression cx(
        QStringLiteral(R"((\d{13}\s?\d{2})\^{3}(?:&([\d.]{10,40})&ISO|(INS-NI[RA](?:-TEST|-DEMO)?)(?![\w-])))"));
    // (The attribute's tag, its keyword, maybe its value representation, then a colon and the value.)
    static const QRegularExpression dicom(QStringLiteral(
        R"(^\s*\(\s*0010\s*,\s*([0-9A-Fa-f]{4})\s*\)\s*[A-Za-z'’ ]{0,40}?\s*(?:\[?[A-Z]{2}\]?\s*)?(?::\s*(.*))?$)"));
    const auto tagged = [](const QString& text) { return text.contains(QLatin1String("0010")); };
    QList<QList<Segment>> out = pages; // a page is copied only when one of its cells is said again
    for (qsizetype p = 0; p < pages.size(); ++p) {
        const QList<Segment>& read = pages[p];
        for (qsizetype i = 0; i < read.size(); ++i) {
            QString text = read[i].text.left(MaxSegmentLength);
            const bool hasBracket = text.contains(QLatin1Char('['));
            const bool hasCaret = text.contains(QLatin1Char('^'));
            // A closing guillemet after a caption, with no opening one: a form's arrow, "Patronyme »".
            const bool arrowed =
                (text.contains(u'»') || text.contains(u'›')) && !text.contains(u'«') && !text.contains(u'‹');
            if (!hasBracket && !hasCaret && !tagged(text) && !arrowed) {
                continue;
            }
            // A tag in its cell, its value in the next one on the line: one cell.
            const bool joined =
                i + 1 < read.size() && tagged(text) && !text.contains(QLatin1Char(':')) && dicom.match(text).hasMatch()
                && std::abs(read[i + 1].box.center().y() - read[i].box.center().y()) < read[i].box.height() / 2;
            if (joined) {
                text += QLatin1Char(' ') + read[i + 1].text.left(MaxSegmentLength);
            }
            QString said = text;
            if (hasBracket) {
                for (auto it = bracketed.globalMatch(said); it.hasNext();) {
                    const auto m = it.next();
                    said[m.capturedStart(0)] = QLatin1Char('(');
                    said[m.capturedEnd(0) - 1] = QLatin1Char(')'); // same length: the words' places hold
                }
            }
            bool rewritten = joined;
            if (arrowed) {
                static const QRegularExpression arrow(QStringLiteral(R"((?<=[\p{L})]\s)[»›](?=\s|$))"));
                for (auto it = arrow.globalMatch(text); it.hasNext();) {
                    said[it.next().capturedStart(0)] = QLatin1Char(':'); // same length: the words' places hold
                }
            }
            if (const auto m = cx.match(said);
                m.hasMatch() && (!m.captured(3).isEmpty() || ins::isInsOid(m.captured(2)))) {
                const QString oid = m.captured(3).isEmpty() ? QStringLiteral(" OID : ") + m.captured(2) : QString();
                said = said.left(m.capturedStart(0)) + QStringLiteral(" INS : ") + m.captured(1) + oid
                       + QLatin1Char(' ') + said.mid(m.capturedEnd(0));
                rewritten = true;
            }
            if (const auto m = tagged(said) ? dicom.match(said) : QRegularExpressionMatch(); m.hasMatch()) {
                const QString value = m.captured(2).trimmed();
                const QString tag = m.captured(1);
                if (tag == QLatin1String("0010")) {
                    const QStringList parts = value.split(QLatin1Char('^'));
                    said = QStringLiteral("Nom : ") + parts.value(0).trimmed();
                    if (parts.size() > 1 && !parts[1].trimmed().isEmpty()) {
                        said += QStringLiteral("   Prénoms : ")
                                + QString(parts[1] + QLatin1Char(' ') + parts.value(2)).simplified();
                    }
                } else if (tag == QLatin1String("1005")) {
                    said = QStringLiteral("Nom de naissance : ") + value.section(QLatin1Char('^'), 0, 0);
                } else if (tag == QLatin1String("0020")) {
                    said = QStringLiteral("IPP : ") + value;
                } else if (tag == QLatin1String("0030")) {
                    said = QStringLiteral("Date de naissance : ") + value;
                } else if (tag == QLatin1String("0040")) {
                    said = QStringLiteral("Sexe : ") + value;
                } else if (tag == QLatin1String("1000") || tag == QLatin1String("4000")) {
                    said = value; // other IDs (an INS among them), comments: their keyword labels nothing
                } else {
                    said.clear(); // "Other Patient Names" may be a birth or a used name: not said which
                }
                rewritten = true;
            }
            if (!rewritten && said == text) {
                continue;
            }
            QList<Segment>& page = out[p];
            if (rewritten) {
                page[i].text = said;
                page[i].words.clear(); // the words' places no longer match the text
            } else {
                page[i].text = said + read[i].text.mid(said.size());
            }
            if (joined) {
                page[i].box = page[i].box.united(read[i + 1].box);
                page[i + 1].text.clear();
                page[i + 1].words.clear();
                ++i; // the value's cell is read with its tag
            }
        }
    }
    return out;
}

// A legend of field codes ("Codes : NN nom de naissance ; PR prénom(s) ; DN date de naissance ;
// SX sexe ; LN lieu de naissance (code INSEE)") says what the codes of a banner stand for ("NN
// RÉMY / PR Jean-Pierre / DN 22 04 1932 / SX M / LN 25056"): the banner is read with the labels
// written out. Only a legend of three codes or more, each naming an identity trait; a code that
// is a label already (INS, OID, NIR, DDN) keeps its own meaning.
QList<QList<Segment>> withCodesSpelt(const QList<QList<Segment>>& pages)
{
    static const QRegularExpression pair(
        QStringLiteral(R"((?:^|[;(:]\s*)(\p{Lu}{2,3})\s+(\p{Ll}[\p{Ll}'’()\s]*?(?:\([^()]{1,20}\))?)\s*(?=;|\)|$))"));
    static const QRegularExpression trait(QStringLiteral(R"(^(?:nom|pr[ée]nom|date|sexe|lieu|commune))"));
    static const QStringList own{QStringLiteral("INS"), QStringLiteral("OID"), QStringLiteral("NIR"),
                                 QStringLiteral("DDN"), QStringLiteral("IPP"), QStringLiteral("NDA")};
    QList<QList<Segment>> out = pages;
    for (qsizetype p = 0; p < out.size(); ++p) {
        if (!readsWholePage(p, out.size())) {
            continue;
        }
        // (Read through a const reference: a page is copied only when it has a legend.)
        const QList<Segment>& read = pages[p];
        QList<std::pair<QString, QString>> codes;
        qsizetype legend = -1;
        for (qsizetype i = 0; i < read.size() && legend < 0; ++i) {
            const Segment& s = read[i];
            QList<std::pair<QString, QString>> here;
            const QString text = s.text.left(MaxSegmentLength);
            if (text.count(QLatin1Char(';')) < 2) {
                continue; // a legend parts its codes with semicolons
            }
            for (auto it = pair.globalMatch(text); it.hasNext();) {
                const auto m = it.next();
                if (trait.match(m.captured(2)).hasMatch() && !own.contains(m.captured(1))) {
                    here += {m.captured(1), m.captured(2).trimmed()};
                }
            }
            if (here.size() >= 3) {
                codes = here;
                legend = i;
            }
        }
        if (codes.isEmpty()) {
            continue;
        }
        QList<Segment>& page = out[p];
        // The legend itself holds labels and no values ("PR prénom(s) ; DN …" is no first name).
        page[legend].text.clear();
        page[legend].words.clear();
        // "NN RÉMY", "NN: RÉMY", "NN=BONHOMME": the code, then its value (not the legend's label).
        // The codes are two or three capitals: nothing in them to escape.
        QList<QRegularExpression> at;
        for (const auto& code : codes) {
            at += QRegularExpression(
                QStringLiteral(R"((?<![\p{L}\d])%1\s*(?:[:=]\s*|\s+(?=[\p{Lu}\d])))").arg(code.first));
        }
        for (Segment& s : page) {
            QString text = s.text.left(MaxSegmentLength);
            int used = 0;
            for (qsizetype c = 0; c < codes.size(); ++c) {
                const auto m = at[c].match(text);
                if (m.hasMatch()) {
                    text.replace(m.capturedStart(0), m.capturedLength(0), codes[c].second + QStringLiteral(" : "));
                    ++used;
                }
            }
            if (used >= 2) {
                s.text = text;
                s.words.clear(); // the words' places no longer match the text
            }
        }
    }
    return out;
}

// Lines whose captions follow their values, in small letters and without a colon ("CHEVALIER nom de
// famille MOREAU nom d'usage Océane prénom(s) 10/07/1990 date de naissance Femme sexe"): said again
// label first ("nom de famille : CHEVALIER ; nom d'usage : MOREAU ; …"). Only a line that ends on a
// caption, opens on a value and has a value before each of at least two captions: a line whose
// last field was left blank ("Nom DUPONT Nom d'usage") opens on its caption, and a sentence's
// values end on commas.
QList<QList<Segment>> withLabelsAfterValues(const QList<QList<Segment>>& pages)
{
    static const QRegularExpression caption(QStringLiteral(
        R"((?<![\p{L}])(?:nom\s+de\s+(?:famille|naissance)|nom\s+d['’]usage|nom\s+utilis[ée]|pr[ée]noms?(?:\s*\(s\))?|date\s+de\s+naissance|sexe|(?:lieu|commune)\s+de\s+naissance|(?:matricule|n°)\s+INS|naissance)(?![\p{L}]))"));
    QList<QList<Segment>> out = pages;
    for (qsizetype p = 0; p < out.size(); ++p) {
        if (!readsWholePage(p, out.size())) {
            continue;
        }
        for (qsizetype i = 0; i < pages[p].size(); ++i) {
            const QString text = pages[p][i].text.left(MaxSegmentLength).trimmed();
            if (text.contains(QLatin1Char(':'))) {
                continue;
            }
            QStringList fields;
            qsizetype from = 0;
            bool valued = true;
            for (auto it = caption.globalMatch(text); it.hasNext() && valued;) {
                const auto m = it.next();
                const QString value = text.mid(from, m.capturedStart(0) - from).trimmed();
                // (A value that ends on a comma is a sentence's, its caption before it: "… date de
                // naissance 08/11/1955, sexe M, …, matricule INS" / "1551156178288-88".)
                valued = !value.isEmpty() && !value.endsWith(QLatin1Char(',')) && !value.endsWith(QLatin1Char(';'));
                fields += m.captured(0) + QStringLiteral(" : ") + value;
                from = m.capturedEnd(0);
            }
            if (!valued || fields.size() < 2 || from != text.size()) {
                continue;
            }
            out[p][i].text = fields.join(QStringLiteral(" ; "));
            out[p][i].words.clear(); // the words' places no longer match the text
        }
    }
    return out;
}

// Whether the letter spells the dictionary's first name in small letters beside the family name
// in capitals somewhere ("Madame GIRARD épouse LEFÈVRE Océane" over "GIRARD OCEANE"): the print
// itself then says which word is the given name.
bool orderSpelt(const QList<QList<Segment>>& pages, const TextIdentity& id)
{
    static const QRegularExpression between(QStringLiteral(R"([^\p{L}'’\-]+)"));
    const QStringList families =
        QString(id.birthName + QLatin1Char(' ') + id.usedName).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    int budget = MaxSegments;
    for (const QList<Segment>& page : pages) {
        for (const Segment& s : page) {
            if (--budget < 0) {
                return false;
            }
            bool given = false;
            bool family = false;
            for (const QString& w : s.text.left(MaxSegmentLength).split(between, Qt::SkipEmptyParts)) {
                const bool small = std::any_of(w.begin(), w.end(), [](QChar c) { return c.isLower(); });
                const QString upper = insiUpper(w);
                given = given || (small && w.front().isUpper() && upper == id.firstName);
                family = family || (!small && families.contains(upper));
            }
            if (given && family) {
                return true;
            }
        }
    }
    return false;
}

} // namespace

TextIdentity parseIdentityText(const QList<QList<Segment>>& input, bool printedText)
{
    TextIdentity out;
    const QList<QList<Segment>> pages = withLabelsAfterValues(withCodesSpelt(withMachineFormsSaid(input)));
    Reader first(pages);
    Candidates candidates = first.read();
    // Sentences wrapped over several lines ("… GARNIER, né" / "le 16-10-1997 à …") are read again
    // joined: what they add is merged (a value read twice is one value).
    const QList<QList<Segment>> paragraphs = paragraphsOf(pages, first.setAside());
    if (!paragraphs.isEmpty()) {
        merge(candidates, Reader(paragraphs, true).read());
    }
    Decider(candidates, out).decide();
    if (out.namesOrderedByDictionary && !out.firstName.isEmpty() && orderSpelt(pages, out)) {
        out.namesOrderedByDictionary = false;
    }
    if (printedText) {
        out.printed = printedTextOf(input);
    }
    return out;
}

TextIdentity parseIdentityText(const QStringList& lines)
{
    QList<Segment> page;
    double y = 50;
    for (const QString& line : lines) {
        const QString text = line.simplified();
        if (!text.isEmpty()) {
            page += Segment{text, QRectF(50, y, 5.0 * static_cast<double>(text.size()), 10), 0, {}};
        }
        y += 14;
    }
    return parseIdentityText(QList<QList<Segment>>{page});
}

} // namespace missive::ocr
