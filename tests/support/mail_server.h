#pragma once
// A private Postfix (and Dovecot) on loopback for the transport tests and benchmark
// (scripts/private-mailserver): TLS with a throwaway CA, client certificates required,
// delivery into a Maildir the test reads back. Needs root.

#include "support.h"

#include <string>
#include <vector>

namespace missive::test
{

// A TCP port on 127.0.0.1 that was free a moment ago.
int freePort();

class PrivateMailServer
{
public:
    explicit PrivateMailServer(bool withImap = false);
    ~PrivateMailServer();
    PrivateMailServer(const PrivateMailServer&) = delete;
    PrivateMailServer& operator=(const PrivateMailServer&) = delete;

    [[nodiscard]] int smtpPort() const;                        // STARTTLS
    [[nodiscard]] int smtpsPort() const;                       // implicit TLS
    [[nodiscard]] int imapsPort() const;                       // 0 without IMAP
    [[nodiscard]] fs::path tls(const std::string& file) const; // ca.pem, client.p12, client.pass…
    [[nodiscard]] fs::path maildir() const;                    // <dir>/mail/inbox
    [[nodiscard]] const fs::path& dir() const;

    // Raw messages delivered so far (new/ and cur/), waiting up to `timeout` for at least `count`.
    [[nodiscard]] std::vector<std::string> messages(std::size_t count = 0,
                                                    std::chrono::seconds timeout = std::chrono::seconds(20)) const;
    // Drops a message into the Maildir (for the IMAP tests).
    void deliverRaw(const std::string& raw) const;
    [[nodiscard]] std::string log() const;

private:
    TempDir m_dir;
    int m_smtp = 0;
    int m_smtps = 0;
    int m_imaps = 0;
};

// A listening socket that never answers by itself: a "slow" server.
class SilentServer
{
public:
    SilentServer();
    ~SilentServer();
    SilentServer(const SilentServer&) = delete;
    SilentServer& operator=(const SilentServer&) = delete;
    [[nodiscard]] int port() const;
    [[nodiscard]] int fd() const; // the listening socket, for tests that answer by hand

private:
    int m_fd = -1;
    int m_port = 0;
};

} // namespace missive::test
