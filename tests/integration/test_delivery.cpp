// Sending against real parts: a private Postfix (TLS, client certificates required) delivering to a
// Maildir, Dovecot serving it over IMAPS, a private cupsd for the postal channel.

#include "mail_server.h"
#include "missive/transport/mime_reader.h"
#include "missive/transport/outbox.h"
#include "missive/transport/smtp_sender.h"
#include "postgres.h"
#include "support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch.hpp>
#include <csignal>
#include <map>
#include <poppler-document.h>
#include <poppler-page.h>
#include <random>
#include <set>
#include <sys/socket.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

// Designated initialisers name only the options a test changes.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

using namespace missive::test;
namespace tr = missive::transport;

namespace
{

const std::vector<std::string> LetterPages{"Lettre de liaison\nCher confrere,\nVoici le compte rendu.",
                                           "Page 2\nCordialement."};

struct ConfigOptions
{
    std::string url;
    std::string certificate = "client.p12";
    std::string ca = "ca.pem";
    std::string timeout = "20";
    std::string extra;
};

class Fixture
{
public:
    explicit Fixture(bool withImap = false)
        : server(withImap)
    {
        pdf = work / "lettre.pdf";
        writeFile(pdf, makePdf(LetterPages), 0600);
        configure({});
    }

    std::string starttlsUrl() const
    {
        return "smtp://127.0.0.1:" + std::to_string(server.smtpPort());
    }

    void configure(ConfigOptions options)
    {
        if (options.url.empty()) {
            options.url = starttlsUrl();
        }
        std::string text = "# test configuration\n[mssante]\n"
                           "smtp_url = "
                           + options.url + "\nsender = secretariat@test.mssante.fr\nclient_certificate = "
                           + server.tls(options.certificate).string() + "\npassphrase_file = "
                           + server.tls("client.pass").string() + "\nca_bundle = " + server.tls(options.ca).string()
                           + "\nnil = MISSIVE-TEST-NIL\ntimeout = " + options.timeout
                           + "\n[retry]\nmax_attempts = 3\ninitial_delay = 60\nmax_delay = 1h\njitter = 0.2\n"
                           + missive::test::outboxSection(work / "outbox.sqlite");
        if (server.imapsPort() != 0) {
            text += "[imap]\nurl = imaps://127.0.0.1:" + std::to_string(server.imapsPort())
                    + "/INBOX\nuser = missive\npassword_file = " + server.tls("imap.pass").string() + "\n";
        }
        text += options.extra;
        writeFile(config, text, 0600);
    }

    RunResult missive(std::vector<std::string> args, std::map<std::string, std::string> env = {}) const
    {
        args.insert(args.begin(), cliPath());
        args.push_back("--config");
        args.push_back(config.string());
        RunOptions options;
        options.env = std::move(env);
        options.timeout = std::chrono::seconds(90);
        return run(args, options);
    }

    QJsonObject json(const RunResult& result) const
    {
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(result.out));
        INFO(result.out << result.err);
        REQUIRE(doc.isObject());
        return doc.object();
    }

    QJsonArray deliveries() const
    {
        return json(missive({"outbox", "list", "--json"})).value(QStringLiteral("deliveries")).toArray();
    }

    PrivateMailServer server;
    TempDir work{"missive-send"};
    fs::path config = work / "missive.conf";
    fs::path pdf;
};

tr::MimePart parsed(const std::string& raw)
{
    return tr::parseMime(QByteArray::fromStdString(raw));
}

std::map<std::string, const tr::MimePart*> attachmentsByName(const tr::MimePart& message)
{
    std::map<std::string, const tr::MimePart*> out;
    for (const auto* leaf : message.leaves()) {
        if (!leaf->fileName().isEmpty()) {
            out[leaf->fileName().toStdString()] = leaf;
        }
    }
    return out;
}

QJsonObject onlyDelivery(const QJsonObject& sendResult)
{
    const auto rows = sendResult.value(QStringLiteral("deliveries")).toArray();
    REQUIRE(rows.size() == 1);
    return rows.at(0).toObject();
}

} // namespace

