#pragma once
// Connecting to a hospital group's PostgreSQL base, the same way for the directory's and the
// outbox's modules (they alone link libpq): over TCP only with the server's certificate verified
// (sslmode verify-full or verify-ca, refused before any connection otherwise), a Unix socket as
// is; the password given beside the URL, never in it; errors that say what to fix.

#include "missive/core/c_handle.h"
#include "missive/core/result.h"

#include <QByteArray>
#include <QString>
#include <libpq-fe.h>

namespace missive::pg
{

using Connection = CHandle<PGconn, PQfinish>;

// `what` names the base in messages, in French: "de l'annuaire", "de la file d'envoi".
[[nodiscard]] Result<Connection> connect(const QString& url, const QByteArray& password, const QString& what);

// Inside the caller's transaction (holding its migration lock): the schema version `component`
// ("directory", "outbox") has reached, 0 for none; the version table is created only when missing,
// so that a workstation's role without the right to create tables can open a migrated base.
[[nodiscard]] Result<qint64> schemaVersion(PGconn* conn, const char* component);
[[nodiscard]] Result<void> setSchemaVersion(PGconn* conn, const char* component, qint64 version);

} // namespace missive::pg
