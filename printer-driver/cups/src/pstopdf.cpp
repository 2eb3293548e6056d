// missive-pstopdf: CUPS filter for the Missive queue, PostScript to PDF.
//
//   missive-pstopdf job-id user title copies options [file]
//
// One Ghostscript run in SAFER mode, as the unprivileged filter user; A4 unless
// the job asks for another size; copies are recorded by the backend, never
// multiplied. cups-filters' gstopdf does the same through gstoraster, about
// twice as slowly (bench/capture.cpp). The PPD routes PostScript here.
//
// Nothing is lost: a print that draws no page comes out empty, and PostScript
// Ghostscript cannot read is passed on as is; the backend then puts either in
// the user's quarantine with its reason.
//
// PostScript is a program, and any local user may send one: Ghostscript runs
// under bounds of CPU time, wall-clock time, memory and output size, so that
// "{ } loop" or a showpage loop is stopped with its reason (the job is aborted,
// printer-error-policy=abort-job) and the next job, anybody's, prints at once.
// Every file Ghostscript makes goes to a private directory that is emptied on
// every way out: done, failed, cancelled (SIGTERM) or reader gone (SIGPIPE).

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <string>
#include <string_view>
#include <dirent.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace
{

volatile std::sig_atomic_t g_child = 0;
volatile std::sig_atomic_t g_terminated = 0;

extern "C" void onTerminate(int)
{
    g_terminated = 1;
    if (g_child > 0) {
        kill(static_cast<pid_t>(g_child), SIGKILL);
    }
}

// Bounds of one conversion. A letter of fifty pages takes a few seconds; the
// environment may lower them (tests) but never raise them.
struct Bounds
{
    long cpuSeconds = 30;
    long wallSeconds = 60;
    long outputMegabytes = 200;
    long memoryMegabytes = 2048;
};

long boundFromEnv(const char* name, long fallback)
{
    const char* value = std::getenv(name);
    if (!value || !*value) {
        return fallback;
    }
    char* end = nullptr;
    const long parsed = std::strtol(value, &end, 10);
    return (*end == '\0' && parsed > 0 && parsed < fallback) ? parsed : fallback;
}

Bounds bounds()
{
    Bounds b;
    b.cpuSeconds = boundFromEnv("MISSIVE_PSTOPDF_CPU_SECONDS", b.cpuSeconds);
    b.wallSeconds = boundFromEnv("MISSIVE_PSTOPDF_WALL_SECONDS", b.wallSeconds);
    b.outputMegabytes = boundFromEnv("MISSIVE_PSTOPDF_OUTPUT_MB", b.outputMegabytes);
    return b;
}

// A private temporary directory, removed with its files.
class TempDir
{
public:
    TempDir()
    {
        const char* base = std::getenv("TMPDIR");
        m_path = std::string(base && *base ? base : "/tmp") + "/missive-pstopdf.XXXXXX";
        if (!mkdtemp(m_path.data())) {
            m_path.clear();
        }
    }
    ~TempDir()
    {
        if (m_path.empty()) {
            return;
        }
        // Ghostscript's own temporary files too (its TMPDIR is this directory); nothing below
        // it is a directory.
        if (DIR* dir = opendir(m_path.c_str())) {
            while (const dirent* entry = readdir(dir)) {
                if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0) {
                    unlinkat(dirfd(dir), entry->d_name, 0);
                }
            }
            closedir(dir);
        }
        rmdir(m_path.c_str());
    }
    [[nodiscard]] const std::string& path() const
    {
        return m_path;
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] bool valid() const
    {
        return !m_path.empty();
    }
    [[nodiscard]] std::string file(const char* name) const
    {
        return m_path + "/" + name;
    }

private:
    std::string m_path;
};

bool copyAll(int from, int to)
{
    struct stat st = {};
    if (fstat(from, &st) == 0 && S_ISREG(st.st_mode)) {
        off_t offset = 0;
        while (offset < st.st_size) {
            const ssize_t n = sendfile(to, from, &offset, static_cast<std::size_t>(st.st_size - offset));
            if (n <= 0) {
                return false;
            }
        }
        return true;
    }
    std::array<char, 65536> buffer{};
    for (;;) {
        const ssize_t n = read(from, buffer.data(), buffer.size());
        if (n == 0) {
            return true;
        }
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        for (ssize_t done = 0; done < n;) {
            const ssize_t w = write(to, buffer.data() + done, static_cast<std::size_t>(n - done));
            if (w <= 0) {
                return false;
            }
            done += w;
        }
    }
}

