#pragma once
// The patient's identity as carried by a letter, the CDA header and the DMP (specs DIGEST §1.3).

#include <QDate>
#include <QString>
#include <QStringList>

namespace missive
{

enum class Sex
{
    Unknown,
    Female,
    Male,
};

// "F", "M" or "" (HL7 AdministrativeGender / INS DataMatrix S5).
[[nodiscard]] QString sexCode(Sex sex);
[[nodiscard]] Sex sexFromCode(QStringView code);

struct PatientIdentity
{
    QString ins;            // matricule INS, 15 characters; empty when not known for sure
    QString insOid;         // assigning authority (missive::ins::Oid*); empty with no INS
    QString birthName;      // nom de naissance, uppercase as in the INSi lexical set
    QString usedName;       // nom utilisé, when it differs
    QStringList firstNames; // prénoms de naissance, all of them
    QString firstName;      // premier prénom de naissance
    QDate birthDate;
    Sex sex = Sex::Unknown;
    QString birthPlace; // COG code, 5 characters (99xxx abroad)

    // The matricule has a valid key and its OID is an INS authority.
    [[nodiscard]] bool hasValidIns() const;
    // Every strict trait that must accompany an INS (CI-SIS schematron rule) is present.
    [[nodiscard]] bool hasStrictTraits() const;
};

} // namespace missive
