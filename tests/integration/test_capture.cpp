// Print capture through a real, private cupsd (as CUPS's run-stp-tests.sh does):
// lp → cupsd → cups-filters → the Missive backend → the printing user's spool.

#include "missive/spool/user_spool.h"
#include "support.h"

#include <catch2/catch.hpp>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/mount.h>
#include <sys/stat.h>
#include <thread>

using namespace missive::test;
using missive::spool::Area;
using missive::spool::JobEnvelope;
using missive::spool::RejectReason;

namespace
{

const std::string Queue = "Missive";

struct Capture
{
    PrivateCupsd cupsd;
    TempDir work{"missive-capture"};
    fs::path spool = work / "spool";
    Account alice = missive::test::alice();
    Account bob = missive::test::bob();

    // `extra`: an option of `missive printer install` ("--allow-remote": stated user names trusted).
    explicit Capture(const std::string& extra = {})
    {
        cupsd.installQueue(Queue, spool.string(), extra);
    }

    fs::path userDir(const Account& who) const
    {
        return spool / std::to_string(who.uid);
    }

    fs::path document(const std::string& name, const std::string& content) const
    {
        writeFile(work / name, content, 0644);
        return work / name;
    }

    std::vector<JobEnvelope> jobs(const Account& who, Area area = Area::Jobs) const
    {
        auto opened = missive::spool::UserSpool::openPath(spool, who.uid);
        if (!opened) {
            return {};
        }
        std::vector<JobEnvelope> result;
        const auto listing = opened->list(area);
        for (const auto& job : listing->jobs) {
            result.push_back(job.envelope);
        }
        return result;
    }

    fs::path payload(const Account& who, const JobEnvelope& job, Area area = Area::Jobs) const
    {
        return userDir(who) / (area == Area::Jobs ? "jobs" : "quarantine") / job.id
               / (area == Area::Jobs ? "document.pdf" : "raw.bin");
    }

    // Runs the backend as cupsd does (as root) on a job whose data is still
    // arriving; returns once the backend is writing into the user's spool.
    std::unique_ptr<Child> backendMidJob(const std::string& cupsJobId, const std::string& firstBytes) const
    {
        RunOptions options;
        options.env = {
            {"DEVICE_URI", "missive:" + spool.string()}, {"PRINTER", Queue}, {"CONTENT_TYPE", "application/pdf"}};
        auto backend = std::make_unique<Child>(std::vector<std::string>{backendPath(), cupsJobId, alice.name, "Lettre",
                                                                        "1", "job-originating-host-name=localhost"},
                                               options, true);
        backend->write(firstBytes);
        const fs::path tmp = userDir(alice) / "tmp";
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        for (std::error_code ec; !(fs::exists(tmp, ec) && !fs::is_empty(tmp, ec));) {
            REQUIRE(std::chrono::steady_clock::now() < deadline);
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return backend;
    }

    CupsJobState finish(int jobId, int untilState = 0) const
    {
        const auto state = cupsd.waitForJob(jobId, std::chrono::seconds(90), untilState);
        INFO("job " << jobId << " state " << state.state << " message: " << state.message);
        return state;
    }
};

struct FileStat
{
    uid_t uid;
    gid_t gid;
    mode_t mode;
};

FileStat statOf(const fs::path& path)
{
    struct stat st = {};
    REQUIRE(lstat(path.c_str(), &st) == 0);
    return {st.st_uid, st.st_gid, st.st_mode & 07777};
}

void checkPrivate(const fs::path& path, const Account& owner, mode_t mode)
{
    INFO(path);
    const auto st = statOf(path);
    CHECK(st.uid == owner.uid);
    CHECK(st.gid == owner.gid);
    CHECK(st.mode == mode);
}

std::map<std::string, std::string> procStatus(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::map<std::string, std::string> fields;
    std::string line;
    while (std::getline(in, line)) {
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
            fields[line.substr(0, colon)] = collapseWhitespace(line.substr(colon + 1));
        }
    }
    return fields;
}

bool waitFor(const std::function<bool()>& done, std::chrono::seconds timeout = std::chrono::seconds(30))
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

const std::vector<std::string> LetterPages{
    "Lettre de liaison - sortie d'hospitalisation\nPatiente : Mme Jeanne DUPONT née MARTIN, le 12/03/1951\n"
    "Destinataire : Dr Pierre Lefèvre, cardiologue, 69003 Lyon",
    "Traitement de sortie : furosémide 40 mg, « œdème » en régression.\nCopie à : Dr Anne Müller, médecin traitant",
    "Fait à Lyon, le 23 novembre 2026.\nDr Claire Bérard, service de cardiologie",
};

} // namespace

