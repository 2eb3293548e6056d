#pragma once
// Test support (std + libcups + poppler-cpp): temporary directories, processes,
// test accounts, a private cupsd, and synthetic documents. Synthetic data only.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace missive::test
{

namespace fs = std::filesystem;

// Paths of the build under test.
std::string backendPath();
std::string cliPath();
// A program installed beside the modules (missive-relay…), in the same accessible copy as cliPath().
std::string privateProgramPath(const std::string& name);
std::string sourceDir();
// A Qt program that prints with QPrinter, copied where test accounts can run it.
std::string qtPrintPath();

class TempDir
{
public:
    explicit TempDir(const std::string& prefix = "missive-test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const fs::path& path() const;
    [[nodiscard]] fs::path operator/(const std::string& name) const;

private:
    fs::path m_path;
};

struct Account
{
    std::string name;
    uid_t uid = 0;
    gid_t gid = 0;
};

// Creates the local test account if missing (needs root); the same two accounts
// serve every test: missive-alice and missive-bob.
Account testAccount(const std::string& name);
Account alice();
Account bob();
bool runningAsRoot();

struct RunOptions
{
    std::optional<Account> as; // run as this account (needs root)
    std::map<std::string, std::string> env;
    std::string input;                 // written to stdin
    std::optional<long> fileSizeLimit; // RLIMIT_FSIZE in bytes, to simulate a full disk
    std::chrono::seconds timeout{120};
};

struct RunResult
{
    int exitCode = -1; // -1 when killed
    std::string out;
    std::string err;
};

RunResult run(const std::vector<std::string>& argv, const RunOptions& options = {});

// A process that keeps running while the test talks to it.
class Child
{
public:
    Child(const std::vector<std::string>& argv, const RunOptions& options, bool pipeStdin = false);
    ~Child();
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    [[nodiscard]] pid_t pid() const;
    // Writes to the child's stdin (when piped); closeInput() sends end of file.
    void write(const std::string& data);
    void closeInput();
    // Reads one stdout line, waiting at most `timeout`.
    std::optional<std::string> readLine(std::chrono::milliseconds timeout);
    // The exit code once the child has exited (-1 if killed by a signal).
    std::optional<int> poll();
    // Waits for exit and returns the exit code (-1 if killed or timed out).
    int wait(std::chrono::seconds timeout = std::chrono::seconds(60));
    void kill();
    std::string readAllStderr();

private:
    pid_t m_pid = -1;
    int m_in = -1;
    int m_out = -1;
    int m_err = -1;
    std::string m_buffer;
    std::optional<int> m_status;
};

std::string readFile(const fs::path& path);
void writeFile(const fs::path& path, const std::string& content, mode_t mode = 0644);
std::string sha256Hex(const std::string& data);

// ---- Documents ----

// A PDF with one page per entry (lines split on '\n'), Helvetica, WinAnsi text
// layer (French accents included), uncompressed.
std::string makePdf(const std::vector<std::string>& pages);
// PostScript with one page per entry (ASCII text).
std::string makePostScript(const std::vector<std::string>& pages);
std::vector<std::string> numberedPages(int count, const std::string& prefix);

struct PdfContent
{
    int pages = 0;
    std::vector<std::string> text; // per page, whitespace collapsed
};
PdfContent readPdf(const fs::path& path);
std::string collapseWhitespace(const std::string& text);

// ---- Spool ----

// A spool root owned by the test process, holding this process's user directory.
class LocalSpool
{
public:
    LocalSpool();

    [[nodiscard]] const fs::path& root() const;
    [[nodiscard]] fs::path userDir() const;
    [[nodiscard]] const fs::path& scratch() const; // a directory for test files
    // Publishes a job as the backend would; returns its id.
    std::string addJob(const std::string& payload, const std::string& title = "Lettre", bool quarantine = false);

private:
    TempDir m_dir{"missive-spool"};
    fs::path m_root;
};

// ---- CUPS ----

struct CupsJobState
{
    int state = 0; // IPP job-state: 3 pending, 4 held, 5 processing, 6 stopped, 7 canceled, 8 aborted, 9 completed
    std::string message; // job-printer-state-message
    std::string reasons;
};

class PrivateCupsd
{
public:
    PrivateCupsd(); // starts it with the backend under test
    ~PrivateCupsd();
    PrivateCupsd(const PrivateCupsd&) = delete;
    PrivateCupsd& operator=(const PrivateCupsd&) = delete;

    [[nodiscard]] std::string server() const; // its domain socket, for CUPS_SERVER and lp -h
    [[nodiscard]] const fs::path& dir() const;
    [[nodiscard]] std::map<std::string, std::string> env() const;

    // `missive printer install --name queue --spool spoolRoot`; throws on failure.
    void installQueue(const std::string& queue, const std::string& spoolRoot, const std::string& extra = {});
    // Prints with lp as `who`; returns the CUPS job id.
    int print(const Account& who, const fs::path& file, const std::string& queue,
              const std::vector<std::string>& lpOptions = {});
    // Prints with `lp -U user` as root (a name CUPS cannot verify).
    int printClaimingUser(const std::string& user, const fs::path& file, const std::string& queue);
    CupsJobState jobState(int jobId) const;
    // Waits until the job is finished (completed, aborted, canceled) or matches `until`.
    CupsJobState waitForJob(int jobId, std::chrono::seconds timeout = std::chrono::seconds(60),
                            int untilState = 0) const;
    std::string errorLog() const;

private:
    TempDir m_dir;
};

constexpr int IppJobPending = 3;
constexpr int IppJobHeld = 4;
constexpr int IppJobAborted = 8;
constexpr int IppJobCompleted = 9;

} // namespace missive::test
