#include "missive/engine/document_preparation.h"

#include "missive/core/document_type.h"

namespace missive::engine
{
namespace
{

void setIfEmpty(QString& target, const QString& value)
{
    if (target.isEmpty()) {
        target = value;
    }
}

// The author as the letter and the directory know them; explicit fields win.
Result<transport::Author> resolveAuthor(const ocr::Analysis* analysis, const transport::Author& stated,
                                        const transport::StructureSettings& structure,
                                        const directory::Directory* directory)
{
    transport::Author author = stated;
    if (author.rpps.isEmpty() && analysis && analysis->author && analysis->author->rpps) {
        author.rpps = *analysis->author->rpps;
    }
    if (directory && !author.rpps.isEmpty()) {
        auto known = directory->professional(author.rpps);
        if (!known) {
            return tl::unexpected(known.error());
        }
        if (*known) {
            completeAuthor(author, **known);
        }
    }
    setIfEmpty(author.specialtyCode, structure.authorSpecialty);
    setIfEmpty(author.organizationId, structure.id);
    setIfEmpty(author.organizationName, structure.name);
    setIfEmpty(author.role, structure.authorRole);
    return author;
}

} // namespace

void completeAuthor(transport::Author& author, const Professional& entry)
{
    setIfEmpty(author.familyName, entry.familyName);
    setIfEmpty(author.givenName, entry.givenName);
    if (!entry.professionCode.isEmpty() && !entry.specialtyCode.isEmpty()) {
        // JDV_J01 codes are "G15_<profession>/<savoir-faire>".
        setIfEmpty(author.specialtyCode, QStringLiteral("G15_%1/%2").arg(entry.professionCode, entry.specialtyCode));
    }
}

void rebuildPackage(PreparedDocument& prepared)
{
    auto package = transport::buildPackage(prepared.input);
    prepared.package = package ? std::optional<transport::Package>(std::move(*package)) : std::nullopt;
    prepared.packageProblem = package ? QString() : package.error().userMessage;
}

Result<PreparedDocument> prepareDocument(const QByteArray& pdf, const ocr::Analysis* analysis,
                                         const DocumentOverrides& overrides,
                                         const transport::StructureSettings& structure,
                                         const directory::Directory* directory, const QString& softwareVersion)
{
    PreparedDocument prepared;
    transport::DocumentInput& in = prepared.input;
    in.pdf = pdf;

    QString typeCode = overrides.typeCode;
    if (typeCode.isEmpty() && analysis && analysis->documentType) {
        typeCode = analysis->documentType->code;
    }
    if (typeCode.isEmpty()) {
        typeCode = QString::fromLatin1(documenttypes::LettreDeLiaison);
        prepared.warnings.append(QStringLiteral("type de document non reconnu : lettre de liaison par défaut"));
    }
    const auto type = findDocumentType(typeCode);
    if (!type) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("type de document inconnu (JDV_J07) : %1").arg(typeCode),
                         QStringLiteral("type not in JDV_J07"));
    }
    in.type = *type;
    in.title = overrides.title.isEmpty() ? type->label : overrides.title;

    // The identity: stated as a whole, or read on the letter (the reader already withholds an INS
    // it is not sure of). A stated INS that contradicts a printed one is a question, not a choice.
    const QString readIns = analysis ? analysis->patient.identity.ins : QString();
    if (overrides.patient) {
        in.patient = *overrides.patient;
        if (!readIns.isEmpty() && !in.patient.ins.isEmpty() && readIns != in.patient.ins) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("l'INS indiqué diffère de celui imprimé sur le courrier : vérifiez le "
                                            "patient avant tout envoi"),
                             QStringLiteral("stated INS differs from the printed one"));
        }
    } else if (analysis) {
        in.patient = analysis->patient.identity;
        if (analysis->patient.status != ocr::IdentityStatus::Consistent) {
            in.patient.ins.clear();
            in.patient.insOid.clear();
        }
        prepared.warnings.append(analysis->patient.reasons);
    }

    auto author = resolveAuthor(analysis, overrides.author, structure, directory);
    if (!author) {
        return tl::unexpected(author.error());
    }
    in.author = *author;
    in.patientLocalId = overrides.patientLocalId;
    in.patientLocalIdRoot = overrides.patientLocalIdRoot;
    // The IPP printed on the letter, in the domain IT configured ([structure] ipp_root).
    if (in.patientLocalId.isEmpty() && analysis && !analysis->ipp.isEmpty() && !structure.ippRoot.isEmpty()) {
        in.patientLocalId = analysis->ipp;
        in.patientLocalIdRoot = structure.ippRoot;
    }
    if (!overrides.confidentiality.isEmpty()) {
        in.confidentiality = overrides.confidentiality;
    }
    in.created = overrides.created.isValid() ? overrides.created : QDateTime::currentDateTime();
    // The care the letter reports: its dates and its setting. A discharge letter without dates
    // still reports a stay.
    if (analysis && analysis->episode) {
        const ocr::CareEpisode& episode = *analysis->episode;
        in.serviceStart = episode.start.startOfDay();
        in.serviceStop = episode.end.startOfDay();
        in.contentTypeCode = episode.setting == ocr::CareEpisode::Setting::Stay      ? QStringLiteral("03")
                             : episode.setting == ocr::CareEpisode::Setting::DayStay ? QStringLiteral("04")
                                                                                     : QStringLiteral("07");
    } else if (!structure.contentType.isEmpty()) {
        in.contentTypeCode = structure.contentType; // the service's usual care ([structure] content_type)
    } else if (in.type.code == QLatin1String(documenttypes::LettreDeLiaison)) {
        in.contentTypeCode = QStringLiteral("03");
    }
    in.facilityTypeCode = structure.facilityType;
    in.practiceSettingCode = structure.practiceSetting;
    in.softwareVersion = softwareVersion;
    // Fixed now: the outbox keeps them, so every attempt sends the same ids.
    in.documentId = transport::newUniqueOid();
    in.setId = transport::newUniqueOid();
    in.submissionSetId = transport::newUniqueOid();

    rebuildPackage(prepared);
    return prepared;
}

} // namespace missive::engine
