// libFuzzer target: the INS DataMatrix payload parser and the printed-identity parser, then
// their reconciliation. Any crash, sanitizer report or broken invariant is a finding.

#include "identity_check.h"
#include "identity_text.h"
#include "ins_datamatrix.h"
#include "missive/core/ins.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace missive;
    using namespace missive::ocr;
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));

    // The first byte chooses how the rest is read, so one corpus covers both parsers.
    DataMatrixReading dm;
    auto parsed = parseInsDataMatrix(bytes);
    if (parsed) {
        if (parsed->matricule.size() != 15 || !parsed->birthDate.isValid()) {
            std::abort(); // a payload is accepted only whole
        }
        dm.parsed = *parsed;
    }
    const QStringList lines = QString::fromUtf8(bytes).split(QLatin1Char('\n'));
    const TextIdentity text = parseIdentityText(lines);
    const PatientReading reading = reconcileIdentity(dm, text);
    // Identity safety invariant: an INS is released only with a valid key and a consistent status.
    if (!reading.identity.ins.isEmpty()
        && (reading.status != IdentityStatus::Consistent || !ins::isValidMatricule(reading.identity.ins))) {
        std::abort();
    }
    if (reading.status != IdentityStatus::Consistent && reading.reasons.isEmpty()) {
        std::abort(); // a withheld INS always comes with its reason
    }
    return 0;
}