TEST_CASE("a letter reaches the MSSanté mailbox over STARTTLS with a client certificate", "[integration][send]")
{
    Fixture f;
    f.configure({.extra = "[mssante_unused]\n"}); // unknown section: must be refused
    const auto refused = f.missive({"send", f.pdf.string(), "--to", "dr.martin@test.mssante.fr"});
    CHECK(refused.exitCode == 2);
    CHECK(refused.err.find("section inconnue") != std::string::npos);
    CHECK(refused.err.find(f.config.string()) != std::string::npos);

    // The structure comes from the settings, the author and the local patient id from flags: the
    // CDA and its XDM archive are built at enqueue and travel with the PDF.
    f.configure({.extra = "[structure]\nid = 1120459876\nname = Clinique des Tests\n"});
    const auto sent = f.missive({"send",
                                 f.pdf.string(),
                                 "--to",
                                 "dr.martin@test.mssante.fr",
                                 "--title",
                                 "Lettre de liaison",
                                 "--subject",
                                 "Compte rendu\r\nBcc: intrus@test.mssante.fr",
                                 "--author-rpps",
                                 "10001045367",
                                 "--author-family",
                                 "GUIGNARD",
                                 "--birth-name",
                                 "DUPONT",
                                 "--first-names",
                                 "MARIE",
                                 "--birth-date",
                                 "1979-03-12",
                                 "--sex",
                                 "F",
                                 "--patient-id",
                                 "IPP-4242",
                                 "--patient-id-root",
                                 "1.2.250.1.999.1.1",
                                 "--json"});
    INFO(sent.out << sent.err << f.server.log());
    REQUIRE(sent.exitCode == 0);
    const auto row = onlyDelivery(f.json(sent));
    CHECK(row.value(QStringLiteral("state")).toString() == QStringLiteral("sent"));
    CHECK(row.value(QStringLiteral("channel")).toString() == QStringLiteral("mssante"));
    const std::string messageId = row.value(QStringLiteral("message_id")).toString().toStdString();
    CHECK(messageId.find("@test.mssante.fr") != std::string::npos);

    const auto messages = f.server.messages(1);
    REQUIRE(messages.size() == 1);
    const auto message = parsed(messages.front());
    CHECK(tr::bareMessageId(message.header("Message-ID")).toStdString() == messageId);
    CHECK(message.mimeType() == "multipart/mixed");
    CHECK(message.header("From") == "secretariat@test.mssante.fr");
    CHECK(message.header("To") == "dr.martin@test.mssante.fr");
    CHECK(message.header("X-MSS-CODECDA") == "11490-0");
    CHECK(message.header("X-MSS-INS") == "N"); // no qualified INS given
    CHECK(message.header("X-MSS-NIL") == "MISSIVE-TEST-NIL");
    CHECK(message.header("X-MSS-MES").isEmpty());
    CHECK(message.header("Disposition-Notification-To").isEmpty());
    // The CR LF in the subject became spaces: no injected header, no extra recipient.
    CHECK(message.header("Bcc").isEmpty());
    CHECK(message.header("Subject").contains("Bcc: intrus"));
    CHECK(f.server.log().find("intrus@") == std::string::npos);

    const auto files = attachmentsByName(message);
    REQUIRE(files.count("IHE_XDM.zip") == 1);
    REQUIRE(files.count("lettre.pdf") == 1);
    CHECK(files.at("IHE_XDM.zip")->mimeType() == "application/zip");
    writeFile(f.work / "received.zip", files.at("IHE_XDM.zip")->body.toStdString(), 0600);
    const RunResult cda = run({"unzip", "-p", (f.work / "received.zip").string(), "IHE_XDM/SUBSET01/DOC0001.XML"});
    REQUIRE(cda.exitCode == 0);
    CHECK(cda.out.find("code=\"11490-0\"") != std::string::npos);
    CHECK(cda.out.find("IPP-4242") != std::string::npos);
    CHECK(cda.out.find("Clinique des Tests") != std::string::npos);
    CHECK(cda.out.find(f.json(sent).value(QStringLiteral("unique_id")).toString().toStdString()) != std::string::npos);
    CHECK(files.at("lettre.pdf")->mimeType() == "application/pdf");
    CHECK(files.at("lettre.pdf")->body.toStdString() == readFile(f.pdf));
    CHECK(files.at("lettre.pdf")->header("Content-Transfer-Encoding") == "base64");
    // The body text part is there too.
    bool hasText = false;
    for (const auto* leaf : message.leaves()) {
        hasText = hasText || (leaf->mimeType() == "text/plain" && leaf->body.contains("Lettre de liaison"));
    }
    CHECK(hasText);
    // The TLS session presented our client certificate and was verified by Postfix.
    CHECK(f.server.log().find("Trusted TLS connection established") != std::string::npos);
}

TEST_CASE("SMTPS (implicit TLS) works and a patient mailbox gets X-MSS-MES: FIN", "[integration][send]")
{
    Fixture f;
    f.configure({.url = "smtps://localhost:" + std::to_string(f.server.smtpsPort())});
    // An INS without its traits is refused for the patient mailbox.
    const auto incomplete = f.missive({"send", f.pdf.string(), "--patient", "--ins", "279035121518989"});
    CHECK(incomplete.exitCode == 2);
    CHECK(incomplete.err.find("traits") != std::string::npos);

    const auto sent = f.missive({"send", f.pdf.string(), "--patient", "--ins", "279035121518989", "--birth-name",
                                 "DUPONT", "--first-names", "MARIE CLAIRE", "--birth-date", "1979-03-12", "--sex", "F",
                                 "--birth-place", "51215", "--json"});
    INFO(sent.out << sent.err << f.server.log());
    REQUIRE(sent.exitCode == 0);
    const auto row = onlyDelivery(f.json(sent));
    CHECK(row.value(QStringLiteral("recipient")).toString() == QStringLiteral("279035121518989@patient.mssante.fr"));
    const auto messages = f.server.messages(1);
    REQUIRE(messages.size() == 1);
    const auto message = parsed(messages.front());
    CHECK(message.header("To") == "279035121518989@patient.mssante.fr");
    CHECK(message.header("X-MSS-MES") == "FIN");
    // Without an IHE_XDM attachment there is no CDA: no X-MSS-CODECDA / X-MSS-INS (DIGEST §3.2).
    CHECK(message.header("X-MSS-CODECDA").isEmpty());
    CHECK(message.header("X-MSS-INS").isEmpty());
}