bool copyFile(const std::string& path, int to)
{
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    const bool ok = copyAll(fd, to);
    close(fd);
    return ok;
}

// The options string is "name=value name=value ..." (values with spaces are
// escaped); only the page size matters here. Parsed by hand so that the filter
// does not load libcups and its dependencies, a few milliseconds per job.
std::string paperSize(std::string_view options)
{
    std::string size = "a4";
    while (!options.empty()) {
        const auto space = options.find(' ');
        const std::string_view option = options.substr(0, space);
        options = space == std::string_view::npos ? std::string_view{} : options.substr(space + 1);
        const auto eq = option.find('=');
        if (eq == std::string_view::npos) {
            continue;
        }
        const auto name = option.substr(0, eq);
        const auto value = option.substr(eq + 1);
        if (name != "PageSize" && name != "media") {
            continue;
        }
        if (value == "Letter" || value.starts_with("na_letter")) {
            size = "letter";
        } else if (value == "A5" || value.starts_with("iso_a5")) {
            size = "a5";
        } else if (value == "A4" || value.starts_with("iso_a4")) {
            size = "a4";
        }
    }
    return size;
}

struct Conversion
{
    int status = -1;
    int pages = -1;        // drawn, -1 if unknown
    const char* stopped{}; // the bound that stopped Ghostscript, in French
};

// Runs Ghostscript under `limits`.
Conversion runGhostscript(const std::string& input, const std::string& output, const std::string& paper,
                          const std::string& tmpDir, const Bounds& limits)
{
    int errPipe[2];
    if (pipe2(errPipe, O_CLOEXEC) != 0) {
        return {};
    }
    const pid_t pid = fork();
    if (pid < 0) {
        return {};
    }
    if (pid == 0) {
        const auto limit = [](int resource, rlim_t value) {
            const rlimit r{value, value};
            setrlimit(resource, &r);
        };
        // SIGXCPU at the bound (the reason is told), SIGKILL a little later should it be caught.
        const rlimit cpu{static_cast<rlim_t>(limits.cpuSeconds), static_cast<rlim_t>(limits.cpuSeconds + 5)};
        setrlimit(RLIMIT_CPU, &cpu);
        limit(RLIMIT_FSIZE, static_cast<rlim_t>(limits.outputMegabytes) << 20);
        limit(RLIMIT_AS, static_cast<rlim_t>(limits.memoryMegabytes) << 20);
        limit(RLIMIT_CORE, 0);
        setenv("TMPDIR", tmpDir.c_str(), 1);
        setenv("TEMP", tmpDir.c_str(), 1);
        signal(SIGPIPE, SIG_DFL);
        dup2(errPipe[1], STDERR_FILENO);
        const int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        // Ghostscript reads '%' in OutputFile as a format directive.
        std::string escaped;
        for (const char c : output) {
            escaped += c == '%' ? std::string("%%") : std::string(1, c);
        }
        const std::string outputArg = "-sOutputFile=" + escaped;
        const std::string paperArg = "-sPAPERSIZE=" + paper;
        const char* argv[] = {"gs",
                              "-q",
                              "-dSAFER",
                              "-dNOPAUSE",
                              "-dBATCH",
                              "-sstdout=%stderr",
                              outputArg.c_str(),
                              "-sDEVICE=pdfwrite",
                              "-dAutoRotatePages=/None",
                              paperArg.c_str(),
                              "-f",
                              input.c_str(),
                              "-c",
                              "(MISSIVE-PAGES: ) print currentpagedevice /PageCount get == flush",
                              nullptr};
        execvp("gs", const_cast<char* const*>(argv));
        _exit(127);
    }
    g_child = pid;
    close(errPipe[1]);
    int pages = -1;
    int diagnostics = 0;
    std::string pending;
    std::array<char, 4096> chunk{};
    // Ghostscript's messages are counted, not forwarded: an error dump quotes the operand stack,
    // that is the document's own text (a patient's name), and cupsd would keep it in its log.
    const auto flushLine = [&](const std::string& line) {
        constexpr const char* Marker = "MISSIVE-PAGES: ";
        if (line.rfind(Marker, 0) == 0) {
            pages = std::atoi(line.c_str() + std::strlen(Marker));
        } else if (!line.empty()) {
            ++diagnostics;
        }
    };
    const long deadline = static_cast<long>(time(nullptr)) + limits.wallSeconds;
    bool late = false;
    for (;;) {
        pollfd fd{errPipe[0], POLLIN, 0};
        const long left = deadline - static_cast<long>(time(nullptr));
        const int ready = left > 0 ? poll(&fd, 1, static_cast<int>(std::min(left, 1000L) * 1000)) : 0;
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready == 0) {
            if (static_cast<long>(time(nullptr)) < deadline) {
                continue;
            }
            late = true;
            kill(pid, SIGKILL);
            break;
        }
        const ssize_t n = read(errPipe[0], chunk.data(), chunk.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        pending.append(chunk.data(), static_cast<std::size_t>(n));
        for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
            flushLine(pending.substr(0, nl));
            pending.erase(0, nl + 1);
        }
    }
    flushLine(pending);
    close(errPipe[0]);
    if (diagnostics > 0) {
        std::fprintf(stderr, "DEBUG: missive-pstopdf: Ghostscript wrote %d line(s) of diagnostics (not logged)\n",
                     diagnostics);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    g_child = 0;
    Conversion out{WIFEXITED(status) ? WEXITSTATUS(status) : 128, pages, nullptr};
    if (late) {
        out.stopped = "durée maximale de conversion dépassée";
    } else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU) {
        out.stopped = "temps de calcul maximal dépassé (boucle PostScript ?)";
    } else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ) {
        out.stopped = "taille maximale du document converti dépassée";
    } else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL && !g_terminated) {
        out.stopped = "conversion interrompue (mémoire ou limite système)";
    }
    return out;
}

} // namespace

