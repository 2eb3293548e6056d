// The whole sending path on the bundled sample letter: read (identity, recipients, author), matched
// in a real directory (SQLite), built (CDA + IHE XDM), queued and delivered to a real Postfix with
// client certificates, and to the LOCAL DMP TEST ENDPOINT (no public DMP test server exists).

#include "mail_server.h"
#include "missive/transport/mime_reader.h"
#include "missive/transport/outbox.h"
#include "postgres.h"
#include "support.h"
#include "transport_fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <catch2/catch.hpp>

using namespace missive;
using namespace missive::test;
namespace tr = missive::transport;

namespace
{

constexpr auto SampleIns = "251036912304596";
constexpr auto Lefevre = "10999000011"; // Lyon; a homonym practises in Marseille

struct Wiring
{
    TempDir work{"missive-wiring"};
    fs::path config = work / "missive.conf";
    fs::path db = work / "annuaire.db";
    fs::path letter = fs::path(sourceDir()) / "samples" / "lettre-liaison.pdf";

    Wiring()
    {
        const fs::path annuaire = fs::path(sourceDir()) / "samples" / "annuaire";
        const RunResult imported =
            missive({"directory", "import", (annuaire / "PS_LibreAcces_Personne_activite_202611230000.txt").string(),
                     (annuaire / "Extraction_Correspondance_MSSante_202611230000.txt").string(), "--db",
                     missive::test::storage(db)});
        INFO(imported.err);
        REQUIRE(imported.exitCode == 0);
    }

    void configure(const std::string& sections) const
    {
        writeFile(config,
                  "[structure]\nid = 1120459876\nname = Clinique des Tilleuls\n"
                      + missive::test::outboxSection(work / "outbox.sqlite") + sections,
                  0600);
    }

    RunResult missive(std::vector<std::string> args) const
    {
        args.insert(args.begin(), cliPath());
        if (args.at(1) == "send") {
            args.insert(args.end(), {"--db", missive::test::storage(db)});
        }
        if (args.at(1) != "directory") {
            args.insert(args.end(), {"--config", config.string()});
        }
        RunOptions options;
        options.timeout = std::chrono::seconds(90);
        return run(args, options);
    }

    static QJsonObject json(const RunResult& result)
    {
        INFO(result.out << result.err);
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(result.out));
        REQUIRE(doc.isObject());
        return doc.object();
    }
};

std::string mailSections(const PrivateMailServer& server)
{
    return "[mssante]\nsmtp_url = smtp://127.0.0.1:" + std::to_string(server.smtpPort())
           + "\nsender = secretariat@test.mssante.fr\nclient_certificate = " + server.tls("client.p12").string()
           + "\npassphrase_file = " + server.tls("client.pass").string()
           + "\nca_bundle = " + server.tls("ca.pem").string() + "\nnil = MISSIVE-TEST-NIL\n";
}

std::string unzipCda(const fs::path& dir, const QByteArray& zip)
{
    const fs::path path = dir / "received.zip";
    writeFile(path, zip.toStdString(), 0600);
    const RunResult cda = run({"unzip", "-p", path.string(), "IHE_XDM/SUBSET01/DOC0001.XML"});
    REQUIRE(cda.exitCode == 0);
    return cda.out;
}

} // namespace

