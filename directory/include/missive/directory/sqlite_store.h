#pragma once
// The embedded store: one SQLite file (WAL, mode 0600 in a 0700 directory), schema versioned by
// PRAGMA user_version and migrated in a transaction, every value bound, FTS5 trigram index on names.

#include "missive/directory/store.h"

namespace missive::directory
{

inline constexpr int SqliteSchemaVersion = 2;

enum class SqliteAccess
{
    Private,   // a user's base: created 0600 in a 0700 directory (mode tightened if looser)
    Published, // a copy of the shared directory being updated: its mode (0640) is left as created
    ReadOnly,  // the machine's shared directory as every user reads it: never written, not migrated
};

// Opens (creating it if missing, unless ReadOnly) the directory database at `path`.
[[nodiscard]] Result<std::unique_ptr<Store>> openSqliteStore(const QString& path,
                                                             SqliteAccess access = SqliteAccess::Private);

} // namespace missive::directory
