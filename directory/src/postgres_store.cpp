// The PostgreSQL store, built into the module directory-postgres.so (postgres_module.h).

#include "missive/directory/postgres_store.h"

#include "hash.h"
#include "log.h"
#include "missive/core/c_handle.h"
#include "missive/core/postgres_connect.h"
#include "missive/directory/names.h"
#include "postgres_module.h"
#include "store_rows.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <libpq-fe.h>
#include <mutex>
#include <sqlite3.h>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace missive::directory
{
namespace
{

using ConnPtr = CHandle<PGconn, PQfinish>;
using ResultPtr = CHandle<PGresult, PQclear>;
using stored::describe;
using stored::nowText;

// Thrown inside this file only; every public entry point converts it to a Result.
struct PgFailure
{
    QString sqlstate;
    QString detail;
};

Error toError(const PgFailure& failure)
{
    const QString& state = failure.sqlstate;
    if (state == QLatin1String("53100")) {
        return Error{ErrorCode::NoSpace, QStringLiteral("Le serveur PostgreSQL de l'annuaire n'a plus de place."),
                     failure.detail};
    }
    if (state.startsWith(QLatin1String("08")) || state.isEmpty() || state == QLatin1String("57P01")
        || state == QLatin1String("40001") || state == QLatin1String("40P01") || state == QLatin1String("55P03")) {
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("Le serveur PostgreSQL de l'annuaire ne répond pas ou est occupé ; réessayez "
                                    "dans un instant."),
                     failure.detail};
    }
    if (state == QLatin1String("42501") || state.startsWith(QLatin1String("28"))) {
        return Error{ErrorCode::PermissionDenied, QStringLiteral("Accès refusé à la base PostgreSQL de l'annuaire."),
                     failure.detail};
    }
    return Error{ErrorCode::Io, QStringLiteral("Erreur de la base PostgreSQL de l'annuaire."), failure.detail};
}

template <class F> auto guarded(F&& body) -> decltype(body())
{
    try {
        return body();
    } catch (const PgFailure& failure) {
        qCWarning(lcDirectory) << "postgresql failure:" << failure.sqlstate << failure.detail;
        return tl::unexpected(toError(failure));
    }
}

// Statement parameters, all sent as text (PostgreSQL infers their types from the statement).
using Args = std::vector<QByteArray>;

inline QByteArray arg(const QString& value)
{
    return value.toUtf8();
}
inline QByteArray arg(QByteArrayView value)
{
    return value.toByteArray();
}
inline QByteArray arg(qint64 value)
{
    return QByteArray::number(value);
}
template <class... T> Args args(const T&... values)
{
    return Args{arg(values)...};
}

// The rows of one result; text(i) and integer(i) read the current row (see store_rows.h).
class Cursor
{
public:
    explicit Cursor(ResultPtr result)
        : m_result(std::move(result))
        , m_rows(PQntuples(m_result.get()))
    {
    }
    bool next()
    {
        return ++m_row < m_rows;
    }
    [[nodiscard]] QString text(int column) const
    {
        return QString::fromUtf8(PQgetvalue(m_result.get(), m_row, column), PQgetlength(m_result.get(), m_row, column));
    }
    [[nodiscard]] qint64 integer(int column) const
    {
        const char* value = PQgetvalue(m_result.get(), m_row, column);
        if (*value == 't') {
            return 1;
        }
        return std::strtoll(value, nullptr, 10);
    }
    [[nodiscard]] int columns() const
    {
        return PQnfields(m_result.get());
    }
    // Rows changed by an INSERT, UPDATE or DELETE.
    [[nodiscard]] qint64 affected() const
    {
        return std::strtoll(PQcmdTuples(m_result.get()), nullptr, 10);
    }

private:
    ResultPtr m_result;
    int m_rows = 0;
    int m_row = -1;
};

[[noreturn]] void fail(PGconn* conn, const PGresult* result)
{
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    throw PgFailure{QString::fromLatin1(state ? state : ""),
                    QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(conn)).trimmed()};
}

Cursor run(PGconn* conn, const char* sql, const Args& params = {})
{
    std::vector<const char*> values;
    std::vector<int> lengths;
    values.reserve(params.size());
    for (const auto& p : params) {
        values.push_back(p.constData());
        lengths.push_back(static_cast<int>(p.size()));
    }
    ResultPtr result(
        PQexecParams(conn, sql, static_cast<int>(params.size()), nullptr, values.data(), lengths.data(), nullptr, 0));
    const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        fail(conn, result.get());
    }
    return Cursor(std::move(result));
}

qint64 scalar(PGconn* conn, const char* sql, const Args& params = {})
{
    Cursor c = run(conn, sql, params);
    return c.next() ? c.integer(0) : 0;
}

// A transaction, or a savepoint when one is already open (inside an import).
class Transaction
{
public:
    explicit Transaction(PGconn* conn)
        : m_conn(conn)
        , m_nested(PQtransactionStatus(conn) != PQTRANS_IDLE)
    {
        run(m_conn, m_nested ? "SAVEPOINT missive_change" : "BEGIN");
    }
    ~Transaction()
    {
        if (!m_done) {
            PQclear(PQexec(m_conn, m_nested ? "ROLLBACK TO missive_change; RELEASE missive_change" : "ROLLBACK"));
        }
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit()
    {
        run(m_conn, m_nested ? "RELEASE missive_change" : "COMMIT");
        m_done = true;
    }

private:
    PGconn* m_conn;
    bool m_nested;
    bool m_done = false;
};

// ---- Schema ----

// Same tables and columns as the SQLite store (sqlite_store.cpp), so that `missive storage
// migrate` copies rows as they are. Names are matched through a trigram index instead of FTS5;
// the name indexes leave the places out (a B-tree entry must stay under 2.7 kB).
const char* const MigrationV1 = R"sql(
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE person(
    id bigserial PRIMARY KEY,
    rpps text NOT NULL,
    id_type text NOT NULL DEFAULT '',
    idnps text NOT NULL DEFAULT '',
    title_code text NOT NULL DEFAULT '',
    title text NOT NULL DEFAULT '',
    civility_code text NOT NULL DEFAULT '',
    civility text NOT NULL DEFAULT '',
    family_name text NOT NULL DEFAULT '',
    given_name text NOT NULL DEFAULT '',
    fam_key text NOT NULL DEFAULT '',
    fam_full text NOT NULL DEFAULT '',
    fam_ocr text NOT NULL DEFAULT '',
    fam_phon text NOT NULL DEFAULT '',
    given_key text NOT NULL DEFAULT '',
    given_ocr text NOT NULL DEFAULT '',
    given_phon text NOT NULL DEFAULT '',
    fts_name text NOT NULL DEFAULT '',
    places text NOT NULL DEFAULT '',
    specialties text NOT NULL DEFAULT '',
    row_hash bigint NOT NULL DEFAULT 0,
    seen_run bigint NOT NULL DEFAULT 0,
    local integer NOT NULL DEFAULT 0,
    retired_at text,
    created_at text NOT NULL,
    updated_at text NOT NULL);
CREATE UNIQUE INDEX person_rpps ON person(rpps);
CREATE INDEX person_fam_key ON person(fam_key, given_key);
CREATE INDEX person_fam_full ON person(fam_full) WHERE fam_full <> '';
CREATE INDEX person_fam_ocr ON person(fam_ocr, given_ocr);
CREATE INDEX person_fam_phon ON person(fam_phon, given_phon);
CREATE INDEX person_fts ON person USING gin (fts_name gin_trgm_ops);
CREATE TABLE activity(
    id bigserial PRIMARY KEY,
    akey bigint NOT NULL,
    person_id bigint NOT NULL,
    profession_code text NOT NULL DEFAULT '', profession_label text NOT NULL DEFAULT '',
    specialty_code text NOT NULL DEFAULT '', specialty_label text NOT NULL DEFAULT '',
    mode_code text NOT NULL DEFAULT '',
    siret text NOT NULL DEFAULT '', siren text NOT NULL DEFAULT '',
    finess_site text NOT NULL DEFAULT '', finess_legal text NOT NULL DEFAULT '',
    structure_id text NOT NULL DEFAULT '', site_name text NOT NULL DEFAULT '', site_sign text NOT NULL DEFAULT '',
    compl_recipient text NOT NULL DEFAULT '', compl_place text NOT NULL DEFAULT '',
    street_number text NOT NULL DEFAULT '', street_index text NOT NULL DEFAULT '',
    street_type text NOT NULL DEFAULT '', street_name text NOT NULL DEFAULT '',
    distribution text NOT NULL DEFAULT '', cedex text NOT NULL DEFAULT '',
    postcode text NOT NULL DEFAULT '', city_code text NOT NULL DEFAULT '', city text NOT NULL DEFAULT '',
    country text NOT NULL DEFAULT '', role_code text NOT NULL DEFAULT '', role_label text NOT NULL DEFAULT '',
    row_hash bigint NOT NULL DEFAULT 0,
    seen_run bigint NOT NULL DEFAULT 0,
    local integer NOT NULL DEFAULT 0,
    retired_at text,
    updated_at text NOT NULL);
CREATE UNIQUE INDEX activity_akey ON activity(akey);
CREATE INDEX activity_person ON activity(person_id);
CREATE TABLE mailbox(
    id bigserial PRIMARY KEY,
    address_key text NOT NULL UNIQUE,
    address text NOT NULL,
    type text NOT NULL,
    rpps text NOT NULL DEFAULT '',
    idnps text NOT NULL DEFAULT '',
    structure_type text NOT NULL DEFAULT '', structure_id text NOT NULL DEFAULT '',
    structure_key text NOT NULL DEFAULT '',
    service text NOT NULL DEFAULT '', organisation text NOT NULL DEFAULT '', sign text NOT NULL DEFAULT '',
    postcode text NOT NULL DEFAULT '', city_line text NOT NULL DEFAULT '',
    row_hash bigint NOT NULL DEFAULT 0,
    seen_run bigint NOT NULL DEFAULT 0,
    local integer NOT NULL DEFAULT 0,
    retired_at text,
    updated_at text NOT NULL);
CREATE INDEX mailbox_rpps ON mailbox(rpps);
CREATE INDEX mailbox_structure ON mailbox(structure_key);
CREATE TABLE preference(
    rpps text NOT NULL,
    document_type text NOT NULL DEFAULT '',
    channel text NOT NULL CHECK (channel IN ('mssante', 'postal', 'none')),
    address text NOT NULL DEFAULT '',
    source text NOT NULL CHECK (source IN ('explicit', 'learned')),
    updated_at text NOT NULL,
    updated_by text NOT NULL,
    PRIMARY KEY (rpps, document_type));
CREATE TABLE confirmation(
    id bigserial PRIMARY KEY,
    rpps text NOT NULL,
    channel text NOT NULL,
    address text NOT NULL,
    document_type text NOT NULL,
    "user" text NOT NULL,
    at text NOT NULL);
CREATE INDEX confirmation_rpps ON confirmation(rpps);
CREATE TABLE history(
    id bigserial PRIMARY KEY,
    at text NOT NULL,
    "user" text NOT NULL,
    subject text NOT NULL,
    change text NOT NULL,
    from_value text NOT NULL,
    to_value text NOT NULL);
CREATE INDEX history_subject ON history(subject);
CREATE TABLE rule(
    document_type text NOT NULL,
    recipient text NOT NULL,
    rpps text NOT NULL DEFAULT '',
    position integer NOT NULL,
    created_at text NOT NULL,
    created_by text NOT NULL,
    PRIMARY KEY (document_type, recipient, rpps));
CREATE TABLE import_run(
    id bigserial PRIMARY KEY,
    kind text NOT NULL,
    source text NOT NULL,
    started_at text NOT NULL,
    finished_at text,
    added bigint NOT NULL DEFAULT 0, updated bigint NOT NULL DEFAULT 0,
    unchanged bigint NOT NULL DEFAULT 0, duplicates bigint NOT NULL DEFAULT 0,
    retired bigint NOT NULL DEFAULT 0, persons bigint NOT NULL DEFAULT 0,
    persons_retired bigint NOT NULL DEFAULT 0);
)sql";

