#pragma once
// The shared store of a hospital group: one PostgreSQL database for every workstation. Same
// schema and rules as the SQLite store; imports are staged with COPY and applied in one
// transaction (readers keep the previous version until it commits); names are searched through
// a pg_trgm index. Connections over TCP must verify the server's certificate.

#include "missive/directory/store.h"

namespace missive::directory
{

inline constexpr int PostgresSchemaVersion = 3;

// Connects and migrates the schema (creating it in an empty database). `password`, when not
// empty, is given to libpq beside the URL (from the keychain: never written in the URL).
[[nodiscard]] Result<std::unique_ptr<Store>> openPostgresStore(const QString& url, const QByteArray& password = {});

// `missive storage migrate`: a workstation's SQLite directory (extracts, local additions,
// preferences, rules, learned staff, confirmations and the history of every change) copied into
// an empty PostgreSQL base in one transaction, the counts checked table by table before it commits.
[[nodiscard]] Result<QList<TableCopy>> migrateSqliteToPostgres(const QString& sqlitePath, const QString& url,
                                                               const QByteArray& password = {});

} // namespace missive::directory
