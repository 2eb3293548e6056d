#pragma once
// The DMP's own rules on a Provide and Register request, as the LOCAL TEST ENDPOINT enforces them
// after the XDS schema (docs/dmp-test-endpoint.md lists each rule and its source). Checked on the
// parsed SOAP envelope with its attachments put back.

#include <QByteArray>
#include <QDateTime>
#include <QMap>
#include <QSet>
#include <QString>
#include <libxml/tree.h>
#include <optional>

namespace missive::test
{

// The names the repository checks, written here from the IHE and ANS specifications rather than
// taken from Missive's own writer, so that a slip there is caught.
namespace dmp
{
inline constexpr auto SoapNs = "http://www.w3.org/2003/05/soap-envelope";
inline constexpr auto WsaNs = "http://www.w3.org/2005/08/addressing";
inline constexpr auto WsseNs = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
inline constexpr auto SamlNs = "urn:oasis:names:tc:SAML:2.0:assertion";
inline constexpr auto DsigNs = "http://www.w3.org/2000/09/xmldsig#";
inline constexpr auto XdsbNs = "urn:ihe:iti:xds-b:2007";
inline constexpr auto XopNs = "http://www.w3.org/2004/08/xop/include";
inline constexpr auto RimNs = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
inline constexpr auto CdaNs = "urn:hl7-org:v3";
inline constexpr auto DePatientId = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
inline constexpr auto SsPatientId = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446";
inline constexpr auto DeUniqueId = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";

inline const xmlChar* x(const char* text)
{
    return reinterpret_cast<const xmlChar*>(text);
}
} // namespace dmp

// Codes of a value set: "code@codeSystem".
struct Terminologies
{
    QSet<QString> typeCodes;        // JDV_J07
    QSet<QString> facilityTypes;    // JDV_J02
    QSet<QString> practiceSettings; // JDV_J04
    QSet<QString> confidentiality;  // JDV_J08 and the HL7 confidentiality codes

    // Reads the JDV files (IHE SVS RetrieveValueSetResponse) of `directory`; empty on failure.
    static Terminologies load(const QString& directory);
    [[nodiscard]] bool complete() const;
};

struct Refusal
{
    bool fault = false; // a SOAP fault (header rules), else a RegistryResponse failure
    QString code;       // fault subcode or XDS error code
    QString rule;       // the rule's id in the table
    QString message;
};

// The first rule the request breaks, or nothing. `documents`: Document@id -> bytes.
[[nodiscard]] std::optional<Refusal> checkHeaderRules(xmlNode* envelope, const QDateTime& now);
[[nodiscard]] std::optional<Refusal> checkMetadataRules(xmlNode* request, const QMap<QString, QByteArray>& documents,
                                                        const Terminologies& terminologies);

} // namespace missive::test