const char* const MigrationV2 = R"sql(
CREATE TABLE staff(
    rpps text PRIMARY KEY,
    added_at text NOT NULL,
    added_by text NOT NULL);
)sql";

// Narrowing a common name to a town reads the name index only (as SQLite's does): the places are
// in it, the retired rows out of it. An index entry must stay under 2.7 kB: a professional's
// places are kept to their first 2,000 characters (MISSIVE_PLACES_KEPT; about 75 towns).
const char* const MigrationV3 = R"sql(
UPDATE person SET places = left(places, 2000) WHERE length(places) > 2000;
DROP INDEX person_fam_key;
DROP INDEX person_fam_ocr;
DROP INDEX person_fam_phon;
CREATE INDEX person_fam_key ON person(fam_key, given_key, places, id) WHERE retired_at IS NULL;
CREATE INDEX person_fam_ocr ON person(fam_ocr, given_ocr, places, id) WHERE retired_at IS NULL;
CREATE INDEX person_fam_phon ON person(fam_phon, given_phon, places, id) WHERE retired_at IS NULL;
)sql";
#define MISSIVE_PLACES_KEPT "2000" // as in MigrationV3

const char* const Migrations[] = {MigrationV1, MigrationV2, MigrationV3};

static_assert(std::size(Migrations) == PostgresSchemaVersion);

// Advisory lock keys: schema changes, imports and local ids are serialised across workstations.
constexpr qint64 MigrationLock = 0x4D535644'0001;
constexpr qint64 ImportLock = 0x4D535644'0002;
constexpr qint64 LocalIdLock = 0x4D535644'0003;

// Escapes one field for COPY's text format.
void appendCopyField(QByteArray& out, QByteArrayView value)
{
    for (const char c : value) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
}

class CopyLine
{
public:
    explicit CopyLine(QByteArray& out)
        : m_out(out)
    {
    }
    ~CopyLine()
    {
        m_out += '\n';
    }
    CopyLine(const CopyLine&) = delete;
    CopyLine& operator=(const CopyLine&) = delete;
    CopyLine& operator<<(QByteArrayView value)
    {
        separate();
        appendCopyField(m_out, value);
        return *this;
    }
    CopyLine& operator<<(const QString& value)
    {
        return *this << QByteArrayView(value.toUtf8());
    }
    CopyLine& operator<<(qint64 value)
    {
        separate();
        m_out += QByteArray::number(value);
        return *this;
    }

private:
    void separate()
    {
        if (m_any) {
            m_out += '\t';
        }
        m_any = true;
    }
    QByteArray& m_out;
    bool m_any = false;
};

#define MISSIVE_PERSON_FIELDS                                                                                          \
    "id_type, idnps, title_code, title, civility_code, civility, family_name, given_name, fam_key, fam_full, "         \
    "fam_ocr, fam_phon, given_key, given_ocr, given_phon, fts_name"
#define MISSIVE_ACTIVITY_FIELDS                                                                                        \
    "profession_code, profession_label, specialty_code, specialty_label, mode_code, siret, siren, finess_site, "       \
    "finess_legal, structure_id, site_name, site_sign, compl_recipient, compl_place, street_number, street_index, "    \
    "street_type, street_name, distribution, cedex, postcode, city_code, city, country, role_code, role_label"
#define MISSIVE_MAILBOX_FIELDS                                                                                         \
    "address, type, rpps, idnps, structure_type, structure_id, structure_key, service, organisation, sign, "           \
    "postcode, city_line"

// "a = s.a, b = s.b, …" for a comma-separated field list.
std::string assignFrom(const char* fields, const char* source)
{
    std::string out;
    for (const auto& field : QByteArray(fields).split(',')) {
        const std::string name = field.trimmed().toStdString();
        out += (out.empty() ? "" : ", ") + name + " = " + source + "." + name;
    }
    return out;
}

std::string prefixed(const char* fields, const char* source)
{
    std::string out;
    for (const auto& field : QByteArray(fields).split(',')) {
        out += (out.empty() ? "" : ", ") + std::string(source) + "." + field.trimmed().toStdString();
    }
    return out;
}

// "a text, b text, …": staging columns for a field list.
std::string asText(const char* fields)
{
    std::string out;
    for (const auto& field : QByteArray(fields).split(',')) {
        out += (out.empty() ? "" : ", ") + field.trimmed().toStdString() + " text";
    }
    return out;
}

// Streams COPY data from a thread of its own, so that reading the next rows of the file overlaps
// with the server storing the previous ones: with one thread, each side waits for the other at
// every chunk, and an import takes the sum of both instead of the longer. Only this thread uses
// the connection until finish() returns.
class CopySender
{
public:
    explicit CopySender(PGconn* conn)
        : m_conn(conn)
        , m_thread([this] { loop(); })
    {
    }
    ~CopySender()
    {
        finish(true);
    }
    CopySender(const CopySender&) = delete;
    CopySender& operator=(const CopySender&) = delete;

    // Queues a chunk; waits while a few are still unsent (memory stays bounded).
    void send(QByteArray chunk)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_queue.size() < 4 || m_failure; });
        if (m_failure) {
            throw *m_failure;
        }
        m_queue.push_back(std::move(chunk));
        m_changed.notify_all();
    }

    // Waits until every chunk is sent (or drops them: `discard`), then reports a failed send.
    void finish(bool discard)
    {
        {
            std::lock_guard lock(m_mutex);
            if (discard) {
                m_queue.clear();
            }
            m_done = true;
            m_changed.notify_all();
        }
        if (m_thread.joinable()) {
            m_thread.join();
        }
        if (m_failure && !discard) {
            throw *m_failure;
        }
    }

private:
    void loop()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_changed.wait(lock, [&] { return !m_queue.empty() || m_done; });
            if (m_queue.empty()) {
                return;
            }
            QByteArray chunk = std::move(m_queue.front());
            m_queue.pop_front();
            m_changed.notify_all();
            if (m_failure) {
                continue;
            }
            lock.unlock();
            const bool sent = PQputCopyData(m_conn, chunk.constData(), static_cast<int>(chunk.size())) == 1;
            lock.lock();
            if (!sent) {
                m_failure = PgFailure{QString(), QString::fromUtf8(PQerrorMessage(m_conn)).trimmed()};
                m_changed.notify_all();
            }
        }
    }

    PGconn* m_conn;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<QByteArray> m_queue;
    bool m_done = false;
    std::optional<PgFailure> m_failure;
    std::thread m_thread; // last: started once the members above exist
};

// Fixed-shape statements (by key) are prepared once per session and keep their plan; a name
// lookup is planned for its own values each time: a plan made for a rare name walks the table
// for a common one.
enum class Plan
{
    Cached,
    ForValues,
};

class PostgresStore;

// ---- Import session: rows are streamed with COPY into temporary tables, then applied as sets ----

class PostgresImportSession final : public ImportSession
{
public:
    PostgresImportSession(PostgresStore& store, PGconn* conn, SourceKind kind);
    ~PostgresImportSession() override;
    PostgresImportSession(const PostgresImportSession&) = delete;
    PostgresImportSession& operator=(const PostgresImportSession&) = delete;

