#pragma once
// Reconciles the INS DataMatrix with the printed traits. The INS is released only when the key
// is right, the matricule agrees with the traits it encodes, every source agrees and every
// strict trait is known; otherwise it is withheld and the reason given. A DataMatrix is trusted
// only when its birth name, first name and birth date are found printed on the letter (in a
// field the reader understood, or anywhere in the text); when they are not all found and
// nothing printed contradicts it, its identity is kept for a person to confirm (Unverified).

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
    bool cut = false;        // none read, but a scan's edge cuts a square that looks like one
};

// `printedByOcr`: the printed traits come from OCR: a name is then found in the text with one
// misread letter (in names of six letters or more); dates always exactly.
[[nodiscard]] PatientReading reconcileIdentity(const DataMatrixReading& dm, const TextIdentity& text,
                                               bool printedByOcr = false);

} // namespace missive::ocr
