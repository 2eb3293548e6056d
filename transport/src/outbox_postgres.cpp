// The outbox on a hospital group's PostgreSQL base, built into the module outbox-postgres.so
// (outbox_postgres_module.h): the connection the outbox's statements run on, its schema, and the
// session lock that tells a live sender from a dead one.

#include "missive/core/postgres_connect.h"
#include "outbox_postgres_module.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QUrl>
#include <cstdlib>
#include <string>

namespace missive::transport
{
namespace
{

Q_LOGGING_CATEGORY(lcSharedOutbox, "missive.transport.outbox.postgres", QtWarningMsg)

using ResultPtr = CHandle<PGresult, PQclear>;

// pg_advisory_lock(RunnerClass, runner): held by each sender's session while connected.
constexpr int RunnerClass = 19795; // "MS"
constexpr qint64 MigrationLock = 0x4D535644'0011;

// The whole schema, as the SQLite outbox reaches it at its version 6 (outbox_sqlite.cpp), with
// `created_by`: the database role that queued the letter.
const char* const SchemaV1 = R"SQL(
CREATE TABLE documents (
    id bigserial PRIMARY KEY,
    unique_id text NOT NULL UNIQUE,
    title text NOT NULL,
    file_name text NOT NULL,
    pdf bytea NOT NULL,
    sha256 text NOT NULL,
    xdm bytea,
    code_cda text NOT NULL DEFAULT '',
    qualified_ins integer NOT NULL DEFAULT 0,
    subject text NOT NULL DEFAULT '',
    body text NOT NULL DEFAULT '',
    created_at text NOT NULL,
    input_json text NOT NULL DEFAULT '',
    service text NOT NULL DEFAULT '',
    spool_job_id text NOT NULL DEFAULT '',
    created_by text NOT NULL DEFAULT current_user
);
CREATE TABLE deliveries (
    id bigserial PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents(id),
    channel text NOT NULL CHECK (channel IN ('mssante', 'dmp', 'postal')),
    recipient text NOT NULL,
    message_id text NOT NULL UNIQUE,
    state text NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at bigint NOT NULL,
    last_error text NOT NULL DEFAULT '',
    last_error_code text NOT NULL DEFAULT '',
    permanent integer NOT NULL DEFAULT 0,
    postal_address text NOT NULL DEFAULT '',
    no_reply integer NOT NULL DEFAULT 0,
    fallback_of bigint REFERENCES deliveries(id),
    created_at text NOT NULL,
    updated_at text NOT NULL,
    sent_at text NOT NULL DEFAULT '',
    tracking text NOT NULL DEFAULT '',
    tracking_detail text NOT NULL DEFAULT '',
    handed_over integer NOT NULL DEFAULT 0,
    claimed_by bigint NOT NULL DEFAULT 0,
    UNIQUE (document_id, channel, recipient)
);
CREATE INDEX deliveries_due ON deliveries(state, next_attempt_at);
CREATE INDEX deliveries_document ON deliveries(document_id);
CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
)SQL";

// Version 2: each secretary sees her service's letters only (row-level security). The roles of a
// service are listed in missive_service_member by `missive storage setup`; a relay is listed for
// the service '*'. The tables' owner (IT's administration role) is not bound by the policies.
const char* const SchemaV2 = R"SQL(
CREATE TABLE missive_service_member (
    role text NOT NULL,
    service text NOT NULL,
    PRIMARY KEY (role, service)
);
CREATE FUNCTION missive_sees(letter_service text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM missive_service_member m
                   WHERE m.role = session_user AND (m.service = letter_service OR m.service = '*'))
$$;
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE deliveries ENABLE ROW LEVEL SECURITY;
CREATE POLICY by_service ON documents USING (missive_sees(service)) WITH CHECK (missive_sees(service));
CREATE POLICY by_service ON deliveries
    USING (EXISTS (SELECT 1 FROM documents doc WHERE doc.id = document_id))
    WITH CHECK (EXISTS (SELECT 1 FROM documents doc WHERE doc.id = document_id));
)SQL";

