// transport: settings, message headers, outbox state machine, MIME reader, reports, postal PDF.
// Real SQLite files and real PDFs; no server needed.

#include "missive/core/patient.h"
#include "missive/settings/settings.h"
#include "missive/transport/client_certificate.h"
#include "missive/transport/mime_reader.h"
#include "missive/transport/mssante_message.h"
#include "missive/transport/outbox.h"
#include "missive/transport/postal.h"
#include "missive/transport/settings.h"
#include "missive/transport/smtp_sender.h"
#include "missive/transport/tracking.h"
#include "postgres.h"
#include "support.h"

#include <QFile>
#include <QRegularExpression>
#include <QThread>
#include <catch2/catch.hpp>
#include <poppler-document.h>
#include <poppler-page.h>
#include <sys/stat.h>

using namespace missive::test;
namespace tr = missive::transport;

namespace
{

QString q(const fs::path& p)
{
    return QString::fromStdString(p.string());
}

std::string parseError(const fs::path& file, const std::string& text, mode_t mode = 0600)
{
    writeFile(file, text, mode);
    auto parsed = missive::settings::parseSettings(q(file));
    REQUIRE_FALSE(parsed);
    return parsed.error().userMessage.toStdString();
}

tr::NewDocument sampleDocument(const QString& uniqueId)
{
    tr::NewDocument doc;
    doc.uniqueId = uniqueId;
    doc.title = QStringLiteral("Lettre");
    doc.fileName = QStringLiteral("lettre.pdf");
    doc.pdf = QByteArray::fromStdString(makePdf({"Lettre"}));
    return doc;
}

} // namespace

TEST_CASE("settings: a complete file parses, and every error names file, line, key and reason", "[unit][settings]")
{
    TempDir dir("missive-settings");
    writeFile(dir / "client.p12", "x", 0600);
    writeFile(dir / "ca.pem", "x", 0644);
    writeFile(dir / "pass", "secret\n", 0600);
    const std::string good = "[mssante]\nsmtp_url = smtps://mss.example.fr:465\nsender = sec@hop.mssante.fr\n"
                             "client_certificate = "
                             + (dir / "client.p12").string() + "\npassphrase_file = " + (dir / "pass").string()
                             + "\nca_bundle = " + (dir / "ca.pem").string()
                             + "\nnil = NIL-1\n[retry]\nmax_attempts = 5\ninitial_delay = 2m\nmax_delay = 6h\n"
                               "[postal]\nqueue = Courrier\nfallback = no\n";
    writeFile(dir / "good.conf", good, 0600);
    auto settings = missive::settings::parseSettings(q(dir / "good.conf"));
    REQUIRE(settings);
    CHECK(settings->mssante.smtpUrl.port() == 465);
    CHECK(settings->retry.maxAttempts == 5);
    CHECK(settings->retry.initialDelay == std::chrono::seconds(120));
    CHECK(settings->retry.maxDelay == std::chrono::seconds(6 * 3600));
    CHECK(settings->postal.queue == QStringLiteral("Courrier"));
    CHECK_FALSE(settings->postal.fallback);
    CHECK(*tr::readSecret(settings->mssante.certificate.passphrase) == "secret");

    const auto conf = dir / "bad.conf";
    auto e = parseError(conf, "[mssante]\nsmtp_url = http://mss.example.fr\n");
    CHECK(e.find(conf.string() + ":2") != std::string::npos);
    CHECK(e.find("mssante.smtp_url") != std::string::npos);
    CHECK(e.find("smtps") != std::string::npos);
    e = parseError(conf, "[mssante]\npassphrase = hunter2\n");
    CHECK(e.find("secret") != std::string::npos);
    CHECK(e.find("hunter2") == std::string::npos);
    e = parseError(conf, "[retry]\nmax_attempts = 0\n");
    CHECK(e.find("retry.max_attempts") != std::string::npos);
    e = parseError(conf, "[retry]\ninitial_delay = soon\n");
    CHECK(e.find("durée") != std::string::npos);
    e = parseError(conf, "[postal]\nqueue = a b\n");
    CHECK(e.find("postal.queue") != std::string::npos);
    e = parseError(conf, "[mssante]\nsender = pas une adresse\n");
    CHECK(e.find("mssante.sender") != std::string::npos);
    e = parseError(conf, "[mssante]\nsmtp_url = smtps://mss.example.fr\n");
    CHECK(e.find("mssante.sender") != std::string::npos); // required with smtp_url
    e = parseError(conf, "[dmp]\nendpoint = http://dmp.example.fr/\n");
    CHECK(e.find("dmp.endpoint") != std::string::npos);
    e = parseError(conf, "[mssante]\nnil = A\nnil = B\n");
    CHECK(e.find("déjà définie ligne 2") != std::string::npos);
    e = parseError(conf, "[imap]\nurl = imaps://u:p@imap.example.fr/INBOX\n");
    CHECK(e.find("imap.url") != std::string::npos);
    e = parseError(conf, "[mssante]\nca_bundle = relative/ca.pem\n");
    CHECK(e.find("absolu") != std::string::npos);
    // Writable by others: someone could swap the CA bundle.
    e = parseError(conf, "[retry]\nmax_attempts = 3\n", 0666);
    CHECK(e.find("modifiable") != std::string::npos);
}

TEST_CASE("settings: what Paramètres writes reads back the same, secrets only as their source", "[unit][settings]")
{
    TempDir dir("missive-settings-format");
    writeFile(dir / "client.p12", "x", 0600);
    writeFile(dir / "ca.pem", "x", 0644);
    const std::string text = "[mssante]\nsmtp_url = smtp://mss.example.fr:587\nsender = sec@hop.mssante.fr\n"
                             "client_certificate = "
                             + (dir / "client.p12").string()
                             + "\npassphrase_keychain = mssante_passphrase\nca_bundle = " + (dir / "ca.pem").string()
                             + "\nnil = NIL-1\nrequest_disposition = yes\n[dmp]\nendpoint = "
                               "https://dmp.example.fr/repository\nclient_certificate = "
                             + (dir / "client.p12").string()
                             + "\npassphrase_env = DMP_PASS\nca_bundle = " + (dir / "ca.pem").string()
                             + "\nresponsible_id = 810001045367\n[structure]\nid = 1120459876\nname = Clinique\n"
                               "[postal]\nqueue = Courrier\nreturn_address = CHU\\n1 rue X\\n51100 REIMS\n"
                               "[retry]\nmax_attempts = 4\ninitial_delay = 2m\n";
    writeFile(dir / "in.conf", text, 0600);
    auto first = missive::settings::parseSettings(q(dir / "in.conf"));
    INFO((first ? std::string() : first.error().userMessage.toStdString()));
    REQUIRE(first);
    const QString written = missive::settings::formatSettings(*first);
    CHECK(written.contains(QStringLiteral("passphrase_keychain = mssante_passphrase")));
    CHECK_FALSE(written.contains(QStringLiteral("passphrase =")));
    writeFile(dir / "out.conf", written.toStdString(), 0600);
    auto second = missive::settings::parseSettings(q(dir / "out.conf"));
    INFO(written.toStdString());
    REQUIRE(second);
    CHECK(second->mssante.smtpUrl == first->mssante.smtpUrl);
    CHECK(second->mssante.certificate.passphrase.keychainKey == QStringLiteral("mssante_passphrase"));
    CHECK(second->mssante.requestDisposition);
    CHECK(second->dmp.certificate.passphrase.envVar == QStringLiteral("DMP_PASS"));
    CHECK(second->dmp.structureId == QStringLiteral("1120459876")); // from [structure]
    CHECK(second->postal.returnAddress == QStringLiteral("CHU\n1 rue X\n51100 REIMS"));
    CHECK(second->retry.initialDelay == std::chrono::seconds(120));
    CHECK(missive::settings::formatSettings(*second) == written); // a fixed point
    // Two sources for one secret are refused.
    writeFile(dir / "two.conf",
              text + "[imap]\nurl = imaps://imap.example.fr/INBOX\nuser = u\npassword_env = A\npassword_keychain = b\n",
              0600);
    CHECK_FALSE(missive::settings::parseSettings(q(dir / "two.conf")));
}