TEST_CASE("a text PDF printed with lp arrives intact in the printer's spool", "[integration][capture]")
{
    Capture c;
    const std::string pdf = makePdf(LetterPages);
    const auto file = c.document("lettre.pdf", pdf);
    const int jobId = c.cupsd.print(c.alice, file, Queue, {"-t", "Lettre de liaison DUPONT"});
    const auto state = c.finish(jobId);
    CHECK(state.state == IppJobCompleted);

    const auto jobs = c.jobs(c.alice);
    REQUIRE(jobs.size() == 1);
    const auto& job = jobs[0];
    CHECK(job.cupsJobId == jobId);
    CHECK(job.user == c.alice.name);
    CHECK(job.uid == c.alice.uid);
    CHECK(job.title == "Lettre de liaison DUPONT");
    CHECK(job.copies == 1);
    CHECK(job.host == "localhost");
    CHECK(job.printer == Queue);
    CHECK(job.sourceFormat == "application/pdf");
    CHECK(job.pages == 3);
    CHECK(job.size == pdf.size());
    CHECK(job.sha256 == sha256Hex(pdf));
    CHECK(job.reason == RejectReason::None);
    CHECK_FALSE(job.createdAt.empty());

    // PDF input reaches the backend untouched: same bytes, same text layer.
    const auto stored = c.payload(c.alice, job);
    CHECK(readFile(stored) == pdf);
    const auto content = readPdf(stored);
    REQUIRE(content.pages == 3);
    for (int i = 0; i < 3; ++i) {
        CHECK(content.text[static_cast<std::size_t>(i)]
              == collapseWhitespace(LetterPages[static_cast<std::size_t>(i)]));
    }

    // Private to alice, all the way down.
    const auto root = statOf(c.spool);
    CHECK(root.uid == 0);
    CHECK(root.mode == 0711);
    checkPrivate(c.userDir(c.alice), c.alice, 0700);
    checkPrivate(c.userDir(c.alice) / "jobs", c.alice, 0700);
    checkPrivate(c.userDir(c.alice) / "jobs" / job.id, c.alice, 0700);
    checkPrivate(stored, c.alice, 0600);
    checkPrivate(c.userDir(c.alice) / "jobs" / job.id / "job.meta", c.alice, 0600);
    CHECK(fs::is_empty(c.userDir(c.alice) / "tmp"));

    // The title may name a patient: what the backend says in cupsd's log never carries it.
    const std::string log = c.cupsd.errorLog();
    CHECK(log.find("missive: job " + job.id + " stored") != std::string::npos);
    std::istringstream lines(log);
    int backendLines = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.find("missive:") != std::string::npos || line.find("Missive :") != std::string::npos) {
            ++backendLines;
            INFO(line);
            CHECK(line.find("DUPONT") == std::string::npos);
        }
    }
    CHECK(backendLines >= 2);

    SECTION("copies are recorded, not multiplied")
    {
        const int again = c.cupsd.print(c.alice, file, Queue, {"-n", "2"});
        CHECK(c.finish(again).state == IppJobCompleted);
        const auto all = c.jobs(c.alice);
        REQUIRE(all.size() == 2);
        const auto& second = all[0].cupsJobId == again ? all[0] : all[1];
        CHECK(second.copies == 2);
        CHECK(second.pages == 3);
    }
}

TEST_CASE("PostScript is converted to PDF and keeps its text", "[integration][capture]")
{
    Capture c;
    const std::vector<std::string> pages{"Compte rendu operatoire\nIntervention du 20 novembre 2026",
                                         "Suites simples\nSortie prevue le 24 novembre"};
    const int jobId = c.cupsd.print(c.alice, c.document("cro.ps", makePostScript(pages)), Queue);
    CHECK(c.finish(jobId).state == IppJobCompleted);
    const auto jobs = c.jobs(c.alice);
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].sourceFormat == "application/postscript");
    const auto stored = c.payload(c.alice, jobs[0]);
    CHECK(readFile(stored).rfind("%PDF-", 0) == 0);
    const auto content = readPdf(stored);
    REQUIRE(content.pages == 2);
    if (jobs[0].pages) {
        CHECK(*jobs[0].pages == 2);
    }
    CHECK(content.text[0] == collapseWhitespace(pages[0]));
    CHECK(content.text[1] == collapseWhitespace(pages[1]));
}

