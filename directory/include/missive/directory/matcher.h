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
// Scores are in [0, 1]: 0.8 for the name (family name 60 %, given name 40 %; a missing given name
// caps the name part at 0.85) and 0.2 for the place (neutral 0.5 when the query has none), then
// specialty words ±0.05 and title +0.02 (same title) or −0.05 ("Dr" for someone neither titled
// doctor nor a physician). `autoSelected` is true only when the first candidate scores at least
// AutoSelectScore, leads the second by at least AutoSelectLead, and every homonym could be read
// (a name shared by more professionals than one lookup reads must be narrowed by the query's
// postcode or city): two homonyms that nothing in the query separates (same name, no city or
// postcode) both stay a choice for the secretary.

#include "missive/core/professional.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace missive::directory
{

inline constexpr double AutoSelectScore = 0.85;
inline constexpr double AutoSelectLead = 0.08;

struct MatchQuery
{
    QString name;               // as read on the letter, e.g. "Dr Jean-Pierre MARTIN"
    QString title;              // optional, e.g. "Docteur"
    QStringList specialtyWords; // optional, e.g. {"cardiologue"}
    QString city;               // optional, e.g. "Lyon"
    QString postcode;           // optional, e.g. "69003"
    QStringList excludeRpps;    // e.g. the letter's author
};

struct Candidate
{
    Professional professional; // with the practice that best fits the query
    double score = 0.0;        // 0..1
};

struct MatchResult
{
    QList<Candidate> candidates; // best first, at most `limit`
    bool autoSelected = false;   // true only when the first is clearly ahead
};

} // namespace missive::directory
