#pragma once
// The tests labelled `postgres` run against the private cluster of tests/support/postgres-cluster.sh;
// MISSIVE_TEST_POSTGRES names its state file (set by CTest for those tests only).

#include <filesystem>
#include <string>

namespace missive::test
{

// True when this test process runs against the PostgreSQL cluster.
[[nodiscard]] bool usingPostgres();
// The cluster's socket directory.
[[nodiscard]] std::string postgresSocketDir();
// A new, empty database on the cluster; returns its libpq URL.
[[nodiscard]] std::string freshPostgresDatabase();
// Where a test keeps a store it would otherwise keep in `file` (an outbox, a directory): that
// file, or under the label `postgres` a fresh database of the cluster, the same one for the same
// file all along the test process. The suites run twice this way, once on each back end.
[[nodiscard]] std::string storage(const std::filesystem::path& file);
// The configuration section that puts the outbox there: "[outbox] path = FILE" or, on the
// cluster, "[storage] url = URL" (a group's shared base).
[[nodiscard]] std::string outboxSection(const std::filesystem::path& file);
// Runs SQL on the store `storage(file)` named, on whichever back end it is (sqlite3 for a file).
std::string storageExec(const std::filesystem::path& file, const std::string& sql);
// Runs SQL as the cluster's superuser on a database (the server's own "postgres" when empty);
// returns the first column of the first row, or throws std::runtime_error.
std::string postgresExec(const std::string& sql, const std::string& database = {});

} // namespace missive::test
