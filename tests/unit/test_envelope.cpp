#include "missive/spool/envelope.h"

#include <catch2/catch.hpp>

using namespace missive::spool;

namespace
{

JobEnvelope sample()
{
    JobEnvelope e;
    e.id = "20261123T175040Z-42-3fa9c1a0";
    e.cupsJobId = 42;
    e.user = "alice";
    e.uid = 1001;
    e.title = "Lettre de liaison – Mme Dupont";
    e.copies = 2;
    e.host = "localhost";
    e.printer = "Missive";
    e.createdAt = "2026-11-23T17:50:40Z";
    e.sourceFormat = "application/pdf";
    e.pages = 3;
    e.size = 12345;
    e.sha256 = std::string(64, 'a');
    return e;
}

} // namespace

TEST_CASE("an envelope survives a round trip", "[unit][spool]")
{
    const JobEnvelope e = sample();
    const auto parsed = parseEnvelope(serializeEnvelope(e));
    REQUIRE(parsed);
    CHECK(parsed->id == e.id);
    CHECK(parsed->cupsJobId == 42);
    CHECK(parsed->user == "alice");
    CHECK(parsed->uid == 1001);
    CHECK(parsed->title == e.title);
    CHECK(parsed->copies == 2);
    CHECK(parsed->host == "localhost");
    CHECK(parsed->printer == "Missive");
    CHECK(parsed->createdAt == e.createdAt);
    CHECK(parsed->sourceFormat == "application/pdf");
    CHECK(parsed->pages == 3);
    CHECK(parsed->size == 12345);
    CHECK(parsed->sha256 == e.sha256);
    CHECK_FALSE(parsed->encrypted);
    CHECK(parsed->reason == RejectReason::None);
}

TEST_CASE("a hostile title cannot inject metadata lines", "[unit][spool]")
{
    JobEnvelope e = sample();
    e.title = "x\nuid=0\r\\n\x01\x7f end";
    e.reason = RejectReason::NotPdf;
    const std::string text = serializeEnvelope(e);
    CHECK(text.find("\nuid=0\n") == std::string::npos);
    const auto parsed = parseEnvelope(text);
    REQUIRE(parsed);
    CHECK(parsed->title == e.title);
    CHECK(parsed->uid == 1001);
    CHECK(parsed->reason == RejectReason::NotPdf);
}

TEST_CASE("unknown page count is kept unknown", "[unit][spool]")
{
    JobEnvelope e = sample();
    e.pages.reset();
    const auto parsed = parseEnvelope(serializeEnvelope(e));
    REQUIRE(parsed);
    CHECK_FALSE(parsed->pages.has_value());
}

TEST_CASE("bad metadata is rejected with a reason", "[unit][spool]")
{
    const std::string good = serializeEnvelope(sample());
    const auto replaced = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        return text.replace(at, from.size(), to);
    };
    CHECK_FALSE(parseEnvelope(""));
    CHECK_FALSE(parseEnvelope("id=x\n"));                                       // no version line
    CHECK_FALSE(parseEnvelope(replaced("missive-spool=1", "missive-spool=9"))); // future version
    CHECK_FALSE(parseEnvelope(good.substr(0, good.size() - 1)));                // last line cut
    CHECK_FALSE(parseEnvelope(good + "uid=0\n"));                               // duplicate key
    CHECK_FALSE(parseEnvelope(replaced("sha256=aaaa", "sha256=zzzz")));
    CHECK_FALSE(parseEnvelope(replaced("uid=1001", "uid=-5")));
    CHECK_FALSE(parseEnvelope(replaced("size=12345", "size=12x")));
    CHECK_FALSE(parseEnvelope(replaced("copies=2", "copies=0")));
    CHECK_FALSE(parseEnvelope(replaced("id=20261123", "id=../../etc")));
    CHECK_FALSE(parseEnvelope(replaced("reason=none", "reason=whatever")));
    CHECK_FALSE(parseEnvelope(replaced("title=Lettre", "title=Let\\qtre")));
    CHECK_FALSE(parseEnvelope(replaced("title=Lettre", "title=\\x4")));
    CHECK_FALSE(parseEnvelope(replaced("title=Lettre", "title=\tLettre")));
    CHECK_FALSE(parseEnvelope(replaced("user=alice\n", ""))); // required key missing
    CHECK_FALSE(parseEnvelope(good + std::string(70000, 'x') + "\n"));
    // Keys from a newer backend are ignored.
    CHECK(parseEnvelope(good + "future-field=1\n"));
}