TEST_CASE("send --to RPPS takes the address from the directory, learns the choice, and the patient copy "
          "goes to the INS mailbox read on the letter",
          "[integration][send][wiring]")
{
    PrivateMailServer server;
    Wiring w;
    w.configure(mailSections(server));

    const RunResult sent = w.missive({"send", w.letter.string(), "--to", Lefevre, "--patient", "--json"});
    INFO(sent.err << server.log());
    REQUIRE(sent.exitCode == 0);
    const QJsonArray rows = Wiring::json(sent).value(QStringLiteral("deliveries")).toArray();
    REQUIRE(rows.size() == 2);
    QStringList recipients;
    for (const auto& row : rows) {
        CHECK(row.toObject().value(QStringLiteral("state")).toString() == QStringLiteral("sent"));
        recipients.append(row.toObject().value(QStringLiteral("recipient")).toString());
    }
    recipients.sort();
    CHECK(recipients
          == QStringList{QStringLiteral("251036912304596@patient.mssante.fr"),
                         QStringLiteral("pierre.lefevre@demo.mssante.fr")});
    // No patient identity on the terminal beyond ids: the name read on the letter is not echoed.
    CHECK(sent.err.find("MARTIN") == std::string::npos);

    const auto messages = server.messages(2);
    REQUIRE(messages.size() == 2);
    for (const auto& raw : messages) {
        const tr::MimePart message = tr::parseMime(QByteArray::fromStdString(raw));
        // The qualified INS read on the letter went into the CDA: X-MSS-INS says so.
        CHECK(message.header("X-MSS-INS") == "O");
        CHECK(message.header("X-MSS-CODECDA") == "11490-0");
        const tr::MimePart* zip = nullptr;
        for (const auto* leaf : message.leaves()) {
            if (leaf->fileName() == QLatin1String("IHE_XDM.zip")) {
                zip = leaf;
            }
        }
        REQUIRE(zip != nullptr);
        const std::string cda = unzipCda(w.work.path(), zip->body);
        CHECK(cda.find(std::string("extension=\"") + SampleIns + "\"") != std::string::npos);
        // The XDM names its recipients (intendedRecipient, XTN).
        const RunResult metadata =
            run({"unzip", "-p", (w.work / "received.zip").string(), "IHE_XDM/SUBSET01/METADATA.XML"});
        CHECK(metadata.out.find("|^^Internet^pierre.lefevre@demo.mssante.fr") != std::string::npos);
        CHECK(metadata.out.find("|^^Internet^251036912304596@patient.mssante.fr") != std::string::npos);
        // The stay read on the letter: a full hospitalisation (contentTypeCode 03).
        CHECK(metadata.out.find("nodeRepresentation=\"03\"") != std::string::npos);
        // The author was recognised in the directory (BÉRARD Claire) and signs the CDA.
        CHECK(cda.find("810999000045") != std::string::npos);
        CHECK(cda.find("Clinique des Tilleuls") != std::string::npos);
        writeFile(w.work / "DOC0001.XML", cda, 0600);
        CHECK(xmllint(w.work / "DOC0001.XML", specPath("cda/xsd/CDA_extended.xsd")).exitCode == 0);
    }

    // The secretary's choice is now this professional's default channel.
    const QJsonObject shown =
        Wiring::json(w.missive({"directory", "show", Lefevre, "--db", missive::test::storage(w.db), "--json"}));
    const std::string text = QJsonDocument(shown).toJson().toStdString();
    CHECK(text.find("learned") != std::string::npos);
    CHECK(text.find("pierre.lefevre@demo.mssante.fr") != std::string::npos);

    SECTION("an unknown RPPS is refused before anything is queued")
    {
        const RunResult unknown = w.missive({"send", w.letter.string(), "--to", "10999999990", "--json"});
        CHECK(unknown.exitCode == 3);
        CHECK(unknown.err.find("absent de l'annuaire") != std::string::npos);
        const QJsonArray all =
            Wiring::json(w.missive({"outbox", "list", "--json"})).value(QStringLiteral("deliveries")).toArray();
        CHECK(all.size() == 2);
    }
    SECTION("a stated INS that contradicts the printed one is refused")
    {
        const RunResult other =
            w.missive({"send", w.letter.string(), "--patient", "--ins", "279035121518989", "--birth-name", "DUPONT",
                       "--first-names", "MARIE", "--birth-date", "1979-03-12", "--sex", "F", "--birth-place", "51215"});
        CHECK(other.exitCode == 2);
        CHECK(other.err.find("diffère") != std::string::npos);
    }
}

