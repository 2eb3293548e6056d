#pragma once
// Feeding the patient's DMP: IHE ITI-41 Provide and Register Document Set-b over SOAP 1.2 / MTOM,
// authenticated by a VIHF (SAML 2.0 assertion signed by the structure's certificate) and TLS with
// a client certificate (specs DIGEST §4). Only for a patient with a qualified INS and all traits.

#include "missive/core/result.h"
#include "missive/transport/failure.h"
#include "missive/transport/package.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <chrono>

namespace missive::transport
{

struct DmpSettings
{
    QString endpointUrl;          // https://…/repository (ITI-41 endpoint); https only
    QString clientCertificateP12; // PKCS#12 of the structure: TLS client authentication
    QByteArray passphrase;        // of clientCertificateP12
    QString caBundle;             // PEM bundle the server certificate must chain to (IGC-Santé)
    // The VIHF signing certificate ("certificat de cachet"); empty = clientCertificateP12.
    QString signingCertificateP12;
    QByteArray signingPassphrase;
    QString structureId;                             // Identifiant_Structure (IDNST)
    QString responsibleId;                           // Subject/NameID: the person responsible for the automated feed
    QString activitySector = QStringLiteral("SA07"); // Secteur_Activite, JDV_J61 (1.2.250.1.71.4.2.4)
    QString softwareId;                              // LPS_ID (OID)
    QString softwareName = QStringLiteral("Missive");
    QString softwareVersion;
    QString homologationId; // LPS_ID_HOMOLOGATION_DMP
    std::chrono::seconds timeout{60};
};

struct DmpFailure
{
    Error error;
    FailureKind kind = FailureKind::Permanent;
    // XDS errorCode values (e.g. XDSPatientIdDoesNotMatch), if any. XDSDuplicateUniqueIdInRegistry on
    // a retry with the same fixed ids means an earlier attempt was registered.
    QStringList registryErrorCodes;
    int httpStatus = 0;
};

struct DmpReceipt
{
    QString documentUniqueId;
    QString submissionSetUniqueId;
    QString registryStatus; // urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success
    int httpStatus = 0;
};

// Like Result<T>, with the retry decision the outbox needs.
using DmpResult = tl::expected<DmpReceipt, DmpFailure>;

// Builds the package (buildPackage) and submits it. Refused locally (Permanent, InvalidArgument)
// when the patient has no valid INS with all its traits.
[[nodiscard]] DmpResult submitToDmp(const DocumentInput& input, const DmpSettings& settings);

} // namespace missive::transport
