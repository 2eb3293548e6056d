#pragma once
// Name keys for matching a name as read on a letter against the Annuaire Santé (pure functions).
//
// Every key is computed from the same folded form on both sides (import and query), so that the
// lookups are plain equality on indexed columns:
//   fold       "Jean-Pierre d'Été" -> "JEAN PIERRE D ETE" (uppercase ASCII, diacritics removed,
//              anything else than a letter or digit becomes a space)
//   compact    tokens joined without spaces, particles dropped or kept
//   ocrKey     OCR confusions collapsed: rn->m, vv->w, l/1/I -> I, 0->O, 5->S, 8->B (é/e: folding)
//   phonetic   a French phonetic code (DUPONT = DUPOND, GAUTHIER = GAUTIER, LEFEBVRE = LEFEVRE)

#include <QString>
#include <QStringList>
#include <QStringView>

namespace missive::directory
{

[[nodiscard]] QString foldName(QStringView text);
[[nodiscard]] QStringList nameTokens(QStringView text); // foldName split on spaces
// LE, LA, LES, DE, DU, DES, D (D'), L (L'), DEL, DELLA, DI, DA, DOS, DAS, VAN, VON, DER, DEN, TER, Y.
[[nodiscard]] bool isParticle(QStringView foldedToken);
// "DR", "PR" for the titles a letter puts before a name (Dr, Docteur, Pr, Professeur…),
// "CIV" for a civility (M., Mme, Monsieur…), empty otherwise.
[[nodiscard]] QString titleOf(QStringView foldedToken);
// Tokens joined without separator; particles dropped when `dropParticles` (unless all are particles).
[[nodiscard]] QString compactKey(const QStringList& tokens, bool dropParticles);
[[nodiscard]] QString ocrKey(QStringView compact);
[[nodiscard]] QString phoneticKey(QStringView compact);
// 1 - Levenshtein distance / longer length, on the given strings as they are.
[[nodiscard]] double similarity(QStringView a, QStringView b);

// All keys of one family name + given name, as stored for every professional.
struct NameKeys
{
    QString familyKey;  // compact, particles dropped
    QString familyFull; // compact, particles kept ("LEGRAND" for "LE GRAND")
    QString familyOcr;
    QString familyPhonetic;
    QString givenKey;
    QString givenOcr;
    QString givenPhonetic;
    QString text; // folded "FAMILY GIVEN", for the trigram index
};
[[nodiscard]] NameKeys nameKeys(QStringView familyName, QStringView givenName);

} // namespace missive::directory
