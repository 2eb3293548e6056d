#include "missive/directory/sqlite_store.h"

#include "hash.h"
#include "log.h"
#include "missive/core/c_handle.h"
#include "missive/core/sqlite_schema.h"
#include "missive/directory/names.h"
#include "store_rows.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSet>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sqlite3.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace missive::directory
{
namespace
{

// 'MSVD': tells a Missive directory from any other SQLite file.
constexpr int ApplicationId = 0x4D535644;

// Thrown inside this file only; every public entry point converts it to a Result.
struct SqlFailure
{
    int code = SQLITE_ERROR;
    QString detail;
};

using DbPtr = CHandle<sqlite3, sqlite3_close_v2>;
using StmtPtr = CHandle<sqlite3_stmt, sqlite3_finalize>;

[[noreturn]] void fail(sqlite3* db, int code, const char* what)
{
    throw SqlFailure{code, QStringLiteral("%1: %2 (%3)")
                               .arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(db)),
                                    QString::fromUtf8(sqlite3_errstr(code)))};
}

void exec(sqlite3* db, const char* sql)
{
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        QString detail = QString::fromUtf8(message ? message : sqlite3_errstr(rc));
        sqlite3_free(message);
        throw SqlFailure{rc, detail};
    }
}

// A prepared statement, reset after each use. Text views are bound SQLITE_STATIC: callers keep
// them alive until the statement has stepped.
class Stmt
{
public:
    Stmt(sqlite3* db, const char* sql)
        : m_db(db)
    {
        sqlite3_stmt* stmt = nullptr;
        const int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK) {
            fail(db, rc, "prepare");
        }
        m_stmt.reset(stmt);
    }

    Stmt& bind(int index, QByteArrayView value)
    {
        check(sqlite3_bind_text(m_stmt.get(), index, value.isEmpty() ? "" : value.data(),
                                static_cast<int>(value.size()), SQLITE_STATIC));
        return *this;
    }
    Stmt& bind(int index, const QByteArray& value)
    {
        return bind(index, QByteArrayView(value));
    }
    Stmt& bind(int index, const QString& value)
    {
        static const char16_t empty[] = u"";
        const void* data = value.isEmpty() ? static_cast<const void*>(empty) : static_cast<const void*>(value.utf16());
        check(sqlite3_bind_text16(m_stmt.get(), index, data, static_cast<int>(value.size() * 2), SQLITE_TRANSIENT));
        return *this;
    }
    Stmt& bind(int index, qint64 value)
    {
        check(sqlite3_bind_int64(m_stmt.get(), index, value));
        return *this;
    }
    Stmt& bindNull(int index)
    {
        check(sqlite3_bind_null(m_stmt.get(), index));
        return *this;
    }

    // True while a row is available.
    bool step()
    {
        const int rc = sqlite3_step(m_stmt.get());
        if (rc == SQLITE_ROW) {
            return true;
        }
        if (rc == SQLITE_DONE) {
            return false;
        }
        const int code = rc;
        reset();
        fail(m_db, code, "step");
    }
    // Runs to completion; returns the result code instead of throwing on a constraint violation.
    int tryExec()
    {
        const int rc = sqlite3_step(m_stmt.get());
        reset();
        return rc == SQLITE_ROW ? SQLITE_DONE : rc;
    }
    void exec()
    {
        const int rc = tryExec();
        if (rc != SQLITE_DONE) {
            fail(m_db, rc, "exec");
        }
    }
    void reset()
    {
        sqlite3_reset(m_stmt.get());
        sqlite3_clear_bindings(m_stmt.get());
    }

    [[nodiscard]] QString text(int column) const
    {
        const auto* data = static_cast<const char16_t*>(sqlite3_column_text16(m_stmt.get(), column));
        const int bytes = sqlite3_column_bytes16(m_stmt.get(), column);
        return data ? QString(reinterpret_cast<const QChar*>(data), bytes / 2) : QString();
    }
    [[nodiscard]] qint64 integer(int column) const
    {
        return sqlite3_column_int64(m_stmt.get(), column);
    }
    [[nodiscard]] bool isNull(int column) const
    {
        return sqlite3_column_type(m_stmt.get(), column) == SQLITE_NULL;
    }

private:
    void check(int rc)
    {
        if (rc != SQLITE_OK) {
            fail(m_db, rc, "bind");
        }
    }

    sqlite3* m_db;
    StmtPtr m_stmt;
};

// Resets a statement when leaving a scope early (exceptions, early returns).
class StmtUse
{
public:
    explicit StmtUse(Stmt& stmt)
        : m_stmt(stmt)
    {
    }
    ~StmtUse()
    {
        m_stmt.reset();
    }
    StmtUse(const StmtUse&) = delete;
    StmtUse& operator=(const StmtUse&) = delete;
    Stmt* operator->()
    {
        return &m_stmt;
    }
    Stmt& operator*()
    {
        return m_stmt;
    }

private:
    Stmt& m_stmt;
};

Error toError(const SqlFailure& failure)
{
    switch (failure.code & 0xFF) {
    case SQLITE_FULL:
        return Error{ErrorCode::NoSpace, QStringLiteral("Disque plein : l'annuaire n'a pas pu être enregistré."),
                     failure.detail};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("L'annuaire est occupé par un autre programme ; réessayez dans un instant."),
                     failure.detail};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return Error{ErrorCode::Integrity, QStringLiteral("La base de l'annuaire est endommagée ou n'en est pas une."),
                     failure.detail};
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return Error{ErrorCode::PermissionDenied, QStringLiteral("Accès refusé à la base de l'annuaire."),
                     failure.detail};
    default:
        return Error{ErrorCode::Io, QStringLiteral("Erreur de la base de l'annuaire."), failure.detail};
    }
}

template <class F> auto guarded(F&& body) -> decltype(body())
{
    try {
        return body();
    } catch (const SqlFailure& failure) {
        qCWarning(lcDirectory) << "sqlite failure:" << failure.detail;
        return tl::unexpected(toError(failure));
    }
}

using stored::describe;
using stored::nowText;

// ---- Schema ----

const char* const MigrationV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE person(
    id INTEGER PRIMARY KEY,
    rpps TEXT NOT NULL,
    id_type TEXT NOT NULL DEFAULT '',
    idnps TEXT NOT NULL DEFAULT '',
    title_code TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    civility_code TEXT NOT NULL DEFAULT '',
    civility TEXT NOT NULL DEFAULT '',
    family_name TEXT NOT NULL DEFAULT '',
    given_name TEXT NOT NULL DEFAULT '',
    fam_key TEXT NOT NULL DEFAULT '',
    fam_full TEXT NOT NULL DEFAULT '',
    fam_ocr TEXT NOT NULL DEFAULT '',
    fam_phon TEXT NOT NULL DEFAULT '',
    given_key TEXT NOT NULL DEFAULT '',
    given_ocr TEXT NOT NULL DEFAULT '',
    given_phon TEXT NOT NULL DEFAULT '',
    fts_name TEXT NOT NULL DEFAULT '',
    places TEXT NOT NULL DEFAULT '',
    specialties TEXT NOT NULL DEFAULT '',
    row_hash INTEGER NOT NULL DEFAULT 0,
    seen_run INTEGER NOT NULL DEFAULT 0,
    local INTEGER NOT NULL DEFAULT 0,
    retired_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL);
