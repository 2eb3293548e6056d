#pragma once
// Matching a recipient as read on a letter against the directory: the query, the ranked
// candidates and the auto-selection rule. Directory::match() (directory.h) implements it.
//
// How a query is read:
//   - `name` is the text as printed ("Dr Jean-Pierre MARTIN", "MARTIN Jean", "Pr D'ALMEIDA").
//     Titles (Dr, Docteur, Pr, Professeur…) and civilities are recognised and set aside; case,
//     accents, hyphens and apostrophes do not matter; particles (LE, DE LA, D'…) may be present or
//     not; family and given names may come in either order; OCR confusions (rn/m, l/1/I, 0/O, é/e)
//     are tolerated.
//   - `title` adds a title read elsewhere; `specialtyWords` ("cardiologue", "pédiatrie") favour
//     professionals whose profession or specialty label shares the word's stem; `city` and
//     `postcode` favour the practices there (a candidate practising elsewhere scores lower).
//   - `excludeRpps` removes professionals from the candidates: pass the letter's signing author,
//     who is not its recipient.
//
// Scores are in [0, 1] and only rank: 0.8 for the name (family name 60 %, given name 40 %; a
// missing given name caps the name part at 0.85) and 0.2 for the place (neutral 0.5 when the
// query has none), then specialty words ±0.05 and title +0.02 (same title) or −0.05 ("Dr" for
// someone neither titled doctor nor a physician).
//
// The automatic choice does not come from the score. A candidate *fits* when its family name is
// the printed one (accents, particles, hyphens and OCR confusions aside) and its given name too
// (initials: each one starts the given name). A fitting candidate is *contradicted* when the query
// gives a postcode (or, without one, a city) where none of their practices is, or a street that
// none of their practices there shows: another city, postcode or street is a contradiction, not a
// smaller score. `autoSelected` is true only when exactly one candidate fits without contradiction,
// the query gives a given name (two initials, "J.-P.", count as one) or else (one initial, a family
// name alone) a place that confirms him, and every homonym could be read (a name shared by more professionals than one lookup reads must be narrowed by the
// query's postcode or city). A namesake elsewhere is therefore proposed, never chosen.

#include "missive/core/professional.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace missive::directory
{

// Name parts scoring at least this fit: the same name, particles, accents and hyphens aside, or
// equal once OCR confusions are folded (never on sound alone: JEAN is not JEANNE).
inline constexpr double FitFamilyScore = 0.9;
inline constexpr double FitGivenScore = 0.9;

struct MatchQuery
{
    QString name;               // as read on the letter, e.g. "Dr Jean-Pierre MARTIN"
    QString title;              // optional, e.g. "Docteur"
    QStringList specialtyWords; // optional, e.g. {"cardiologue"}
    QString city;               // optional, e.g. "Lyon"
    QString postcode;           // optional, e.g. "69003"
    QString department;         // optional, e.g. "42" (from a CEDEX postcode): the practice is in it
    QString street;             // optional, e.g. "14 chemin des Vignes"
    QStringList excludeRpps;    // e.g. the letter's author
    // Optional, for the letter's author: the establishment that wrote it. A practice at one of
    // `structures` ("1"+FINESS, "3"+SIRET…) confirms like a printed place and one elsewhere
    // contradicts; so does being among `members` (RPPS of its staff), wherever the practice.
    QStringList structures;
    QStringList members;
    // Only professionals whose family and given names both fit (no fuzzy or family-only search):
    // for looking names up in a letter's text, where most words are not names.
    bool namesOnly = false;
};

struct Candidate
{
    Professional professional; // with the practice that best fits the query
    double score = 0.0;        // 0..1
    bool fits = false;         // family and given names are the printed ones
    bool placeConfirmed = false; // a practice at the printed postcode / city (and street)
    bool contradicted = false;   // the printed postcode, city or street is not theirs
};

struct MatchResult
{
    QList<Candidate> candidates; // best first, at most `limit`
    bool autoSelected = false;   // the first is the only one that fits without contradiction
};

} // namespace missive::directory
