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

// `printedByOcr`: the printed traits come from OCR. Then a DataMatrix is trusted only when the
// printed birth name, first name and birth date were read and agree with it (OCR may miss a
// line; a trait that was not read cannot contradict the symbol, so it must be read).
[[nodiscard]] PatientReading reconcileIdentity(const DataMatrixReading& dm, const TextIdentity& text,
                                               bool printedByOcr = false);

} // namespace missive::ocr