TEST_CASE("a letter printed from a Qt program keeps its text layer", "[integration][capture]")
{
    Capture c;
    RunOptions asAlice;
    asAlice.as = c.alice;
    asAlice.env = {
        {"CUPS_SERVER", c.cupsd.server()}, {"QT_QPA_PLATFORM", "offscreen"}, {"HOME", c.work.path().string()}};
    const std::vector<std::string> pages{"Lettre de liaison depuis une application graphique",
                                         "Seconde page : traitement de sortie inchangé"};
    const auto printed = run({qtPrintPath(), Queue, "Courrier Qt", pages[0], pages[1]}, asAlice);
    INFO(printed.err);
    REQUIRE(printed.exitCode == 0);
    // Polling as root while the backend sets up alice's spool once left a root-owned tmp/ behind
    // (fixed in the spool library); cupsd's log tells the story if a job ever fails to arrive.
    const bool arrived = waitFor([&] { return c.jobs(c.alice).size() == 1; }, std::chrono::seconds(60));
    INFO("cupsd error log:\n" << c.cupsd.errorLog());
    REQUIRE(arrived);
    const auto jobs = c.jobs(c.alice);
    CHECK(jobs[0].title == "Courrier Qt");
    CHECK(jobs[0].sourceFormat == "application/pdf");
    const auto content = readPdf(c.payload(c.alice, jobs[0]));
    REQUIRE(content.pages == 2);
    CHECK(content.text[0] == pages[0]);
    CHECK(content.text[1] == pages[1]);
    const auto pdf = readFile(c.payload(c.alice, jobs[0]));
    CHECK(pdf.find("/MediaBox [0 0 595") != std::string::npos); // A4
}

TEST_CASE("a 200-page document arrives whole", "[integration][capture]")
{
    Capture c;
    const auto pages = numberedPages(200, "Dossier");
    const std::string pdf = makePdf(pages);
    const int jobId = c.cupsd.print(c.alice, c.document("dossier.pdf", pdf), Queue);
    CHECK(c.finish(jobId).state == IppJobCompleted);
    const auto jobs = c.jobs(c.alice);
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].pages == 200);
    CHECK(jobs[0].sha256 == sha256Hex(pdf));
    const auto content = readPdf(c.payload(c.alice, jobs[0]));
    REQUIRE(content.pages == 200);
    for (const int i : {0, 99, 199}) {
        CHECK(content.text[static_cast<std::size_t>(i)] == collapseWhitespace(pages[static_cast<std::size_t>(i)]));
    }
}

TEST_CASE("20 jobs from two users at once each land in their owner's spool only", "[integration][capture]")
{
    Capture c;
    std::vector<std::unique_ptr<Child>> submissions;
    std::vector<std::pair<Account, std::string>> expected;
    for (int i = 0; i < 20; ++i) {
        const Account& who = i % 2 == 0 ? c.alice : c.bob;
        const std::string title = who.name + "-" + std::to_string(i);
        const auto file = c.document(title + ".pdf", makePdf({"Courrier " + title}));
        RunOptions options;
        options.as = who;
        submissions.push_back(std::make_unique<Child>(
            std::vector<std::string>{"lp", "-h", c.cupsd.server(), "-d", Queue, "-t", title, file.string()}, options));
        expected.emplace_back(who, title);
    }
    std::vector<int> jobIds;
    for (auto& lp : submissions) {
        const auto line = lp->readLine(std::chrono::seconds(60));
        REQUIRE(lp->wait() == 0);
        REQUIRE(line);
        jobIds.push_back(std::stoi(line->substr(line->find('-', line->find("request id is ")) + 1)));
    }
    for (const int id : jobIds) {
        CHECK(c.finish(id).state == IppJobCompleted);
    }

    for (const Account& who : {c.alice, c.bob}) {
        const auto jobs = c.jobs(who);
        CHECK(jobs.size() == 10);
        for (const auto& job : jobs) {
            CHECK(job.user == who.name);
            CHECK(job.title.rfind(who.name + "-", 0) == 0);
            CHECK(collapseWhitespace(readPdf(c.payload(who, job)).text.at(0)) == "Courrier " + job.title);
        }
    }

    // Alice cannot see or read bob's jobs, by any path.
    RunOptions asAlice;
    asAlice.as = c.alice;
    CHECK(run({"ls", c.userDir(c.bob).string()}, asAlice).exitCode != 0);
    const auto bobJob = c.jobs(c.bob).at(0);
    CHECK(run({"cat", c.payload(c.bob, bobJob).string()}, asAlice).exitCode != 0);
    CHECK(run({"ls", c.spool.string()}, asAlice).exitCode != 0);
    asAlice.env = {{"MISSIVE_SPOOL_DIR", c.spool.string()}};
    const auto listed = run({cliPath(), "jobs", "list", "--json"}, asAlice);
    REQUIRE(listed.exitCode == 0);
    CHECK(listed.out.find("missive-bob") == std::string::npos);
    std::size_t count = 0;
    for (auto at = listed.out.find("\"user\": \"missive-alice\""); at != std::string::npos;
         at = listed.out.find("\"user\": \"missive-alice\"", at + 1)) {
        ++count;
    }
    CHECK(count == 10);
}