TEST_CASE("5xx is a permanent failure, 4xx is retried later, nothing is lost", "[integration][send][errors]")
{
    Fixture f;
    const auto rejected = f.missive({"send", f.pdf.string(), "--to", "reject@test.mssante.fr", "--json"});
    CHECK(rejected.exitCode == 6);
    const auto failed = onlyDelivery(f.json(rejected));
    CHECK(failed.value(QStringLiteral("state")).toString() == QStringLiteral("failed"));
    CHECK(failed.value(QStringLiteral("permanent_failure")).toBool());
    CHECK(failed.value(QStringLiteral("last_error_code")).toString() == QStringLiteral("smtp-550"));
    CHECK(failed.value(QStringLiteral("attempts")).toInt() == 1);

    const auto deferred = f.missive({"send", f.pdf.string(), "--to", "tempfail@test.mssante.fr", "--json"});
    CHECK(deferred.exitCode == 6);
    const auto queued = onlyDelivery(f.json(deferred));
    CHECK(queued.value(QStringLiteral("state")).toString() == QStringLiteral("queued"));
    CHECK_FALSE(queued.value(QStringLiteral("permanent_failure")).toBool());
    CHECK(queued.value(QStringLiteral("last_error_code")).toString() == QStringLiteral("smtp-450"));
    // Backoff: next attempt ~60 s (± 20 %) later, so a run now sends nothing.
    const auto next =
        QDateTime::fromString(queued.value(QStringLiteral("next_attempt_at")).toString(), Qt::ISODateWithMs);
    CHECK(next > QDateTime::currentDateTimeUtc().addSecs(30));
    const auto runNow = f.missive({"outbox", "run", "--json"});
    CHECK(f.json(runNow).value(QStringLiteral("run")).toObject().value(QStringLiteral("sent")).toInt() == 0);
    // A manual retry of the failed row tries again at once (and fails again, for good).
    const auto id = QString::number(failed.value(QStringLiteral("id")).toInteger()).toStdString();
    const auto retried = f.missive({"outbox", "retry", id, "--json"});
    CHECK(f.json(retried).value(QStringLiteral("run")).toObject().value(QStringLiteral("failed")).toInt() == 1);
    // Cancel the deferred one; a cancelled row cannot be cancelled twice.
    const auto deferredId = QString::number(queued.value(QStringLiteral("id")).toInteger()).toStdString();
    CHECK(f.missive({"outbox", "cancel", deferredId}).exitCode == 0);
    CHECK(f.missive({"outbox", "cancel", deferredId}).exitCode == 2);
    const auto rows = f.deliveries();
    REQUIRE(rows.size() == 2);
    CHECK(rows.at(1).toObject().value(QStringLiteral("state")).toString() == QStringLiteral("cancelled"));
    CHECK(f.server.messages().empty());
}

TEST_CASE("server down, silent server, untrusted server: queued, then sent once it works",
          "[integration][send][errors]")
{
    Fixture f;
    // Down: nothing listens on that port.
    f.configure({.url = "smtp://127.0.0.1:" + std::to_string(freePort())});
    const auto down = f.missive({"send", f.pdf.string(), "--to", "dr.martin@test.mssante.fr", "--json"});
    CHECK(down.exitCode == 6);
    auto row = onlyDelivery(f.json(down));
    CHECK(row.value(QStringLiteral("state")).toString() == QStringLiteral("queued"));
    CHECK(row.value(QStringLiteral("last_error")).toString().contains(QStringLiteral("injoignable")));
    const auto id = QString::number(row.value(QStringLiteral("id")).toInteger()).toStdString();

    // Slow: accepts the connection and never answers; the timeout turns it into a retry.
    SilentServer silent;
    f.configure({.url = "smtp://127.0.0.1:" + std::to_string(silent.port()), .timeout = "2"});
    const auto slow = f.missive({"outbox", "retry", id, "--json"});
    CHECK(slow.exitCode == 6);
    row = f.deliveries().at(0).toObject();
    CHECK(row.value(QStringLiteral("state")).toString() == QStringLiteral("queued"));
    CHECK(row.value(QStringLiteral("last_error")).toString().contains(QStringLiteral("délai")));

    // A server whose certificate does not chain to our CA bundle: refused, never sent in clear.
    f.configure({.ca = "other-ca.pem"});
    const auto untrusted = f.missive({"outbox", "retry", id, "--json"});
    CHECK(untrusted.exitCode == 6);
    row = f.deliveries().at(0).toObject();
    CHECK(row.value(QStringLiteral("state")).toString() == QStringLiteral("queued"));
    CHECK(row.value(QStringLiteral("last_error")).toString().contains(QStringLiteral("certificat du serveur")));
    CHECK(f.server.messages().empty());

    // Fixed: the same row goes out, once.
    f.configure({});
    const auto fixed = f.missive({"outbox", "retry", id, "--json"});
    INFO(fixed.out << fixed.err);
    CHECK(fixed.exitCode == 0);
    CHECK(f.deliveries().at(0).toObject().value(QStringLiteral("state")).toString() == QStringLiteral("sent"));
    CHECK(f.server.messages(1).size() == 1);
}

TEST_CASE("a server that does not offer STARTTLS never sees the message", "[integration][send][errors]")
{
    Fixture f;
    // A plain ESMTP peer without STARTTLS (what a downgrade attack looks like); it records every
    // command it receives.
    SilentServer plain;
    std::string received;
    std::thread peer([&] {
        const int fd = ::accept(plain.fd(), nullptr, nullptr);
        if (fd < 0) {
            return;
        }
        const auto say = [fd](const std::string& line) { (void)!::write(fd, line.data(), line.size()); };
        say("220 plain ESMTP\r\n");
        char buffer[1024];
        for (;;) {
            const ssize_t n = ::read(fd, buffer, sizeof buffer);
            if (n <= 0) {
                break;
            }
            const std::string chunk(buffer, static_cast<std::size_t>(n));
            received += chunk;
            if (chunk.rfind("EHLO", 0) == 0) {
                say("250-plain\r\n250 8BITMIME\r\n");
            } else if (chunk.rfind("QUIT", 0) == 0) {
                say("221 bye\r\n");
                break;
            } else {
                say("250 ok\r\n");
            }
        }
        ::close(fd);
    });
    f.configure({.url = "smtp://127.0.0.1:" + std::to_string(plain.port())});
    const auto sent = f.missive({"send", f.pdf.string(), "--to", "dr.martin@test.mssante.fr", "--json"});
    peer.join();
    CHECK(sent.exitCode == 6);
    const auto row = onlyDelivery(f.json(sent));
    CHECK(row.value(QStringLiteral("state")).toString() == QStringLiteral("queued"));
    CHECK(row.value(QStringLiteral("last_error")).toString().contains(QStringLiteral("STARTTLS")));
    CHECK(received.find("EHLO") != std::string::npos);
    CHECK(received.find("MAIL FROM") == std::string::npos);
    CHECK(received.find("dr.martin") == std::string::npos);
}

