#include "backend.h"
#include "support.h"

#include <catch2/catch.hpp>
#include <unistd.h>

using namespace missive::backend;

TEST_CASE("device URIs select the spool root and the remote policy", "[unit][backend]")
{
    auto config = parseDeviceUri("missive:/");
    REQUIRE(config);
    CHECK(config->spoolRoot == DefaultSpoolRoot);
    CHECK_FALSE(config->allowRemote);

    config = parseDeviceUri("missive:/srv/missive/spool/");
    REQUIRE(config);
    CHECK(config->spoolRoot == "/srv/missive/spool");

    config = parseDeviceUri("missive:///srv/spool?remote=allow");
    REQUIRE(config);
    CHECK(config->spoolRoot == "/srv/spool");
    CHECK(config->allowRemote);

    for (const char* bad : {"", "ipp://printer/", "missive:relative", "missive:/a/../etc", "missive:/a/./b",
                            "missive:/a%2f..", "missive:/?remote=maybe"}) {
        CHECK_FALSE(parseDeviceUri(bad));
    }
}

TEST_CASE("only local non-system accounts may print", "[unit][backend]")
{
    CHECK_FALSE(resolvePrintingUser("root", 1000));
    CHECK_FALSE(resolvePrintingUser("daemon", 1000));
    CHECK_FALSE(resolvePrintingUser("nobody", 1000));
    CHECK_FALSE(resolvePrintingUser("missive-no-such-account", 1000));
    CHECK_FALSE(resolvePrintingUser("", 1000));
    CHECK_FALSE(resolvePrintingUser("-rf", 1000));
    CHECK_FALSE(resolvePrintingUser("a/b", 1000));
    CHECK_FALSE(resolvePrintingUser("a b", 1000));
    CHECK_FALSE(resolvePrintingUser("a\nb", 1000));
    if (missive::test::runningAsRoot()) {
        const auto account = missive::test::alice();
        const auto user = resolvePrintingUser(account.name, 1000);
        REQUIRE(user);
        CHECK(user->uid == account.uid);
        CHECK(user->gid == account.gid);
        // A site that raises UID_MIN above the account refuses it.
        CHECK_FALSE(resolvePrintingUser(account.name, account.uid + 1));
    }
}

TEST_CASE("UID_MIN is read from login.defs", "[unit][backend]")
{
    missive::test::TempDir dir;
    missive::test::writeFile(dir / "login.defs", "# comment\nUID_MIN\t\t 5000\nUID_MAX 60000\n");
    CHECK(loginDefsUidMin((dir / "login.defs").c_str()) == 5000);
    CHECK(loginDefsUidMin((dir / "missing").c_str()) == 1000);
}

TEST_CASE("local origins are recognised", "[unit][backend]")
{
    CHECK(isLocalHost("localhost"));
    CHECK(isLocalHost("127.0.0.1"));
    CHECK(isLocalHost("::1"));
    char name[256] = {};
    gethostname(name, sizeof name - 1);
    CHECK(isLocalHost(name));
    CHECK_FALSE(isLocalHost("10.1.2.3"));
    CHECK_FALSE(isLocalHost("poste-secretariat-12.chu.example"));
}
