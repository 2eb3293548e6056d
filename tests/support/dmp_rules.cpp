#include "dmp_rules.h"

#include "missive/core/ins.h"
#include "xml_handles.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStringList>
#include <functional>

namespace missive::test
{
namespace
{

using missive::transport::detail::attribute;
using missive::transport::detail::findElement;
using missive::transport::detail::parseXml;
using missive::transport::detail::textContent;
using missive::transport::detail::XmlDoc;
using namespace missive::test::dmp;

constexpr auto ProvideAndRegister = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";

// DocumentEntry and SubmissionSet schemes (IHE ITI TF-3 4.2.3; DIGEST §4.3).
constexpr auto DocumentEntryType = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
constexpr auto ClassCode = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a";
constexpr auto TypeCode = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
constexpr auto FormatCode = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
constexpr auto FacilityType = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1";
constexpr auto PracticeSetting = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead";
constexpr auto Confidentiality = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
constexpr auto SsNode = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";
constexpr auto ContentType = "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500";
constexpr auto SsUniqueId = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8";
constexpr auto SsSourceId = "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832";
constexpr auto HasMember = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember";

Refusal fault(const char* code, const char* rule, const QString& message)
{
    return Refusal{true, QString::fromLatin1(code), QString::fromLatin1(rule), message};
}

Refusal failure(const char* code, const char* rule, const QString& message)
{
    return Refusal{false, QString::fromLatin1(code), QString::fromLatin1(rule), message};
}

bool isOid(const QString& value)
{
    static const QRegularExpression oid(QStringLiteral("^[0-2](\\.(0|[1-9][0-9]*))+$"));
    return value.size() <= 64 && oid.match(value).hasMatch();
}

// An XDS uniqueId: an OID, or "root^extension" whose root is one (IHE ITI TF-3 4.2.3.2.26).
bool isUniqueId(const QString& value)
{
    const qsizetype caret = value.indexOf(QLatin1Char('^'));
    return caret < 0 ? isOid(value) : isOid(value.left(caret)) && caret + 1 < value.size() && value.size() <= 128;
}

// Direct element children of `parent` named `name` in namespace `ns`.
QList<xmlNode*> children(xmlNode* parent, const char* ns, const char* name)
{
    QList<xmlNode*> out;
    for (xmlNode* child = parent ? parent->children : nullptr; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && xmlStrEqual(child->name, x(name)) && child->ns != nullptr
            && xmlStrEqual(child->ns->href, x(ns))) {
            out << child;
        }
    }
    return out;
}

QString slot(xmlNode* object, const char* name)
{
    for (xmlNode* s : children(object, RimNs, "Slot")) {
        if (attribute(s, "name") == QLatin1String(name)) {
            xmlNode* value = findElement(s->children, RimNs, "Value");
            return value ? textContent(value).trimmed() : QString();
        }
    }
    return {};
}

QList<xmlNode*> classifications(xmlNode* object, const char* scheme)
{
    QList<xmlNode*> out;
    for (xmlNode* c : children(object, RimNs, "Classification")) {
        if (attribute(c, "classificationScheme") == QLatin1String(scheme)) {
            out << c;
        }
    }
    return out;
}

QString externalIdentifier(xmlNode* object, const char* scheme)
{
    for (xmlNode* e : children(object, RimNs, "ExternalIdentifier")) {
        if (attribute(e, "identificationScheme") == QLatin1String(scheme)) {
            return attribute(e, "value");
        }
    }
    return {};
}

// "code@codeSystem" of a coded classification, empty when either is missing.
QString codedValue(xmlNode* classification)
{
    const QString code = attribute(classification, "nodeRepresentation");
    const QString system = slot(classification, "codingScheme");
    return code.isEmpty() || system.isEmpty() ? QString() : code + QLatin1Char('@') + system;
}

struct CodedRule
{
    const char* scheme;
    const char* rule;
    const char* what;
    std::function<bool(const QString&)> allowed;
};

QString samlAttributeText(xmlNode* statement, const QString& name, bool* present)
{
    for (xmlNode* a : children(statement, SamlNs, "Attribute")) {
        if (attribute(a, "Name") == name) {
            *present = true;
            xmlNode* value = findElement(a->children, SamlNs, "AttributeValue");
            if (value == nullptr) {
                return {};
            }
            // A coded value (Role, PurposeOfUse) is an element with a code; else the text.
            for (xmlNode* c = value->children; c != nullptr; c = c->next) {
                if (c->type == XML_ELEMENT_NODE) {
                    return attribute(c, "code");
                }
            }
            return textContent(value).trimmed();
        }
    }
    *present = false;
    return {};
}

} // namespace