TEST_CASE("bad prints fail in CUPS with a clear message and go to quarantine", "[integration][capture]")
{
    Capture c;

    SECTION("garbage bytes")
    {
        std::string garbage(3000, '\0');
        for (std::size_t i = 0; i < garbage.size(); ++i) {
            garbage[i] = static_cast<char>((i * 7919 + 13) % 251);
        }
        const int jobId = c.cupsd.print(c.alice, c.document("garbage.bin", garbage), Queue);
        const auto state = c.finish(jobId);
        CHECK(state.state == IppJobAborted);
        CHECK(state.message.find("n'est pas un PDF") != std::string::npos);
        const auto held = c.jobs(c.alice, Area::Quarantine);
        REQUIRE(held.size() == 1);
        CHECK(held[0].reason == RejectReason::NotPdf);
        CHECK(state.message.find(held[0].id) != std::string::npos);
        CHECK(readFile(c.payload(c.alice, held[0], Area::Quarantine)) == garbage);
        CHECK(c.jobs(c.alice).empty());
    }
    SECTION("an empty print (PostScript that draws no page)")
    {
        const int jobId = c.cupsd.print(c.alice, c.document("blank.ps", "%!PS-Adobe-3.0\n%%EOF\n"), Queue);
        const auto state = c.finish(jobId);
        CHECK(state.state == IppJobAborted);
        CHECK(state.message.find("vide") != std::string::npos);
        const auto held = c.jobs(c.alice, Area::Quarantine);
        REQUIRE(held.size() == 1);
        CHECK(held[0].reason == RejectReason::Empty);
        CHECK(held[0].size == 0);
    }
    SECTION("PostScript that Ghostscript cannot read")
    {
        const std::string broken = "%!PS-Adobe-3.0\n/Helvetica findfont 12 scalefont setfont 72 700 moveto (x) show "
                                   "this-is-not-an-operator\nshowpage\n";
        const int jobId = c.cupsd.print(c.alice, c.document("broken.ps", broken), Queue);
        const auto state = c.finish(jobId);
        CHECK(state.state == IppJobAborted);
        const auto held = c.jobs(c.alice, Area::Quarantine);
        REQUIRE(held.size() == 1);
        CHECK(held[0].reason == RejectReason::PostScript); // said so, not "not a PDF (wrong driver)"
        CHECK(readFile(c.payload(c.alice, held[0], Area::Quarantine)) == broken);
        // Ghostscript's error dump quotes the document; cupsd's log (at debug level) never does.
        CHECK(c.cupsd.errorLog().find("this-is-not-an-operator") == std::string::npos);
    }
    SECTION("a truncated PDF")
    {
        const std::string pdf = makePdf(LetterPages);
        const std::string cut = pdf.substr(0, pdf.size() * 2 / 3);
        const int jobId = c.cupsd.print(c.alice, c.document("cut.pdf", cut), Queue);
        const auto state = c.finish(jobId);
        CHECK(state.state == IppJobAborted);
        CHECK(state.message.find("illisible") != std::string::npos);
        const auto held = c.jobs(c.alice, Area::Quarantine);
        REQUIRE(held.size() == 1);
        CHECK(held[0].reason == RejectReason::UnreadablePdf);
        CHECK(readFile(c.payload(c.alice, held[0], Area::Quarantine)) == cut);
    }
    // The user sees it from the command line too.
    RunOptions asAlice;
    asAlice.as = c.alice;
    asAlice.env = {{"MISSIVE_SPOOL_DIR", c.spool.string()}};
    const auto quarantine = run({cliPath(), "jobs", "quarantine"}, asAlice);
    CHECK(quarantine.exitCode == 0);
    CHECK(quarantine.out.find("Aucune") == std::string::npos);
}

