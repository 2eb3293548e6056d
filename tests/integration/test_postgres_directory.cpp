// What only the shared PostgreSQL base has to prove (the rest of the directory's behaviour is the
// directory test suite run again on PostgreSQL, label postgres): an import seen whole or not at
// all, several workstations learning at once, a database that is not Missive's left alone, a
// newer schema refused, a server restart survived, and no unverified TCP connection.

#include "annuaire.h"
#include "mail_server.h"
#include "missive/directory/directory.h"
#include "missive/directory/names.h"
#include "missive/directory/postgres_store.h"
#include "missive/directory/sqlite_store.h"
#include "postgres.h"
#include "support.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <array>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <libpq-fe.h>
#include <thread>

using namespace missive;
using namespace missive::directory;
using missive::test::TempDir;
namespace fs = std::filesystem;
namespace an = missive::test::annuaire;

namespace
{

QString fresh()
{
    return QString::fromStdString(test::freshPostgresDatabase());
}

std::string databaseOf(const QString& url)
{
    return QUrl(url).path().mid(1).toStdString();
}

an::Activity doctor(const std::string& rpps, const std::string& family, const std::string& given,
                    const std::string& city, const std::string& postcode)
{
    an::Activity a;
    a.rpps = rpps;
    a.family = family;
    a.given = given;
    a.city = city;
    a.postcode = postcode;
    a.streetNumber = "1";
    a.streetName = "RUE DE LA PAIX";
    return a;
}

void importActivities(Directory& directory, const fs::path& dir, const std::vector<an::Activity>& rows)
{
    std::string text = an::personneActiviteHeader(56) + "\n";
    for (const auto& row : rows) {
        text += an::activityLine(row, 56) + "\n";
    }
    const fs::path file = dir / "PS_LibreAcces_Personne_activite_202611230000.txt";
    test::writeFile(file, text);
    auto report = directory.importFile(QString::fromStdString(file.string()));
    INFO((report ? QString() : report.error().detail).toStdString());
    REQUIRE(report);
}

MatchQuery martin()
{
    MatchQuery query;
    query.name = QStringLiteral("Dr Jean MARTIN");
    return query;
}

qint64 persons(Directory& directory)
{
    auto stats = directory.stats();
    REQUIRE(stats);
    return stats->persons;
}

} // namespace

TEST_CASE("an import is seen whole or not at all by the other workstations", "[postgres]")
{
    const QString url = fresh();
    auto store = openPostgresStore(url);
    REQUIRE(store);
    auto reader = Directory::open(url);
    REQUIRE(reader);

    auto session = (*store)->beginImport(SourceKind::PersonneActivite, QStringLiteral("extract.txt"));
    REQUIRE(session);
    const NameKeys keys = nameKeys(u"MARTIN", u"Jean");
    ActivityRecord row;
    row.idType = "8";
    row.rpps = "10000000002";
    row.familyName = "MARTIN";
    row.givenName = "Jean";
    row.keys = &keys;
    row.postcode = "69003";
    row.city = "LYON";
    row.key = 42;
    row.rowHash = 7;
    row.place = QStringLiteral("69003 LYON");
    auto staged = (*session)->addActivity(row);
    REQUIRE(staged);
    CHECK(*staged == RowOutcome::Staged);

    // Staged but not committed: another workstation still sees the previous (empty) directory.
    CHECK(persons(*reader) == 0);
    auto before = reader->match(martin());
    REQUIRE(before);
    CHECK(before->candidates.isEmpty());

    auto counts = (*session)->commit();
    session->reset(); // the store takes one import at a time
    REQUIRE(counts);
    CHECK(counts->added == 1);
    CHECK(counts->persons == 1);
    CHECK(persons(*reader) == 1);
    auto after = reader->match(martin());
    REQUIRE(after);
    REQUIRE_FALSE(after->candidates.isEmpty());
    CHECK(after->candidates.first().professional.rpps == QLatin1String("10000000002"));

    // An import abandoned halfway leaves nothing behind.
    {
        auto abandoned = (*store)->beginImport(SourceKind::PersonneActivite, QStringLiteral("broken.txt"));
        REQUIRE(abandoned);
        row.rpps = "10000000009";
        row.key = 43;
        REQUIRE((*abandoned)->addActivity(row));
    }
    CHECK(persons(*reader) == 1);
    auto stats = reader->stats();
    REQUIRE(stats);
    REQUIRE(stats->lastImports.size() == 1);
    CHECK(stats->lastImports.first().source == QLatin1String("extract.txt"));
}

