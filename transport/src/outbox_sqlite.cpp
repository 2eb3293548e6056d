#include "missive/core/c_handle.h"
#include "missive/core/sqlite_schema.h"
#include "outbox_connections.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace missive::transport
{
namespace
{

constexpr int SchemaVersion = 6;

// Every statement of version 1, applied in one transaction.
const char* const SchemaV1 = R"SQL(
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    unique_id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    file_name TEXT NOT NULL,
    pdf BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    xdm BLOB,
    code_cda TEXT NOT NULL DEFAULT '',
    qualified_ins INTEGER NOT NULL DEFAULT 0,
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    channel TEXT NOT NULL CHECK (channel IN ('mssante', 'dmp', 'postal')),
    recipient TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    last_error_code TEXT NOT NULL DEFAULT '',
    permanent INTEGER NOT NULL DEFAULT 0,
    postal_address TEXT NOT NULL DEFAULT '',
    no_reply INTEGER NOT NULL DEFAULT 0,
    fallback_of INTEGER REFERENCES deliveries(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    sent_at TEXT NOT NULL DEFAULT '',
    tracking TEXT NOT NULL DEFAULT '',
    tracking_detail TEXT NOT NULL DEFAULT '',
    UNIQUE (document_id, channel, recipient)
);
CREATE INDEX deliveries_due ON deliveries(state, next_attempt_at);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)SQL";

// Version 2: the document's facts (identity, author, identifiers) as JSON, for the DMP driver that
// rebuilds the CDA at each attempt. Empty for rows queued by version 1 (no DMP rows then).
const char* const SchemaV2 = "ALTER TABLE documents ADD COLUMN input_json TEXT NOT NULL DEFAULT ''";
// Version 3: the sending service (per-service figures of the dashboard).
const char* const SchemaV3 = "ALTER TABLE documents ADD COLUMN service TEXT NOT NULL DEFAULT ''";
// Version 4: whether a `sending` row's message was handed over whole (crash-window duplicates).
const char* const SchemaV4 = "ALTER TABLE deliveries ADD COLUMN handed_over INTEGER NOT NULL DEFAULT 0";
// Version 5: the spool job a document was printed as, so that a delivery leads back to its print.
const char* const SchemaV5 = "ALTER TABLE documents ADD COLUMN spool_job_id TEXT NOT NULL DEFAULT ''";
// Version 6: which sender claimed a `sending` row (0 here: one runner per file; on a shared base,
// the sender's number, see OutboxConnection::runnerId).
const char* const SchemaV6 = "ALTER TABLE deliveries ADD COLUMN claimed_by INTEGER NOT NULL DEFAULT 0";

using StmtHandle = CHandle<sqlite3_stmt, sqlite3_finalize>;

class SqliteConnection final : public SqlConnection
{
public:
    explicit SqliteConnection(QString path)
        : m_path(std::move(path))
    {
    }
    ~SqliteConnection() override
    {
        sqlite3_close_v2(m_db);
    }
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    sqlite3** handle()
    {
        return &m_db;
    }
    sqlite3* db() const
    {
        return m_db;
    }

    SqlDialect dialect() const override
    {
        return SqlDialect::Sqlite;
    }
    QString location() const override
    {
        return m_path;
    }
    qint64 runnerId() const override
    {
        return 0;
    }

    Result<SqlRows> run(const char* sql, const SqlParams& params) override
    {
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &raw, nullptr) != SQLITE_OK) {
            return error("prepare");
        }
        StmtHandle stmt(raw);
        for (std::size_t i = 0; i < params.size(); ++i) {
            const SqlValue& v = params[i];
            const int index = static_cast<int>(i) + 1;
            switch (v.kind) {
            case SqlValue::Kind::Null:
                sqlite3_bind_null(raw, index);
                break;
            case SqlValue::Kind::Integer:
                sqlite3_bind_int64(raw, index, v.integer);
                break;
            case SqlValue::Kind::Text:
                sqlite3_bind_text(raw, index, v.bytes.constData(), static_cast<int>(v.bytes.size()), SQLITE_TRANSIENT);
                break;
            case SqlValue::Kind::Blob:
                sqlite3_bind_blob64(raw, index, v.bytes.constData(), static_cast<sqlite3_uint64>(v.bytes.size()),
                                    SQLITE_TRANSIENT);
                break;
            }
        }
        std::vector<std::vector<SqlValue>> rows;
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
            std::vector<SqlValue> row;
            const int columns = sqlite3_column_count(raw);
            for (int c = 0; c < columns; ++c) {
                switch (sqlite3_column_type(raw, c)) {
                case SQLITE_NULL:
                    row.push_back({});
                    break;
                case SQLITE_INTEGER:
                    row.push_back(SqlValue::of(static_cast<qint64>(sqlite3_column_int64(raw, c))));
                    break;
                case SQLITE_BLOB: {
                    const void* p = sqlite3_column_blob(raw, c);
                    row.push_back(SqlValue::blob(
                        p ? QByteArray(static_cast<const char*>(p), sqlite3_column_bytes(raw, c)) : QByteArray("")));
                    break;
                }
                default: {
                    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(raw, c));
                    row.push_back({SqlValue::Kind::Text, 0, QByteArray(p ? p : "", sqlite3_column_bytes(raw, c))});
                }
                }
            }
            rows.push_back(std::move(row));
        }
        if (rc != SQLITE_DONE) {
            return error("step");
        }
        return SqlRows(std::move(rows), sqlite3_changes(m_db));
    }

    Result<void> begin() override
    {
        return sqlite::exec(m_db, "BEGIN IMMEDIATE", QStringLiteral("la file d'envoi"));
    }
    Result<void> commit() override
    {
        return sqlite::exec(m_db, "COMMIT", QStringLiteral("la file d'envoi"));
    }
    void rollback() override
    {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    }

    [[nodiscard]] tl::unexpected<Error> error(const char* what) const
    {
        const int code = sqlite3_extended_errcode(m_db);
        const ErrorCode kind = (code & 0xff) == SQLITE_FULL ? ErrorCode::NoSpace
                               : (code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB
                                   ? ErrorCode::Integrity
                                   : ErrorCode::Io;
        return makeError(kind, QStringLiteral("erreur de la file d'envoi (base SQLite)"),
                         QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(m_db))));
    }