TEST_CASE("settings: lookup order --config, MISSIVE_CONFIG, user file", "[unit][settings]")
{
    TempDir dir("missive-lookup");
    writeFile(dir / "a.conf", "", 0600);
    writeFile(dir / "b.conf", "", 0600);
    fs::create_directories(dir / "xdg" / "missive");
    writeFile(dir / "xdg" / "missive" / "missive.conf", "", 0600);
    qputenv("XDG_CONFIG_HOME", QByteArray::fromStdString((dir / "xdg").string()));
    qputenv("MISSIVE_CONFIG", QByteArray::fromStdString((dir / "b.conf").string()));
    CHECK(*missive::settings::locateConfigFile(q(dir / "a.conf")) == q(dir / "a.conf"));
    CHECK(*missive::settings::locateConfigFile({}) == q(dir / "b.conf"));
    qunsetenv("MISSIVE_CONFIG");
    CHECK(*missive::settings::locateConfigFile({}) == q(dir / "xdg" / "missive" / "missive.conf"));
    CHECK_FALSE(missive::settings::locateConfigFile(q(dir / "missing.conf")));
    qunsetenv("XDG_CONFIG_HOME");
}

TEST_CASE("settings: the user's file overrides IT's machine-wide file key by key", "[unit][settings]")
{
    TempDir dir("missive-layers");
    writeFile(dir / "ca.pem", "x", 0600);
    writeFile(dir / "cert.p12", "x", 0600);
    writeFile(dir / "pass", "x", 0600);
    const std::string ca = (dir / "ca.pem").string();
    const std::string cert = (dir / "cert.p12").string();
    writeFile(dir / "system.conf",
              "[mssante]\nsmtp_url = smtps://mss.chu.fr\nsender = service@chu.mssante.fr\nclient_certificate = " + cert
                  + "\nca_bundle = " + ca + "\nnil = NIL-1\npassphrase_file = " + (dir / "pass").string()
                  + "\n[structure]\nid = 1690000001\nname = CHU\n[postal]\nqueue = courrier\n",
              0644);
    // The user: another service, another sender, the passphrase from the keychain.
    writeFile(dir / "user.conf",
              "[mssante]\nsender = cardio@chu.mssante.fr\npassphrase_keychain = mssante_passphrase\n"
              "[structure]\nservice = Cardiologie\n",
              0600);
    auto merged = missive::settings::parseSettingsLayers({q(dir / "system.conf"), q(dir / "user.conf")});
    INFO((merged ? std::string() : merged.error().userMessage.toStdString()));
    REQUIRE(merged);
    CHECK(merged->mssante.smtpUrl.host() == QStringLiteral("mss.chu.fr")); // from IT
    CHECK(merged->mssante.sender == QStringLiteral("cardio@chu.mssante.fr"));
    CHECK(merged->mssante.certificate.passphrase.file.isEmpty()); // replaced as a whole
    CHECK(merged->mssante.certificate.passphrase.keychainKey == QStringLiteral("mssante_passphrase"));
    CHECK(merged->structure.name == QStringLiteral("CHU"));
    CHECK(merged->structure.service == QStringLiteral("Cardiologie"));
    CHECK(merged->postal.queue == QStringLiteral("courrier"));
    CHECK(merged->sourceFile == q(dir / "user.conf"));

    // What Paramètres writes: only what differs from IT's file, and it reads back to the same.
    auto system = missive::settings::parseSettings(q(dir / "system.conf"));
    REQUIRE(system);
    const QString written = missive::settings::formatSettings(*merged, &*system);
    CHECK_FALSE(written.contains(QStringLiteral("smtp_url")));
    CHECK_FALSE(written.contains(QStringLiteral("[postal]")));
    CHECK(written.contains(QStringLiteral("sender = cardio@chu.mssante.fr")));
    CHECK(written.contains(QStringLiteral("service = Cardiologie")));
    writeFile(dir / "user2.conf", written.toStdString(), 0600);
    auto again = missive::settings::parseSettingsLayers({q(dir / "system.conf"), q(dir / "user2.conf")});
    REQUIRE(again);
    CHECK(missive::settings::formatSettings(*again) == missive::settings::formatSettings(*merged));

    // A rule broken by the merge names the file that holds the key.
    writeFile(dir / "broken.conf", "[retry]\ninitial_delay = 600\n", 0600);
    writeFile(dir / "delay.conf", "[retry]\nmax_delay = 60\n", 0600);
    auto broken = missive::settings::parseSettingsLayers({q(dir / "broken.conf"), q(dir / "delay.conf")});
    REQUIRE_FALSE(broken);
    CHECK(broken.error().userMessage.contains(q(dir / "delay.conf")));

    // Without --config: IT's file, then the user's.
    qputenv("XDG_CONFIG_HOME", QByteArray::fromStdString((dir / "xdg").string()));
    fs::create_directories(dir / "xdg" / "missive");
    writeFile(dir / "xdg" / "missive" / "missive.conf", "", 0600);
    auto layers = missive::settings::configLayers({});
    REQUIRE(layers);
    CHECK(layers->endsWith(q(dir / "xdg" / "missive" / "missive.conf")));
    CHECK(*missive::settings::configLayers(q(dir / "user.conf")) == QStringList{q(dir / "user.conf")});
    qunsetenv("XDG_CONFIG_HOME");
}

