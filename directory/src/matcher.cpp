// Directory::match: candidate generation by indexed keys (exact, with particles, OCR-collapsed,
// phonetic; with the given name first, then the family name alone), then trigram substring search
// when the keys find too few; scoring as documented in matcher.h.

#include "missive/directory/directory.h"
#include "missive/directory/names.h"

#include <QHash>
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
};

struct ParsedQuery
{
    QStringList tokens; // folded, titles removed
    QString title;      // "DR", "PR" or empty
    QList<Split> splits;
    QString postcode;
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
    }
    return s;
}

ParsedQuery parse(const MatchQuery& query)
{
    ParsedQuery parsed;
    const QStringList raw = nameTokens(query.name);
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
        parsed.tokens << raw[i];
    }
    for (const auto& t : nameTokens(query.title)) {
        const QString kind = titleOf(t);
        if (kind == QLatin1String("DR") || kind == QLatin1String("PR")) {
            parsed.title = kind;
        }
    }
    const QStringList& t = parsed.tokens;
    const qsizetype n = t.size();
    if (n > 0) {
        parsed.splits << makeSplit(t, {});
    }
    for (qsizetype k = 1; k < n; ++k) {
        // "Jean MARTIN": given names first, family name last.
        const QStringList givenFirst = t.mid(0, k);
        const QStringList familyLast = t.mid(k);
        if (!allParticles(familyLast) && !isParticle(givenFirst.last()) && !allParticles(givenFirst)) {
            parsed.splits << makeSplit(familyLast, givenFirst);
        }
        // "MARTIN Jean": family name first.
        const QStringList familyFirst = t.mid(0, k);
        const QStringList givenLast = t.mid(k);
        if (!allParticles(familyFirst) && !isParticle(familyFirst.last()) && !allParticles(givenLast)) {
            parsed.splits << makeSplit(familyFirst, givenLast);
        }
    }
    parsed.postcode = foldName(query.postcode).remove(QLatin1Char(' '));
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

// 1 for a practice in the query's postcode or city, 0.5 in its département, 0 elsewhere;
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
        if ((!q.postcode.isEmpty() && postcode == q.postcode) || (!q.city.isEmpty() && city == q.city)) {
            return 1.0;
        }
        if (!q.postcode.isEmpty() && postcode.size() >= 2 && postcode.left(2) == q.postcode.left(2)) {
            best = 0.5;
        }
        if (!q.city.isEmpty() && city.startsWith(q.city + QLatin1Char(' '))) {
            best = std::max(best, 0.9); // "PARIS" for "PARIS 12E ARRONDISSEMENT", "LYON" for "LYON CEDEX"
        }
    }
    return best;
}

double score(const ParsedQuery& q, const PersonRow& p)
{
    double name = 0.0;
    for (const auto& s : q.splits) {
        const double family = familyScore(s, p);
        if (family <= 0.0) {
            continue;
        }
        const double given = givenScore(s, p);
        const double value = given < 0 ? family * 0.85 : family * 0.6 + given * 0.4;
        name = std::max(name, value);
    }
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
    const auto add = [&](const Result<QList<PersonRow>>& rows) -> Result<bool> {
        if (!rows) {
            return tl::unexpected(rows.error());
        }
        for (const auto& row : *rows) {
            if (!query.excludeRpps.contains(row.rpps)) {
                found.insert(row.rpps, row);
            }
        }
        return rows->size() >= Page;
    };
    const auto lookup = [&](NameKeyKind kind, const QString& family, const QString& given) -> Result<void> {
        auto truncated = add(m_store->findByName(kind, family, given, {}, Page));
        if (!truncated) {
            return tl::unexpected(truncated.error());
        }
        if (*truncated) {
            incomplete = true;
            if (place.isEmpty()) {
                narrowedIncomplete = true;
                return {};
            }
            auto narrowed = add(m_store->findByName(kind, family, given, place, Page));
            if (!narrowed) {
                return tl::unexpected(narrowed.error());
            }
            narrowedIncomplete = narrowedIncomplete || *narrowed;
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
            if (auto ok = lookup(kind, family, given); !ok) {
                return tl::unexpected(ok.error());
            }
        }
    }
    // 2. Family name alone (initials, a given name misread beyond its keys, or none), unless step 1
    //    already found a confident candidate.
    if (found.size() < limit && bestScore() < AutoSelectScore) {
        for (const auto& s : q.splits) {
            for (const auto& [kind, family] :
                 {std::pair{NameKeyKind::Key, s.familyKey}, std::pair{NameKeyKind::Full, s.familyFull},
                  std::pair{NameKeyKind::Ocr, s.familyOcr}, std::pair{NameKeyKind::Phonetic, s.familyPhonetic}}) {
                if (family.size() < 2 || (kind == NameKeyKind::Full && family == s.familyKey)
                    || (kind == NameKeyKind::Ocr && family == s.familyKey)) {
                    continue;
                }
                if (auto ok = lookup(kind, family, {}); !ok) {
                    return tl::unexpected(ok.error());
                }
            }
        }
    }
    // 3. Trigram substring search: compound names, names cut or misread beyond the keys.
    if (bestScore() < 0.6) {
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
    };
    std::vector<Scored> scored;
    scored.reserve(static_cast<std::size_t>(found.size()));
    for (const auto& row : std::as_const(found)) {
        const double s = score(q, row);
        if (s >= 0.3) {
            scored.push_back({&row, s});
        }
    }
    std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
        return a.score != b.score ? a.score > b.score : a.row->rpps < b.row->rpps;
    });
    if (!scored.empty()) {
        const double first = scored[0].score;
        const double second = scored.size() > 1 ? scored[1].score : 0.0;
        const bool complete =
            !incomplete || (!narrowedIncomplete && !place.isEmpty() && placeScore(q, scored[0].row->places) >= 1.0);
        result.autoSelected = complete && first >= AutoSelectScore && first - second >= AutoSelectLead;
    }
    if (scored.size() > static_cast<std::size_t>(limit)) {
        scored.resize(static_cast<std::size_t>(limit));
    }
    for (const auto& s : scored) {
        auto practices = this->practices(s.row->rpps);
        if (!practices) {
            return tl::unexpected(practices.error());
        }
        if (practices->isEmpty()) {
            continue;
        }
        result.candidates << Candidate{practices->at(bestPractice(q, *practices)), s.score};
    }
    result.autoSelected = result.autoSelected && !result.candidates.isEmpty();
    return result;
}

} // namespace missive::directory
