#pragma once
// The embedded store: one SQLite file (WAL, mode 0600 in a 0700 directory), schema versioned by
// PRAGMA user_version and migrated in a transaction, every value bound, FTS5 trigram index on names.

#include "missive/directory/store.h"

namespace missive::directory
{

inline constexpr int SqliteSchemaVersion = 2;

// Opens (creating it if missing) the directory database at `path`.
[[nodiscard]] Result<std::unique_ptr<Store>> openSqliteStore(const QString& path);

} // namespace missive::directory