TEST_CASE("the first import into an empty base loads the file whole and rebuilds the same indexes", "[postgres]")
{
    TempDir dir{"missive-pg-bulk"};
    const QString url = fresh();
    auto directory = Directory::open(url);
    REQUIRE(directory);
    // The indexes of a migrated base, to compare with those the first import builds again.
    const std::string indexes = "SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes "
                                "WHERE tablename IN ('person', 'activity')";
    const std::string before = test::postgresExec(indexes, databaseOf(url));
    CHECK(before.find("places, id) WHERE (retired_at IS NULL)") != std::string::npos);

    // A line met twice (the first is kept), and a professional practising in 150 towns: more
    // places than a name index entry can hold (about 3,000 characters).
    std::vector<an::Activity> rows;
    rows.push_back(doctor("10000000001", "DURAND", "Paul", "LYON", "69003"));
    rows.push_back(rows.back());
    for (int i = 0; i < 150; ++i) {
        const std::string n = std::to_string(1000 + i);
        auto practice = doctor("10000000002", "MARTIN", "Jean", "VILLE NUMERO " + n, "0" + n);
        practice.structureId = "S" + n;
        rows.push_back(practice);
    }
    importActivities(*directory, dir.path(), rows);
    CHECK(test::postgresExec(indexes, databaseOf(url)) == before);
    CHECK(persons(*directory) == 2);
    auto stats = directory->stats();
    REQUIRE(stats);
    REQUIRE(stats->lastImports.size() == 1);
    CHECK(stats->lastImports.first().counts.duplicates == 1);
    CHECK(stats->lastImports.first().counts.added == 151);
    auto practices = directory->practices(QStringLiteral("10000000002"));
    REQUIRE(practices);
    CHECK(practices->size() == 150);
    CHECK(test::postgresExec("SELECT length(places) FROM person WHERE rpps = '10000000002'", databaseOf(url))
          == "2000");

    // Found in one of the towns kept, and by name alone.
    MatchQuery query = martin();
    query.city = QStringLiteral("Ville numero 1001");
    auto found = directory->match(query);
    REQUIRE(found);
    REQUIRE_FALSE(found->candidates.isEmpty());
    CHECK(found->candidates.first().professional.rpps == QLatin1String("10000000002"));
    CHECK(found->candidates.first().placeConfirmed);

    // The next import goes row by row into the indexed tables and finds nothing new.
    importActivities(*directory, dir.path(), rows);
    stats = directory->stats();
    REQUIRE(stats);
    CHECK(stats->lastImports.first().counts.unchanged == 151);
    CHECK(stats->lastImports.first().counts.added == 0);
    CHECK(test::postgresExec(indexes, databaseOf(url)) == before);
}