TEST_CASE("settings: the MSI's registry values are a layer under IT's file, one value per line", "[unit][settings]")
{
    // As the MSI writes them (HKLM\\SOFTWARE\\Missive\\Settings\\<section>), with a value that tries
    // to smuggle in a second key.
    const QByteArray text = missive::settings::settingsText(
        {{QStringLiteral("postal"), {{QStringLiteral("queue"), QStringLiteral("courrier")}}},
         {QStringLiteral("directory"),
          {{QStringLiteral("update_share"), QStringLiteral("/srv/annuaire")},
           {QStringLiteral("update_url"), QStringLiteral("https://annuaire.chu.fr/extraits/\nqueue = x")}}}});
    CHECK(text.count('\n') == 5);
    auto refused = missive::settings::parseSettingsSources({{QStringLiteral("registre"), text}});
    REQUIRE_FALSE(refused); // the URL with its smuggled text is not a URL
    CHECK(refused.error().userMessage.contains(QStringLiteral("registre")));

    const QByteArray clean = missive::settings::settingsText(
        {{QStringLiteral("postal"), {{QStringLiteral("queue"), QStringLiteral("courrier")}}},
         {QStringLiteral("directory"),
          {{QStringLiteral("update_share"), QStringLiteral("/srv/annuaire")},
           {QStringLiteral("update_url"), QStringLiteral("https://annuaire.chu.fr/x/")}}}});
    auto merged = missive::settings::parseSettingsSources(
        {{QStringLiteral("registre"), clean},
         {QStringLiteral("fichier"), QByteArray("[postal]\nqueue = secretariat\n")}});
    REQUIRE(merged);
    CHECK(merged->postal.queue == QStringLiteral("secretariat")); // IT's file over the MSI's value
    CHECK(merged->directoryUpdate.share == QStringLiteral("/srv/annuaire"));
    CHECK(merged->directoryUpdate.url.host() == QStringLiteral("annuaire.chu.fr"));
    CHECK(
        missive::settings::formatSettings(*merged).contains(QStringLiteral("update_url = https://annuaire.chu.fr/x/")));
    CHECK_FALSE(missive::settings::parseSettingsSources(
        {{QStringLiteral("r"), QByteArray("[directory]\nupdate_url = http://x.fr/\n")}}));
}

TEST_CASE("secrets: a passphrase file must be private", "[unit][settings]")
{
    TempDir dir("missive-secret");
    writeFile(dir / "pass", "s3cret\r\nignored\n", 0640);
    tr::SecretSource source{q(dir / "pass"), {}, {}, {}};
    auto loose = tr::readSecret(source);
    REQUIRE_FALSE(loose);
    CHECK(loose.error().code == missive::ErrorCode::UnsafePath);
    chmod((dir / "pass").c_str(), 0600);
    CHECK(*tr::readSecret(source) == "s3cret");
    qputenv("MISSIVE_TEST_PASS", "from-env");
    CHECK(*tr::readSecret(tr::SecretSource{{}, QStringLiteral("MISSIVE_TEST_PASS"), {}, {}}) == "from-env");
    qunsetenv("MISSIVE_TEST_PASS");
    CHECK_FALSE(tr::readSecret(tr::SecretSource{{}, QStringLiteral("MISSIVE_TEST_PASS"), {}, {}}));
}

TEST_CASE("client certificate: PKCS#12 with a wrong passphrase or garbage is refused", "[unit][settings]")
{
    CHECK_FALSE(tr::ClientCertificate::fromPkcs12("not a pkcs12", "x"));
    TempDir dir("missive-p12");
    const auto key = dir / "k.pem";
    const auto cert = dir / "c.pem";
    const auto p12 = dir / "c.p12";
    REQUIRE(run({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.string(), "-out",
                 cert.string(), "-days", "2", "-subj", "/CN=test"})
                .exitCode
            == 0);
    REQUIRE(run({"openssl", "pkcs12", "-export", "-in", cert.string(), "-inkey", key.string(), "-out", p12.string(),
                 "-passout", "pass:bonne"})
                .exitCode
            == 0);
    const QByteArray bytes = QByteArray::fromStdString(readFile(p12));
    auto wrong = tr::ClientCertificate::fromPkcs12(bytes, "mauvaise");
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().userMessage.contains(QStringLiteral("phrase secrète")));
    auto good = tr::ClientCertificate::fromPkcs12(bytes, "bonne");
    REQUIRE(good);
    CHECK(good->certificateChainPem().startsWith("-----BEGIN CERTIFICATE-----"));
    CHECK(good->privateKeyPem().contains("PRIVATE KEY"));
    CHECK(good->notAfter() > QDateTime::currentDateTimeUtc());
}

TEST_CASE("headers: control characters become spaces, non-ASCII is RFC 2047 encoded", "[unit][mime]")
{
    CHECK(tr::sanitizeHeaderValue(QStringLiteral("a\r\nBcc: x\t\x7f"
                                                 "b"))
          == QStringLiteral("a  Bcc: x  b"));
    const QByteArray encoded = tr::encodeHeaderValue(QStringLiteral("Compte rendu opératoire\r\nX: y"));
    CHECK(encoded.startsWith("=?UTF-8?B?"));
    CHECK_FALSE(encoded.contains("\r\nX"));
    CHECK(tr::encodeHeaderValue(QStringLiteral("plain")) == "plain");
    CHECK(tr::safeAttachmentName(QStringLiteral("Lettre été/../x.pdf")) == QStringLiteral("Lettre_ete_.._x.pdf"));

    tr::MssanteMessage m;
    m.from = QStringLiteral("a@b.fr");
    m.to = {QStringLiteral("c@d.fr")};
    m.subject = QStringLiteral("s");
    m.messageId = QStringLiteral("id@b.fr");
    m.nil = QStringLiteral("NIL\nX-Evil: 1");
    m.codesCda = {QStringLiteral("11490-0")};
    m.qualifiedIns = true;
    auto lines = m.headerLines();
    CHECK_FALSE(lines.join('\n').contains("X-MSS-CODECDA")); // no IHE_XDM attached
    CHECK(lines.contains("X-MSS-NIL: NIL X-Evil: 1"));
    m.attachments.append({QStringLiteral("IHE_XDM.zip"), QStringLiteral("application/zip"), "PK"});
    lines = m.headerLines();
    CHECK(lines.contains("X-MSS-CODECDA: 11490-0"));
    CHECK(lines.contains("X-MSS-INS: O"));
    CHECK(lines.contains("Message-ID: <id@b.fr>"));
}

TEST_CASE("SMTP failures: 5xx permanent, 4xx and network transient, authentication stops the channel", "[unit][mime]")
{
    CHECK(tr::classifySmtpFailure(55, 550) == tr::FailureKind::Permanent); // CURLE_SEND_ERROR, RCPT 550
    CHECK(tr::classifySmtpFailure(55, 552) == tr::FailureKind::Permanent);
    CHECK(tr::classifySmtpFailure(55, 450) == tr::FailureKind::Transient);
    CHECK(tr::classifySmtpFailure(56, 421) == tr::FailureKind::Transient);
    CHECK(tr::classifySmtpFailure(7, 0) == tr::FailureKind::Transient);  // couldn't connect
    CHECK(tr::classifySmtpFailure(28, 0) == tr::FailureKind::Transient); // timeout
    CHECK(tr::classifySmtpFailure(60, 0) == tr::FailureKind::Transient); // server certificate
    CHECK(tr::classifySmtpFailure(67, 535) == tr::FailureKind::Configuration);
    CHECK(tr::classifySmtpFailure(58, 0) == tr::FailureKind::Configuration); // local client certificate
}

