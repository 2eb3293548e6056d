#pragma once
// Reads the patient's printed traits from the letter's text lines: labelled boxes
// ("Nom de naissance :", "Prénoms :", "Né(e) le :", "INS :") and sentences
// ("Mme Anne-Sophie LE GOFF née N'DIAYE, née le 03/07/1979 à Brest (29019)").
// Self-contained (Qt Core + missive core types) so the fuzzer can build it.

#include "missive/core/patient.h"

#include <QDate>
#include <QString>
#include <QStringList>

namespace missive::ocr
{

struct TextIdentity
{
    QStringList matricules; // every distinct 15-character matricule printed after an INS/NIR label
    QString oid;            // printed OID of the matricule, if any
    QString birthName;      // INSi uppercase
    QString usedName;       // INSi uppercase
    QStringList firstNames; // as printed (INSi uppercase)
    QString firstName;      // INSi uppercase
    QDate birthDate;
    Sex sex = Sex::Unknown;
    QString birthPlace;    // COG code
    QString displayName;   // as printed in the sentence or box, for "copie patient"
    QStringList conflicts; // same trait printed twice with different values (French)

    [[nodiscard]] bool hasAnyTrait() const;
};

[[nodiscard]] TextIdentity parseIdentityText(const QStringList& lines);
// A date as printed in French letters: 03/07/1979, 3.7.1979, 3 juillet 1979, 1er mars 2001.
[[nodiscard]] QDate parseFrenchDate(QStringView text);

} // namespace missive::ocr
