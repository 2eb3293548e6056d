// The preference directory against real SQLite files in temporary directories: import of both
// extract layouts, re-import semantics, every matching difficulty, channels, learned preferences,
// rules and local additions. Synthetic data only.

#include "annuaire.h"
#include "missive/directory/directory.h"
#include "missive/directory/names.h"
#include "missive/directory/sqlite_store.h"
#include "postgres.h"
#include "support.h"

#include <QStandardPaths>
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <fstream>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace missive;
using namespace missive::directory;
using missive::test::TempDir;
namespace fs = std::filesystem;
namespace an = missive::test::annuaire;

namespace
{

QString q(const fs::path& path)
{
    return QString::fromStdString(path.string());
}

an::Activity doctor(const std::string& rpps, const std::string& family, const std::string& given,
                    const std::string& specialtyCode, const std::string& specialty, const std::string& postcode,
                    const std::string& city)
{
    an::Activity a;
    a.rpps = rpps;
    a.family = family;
    a.given = given;
    a.specialtyCode = specialtyCode;
    a.specialtyLabel = specialty;
    a.postcode = postcode;
    a.city = city;
    a.streetNumber = "12";
    a.streetType = "RUE";
    a.streetName = "DES LILAS";
    a.siteName = "CABINET MEDICAL";
    return a;
}

// The professionals every matching test uses.
std::vector<an::Activity> population()
{
    std::vector<an::Activity> rows{
        doctor("10000000001", "MARTIN", "Jean", "SM54", "Qualifié en Médecine Générale", "75002", "PARIS"),
        doctor("10000000002", "MARTIN", "Jean", "SM04", "Cardiologie et maladies vasculaires", "69003", "LYON"),
        doctor("10000000003", "DE LA FONTAINE", "Hélène", "SM54", "Qualifié en Médecine Générale", "33000", "BORDEAUX"),
        doctor("10000000004", "LEFEBVRE", "Jean-Pierre", "SM40", "Pédiatrie", "59000", "LILLE"),
        doctor("10000000005", "HERMANN", "Étienne", "SM50", "Rhumatologie", "67000", "STRASBOURG"),
        doctor("10000000006", "D'ALMEIDA", "Paul", "SM20", "Chirurgie orthopédique et traumatologie", "31000",
               "TOULOUSE"),
        doctor("10000000007", "LE GALL", "Yves", "SM54", "Qualifié en Médecine Générale", "29200", "BREST"),
        doctor("10000000008", "BÉRANGER", "Émilie", "SM38", "Ophtalmologie", "44000", "NANTES"),
        doctor("10000000009", "LOUIS", "Olivier", "SM54", "Qualifié en Médecine Générale", "13001", "MARSEILLE"),
        doctor("10000000011", "DUBOIS", "Marie", "SM42", "Pneumologie", "35000", "RENNES"),
        doctor("10000000012", "DUBOIS", "Marie", "SM54", "Qualifié en Médecine Générale", "35000", "RENNES"),
        doctor("10000000013", "MARTIN-DUPONT", "Anne", "SM26", "Gynécologie médicale", "21000", "DIJON"),
        doctor("10000000014", "PETIT", "Claire", "SM54", "Qualifié en Médecine Générale", "87000", "LIMOGES"),
        doctor("10000000016", "MOREAU", "Luc", "SM04", "Cardiologie et maladies vasculaires", "06000", "NICE"),
        doctor("10000000017", "MOREAU", "Luc", "SM40", "Pédiatrie", "06000", "NICE"),
    };
    rows[3].titleCode = "PR";
    rows[3].title = "Professeur";
    // A nurse with the same name as a doctor, no title.
    an::Activity nurse = doctor("10000000015", "PETIT", "Claire", "", "", "87000", "LIMOGES");
    nurse.titleCode.clear();
    nurse.title.clear();
    nurse.civilityCode = "MME";
    nurse.civility = "Madame";
    nurse.professionCode = "60";
    nurse.professionLabel = "Infirmier";
    rows.push_back(nurse);
    // Dr MARTIN of Lyon also practises at a clinic (two activities, one FINESS site).
    an::Activity clinic = rows[1];
    clinic.structureId = "RCLINIQUE1";
    clinic.siteName = "CLINIQUE DU PARC";
    clinic.finessSite = "690000001";
    clinic.modeCode = "S";
    clinic.streetNumber = "3";
    clinic.streetType = "AV";
    clinic.streetName = "FOCH";
    rows.insert(rows.begin() + 2, clinic);
    return rows;
}

std::string activityFile(const std::vector<an::Activity>& rows, int columns = 56, const std::string& eol = "\n")
{
    std::string text = an::personneActiviteHeader(columns) + eol;
    for (const auto& row : rows) {
        text += an::activityLine(row, columns) + eol;
    }
    return text;
}

std::vector<an::MailboxRow> mailboxes()
{
    an::MailboxRow per;
    per.address = "jean.martin@medecin.mssante.fr";
    per.rpps = "10000000002";
    per.family = "MARTIN";
    per.given = "Jean";
    an::MailboxRow org;
    org.type = "ORG";
    org.address = "cardiologie@clinique-parc.mssante.fr";
    org.structureType = "1";
    org.structureId = "690000001";
    org.service = "Cardiologie";
    org.organisation = "CLINIQUE DU PARC";
    an::MailboxRow other;
    other.address = "h.delafontaine@medecin.mssante.fr";
    other.rpps = "10000000003";
    return {per, org, other, per}; // the PER mailbox twice: a duplicate to drop
}

std::string mailboxFile(const std::vector<an::MailboxRow>& rows, const std::string& eol = "\n")
{
    std::string text = std::string(an::MssanteHeader) + eol;
    for (const auto& row : rows) {
        text += an::mailboxLine(row) + eol;
    }
    return text;
}

struct Fixture
{
    TempDir dir{"missive-directory"};
    fs::path db = dir / "annuaire" / "directory.db";
    // The file, or under the `postgres` label a fresh database on the test cluster.
    QString location = test::usingPostgres() ? QString::fromStdString(test::freshPostgresDatabase()) : q(db);
    Directory directory = open();

    Directory open()
    {
        auto opened = Directory::open(location);
        INFO((opened ? QString() : opened.error().detail).toStdString());
        REQUIRE(opened);
        return std::move(*opened);
    }

    ImportReport import(const std::string& name, const std::string& content)
    {
        test::writeFile(dir / name, content);
        auto report = directory.importFile(q(dir / name));
        INFO((report ? QString() : report.error().userMessage).toStdString());
        REQUIRE(report);
        return *report;
    }

    void populate()
    {
        import("PS_LibreAcces_Personne_activite_202611230000.txt", activityFile(population()));
        import("Extraction_Correspondance_MSSante_202611230000.txt", mailboxFile(mailboxes()));
    }

    MatchResult match(const MatchQuery& query, int limit = 5)
    {
        auto result = directory.match(query, limit);
        REQUIRE(result);
        return *result;
    }
};

MatchQuery named(const char* name)
{
    MatchQuery query;
    query.name = QString::fromUtf8(name);
    return query;
}

QString first(const MatchResult& result)
{
    return result.candidates.isEmpty() ? QString() : result.candidates.first().professional.rpps;
}

bool contains(const MatchResult& result, const char* rpps)
{
    return std::any_of(result.candidates.begin(), result.candidates.end(),
                       [&](const Candidate& c) { return c.professional.rpps == QLatin1String(rpps); });
}

} // namespace

// ---- Name keys ----

TEST_CASE("name folding removes case, accents and punctuation", "[unit][directory]")
{
    CHECK(foldName(u"Hélène d'Ézy-Laçon") == QLatin1String("HELENE D EZY LACON"));
    CHECK(foldName(u"  Œdipe   ÆSCHYLE ") == QLatin1String("OEDIPE AESCHYLE"));
    CHECK(nameTokens(u"Jean-Pierre").size() == 2);
    CHECK(compactKey(nameTokens(u"de la Fontaine"), true) == QLatin1String("FONTAINE"));
    CHECK(compactKey(nameTokens(u"Le Gall"), false) == QLatin1String("LEGALL"));
    CHECK(titleOf(u"DOCTEUR") == QLatin1String("DR"));
    CHECK(titleOf(u"PR") == QLatin1String("PR"));
    CHECK(titleOf(u"MARTIN").isEmpty());
}

