// bench-capture: time from `lp` submission to the complete job in the spool,
// Missive vs cups-pdf, on the same private cupsd and the same input.
//
//   build/bench/bench-capture [JOBS=20]     (as root)
//
// Missive's job is complete when its directory is renamed into jobs/ (one
// atomic step); cups-pdf's when its output file is closed after writing
// (IN_CLOSE_WRITE). Both are observed with inotify, so the figure is what a
// watching desktop would see.

#include "support.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace missive::test;
using Clock = std::chrono::steady_clock;

namespace
{

struct Watch
{
    int fd = inotify_init1(IN_CLOEXEC);
    ~Watch()
    {
        close(fd);
    }
};

// Waits for one matching inotify event in `dir`, up to 60 s.
bool waitForEvent(const Watch& watch, uint32_t mask, const std::string& suffix)
{
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    alignas(inotify_event) char buffer[4096];
    while (Clock::now() < deadline) {
        fd_set set;
        FD_ZERO(&set);
        FD_SET(watch.fd, &set);
        timeval tv{1, 0};
        if (select(watch.fd + 1, &set, nullptr, nullptr, &tv) <= 0) {
            continue;
        }
        const ssize_t n = read(watch.fd, buffer, sizeof buffer);
        for (ssize_t at = 0; at < n;) {
            const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
            const std::string name = event->len ? event->name : "";
            if ((event->mask & mask) && name.size() >= suffix.size()
                && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
                return true;
            }
            at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
        }
    }
    return false;
}

struct Figures
{
    double median = 0;
    double p90 = 0;
    double min = 0;
    int failures = 0;
};

Figures summarise(std::vector<double> ms, int failures)
{
    Figures f;
    f.failures = failures;
    if (ms.empty()) {
        return f;
    }
    std::sort(ms.begin(), ms.end());
    f.min = ms.front();
    f.median = ms[ms.size() / 2];
    f.p90 = ms[std::min(ms.size() - 1, ms.size() * 9 / 10)];
    return f;
}

// Submits `jobs` prints one after the other, each timed until its output is complete.
Figures measure(PrivateCupsd& cupsd, const std::string& queue, const fs::path& input, const Account& who,
                const fs::path& watchDir, uint32_t mask, const std::string& suffix, int jobs)
{
    std::vector<double> ms;
    int failures = 0;
    for (int i = 0; i < jobs; ++i) {
        Watch watch;
        if (inotify_add_watch(watch.fd, watchDir.c_str(), mask) < 0) {
            ++failures;
            continue;
        }
        const auto start = Clock::now();
        RunOptions options;
        options.as = who;
        const auto lp = run({"lp", "-h", cupsd.server(), "-d", queue, input.string()}, options);
        const bool done = lp.exitCode == 0 && waitForEvent(watch, mask, suffix);
        const auto elapsed = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (done) {
            ms.push_back(elapsed);
        } else {
            ++failures;
        }
    }
    return summarise(ms, failures);
}

void printRow(const char* name, const char* input, const Figures& f, int jobs)
{
    std::printf("%-10s %-22s %9.1f %9.1f %9.1f %6d/%d\n", name, input, f.median, f.p90, f.min, jobs - f.failures, jobs);
}

} // namespace

int main(int argc, char* argv[])
{
    const int jobs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
    if (!runningAsRoot()) {
        std::fputs("bench-capture: run as root (private cupsd with root backends)\n", stderr);
        return 2;
    }
    if (access("/usr/lib/cups/backend/cups-pdf", X_OK) != 0) {
        std::fputs("bench-capture: install printer-driver-cups-pdf for the comparison\n", stderr);
        return 2;
    }
    PrivateCupsd cupsd;
    TempDir work("missive-bench");
    const Account who = alice();
    const fs::path spool = work / "spool";
    cupsd.installQueue("Missive", spool.string());

    // cups-pdf reads /etc/cups/cups-pdf-<name>.conf for the URI cups-pdf:/<name>.
    const std::string cupsPdfName = "missivebench" + std::to_string(getpid());
    const fs::path cupsPdfConf = "/etc/cups/cups-pdf-" + cupsPdfName + ".conf";
    const fs::path cupsPdfOut = work / "cups-pdf";
    fs::create_directories(work / "cups-pdf-spool");
    writeFile(cupsPdfConf, "Out " + cupsPdfOut.string() + "/${USER}\nSpool " + (work / "cups-pdf-spool").string()
                               + "\nAnonDirName " + (work / "anon").string() + "\nLogType 0\n");
    struct RemoveConf
    {
        fs::path path;
        ~RemoveConf()
        {
            std::error_code ignored;
            fs::remove(path, ignored);
        }
    } removeConf{cupsPdfConf};
    const auto added = run({"lpadmin", "-h", cupsd.server(), "-p", "CupsPdf", "-E", "-v", "cups-pdf:/" + cupsPdfName,
                            "-P", "/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd"});
    if (added.exitCode != 0) {
        std::fprintf(stderr, "bench-capture: cannot add the cups-pdf queue: %s\n", added.err.c_str());
        return 1;
    }

    const fs::path letter = work / "lettre-3p.pdf";
    const fs::path record = work / "dossier-50p.pdf";
    const fs::path postscript = work / "lettre-3p.ps";
    writeFile(letter, makePdf(numberedPages(3, "Lettre")));
    writeFile(record, makePdf(numberedPages(50, "Dossier")));
    writeFile(postscript, makePostScript(numberedPages(3, "Lettre")));

    // Warm up both paths (first filter runs load fonts and caches); this also lets
    // each backend create the user's output directory, which the bench then watches.
    for (const char* queue : {"Missive", "CupsPdf"}) {
        const auto state = cupsd.waitForJob(cupsd.print(who, postscript, queue), std::chrono::seconds(60));
        if (state.state != IppJobCompleted) {
            std::fprintf(stderr, "bench-capture: warm-up job on %s ended in state %d: %s\n", queue, state.state,
                         state.message.c_str());
            return 1;
        }
    }
    const fs::path missiveJobs = spool / std::to_string(who.uid) / "jobs";
    const fs::path cupsPdfDir = cupsPdfOut / who.name;

    std::printf("bench-capture: lp submission -> complete PDF in the spool, %d jobs each, ms\n", jobs);
    std::printf("%-10s %-22s %9s %9s %9s %8s\n", "backend", "input", "median", "p90", "min", "ok");
    for (const auto& [input, name] : {std::pair{letter, "PDF 3 pages"}, std::pair{record, "PDF 50 pages"},
                                      std::pair{postscript, "PostScript 3 pages"}}) {
        printRow("missive", name, measure(cupsd, "Missive", input, who, missiveJobs, IN_MOVED_TO, "", jobs), jobs);
        printRow("cups-pdf", name, measure(cupsd, "CupsPdf", input, who, cupsPdfDir, IN_CLOSE_WRITE, ".pdf", jobs),
                 jobs);
    }
    return 0;
}
