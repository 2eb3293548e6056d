// missive package FILE.pdf --out DIR: the CDA (DOC0001.XML) and IHE_XDM.zip exactly as sent.

#include "cli.h"
#include "missive/core/ins.h"
#include "missive/transport/package.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

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

// Identity and document facts; the lead fills defaults from `missive analyze` later, flags win.
constexpr Flag Flags[] = {
    {"out", "Dossier où écrire DOC0001.XML et IHE_XDM.zip (créé au besoin).", "DOSSIER"},
    {"ins", "Matricule INS du patient (15 caractères).", "MATRICULE"},
    {"ins-oid", "Autorité d'affectation de l'INS (défaut : 1.2.250.1.213.1.4.8, NIR).", "OID"},
    {"birth-name", "Nom de naissance.", "NOM"},
    {"used-name", "Nom utilisé, s'il diffère.", "NOM"},
    {"first-names", "Prénoms de naissance, séparés par des espaces.", "PRÉNOMS"},
    {"first-name", "Premier prénom de naissance (défaut : le premier de --first-names).", "PRÉNOM"},
    {"birth-date", "Date de naissance (AAAA-MM-JJ).", "DATE"},
    {"sex", "Sexe : F ou M.", "F|M"},
    {"birth-place", "Lieu de naissance, code COG à 5 caractères.", "COG"},
    {"patient-id", "Identifiant local du patient (IPP).", "IPP"},
    {"patient-id-root", "OID de l'établissement qui attribue l'IPP.", "OID"},
    {"type", "Type de document, code LOINC du jeu JDV_J07 (défaut : 11490-0).", "CODE"},
    {"title", "Titre du document (défaut : libellé du type).", "TITRE"},
    {"author-rpps", "RPPS de l'auteur (11 chiffres).", "RPPS"},
    {"author-family", "Nom d'exercice de l'auteur.", "NOM"},
    {"author-given", "Prénom d'exercice de l'auteur.", "PRÉNOM"},
    {"author-specialty", "Spécialité, code JDV_J01 (défaut : G15_10/SM26).", "CODE"},
    {"org-id", "Identifiant national de la structure (IDNST, ex. 1 + FINESS).", "IDNST"},
    {"org-name", "Raison sociale de la structure.", "NOM"},
    {"facility-type", "Type de structure, JDV_J02 (défaut : SA07).", "CODE"},
    {"practice-setting", "Cadre d'exercice, JDV_J04 (défaut : AMBULATOIRE).", "CODE"},
    {"confidentiality", "Confidentialité : N, R ou V (défaut : N).", "CODE"},
    {"created", "Date de création (ISO 8601, défaut : maintenant).", "DATE"},
};

Result<void> writePrivateFile(const QString& path, const QByteArray& data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return makeError(ErrorCode::Io, QStringLiteral("Impossible d'écrire %1.").arg(path), file.errorString());
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(data) != data.size() || !file.commit()) {
        return makeError(ErrorCode::Io, QStringLiteral("Impossible d'écrire %1.").arg(path), file.errorString());
    }
    return {};
}

} // namespace

