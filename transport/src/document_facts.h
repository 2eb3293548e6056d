#pragma once
// Internal: a DocumentInput checked and completed (identifiers generated, codes resolved against
// the CI-SIS value sets) so that the CDA, the XDS metadata and the VIHF all say the same thing.

#include "missive/transport/package.h"

#include <QString>

namespace missive::transport::detail
{

struct CodedValue
{
    QString code;
    QString codeSystem;
    QString displayName;
};

struct DocumentFacts
{
    DocumentInput input; // identifiers and dates filled in
    bool carriesIns = false;
    QString patientIdRoot;      // INS OID, or the local id's root
    QString patientIdExtension; // matricule INS, or the local id
    CodedValue type;
    CodedValue confidentiality;
    CodedValue specialty;
    CodedValue facilityType;
    CodedValue practiceSetting;
    CodedValue classCode; // XDS classCode (JDV_J57), derived from the type
};

[[nodiscard]] Result<DocumentFacts> resolveDocument(const DocumentInput& input);

// An OID under 2.25 (ITU-T X.667) from a fresh random UUID: unique without a registered root.
[[nodiscard]] QString generateOid();
// CDA TS with the UTC offset ("20250102134500+0100") and XDS DTM in UTC ("20250102124500").
[[nodiscard]] QString cdaTimestamp(const QDateTime& time);
[[nodiscard]] QString xdsTimestamp(const QDateTime& time);

[[nodiscard]] QByteArray writeCda(const DocumentFacts& facts);

} // namespace missive::transport::detail