const char* const Migrations[] = {SchemaV1, SchemaV2};
constexpr int SchemaVersion = 2;

// '?' placeholders numbered $1, $2, … (the outbox's statements hold no '?' in their literals).
std::string numbered(const char* sql)
{
    std::string out;
    int n = 0;
    for (const char* p = sql; *p; ++p) {
        if (*p == '?') {
            out += '$' + std::to_string(++n);
        } else {
            out += *p;
        }
    }
    return out;
}

class PostgresConnection final : public SqlConnection
{
public:
    PostgresConnection(pg::Connection conn, QString location)
        : m_conn(std::move(conn))
        , m_location(std::move(location))
    {
    }

    SqlDialect dialect() const override
    {
        return SqlDialect::Postgres;
    }
    QString location() const override
    {
        return m_location;
    }
    qint64 runnerId() const override
    {
        return m_runner;
    }

    Result<SqlRows> run(const char* sql, const SqlParams& params) override
    {
        reconnectIfLost();
        const std::string text = numbered(sql);
        std::vector<const char*> values;
        std::vector<int> lengths;
        std::vector<int> formats;
        std::vector<QByteArray> numbers;
        numbers.reserve(params.size());
        for (const SqlValue& v : params) {
            switch (v.kind) {
            case SqlValue::Kind::Null:
                values.push_back(nullptr);
                lengths.push_back(0);
                formats.push_back(0);
                break;
            case SqlValue::Kind::Integer:
                numbers.push_back(QByteArray::number(v.integer));
                values.push_back(numbers.back().constData());
                lengths.push_back(static_cast<int>(numbers.back().size()));
                formats.push_back(0);
                break;
            case SqlValue::Kind::Text:
            case SqlValue::Kind::Blob:
                values.push_back(v.bytes.constData());
                lengths.push_back(static_cast<int>(v.bytes.size()));
                formats.push_back(v.kind == SqlValue::Kind::Blob ? 1 : 0);
                break;
            }
        }
        ResultPtr result(PQexecParams(m_conn.get(), text.c_str(), static_cast<int>(params.size()), nullptr,
                                      values.data(), lengths.data(), formats.data(), 0));
        const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            return error(result.get());
        }
        std::vector<std::vector<SqlValue>> rows;
        const int count = PQntuples(result.get());
        const int columns = PQnfields(result.get());
        rows.reserve(static_cast<std::size_t>(count));
        for (int r = 0; r < count; ++r) {
            std::vector<SqlValue> row;
            row.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c) {
                row.push_back(value(result.get(), r, c));
            }
            rows.push_back(std::move(row));
        }
        return SqlRows(std::move(rows), std::strtoll(PQcmdTuples(result.get()), nullptr, 10));
    }

    Result<void> begin() override
    {
        return command("BEGIN");
    }
    Result<void> commit() override
    {
        return command("COMMIT");
    }
    void rollback() override
    {
        PQclear(PQexec(m_conn.get(), "ROLLBACK"));
    }

    // Takes a runner number of its own: a session lock no other sender holds.
    Result<void> takeRunnerId()
    {
        for (int tries = 0; tries < 16; ++tries) {
            const qint64 candidate = QRandomGenerator::system()->bounded(1, 0x7FFFFFFF);
            auto taken = run("SELECT pg_try_advisory_lock(?, ?)", sqlParams(qint64(RunnerClass), candidate));
            if (!taken) {
                return tl::unexpected(taken.error());
            }
            if (taken->next() && taken->integer(0) != 0) {
                m_runner = candidate;
                return {};
            }
        }
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("file d'envoi partagée : aucun numéro d'expéditeur libre"),
                         QStringLiteral("no runner id"));
    }

    Result<void> migrate()
    {
        auto migrated = [&]() -> Result<void> {
            if (auto ok = run("SELECT pg_advisory_xact_lock(?)", sqlParams(MigrationLock)); !ok) {
                return tl::unexpected(ok.error());
            }
            auto recorded = pg::schemaVersion(m_conn.get(), "outbox");
            if (!recorded) {
                return tl::unexpected(recorded.error());
            }
            qint64 version = *recorded;
            const qint64 found = version;
            if (version == 0) {
                auto foreign = run("SELECT count(*) FROM pg_class WHERE relname = 'deliveries' "
                                   "AND relnamespace = current_schema()::regnamespace",
                                   {});
                if (!foreign) {
                    return tl::unexpected(foreign.error());
                }
                if (foreign->next() && foreign->integer(0) > 0) {
                    return makeError(ErrorCode::Integrity,
                                     QStringLiteral("la base PostgreSQL donnée n'est pas une file d'envoi Missive"),
                                     QStringLiteral("a table deliveries exists without Missive's schema"));
                }
            }
            if (version > SchemaVersion) {
                return makeError(ErrorCode::Integrity,
                                 QStringLiteral("la file d'envoi partagée a été créée par une version plus récente "
                                                "de Missive"),
                                 QStringLiteral("outbox schema version %1").arg(version));
            }
            for (; version < SchemaVersion; ++version) {
                if (auto ok = command(Migrations[version]); !ok) {
                    return ok;
                }
            }
            if (found == SchemaVersion) {
                return {}; // nothing to write: a workstation's role may only read the version
            }
            return pg::setSchemaVersion(m_conn.get(), "outbox", SchemaVersion);
        };
        if (auto begun = begin(); !begun) {
            return begun;
        }
        if (auto done = migrated(); !done) {
            rollback();
            return done;
        }
        return commit();
    }

