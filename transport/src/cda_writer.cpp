// The CDA R2 level 1 header of CI-SIS "structuration minimale" (specs DIGEST §2.1), element order
// as in POCD_MT000040.ClinicalDocument, with the PDF base64-encoded in nonXMLBody.

#include "document_facts.h"

#include <QXmlStreamWriter>

namespace missive::transport::detail
{
namespace
{

class CdaWriter
{
public:
    explicit CdaWriter(QByteArray* out)
        : m_xml(out)
    {
        m_xml.setAutoFormatting(true);
        m_xml.setAutoFormattingIndent(2);
    }

    void write(const DocumentFacts& facts);

private:
    void empty(const QString& name, std::initializer_list<std::pair<QString, QString>> attributes)
    {
        m_xml.writeEmptyElement(name);
        for (const auto& [key, value] : attributes) {
            if (!value.isEmpty()) {
                m_xml.writeAttribute(key, value);
            }
        }
    }
    void coded(const QString& name, const CodedValue& value)
    {
        empty(name, {{QStringLiteral("code"), value.code},
                     {QStringLiteral("codeSystem"), value.codeSystem},
                     {QStringLiteral("displayName"), value.displayName}});
    }
    void id(const QString& root, const QString& extension = {})
    {
        empty(QStringLiteral("id"), {{QStringLiteral("root"), root}, {QStringLiteral("extension"), extension}});
    }
    void time(const QString& name, const QDateTime& value)
    {
        empty(name, {{QStringLiteral("value"), cdaTimestamp(value)}});
    }
    void interval(const QDateTime& low, const QDateTime& high)
    {
        // The DTr1 IVL_TS rule forbids low == high: an instant has only its low bound.
        m_xml.writeStartElement(QStringLiteral("effectiveTime"));
        time(QStringLiteral("low"), low);
        if (cdaTimestamp(high) != cdaTimestamp(low)) {
            time(QStringLiteral("high"), high);
        }
        m_xml.writeEndElement();
    }
    void text(const QString& name, const QString& value, const QString& qualifier = {})
    {
        m_xml.writeStartElement(name);
        if (!qualifier.isEmpty()) {
            m_xml.writeAttribute(QStringLiteral("qualifier"), qualifier);
        }
        m_xml.writeCharacters(value);
        m_xml.writeEndElement();
    }
    void personName(const Author& author)
    {
        m_xml.writeStartElement(QStringLiteral("assignedPerson"));
        m_xml.writeStartElement(QStringLiteral("name"));
        if (!author.givenName.isEmpty()) {
            text(QStringLiteral("given"), author.givenName);
        }
        text(QStringLiteral("family"), author.familyName);
        m_xml.writeEndElement();
        m_xml.writeEndElement();
    }
    void organization(const QString& element, const Author& author)
    {
        m_xml.writeStartElement(element);
        id(QString::fromLatin1(OidStructure), author.organizationId);
        text(QStringLiteral("name"), author.organizationName);
    }
    void recordTarget(const DocumentFacts& facts);