CREATE UNIQUE INDEX person_rpps ON person(rpps);
-- places at the end of the name indexes: narrowing a common name to a town reads the index only.
CREATE INDEX person_fam_key ON person(fam_key, given_key, places);
CREATE INDEX person_fam_full ON person(fam_full) WHERE fam_full <> '';
CREATE INDEX person_fam_ocr ON person(fam_ocr, given_ocr, places);
CREATE INDEX person_fam_phon ON person(fam_phon, given_phon, places);
CREATE VIRTUAL TABLE person_fts USING fts5(fts_name, content='person', content_rowid='id', tokenize='trigram');
CREATE TABLE activity(
    id INTEGER PRIMARY KEY,
    akey INTEGER NOT NULL,
    person_id INTEGER NOT NULL,
    profession_code TEXT NOT NULL DEFAULT '', profession_label TEXT NOT NULL DEFAULT '',
    specialty_code TEXT NOT NULL DEFAULT '', specialty_label TEXT NOT NULL DEFAULT '',
    mode_code TEXT NOT NULL DEFAULT '',
    siret TEXT NOT NULL DEFAULT '', siren TEXT NOT NULL DEFAULT '',
    finess_site TEXT NOT NULL DEFAULT '', finess_legal TEXT NOT NULL DEFAULT '',
    structure_id TEXT NOT NULL DEFAULT '', site_name TEXT NOT NULL DEFAULT '', site_sign TEXT NOT NULL DEFAULT '',
    compl_recipient TEXT NOT NULL DEFAULT '', compl_place TEXT NOT NULL DEFAULT '',
    street_number TEXT NOT NULL DEFAULT '', street_index TEXT NOT NULL DEFAULT '',
    street_type TEXT NOT NULL DEFAULT '', street_name TEXT NOT NULL DEFAULT '',
    distribution TEXT NOT NULL DEFAULT '', cedex TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '', city_code TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '', role_code TEXT NOT NULL DEFAULT '', role_label TEXT NOT NULL DEFAULT '',
    row_hash INTEGER NOT NULL DEFAULT 0,
    seen_run INTEGER NOT NULL DEFAULT 0,
    local INTEGER NOT NULL DEFAULT 0,
    retired_at TEXT,
    updated_at TEXT NOT NULL);
CREATE UNIQUE INDEX activity_akey ON activity(akey);
CREATE INDEX activity_person ON activity(person_id);
CREATE TABLE mailbox(
    id INTEGER PRIMARY KEY,
    address_key TEXT NOT NULL UNIQUE,
    address TEXT NOT NULL,
    type TEXT NOT NULL,
    rpps TEXT NOT NULL DEFAULT '',
    idnps TEXT NOT NULL DEFAULT '',
    structure_type TEXT NOT NULL DEFAULT '', structure_id TEXT NOT NULL DEFAULT '',
    structure_key TEXT NOT NULL DEFAULT '',
    service TEXT NOT NULL DEFAULT '', organisation TEXT NOT NULL DEFAULT '', sign TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '', city_line TEXT NOT NULL DEFAULT '',
    row_hash INTEGER NOT NULL DEFAULT 0,
    seen_run INTEGER NOT NULL DEFAULT 0,
    local INTEGER NOT NULL DEFAULT 0,
    retired_at TEXT,
    updated_at TEXT NOT NULL);
CREATE INDEX mailbox_rpps ON mailbox(rpps);
CREATE INDEX mailbox_structure ON mailbox(structure_key);
CREATE TABLE preference(
    rpps TEXT NOT NULL,
    document_type TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL CHECK (channel IN ('mssante', 'postal', 'none')),
    address TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL CHECK (source IN ('explicit', 'learned')),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (rpps, document_type));
CREATE TABLE confirmation(
    id INTEGER PRIMARY KEY,
    rpps TEXT NOT NULL,
    channel TEXT NOT NULL,
    address TEXT NOT NULL,
    document_type TEXT NOT NULL,
    user TEXT NOT NULL,
    at TEXT NOT NULL);
CREATE INDEX confirmation_rpps ON confirmation(rpps);
CREATE TABLE history(
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    subject TEXT NOT NULL,
    change TEXT NOT NULL,
    from_value TEXT NOT NULL,
    to_value TEXT NOT NULL);
CREATE INDEX history_subject ON history(subject);
CREATE TABLE rule(
    document_type TEXT NOT NULL,
    recipient TEXT NOT NULL,
    rpps TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (document_type, recipient, rpps));
CREATE TABLE import_run(
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    added INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0, duplicates INTEGER NOT NULL DEFAULT 0,
    retired INTEGER NOT NULL DEFAULT 0, persons INTEGER NOT NULL DEFAULT 0,
    persons_retired INTEGER NOT NULL DEFAULT 0);
)sql";

// Version 2: the establishment's staff, learned from the author the secretary picks for a letter.
const char* const MigrationV2 = R"sql(
CREATE TABLE staff(
    rpps TEXT PRIMARY KEY,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL);
)sql";

const sqlite::Migration Migrations[] = {{1, MigrationV1}, {2, MigrationV2}};
static_assert(std::size(Migrations) == SqliteSchemaVersion);

// Secondary indexes dropped during a first bulk import and rebuilt in one sort at the end.
const char* const DropPersonIndexes = "DROP INDEX person_rpps; DROP INDEX person_fam_key; "
                                      "DROP INDEX person_fam_full; DROP INDEX person_fam_ocr; "
                                      "DROP INDEX person_fam_phon; DROP INDEX activity_akey; "
                                      "DROP INDEX activity_person;";
const char* const CreatePersonIndexes = "CREATE UNIQUE INDEX person_rpps ON person(rpps); "
                                        "CREATE INDEX person_fam_key ON person(fam_key, given_key, places); "
                                        "CREATE INDEX person_fam_full ON person(fam_full) WHERE fam_full <> ''; "
                                        "CREATE INDEX person_fam_ocr ON person(fam_ocr, given_ocr, places); "
                                        "CREATE INDEX person_fam_phon ON person(fam_phon, given_phon, places); "
                                        "CREATE UNIQUE INDEX activity_akey ON activity(akey); "
                                        "CREATE INDEX activity_person ON activity(person_id);";

// Open-addressing hash map from a non-zero 64-bit key to a value: the bulk import's memory of
// which persons and activities it has written (the unique indexes are built at the end).
class FlatMap
{
public:
    // The stored value, or 0 when absent.
    qint64 find(qint64 key) const
    {
        if (m_keys.empty()) {
            return 0;
        }
        for (std::size_t i = slot(key);; i = (i + 1) & (m_keys.size() - 1)) {
            if (m_keys[i] == key) {
                return m_values[i];
            }
            if (m_keys[i] == 0) {
                return 0;
            }
        }
    }
    void insert(qint64 key, qint64 value)
    {
        if ((m_count + 1) * 2 > m_keys.size()) {
            grow();
        }
        std::size_t i = slot(key);
        while (m_keys[i] != 0 && m_keys[i] != key) {
            i = (i + 1) & (m_keys.size() - 1);
        }
        if (m_keys[i] == 0) {
            ++m_count;
        }
        m_keys[i] = key;
        m_values[i] = value;
    }

private:
    std::size_t slot(qint64 key) const
    {
        auto h = static_cast<std::uint64_t>(key) * 0x9E3779B97F4A7C15ULL;
        return static_cast<std::size_t>(h >> 20) & (m_keys.size() - 1);
    }
    void grow()
    {
        std::vector<qint64> keys = std::move(m_keys);
        std::vector<qint64> values = std::move(m_values);
        const std::size_t size = keys.empty() ? (1U << 16) : keys.size() * 2;
        m_keys.assign(size, 0);
        m_values.assign(size, 0);
        m_count = 0;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] != 0) {
                insert(keys[i], values[i]);
            }
        }
    }

    std::vector<qint64> m_keys;
    std::vector<qint64> m_values;
    std::size_t m_count = 0;
};

class SqliteStore;

// RPPS (11 digits) and ADELI (9 digits) identifiers are numbers; the type digit keeps them apart.
// Never 0 (the empty slot of FlatMap).
qint64 personNumber(QByteArrayView idType, QByteArrayView rpps)
{
    return idType.toByteArray().toLongLong() * 1000000000000LL + rpps.toByteArray().toLongLong() + 1;
}

