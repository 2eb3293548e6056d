#include "support.h"

#include "missive/spool/user_spool.h"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <cups/cups.h>
#include <fcntl.h>
#include <fstream>
#include <grp.h>
#include <poll.h>
#include <poppler-document.h>
#include <poppler-page.h>
#include <pwd.h>
#include <sstream>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace missive::test
{

std::string backendPath()
{
    return MISSIVE_TEST_BACKEND;
}

namespace
{

// Test accounts run our programs too, and the build tree may sit where they
// cannot reach it (/root): hand them world-readable copies.
std::string accessibleCopy(const fs::path& program, const fs::path& name)
{
    static TempDir dir("missive-bin");
    const fs::path copy = dir / name;
    if (!fs::exists(copy)) {
        fs::create_directories(copy.parent_path());
        fs::copy_file(program, copy);
        chmod(copy.c_str(), 0755);
    }
    return copy.string();
}

} // namespace

std::string cliPath()
{
    // The installed layout in miniature, bin/missive and lib/missive/*: missive finds its OCR module
    // and missive-full only there, relative to itself (cmake/MissiveModules.cmake).
    static const std::string path = [] {
        const fs::path bin = fs::path("bin") / "missive";
        for (const auto& entry : fs::directory_iterator(MISSIVE_TEST_MODULE_DIR)) {
            if (entry.is_regular_file()) {
                accessibleCopy(
                    entry.path(),
                    (bin.parent_path() / MISSIVE_TEST_MODULE_RELDIR / entry.path().filename()).lexically_normal());
            }
        }
        return accessibleCopy(MISSIVE_TEST_CLI, bin);
    }();
    return path;
}

std::string privateProgramPath(const std::string& name)
{
    return (fs::path(cliPath()).parent_path() / MISSIVE_TEST_MODULE_RELDIR / name).lexically_normal().string();
}

std::string qtPrintPath()
{
    static const std::string path = accessibleCopy(MISSIVE_TEST_QTPRINT, "missive-test-qtprint");
    return path;
}

std::string sourceDir()
{
    return MISSIVE_SOURCE_DIR;
}

// ---- TempDir -------------------------------------------------------------------

TempDir::TempDir(const std::string& prefix)
{
    std::string pattern = "/tmp/" + prefix + ".XXXXXX";
    if (!mkdtemp(pattern.data())) {
        throw std::runtime_error("mkdtemp failed");
    }
    m_path = pattern;
    // Test accounts must reach the documents they print.
    chmod(m_path.c_str(), 0755);
}

TempDir::~TempDir()
{
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
}

const fs::path& TempDir::path() const
{
    return m_path;
}

fs::path TempDir::operator/(const std::string& name) const
{
    return m_path / name;
}

// ---- Accounts --------------------------------------------------------------------

bool runningAsRoot()
{
    return geteuid() == 0;
}

Account testAccount(const std::string& name)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (const passwd* pw = getpwnam(name.c_str())) {
            return {pw->pw_name, pw->pw_uid, pw->pw_gid};
        }
        if (!runningAsRoot()) {
            throw std::runtime_error("test account " + name + " is missing and only root can create it");
        }
        // Concurrent tests may race here; the loser finds the account on the next pass.
        run({"useradd", "--no-create-home", "--no-user-group", "--shell", "/usr/sbin/nologin", name});
    }
    throw std::runtime_error("cannot create test account " + name);
}

Account alice()
{
    return testAccount("missive-alice");
}

Account bob()
{
    return testAccount("missive-bob");
}

// ---- Processes -------------------------------------------------------------------

