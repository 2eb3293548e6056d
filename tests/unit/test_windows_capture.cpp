// The portable rules of the Windows capture (printer-driver/windows), tested here
// because no spooler runs on Linux: session choice, app detection, spool names and
// ACLs, job ids.

#include "missive/spool/job_id.h"
#include "missive/spool/session_target.h"
#include "missive/spool/user_spool.h"
#include "missive/spool/windows_layout.h"

#include <catch2/catch.hpp>
#include <set>

using namespace missive::spool;

namespace
{

const std::string Alice = "S-1-5-21-1004336348-1177238915-682003330-1001";
const std::string Bob = "S-1-5-21-1004336348-1177238915-682003330-1002";

} // namespace

TEST_CASE("the print token's session wins, even when the user is logged on twice", "[unit][spool][windows]")
{
    const std::vector<LogonSession> sessions{{0, "", false}, {2, Alice, true}, {3, Bob, true}, {5, Alice, true}};
    for (const std::uint32_t printedFrom : {2U, 5U}) {
        const auto decision = chooseTargetSession({Alice, printedFrom}, sessions);
        CHECK(decision.delivery == Delivery::Session);
        CHECK(decision.session == printedFrom);
        CHECK(decision.reason == RejectReason::None);
    }
    // The letter case of a session's SID does not matter, its digits do.
    CHECK(chooseTargetSession({Alice, 5U}, {{5, "s-1-5-21-1004336348-1177238915-682003330-1001", true}}).session == 5U);
}

TEST_CASE("a session that is gone or now someone else's gets no hand-off", "[unit][spool][windows]")
{
    // Alice printed from session 3, logged off; Bob's logon got id 3 before EndDocPort.
    const std::vector<LogonSession> sessions{{3, Bob, true}, {5, Alice, true}};
    const auto reused = chooseTargetSession({Alice, 3U}, sessions);
    CHECK(reused.delivery == Delivery::StoreOnly);
    CHECK_FALSE(reused.session.has_value()); // never recorded as session 3: Alice's next logon takes it
    const auto gone = chooseTargetSession({Alice, 7U}, sessions);
    CHECK(gone.delivery == Delivery::StoreOnly);
    CHECK_FALSE(gone.session.has_value());
    // A disconnected-but-dead entry (listed, not live) is not a target either.
    CHECK(chooseTargetSession({Alice, 5U}, {{5, Alice, false}}).delivery == Delivery::StoreOnly);
}

TEST_CASE("from session 0 only a single session of the same SID is a target", "[unit][spool][windows]")
{
    SECTION("one logon of the user")
    {
        const auto d = chooseTargetSession({Alice, 0U}, {{1, Bob, true}, {4, Alice, true}});
        CHECK(d.delivery == Delivery::Session);
        CHECK(d.session == 4U);
    }
    SECTION("two logons of the user: quarantined, not the first match")
    {
        const auto d = chooseTargetSession({Alice, 0U}, {{2, Alice, true}, {4, Alice, true}});
        CHECK(d.delivery == Delivery::Quarantine);
        CHECK(d.reason == RejectReason::AmbiguousSession);
        CHECK_FALSE(d.session.has_value());
    }
    SECTION("no logon of the user: stored for later")
    {
        const auto d = chooseTargetSession({Alice, std::nullopt}, {{1, Bob, true}});
        CHECK(d.delivery == Delivery::StoreOnly);
        CHECK_FALSE(d.session.has_value());
    }
    SECTION("another user with the same name elsewhere is a different SID")
    {
        const std::string otherDomainAlice = "S-1-5-21-9-9-9-1001";
        const auto d = chooseTargetSession({Alice, 0U}, {{2, otherDomainAlice, true}});
        CHECK(d.delivery == Delivery::StoreOnly);
    }
}

TEST_CASE("no printing identity: quarantined, never guessed", "[unit][spool][windows]")
{
    const std::vector<LogonSession> sessions{{1, Alice, true}};
    for (const std::string& sid : {std::string(), std::string("..\\x"), std::string("S-1-5-21-x"),
                                   std::string("S-1-5-18"), std::string("S-1-5-19"), std::string("S-1-5-20")}) {
        const auto d = chooseTargetSession({sid, 1U}, sessions);
        CHECK(d.delivery == Delivery::Quarantine);
        CHECK(d.reason == RejectReason::NoIdentity);
        CHECK_FALSE(d.session.has_value());
    }
}

TEST_CASE("each of the user's Missive instances shows its own jobs and the orphans", "[unit][spool][windows]")
{
    JobEnvelope e;
    const std::vector<std::uint32_t> live{2, 5};
    CHECK(jobVisibleInSession(e, 2, live)); // no session recorded: any instance
    e.session = 5;
    CHECK(jobVisibleInSession(e, 5, live));
    CHECK_FALSE(jobVisibleInSession(e, 2, live));
    e.session = 9; // logged off before the app saw it
    CHECK(jobVisibleInSession(e, 2, live));
}

