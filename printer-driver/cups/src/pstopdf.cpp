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

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <string_view>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace
{

volatile std::sig_atomic_t g_child = 0;

extern "C" void onTerminate(int)
{
    if (g_child > 0) {
        kill(static_cast<pid_t>(g_child), SIGTERM);
    }
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
        if (!m_path.empty()) {
            unlink(file("input.ps").c_str());
            unlink(file("output.pdf").c_str());
            rmdir(m_path.c_str());
        }
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

// Runs Ghostscript; returns its exit status and the number of pages it drew (-1 if unknown).
std::pair<int, int> runGhostscript(const std::string& input, const std::string& output, const std::string& paper)
{
    int errPipe[2];
    if (pipe2(errPipe, O_CLOEXEC) != 0) {
        return {-1, -1};
    }
    const pid_t pid = fork();
    if (pid < 0) {
        return {-1, -1};
    }
    if (pid == 0) {
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
    std::string pending;
    std::array<char, 4096> chunk{};
    const auto flushLine = [&](const std::string& line) {
        constexpr const char* Marker = "MISSIVE-PAGES: ";
        if (line.rfind(Marker, 0) == 0) {
            pages = std::atoi(line.c_str() + std::strlen(Marker));
        } else if (!line.empty()) {
            std::fprintf(stderr, "DEBUG: missive-pstopdf: %s\n", line.c_str());
        }
    };
    for (;;) {
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
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    g_child = 0;
    return {WIFEXITED(status) ? WEXITSTATUS(status) : 128, pages};
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
    const auto [status, pages] = runGhostscript(input, output, paperSize(argv[5]));
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