    void start(const QString& sourceName);
    Result<RowOutcome> addActivity(const ActivityRecord& row) override;
    Result<RowOutcome> addMailbox(const MailboxRecord& row) override;
    Result<ImportCounts> commit() override;

private:
    void beginCopy(const char* sql);
    void flush(bool force);
    void endCopy(const char* abortReason);
    void applyActivities();
    void insertNew();
    bool lockEmptyForBulk();
    void bulkInsert();
    void applyMailboxes();

    PGconn* m_conn;
    SourceKind m_kind;
    bool* m_storeFlag;
    bool m_open = false;
    bool m_copying = false;
    // First import into an empty directory: nothing to update, retire or keep readable, so the
    // rows go in without their indexes, which are built once at the end.
    bool m_bulk = false;
    qint64 m_staged = 0;
    qint64 m_run = 0;
    QString m_now;
    QByteArray m_buffer;
    std::unique_ptr<CopySender> m_sender;
    ImportCounts m_counts;
};

// ---- Store ----

class PostgresStore final : public Store
{
public:
    explicit PostgresStore(ConnPtr conn)
        : m_conn(std::move(conn))
    {
        setupSession();
    }
    bool importing = false;

    Result<std::unique_ptr<ImportSession>> beginImport(SourceKind kind, const QString& sourceName) override
    {
        return guarded([&]() -> Result<std::unique_ptr<ImportSession>> {
            if (importing) {
                return makeError(ErrorCode::Unavailable, QStringLiteral("Un import est déjà en cours."),
                                 QStringLiteral("nested import session"));
            }
            reconnectIfLost();
            auto session = std::make_unique<PostgresImportSession>(*this, conn(), kind);
            session->start(sourceName);
            return std::unique_ptr<ImportSession>(std::move(session));
        });
    }

    Result<QList<PersonRow>> findByName(NameKeyKind kind, const QString& family, const QString& given,
                                        const QString& place, int limit) override
    {
        return guarded([&]() -> Result<QList<PersonRow>> {
            const auto [sql, params] = nameQuery({kind, family, given, place}, limit);
            return persons(sql.c_str(), params, Plan::ForValues);
        });
    }

    bool asksTogether() const override
    {
        return true;
    }

    // In one round trip (libpq's pipeline): a letter's name is looked up under several keys at once;
    // in turn for a single lookup, during an import, or when the connection was lost (the first
    // lookup then reconnects).
    Result<QList<QList<PersonRow>>> findByNames(const QList<NameLookup>& lookups, int limit) override
    {
        if (lookups.size() < 2 || importing) {
            return Store::findByNames(lookups, limit);
        }
        return guarded([&]() -> Result<QList<QList<PersonRow>>> {
            reconnectIfLost();
            std::vector<std::pair<std::string, Args>> queries;
            for (const auto& lookup : lookups) {
                queries.push_back(nameQuery(lookup, limit));
            }
            auto results = pipelined(queries);
            if (!results) {
                return Store::findByNames(lookups, limit);
            }
            QList<QList<PersonRow>> answers;
            for (auto& result : *results) {
                Cursor c(std::move(result));
                QList<PersonRow> rows;
                while (c.next()) {
                    rows << stored::readPerson(c);
                }
                answers << rows;
            }
            return answers;
        });
    }

    // The results of `queries` sent in one round trip, each planned for its values (Plan::ForValues),
    // or nothing when the pipeline could not be used or the connection was lost (the caller asks
    // again in turn). A failed query throws.
    std::optional<std::vector<ResultPtr>> pipelined(const std::vector<std::pair<std::string, Args>>& queries)
    {
        if (PQenterPipelineMode(conn()) != 1) {
            return std::nullopt;
        }
        bool sent = true;
        for (const auto& [sql, params] : queries) {
            std::vector<const char*> values;
            std::vector<int> lengths;
            for (const auto& p : params) {
                values.push_back(p.constData());
                lengths.push_back(static_cast<int>(p.size()));
            }
            sent = sent
                   && PQsendQueryParams(conn(), sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                                        lengths.data(), nullptr, 0)
                          == 1;
        }
        sent = sent && PQpipelineSync(conn()) == 1;
        // Every answer is read up to the sync, whatever happened, before leaving the pipeline.
        std::vector<ResultPtr> results;
        std::optional<PgFailure> failure;
        for (std::size_t i = 0; sent && i < queries.size(); ++i) {
            ResultPtr result(PQgetResult(conn()));
            if (!result) {
                failure = PgFailure{QString(), QString::fromUtf8(PQerrorMessage(conn())).trimmed()};
                break;
            }
            if (PQresultStatus(result.get()) == PGRES_TUPLES_OK) {
                results.push_back(std::move(result));
            } else if (!failure) {
                const char* state = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
                failure = PgFailure{QString::fromLatin1(state ? state : ""),
                                    QString::fromUtf8(PQresultErrorMessage(result.get())).trimmed()};
            }
            PQclear(PQgetResult(conn())); // the end of this query's results
        }
        while (sent && PQstatus(conn()) == CONNECTION_OK) {
            ResultPtr rest(PQgetResult(conn()));
            if (!rest || PQresultStatus(rest.get()) == PGRES_PIPELINE_SYNC) {
                break;
            }
        }
        PQexitPipelineMode(conn());
        if (!sent || failure || results.size() != queries.size()) {
            if (PQstatus(conn()) == CONNECTION_BAD || !sent) {
                return std::nullopt;
            }
            throw failure.value_or(PgFailure{QString(), QStringLiteral("pipeline")});
        }
        return results;
    }

    // The SQL and parameters of one name lookup.
    static std::pair<std::string, Args> nameQuery(const NameLookup& lookup, int limit)
    {
        static const char* const familyColumn[] = {"fam_key", "fam_full", "fam_ocr", "fam_phon"};
        static const char* const givenColumn[] = {"given_key", "given_key", "given_ocr", "given_phon"};
        const auto index = static_cast<std::size_t>(lookup.kind);
        Args params = args(lookup.family, static_cast<qint64>(limit));
        std::string where = std::string("p.") + familyColumn[index] + " = $1";
        if (lookup.kind == NameKeyKind::Full) {
            where += " AND p.fam_full <> ''";
        }
        if (!lookup.given.isEmpty()) {
            params.push_back(arg(lookup.given));
            where += std::string(" AND p.") + givenColumn[index] + " = $" + std::to_string(params.size());
        }
        where += " AND p.retired_at IS NULL";
        // In the name index's order (as SQLite reads it): ordering by id instead lets the planner
        // walk the whole table by primary key for a common name.
        const std::string order = std::string(" ORDER BY p.") + givenColumn[index] + ", p.places, p.id";
        if (lookup.place.isEmpty()) {
            return {"SELECT " MISSIVE_PERSON_COLUMNS " FROM person p WHERE " + where + order + " LIMIT $2", params};
        }
        // The town is checked in the name index (places are in it), and only the rows kept are read
        // from the table: a common name has thousands of rows.
        params.push_back(arg(lookup.place));
        return {"SELECT " MISSIVE_PERSON_COLUMNS " FROM person p WHERE p.id IN (SELECT p.id FROM person p WHERE "
                    + where + " AND strpos(p.places, $" + std::to_string(params.size()) + ") > 0" + order + " LIMIT $2)"
                    + order,
                params};
    }

    Result<QList<PersonRow>> findByText(const QStringList& fragments, bool all, int limit) override
    {
        return guarded([&]() -> Result<QList<PersonRow>> {
            Args params = args(static_cast<qint64>(limit));
            std::string condition;
            for (const auto& fragment : fragments) {
                // Folded names hold A-Z, 0-9 and spaces only: nothing for LIKE to interpret.
                const QString clean = foldName(fragment);
                if (clean.size() < 3) {
                    continue;
                }
                params.push_back(arg(QLatin1Char('%') + clean + QLatin1Char('%')));
                condition += std::string(condition.empty() ? "" : (all ? " AND " : " OR ")) + "fts_name LIKE $"
                             + std::to_string(params.size());
            }
            if (condition.empty()) {
                return QList<PersonRow>();
            }
            const std::string sql = "SELECT " MISSIVE_PERSON_COLUMNS " FROM person p WHERE p.id IN "
                                    "(SELECT id FROM person WHERE "
                                    + condition + " LIMIT $1) AND p.retired_at IS NULL ORDER BY p.id";
            return persons(sql.c_str(), params, Plan::ForValues);
        });
    }

    Result<std::optional<PersonRow>> findByRpps(const QString& rpps) override
    {
        return guarded([&]() -> Result<std::optional<PersonRow>> {
            auto rows = persons("SELECT " MISSIVE_PERSON_COLUMNS " FROM person p WHERE p.rpps = $1", args(rpps));
            return rows.isEmpty() ? std::optional<PersonRow>() : std::optional<PersonRow>(rows.first());
        });
    }

    Result<QList<PersonRow>> findByMailbox(const QString& address) override
    {
        return guarded([&]() -> Result<QList<PersonRow>> {
            return persons("SELECT " MISSIVE_PERSON_COLUMNS " FROM person p WHERE p.rpps IN "
                           "(SELECT rpps FROM mailbox WHERE address_key = $1 AND rpps <> '') ORDER BY p.id",
                           args(address.trimmed().toLower()));
        });
    }

    Result<QList<ActivityRow>> activities(const QString& rpps) override
    {
        auto all = activitiesOf({rpps});
        if (!all) {
            return tl::unexpected(all.error());
        }
        return all->front();
    }

