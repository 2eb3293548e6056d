// `missive directory …` as a user runs it: a subprocess, its exit code and its JSON.

#include "annuaire.h"
#include "postgres.h"
#include "support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch.hpp>

using missive::test::RunResult;
using missive::test::TempDir;
namespace fs = std::filesystem;
namespace an = missive::test::annuaire;

namespace
{

struct Cli
{
    TempDir dir{"missive-directory-cli"};
    // A file, or under the `postgres` label a fresh database on the test cluster.
    std::string db =
        missive::test::usingPostgres() ? missive::test::freshPostgresDatabase() : (dir / "directory.db").string();

    RunResult operator()(std::vector<std::string> args, bool useEnv = false) const
    {
        args.insert(args.begin(), "directory");
        if (!useEnv) {
            args.insert(args.begin() + 1, {"--db", db});
        }
        args.insert(args.begin(), missive::test::cliPath());
        missive::test::RunOptions options;
        options.env = {{"MISSIVE_DB", useEnv ? db : (dir / "not-this-one.db").string()}, {"HOME", dir.path().string()}};
        return missive::test::run(args, options);
    }
};

QJsonObject json(const RunResult& result)
{
    QJsonParseError error{};
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(result.out), &error);
    INFO(result.out << result.err);
    REQUIRE(error.error == QJsonParseError::NoError);
    return doc.object();
}

void writeFixtures(const Cli& cli)
{
    an::Activity a;
    a.rpps = "10000000002";
    a.family = "MARTIN";
    a.given = "Jean";
    a.specialtyCode = "SM04";
    a.specialtyLabel = "Cardiologie et maladies vasculaires";
    a.postcode = "69003";
    a.city = "LYON";
    a.streetNumber = "3";
    a.streetName = "AVENUE FOCH";
    an::Activity b = a;
    b.rpps = "10000000001";
    b.postcode = "75002";
    b.city = "PARIS";
    std::string pa = an::personneActiviteHeader(56) + "\n" + an::activityLine(a, 56) + "\n" + an::activityLine(b, 56)
                     + "\n" + "ligne|cassée|\n";
    missive::test::writeFile(cli.dir / "PS_LibreAcces_Personne_activite_202611230000.txt", pa);
    an::MailboxRow m;
    m.address = "jean.martin@medecin.mssante.fr";
    m.rpps = "10000000002";
    missive::test::writeFile(cli.dir / "Extraction_Correspondance_MSSante_202611230000.txt",
                             std::string(an::MssanteHeader) + "\n" + an::mailboxLine(m) + "\n");
}

} // namespace

TEST_CASE("missive directory import reports counts and malformed lines", "[unit][cli][directory]")
{
    Cli cli;
    writeFixtures(cli);
    const auto imported = cli({"import", (cli.dir / "PS_LibreAcces_Personne_activite_202611230000.txt").string(),
                               (cli.dir / "Extraction_Correspondance_MSSante_202611230000.txt").string(), "--json"});
    INFO(imported.err);
    REQUIRE(imported.exitCode == 0);
    const auto files = json(imported).value(QStringLiteral("files")).toArray();
    REQUIRE(files.size() == 2);
    const auto pa = files[0].toObject();
    for (const char* key : {"file", "kind", "columns", "lines", "added", "updated", "unchanged", "duplicates",
                            "retired", "persons", "persons_retired", "malformed", "first_malformed", "milliseconds"}) {
        INFO(key);
        CHECK(pa.contains(QLatin1String(key)));
    }
    CHECK(pa.value(QStringLiteral("kind")).toString() == QLatin1String("personne_activite"));
    CHECK(pa.value(QStringLiteral("added")).toInt() == 2);
    CHECK(pa.value(QStringLiteral("malformed")).toInt() == 1);
    CHECK(pa.value(QStringLiteral("first_malformed")).toArray()[0].toObject().value(QStringLiteral("line")).toInt()
          == 4);
    CHECK(files[1].toObject().value(QStringLiteral("kind")).toString() == QLatin1String("mssante"));
    CHECK(imported.err.find("mal formée") != std::string::npos);
    if (!missive::test::usingPostgres()) {
        CHECK(fs::exists(cli.db));
    }
    CHECK_FALSE(fs::exists(cli.dir / "not-this-one.db"));

    // Text output, and the same database through MISSIVE_DB.
    const auto again = cli({"import", (cli.dir / "PS_LibreAcces_Personne_activite_202611230000.txt").string()}, true);
    CHECK(again.exitCode == 0);
    CHECK(again.out.find("inchangées 2") != std::string::npos);
    CHECK(again.err.find("ligne 4") != std::string::npos);
}