private:
    Result<void> command(const char* sql)
    {
        reconnectIfLost();
        ResultPtr result(PQexec(m_conn.get(), sql));
        if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
            return error(result.get());
        }
        return {};
    }

    // A server restart or a dropped connection: reconnect, under a new runner number. The rows this
    // sender had claimed are then a lost sender's, taken back by whichever sender recovers first
    // (maybe this one); if it still finishes one, markSent says it may have gone twice.
    void reconnectIfLost()
    {
        if (PQstatus(m_conn.get()) != CONNECTION_BAD) {
            return;
        }
        PQreset(m_conn.get());
        if (PQstatus(m_conn.get()) == CONNECTION_OK && m_runner != 0) {
            m_runner = 0;
            if (auto taken = takeRunnerId(); !taken) {
                qCWarning(lcSharedOutbox) << "no runner id after reconnecting";
            }
            qCInfo(lcSharedOutbox) << "reconnected to the shared outbox";
        }
    }

    static SqlValue value(const PGresult* result, int row, int column)
    {
        if (PQgetisnull(result, row, column)) {
            return {};
        }
        const char* raw = PQgetvalue(result, row, column);
        switch (PQftype(result, column)) {
        case 16: // bool
            return SqlValue::of(qint64(*raw == 't' ? 1 : 0));
        case 20: // int8
        case 21: // int2
        case 23: // int4
            return SqlValue::of(static_cast<qint64>(std::strtoll(raw, nullptr, 10)));
        case 17: { // bytea, in its text form
            std::size_t length = 0;
            unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(raw), &length);
            SqlValue v =
                SqlValue::blob(QByteArray(reinterpret_cast<const char*>(bytes), static_cast<qsizetype>(length)));
            PQfreemem(bytes);
            return v;
        }
        default:
            return {SqlValue::Kind::Text, 0, QByteArray(raw, PQgetlength(result, row, column))};
        }
    }

    tl::unexpected<Error> error(const PGresult* result) const
    {
        const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
        const QString detail =
            QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(m_conn.get())).trimmed();
        const QString code = QString::fromLatin1(state ? state : "");
        if (PQstatus(m_conn.get()) == CONNECTION_BAD || code.startsWith(QLatin1String("08"))
            || code == QLatin1String("57P01")) {
            return makeError(ErrorCode::Unavailable,
                             QStringLiteral("file d'envoi partagée injoignable (serveur PostgreSQL) ; la lettre reste "
                                            "en file"),
                             detail);
        }
        if (code == QLatin1String("53100")) {
            return makeError(ErrorCode::NoSpace, QStringLiteral("le serveur de la file d'envoi n'a plus de place"),
                             detail);
        }
        if (code == QLatin1String("42501")) {
            // A letter under a service the role is not listed for (row-level security) says so.
            return makeError(ErrorCode::PermissionDenied,
                             detail.contains(QLatin1String("row-level security"))
                                 ? QStringLiteral("votre compte n'est pas inscrit pour le service de ce courrier dans "
                                                  "la file d'envoi partagée (missive storage setup)")
                                 : QStringLiteral("accès refusé à la file d'envoi partagée"),
                             detail);
        }
        return makeError(ErrorCode::Io, QStringLiteral("erreur de la file d'envoi (base PostgreSQL)"),
                         QStringLiteral("%1 %2").arg(code, detail));
    }

    pg::Connection m_conn;
    QString m_location;
    qint64 m_runner = 0;
};

