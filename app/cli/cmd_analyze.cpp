// missive analyze: reads a printed letter and prints what the secretary must confirm.

#include "cli.h"
#include "missive/engine/reading.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <csignal>
#include <optional>
#include <unistd.h>

namespace missive::cli
{
namespace
{

// SIGALRM: only async-signal-safe calls (write, _exit).
extern "C" void readingOverrun(int)
{
    static const char message[] = "missive : lecture trop longue, arrêtée (document à vérifier)\n";
    [[maybe_unused]] const auto written = write(STDERR_FILENO, message, sizeof message - 1);
    _exit(ExitFailure);
}

void armReadingWatchdog(std::chrono::milliseconds after)
{
    struct sigaction action{};
    action.sa_handler = readingOverrun;
    sigemptyset(&action.sa_mask);
    sigaction(SIGALRM, &action, nullptr);
    alarm(static_cast<unsigned>(std::max<qint64>(1, (after.count() + 999) / 1000)));
}

void disarmReadingWatchdog()
{
    alarm(0);
}

using ocr::Analysis;
using ocr::IdentityStatus;

QString orUnknown(const QString& value)
{
    return value.isEmpty() ? QStringLiteral("?") : value;
}

void printSummary(const Analysis& a, Streams& io)
{
    io.out << "Document : " << a.file << " (" << a.pages << " p., "
           << (a.textSource == ocr::TextSource::TextLayer ? "texte"
               : a.textSource == ocr::TextSource::Ocr     ? "lu par OCR"
                                                          : "texte et OCR")
           << ")\n";
    io.out << "Type : "
           << (a.documentType ? a.documentType->label + QStringLiteral(" (") + a.documentType->code + QLatin1Char(')')
                              : QStringLiteral("non reconnu"))
           << '\n';

    const PatientIdentity& id = a.patient.identity;
    io.out << "Patient : " << orUnknown(id.birthName);
    if (!id.usedName.isEmpty()) {
        io.out << " (nom utilisé " << id.usedName << ')';
    }
    io.out << ", " << orUnknown(id.firstNames.join(QLatin1Char(' '))) << ", "
           << (id.birthDate.isValid() ? id.birthDate.toString(QStringLiteral("dd/MM/yyyy")) : QStringLiteral("?"))
           << ", sexe " << orUnknown(sexCode(id.sex)) << ", lieu " << orUnknown(id.birthPlace) << '\n';
    switch (a.patient.status) {
    case IdentityStatus::Consistent:
        io.out << "INS : " << id.ins
               << (id.insOid.isEmpty() ? QString() : QStringLiteral(" (OID ") + id.insOid + QLatin1Char(')'))
               << " — cohérent (" << ocr::identitySourceName(a.patient.source) << ")\n";
        break;
    case IdentityStatus::Mismatch:
        io.out << "INS : non retenu — incohérence\n";
        break;
    case IdentityStatus::Incomplete:
        io.out << "INS : non retenu — incomplet\n";
        break;
    case IdentityStatus::Unverified:
        io.out << "INS : à vérifier — lu sur le DataMatrix, non retrouvé sur le courrier imprimé\n";
        break;
    }
    io.out << "Auteur : "
           << (a.author
                   ? a.author->name
                         + (a.author->rpps ? QStringLiteral(" (RPPS ") + *a.author->rpps + QLatin1Char(')') : QString())
                   : QStringLiteral("non reconnu"))
           << '\n';
    if (a.recipients.isEmpty()) {
        io.out << "Destinataires : aucun reconnu\n";
    }
    for (const ocr::Recipient& r : a.recipients) {
        io.out << (r.zone == ocr::Zone::Body || r.zone == ocr::Zone::Other ? "Cité dans le texte : "
                   : r.role == ocr::RecipientRole::To                  ? "Destinataire : "
                                                                       : "Copie : ")
               << r.name;
        QStringList context;
        if (!r.specialtyWords.isEmpty()) {
            context += r.specialtyWords.join(QLatin1Char(' '));
        }
        if (!r.city.isEmpty()) {
            context += (r.postcode.isEmpty() ? QString() : r.postcode + QLatin1Char(' ')) + r.city;
        }
        if (!context.isEmpty()) {
            io.out << " (" << context.join(QStringLiteral(", ")) << ')';
        }
        io.out << '\n';
    }
    for (const QString& w : a.warnings) {
        io.out << "Attention : " << w << '\n';
    }
}

} // namespace

int runAnalyze(const QStringList& args, Streams& io)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("annuaire pour retrouver les destinataires"),
                                QStringLiteral("ANNUAIRE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("sortie JSON"));
    const QCommandLineOption maxPages(QStringLiteral("max-pages"), QStringLiteral("nombre maximal de pages"),
                                      QStringLiteral("N"));
    const QCommandLineOption maxMegapixels(QStringLiteral("max-megapixels"),
                                           QStringLiteral("taille maximale d'une image (millions de pixels)"),
                                           QStringLiteral("N"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("durée maximale de lecture (secondes)"),
                                     QStringLiteral("SECONDES"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("aide"));
    parser.addOptions({db, json, maxPages, maxMegapixels, timeout, help});
    parser.addPositionalArgument(QStringLiteral("fichier"), QStringLiteral("PDF à lire"));
    if (!parser.parse(QStringList{QStringLiteral("missive analyze")} + args)) {
        return usageError(parser.errorText(), io);
    }
    if (parser.isSet(help)) {
        io.out << mainHelp();
        return ExitSuccess;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        return usageError(QStringLiteral("analyze attend un seul fichier PDF"), io);
    }

    ocr::Limits limits;
    const auto positive = [&](const QCommandLineOption& option, qint64 max, qint64& value) {
        if (!parser.isSet(option)) {
            return true;
        }
        bool ok = false;
        value = parser.value(option).toLongLong(&ok);
        return ok && value > 0 && value <= max;
    };
    qint64 pages = limits.maxPages;
    qint64 megapixels = limits.maxImagePixels / 1'000'000;
    qint64 seconds = limits.timeBudget.count() / 1000;
    if (!positive(maxPages, 100'000, pages) || !positive(maxMegapixels, 10'000, megapixels)
        || !positive(timeout, 86'400, seconds)) {
        return usageError(QStringLiteral("--max-pages, --max-megapixels et --timeout attendent un entier positif"), io);
    }
    limits.maxPages = static_cast<int>(pages);
    limits.maxImagePixels = megapixels * 1'000'000;
    limits.timeBudget = std::chrono::seconds(seconds);

    // The directory is opened before reading so that a wrong path fails fast.
    std::optional<directory::Directory> directory;
    if (parser.isSet(db)) {
        auto opened = openDirectory(parser.value(db), true);
        if (!opened) {
            return report(opened.error(), io);
        }
        directory = std::move(*opened);
    }

    // The reader stops itself at the budget between steps; a step that never returns (a page
    // crafted to hold Poppler or Tesseract) is stopped by the clock, with the same message.
    armReadingWatchdog(limits.timeBudget + std::chrono::seconds(5));
    auto analysis = engine::readLetter(positional.front(), directory ? &*directory : nullptr, limits);
    disarmReadingWatchdog();
    if (!analysis) {
        return report(analysis.error(), io);
    }
    if (parser.isSet(json)) {
        io.out << QJsonDocument(analysis->toJson()).toJson(QJsonDocument::Indented);
    } else {
        printSummary(*analysis, io);
    }
    return ExitSuccess;
}

} // namespace missive::cli
