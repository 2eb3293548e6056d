#pragma once
// The one SQLite helper both stores use (the directory, directory/src/sqlite_store.cpp, and the
// outbox, transport/src/outbox.cpp): statements run with errors as Results, and versioned
// migrations. A database records its schema version in PRAGMA user_version (and, when the store
// says so, its owner in PRAGMA application_id); each migration runs in its own IMMEDIATE
// transaction together with the version it reaches, so that a crash leaves the database at one
// version or the next, never between.

#include "missive/core/result.h"

#include <QString>
#include <optional>
#include <span>
#include <sqlite3.h>

namespace missive::sqlite
{

struct Migration
{
    int version;     // the version this step reaches: 1, 2, … in order
    const char* sql; // one or more statements
};

struct Schema
{
    std::span<const Migration> migrations;
    // Written with every step and required of a database that has a version; a database without
    // one must then be empty (another program's file is refused, not overwritten).
    std::optional<qint64> applicationId;
    QString what; // French, for messages: "la file d'envoi", "l'annuaire /chemin"
};

// Runs `sql` (one or more statements). Errors: Io, with the message "erreur de <what>".
[[nodiscard]] Result<void> exec(sqlite3* db, const char* sql, const QString& what);

// The single integer a PRAGMA or a query answers.
[[nodiscard]] Result<qint64> queryInteger(sqlite3* db, const char* sql, const QString& what);

// Brings `db` to the last migration's version; returns the version it had. Refused (Integrity):
// a database of a newer Missive, of another application, or with tables but no version.
[[nodiscard]] Result<qint64> migrate(sqlite3* db, const Schema& schema);

} // namespace missive::sqlite
