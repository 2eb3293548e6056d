#pragma once
// Reconciles the INS DataMatrix with the printed traits. The INS is released only when the key
// is right, the matricule agrees with the traits it encodes, every source agrees and every
// strict trait is known; otherwise it is withheld and the reason given.

#include "identity_text.h"
#include "ins_datamatrix.h"
#include "missive/ocr/analysis.h"

#include <optional>

namespace missive::ocr
{

struct DataMatrixReading
{
    std::optional<InsDataMatrix> parsed;
    bool unreadable = false; // an INS DataMatrix was found but its payload is not valid
    bool several = false;    // different INS DataMatrix payloads on the document
};

[[nodiscard]] PatientReading reconcileIdentity(const DataMatrixReading& dm, const TextIdentity& text);

} // namespace missive::ocr