TEST_CASE("send --dmp feeds the local DMP test endpoint with the identity read on the letter, and a retry "
          "does not register it twice",
          "[integration][send][wiring][dmp]")
{
    Wiring w;
    DmpPki pki(w.work.path(), "wiring");
    const fs::path store = w.work / "dmp-store";
    fs::create_directories(store);
    DmpTestEndpoint endpoint(pki, store);
    writeFile(w.work / "dmp.pass", std::string(DmpPassphrase) + "\n", 0600);
    w.configure("[dmp]\nendpoint = " + endpoint.url().toStdString()
                + "\nclient_certificate = " + pki.structureP12.string()
                + "\npassphrase_file = " + (w.work / "dmp.pass").string() + "\nca_bundle = " + pki.ca.string()
                + "\nresponsible_id = 810999000045\nsoftware_id = 2.25.231840126389406016287427916313604180787\n"
                  "homologation_id = TEST\n");

    const RunResult sent = w.missive({"send", w.letter.string(), "--dmp", "--json"});
    INFO(sent.err);
    REQUIRE(sent.exitCode == 0);
    const QJsonArray rows = Wiring::json(sent).value(QStringLiteral("deliveries")).toArray();
    REQUIRE(rows.size() == 1);
    CHECK(rows.at(0).toObject().value(QStringLiteral("channel")).toString() == QStringLiteral("dmp"));
    CHECK(rows.at(0).toObject().value(QStringLiteral("state")).toString() == QStringLiteral("sent"));
    CHECK(endpoint.verdict() == "verdict Success");
    const std::string stored = readFile(store / "Document01.xml");
    CHECK(stored.find(std::string("extension=\"") + SampleIns + "\"") != std::string::npos);
    // The stay printed on the letter ("hospitalisée du 14/11/2026 au 23/11/2026") is the care event.
    CHECK(stored.find("<low value=\"20261114") != std::string::npos);
    CHECK(stored.find("<high value=\"20261123") != std::string::npos);

    // The same row sent again (as after a crash between the answer and the commit): the registry
    // knows the uniqueId, and the row still ends "sent", once.
    missive::test::storageExec(w.work / "outbox.sqlite", "UPDATE deliveries SET state = 'sending', sent_at = ''");
    const RunResult retried = w.missive({"outbox", "run", "--json"});
    INFO(retried.out << retried.err);
    CHECK(Wiring::json(retried).value(QStringLiteral("run")).toObject().value(QStringLiteral("recovered")).toInt()
          == 1);
    CHECK(endpoint.verdict().find("XDSDuplicateUniqueIdInRegistry") != std::string::npos);
    const QJsonArray after =
        Wiring::json(w.missive({"outbox", "list", "--json"})).value(QStringLiteral("deliveries")).toArray();
    REQUIRE(after.size() == 1);
    CHECK(after.at(0).toObject().value(QStringLiteral("state")).toString() == QStringLiteral("sent"));

    // A structure certificate others can read is refused, as the MSSanté one is: the letter waits.
    fs::permissions(pki.structureP12,
                    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
    const RunResult exposed = w.missive({"send", w.letter.string(), "--dmp", "--json"});
    CHECK(exposed.exitCode == 6);
    const QJsonArray waiting = Wiring::json(exposed).value(QStringLiteral("deliveries")).toArray();
    REQUIRE(waiting.size() == 1);
    CHECK(waiting.at(0).toObject().value(QStringLiteral("state")).toString() == QStringLiteral("queued"));
    CHECK(
        waiting.at(0).toObject().value(QStringLiteral("last_error")).toString().contains(QStringLiteral("chmod 600")));
}

TEST_CASE("directory update takes the newest extracts from IT's share, or downloads them over verified TLS",
          "[integration][directory]")
{
    TempDir work("missive-directory-update");
    const fs::path annuaire = fs::path(sourceDir()) / "samples" / "annuaire";
    const fs::path share = work / "partage";
    fs::create_directories(share);
    // Last week's file and this week's: only the newest of each kind is imported.
    fs::copy_file(annuaire / "PS_LibreAcces_Personne_activite_202611230000.txt",
                  share / "PS_LibreAcces_Personne_activite_202611160000.txt");
    for (const char* name :
         {"PS_LibreAcces_Personne_activite_202611230000.txt", "Extraction_Correspondance_MSSante_202611230000.txt"}) {
        fs::copy_file(annuaire / name, share / name);
    }
    writeFile(share / "LISEZMOI.txt", "pas une extraction");
    const fs::path db = work / "annuaire.db";
    const auto update = [&](const std::string& config) {
        writeFile(work / "missive.conf", config, 0600);
        RunOptions options;
        options.timeout = std::chrono::seconds(90);
        return run({cliPath(), "directory", "update", "--db", missive::test::storage(db), "--config",
                    (work / "missive.conf").string(), "--json"},
                   options);
    };

    RunResult first = update("[directory]\nupdate_share = " + share.string() + "\n");
    INFO(first.out << first.err);
    REQUIRE(first.exitCode == 0);
    QJsonArray files = Wiring::json(first).value(QStringLiteral("files")).toArray();
    REQUIRE(files.size() == 2);
    CHECK(files[0]
              .toObject()
              .value(QStringLiteral("file"))
              .toString()
              .endsWith(QStringLiteral("PS_LibreAcces_Personne_activite_202611230000.txt")));
    // Nothing new the second time.
    RunResult second = update("[directory]\nupdate_share = " + share.string() + "\n");
    REQUIRE(second.exitCode == 0);
    CHECK(Wiring::json(second).value(QStringLiteral("files")).toArray().isEmpty());

    // The extraction service's answer: a zip holding the files, served over TLS by a local server.
    DmpPki pki(work.path(), "annuaire");
    const fs::path site = work / "site";
    fs::create_directories(site);
    const fs::path newer = work / "Extraction_Correspondance_MSSante_202611300000.txt";
    fs::copy_file(annuaire / "Extraction_Correspondance_MSSante_202611230000.txt", newer);
    REQUIRE(run({"python3", "-c",
                 "import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w') as z:\n"
                 "    z.write(sys.argv[2], 'extraction/' + sys.argv[2].rsplit('/', 1)[1])\n"
                 "    z.writestr('../../evil.txt', 'x')\n",
                 (site / "extraction.zip").string(), newer.string()})
                .exitCode
            == 0);
    Child server({"python3", "-c",
                  "import http.server, ssl, sys, os\nos.chdir(sys.argv[1])\n"
                  "s = http.server.ThreadingHTTPServer(('127.0.0.1', 0), http.server.SimpleHTTPRequestHandler)\n"
                  "c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\nc.load_cert_chain(sys.argv[2], sys.argv[3])\n"
                  "s.socket = c.wrap_socket(s.socket, server_side=True)\nprint(s.server_address[1], flush=True)\n"
                  "s.serve_forever()\n",
                  site.string(), pki.serverCert.string(), pki.serverKey.string()},
                 RunOptions{});
    const auto port = server.readLine(std::chrono::seconds(20));
    REQUIRE(port);
    const std::string url = "https://127.0.0.1:" + *port + "/extraction.zip";

    // Not trusted by the system store: refused, nothing imported.
    RunResult untrusted = update("[directory]\nupdate_url = " + url + "\n");
    CHECK(untrusted.exitCode != 0);
    CHECK(untrusted.err.find("téléchargement de l'annuaire impossible") != std::string::npos);

    RunResult downloaded = update("[directory]\nupdate_url = " + url + "\nca_bundle = " + pki.ca.string() + "\n");
    INFO(downloaded.out << downloaded.err);
    REQUIRE(downloaded.exitCode == 0);
    files = Wiring::json(downloaded).value(QStringLiteral("files")).toArray();
    REQUIRE(files.size() == 1);
    CHECK(files[0]
              .toObject()
              .value(QStringLiteral("file"))
              .toString()
              .endsWith(QStringLiteral("Extraction_Correspondance_MSSante_202611300000.txt")));
    CHECK_FALSE(fs::exists(work.path().parent_path() / "evil.txt"));
    server.kill();
}

TEST_CASE("outbox list prints one line per field whatever a title or an error holds", "[integration][cli][fault]")
{
    Wiring w;
    w.configure("");
    {
        auto outbox = tr::Outbox::open(QString::fromStdString(missive::test::storage(w.work / "outbox.sqlite")));
        REQUIRE(outbox);
        tr::NewDocument doc;
        doc.uniqueId = QStringLiteral("2.25.424242");
        // A crafted title that would forge a second, "sent" row in the listing.
        doc.title = QStringLiteral("Lettre\n99  mssante  dr.forge@test.mssante.fr  envoyé\r\x1b[2K");
        doc.fileName = QStringLiteral("lettre.pdf");
        doc.pdf = QByteArray("%PDF-1.4\n%%EOF\n");
        REQUIRE((*outbox)->enqueue(doc, {{tr::Channel::Mssante, QStringLiteral("dr.martin@test.mssante.fr"), {}, false}},
                                   QStringLiteral("secretariat@test.mssante.fr")));
    }
    const RunResult listed = w.missive({"outbox", "list"});
    INFO(listed.out << listed.err);
    REQUIRE(listed.exitCode == 0);
    CHECK(std::count(listed.out.begin(), listed.out.end(), '\n') == 1);
    CHECK(listed.out.find('\r') == std::string::npos);
    CHECK(listed.out.find('\x1b') == std::string::npos);
    CHECK(listed.out.find("« Lettre 99 mssante") != std::string::npos); // still shown, on its line
}
