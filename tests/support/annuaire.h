#pragma once
// Synthetic Annuaire Santé extracts in the real column layout (specs DIGEST §5), for the directory
// tests and bench. Standard C++ only. Synthetic data only: names and numbers are made up.

#include <string>

namespace missive::test::annuaire
{

// Header lines, without line end. Personne_activite: 52 columns, 56 in the newer layout; every
// line ends with '|'. MSSanté: 31 columns.
inline constexpr const char* PersonneActiviteHeader52 =
    "Type d'identifiant PP|Identifiant PP|Identification nationale PP|Code civilité d'exercice|Libellé civilité "
    "d'exercice|Code civilité|Libellé civilité|Nom d'exercice|Prénom d'exercice|Code profession|Libellé "
    "profession|Code catégorie professionnelle|Libellé catégorie professionnelle|Code type savoir-faire|Libellé type "
    "savoir-faire|Code savoir-faire|Libellé savoir-faire|Code mode exercice|Libellé mode exercice|Numéro SIRET "
    "site|Numéro SIREN site|Numéro FINESS site|Numéro FINESS établissement juridique|Identifiant technique de la "
    "structure|Raison sociale site|Enseigne commerciale site|Complément destinataire (coord. structure)|Complément "
    "point géographique (coord. structure)|Numéro Voie (coord. structure)|Indice répétition voie (coord. "
    "structure)|Code type de voie (coord. structure)|Libellé type de voie (coord. structure)|Libellé Voie (coord. "
    "structure)|Mention distribution (coord. structure)|Bureau cedex (coord. structure)|Code postal (coord. "
    "structure)|Code commune (coord. structure)|Libellé commune (coord. structure)|Code pays (coord. "
    "structure)|Libellé pays (coord. structure)|Téléphone (coord. structure)|Téléphone 2 (coord. structure)|Télécopie "
    "(coord. structure)|Adresse e-mail (coord. structure)|Code Département (structure)|Libellé Département "
    "(structure)|Ancien identifiant de la structure|Autorité d'enregistrement|Code secteur d'activité|Libellé secteur "
    "d'activité|Code section tableau pharmaciens|Libellé section tableau pharmaciens|";
inline constexpr const char* PersonneActiviteExtra =
    "Code rôle|Libellé rôle|Code genre activité|Libellé genre activité|";
inline constexpr const char* MssanteHeader =
    "Type de BAL|Adresse BAL|Type Identifiant PP|Identifiant PP|Identification nationale PP|Type identifiant "
    "structure|Identification Structure|Service de rattachement|Civilité d'exercice|Nom d'exercice|Prénom "
    "d'exercice|Catégorie profession|Libellé de catégorie profession|Code Profession|Libellé Profession|Code "
    "savoir-faire|Libellé savoir-faire|Dématérialisation|Raison Sociale structure BAL|Enseigne commerciale structure "
    "BAL|L2COMPLEMENTLOCALISATION structure BAL|L3COMPLEMENTDISTRIBUTION structure BAL|L4NUMEROVOIE structure "
    "BAL|L4COMPLEMENTNUMEROVOIE structure BAL|NL4TYPEVOIE structure BAL|L4LIBELLEVOIE structure BAL|L5LIEUDITMENTION "
    "structure BAL|L6LIGNEACHEMINEMENT structure BAL|Code postal structure BAL|Département structure BAL|Pays "
    "structure BAL";
std::string personneActiviteHeader(int columns);

struct Activity
{
    std::string idType = "8";
    std::string rpps;
    std::string titleCode = "DR";
    std::string title = "Docteur";
    std::string civilityCode = "M";
    std::string civility = "Monsieur";
    std::string family;
    std::string given;
    std::string professionCode = "10";
    std::string professionLabel = "Médecin";
    std::string specialtyCode;
    std::string specialtyLabel;
    std::string modeCode = "L";
    std::string siret;
    std::string finessSite;
    std::string structureId; // defaults to "R" + rpps
    std::string siteName;
    std::string streetNumber;
    std::string streetType;
    std::string streetName;
    std::string postcode;
    std::string cityCode;
    std::string city;
    std::string phone;
    std::string roleCode = "FON-01";
};
// One line with its trailing '|', no line end.
std::string activityLine(const Activity& a, int columns);

struct MailboxRow
{
    std::string type = "PER";
    std::string address;
    std::string rpps;          // PER
    std::string structureType; // ORG: "1" FINESS, "3" SIRET
    std::string structureId;
    std::string service;
    std::string family;
    std::string given;
    std::string organisation;
    std::string postcode;
    std::string cityLine;
};
std::string mailboxLine(const MailboxRow& m);

} // namespace missive::test::annuaire
