#include "mail_server.h"

#include <algorithm>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdexcept>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace missive::test
{

int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        if (fd >= 0) {
            ::close(fd);
        }
        throw std::runtime_error("no free port");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

PrivateMailServer::PrivateMailServer(bool withImap)
    : m_dir("missive-mail")
{
    if (!runningAsRoot()) {
        throw std::runtime_error("the mail server tests need root: Postfix's master runs as root");
    }
    // A port can be taken between freePort() and Postfix's bind: try a few times.
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_smtp = freePort();
        m_smtps = freePort();
        m_imaps = withImap ? freePort() : 0;
        std::vector<std::string> argv{sourceDir() + "/scripts/private-mailserver", "start", m_dir.path().string(),
                                      std::to_string(m_smtp), std::to_string(m_smtps)};
        if (withImap) {
            argv.push_back(std::to_string(m_imaps));
        }
        const auto started = run(argv);
        if (started.exitCode == 0) {
            return;
        }
        run({sourceDir() + "/scripts/private-mailserver", "stop", m_dir.path().string()});
        if (attempt == 4) {
            throw std::runtime_error("private mail server did not start: " + started.err + started.out);
        }
    }
}

PrivateMailServer::~PrivateMailServer()
{
    run({sourceDir() + "/scripts/private-mailserver", "stop", m_dir.path().string()});
}

int PrivateMailServer::smtpPort() const
{
    return m_smtp;
}

int PrivateMailServer::smtpsPort() const
{
    return m_smtps;
}

int PrivateMailServer::imapsPort() const
{
    return m_imaps;
}

fs::path PrivateMailServer::tls(const std::string& file) const
{
    return m_dir.path() / "tls" / file;
}

fs::path PrivateMailServer::maildir() const
{
    return m_dir.path() / "mail" / "inbox";
}

const fs::path& PrivateMailServer::dir() const
{
    return m_dir.path();
}

std::vector<std::string> PrivateMailServer::messages(std::size_t count, std::chrono::seconds timeout) const
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        std::vector<fs::path> files;
        for (const char* sub : {"new", "cur"}) {
            const fs::path d = maildir() / sub;
            if (fs::exists(d)) {
                for (const auto& entry : fs::directory_iterator(d)) {
                    files.push_back(entry.path());
                }
            }
        }
        if (files.size() >= count || std::chrono::steady_clock::now() >= deadline) {
            std::sort(files.begin(), files.end());
            std::vector<std::string> out;
            for (const auto& f : files) {
                out.push_back(readFile(f));
            }
            return out;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

void PrivateMailServer::deliverRaw(const std::string& raw) const
{
    static int counter = 0;
    for (const char* sub : {"new", "cur", "tmp"}) {
        fs::create_directories(maildir() / sub);
    }
    const std::string name = std::to_string(::time(nullptr)) + ".test" + std::to_string(++counter) + ".localhost";
    const fs::path tmp = maildir() / "tmp" / name;
    writeFile(tmp, raw, 0600);
    if (const passwd* pw = ::getpwnam("postfix")) {
        if (::chown(tmp.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
            throw std::runtime_error("chown maildir message");
        }
        for (const char* sub : {"new", "cur", "tmp"}) {
            if (::chown((maildir() / sub).c_str(), pw->pw_uid, pw->pw_gid) != 0) {
                throw std::runtime_error("chown maildir");
            }
        }
    }
    fs::rename(tmp, maildir() / "new" / name);
}

std::string PrivateMailServer::log() const
{
    const fs::path file = m_dir.path() / "maillog";
    return fs::exists(file) ? readFile(file) : std::string();
}

SilentServer::SilentServer()
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(m_fd, 16) != 0
        || ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw std::runtime_error("silent server");
    }
    m_port = ntohs(address.sin_port);
}

SilentServer::~SilentServer()
{
    ::close(m_fd);
}

int SilentServer::port() const
{
    return m_port;
}

int SilentServer::fd() const
{
    return m_fd;
}

} // namespace missive::test