Terminologies Terminologies::load(const QString& directory)
{
    Terminologies out;
    const auto read = [&](const char* file, QSet<QString>& into) {
        QFile f(QDir(directory).filePath(QString::fromLatin1(file)));
        if (!f.open(QIODevice::ReadOnly)) {
            return;
        }
        XmlDoc doc = parseXml(f.readAll());
        xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
        for (xmlNode* c = root ? findElement(root->children, "urn:ihe:iti:svs:2008", "Concept") : nullptr; c != nullptr;
             c = c->next) {
            if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, x("Concept"))) {
                into << attribute(c, "code") + QLatin1Char('@') + attribute(c, "codeSystem");
            }
        }
    };
    read("JDV_J07_XdsTypeCode_CISIS.xml", out.typeCodes);
    read("JDV_J02_XdsHealthcareFacilityTypeCode_CISIS.xml", out.facilityTypes);
    read("JDV_J04_XdsPracticeSettingCode_CISIS.xml", out.practiceSettings);
    read("JDV_J08_XdsConfidentialityCode_CISIS.xml", out.confidentiality);
    read("JDV_HL7_Confidentiality_CISIS.xml", out.confidentiality);
    return out;
}

bool Terminologies::complete() const
{
    return !typeCodes.isEmpty() && !facilityTypes.isEmpty() && !practiceSettings.isEmpty()
           && !confidentiality.isEmpty();
}

std::optional<Refusal> checkHeaderRules(xmlNode* envelope, const QDateTime& now)
{
    xmlNode* header = children(envelope, SoapNs, "Header").value(0);
    // WS-Addressing (ITI TF-2x V.3.2; DIGEST §4.1): Action, MessageID and To, the action ITI-41's.
    const QList<xmlNode*> action = children(header, WsaNs, "Action");
    if (action.isEmpty() || children(header, WsaNs, "MessageID").isEmpty()
        || textContent(children(header, WsaNs, "MessageID").value(0)).trimmed().isEmpty()
        || children(header, WsaNs, "To").isEmpty()
        || textContent(children(header, WsaNs, "To").value(0)).trimmed().isEmpty()) {
        return fault("wsa:MessageAddressingHeaderRequired", "WSA-1",
                     QStringLiteral("wsa:Action, wsa:MessageID and wsa:To are required"));
    }
    if (textContent(action.front()).trimmed() != QLatin1String(ProvideAndRegister)) {
        return fault("wsa:ActionNotSupported", "WSA-2",
                     QStringLiteral("wsa:Action is not ProvideAndRegisterDocumentSet-b"));
    }
    // The VIHF in wsse:Security, itself in the SOAP header (WS-Security SAML token profile).
    const QList<xmlNode*> security = children(header, WsseNs, "Security");
    xmlNode* assertion = security.size() == 1 ? children(security.front(), SamlNs, "Assertion").value(0) : nullptr;
    if (assertion == nullptr) {
        return fault("wsse:InvalidSecurity", "SEC-1",
                     QStringLiteral("the VIHF must be the assertion of wsse:Security"));
    }
    // The VIHF's attributes (DIGEST §4.2, ANS VIHF example): each present with a value.
    xmlNode* subject = children(assertion, SamlNs, "Subject").value(0);
    if (subject == nullptr || textContent(children(subject, SamlNs, "NameID").value(0)).trimmed().isEmpty()) {
        return fault("wsse:InvalidSecurityToken", "VIHF-1", QStringLiteral("VIHF without Subject/NameID"));
    }
    xmlNode* statement = children(assertion, SamlNs, "AttributeStatement").value(0);
    static const QStringList required{
        QStringLiteral("VIHF_Version"),
        QStringLiteral("Authentification_Mode"),
        QStringLiteral("Secteur_Activite"),
        QStringLiteral("urn:oasis:names:tc:xacml:2.0:resource:resource-id"),
        QStringLiteral("Ressource_URN"),
        QStringLiteral("urn:oasis:names:tc:xspa:1.0:subject:subject-id"),
        QStringLiteral("Identifiant_Structure"),
        QStringLiteral("LPS_ID"),
        QStringLiteral("LPS_Nom"),
        QStringLiteral("LPS_Version"),
        QStringLiteral("urn:oasis:names:tc:xspa:1.0:subject:purposeofuse"),
        QStringLiteral("urn:oasis:names:tc:xacml:2.0:subject:role"),
    };
    for (const QString& name : required) {
        bool present = false;
        if (samlAttributeText(statement, name, &present).isEmpty()) {
            return fault("wsse:InvalidSecurityToken", "VIHF-2", QStringLiteral("VIHF attribute %1 missing").arg(name));
        }
    }
    bool present = false;
    if (!QStringList{QStringLiteral("3.0"), QStringLiteral("4.0")}.contains(
            samlAttributeText(statement, QStringLiteral("VIHF_Version"), &present))) {
        return fault("wsse:InvalidSecurityToken", "VIHF-3", QStringLiteral("unknown VIHF_Version"));
    }
    // Validity: issued now (within clock skew), and inside its Conditions when it states them.
    const QDateTime issued = QDateTime::fromString(attribute(assertion, "IssueInstant"), Qt::ISODateWithMs);
    if (!issued.isValid() || issued > now.addSecs(300) || issued < now.addSecs(-3600)) {
        return fault("wsse:InvalidSecurityToken", "VIHF-4", QStringLiteral("VIHF IssueInstant outside its validity"));
    }
    if (xmlNode* conditions = children(assertion, SamlNs, "Conditions").value(0)) {
        const QDateTime notBefore = QDateTime::fromString(attribute(conditions, "NotBefore"), Qt::ISODateWithMs);
        const QDateTime notAfter = QDateTime::fromString(attribute(conditions, "NotOnOrAfter"), Qt::ISODateWithMs);
        if ((notBefore.isValid() && now.addSecs(300) < notBefore) || (notAfter.isValid() && now >= notAfter)) {
            return fault("wsse:InvalidSecurityToken", "VIHF-4", QStringLiteral("VIHF outside its Conditions"));
        }
    }
    return std::nullopt;
}