    // One query for all: the professional's position in the list is the last column. The lists are
    // read through a subquery, so that the planner cannot count them: the plan is then the same for
    // any list, made once per session (two thirds of a lookup's time went into planning these).
    Result<QList<QList<ActivityRow>>> activitiesOf(const QStringList& rpps) override
    {
        return guarded([&]() -> Result<QList<QList<ActivityRow>>> {
            Cursor c = query("SELECT a.*, r.c FROM unnest((SELECT $1::text[])) WITH ORDINALITY AS r(rpps, c) "
                             "CROSS JOIN LATERAL (SELECT " MISSIVE_ACTIVITY_COLUMNS ", retired_at IS NOT NULL AS gone, "
                             "local AS mine, id AS aid FROM activity "
                             "WHERE person_id = (SELECT id FROM person WHERE rpps = r.rpps)) a "
                             "ORDER BY r.c, a.gone, a.mine DESC, a.aid",
                             args(textArray(rpps)));
            QList<QList<ActivityRow>> result(rpps.size());
            while (c.next()) {
                result[c.integer(c.columns() - 1) - 1] << stored::readActivity(c);
            }
            return result;
        });
    }

    Result<QList<Mailbox>> mailboxes(const QString& rpps, const QStringList& structureKeys) override
    {
        auto all = mailboxesOf({MailboxLookup{rpps, structureKeys}});
        if (!all) {
            return tl::unexpected(all.error());
        }
        return all->front();
    }

    // One query for all: each professional's own boxes, then each of their structures' in the
    // order of its key (COLLATE "C": the same order as SQLite's, whatever the database's locale);
    // a box listed twice for one professional is kept at its first place.
    Result<QList<QList<Mailbox>>> mailboxesOf(const QList<MailboxLookup>& lookups) override
    {
        return guarded([&]() -> Result<QList<QList<Mailbox>>> {
            QStringList rpps;
            QStringList keys;
            QStringList owners;
            for (qsizetype i = 0; i < lookups.size(); ++i) {
                rpps << lookups[i].rpps;
                for (const auto& key : lookups[i].structureKeys) {
                    keys << key;
                    owners << QString::number(i + 1);
                }
            }
            Cursor c = query(
                "SELECT address, type, organisation, service, c FROM ("
                "SELECT m.address, m.type, m.organisation, m.service, r.c, 0::bigint AS k, m.type = 'ORG' AS org, "
                "m.local FROM unnest((SELECT $1::text[])) WITH ORDINALITY AS r(rpps, c) JOIN mailbox m ON m.rpps = "
                "r.rpps "
                "WHERE r.rpps <> '' AND m.retired_at IS NULL UNION ALL "
                "SELECT m.address, m.type, m.organisation, m.service, s.c, s.k, false, 0 "
                "FROM unnest((SELECT $2::text[]), (SELECT $3::bigint[])) WITH ORDINALITY AS s(key, c, k) "
                "JOIN mailbox m ON m.structure_key = s.key WHERE m.type = 'ORG' AND m.retired_at IS NULL) b "
                "ORDER BY c, k, org, local DESC, address COLLATE \"C\"",
                args(textArray(rpps), textArray(keys), QString(u'{' + owners.join(u',') + u'}')));
            QList<QList<Mailbox>> result(lookups.size());
            QList<QSet<QString>> seen(lookups.size());
            while (c.next()) {
                const auto at = c.integer(4) - 1;
                Mailbox box;
                box.address = c.text(0);
                if (seen[at].contains(box.address.toLower())) {
                    continue;
                }
                seen[at].insert(box.address.toLower());
                box.type = mailboxTypeFromCode(c.text(1));
                box.organisation = c.text(2);
                box.service = c.text(3);
                result[at] << box;
            }
            return result;
        });
    }

    // A text[] literal: each element quoted.
    static QString textArray(const QStringList& items)
    {
        QString literal(QLatin1Char('{'));
        for (const auto& item : items) {
            QString quoted = item;
            quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
            literal += (literal.size() > 1 ? QLatin1String(",\"") : QLatin1String("\"")) + quoted + QLatin1Char('"');
        }
        return literal + QLatin1Char('}');
    }