TEST_CASE("patient mailbox only for a valid INS with its strict traits", "[unit][mime]")
{
    missive::PatientIdentity p;
    p.ins = QStringLiteral("279035121518989");
    p.insOid = QStringLiteral("1.2.250.1.213.1.4.8");
    CHECK_FALSE(tr::patientMailbox(p));
    p.birthName = QStringLiteral("DUPONT");
    p.firstNames = {QStringLiteral("MARIE")};
    p.firstName = QStringLiteral("MARIE");
    p.birthDate = QDate(1979, 3, 12);
    p.sex = missive::Sex::Female;
    p.birthPlace = QStringLiteral("51215");
    CHECK(tr::patientMailbox(p) == QStringLiteral("279035121518989@patient.mssante.fr"));
    p.ins = QStringLiteral("279035121518988"); // wrong key
    CHECK_FALSE(tr::patientMailbox(p));
}

TEST_CASE("backoff doubles from the initial delay, is capped, and jitters within bounds", "[unit][outbox]")
{
    tr::RetrySettings retry;
    retry.initialDelay = std::chrono::seconds(60);
    retry.maxDelay = std::chrono::seconds(600);
    retry.jitter = 0.2;
    CHECK(tr::backoffDelay(retry, 1, 0.5).count() == 60);
    CHECK(tr::backoffDelay(retry, 2, 0.5).count() == 120);
    CHECK(tr::backoffDelay(retry, 3, 0.5).count() == 240);
    CHECK(tr::backoffDelay(retry, 10, 0.5).count() == 600);
    CHECK(tr::backoffDelay(retry, 1, 0.0).count() == 48);
    CHECK(tr::backoffDelay(retry, 1, 1.0).count() == 72);
}

// The outbox of a test: a file in `dir`, or under the `postgres` label a fresh shared base.
QString outboxLocation(const fs::path& file)
{
    return missive::test::usingPostgres() ? QString::fromStdString(missive::test::freshPostgresDatabase()) : q(file);
}

// After a sender died: on a shared base its session lock goes a moment after its connection
// closes, so the recovery is asked again until it sees the rows (at most 5 s).
tr::Outbox::Recovery recoverAfterCrash(tr::Outbox& outbox, int expected)
{
    tr::Outbox::Recovery recovery;
    for (int i = 0; i < 100; ++i) {
        auto once = outbox.recoverInterrupted();
        REQUIRE(once);
        recovery.requeued += once->requeued;
        recovery.maybeSent += once->maybeSent;
        if (recovery.requeued + recovery.maybeSent.size() >= expected) {
            break;
        }
        QThread::msleep(50);
    }
    return recovery;
}