    QXmlStreamWriter m_xml;
};

void CdaWriter::recordTarget(const DocumentFacts& facts)
{
    const PatientIdentity& patient = facts.input.patient;
    m_xml.writeStartElement(QStringLiteral("recordTarget"));
    m_xml.writeStartElement(QStringLiteral("patientRole"));
    id(facts.patientIdRoot, facts.patientIdExtension);
    if (facts.carriesIns && !facts.input.patientLocalId.isEmpty() && !facts.input.patientLocalIdRoot.isEmpty()) {
        id(facts.input.patientLocalIdRoot, facts.input.patientLocalId);
    }
    m_xml.writeStartElement(QStringLiteral("patient"));
    m_xml.writeAttribute(QStringLiteral("classCode"), QStringLiteral("PSN"));
    m_xml.writeStartElement(QStringLiteral("name"));
    // Birth identity (INS strict traits, §1.3), then the used name when it differs.
    if (!patient.birthName.isEmpty()) {
        text(QStringLiteral("family"), patient.birthName, QStringLiteral("BR"));
    }
    if (!patient.firstNames.isEmpty()) {
        text(QStringLiteral("given"), patient.firstNames.join(u' '));
    }
    const QString firstName = !patient.firstName.isEmpty()   ? patient.firstName
                              : patient.firstNames.isEmpty() ? QString()
                                                             : patient.firstNames.constFirst();
    if (!firstName.isEmpty()) {
        text(QStringLiteral("given"), firstName, QStringLiteral("BR"));
    }
    if (!patient.usedName.isEmpty() && patient.usedName != patient.birthName) {
        text(QStringLiteral("family"), patient.usedName, QStringLiteral("CL"));
    }
    m_xml.writeEndElement(); // name
    if (patient.sex != Sex::Unknown) {
        const bool female = patient.sex == Sex::Female;
        empty(QStringLiteral("administrativeGenderCode"),
              {{QStringLiteral("code"), sexCode(patient.sex)},
               {QStringLiteral("displayName"), female ? QStringLiteral("Féminin") : QStringLiteral("Masculin")},
               {QStringLiteral("codeSystem"), QStringLiteral("2.16.840.1.113883.5.1")}});
    } else {
        // The CI-SIS requires a code: "UN" (Inconnu) from JDV_J143.
        empty(QStringLiteral("administrativeGenderCode"),
              {{QStringLiteral("code"), QStringLiteral("UN")},
               {QStringLiteral("displayName"), QStringLiteral("Inconnu")},
               {QStringLiteral("codeSystem"), QStringLiteral("2.16.840.1.113883.5.1")}});
    }
    if (patient.birthDate.isValid()) {
        empty(QStringLiteral("birthTime"),
              {{QStringLiteral("value"), patient.birthDate.toString(QStringLiteral("yyyyMMdd"))}});
    }
    if (patient.birthPlace.size() == 5) {
        m_xml.writeStartElement(QStringLiteral("birthplace"));
        m_xml.writeStartElement(QStringLiteral("place"));
        m_xml.writeStartElement(QStringLiteral("addr"));
        text(QStringLiteral("county"), patient.birthPlace);
        m_xml.writeEndElement();
        m_xml.writeEndElement();
        m_xml.writeEndElement();
    }
    m_xml.writeEndElement(); // patient
    m_xml.writeEndElement(); // patientRole
    m_xml.writeEndElement(); // recordTarget
}

void CdaWriter::write(const DocumentFacts& facts)
{
    const DocumentInput& in = facts.input;
    const Author& author = in.author;
    const QString idnps = QStringLiteral("8") + author.rpps;

    m_xml.writeStartDocument();
    m_xml.writeStartElement(QStringLiteral("ClinicalDocument"));
    m_xml.writeDefaultNamespace(QStringLiteral("urn:hl7-org:v3"));
    m_xml.writeNamespace(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"), QStringLiteral("xsi"));

    empty(QStringLiteral("realmCode"), {{QStringLiteral("code"), QStringLiteral("FR")}});
    empty(QStringLiteral("typeId"), {{QStringLiteral("root"), QStringLiteral("2.16.840.1.113883.1.3")},
                                     {QStringLiteral("extension"), QStringLiteral("POCD_HD000040")}});
    // HL7 France, CI-SIS, IHE XDS-SD (which replaces the volet templateId for a PDF body).
    for (const char* templateId : {"2.16.840.1.113883.2.8.2.1", "1.2.250.1.213.1.1.1.1", "1.3.6.1.4.1.19376.1.2.20"}) {
        empty(QStringLiteral("templateId"), {{QStringLiteral("root"), QString::fromLatin1(templateId)}});
    }
    id(in.documentId);
    empty(QStringLiteral("code"), {{QStringLiteral("code"), facts.type.code},
                                   {QStringLiteral("displayName"), facts.type.displayName},
                                   {QStringLiteral("codeSystem"), facts.type.codeSystem},
                                   {QStringLiteral("codeSystemName"), QStringLiteral("LOINC")}});
    text(QStringLiteral("title"), in.title);
    time(QStringLiteral("effectiveTime"), in.created);
    coded(QStringLiteral("confidentialityCode"), facts.confidentiality);
    empty(QStringLiteral("languageCode"), {{QStringLiteral("code"), QStringLiteral("fr-FR")}});
    empty(QStringLiteral("setId"), {{QStringLiteral("root"), in.setId}});
    empty(QStringLiteral("versionNumber"), {{QStringLiteral("value"), QString::number(in.version)}});

    recordTarget(facts);

    m_xml.writeStartElement(QStringLiteral("author"));
    time(QStringLiteral("time"), in.created);
    m_xml.writeStartElement(QStringLiteral("assignedAuthor"));
    id(QString::fromLatin1(OidRpps), idnps);
    coded(QStringLiteral("code"), facts.specialty);
    personName(author);
    organization(QStringLiteral("representedOrganization"), author);
    m_xml.writeEndElement(); // representedOrganization
    m_xml.writeEndElement(); // assignedAuthor
    m_xml.writeEndElement(); // author

    m_xml.writeStartElement(QStringLiteral("custodian"));
    m_xml.writeStartElement(QStringLiteral("assignedCustodian"));
    organization(QStringLiteral("representedCustodianOrganization"), author);
    m_xml.writeEndElement();
    m_xml.writeEndElement();
    m_xml.writeEndElement();

    m_xml.writeStartElement(QStringLiteral("legalAuthenticator"));
    time(QStringLiteral("time"), in.created);
    empty(QStringLiteral("signatureCode"), {{QStringLiteral("code"), QStringLiteral("S")}});
    m_xml.writeStartElement(QStringLiteral("assignedEntity"));
    id(QString::fromLatin1(OidRpps), idnps);
    personName(author);
    m_xml.writeEndElement();
    m_xml.writeEndElement();

    m_xml.writeStartElement(QStringLiteral("documentationOf"));
    m_xml.writeStartElement(QStringLiteral("serviceEvent"));
    interval(in.serviceStart, in.serviceStop);
    m_xml.writeStartElement(QStringLiteral("performer"));
    m_xml.writeAttribute(QStringLiteral("typeCode"), QStringLiteral("PRF"));
    m_xml.writeStartElement(QStringLiteral("assignedEntity"));
    id(QString::fromLatin1(OidRpps), idnps);
    personName(author);
    organization(QStringLiteral("representedOrganization"), author);
    coded(QStringLiteral("standardIndustryClassCode"), facts.practiceSetting);
    m_xml.writeEndElement(); // representedOrganization
    m_xml.writeEndElement(); // assignedEntity
    m_xml.writeEndElement(); // performer
    m_xml.writeEndElement(); // serviceEvent
    m_xml.writeEndElement(); // documentationOf

    m_xml.writeStartElement(QStringLiteral("componentOf"));
    m_xml.writeStartElement(QStringLiteral("encompassingEncounter"));
    interval(in.serviceStart, in.serviceStop);
    m_xml.writeStartElement(QStringLiteral("location"));
    m_xml.writeStartElement(QStringLiteral("healthCareFacility"));
    coded(QStringLiteral("code"), facts.facilityType);
    m_xml.writeEndElement();
    m_xml.writeEndElement();
    m_xml.writeEndElement();
    m_xml.writeEndElement();

    m_xml.writeStartElement(QStringLiteral("component"));
    m_xml.writeStartElement(QStringLiteral("nonXMLBody"));
    m_xml.writeStartElement(QStringLiteral("text"));
    m_xml.writeAttribute(QStringLiteral("mediaType"), QStringLiteral("application/pdf"));
    m_xml.writeAttribute(QStringLiteral("representation"), QStringLiteral("B64"));
    m_xml.writeCharacters(QString::fromLatin1(in.pdf.toBase64()));
    m_xml.writeEndElement();
    m_xml.writeEndElement();
    m_xml.writeEndElement();

    m_xml.writeEndElement(); // ClinicalDocument
    m_xml.writeEndDocument();
}

} // namespace

QByteArray writeCda(const DocumentFacts& facts)
{
    QByteArray out;
    CdaWriter(&out).write(facts);
    return out;
}

} // namespace missive::transport::detail