    Result<QString> addLocal(const Professional& p, const QString& user) override
    {
        return guarded([&]() -> Result<QString> {
            reconnectIfLost();
            Transaction transaction(conn());
            run(conn(), "SELECT pg_advisory_xact_lock($1)", args(LocalIdLock));
            QString id = p.rpps.trimmed();
            if (id.isEmpty()) {
                const qint64 next =
                    scalar(conn(), "SELECT COALESCE(MAX(CAST(substr(rpps, 2) AS bigint)), 0) + 1 FROM person "
                                   "WHERE rpps ~ '^L[0-9]+$'");
                id = QStringLiteral("L%1").arg(next, 10, 10, QLatin1Char('0'));
            } else if (scalar(conn(), "SELECT count(*) FROM person WHERE rpps = $1", args(id)) > 0) {
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("Le professionnel %1 est déjà dans l'annuaire.").arg(id),
                                 QStringLiteral("local addition of an existing id"));
            }
            const NameKeys keys = nameKeys(p.familyName, p.givenName);
            const QString now = nowText();
            const QString place = foldName(QString(p.postcode + QLatin1Char(' ') + p.city));
            const QString specialties = foldName(QString(p.professionLabel + QLatin1Char(' ') + p.specialtyLabel));
            const qint64 personId = scalar(
                conn(),
                "INSERT INTO person(rpps, id_type, idnps, title_code, title, civility, family_name, given_name, "
                "fam_key, fam_full, fam_ocr, fam_phon, given_key, given_ocr, given_phon, fts_name, places, "
                "specialties, local, created_at, updated_at) "
                "VALUES($1, 'local', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 1, $18, "
                "$18) RETURNING id",
                args(id, p.idnps, p.titleCode, p.title, p.civility, p.familyName, p.givenName, keys.familyKey,
                     keys.familyFull == keys.familyKey ? QString() : keys.familyFull, keys.familyOcr,
                     keys.familyPhonetic, keys.givenKey, keys.givenOcr, keys.givenPhonetic, keys.text, place,
                     specialties, now));
            // Up to three address lines: the last is the street, earlier ones are complements.
            const QStringList lines = p.addressLines.mid(0, 3);
            run(conn(),
                "INSERT INTO activity(akey, person_id, profession_code, profession_label, specialty_code, "
                "specialty_label, site_name, street_name, compl_recipient, compl_place, postcode, city, local, "
                "seen_run, updated_at) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, 0, $13)",
                args(Fnv().add({"local", id.toUtf8()}).value(), personId, p.professionCode, p.professionLabel,
                     p.specialtyCode, p.specialtyLabel, p.practiceName, lines.isEmpty() ? QString() : lines.last(),
                     lines.size() > 1 ? lines.first() : QString(), lines.size() > 2 ? lines[1] : QString(), p.postcode,
                     p.city, now));
            for (const auto& box : p.mailboxes) {
                run(conn(),
                    "INSERT INTO mailbox(address_key, address, type, rpps, organisation, service, local, seen_run, "
                    "updated_at) VALUES($1, $2, $3, $4, $5, $6, 1, 0, $7) "
                    "ON CONFLICT(address_key) DO UPDATE SET local = 1, rpps = excluded.rpps, retired_at = NULL",
                    args(box.address.trimmed().toLower(), box.address.trimmed(), mailboxTypeCode(box.type), id,
                         box.organisation, box.service, now));
            }
            addHistory(user, QStringLiteral("rpps:") + id, QStringLiteral("local"), {},
                       QString(keys.text + QLatin1Char(' ') + place).trimmed());
            transaction.commit();
            return id;
        });
    }

    Result<QList<Preference>> preferences(const QString& rpps) override
    {
        return guarded([&]() -> Result<QList<Preference>> {
            Cursor c = query("SELECT rpps, document_type, channel, address, source, updated_at, updated_by "
                             "FROM preference WHERE rpps = $1 ORDER BY document_type COLLATE \"C\"",
                             args(rpps));
            QList<Preference> result;
            while (c.next()) {
                result << stored::readPreference(c);
            }
            return result;
        });
    }

    Result<void> setPreference(const Preference& p, const QString& user) override
    {
        return guarded([&]() -> Result<void> {
            reconnectIfLost();
            Transaction transaction(conn());
            QString from;
            // FOR UPDATE: two workstations learning at once record both changes in order.
            Cursor old = run(conn(),
                             "SELECT channel, address, source FROM preference "
                             "WHERE rpps = $1 AND document_type = $2 FOR UPDATE",
                             args(p.rpps, p.documentType));
            if (old.next()) {
                Preference previous;
                previous.channel = channelKindFromName(old.text(0)).value_or(ChannelKind::None);
                previous.address = old.text(1);
                previous.source = stored::preferenceSource(old.text(2));
                from = describe(previous);
            }
            const QString to = describe(p);
            if (from == to) {
                return {};
            }
            run(conn(),
                "INSERT INTO preference(rpps, document_type, channel, address, source, updated_at, updated_by) "
                "VALUES($1, $2, $3, $4, $5, $6, $7) "
                "ON CONFLICT(rpps, document_type) DO UPDATE SET channel = excluded.channel, "
                "address = excluded.address, source = excluded.source, updated_at = excluded.updated_at, "
                "updated_by = excluded.updated_by",
                args(p.rpps, p.documentType, channelKindName(p.channel), p.address,
                     stored::preferenceSourceName(p.source), nowText(), user));
            addHistory(user, QStringLiteral("rpps:") + p.rpps,
                       p.documentType.isEmpty() ? QStringLiteral("preference")
                                                : QStringLiteral("preference:") + p.documentType,
                       from, to);
            transaction.commit();
            return {};
        });
    }

    Result<void> logConfirmation(const Confirmation& c) override
    {
        return guarded([&]() -> Result<void> {
            query("INSERT INTO confirmation(rpps, channel, address, document_type, \"user\", at) "
                  "VALUES($1, $2, $3, $4, $5, $6)",
                  args(c.rpps, channelKindName(c.channel), c.address, c.documentType, c.user, nowText()));
            return {};
        });
    }

    Result<QList<HistoryEntry>> history(const QString& subject) override
    {
        return guarded([&]() -> Result<QList<HistoryEntry>> {
            Cursor c = query("SELECT at, \"user\", subject, change, from_value, to_value FROM history "
                             "WHERE subject = $1 OR $1 = '' ORDER BY id",
                             args(subject));
            QList<HistoryEntry> result;
            while (c.next()) {
                result << stored::readHistory(c);
            }
            return result;
        });
    }

    Result<QStringList> staff() override
    {
        return guarded([&]() -> Result<QStringList> {
            Cursor c = query("SELECT rpps FROM staff ORDER BY rpps COLLATE \"C\"");
            QStringList result;
            while (c.next()) {
                result << c.text(0);
            }
            return result;
        });
    }

    Result<void> addStaff(const QString& rpps, const QString& user) override
    {
        return guarded([&]() -> Result<void> {
            reconnectIfLost();
            Transaction transaction(conn());
            const Cursor added = run(conn(),
                                     "INSERT INTO staff(rpps, added_at, added_by) VALUES($1, $2, $3) "
                                     "ON CONFLICT(rpps) DO NOTHING",
                                     args(rpps, nowText(), user));
            if (added.affected() > 0) {
                addHistory(user, QStringLiteral("rpps:") + rpps, QStringLiteral("staff"), {},
                           QStringLiteral("membre de l'établissement"));
            }
            transaction.commit();
            return {};
        });
    }

    Result<QList<Rule>> rules(const QString& documentType) override
    {
        return guarded([&]() -> Result<QList<Rule>> { return readRules(documentType); });
    }

    Result<void> replaceRules(const QString& documentType, const QList<Rule>& rules, const QString& user) override
    {
        return guarded([&]() -> Result<void> {
            reconnectIfLost();
            Transaction transaction(conn());
            const QList<Rule> before = readRules(documentType, true);
            run(conn(), "DELETE FROM rule WHERE document_type = $1", args(documentType));
            qint64 position = 0;
            const QString now = nowText();
            for (const auto& rule : rules) {
                run(conn(),
                    "INSERT INTO rule(document_type, recipient, rpps, position, created_at, created_by) "
                    "VALUES($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                    args(documentType, recipientSpec(Rule{{}, rule.recipient, {}}), rule.rpps, position++, now, user));
            }
            const QList<Rule> after = readRules(documentType);
            if (describe(before) != describe(after)) {
                addHistory(user, QStringLiteral("rule:") + documentType, QStringLiteral("rule"), describe(before),
                           describe(after));
            }
            transaction.commit();
            return {};
        });
    }

    Result<int> removeRules(const QString& documentType, const QList<Rule>& rules, const QString& user) override
    {
        return guarded([&]() -> Result<int> {
            reconnectIfLost();
            Transaction transaction(conn());
            const QList<Rule> before = readRules(documentType, true);
            qint64 removed = 0;
            if (rules.isEmpty()) {
                removed = run(conn(), "DELETE FROM rule WHERE document_type = $1", args(documentType)).affected();
            } else {
                for (const auto& rule : rules) {
                    removed += run(conn(), "DELETE FROM rule WHERE document_type = $1 AND recipient = $2 AND rpps = $3",
                                   args(documentType, recipientSpec(Rule{{}, rule.recipient, {}}), rule.rpps))
                                   .affected();
                }
            }
            if (removed > 0) {
                addHistory(user, QStringLiteral("rule:") + documentType, QStringLiteral("rule"), describe(before),
                           describe(readRules(documentType)));
            }
            transaction.commit();
            return static_cast<int>(removed);
        });
    }

    Result<Stats> stats() override
    {
        return guarded([&]() -> Result<Stats> {
            Stats stats;
            Cursor counts = query("SELECT (SELECT count(*) FROM person WHERE retired_at IS NULL), "
                                  "(SELECT count(*) FROM person WHERE retired_at IS NOT NULL), "
                                  "(SELECT count(*) FROM activity WHERE retired_at IS NULL), "
                                  "(SELECT count(*) FROM mailbox WHERE retired_at IS NULL), "
                                  "(SELECT count(*) FROM person WHERE local = 1), "
                                  "(SELECT count(*) FROM preference), (SELECT count(*) FROM rule)");
            counts.next();
            stats.persons = counts.integer(0);
            stats.personsRetired = counts.integer(1);
            stats.activities = counts.integer(2);
            stats.mailboxes = counts.integer(3);
            stats.local = counts.integer(4);
            stats.preferences = counts.integer(5);
            stats.rules = counts.integer(6);
            Cursor c = query("SELECT kind, source, finished_at, added, updated, unchanged, duplicates, retired, "
                             "persons, persons_retired FROM import_run WHERE finished_at IS NOT NULL "
                             "ORDER BY id DESC LIMIT 10");
            while (c.next()) {
                stats.lastImports << stored::readImportRun(c);
            }
            return stats;
        });
    }

    PGconn* conn() const
    {
        return m_conn.get();
    }

    void addHistory(const QString& user, const QString& subject, const QString& change, const QString& from,
                    const QString& to)
    {
        run(conn(),
            "INSERT INTO history(at, \"user\", subject, change, from_value, to_value) VALUES($1, $2, $3, $4, $5, $6)",
            args(nowText(), user, subject, change, from, to));
    }

private:
    // An import's staging
    // tables are temporary, kept in this session's memory up to temp_buffers (set before any use;
    // nothing is allocated for a session that never imports). A lookup never waits more than a few
    // seconds for a lock (the end of a first import holds the tables): the secretary is told the
    // directory is busy instead of a frozen window; an import waits as long as it takes.
    void setupSession()
    {
        PQclear(PQexec(conn(), "SET temp_buffers = '256MB'; SET lock_timeout = '5s'"));
    }

    // A server restarted or a connection dropped by a firewall: reconnect once, outside a
    // transaction only (one inside is lost with its connection and reported).
    void reconnectIfLost()
    {
        if (PQstatus(conn()) == CONNECTION_BAD) {
            PQreset(conn());
            m_prepared.clear(); // a new session has none
            setupSession();
        }
    }

    // One statement outside any explicit transaction: retried once on a fresh connection when
    // the connection was lost (reads and single inserts are safe to repeat).
    Cursor query(const char* sql, const Args& params = {}, Plan plan = Plan::Cached)
    {
        reconnectIfLost();
        try {
            return execute(sql, params, plan);
        } catch (const PgFailure&) {
            if (PQstatus(conn()) != CONNECTION_BAD || importing) {
                throw;
            }
            PQreset(conn());
            m_prepared.clear();
            setupSession();
            return execute(sql, params, plan);
        }
    }

    // The name of `sql` prepared on this session, preparing it the first time.
    const std::string& preparedName(const char* sql, const Args& params)
    {
        auto it = m_prepared.find(sql);
        if (it == m_prepared.end()) {
            std::string name = "missive_" + std::to_string(m_prepared.size() + 1);
            ResultPtr made(PQprepare(conn(), name.c_str(), sql, static_cast<int>(params.size()), nullptr));
            if (PQresultStatus(made.get()) != PGRES_COMMAND_OK) {
                fail(conn(), made.get());
            }
            it = m_prepared.emplace(sql, std::move(name)).first;
        }
        return it->second;
    }

    Cursor execute(const char* sql, const Args& params, Plan plan)
    {
        std::vector<const char*> values;
        std::vector<int> lengths;
        for (const auto& p : params) {
            values.push_back(p.constData());
            lengths.push_back(static_cast<int>(p.size()));
        }
        const int count = static_cast<int>(params.size());
        ResultPtr result(plan == Plan::Cached
                             ? PQexecPrepared(conn(), preparedName(sql, params).c_str(), count, values.data(),
                                              lengths.data(), nullptr, 0)
                             : PQexecParams(conn(), sql, count, nullptr, values.data(), lengths.data(), nullptr, 0));
        const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            fail(conn(), result.get());
        }
        return Cursor(std::move(result));
    }

    QList<PersonRow> persons(const char* sql, const Args& params, Plan plan = Plan::Cached)
    {
        Cursor c = query(sql, params, plan);
        QList<PersonRow> rows;
        while (c.next()) {
            rows << stored::readPerson(c);
        }
        return rows;
    }

    // `lock`: inside a change, FOR UPDATE keeps two workstations from editing the same rules at once.
    QList<Rule> readRules(const QString& documentType, bool lock = false)
    {
        Cursor c = run(conn(),
                       lock ? "SELECT document_type, recipient, rpps FROM rule WHERE document_type = $1 OR $1 = '' "
                              "ORDER BY document_type COLLATE \"C\", position FOR UPDATE"
                            : "SELECT document_type, recipient, rpps FROM rule WHERE document_type = $1 OR $1 = '' "
                              "ORDER BY document_type COLLATE \"C\", position",
                       args(documentType));
        QList<Rule> result;
        while (c.next()) {
            auto rule = parseRecipient(c.text(1));
            if (rule) {
                rule->documentType = c.text(0);
                rule->rpps = c.text(2);
                result << *rule;
            }
        }
        return result;
    }

    ConnPtr m_conn;
    std::unordered_map<std::string, std::string> m_prepared; // SQL -> name of the prepared statement
};