TEST_CASE("prints claiming unknown or system accounts are refused and write nothing", "[integration][capture]")
{
    // A relaying queue, whose policy lets CUPS pass stated names: the backend's own check.
    Capture c("--allow-remote");
    const auto file = c.document("lettre.pdf", makePdf(LetterPages));
    for (const std::string user : {"missive-nobody-here", "daemon", "root"}) {
        const int jobId = c.cupsd.printClaimingUser(user, file, Queue);
        const auto state = c.finish(jobId);
        INFO(user);
        CHECK(state.state == IppJobAborted);
        CHECK(state.message.find("pas un compte utilisateur") != std::string::npos);
    }
    // Nothing was created in the spool for anyone.
    CHECK(fs::is_empty(c.spool));
}

TEST_CASE("a local user cannot print as another: lp -U is refused and nothing reaches the other's spool",
          "[integration][capture][security][fault]")
{
    Capture c;
    const auto file = c.document("lettre.pdf", makePdf(LetterPages));
    RunOptions asAlice;
    asAlice.as = c.alice;
    const auto forged = run({"lp", "-h", c.cupsd.server(), "-U", c.bob.name, "-d", Queue, file.string()}, asAlice);
    CHECK(forged.exitCode != 0);
    CHECK(forged.err.find("Unauthorized") != std::string::npos);
    // Alice's own print, authenticated by her uid on the socket (no password), lands in her spool.
    const int own = c.cupsd.print(c.alice, file, Queue);
    CHECK(c.finish(own).state == IppJobCompleted);
    CHECK(c.jobs(c.alice).size() == 1);
    CHECK(c.jobs(c.bob).empty());
    CHECK((!fs::exists(c.userDir(c.bob) / "jobs") || fs::is_empty(c.userDir(c.bob) / "jobs")));
}

TEST_CASE("the backend runs as the printing user before it touches the spool", "[integration][capture][security]")
{
    Capture c;
    const std::string pdf = makePdf(LetterPages);
    // Started as root, exactly as cupsd starts a 0700 backend; stdin stays open,
    // and a partial job in the user's tmp area means it is writing the spool now.
    const auto backend = c.backendMidJob("77", pdf.substr(0, 200));
    const auto status = procStatus(backend->pid());
    const std::string uid = std::to_string(c.alice.uid);
    const std::string gid = std::to_string(c.alice.gid);
    CHECK(status.at("Uid") == uid + " " + uid + " " + uid + " " + uid);
    CHECK(status.at("Gid") == gid + " " + gid + " " + gid + " " + gid);
    CHECK(status.at("Groups") == gid);
    CHECK(status.at("CapEff") == "0000000000000000");
    CHECK(status.at("CapPrm") == "0000000000000000");

    backend->write(pdf.substr(200));
    backend->closeInput();
    CHECK(backend->wait() == 0);
    const auto err = backend->readAllStderr();
    CHECK(err.find("runs as uid " + uid) != std::string::npos);
    const auto jobs = c.jobs(c.alice);
    REQUIRE(jobs.size() == 1);
    checkPrivate(c.payload(c.alice, jobs[0]), c.alice, 0600);
}

TEST_CASE("a job cancelled while it is received leaves nothing behind", "[integration][capture]")
{
    Capture c;
    const auto backend = c.backendMidJob("81", makePdf(LetterPages).substr(0, 300));
    // What cupsd does when the user cancels the job: SIGTERM, and the filter
    // before the backend dies, closing the pipe at once (wait() closes it).
    REQUIRE(kill(backend->pid(), SIGTERM) == 0);
    const int exitCode = backend->wait();
    INFO(backend->readAllStderr());
    CHECK(exitCode == 0);
    CHECK(fs::is_empty(c.userDir(c.alice) / "tmp"));
    CHECK(c.jobs(c.alice).empty());
    CHECK(c.jobs(c.alice, Area::Quarantine).empty());
}