TEST_CASE("outbox check reaches the MSSanté server over STARTTLS and SMTPS as a send would, and sends nothing",
          "[integration][send]")
{
    Fixture f;
    const auto checked = f.missive({"outbox", "check", "mssante", "--json"});
    INFO(checked.out << checked.err);
    CHECK(checked.exitCode == 0);
    auto check = f.json(checked).value(QStringLiteral("checks")).toArray().at(0).toObject();
    CHECK(check.value(QStringLiteral("channel")).toString() == QStringLiteral("mssante"));
    CHECK(check.value(QStringLiteral("ok")).toBool());
    CHECK(check.value(QStringLiteral("message")).toString().contains(QStringLiteral("certificat client accepté")));

    f.configure({.url = "smtps://127.0.0.1:" + std::to_string(f.server.smtpsPort())});
    const auto implicitTls = f.missive({"outbox", "check"}); // every configured channel: MSSanté here
    INFO(implicitTls.out << implicitTls.err);
    CHECK(implicitTls.exitCode == 0);
    CHECK(implicitTls.out.find("MSSanté : OK") != std::string::npos);

    // A client certificate the server does not trust: said, with a non-zero exit.
    f.configure({.certificate = "client-untrusted.p12"});
    const auto untrusted = f.missive({"outbox", "check", "mssante"});
    INFO(untrusted.out << untrusted.err);
    CHECK(untrusted.exitCode != 0);
    CHECK(untrusted.out.find("MSSanté : ÉCHEC") != std::string::npos);
    // A postal printer not configured, a channel that does not exist.
    const auto postal = f.missive({"outbox", "check", "postal"});
    CHECK(postal.exitCode != 0);
    CHECK(postal.out.find("aucune imprimante") != std::string::npos);
    CHECK(f.missive({"outbox", "check", "fax"}).exitCode == 2);
    CHECK(f.server.messages(0, std::chrono::seconds(1)).empty());
}

TEST_CASE("wrong or expired client certificate: refused, the letter stays queued", "[integration][send][errors]")
{
    Fixture f;
    // Signed by another CA: Postfix requires a trusted client certificate and drops the session.
    f.configure({.certificate = "client-untrusted.p12"});
    const auto wrong = f.missive({"send", f.pdf.string(), "--to", "dr.martin@test.mssante.fr", "--json"});
    INFO(wrong.out << wrong.err);
    CHECK(wrong.exitCode == 6);
    auto row = onlyDelivery(f.json(wrong));
    CHECK(row.value(QStringLiteral("state")).toString() == QStringLiteral("queued"));
    CHECK(f.server.log().find("Client certificate not trusted") != std::string::npos);

    // Expired: refused before connecting; the attempt is not counted.
    CHECK(row.value(QStringLiteral("attempts")).toInt() == 1);
    const auto id = QString::number(row.value(QStringLiteral("id")).toInteger()).toStdString();
    f.configure({.certificate = "client-expired.p12"});
    const auto expired = f.missive({"outbox", "retry", id});
    CHECK(expired.exitCode == 6);
    CHECK(expired.err.find("expiré") != std::string::npos);
    row = f.deliveries().at(0).toObject();
    CHECK(row.value(QStringLiteral("state")).toString() == QStringLiteral("queued"));
    CHECK(row.value(QStringLiteral("last_error_code")).toString() == QStringLiteral("not-configured"));
    CHECK(row.value(QStringLiteral("attempts")).toInt() == 0); // retry reset the budget; nothing was tried

    // The passphrase file must be private.
    f.configure({});
    chmod(f.server.tls("client.pass").c_str(), 0644);
    const auto loose = f.missive({"outbox", "retry", id});
    chmod(f.server.tls("client.pass").c_str(), 0600);
    CHECK(loose.err.find("0600") != std::string::npos);
    CHECK(f.server.messages().empty());
}

