// A hospital group's sending: the workstations queue in the shared outbox without any private
// key, and missive-relay, holding the establishment's certificate, sends to the private mail
// server (TLS, client certificate). Runs under the postgres label (the shared base's cluster).

#include "mail_server.h"
#include "postgres.h"
#include "support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch.hpp>

using namespace missive::test;

namespace
{

QJsonObject json(const RunResult& result)
{
    INFO(result.out << result.err);
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(result.out));
    REQUIRE(doc.isObject());
    return doc.object();
}

} // namespace

TEST_CASE("workstations queue without a key and missive-relay sends with the establishment's certificate",
          "[postgres][relay]")
{
    PrivateMailServer server;
    TempDir work{"missive-relay"};
    const std::string url = freshPostgresDatabase();
    const std::string structure = "[structure]\nid = 1120459876\nname = Clinique des Tilleuls\n";
    // The workstation: the shared base, no MSSanté certificate.
    writeFile(work / "poste.conf", structure + "[storage]\nurl = " + url + "\n", 0600);
    // The relay: the same base, and the establishment's certificate and server.
    writeFile(work / "relay.conf",
              structure + "[storage]\nurl = " + url + "\n[mssante]\nsmtp_url = smtp://127.0.0.1:"
                  + std::to_string(server.smtpPort()) + "\nsender = secretariat@test.mssante.fr\n"
                  + "client_certificate = " + server.tls("client.p12").string()
                  + "\npassphrase_file = " + server.tls("client.pass").string()
                  + "\nca_bundle = " + server.tls("ca.pem").string() + "\nnil = MISSIVE-TEST-NIL\n",
              0600);
    const auto missive = [&](std::vector<std::string> args) {
        args.insert(args.begin(), cliPath());
        args.insert(args.end(), {"--config", (work / "poste.conf").string()});
        RunOptions options;
        options.env = {{"HOME", work.path().string()}, {"MISSIVE_DB", ""}};
        options.timeout = std::chrono::seconds(90);
        return run(args, options);
    };
    const std::string letter = (fs::path(sourceDir()) / "samples" / "lettre-liaison.pdf").string();
    const RunResult queued = missive({"send", letter, "--to", "dr.martin@test.mssante.fr", "--no-send", "--json"});
    INFO(queued.err);
    REQUIRE(queued.exitCode == 0);

    // The workstation cannot send (no certificate): the letter stays queued for the relay.
    (void)missive({"outbox", "run", "--json"});
    CHECK(json(missive({"outbox", "list", "--json"}))
              .value(QStringLiteral("deliveries"))
              .toArray()[0]
              .toObject()
              .value(QStringLiteral("state"))
              .toString()
          == QLatin1String("queued"));

    RunOptions relayOptions;
    relayOptions.env = {{"HOME", work.path().string()}};
    const RunResult relayed =
        run({privateProgramPath("missive-relay"), "--once", "--config", (work / "relay.conf").string()}, relayOptions);
    INFO(relayed.err << server.log());
    REQUIRE(relayed.exitCode == 0);
    CHECK(relayed.err.find("1 envoyé(s)") != std::string::npos);
    // Counts only in the relay's log: neither the recipient nor the patient.
    CHECK(relayed.err.find("dr.martin") == std::string::npos);
    CHECK(relayed.err.find("MARTIN") == std::string::npos);
    REQUIRE(server.messages(1).size() == 1);
    const auto rows = json(missive({"outbox", "list", "--json"})).value(QStringLiteral("deliveries")).toArray();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].toObject().value(QStringLiteral("state")).toString() == QLatin1String("sent"));

    // A relay without the shared base is refused with what to set.
    writeFile(work / "alone.conf", structure, 0600);
    const RunResult alone =
        run({privateProgramPath("missive-relay"), "--once", "--config", (work / "alone.conf").string()});
    CHECK(alone.exitCode == 2);
    CHECK(alone.err.find("[storage] url") != std::string::npos);
}
