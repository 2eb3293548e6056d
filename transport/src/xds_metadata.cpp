#include "xds_metadata.h"

#include "value_sets.h"

#include <QCryptographicHash>

namespace missive::transport::detail
{
namespace
{

constexpr auto Rim = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
constexpr auto Lcm = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";

// XDS classification schemes and identification schemes (IHE ITI TF-3, DIGEST §4.3).
constexpr auto DocumentEntryType = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
constexpr auto DeAuthor = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d";
constexpr auto DeClassCode = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a";
constexpr auto DeConfidentiality = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
constexpr auto DeFormatCode = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
constexpr auto DeFacilityType = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1";
constexpr auto DePracticeSetting = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead";
constexpr auto DeTypeCode = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
constexpr auto DePatientId = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
constexpr auto DeUniqueId = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
constexpr auto SsNode = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";
constexpr auto SsAuthor = "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d";
constexpr auto SsContentType = "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500";
constexpr auto SsUniqueId = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8";
constexpr auto SsSourceId = "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832";
constexpr auto SsPatientId = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446";

// Missive's software OID (XDS sourceId): unregistered 2.25 OID, fixed.
constexpr auto SourceOid = "2.25.231840126389406016287427916313604180787";

class MetadataWriter
{
public:
    MetadataWriter(QXmlStreamWriter& xml, const DocumentFacts& facts)
        : m_xml(xml)
        , m_facts(facts)
    {
    }

    void write(const QByteArray& cda, const MetadataOptions& options);

private:
    void start(const char* name)
    {
        m_xml.writeStartElement(QString::fromLatin1(Rim), QString::fromLatin1(name));
    }
    void slot(const QString& name, const QStringList& values)
    {
        start("Slot");
        m_xml.writeAttribute(QStringLiteral("name"), name);
        start("ValueList");
        for (const QString& value : values) {
            m_xml.writeTextElement(QString::fromLatin1(Rim), QStringLiteral("Value"), value);
        }
        m_xml.writeEndElement();
        m_xml.writeEndElement();
    }
    void localizedName(const char* element, const QString& value)
    {
        start(element);
        start("LocalizedString");
        m_xml.writeAttribute(QStringLiteral("value"), value);
        m_xml.writeEndElement();
        m_xml.writeEndElement();
    }
    QString nextId(const char* prefix)
    {
        return QStringLiteral("%1%2").arg(QString::fromLatin1(prefix)).arg(++m_counter, 2, 10, QLatin1Char('0'));
    }
    void codedClassification(const char* scheme, const char* object, const CodedValue& value)
    {
        start("Classification");
        m_xml.writeAttribute(QStringLiteral("id"), nextId("cl"));
        m_xml.writeAttribute(QStringLiteral("classificationScheme"), QString::fromLatin1(scheme));
        m_xml.writeAttribute(QStringLiteral("classifiedObject"), QString::fromLatin1(object));
        m_xml.writeAttribute(QStringLiteral("nodeRepresentation"), value.code);
        slot(QStringLiteral("codingScheme"), {value.codeSystem});
        localizedName("Name", value.displayName);
        m_xml.writeEndElement();
    }
    void authorClassification(const char* scheme, const char* object);
    void externalIdentifier(const char* scheme, const char* object, const QString& value, const QString& name)
    {
        start("ExternalIdentifier");
        m_xml.writeAttribute(QStringLiteral("id"), nextId("ei"));
        m_xml.writeAttribute(QStringLiteral("identificationScheme"), QString::fromLatin1(scheme));
        m_xml.writeAttribute(QStringLiteral("registryObject"), QString::fromLatin1(object));
        m_xml.writeAttribute(QStringLiteral("value"), value);
        localizedName("Name", name);
        m_xml.writeEndElement();
    }