TEST_CASE("kill -9 during a batch loses nothing and duplicates nothing: a message caught in the server's window is "
          "reported as maybe sent",
          "[integration][send][crash][fault]")
{
    Fixture f;
    constexpr int Count = 150;
    {
        auto outbox = tr::Outbox::open(QString::fromStdString(missive::test::storage(f.work / "outbox.sqlite")));
        REQUIRE(outbox);
        const QByteArray pdf = QByteArray::fromStdString(readFile(f.pdf));
        for (int i = 0; i < Count; ++i) {
            tr::NewDocument doc;
            doc.uniqueId = QStringLiteral("2.25.%1").arg(1000 + i);
            doc.title = QStringLiteral("Lettre %1").arg(i);
            doc.fileName = QStringLiteral("lettre.pdf");
            doc.pdf = pdf;
            REQUIRE((*outbox)->enqueue(doc,
                                       {{tr::Channel::Mssante, QStringLiteral("dr.martin@test.mssante.fr"), {}, false}},
                                       QStringLiteral("secretariat@test.mssante.fr")));
        }
    }
    std::mt19937 random(12345);
    std::uniform_int_distribution<int> delay(20, 200);
    int kills = 0;
    bool killedMidBatch = false;
    // On a loaded machine a runner may not have sent anything yet when it is killed: the next
    // ones then live longer, so that kills land in the middle of the batch.
    int lastSent = 0;
    int extra = 0;
    for (int round = 0; round < 15; ++round) {
        Child runner({cliPath(), "outbox", "run", "--config", f.config.string()}, RunOptions{});
        std::this_thread::sleep_for(std::chrono::milliseconds(delay(random) + extra));
        if (runner.poll()) {
            break; // finished the whole batch before the kill
        }
        runner.kill(); // SIGKILL
        ++kills;
        const auto rows = f.deliveries();
        int sent = 0;
        for (const auto& r : rows) {
            sent += r.toObject().value(QStringLiteral("state")).toString() == QStringLiteral("sent") ? 1 : 0;
        }
        killedMidBatch = killedMidBatch || (sent > 0 && sent < Count);
        extra = sent == lastSent ? extra + 250 : extra;
        lastSent = sent;
    }
    // A last, undisturbed run finishes the batch.
    const auto last = f.missive({"outbox", "run", "--json"});
    INFO(last.out << last.err);
    CHECK(last.exitCode == 0);
    CHECK(kills > 0);
    CHECK(killedMidBatch);

    // Every row is sent, or failed as "maybe sent" (killed once its message was with the server),
    // for the user to check: never requeued silently.
    std::set<std::string> expected;
    std::set<std::string> maybeSent;
    for (const auto& r : f.deliveries()) {
        const auto row = r.toObject();
        const std::string id = row.value(QStringLiteral("message_id")).toString().toStdString();
        if (row.value(QStringLiteral("state")).toString() == QStringLiteral("sent")) {
            expected.insert(id);
        } else {
            INFO(row.value(QStringLiteral("last_error")).toString().toStdString());
            CHECK(row.value(QStringLiteral("state")).toString() == QStringLiteral("failed"));
            CHECK(row.value(QStringLiteral("last_error_code")).toString() == QStringLiteral("maybe-sent"));
            CHECK(row.value(QStringLiteral("last_error")).toString().contains(QString::fromStdString(id)));
            maybeSent.insert(id);
        }
    }
    REQUIRE(expected.size() + maybeSent.size() == Count);
    // Count what the server delivered, by Message-ID, waiting until every expected one is in (a
    // duplicate may still be in Postfix's queue when the total first reaches Count).
    std::map<std::string, int> received;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
        received.clear();
        for (const auto& raw : f.server.messages(expected.size())) {
            ++received[tr::bareMessageId(parsed(raw).header("Message-ID")).toStdString()];
        }
        bool complete = true;
        for (const auto& id : expected) {
            complete = complete && received.count(id) != 0;
        }
        if (complete || std::chrono::steady_clock::now() > deadline) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    int duplicates = 0;
    int maybeDelivered = 0;
    for (const auto& id : expected) {
        INFO(id);
        CHECK(received.count(id) == 1); // none missing, none twice
        duplicates += received.count(id) ? received[id] - 1 : 0;
    }
    for (const auto& id : maybeSent) {
        INFO(id);
        CHECK(received.count(id) <= 1); // delivered once or not at all, never resent
        maybeDelivered += static_cast<int>(received.count(id));
    }
    CHECK(received.size() == expected.size() + static_cast<std::size_t>(maybeDelivered)); // nothing unknown
    CHECK(duplicates == 0);
    CHECK(maybeSent.size() <= static_cast<std::size_t>(kills)); // at most one per kill
    WARN("kills: " << kills << ", maybe sent: " << maybeSent.size() << " (delivered " << maybeDelivered
                   << "), duplicates: " << duplicates);
}

TEST_CASE("MDN and DSN read back over IMAPS become statuses in outbox list", "[integration][tracking]")
{
    Fixture f(true);
    f.configure({.extra = "request_disposition = true\n"}); // appended to [imap]: refused
    CHECK(f.missive({"outbox", "list"}).exitCode == 2);
    std::string text = readFile(f.config);
    text.replace(text.find("[retry]"), 7, "request_disposition = true\n[retry]");
    text.resize(text.size() - std::string("request_disposition = true\n").size());
    writeFile(f.config, text, 0600);

    const auto first = f.missive({"send", f.pdf.string(), "--to", "dr.martin@test.mssante.fr", "--json"});
    const auto second = f.missive({"send", f.pdf.string(), "--to", "dr.durand@test.mssante.fr", "--postal-address",
                                   "Dr Paul DURAND\\n3 rue des Lilas\\n51100 REIMS", "--json"});
    INFO(first.err << second.err);
    REQUIRE(first.exitCode == 0);
    REQUIRE(second.exitCode == 0);
    const auto firstId = onlyDelivery(f.json(first)).value(QStringLiteral("message_id")).toString().toStdString();
    const auto secondId = onlyDelivery(f.json(second)).value(QStringLiteral("message_id")).toString().toStdString();
    const auto delivered = f.server.messages(2);
    REQUIRE(delivered.size() == 2);
    CHECK(parsed(delivered.front()).header("Disposition-Notification-To") == "secretariat@test.mssante.fr");

    // The recipient's system answers the first with an MSSanté MDN (error 902), and the second
    // bounces (RFC 3464 DSN from the remote MTA).
    f.server.deliverRaw("From: dr.martin@test.mssante.fr\r\nTo: secretariat@test.mssante.fr\r\n"
                        "Subject: [KO Integration systeme !][902] XDM/1.0/DDM+Lettre\r\nMessage-ID: <mdn1@test>\r\n"
                        "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=disposition-notification; "
                        "boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nLe document n'a pas pu etre "
                        "integre.\r\n--b1\r\nContent-Type: message/disposition-notification\r\n\r\n"
                        "Final-Recipient: rfc822; dr.martin@test.mssante.fr\r\nOriginal-Message-ID: <"
                        + firstId
                        + ">\r\nDisposition: automatic-action/MDN-sent-automatically; processed/Error: "
                          "902^Identifiant de patient inconnu^messageErrorCondition\r\n--b1--\r\n");
    f.server.deliverRaw("From: MAILER-DAEMON@test.mssante.fr\r\nTo: secretariat@test.mssante.fr\r\n"
                        "Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
                        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b2\"\r\n\r\n"
                        "--b2\r\nContent-Type: text/plain\r\n\r\nmailbox unknown\r\n--b2\r\n"
                        "Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.test\r\n\r\n"
                        "Final-Recipient: rfc822; dr.durand@test.mssante.fr\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                        "\r\n--b2\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: secretariat@test.mssante.fr\r\n"
                        "Message-ID: <"
                        + secondId + ">\r\nSubject: x\r\n\r\n--b2--\r\n");
    const auto tracked = f.missive({"outbox", "track", "--json"});
    INFO(tracked.out << tracked.err);
    REQUIRE(tracked.exitCode == 0);
    CHECK(f.json(tracked).value(QStringLiteral("fetched")).toInt() == 4);
    CHECK(f.json(tracked).value(QStringLiteral("matched")).toInt() == 2);
    std::map<std::string, QJsonObject> byId;
    for (const auto& r : f.deliveries()) {
        byId[r.toObject().value(QStringLiteral("message_id")).toString().toStdString()] = r.toObject();
    }
    CHECK(byId[firstId].value(QStringLiteral("tracking")).toString() == QStringLiteral("error-902"));
    CHECK(
        byId[firstId].value(QStringLiteral("tracking_detail")).toString().contains(QStringLiteral("patient inconnu")));
    CHECK(byId[secondId].value(QStringLiteral("tracking")).toString() == QStringLiteral("bounced"));
    // The bounce failed the row for good and queued the letter by post (a 5xx learnt late).
    CHECK(byId[secondId].value(QStringLiteral("state")).toString() == QStringLiteral("failed"));
    const qint64 bouncedRow = byId[secondId].value(QStringLiteral("id")).toInteger();
    bool postalFallback = false;
    for (const auto& [id, row] : byId) {
        postalFallback = postalFallback
                         || (row.value(QStringLiteral("channel")).toString() == QStringLiteral("postal")
                             && row.value(QStringLiteral("fallback_of")).toInteger() == bouncedRow
                             && row.value(QStringLiteral("state")).toString() == QStringLiteral("queued"));
    }
    CHECK(postalFallback);
    CHECK(byId[firstId].value(QStringLiteral("state")).toString() == QStringLiteral("sent"));
    const auto listing = f.missive({"outbox", "list"});
    CHECK(listing.out.find("patient inconnu") != std::string::npos);
    // Already-read messages are not fetched twice.
    CHECK(f.json(f.missive({"outbox", "track", "--json"})).value(QStringLiteral("fetched")).toInt() == 0);
}