namespace
{

[[noreturn]] void execChild(const std::vector<std::string>& argv, const RunOptions& options)
{
    for (const auto& [key, value] : options.env) {
        setenv(key.c_str(), value.c_str(), 1);
    }
    if (options.fileSizeLimit) {
        const rlimit limit{static_cast<rlim_t>(*options.fileSizeLimit), static_cast<rlim_t>(*options.fileSizeLimit)};
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    if (options.as) {
        const gid_t groups[] = {options.as->gid};
        if (setgroups(1, groups) != 0 || setgid(options.as->gid) != 0 || setuid(options.as->uid) != 0) {
            _exit(126);
        }
    }
    std::vector<char*> args;
    for (const auto& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
}

void makePipe(int fds[2])
{
    if (pipe2(fds, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
}

int decodeStatus(int status)
{
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

RunResult run(const std::vector<std::string>& argv, const RunOptions& options)
{
    Child child(argv, options, true);
    child.write(options.input);
    child.closeInput();
    RunResult result;
    const auto deadline = std::chrono::steady_clock::now() + options.timeout;
    for (;;) {
        if (auto line = child.readLine(std::chrono::milliseconds(100))) {
            result.out += *line + "\n";
            continue;
        }
        if (const auto status = child.poll()) {
            while (auto rest = child.readLine(std::chrono::milliseconds(20))) {
                result.out += *rest + "\n";
            }
            result.exitCode = *status;
            break;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            child.kill();
            result.exitCode = -1;
            break;
        }
    }
    result.err = child.readAllStderr();
    return result;
}

std::optional<int> Child::poll()
{
    if (!m_status) {
        int status = 0;
        if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_status = decodeStatus(status);
        }
    }
    return m_status;
}

Child::Child(const std::vector<std::string>& argv, const RunOptions& options, bool pipeStdin)
{
    int in[2] = {-1, -1};
    int out[2];
    int err[2];
    if (pipeStdin) {
        makePipe(in);
    }
    makePipe(out);
    makePipe(err);
    m_pid = fork();
    if (m_pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (m_pid == 0) {
        if (pipeStdin) {
            dup2(in[0], STDIN_FILENO);
        } else {
            const int null = open("/dev/null", O_RDONLY);
            dup2(null, STDIN_FILENO);
        }
        dup2(out[1], STDOUT_FILENO);
        dup2(err[1], STDERR_FILENO);
        execChild(argv, options);
    }
    if (pipeStdin) {
        close(in[0]);
        m_in = in[1];
    }
    close(out[1]);
    close(err[1]);
    m_out = out[0];
    m_err = err[0];
    // stderr is drained at the end; keep it from blocking a chatty child.
    fcntl(m_err, F_SETPIPE_SZ, 1 << 20);
}

Child::~Child()
{
    if (!m_status) {
        kill();
    }
    for (int fd : {m_in, m_out, m_err}) {
        if (fd >= 0) {
            close(fd);
        }
    }
}

pid_t Child::pid() const
{
    return m_pid;
}

void Child::write(const std::string& data)
{
    std::size_t done = 0;
    signal(SIGPIPE, SIG_IGN);
    while (m_in >= 0 && done < data.size()) {
        const ssize_t n = ::write(m_in, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;
        }
        done += static_cast<std::size_t>(n);
    }
}

void Child::closeInput()
{
    if (m_in >= 0) {
        close(m_in);
        m_in = -1;
    }
}

std::optional<std::string> Child::readLine(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (const auto nl = m_buffer.find('\n'); nl != std::string::npos) {
            std::string line = m_buffer.substr(0, nl);
            m_buffer.erase(0, nl + 1);
            return line;
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || m_out < 0) {
            return std::nullopt;
        }
        pollfd pfd{m_out, POLLIN, 0};
        if (::poll(&pfd, 1, static_cast<int>(left.count())) <= 0) {
            continue;
        }
        std::array<char, 4096> chunk{};
        const ssize_t n = ::read(m_out, chunk.data(), chunk.size());
        if (n <= 0) {
            close(m_out);
            m_out = -1;
            if (!m_buffer.empty()) {
                std::string line = std::move(m_buffer);
                m_buffer.clear();
                return line;
            }
            return std::nullopt;
        }
        m_buffer.append(chunk.data(), static_cast<std::size_t>(n));
    }
}

int Child::wait(std::chrono::seconds timeout)
{
    if (m_status) {
        return *m_status;
    }
    closeInput();
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (const auto status = poll()) {
            return *status;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill();
    return -1;
}

void Child::kill()
{
    if (m_status || m_pid <= 0) {
        return;
    }
    ::kill(m_pid, SIGKILL);
    int status = 0;
    waitpid(m_pid, &status, 0);
    m_status = -1;
}

std::string Child::readAllStderr()
{
    std::string all;
    if (m_err < 0) {
        return all;
    }
    fcntl(m_err, F_SETFL, O_NONBLOCK);
    std::array<char, 4096> chunk{};
    for (;;) {
        const ssize_t n = ::read(m_err, chunk.data(), chunk.size());
        if (n <= 0) {
            break;
        }
        all.append(chunk.data(), static_cast<std::size_t>(n));
    }
    return all;
}

// ---- Files -------------------------------------------------------------------------

std::string readFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

void writeFile(const fs::path& path, const std::string& content, mode_t mode)
{
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << content;
        if (!out) {
            throw std::runtime_error("cannot write " + path.string());
        }
    }
    chmod(path.c_str(), mode);
}

std::string sha256Hex(const std::string& data)
{
    if (data.empty()) {
        return "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"; // cupsHashData refuses ""
    }
    std::array<unsigned char, 32> hash{};
    cupsHashData("sha2-256", data.data(), data.size(), hash.data(), hash.size());
    static constexpr char Hex[] = "0123456789abcdef";
    std::string out;
    for (const unsigned char b : hash) {
        out += Hex[b >> 4];
        out += Hex[b & 0xf];
    }
    return out;
}

// ---- Documents -----------------------------------------------------------------------

namespace
{

// UTF-8 to WinAnsiEncoding for the characters French letters use.
std::string toWinAnsi(const std::string& utf8)
{
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        char32_t cp = c;
        int len = 1;
        if (c >= 0xf0) {
            cp = c & 0x07;
            len = 4;
        } else if (c >= 0xe0) {
            cp = c & 0x0f;
            len = 3;
        } else if (c >= 0xc0) {
            cp = c & 0x1f;
            len = 2;
        }
        for (int k = 1; k < len && i + static_cast<std::size_t>(k) < utf8.size(); ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + static_cast<std::size_t>(k)]) & 0x3f);
        }
        i += static_cast<std::size_t>(len);
        static const std::map<char32_t, unsigned char> special{
            {0x20AC, 0x80}, {0x2026, 0x85}, {0x0152, 0x8C}, {0x2018, 0x91}, {0x2019, 0x92},
            {0x201C, 0x93}, {0x201D, 0x94}, {0x2013, 0x96}, {0x2014, 0x97}, {0x0153, 0x9C},
        };
        if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) {
            out += static_cast<char>(cp);
        } else if (const auto it = special.find(cp); it != special.end()) {
            out += static_cast<char>(it->second);
        } else {
            out += '?';
        }
    }
    return out;
}

std::string pdfString(const std::string& text)
{
    std::string out = "(";
    for (const char c : toWinAnsi(text)) {
        if (c == '(' || c == ')' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + ")";
}

std::vector<std::string> splitLines(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        lines.push_back(line);
    }
    return lines;
}

} // namespace

std::string makePdf(const std::vector<std::string>& pages)
{
    std::vector<std::string> objects; // objects[k] is object k+1
    objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    std::string kids;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        kids += std::to_string(4 + 2 * i) + " 0 R ";
    }
    objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
    objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    for (std::size_t i = 0; i < pages.size(); ++i) {
        std::string content = "BT /F1 11 Tf 14 TL 56 780 Td\n";
        for (const auto& line : splitLines(pages[i])) {
            content += pdfString(line) + " Tj T*\n";
        }
        content += "ET\n";
        objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                          "/Contents "
                          + std::to_string(5 + 2 * i) + " 0 R >>");
        objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream");
    }
    std::string pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
    std::vector<std::size_t> offsets;
    for (std::size_t k = 0; k < objects.size(); ++k) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(k + 1) + " 0 obj\n" + objects[k] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const std::size_t offset : offsets) {
        char entry[32];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
        pdf += entry;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n"
           + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

std::string makePostScript(const std::vector<std::string>& pages)
{
    std::string ps = "%!PS-Adobe-3.0\n%%Pages: " + std::to_string(pages.size()) + "\n%%EndComments\n";
    for (std::size_t i = 0; i < pages.size(); ++i) {
        ps += "%%Page: " + std::to_string(i + 1) + " " + std::to_string(i + 1) + "\n";
        ps += "/Helvetica findfont 11 scalefont setfont\n";
        int y = 780;
        for (const auto& line : splitLines(pages[i])) {
            ps += "56 " + std::to_string(y) + " moveto " + pdfString(line) + " show\n";
            y -= 14;
        }
        ps += "showpage\n";
    }
    return ps + "%%EOF\n";
}

std::vector<std::string> numberedPages(int count, const std::string& prefix)
{
    std::vector<std::string> pages;
    for (int i = 1; i <= count; ++i) {
        pages.push_back(prefix + " page " + std::to_string(i) + " sur " + std::to_string(count)
                        + "\nCompte rendu de test, ligne deux.\nFin de la page " + std::to_string(i) + ".");
    }
    return pages;
}

std::string collapseWhitespace(const std::string& text)
{
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += c;
    }
    return out;
}