TEST_CASE("job ids cannot name paths", "[unit][spool]")
{
    CHECK(isValidJobId("20261123T175040Z-42-3fa9c1a0"));
    for (const char* bad : {"", ".", "..", "a/b", "../x", "a b", "a.b", "é"}) {
        CHECK_FALSE(isValidJobId(bad));
    }
    CHECK_FALSE(isValidJobId(std::string(65, 'a')));
}

TEST_CASE("every reject reason has a stable name and a French message", "[unit][spool]")
{
    for (const auto reason :
         {RejectReason::Empty, RejectReason::NotPdf, RejectReason::UnreadablePdf, RejectReason::NoPages,
          RejectReason::Integrity, RejectReason::NoIdentity, RejectReason::AmbiguousSession,
          RejectReason::PostScript}) {
        const auto name = rejectReasonName(reason);
        CHECK(name != "none");
        CHECK(rejectReasonFromName(name) == reason);
        CHECK_FALSE(rejectReasonMessage(reason).empty());
    }
    CHECK(rejectReasonName(RejectReason::NotPdf) == "not-pdf");
    CHECK(rejectReasonName(RejectReason::UnreadablePdf) == "unreadable-pdf");
    CHECK(rejectReasonName(RejectReason::NoIdentity) == "no-identity");
    CHECK(rejectReasonName(RejectReason::AmbiguousSession) == "ambiguous-session");
}

TEST_CASE("a POSIX envelope carries none of the Windows keys", "[unit][spool]")
{
    const std::string text = serializeEnvelope(sample());
    CHECK(text.find("\nsid=") == std::string::npos);
    CHECK(text.find("\nsession=") == std::string::npos);
    CHECK(text.find("\nspooler-job-id=") == std::string::npos);
    const auto parsed = parseEnvelope(text);
    REQUIRE(parsed);
    CHECK(parsed->sid.empty());
    CHECK_FALSE(parsed->session.has_value());
    CHECK(parsed->spoolerJobId == 0);
}

TEST_CASE("a Windows envelope names its user by SID and keeps its session", "[unit][spool]")
{
    JobEnvelope e = sample();
    e.cupsJobId = 0;
    e.uid = -1;
    e.sid = "S-1-5-21-1004336348-1177238915-682003330-1001";
    e.session = 3;
    e.spoolerJobId = 17;
    const std::string text = serializeEnvelope(e);
    CHECK(text.rfind("missive-spool=1\n", 0) == 0); // same envelope version: older readers still parse it
    CHECK(text.find("\nuid=") == std::string::npos);
    const auto parsed = parseEnvelope(text);
    REQUIRE(parsed);
    CHECK(parsed->uid == -1);
    CHECK(parsed->sid == e.sid);
    CHECK(parsed->session == 3U);
    CHECK(parsed->spoolerJobId == 17U);

    // Session 0 is a value, not an absence.
    e.session = 0;
    const auto zero = parseEnvelope(serializeEnvelope(e));
    REQUIRE(zero);
    CHECK(zero->session == 0U);
}

TEST_CASE("bad Windows keys are rejected", "[unit][spool]")
{
    const std::string head = "missive-spool=1\nid=20261123T175040Z-17-3fa9c1a0\nuser=alice\ncreated=x\nsize=1\nsha256="
                             + std::string(64, 'a') + "\n";
    CHECK_FALSE(parseEnvelope(head)); // neither uid nor sid
    CHECK(parseEnvelope(head + "sid=S-1-5-18\n"));
    for (const char* bad :
         {"sid=S-1-5-..\\x\n", "sid=..\n", "sid=S-1\n", "sid=S-2-5-18\n", "sid=s-1-5-18 \n", "sid=S-1-5-018\n"}) {
        CHECK_FALSE(parseEnvelope(head + bad));
    }
    CHECK_FALSE(parseEnvelope(head + "sid=S-1-5-18\nsession=-1\n"));
    CHECK_FALSE(parseEnvelope(head + "sid=S-1-5-18\nsession=4294967296\n"));
    CHECK_FALSE(parseEnvelope(head + "sid=S-1-5-18\nspooler-job-id=x\n"));
}

TEST_CASE("SID strings are checked before they name a directory", "[unit][spool]")
{
    CHECK(isValidSidString("S-1-5-18"));
    CHECK(isValidSidString("S-1-5-21-1004336348-1177238915-682003330-1001"));
    for (const char* bad : {"", "S-", "S-1", "S-1-", "S-1-5-", "S-1--5", "S-1-5-21-a", "S-1-5\\..", "S-1-5/18",
                            "X-1-5-18", "S-1-5-18-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16"}) {
        CHECK_FALSE(isValidSidString(bad));
    }
}
