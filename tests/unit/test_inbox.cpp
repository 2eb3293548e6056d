#include "missive/engine/inbox.h"
#include "missive/engine/inbox_watcher.h"
#include "missive/spool/user_spool.h"
#include "support.h"

#include <QStringList>
#include <QTest>
#include <catch2/catch.hpp>
#include <functional>
#include <sys/stat.h>
#include <unistd.h>

using missive::ErrorCode;
using missive::engine::CapturedJob;
using missive::engine::Inbox;
using missive::engine::InboxWatcher;
using missive::test::LocalSpool;
namespace fs = std::filesystem;

namespace
{

QString q(const fs::path& path)
{
    return QString::fromStdString(path.string());
}

bool waitUntil(const std::function<bool()>& done, int milliseconds = 10000)
{
    for (int waited = 0; waited < milliseconds && !done(); waited += 10) {
        QTest::qWait(10);
    }
    return done();
}

} // namespace

TEST_CASE("waiting jobs are listed with their metadata", "[unit][engine]")
{
    LocalSpool spool;
    const std::string pdf = missive::test::makePdf({"Lettre de liaison"});
    const auto first = spool.addJob(pdf, "Lettre de liaison");
    const auto second = spool.addJob(pdf, "Ordonnance de sortie");
    spool.addJob("garbage", "Mauvais pilote", true);

    const Inbox inbox(q(spool.root()));
    const auto waiting = inbox.waiting();
    REQUIRE(waiting);
    REQUIRE(waiting->jobs.size() == 2);
    QStringList titles;
    for (const auto& job : waiting->jobs) {
        titles << job.title;
        CHECK(job.state == CapturedJob::State::Waiting);
        CHECK(job.size == pdf.size());
        CHECK(job.sha256.toStdString() == missive::test::sha256Hex(pdf));
        CHECK(job.document.endsWith(QStringLiteral("/document.pdf")));
    }
    CHECK(titles.contains(QStringLiteral("Lettre de liaison")));
    CHECK(titles.contains(QStringLiteral("Ordonnance de sortie")));

    const auto quarantined = inbox.quarantined();
    REQUIRE(quarantined);
    REQUIRE(quarantined->jobs.size() == 1);
    CHECK(quarantined->jobs[0].reason == QStringLiteral("not-pdf"));
    CHECK_FALSE(quarantined->jobs[0].reasonMessage.isEmpty());

    const auto shown = inbox.job(QString::fromStdString(first));
    REQUIRE(shown);
    CHECK(shown->title == QStringLiteral("Lettre de liaison"));
    CHECK(inbox.job(QStringLiteral("20200101T000000Z-1-deadbeef")).error().code == ErrorCode::NotFound);
    CHECK(inbox.job(QStringLiteral("../../etc/passwd")).error().code == ErrorCode::NotFound);
    (void)second;
}

TEST_CASE("someone who never printed has an empty inbox", "[unit][engine]")
{
    missive::test::TempDir dir;
    fs::create_directory(dir / "spool");
    chmod((dir / "spool").c_str(), 0711);
    const Inbox inbox(q(dir / "spool"));
    const auto waiting = inbox.waiting();
    REQUIRE(waiting);
    CHECK(waiting->jobs.isEmpty());
}