// ---- Import session implementation ----

PostgresImportSession::PostgresImportSession(PostgresStore& store, PGconn* conn, SourceKind kind)
    : m_conn(conn)
    , m_kind(kind)
    , m_storeFlag(&store.importing)
{
    store.importing = true;
}

PostgresImportSession::~PostgresImportSession()
{
    if (m_copying) {
        try {
            endCopy("import abandoned");
        } catch (const PgFailure&) {
            // The copy failed as asked; the rollback below ends the transaction.
        }
    }
    if (m_open) {
        PQclear(PQexec(m_conn, "ROLLBACK"));
    }
    *m_storeFlag = false;
}

void PostgresImportSession::start(const QString& sourceName)
{
    run(m_conn, "BEGIN");
    m_open = true;
    run(m_conn, "SET LOCAL lock_timeout = 0");
    // One import at a time for the whole group; searches go on meanwhile on the committed rows.
    run(m_conn, "SELECT pg_advisory_xact_lock($1)", args(ImportLock));
    m_now = nowText();
    m_run = scalar(m_conn, "INSERT INTO import_run(kind, source, started_at) VALUES($1, $2, $3) RETURNING id",
                   args(sourceKindName(m_kind), sourceName, m_now));
    // The set operations sort the whole file: in memory rather than in temporary files.
    run(m_conn, "SET LOCAL work_mem = '256MB'");
    run(m_conn, "SET LOCAL maintenance_work_mem = '512MB'");
    // A few long statements: compiling them costs more than it saves.
    run(m_conn, "SET LOCAL jit = off");
    if (m_kind == SourceKind::PersonneActivite) {
        static const std::string stage = "CREATE TEMP TABLE stage_activity(n bigserial, akey bigint, rpps text, "
                                         + asText(MISSIVE_PERSON_FIELDS) + ", person_hash bigint, "
                                         + asText(MISSIVE_ACTIVITY_FIELDS)
                                         + ", row_hash bigint, place text, specialties text) ON COMMIT DROP";
        run(m_conn, stage.c_str());
        beginCopy("COPY stage_activity(akey, rpps, " MISSIVE_PERSON_FIELDS ", person_hash, " MISSIVE_ACTIVITY_FIELDS
                  ", row_hash, place, specialties) FROM STDIN");
    } else {
        static const std::string stage = "CREATE TEMP TABLE stage_mailbox(n bigserial, address_key text, "
                                         + asText(MISSIVE_MAILBOX_FIELDS) + ", row_hash bigint) ON COMMIT DROP";
        run(m_conn, stage.c_str());
        beginCopy("COPY stage_mailbox(address_key, " MISSIVE_MAILBOX_FIELDS ", row_hash) FROM STDIN");
    }
}

void PostgresImportSession::beginCopy(const char* sql)
{
    ResultPtr result(PQexec(m_conn, sql));
    if (PQresultStatus(result.get()) != PGRES_COPY_IN) {
        fail(m_conn, result.get());
    }
    m_copying = true;
    m_sender = std::make_unique<CopySender>(m_conn);
}

Result<RowOutcome> PostgresImportSession::addActivity(const ActivityRecord& row)
{
    return guarded([&]() -> Result<RowOutcome> {
        const NameKeys& keys = *row.keys;
        const qint64 personHash = Fnv()
                                      .add({row.idType, row.idnps, row.titleCode, row.title, row.civilityCode,
                                            row.civility, row.familyName, row.givenName})
                                      .value();
        {
            CopyLine line(m_buffer);
            line << row.key << row.rpps << row.idType << row.idnps << row.titleCode << row.title << row.civilityCode
                 << row.civility << row.familyName << row.givenName << keys.familyKey
                 << (keys.familyFull == keys.familyKey ? QString() : keys.familyFull) << keys.familyOcr
                 << keys.familyPhonetic << keys.givenKey << keys.givenOcr << keys.givenPhonetic << keys.text
                 << personHash << row.professionCode << row.professionLabel << row.specialtyCode << row.specialtyLabel
                 << row.modeCode << row.siret << row.siren << row.finessSite << row.finessLegal << row.structureId
                 << row.siteName << row.siteSign << row.complementRecipient << row.complementPlace << row.streetNumber
                 << row.streetIndex << row.streetType << row.streetName << row.distribution << row.cedex << row.postcode
                 << row.cityCode << row.city << row.countryLabel << row.roleCode << row.roleLabel << row.rowHash
                 << row.place << row.specialties;
        }
        ++m_staged;
        flush(false);
        return RowOutcome::Staged;
    });
}

Result<RowOutcome> PostgresImportSession::addMailbox(const MailboxRecord& row)
{
    return guarded([&]() -> Result<RowOutcome> {
        {
            CopyLine line(m_buffer);
            line << row.addressKey << row.address << row.type << row.rpps << row.idnps << row.structureType
                 << row.structureId << row.structureKey << row.service << row.organisation << row.sign << row.postcode
                 << row.cityLine << row.rowHash;
        }
        flush(false);
        return RowOutcome::Staged;
    });
}

void PostgresImportSession::flush(bool force)
{
    if (m_buffer.isEmpty() || (!force && m_buffer.size() < (1 << 20))) {
        return;
    }
    m_sender->send(std::exchange(m_buffer, QByteArray()));
    m_buffer.reserve((1 << 20) + 4096);
}

void PostgresImportSession::endCopy(const char* abortReason)
{
    m_copying = false;
    if (!abortReason) {
        flush(true);
    }
    const auto sender = std::move(m_sender);
    sender->finish(abortReason != nullptr);
    if (PQputCopyEnd(m_conn, abortReason) != 1) {
        fail(m_conn, nullptr);
    }
    bool failed = false;
    PgFailure failure;
    while (PGresult* raw = PQgetResult(m_conn)) {
        ResultPtr result(raw);
        if (PQresultStatus(raw) != PGRES_COMMAND_OK && !failed) {
            failed = true;
            const char* state = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
            failure = PgFailure{QString::fromLatin1(state ? state : ""),
                                QString::fromUtf8(PQresultErrorMessage(raw)).trimmed()};
        }
    }
    if (failed) {
        throw failure;
    }
}

void PostgresImportSession::applyActivities()
{
    if (lockEmptyForBulk()) {
        bulkInsert();
        return;
    }
    const Args runNow = args(m_run, m_now);
    run(m_conn, "CREATE TEMP TABLE s_act ON COMMIT DROP AS "
                "SELECT DISTINCT ON (akey) * FROM stage_activity ORDER BY akey, n");
    run(m_conn, "CREATE UNIQUE INDEX ON s_act(akey)");
    m_counts.duplicates = scalar(m_conn, "SELECT (SELECT count(*) FROM stage_activity) - (SELECT count(*) FROM s_act)");
    // One row per professional: the fields of their first row, the places and specialties of all.
    run(m_conn, "CREATE TEMP TABLE s_person ON COMMIT DROP AS "
                "SELECT f.*, COALESCE(a.places, '') AS places, COALESCE(a.specialties, '') AS specialties FROM "
                "(SELECT DISTINCT ON (rpps) rpps, " MISSIVE_PERSON_FIELDS ", person_hash FROM stage_activity "
                "ORDER BY rpps, n) f LEFT JOIN (SELECT rpps, "
                "left(string_agg(DISTINCT place, '|') FILTER (WHERE place <> ''), " MISSIVE_PLACES_KEPT ") AS places, "
                "string_agg(DISTINCT specialties, '|') FILTER (WHERE specialties <> '') AS specialties "
                "FROM stage_activity GROUP BY rpps) a USING (rpps)");
    run(m_conn, "CREATE UNIQUE INDEX ON s_person(rpps)");
    // Statistics on the join keys only: the other columns are copied, never filtered on.
    run(m_conn, "ANALYZE s_act(akey, rpps, row_hash)");
    run(m_conn, "ANALYZE s_person(rpps, person_hash)");
    m_counts.persons = scalar(m_conn, "SELECT count(*) FROM s_person");

    static const std::string updatePerson =
        "UPDATE person p SET " + assignFrom(MISSIVE_PERSON_FIELDS, "s")
        + ", row_hash = s.person_hash, seen_run = $1, updated_at = $2, retired_at = NULL, local = 0, "
          "places = s.places, specialties = s.specialties FROM s_person s "
          "WHERE p.rpps = s.rpps AND p.row_hash <> s.person_hash";
    run(m_conn, updatePerson.c_str(), runNow);
    // Back in the extract (or now in it, for a local addition), or practising elsewhere.
    run(m_conn,
        "UPDATE person p SET seen_run = $1, retired_at = NULL, local = 0, places = s.places, "
        "specialties = s.specialties FROM s_person s WHERE p.rpps = s.rpps AND p.row_hash = s.person_hash "
        "AND (p.retired_at IS NOT NULL OR p.local <> 0 OR p.places <> s.places OR p.specialties <> s.specialties)",
        args(m_run));
    m_counts.unchanged = scalar(m_conn, "SELECT count(*) FROM activity a JOIN s_act s ON s.akey = a.akey "
                                        "WHERE a.row_hash = s.row_hash AND a.retired_at IS NULL");
    static const std::string updateActivity =
        "UPDATE activity a SET person_id = p.id, " + assignFrom(MISSIVE_ACTIVITY_FIELDS, "s")
        + ", row_hash = s.row_hash, seen_run = $1, updated_at = $2, retired_at = NULL "
          "FROM s_act s JOIN person p ON p.rpps = s.rpps WHERE a.akey = s.akey AND a.row_hash <> s.row_hash";
    m_counts.updated = run(m_conn, updateActivity.c_str(), runNow).affected();
    m_counts.updated += run(m_conn,
                            "UPDATE activity a SET seen_run = $1, retired_at = NULL FROM s_act s "
                            "WHERE a.akey = s.akey AND a.row_hash = s.row_hash AND a.retired_at IS NOT NULL",
                            args(m_run))
                            .affected();
    insertNew();
    m_counts.retired = run(m_conn,
                           "UPDATE activity a SET retired_at = $1 WHERE a.retired_at IS NULL AND a.local = 0 "
                           "AND NOT EXISTS (SELECT 1 FROM s_act s WHERE s.akey = a.akey)",
                           args(m_now))
                           .affected();
    m_counts.personsRetired = run(m_conn,
                                  "UPDATE person p SET retired_at = $1 WHERE p.retired_at IS NULL AND p.local = 0 "
                                  "AND NOT EXISTS (SELECT 1 FROM s_person s WHERE s.rpps = p.rpps)",
                                  args(m_now))
                                  .affected();
}

