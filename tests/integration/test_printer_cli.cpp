// `missive printer install|status|remove` against a private cupsd.

#include "support.h"

#include <catch2/catch.hpp>
#include <sys/stat.h>

using namespace missive::test;

TEST_CASE("missive printer install, status and remove manage the CUPS queue", "[integration][cli]")
{
    PrivateCupsd cupsd;
    TempDir work;
    const fs::path spool = work / "spool";
    RunOptions options;
    options.env = cupsd.env();
    const auto cli = [&](std::vector<std::string> args) {
        args.insert(args.begin(), cliPath());
        return run(args, options);
    };

    CHECK(cli({"printer", "status", "--name", "Lettres"}).exitCode == 3);
    CHECK(cli({"printer", "remove", "--name", "Lettres"}).exitCode == 3);

    const auto installed = cli({"printer", "install", "--name", "Lettres", "--spool", spool.string()});
    INFO(installed.err);
    REQUIRE(installed.exitCode == 0);
    struct stat st = {};
    REQUIRE(stat(spool.c_str(), &st) == 0);
    CHECK(st.st_uid == 0);
    CHECK((st.st_mode & 07777) == 0711);

    const auto status = cli({"printer", "status", "--name", "Lettres", "--json"});
    REQUIRE(status.exitCode == 0);
    CHECK(status.out.find("\"device_uri\": \"missive:" + spool.string() + "\"") != std::string::npos);
    CHECK(status.out.find("\"accepting_jobs\": true") != std::string::npos);
    CHECK(status.out.find("\"state\": \"idle\"") != std::string::npos);
    // The installed PPD makes PDF the final format and A4 the default size.
    const std::string ppd = readFile(cupsd.dir() / "cups/conf/ppd/Lettres.ppd");
    CHECK(ppd.find("*DefaultPageSize: A4") != std::string::npos);
    CHECK(ppd.find("*cupsFilter2: \"application/pdf application/pdf 1 -\"") != std::string::npos);
    CHECK(ppd.find("missive-pstopdf") != std::string::npos);

    const auto remote = cli({"printer", "install", "--name", "Relais", "--spool", spool.string(), "--allow-remote"});
    REQUIRE(remote.exitCode == 0);
    CHECK(cli({"printer", "status", "--name", "Relais", "--json"}).out.find("?remote=allow") != std::string::npos);

    REQUIRE(cli({"printer", "remove", "--name", "Lettres"}).exitCode == 0);
    CHECK(cli({"printer", "status", "--name", "Lettres"}).exitCode == 3);
    // The spool and what it holds are kept: they are patient documents.
    CHECK(fs::exists(spool));

    // Without a reachable scheduler the error says so (exit 6).
    options.env = {{"CUPS_SERVER", "127.0.0.1:1"}};
    CHECK(cli({"printer", "status"}).exitCode == 6);
}
