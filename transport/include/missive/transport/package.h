#pragma once
// The documents Missive sends: a CDA R2 level 1 (the PDF in nonXMLBody, header per the CI-SIS
// "structuration minimale") and the IHE XDM archive that carries it (specs DIGEST §2–§3).

#include "missive/core/document_type.h"
#include "missive/core/patient.h"
#include "missive/core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace missive::transport
{

// National identifier roots (ASIP/ANS OIDs used in every CI-SIS sample).
inline constexpr auto OidRpps = "1.2.250.1.71.4.2.1";      // IDNPS: "8" + RPPS
inline constexpr auto OidStructure = "1.2.250.1.71.4.2.2"; // IDNST: type digit + FINESS/SIRET/...

struct Author
{
    QString rpps;             // 11 digits; the CDA carries "8" + rpps
    QString familyName;       // nom d'exercice
    QString givenName;        // prénom d'exercice
    QString specialtyCode;    // JDV_J01 (e.g. "G15_10/SM26"); display name looked up in the value set
    QString organizationId;   // IDNST of the structure: type digit + number (e.g. "1" + FINESS)
    QString organizationName; // raison sociale
    QString role;             // XDS authorRole as IT configured it ("code^^^&OID&ISO"); empty: not sent
};

struct DocumentInput
{
    QByteArray pdf;
    QString title;
    DocumentType type; // from missive::findDocumentType (JDV_J07)
    PatientIdentity patient;
    Author author;
    QDateTime created;
    QString confidentiality = QStringLiteral("N"); // N, R or V (HL7 Confidentiality)

    // Identifiers: empty means "generate" (OIDs under 2.25, from a random UUID). The outbox fixes
    // them at enqueue so that a retry sends the very same document.
    QString documentId;      // CDA id@root (= XDS uniqueId)
    QString setId;           // CDA setId@root, shared by every version of the document
    int version = 1;         // CDA versionNumber
    QString submissionSetId; // XDS SubmissionSet uniqueId

    // Local patient id (IPP) with the OID of the assigning facility; used as patient id when the
    // INS cannot be carried.
    QString patientLocalId;
    QString patientLocalIdRoot;

    // Care event: default to `created` when not set.
    QDateTime serviceStart;
    QDateTime serviceStop;
    QString facilityTypeCode = QStringLiteral("SA07");           // JDV_J02 healthcareFacilityTypeCode
    QString practiceSettingCode = QStringLiteral("AMBULATOIRE"); // JDV_J04 practiceSettingCode
    // SubmissionSet contentTypeCode (JDV_J59, TRE_R209 activity type): 03 a stay, 04 a day stay,
    // 07 a consultation.
    QString contentTypeCode = QStringLiteral("07");
    // The MSSanté addresses the document goes to: the SubmissionSet's intendedRecipient (XTN),
    // known once the secretary has confirmed them.
    QStringList intendedRecipients;

    // Software identity for README.TXT / XDS sourceId.
    QString softwareName = QStringLiteral("Missive");
    QString softwareVersion;
};

struct Package
{
    QByteArray cda;    // DOC0001.XML
    QByteArray xdmZip; // IHE_XDM.zip
    QString documentUniqueId;
    QString submissionSetUniqueId;
    bool insIncluded = false; // the qualified INS and its traits are in the CDA (X-MSS-INS: O)
};

// True when the CDA may carry the INS: valid matricule and INS authority OID, all strict traits.
[[nodiscard]] bool canCarryIns(const PatientIdentity& patient);

// Builds the CDA and its XDM archive. Fails (InvalidArgument, French message) on missing facts:
// empty PDF, unknown document type or codes, no author RPPS, no usable patient identifier.
[[nodiscard]] Result<Package> buildPackage(const DocumentInput& input);

// The CDA alone (same checks as buildPackage).
[[nodiscard]] Result<QByteArray> buildCda(const DocumentInput& input);

// A new OID under 2.25 (ITU-T X.667) from a random UUID, for document and submission set ids.
[[nodiscard]] QString newUniqueOid();

// The facts of a document without its PDF, as the outbox keeps them: a retry rebuilds the very same
// CDA (same identifiers, same dates) from them and the stored PDF.
[[nodiscard]] QJsonObject documentInputToJson(const DocumentInput& input);
[[nodiscard]] Result<DocumentInput> documentInputFromJson(const QJsonObject& json, const QByteArray& pdf);

} // namespace missive::transport