TEST_CASE("a backend killed mid-write publishes nothing, and its leftovers are swept", "[integration][capture]")
{
    Capture c;
    const std::string pdf = makePdf(LetterPages);
    const auto backend = c.backendMidJob("82", pdf.substr(0, 500));
    const fs::path tmp = c.userDir(c.alice) / "tmp";
    backend->kill(); // SIGKILL: no handler, no cleanup
    CHECK(c.jobs(c.alice).empty());
    CHECK(c.jobs(c.alice, Area::Quarantine).empty());
    const fs::path partial = fs::directory_iterator(tmp)->path();

    // A day later, the next print sweeps the partial job away.
    const timespec old[2] = {{std::time(nullptr) - 2 * 86400, 0}, {std::time(nullptr) - 2 * 86400, 0}};
    REQUIRE(utimensat(AT_FDCWD, partial.c_str(), old, AT_SYMLINK_NOFOLLOW) == 0);
    CHECK(c.finish(c.cupsd.print(c.alice, c.document("lettre.pdf", pdf), Queue)).state == IppJobCompleted);
    CHECK_FALSE(fs::exists(partial));
    CHECK(c.jobs(c.alice).size() == 1);
}

TEST_CASE("jobs relayed from another host are refused unless allowed", "[integration][capture][security]")
{
    Capture c;
    const std::string pdf = makePdf(LetterPages);
    RunOptions options;
    options.input = pdf;
    const std::vector<std::string> argv{backendPath(), "78", c.alice.name,
                                        "Lettre",      "1",  "job-originating-host-name=10.20.30.40"};
    options.env = {{"DEVICE_URI", "missive:" + c.spool.string()}, {"PRINTER", Queue}};
    const auto refused = run(argv, options);
    CHECK(refused.exitCode == 1); // CUPS_BACKEND_FAILED
    CHECK(refused.err.find("ERROR: ") != std::string::npos);
    CHECK(fs::is_empty(c.spool));

    options.env["DEVICE_URI"] = "missive:" + c.spool.string() + "?remote=allow";
    const auto accepted = run(argv, options);
    CHECK(accepted.exitCode == 0);
    const auto jobs = c.jobs(c.alice);
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].host == "10.20.30.40");
}

TEST_CASE("an empty print stream is quarantined with its reason", "[integration][capture]")
{
    // lp refuses empty files itself; a filter that outputs nothing reaches the backend like this.
    Capture c;
    RunOptions options;
    options.env = {{"DEVICE_URI", "missive:" + c.spool.string()}, {"PRINTER", Queue}};
    const auto result =
        run({backendPath(), "80", c.alice.name, "Lettre", "1", "job-originating-host-name=localhost"}, options);
    INFO(result.err);
    CHECK(result.exitCode == 1); // CUPS_BACKEND_FAILED: the job is aborted, with its message
    CHECK(result.err.find("ERROR: Missive : L'impression est vide") != std::string::npos);
    const auto held = c.jobs(c.alice, Area::Quarantine);
    REQUIRE(held.size() == 1);
    CHECK(held[0].reason == RejectReason::Empty);
    CHECK(held[0].size == 0);
    CHECK(held[0].sha256 == sha256Hex(""));
}