TEST_CASE("CLI: what IT's policies impose cannot be changed from the command line", "[integration][cli]")
{
    if (!runningAsRoot()) {
        WARN("needs root: the policies live in /etc/missive, shown to this command alone (mount namespace)");
        return;
    }
    Fixture f;
    writeFile(f.work / "policies.conf",
              "[structure]\nid = 1690000001\nname = CHU des tests\n[rules]\n11490-0 = patient-dmp, gp\n", 0644);
    // /etc/missive/policies.conf for one command only: a private mount namespace with a tmpfs there.
    const bool created = !fs::exists("/etc/missive");
    fs::create_directories("/etc/missive");
    const auto withPolicies = [&](const std::vector<std::string>& args) {
        std::string command = "mount -t tmpfs none /etc/missive && cp '" + (f.work / "policies.conf").string()
                              + "' /etc/missive/policies.conf && chmod 644 /etc/missive/policies.conf && exec";
        for (const std::string& arg : args) {
            command += " '" + arg + "'";
        }
        return run({"unshare", "--mount", "--propagation", "private", "sh", "-c", command});
    };
    const fs::path out = f.work / "package";
    const auto refused = withPolicies({cliPath(), "package", f.pdf.string(), "--out", out.string(), "--org-id",
                                       "1999999999", "--config", f.config.string()});
    INFO(refused.out << refused.err);
    CHECK(refused.exitCode == 2);
    CHECK(refused.err.find("imposé par votre administrateur") != std::string::npos);
    CHECK_FALSE(fs::exists(out / "IHE_XDM.zip"));
    // Without the flag the policy's establishment is the custodian of the CDA.
    const auto imposed =
        withPolicies({cliPath(),       "package",         f.pdf.string(),   "--out",       out.string(),
                      "--ins",         "279035121518989", "--birth-name",   "DUPONT",      "--first-names",
                      "MARIE",         "--birth-date",    "1979-03-12",     "--sex",       "F",
                      "--birth-place", "51215",           "--author-rpps",  "10001045367", "--author-family",
                      "GUIGNARD",      "--config",        f.config.string()});
    INFO(imposed.out << imposed.err);
    CHECK(imposed.exitCode == 0);
    CHECK(readFile(out / "DOC0001.XML").find("CHU des tests") != std::string::npos);
    // The discharge letter's recipients are IT's: listed as such, and not changed from here.
    const std::string db = (f.work / "annuaire.sqlite").string();
    const auto rules = withPolicies(
        {cliPath(), "directory", "rules", "list", "11490-0", "--json", "--db", db, "--config", f.config.string()});
    INFO(rules.out << rules.err);
    REQUIRE(rules.exitCode == 0);
    const QJsonArray listed =
        QJsonDocument::fromJson(QByteArray::fromStdString(rules.out)).object().value(QStringLiteral("rules")).toArray();
    REQUIRE(listed.size() == 2);
    CHECK(listed.at(0).toObject().value(QStringLiteral("recipient")).toString() == QStringLiteral("patient-dmp"));
    CHECK(listed.at(1).toObject().value(QStringLiteral("imposed")).toBool());
    for (const std::vector<std::string>& change : {std::vector<std::string>{"set", "11490-0", "patient-mailbox"},
                                                   std::vector<std::string>{"remove", "11490-0", "gp"}}) {
        std::vector<std::string> args{cliPath(), "directory", "rules"};
        args.insert(args.end(), change.begin(), change.end());
        args.insert(args.end(), {"--db", db, "--config", f.config.string()});
        const auto changed = withPolicies(args);
        INFO(changed.out << changed.err);
        CHECK(changed.exitCode == 4);
        CHECK(changed.err.find("imposées par votre administrateur") != std::string::npos);
    }
    // Another type stays the secretary's.
    const auto other = withPolicies(
        {cliPath(), "directory", "rules", "set", "57833-6", "patient-dmp", "--db", db, "--config", f.config.string()});
    INFO(other.out << other.err);
    CHECK(other.exitCode == 0);
    if (created) {
        fs::remove("/etc/missive"); // empty again: the namespaces are gone
    }
}