PdfContent readPdf(const fs::path& path)
{
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path.string()));
    if (!doc) {
        throw std::runtime_error("Poppler cannot open " + path.string());
    }
    PdfContent content;
    content.pages = doc->pages();
    for (int i = 0; i < content.pages; ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        const auto utf8 = page ? page->text().to_utf8() : poppler::byte_array{};
        content.text.push_back(collapseWhitespace(std::string(utf8.begin(), utf8.end())));
    }
    return content;
}

// ---- Spool ----------------------------------------------------------------------------

LocalSpool::LocalSpool()
    : m_root(m_dir / "spool")
{
    if (mkdir(m_root.c_str(), 0711) != 0 || chmod(m_root.c_str(), 0711) != 0) {
        throw std::runtime_error("cannot create spool root");
    }
    auto rootFd = spool::openSpoolRoot(m_root, false);
    if (!rootFd || !spool::ensureUserDirectory(rootFd->get(), getuid(), getgid())) {
        throw std::runtime_error("cannot prepare user spool");
    }
}

const fs::path& LocalSpool::root() const
{
    return m_root;
}

fs::path LocalSpool::userDir() const
{
    return m_root / std::to_string(getuid());
}

const fs::path& LocalSpool::scratch() const
{
    return m_dir.path();
}

std::string LocalSpool::addJob(const std::string& payload, const std::string& title, bool quarantine)
{
    auto opened = spool::UserSpool::openPath(m_root, getuid());
    if (!opened) {
        throw std::runtime_error("cannot open spool: " + opened.error().detail);
    }
    static int counter = 0;
    auto writer = opened->beginJob(spool::newJobId(++counter));
    if (!writer || !writer->append(payload) || !writer->finishPayload()) {
        throw std::runtime_error("cannot write job");
    }
    spool::JobEnvelope e;
    e.id = writer->id();
    e.cupsJobId = counter;
    e.user = "test";
    e.uid = getuid();
    e.title = title;
    e.host = "localhost";
    e.printer = "Missive";
    e.createdAt = spool::utcTimestamp();
    e.sourceFormat = "application/pdf";
    e.pages = 1;
    e.size = payload.size();
    e.sha256 = sha256Hex(payload);
    e.reason = quarantine ? spool::RejectReason::NotPdf : spool::RejectReason::None;
    if (!writer->commit(e, quarantine ? spool::Area::Quarantine : spool::Area::Jobs)) {
        throw std::runtime_error("cannot commit job");
    }
    return e.id;
}

