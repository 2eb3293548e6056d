#pragma once
// Parser of the INS DataMatrix payload (specs DIGEST §1.5): a 26-character header "IS01" + 22
// reserved characters, then blocks S1–S7, variable-length blocks closed by GS (0x1D) when shorter
// than their maximum. Self-contained (Qt Core + missive core types) so the fuzzer can build it.

#include "missive/core/patient.h"
#include "missive/core/result.h"

#include <QByteArray>
#include <QDate>
#include <QString>
#include <QStringList>

namespace missive::ocr
{

struct InsDataMatrix
{
    QString matricule;      // S1, 15 characters, format checked (not the key: the caller decides)
    QString oid;            // S2
    QStringList firstNames; // S3, space separated
    QString birthName;      // S4
    Sex sex = Sex::Unknown; // S5
    QDate birthDate;        // S6, JJ-MM-AAAA
    QString birthPlace;     // S7, optional COG code
};

// Errors are ErrorCode::Integrity with a detail naming the faulty block; never patient data.
[[nodiscard]] Result<InsDataMatrix> parseInsDataMatrix(const QByteArray& payload);
// True when the bytes start like an INS DataMatrix (another DataMatrix on the page is ignored).
[[nodiscard]] bool looksLikeInsDataMatrix(const QByteArray& payload);

} // namespace missive::ocr