TEST_CASE("the French phonetic key groups spellings that sound alike", "[unit][directory]")
{
    const auto same = [](const char* a, const char* b) {
        INFO(a << " / " << b);
        CHECK(phoneticKey(QString::fromLatin1(a)) == phoneticKey(QString::fromLatin1(b)));
    };
    same("DUPONT", "DUPOND");
    same("GAUTHIER", "GAUTIER");
    same("LEFEBVRE", "LEFEVRE");
    same("ROUSSEAU", "ROUSSO");
    same("PHILIPPE", "FILIPE");
    same("MARTIN", "MARTAIN");
    same("CHAUVEAU", "CHAUVAUX");
    CHECK(phoneticKey(u"MARTIN") != phoneticKey(u"MARTINEZ"));
    CHECK(phoneticKey(u"DUPONT") != phoneticKey(u"DUPUIS"));
    CHECK(phoneticKey(u"BERNARD") != phoneticKey(u"BERTRAND"));
}

TEST_CASE("the OCR key collapses rn/m, l/1/I and 0/O", "[unit][directory]")
{
    CHECK(ocrKey(u"HERRNANN") == ocrKey(u"HERMANN"));
    CHECK(ocrKey(u"MART1N") == ocrKey(u"MARTIN"));
    CHECK(ocrKey(foldName(u"MARTlN")) == ocrKey(u"MARTIN"));
    CHECK(ocrKey(u"L0UIS") == ocrKey(u"LOUIS"));
    CHECK(ocrKey(u"MARTIN") != ocrKey(u"MARTAN"));
    CHECK(similarity(u"MARTIN", u"MARTIN") == 1.0);
    CHECK(similarity(u"MARTIN", u"MARTON") > 0.8);
    CHECK(similarity(u"MARTIN", u"DUBOIS") < 0.3);
}

// ---- Storage and import ----