int runPackage(const QStringList& args, Streams& io)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    QList<QCommandLineOption> options;
    for (const Flag& flag : Flags) {
        options.append(QCommandLineOption(QString::fromLatin1(flag.name), QString::fromUtf8(flag.description),
                                          QString::fromUtf8(flag.valueName)));
    }
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Sortie JSON."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Aide."));
    parser.addOptions(options);
    parser.addOptions({json, help});
    parser.addPositionalArgument(QStringLiteral("FICHIER.pdf"), QStringLiteral("Le courrier à préparer."));
    if (!parser.parse(QStringList{QStringLiteral("missive package")} + args)) {
        return usageError(parser.errorText(), io);
    }
    if (parser.isSet(help)) {
        io.out << mainHelp();
        return ExitSuccess;
    }
    const auto value = [&](const char* name) { return parser.value(QString::fromLatin1(name)).trimmed(); };
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || value("out").isEmpty()) {
        return usageError(QStringLiteral("usage : missive package FICHIER.pdf --out DOSSIER [options]"), io);
    }

    QFile pdfFile(positional.first());
    if (!pdfFile.exists()) {
        return report(
            Error{ErrorCode::NotFound, QStringLiteral("Fichier introuvable : %1").arg(positional.first()), {}}, io);
    }
    if (!pdfFile.open(QIODevice::ReadOnly)) {
        return report(
            Error{ErrorCode::PermissionDenied, QStringLiteral("Lecture impossible : %1").arg(positional.first()), {}},
            io);
    }

    transport::DocumentInput input;
    input.pdf = pdfFile.readAll();
    const QString typeCode =
        value("type").isEmpty() ? QString::fromLatin1(documenttypes::LettreDeLiaison) : value("type");
    const auto type = findDocumentType(typeCode);
    if (!type) {
        return usageError(QStringLiteral("type de document inconnu (JDV_J07) : %1").arg(typeCode), io);
    }
    input.type = *type;
    input.title = value("title").isEmpty() ? type->label : value("title");

    PatientIdentity& patient = input.patient;
    patient.ins = value("ins").remove(u' ');
    patient.insOid = patient.ins.isEmpty()        ? QString()
                     : value("ins-oid").isEmpty() ? QString::fromLatin1(ins::OidNir)
                                                  : value("ins-oid");
    patient.birthName = value("birth-name").toUpper();
    patient.usedName = value("used-name").toUpper();
    patient.firstNames = value("first-names").toUpper().split(u' ', Qt::SkipEmptyParts);
    patient.firstName = value("first-name").isEmpty()
                            ? (patient.firstNames.isEmpty() ? QString() : patient.firstNames.first())
                            : value("first-name").toUpper();
    if (!value("birth-date").isEmpty()) {
        patient.birthDate = QDate::fromString(value("birth-date"), Qt::ISODate);
        if (!patient.birthDate.isValid()) {
            return usageError(QStringLiteral("--birth-date attend AAAA-MM-JJ"), io);
        }
    }
    if (!value("sex").isEmpty()) {
        patient.sex = sexFromCode(value("sex").toUpper());
        if (patient.sex == Sex::Unknown) {
            return usageError(QStringLiteral("--sex attend F ou M"), io);
        }
    }
    patient.birthPlace = value("birth-place").toUpper();
    if (!patient.ins.isEmpty() && !patient.hasValidIns()) {
        return usageError(QStringLiteral("INS invalide (matricule, clé ou OID) : le document n'est pas préparé"), io);
    }
    input.patientLocalId = value("patient-id");
    input.patientLocalIdRoot = value("patient-id-root");

    transport::Author& author = input.author;
    author.rpps = value("author-rpps");
    author.familyName = value("author-family");
    author.givenName = value("author-given");
    author.specialtyCode =
        value("author-specialty").isEmpty() ? QStringLiteral("G15_10/SM26") : value("author-specialty");
    author.organizationId = value("org-id");
    author.organizationName = value("org-name");
    if (!value("facility-type").isEmpty()) {
        input.facilityTypeCode = value("facility-type");
    }
    if (!value("practice-setting").isEmpty()) {
        input.practiceSettingCode = value("practice-setting");
    }
    if (!value("confidentiality").isEmpty()) {
        input.confidentiality = value("confidentiality").toUpper();
    }
    input.created = value("created").isEmpty() ? QDateTime::currentDateTime()
                                               : QDateTime::fromString(value("created"), Qt::ISODate);
    if (!input.created.isValid()) {
        return usageError(QStringLiteral("--created attend une date ISO 8601 (ex. 2026-11-23T10:00:00+01:00)"), io);
    }
    input.softwareVersion = QStringLiteral(MISSIVE_VERSION);

    auto package = transport::buildPackage(input);
    if (!package) {
        return report(package.error(), io);
    }

    const QString outDir = value("out");
    if (!QDir().mkpath(outDir)) {
        return report(Error{ErrorCode::Io, QStringLiteral("Impossible de créer le dossier %1.").arg(outDir), {}}, io);
    }
    const QString cdaPath = QDir(outDir).filePath(QStringLiteral("DOC0001.XML"));
    const QString zipPath = QDir(outDir).filePath(QStringLiteral("IHE_XDM.zip"));
    for (const auto& [path, data] : {std::pair{cdaPath, package->cda}, std::pair{zipPath, package->xdmZip}}) {
        if (auto written = writePrivateFile(path, data); !written) {
            return report(written.error(), io);
        }
    }

    if (parser.isSet(json)) {
        const QJsonObject object{
            {QStringLiteral("cda"), QFileInfo(cdaPath).absoluteFilePath()},
            {QStringLiteral("xdm"), QFileInfo(zipPath).absoluteFilePath()},
            {QStringLiteral("documentUniqueId"), package->documentUniqueId},
            {QStringLiteral("submissionSetUniqueId"), package->submissionSetUniqueId},
            {QStringLiteral("type"), input.type.code},
            {QStringLiteral("insIncluded"), package->insIncluded},
        };
        io.out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        io.out << "CDA : " << cdaPath << '\n'
               << "Archive IHE XDM : " << zipPath << '\n'
               << "Identifiant du document : " << package->documentUniqueId << '\n'
               << "INS dans le document : " << (package->insIncluded ? "oui" : "non") << '\n';
        if (!package->insIncluded && !patient.ins.isEmpty()) {
            io.out << "Attention : INS non inclus, traits incomplets (nom et prénoms de naissance, date et lieu de "
                      "naissance, sexe).\n";
        }
    }
    return ExitSuccess;
}

} // namespace missive::cli