TEST_CASE("a search's candidates are read together: the same practices and mailboxes as one by one, as on SQLite",
          "[postgres]")
{
    TempDir dir{"missive-pg-together"};
    // Two professionals sharing a site, one also in a practice of their own (a key with a quote
    // and a backslash), one unknown, one asked twice; an address met twice in the extract is kept
    // once (the first line wins).
    std::vector<an::Activity> rows;
    auto a = doctor("10000000001", "MARTIN", "Jean", "LYON", "69003");
    a.finessSite = "690000001";
    rows.push_back(a);
    auto own = doctor("10000000001", "MARTIN", "Jean", "BRON", "69500");
    own.siret = "12345678900011";
    own.structureId = "R\"1\\x";
    rows.push_back(own);
    auto b = doctor("10000000002", "MARTIN", "Jeanne", "LYON", "69003");
    b.finessSite = "690000001";
    rows.push_back(b);
    std::string text = an::personneActiviteHeader(56) + "\n";
    for (const auto& row : rows) {
        text += an::activityLine(row, 56) + "\n";
    }
    test::writeFile(dir.path() / "PS_LibreAcces_Personne_activite_202611230000.txt", text);
    std::string boxes = std::string(an::MssanteHeader) + "\n";
    for (const auto& [address, rpps, type, structure] :
         std::vector<std::array<std::string, 4>>{{"jean.martin@medecin.mssante.fr", "10000000001", "PER", ""},
                                                 {"secretariat@chu-lyon.mssante.fr", "10000000001", "PER", ""},
                                                 {"secretariat@chu-lyon.mssante.fr", "", "ORG", "690000001"},
                                                 {"accueil@chu-lyon.mssante.fr", "", "ORG", "690000001"},
                                                 {"jeanne.martin@medecin.mssante.fr", "10000000002", "PER", ""},
                                                 {"cabinet@bron.mssante.fr", "", "ORG", "12345678900011"}}) {
        an::MailboxRow m;
        m.address = address;
        m.rpps = rpps;
        m.type = type;
        if (!structure.empty()) {
            m.structureType = structure.size() == 9 ? "1" : "3";
            m.structureId = structure;
        }
        boxes += an::mailboxLine(m) + "\n";
    }
    test::writeFile(dir.path() / "Extraction_Correspondance_MSSante_202611230000.txt", boxes);

    const QString sqlite = QString::fromStdString((dir.path() / "annuaire.sqlite").string());
    const QString url = fresh();
    for (const QString& location : {sqlite, url}) {
        auto directory = Directory::open(location);
        REQUIRE(directory);
        for (const char* name : {"PS_LibreAcces_Personne_activite_202611230000.txt",
                                 "Extraction_Correspondance_MSSante_202611230000.txt"}) {
            auto report = directory->importFile(QString::fromStdString((dir.path() / name).string()));
            REQUIRE(report);
        }
    }
    // Each answer written out in full, to compare the stores and the ways of asking.
    const auto render = [](const QList<QList<ActivityRow>>& activities, const QList<QList<Mailbox>>& mailboxes) {
        QStringList lines;
        for (const auto& list : activities) {
            lines << QStringLiteral("--");
            for (const auto& row : list) {
                lines << row.postcode + u' ' + row.city + u' ' + row.structureKeys.join(u',');
            }
        }
        for (const auto& list : mailboxes) {
            lines << QStringLiteral("--");
            for (const auto& box : list) {
                lines << box.address + u' ' + QString::number(static_cast<int>(box.type));
            }
        }
        return lines.join(u'\n').toStdString();
    };
    const QStringList ids = {QStringLiteral("10000000001"), QStringLiteral("99999999999"),
                             QStringLiteral("10000000002"), QStringLiteral("10000000001")};
    std::vector<std::string> together;
    for (const QString& location : {sqlite, url}) {
        auto store = location == sqlite ? openSqliteStore(location) : openPostgresStore(location);
        REQUIRE(store);
        auto activities = (*store)->activitiesOf(ids);
        REQUIRE(activities);
        REQUIRE(activities->size() == ids.size());
        QList<MailboxLookup> lookups;
        QList<QList<ActivityRow>> oneByOne;
        QList<QList<Mailbox>> boxesOneByOne;
        for (qsizetype i = 0; i < ids.size(); ++i) {
            MailboxLookup lookup{ids[i], {}};
            for (const auto& row : activities->at(i)) {
                lookup.structureKeys << row.structureKeys;
            }
            lookups << lookup;
            auto one = (*store)->activities(ids[i]);
            REQUIRE(one);
            oneByOne << *one;
            auto boxesOfOne = (*store)->mailboxes(lookup.rpps, lookup.structureKeys);
            REQUIRE(boxesOfOne);
            boxesOneByOne << *boxesOfOne;
        }
        auto mailboxes = (*store)->mailboxesOf(lookups);
        REQUIRE(mailboxes);
        together.push_back(render(*activities, *mailboxes));
        CHECK(together.back() == render(oneByOne, boxesOneByOne));
        CHECK(activities->at(0).size() == 2);
        CHECK(activities->at(1).isEmpty());
        REQUIRE(mailboxes->at(0).size() == 4);
        CHECK(mailboxes->at(0).at(0).address == QLatin1String("jean.martin@medecin.mssante.fr"));
        CHECK(mailboxes->at(2).size() == 2);
        CHECK(mailboxes->at(3).size() == 4);
    }
    CHECK(together[0] == together[1]);
}