TEST_CASE("outbox: states, retries, permanent failure with postal fallback, crash recovery", "[unit][outbox]")
{
    TempDir dir("missive-outbox");
    const auto path = outboxLocation(dir / "sub" / "outbox->sqlite");
    auto opened = tr::Outbox::open(path);
    REQUIRE(opened);
    if (!missive::test::usingPostgres()) {
        struct stat st
        {
        };
        REQUIRE(stat((dir / "sub" / "outbox->sqlite").c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
    }
    tr::Outbox* outbox = opened->get();

    auto ids = outbox->enqueue(
        sampleDocument(QStringLiteral("2.25.1")),
        {{tr::Channel::Mssante, QStringLiteral("a@test.fr"), QStringLiteral("Dr A\n1 rue X\n75001 PARIS"), false},
         {tr::Channel::Mssante, QStringLiteral("b@test.fr"), {}, false}},
        QStringLiteral("sec@hop.fr"));
    REQUIRE(ids);
    REQUIRE(ids->size() == 2);
    // The same document again (a retry after an error that came once it was queued): the rows
    // already there, no second letter.
    auto retried =
        outbox->enqueue(sampleDocument(QStringLiteral("2.25.1")),
                        {{tr::Channel::Mssante, QStringLiteral("a@test.fr"), {}, false}}, QStringLiteral("sec@hop.fr"));
    REQUIRE(retried);
    CHECK(*retried == *ids);
    // The same recipient twice on one channel is refused, atomically (no half-queued document).
    CHECK_FALSE(outbox->enqueue(sampleDocument(QStringLiteral("2.25.2")),
                                {{tr::Channel::Mssante, QStringLiteral("c@test.fr"), {}, false},
                                 {tr::Channel::Mssante, QStringLiteral("c@test.fr"), {}, false}},
                                QStringLiteral("sec@hop.fr")));
    CHECK(outbox->list()->size() == 2);

    const auto now = QDateTime::currentDateTimeUtc();
    tr::RetrySettings retry;
    retry.maxAttempts = 2;
    auto first = outbox->claimNext({tr::Channel::Mssante}, now);
    REQUIRE(first);
    REQUIRE(*first);
    CHECK((*first)->state == tr::DeliveryState::Sending);
    CHECK((*first)->attempts == 1);
    const QString fixedId = (*first)->messageId;
    CHECK(fixedId.endsWith(QStringLiteral("@hop.fr")));

    // Crash now: the row is found "sending" by the next sender and requeued with the same Message-ID.
    opened->reset();
    opened = tr::Outbox::open(path);
    REQUIRE(opened);
    outbox = opened->get();
    CHECK(recoverAfterCrash(*outbox, 1).requeued == 1);
    auto again = outbox->claimNext({tr::Channel::Mssante}, now);
    REQUIRE(*again);
    CHECK((*again)->id == (*first)->id);
    CHECK((*again)->messageId == fixedId);
    CHECK((*again)->attempts == 2);

    // Transient failure at the last allowed attempt → failed, and the postal fallback appears.
    auto state = outbox->markAttemptFailed((*again)->id, {false, QStringLiteral("smtp-450"), QStringLiteral("x")},
                                           retry, true, now);
    REQUIRE(state);
    CHECK(*state == tr::DeliveryState::Failed);
    auto rows = *outbox->list();
    REQUIRE(rows.size() == 3);
    CHECK(rows.at(2).channel == tr::Channel::Postal);
    CHECK(rows.at(2).fallbackOf == (*again)->id);
    CHECK(rows.at(2).postalAddress.contains(QStringLiteral("75001 PARIS")));

    // The second row: transient failure → queued later; not due now.
    auto second = outbox->claimNext({tr::Channel::Mssante}, now);
    REQUIRE(*second);
    CHECK(*outbox->markAttemptFailed((*second)->id, {false, QStringLiteral("transient"), QStringLiteral("x")}, retry,
                                     true, now)
          == tr::DeliveryState::Queued);
    CHECK_FALSE(*outbox->claimNext({tr::Channel::Mssante}, now));
    CHECK(*outbox->claimNext({tr::Channel::Mssante}, now.addSecs(3600)));
    CHECK(outbox->markSent((*second)->id, now));
    CHECK(outbox->find((*second)->id)->value().state == tr::DeliveryState::Sent);
    CHECK_FALSE(outbox->cancel((*second)->id, now)); // sent: too late

    // Manual retry of the failed row: fresh attempts, due now.
    REQUIRE(outbox->retry((*first)->id, now));
    CHECK(outbox->find((*first)->id)->value().state == tr::DeliveryState::Queued);
    CHECK(outbox->find((*first)->id)->value().attempts == 0);
    REQUIRE(outbox->cancel((*first)->id, now));
    CHECK(outbox->find((*first)->id)->value().state == tr::DeliveryState::Cancelled);

    // The stored document is the queued one (bytes and hash).
    auto doc = outbox->document(rows.at(0).documentId);
    REQUIRE(doc);
    CHECK(doc->uniqueId == QStringLiteral("2.25.1"));
    CHECK(doc->pdf.startsWith("%PDF-"));
    // Tracking matches on the Message-ID.
    CHECK(*outbox->setTracking(fixedId, QStringLiteral("processed"), QStringLiteral("ok"), now));
    CHECK_FALSE(*outbox->setTracking(QStringLiteral("unknown@x"), QStringLiteral("processed"), {}, now));

    // Reopening keeps everything (schema version checked, not re-created).
    opened->reset();
    auto reopened = tr::Outbox::open(path);
    REQUIRE(reopened);
    CHECK((*reopened)->list()->size() == 3);
}

TEST_CASE("outbox: a crash after the message was handed over is reported as maybe sent, never resent silently",
          "[unit][outbox][fault]")
{
    TempDir dir("missive-outbox-handover");
    const QString path = outboxLocation(dir / "outbox->sqlite");
    auto opened = tr::Outbox::open(path);
    REQUIRE(opened);
    tr::Outbox* outbox = opened->get();
    REQUIRE(outbox->enqueue(sampleDocument(QStringLiteral("2.25.7")),
                            {{tr::Channel::Mssante, QStringLiteral("a@test.fr"), {}, false},
                             {tr::Channel::Mssante, QStringLiteral("b@test.fr"), {}, false}},
                            QStringLiteral("sec@hop.fr")));
    const auto now = QDateTime::currentDateTimeUtc();
    auto handed = outbox->claimNext({tr::Channel::Mssante}, now);
    REQUIRE(*handed);
    REQUIRE(outbox->markHandedOver((*handed)->id));
    auto cut = outbox->claimNext({tr::Channel::Mssante}, now);
    REQUIRE(*cut);

    // Both die "sending": the one handed over is failed with its Message-ID, the other requeued.
    opened->reset();
    opened = tr::Outbox::open(path);
    REQUIRE(opened);
    outbox = opened->get();
    auto recovery = std::optional<tr::Outbox::Recovery>(recoverAfterCrash(*outbox, 2));
    CHECK(recovery->requeued == 1);
    REQUIRE(recovery->maybeSent.size() == 1);
    CHECK(recovery->maybeSent.front().contains((*handed)->messageId));
    const tr::Delivery maybe = outbox->find((*handed)->id)->value();
    CHECK(maybe.state == tr::DeliveryState::Failed);
    CHECK(maybe.lastErrorCode == QStringLiteral("maybe-sent"));
    CHECK(maybe.lastError.startsWith(QStringLiteral("peut-être envoyé")));
    CHECK(outbox->find((*cut)->id)->value().state == tr::DeliveryState::Queued);

    // The user's explicit retry sends it again, with the same Message-ID, and a fresh claim
    // starts not handed over.
    REQUIRE(outbox->retry((*handed)->id, now));
    auto again = outbox->claimNext({tr::Channel::Mssante}, now.addSecs(1));
    REQUIRE(*again);
    CHECK_FALSE(outbox->recoverInterrupted()->maybeSent.size() > 0);
}

TEST_CASE("outbox: a delivery leads back to the print it came from", "[unit][outbox]")
{
    TempDir dir("missive-outbox-spool-id");
    auto opened = tr::Outbox::open(outboxLocation(dir / "outbox->sqlite"));
    REQUIRE(opened);
    tr::Outbox* outbox = opened->get();
    tr::NewDocument printed = sampleDocument(QStringLiteral("2.25.8"));
    printed.spoolJobId = QStringLiteral("20261204T174210Z-1-6e0eed3f");
    REQUIRE(outbox->enqueue(printed, {{tr::Channel::Mssante, QStringLiteral("a@test.fr"), {}, false}},
                            QStringLiteral("sec@hop.fr")));
    REQUIRE(outbox->enqueue(sampleDocument(QStringLiteral("2.25.9")),
                            {{tr::Channel::Mssante, QStringLiteral("b@test.fr"), {}, false}},
                            QStringLiteral("sec@hop.fr")));
    const auto rows = outbox->list();
    REQUIRE(rows);
    REQUIRE(rows->size() == 2);
    CHECK(rows->at(0).spoolJobId == printed.spoolJobId);
    CHECK(rows->at(0).toJson().value(QStringLiteral("spool_job_id")).toString() == printed.spoolJobId);
    CHECK(rows->at(1).spoolJobId.isEmpty()); // sent from a file
}

TEST_CASE("outbox: a database from a newer Missive is refused", "[unit][outbox][sqlite]")
{
    TempDir dir("missive-outbox-version");
    const auto file = dir / "outbox->sqlite";
    REQUIRE(tr::Outbox::open(q(file)));
    REQUIRE(run({"sqlite3", file.string(), "PRAGMA user_version = 99;"}).exitCode == 0);
    auto refused = tr::Outbox::open(q(file));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == missive::ErrorCode::Integrity);
}

TEST_CASE("outbox: a version 1 database is migrated and keeps its rows", "[unit][outbox][sqlite]")
{
    TempDir dir("missive-outbox-migration");
    const auto file = dir / "outbox->sqlite";
    {
        auto outbox = tr::Outbox::open(q(file));
        REQUIRE(outbox);
        REQUIRE((*outbox)->enqueue(sampleDocument(QStringLiteral("2.25.7")),
                                   {{tr::Channel::Mssante, QStringLiteral("a@test.fr"), {}, false}},
                                   QStringLiteral("sec@hop.fr")));
    }
    // Back to what version 1 wrote: no document facts, service, hand-over nor claimer columns.
    REQUIRE(run({"sqlite3", file.string(),
                 "ALTER TABLE documents DROP COLUMN input_json; ALTER TABLE documents DROP COLUMN service; "
                 "ALTER TABLE deliveries DROP COLUMN handed_over; ALTER TABLE documents DROP COLUMN spool_job_id; "
                 "ALTER TABLE deliveries DROP COLUMN claimed_by; PRAGMA user_version = 1;"})
                .exitCode
            == 0);
    auto reopened = tr::Outbox::open(q(file));
    REQUIRE(reopened);
    auto rows = (*reopened)->list();
    REQUIRE(rows);
    REQUIRE(rows->size() == 1);
    auto document = (*reopened)->document(rows->front().documentId);
    REQUIRE(document);
    CHECK(document->input.isEmpty());
    CHECK(rows->front().service.isEmpty());
    CHECK(rows->front().patient.isEmpty());
    CHECK(run({"sqlite3", file.string(), "PRAGMA user_version;"}).out == "6\n");
}

TEST_CASE("outbox: a failed or cancelled MSSanté row can be sent by post instead, once", "[unit][outbox]")
{
    TempDir dir("missive-outbox-post");
    auto opened = tr::Outbox::open(outboxLocation(dir / "outbox.sqlite"));
    REQUIRE(opened);
    auto& outbox = **opened;
    tr::NewDocument document = sampleDocument(QStringLiteral("2.25.9"));
    document.service = QStringLiteral("Cardiologie");
    auto ids =
        outbox.enqueue(document,
                       {{tr::Channel::Mssante, QStringLiteral("a@test.fr"), {}, false},
                        {tr::Channel::Mssante, QStringLiteral("b@test.fr"), QStringLiteral("Dr B\n1 rue Y"), false}},
                       QStringLiteral("sec@hop.fr"));
    REQUIRE(ids);
    const auto now = QDateTime::currentDateTimeUtc();
    const qint64 a = ids->at(0);
    const qint64 b = ids->at(1);
    CHECK(outbox.find(a)->value().service == QStringLiteral("Cardiologie"));

    // Still queued: it would go twice.
    auto early = outbox.sendByPost(a, QStringLiteral("Dr A\n2 rue Z\n69003 LYON"), now);
    REQUIRE_FALSE(early);
    CHECK(early.error().userMessage.contains(QStringLiteral("annulez-le d'abord")));
    REQUIRE(outbox.cancel(a, now));
    // No address known nor given.
    REQUIRE(outbox.cancel(b, now));
    CHECK_FALSE(outbox.sendByPost(a, {}, now));
    auto posted = outbox.sendByPost(a, QStringLiteral("Dr A\n2 rue Z\n69003 LYON"), now);
    REQUIRE(posted);
    const tr::Delivery row = outbox.find(*posted)->value();
    CHECK(row.channel == tr::Channel::Postal);
    CHECK(row.state == tr::DeliveryState::Queued);
    CHECK(row.fallbackOf == a);
    CHECK(row.postalAddress.endsWith(QStringLiteral("69003 LYON")));
    auto twice = outbox.sendByPost(a, QStringLiteral("Dr A\n2 rue Z\n69003 LYON"), now);
    REQUIRE_FALSE(twice);
    CHECK(twice.error().userMessage.contains(QStringLiteral("déjà prévu")));
    // The row's own address serves when none is given; a postal row itself cannot be re-posted.
    auto own = outbox.sendByPost(b, {}, now);
    REQUIRE(own);
    CHECK(outbox.find(*own)->value().postalAddress == QStringLiteral("Dr B\n1 rue Y"));
    CHECK_FALSE(outbox.sendByPost(*own, QStringLiteral("x"), now));
}

TEST_CASE("reports: the MSSanté MDN example and a DSN are understood", "[unit][tracking]")
{
    QFile example(QStringLiteral("/work/shared/specs/mssante/MDN-example.txt"));
    // The example is illustrative (no blank lines between part headers and bodies); build a
    // well-formed one with the same fields.
    const QByteArray mdn =
        "Subject: [KO Intégration système !][902] XDM/1.0/DDM+ECHO\r\n"
        "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"R\"\r\n\r\n"
        "--R\r\nContent-Type: text/plain\r\n\r\nLe document n'a pas pu être intégré.\r\n"
        "--R\r\nContent-Type: message/disposition-notification\r\n\r\n"
        "Original-Recipient: rfc822;serviceY_auto@chb.mssante.fr\r\n"
        "Original-Message-ID: <199509192301.23456@chb.mssante.fr>\r\n"
        "Disposition: automatic-action/MDN-sent-automatically; processed/Error: "
        "902^Identifiant de patient inconnu^messageErrorCondition| E^Error^errorSeverity\r\n--R--\r\n";
    auto event = tr::parseReport(mdn);
    REQUIRE(event);
    CHECK(event->originalMessageId == QStringLiteral("199509192301.23456@chb.mssante.fr"));
    CHECK(event->status == QStringLiteral("error-902"));
    CHECK(event->detail.contains(QStringLiteral("patient inconnu")));

    const QByteArray ok =
        "Content-Type: multipart/report; report-type=disposition-notification; boundary=R\n\n"
        "--R\nContent-Type: message/disposition-notification\n\n"
        "Original-Message-ID: <a@b>\nDisposition: automatic-action/MDN-sent-automatically; processed\n"
        "--R--\n";
    CHECK(tr::parseReport(ok)->status == QStringLiteral("processed"));

    const QByteArray dsn = "Content-Type: multipart/report; report-type=delivery-status; boundary=\"D\"\r\n\r\n"
                           "--D\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
                           "Final-Recipient: rfc822; x@y\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
                           "--D\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <orig@hop.fr>\r\n\r\n--D--\r\n";
    event = tr::parseReport(dsn);
    REQUIRE(event);
    CHECK(event->originalMessageId == QStringLiteral("orig@hop.fr"));
    CHECK(event->status == QStringLiteral("bounced"));
    CHECK(event->detail.contains(QStringLiteral("5.1.1")));

    CHECK_FALSE(tr::parseReport("Subject: hello\r\n\r\nnot a report\r\n"));
    for (int code = 900; code <= 906; ++code) {
        CHECK_FALSE(tr::mssanteErrorLabel(code).isEmpty());
    }
}

TEST_CASE("MIME reader: multipart, base64 and quoted-printable", "[unit][mime]")
{
    const QByteArray raw = "Subject: x\r\n folded\r\nContent-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n"
                           "preamble\r\n--XX\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: "
                           "quoted-printable\r\n\r\nd=C3=A9j=\r\n=C3=A0\r\n--XX\r\nContent-Type: application/pdf; "
                           "name=\"a.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0x\r\n--XX--\r\n";
    const auto m = tr::parseMime(raw);
    CHECK(m.header("subject") == "x folded");
    REQUIRE(m.parts.size() == 2);
    CHECK(QString::fromUtf8(m.parts.at(0).body) == QStringLiteral("déjà"));
    CHECK(m.parts.at(1).body == "%PDF-1");
    CHECK(m.parts.at(1).fileName() == QStringLiteral("a.pdf"));
}

TEST_CASE("postal PDF: cover with the address in the DL window zone, then every letter page", "[unit][postal]")
{
    CHECK_FALSE(tr::normaliseAddress(QStringLiteral("une seule ligne")));
    CHECK_FALSE(tr::normaliseAddress(QStringLiteral("a\nb\nc\nd\ne\nf\ng")));
    CHECK_FALSE(
        tr::normaliseAddress(QStringLiteral("Dr X\nUne ligne beaucoup trop longue pour la fenêtre de l'enveloppe")));
    auto address = tr::normaliseAddress(QStringLiteral("Dr Hélène MARTIN\n  12 rue de la Paix \n\n75002 PARIS"));
    REQUIRE(address);
    CHECK(address->size() == 3);

    tr::PostalLetter letter;
    letter.address = *address;
    letter.returnAddress = {QStringLiteral("CH Test"), QStringLiteral("51100 REIMS")};
    letter.letterPdf = QByteArray::fromStdString(makePdf({"Page un", "Page deux", "Page trois"}));
    auto pdf = tr::buildPostalPdf(letter);
    REQUIRE(pdf);
    TempDir dir("missive-postal");
    writeFile(dir / "out.pdf", pdf->toStdString(), 0600);
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file((dir / "out.pdf").string()));
    REQUIRE(doc);
    CHECK(doc->pages() == 4);
    std::unique_ptr<poppler::page> cover(doc->create_page(0));
    const double mm = 72.0 / 25.4;
    int checked = 0;
    for (const auto& box : cover->text_list()) {
        const std::string text = box.text().to_latin1();
        const auto r = box.bbox();
        if (text == "MARTIN" || text == "PARIS" || text == "Dr" || text == "Paix") {
            INFO(text << " at " << r.left() / mm << "," << r.top() / mm << " mm");
            CHECK(r.left() >= 110 * mm);
            CHECK(r.right() <= 195 * mm);
            CHECK(r.top() >= 55 * mm);
            CHECK(r.bottom() <= 88 * mm);
            ++checked;
        }
    }
    CHECK(checked == 4);
    std::unique_ptr<poppler::page> third(doc->create_page(3));
    CHECK(third->text().to_latin1().find("Page trois") != std::string::npos);
    CHECK_FALSE(tr::buildPostalPdf(tr::PostalLetter{*address, {}, "not a pdf"}));
}