    QXmlStreamWriter& m_xml;
    const DocumentFacts& m_facts;
    int m_counter = 0;
};

// HL7 v2 escape sequences (v2.5 §2.7.4) for every value put in a composite: a separator inside
// a name or an identifier ("IPP1^^^&6.6.6&ISO^PI") would otherwise shift the components and change
// the assigning authority. The escape character goes first.
QString hl7Escape(const QString& value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        switch (c.unicode()) {
        case u'\\':
            out += QLatin1String("\\E\\");
            break;
        case u'|':
            out += QLatin1String("\\F\\");
            break;
        case u'^':
            out += QLatin1String("\\S\\");
            break;
        case u'&':
            out += QLatin1String("\\T\\");
            break;
        case u'~':
            out += QLatin1String("\\R\\");
            break;
        case u'\r':
        case u'\n':
            out += u' ';
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString authorXcn(const Author& author)
{
    // XCN: id^family^given^^^^^^&root&ISO^D^^^IDNPS (DIGEST §4.3).
    return QStringLiteral("8%1^%2^%3^^^^^^&%4&ISO^D^^^IDNPS")
        .arg(hl7Escape(author.rpps), hl7Escape(author.familyName), hl7Escape(author.givenName),
             QString::fromLatin1(OidRpps));
}

void MetadataWriter::authorClassification(const char* scheme, const char* object)
{
    const Author& author = m_facts.input.author;
    start("Classification");
    m_xml.writeAttribute(QStringLiteral("id"), nextId("cl"));
    m_xml.writeAttribute(QStringLiteral("classificationScheme"), QString::fromLatin1(scheme));
    m_xml.writeAttribute(QStringLiteral("classifiedObject"), QString::fromLatin1(object));
    m_xml.writeAttribute(QStringLiteral("nodeRepresentation"), QString());
    slot(QStringLiteral("authorPerson"), {authorXcn(author)});
    slot(QStringLiteral("authorInstitution"),
         {QStringLiteral("%1^^^^^&%2&ISO^IDNST^^^%3")
              .arg(hl7Escape(author.organizationName), QString::fromLatin1(OidStructure),
                   hl7Escape(author.organizationId))});
    if (!author.role.isEmpty()) {
        slot(QStringLiteral("authorRole"), {author.role}); // checked when the settings were read
    }
    slot(QStringLiteral("authorSpecialty"),
         {QStringLiteral("%1^%2^%3")
              .arg(hl7Escape(m_facts.specialty.code), hl7Escape(m_facts.specialty.displayName),
                   hl7Escape(m_facts.specialty.codeSystem))});
    m_xml.writeEndElement();
}

void MetadataWriter::write(const QByteArray& cda, const MetadataOptions& options)
{
    const DocumentInput& in = m_facts.input;
    const PatientIdentity& patient = in.patient;
    const QString cx = patientCx(m_facts);

    m_xml.writeStartElement(QString::fromLatin1(Lcm), QStringLiteral("SubmitObjectsRequest"));
    start("RegistryObjectList");

    // --- DocumentEntry ---
    start("ExtrinsicObject");
    m_xml.writeAttribute(QStringLiteral("id"), QString::fromLatin1(DocumentEntryId));
    m_xml.writeAttribute(QStringLiteral("mimeType"), QStringLiteral("text/xml"));
    m_xml.writeAttribute(QStringLiteral("objectType"), QString::fromLatin1(DocumentEntryType));
    slot(QStringLiteral("creationTime"), {xdsTimestamp(in.created)});
    slot(QStringLiteral("hash"),
         {QString::fromLatin1(QCryptographicHash::hash(cda, QCryptographicHash::Sha1).toHex())});
    slot(QStringLiteral("languageCode"), {QStringLiteral("fr-FR")});
    slot(QStringLiteral("legalAuthenticator"), {authorXcn(in.author)});
    slot(QStringLiteral("serviceStartTime"), {xdsTimestamp(in.serviceStart)});
    slot(QStringLiteral("serviceStopTime"), {xdsTimestamp(in.serviceStop)});
    slot(QStringLiteral("size"), {QString::number(cda.size())});
    // The source's own id (IPP) when known, else the patient id (DIGEST §4.3).
    const bool hasIpp = !in.patientLocalId.isEmpty() && !in.patientLocalIdRoot.isEmpty();
    slot(QStringLiteral("sourcePatientId"),
         {hasIpp ? QStringLiteral("%1^^^&%2&ISO^PI").arg(hl7Escape(in.patientLocalId), hl7Escape(in.patientLocalIdRoot))
                 : cx});
    QStringList info;
    const QString family = hl7Escape(patient.birthName.isEmpty() ? patient.usedName : patient.birthName);
    const QString given = hl7Escape(!patient.firstName.isEmpty()   ? patient.firstName
                                    : patient.firstNames.isEmpty() ? QString()
                                                                   : patient.firstNames.constFirst());
    info << QStringLiteral("PID-5|%1^%2^^^^^L").arg(family, given);
    if (patient.birthDate.isValid()) {
        info << QStringLiteral("PID-7|") + patient.birthDate.toString(QStringLiteral("yyyyMMdd"));
    }
    if (patient.sex != Sex::Unknown) {
        info << QStringLiteral("PID-8|") + sexCode(patient.sex);
    }
    if (patient.birthPlace.size() == 5) {
        info << QStringLiteral("PID-11|^^^^^^BDL^^") + hl7Escape(patient.birthPlace);
    }
    slot(QStringLiteral("sourcePatientInfo"), info);
    if (!options.uri.isEmpty()) {
        slot(QStringLiteral("URI"), {options.uri});
    }
    localizedName("Name", in.title);
    authorClassification(DeAuthor, DocumentEntryId);
    codedClassification(DeClassCode, DocumentEntryId, m_facts.classCode);
    codedClassification(DeConfidentiality, DocumentEntryId, m_facts.confidentiality);
    codedClassification(DeFormatCode, DocumentEntryId,
                        {QStringLiteral("urn:ihe:iti:xds-sd:pdf:2008"), QStringLiteral("1.3.6.1.4.1.19376.1.2.3"),
                         QStringLiteral("Document à corps non structuré en Pdf/A-1")});
    codedClassification(DeFacilityType, DocumentEntryId, m_facts.facilityType);
    codedClassification(DePracticeSetting, DocumentEntryId, m_facts.practiceSetting);
    codedClassification(DeTypeCode, DocumentEntryId, m_facts.type);
    externalIdentifier(DePatientId, DocumentEntryId, cx, QStringLiteral("XDSDocumentEntry.patientId"));
    externalIdentifier(DeUniqueId, DocumentEntryId, in.documentId, QStringLiteral("XDSDocumentEntry.uniqueId"));
    m_xml.writeEndElement(); // ExtrinsicObject

    // --- SubmissionSet ---
    start("RegistryPackage");
    m_xml.writeAttribute(QStringLiteral("id"), QString::fromLatin1(SubmissionSetId));
    slot(QStringLiteral("submissionTime"), {xdsTimestamp(options.submissionTime)});
    if (!in.intendedRecipients.isEmpty()) {
        // XON|XCN|XTN with the telecommunication only: "|^^Internet^address" (ITI TF-3 4.2.3.3.10).
        QStringList recipients;
        for (const QString& address : in.intendedRecipients) {
            recipients << QStringLiteral("|^^Internet^%1").arg(hl7Escape(address));
        }
        slot(QStringLiteral("intendedRecipient"), recipients);
    }
    localizedName("Name", in.title);
    authorClassification(SsAuthor, SubmissionSetId);
    // JDV_J59 contentTypeCode: the care the letter reports (DIGEST §4.3), checked when prepared.
    const Concept content = findContentType(in.contentTypeCode).value_or(*findContentType(QStringLiteral("07")));
    codedClassification(SsContentType, SubmissionSetId, {content.code, content.codeSystem, content.displayName});
    externalIdentifier(SsUniqueId, SubmissionSetId, in.submissionSetId, QStringLiteral("XDSSubmissionSet.uniqueId"));
    externalIdentifier(SsSourceId, SubmissionSetId, QString::fromLatin1(SourceOid),
                       QStringLiteral("XDSSubmissionSet.sourceId"));
    externalIdentifier(SsPatientId, SubmissionSetId, cx, QStringLiteral("XDSSubmissionSet.patientId"));
    m_xml.writeEndElement(); // RegistryPackage

    start("Classification");
    m_xml.writeAttribute(QStringLiteral("id"), nextId("cl"));
    m_xml.writeAttribute(QStringLiteral("classifiedObject"), QString::fromLatin1(SubmissionSetId));
    m_xml.writeAttribute(QStringLiteral("classificationNode"), QString::fromLatin1(SsNode));
    m_xml.writeEndElement();

    start("Association");
    m_xml.writeAttribute(QStringLiteral("id"), nextId("as"));
    m_xml.writeAttribute(QStringLiteral("associationType"),
                         QStringLiteral("urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember"));
    m_xml.writeAttribute(QStringLiteral("sourceObject"), QString::fromLatin1(SubmissionSetId));
    m_xml.writeAttribute(QStringLiteral("targetObject"), QString::fromLatin1(DocumentEntryId));
    slot(QStringLiteral("SubmissionSetStatus"), {QStringLiteral("Original")});
    m_xml.writeEndElement();

    m_xml.writeEndElement(); // RegistryObjectList
    m_xml.writeEndElement(); // SubmitObjectsRequest
}

} // namespace

QString patientCx(const DocumentFacts& facts)
{
    return QStringLiteral("%1^^^&%2&ISO^%3")
        .arg(hl7Escape(facts.patientIdExtension), hl7Escape(facts.patientIdRoot),
             facts.carriesIns ? QStringLiteral("NH") : QStringLiteral("PI"));
}

void writeSubmitObjectsRequest(QXmlStreamWriter& xml, const DocumentFacts& facts, const QByteArray& cda,
                               const MetadataOptions& options)
{
    MetadataWriter(xml, facts).write(cda, options);
}

QByteArray submitObjectsRequest(const DocumentFacts& facts, const QByteArray& cda, const MetadataOptions& options)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeNamespace(QString::fromLatin1(Lcm), QStringLiteral("lcm"));
    xml.writeNamespace(QString::fromLatin1(Rim), QStringLiteral("rim"));
    writeSubmitObjectsRequest(xml, facts, cda, options);
    xml.writeEndDocument();
    return out;
}

} // namespace missive::transport::detail
