#pragma once
// Internal: the ebRIM 3.0 SubmitObjectsRequest describing one CDA (specs DIGEST §4.3), shared by
// the XDM archive (METADATA.XML, with the URI slot) and the DMP ITI-41 request.

#include "document_facts.h"

#include <QByteArray>
#include <QXmlStreamWriter>

namespace missive::transport::detail
{

inline constexpr auto DocumentEntryId = "Document01";
inline constexpr auto SubmissionSetId = "SubmissionSet01";

// Patient id in HL7 CX form: "<id>^^^&<oid>&ISO^NH" for an INS, "^PI" for a local id.
[[nodiscard]] QString patientCx(const DocumentFacts& facts);

struct MetadataOptions
{
    QString uri; // XDM: the CDA's file name in the subset; empty for the DMP
    QDateTime submissionTime;
};

// Writes <lcm:SubmitObjectsRequest> into an open writer (the caller owns the document).
void writeSubmitObjectsRequest(QXmlStreamWriter& xml, const DocumentFacts& facts, const QByteArray& cda,
                               const MetadataOptions& options);
// The same as a standalone document.
[[nodiscard]] QByteArray submitObjectsRequest(const DocumentFacts& facts, const QByteArray& cda,
                                              const MetadataOptions& options);

} // namespace missive::transport::detail