TEST_CASE("missive directory search, show, prefer and confirm", "[unit][cli][directory]")
{
    Cli cli;
    writeFixtures(cli);
    REQUIRE(cli({"import", (cli.dir / "PS_LibreAcces_Personne_activite_202611230000.txt").string(),
                 (cli.dir / "Extraction_Correspondance_MSSante_202611230000.txt").string()})
                .exitCode
            == 0);

    const auto found = cli({"search", "Dr Jean MARTIN", "--city", "Lyon", "--json"});
    REQUIRE(found.exitCode == 0);
    const auto result = json(found);
    CHECK(result.value(QStringLiteral("auto_selected")).toBool());
    const auto candidates = result.value(QStringLiteral("candidates")).toArray();
    REQUIRE(candidates.size() == 2);
    const auto best = candidates[0].toObject();
    for (const char* key : {"rpps", "score", "display_name", "family_name", "given_name", "profession", "specialty",
                            "postcode", "city", "address", "mailboxes", "local", "retired"}) {
        INFO(key);
        CHECK(best.contains(QLatin1String(key)));
    }
    CHECK(best.value(QStringLiteral("rpps")).toString() == QLatin1String("10000000002"));
    CHECK(best.value(QStringLiteral("mailboxes")).toArray().size() == 1);
    CHECK_FALSE(json(cli({"search", "Jean MARTIN", "--json"})).value(QStringLiteral("auto_selected")).toBool());
    CHECK(cli({"search", "10000000001"}).out.find("PARIS") != std::string::npos);
    CHECK(cli({"search", "jean.martin@medecin.mssante.fr"}).out.find("10000000002") != std::string::npos);
    CHECK(cli({"search", "Zébulon Quidam"}).exitCode == 3);
    const auto text = cli({"search", "martin jean", "--city", "lyon"});
    CHECK(text.out.find("1. ") == 0);
    CHECK(text.out.find("choix automatique") != std::string::npos);

    CHECK(cli({"prefer", "10000000002", "--channel", "postal", "--user", "alice"}).exitCode == 0);
    CHECK(cli({"confirm", "10000000002", "--channel", "mssante", "--address", "jean.martin@medecin.mssante.fr",
               "--type", "11490-0", "--user", "bob"})
              .exitCode
          == 0);
    const auto shown = cli({"show", "10000000002", "--json"});
    REQUIRE(shown.exitCode == 0);
    const auto card = json(shown);
    for (const char* key : {"rpps", "practices", "channels", "preferences", "history"}) {
        INFO(key);
        CHECK(card.contains(QLatin1String(key)));
    }
    const auto channels = card.value(QStringLiteral("channels")).toArray();
    REQUIRE(channels.size() == 2);
    CHECK(channels[0].toObject().value(QStringLiteral("kind")).toString() == QLatin1String("postal"));
    CHECK(channels[0].toObject().value(QStringLiteral("preferred")).toBool());
    CHECK(channels[1].toObject().value(QStringLiteral("mailbox_type")).toString() == QLatin1String("PER"));
    const auto preferences = card.value(QStringLiteral("preferences")).toArray();
    REQUIRE(preferences.size() == 2);
    CHECK(preferences[1].toObject().value(QStringLiteral("source")).toString() == QLatin1String("learned"));
    CHECK(card.value(QStringLiteral("history")).toArray().size() == 2);
    // For a lettre de liaison, the learned mailbox comes first.
    const auto forLetter = json(cli({"show", "10000000002", "--type", "11490-0", "--json"}));
    CHECK(forLetter.value(QStringLiteral("channels")).toArray()[0].toObject().value(QStringLiteral("kind")).toString()
          == QLatin1String("mssante"));
    CHECK(cli({"show", "10000000002"}).out.find("Historique") != std::string::npos);
}