// ---- CUPS --------------------------------------------------------------------------------

PrivateCupsd::PrivateCupsd()
    : m_dir("missive-cupsd")
{
    if (!runningAsRoot()) {
        throw std::runtime_error("the private cupsd tests need root: the backend runs as root (mode 0700) and "
                                 "hands jobs to test accounts, as in production");
    }
    const auto started =
        run({sourceDir() + "/scripts/private-cupsd", "start", (m_dir.path() / "cups").string(), backendPath()});
    if (started.exitCode != 0) {
        throw std::runtime_error("private cupsd did not start: " + started.err);
    }
}

PrivateCupsd::~PrivateCupsd()
{
    run({sourceDir() + "/scripts/private-cupsd", "stop", (m_dir.path() / "cups").string()});
}

std::string PrivateCupsd::server() const
{
    return (m_dir.path() / "cups" / "cups.sock").string();
}

const fs::path& PrivateCupsd::dir() const
{
    return m_dir.path();
}

std::map<std::string, std::string> PrivateCupsd::env() const
{
    return {{"CUPS_SERVER", server()}};
}

void PrivateCupsd::installQueue(const std::string& queue, const std::string& spoolRoot, const std::string& extra)
{
    std::vector<std::string> argv{cliPath(), "printer", "install", "--name", queue, "--spool", spoolRoot};
    if (!extra.empty()) {
        argv.push_back(extra);
    }
    RunOptions options;
    options.env = env();
    const auto result = run(argv, options);
    if (result.exitCode != 0) {
        throw std::runtime_error("missive printer install failed: " + result.err);
    }
}

