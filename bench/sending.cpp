// bench-sending: MSSanté messages per second to a private Postfix on loopback (STARTTLS, client
// certificate required), Missive vs the curl command-line tool sending the same message.
//
//   build/bench/bench-sending [MESSAGES=100] [PDF_KB=200]     (as root: Postfix)
//
// Three rows: `curl` (one process and one TLS connection per message, as a script would do),
// Missive with one connection per message, and Missive reusing one connection for the batch
// (the outbox runner's mode). Every run waits until Postfix has delivered all its messages into
// the Maildir, so the figures include the server's work.

#include "mail_server.h"
#include "missive/transport/smtp_sender.h"
#include "support.h"

#include <QCoreApplication>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace missive::test;
namespace tr = missive::transport;
using Clock = std::chrono::steady_clock;

namespace
{

tr::MssanteMessage message(const QByteArray& pdf, int i)
{
    tr::MssanteMessage m;
    m.from = QStringLiteral("secretariat@test.mssante.fr");
    m.to = {QStringLiteral("dr.martin@test.mssante.fr")};
    m.subject = QStringLiteral("Lettre de liaison");
    m.body = QStringLiteral("Bonjour,\n\nVeuillez trouver ci-joint le document.\n");
    m.messageId = QStringLiteral("bench-%1@test.mssante.fr").arg(i);
    m.codesCda = {QStringLiteral("11490-0")};
    m.nil = QStringLiteral("MISSIVE-BENCH");
    m.attachments.append({QStringLiteral("IHE_XDM.zip"), QStringLiteral("application/zip"), QByteArray(4096, 'z')});
    m.attachments.append({QStringLiteral("lettre.pdf"), QStringLiteral("application/pdf"), pdf});
    return m;
}

// fork + exec + waitpid, nothing else: the test-support runner polls its pipes and would slow curl down.
int spawn(const std::vector<std::string>& argv)
{
    std::vector<char*> args;
    for (const auto& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
        execvp(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Counts the Maildir's files (without reading them) until Postfix has delivered `total`.
void waitDelivered(const PrivateMailServer& server, std::size_t total)
{
    const auto deadline = Clock::now() + std::chrono::seconds(120);
    for (;;) {
        std::size_t n = 0;
        for (const char* sub : {"new", "cur"}) {
            const fs::path dir = server.maildir() / sub;
            if (fs::exists(dir)) {
                n += static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
            }
        }
        if (n >= total) {
            return;
        }
        if (Clock::now() > deadline) {
            throw std::runtime_error("Postfix did not deliver every message");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? std::atoi(argv[1]) : 100;
    const int pdfKb = argc > 2 ? std::atoi(argv[2]) : 200;
    if (count <= 0 || pdfKb < 0) {
        std::fprintf(stderr, "usage: bench-sending [MESSAGES] [PDF_KB]\n");
        return 2;
    }
    PrivateMailServer server;
    std::string pdfText = makePdf({"Lettre de liaison\nBench"});
    // Pad the PDF with a comment to the requested size (a comment is valid anywhere after the header).
    pdfText.insert(pdfText.find('\n') + 1, "%" + std::string(static_cast<std::size_t>(pdfKb) * 1024, 'x') + "\n");
    const QByteArray pdf = QByteArray::fromStdString(pdfText);

    tr::MssanteSettings settings;
    settings.smtpUrl = QUrl(QStringLiteral("smtp://127.0.0.1:%1").arg(server.smtpPort()));
    settings.sender = QStringLiteral("secretariat@test.mssante.fr");
    settings.certificate.pkcs12Path = QString::fromStdString(server.tls("client.p12").string());
    settings.certificate.passphrase.file = QString::fromStdString(server.tls("client.pass").string());
    settings.caBundle = QString::fromStdString(server.tls("ca.pem").string());
    settings.nil = QStringLiteral("MISSIVE-BENCH");
    auto sender = tr::SmtpSender::open(settings);
    if (!sender) {
        std::fprintf(stderr, "bench-sending: %s\n", qPrintable(sender.error().detail));
        return 1;
    }

    // One message through Missive, read back: curl sends exactly these bytes.
    if (!(*sender)->send(message(pdf, 0))) {
        std::fprintf(stderr, "bench-sending: first send failed\n%s\n", server.log().c_str());
        return 1;
    }
    const auto first = server.messages(1);
    TempDir work("missive-bench-sending");
    std::string raw = first.front();
    // Drop the Return-Path/Delivered-To/Received lines Postfix added: keep from our Date: on.
    raw = raw.substr(raw.find("Date: "));
    writeFile(work / "message.eml", raw, 0600);
    std::size_t delivered = 1;

    const std::string passFile = readFile(server.tls("client.pass"));
    const std::string pass = passFile.substr(0, passFile.find('\n'));
    // The three senders take turns in rounds, so that load from other processes hits them alike.
    constexpr int Rounds = 5;
    double curlSeconds = 0;
    double perConnectionSeconds = 0;
    double reuseSeconds = 0;
    int sent = 0;
    for (int round = 0; round < Rounds; ++round) {
        const int batch = count / Rounds + (round < count % Rounds ? 1 : 0);
        auto start = Clock::now();
        for (int i = 0; i < batch; ++i) {
            const int result = spawn({"curl", "-sS", "--url", "smtp://127.0.0.1:" + std::to_string(server.smtpPort()),
                                      "--ssl-reqd", "--cacert", server.tls("ca.pem").string(), "--cert",
                                      server.tls("client.p12").string() + ":" + pass, "--cert-type", "P12",
                                      "--mail-from", "secretariat@test.mssante.fr", "--mail-rcpt",
                                      "dr.martin@test.mssante.fr", "--upload-file", (work / "message.eml").string()});
            if (result != 0) {
                std::fprintf(stderr, "bench-sending: curl failed (%d)\n", result);
                return 1;
            }
        }
        delivered += static_cast<std::size_t>(batch);
        waitDelivered(server, delivered);
        curlSeconds += std::chrono::duration<double>(Clock::now() - start).count();

        start = Clock::now();
        for (int i = 0; i < batch; ++i) {
            (*sender)->resetConnection();
            if (!(*sender)->send(message(pdf, ++sent))) {
                std::fprintf(stderr, "bench-sending: send failed\n");
                return 1;
            }
        }
        delivered += static_cast<std::size_t>(batch);
        waitDelivered(server, delivered);
        perConnectionSeconds += std::chrono::duration<double>(Clock::now() - start).count();

        (*sender)->resetConnection();
        start = Clock::now();
        for (int i = 0; i < batch; ++i) {
            if (!(*sender)->send(message(pdf, ++sent))) {
                std::fprintf(stderr, "bench-sending: send failed\n");
                return 1;
            }
        }
        delivered += static_cast<std::size_t>(batch);
        waitDelivered(server, delivered);
        reuseSeconds += std::chrono::duration<double>(Clock::now() - start).count();
    }

    const double curlRate = count / curlSeconds;
    std::printf("%d messages of %zu bytes (PDF %d KiB + 4 KiB zip, base64) to Postfix on loopback, STARTTLS + "
                "client certificate\n\n",
                count, raw.size(), pdfKb);
    std::printf("| sender | messages/s | vs curl |\n| --- | --- | --- |\n");
    std::printf("| curl tool, one process + connection per message | %.1f | 1.00x |\n", curlRate);
    std::printf("| Missive, one connection per message | %.1f | %.2fx |\n", count / perConnectionSeconds,
                (count / perConnectionSeconds) / curlRate);
    std::printf("| Missive, one connection for the batch | %.1f | %.2fx |\n", count / reuseSeconds,
                (count / reuseSeconds) / curlRate);
    return 0;
}
