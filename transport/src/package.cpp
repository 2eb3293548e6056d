#include "missive/transport/package.h"

#include "document_facts.h"
#include "xdm_archive.h"

#include <QJsonArray>
#include <QLoggingCategory>

namespace missive::transport
{

Q_LOGGING_CATEGORY(lcPackage, "missive.transport.package", QtInfoMsg)

Result<QByteArray> buildCda(const DocumentInput& input)
{
    auto facts = detail::resolveDocument(input);
    if (!facts) {
        return tl::unexpected(facts.error());
    }
    return detail::writeCda(*facts);
}

Result<Package> buildPackage(const DocumentInput& input)
{
    auto facts = detail::resolveDocument(input);
    if (!facts) {
        qCDebug(lcPackage) << "package refused:" << facts.error().detail;
        return tl::unexpected(facts.error());
    }
    Package package;
    package.cda = detail::writeCda(*facts);
    auto zip = detail::buildXdmArchive(*facts, package.cda);
    if (!zip) {
        return tl::unexpected(zip.error());
    }
    package.xdmZip = std::move(*zip);
    package.documentUniqueId = facts->input.documentId;
    package.submissionSetUniqueId = facts->input.submissionSetId;
    package.insIncluded = facts->carriesIns;
    qCDebug(lcPackage) << "package built: cda" << package.cda.size() << "bytes, zip" << package.xdmZip.size()
                       << "bytes, ins" << package.insIncluded;
    return package;
}

QString newUniqueOid()
{
    return detail::generateOid();
}

namespace
{

QString isoTime(const QDateTime& time)
{
    return time.isValid() ? time.toString(Qt::ISODateWithMs) : QString();
}

} // namespace

QJsonObject documentInputToJson(const DocumentInput& in)
{
    const PatientIdentity& p = in.patient;
    const QJsonObject patient{
        {QStringLiteral("ins"), p.ins},
        {QStringLiteral("ins_oid"), p.insOid},
        {QStringLiteral("birth_name"), p.birthName},
        {QStringLiteral("used_name"), p.usedName},
        {QStringLiteral("first_names"), QJsonArray::fromStringList(p.firstNames)},
        {QStringLiteral("first_name"), p.firstName},
        {QStringLiteral("birth_date"), p.birthDate.isValid() ? p.birthDate.toString(Qt::ISODate) : QString()},
        {QStringLiteral("sex"), sexCode(p.sex)},
        {QStringLiteral("birth_place"), p.birthPlace},
    };
    const QJsonObject author{
        {QStringLiteral("rpps"), in.author.rpps},
        {QStringLiteral("family_name"), in.author.familyName},
        {QStringLiteral("given_name"), in.author.givenName},
        {QStringLiteral("specialty"), in.author.specialtyCode},
        {QStringLiteral("organization_id"), in.author.organizationId},
        {QStringLiteral("organization_name"), in.author.organizationName},
        {QStringLiteral("role"), in.author.role},
    };
    return QJsonObject{
        {QStringLiteral("title"), in.title},
        {QStringLiteral("type"), in.type.code},
        {QStringLiteral("patient"), patient},
        {QStringLiteral("author"), author},
        {QStringLiteral("created"), isoTime(in.created)},
        {QStringLiteral("confidentiality"), in.confidentiality},
        {QStringLiteral("document_id"), in.documentId},
        {QStringLiteral("set_id"), in.setId},
        {QStringLiteral("version"), in.version},
        {QStringLiteral("submission_set_id"), in.submissionSetId},
        {QStringLiteral("patient_local_id"), in.patientLocalId},
        {QStringLiteral("patient_local_id_root"), in.patientLocalIdRoot},
        {QStringLiteral("service_start"), isoTime(in.serviceStart)},
        {QStringLiteral("service_stop"), isoTime(in.serviceStop)},
        {QStringLiteral("facility_type"), in.facilityTypeCode},
        {QStringLiteral("practice_setting"), in.practiceSettingCode},
        {QStringLiteral("content_type"), in.contentTypeCode},
        {QStringLiteral("intended_recipients"), QJsonArray::fromStringList(in.intendedRecipients)},
        {QStringLiteral("software_name"), in.softwareName},
        {QStringLiteral("software_version"), in.softwareVersion},
    };
}

Result<DocumentInput> documentInputFromJson(const QJsonObject& json, const QByteArray& pdf)
{
    const auto text = [](const QJsonObject& o, const char* key) { return o.value(QLatin1String(key)).toString(); };
    const auto time = [&](const char* key) { return QDateTime::fromString(text(json, key), Qt::ISODateWithMs); };
    const auto type = findDocumentType(text(json, "type"));
    if (!type) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("Document mis en file illisible."),
                         QStringLiteral("stored document input: unknown type"));
    }
    DocumentInput in;
    in.pdf = pdf;
    in.title = text(json, "title");
    in.type = *type;
    const QJsonObject p = json.value(QLatin1String("patient")).toObject();
    in.patient.ins = text(p, "ins");
    in.patient.insOid = text(p, "ins_oid");
    in.patient.birthName = text(p, "birth_name");
    in.patient.usedName = text(p, "used_name");
    for (const auto& name : p.value(QLatin1String("first_names")).toArray()) {
        in.patient.firstNames.append(name.toString());
    }
    in.patient.firstName = text(p, "first_name");
    in.patient.birthDate = QDate::fromString(text(p, "birth_date"), Qt::ISODate);
    in.patient.sex = sexFromCode(text(p, "sex"));
    in.patient.birthPlace = text(p, "birth_place");
    const QJsonObject a = json.value(QLatin1String("author")).toObject();
    in.author = Author{text(a, "rpps"),      text(a, "family_name"),     text(a, "given_name"),
                       text(a, "specialty"), text(a, "organization_id"), text(a, "organization_name"),
                       text(a, "role")};
    in.created = time("created");
    in.confidentiality = text(json, "confidentiality");
    in.documentId = text(json, "document_id");
    in.setId = text(json, "set_id");
    in.version = json.value(QLatin1String("version")).toInt(1);
    in.submissionSetId = text(json, "submission_set_id");
    in.patientLocalId = text(json, "patient_local_id");
    in.patientLocalIdRoot = text(json, "patient_local_id_root");
    in.serviceStart = time("service_start");
    in.serviceStop = time("service_stop");
    in.facilityTypeCode = text(json, "facility_type");
    in.practiceSettingCode = text(json, "practice_setting");
    for (const auto& recipient : json.value(QLatin1String("intended_recipients")).toArray()) {
        in.intendedRecipients.append(recipient.toString());
    }
    if (const QString content = text(json, "content_type"); !content.isEmpty()) {
        in.contentTypeCode = content; // queued before it was kept: the former fixed "07"
    }
    in.softwareName = text(json, "software_name");
    in.softwareVersion = text(json, "software_version");
    return in;
}

} // namespace missive::transport
