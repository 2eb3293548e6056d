// Directory::match: candidate generation by indexed keys (exact, with particles, OCR-collapsed,
// phonetic; with the given name first, then the family name alone), then trigram substring search
// when the keys find too few; scoring as documented in matcher.h.

#include "missive/directory/directory.h"
#include "missive/directory/names.h"

#include <QHash>
#include <QRegularExpression>
#include <algorithm>

namespace missive::directory
{
namespace
{

struct Split
{
    QStringList family;
    QStringList given;
    QString familyKey, familyFull, familyOcr, familyPhonetic;
    QString givenKey, givenOcr, givenPhonetic;
    bool initialsOnly = false; // "J.-P. MARTIN"
    int initialCount = 0;
};

struct ParsedQuery
{
    QStringList tokens; // folded, titles removed
    QList<bool> initials; // per token: printed as an initial
    QString title;      // "DR", "PR" or empty
    QList<Split> splits;
    QString postcode;
    QString department;
    QString city; // folded
    QStringList specialtyStems;
};

bool allParticles(const QStringList& tokens)
{
    return std::all_of(tokens.begin(), tokens.end(), [](const QString& t) { return isParticle(t); });
}

Split makeSplit(const QStringList& family, const QStringList& given)
{
    Split s;
    s.family = family;
    s.given = given;
    s.familyKey = compactKey(family, true);
    s.familyFull = compactKey(family, false);
    s.familyOcr = ocrKey(s.familyKey);
    s.familyPhonetic = phoneticKey(s.familyKey);
    if (!given.isEmpty()) {
        s.givenKey = compactKey(given, false);
        s.givenOcr = ocrKey(s.givenKey);
        s.givenPhonetic = phoneticKey(s.givenKey);
        s.initialsOnly = std::all_of(given.begin(), given.end(), [](const QString& t) { return t.size() == 1; });
        s.initialCount = s.initialsOnly ? static_cast<int>(given.size()) : 0;
    }
    return s;
}

ParsedQuery parse(const MatchQuery& query)
{
    ParsedQuery parsed;
    // Words printed as initials ("L.", "J.-P.") are given names, never the particle L' or D'.
    QStringList raw;
    QList<bool> initial;
    static const QRegularExpression initialRe(QStringLiteral(R"(^\p{Lu}\.(?:-?\p{Lu}\.?)?$)"));
    for (const QString& word : query.name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QStringList folded = nameTokens(word);
        const bool isInitial = initialRe.match(word).hasMatch();
        for (const QString& t : folded) {
            raw << t;
            initial << isInitial;
        }
    }
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QString kind = titleOf(raw[i]);
        // A lone "M" is a civility only in first position ("M. MARTIN"), elsewhere an initial.
        if (kind == QLatin1String("DR") || kind == QLatin1String("PR")) {
            parsed.title = kind;
            continue;
        }
        if (kind == QLatin1String("CIV") && (raw[i].size() > 1 || i == 0) && raw.size() > 1) {
            continue;
        }
        // "Monsieur le Docteur", "Madame la Professeure": the article between civility and title.
        if ((raw[i] == QLatin1String("LE") || raw[i] == QLatin1String("LA")) && i > 0 && i + 1 < raw.size()
            && titleOf(raw[i - 1]) == QLatin1String("CIV")
            && (titleOf(raw[i + 1]) == QLatin1String("DR") || titleOf(raw[i + 1]) == QLatin1String("PR"))) {
            continue;
        }
        parsed.tokens << raw[i];
        parsed.initials << initial[i];
    }
    for (const auto& t : nameTokens(query.title)) {
        const QString kind = titleOf(t);
        if (kind == QLatin1String("DR") || kind == QLatin1String("PR")) {
            parsed.title = kind;
        }
    }
    const QStringList& t = parsed.tokens;
    const qsizetype n = t.size();
    const auto initialsOnly = [&](qsizetype from, qsizetype to) {
        for (qsizetype i = from; i < to; ++i) {
            if (!parsed.initials[i]) {
                return false;
            }
        }
        return true;
    };
    // An initial is never part of a family name.
    const auto anyInitial = [&](qsizetype from, qsizetype to) {
        for (qsizetype i = from; i < to; ++i) {
            if (parsed.initials[i]) {
                return true;
            }
        }
        return false;
    };
    if (n > 0 && !anyInitial(0, n)) {
        parsed.splits << makeSplit(t, {});
    }
    for (qsizetype k = 1; k < n; ++k) {
        // "Jean MARTIN": given names first, family name last; "L. ROUX": an initial, not L'.
        const QStringList givenFirst = t.mid(0, k);
        const QStringList familyLast = t.mid(k);
        if (!allParticles(familyLast) && !anyInitial(k, n)
            && ((!isParticle(givenFirst.last()) && !allParticles(givenFirst)) || initialsOnly(0, k))) {
            parsed.splits << makeSplit(familyLast, givenFirst);
        }
        // "MARTIN Jean": family name first; "ROUX L.": an initial, not L'.
        const QStringList familyFirst = t.mid(0, k);
        const QStringList givenLast = t.mid(k);
        if (!allParticles(familyFirst) && !isParticle(familyFirst.last())
            && (!allParticles(givenLast) || initialsOnly(k, n)) && !anyInitial(0, k)) {
            parsed.splits << makeSplit(familyFirst, givenLast);
        }
    }
    parsed.postcode = foldName(query.postcode).remove(QLatin1Char(' '));
    parsed.department = query.department;
    parsed.city = foldName(query.city);
    for (const auto& word : query.specialtyWords) {
        for (const auto& token : nameTokens(word)) {
            if (token.size() >= 4) {
                parsed.specialtyStems << token.left(6);
            }
        }
    }
    return parsed;
}

bool tokensContain(const QStringList& haystack, const QStringList& needles)
{
    if (needles.isEmpty()) {
        return false;
    }
    return std::all_of(needles.begin(), needles.end(), [&](const QString& n) { return haystack.contains(n); });
}

QStringList withoutParticles(const QStringList& tokens)
{
    QStringList out;
    for (const auto& t : tokens) {
        if (!isParticle(t)) {
            out << t;
        }
    }
    return out;
}

double familyScore(const Split& s, const PersonRow& p)
{
    if (p.familyKey == s.familyKey || p.familyFull == s.familyFull || p.familyFull == s.familyKey
        || p.familyKey == s.familyFull) {
        return 1.0;
    }
    if (p.familyOcr == s.familyOcr) {
        return 0.9;
    }
    double best = 0.0;
    if (p.familyPhonetic == s.familyPhonetic && !s.familyPhonetic.isEmpty()) {
        best = 0.8;
    }
    // Part of a compound name: "MARTIN" for "MARTIN-DUPONT", or the other way round.
    const QStringList personTokens = withoutParticles(nameTokens(p.familyName));
    const QStringList queryTokens = withoutParticles(s.family);
    if (tokensContain(personTokens, queryTokens) || tokensContain(queryTokens, personTokens)) {
        best = std::max(best, 0.8);
    }
    const double sim = similarity(p.familyOcr, s.familyOcr);
    return std::max(best, sim >= 0.6 ? sim * 0.85 : 0.0);
}

// -1 when the query has no given name.
double givenScore(const Split& s, const PersonRow& p)
{
    if (s.given.isEmpty()) {
        return -1.0;
    }
    const QStringList personTokens = nameTokens(p.givenName);
    if (s.initialsOnly) {
        // "J P" for "JEAN PIERRE": each initial starts the matching given name.
        if (s.given.size() > personTokens.size()) {
            return 0.1;
        }
        for (qsizetype i = 0; i < s.given.size(); ++i) {
            if (!personTokens[i].startsWith(s.given[i])) {
                return 0.1;
            }
        }
        return 0.85;
    }
    if (p.givenKey == s.givenKey) {
        return 1.0;
    }
    if (p.givenOcr == s.givenOcr) {
        return 0.9;
    }
    if (p.givenPhonetic == s.givenPhonetic && !s.givenPhonetic.isEmpty()) {
        return 0.85;
    }
    if (tokensContain(personTokens, s.given) || tokensContain(s.given, personTokens)) {
        return 0.75;
    }
    const double sim = similarity(p.givenOcr, s.givenOcr);
    return sim >= 0.6 ? sim * 0.8 : 0.0;
}

// The directory's town is the printed one, or one of its arrondissements or CEDEX offices ("PARIS"
// for "PARIS 12E ARRONDISSEMENT", "LYON" for "LYON CEDEX"); never another commune that starts
// with the same words ("SAINT ETIENNE" is not "SAINT ETIENNE DU ROUVRAY").
// 1 for the town itself, 0.9 for one of its parts, 0 otherwise.
double townScore(const QString& directoryCity, const QString& printedCity)
{
    if (printedCity.isEmpty()) {
        return 0.0;
    }
    if (directoryCity == printedCity) {
        return 1.0;
    }
    static const QRegularExpression part(
        QStringLiteral(R"(^ (?:\d{1,2}(?:E|ER|EME)?(?: ARRONDISSEMENT)?|ARRONDISSEMENT|CEDEX(?: \d+)?)$)"));
    return directoryCity.startsWith(printedCity) && part.match(directoryCity.mid(printedCity.size())).hasMatch()
               ? 0.9
               : 0.0;
}

// A CEDEX postcode's département, when the letter printed one: the practice must be in it.
bool inDepartment(const ParsedQuery& q, const QString& postcode)
{
    return q.department.isEmpty() || postcode.startsWith(q.department);
}

// 1 for a practice in the query's postcode or town, 0.5 in its département, 0 elsewhere;
// 0.5 when the query gives no place.
double placeScore(const ParsedQuery& q, const QString& places)
{
    if (q.postcode.isEmpty() && q.city.isEmpty()) {
        return 0.5;
    }
    double best = 0.0;
    for (const auto& place : places.split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
        const qsizetype space = place.indexOf(QLatin1Char(' '));
        const bool hasPostcode = space > 0 && place[0].isDigit();
        const QString postcode = hasPostcode ? place.left(space) : QString();
        const QString city = hasPostcode ? place.mid(space + 1) : place;
        if (!q.postcode.isEmpty() && postcode == q.postcode) {
            return 1.0;
        }
        if (!q.postcode.isEmpty() && postcode.size() >= 2 && postcode.left(2) == q.postcode.left(2)) {
            best = 0.5;
        }
        if (inDepartment(q, postcode)) {
            best = std::max(best, townScore(city, q.city));
        }
    }
    return best;
}

struct NameFit
{
    double value = 0.0;   // the name part of the score
    bool fits = false;    // family and given name are the printed ones
    bool initials = false; // the given name was printed as one initial only ("J.-P." counts as a name)
    bool given = false;   // the query has a given name
};

NameFit nameFit(const ParsedQuery& q, const PersonRow& p)
{
    NameFit best;
    for (const auto& s : q.splits) {
        const double family = familyScore(s, p);
        if (family <= 0.0) {
            continue;
        }
        const double given = givenScore(s, p);
        const double value = given < 0 ? family * 0.85 : family * 0.6 + given * 0.4;
        const bool fits = family >= FitFamilyScore && (given < 0 || given >= (s.initialsOnly ? 0.85 : FitGivenScore));
        // The best-scoring reading of the printed name, a fitting one first.
        if ((fits && !best.fits) || (fits == best.fits && value > best.value)) {
            best = NameFit{value, fits, s.initialsOnly && s.initialCount < 2, given >= 0};
        }
    }
    return best;
}

double score(const ParsedQuery& q, const PersonRow& p)
{
    const double name = nameFit(q, p).value;
    double total = name * 0.8 + placeScore(q, p.places) * 0.2;
    if (!q.specialtyStems.isEmpty()) {
        const bool found = std::any_of(q.specialtyStems.begin(), q.specialtyStems.end(),
                                       [&](const QString& stem) { return p.specialties.contains(stem); });
        total += found ? 0.05 : -0.05;
    }
    if (!q.title.isEmpty()) {
        if (p.titleCode.compare(q.title, Qt::CaseInsensitive) == 0) {
            total += 0.02;
        } else if (p.titleCode.isEmpty() && q.title == QLatin1String("DR") && !p.specialties.contains(u"MEDECIN")) {
            total -= 0.05; // "Dr" on the letter, and neither titled doctor nor a physician
        }
    }
    return std::clamp(total, 0.0, 1.0);
}

// Street names compared word by word, numbers and street types aside ("14 chemin des Vignes" and
// "CHEMIN DES VIGNES"); one misread letter in a long word is tolerated.
bool sameStreet(const QString& printed, const QStringList& addressLines)
{
    static const QStringList ignored{
        QStringLiteral("RUE"),     QStringLiteral("AVENUE"),  QStringLiteral("AV"),     QStringLiteral("BD"),
        QStringLiteral("BOULEVARD"), QStringLiteral("PLACE"), QStringLiteral("PL"),     QStringLiteral("CHEMIN"),
        QStringLiteral("ALLEE"),   QStringLiteral("IMPASSE"), QStringLiteral("ROUTE"),  QStringLiteral("QUAI"),
        QStringLiteral("COURS"),   QStringLiteral("SQUARE"),  QStringLiteral("DES"),    QStringLiteral("DU"),
        QStringLiteral("DE"),      QStringLiteral("LA"),      QStringLiteral("LE"),     QStringLiteral("LES"),
        QStringLiteral("BIS"),     QStringLiteral("TER"),     QStringLiteral("D"),      QStringLiteral("L"),
        QStringLiteral("ET"),      QStringLiteral("AUX"),     QStringLiteral("AU"),     QStringLiteral("CEDEX"),
        QStringLiteral("BP"),      QStringLiteral("VOIE"),    QStringLiteral("RTE"),    QStringLiteral("IMP"),
        QStringLiteral("ALL"),     QStringLiteral("CHE"),     QStringLiteral("PROMENADE"), QStringLiteral("RESIDENCE"),
    };
    const auto words = [&](const QString& text) {
        QStringList out;
        for (const auto& t : nameTokens(text)) {
            if (t.size() >= 3 && !t.front().isDigit() && !ignored.contains(t)) {
                out << t;
            }
        }
        return out;
    };
    const QStringList wanted = words(printed);
    if (wanted.isEmpty()) {
        return true; // nothing to compare ("BP 12")
    }
    for (const auto& line : addressLines) {
        for (const auto& have : words(line)) {
            for (const auto& want : wanted) {
                if (have == want || (want.size() >= 6 && similarity(have, want) >= 0.83)) {
                    return true;
                }
            }
        }
    }
    return false;
}

// The practice that best fits the query's place, else the first active one.
qsizetype bestPractice(const ParsedQuery& q, const QList<Professional>& practices)
{
    for (qsizetype i = 0; i < practices.size(); ++i) {
        const auto& p = practices[i];
        if (p.retired) {
            continue;
        }
        if ((!q.postcode.isEmpty() && p.postcode == q.postcode) || (!q.city.isEmpty() && foldName(p.city) == q.city)) {
            return i;
        }
    }
    return 0;
}

} // namespace

