#pragma once
// The outbox's statements run on one of two databases: the workstation's SQLite file
// (outbox_sqlite.cpp) or a hospital group's shared PostgreSQL base (outbox_postgres.cpp, a module
// loaded on demand). The outbox (outbox.cpp) writes its logic once against this connection:
// '?' placeholders (numbered for PostgreSQL by its connection), values bound as integers, text
// or bytes, results read whole.

#include "missive/core/result.h"

#include <QByteArray>
#include <QString>
#include <memory>
#include <utility>
#include <vector>

namespace missive::transport
{

struct SqlValue
{
    enum class Kind
    {
        Null,
        Integer,
        Text,
        Blob,
    };
    Kind kind = Kind::Null;
    qint64 integer = 0;
    QByteArray bytes; // UTF-8 for Text

    static SqlValue of(qint64 v)
    {
        return {Kind::Integer, v, {}};
    }
    static SqlValue of(const QString& v)
    {
        return {Kind::Text, 0, v.toUtf8()};
    }
    static SqlValue blob(const QByteArray& v)
    {
        return v.isNull() ? SqlValue{} : SqlValue{Kind::Blob, 0, v};
    }
};

using SqlParams = std::vector<SqlValue>;

template <class... T> SqlParams sqlParams(const T&... values)
{
    return SqlParams{SqlValue::of(values)...};
}

// A statement's result, read whole (outbox rows are few; a document's bytes come one row at a time).
class SqlRows
{
public:
    SqlRows() = default;
    SqlRows(std::vector<std::vector<SqlValue>> rows, qint64 affected)
        : m_rows(std::move(rows))
        , m_affected(affected)
    {
    }
    bool next()
    {
        return ++m_row < static_cast<qsizetype>(m_rows.size());
    }
    [[nodiscard]] qint64 integer(int column) const
    {
        return at(column).integer;
    }
    [[nodiscard]] QString text(int column) const
    {
        return QString::fromUtf8(at(column).bytes);
    }
    [[nodiscard]] QByteArray blob(int column) const
    {
        return at(column).bytes;
    }
    [[nodiscard]] bool isNull(int column) const
    {
        return at(column).kind == SqlValue::Kind::Null;
    }
    // Rows changed by an INSERT, UPDATE or DELETE.
    [[nodiscard]] qint64 affected() const
    {
        return m_affected;
    }

private:
    [[nodiscard]] const SqlValue& at(int column) const
    {
        return m_rows[static_cast<std::size_t>(m_row)][static_cast<std::size_t>(column)];
    }
    std::vector<std::vector<SqlValue>> m_rows;
    qint64 m_affected = 0;
    qsizetype m_row = -1;
};

enum class SqlDialect
{
    Sqlite,
    Postgres,
};

class SqlConnection
{
public:
    virtual ~SqlConnection() = default;
    [[nodiscard]] virtual SqlDialect dialect() const = 0;
    [[nodiscard]] virtual Result<SqlRows> run(const char* sql, const SqlParams& params = {}) = 0;
    // A write transaction (SQLite: BEGIN IMMEDIATE, taking the file's write lock at once).
    [[nodiscard]] virtual Result<void> begin() = 0;
    [[nodiscard]] virtual Result<void> commit() = 0;
    virtual void rollback() = 0;
    // The location as it may be shown (a URL without its password).
    [[nodiscard]] virtual QString location() const = 0;
    // This connection's runner number when several senders share the base (PostgreSQL): held as a
    // session lock while connected, so that the rows a dead sender had claimed can be told from
    // those of a live one. 0 for SQLite (one runner per file, RunnerLock).
    [[nodiscard]] virtual qint64 runnerId() const = 0;
};

} // namespace missive::transport