// True when the directory holds no professional yet and this role owns its tables (only an owner
// may drop and build indexes; a role IT granted the tables to imports row by row), the tables
// then being locked until the commit: the emptiness is checked again under the lock (a local
// addition may have just come in).
bool PostgresImportSession::lockEmptyForBulk()
{
    static const char* const empty =
        "SELECT NOT EXISTS (SELECT 1 FROM person) AND NOT EXISTS (SELECT 1 FROM activity) "
        "AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'person'::regclass), 'USAGE') "
        "AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'activity'::regclass), 'USAGE')";
    if (scalar(m_conn, empty) == 0) {
        return false;
    }
    run(m_conn, "LOCK TABLE person, activity IN ACCESS EXCLUSIVE MODE");
    m_bulk = scalar(m_conn, empty) != 0;
    return m_bulk;
}

// The first import: every row is new. The secondary indexes are dropped and built again from
// their own definitions once the rows are in (one sort each instead of 3 million insertions, the
// trigram index above all); the first row of a file wins for a key seen twice, as below.
void PostgresImportSession::bulkInsert()
{
    const Args runNow = args(m_run, m_now);
    // The joins below hash and sort the whole file: with its statistics, not a guess.
    run(m_conn, "ANALYZE stage_activity(akey, rpps, n)");
    QList<QByteArray> definitions;
    {
        Cursor c = run(m_conn, "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                               "WHERE i.indrelid IN ('person'::regclass, 'activity'::regclass) "
                               "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)");
        while (c.next()) {
            run(m_conn, ("DROP INDEX " + c.text(0).toStdString()).c_str());
            definitions << c.text(1).toUtf8();
        }
    }
    m_counts.persons =
        run(m_conn,
            "INSERT INTO person(rpps, " MISSIVE_PERSON_FIELDS ", row_hash, seen_run, created_at, updated_at, places, "
            "specialties) SELECT f.rpps, " MISSIVE_PERSON_FIELDS ", f.person_hash, $1, $2, $2, "
            "COALESCE(a.places, ''), COALESCE(a.specialties, '') FROM "
            "(SELECT DISTINCT ON (rpps) rpps, " MISSIVE_PERSON_FIELDS ", person_hash FROM stage_activity "
            "ORDER BY rpps, n) f LEFT JOIN (SELECT rpps, "
            "left(string_agg(DISTINCT place, '|') FILTER (WHERE place <> ''), " MISSIVE_PLACES_KEPT ") AS places, "
            "string_agg(DISTINCT specialties, '|') FILTER (WHERE specialties <> '') AS specialties "
            "FROM stage_activity GROUP BY rpps) a USING (rpps) ORDER BY f.rpps",
            runNow)
            .affected();
    static const std::string insertActivity =
        "INSERT INTO activity(akey, person_id, " MISSIVE_ACTIVITY_FIELDS
        ", row_hash, seen_run, updated_at) SELECT s.akey, p.id, "
        + prefixed(MISSIVE_ACTIVITY_FIELDS, "s")
        + ", s.row_hash, $1, $2 FROM stage_activity s JOIN person p ON p.rpps = s.rpps "
          "WHERE NOT EXISTS (SELECT 1 FROM stage_activity t WHERE t.akey = s.akey AND t.n < s.n) ORDER BY s.n";
    m_counts.added = run(m_conn, insertActivity.c_str(), runNow).affected();
    m_counts.duplicates = m_staged - m_counts.added;
    for (const auto& definition : definitions) {
        run(m_conn, definition.constData());
    }
}

// Professionals and activities not in the directory yet.
void PostgresImportSession::insertNew()
{
    const Args runNow = args(m_run, m_now);
    run(m_conn,
        "INSERT INTO person(rpps, " MISSIVE_PERSON_FIELDS ", row_hash, seen_run, created_at, updated_at, places, "
        "specialties) SELECT s.rpps, " MISSIVE_PERSON_FIELDS ", s.person_hash, $1, $2, $2, s.places, s.specialties "
        "FROM s_person s WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.rpps = s.rpps) ORDER BY s.rpps",
        runNow);
    static const std::string insertActivity =
        "INSERT INTO activity(akey, person_id, " MISSIVE_ACTIVITY_FIELDS
        ", row_hash, seen_run, updated_at) SELECT s.akey, p.id, "
        + prefixed(MISSIVE_ACTIVITY_FIELDS, "s")
        + ", s.row_hash, $1, $2 FROM s_act s JOIN person p ON p.rpps = s.rpps "
          "WHERE NOT EXISTS (SELECT 1 FROM activity a WHERE a.akey = s.akey) ORDER BY s.n";
    m_counts.added = run(m_conn, insertActivity.c_str(), runNow).affected();
}

void PostgresImportSession::applyMailboxes()
{
    const Args runNow = args(m_run, m_now);
    run(m_conn, "CREATE TEMP TABLE s_mbx ON COMMIT DROP AS "
                "SELECT DISTINCT ON (address_key) * FROM stage_mailbox ORDER BY address_key, n");
    run(m_conn, "CREATE UNIQUE INDEX ON s_mbx(address_key)");
    run(m_conn, "ANALYZE s_mbx");
    m_counts.duplicates = scalar(m_conn, "SELECT (SELECT count(*) FROM stage_mailbox) - (SELECT count(*) FROM s_mbx)");
    static const std::string update =
        "UPDATE mailbox m SET " + assignFrom(MISSIVE_MAILBOX_FIELDS, "s")
        + ", row_hash = s.row_hash, seen_run = $1, updated_at = $2, retired_at = NULL, local = 0 "
          "FROM s_mbx s WHERE m.address_key = s.address_key AND m.row_hash <> s.row_hash";
    m_counts.updated = run(m_conn, update.c_str(), runNow).affected();
    m_counts.unchanged = run(m_conn,
                             "UPDATE mailbox m SET seen_run = $1, retired_at = NULL FROM s_mbx s "
                             "WHERE m.address_key = s.address_key AND m.row_hash = s.row_hash AND m.seen_run <> $1",
                             args(m_run))
                             .affected();
    static const std::string insert =
        "INSERT INTO mailbox(address_key, " MISSIVE_MAILBOX_FIELDS
        ", row_hash, seen_run, updated_at) SELECT s.address_key, "
        + prefixed(MISSIVE_MAILBOX_FIELDS, "s")
        + ", s.row_hash, $1, $2 FROM s_mbx s "
          "WHERE NOT EXISTS (SELECT 1 FROM mailbox m WHERE m.address_key = s.address_key) ORDER BY s.n";
    m_counts.added = run(m_conn, insert.c_str(), runNow).affected();
    m_counts.retired = run(m_conn,
                           "UPDATE mailbox SET retired_at = $2 WHERE seen_run <> $1 AND local = 0 "
                           "AND retired_at IS NULL",
                           runNow)
                           .affected();
}

Result<ImportCounts> PostgresImportSession::commit()
{
    return guarded([&]() -> Result<ImportCounts> {
        if (!m_open) {
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("Import déjà terminé."),
                             QStringLiteral("commit twice"));
        }
        QElapsedTimer phase;
        phase.start();
        endCopy(nullptr);
        qCInfo(lcDirectory) << "copy end ms" << phase.restart();
        if (m_kind == SourceKind::PersonneActivite) {
            applyActivities();
        } else {
            applyMailboxes();
        }
        qCInfo(lcDirectory) << "apply ms" << phase.restart();
        run(m_conn,
            "UPDATE import_run SET finished_at = $2, added = $3, updated = $4, unchanged = $5, duplicates = $6, "
            "retired = $7, persons = $8, persons_retired = $9 WHERE id = $1",
            args(m_run, nowText(), m_counts.added, m_counts.updated, m_counts.unchanged, m_counts.duplicates,
                 m_counts.retired, m_counts.persons, m_counts.personsRetired));
        run(m_conn, "COMMIT");
        m_open = false;
        if (m_kind == SourceKind::PersonneActivite) {
            // Marks the pages all-visible, so that narrowing a name to a town reads its index only
            // from now on, and gives the planner the new figures. Outside the import's transaction;
            // a role that does not own the tables leaves it to autovacuum (a warning, not an error).
            PQclear(PQexec(m_conn, "VACUUM (ANALYZE) person, activity"));
        }
        qCInfo(lcDirectory) << "commit ms" << phase.restart();
        return m_counts;
    });
}