TEST_CASE("a symlink in the user's spool holds the job instead of following it", "[integration][capture][security]")
{
    Capture c;
    const auto file = c.document("lettre.pdf", makePdf(LetterPages));
    CHECK(c.finish(c.cupsd.print(c.alice, file, Queue)).state == IppJobCompleted);

    // Someone swaps alice's jobs area for a link to a directory she must not fill.
    const fs::path target = c.work / "target";
    fs::create_directory(target);
    chmod(target.c_str(), 0777);
    const fs::path jobsArea = c.userDir(c.alice) / "jobs";
    fs::rename(jobsArea, c.work / "jobs.saved");
    fs::create_directory_symlink(target, jobsArea);
    REQUIRE(lchown(jobsArea.c_str(), c.alice.uid, c.alice.gid) == 0);

    const int jobId = c.cupsd.print(c.alice, file, Queue);
    const auto held = c.finish(jobId, IppJobHeld);
    CHECK(held.state == IppJobHeld);
    CHECK(held.message.find("droits anormaux") != std::string::npos);
    CHECK(fs::is_empty(target));

    // Once repaired, releasing the job delivers it: nothing was lost.
    fs::remove(jobsArea);
    fs::rename(c.work / "jobs.saved", jobsArea);
    REQUIRE(run({"lp", "-h", c.cupsd.server(), "-i", std::to_string(jobId), "-H", "resume"}).exitCode == 0);
    CHECK(c.finish(jobId).state == IppJobCompleted);
    CHECK(c.jobs(c.alice).size() == 2);
}

TEST_CASE("a full disk makes CUPS retry, and the job arrives once there is room", "[integration][capture]")
{
    Capture c;
    const fs::path small = c.work / "small";
    fs::create_directory(small);
    if (mount("tmpfs", small.c_str(), "tmpfs", 0, "size=256k,mode=0711") != 0) {
        // Without mount rights, a file size limit gives the backend the same "no space" error.
        WARN("tmpfs mount not permitted here; simulating a full disk with RLIMIT_FSIZE");
        RunOptions options;
        options.input = makePdf(numberedPages(50, "Dossier"));
        options.fileSizeLimit = 4096;
        options.env = {{"DEVICE_URI", "missive:" + c.spool.string()}, {"PRINTER", Queue}};
        const auto result =
            run({backendPath(), "79", c.alice.name, "Dossier", "1", "job-originating-host-name=localhost"}, options);
        CHECK(result.exitCode == 6); // CUPS_BACKEND_RETRY
        CHECK(result.err.find("espace disque") != std::string::npos);
        CHECK(c.jobs(c.alice).empty());
        CHECK(fs::is_empty(c.userDir(c.alice) / "tmp"));
        return;
    }
    struct Unmount
    {
        fs::path path;
        ~Unmount()
        {
            umount2(path.c_str(), MNT_DETACH);
        }
    } unmount{small};

    c.cupsd.installQueue("Small", small.string());
    // Leave far less room than the document needs.
    writeFile(small / "filler", std::string(200 * 1024, 'x'), 0600);
    const std::string pdf = makePdf(numberedPages(300, "Dossier"));
    REQUIRE(pdf.size() > 100 * 1024);
    const int jobId = c.cupsd.print(c.alice, c.document("dossier.pdf", pdf), "Small");
    const auto held = c.finish(jobId, IppJobHeld);
    CHECK(held.state == IppJobHeld);
    CHECK(held.message.find("espace disque") != std::string::npos);
    const fs::path aliceDir = small / std::to_string(c.alice.uid);
    CHECK(fs::is_empty(aliceDir / "tmp"));
    CHECK(fs::is_empty(aliceDir / "jobs"));

    // Room again: the scheduled retry delivers the job, whole.
    fs::remove(small / "filler");
    CHECK(c.finish(jobId).state == IppJobCompleted);
    auto opened = missive::spool::UserSpool::openPath(small, c.alice.uid);
    REQUIRE(opened);
    const auto listing = opened->list(Area::Jobs);
    REQUIRE(listing->jobs.size() == 1);
    CHECK(listing->jobs[0].envelope.sha256 == sha256Hex(pdf));
}

TEST_CASE("an unavailable spool makes CUPS retry until it is back", "[integration][capture]")
{
    Capture c;
    const fs::path gone = c.work / "gone";
    c.cupsd.installQueue("Gone", gone.string());
    fs::remove(gone);
    const int jobId = c.cupsd.print(c.alice, c.document("lettre.pdf", makePdf(LetterPages)), "Gone");
    const auto held = c.finish(jobId, IppJobHeld);
    CHECK(held.state == IppJobHeld);
    CHECK(held.message.find("indisponible") != std::string::npos);

    fs::create_directory(gone);
    chmod(gone.c_str(), 0711);
    CHECK(c.finish(jobId).state == IppJobCompleted);
    auto opened = missive::spool::UserSpool::openPath(gone, c.alice.uid);
    REQUIRE(opened);
    CHECK(opened->list(Area::Jobs)->jobs.size() == 1);
}

