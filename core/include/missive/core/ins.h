#pragma once
// The matricule INS (a NIR or NIA) and the OIDs of its assigning authorities
// (specs DIGEST §1.1–§1.2). Pure functions: no I/O, no logging.

#include <QString>
#include <QStringView>

namespace missive::ins
{

// Assigning authorities of the matricule. Only these are accepted as an INS OID.
inline constexpr auto OidNir = "1.2.250.1.213.1.4.8";
inline constexpr auto OidNia = "1.2.250.1.213.1.4.9";
inline constexpr auto OidNirTest = "1.2.250.1.213.1.4.10";
inline constexpr auto OidNirDemo = "1.2.250.1.213.1.4.11";

enum class MatriculeCheck
{
    Valid,
    BadFormat, // not 13 digits (2A/2B allowed in the department) + a 2-digit key
    BadKey,    // well formed but the key does not match
};

// 97 - (first 13 as a number mod 97), Corsica 2A -> 19, 2B -> 18. -1 when the 13 characters are not a NIR body.
[[nodiscard]] int computeKey(QStringView first13);
[[nodiscard]] MatriculeCheck checkMatricule(QStringView matricule);
[[nodiscard]] bool isValidMatricule(QStringView matricule);
// True for the four INS authorities above (not the obsolete INS-C).
[[nodiscard]] bool isInsOid(QStringView oid);
// The digit 1 (male) / 2 (female) of the matricule, or 0 for a temporary/other value.
[[nodiscard]] int sexDigit(QStringView matricule);

} // namespace missive::ins