namespace
{

int parseRequestId(const RunResult& result)
{
    // "request id is Missive-12 (1 file(s))"
    const auto dash = result.out.find('-', result.out.find("request id is "));
    if (result.exitCode != 0 || dash == std::string::npos) {
        throw std::runtime_error("lp failed: " + result.err + result.out);
    }
    return std::stoi(result.out.substr(dash + 1));
}

} // namespace

int PrivateCupsd::print(const Account& who, const fs::path& file, const std::string& queue,
                        const std::vector<std::string>& lpOptions)
{
    std::vector<std::string> argv{"lp", "-h", server(), "-d", queue};
    argv.insert(argv.end(), lpOptions.begin(), lpOptions.end());
    argv.push_back(file.string());
    RunOptions options;
    options.as = who;
    return parseRequestId(run(argv, options));
}

int PrivateCupsd::printClaimingUser(const std::string& user, const fs::path& file, const std::string& queue)
{
    return parseRequestId(run({"lp", "-h", server(), "-U", user, "-d", queue, file.string()}));
}

CupsJobState PrivateCupsd::jobState(int jobId) const
{
    CupsJobState state;
    http_t* http = httpConnect2(server().c_str(), 0, nullptr, AF_LOCAL, HTTP_ENCRYPTION_NEVER, 1, 30000, nullptr);
    if (!http) {
        return state;
    }
    ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    const std::string uri = "ipp://localhost/jobs/" + std::to_string(jobId);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, uri.c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, "root");
    static const char* const wanted[] = {"job-state", "job-state-reasons", "job-printer-state-message"};
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 3, nullptr, wanted);
    if (ipp_t* response = cupsDoRequest(http, request, "/")) {
        if (ipp_attribute_t* attr = ippFindAttribute(response, "job-state", IPP_TAG_ENUM)) {
            state.state = ippGetInteger(attr, 0);
        }
        if (ipp_attribute_t* attr = ippFindAttribute(response, "job-printer-state-message", IPP_TAG_TEXT)) {
            state.message = ippGetString(attr, 0, nullptr);
        }
        if (ipp_attribute_t* attr = ippFindAttribute(response, "job-state-reasons", IPP_TAG_KEYWORD)) {
            for (int i = 0; i < ippGetCount(attr); ++i) {
                state.reasons += std::string(i ? "," : "") + ippGetString(attr, i, nullptr);
            }
        }
        ippDelete(response);
    }
    httpClose(http);
    return state;
}

CupsJobState PrivateCupsd::waitForJob(int jobId, std::chrono::seconds timeout, int untilState) const
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    CupsJobState state;
    while (std::chrono::steady_clock::now() < deadline) {
        state = jobState(jobId);
        if (state.state >= 7 || (untilState != 0 && state.state == untilState)) {
            return state;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return state;
}

std::string PrivateCupsd::errorLog() const
{
    try {
        return readFile(m_dir.path() / "cups/log/error_log");
    } catch (const std::exception&) {
        return {};
    }
}

} // namespace missive::test
