// bench-reading: per-field accuracy of `missive_ocr` on a generated corpus (text layer, 300 dpi
// and 200 dpi scans) and its speed against Poppler's pdftotext and Tesseract's CLI, side by side.
//
//   build/bench/bench-reading [--count N=30] [--seed S=11] [--keep DIR]
//
// Figures only (no assertion). Peak memory: getrusage of each child process (wait4) and of
// this process, which analyses the whole corpus with one Analyzer.

#include "missive/ocr/analyzer.h"
#include "names.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <map>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

using namespace missive;
using namespace missive::ocr;

namespace
{

struct ProcessRun
{
    int exitCode = -1;
    double ms = 0;
    long maxRssKb = 0;
};

// Runs argv with stdout/stderr to /dev/null; wall time and peak RSS of that process alone.
ProcessRun runProcess(const std::vector<std::string>& argv)
{
    std::vector<char*> args;
    for (const auto& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = -1;
    ProcessRun run;
    if (posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return run;
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    run.ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.maxRssKb = usage.ru_maxrss;
    posix_spawn_file_actions_destroy(&actions);
    return run;
}

double median(std::vector<double> v)
{
    if (v.empty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Tally
{
    int letters = 0;
    int insExpected = 0;
    int insFound = 0;
    int insWrong = 0;      // an INS returned that is not the expected one (must stay 0)
    int insWithheldOk = 0; // expected null and null
    int insWithheldExpected = 0;
    int statusOk = 0;
    int birthName = 0;
    int firstName = 0;
    int birthDate = 0;
    int sex = 0;
    int birthPlace = 0;
    int dmExpected = 0;
    int dmRead = 0;
    int recipientsExpected = 0;
    int recipientsFound = 0;
    int authorOk = 0;
    int authorAsRecipient = 0;
    int typeOk = 0;
    int typeNull = 0;
    int failures = 0;
    std::vector<double> ms;
    QStringList misses;
};

QString family(const QString& printed)
{
    QStringList upper;
    for (const QString& token : printed.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (isUpperNameToken(token)) {
            upper += token;
        }
    }
    return insiUpper(upper.join(QLatin1Char(' ')));
}

void score(const Analysis& a, const QJsonObject& truth, Tally& t)
{
    const QString file = truth.value(QStringLiteral("file")).toString();
    const QJsonObject p = truth.value(QStringLiteral("patient")).toObject();
    const PatientIdentity& id = a.patient.identity;
    const auto miss = [&](const QString& what) { t.misses += file + QStringLiteral(": ") + what; };
    ++t.letters;
    const QString expectedIns = p.value(QStringLiteral("ins")).toString();
    if (!expectedIns.isEmpty()) {
        ++t.insExpected;
        if (id.ins == expectedIns) {
            ++t.insFound;
        } else {
            miss(QStringLiteral("INS not found (%1)").arg(a.warnings.join(QStringLiteral(" | "))));
        }
    } else {
        ++t.insWithheldExpected;
        if (id.ins.isEmpty()) {
            ++t.insWithheldOk;
        }
    }
    if (!id.ins.isEmpty() && id.ins != expectedIns) {
        ++t.insWrong;
        miss(QStringLiteral("WRONG INS"));
    }
    if (identityStatusName(a.patient.status) == p.value(QStringLiteral("status")).toString()) {
        ++t.statusOk;
    } else {
        miss(QStringLiteral("status %1").arg(identityStatusName(a.patient.status)));
    }
    t.birthName += id.birthName == p.value(QStringLiteral("birth_name")).toString();
    t.firstName += id.firstName == p.value(QStringLiteral("first_name")).toString();
    t.birthDate += id.birthDate == QDate::fromString(p.value(QStringLiteral("birth_date")).toString(), Qt::ISODate);
    t.sex += sexCode(id.sex) == p.value(QStringLiteral("sex")).toString();
    t.birthPlace += id.birthPlace == p.value(QStringLiteral("birth_place")).toString();
    if (truth.value(QStringLiteral("datamatrix")).toBool()) {
        ++t.dmExpected;
        if (a.patient.source == IdentitySource::DataMatrix || a.patient.source == IdentitySource::Both) {
            ++t.dmRead;
        } else {
            miss(QStringLiteral("DataMatrix not read"));
        }
    }
    for (const QJsonValue& v : truth.value(QStringLiteral("recipients")).toArray()) {
        const QString name = v.toObject().value(QStringLiteral("name")).toString();
        const bool to = v.toObject().value(QStringLiteral("role")).toString() == QLatin1String("to");
        ++t.recipientsExpected;
        const bool found = std::any_of(a.recipients.begin(), a.recipients.end(), [&](const Recipient& r) {
            return insiUpper(r.familyName) == family(name) && (r.role == RecipientRole::To) == to;
        });
        if (found) {
            ++t.recipientsFound;
        } else {
            miss(QStringLiteral("recipient %1 (%2) not found")
                     .arg(name, to ? QStringLiteral("to") : QStringLiteral("cc")));
        }
    }
    const QString author = family(truth.value(QStringLiteral("author")).toString());
    if (a.author && family(a.author->name) == author) {
        ++t.authorOk;
    } else {
        miss(QStringLiteral("author"));
    }
    for (const Recipient& r : a.recipients) {
        if (!r.patient && insiUpper(r.familyName) == author) {
            ++t.authorAsRecipient;
            miss(QStringLiteral("AUTHOR RETURNED AS RECIPIENT"));
        }
    }
    if (!a.documentType) {
        ++t.typeNull;
        miss(QStringLiteral("document type null"));
    } else if (a.documentType->code == truth.value(QStringLiteral("document_type")).toString()) {
        ++t.typeOk;
    } else {
        miss(QStringLiteral("document type WRONG %1").arg(a.documentType->code));
    }
}

QString pct(int n, int d)
{
    return d == 0 ? QStringLiteral("   n/a") : QStringLiteral("%1 %").arg(100.0 * n / d, 5, 'f', 1);
}

void printTally(const QString& variant, const Tally& t)
{
    std::printf("\n== %s: %d letters (analysis failures: %d)\n", qPrintable(variant), t.letters, t.failures);
    std::printf("  INS found            %s  (%d/%d)\n", qPrintable(pct(t.insFound, t.insExpected)), t.insFound,
                t.insExpected);
    std::printf("  wrong INS            %d\n", t.insWrong);
    std::printf("  INS withheld (cases) %s  (%d/%d)\n", qPrintable(pct(t.insWithheldOk, t.insWithheldExpected)),
                t.insWithheldOk, t.insWithheldExpected);
    std::printf("  identity status      %s\n", qPrintable(pct(t.statusOk, t.letters)));
    std::printf("  birth name           %s\n", qPrintable(pct(t.birthName, t.letters)));
    std::printf("  first name           %s\n", qPrintable(pct(t.firstName, t.letters)));
    std::printf("  birth date           %s\n", qPrintable(pct(t.birthDate, t.letters)));
    std::printf("  sex                  %s\n", qPrintable(pct(t.sex, t.letters)));
    std::printf("  birth place          %s\n", qPrintable(pct(t.birthPlace, t.letters)));
    std::printf("  DataMatrix read      %s  (%d/%d)\n", qPrintable(pct(t.dmRead, t.dmExpected)), t.dmRead,
                t.dmExpected);
    std::printf("  recipients found     %s  (%d/%d)\n", qPrintable(pct(t.recipientsFound, t.recipientsExpected)),
                t.recipientsFound, t.recipientsExpected);
    std::printf("  author found         %s\n", qPrintable(pct(t.authorOk, t.letters)));
    std::printf("  author as recipient  %d\n", t.authorAsRecipient);
    std::printf("  document type        %s  (null %d, wrong %d)\n", qPrintable(pct(t.typeOk, t.letters)), t.typeNull,
                t.letters - t.typeOk - t.typeNull);
    std::printf("  time per letter      median %.0f ms, max %.0f ms\n", median(t.ms),
                t.ms.empty() ? 0.0 : *std::max_element(t.ms.begin(), t.ms.end()));
    for (const QString& m : t.misses) {
        std::printf("    miss: %s\n", qPrintable(m));
    }
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    int count = 30;
    int seed = 11;
    QString keep;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--count")) {
            count = args[i + 1].toInt();
        } else if (args[i] == QLatin1String("--seed")) {
            seed = args[i + 1].toInt();
        } else if (args[i] == QLatin1String("--keep")) {
            keep = args[i + 1];
        }
    }
    QTemporaryDir tmp;
    const QString dir = keep.isEmpty() ? tmp.path() + QStringLiteral("/corpus") : keep;
    std::printf("bench-reading: generating %d letters x (text, scan300, scan200) + identity cases in %s\n", count,
                qPrintable(dir));
    std::fflush(stdout);
    setenv("MISSIVE_DM_WRITER", MISSIVE_BENCH_DM_WRITER, 1);
    const ProcessRun gen =
        runProcess({MISSIVE_BENCH_PYTHON, MISSIVE_BENCH_GENERATOR, dir.toStdString(), "--count", std::to_string(count),
                    "--seed", std::to_string(seed), "--variants", "text,scan300,scan200", "--cases"});
    if (gen.exitCode != 0) {
        std::fprintf(stderr, "bench-reading: the generator failed\n");
        return 1;
    }
    std::printf("  generated in %.1f s\n", gen.ms / 1000);

    QFile index(dir + QStringLiteral("/index.txt"));
    if (!index.open(QIODevice::ReadOnly)) {
        return 1;
    }
    std::map<QString, Tally> tallies;
    Analyzer analyzer;
    for (const QByteArray& line : index.readAll().split('\n')) {
        const QString name = QString::fromUtf8(line.trimmed());
        if (name.isEmpty()) {
            continue;
        }
        const QString pdf = dir + QLatin1Char('/') + name;
        QFile sidecar(pdf.left(pdf.size() - 4) + QStringLiteral(".json"));
        if (!sidecar.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QJsonObject truth = QJsonDocument::fromJson(sidecar.readAll()).object();
        const QString variant = truth.value(QStringLiteral("variant")).toString();
        Tally& t = tallies[variant];
        QElapsedTimer timer;
        timer.start();
        auto result = analyzer.analyze(pdf);
        t.ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        if (!result) {
            ++t.failures;
            t.misses += name + QStringLiteral(": analysis failed: ") + result.error().detail;
            continue;
        }
        score(*result, truth, t);
    }
    for (const auto& [variant, t] : tallies) {
        printTally(variant, t);
    }

    // ---- Speed, side by side.
    const std::string missive = MISSIVE_BENCH_CLI;
    const std::string textPdf = QString(dir + QStringLiteral("/letter-000-text.pdf")).toStdString();
    const std::string scanPdf = QString(dir + QStringLiteral("/letter-000-scan300.pdf")).toStdString();
    std::vector<double> pdftotext;
    std::vector<double> analyzeText;
    std::vector<double> libText;
    long peakKb = 0;
    for (int i = 0; i < 9; ++i) {
        pdftotext.push_back(runProcess({"pdftotext", "-layout", textPdf, "-"}).ms);
        const ProcessRun run = runProcess({missive, "analyze", textPdf, "--json"});
        analyzeText.push_back(run.ms);
        peakKb = std::max(peakKb, run.maxRssKb);
        QElapsedTimer timer;
        timer.start();
        (void)analyzer.analyze(QString::fromStdString(textPdf));
        libText.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("\n== speed: one-page text letter (median of 9)\n");
    std::printf("  pdftotext process         %7.1f ms\n", median(pdftotext));
    std::printf("  missive analyze process   %7.1f ms  (%.2fx pdftotext; target <= 3x)\n", median(analyzeText),
                median(analyzeText) / median(pdftotext));
    std::printf("  Analyzer::analyze (lib)   %7.1f ms  (%.2fx pdftotext)\n", median(libText),
                median(libText) / median(pdftotext));

    const std::string png = QString(tmp.path() + QStringLiteral("/page")).toStdString();
    runProcess({"pdftoppm", "-r", "300", "-gray", "-png", "-singlefile", scanPdf, png});
    std::vector<double> tesseract;
    std::vector<double> analyzeScan;
    std::vector<double> libScan;
    long tesseractKb = 0;
    for (int i = 0; i < 3; ++i) {
        const ProcessRun t = runProcess({"tesseract", png + ".png", "-", "-l", "fra"});
        tesseract.push_back(t.ms);
        tesseractKb = std::max(tesseractKb, t.maxRssKb);
        const ProcessRun run = runProcess({missive, "analyze", scanPdf, "--json"});
        analyzeScan.push_back(run.ms);
        peakKb = std::max(peakKb, run.maxRssKb);
        QElapsedTimer timer;
        timer.start();
        (void)analyzer.analyze(QString::fromStdString(scanPdf));
        libScan.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::vector<double> tesseractOneThread;
    setenv("OMP_THREAD_LIMIT", "1", 1);
    for (int i = 0; i < 3; ++i) {
        tesseractOneThread.push_back(runProcess({"tesseract", png + ".png", "-", "-l", "fra"}).ms);
    }
    unsetenv("OMP_THREAD_LIMIT");
    std::printf("\n== speed: one scanned page, 300 dpi (median of 3)\n");
    std::printf("  tesseract page.png - -l fra  %7.0f ms  (with OMP_THREAD_LIMIT=1: %.0f ms)\n", median(tesseract),
                median(tesseractOneThread));
    std::printf("  missive analyze process      %7.0f ms  (%.2fx tesseract; target <= 0.6x)\n", median(analyzeScan),
                median(analyzeScan) / median(tesseract));
    std::printf("  Analyzer::analyze (lib)      %7.0f ms  (%.2fx tesseract)\n", median(libScan),
                median(libScan) / median(tesseract));

    rusage self{};
    getrusage(RUSAGE_SELF, &self);
    std::printf("\n== memory (peak RSS)\n");
    std::printf("  missive analyze process   %6.1f MB  (target <= 300 MB)\n", static_cast<double>(peakKb) / 1024);
    std::printf("  tesseract CLI             %6.1f MB\n", static_cast<double>(tesseractKb) / 1024);
    std::printf("  this bench (whole corpus, one Analyzer) %6.1f MB\n", static_cast<double>(self.ru_maxrss) / 1024);
    return 0;
}