Result<MatchResult> Directory::match(const MatchQuery& query, int limit) const
{
    MatchResult result;
    if (limit <= 0) {
        return result;
    }
    const ParsedQuery q = parse(query);
    if (q.tokens.isEmpty()) {
        return result;
    }
    QHash<QString, PersonRow> found;
    // The place to narrow a lookup that hits its limit (a common name): postcode, else city.
    const QString place = !q.postcode.isEmpty() ? q.postcode : q.city;
    // A lookup that hit its limit may have left out a better candidate: no automatic choice then,
    // unless the same lookup narrowed to the query's place was complete.
    bool incomplete = false;
    bool narrowedIncomplete = false;
    constexpr int Page = 60;
    const auto keep = [&](const QList<PersonRow>& rows) {
        for (const auto& row : rows) {
            if (!query.excludeRpps.contains(row.rpps)) {
                found.insert(row.rpps, row);
            }
        }
        return rows.size() >= Page;
    };
    const auto add = [&](const Result<QList<PersonRow>>& rows) -> Result<bool> {
        if (!rows) {
            return tl::unexpected(rows.error());
        }
        return keep(*rows);
    };
    // Name lookups asked together; those that hit their limit are asked again narrowed to the place.
    // A family name alone often does: on a server, its narrowed lookup is asked with it (one round
    // trip fewer), and used only if needed.
    const auto lookupAll = [&](const QList<NameLookup>& lookups) -> Result<void> {
        QList<NameLookup> asked = lookups;
        QHash<qsizetype, qsizetype> aheadOf; // lookup -> its narrowed one in `asked`
        for (qsizetype i = 0; i < lookups.size() && !place.isEmpty() && m_store->asksTogether(); ++i) {
            if (lookups[i].given.isEmpty()) {
                aheadOf.insert(i, asked.size());
                asked << NameLookup{lookups[i].kind, lookups[i].family, {}, place};
            }
        }
        auto answers = m_store->findByNames(asked, Page);
        if (!answers) {
            return tl::unexpected(answers.error());
        }
        QList<NameLookup> narrowing;
        for (qsizetype i = 0; i < lookups.size(); ++i) {
            if (keep(answers->at(i))) {
                incomplete = true;
                if (place.isEmpty()) {
                    narrowedIncomplete = true;
                } else if (aheadOf.contains(i)) {
                    narrowedIncomplete = keep(answers->at(aheadOf.value(i))) || narrowedIncomplete;
                } else {
                    narrowing << NameLookup{lookups[i].kind, lookups[i].family, lookups[i].given, place};
                }
            }
        }
        if (narrowing.isEmpty()) {
            return {};
        }
        auto narrowed = m_store->findByNames(narrowing, Page);
        if (!narrowed) {
            return tl::unexpected(narrowed.error());
        }
        for (const auto& rows : *narrowed) {
            narrowedIncomplete = keep(rows) || narrowedIncomplete;
        }
        return {};
    };
    const auto bestScore = [&] {
        double best = 0.0;
        for (const auto& row : std::as_const(found)) {
            best = std::max(best, score(q, row));
        }
        return best;
    };

    // 1. Family and given name keys together: precise even for the commonest names.
    QList<NameLookup> lookups;
    for (const auto& s : q.splits) {
        if (s.given.isEmpty() || s.initialsOnly) {
            continue;
        }
        for (const auto& [kind, family, given] :
             {std::tuple{NameKeyKind::Key, s.familyKey, s.givenKey},
              std::tuple{NameKeyKind::Full, s.familyFull, s.givenKey},
              std::tuple{NameKeyKind::Ocr, s.familyOcr, s.givenOcr},
              std::tuple{NameKeyKind::Phonetic, s.familyPhonetic, s.givenPhonetic}}) {
            // A key equal to the plain one finds nothing more (same stored keys for clean names).
            if (family.isEmpty() || given.isEmpty() || (kind == NameKeyKind::Full && family == s.familyKey)
                || (kind == NameKeyKind::Ocr && family == s.familyKey && given == s.givenKey)) {
                continue;
            }
            lookups << NameLookup{kind, family, given, {}};
        }
    }
    if (auto ok = lookupAll(lookups); !ok) {
        return tl::unexpected(ok.error());
    }
    const auto anyFits = [&] {
        return std::any_of(found.cbegin(), found.cend(), [&](const PersonRow& row) { return nameFit(q, row).fits; });
    };
    if (query.namesOnly) {
        // Looking names up in a letter's text: only what fits, no fuzzy search.
        QHash<QString, PersonRow> fitting;
        for (auto it = found.cbegin(); it != found.cend(); ++it) {
            if (nameFit(q, it.value()).fits && nameFit(q, it.value()).given) {
                fitting.insert(it.key(), it.value());
            }
        }
        found = fitting;
    }
    // 2. Family name alone (initials, a given name misread beyond its keys, or none), unless step 1
    //    already found a fitting candidate.
    if (!query.namesOnly && found.size() < limit && !anyFits()) {
        lookups.clear();
        for (const auto& s : q.splits) {
            for (const auto& [kind, family] :
                 {std::pair{NameKeyKind::Key, s.familyKey}, std::pair{NameKeyKind::Full, s.familyFull},
                  std::pair{NameKeyKind::Ocr, s.familyOcr}, std::pair{NameKeyKind::Phonetic, s.familyPhonetic}}) {
                if (family.size() < 2 || (kind == NameKeyKind::Full && family == s.familyKey)
                    || (kind == NameKeyKind::Ocr && family == s.familyKey)) {
                    continue;
                }
                lookups << NameLookup{kind, family, {}, {}};
            }
        }
        if (auto ok = lookupAll(lookups); !ok) {
            return tl::unexpected(ok.error());
        }
    }
    // 3. Trigram substring search: compound names, names cut or misread beyond the keys.
    if (!query.namesOnly && bestScore() < 0.6) {
        QStringList words;
        for (const auto& t : q.tokens) {
            if (t.size() >= 3 && !isParticle(t)) {
                words << t;
            }
        }
        if (!words.isEmpty()) {
            if (auto ok = add(m_store->findByText(words, true, 100)); !ok) {
                return tl::unexpected(ok.error());
            }
        }
        if (bestScore() < 0.6) {
            // Overlapping halves of each word: one misread letter leaves one half intact.
            QStringList pieces;
            for (const auto& w : words) {
                if (w.size() >= 6) {
                    const qsizetype half = w.size() / 2;
                    pieces << w.left(half + 1) << w.mid(half - 1);
                } else {
                    pieces << w;
                }
            }
            if (!pieces.isEmpty()) {
                if (auto ok = add(m_store->findByText(pieces, false, 200)); !ok) {
                    return tl::unexpected(ok.error());
                }
            }
        }
    }

    struct Scored
    {
        const PersonRow* row;
        double score;
        NameFit name;
        bool placed; // no place printed, or one of theirs
    };
    const bool hasPlace = !q.postcode.isEmpty() || !q.city.isEmpty();
    std::vector<Scored> scored;
    scored.reserve(static_cast<std::size_t>(found.size()));
    for (const auto& row : std::as_const(found)) {
        const double s = score(q, row);
        if (s >= 0.3) {
            scored.push_back({&row, s, nameFit(q, row), !hasPlace || placeScore(q, row.places) >= 0.9});
        }
    }
    std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
        return a.score != b.score ? a.score > b.score : a.row->rpps < b.row->rpps;
    });

    // Who fits, and whom the printed place contradicts: each fitting professional's practices.
    const bool hasStreet = !foldName(query.street).isEmpty();
    // The establishment (the author's): its staff is found among more namesakes, practice by practice.
    const bool hasStaff = !query.structures.isEmpty() || !query.members.isEmpty();
    // More namesakes than this: a choice for the secretary anyway.
    const std::size_t maxFitting = hasStaff ? 48 : 12;
    QList<Candidate> fitting;
    // Fitting professionals with no practice at the printed place are contradicted without more
    // reading; the others are read practice by practice (street).
    std::size_t fitCount = 0;
    for (const auto& s : scored) {
        fitCount += s.name.fits && s.placed ? 1 : 0;
    }
    // The practices read below, all in one go (two round trips on a server instead of two per
    // candidate): the fitting ones not contradicted by the place, and the first of the list.
    QList<const PersonRow*> wanted;
    for (std::size_t i = 0; i < scored.size(); ++i) {
        const Scored& s = scored[i];
        if (i <= static_cast<std::size_t>(limit) || (s.name.fits && fitCount <= maxFitting && s.placed)) {
            wanted << s.row;
        }
    }
    QHash<const PersonRow*, QList<Professional>> read;
    if (auto all = practicesOf(wanted); !all) {
        return tl::unexpected(all.error());
    } else {
        for (qsizetype i = 0; i < wanted.size(); ++i) {
            read.insert(wanted[i], all->at(i));
        }
    }
    const auto practicesRead = [&](const PersonRow& row) -> Result<QList<Professional>> {
        const auto it = read.constFind(&row);
        return it != read.constEnd() ? Result<QList<Professional>>(*it) : practicesOf(row);
    };
    for (const auto& s : scored) {
        if (!s.name.fits || fitCount > maxFitting) {
            continue;
        }
        if (!s.placed) {
            if (static_cast<std::size_t>(fitting.size()) < maxFitting) {
                Candidate c;
                c.score = s.score;
                c.fits = true;
                c.contradicted = true;
                fitting << c; // professional filled below, if listed
                fitting.back().professional.rpps = s.row->rpps;
            }
            continue;
        }
        auto practices = practicesRead(*s.row);
        if (!practices) {
            return tl::unexpected(practices.error());
        }
        Candidate c;
        c.score = s.score;
        c.fits = true;
        qsizetype at = -1;
        const bool member = query.members.contains(s.row->rpps);
        for (qsizetype i = 0; i < practices->size(); ++i) {
            const Professional& p = practices->at(i);
            if (p.retired) {
                continue;
            }
            const bool here = !hasPlace
                              || (!q.postcode.isEmpty()
                                      ? p.postcode == q.postcode
                                      : inDepartment(q, p.postcode) && townScore(foldName(p.city), q.city) > 0);
            const bool staff = !hasStaff || member
                               || std::any_of(p.structureKeys.begin(), p.structureKeys.end(),
                                              [&](const QString& key) { return query.structures.contains(key); });
            if (!here || !staff) {
                continue;
            }
            // A street printed with the name must be one of theirs (when the directory knows it).
            if (hasStreet && !p.addressLines.isEmpty() && !sameStreet(query.street, p.addressLines)) {
                continue;
            }
            at = i;
            break;
        }
        if (practices->isEmpty()) {
            continue;
        }
        c.placeConfirmed = (hasPlace || hasStaff) && at >= 0;
        c.contradicted = at < 0 && (hasPlace || hasStreet || hasStaff);
        c.professional = practices->at(at >= 0 ? at : bestPractice(q, *practices));
        fitting << c;
    }
    QList<Candidate> uncontradicted;
    for (const Candidate& c : std::as_const(fitting)) {
        if (!c.contradicted) {
            uncontradicted << c;
        }
    }
    const bool complete = !incomplete || (!narrowedIncomplete && !place.isEmpty());
    bool chosen = false;
    if (complete && fitCount <= maxFitting && uncontradicted.size() == 1) {
        const auto it = std::find_if(scored.begin(), scored.end(), [&](const Scored& s) {
            return s.row->rpps == uncontradicted.front().professional.rpps;
        });
        // A whole given name, or else (initials, a family name alone) a printed place that confirms.
        chosen = it != scored.end()
                 && ((it->name.given && !it->name.initials) || uncontradicted.front().placeConfirmed);
    }

    // The chosen one first, then the others by score.
    if (chosen) {
        result.candidates << uncontradicted.front();
    }
    for (const auto& s : scored) {
        if (result.candidates.size() >= limit) {
            break;
        }
        if (chosen && s.row->rpps == uncontradicted.front().professional.rpps) {
            continue;
        }
        const auto known = std::find_if(fitting.begin(), fitting.end(),
                                        [&](const Candidate& c) { return c.professional.rpps == s.row->rpps; });
        if (known != fitting.end() && !known->professional.familyName.isEmpty()) {
            result.candidates << *known;
            continue;
        }
        auto practices = practicesRead(*s.row);
        if (!practices) {
            return tl::unexpected(practices.error());
        }
        if (practices->isEmpty()) {
            continue;
        }
        Candidate c = known != fitting.end() ? *known : Candidate{};
        c.professional = practices->at(bestPractice(q, *practices));
        c.score = s.score;
        result.candidates << c;
    }
    result.autoSelected = chosen;
    return result;
}

} // namespace missive::directory
