#include "missive/core/c_handle.h"
#include "missive/core/sqlite_schema.h"
#include "support.h"

#include <catch2/catch.hpp>

using namespace missive;
using Db = CHandle<sqlite3, sqlite3_close_v2>;

namespace
{

Db openDb(const std::filesystem::path& path)
{
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    return Db(raw);
}

qint64 version(sqlite3* db)
{
    return *sqlite::queryInteger(db, "PRAGMA user_version", QStringLiteral("la base"));
}

} // namespace

TEST_CASE("migrations run in order, each with its version, and a failing step changes nothing", "[unit][sqlite]")
{
    test::TempDir dir;
    const auto file = dir / "store.sqlite";
    const sqlite::Migration good[] = {{1, "CREATE TABLE a(x)"}, {2, "ALTER TABLE a ADD COLUMN y"}};
    {
        Db db = openDb(file);
        auto from = sqlite::migrate(db.get(), {good, 1234, QStringLiteral("la base de test")});
        REQUIRE(from);
        CHECK(*from == 0);
        CHECK(version(db.get()) == 2);
        CHECK(*sqlite::queryInteger(db.get(), "PRAGMA application_id", {}) == 1234);
        // Run again: nothing to do.
        CHECK(*sqlite::migrate(db.get(), {good, 1234, QStringLiteral("la base de test")}) == 2);
    }
    // Step 3 fails half-way: the database stays at version 2 with none of step 3's changes.
    const sqlite::Migration broken[] = {{1, "CREATE TABLE a(x)"},
                                        {2, "ALTER TABLE a ADD COLUMN y"},
                                        {3, "CREATE TABLE b(z); INSERT INTO nowhere VALUES (1)"}};
    Db db = openDb(file);
    auto failed = sqlite::migrate(db.get(), {broken, 1234, QStringLiteral("la base de test")});
    REQUIRE_FALSE(failed);
    CHECK(failed.error().code == ErrorCode::Io);
    CHECK(version(db.get()) == 2);
    CHECK(*sqlite::queryInteger(db.get(), "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'b'", {}) == 0);

    // A newer Missive's database, and another program's, are refused untouched.
    auto newer = sqlite::migrate(db.get(), {std::span(good, 1), 1234, QStringLiteral("la base de test")});
    REQUIRE_FALSE(newer);
    CHECK(newer.error().code == ErrorCode::Integrity);
    CHECK(newer.error().userMessage.startsWith(QStringLiteral("La base de test : base créée par une version")));
    auto foreign = sqlite::migrate(db.get(), {good, 99, QStringLiteral("la base de test")});
    REQUIRE_FALSE(foreign);
    CHECK(foreign.error().code == ErrorCode::Integrity);
    Db other = openDb(dir / "other.sqlite");
    REQUIRE(sqlite::exec(other.get(), "CREATE TABLE mine(x)", {}));
    CHECK_FALSE(sqlite::migrate(other.get(), {good, 1234, QStringLiteral("la base de test")}));
    CHECK(version(other.get()) == 0);
}