TEST_CASE("settings: [structure] content_type is 03, 04 or 07, ipp_root is kept", "[unit][settings]")
{
    TempDir dir("missive-settings");
    writeFile(dir / "good.conf", "[structure]\ncontent_type = 04\nipp_root = 1.2.250.1.999.1.1\n", 0600);
    auto good = missive::settings::parseSettings(q(dir / "good.conf"));
    REQUIRE(good);
    CHECK(good->structure.contentType == QStringLiteral("04"));
    CHECK(good->structure.ippRoot == QStringLiteral("1.2.250.1.999.1.1"));
    const std::string e = parseError(dir / "bad.conf", "[structure]\ncontent_type = 05\n");
    CHECK(e.find("structure.content_type") != std::string::npos);
    CHECK(e.find("type d'activité inconnu") != std::string::npos);
}

TEST_CASE("settings: [rules] gives document types their recipients, each checked, and reads back the same",
          "[unit][settings]")
{
    TempDir dir("missive-settings");
    writeFile(dir / "good.conf", "[rules]\n11490-0 = patient-dmp, gp,rpps:10999000029, gp\n57833-6 = patient-mailbox\n",
              0600);
    auto good = missive::settings::parseSettings(q(dir / "good.conf"));
    INFO((good ? QString() : good.error().userMessage).toStdString());
    REQUIRE(good);
    CHECK(good->documentRules.at(QStringLiteral("11490-0"))
          == QStringList{QStringLiteral("patient-dmp"), QStringLiteral("gp"), QStringLiteral("rpps:10999000029")});
    CHECK(good->documentRules.at(QStringLiteral("57833-6")) == QStringList{QStringLiteral("patient-mailbox")});
    // What Paramètres writes reads back the same.
    writeFile(dir / "again.conf", missive::settings::formatSettings(*good).toStdString(), 0600);
    auto again = missive::settings::parseSettings(q(dir / "again.conf"));
    REQUIRE(again);
    CHECK(again->documentRules == good->documentRules);
    const std::string type = parseError(dir / "bad.conf", "[rules]\nlettre = patient-dmp\n");
    CHECK(type.find("rules.lettre") != std::string::npos);
    CHECK(type.find("type de document inconnu") != std::string::npos);
    const std::string who = parseError(dir / "bad2.conf", "[rules]\n11490-0 = patient-dmp, Dr MARTIN\n");
    CHECK(who.find("rules.11490-0") != std::string::npos);
    CHECK(who.find("« Dr MARTIN » inconnu") != std::string::npos);
    // The directory's stored form alone names nobody; its aliases are written back canonical.
    CHECK(parseError(dir / "bad3.conf", "[rules]\n11490-0 = rpps\n").find("« rpps » inconnu") != std::string::npos);
    writeFile(dir / "alias.conf", "[rules]\n11490-0 = DMP, medecin-traitant\n", 0600);
    auto alias = missive::settings::parseSettings(q(dir / "alias.conf"));
    REQUIRE(alias);
    CHECK(alias->documentRules.at(QStringLiteral("11490-0"))
          == QStringList{QStringLiteral("patient-dmp"), QStringLiteral("gp")});
}