TEST_CASE("a role IT granted the tables to, not their owner, imports the first extract too", "[postgres]")
{
    TempDir dir{"missive-pg-granted"};
    const QString url = fresh();
    REQUIRE(Directory::open(url)); // the owner creates the schema
    const std::string database = databaseOf(url);
    const std::string role = "importer_" + database;
    test::postgresExec("CREATE ROLE " + role + " LOGIN");
    test::postgresExec("GRANT USAGE ON SCHEMA public TO " + role
                           + "; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role
                           + "; GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + role,
                       database);
    const QString asRole =
        url.left(url.indexOf(QLatin1String("user="))) + QLatin1String("user=") + QString::fromStdString(role);
    auto directory = Directory::open(asRole);
    REQUIRE(directory);
    importActivities(*directory, dir.path(),
                     {doctor("10000000002", "MARTIN", "Jean", "LYON", "69003"),
                      doctor("10000000003", "DURAND", "Paul", "LYON", "69003")});
    CHECK(persons(*directory) == 2);
    auto found = directory->match(martin());
    REQUIRE(found);
    REQUIRE_FALSE(found->candidates.isEmpty());
    CHECK(found->candidates.first().professional.rpps == QLatin1String("10000000002"));
}

TEST_CASE("a lookup while the tables are held (a first import ending) says the directory is busy, in seconds",
          "[postgres]")
{
    TempDir dir{"missive-pg-busy"};
    const QString url = fresh();
    auto directory = Directory::open(url);
    REQUIRE(directory);
    importActivities(*directory, dir.path(), {doctor("10000000002", "MARTIN", "Jean", "LYON", "69003")});
    // Another session holds the tables as the first import does while it builds its indexes.
    std::unique_ptr<PGconn, decltype(&PQfinish)> holder(PQconnectdb(url.toUtf8().constData()), &PQfinish);
    REQUIRE(PQstatus(holder.get()) == CONNECTION_OK);
    PQclear(PQexec(holder.get(), "BEGIN; LOCK TABLE person IN ACCESS EXCLUSIVE MODE"));
    const auto start = std::chrono::steady_clock::now();
    auto busy = directory->match(martin());
    const auto waited = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(busy);
    CHECK(busy.error().code == ErrorCode::Unavailable);
    CHECK(busy.error().userMessage.contains(QStringLiteral("réessayez")));
    CHECK(waited >= std::chrono::seconds(4));
    CHECK(waited < std::chrono::seconds(15));
    PQclear(PQexec(holder.get(), "ROLLBACK"));
    auto after = directory->match(martin());
    REQUIRE(after);
    REQUIRE_FALSE(after->candidates.isEmpty());
}

