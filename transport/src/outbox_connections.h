#pragma once
// Where the outbox's connection comes from: the workstation's SQLite file, or a hospital group's
// PostgreSQL base through the module outbox-postgres.so (outbox_postgres_module.h).

#include "sql_connection.h"

namespace missive::transport
{

// "postgresql://…" or "postgres://…".
[[nodiscard]] bool isSharedOutboxUrl(const QString& location);

// Creates the file 0600 (its directory 0700) if missing, refuses one others may read, migrates.
[[nodiscard]] Result<std::unique_ptr<SqlConnection>> openSqliteOutbox(const QString& path);

// Loads the module once, connects (TLS verified over TCP) and migrates the shared schema.
[[nodiscard]] Result<std::unique_ptr<SqlConnection>> openPostgresOutbox(const QString& url, const QByteArray& password);

} // namespace missive::transport