void migrate(PGconn* conn)
{
    Transaction transaction(conn);
    run(conn, "SELECT pg_advisory_xact_lock($1)", args(MigrationLock));
    auto recorded = pg::schemaVersion(conn, "directory");
    if (!recorded) {
        throw PgFailure{recorded.error().code == ErrorCode::PermissionDenied ? QStringLiteral("MSVD3") : QString(),
                        recorded.error().detail};
    }
    qint64 version = *recorded;
    const qint64 found = version;
    if (version == 0
        && scalar(conn, "SELECT count(*) FROM pg_class WHERE relname = 'person' "
                        "AND relnamespace = current_schema()::regnamespace")
               > 0) {
        throw PgFailure{QStringLiteral("MSVD1"), QStringLiteral("a table person exists without Missive's schema")};
    }
    if (version > PostgresSchemaVersion) {
        throw PgFailure{QStringLiteral("MSVD2"), QStringLiteral("schema version %1 is newer").arg(version)};
    }
    for (; version < PostgresSchemaVersion; ++version) {
        run(conn, "SET LOCAL client_min_messages = warning"); // "extension already exists" notices
        ResultPtr result(PQexec(conn, Migrations[version]));
        if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
            fail(conn, result.get());
        }
    }
    if (found == PostgresSchemaVersion) {
        return; // nothing to write: a workstation's role may only read the version
    }
    if (auto set = pg::setSchemaVersion(conn, "directory", PostgresSchemaVersion); !set) {
        throw PgFailure{set.error().code == ErrorCode::PermissionDenied ? QStringLiteral("MSVD3") : QString(),
                        set.error().detail};
    }
    transaction.commit();
}

// Connects (over TCP only with the server's certificate verified) and migrates the schema.
Result<ConnPtr> connect(const QString& url, const QByteArray& password)
{
    auto connected = pg::connect(url, password, QStringLiteral("de l'annuaire"));
    if (!connected) {
        return tl::unexpected(connected.error());
    }
    ConnPtr conn = std::move(*connected);
    return guarded([&]() -> Result<ConnPtr> {
        try {
            migrate(conn.get());
        } catch (const PgFailure& failure) {
            if (failure.sqlstate == QLatin1String("MSVD3")) {
                return makeError(ErrorCode::PermissionDenied,
                                 QStringLiteral("La base PostgreSQL de l'annuaire doit d'abord être créée ou mise à "
                                                "jour par l'administrateur (missive storage setup)."),
                                 failure.detail);
            }
            if (failure.sqlstate.startsWith(QLatin1String("MSVD"))) {
                return makeError(ErrorCode::Integrity,
                                 failure.sqlstate == QLatin1String("MSVD2")
                                     ? QStringLiteral("La base PostgreSQL de l'annuaire a été créée par une version "
                                                      "plus récente de Missive.")
                                     : QStringLiteral("La base PostgreSQL donnée n'est pas un annuaire Missive."),
                                 failure.detail);
            }
            throw;
        }
        return std::move(conn);
    });
}

Result<std::unique_ptr<Store>> open(const QString& url, const QByteArray& password)
{
    auto conn = connect(url, password);
    if (!conn) {
        return tl::unexpected(conn.error());
    }
    return std::unique_ptr<Store>(std::make_unique<PostgresStore>(std::move(*conn)));
}

// The tables `missive storage migrate` moves, in an order that keeps references resolvable.
// person_fts (SQLite's own index) and meta (SQLite's version stamp) stay behind.
const char* const CopiedTables[] = {"person",  "activity", "mailbox",    "preference", "confirmation",
                                    "history", "rule",     "import_run", "staff"};

Result<QList<TableCopy>> copyFromSqlite(const QString& sqlitePath, const QString& url, const QByteArray& password)
{
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(sqlitePath).constData(), &raw,
                                   SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, nullptr);
    CHandle<sqlite3, sqlite3_close_v2> source(raw);
    if (rc != SQLITE_OK) {
        return makeError(ErrorCode::Io, QStringLiteral("Impossible de lire l'annuaire %1.").arg(sqlitePath),
                         QString::fromUtf8(sqlite3_errstr(rc)));
    }
    auto conn = connect(url, password);
    if (!conn) {
        return tl::unexpected(conn.error());
    }
    PGconn* pg = conn->get();
    return guarded([&]() -> Result<QList<TableCopy>> {
        Transaction transaction(pg);
        run(pg, "SELECT pg_advisory_xact_lock($1)", args(ImportLock));
        for (const char* table : CopiedTables) {
            if (scalar(pg, (std::string("SELECT count(*) FROM ") + table).c_str()) > 0) {
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("La base PostgreSQL n'est pas vide (table %1) : la migration ne "
                                                "fusionne pas deux annuaires.")
                                     .arg(QLatin1String(table)),
                                 QStringLiteral("target not empty"));
            }
        }
        QList<TableCopy> copied;
        for (const char* table : CopiedTables) {
            // The columns both schemas have (the same names by design), quoted ("user").
            std::vector<std::string> columns;
            {
                sqlite3_stmt* info = nullptr;
                sqlite3_prepare_v2(source.get(), (std::string("PRAGMA table_info(") + table + ")").c_str(), -1, &info,
                                   nullptr);
                CHandle<sqlite3_stmt, sqlite3_finalize> owned(info);
                while (info && sqlite3_step(info) == SQLITE_ROW) {
                    columns.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(info, 1)));
                }
            }
            std::string list;
            std::string read;
            for (const auto& column : columns) {
                list += (list.empty() ? "\"" : ", \"") + column + "\"";
                // A professional's places are kept as the name indexes can hold them (MigrationV3).
                const bool places = std::string_view(table) == "person" && column == "places";
                read += (read.empty() ? "" : ", ")
                        + (places ? "substr(places, 1, " MISSIVE_PLACES_KEPT ")" : "\"" + column + "\"");
            }
            sqlite3_stmt* select = nullptr;
            if (sqlite3_prepare_v2(source.get(), ("SELECT " + read + " FROM " + table).c_str(), -1, &select, nullptr)
                != SQLITE_OK) {
                return makeError(ErrorCode::Integrity,
                                 QStringLiteral("Table %1 illisible dans l'annuaire SQLite.").arg(QLatin1String(table)),
                                 QString::fromUtf8(sqlite3_errmsg(source.get())));
            }
            CHandle<sqlite3_stmt, sqlite3_finalize> rows(select);
            ResultPtr started(PQexec(pg, ("COPY " + std::string(table) + "(" + list + ") FROM STDIN").c_str()));
            if (PQresultStatus(started.get()) != PGRES_COPY_IN) {
                fail(pg, started.get());
            }
            QByteArray buffer;
            qint64 count = 0;
            int step = SQLITE_ROW;
            while ((step = sqlite3_step(select)) == SQLITE_ROW) {
                for (int c = 0; c < static_cast<int>(columns.size()); ++c) {
                    if (c > 0) {
                        buffer += '\t';
                    }
                    if (sqlite3_column_type(select, c) == SQLITE_NULL) {
                        buffer += "\\N";
                    } else {
                        appendCopyField(buffer,
                                        QByteArrayView(reinterpret_cast<const char*>(sqlite3_column_text(select, c)),
                                                       sqlite3_column_bytes(select, c)));
                    }
                }
                buffer += '\n';
                ++count;
                if (buffer.size() > (1 << 20)) {
                    if (PQputCopyData(pg, buffer.constData(), static_cast<int>(buffer.size())) != 1) {
                        fail(pg, nullptr);
                    }
                    buffer.clear();
                }
            }
            const bool readAll = step == SQLITE_DONE;
            if (!buffer.isEmpty() && readAll
                && PQputCopyData(pg, buffer.constData(), static_cast<int>(buffer.size())) != 1) {
                fail(pg, nullptr);
            }
            PQputCopyEnd(pg, readAll ? nullptr : "source unreadable");
            while (PGresult* result = PQgetResult(pg)) {
                ResultPtr owned(result);
                if (PQresultStatus(result) != PGRES_COMMAND_OK) {
                    fail(pg, result);
                }
            }
            if (!readAll) {
                return makeError(
                    ErrorCode::Integrity,
                    QStringLiteral("Lecture interrompue de l'annuaire SQLite (table %1).").arg(QLatin1String(table)),
                    QString::fromUtf8(sqlite3_errmsg(source.get())));
            }
            // What arrived is what was read, before anything commits.
            const qint64 stored = scalar(pg, (std::string("SELECT count(*) FROM ") + table).c_str());
            if (stored != count) {
                return makeError(ErrorCode::Integrity,
                                 QStringLiteral("Table %1 : %2 lignes lues, %3 enregistrées ; rien n'a été migré.")
                                     .arg(QLatin1String(table))
                                     .arg(count)
                                     .arg(stored),
                                 QStringLiteral("row count mismatch"));
            }
            if (std::find(columns.begin(), columns.end(), "id") != columns.end()) {
                // New rows continue after the copied ids.
                run(pg, (std::string("SELECT setval(pg_get_serial_sequence('") + table
                         + "', 'id'), "
                           "COALESCE(max(id), 1), max(id) IS NOT NULL) FROM "
                         + table)
                            .c_str());
            }
            copied << TableCopy{QString::fromLatin1(table), count};
        }
        run(pg, "ANALYZE");
        transaction.commit();
        return copied;
    });
}

const PostgresModuleInterface Module{PostgresModuleAbi, PostgresModuleBuild, &open, &copyFromSqlite};

} // namespace

} // namespace missive::directory

extern "C" MISSIVE_MODULE_EXPORT const missive::directory::PostgresModuleInterface* missive_directory_postgres_module()
{
    return &missive::directory::Module;
}