TEST_CASE("the user's desktop is told of a new job at once, and only that user's", "[integration][capture]")
{
    Capture c;
    RunOptions asAlice;
    asAlice.as = c.alice;
    asAlice.env = {{"MISSIVE_SPOOL_DIR", c.spool.string()}};
    Child watcher({cliPath(), "jobs", "watch", "--json"}, asAlice);
    RunOptions asBob = asAlice;
    asBob.as = c.bob;
    Child bobWatcher({cliPath(), "jobs", "watch", "--once", "--timeout", "8", "--json"}, asBob);

    const int jobId =
        c.cupsd.print(c.alice, c.document("lettre.pdf", makePdf(LetterPages)), Queue, {"-t", "Pour Bob?"});
    CHECK(c.finish(jobId).state == IppJobCompleted);
    const auto line = watcher.readLine(std::chrono::seconds(20));
    REQUIRE(line);
    const auto jobs = c.jobs(c.alice);
    REQUIRE(jobs.size() == 1);
    CHECK(line->find("\"id\":\"" + jobs[0].id + "\"") != std::string::npos);
    CHECK(line->find("\"status\":\"waiting\"") != std::string::npos);

    CHECK(bobWatcher.wait(std::chrono::seconds(30)) == 3);
    CHECK_FALSE(bobWatcher.readLine(std::chrono::milliseconds(100)));

    // A job printed while no one watches is reported at the next start.
    const int second = c.cupsd.print(c.alice, c.document("lettre2.pdf", makePdf(LetterPages)), Queue);
    CHECK(c.finish(second).state == IppJobCompleted);
    watcher.kill();
    const auto next = run({cliPath(), "jobs", "watch", "--once", "--timeout", "10"}, asAlice);
    CHECK(next.exitCode == 0);
    CHECK(next.out.find("reçu ") == 0);
}

// The filter alone, as cupsd runs it: a PostScript program that never ends is stopped by its
// bounds with its reason, and leaves no file behind.
TEST_CASE("runaway PostScript is stopped by the filter's bounds and leaves no file behind", "[integration][capture][fault]")
{
    const std::string filter = (fs::path(backendPath()).parent_path() / "missive-pstopdf").string();
    TempDir tmp("missive-pstopdf-test");
    const auto leftovers = [&] {
        std::vector<std::string> names;
        for (const auto& entry : fs::recursive_directory_iterator(tmp.path())) {
            names.push_back(entry.path().filename().string());
        }
        return names;
    };
    SECTION("an endless loop: the CPU bound")
    {
        const auto start = std::chrono::steady_clock::now();
        RunOptions options;
        options.env = {{"TMPDIR", tmp.path().string()}, {"MISSIVE_PSTOPDF_CPU_SECONDS", "2"}};
        options.input = "%!PS\n{ } loop\n";
        options.timeout = std::chrono::seconds(60);
        const RunResult r = run({filter, "1", "alice", "boucle", "1", ""}, options);
        CHECK(r.exitCode == 1);
        CHECK(r.err.find("temps de calcul maximal") != std::string::npos);
        CHECK(r.out.empty());
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
    }
    SECTION("pages without end: the wall-clock bound")
    {
        RunOptions options;
        options.env = {{"TMPDIR", tmp.path().string()}, {"MISSIVE_PSTOPDF_WALL_SECONDS", "2"}};
        options.input = "%!PS\n{ newpath 0 0 moveto 100 100 lineto stroke showpage } loop\n";
        options.timeout = std::chrono::seconds(60);
        const RunResult r = run({filter, "2", "alice", "pages", "1", ""}, options);
        CHECK(r.exitCode == 1);
        CHECK(r.err.find("Missive : impression refusée") != std::string::npos);
    }
    SECTION("bounds from the environment can only be lowered")
    {
        RunOptions options;
        options.env = {{"TMPDIR", tmp.path().string()}, {"MISSIVE_PSTOPDF_CPU_SECONDS", "999999"}};
        options.input = makePostScript({"Lettre de liaison"});
        options.timeout = std::chrono::seconds(60);
        const RunResult r = run({filter, "3", "alice", "lettre", "1", ""}, options);
        CHECK(r.exitCode == 0);
        CHECK(r.out.rfind("%PDF-", 0) == 0);
    }
    CHECK(leftovers().empty());
}
