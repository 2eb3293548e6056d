// The `missive` command line as a user runs it: a subprocess, its output and its exit code.

#include "support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch.hpp>
#include <sys/stat.h>

using missive::test::LocalSpool;
using missive::test::RunResult;
namespace fs = std::filesystem;

namespace
{

RunResult cli(const LocalSpool& spool, std::vector<std::string> args)
{
    args.insert(args.begin(), missive::test::cliPath());
    missive::test::RunOptions options;
    options.env = {{"MISSIVE_SPOOL_DIR", spool.root().string()}};
    return missive::test::run(args, options);
}

QJsonObject json(const RunResult& result)
{
    QJsonParseError error{};
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(result.out), &error);
    INFO(result.out);
    REQUIRE(error.error == QJsonParseError::NoError);
    return doc.object();
}

} // namespace

TEST_CASE("missive --help documents every command and exit code", "[unit][cli]")
{
    LocalSpool spool;
    const auto help = cli(spool, {"--help"});
    CHECK(help.exitCode == 0);
    for (const char* text : {"printer install", "printer remove", "printer status", "jobs list", "jobs show",
                             "jobs take", "jobs quarantine", "jobs watch", "Codes de sortie", "MISSIVE_SPOOL_DIR"}) {
        INFO(text);
        CHECK(help.out.find(text) != std::string::npos);
    }
    CHECK(cli(spool, {"--version"}).out.find("missive 0.") == 0);
}

TEST_CASE("missive COMMAND --help shows that command's help, for every command", "[unit][cli]")
{
    LocalSpool spool;
    const std::vector<std::pair<const char*, const char*>> commands{
        {"printer", "printer install"},    {"jobs", "jobs take"},
        {"send", "send FICHIER.pdf"},      {"outbox", "outbox retry"},
        {"directory", "directory rules"},  {"package", "package FICHIER.pdf"},
        {"analyze", "analyze FICHIER.pdf"}};
    for (const auto& [command, entry] : commands) {
        INFO(command);
        for (const char* flag : {"--help", "-h"}) {
            const auto help = cli(spool, {command, flag});
            CHECK(help.exitCode == 0);
            CHECK(help.out.find(std::string("Usage : missive ") + command) == 0);
            CHECK(help.out.find(entry) != std::string::npos);
            CHECK(help.out.find("Codes de sortie") != std::string::npos);
        }
        // Another command's entries are not in it.
        const std::string other = std::string(command) == "jobs" ? "outbox run" : "jobs list";
        CHECK(cli(spool, {command, "--help"}).out.find(other) == std::string::npos);
    }
    // A verb's help is that verb's entry only.
    const auto search = cli(spool, {"directory", "search", "--help"});
    CHECK(search.out.find("Usage : missive directory search") == 0);
    CHECK(search.out.find("directory search TEXTE") != std::string::npos);
    CHECK(search.out.find("directory import") == std::string::npos);
}

TEST_CASE("usage errors exit with 2 and say why", "[unit][cli]")
{
    LocalSpool spool;
    for (const auto& args : std::vector<std::vector<std::string>>{{},
                                                                  {"bogus"},
                                                                  {"jobs"},
                                                                  {"jobs", "fly"},
                                                                  {"jobs", "show"},
                                                                  {"jobs", "take", "x"},
                                                                  {"jobs", "list", "--no-such-option"},
                                                                  {"printer"},
                                                                  {"printer", "install", "--name", "bad name"},
                                                                  {"jobs", "watch", "--timeout", "soon"}}) {
        const auto result = cli(spool, args);
        INFO(result.err);
        CHECK(result.exitCode == 2);
        CHECK(result.err.find("missive") != std::string::npos);
    }
}

