#include "document_flags.h"

#include "missive/core/ins.h"
#include "missive/engine/intake.h"
#include "missive/engine/reading.h"

#include <QFile>

namespace missive::cli
{
namespace
{

struct Flag
{
    const char* name;
    const char* description;
    const char* valueName;
};

constexpr Flag IdentityFlags[] = {
    {"ins", "Matricule INS du patient (15 caractères).", "MATRICULE"},
    {"ins-oid", "Autorité d'affectation de l'INS (défaut : 1.2.250.1.213.1.4.8, NIR).", "OID"},
    {"birth-name", "Nom de naissance.", "NOM"},
    {"used-name", "Nom utilisé, s'il diffère.", "NOM"},
    {"first-names", "Prénoms de naissance, séparés par des espaces.", "PRÉNOMS"},
    {"first-name", "Premier prénom de naissance (défaut : le premier de --first-names).", "PRÉNOM"},
    {"birth-date", "Date de naissance (AAAA-MM-JJ).", "DATE"},
    {"sex", "Sexe : F ou M.", "F|M"},
    {"birth-place", "Lieu de naissance, code COG à 5 caractères.", "COG"},
};

constexpr Flag DocumentFlags[] = {
    {"patient-id", "Identifiant local du patient (IPP).", "IPP"},
    {"patient-id-root", "OID de l'établissement qui attribue l'IPP.", "OID"},
    {"type", "Type de document, code LOINC du jeu JDV_J07 (défaut : celui lu, sinon 11490-0).", "CODE"},
    {"title", "Titre du document (défaut : libellé du type).", "TITRE"},
    {"author-rpps", "RPPS de l'auteur (11 chiffres ; défaut : celui reconnu dans l'annuaire).", "RPPS"},
    {"author-family", "Nom d'exercice de l'auteur.", "NOM"},
    {"author-given", "Prénom d'exercice de l'auteur.", "PRÉNOM"},
    {"author-specialty", "Spécialité, code JDV_J01 (ex. G15_10/SM26).", "CODE"},
    {"org-id", "Identifiant national de la structure (IDNST ; défaut : [structure] id).", "IDNST"},
    {"org-name", "Raison sociale de la structure (défaut : [structure] name).", "NOM"},
    {"confidentiality", "Confidentialité : N, R ou V (défaut : N).", "CODE"},
    {"created", "Date de création (ISO 8601, défaut : maintenant).", "DATE"},
};

QString value(const QCommandLineParser& parser, const char* name)
{
    return parser.value(QString::fromLatin1(name)).trimmed();
}

Error usage(const QString& message)
{
    return Error{ErrorCode::InvalidArgument, message, QStringLiteral("usage")};
}

// The identity stated with flags, as a whole; nullopt when no identity flag is given.
Result<std::optional<PatientIdentity>> statedIdentity(const QCommandLineParser& parser)
{
    bool any = false;
    for (const Flag& flag : IdentityFlags) {
        any = any || parser.isSet(QString::fromLatin1(flag.name));
    }
    if (!any) {
        return std::optional<PatientIdentity>();
    }
    PatientIdentity patient;
    patient.ins = value(parser, "ins").remove(u' ').toUpper();
    patient.insOid = patient.ins.isEmpty()                ? QString()
                     : value(parser, "ins-oid").isEmpty() ? QString::fromLatin1(ins::OidNir)
                                                          : value(parser, "ins-oid");
    patient.birthName = value(parser, "birth-name").toUpper();
    patient.usedName = value(parser, "used-name").toUpper();
    patient.firstNames = value(parser, "first-names").toUpper().split(u' ', Qt::SkipEmptyParts);
    patient.firstName =
        value(parser, "first-name").isEmpty() ? patient.firstNames.value(0) : value(parser, "first-name").toUpper();
    if (!value(parser, "birth-date").isEmpty()) {
        patient.birthDate = QDate::fromString(value(parser, "birth-date"), Qt::ISODate);
        if (!patient.birthDate.isValid()) {
            return tl::unexpected(usage(QStringLiteral("--birth-date attend AAAA-MM-JJ")));
        }
    }
    if (!value(parser, "sex").isEmpty()) {
        patient.sex = sexFromCode(value(parser, "sex").toUpper());
        if (patient.sex == Sex::Unknown) {
            return tl::unexpected(usage(QStringLiteral("--sex attend F ou M")));
        }
    }
    patient.birthPlace = value(parser, "birth-place").toUpper();
    if (!patient.ins.isEmpty() && !patient.hasValidIns()) {
        return tl::unexpected(usage(QStringLiteral("INS invalide (matricule, clé ou OID) : rien n'est préparé")));
    }
    return std::optional<PatientIdentity>(patient);
}

} // namespace

void addDocumentOptions(QCommandLineParser& parser)
{
    const auto addAll = [&parser](const auto& table) {
        for (const Flag& flag : table) {
            parser.addOption({QString::fromLatin1(flag.name), QString::fromUtf8(flag.description),
                              QString::fromUtf8(flag.valueName)});
        }
    };
    addAll(IdentityFlags);
    addAll(DocumentFlags);
    parser.addOption({QStringLiteral("no-analyze"),
                      QStringLiteral("Ne pas lire le courrier : identité et type d'après les options seulement.")});
}

Result<LetterDocument> readLetterDocument(const QCommandLineParser& parser, const QString& pdfPath,
                                          const transport::Settings& settings, const directory::Directory* directory)
{
    const transport::StructureSettings& structure = settings.structure;
    // What IT's policies impose is not for a command line to change.
    for (const auto& [flag, key] : {std::pair{"org-id", "structure.id"}, std::pair{"org-name", "structure.name"}}) {
        if (parser.isSet(QString::fromLatin1(flag)) && settings.locked.contains(QString::fromLatin1(key))) {
            return tl::unexpected(
                usage(QStringLiteral("--%1 : %2 est imposé par votre administrateur (%3)")
                          .arg(QString::fromLatin1(flag), QString::fromLatin1(key), settings::policiesPath())));
        }
    }
    LetterDocument letter;
    auto pdf = engine::readLetterFile(pdfPath);
    if (!pdf) {
        return tl::unexpected(pdf.error().code == ErrorCode::InvalidArgument ? usage(pdf.error().userMessage)
                                                                             : pdf.error());
    }
    letter.pdf = std::move(*pdf);

    engine::DocumentOverrides overrides;
    auto patient = statedIdentity(parser);
    if (!patient) {
        return tl::unexpected(patient.error());
    }
    overrides.patient = *patient;
    overrides.typeCode = value(parser, "type");
    overrides.title = value(parser, "title");
    overrides.author = transport::Author{value(parser, "author-rpps"),
                                         value(parser, "author-family"),
                                         value(parser, "author-given"),
                                         value(parser, "author-specialty"),
                                         value(parser, "org-id"),
                                         value(parser, "org-name"),
                                         {}};
    overrides.patientLocalId = value(parser, "patient-id");
    overrides.patientLocalIdRoot = value(parser, "patient-id-root");
    overrides.confidentiality = value(parser, "confidentiality").toUpper();
    if (!value(parser, "created").isEmpty()) {
        overrides.created = QDateTime::fromString(value(parser, "created"), Qt::ISODate);
        if (!overrides.created.isValid()) {
            return tl::unexpected(
                usage(QStringLiteral("--created attend une date ISO 8601 (ex. 2026-11-23T10:00:00+01:00)")));
        }
    }

    if (!parser.isSet(QStringLiteral("no-analyze"))) {
        auto analysis = engine::readLetter(letter.pdf, pdfPath, directory, {}, nullptr, &structure); // bytes read above
        if (!analysis) {
            return tl::unexpected(analysis.error());
        }
        letter.analysis = std::move(*analysis);
    }
    auto prepared = engine::prepareDocument(letter.pdf, letter.analysis ? &*letter.analysis : nullptr, overrides,
                                            structure, directory, QStringLiteral(MISSIVE_VERSION));
    if (!prepared) {
        return tl::unexpected(prepared.error());
    }
    letter.prepared = std::move(*prepared);
    return letter;
}

} // namespace missive::cli
