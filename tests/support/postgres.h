#pragma once
// The tests labelled `postgres` run against the private cluster of tests/support/postgres-cluster.sh;
// MISSIVE_TEST_POSTGRES names its state file (set by CTest for those tests only).

#include <string>

namespace missive::test
{

// True when this test process runs against the PostgreSQL cluster.
[[nodiscard]] bool usingPostgres();
// The cluster's socket directory.
[[nodiscard]] std::string postgresSocketDir();
// A new, empty database on the cluster; returns its libpq URL.
[[nodiscard]] std::string freshPostgresDatabase();
// Runs SQL as the cluster's superuser on a database (the server's own "postgres" when empty);
// returns the first column of the first row, or throws std::runtime_error.
std::string postgresExec(const std::string& sql, const std::string& database = {});

} // namespace missive::test