TEST_CASE("the database is created private, WAL, schema-versioned, and reopened", "[unit][directory][sqlite]")
{
    Fixture f;
    struct stat st = {};
    REQUIRE(stat(f.db.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(stat(f.db.parent_path().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    f.populate();
    CHECK(fs::exists(fs::path(f.db.string() + "-wal")));
    REQUIRE(stat((f.db.string() + "-wal").c_str(), &st) == 0);
    CHECK((st.st_mode & 0077) == 0);

    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open_v2(f.db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db.get(), "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(sqlite3_column_int(stmt, 0) == SqliteSchemaVersion);
    sqlite3_finalize(stmt);
    REQUIRE(sqlite3_prepare_v2(db.get(), "PRAGMA journal_mode", -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) == "wal");
    sqlite3_finalize(stmt);

    // Reopening keeps the data (no second migration).
    auto again = Directory::open(q(f.db));
    REQUIRE(again);
    auto stats = again->stats();
    REQUIRE(stats);
    CHECK(stats->persons == 16);
}

TEST_CASE("a file that is not a Missive directory is refused, not overwritten", "[unit][directory][sqlite]")
{
    TempDir dir;
    const fs::path other = dir / "other.db";
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(other.c_str(), &raw) == SQLITE_OK);
    sqlite3_exec(raw, "CREATE TABLE t(x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    auto opened = Directory::open(q(other));
    REQUIRE_FALSE(opened);
    CHECK(opened.error().code == ErrorCode::Integrity);

    test::writeFile(dir / "garbage.db", std::string(8192, 'x'));
    auto garbage = Directory::open(q(dir / "garbage.db"));
    REQUIRE_FALSE(garbage);
    CHECK(garbage.error().code == ErrorCode::Integrity);
}

TEST_CASE("the old 52-column Personne_activite layout is imported", "[unit][directory]")
{
    Fixture f;
    const auto report = f.import("PS_LibreAcces_Personne_activite_old.txt", activityFile(population(), 52));
    CHECK(report.kind == SourceKind::PersonneActivite);
    CHECK(report.columns == 52);
    CHECK(report.lines == 17);
    CHECK(report.counts.added == 17);
    CHECK(report.counts.persons == 16);
    CHECK(report.malformed == 0);
    auto p = f.directory.professional(QStringLiteral("10000000004"));
    REQUIRE(p);
    REQUIRE(*p);
    CHECK((*p)->familyName == QLatin1String("LEFEBVRE"));
    CHECK((*p)->givenName == QLatin1String("Jean-Pierre"));
    CHECK((*p)->titleCode == QLatin1String("PR"));
    CHECK((*p)->specialtyLabel == QString::fromUtf8("Pédiatrie"));
    CHECK((*p)->postcode == QLatin1String("59000"));
    CHECK((*p)->city == QLatin1String("LILLE"));
    CHECK((*p)->idnps == QLatin1String("810000000004"));
    CHECK((*p)->addressLines.contains(QLatin1String("12 RUE DES LILAS")));
}

TEST_CASE("the new 56-column layout with CRLF line ends is imported", "[unit][directory]")
{
    Fixture f;
    const auto report = f.import("PS_LibreAcces_Personne_activite_crlf.txt", activityFile(population(), 56, "\r\n"));
    CHECK(report.columns == 56);
    CHECK(report.counts.added == 17);
    CHECK(report.malformed == 0);
    auto p = f.directory.professional(QStringLiteral("10000000009"));
    REQUIRE(p);
    REQUIRE(*p);
    // No stray carriage return anywhere in the last columns.
    CHECK((*p)->city == QLatin1String("MARSEILLE"));
    CHECK_FALSE((*p)->familyName.contains(QLatin1Char('\r')));

    const auto mail = f.import("Extraction_Correspondance_MSSante_crlf.txt", mailboxFile(mailboxes(), "\r\n"));
    CHECK(mail.kind == SourceKind::MssanteMailboxes);
    CHECK(mail.columns == 31);
    CHECK(mail.counts.added == 3);
}

TEST_CASE("malformed lines are counted and reported with their line numbers, not fatal", "[unit][directory]")
{
    Fixture f;
    auto rows = population();
    std::string text = an::personneActiviteHeader(56) + "\n";
    text += an::activityLine(rows[0], 56) + "\n";
    text += "8|10000000099|810000000099|DR|Docteur|trop court|\n"; // line 3: too few columns
    text += an::activityLine(rows[1], 56) + "\n";
    auto noId = rows[3];
    noId.rpps.clear();
    text += an::activityLine(noId, 56) + "\n"; // line 5: no identifier
    text += an::activityLine(rows[4], 56) + "\n";
    const auto report = f.import("PS_LibreAcces_Personne_activite_bad.txt", text);
    CHECK(report.lines == 5);
    CHECK(report.malformed == 2);
    REQUIRE(report.firstMalformed.size() == 2);
    CHECK(report.firstMalformed[0].line == 3);
    CHECK(report.firstMalformed[0].reason.contains(QLatin1String("colonnes")));
    CHECK(report.firstMalformed[1].line == 5);
    CHECK(report.counts.added == 3);
}

TEST_CASE("duplicate mailboxes are stored once", "[unit][directory]")
{
    Fixture f;
    f.import("PS_LibreAcces_Personne_activite.txt", activityFile(population()));
    auto rows = mailboxes();
    auto upper = rows[0];
    upper.address = "Jean.Martin@medecin.mssante.fr"; // same mailbox, other case
    rows.push_back(upper);
    const auto report = f.import("Extraction_Correspondance_MSSante.txt", mailboxFile(rows));
    CHECK(report.counts.added == 3);
    CHECK(report.counts.duplicates == 2);
    auto stats = f.directory.stats();
    REQUIRE(stats);
    CHECK(stats->mailboxes == 3);
}

TEST_CASE("an unknown header is rejected naming the file and line and nothing is imported", "[unit][directory]")
{
    Fixture f;
    test::writeFile(f.dir / "liste.csv", "nom;prenom;ville\nMARTIN;Jean;PARIS\n");
    auto report = f.directory.importFile(q(f.dir / "liste.csv"));
    REQUIRE_FALSE(report);
    CHECK(report.error().code == ErrorCode::InvalidArgument);
    CHECK(report.error().userMessage.contains(QLatin1String("liste.csv")));
    CHECK(report.error().userMessage.contains(QLatin1String("ligne 1")));

    // A Personne_activite header with a column too many is not guessed at either.
    test::writeFile(f.dir / "pa.txt", an::personneActiviteHeader(56) + "Colonne en trop|\n");
    CHECK_FALSE(f.directory.importFile(q(f.dir / "pa.txt")));
    test::writeFile(f.dir / "empty.txt", "");
    CHECK_FALSE(f.directory.importFile(q(f.dir / "empty.txt")));
    auto missing = f.directory.importFile(q(f.dir / "absent.txt"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::NotFound);
    auto stats = f.directory.stats();
    REQUIRE(stats);
    CHECK(stats->persons == 0);
    CHECK(stats->lastImports.isEmpty());
}

TEST_CASE("re-import updates changed rows, adds new ones, retires vanished ones and keeps local data",
          "[unit][directory]")
{
    Fixture f;
    f.populate();
    const QString gp = QStringLiteral("10000000001");
    REQUIRE(f.directory.prefer(gp, ChannelKind::Postal, {}, {}, QStringLiteral("alice")));
    REQUIRE(f.directory.recordConfirmation(QStringLiteral("10000000014"), ChannelKind::Postal, {}, {},
                                           QStringLiteral("alice")));
    REQUIRE(f.directory.setRules(QStringLiteral("11490-0"), {Rule{{}, RecipientKind::PatientDmp, {}}},
                                 QStringLiteral("alice")));
    Professional local;
    local.familyName = QStringLiteral("SMITH");
    local.givenName = QStringLiteral("John");
    local.city = QString::fromUtf8("Genève");
    auto localId = f.directory.addLocal(local, QStringLiteral("alice"));
    REQUIRE(localId);

    // Next day: Dr LOUIS moved, Dr PETIT (the doctor) retired, a new doctor arrived.
    auto rows = population();
    for (auto& row : rows) {
        if (row.rpps == "10000000009") {
            row.postcode = "13008";
        }
    }
    rows.erase(std::remove_if(rows.begin(), rows.end(), [](const an::Activity& a) { return a.rpps == "10000000014"; }),
               rows.end());
    rows.push_back(
        doctor("10000000020", "NOUVEAU", "Arrivant", "SM54", "Qualifié en Médecine Générale", "75011", "PARIS"));
    const auto report = f.import("PS_LibreAcces_Personne_activite_next.txt", activityFile(rows));
    CHECK(report.counts.added == 1);
    CHECK(report.counts.updated == 1);
    CHECK(report.counts.unchanged == 15);
    CHECK(report.counts.retired == 1);
    CHECK(report.counts.personsRetired == 1);

    auto moved = f.directory.professional(QStringLiteral("10000000009"));
    REQUIRE(moved);
    CHECK((*moved)->postcode == QLatin1String("13008"));
    auto retired = f.directory.professional(QStringLiteral("10000000014"));
    REQUIRE(retired);
    REQUIRE(*retired);
    CHECK((*retired)->retired); // marked, not deleted
    CHECK_FALSE(contains(f.match(named("Dr Claire PETIT")), "10000000014"));
    CHECK(first(f.match(named("Arrivant NOUVEAU"))) == QLatin1String("10000000020"));

    // Local data survived.
    auto pref = f.directory.preference(gp);
    REQUIRE(pref);
    REQUIRE(*pref);
    CHECK((*pref)->channel == ChannelKind::Postal);
    auto kept = f.directory.professional(*localId);
    REQUIRE(kept);
    REQUIRE(*kept);
    CHECK((*kept)->local);
    CHECK_FALSE((*kept)->retired);
    auto rules = f.directory.rules(QStringLiteral("11490-0"));
    REQUIRE(rules);
    CHECK(rules->size() == 1);
    auto history = f.directory.history(gp);
    REQUIRE(history);
    CHECK(history->size() == 1);
    auto retiredPref = f.directory.preference(QStringLiteral("10000000014"));
    REQUIRE(retiredPref);
    CHECK(retiredPref->has_value());

    // The same file again: nothing changes; the retired one comes back when it reappears.
    const auto again = f.import("PS_LibreAcces_Personne_activite_next.txt", activityFile(rows));
    CHECK(again.counts.unchanged == 17);
    CHECK(again.counts.retired == 0);
    const auto back = f.import("PS_LibreAcces_Personne_activite_back.txt", activityFile(population()));
    CHECK(back.counts.retired == 1); // NOUVEAU left again
    auto returned = f.directory.professional(QStringLiteral("10000000014"));
    REQUIRE(returned);
    CHECK_FALSE((*returned)->retired);

    // Mailboxes: one vanishes, it is retired and no longer offered.
    auto boxes = mailboxes();
    boxes.erase(boxes.begin() + 1);
    const auto mail = f.import("Extraction_Correspondance_MSSante_next.txt", mailboxFile(boxes));
    CHECK(mail.counts.retired == 1);
    auto channels = f.directory.channels(QStringLiteral("10000000002"));
    REQUIRE(channels);
    CHECK(std::none_of(channels->begin(), channels->end(), [](const Channel& c) {
        return c.address == QLatin1String("cardiologie@clinique-parc.mssante.fr");
    }));
}

// ---- Matching: one case per difficulty ----

TEST_CASE("matching ignores accents and case", "[unit][directory][match]")
{
    Fixture f;
    f.populate();
    for (const char* name : {"Émilie BÉRANGER", "emilie beranger", "EMILIE BERANGER", "Emilie Béranger"}) {
        INFO(name);
        const auto result = f.match(named(name));
        CHECK(first(result) == QLatin1String("10000000008"));
        CHECK(result.autoSelected);
    }
}

TEST_CASE("matching handles hyphens in given and family names", "[unit][directory][match]")
{
    Fixture f;
    f.populate();
    for (const char* name : {"Jean-Pierre LEFEBVRE", "Jean Pierre Lefebvre", "JEANPIERRE LEFEBVRE"}) {
        INFO(name);
        CHECK(first(f.match(named(name))) == QLatin1String("10000000004"));
    }
    for (const char* name : {"Anne MARTIN-DUPONT", "Anne Martin Dupont", "MARTIN DUPONT Anne"}) {
        INFO(name);
        const auto result = f.match(named(name));
        CHECK(first(result) == QLatin1String("10000000013"));
        CHECK(result.autoSelected);
    }
}

TEST_CASE("matching handles particles LE, DE LA and D'", "[unit][directory][match]")
{
    Fixture f;
    f.populate();
    for (const char* name :
         {"Hélène DE LA FONTAINE", "Helene de la Fontaine", "Hélène FONTAINE", "DELAFONTAINE Hélène"}) {
        INFO(name);
        CHECK(first(f.match(named(name))) == QLatin1String("10000000003"));
    }
    for (const char* name : {"Yves LE GALL", "Yves LEGALL", "LE GALL Yves", "Yves Gall"}) {
        INFO(name);
        CHECK(first(f.match(named(name))) == QLatin1String("10000000007"));
    }
    for (const char* name : {"Paul D'ALMEIDA", "Paul d’Almeida", "Paul DALMEIDA", "Paul ALMEIDA"}) {
        INFO(name);
        CHECK(first(f.match(named(name))) == QLatin1String("10000000006"));
    }
}

TEST_CASE("matching accepts family and given names in either order", "[unit][directory][match]")
{
    Fixture f;
    f.populate();
    const auto a = f.match(named("HERMANN Étienne"));
    const auto b = f.match(named("Étienne HERMANN"));
    CHECK(first(a) == QLatin1String("10000000005"));
    CHECK(first(b) == QLatin1String("10000000005"));
    CHECK(a.candidates.first().score == Approx(b.candidates.first().score));
    CHECK(a.autoSelected);
}

TEST_CASE("matching tolerates OCR confusions rn/m, l/1, é/e and 0/O", "[unit][directory][match]")
{
    Fixture f;
    f.populate();
    const std::pair<const char*, const char*> cases[] = {
        {"Etienne HERRNANN", "10000000005"},                                     // rn read for m
        {"Olivier L0UIS", "10000000009"},                                        // 0 for O
        {"0livier LOUIS", "10000000009"},      {"Olivier 1OUIS", "10000000009"}, // 1 for L
        {"Emilie BERANGER", "10000000008"},                                      // é read as e
        {"Emilie BERANGFR", "10000000008"},                                      // one letter misread beyond the keys
        {"Anne MARTlN-DUPONT", "10000000013"},                                   // l for I
    };
    for (const auto& [name, rpps] : cases) {
        INFO(name);
        const auto result = f.match(named(name));
        CHECK(first(result) == QLatin1String(rpps));
        CHECK(result.candidates.first().score > 0.6);
    }
    // A misread name scores below the exact one.
    CHECK(f.match(named("Etienne HERRNANN")).candidates.first().score
          < f.match(named("Etienne HERMANN")).candidates.first().score);
}

TEST_CASE("matching reads titles Dr, Docteur and Pr and uses them", "[unit][directory][match]")
{
    Fixture f;
    f.populate();
    for (const char* name : {"Dr Hélène de la Fontaine", "Docteur Hélène DE LA FONTAINE", "DR. FONTAINE Hélène"}) {
        INFO(name);
        CHECK(first(f.match(named(name))) == QLatin1String("10000000003"));
    }
    CHECK(first(f.match(named("Pr Jean-Pierre LEFEBVRE"))) == QLatin1String("10000000004"));
    // "Monsieur le Docteur": the article is no name.
    const auto formal = f.match(named("Monsieur le Docteur Étienne HERMANN"));
    CHECK(first(formal) == QLatin1String("10000000005"));
    CHECK(formal.autoSelected);
    CHECK(f.match(named("Madame le Docteur Émilie BÉRANGER")).autoSelected);
    // The feminine title, as letters print it: a title, not a given name.
    CHECK(f.match(named("Docteure Émilie BÉRANGER")).autoSelected);
    CHECK(first(f.match(named("Professeur LEFEBVRE Jean-Pierre"))) == QLatin1String("10000000004"));
    // Same name, same town: the title separates the doctor from the nurse.
    const auto doctorFirst = f.match(named("Dr Claire PETIT"));
    REQUIRE(doctorFirst.candidates.size() >= 2);
    CHECK(first(doctorFirst) == QLatin1String("10000000014"));
    CHECK(doctorFirst.candidates[0].score > doctorFirst.candidates[1].score);
}

TEST_CASE("a town is not another commune that starts with its name, and a CEDEX département must hold",
          "[unit][directory][match]")
{
    Fixture f;
    auto rows = population();
    rows.push_back(doctor("10000000091", "BOYER", "Raphaël", "SM54", "Qualifié en Médecine Générale", "76800",
                          "SAINT-ETIENNE-DU-ROUVRAY"));
    rows.push_back(doctor("10000000092", "NOEL", "Jean", "SM54", "Qualifié en Médecine Générale", "93200",
                          "SAINT-DENIS"));
    f.import("PS_LibreAcces_Personne_activite_202611230000.txt", activityFile(rows));

    // "SAINT-ÉTIENNE" printed: the only Dr Raphaël BOYER practises in another commune.
    MatchQuery stEtienne = named("Dr Raphaël BOYER");
    stEtienne.city = QStringLiteral("SAINT-ÉTIENNE");
    stEtienne.department = QStringLiteral("42");
    CHECK_FALSE(f.match(stEtienne).autoSelected);
    // "97490 SAINT-DENIS CEDEX" (La Réunion): not the Saint-Denis of the 93.
    MatchQuery reunion = named("Dr Jean NOEL");
    reunion.city = QStringLiteral("SAINT-DENIS");
    reunion.department = QStringLiteral("974");
    CHECK_FALSE(f.match(reunion).autoSelected);
    // The same town in the same département: chosen, whatever its sorting office's code.
    reunion.department = QStringLiteral("93");
    CHECK(f.match(reunion).autoSelected);
    // An arrondissement is still its town.
    MatchQuery paris = named("Dr Jean MARTIN");
    paris.city = QStringLiteral("PARIS");
    CHECK(first(f.match(paris)) == QLatin1String("10000000001"));
}

TEST_CASE("homonyms in another city stay a choice unless the city or postcode decides", "[unit][directory][match]")
{
    Fixture f;
    f.populate();
    const auto both = f.match(named("Dr Jean MARTIN"));
    CHECK(contains(both, "10000000001"));
    CHECK(contains(both, "10000000002"));
    CHECK_FALSE(both.autoSelected);

    MatchQuery lyon = named("Dr Jean MARTIN");
    lyon.city = QStringLiteral("Lyon");
    const auto inLyon = f.match(lyon);
    CHECK(first(inLyon) == QLatin1String("10000000002"));
    CHECK(inLyon.autoSelected);

    MatchQuery paris = named("MARTIN Jean");
    paris.postcode = QStringLiteral("75002");
    const auto inParis = f.match(paris);
    CHECK(first(inParis) == QLatin1String("10000000001"));
    CHECK(inParis.autoSelected);
    CHECK(inParis.candidates.first().professional.city == QLatin1String("PARIS"));

    // The practice that fits the query is the one returned (Dr MARTIN of Lyon has two).
    MatchQuery clinic = named("Jean MARTIN");
    clinic.postcode = QStringLiteral("69003");
    const auto atClinic = f.match(clinic);
    CHECK(atClinic.candidates.first().professional.postcode == QLatin1String("69003"));

    // Specialty words separate two homonyms of the same town.
    MatchQuery cardio = named("Dr Luc MOREAU");
    cardio.specialtyWords = {QStringLiteral("cardiologue")};
    const auto heart = f.match(cardio);
    CHECK(first(heart) == QLatin1String("10000000016"));
    cardio.specialtyWords = {QStringLiteral("pédiatre")};
    CHECK(first(f.match(cardio)) == QLatin1String("10000000017"));
    CHECK_FALSE(f.match(named("Dr Luc MOREAU")).autoSelected);
}

TEST_CASE("a printed place or street that is not the professional's is a contradiction, not a smaller score",
          "[unit][directory][match]")
{
    Fixture f;
    f.populate();
    // Only one Étienne HERMANN, in Strasbourg: printed in Paris, he is proposed, never chosen, even
    // with his own specialty printed beside the name.
    MatchQuery elsewhere = named("Dr Étienne HERMANN");
    elsewhere.postcode = QStringLiteral("75001");
    elsewhere.city = QStringLiteral("PARIS");
    elsewhere.specialtyWords = {QStringLiteral("rhumatologue")};
    const auto proposed = f.match(elsewhere);
    CHECK(first(proposed) == QLatin1String("10000000005"));
    CHECK_FALSE(proposed.autoSelected);
    CHECK(proposed.candidates.first().fits);
    CHECK(proposed.candidates.first().contradicted);
    // In his town and street: chosen.
    MatchQuery home = named("Docteur HERMANN Étienne");
    home.postcode = QStringLiteral("67000");
    home.street = QStringLiteral("12 rue des Lilas");
    const auto chosen = f.match(home);
    CHECK(chosen.autoSelected);
    CHECK(chosen.candidates.first().placeConfirmed);
    // In his town, another street: proposed.
    home.street = QStringLiteral("3 avenue de la Paix");
    CHECK_FALSE(f.match(home).autoSelected);
    // Initials fit both Jean MARTIN; a place picks one, nothing else does.
    CHECK_FALSE(f.match(named("Dr J. MARTIN")).autoSelected);
    MatchQuery lyon = named("Dr J. MARTIN");
    lyon.city = QStringLiteral("Lyon");
    const auto inLyon = f.match(lyon);
    CHECK(inLyon.autoSelected);
    CHECK(first(inLyon) == QLatin1String("10000000002"));
    // A given name that only sounds alike is not the same person.
    CHECK_FALSE(f.match(named("Dr Émilie BERANGERE")).autoSelected);
}

TEST_CASE("names looked up in a letter's text only return professionals whose names both fit",
          "[unit][directory][match]")
{
    Fixture f;
    f.populate();
    MatchQuery text = named("Olivier Louis");
    text.namesOnly = true;
    CHECK(first(f.match(text)) == QLatin1String("10000000009"));
    text.name = QStringLiteral("Louis Pasteur");
    CHECK(f.match(text).candidates.isEmpty());
    text.name = QStringLiteral("Bien Cordialement");
    CHECK(f.match(text).candidates.isEmpty());
    text.name = QStringLiteral("Jean");
    CHECK(f.match(text).candidates.isEmpty());
}

TEST_CASE("the letter's author can be excluded from the recipients", "[unit][directory][match]")
{
    Fixture f;
    f.populate();
    // Dr Marie DUBOIS (pneumologist) writes to her homonym, Dr Marie DUBOIS (GP), in the same town.
    const auto both = f.match(named("Dr Marie DUBOIS"));
    CHECK(contains(both, "10000000011"));
    CHECK(contains(both, "10000000012"));
    CHECK_FALSE(both.autoSelected);

    MatchQuery query = named("Dr Marie DUBOIS");
    query.excludeRpps = {QStringLiteral("10000000011")};
    const auto recipient = f.match(query);
    CHECK_FALSE(contains(recipient, "10000000011"));
    CHECK(first(recipient) == QLatin1String("10000000012"));
    CHECK(recipient.autoSelected);
}

TEST_CASE("the author is found among the establishment's staff: its structures, its listed and learned members",
          "[unit][directory][match]")
{
    Fixture f;
    f.populate();
    // Two Dr Jean MARTIN (Paris, Lyon): the name alone chooses neither.
    CHECK_FALSE(f.match(named("Dr Jean MARTIN")).autoSelected);

    // The letter comes from the Clinique du Parc (FINESS 690000001): its Jean MARTIN signed it.
    MatchQuery clinic = named("Dr Jean MARTIN");
    clinic.structures = {QStringLiteral("1690000001")};
    const auto atClinic = f.match(clinic);
    CHECK(first(atClinic) == QLatin1String("10000000002"));
    CHECK(atClinic.autoSelected);
    CHECK(atClinic.candidates.first().professional.structureKeys.contains(QStringLiteral("1690000001")));
    // Initials too: the structure confirms like a printed place.
    MatchQuery initials = named("Dr J. MARTIN");
    initials.structures = clinic.structures;
    CHECK(first(f.match(initials)) == QLatin1String("10000000002"));
    CHECK(f.match(initials).autoSelected);
    // The initial after the family name ("MARTIN J. (Dr)") is an initial, not the particle L' or J'.
    initials.name = QStringLiteral("MARTIN J. (Dr)");
    CHECK(first(f.match(initials)) == QLatin1String("10000000002"));
    CHECK(f.match(initials).autoSelected);

    // A structure where neither practises: both are contradicted, none chosen.
    MatchQuery elsewhere = named("Dr Jean MARTIN");
    elsewhere.structures = {QStringLiteral("1990000009")};
    CHECK_FALSE(f.match(elsewhere).autoSelected);

    // A member of the staff (listed by IT or learned) wherever the directory says they practise.
    MatchQuery member = named("Dr Jean MARTIN");
    member.members = {QStringLiteral("10000000001")};
    const auto listed = f.match(member);
    CHECK(first(listed) == QLatin1String("10000000001"));
    CHECK(listed.autoSelected);
    // Two members of that name: still a choice.
    member.structures = clinic.structures;
    CHECK_FALSE(f.match(member).autoSelected);
}

TEST_CASE("the staff learned from the secretaries is kept once, with who and when", "[unit][directory]")
{
    Fixture f;
    f.populate();
    auto none = f.directory.staff();
    REQUIRE(none);
    CHECK(none->isEmpty());
    REQUIRE(f.directory.addStaff(QStringLiteral("10000000001"), QStringLiteral("secretaire1")));
    REQUIRE(f.directory.addStaff(QStringLiteral("10000000001"), QStringLiteral("secretaire2")));
    REQUIRE(f.directory.addStaff(QStringLiteral("10000000014"), QStringLiteral("secretaire1")));
    CHECK_FALSE(f.directory.addStaff(QString(), QStringLiteral("secretaire1")));
    auto staff = f.directory.staff();
    REQUIRE(staff);
    CHECK(*staff == QStringList{QStringLiteral("10000000001"), QStringLiteral("10000000014")});
    auto history = f.directory.history(QStringLiteral("10000000001"));
    REQUIRE(history);
    const auto added = std::count_if(history->begin(), history->end(),
                                     [](const HistoryEntry& e) { return e.change == QLatin1String("staff"); });
    CHECK(added == 1); // the second secretary changed nothing
    // Kept across reopening.
    auto reopened = f.open().staff();
    REQUIRE(reopened);
    CHECK(reopened->size() == 2);
}

TEST_CASE("unknown names give no confident candidate", "[unit][directory][match]")
{
    Fixture f;
    f.populate();
    const auto none = f.match(named("Dr Zébulon QUIDAM"));
    CHECK_FALSE(none.autoSelected);
    CHECK(none.candidates.isEmpty());
    CHECK(f.match(named("")).candidates.isEmpty());
    CHECK(f.match(named("Dr")).candidates.isEmpty());
    // A family name alone is never enough to choose automatically, unless the printed place confirms.
    CHECK_FALSE(f.match(named("Dr HERMANN")).autoSelected);
    CHECK(first(f.match(named("Dr HERMANN"))) == QLatin1String("10000000005"));
    MatchQuery strasbourg = named("Dr HERMANN");
    strasbourg.city = QStringLiteral("Strasbourg");
    CHECK(f.match(strasbourg).autoSelected);
    MatchQuery martin = named("Dr MARTIN");
    martin.city = QStringLiteral("Lyon");
    CHECK(f.match(martin).autoSelected); // one MARTIN in Lyon
    martin.city = QStringLiteral("Rennes");
    CHECK_FALSE(f.match(martin).autoSelected); // none there
}

// ---- Channels, preferences, rules, local additions ----

TEST_CASE("channels come MSSanté PER first, then ORG of the practice, then postal", "[unit][directory]")
{
    Fixture f;
    f.populate();
    auto channels = f.directory.channels(QStringLiteral("10000000002"));
    REQUIRE(channels);
    REQUIRE(channels->size() >= 4);
    CHECK((*channels)[0].kind == ChannelKind::Mssante);
    CHECK((*channels)[0].mailboxType == MailboxType::Personal);
    CHECK((*channels)[0].address == QLatin1String("jean.martin@medecin.mssante.fr"));
    CHECK((*channels)[1].kind == ChannelKind::Mssante);
    CHECK((*channels)[1].mailboxType == MailboxType::Organisation);
    CHECK((*channels)[1].address == QLatin1String("cardiologie@clinique-parc.mssante.fr"));
    CHECK((*channels)[2].kind == ChannelKind::Postal);
    CHECK((*channels)[3].kind == ChannelKind::Postal);
    CHECK_FALSE((*channels)[0].preferred);
    // Without any mailbox: postal only.
    auto postal = f.directory.channels(QStringLiteral("10000000005"));
    REQUIRE(postal);
    REQUIRE(postal->size() == 1);
    CHECK(postal->first().kind == ChannelKind::Postal);
    CHECK(postal->first().postalLines.contains(QLatin1String("67000 STRASBOURG")));
    CHECK(f.directory.channels(QStringLiteral("99999999999")).error().code == ErrorCode::NotFound);
}

TEST_CASE("a confirmation is learned: the next letter defaults to it and every change is recorded", "[unit][directory]")
{
    Fixture f;
    f.populate();
    const QString rpps = QStringLiteral("10000000002");
    const QString org = QStringLiteral("cardiologie@clinique-parc.mssante.fr");
    auto none = f.directory.preference(rpps);
    REQUIRE(none);
    CHECK_FALSE(none->has_value());

    // First letter: the secretary picks the clinic's mailbox.
    REQUIRE(f.directory.recordConfirmation(rpps, ChannelKind::Mssante, org, QStringLiteral("11490-0"),
                                           QStringLiteral("alice")));
    auto channels = f.directory.channels(rpps, QStringLiteral("11488-4"));
    REQUIRE(channels);
    CHECK(channels->first().address == org);
    CHECK(channels->first().preferred);
    auto pref = f.directory.preference(rpps, QStringLiteral("11490-0"));
    REQUIRE(pref);
    REQUIRE(*pref);
    CHECK((*pref)->source == PreferenceSource::Learned);
    CHECK((*pref)->updatedBy == QLatin1String("alice"));

    // A later choice for another type is remembered for that type; the general default stays the first.
    REQUIRE(f.directory.recordConfirmation(rpps, ChannelKind::Postal, {}, QStringLiteral("57833-6"),
                                           QStringLiteral("bob")));
    auto prescription = f.directory.channels(rpps, QStringLiteral("57833-6"));
    REQUIRE(prescription);
    CHECK(prescription->first().kind == ChannelKind::Postal);
    CHECK(prescription->first().preferred);
    auto general = f.directory.preference(rpps);
    REQUIRE(general);
    CHECK((*general)->address == org);

    // An explicit preference wins over later confirmations.
    REQUIRE(f.directory.prefer(rpps, ChannelKind::Mssante, QStringLiteral("jean.martin@medecin.mssante.fr"), {},
                               QStringLiteral("carol")));
    REQUIRE(f.directory.recordConfirmation(rpps, ChannelKind::Postal, {}, {}, QStringLiteral("bob")));
    general = f.directory.preference(rpps);
    REQUIRE(general);
    CHECK((*general)->source == PreferenceSource::Explicit);
    CHECK((*general)->address == QLatin1String("jean.martin@medecin.mssante.fr"));

    auto history = f.directory.history(rpps);
    REQUIRE(history);
    REQUIRE(history->size() == 4);
    CHECK(history->at(0).user == QLatin1String("alice"));
    CHECK(history->at(0).from.isEmpty());
    CHECK(history->at(0).to.contains(org));
    CHECK(history->at(3).user == QLatin1String("carol"));
    CHECK(history->at(3).from.contains(org));
    CHECK(history->at(3).to.contains(QLatin1String("jean.martin@medecin.mssante.fr")));
    CHECK(history->at(3).at.isValid());

    CHECK(f.directory.prefer(QStringLiteral("99999999999"), ChannelKind::Postal, {}, {}, {}).error().code
          == ErrorCode::NotFound);
    CHECK(f.directory.prefer(rpps, ChannelKind::Mssante, QStringLiteral("pas une adresse"), {}, {}).error().code
          == ErrorCode::InvalidArgument);
    CHECK(f.directory.prefer(rpps, ChannelKind::Postal, {}, QStringLiteral("00000-0"), {}).error().code
          == ErrorCode::InvalidArgument);
}

TEST_CASE("rules give default recipients per document type", "[unit][directory]")
{
    Fixture f;
    f.populate();
    const QString liaison = QStringLiteral("11490-0");
    const QList<Rule> rules{Rule{{}, RecipientKind::PatientDmp, {}}, Rule{{}, RecipientKind::Gp, {}},
                            Rule{{}, RecipientKind::Professional, QStringLiteral("10000000001")}};
    REQUIRE(f.directory.setRules(liaison, rules, QStringLiteral("alice")));
    REQUIRE(f.directory.setRules(QStringLiteral("57833-6"), {Rule{{}, RecipientKind::PatientMailbox, {}}},
                                 QStringLiteral("alice")));
    auto stored = f.directory.rules(liaison);
    REQUIRE(stored);
    REQUIRE(stored->size() == 3);
    CHECK(stored->at(0).recipient == RecipientKind::PatientDmp);
    CHECK(stored->at(1).recipient == RecipientKind::Gp);
    CHECK(stored->at(2).rpps == QLatin1String("10000000001"));
    CHECK(stored->at(2).documentType == liaison);
    auto all = f.directory.rules();
    REQUIRE(all);
    CHECK(all->size() == 4);

    auto removed = f.directory.removeRules(liaison, {Rule{{}, RecipientKind::Gp, {}}}, QStringLiteral("bob"));
    REQUIRE(removed);
    CHECK(*removed == 1);
    stored = f.directory.rules(liaison);
    REQUIRE(stored);
    CHECK(stored->size() == 2);
    auto history = f.directory.ruleHistory(liaison);
    REQUIRE(history);
    REQUIRE(history->size() == 2);
    CHECK(history->at(1).user == QLatin1String("bob"));
    CHECK(history->at(1).from.contains(QLatin1String("gp")));
    CHECK_FALSE(history->at(1).to.contains(QLatin1String("gp")));

    CHECK(f.directory.setRules(QStringLiteral("12345-6"), rules, {}).error().code == ErrorCode::InvalidArgument);
    CHECK(f.directory.setRules(liaison, {Rule{{}, RecipientKind::Professional, QStringLiteral("99999999999")}}, {})
              .error()
              .code
          == ErrorCode::NotFound);
    CHECK(parseRecipient(u"rpps:10000000001")->rpps == QLatin1String("10000000001"));
    CHECK_FALSE(parseRecipient(u"rpps:abc"));
    CHECK_FALSE(parseRecipient(u"voisin"));
}

TEST_CASE("rules the configuration sets replace the directory's for their type, and are changed only there",
          "[unit][directory]")
{
    Fixture f;
    f.populate();
    const QString liaison = QStringLiteral("11490-0");
    const QString ordonnance = QStringLiteral("57833-6");
    REQUIRE(f.directory.setRules(liaison, {Rule{{}, RecipientKind::Gp, {}}}, QStringLiteral("alice")));
    REQUIRE(f.directory.setRules(ordonnance, {Rule{{}, RecipientKind::PatientMailbox, {}}}, QStringLiteral("alice")));
    f.directory.imposeRules({{liaison,
                              {Rule{{}, RecipientKind::PatientDmp, {}},
                               Rule{{}, RecipientKind::Professional, QStringLiteral("10000000001")}}}},
                            {liaison});
    auto imposed = f.directory.rules(liaison);
    REQUIRE(imposed);
    REQUIRE(imposed->size() == 2);
    CHECK(imposed->at(0).recipient == RecipientKind::PatientDmp);
    CHECK(imposed->at(1).rpps == QLatin1String("10000000001"));
    CHECK(imposed->at(1).documentType == liaison);
    CHECK(std::all_of(imposed->begin(), imposed->end(), [](const Rule& r) { return r.imposed; }));
    auto all = f.directory.rules();
    REQUIRE(all);
    REQUIRE(all->size() == 3); // the imposed two, and the ordonnance's own
    CHECK(std::count_if(all->begin(), all->end(), [](const Rule& r) { return r.imposed; }) == 2);
    CHECK(std::any_of(all->begin(), all->end(), [&](const Rule& r) {
        return r.documentType == ordonnance && r.recipient == RecipientKind::PatientMailbox && !r.imposed;
    }));
    // Changing the imposed type is refused, and says who decides; the other type stays editable.
    auto set = f.directory.setRules(liaison, {Rule{{}, RecipientKind::PatientMailbox, {}}}, QStringLiteral("bob"));
    REQUIRE_FALSE(set);
    CHECK(set.error().code == ErrorCode::PermissionDenied);
    CHECK(set.error().userMessage.contains(QStringLiteral("administrateur")));
    auto removed = f.directory.removeRules(liaison, {Rule{{}, RecipientKind::PatientDmp, {}}}, QStringLiteral("bob"));
    REQUIRE_FALSE(removed);
    CHECK(removed.error().code == ErrorCode::PermissionDenied);
    CHECK(f.directory.setRules(ordonnance, {Rule{{}, RecipientKind::Gp, {}}}, QStringLiteral("bob")));
    // Set by a settings file rather than IT's policies: refused too, pointing at the file.
    f.directory.imposeRules({{liaison, {Rule{{}, RecipientKind::Gp, {}}}}}, {});
    set = f.directory.setRules(liaison, {Rule{{}, RecipientKind::PatientMailbox, {}}}, QStringLiteral("bob"));
    REQUIRE_FALSE(set);
    CHECK(set.error().userMessage.contains(QStringLiteral("[rules]")));
    // Nothing imposed any more: the directory's own rule is back, untouched.
    f.directory.imposeRules({}, {});
    auto own = f.directory.rules(liaison);
    REQUIRE(own);
    REQUIRE(own->size() == 1);
    CHECK(own->front().recipient == RecipientKind::Gp);
    CHECK_FALSE(own->front().imposed);
}

TEST_CASE("local additions are matched, marked local and reachable", "[unit][directory]")
{
    Fixture f;
    f.populate();
    Professional p;
    p.familyName = QStringLiteral("MÜLLER");
    p.givenName = QStringLiteral("Hans");
    p.titleCode = QStringLiteral("DR");
    p.professionLabel = QString::fromUtf8("Médecin");
    p.addressLines = {QStringLiteral("Rue du Rhône 1")};
    p.postcode = QStringLiteral("1204");
    p.city = QString::fromUtf8("Genève");
    p.mailboxes = {Mailbox{QStringLiteral("h.muller@hug.example.ch"), MailboxType::Personal, {}, {}}};
    auto id = f.directory.addLocal(p, QStringLiteral("alice"));
    REQUIRE(id);
    CHECK(id->startsWith(QLatin1Char('L')));
    const auto result = f.match(named("Dr Hans MULLER"));
    REQUIRE(first(result) == *id);
    CHECK(result.candidates.first().professional.local);
    auto channels = f.directory.channels(*id);
    REQUIRE(channels);
    CHECK(channels->first().address == QLatin1String("h.muller@hug.example.ch"));
    auto history = f.directory.history(*id);
    REQUIRE(history);
    CHECK(history->size() == 1);

    // With a known RPPS: refused when already in the directory.
    p.rpps = QStringLiteral("10000000001");
    CHECK(f.directory.addLocal(p, {}).error().code == ErrorCode::InvalidArgument);
    p.rpps = QStringLiteral("10000000777");
    auto second = f.directory.addLocal(p, {});
    REQUIRE(second);
    CHECK(*second == QLatin1String("10000000777"));
    Professional nameless;
    CHECK_FALSE(f.directory.addLocal(nameless, {}));
}

TEST_CASE("the database path comes from --db, then MISSIVE_DB, then the user's data directory", "[unit][directory]")
{
    qunsetenv("MISSIVE_DB");
    const QString fallback = databasePath();
    CHECK(fallback.endsWith(QLatin1String("/directory.db")));
    CHECK(fallback.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    qputenv("MISSIVE_DB", "/tmp/from-env.db");
    CHECK(databasePath() == QLatin1String("/tmp/from-env.db"));
    CHECK(databasePath(QStringLiteral("/tmp/explicit.db")) == QLatin1String("/tmp/explicit.db"));
    qunsetenv("MISSIVE_DB");
}

TEST_CASE("a name shared by more professionals than one lookup reads is narrowed by the place",
          "[unit][directory][match]")
{
    Fixture f;
    auto rows = population();
    for (int i = 0; i < 150; ++i) {
        const std::string postcode = std::to_string(75001 + i % 20);
        rows.push_back(doctor(std::to_string(20000000000LL + i), "ROBERT", "Louise", "SM54",
                              "Qualifié en Médecine Générale", postcode, "PARIS"));
    }
    rows.push_back(
        doctor("20000000999", "ROBERT", "Louise", "SM54", "Qualifié en Médecine Générale", "26000", "VALENCE"));
    f.import("PS_LibreAcces_Personne_activite.txt", activityFile(rows));

    MatchQuery valence = named("Dr Louise ROBERT");
    valence.city = QStringLiteral("Valence");
    const auto found = f.match(valence);
    CHECK(first(found) == QLatin1String("20000000999"));
    CHECK(found.autoSelected);
    // Without a place, the candidates cannot all be read: never an automatic choice.
    const auto anywhere = f.match(named("Dr Louise ROBERT"));
    CHECK(anywhere.candidates.size() == 5);
    CHECK_FALSE(anywhere.autoSelected);
    // In Paris, 150 homonyms: a choice for the secretary.
    MatchQuery paris = named("Dr Louise ROBERT");
    paris.city = QStringLiteral("Paris");
    CHECK_FALSE(f.match(paris).autoSelected);
}

TEST_CASE("moving from the old to the new layout updates rows instead of replacing them", "[unit][directory]")
{
    Fixture f;
    f.import("PS_LibreAcces_Personne_activite_old.txt", activityFile(population(), 52));
    REQUIRE(f.directory.prefer(QStringLiteral("10000000005"), ChannelKind::Postal, {}, {}, QStringLiteral("alice")));
    const auto report = f.import("PS_LibreAcces_Personne_activite_new.txt", activityFile(population(), 56));
    CHECK(report.counts.added == 0);
    CHECK(report.counts.retired == 0);
    CHECK(report.counts.personsRetired == 0);
    CHECK(report.counts.updated == 17);
    auto pref = f.directory.preference(QStringLiteral("10000000005"));
    REQUIRE(pref);
    CHECK(pref->has_value());
}

TEST_CASE("a professional whose rows are not contiguous keeps every practice", "[unit][directory]")
{
    Fixture f;
    auto a1 = doctor("30000000001", "VASSEUR", "Inès", "SM54", "Qualifié en Médecine Générale", "80000", "AMIENS");
    auto b = doctor("30000000002", "COUSIN", "Rémi", "SM54", "Qualifié en Médecine Générale", "80000", "AMIENS");
    auto a2 = a1;
    a2.structureId = "RSECOND";
    a2.postcode = "60000";
    a2.city = "BEAUVAIS";
    for (int round = 0; round < 2; ++round) {
        INFO("round " << round); // first import (bulk path), then a re-import (incremental path)
        if (round == 1) {
            a2.streetName = "RUE NEUVE"; // a change, so that the second run rewrites the rows
        }
        const auto report = f.import("PS_LibreAcces_Personne_activite.txt", activityFile({a1, b, a2}));
        CHECK(report.counts.persons == 2);
        CHECK(report.counts.retired == 0);
        MatchQuery beauvais = named("Inès VASSEUR");
        beauvais.city = QStringLiteral("Beauvais");
        const auto result = f.match(beauvais);
        CHECK(first(result) == QLatin1String("30000000001"));
        CHECK(result.candidates.first().professional.city == QLatin1String("BEAUVAIS"));
        auto practices = f.directory.practices(QStringLiteral("30000000001"));
        REQUIRE(practices);
        CHECK(practices->size() == 2);
    }
    // Dropping the second practice retires it, and only it.
    const auto report = f.import("PS_LibreAcces_Personne_activite.txt", activityFile({a1, b}));
    CHECK(report.counts.retired == 1);
    CHECK(report.counts.personsRetired == 0);
}

TEST_CASE("a Latin-1 line is read as Latin-1 and a ZIP archive is named as such", "[unit][directory]")
{
    Fixture f;
    auto a = doctor("40000000001", "BÉRARD", "Zoé", "SM54", "Qualifié en Médecine Générale", "05000", "GAP");
    std::string line = an::activityLine(a, 56);
    // Re-encode the line in Latin-1 (É = 0xC9, é = 0xE9), as some older extracts were.
    std::string latin1;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        if (c == 0xC3 && i + 1 < line.size()) {
            latin1 += static_cast<char>(static_cast<unsigned char>(line[++i]) + 0x40);
        } else {
            latin1 += line[i];
        }
    }
    const auto report =
        f.import("PS_LibreAcces_Personne_activite_latin1.txt", an::personneActiviteHeader(56) + "\n" + latin1 + "\n");
    CHECK(report.counts.added == 1);
    auto p = f.directory.professional(QStringLiteral("40000000001"));
    REQUIRE(p);
    REQUIRE(*p);
    CHECK((*p)->familyName == QString::fromUtf8("BÉRARD"));
    CHECK((*p)->givenName == QString::fromUtf8("Zoé"));

    test::writeFile(f.dir / "PS_LibreAcces_202611230000.zip", std::string("PK\x03\x04\x14\x00", 6) + "...");
    auto zip = f.directory.importFile(q(f.dir / "PS_LibreAcces_202611230000.zip"));
    REQUIRE_FALSE(zip);
    CHECK(zip.error().userMessage.contains(QLatin1String("ZIP")));
}

TEST_CASE("a directory of the previous schema is migrated in place: its data kept, the staff table added",
          "[unit][directory][sqlite]")
{
    Fixture f;
    f.populate();
    REQUIRE(f.directory.prefer(QStringLiteral("10000000001"), ChannelKind::Postal, {}, {}, QStringLiteral("it")));
    // Back to version 1, as a workstation installed before the staff table would have it.
    {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open_v2(f.db.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
        std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
        REQUIRE(sqlite3_exec(db.get(), "DROP TABLE staff; PRAGMA user_version = 1;", nullptr, nullptr, nullptr)
                == SQLITE_OK);
    }
    auto reopened = Directory::open(f.location);
    REQUIRE(reopened);
    auto staff = reopened->staff();
    REQUIRE(staff);
    CHECK(staff->isEmpty());
    REQUIRE(reopened->addStaff(QStringLiteral("10000000002"), QStringLiteral("secretaire")));
    auto stats = reopened->stats();
    REQUIRE(stats);
    CHECK(stats->persons == 16);
    auto kept = reopened->preference(QStringLiteral("10000000001"));
    REQUIRE(kept);
    REQUIRE(kept->has_value());
    CHECK((*kept)->channel == ChannelKind::Postal);
}

// ---- The machine's shared directory (a .deb's /var/lib/missive/directory.db) ----

namespace
{

std::string fileBytes(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Directory openOwn(const fs::path& own, const fs::path& shared)
{
    auto opened = Directory::open(q(own), {}, q(shared));
    INFO((opened ? QString() : opened.error().userMessage).toStdString());
    REQUIRE(opened);
    return std::move(*opened);
}

} // namespace

TEST_CASE("the machine's shared directory is read under each user's base, which keeps only what is theirs",
          "[unit][directory][sqlite]")
{
    TempDir dir("missive-shared-directory");
    const fs::path folder = dir / "lib";
    fs::create_directory(folder);
    ::chmod(folder.c_str(), 0750);
    const fs::path shared = folder / "directory.db";
    test::writeFile(dir / "PS_LibreAcces_Personne_activite_202611230000.txt", activityFile(population()));
    test::writeFile(dir / "Extraction_Correspondance_MSSante_202611230000.txt", mailboxFile(mailboxes()));

    // Imported once, published readable by the folder's group, in rollback-journal mode.
    auto published = updateSharedDirectory(q(shared), {q(dir / "PS_LibreAcces_Personne_activite_202611230000.txt"),
                                                       q(dir / "Extraction_Correspondance_MSSante_202611230000.txt")});
    INFO((published ? QString() : published.error().userMessage).toStdString());
    REQUIRE(published);
    CHECK(published->size() == 2);
    struct stat st = {};
    REQUIRE(::stat(shared.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);
    CHECK(fileBytes(shared).substr(18, 2) == std::string("\x01\x01", 2)); // not WAL: read without write access
    const auto leftovers = [&] {
        int n = 0;
        for (const auto& entry : fs::directory_iterator(folder)) {
            n += entry.path().filename().string().find(".new-") != std::string::npos ? 1 : 0;
        }
        return n;
    };
    CHECK(leftovers() == 0);

    // Two users read it without importing; what each adds or teaches stays in their own base.
    Directory alice = openOwn(dir / "alice" / "directory.db", shared);
    Directory bob = openOwn(dir / "bob" / "directory.db", shared);
    MatchQuery lyon = named("Dr Jean MARTIN");
    lyon.city = QStringLiteral("LYON");
    for (Directory* user : {&alice, &bob}) {
        auto result = user->match(lyon);
        REQUIRE(result);
        CHECK(result->autoSelected);
        CHECK(first(*result) == QLatin1String("10000000002"));
        auto channels = user->channels(QStringLiteral("10000000002"));
        REQUIRE(channels);
        REQUIRE_FALSE(channels->isEmpty());
        CHECK(channels->first().address == QLatin1String("jean.martin@medecin.mssante.fr"));
    }
    Professional muller;
    muller.familyName = QStringLiteral("MÜLLER");
    muller.givenName = QStringLiteral("Hans");
    muller.titleCode = QStringLiteral("DR");
    muller.postcode = QStringLiteral("1204");
    muller.city = QString::fromUtf8("Genève");
    muller.mailboxes = {Mailbox{QStringLiteral("h.muller@hug.example.ch"), MailboxType::Personal, {}, {}}};
    auto local = alice.addLocal(muller, QStringLiteral("alice"));
    REQUIRE(local);
    auto aliceMuller = alice.match(named("Dr Hans MULLER"));
    REQUIRE(aliceMuller);
    CHECK(first(*aliceMuller) == *local);
    auto aliceChannels = alice.channels(*local);
    REQUIRE(aliceChannels);
    CHECK(aliceChannels->value(0).address == QLatin1String("h.muller@hug.example.ch"));
    auto bobMuller = bob.match(named("Dr Hans MULLER"));
    REQUIRE(bobMuller);
    CHECK_FALSE(contains(*bobMuller, local->toUtf8().constData()));
    REQUIRE(
        alice.recordConfirmation(QStringLiteral("10000000002"), ChannelKind::Postal, {}, {}, QStringLiteral("alice")));
    auto alicePref = alice.preference(QStringLiteral("10000000002"));
    REQUIRE(alicePref);
    CHECK(alicePref->has_value());
    auto bobPref = bob.preference(QStringLiteral("10000000002"));
    REQUIRE(bobPref);
    CHECK_FALSE(bobPref->has_value());
    muller.rpps = QStringLiteral("10000000001"); // in the shared extracts
    CHECK(alice.addLocal(muller, {}).error().code == ErrorCode::InvalidArgument);

    // A user imports nothing into a layered directory: the service does, once.
    auto refused = alice.importFile(q(dir / "PS_LibreAcces_Personne_activite_202611230000.txt"));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::PermissionDenied);
    auto stats = alice.stats();
    REQUIRE(stats);
    CHECK(stats->shared == q(shared));
    CHECK(stats->local == 1);
    CHECK(stats->preferences == 1);
    auto sharedAlone = Directory::openShared(q(shared));
    REQUIRE(sharedAlone);
    auto sharedStats = sharedAlone->stats();
    REQUIRE(sharedStats);
    CHECK(sharedStats->persons == 16);
    CHECK(stats->persons == sharedStats->persons + 1);
    {
        auto ownOnly = Directory::open(q(dir / "alice" / "directory.db"));
        REQUIRE(ownOnly);
        auto ownStats = ownOnly->stats();
        REQUIRE(ownStats);
        CHECK(ownStats->persons == 1); // the local addition alone: no extract copied per user
    }

    // An update replaces the file: a connection open on the old one keeps reading it, and a program
    // that stays open (the app) reads the new one at its next search.
    auto more = population();
    more.push_back(doctor("10000000099", "NOUVEAU", "Paul", "SM54", "Qualifié en Médecine Générale", "51100", "REIMS"));
    test::writeFile(dir / "PS_LibreAcces_Personne_activite_202611240000.txt", activityFile(more));
    auto held = Directory::openShared(q(shared));
    REQUIRE(held);
    REQUIRE(held->stats()); // a read before the update
    REQUIRE(updateSharedDirectory(q(shared), {q(dir / "PS_LibreAcces_Personne_activite_202611240000.txt")}));
    auto stillOld = held->professional(QStringLiteral("10000000099"));
    REQUIRE(stillOld);
    CHECK_FALSE(stillOld->has_value());
    auto seenByBob = bob.professional(QStringLiteral("10000000099"));
    REQUIRE(seenByBob);
    CHECK(seenByBob->has_value());
    Directory carol = openOwn(dir / "carol" / "directory.db", shared);
    auto after = carol.professional(QStringLiteral("10000000099"));
    REQUIRE(after);
    CHECK(after->has_value());
    REQUIRE(::stat(shared.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);

    // A failed import leaves the published base as it was, and no copy behind.
    const std::string published2 = fileBytes(shared);
    test::writeFile(dir / "PS_LibreAcces_Personne_activite_202611250000.txt", "not|an|extract\n");
    auto failed = updateSharedDirectory(q(shared), {q(dir / "PS_LibreAcces_Personne_activite_202611250000.txt")});
    CHECK_FALSE(failed);
    CHECK(fileBytes(shared) == published2);
    CHECK(leftovers() == 0);

    // One update at a time.
    {
        const int lock = ::open((shared.string() + ".lock").c_str(), O_RDWR | O_CLOEXEC);
        REQUIRE(lock >= 0);
        REQUIRE(::flock(lock, LOCK_EX) == 0);
        auto busy = updateSharedDirectory(q(shared), {});
        ::close(lock);
        REQUIRE_FALSE(busy);
        CHECK(busy.error().code == ErrorCode::Unavailable);
    }

    // The shared file named as a base of its own is read as published, never made private nor written.
    qputenv("MISSIVE_SHARED_DB", shared.c_str());
    {
        auto direct = Directory::open(q(shared));
        REQUIRE(direct);
        CHECK(direct->importFile(q(dir / "PS_LibreAcces_Personne_activite_202611240000.txt")).error().code
              == ErrorCode::PermissionDenied);
    }
    qunsetenv("MISSIVE_SHARED_DB");
    REQUIRE(::stat(shared.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);
    CHECK(fileBytes(shared) == published2);
}