TEST_CASE("CLI: an RPPS needs a directory, DMP not configured, usage errors leave nothing queued",
          "[integration][send][cli]")
{
    Fixture f;
    const auto rpps =
        f.missive({"send", f.pdf.string(), "--to", "10101010101"}, {{"MISSIVE_DB", (f.work / "absent.db").string()}});
    CHECK(rpps.exitCode == 3);
    CHECK(rpps.err.find("annuaire introuvable") != std::string::npos);
    const auto notPdf = f.missive({"send", f.config.string(), "--to", "dr.martin@test.mssante.fr"});
    CHECK(notPdf.exitCode == 2);
    CHECK(f.deliveries().isEmpty());

    const auto dmp =
        f.missive({"send",     f.pdf.string(),  "--dmp",      "--ins",         "279035121518989", "--birth-name",
                   "DUPONT",   "--first-names", "MARIE",      "--birth-date",  "1979-03-12",      "--sex",
                   "F",        "--birth-place", "51215",      "--author-rpps", "10001045367",     "--author-family",
                   "GUIGNARD", "--org-id",      "1120459876", "--org-name",    "Cabinet",         "--json"});
    CHECK(dmp.exitCode == 6);
    const auto row = onlyDelivery(f.json(dmp));
    CHECK(row.value(QStringLiteral("last_error")).toString().contains(QStringLiteral("DMP non configuré")));
    CHECK(row.value(QStringLiteral("channel")).toString() == QStringLiteral("dmp"));
    CHECK(row.value(QStringLiteral("state")).toString() == QStringLiteral("queued"));
    CHECK(row.value(QStringLiteral("attempts")).toInt() == 0);
}