Result<std::unique_ptr<SqlConnection>> open(const QString& url, const QByteArray& password)
{
    auto conn = pg::connect(url, password, QStringLiteral("de la file d'envoi"));
    if (!conn) {
        return tl::unexpected(conn.error());
    }
    QUrl shown(url);
    auto db = std::make_unique<PostgresConnection>(std::move(*conn), shown.toString(QUrl::RemovePassword));
    if (auto migrated = db->migrate(); !migrated) {
        return tl::unexpected(migrated.error());
    }
    if (auto runner = db->takeRunnerId(); !runner) {
        return tl::unexpected(runner.error());
    }
    return std::unique_ptr<SqlConnection>(std::move(db));
}

Result<void> setup(const QString& url, const QByteArray& password, const QString& service, const QStringList& roles)
{
    auto opened = open(url, password);
    if (!opened) {
        return tl::unexpected(opened.error());
    }
    SqlConnection& db = **opened;
    if (auto begun = db.begin(); !begun) {
        return begun;
    }
    auto granted = [&]() -> Result<void> {
        auto schema = db.run("SELECT quote_ident(current_schema())", {});
        if (!schema) {
            return tl::unexpected(schema.error());
        }
        schema->next();
        const QString where = schema->text(0);
        for (const QString& role : roles) {
            auto quoted = db.run("SELECT quote_ident(?), EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)",
                                 sqlParams(role, role));
            if (!quoted) {
                return tl::unexpected(quoted.error());
            }
            quoted->next();
            const QString ident = quoted->text(0);
            QStringList statements;
            if (quoted->integer(1) == 0) {
                statements << QStringLiteral("CREATE ROLE %1 LOGIN").arg(ident);
            }
            statements << QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2").arg(where, ident)
                       << QStringLiteral("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %1 TO %2")
                              .arg(where, ident)
                       // The schema's version and the service memberships are IT's.
                       << QStringLiteral("REVOKE INSERT, UPDATE, DELETE ON missive_schema, missive_service_member "
                                         "FROM %1")
                              .arg(ident)
                       << QStringLiteral("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %1 TO %2").arg(where, ident);
            for (const QString& statement : statements) {
                if (auto done = db.run(statement.toUtf8().constData(), {}); !done) {
                    return tl::unexpected(done.error());
                }
            }
            if (auto member = db.run("INSERT INTO missive_service_member(role, service) VALUES (?, ?) "
                                     "ON CONFLICT DO NOTHING",
                                     sqlParams(role, service));
                !member) {
                return tl::unexpected(member.error());
            }
        }
        return {};
    }();
    if (!granted) {
        db.rollback();
        return granted;
    }
    return db.commit();
}

const OutboxModuleInterface Module{OutboxModuleAbi, OutboxModuleBuild, &open, &setup};

} // namespace
} // namespace missive::transport

extern "C" MISSIVE_MODULE_EXPORT const missive::transport::OutboxModuleInterface* missive_outbox_postgres_module()
{
    return &missive::transport::Module;
}