// ---- Import session ----

class SqliteImportSession final : public ImportSession
{
public:
    SqliteImportSession(SqliteStore& store, sqlite3* db, SourceKind kind, const QString& sourceName);
    ~SqliteImportSession() override;
    SqliteImportSession(const SqliteImportSession&) = delete;
    SqliteImportSession& operator=(const SqliteImportSession&) = delete;

    Result<RowOutcome> addActivity(const ActivityRecord& row) override;
    Result<RowOutcome> addMailbox(const MailboxRecord& row) override;
    Result<ImportCounts> commit() override;

    void start(const QString& sourceName);

private:
    RowOutcome activity(const ActivityRecord& row);
    RowOutcome mailbox(const MailboxRecord& row);
    void beginPerson(const ActivityRecord& row);
    void flushPerson();

    sqlite3* m_db;
    SourceKind m_kind;
    bool m_open = false;
    bool m_bulk = false; // first import into empty tables: indexes and FTS are built at the end
    qint64 m_run = 0;
    QString m_now;
    ImportCounts m_counts;

    // The professional whose activity rows are being read (rows of one person are contiguous in the
    // extracts; a person met again later in the same file is merged).
    QByteArray m_personRpps;
    qint64 m_personId = 0;
    QStringList m_places;
    QStringList m_specialties;
    QString m_storedPlaces;
    QString m_storedSpecialties;

    // Bulk mode: ids are assigned here, the person row is written once its activities are read.
    struct PendingPerson
    {
        QByteArray idType, rpps, idnps, titleCode, title, civilityCode, civility, familyName, givenName;
        NameKeys keys;
        qint64 hash = 0;
    };
    std::optional<PendingPerson> m_pending;
    bool m_merging = false;
    bool m_journalSwitched = false;
    qint64 m_lastPersonId = 0;
    // What this file holds so far: duplicates are told without writing, and at the end whatever
    // is not here is retired (unchanged rows are never rewritten).
    FlatMap m_seenPersons;    // personNumber() -> person id
    FlatMap m_seenActivities; // activity key -> 1

    Stmt m_runInsert, m_personFind, m_personInsert, m_personUpdate, m_personTouch, m_personAggregate;
    Stmt m_personInsertBulk, m_personAggregates;
    Stmt m_ftsInsert, m_ftsDelete, m_activityFind, m_activityInsert, m_activityUpdate, m_activityTouch;
    Stmt m_mailboxFind, m_mailboxInsert, m_mailboxUpdate, m_mailboxTouch;
    bool* m_storeFlag = nullptr;
};

// ---- Store ----

class SqliteStore final : public Store
{
public:
    explicit SqliteStore(DbPtr db)
        : m_db(std::move(db))
    {
    }

    sqlite3* db() const
    {
        return m_db.get();
    }
    bool importing = false;

    Result<std::unique_ptr<ImportSession>> beginImport(SourceKind kind, const QString& sourceName) override
    {
        return guarded([&]() -> Result<std::unique_ptr<ImportSession>> {
            if (importing) {
                return makeError(ErrorCode::Unavailable, QStringLiteral("Un import est déjà en cours."),
                                 QStringLiteral("nested import session"));
            }
            if (sqlite3_db_readonly(m_db.get(), "main") == 1) {
                return makeError(ErrorCode::PermissionDenied,
                                 QStringLiteral("L'annuaire partagé %1 n'est jamais modifié en place : importez avec "
                                                "missive directory import --shared (en administrateur).")
                                     .arg(QString::fromUtf8(sqlite3_db_filename(m_db.get(), "main"))),
                                 QStringLiteral("import into the read-only shared directory"));
            }
            auto session = std::make_unique<SqliteImportSession>(*this, m_db.get(), kind, sourceName);
            session->start(sourceName);
            return std::unique_ptr<ImportSession>(std::move(session));
        });
    }

    Result<QList<PersonRow>> findByName(NameKeyKind kind, const QString& family, const QString& given,
                                        const QString& place, int limit) override
    {
        return guarded([&]() -> Result<QList<PersonRow>> {
            static const char* const familyColumn[] = {"fam_key", "fam_full", "fam_ocr", "fam_phon"};
            static const char* const givenColumn[] = {"given_key", "given_key", "given_ocr", "given_phon"};
            const auto index = static_cast<std::size_t>(kind);
            std::string sql =
                std::string("SELECT " MISSIVE_PERSON_COLUMNS " FROM person p WHERE p.") + familyColumn[index] + " = ?1";
            if (kind == NameKeyKind::Full) {
                sql += " AND p.fam_full <> ''"; // the partial index holds only names with particles
            }
            if (!given.isEmpty()) {
                sql += std::string(" AND p.") + givenColumn[index] + " = ?2";
            }
            if (!place.isEmpty()) {
                sql += " AND instr(p.places, ?4) > 0";
            }
            sql += " AND p.retired_at IS NULL LIMIT ?3";
            StmtUse s(statement(sql));
            s->bind(1, family).bind(3, static_cast<qint64>(limit));
            if (!given.isEmpty()) {
                s->bind(2, given);
            }
            if (!place.isEmpty()) {
                s->bind(4, place);
            }
            QList<PersonRow> rows;
            while (s->step()) {
                rows << stored::readPerson(*s);
            }
            return rows;
        });
    }

    Result<QList<PersonRow>> findByText(const QStringList& fragments, bool all, int limit) override
    {
        return guarded([&]() -> Result<QList<PersonRow>> {
            QStringList phrases;
            for (const auto& fragment : fragments) {
                // Fragments are folded names (A-Z, 0-9, space); quotes keep them phrases.
                QString clean = foldName(fragment);
                if (clean.size() >= 3) {
                    phrases << QLatin1Char('"') + clean + QLatin1Char('"');
                }
            }
            QList<PersonRow> rows;
            if (phrases.isEmpty()) {
                return rows;
            }
            StmtUse s(statement("SELECT " MISSIVE_PERSON_COLUMNS " FROM person p WHERE p.id IN "
                                "(SELECT rowid FROM person_fts WHERE person_fts MATCH ?1 LIMIT ?2) "
                                "AND p.retired_at IS NULL"));
            s->bind(1, phrases.join(all ? QStringLiteral(" AND ") : QStringLiteral(" OR ")))
                .bind(2, static_cast<qint64>(limit));
            while (s->step()) {
                rows << stored::readPerson(*s);
            }
            return rows;
        });
    }

    Result<std::optional<PersonRow>> findByRpps(const QString& rpps) override
    {
        return guarded([&]() -> Result<std::optional<PersonRow>> {
            StmtUse s(statement("SELECT " MISSIVE_PERSON_COLUMNS " FROM person p WHERE p.rpps = ?1"));
            s->bind(1, rpps);
            if (s->step()) {
                return std::optional<PersonRow>(stored::readPerson(*s));
            }
            return std::optional<PersonRow>();
        });
    }

    Result<QList<PersonRow>> findByMailbox(const QString& address) override
    {
        return guarded([&]() -> Result<QList<PersonRow>> {
            StmtUse s(statement("SELECT " MISSIVE_PERSON_COLUMNS " FROM person p WHERE p.rpps IN "
                                "(SELECT rpps FROM mailbox WHERE address_key = ?1 AND rpps <> '')"));
            s->bind(1, address.trimmed().toLower());
            QList<PersonRow> rows;
            while (s->step()) {
                rows << stored::readPerson(*s);
            }
            return rows;
        });
    }

    Result<QList<ActivityRow>> activities(const QString& rpps) override
    {
        return guarded([&]() -> Result<QList<ActivityRow>> {
            StmtUse s(statement("SELECT " MISSIVE_ACTIVITY_COLUMNS " FROM activity "
                                "WHERE person_id = (SELECT id FROM person WHERE rpps = ?1) "
                                "ORDER BY retired_at IS NOT NULL, local DESC, id"));
            s->bind(1, rpps);
            QList<ActivityRow> rows;
            while (s->step()) {
                rows << stored::readActivity(*s);
            }
            return rows;
        });
    }

