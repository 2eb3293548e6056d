#include "document_facts.h"

#include "missive/core/ins.h"
#include "value_sets.h"

#include <QRegularExpression>
#include <QUuid>
#include <array>

namespace missive::transport::detail
{
namespace
{

// Root of the local patient identifiers Missive makes up when neither an INS nor an IPP is known
// (a fixed 2.25 OID: UUID 6d6b7a0e-3c1d-4f5e-9a47-5c2b8e1f0a93, never registered elsewhere).
constexpr auto LocalPatientRoot = "2.25.145450282946779155425880766713669683859";

tl::unexpected<Error> invalid(const QString& message, const QString& detail)
{
    return makeError(ErrorCode::InvalidArgument, message, detail);
}

CodedValue classCodeFor(const QString& typeCode)
{
    // JDV_J57 classCode derived from the LOINC type (ASS_X04 correspondence, main cases).
    static const QStringList prescriptions{QStringLiteral("57833-6"), QStringLiteral("57832-8"),
                                           QStringLiteral("57828-6")};
    const QString scheme = QStringLiteral("1.2.250.1.213.1.1.4.1");
    if (prescriptions.contains(typeCode)) {
        return {QStringLiteral("42"), scheme, QStringLiteral("Prescription")};
    }
    if (typeCode == QLatin1String("60591-5")) {
        return {QStringLiteral("11"), scheme, QStringLiteral("Synthèse")};
    }
    if (typeCode == QLatin1String("89601-9")) {
        return {QStringLiteral("52"), scheme, QStringLiteral("Certificat")};
    }
    return {QStringLiteral("10"), scheme, QStringLiteral("Compte rendu")};
}

std::optional<CodedValue> confidentialityFor(const QString& code)
{
    const QString system = QStringLiteral("2.16.840.1.113883.5.25");
    if (code == QLatin1String("N")) {
        return CodedValue{code, system, QStringLiteral("Normal")};
    }
    if (code == QLatin1String("R")) {
        return CodedValue{code, system, QStringLiteral("Restreint")};
    }
    if (code == QLatin1String("V")) {
        return CodedValue{code, system, QStringLiteral("Très restreint")};
    }
    return std::nullopt;
}

bool isOid(const QString& value)
{
    static const QRegularExpression oid(QStringLiteral("^[0-2](\\.(0|[1-9][0-9]*))+$"));
    return value.size() <= 64 && oid.match(value).hasMatch();
}

} // namespace

QString generateOid()
{
    // The UUID's 128 bits as one decimal number: repeated division of the big-endian bytes by 10.
    const QByteArray raw = QUuid::createUuid().toRfc4122();
    std::array<unsigned, 16> bytes{};
    for (int i = 0; i < 16; ++i) {
        bytes[static_cast<std::size_t>(i)] = static_cast<unsigned char>(raw[i]);
    }
    QString digits;
    bool nonZero = true;
    while (nonZero) {
        unsigned remainder = 0;
        nonZero = false;
        for (unsigned& byte : bytes) {
            const unsigned value = remainder * 256 + byte;
            byte = value / 10;
            remainder = value % 10;
            nonZero = nonZero || byte != 0;
        }
        digits.prepend(QChar(u'0' + static_cast<char16_t>(remainder)));
    }
    return QStringLiteral("2.25.") + digits;
}

QString cdaTimestamp(const QDateTime& time)
{
    const int offset = time.offsetFromUtc() / 60;
    const int absolute = offset < 0 ? -offset : offset;
    return time.toString(QStringLiteral("yyyyMMddHHmmss")) + (offset < 0 ? u'-' : u'+')
           + QStringLiteral("%1%2")
                 .arg(absolute / 60, 2, 10, QLatin1Char('0'))
                 .arg(absolute % 60, 2, 10, QLatin1Char('0'));
}

QString xdsTimestamp(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyyMMddHHmmss"));
}

bool canCarryInsImpl(const PatientIdentity& patient)
{
    return patient.hasValidIns() && patient.hasStrictTraits();
}

Result<DocumentFacts> resolveDocument(const DocumentInput& input)
{
    DocumentFacts facts;
    facts.input = input;
    DocumentInput& in = facts.input;

    if (in.pdf.isEmpty() || !in.pdf.startsWith("%PDF-")) {
        return invalid(QStringLiteral("Le document à envoyer n'est pas un PDF."),
                       QStringLiteral("pdf missing or bad magic"));
    }
    if (in.title.trimmed().isEmpty()) {
        return invalid(QStringLiteral("Le titre du document est obligatoire."), QStringLiteral("empty title"));
    }
    const auto type = findDocumentType(in.type.code);
    if (!type) {
        return invalid(QStringLiteral("Type de document inconnu : « %1 » (jeu de valeurs JDV_J07).").arg(in.type.code),
                       QStringLiteral("type code not in JDV_J07"));
    }
    facts.type = {type->code, type->codeSystem, type->label};
    facts.classCode = classCodeFor(type->code);

    const auto confidentiality = confidentialityFor(in.confidentiality);
    if (!confidentiality) {
        return invalid(
            QStringLiteral("Niveau de confidentialité inconnu : « %1 » (N, R ou V).").arg(in.confidentiality),
            QStringLiteral("bad confidentiality code"));
    }
    facts.confidentiality = *confidentiality;

    static const QRegularExpression rpps(QStringLiteral("^[0-9]{11}$"));
    if (!rpps.match(in.author.rpps).hasMatch()) {
        return invalid(QStringLiteral("Le numéro RPPS de l'auteur doit compter 11 chiffres."),
                       QStringLiteral("bad author RPPS"));
    }
    if (in.author.familyName.trimmed().isEmpty()) {
        return invalid(QStringLiteral("Le nom de l'auteur est obligatoire."),
                       QStringLiteral("author family name missing"));
    }
    static const QRegularExpression idnst(QStringLiteral("^[0-9A-Za-z]{2,}$"));
    if (!idnst.match(in.author.organizationId).hasMatch() || in.author.organizationName.trimmed().isEmpty()) {
        return invalid(QStringLiteral("L'identifiant national (IDNST) et le nom de la structure sont obligatoires."),
                       QStringLiteral("organization id or name missing"));
    }
    const auto specialty = findConcept(ValueSet::AuthorSpecialty, in.author.specialtyCode);
    if (!specialty) {
        return invalid(QStringLiteral("Spécialité de l'auteur inconnue : « %1 » (jeu de valeurs JDV_J01).")
                           .arg(in.author.specialtyCode),
                       QStringLiteral("specialty not in JDV_J01"));
    }
    facts.specialty = {specialty->code, specialty->codeSystem, specialty->displayName};
    const auto facility = findConcept(ValueSet::FacilityType, in.facilityTypeCode);
    if (!facility) {
        return invalid(
            QStringLiteral("Type de structure inconnu : « %1 » (jeu de valeurs JDV_J02).").arg(in.facilityTypeCode),
            QStringLiteral("facility type not in JDV_J02"));
    }
    facts.facilityType = {facility->code, facility->codeSystem, facility->displayName};
    const auto setting = findConcept(ValueSet::PracticeSetting, in.practiceSettingCode);
    if (!setting) {
        return invalid(
            QStringLiteral("Cadre d'exercice inconnu : « %1 » (jeu de valeurs JDV_J04).").arg(in.practiceSettingCode),
            QStringLiteral("practice setting not in JDV_J04"));
    }
    facts.practiceSetting = {setting->code, setting->codeSystem, setting->displayName};
    if (!findContentType(in.contentTypeCode)) {
        return invalid(
            QStringLiteral("Type d'activité inconnu : « %1 » (03 hospitalisation, 04 hospitalisation de jour, "
                           "07 consultation).")
                .arg(in.contentTypeCode),
            QStringLiteral("contentTypeCode not among 03, 04, 07"));
    }

    if (!in.created.isValid()) {
        return invalid(QStringLiteral("La date de création du document est obligatoire."),
                       QStringLiteral("created missing"));
    }
    // Whole seconds: the CDA and the XDS metadata must print the same instants.
    in.created = in.created.addMSecs(-in.created.time().msec());
    if (!in.serviceStart.isValid()) {
        in.serviceStart = in.created;
    }
    if (!in.serviceStop.isValid()) {
        in.serviceStop = in.serviceStart > in.created ? in.serviceStart : in.created;
    }
    if (in.serviceStop < in.serviceStart) {
        return invalid(QStringLiteral("La fin de la prise en charge précède son début."),
                       QStringLiteral("service stop < start"));
    }
    if (in.version < 1) {
        return invalid(QStringLiteral("Le numéro de version du document doit être positif."),
                       QStringLiteral("bad version"));
    }
    for (QString* id : {&in.documentId, &in.setId, &in.submissionSetId}) {
        if (id->isEmpty()) {
            *id = generateOid();
        } else if (!isOid(*id)) {
            return invalid(QStringLiteral("Identifiant de document invalide (OID attendu) : « %1 ».").arg(*id),
                           QStringLiteral("identifier is not an OID"));
        }
    }

    const PatientIdentity& patient = in.patient;
    facts.carriesIns = canCarryInsImpl(patient);
    if (facts.carriesIns) {
        facts.patientIdRoot = patient.insOid;
        facts.patientIdExtension = patient.ins;
    } else if (!in.patientLocalId.isEmpty()) {
        if (!isOid(in.patientLocalIdRoot)) {
            return invalid(
                QStringLiteral("L'identifiant local du patient doit être accompagné de l'OID de l'établissement."),
                QStringLiteral("local patient id without OID root"));
        }
        facts.patientIdRoot = in.patientLocalIdRoot;
        facts.patientIdExtension = in.patientLocalId;
    } else {
        facts.patientIdRoot = QString::fromLatin1(LocalPatientRoot);
        facts.patientIdExtension = QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    if (patient.birthName.trimmed().isEmpty() && patient.usedName.trimmed().isEmpty()) {
        return invalid(QStringLiteral("Le nom du patient est obligatoire."), QStringLiteral("patient name missing"));
    }
    if (patient.firstName.trimmed().isEmpty() && patient.firstNames.isEmpty()) {
        return invalid(QStringLiteral("Le prénom du patient est obligatoire."),
                       QStringLiteral("patient given name missing"));
    }
    if (!patient.birthDate.isValid()) {
        // The CI-SIS recordTarget needs birthTime/@value (no nullFlavor).
        return invalid(QStringLiteral("La date de naissance du patient est obligatoire."),
                       QStringLiteral("patient birth date missing"));
    }
    return facts;
}

} // namespace missive::transport::detail

namespace missive::transport
{

bool canCarryIns(const PatientIdentity& patient)
{
    return detail::canCarryInsImpl(patient);
}

} // namespace missive::transport