TEST_CASE("settings: [structure] sites and staff are lists of IDNST and RPPS and author_role is coded, each checked",
          "[unit][settings]")
{
    TempDir dir("missive-settings");
    writeFile(dir / "good.conf",
              "[structure]\nid = 1690000001\nsites = 1690000002, 312345678900012\nstaff = 10999000029 10999000037\n",
              0600);
    auto good = missive::settings::parseSettings(q(dir / "good.conf"));
    REQUIRE(good);
    CHECK(good->structure.sites == QStringList{QStringLiteral("1690000002"), QStringLiteral("312345678900012")});
    CHECK(good->structure.staff == QStringList{QStringLiteral("10999000029"), QStringLiteral("10999000037")});
    const std::string e = parseError(dir / "bad.conf", "[structure]\nstaff = 10999000029, Dr MARTIN\n");
    CHECK(e.find("structure.staff") != std::string::npos);
    CHECK(e.find("RPPS attendu") != std::string::npos);
    CHECK(parseError(dir / "bad2.conf", "[structure]\nsites = FINESS\n").find("IDNST attendu") != std::string::npos);
    // The optional authorRole, only in its coded form.
    writeFile(dir / "role.conf", "[structure]\nauthor_role = ROLE01^^^&1.2.250.1.213.1.1.4.999&ISO\n", 0600);
    auto role = missive::settings::parseSettings(q(dir / "role.conf"));
    REQUIRE(role);
    CHECK(role->structure.authorRole == QStringLiteral("ROLE01^^^&1.2.250.1.213.1.1.4.999&ISO"));
    CHECK(parseError(dir / "bad3.conf", "[structure]\nauthor_role = Médecin\n").find("code^^^&OID&ISO")
          != std::string::npos);
}

TEST_CASE("settings: [storage] url names a PostgreSQL base, never with its password, which has a source of its own",
          "[unit][settings]")
{
    TempDir dir("missive-settings");
    writeFile(
        dir / "good.conf",
        "[storage]\nurl = postgresql://db.ght24.fr/missive?sslmode=verify-full&sslrootcert=/etc/missive/pg-ca.crt\n"
        "password_keychain = missive_storage\n",
        0600);
    auto good = missive::settings::parseSettings(q(dir / "good.conf"));
    REQUIRE(good);
    CHECK(good->storage.isConfigured());
    CHECK(good->storage.url.startsWith(QLatin1String("postgresql://db.ght24.fr/missive")));
    CHECK(good->storage.password.keychainKey == QLatin1String("missive_storage"));
    // What Paramètres writes reads back the same.
    CHECK(missive::settings::formatSettings(*good).contains(QLatin1String("[storage]")));
    CHECK(missive::settings::formatSettings(*good).contains(QLatin1String("password_keychain = missive_storage")));

    CHECK(parseError(dir / "pw.conf", "[storage]\nurl = postgresql://missive:s3cret@db/missive\n")
              .find("password_keychain")
          != std::string::npos);
    CHECK(parseError(dir / "pw2.conf", "[storage]\nurl = postgresql://db/missive?password=s3cret\n")
              .find("le mot de passe n'a pas sa place")
          != std::string::npos);
    CHECK(parseError(dir / "scheme.conf", "[storage]\nurl = mysql://db/missive\n").find("postgresql://")
          != std::string::npos);
    CHECK(
        parseError(dir / "two.conf", "[storage]\nurl = postgresql://db/m\npassword_env = PGPW\npassword_keychain = k\n")
            .find("une seule source de secret")
        != std::string::npos);
}