TEST_CASE("postal: cover page in the DL window position, then the letter, printed on a CUPS queue, with automatic "
          "fallback after a permanent MSSanté failure",
          "[integration][postal]")
{
    Fixture f;
    PrivateCupsd cupsd;
    TempDir spool("missive-postal-spool");
    const fs::path spoolRoot = spool / "root";
    // A relaying queue: root prints "as" a test account (CUPS_USER), a stated name that the
    // default Missive policy refuses (a real postal queue is an ordinary printer).
    cupsd.installQueue("Courrier", spoolRoot.string(), "--allow-remote");
    const Account alice = testAccount("missive-alice");
    ConfigOptions options;
    options.extra = "[postal]\nqueue = Courrier\nfallback = true\nreturn_address = CH Test\\nService de "
                    "cardiologie\\n1 rue de l'Hopital\\n51100 REIMS\n";
    f.configure(options);
    // The job is printed "as" a test account so that the Missive backend accepts it and we can read
    // it back from that account's spool.
    std::map<std::string, std::string> env{{"CUPS_SERVER", cupsd.server()}, {"CUPS_USER", alice.name}};
    // Tester la connexion: the queue exists and takes jobs; a queue that does not exist is said so.
    const auto ready = f.missive({"outbox", "check", "postal"}, env);
    INFO(ready.out << ready.err);
    CHECK(ready.exitCode == 0);
    CHECK(ready.out.find("Courrier : OK — file « Courrier » prête") != std::string::npos);
    const auto sent = f.missive({"send", f.pdf.string(), "--to", "reject@test.mssante.fr", "--postal-address",
                                 "Dr Jean MARTIN\\nCabinet medical\\n12 rue de la Paix\\n75002 PARIS", "--json"},
                                env);
    INFO(sent.out << sent.err << cupsd.errorLog());
    const auto rows = f.json(sent).value(QStringLiteral("deliveries")).toArray();
    REQUIRE(rows.size() == 2);
    CHECK(rows.at(0).toObject().value(QStringLiteral("state")).toString() == QStringLiteral("failed"));
    const auto postal = rows.at(1).toObject();
    CHECK(postal.value(QStringLiteral("channel")).toString() == QStringLiteral("postal"));
    CHECK(postal.value(QStringLiteral("state")).toString() == QStringLiteral("sent"));
    CHECK(postal.value(QStringLiteral("fallback_of")).toInteger()
          == rows.at(0).toObject().value(QStringLiteral("id")).toInteger());

    // The job lands in the account's spool through the real backend.
    const fs::path jobs = spoolRoot / std::to_string(alice.uid) / "jobs";
    fs::path document;
    for (int i = 0; i < 200 && document.empty(); ++i) {
        if (fs::exists(jobs)) {
            for (const auto& entry : fs::directory_iterator(jobs)) {
                if (fs::exists(entry.path() / "document.pdf")) {
                    document = entry.path() / "document.pdf";
                }
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE_FALSE(document.empty());
    std::unique_ptr<poppler::document> pdf(poppler::document::load_from_file(document.string()));
    REQUIRE(pdf);
    REQUIRE(pdf->pages() == 1 + static_cast<int>(LetterPages.size()));
    std::unique_ptr<poppler::page> cover(pdf->create_page(0));
    const double mm = 72.0 / 25.4;
    bool foundCity = false;
    int inWindow = 0;
    for (const auto& box : cover->text_list()) {
        const auto text = box.text().to_latin1();
        const auto r = box.bbox();
        const bool inside =
            r.left() >= 110 * mm && r.right() <= 195 * mm && r.top() >= 55 * mm && r.bottom() <= 88 * mm;
        if (text == "PARIS") {
            foundCity = true;
            CHECK(inside);
        }
        if (text == "MARTIN" || text == "75002" || text == "Paix") {
            CHECK(inside);
        }
        inWindow += inside ? 1 : 0;
        if (text == "REIMS") {
            CHECK_FALSE(inside); // the return address stays outside the window
        }
    }
    CHECK(foundCity);
    CHECK(inWindow >= 8);
    std::unique_ptr<poppler::page> letter(pdf->create_page(1));
    CHECK(letter->text().to_latin1().find("Lettre de liaison") != std::string::npos);
}

TEST_CASE("kill -9 while queueing: a letter is queued whole or not at all", "[integration][crash]")
{
    TempDir work("missive-enqueue-crash");
    const auto config = work / "missive.conf";
    writeFile(config, missive::test::outboxSection(work / "outbox.sqlite"), 0600);
    const auto pdf = work / "lettre.pdf";
    // A large letter makes the enqueue transaction long enough to be interrupted.
    std::string big = makePdf(LetterPages);
    big.insert(big.find('\n') + 1, "%" + std::string(8 * 1024 * 1024, 'x') + "\n");
    writeFile(pdf, big, 0600);
    const std::vector<std::string> argv{cliPath(),    "send",
                                        pdf.string(), "--no-send",
                                        "--to",       "a@test.mssante.fr,b@test.mssante.fr",
                                        "--to",       "c@test.mssante.fr",
                                        "--config",   config.string()};
    // One undisturbed run gives the time scale; the kills then land anywhere from start-up to the end.
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(run(argv).exitCode == 0);
    const int scale = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
    std::mt19937 random(777);
    std::uniform_int_distribution<int> delay(scale / 10, scale * 12 / 10);
    int completed = 1;
    for (int round = 0; round < 12; ++round) {
        Child sender(argv, RunOptions{});
        std::this_thread::sleep_for(std::chrono::milliseconds(delay(random)));
        if (const auto status = sender.poll()) {
            completed += *status == 0 ? 1 : 0;
            continue;
        }
        sender.kill();
    }
    auto outbox = tr::Outbox::open(QString::fromStdString(missive::test::storage(work / "outbox.sqlite")));
    REQUIRE(outbox);
    const auto rows = (*outbox)->list();
    REQUIRE(rows);
    std::map<qint64, int> perDocument;
    for (const auto& row : *rows) {
        ++perDocument[row.documentId];
        CHECK(row.state == tr::DeliveryState::Queued);
    }
    for (const auto& [document, count] : perDocument) {
        INFO("document " << document);
        CHECK(count == 3); // never a document with only some of its recipients
        auto stored = (*outbox)->document(document);
        REQUIRE(stored); // bytes intact (the SHA-256 is checked on read)
        CHECK(stored->pdf.size() == static_cast<qsizetype>(big.size()));
    }
    // Every run that reported success left its letter; killed runs left a whole letter or nothing.
    CHECK(static_cast<int>(perDocument.size()) >= completed);
    CHECK(static_cast<int>(perDocument.size()) < 13); // some runs were interrupted before their commit
    WARN("queued: " << perDocument.size() << " letters, of which " << completed << " runs finished; one run takes "
                    << scale << " ms");
}

TEST_CASE("a message whose hand-over cannot be recorded is abandoned before its end, and the server keeps nothing",
          "[integration][send][crash]")
{
    PrivateMailServer server;
    tr::MssanteSettings settings;
    settings.smtpUrl = QUrl(QStringLiteral("smtp://127.0.0.1:%1").arg(server.smtpPort()));
    settings.sender = QStringLiteral("secretariat@test.mssante.fr");
    settings.certificate.pkcs12Path = QString::fromStdString(server.tls("client.p12").string());
    settings.certificate.passphrase.file = QString::fromStdString(server.tls("client.pass").string());
    settings.caBundle = QString::fromStdString(server.tls("ca.pem").string());
    settings.nil = QStringLiteral("MISSIVE-TEST-NIL");
    auto sender = tr::SmtpSender::open(settings);
    REQUIRE(sender);
    tr::MssanteMessage message;
    message.from = settings.sender;
    message.to = {QStringLiteral("dr.martin@test.mssante.fr")};
    message.subject = QStringLiteral("Lettre");
    message.body = QStringLiteral("Bonjour");
    message.messageId = QStringLiteral("abandoned@test.mssante.fr");
    message.date = QDateTime::currentDateTimeUtc();
    message.nil = settings.nil;
    message.attachments = {{QStringLiteral("lettre.pdf"), QStringLiteral("application/pdf"), QByteArray(200000, 'x')}};

    int calls = 0;
    auto refused = (*sender)->send(message, [&] {
        ++calls;
        return false; // the shared outbox could not note it
    });
    REQUIRE_FALSE(refused);
    CHECK(calls == 1);
    CHECK(refused.error().kind == tr::FailureKind::Transient);
    CHECK(refused.error().userMessage.contains(QStringLiteral("n'est pas parti")));
    // Recorded, the same message goes, once.
    (*sender)->resetConnection();
    message.messageId = QStringLiteral("recorded@test.mssante.fr");
    REQUIRE((*sender)->send(message, [] { return true; }));
    const auto messages = server.messages(1);
    REQUIRE(messages.size() == 1);
    CHECK(messages.front().find("recorded@test.mssante.fr") != std::string::npos);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    CHECK(server.messages().size() == 1);
}