private:
    QString m_path;
    sqlite3* m_db = nullptr;
};

} // namespace

bool isSharedOutboxUrl(const QString& location)
{
    return location.startsWith(QLatin1String("postgresql://")) || location.startsWith(QLatin1String("postgres://"));
}

Result<std::unique_ptr<SqlConnection>> openSqliteOutbox(const QString& path)
{
    const QFileInfo info(path);
    const QString dir = info.absolutePath();
    if (!QDir().mkpath(dir)) {
        return makeError(ErrorCode::Io, QStringLiteral("impossible de créer le dossier de la file d'envoi %1").arg(dir),
                         QStringLiteral("mkpath outbox dir"));
    }
    // Created by us with 0600 before SQLite sees it; SQLite gives -wal and -shm the same mode.
    const QByteArray name = QFile::encodeName(info.absoluteFilePath());
    const int fd = ::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        return makeError(errno == EACCES ? ErrorCode::PermissionDenied : ErrorCode::Io,
                         QStringLiteral("impossible d'ouvrir la file d'envoi %1").arg(path),
                         QStringLiteral("open outbox: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    struct stat st
    {
    };
    const bool statOk = ::fstat(fd, &st) == 0;
    ::close(fd);
    if (!statOk || (st.st_mode & 077) != 0 || st.st_uid != ::geteuid()) {
        return makeError(
            ErrorCode::UnsafePath,
            QStringLiteral("la file d'envoi %1 doit appartenir à l'utilisateur avec le mode 0600").arg(path),
            QStringLiteral("outbox mode or owner unsafe"));
    }

    auto db = std::make_unique<SqliteConnection>(info.absoluteFilePath());
    if (sqlite3_open_v2(name.constData(), db->handle(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, nullptr)
        != SQLITE_OK) {
        return db->error("sqlite3_open_v2");
    }
    sqlite3_busy_timeout(db->db(), 10000);
    // WAL: readers never block the runner; synchronous=FULL: a committed state survives a power cut.
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (auto ok = sqlite::exec(db->db(), pragma, QStringLiteral("la file d'envoi")); !ok) {
            return tl::unexpected(ok.error());
        }
    }
    // Each step in its own transaction, with the version it reaches.
    const sqlite::Migration Migrations[] = {{1, SchemaV1}, {2, SchemaV2}, {3, SchemaV3},
                                            {4, SchemaV4}, {5, SchemaV5}, {6, SchemaV6}};
    static_assert(std::size(Migrations) == SchemaVersion);
    if (auto migrated = sqlite::migrate(db->db(), {Migrations, std::nullopt, QStringLiteral("la file d'envoi")});
        !migrated) {
        return tl::unexpected(migrated.error());
    }
    return std::unique_ptr<SqlConnection>(std::move(db));
}

} // namespace missive::transport