TEST_CASE("missive directory rules, add and stats", "[unit][cli][directory]")
{
    Cli cli;
    writeFixtures(cli);
    REQUIRE(cli({"import", (cli.dir / "PS_LibreAcces_Personne_activite_202611230000.txt").string()}).exitCode == 0);
    CHECK(cli({"rules", "set", "11490-0", "patient-dmp", "gp", "rpps:10000000001"}).exitCode == 0);
    const auto listed = json(cli({"rules", "list", "--json"}));
    const auto rules = listed.value(QStringLiteral("rules")).toArray();
    REQUIRE(rules.size() == 3);
    CHECK(rules[0].toObject().value(QStringLiteral("recipient")).toString() == QLatin1String("patient-dmp"));
    CHECK(rules[2].toObject().value(QStringLiteral("recipient")).toString() == QLatin1String("rpps:10000000001"));
    CHECK(rules[0].toObject().value(QStringLiteral("label")).toString().contains(QLatin1String("liaison")));
    CHECK(cli({"rules", "remove", "11490-0", "gp"}).exitCode == 0);
    CHECK(cli({"rules", "remove", "11490-0", "gp"}).exitCode == 3);
    CHECK(cli({"rules", "list"}).out.find("patient-dmp") != std::string::npos);
    CHECK(cli({"rules", "set", "11490-0", "voisin"}).exitCode == 2);
    CHECK(cli({"rules", "set", "99999-9", "gp"}).exitCode == 2);

    const auto added = cli({"add", "--name", "Müller", "--given", "Hans", "--title", "Dr", "--city", "Genève",
                            "--mssante", "h.muller@hug.example.ch", "--json"});
    REQUIRE(added.exitCode == 0);
    const QString id = json(added).value(QStringLiteral("rpps")).toString();
    CHECK(id.startsWith(QLatin1Char('L')));
    CHECK(cli({"search", "Dr Hans MULLER"}).out.find(id.toStdString()) != std::string::npos);
    const auto stats = json(cli({"stats", "--json"}));
    CHECK(stats.value(QStringLiteral("professionals")).toInt() == 3);
    CHECK(stats.value(QStringLiteral("local")).toInt() == 1);
    CHECK(stats.value(QStringLiteral("imports")).toArray().size() == 1);
}

TEST_CASE("missive directory usage errors and failures have their exit codes", "[unit][cli][directory]")
{
    Cli cli;
    writeFixtures(cli);
    CHECK(cli({}).exitCode == 2);
    CHECK(cli({"fly"}).exitCode == 2);
    CHECK(cli({"import"}).exitCode == 2);
    CHECK(cli({"search"}).exitCode == 2);
    CHECK(cli({"show"}).exitCode == 2);
    CHECK(cli({"prefer", "10000000002"}).exitCode == 2);
    CHECK(cli({"prefer", "10000000002", "--channel", "pigeon"}).exitCode == 2);
    CHECK(cli({"search", "x", "--limit", "0"}).exitCode == 2);
    CHECK(cli({"add"}).exitCode == 2);
    CHECK(cli({"show", "99999999999"}).exitCode == 3);
    CHECK(cli({"prefer", "99999999999", "--channel", "postal"}).exitCode == 3);
    CHECK(cli({"import", (cli.dir / "absent.txt").string()}).exitCode == 3);
    missive::test::writeFile(cli.dir / "liste.csv", "nom;prenom\nMARTIN;Jean\n");
    const auto unknown = cli({"import", (cli.dir / "liste.csv").string()});
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err.find("liste.csv, ligne 1") != std::string::npos);
    missive::test::writeFile(cli.dir / "not-a-db", std::string(4096, 'x'));
    RunResult broken =
        missive::test::run({missive::test::cliPath(), "directory", "stats", "--db", (cli.dir / "not-a-db").string()});
    CHECK(broken.exitCode == 5);

    const auto help = missive::test::run({missive::test::cliPath(), "--help"});
    for (const char* text : {"directory import", "directory search", "directory show", "directory prefer",
                             "directory rules", "directory add", "MISSIVE_DB"}) {
        INFO(text);
        CHECK(help.out.find(text) != std::string::npos);
    }
}