TEST_CASE("the app of a session is recognised by SID and session, not by name", "[unit][spool][windows]")
{
    CHECK(isAppInstanceFor("missive-app.exe", 5, Alice, 5, Alice));
    CHECK(isAppInstanceFor("MISSIVE-APP.EXE", 5, Alice, 5, Alice));
    CHECK(isAppInstanceFor("C:\\Program Files\\Missive\\missive-app.exe", 5, Alice, 5, Alice));
    CHECK_FALSE(isAppInstanceFor("missive-app.exe", 2, Alice, 5, Alice)); // same user, other logon
    CHECK_FALSE(isAppInstanceFor("missive-app.exe", 5, Bob, 5, Alice));
    CHECK_FALSE(isAppInstanceFor("missive-app.exe", 5, "", 5, ""));
    CHECK_FALSE(isAppInstanceFor("missive-app.exe.evil", 5, Alice, 5, Alice));
    CHECK_FALSE(isAppInstanceFor("missive.exe", 5, Alice, 5, Alice));
}

TEST_CASE("Windows spool directories are closed to everyone but the user and SYSTEM", "[unit][spool][windows]")
{
    CHECK(userDirectorySddl(Alice)
          == L"D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;" + std::wstring(Alice.begin(), Alice.end()) + L")");
    CHECK(userDirectorySddl("S-1-5-21-1)(A;;FA;;;WD") == L""); // no ACE injection through the SID
    CHECK(userDirectorySddl("") == L"");
    CHECK(spoolRootSddl().rfind(L"D:P", 0) == 0); // protected: ProgramData's "Users may create" is not inherited
    CHECK(spoolRootSddl().find(L";;;BU)") == std::wstring::npos);
    CHECK(spoolRootSddl().find(L";;;WD)") == std::wstring::npos);
}

TEST_CASE("long Windows paths take the extended-length prefix", "[unit][spool][windows]")
{
    CHECK(extendedLengthPath(L"C:\\ProgramData\\Missive") == L"\\\\?\\C:\\ProgramData\\Missive");
    CHECK(extendedLengthPath(L"C:/ProgramData/Missive") == L"\\\\?\\C:\\ProgramData\\Missive");
    CHECK(extendedLengthPath(L"\\\\?\\C:\\x") == L"\\\\?\\C:\\x");
    CHECK(extendedLengthPath(L"\\\\srv\\share\\spool") == L"\\\\?\\UNC\\srv\\share\\spool");
    CHECK(extendedLengthPath(L"relative\\x") == L"relative\\x");
    CHECK(joinPath(L"C:\\a", L"b") == L"C:\\a\\b");
    CHECK(joinPath(L"C:\\a\\", L"\\b") == L"C:\\a\\b");
    const std::wstring deep = joinPath(extendedLengthPath(L"D:\\" + std::wstring(300, L'd')), L"jobs");
    CHECK(deep.size() > 260);
    CHECK(deep.rfind(L"\\\\?\\D:\\", 0) == 0);
}

TEST_CASE("port names cannot reach the registry or split a port list", "[unit][spool][windows]")
{
    CHECK(isValidPortName(L"MISSIVE:"));
    CHECK(isValidPortName(L"Missive Port 2:"));
    for (const wchar_t* bad : {L"", L"A\\B", L"A,B", L"A/B", L"A\"B", L"\u00e9:"}) {
        CHECK_FALSE(isValidPortName(bad));
    }
    CHECK_FALSE(isValidPortName(std::wstring(64, L'A')));
}

TEST_CASE("the app is started with its path only, nothing from the print", "[unit][spool][windows]")
{
    CHECK(appCommandLine(L"C:\\Program Files\\Missive\\missive-app.exe")
          == L"\"C:\\Program Files\\Missive\\missive-app.exe\"");
    CHECK(appCommandLine(L"") == L"");
    CHECK(appCommandLine(L"C:\\x\" --evil \"y") == L"");
}

TEST_CASE("job ids are the same on both systems and do not collide", "[unit][spool][windows]")
{
    CHECK(makeJobId(1795456240, 42, 0x3fa9c1a0) == "20261123T175040Z-42-3fa9c1a0");
    CHECK(isoTimestamp(1795456240) == "2026-11-23T17:50:40Z");
    CHECK(isoTimestamp(0) == "1970-01-01T00:00:00Z");
    CHECK(isoTimestamp(951782400) == "2000-02-29T00:00:00Z"); // leap day of a century leap year
    CHECK(isValidJobId(makeJobId(4102444799, 4294967295LL, 0xffffffffU)));
    CHECK(makeJobId(0, -5, 1) == "19700101T000000Z-0-00000001"); // never a '-' that isValidJobId would mislead
    // Concurrent jobs of the same second and job number differ by their random part.
    CHECK(makeJobId(1795456240, 7, 1) != makeJobId(1795456240, 7, 2));
    // The POSIX writer draws its ids through the same function.
    std::set<std::string> ids;
    for (int i = 0; i < 200; ++i) {
        const std::string id = newJobId(7);
        CHECK(isValidJobId(id));
        ids.insert(id);
    }
    CHECK(ids.size() == 200);
    CHECK(utcTimestamp().size() == 20);
}
