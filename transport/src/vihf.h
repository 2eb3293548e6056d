#pragma once
// Internal: the VIHF, a SAML 2.0 assertion signed (enveloped XML-DSig, exc-c14n, RSA-SHA256) with
// the structure's certificate (specs DIGEST §4.2, shared/specs/dmp/VIHF-example-automate.xml).

#include "missive/core/result.h"
#include "missive/transport/dmp.h"

#include <QDateTime>
#include <functional>

namespace missive::transport::detail
{

inline constexpr auto SamlNs = "urn:oasis:names:tc:SAML:2.0:assertion";
inline constexpr auto DsigNs = "http://www.w3.org/2000/09/xmldsig#";
inline constexpr auto ResourceIdAttribute = "urn:oasis:names:tc:xacml:2.0:resource:resource-id";

struct VihfInput
{
    QString patientCx; // resource-id: "<INS>^^^&<OID>&ISO^NH"
    QDateTime now;
    // Tests only: changes the assertion before it is signed (what a broken client would sign).
    std::function<void(QByteArray&)> beforeSigning = {};
};

// The signed <Assertion> element (no XML declaration), ready to go into wsse:Security.
[[nodiscard]] Result<QByteArray> buildSignedVihf(const DmpSettings& settings, const VihfInput& input);

// Subject DN (RFC 2253) of the certificate in a PKCS#12 file; fails on a wrong passphrase.
[[nodiscard]] Result<QString> certificateSubject(const QString& p12Path, const QByteArray& passphrase);

} // namespace missive::transport::detail