int main(int argc, char* argv[])
{
    setbuf(stderr, nullptr);
    if (argc < 6 || argc > 7) {
        std::fputs("ERROR: usage: missive-pstopdf job-id user title copies options [file]\n", stderr);
        return 1;
    }
    umask(077);
    struct sigaction action = {};
    action.sa_handler = onTerminate;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    // The backend gone (job cancelled): writes fail with EPIPE and the temporary files are
    // still removed, rather than the filter dying with them left behind.
    signal(SIGPIPE, SIG_IGN);

    TempDir tmp;
    if (!tmp.valid()) {
        std::fputs("ERROR: missive-pstopdf: no temporary directory\n", stderr);
        return 1;
    }
    std::string input;
    if (argc == 7) {
        input = argv[6];
    } else {
        input = tmp.file("input.ps");
        const int fd = open(input.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        const bool saved = fd >= 0 && copyAll(STDIN_FILENO, fd);
        if (fd >= 0) {
            close(fd);
        }
        if (!saved) {
            std::fputs("ERROR: missive-pstopdf: cannot save the print data\n", stderr);
            return 1;
        }
    }

    const std::string output = tmp.file("output.pdf");
    const Conversion conversion = runGhostscript(input, output, paperSize(argv[5]), tmp.path(), bounds());
    const int status = conversion.status;
    const int pages = conversion.pages;
    if (g_terminated) {
        return 1;
    }
    if (conversion.stopped) {
        // The job is aborted with this reason (job-printer-state-message, lpstat -l); the
        // queue goes on with the next one.
        std::fprintf(stderr, "ERROR: Missive : impression refusée, %s\n", conversion.stopped);
        return 1;
    }
    if (status != 0) {
        std::fprintf(stderr, "DEBUG: missive-pstopdf: Ghostscript failed (%d); passing the input on\n", status);
        return copyFile(input, STDOUT_FILENO) ? 0 : 1;
    }
    if (pages == 0) {
        std::fputs("DEBUG: missive-pstopdf: no page drawn\n", stderr);
        return 0;
    }
    return copyFile(output, STDOUT_FILENO) ? 0 : 1;
}