TEST_CASE("taking a job delivers the verified PDF and removes it", "[unit][engine]")
{
    LocalSpool spool;
    const std::string pdf = missive::test::makePdf({"Compte rendu opératoire"});
    const auto id = QString::fromStdString(spool.addJob(pdf));
    const Inbox inbox(q(spool.root()));
    const fs::path output = spool.scratch() / "out.pdf";

    const auto taken = inbox.take(id, q(output));
    REQUIRE(taken);
    CHECK(missive::test::readFile(output) == pdf);
    struct stat st = {};
    REQUIRE(stat(output.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(inbox.waiting()->jobs.isEmpty());
    CHECK(inbox.take(id, q(output)).error().code == ErrorCode::NotFound);
}

TEST_CASE("a job that fails to be written out stays waiting", "[unit][engine]")
{
    LocalSpool spool;
    const auto id = QString::fromStdString(spool.addJob(missive::test::makePdf({"Lettre"})));
    const Inbox inbox(q(spool.root()));
    const auto taken = inbox.take(id, q(spool.scratch() / "no-such-dir" / "out.pdf"));
    REQUIRE_FALSE(taken);
    CHECK(taken.error().code == ErrorCode::Io);
    REQUIRE(inbox.waiting()->jobs.size() == 1);
    CHECK(inbox.waiting()->jobs[0].id == id);
}

TEST_CASE("a link planted at the output path is refused, its target and the job left untouched", "[unit][engine][fault]")
{
    LocalSpool spool;
    const auto id = QString::fromStdString(spool.addJob(missive::test::makePdf({"Lettre"})));
    const Inbox inbox(q(spool.root()));
    const auto victim = spool.scratch() / "victim.txt";
    {
        QFile f(q(victim));
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("precious");
    }
    const auto planted = spool.scratch() / "lettre.pdf";
    REQUIRE(QFile::link(q(victim), q(planted)));
    const auto taken = inbox.take(id, q(planted));
    REQUIRE_FALSE(taken);
    CHECK(taken.error().code == ErrorCode::UnsafePath);
    QFile f(q(victim));
    REQUIRE(f.open(QIODevice::ReadOnly));
    CHECK(f.readAll() == "precious");
    REQUIRE(inbox.waiting()->jobs.size() == 1);
}

TEST_CASE("a job altered after printing goes to quarantine", "[unit][engine]")
{
    LocalSpool spool;
    const auto id = spool.addJob(missive::test::makePdf({"Lettre"}));
    missive::test::writeFile(spool.userDir() / "jobs" / id / "document.pdf", "%PDF-1.4 something else", 0600);
    const Inbox inbox(q(spool.root()));
    const fs::path output = spool.scratch() / "out.pdf";

    const auto taken = inbox.take(QString::fromStdString(id), q(output));
    REQUIRE_FALSE(taken);
    CHECK(taken.error().code == ErrorCode::Integrity);
    CHECK_FALSE(fs::exists(output));
    CHECK(inbox.waiting()->jobs.isEmpty());
    const auto quarantined = inbox.quarantined();
    REQUIRE(quarantined->jobs.size() == 1);
    CHECK(quarantined->jobs[0].reason == QStringLiteral("integrity"));
    CHECK(missive::test::readFile(spool.userDir() / "quarantine" / id / "raw.bin") == "%PDF-1.4 something else");
}

TEST_CASE("the watcher reports waiting jobs, then each new one", "[unit][engine]")
{
    LocalSpool spool;
    const auto early = QString::fromStdString(spool.addJob(missive::test::makePdf({"Avant"})));
    InboxWatcher watcher(Inbox(q(spool.root())));
    QStringList arrived;
    QStringList quarantined;
    QObject::connect(&watcher, &InboxWatcher::jobArrived, [&](const CapturedJob& job) { arrived << job.id; });
    QObject::connect(&watcher, &InboxWatcher::jobQuarantined, [&](const CapturedJob& job) { quarantined << job.id; });
    watcher.start();
    CHECK(arrived == QStringList{early});

    const auto late = QString::fromStdString(spool.addJob(missive::test::makePdf({"Après"})));
    REQUIRE(waitUntil([&] { return arrived.size() == 2; }));
    CHECK(arrived.last() == late);
    const auto bad = QString::fromStdString(spool.addJob("garbage", "x", true));
    REQUIRE(waitUntil([&] { return quarantined.size() == 1; }));
    CHECK(quarantined.first() == bad);
    QTest::qWait(100);
    CHECK(arrived.size() == 2); // each job once
}

TEST_CASE("the watcher picks up a spool created after it started", "[unit][engine]")
{
    LocalSpool spool;
    fs::remove_all(spool.userDir());
    InboxWatcher watcher(Inbox(q(spool.root())));
    QStringList arrived;
    QObject::connect(&watcher, &InboxWatcher::jobArrived, [&](const CapturedJob& job) { arrived << job.id; });
    watcher.start();
    QTest::qWait(50);
    CHECK(arrived.isEmpty());

    // First print ever: the backend creates the user's spool, then publishes.
    auto rootFd = missive::spool::openSpoolRoot(spool.root(), false);
    REQUIRE(rootFd);
    REQUIRE(missive::spool::ensureUserDirectory(rootFd->get(), getuid(), getgid()));
    const auto id = QString::fromStdString(spool.addJob(missive::test::makePdf({"Premier"})));
    REQUIRE(waitUntil([&] { return !arrived.isEmpty(); }));
    CHECK(arrived.first() == id);
}