std::optional<Refusal> checkMetadataRules(xmlNode* request, const QMap<QString, QByteArray>& documents,
                                          const Terminologies& terms)
{
    xmlNode* submit =
        findElement(request->children, "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0", "SubmitObjectsRequest");
    xmlNode* list = submit ? children(submit, RimNs, "RegistryObjectList").value(0) : nullptr;
    xmlNode* entry = list ? children(list, RimNs, "ExtrinsicObject").value(0) : nullptr;
    xmlNode* set = list ? children(list, RimNs, "RegistryPackage").value(0) : nullptr;
    if (entry == nullptr || set == nullptr) {
        return failure("XDSRegistryMetadataError", "MD-1",
                       QStringLiteral("a DocumentEntry and a SubmissionSet are required"));
    }
    if (attribute(entry, "objectType") != QLatin1String(DocumentEntryType)) {
        return failure("XDSRegistryMetadataError", "MD-1",
                       QStringLiteral("DocumentEntry objectType is not the stable one"));
    }

    // Coded classifications of the DocumentEntry, each from its value set (JDV).
    static const QSet<QString> n1Formats{QStringLiteral("urn:ihe:iti:xds-sd:pdf:2008@1.3.6.1.4.1.19376.1.2.3"),
                                         QStringLiteral("urn:ihe:iti:xds-sd:text:2008@1.3.6.1.4.1.19376.1.2.3")};
    static const QRegularExpression classCode(QStringLiteral(R"(^\d{2}@1\.2\.250\.1\.213\.1\.1\.4\.1$)"));
    const QList<CodedRule> coded{
        {ClassCode, "MD-2", "classCode", [](const QString& v) { return classCode.match(v).hasMatch(); }},
        {TypeCode, "MD-3", "typeCode", [&](const QString& v) { return terms.typeCodes.contains(v); }},
        {FormatCode, "MD-4", "formatCode", [](const QString& v) { return n1Formats.contains(v); }},
        {FacilityType, "MD-5", "healthcareFacilityTypeCode",
         [&](const QString& v) { return terms.facilityTypes.contains(v); }},
        {PracticeSetting, "MD-6", "practiceSettingCode",
         [&](const QString& v) { return terms.practiceSettings.contains(v); }},
        {Confidentiality, "MD-7", "confidentialityCode",
         [&](const QString& v) { return terms.confidentiality.contains(v); }},
    };
    for (const CodedRule& rule : coded) {
        const QList<xmlNode*> found = classifications(entry, rule.scheme);
        const bool repeatable = rule.scheme == Confidentiality;
        if (found.isEmpty() || (!repeatable && found.size() > 1)) {
            return failure("XDSRegistryMetadataError", rule.rule,
                           QStringLiteral("DocumentEntry.%1 missing or repeated").arg(QString::fromLatin1(rule.what)));
        }
        for (xmlNode* c : found) {
            if (!rule.allowed(codedValue(c))) {
                return failure(
                    "XDSRegistryMetadataError", rule.rule,
                    QStringLiteral("DocumentEntry.%1 not in its value set").arg(QString::fromLatin1(rule.what)));
            }
        }
    }
    // The unstructured N1 formats carry a CDA: mimeType text/xml.
    if (attribute(entry, "mimeType") != QLatin1String("text/xml")) {
        return failure("XDSRegistryMetadataError", "MD-8", QStringLiteral("mimeType not allowed for the formatCode"));
    }
    if (!isUniqueId(externalIdentifier(entry, DeUniqueId))) {
        return failure("XDSRegistryMetadataError", "MD-9", QStringLiteral("DocumentEntry.uniqueId is not an OID"));
    }

    // The submission set: its node, contentTypeCode (JDV_J59), uniqueId, sourceId, and HasMember.
    bool node = false;
    for (xmlNode* c : children(list, RimNs, "Classification")) {
        node = node
               || (attribute(c, "classificationNode") == QLatin1String(SsNode)
                   && attribute(c, "classifiedObject") == attribute(set, "id"));
    }
    if (!node) {
        return failure("XDSRegistryMetadataError", "SS-1", QStringLiteral("SubmissionSet classification node missing"));
    }
    const QList<xmlNode*> content = classifications(set, ContentType);
    static const QRegularExpression j59(QStringLiteral(R"(^\d{2}@1\.2\.250\.1\.213\.2\.2$)"));
    if (content.size() != 1 || !j59.match(codedValue(content.front())).hasMatch()) {
        return failure("XDSRegistryMetadataError", "SS-2",
                       QStringLiteral("SubmissionSet.contentTypeCode missing or not in JDV_J59"));
    }
    if (!isUniqueId(externalIdentifier(set, SsUniqueId))) {
        return failure("XDSRegistryMetadataError", "SS-3", QStringLiteral("SubmissionSet.uniqueId is not an OID"));
    }
    if (!isOid(externalIdentifier(set, SsSourceId))) {
        return failure("XDSRegistryMetadataError", "SS-4",
                       QStringLiteral("SubmissionSet.sourceId missing or not an OID"));
    }
    bool member = false;
    for (xmlNode* a : children(list, RimNs, "Association")) {
        member = member
                 || (attribute(a, "associationType") == QLatin1String(HasMember)
                     && attribute(a, "sourceObject") == attribute(set, "id")
                     && attribute(a, "targetObject") == attribute(entry, "id")
                     && slot(a, "SubmissionSetStatus") == QLatin1String("Original"));
    }
    if (!member) {
        return failure("XDSRegistryMetadataError", "SS-5",
                       QStringLiteral("no HasMember association (Original) to the DocumentEntry"));
    }

    // The document itself: a CDA whose patient is the metadata's.
    XmlDoc cda = parseXml(documents.value(attribute(entry, "id")));
    xmlNode* root = cda ? xmlDocGetRootElement(cda.get()) : nullptr;
    if (root == nullptr || !xmlStrEqual(root->name, x("ClinicalDocument")) || root->ns == nullptr
        || !xmlStrEqual(root->ns->href, x(CdaNs))) {
        return failure("XDSRepositoryMetadataError", "DOC-1", QStringLiteral("the document is not a CDA"));
    }
    static const QRegularExpression cx(QStringLiteral("^([0-9AB]{15})\\^\\^\\^&([0-9.]+)&ISO\\^NH$"));
    const auto patient = cx.match(externalIdentifier(entry, DePatientId));
    xmlNode* role = findElement(root->children, CdaNs, "patientRole");
    bool same = false;
    for (xmlNode* id : children(role, CdaNs, "id")) {
        same = same
               || (patient.hasMatch() && attribute(id, "root") == patient.captured(2)
                   && attribute(id, "extension") == patient.captured(1));
    }
    if (!same) {
        return failure("XDSPatientIdDoesNotMatch", "DOC-2", QStringLiteral("the CDA's patient is not the metadata's"));
    }
    return std::nullopt;
}

} // namespace missive::test