    Result<QList<Mailbox>> mailboxes(const QString& rpps, const QStringList& structureKeys) override
    {
        return guarded([&]() -> Result<QList<Mailbox>> {
            QList<Mailbox> result;
            QSet<QString> seen;
            const auto collect = [&](Stmt& s) {
                while (s.step()) {
                    Mailbox box;
                    box.address = s.text(0);
                    if (seen.contains(box.address.toLower())) {
                        continue;
                    }
                    seen.insert(box.address.toLower());
                    box.type = mailboxTypeFromCode(s.text(1));
                    box.organisation = s.text(2);
                    box.service = s.text(3);
                    result << box;
                }
            };
            {
                StmtUse s(statement("SELECT address, type, organisation, service FROM mailbox "
                                    "WHERE rpps = ?1 AND rpps <> '' AND retired_at IS NULL "
                                    "ORDER BY type = 'ORG', local DESC, address"));
                s->bind(1, rpps);
                collect(*s);
            }
            for (const auto& key : structureKeys) {
                StmtUse s(statement("SELECT address, type, organisation, service FROM mailbox "
                                    "WHERE structure_key = ?1 AND type = 'ORG' AND retired_at IS NULL "
                                    "ORDER BY address"));
                s->bind(1, key);
                collect(*s);
            }
            return result;
        });
    }

