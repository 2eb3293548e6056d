#include "missive/core/sqlite_schema.h"

#include <QByteArray>

namespace missive::sqlite
{

Result<void> exec(sqlite3* db, const char* sql, const QString& what)
{
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = QString::fromUtf8(message ? message : sqlite3_errmsg(db));
        sqlite3_free(message);
        return makeError(ErrorCode::Io, QStringLiteral("erreur de %1 (base SQLite)").arg(what),
                         QStringLiteral("exec: %1").arg(text));
    }
    return {};
}

Result<qint64> queryInteger(sqlite3* db, const char* sql, const QString& what)
{
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) {
        return makeError(ErrorCode::Io, QStringLiteral("erreur de %1 (base SQLite)").arg(what),
                         QStringLiteral("prepare: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))));
    }
    const int step = sqlite3_step(raw);
    const qint64 value = step == SQLITE_ROW ? sqlite3_column_int64(raw, 0) : 0;
    sqlite3_finalize(raw);
    if (step != SQLITE_ROW) {
        return makeError(ErrorCode::Io, QStringLiteral("erreur de %1 (base SQLite)").arg(what),
                         QStringLiteral("no row: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))));
    }
    return value;
}

Result<qint64> migrate(sqlite3* db, const Schema& schema)
{
    // "L'annuaire …", "La file d'envoi" at the start of a message.
    const QString subject = schema.what.left(1).toUpper() + schema.what.mid(1);
    auto current = queryInteger(db, "PRAGMA user_version", schema.what);
    if (!current) {
        return current;
    }
    const qint64 latest = schema.migrations.empty() ? 0 : schema.migrations.back().version;
    if (*current > latest) {
        return makeError(ErrorCode::Integrity,
                         QStringLiteral("%1 : base créée par une version plus récente de Missive").arg(subject),
                         QStringLiteral("schema version %1 > %2").arg(*current).arg(latest));
    }
    if (schema.applicationId) {
        auto owner = queryInteger(db, "PRAGMA application_id", schema.what);
        if (!owner) {
            return owner;
        }
        auto tables = queryInteger(db, "SELECT COUNT(*) FROM sqlite_schema", schema.what);
        if (!tables) {
            return tables;
        }
        if ((*current > 0 && *owner != *schema.applicationId) || (*current == 0 && *tables > 0)) {
            return makeError(
                ErrorCode::Integrity,
                QStringLiteral("%1 : ce n'est pas une base de Missive, elle n'est pas modifiée").arg(subject),
                QStringLiteral("foreign application id or unversioned tables"));
        }
    }
    for (const Migration& step : schema.migrations) {
        if (*current >= step.version) {
            continue;
        }
        QByteArray stamp = "PRAGMA user_version = " + QByteArray::number(step.version);
        if (schema.applicationId) {
            stamp += "; PRAGMA application_id = " + QByteArray::number(*schema.applicationId);
        }
        if (auto begun = exec(db, "BEGIN IMMEDIATE", schema.what); !begun) {
            return tl::unexpected(begun.error());
        }
        auto done = exec(db, step.sql, schema.what);
        if (done) {
            done = exec(db, stamp.constData(), schema.what);
        }
        if (done) {
            done = exec(db, "COMMIT", schema.what);
        }
        if (!done) {
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            return tl::unexpected(done.error());
        }
    }
    return current;
}

} // namespace missive::sqlite
