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

} // namespace missive::pg
