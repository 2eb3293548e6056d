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
