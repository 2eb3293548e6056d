// missive's private parts (cmake/MissiveModules.cmake): the OCR module and missive-full are loaded
// only when a command needs them, and only from beside the program (<bindir>/../lib/missive).

#include "support.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch.hpp>
#include <fstream>

namespace fs = std::filesystem;
using missive::test::run;
using missive::test::TempDir;

namespace
{

// The first letter of the generated corpus whose name ends with `suffix`.
std::string corpusLetter(const std::string& suffix)
{
    const QString dir = qEnvironmentVariable("MISSIVE_OCR_CORPUS");
    REQUIRE_FALSE(dir.isEmpty()); // set by ctest; the fixture ocr.generate-corpus fills it
    QFile index(dir + QStringLiteral("/index.txt"));
    REQUIRE(index.open(QIODevice::ReadOnly));
    for (const QByteArray& line : index.readAll().split('\n')) {
        if (line.trimmed().endsWith(QByteArray::fromStdString(suffix))) {
            return QString(dir + QLatin1Char('/') + QString::fromUtf8(line.trimmed())).toStdString();
        }
    }
    FAIL("no " << suffix << " letter in the corpus");
    return {};
}

std::string textSource(const missive::test::RunResult& result)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(result.out))
        .object()
        .value(QStringLiteral("text_source"))
        .toString()
        .toStdString();
}

} // namespace

TEST_CASE("missive reads a scan through its OCR module, found beside it", "[integration][ocr][cli]")
{
    const auto scan = run({missive::test::cliPath(), "analyze", corpusLetter("-scan300.pdf"), "--json"});
    INFO(scan.err);
    REQUIRE(scan.exitCode == 0);
    CHECK(textSource(scan) == "ocr");
}

TEST_CASE("missive reads a text letter without its modules, and loads none from elsewhere", "[integration][ocr][cli]")
{
    // The program alone, without lib/missive: what a text letter needs is linked in.
    TempDir install("missive-bare");
    fs::create_directories(install / "bin");
    const fs::path program = install / "bin/missive";
    const fs::path modules = (install / "bin" / MISSIVE_TEST_MODULE_RELDIR).lexically_normal();
    fs::copy_file(missive::test::cliPath(), program);

    // Planted where a search path, the environment or the current directory would find them.
    TempDir planted("missive-planted");
    const fs::path marker = planted / "ran";
    fs::create_directories(planted / "lib/missive");
    for (const fs::path& fake : {planted / "ocr-tesseract.so", planted / "lib/missive/ocr-tesseract.so"}) {
        std::ofstream(fake) << "not a library\n";
    }
    for (const fs::path& fake : {planted / "missive-full", planted / "lib/missive/missive-full"}) {
        std::ofstream(fake) << "#!/bin/sh\ntouch '" << marker.string() << "'\n";
        fs::permissions(fake, fs::perms::owner_all);
    }
    const std::string env =
        "LD_LIBRARY_PATH='" + planted.path().string() + "' PATH='" + planted.path().string() + ":/usr/bin:/bin'";
    const auto inPlanted = [&](const std::string& args) {
        return run({"/bin/sh", "-c",
                    "cd '" + planted.path().string() + "' && exec env " + env + " '" + program.string() + "' " + args});
    };

    const auto text = inPlanted("analyze '" + corpusLetter("-text.pdf") + "' --json");
    INFO(text.err);
    CHECK(text.exitCode == 0);
    CHECK(textSource(text) == "text-layer");

    // A scan needs the OCR module: a clear error naming where it was looked for.
    const auto scan = inPlanted("analyze '" + corpusLetter("-scan300.pdf") + "'");
    INFO(scan.err);
    CHECK(scan.exitCode == 6);
    CHECK(scan.err.find("reconnaissance de texte indisponible") != std::string::npos);
    CHECK(scan.err.find((modules / "ocr-tesseract.so").string()) != std::string::npos);
    CHECK(scan.err.find(planted.path().string()) == std::string::npos);

    // The commands that need the transport stack are run by missive-full, beside the program only.
    const auto stats = inPlanted("directory stats --db '" + (planted / "annuaire.db").string() + "'");
    INFO(stats.err);
    CHECK(stats.exitCode == 1);
    CHECK(stats.err.find("commande indisponible") != std::string::npos);
    CHECK(stats.err.find((modules / "missive-full").string()) != std::string::npos);
    CHECK_FALSE(fs::exists(marker));
}