    Result<QString> addLocal(const Professional& p, const QString& user) override
    {
        return guarded([&]() -> Result<QString> {
            Transaction transaction(m_db.get());
            QString id = p.rpps.trimmed();
            if (id.isEmpty()) {
                StmtUse next(statement("SELECT COALESCE(MAX(CAST(substr(rpps, 2) AS INTEGER)), 0) + 1 FROM person "
                                       "WHERE rpps GLOB 'L[0-9]*'"));
                next->step();
                id = QStringLiteral("L%1").arg(next->integer(0), 10, 10, QLatin1Char('0'));
            } else {
                StmtUse existing(statement("SELECT 1 FROM person WHERE rpps = ?1"));
                existing->bind(1, id);
                if (existing->step()) {
                    return makeError(ErrorCode::InvalidArgument,
                                     QStringLiteral("Le professionnel %1 est déjà dans l'annuaire.").arg(id),
                                     QStringLiteral("local addition of an existing id"));
                }
            }
            const NameKeys keys = nameKeys(p.familyName, p.givenName);
            const QString now = nowText();
            const QString place = foldName(QString(p.postcode + QLatin1Char(' ') + p.city));
            const QString specialties = foldName(QString(p.professionLabel + QLatin1Char(' ') + p.specialtyLabel));
            StmtUse insert(statement(
                "INSERT INTO person(rpps, id_type, idnps, title_code, title, civility, family_name, given_name, "
                "fam_key, fam_full, fam_ocr, fam_phon, given_key, given_ocr, given_phon, fts_name, places, "
                "specialties, local, created_at, updated_at) "
                "VALUES(?1, 'local', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 1, ?18, "
                "?18)"));
            insert->bind(1, id).bind(2, p.idnps).bind(3, p.titleCode).bind(4, p.title).bind(5, p.civility);
            insert->bind(6, p.familyName).bind(7, p.givenName).bind(8, keys.familyKey);
            insert->bind(9, keys.familyFull == keys.familyKey ? QString() : keys.familyFull);
            insert->bind(10, keys.familyOcr).bind(11, keys.familyPhonetic).bind(12, keys.givenKey);
            insert->bind(13, keys.givenOcr).bind(14, keys.givenPhonetic).bind(15, keys.text).bind(16, place);
            insert->bind(17, specialties).bind(18, now);
            insert->exec();
            const qint64 personId = sqlite3_last_insert_rowid(m_db.get());
            StmtUse fts(statement("INSERT INTO person_fts(rowid, fts_name) VALUES(?1, ?2)"));
            fts->bind(1, personId).bind(2, keys.text);
            fts->exec();

            const QByteArray idUtf8 = id.toUtf8();
            StmtUse activity(statement(
                "INSERT INTO activity(akey, person_id, profession_code, profession_label, specialty_code, "
                "specialty_label, site_name, street_name, compl_recipient, compl_place, postcode, city, local, "
                "seen_run, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1, 0, ?13)"));
            activity->bind(1, Fnv().add({"local", idUtf8}).value()).bind(2, personId);
            activity->bind(3, p.professionCode).bind(4, p.professionLabel).bind(5, p.specialtyCode);
            activity->bind(6, p.specialtyLabel).bind(7, p.practiceName);
            // Up to three address lines: the last is the street, earlier ones are complements.
            const QStringList lines = p.addressLines.mid(0, 3);
            activity->bind(8, lines.isEmpty() ? QString() : lines.last());
            activity->bind(9, lines.size() > 1 ? lines.first() : QString());
            activity->bind(10, lines.size() > 2 ? lines[1] : QString());
            activity->bind(11, p.postcode).bind(12, p.city).bind(13, now);
            activity->exec();

            for (const auto& box : p.mailboxes) {
                StmtUse mailbox(statement(
                    "INSERT INTO mailbox(address_key, address, type, rpps, organisation, service, local, seen_run, "
                    "updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, 1, 0, ?7) "
                    "ON CONFLICT(address_key) DO UPDATE SET local = 1, rpps = excluded.rpps, "
                    "retired_at = NULL"));
                mailbox->bind(1, box.address.trimmed().toLower()).bind(2, box.address.trimmed());
                mailbox->bind(3, mailboxTypeCode(box.type)).bind(4, id).bind(5, box.organisation);
                mailbox->bind(6, box.service).bind(7, now);
                mailbox->exec();
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
            StmtUse s(statement("SELECT rpps, document_type, channel, address, source, updated_at, updated_by "
                                "FROM preference WHERE rpps = ?1 ORDER BY document_type"));
            s->bind(1, rpps);
            QList<Preference> result;
            while (s->step()) {
                result << stored::readPreference(*s);
            }
            return result;
        });
    }

    Result<void> setPreference(const Preference& p, const QString& user) override
    {
        return guarded([&]() -> Result<void> {
            Transaction transaction(m_db.get());
            QString from;
            {
                StmtUse old(statement("SELECT channel, address, source FROM preference "
                                      "WHERE rpps = ?1 AND document_type = ?2"));
                old->bind(1, p.rpps).bind(2, p.documentType);
                if (old->step()) {
                    Preference previous;
                    previous.channel = channelKindFromName(old->text(0)).value_or(ChannelKind::None);
                    previous.address = old->text(1);
                    previous.source = stored::preferenceSource(old->text(2));
                    from = describe(previous);
                }
            }
            const QString to = describe(p);
            if (from == to) {
                return {};
            }
            StmtUse s(statement("INSERT INTO preference(rpps, document_type, channel, address, source, updated_at, "
                                "updated_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                                "ON CONFLICT(rpps, document_type) DO UPDATE SET channel = excluded.channel, "
                                "address = excluded.address, source = excluded.source, "
                                "updated_at = excluded.updated_at, updated_by = excluded.updated_by"));
            s->bind(1, p.rpps).bind(2, p.documentType).bind(3, channelKindName(p.channel)).bind(4, p.address);
            s->bind(5, stored::preferenceSourceName(p.source));
            s->bind(6, nowText()).bind(7, user);
            s->exec();
            const QString subject = QStringLiteral("rpps:") + p.rpps;
            addHistory(user, subject,
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
            StmtUse s(statement("INSERT INTO confirmation(rpps, channel, address, document_type, user, at) "
                                "VALUES(?1, ?2, ?3, ?4, ?5, ?6)"));
            s->bind(1, c.rpps).bind(2, channelKindName(c.channel)).bind(3, c.address).bind(4, c.documentType);
            s->bind(5, c.user).bind(6, nowText());
            s->exec();
            return {};
        });
    }

    Result<QList<HistoryEntry>> history(const QString& subject) override
    {
        return guarded([&]() -> Result<QList<HistoryEntry>> {
            StmtUse s(statement("SELECT at, user, subject, change, from_value, to_value FROM history "
                                "WHERE subject = ?1 OR ?1 = '' ORDER BY id"));
            s->bind(1, subject);
            QList<HistoryEntry> result;
            while (s->step()) {
                result << stored::readHistory(*s);
            }
            return result;
        });
    }

    Result<QStringList> staff() override
    {
        return guarded([&]() -> Result<QStringList> {
            StmtUse s(statement("SELECT rpps FROM staff ORDER BY rpps"));
            QStringList result;
            while (s->step()) {
                result << s->text(0);
            }
            return result;
        });
    }

    Result<void> addStaff(const QString& rpps, const QString& user) override
    {
        return guarded([&]() -> Result<void> {
            Transaction transaction(m_db.get());
            StmtUse s(statement("INSERT INTO staff(rpps, added_at, added_by) VALUES(?1, ?2, ?3) "
                                "ON CONFLICT(rpps) DO NOTHING"));
            s->bind(1, rpps).bind(2, nowText()).bind(3, user);
            s->exec();
            if (sqlite3_changes(m_db.get()) > 0) {
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
            Transaction transaction(m_db.get());
            const QList<Rule> before = readRules(documentType);
            {
                StmtUse s(statement("DELETE FROM rule WHERE document_type = ?1"));
                s->bind(1, documentType);
                s->exec();
            }
            int position = 0;
            const QString now = nowText();
            for (const auto& rule : rules) {
                StmtUse s(statement("INSERT OR IGNORE INTO rule(document_type, recipient, rpps, position, "
                                    "created_at, created_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6)"));
                s->bind(1, documentType).bind(2, recipientSpec(Rule{{}, rule.recipient, {}}));
                s->bind(3, rule.rpps).bind(4, static_cast<qint64>(position++)).bind(5, now).bind(6, user);
                s->exec();
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
            Transaction transaction(m_db.get());
            const QList<Rule> before = readRules(documentType);
            int removed = 0;
            if (rules.isEmpty()) {
                StmtUse s(statement("DELETE FROM rule WHERE document_type = ?1"));
                s->bind(1, documentType);
                s->exec();
                removed = sqlite3_changes(m_db.get());
            } else {
                for (const auto& rule : rules) {
                    StmtUse s(statement("DELETE FROM rule WHERE document_type = ?1 AND recipient = ?2 AND rpps = ?3"));
                    s->bind(1, documentType).bind(2, recipientSpec(Rule{{}, rule.recipient, {}})).bind(3, rule.rpps);
                    s->exec();
                    removed += sqlite3_changes(m_db.get());
                }
            }
            if (removed > 0) {
                addHistory(user, QStringLiteral("rule:") + documentType, QStringLiteral("rule"), describe(before),
                           describe(readRules(documentType)));
            }
            transaction.commit();
            return removed;
        });
    }

    Result<Stats> stats() override
    {
        return guarded([&]() -> Result<Stats> {
            Stats stats;
            const auto count = [&](const char* sql) {
                StmtUse s(statement(sql));
                s->step();
                return s->integer(0);
            };
            stats.persons = count("SELECT COUNT(*) FROM person WHERE retired_at IS NULL");
            stats.personsRetired = count("SELECT COUNT(*) FROM person WHERE retired_at IS NOT NULL");
            stats.activities = count("SELECT COUNT(*) FROM activity WHERE retired_at IS NULL");
            stats.mailboxes = count("SELECT COUNT(*) FROM mailbox WHERE retired_at IS NULL");
            stats.local = count("SELECT COUNT(*) FROM person WHERE local = 1");
            stats.preferences = count("SELECT COUNT(*) FROM preference");
            stats.rules = count("SELECT COUNT(*) FROM rule");
            StmtUse s(statement("SELECT kind, source, finished_at, added, updated, unchanged, duplicates, retired, "
                                "persons, persons_retired FROM import_run WHERE finished_at IS NOT NULL "
                                "ORDER BY id DESC LIMIT 10"));
            while (s->step()) {
                stats.lastImports << stored::readImportRun(*s);
            }
            return stats;
        });
    }

    // Statements are prepared once per connection.
    Stmt& statement(const std::string& sql)
    {
        auto it = m_statements.find(sql);
        if (it == m_statements.end()) {
            it = m_statements.emplace(sql, std::make_unique<Stmt>(m_db.get(), sql.c_str())).first;
        }
        return *it->second;
    }

    void addHistory(const QString& user, const QString& subject, const QString& change, const QString& from,
                    const QString& to)
    {
        StmtUse s(statement("INSERT INTO history(at, user, subject, change, from_value, to_value) "
                            "VALUES(?1, ?2, ?3, ?4, ?5, ?6)"));
        s->bind(1, nowText()).bind(2, user).bind(3, subject).bind(4, change).bind(5, from).bind(6, to);
        s->exec();
    }

    // A savepoint, so that it nests inside an import's transaction as well.
    class Transaction
    {
    public:
        explicit Transaction(sqlite3* db)
            : m_db(db)
        {
            exec(m_db, "SAVEPOINT missive_change");
        }
        ~Transaction()
        {
            if (!m_done) {
                sqlite3_exec(m_db, "ROLLBACK TO missive_change; RELEASE missive_change", nullptr, nullptr, nullptr);
            }
        }
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        void commit()
        {
            exec(m_db, "RELEASE missive_change");
            m_done = true;
        }

    private:
        sqlite3* m_db;
        bool m_done = false;
    };

private:
    QList<Rule> readRules(const QString& documentType)
    {
        StmtUse s(statement("SELECT document_type, recipient, rpps FROM rule WHERE document_type = ?1 OR ?1 = '' "
                            "ORDER BY document_type, position"));
        s->bind(1, documentType);
        QList<Rule> result;
        while (s->step()) {
            auto rule = parseRecipient(s->text(1));
            if (rule) {
                rule->documentType = s->text(0);
                rule->rpps = s->text(2);
                result << *rule;
            }
        }
        return result;
    }

    DbPtr m_db;
    std::unordered_map<std::string, std::unique_ptr<Stmt>> m_statements;
};

// ---- Import session implementation ----

SqliteImportSession::SqliteImportSession(SqliteStore& store, sqlite3* db, SourceKind kind, const QString&)
    : m_db(db)
    , m_kind(kind)
    , m_runInsert(db, "INSERT INTO import_run(kind, source, started_at) VALUES(?1, ?2, ?3)")
    , m_personFind(db, "SELECT id, row_hash, seen_run, fts_name, places, specialties, retired_at IS NOT NULL, local "
                       "FROM person WHERE rpps = ?1")
    , m_personInsert(db, "INSERT INTO person(rpps, id_type, idnps, title_code, title, civility_code, civility, "
                         "family_name, given_name, fam_key, fam_full, fam_ocr, fam_phon, given_key, given_ocr, "
                         "given_phon, fts_name, row_hash, seen_run, created_at, updated_at) "
                         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
                         "?19, ?20, ?20)")
    , m_personUpdate(db, "UPDATE person SET id_type = ?2, idnps = ?3, title_code = ?4, title = ?5, "
                         "civility_code = ?6, civility = ?7, family_name = ?8, given_name = ?9, fam_key = ?10, "
                         "fam_full = ?11, fam_ocr = ?12, fam_phon = ?13, given_key = ?14, given_ocr = ?15, "
                         "given_phon = ?16, fts_name = ?17, row_hash = ?18, seen_run = ?19, updated_at = ?20, "
                         "retired_at = NULL, local = 0 WHERE id = ?1")
    , m_personTouch(db, "UPDATE person SET seen_run = ?2, retired_at = NULL, local = 0 WHERE id = ?1")
    , m_personAggregate(db, "UPDATE person SET places = ?2, specialties = ?3 WHERE id = ?1")
    , m_personInsertBulk(db, "INSERT INTO person(id, rpps, id_type, idnps, title_code, title, civility_code, civility, "
                             "family_name, given_name, fam_key, fam_full, fam_ocr, fam_phon, given_key, given_ocr, "
                             "given_phon, fts_name, row_hash, seen_run, created_at, updated_at, places, specialties) "
                             "VALUES(?21, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                             "?18, ?19, ?20, ?20, ?22, ?23)")
    , m_personAggregates(db, "SELECT places, specialties FROM person WHERE id = ?1")
    , m_ftsInsert(db, "INSERT INTO person_fts(rowid, fts_name) VALUES(?1, ?2)")
    , m_ftsDelete(db, "INSERT INTO person_fts(person_fts, rowid, fts_name) VALUES('delete', ?1, ?2)")
    , m_activityFind(db, "SELECT row_hash, seen_run, retired_at IS NOT NULL FROM activity WHERE akey = ?1")
    , m_activityInsert(db, "INSERT INTO activity(akey, person_id, profession_code, profession_label, specialty_code, "
                           "specialty_label, mode_code, siret, siren, finess_site, finess_legal, structure_id, "
                           "site_name, site_sign, compl_recipient, compl_place, street_number, street_index, "
                           "street_type, street_name, distribution, cedex, postcode, city_code, city, country, "
                           "role_code, role_label, row_hash, seen_run, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, "
                           "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
                           "?25, ?26, ?27, ?28, ?29, ?30, ?31)")
    , m_activityUpdate(db, "UPDATE activity SET person_id = ?2, profession_code = ?3, profession_label = ?4, "
                           "specialty_code = ?5, specialty_label = ?6, mode_code = ?7, siret = ?8, siren = ?9, "
                           "finess_site = ?10, finess_legal = ?11, structure_id = ?12, site_name = ?13, "
                           "site_sign = ?14, compl_recipient = ?15, compl_place = ?16, street_number = ?17, "
                           "street_index = ?18, street_type = ?19, street_name = ?20, distribution = ?21, "
                           "cedex = ?22, postcode = ?23, city_code = ?24, city = ?25, country = ?26, "
                           "role_code = ?27, role_label = ?28, row_hash = ?29, seen_run = ?30, updated_at = ?31, "
                           "retired_at = NULL WHERE akey = ?1")
    , m_activityTouch(db, "UPDATE activity SET seen_run = ?2, retired_at = NULL WHERE akey = ?1")
    , m_mailboxFind(db, "SELECT row_hash, seen_run FROM mailbox WHERE address_key = ?1")
    , m_mailboxInsert(db, "INSERT INTO mailbox(address_key, address, type, rpps, idnps, structure_type, "
                          "structure_id, structure_key, service, organisation, sign, postcode, city_line, row_hash, "
                          "seen_run, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                          "?14, ?15, ?16)")
    , m_mailboxUpdate(db, "UPDATE mailbox SET address = ?2, type = ?3, rpps = ?4, idnps = ?5, structure_type = ?6, "
                          "structure_id = ?7, structure_key = ?8, service = ?9, organisation = ?10, sign = ?11, "
                          "postcode = ?12, city_line = ?13, row_hash = ?14, seen_run = ?15, updated_at = ?16, "
                          "retired_at = NULL, local = 0 WHERE address_key = ?1")
    , m_mailboxTouch(db, "UPDATE mailbox SET seen_run = ?2, retired_at = NULL WHERE address_key = ?1")
{
    store.importing = true;
    m_storeFlag = &store.importing;
}

void SqliteImportSession::start(const QString& sourceName)
{
    const auto isEmpty = [&] {
        Stmt empty(m_db, "SELECT NOT EXISTS(SELECT 1 FROM person) AND NOT EXISTS(SELECT 1 FROM activity)");
        empty.step();
        return empty.integer(0) != 0;
    };
    if (m_kind == SourceKind::PersonneActivite && isEmpty()) {
        // First load: a rollback journal writes the new pages once, where WAL writes them twice.
        Stmt mode(m_db, "PRAGMA journal_mode = DELETE");
        m_journalSwitched = mode.step() && mode.text(0) == QLatin1String("delete");
    }
    exec(m_db, "BEGIN IMMEDIATE");
    m_open = true;
    m_now = nowText();
    // Most of a first import's time goes to B-tree writes: keep the pages in memory.
    exec(m_db, "PRAGMA cache_size = -262144");
    m_runInsert.bind(1, sourceKindName(m_kind)).bind(2, sourceName).bind(3, m_now);
    m_runInsert.exec();
    m_run = sqlite3_last_insert_rowid(m_db);
    if (m_kind == SourceKind::PersonneActivite && isEmpty()) {
        m_bulk = true;
        exec(m_db, DropPersonIndexes);
    }
}

SqliteImportSession::~SqliteImportSession()
{
    if (m_open) {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_exec(m_db, "PRAGMA cache_size = -8192", nullptr, nullptr, nullptr);
    }
    if (m_journalSwitched) {
        sqlite3_exec(m_db, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
    }
    if (m_storeFlag) {
        *m_storeFlag = false;
    }
}

Result<RowOutcome> SqliteImportSession::addActivity(const ActivityRecord& row)
{
    return guarded([&]() -> Result<RowOutcome> { return activity(row); });
}

Result<RowOutcome> SqliteImportSession::addMailbox(const MailboxRecord& row)
{
    return guarded([&]() -> Result<RowOutcome> { return mailbox(row); });
}

void SqliteImportSession::beginPerson(const ActivityRecord& row)
{
    flushPerson();
    m_personRpps = row.rpps.toByteArray();
    m_places.clear();
    m_specialties.clear();
    ++m_counts.persons;

    const NameKeys& keys = *row.keys;
    const qint64 hash = Fnv()
                            .add({row.idType, row.idnps, row.titleCode, row.title, row.civilityCode, row.civility,
                                  row.familyName, row.givenName})
                            .value();
    const qint64 number = personNumber(row.idType, row.rpps);
    if (const qint64 seen = m_seenPersons.find(number); seen != 0) {
        // Met again later in the same file: its row exists, merge the places at the end of this group.
        --m_counts.persons;
        m_personId = seen;
        m_merging = true;
        return;
    }
    if (m_bulk) {
        m_personId = ++m_lastPersonId;
        m_seenPersons.insert(number, m_personId);
        m_pending = PendingPerson{row.idType.toByteArray(),
                                  row.rpps.toByteArray(),
                                  row.idnps.toByteArray(),
                                  row.titleCode.toByteArray(),
                                  row.title.toByteArray(),
                                  row.civilityCode.toByteArray(),
                                  row.civility.toByteArray(),
                                  row.familyName.toByteArray(),
                                  row.givenName.toByteArray(),
                                  keys,
                                  hash};
        return;
    }
    const auto bindAll = [&](Stmt& s) {
        s.bind(2, row.idType).bind(3, row.idnps).bind(4, row.titleCode).bind(5, row.title);
        s.bind(6, row.civilityCode).bind(7, row.civility).bind(8, row.familyName).bind(9, row.givenName);
        // fam_full only when particles make it differ: a small partial index.
        s.bind(10, keys.familyKey).bind(11, keys.familyFull == keys.familyKey ? QString() : keys.familyFull);
        s.bind(12, keys.familyOcr);
        s.bind(13, keys.familyPhonetic).bind(14, keys.givenKey).bind(15, keys.givenOcr);
        s.bind(16, keys.givenPhonetic).bind(17, keys.text).bind(18, hash).bind(19, m_run).bind(20, m_now);
    };

    StmtUse find(m_personFind);
    find->bind(1, row.rpps);
    if (!find->step()) {
        find->reset();
        StmtUse insert(m_personInsert);
        insert->bind(1, row.rpps);
        bindAll(*insert);
        insert->exec();
        m_personId = sqlite3_last_insert_rowid(m_db);
        m_seenPersons.insert(number, m_personId);
        m_storedPlaces.clear();
        m_storedSpecialties.clear();
        StmtUse fts(m_ftsInsert);
        fts->bind(1, m_personId).bind(2, keys.text);
        fts->exec();
        return;
    }
    m_personId = find->integer(0);
    const qint64 storedHash = find->integer(1);
    const QString storedText = find->text(3);
    m_storedPlaces = find->text(4);
    m_storedSpecialties = find->text(5);
    const bool retiredOrLocal = find->integer(6) != 0 || find->integer(7) != 0;
    find->reset();
    m_seenPersons.insert(number, m_personId);
    if (storedHash != hash) {
        StmtUse update(m_personUpdate);
        update->bind(1, m_personId);
        bindAll(*update);
        update->exec();
        if (storedText != keys.text) {
            StmtUse remove(m_ftsDelete);
            remove->bind(1, m_personId).bind(2, storedText);
            remove->exec();
            StmtUse fts(m_ftsInsert);
            fts->bind(1, m_personId).bind(2, keys.text);
            fts->exec();
        }
    } else if (retiredOrLocal) {
        // Back in the extract (or now in it, for a local addition): active and imported again.
        StmtUse touch(m_personTouch);
        touch->bind(1, m_personId).bind(2, m_run);
        touch->exec();
    }
}

void SqliteImportSession::flushPerson()
{
    if (m_personId == 0) {
        return;
    }
    if (m_pending) {
        const PendingPerson& p = *m_pending;
        StmtUse insert(m_personInsertBulk);
        insert->bind(1, p.rpps).bind(2, p.idType).bind(3, p.idnps).bind(4, p.titleCode).bind(5, p.title);
        insert->bind(6, p.civilityCode).bind(7, p.civility).bind(8, p.familyName).bind(9, p.givenName);
        insert->bind(10, p.keys.familyKey);
        insert->bind(11, p.keys.familyFull == p.keys.familyKey ? QString() : p.keys.familyFull);
        insert->bind(12, p.keys.familyOcr).bind(13, p.keys.familyPhonetic).bind(14, p.keys.givenKey);
        insert->bind(15, p.keys.givenOcr).bind(16, p.keys.givenPhonetic).bind(17, p.keys.text).bind(18, p.hash);
        insert->bind(19, m_run).bind(20, m_now).bind(21, m_personId);
        insert->bind(22, m_places.join(QLatin1Char('|'))).bind(23, m_specialties.join(QLatin1Char('|')));
        insert->exec();
        m_pending.reset();
        m_personId = 0;
        return;
    }
    if (m_merging) {
        StmtUse read(m_personAggregates);
        read->bind(1, m_personId);
        if (read->step()) {
            m_storedPlaces = read->text(0);
            m_storedSpecialties = read->text(1);
        }
        read->reset();
        for (const auto& place : m_storedPlaces.split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
            if (!m_places.contains(place)) {
                m_places << place;
            }
        }
        for (const auto& specialty : m_storedSpecialties.split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
            if (!m_specialties.contains(specialty)) {
                m_specialties << specialty;
            }
        }
        m_merging = false;
    }
    const QString places = m_places.join(QLatin1Char('|'));
    const QString specialties = m_specialties.join(QLatin1Char('|'));
    if (places != m_storedPlaces || specialties != m_storedSpecialties) {
        StmtUse update(m_personAggregate);
        update->bind(1, m_personId).bind(2, places).bind(3, specialties);
        update->exec();
    }
    m_personId = 0;
}

RowOutcome SqliteImportSession::activity(const ActivityRecord& row)
{
    if (m_personId == 0 || row.rpps != QByteArrayView(m_personRpps)) {
        beginPerson(row);
    }
    if (!row.place.isEmpty() && !m_places.contains(row.place)) {
        m_places << row.place;
    }
    if (!row.specialties.isEmpty() && !m_specialties.contains(row.specialties)) {
        m_specialties << row.specialties;
    }
    const auto bindAll = [&](Stmt& s) {
        s.bind(1, row.key).bind(2, m_personId).bind(3, row.professionCode).bind(4, row.professionLabel);
        s.bind(5, row.specialtyCode).bind(6, row.specialtyLabel).bind(7, row.modeCode).bind(8, row.siret);
        s.bind(9, row.siren).bind(10, row.finessSite).bind(11, row.finessLegal).bind(12, row.structureId);
        s.bind(13, row.siteName).bind(14, row.siteSign).bind(15, row.complementRecipient);
        s.bind(16, row.complementPlace).bind(17, row.streetNumber).bind(18, row.streetIndex);
        s.bind(19, row.streetType).bind(20, row.streetName).bind(21, row.distribution).bind(22, row.cedex);
        s.bind(23, row.postcode).bind(24, row.cityCode).bind(25, row.city).bind(26, row.countryLabel);
        s.bind(27, row.roleCode).bind(28, row.roleLabel).bind(29, row.rowHash).bind(30, m_run).bind(31, m_now);
    };
    const qint64 key = row.key == 0 ? 1 : row.key; // 0 marks an empty slot of the map
    if (m_seenActivities.find(key) != 0) {
        ++m_counts.duplicates;
        return RowOutcome::Duplicate;
    }
    m_seenActivities.insert(key, 1);
    if (!m_bulk) {
        StmtUse find(m_activityFind);
        find->bind(1, row.key);
        if (find->step()) {
            const qint64 storedHash = find->integer(0);
            const bool retired = find->integer(2) != 0;
            find->reset();
            if (storedHash != row.rowHash) {
                StmtUse update(m_activityUpdate);
                bindAll(*update);
                update->exec();
                ++m_counts.updated;
                return RowOutcome::Updated;
            }
            if (retired) {
                StmtUse touch(m_activityTouch);
                touch->bind(1, row.key).bind(2, m_run);
                touch->exec();
                ++m_counts.updated; // back in the extract
                return RowOutcome::Updated;
            }
            ++m_counts.unchanged;
            return RowOutcome::Unchanged;
        }
    }
    StmtUse insert(m_activityInsert);
    bindAll(*insert);
    insert->exec();
    ++m_counts.added;
    return RowOutcome::Added;
}

RowOutcome SqliteImportSession::mailbox(const MailboxRecord& row)
{
    const auto bindAll = [&](Stmt& s) {
        s.bind(1, row.addressKey).bind(2, row.address).bind(3, row.type).bind(4, row.rpps).bind(5, row.idnps);
        s.bind(6, row.structureType).bind(7, row.structureId).bind(8, row.structureKey).bind(9, row.service);
        s.bind(10, row.organisation).bind(11, row.sign).bind(12, row.postcode).bind(13, row.cityLine);
        s.bind(14, row.rowHash).bind(15, m_run).bind(16, m_now);
    };
    StmtUse find(m_mailboxFind);
    find->bind(1, row.addressKey);
    if (!find->step()) {
        find->reset();
        StmtUse insert(m_mailboxInsert);
        bindAll(*insert);
        insert->exec();
        ++m_counts.added;
        return RowOutcome::Added;
    }
    const qint64 storedHash = find->integer(0);
    const qint64 seenRun = find->integer(1);
    find->reset();
    if (seenRun == m_run) {
        ++m_counts.duplicates;
        return RowOutcome::Duplicate;
    }
    if (storedHash != row.rowHash) {
        StmtUse update(m_mailboxUpdate);
        bindAll(*update);
        update->exec();
        ++m_counts.updated;
        return RowOutcome::Updated;
    }
    StmtUse touch(m_mailboxTouch);
    touch->bind(1, row.addressKey).bind(2, m_run);
    touch->exec();
    ++m_counts.unchanged;
    return RowOutcome::Unchanged;
}

Result<ImportCounts> SqliteImportSession::commit()
{
    return guarded([&]() -> Result<ImportCounts> {
        if (!m_open) {
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("Import déjà terminé."),
                             QStringLiteral("commit twice"));
        }
        QElapsedTimer phase;
        phase.start();
        if (m_kind == SourceKind::PersonneActivite) {
            flushPerson();
        }
        if (m_kind == SourceKind::PersonneActivite && !m_bulk) {
            // Retire what this file no longer holds: one pass over the active rows.
            const auto retire = [&](const char* select, const char* update, auto&& seen) {
                std::vector<qint64> gone;
                Stmt scan(m_db, select);
                while (scan.step()) {
                    if (!seen(scan)) {
                        gone.push_back(scan.integer(0));
                    }
                }
                Stmt mark(m_db, update);
                for (const qint64 id : gone) {
                    mark.bind(1, id).bind(2, m_now);
                    mark.exec();
                }
                return static_cast<qint64>(gone.size());
            };
            m_counts.retired = retire("SELECT id, akey FROM activity WHERE retired_at IS NULL AND local = 0",
                                      "UPDATE activity SET retired_at = ?2 WHERE id = ?1", [&](const Stmt& row) {
                                          return m_seenActivities.find(row.integer(1) == 0 ? 1 : row.integer(1)) != 0;
                                      });
            m_counts.personsRetired =
                retire("SELECT id, id_type, rpps FROM person WHERE retired_at IS NULL AND local = 0",
                       "UPDATE person SET retired_at = ?2 WHERE id = ?1", [&](const Stmt& row) {
                           const QByteArray type = row.text(1).toLatin1();
                           const QByteArray rpps = row.text(2).toLatin1();
                           return m_seenPersons.find(personNumber(type, rpps)) != 0;
                       });
        }
        if (m_kind == SourceKind::PersonneActivite) {
            qCInfo(lcDirectory) << "retire ms" << phase.restart();
            if (m_bulk) {
                exec(m_db, CreatePersonIndexes);
                qCInfo(lcDirectory) << "indexes ms" << phase.restart();
                exec(m_db, "INSERT INTO person_fts(person_fts) VALUES('rebuild')");
                qCInfo(lcDirectory) << "fts ms" << phase.restart();
            }
        } else {
            Stmt retire(m_db, "UPDATE mailbox SET retired_at = ?1 WHERE seen_run <> ?2 AND local = 0 "
                              "AND retired_at IS NULL");
            retire.bind(1, m_now).bind(2, m_run);
            retire.exec();
            m_counts.retired = sqlite3_changes(m_db);
        }
        Stmt finish(m_db, "UPDATE import_run SET finished_at = ?2, added = ?3, updated = ?4, unchanged = ?5, "
                          "duplicates = ?6, retired = ?7, persons = ?8, persons_retired = ?9 WHERE id = ?1");
        finish.bind(1, m_run).bind(2, nowText()).bind(3, m_counts.added).bind(4, m_counts.updated);
        finish.bind(5, m_counts.unchanged).bind(6, m_counts.duplicates).bind(7, m_counts.retired);
        finish.bind(8, m_counts.persons).bind(9, m_counts.personsRetired);
        finish.exec();
        exec(m_db, "COMMIT");
        qCInfo(lcDirectory) << "commit ms" << phase.restart();
        m_open = false;
        exec(m_db, "PRAGMA cache_size = -8192");
        // A large import leaves a WAL as big as the changes: fold it back now rather than at the next open.
        sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
        qCInfo(lcDirectory) << "checkpoint ms" << phase.restart();
        exec(m_db, "PRAGMA optimize");
        return m_counts;
    });
}

// Creates the file 0600 (and its directory 0700) before SQLite opens it; SQLite gives its -wal and
// -shm files the database file's mode.
Result<void> preparePath(const QString& path)
{
    const QFileInfo info(path);
    const QString dir = info.absolutePath();
    if (!QFileInfo::exists(dir)) {
        if (!QDir().mkpath(dir)) {
            return makeError(ErrorCode::Io, QStringLiteral("Impossible de créer le dossier de l'annuaire %1.").arg(dir),
                             QStringLiteral("mkpath failed"));
        }
        QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    const QByteArray native = QFile::encodeName(info.absoluteFilePath());
    const int fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        const int error = errno;
        return makeError(error == EACCES || error == EPERM ? ErrorCode::PermissionDenied : ErrorCode::Io,
                         QStringLiteral("Impossible d'ouvrir l'annuaire %1 : %2")
                             .arg(path, QString::fromLocal8Bit(std::strerror(error))),
                         QStringLiteral("open: errno %1").arg(error));
    }
    struct stat st = {};
    if (::fstat(fd, &st) == 0 && (st.st_mode & 077) != 0) {
        ::fchmod(fd, 0600); // health data: private to the user
    }
    ::close(fd);
    return {};
}

} // namespace

Result<std::unique_ptr<Store>> openSqliteStore(const QString& path, SqliteAccess access)
{
    const bool readOnly = access == SqliteAccess::ReadOnly;
    if (access == SqliteAccess::Private) {
        if (auto prepared = preparePath(path); !prepared) {
            return tl::unexpected(prepared.error());
        }
    }
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &raw,
                                   (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
                                       | SQLITE_OPEN_NOFOLLOW
                                       | SQLITE_OPEN_NOMUTEX, // one connection per Directory, one thread at a time
                                   nullptr);
    DbPtr db(raw);
    if (rc != SQLITE_OK) {
        return makeError(ErrorCode::Io, QStringLiteral("Impossible d'ouvrir l'annuaire %1.").arg(path),
                         QString::fromUtf8(sqlite3_errstr(rc)));
    }
    return guarded([&]() -> Result<std::unique_ptr<Store>> {
        sqlite3_busy_timeout(db.get(), 5000);
        exec(db.get(), "PRAGMA temp_store = MEMORY");
        const sqlite::Schema schema{Migrations, ApplicationId, QStringLiteral("l'annuaire %1").arg(path)};
        if (readOnly) {
            // The shared base is in rollback-journal mode (published so), which a reader without
            // write access can read; it is migrated by its next update, never by a reader.
            auto version = sqlite::queryInteger(db.get(), "PRAGMA user_version", schema.what);
            if (version && *version < SqliteSchemaVersion) {
                return makeError(
                    ErrorCode::Unavailable,
                    QStringLiteral("L'annuaire partagé %1 est d'une version antérieure de Missive : il "
                                   "sera converti par sa prochaine mise à jour (en administrateur : "
                                   "missive directory update --shared).")
                        .arg(path),
                    QStringLiteral("shared directory schema %1 < %2").arg(*version).arg(SqliteSchemaVersion));
            }
        } else {
            exec(db.get(), "PRAGMA journal_mode = WAL");
            exec(db.get(), "PRAGMA synchronous = NORMAL");
        }
        auto migrated = sqlite::migrate(db.get(), schema);
        if (!migrated) {
            return tl::unexpected(migrated.error());
        }
        if (*migrated < SqliteSchemaVersion) {
            qCInfo(lcDirectory) << "directory schema migrated from version" << *migrated << "to" << SqliteSchemaVersion;
        }
        return std::unique_ptr<Store>(std::make_unique<SqliteStore>(std::move(db)));
    });
}

} // namespace missive::directory
