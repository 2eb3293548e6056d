#pragma once
// Name normalisation shared by the identity parsers (std + Qt Core only: the fuzzer builds it).

#include <QString>
#include <QStringView>

namespace missive::ocr
{

// The INSi lexical set: uppercase A–Z, space, apostrophe, hyphen; diacritics removed,
// typographic apostrophes folded, runs of spaces collapsed. "N’Diaye-Lé" -> "N'DIAYE-LE".
[[nodiscard]] QString insiUpper(QStringView text);
// An uppercase name token as printed for family names: "LE", "N'DIAYE", "GOFF-ÉLIE".
[[nodiscard]] bool isUpperNameToken(QStringView token);
// A capitalised given-name token: "Anne-Sophie", "Élise".
[[nodiscard]] bool isGivenNameToken(QStringView token);
// A given name of the French dictionary (Grammalecte's "prénoms"), in the INSi lexical set:
// "NATHALIE", "JEAN-PIERRE", or a compound whose every part is one. "GIRARD" is not.
[[nodiscard]] bool isKnownGivenName(QStringView insiWord);
// Lowercase, no diacritics: for keyword matching on OCR text.
[[nodiscard]] QString foldForMatch(QStringView text);
// As foldForMatch, but one character for one (Œ -> o, ’ -> '), so that an offset found in the folded
// text points at the same character of the original.
[[nodiscard]] QString foldSameLength(QStringView text);
// Levenshtein distance, capped: returns cap + 1 as soon as the distance exceeds `cap`.
[[nodiscard]] int editDistance(QStringView a, QStringView b, int cap);

} // namespace missive::ocr