TEST_CASE("several workstations learn and edit at once: every change is kept and recorded", "[postgres]")
{
    TempDir dir{"missive-pg"};
    const QString url = fresh();
    {
        auto directory = Directory::open(url);
        REQUIRE(directory);
        std::vector<an::Activity> rows;
        for (int i = 0; i < 8; ++i) {
            rows.push_back(doctor("1000000010" + std::to_string(i), "MEDECIN" + std::string(1, char('A' + i)), "Paul",
                                  "LYON", "69003"));
        }
        importActivities(*directory, dir.path(), rows);
    }
    // Eight workstations, each its own connection, confirming sendings and adding staff together.
    constexpr int Workstations = 8;
    constexpr int Letters = 15;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int w = 0; w < Workstations; ++w) {
        threads.emplace_back([&, w] {
            auto directory = Directory::open(url);
            if (!directory) {
                ++failures;
                return;
            }
            const QString user = QStringLiteral("secretaire%1").arg(w);
            for (int i = 0; i < Letters; ++i) {
                const QString rpps = QStringLiteral("1000000010%1").arg((w + i) % 8);
                const QString address = QStringLiteral("poste%1@hopital.mssante.fr").arg(w);
                if (!directory->recordConfirmation(rpps, ChannelKind::Mssante, address, QStringLiteral("11490-0"), user)
                    || !directory->addStaff(rpps, user)) {
                    ++failures;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    CHECK(failures == 0);
    auto directory = Directory::open(url);
    REQUIRE(directory);
    auto staff = directory->staff();
    REQUIRE(staff);
    CHECK(staff->size() == 8); // each professional once, whoever added them first
    int changes = 0;
    for (int p = 0; p < 8; ++p) {
        const QString rpps = QStringLiteral("1000000010%1").arg(p);
        auto preference = directory->preference(rpps, QStringLiteral("11490-0"));
        REQUIRE(preference);
        REQUIRE(*preference);
        CHECK((*preference)->address.startsWith(QLatin1String("poste")));
        auto history = directory->history(rpps);
        REQUIRE(history);
        for (const auto& entry : *history) {
            changes += entry.change.startsWith(QLatin1String("preference")) ? 1 : 0;
        }
    }
    // At least the first learning of each professional; every change recorded with who made it.
    CHECK(changes >= 8);
    CHECK(changes <= Workstations * Letters * 2);
}

TEST_CASE("a PostgreSQL database that is not Missive's is refused and left as it was", "[postgres]")
{
    const QString url = fresh();
    test::postgresExec("CREATE TABLE person(x integer); INSERT INTO person VALUES (1)", databaseOf(url));
    auto opened = Directory::open(url);
    REQUIRE_FALSE(opened);
    CHECK(opened.error().code == ErrorCode::Integrity);
    CHECK(test::postgresExec("SELECT count(*) FROM person", databaseOf(url)) == "1");
    // Not even the version table: the migration's transaction was rolled back.
    CHECK(test::postgresExec("SELECT count(*) FROM pg_tables WHERE tablename = 'missive_schema'", databaseOf(url))
          == "0");
}

TEST_CASE("a base migrated by a newer Missive is refused, not downgraded", "[postgres]")
{
    const QString url = fresh();
    REQUIRE(Directory::open(url));
    test::postgresExec("UPDATE missive_schema SET version = 99 WHERE component = 'directory'", databaseOf(url));
    auto opened = Directory::open(url);
    REQUIRE_FALSE(opened);
    CHECK(opened.error().code == ErrorCode::Integrity);
    CHECK(opened.error().userMessage.contains(QStringLiteral("plus récente")));
}

TEST_CASE("a PostgreSQL restart is survived: the next lookup reconnects", "[postgres]")
{
    // A cluster of this test's own: restarting the shared one would cut the other tests.
    TempDir dir{"missive-pg-restart"};
    const std::string state = (dir / "state").string();
    const std::string script = test::sourceDir() + "/tests/support/postgres-cluster.sh";
    REQUIRE(test::run({script, "start", state}).exitCode == 0);
    struct Stop
    {
        std::string script, state;
        ~Stop()
        {
            (void)test::run({script, "stop", state});
        }
    } stop{script, state};
    const std::string socket = [&] {
        std::ifstream in(state);
        std::string line;
        std::getline(in, line);
        return line;
    }();
    const QString url = QString::fromStdString("postgresql:///postgres?host=" + socket + "&user=postgres");
    auto directory = Directory::open(url);
    REQUIRE(directory);
    importActivities(*directory, dir.path(), {doctor("10000000002", "MARTIN", "Jean", "LYON", "69003")});

    REQUIRE(test::run({script, "restart", state}).exitCode == 0);
    auto after = directory->match(martin());
    INFO((after ? QString() : after.error().detail).toStdString());
    REQUIRE(after);
    CHECK_FALSE(after->candidates.isEmpty());
    CHECK(directory->recordConfirmation(QStringLiteral("10000000002"), ChannelKind::Mssante,
                                        QStringLiteral("jean.martin@medecin.mssante.fr"), {}, QStringLiteral("s")));
}

TEST_CASE("a PostgreSQL base over the network is reached only with its certificate verified", "[postgres]")
{
    for (const char* url :
         {"postgresql://db.ght.example/missive", "postgresql://db.ght.example/missive?sslmode=require",
          "postgres://127.0.0.1:5432/missive?sslmode=prefer",
          "postgresql:///missive?host=/run/postgresql,db.ght.example"}) {
        INFO(url);
        auto opened = Directory::open(QString::fromLatin1(url));
        REQUIRE_FALSE(opened);
        CHECK(opened.error().code == ErrorCode::PermissionDenied);
        CHECK(opened.error().userMessage.contains(QLatin1String("verify-full")));
    }
    // verify-full is accepted (the connection then fails: no such server), and a password given
    // beside the URL never shows in the error.
    auto unreachable = Directory::open(QStringLiteral("postgresql://127.0.0.1:1/missive?sslmode=verify-full"),
                                       QByteArray("s3cret-pw"));
    REQUIRE_FALSE(unreachable);
    CHECK(unreachable.error().code == ErrorCode::Unavailable);
    CHECK_FALSE(unreachable.error().detail.contains(QLatin1String("s3cret-pw")));
    CHECK(displayLocation(QStringLiteral("postgresql://u:pw@h/db")) == QLatin1String("postgresql://u@h/db"));

    // A server that accepts the connection and never answers is given up on, not waited for
    // (libpq alone would wait for the system's TCP timeout, the app frozen meanwhile).
    test::SilentServer silent;
    const auto started = std::chrono::steady_clock::now();
    auto hung =
        Directory::open(QStringLiteral("postgresql://localhost:%1/missive?sslmode=verify-full").arg(silent.port()));
    const auto waited = std::chrono::steady_clock::now() - started;
    REQUIRE_FALSE(hung);
    CHECK(hung.error().code == ErrorCode::Unavailable);
    CHECK(waited < std::chrono::seconds(30));
}

namespace
{

// `missive …` with a private HOME (no user settings) and no $MISSIVE_DB.
test::RunResult cli(const TempDir& dir, std::vector<std::string> args)
{
    args.insert(args.begin(), test::cliPath());
    test::RunOptions options;
    options.env = {{"HOME", dir.path().string()}, {"MISSIVE_DB", ""}};
    return test::run(args, options);
}

QJsonObject jsonOf(const test::RunResult& result)
{
    INFO(result.out << result.err);
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(result.out));
    REQUIRE(doc.isObject());
    return doc.object();
}

} // namespace

TEST_CASE("missive storage migrate moves a workstation's directory whole, and never into a base in use", "[postgres]")
{
    TempDir dir{"missive-pg-migrate"};
    const std::string sqlite = (dir / "directory.db").string();
    std::string extract = an::personneActiviteHeader(56) + "\n";
    for (const auto& row : {doctor("10000000002", "MARTIN", "Jean", "LYON", "69003"),
                            doctor("10000000001", "MARTIN", "Jean", "PARIS", "75002"),
                            doctor("10000000003", "DURAND", "Anne", "LYON", "69003")}) {
        extract += an::activityLine(row, 56) + "\n";
    }
    test::writeFile(dir / "PS_LibreAcces_Personne_activite_202611230000.txt", extract);
    const auto db = [&](std::vector<std::string> args, const std::string& where) {
        args.insert(args.begin(), {"directory", "--db", where});
        return cli(dir, args);
    };
    REQUIRE(db({"import", (dir / "PS_LibreAcces_Personne_activite_202611230000.txt").string()}, sqlite).exitCode == 0);
    REQUIRE(db({"prefer", "10000000002", "--channel", "postal", "--user", "alice"}, sqlite).exitCode == 0);
    REQUIRE(db({"confirm", "10000000003", "--channel", "mssante", "--address", "anne.durand@medecin.mssante.fr",
                "--type", "11490-0", "--user", "bob"},
               sqlite)
                .exitCode
            == 0);
    REQUIRE(db({"rules", "set", "11490-0", "patient-dmp", "rpps:10000000003"}, sqlite).exitCode == 0);
    REQUIRE(db({"add", "--name", "Müller", "--given", "Hans", "--city", "Genève"}, sqlite).exitCode == 0);

    const std::string url = test::freshPostgresDatabase();
    const auto moved = cli(dir, {"storage", "migrate", "--from", "sqlite:" + sqlite, "--to", url, "--json"});
    REQUIRE(moved.exitCode == 0);
    const auto tables = jsonOf(moved).value(QStringLiteral("tables")).toObject();
    CHECK(tables.value(QStringLiteral("person")).toInt() == 4);     // three from the extract, one local
    CHECK(tables.value(QStringLiteral("preference")).toInt() == 3); // the explicit one, the learned ones
    CHECK(tables.value(QStringLiteral("rule")).toInt() == 2);

    // The same answers from the shared base as from the file.
    for (const std::vector<std::string>& question : {std::vector<std::string>{"show", "10000000002", "--json"},
                                                     {"show", "10000000003", "--json"},
                                                     {"rules", "list", "--json"},
                                                     {"search", "Dr Jean MARTIN", "--city", "Lyon", "--json"}}) {
        INFO(question[0] << ' ' << question[1]);
        const auto before = db(question, sqlite);
        const auto after = db(question, url);
        REQUIRE(after.exitCode == 0);
        CHECK(after.out == before.out);
    }
    const auto stats = jsonOf(db({"stats", "--json"}, url));
    CHECK(stats.value(QStringLiteral("professionals")).toInt() == 4);
    CHECK(stats.value(QStringLiteral("local")).toInt() == 1);
    // Ids continue after the migrated ones: the next local addition gets a new one.
    const auto added = db({"add", "--name", "Schmid", "--given", "Eva", "--json"}, url);
    REQUIRE(added.exitCode == 0);
    CHECK(jsonOf(added).value(QStringLiteral("rpps")).toString() == QLatin1String("L0000000002"));

    // Into a base already in use: refused, nothing touched.
    const auto again = cli(dir, {"storage", "migrate", "--from", "sqlite:" + sqlite, "--to", url});
    CHECK(again.exitCode == 2);
    CHECK(again.err.find("pas vide") != std::string::npos);
    CHECK(jsonOf(db({"stats", "--json"}, url)).value(QStringLiteral("professionals")).toInt() == 5);
    // Usage errors.
    CHECK(cli(dir, {"storage", "migrate", "--from", "sqlite:" + sqlite}).exitCode == 2);
    CHECK(cli(dir, {"storage", "migrate", "--from", "sqlite:" + sqlite, "--to", sqlite}).exitCode == 2);
    CHECK(cli(dir, {"storage", "migrate", "--from", "sqlite:/nonexistent.db", "--to", url}).exitCode == 3);
}

TEST_CASE("the shared base over the network: TLS verified against IT's CA, the password from the settings",
          "[postgres]")
{
    TempDir dir{"missive-pg-tls"};
    const std::string state = (dir / "state").string();
    const std::string script = test::sourceDir() + "/tests/support/postgres-cluster.sh";
    REQUIRE(test::run({script, "start-tls", state}).exitCode == 0);
    struct Stop
    {
        std::string script, state;
        ~Stop()
        {
            (void)test::run({script, "stop", state});
        }
    } stop{script, state};
    std::string socket, port;
    {
        std::ifstream in(state);
        std::getline(in, socket);
        std::getline(in, port);
    }
    const std::string tls = socket + "/tls";
    std::string password;
    std::ifstream(tls + "/password") >> password;
    const auto url = [&](const std::string& ca) {
        return "postgresql://missive@localhost:" + port + "/missive?sslmode=verify-full&sslrootcert=" + tls + "/" + ca;
    };

    auto opened = Directory::open(QString::fromStdString(url("ca.crt")), QByteArray::fromStdString(password));
    INFO((opened ? QString() : opened.error().detail).toStdString());
    REQUIRE(opened);
    importActivities(*opened, dir.path(), {doctor("10000000002", "MARTIN", "Jean", "LYON", "69003")});

    auto impostor = Directory::open(QString::fromStdString(url("other-ca.crt")), QByteArray::fromStdString(password));
    REQUIRE_FALSE(impostor);
    CHECK(impostor.error().code == ErrorCode::PermissionDenied);
    CHECK(impostor.error().userMessage.contains(QLatin1String("certificat")));
    auto wrongPassword = Directory::open(QString::fromStdString(url("ca.crt")), QByteArray("not-the-password"));
    REQUIRE_FALSE(wrongPassword);
    CHECK(wrongPassword.error().code == ErrorCode::PermissionDenied);
    CHECK_FALSE(wrongPassword.error().detail.contains(QLatin1String("not-the-password")));

    // IT's way: [storage] url in the configuration, the password from a private file (or the
    // keychain); the CLI then finds the shared base with no --db.
    test::writeFile(dir / "pw", password + "\n", 0600);
    test::writeFile(dir / "missive.conf",
                    "[storage]\nurl = " + url("ca.crt") + "\npassword_file = " + (dir / "pw").string() + "\n", 0600);
    const auto stats = cli(dir, {"directory", "stats", "--config", (dir / "missive.conf").string(), "--json"});
    INFO(stats.err);
    REQUIRE(stats.exitCode == 0);
    CHECK(jsonOf(stats).value(QStringLiteral("professionals")).toInt() == 1);
    CHECK(stats.out.find(password) == std::string::npos);
    CHECK(jsonOf(stats).value(QStringLiteral("database")).toString().startsWith(QLatin1String("postgresql://")));
}
