// missive package FILE.pdf --out DIR: the CDA (DOC0001.XML) and IHE_XDM.zip exactly as sent.

#include "cli.h"
#include "delivery_common.h"
#include "document_flags.h"
#include "missive/core/safe_file.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace missive::cli
{
int runPackage(const QStringList& args, Streams& io)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption out(QStringLiteral("out"),
                                 QStringLiteral("Dossier où écrire DOC0001.XML et IHE_XDM.zip (créé au besoin)."),
                                 QStringLiteral("DOSSIER"));
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("Annuaire (auteur)."), QStringLiteral("ANNUAIRE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Sortie JSON."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Aide."));
    parser.addOptions({out, db, json, help});
    addDocumentOptions(parser);
    addConfigOption(parser);
    parser.addPositionalArgument(QStringLiteral("FICHIER.pdf"), QStringLiteral("Le courrier à préparer."));
    if (!parser.parse(QStringList{QStringLiteral("missive package")} + args)) {
        return usageError(parser.errorText(), io);
    }
    if (parser.isSet(help)) {
        io.out << mainHelp();
        return ExitSuccess;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || parser.value(out).trimmed().isEmpty()) {
        return usageError(QStringLiteral("usage : missive package FICHIER.pdf --out DOSSIER [options]"), io);
    }
    auto settings = settings::loadSettings(parser.value(QStringLiteral("config")));
    if (!settings) {
        return report(settings.error(), io);
    }
    auto directory = openConfiguredDirectory(parser.value(db), false, *settings);
    if (!directory) {
        return report(directory.error(), io);
    }
    auto letter = readLetterDocument(parser, positional.first(), *settings, *directory ? &**directory : nullptr);
    if (!letter) {
        return report(letter.error(), io);
    }
    for (const QString& warning : letter->prepared.warnings) {
        io.err << "missive : " << warning << '\n';
    }
    if (!letter->prepared.package) {
        return report(Error{ErrorCode::InvalidArgument, letter->prepared.packageProblem, QStringLiteral("package")},
                      io);
    }
    const transport::Package& package = *letter->prepared.package;
    const transport::DocumentInput& input = letter->prepared.input;
    const PatientIdentity& patient = input.patient;

    const QString outDir = parser.value(out).trimmed();
    if (!QDir().mkpath(outDir)) {
        return report(Error{ErrorCode::Io, QStringLiteral("Impossible de créer le dossier %1.").arg(outDir), {}}, io);
    }
    const QString cdaPath = QDir(outDir).filePath(QStringLiteral("DOC0001.XML"));
    const QString zipPath = QDir(outDir).filePath(QStringLiteral("IHE_XDM.zip"));
    for (const auto& [path, data] : {std::pair{cdaPath, package.cda}, std::pair{zipPath, package.xdmZip}}) {
        if (auto written = writeFileSafely(path, data); !written) {
            return report(written.error(), io);
        }
    }

    if (parser.isSet(json)) {
        const QJsonObject object{
            {QStringLiteral("cda"), QFileInfo(cdaPath).absoluteFilePath()},
            {QStringLiteral("xdm"), QFileInfo(zipPath).absoluteFilePath()},
            {QStringLiteral("documentUniqueId"), package.documentUniqueId},
            {QStringLiteral("submissionSetUniqueId"), package.submissionSetUniqueId},
            {QStringLiteral("type"), input.type.code},
            {QStringLiteral("insIncluded"), package.insIncluded},
        };
        io.out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        io.out << "CDA : " << cdaPath << '\n'
               << "Archive IHE XDM : " << zipPath << '\n'
               << "Identifiant du document : " << package.documentUniqueId << '\n'
               << "INS dans le document : " << (package.insIncluded ? "oui" : "non") << '\n';
        if (!package.insIncluded && !patient.ins.isEmpty()) {
            io.out << "Attention : INS non inclus, traits incomplets (nom et prénoms de naissance, date et lieu de "
                      "naissance, sexe).\n";
        }
    }
    return ExitSuccess;
}

} // namespace missive::cli