TEST_CASE("missive directory import --shared publishes the machine's directory, which every user reads without "
          "importing",
          "[unit][cli][directory][sqlite]")
{
    Cli cli;
    writeFixtures(cli);
    fs::create_directory(cli.dir / "lib");
    const std::string shared = (cli.dir / "lib" / "directory.db").string();
    // A user: their own data directory, the machine's shared directory, no MISSIVE_DB.
    const auto as = [&](const std::string& user, std::vector<std::string> args) {
        args.insert(args.begin(), {missive::test::cliPath(), "directory"});
        missive::test::RunOptions options;
        options.env = {{"HOME", (cli.dir / user).string()},
                       {"XDG_DATA_HOME", (cli.dir / user / "data").string()},
                       {"XDG_CONFIG_HOME", (cli.dir / user / "config").string()},
                       {"MISSIVE_DB", ""},
                       {"MISSIVE_SHARED_DB", shared}};
        return missive::test::run(args, options);
    };
    const std::string pa = (cli.dir / "PS_LibreAcces_Personne_activite_202611230000.txt").string();
    const std::string ms = (cli.dir / "Extraction_Correspondance_MSSante_202611230000.txt").string();

    const auto published = as("service", {"import", "--shared", pa, ms, "--json"});
    INFO(published.err);
    REQUIRE(published.exitCode == 0);
    CHECK(json(published).value(QStringLiteral("shared")).toString().toStdString() == shared);
    CHECK(json(published).value(QStringLiteral("files")).toArray().size() == 2);
    CHECK((fs::status(shared).permissions() & fs::perms::all)
          == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));

    // Two users find the professional and their mailbox without importing anything.
    for (const char* user : {"alice", "bob"}) {
        const auto found = as(user, {"search", "Jean MARTIN", "--city", "LYON", "--json"});
        INFO(user << found.err);
        REQUIRE(found.exitCode == 0);
        const auto candidates = json(found).value(QStringLiteral("candidates")).toArray();
        REQUIRE_FALSE(candidates.isEmpty());
        CHECK(candidates[0].toObject().value(QStringLiteral("rpps")).toString() == QLatin1String("10000000002"));
        const auto stats = as(user, {"stats", "--json"});
        REQUIRE(stats.exitCode == 0);
        CHECK(json(stats).value(QStringLiteral("shared")).toString().toStdString() == shared);
        CHECK(json(stats).value(QStringLiteral("professionals")).toInt() == 2);
    }
    // Alice's addition and preference are hers.
    REQUIRE(
        as("alice", {"add", "--name", "MULLER", "--given", "Hans", "--city", "GENEVE", "--postcode", "1204"}).exitCode
        == 0);
    REQUIRE(as("alice", {"prefer", "10000000002", "--channel", "postal"}).exitCode == 0);
    const auto aliceStats = json(as("alice", {"stats", "--json"}));
    CHECK(aliceStats.value(QStringLiteral("local")).toInt() == 1);
    CHECK(aliceStats.value(QStringLiteral("preferences")).toInt() == 1);
    const auto bobStats = json(as("bob", {"stats", "--json"}));
    CHECK(bobStats.value(QStringLiteral("local")).toInt() == 0);
    CHECK(bobStats.value(QStringLiteral("preferences")).toInt() == 0);
    CHECK(json(as("bob", {"search", "Hans MULLER", "--json"})).value(QStringLiteral("candidates")).toArray().isEmpty());

    // A user's import is refused with the way to do it; --shared and --db do not go together.
    const auto refused = as("alice", {"import", pa});
    CHECK(refused.exitCode == 4);
    CHECK(refused.err.find("--shared") != std::string::npos);
    CHECK(as("alice", {"import", "--shared", "--db", (cli.dir / "x.db").string(), pa}).exitCode == 2);

    // The package's timer on a machine without a source: nothing to do, not a failure.
    const auto idle = as("service", {"update", "--shared", "--if-configured"});
    CHECK(idle.exitCode == 0);
    CHECK(idle.out.find("rien à faire") != std::string::npos);
    CHECK(as("service", {"update", "--shared"}).exitCode == 2);
    // From IT's share: the newer extract is imported, the one already in is not.
    fs::create_directory(cli.dir / "share");
    fs::copy_file(pa, cli.dir / "share" / "PS_LibreAcces_Personne_activite_202611230000.txt");
    fs::create_directories(cli.dir / "service" / "config" / "missive");
    missive::test::writeFile(cli.dir / "service" / "config" / "missive" / "missive.conf",
                             "[directory]\nupdate_share = " + (cli.dir / "share").string() + "\n");
    const auto upToDate = as("service", {"update", "--shared"});
    INFO(upToDate.err);
    CHECK(upToDate.exitCode == 0);
    CHECK(upToDate.out.find("à jour") != std::string::npos);
    an::Activity newcomer;
    newcomer.rpps = "10000000099";
    newcomer.family = "NOUVEAU";
    newcomer.given = "Paul";
    newcomer.postcode = "51100";
    newcomer.city = "REIMS";
    missive::test::writeFile(cli.dir / "share" / "PS_LibreAcces_Personne_activite_202611240000.txt",
                             missive::test::readFile(pa) + an::activityLine(newcomer, 56) + "\n");
    const auto updated = as("service", {"update", "--shared", "--json"});
    INFO(updated.err);
    REQUIRE(updated.exitCode == 0);
    CHECK(json(updated).value(QStringLiteral("files")).toArray().size() == 1);
    const auto seen = json(as("bob", {"search", "Paul NOUVEAU", "--json"})).value(QStringLiteral("candidates"));
    REQUIRE(seen.toArray().size() == 1);
    CHECK(seen.toArray()[0].toObject().value(QStringLiteral("rpps")).toString() == QLatin1String("10000000099"));
}