TEST_CASE("settings: IT's policies win over the machine's file, the user's and --config, and lock their keys",
          "[unit][settings]")
{
    TempDir dir("missive-settings");
    writeFile(dir / "user.conf", "[structure]\nname = Mon cabinet\nservice = Cardiologie\n[postal]\nqueue = Perso\n",
              0600);
    writeFile(dir / "policies.conf", "[structure]\nname = CHU des tests\n[postal]\nqueue = Courrier\n", 0644);
    auto merged = missive::settings::loadSettings(q(dir / "user.conf"), q(dir / "policies.conf"));
    if (geteuid() != 0) {
        REQUIRE_FALSE(merged); // only root may have written a policy
        return;
    }
    INFO((merged ? QString() : merged.error().userMessage).toStdString());
    REQUIRE(merged);
    CHECK(merged->structure.name == QStringLiteral("CHU des tests"));
    CHECK(merged->postal.queue == QStringLiteral("Courrier"));
    CHECK(merged->structure.service == QStringLiteral("Cardiologie")); // not imposed: the user's
    CHECK(merged->locked == QStringList{QStringLiteral("structure.name"), QStringLiteral("postal.queue")});
    CHECK(merged->sourceFile == q(dir / "user.conf")); // where the user edits, not the policies
    // No policies file: nothing locked.
    auto free = missive::settings::loadSettings(q(dir / "user.conf"), q(dir / "absent.conf"));
    REQUIRE(free);
    CHECK(free->locked.isEmpty());
    CHECK(free->postal.queue == QStringLiteral("Perso"));
    // A policies file anyone may change is no policy: refused, not ignored.
    chmod((dir / "policies.conf").c_str(), 0666);
    auto loose = missive::settings::loadSettings(q(dir / "user.conf"), q(dir / "policies.conf"));
    REQUIRE_FALSE(loose);
    CHECK(loose.error().userMessage.contains(QStringLiteral("root")));
}

TEST_CASE("settings: every Group Policy of missive.admx is a setting the policies layer locks, named in both languages",
          "[unit][settings]")
{
    // The ADMX's policies, read from the template itself: key Software\Policies\Missive\<section>,
    // valueName <key> for a text; a list's value names are keys themselves (document types).
    QFile admx(QString::fromStdString(missive::test::sourceDir() + "/installer/windows/policies/missive.admx"));
    REQUIRE(admx.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(admx.readAll());
    static const QRegularExpression policyRe(
        QStringLiteral("<policy name=\"(\\w+)\"[^>]*key=\"Software\\\\Policies\\\\Missive\\\\(\\w+)\">(.*?)</policy>"),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression valueNameRe(QStringLiteral("<text id=\"\\w+\" valueName=\"(\\w+)\""));
    QStringList lists;
    std::map<QString, std::map<QString, QString>> sections;
    QStringList names;
    TempDir dir("missive-admx");
    writeFile(dir / "ca.pem", "x", 0644);
    writeFile(dir / "client.p12", "x", 0600);
    writeFile(dir / "pass", "secret\n", 0600);
    // A value each setting accepts, as IT would type it in the policy.
    const std::map<QString, QString> samples{
        {QStringLiteral("smtp_url"), QStringLiteral("smtps://mss.ght.example:465")},
        {QStringLiteral("sender"), QStringLiteral("secretariat@ght.mssante.fr")},
        {QStringLiteral("ca_bundle"), q(dir / "ca.pem")},
        {QStringLiteral("update_share"), QStringLiteral("/srv/annuaire")},
        {QStringLiteral("update_url"), QStringLiteral("https://annuaire.ght.example/extraits/")},
        {QStringLiteral("queue"), QStringLiteral("Courrier")},
        {QStringLiteral("url"), QStringLiteral("postgresql://pg.ght.example/missive?sslmode=verify-full")},
    };
    for (auto it = policyRe.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        names << match.captured(1);
        const QString section = match.captured(2);
        const QString body = match.captured(3);
        if (body.contains(
                QLatin1String("<list id=\"%1List\" key=\"Software\\Policies\\Missive\\%2\" explicitValue=\"true\"/>")
                    .arg(match.captured(1), section))) {
            // The document-type rules: one value per type, named by its code.
            REQUIRE(section == QLatin1String("rules"));
            lists << match.captured(1);
            sections[section][QStringLiteral("11490-0")] = QStringLiteral("patient-dmp, gp");
            continue;
        }
        const QString key = valueNameRe.match(body).captured(1);
        INFO(section.toStdString() << "." << key.toStdString());
        REQUIRE(samples.count(key) == 1);
        sections[section][key] = samples.at(key);
    }
    REQUIRE(names.size() == 8);
    REQUIRE(lists == QStringList{QStringLiteral("DocumentRules")});
    // Set as policies they parse, and each is locked against the user's file and the command line.
    auto parsed = missive::settings::parseSettingsSources(
        {{QStringLiteral("utilisateur"),
          QByteArray("[postal]\nqueue = AutreFile\n[mssante]\nclient_certificate = ")
              + QFile::encodeName(q(dir / "client.p12")) + "\npassphrase_file = " + QFile::encodeName(q(dir / "pass"))
              + "\nnil = NIL-GHT\n",
          false},
         {QStringLiteral("stratégies"), missive::settings::settingsText(sections), true}});
    INFO((parsed ? QString() : parsed.error().userMessage).toStdString());
    REQUIRE(parsed);
    for (const auto& [section, keys] : sections) {
        for (const auto& [key, value] : keys) {
            CHECK(parsed->locked.contains(section + u'.' + key));
        }
    }
    CHECK(parsed->postal.queue == QLatin1String("Courrier"));
    CHECK(parsed->storage.url.startsWith(QLatin1String("postgresql://pg.ght.example")));
    CHECK(parsed->documentRules.at(QStringLiteral("11490-0"))
          == QStringList{QStringLiteral("patient-dmp"), QStringLiteral("gp")});
    // Both ADML files name every policy and its explanation, and lay out its text box.
    for (const char* language : {"fr-FR", "en-US"}) {
        QFile adml(QString::fromStdString(missive::test::sourceDir() + "/installer/windows/policies/" + language
                                          + "/missive.adml"));
        REQUIRE(adml.open(QIODevice::ReadOnly));
        const QString strings = QString::fromUtf8(adml.readAll());
        for (const QString& name : names) {
            INFO(language << " " << name.toStdString());
            CHECK(strings.contains(QStringLiteral("<string id=\"%1\">").arg(name)));
            CHECK(strings.contains(QStringLiteral("<string id=\"%1_Help\">").arg(name)));
            CHECK(strings.contains(QStringLiteral("<presentation id=\"%1\">").arg(name)));
            CHECK(strings.contains(lists.contains(name) ? QStringLiteral("<listBox refId=\"%1List\">").arg(name)
                                                        : QStringLiteral("<textBox refId=\"%1Value\">").arg(name)));
        }
    }
}