TEST_CASE("jobs list, show and take work on the user's spool", "[unit][cli]")
{
    LocalSpool spool;
    const std::string pdf = missive::test::makePdf({"Lettre de liaison pour le Dr Martin"});
    const std::string id = spool.addJob(pdf, "Lettre de liaison");

    const auto list = cli(spool, {"jobs", "list", "--json"});
    REQUIRE(list.exitCode == 0);
    const auto jobs = json(list)[QStringLiteral("jobs")].toArray();
    REQUIRE(jobs.size() == 1);
    const auto job = jobs[0].toObject();
    CHECK(job[QStringLiteral("id")].toString().toStdString() == id);
    CHECK(job[QStringLiteral("status")].toString() == QStringLiteral("waiting"));
    CHECK(job[QStringLiteral("title")].toString() == QStringLiteral("Lettre de liaison"));
    CHECK(job[QStringLiteral("sha256")].toString().toStdString() == missive::test::sha256Hex(pdf));
    CHECK(job[QStringLiteral("pages")].toInt() == 1);

    const auto plain = cli(spool, {"jobs", "list"});
    CHECK(plain.out.find(id) != std::string::npos);

    const auto show = cli(spool, {"jobs", "show", id, "--json"});
    REQUIRE(show.exitCode == 0);
    CHECK(json(show)[QStringLiteral("size")].toInteger() == static_cast<qint64>(pdf.size()));
    CHECK(cli(spool, {"jobs", "show", "20200101T000000Z-9-deadbeef"}).exitCode == 3);
    CHECK(cli(spool, {"jobs", "show", "../../../etc/passwd"}).exitCode == 3);

    const fs::path output = spool.scratch() / "lettre.pdf";
    const auto take = cli(spool, {"jobs", "take", id, "--output", output.string()});
    INFO(take.err);
    REQUIRE(take.exitCode == 0);
    CHECK(missive::test::readFile(output) == pdf);
    CHECK(cli(spool, {"jobs", "take", id, "-o", output.string()}).exitCode == 3);
    CHECK(json(cli(spool, {"jobs", "list", "--json"}))[QStringLiteral("jobs")].toArray().isEmpty());
}

TEST_CASE("jobs take can stream the PDF to standard output", "[unit][cli]")
{
    LocalSpool spool;
    const std::string pdf = missive::test::makePdf({"Ordonnance"});
    const std::string id = spool.addJob(pdf);
    const auto take = cli(spool, {"jobs", "take", id, "-o", "-"});
    REQUIRE(take.exitCode == 0);
    // run() collects stdout line by line and terminates the last line.
    CHECK(take.out == pdf);
}

TEST_CASE("a tampered job exits with 5 and lands in quarantine", "[unit][cli]")
{
    LocalSpool spool;
    const std::string id = spool.addJob(missive::test::makePdf({"Lettre"}));
    missive::test::writeFile(spool.userDir() / "jobs" / id / "document.pdf", "%PDF-1.4 forged", 0600);
    const auto take = cli(spool, {"jobs", "take", id, "-o", (spool.scratch() / "x.pdf").string()});
    CHECK(take.exitCode == 5);
    CHECK_FALSE(fs::exists(spool.scratch() / "x.pdf"));

    const auto quarantine = cli(spool, {"jobs", "quarantine", "--json"});
    REQUIRE(quarantine.exitCode == 0);
    const auto jobs = json(quarantine)[QStringLiteral("jobs")].toArray();
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].toObject()[QStringLiteral("reason")].toString() == QStringLiteral("integrity"));

    const auto shown = cli(spool, {"jobs", "quarantine", id});
    CHECK(shown.exitCode == 0);
    CHECK(shown.out.find("integrity") != std::string::npos);
    CHECK(cli(spool, {"jobs", "quarantine", id, "--delete"}).exitCode == 0);
    CHECK(cli(spool, {"jobs", "quarantine", id}).exitCode == 3);
}

TEST_CASE("a spool with loose permissions is refused with exit code 4", "[unit][cli]")
{
    LocalSpool spool;
    spool.addJob(missive::test::makePdf({"Lettre"}));
    chmod(spool.userDir().c_str(), 0755);
    const auto list = cli(spool, {"jobs", "list"});
    CHECK(list.exitCode == 4);
    CHECK(list.err.find("droits") != std::string::npos);
}

TEST_CASE("jobs watch --once reports a waiting job, or times out with 3", "[unit][cli]")
{
    LocalSpool spool;
    const auto none = cli(spool, {"jobs", "watch", "--once", "--timeout", "1"});
    CHECK(none.exitCode == 3);
    CHECK(none.out.empty());

    const std::string id = spool.addJob(missive::test::makePdf({"Lettre"}));
    const auto watch = cli(spool, {"jobs", "watch", "--once", "--timeout", "20", "--json"});
    REQUIRE(watch.exitCode == 0);
    const auto object = json(watch);
    CHECK(object[QStringLiteral("id")].toString().toStdString() == id);
}
