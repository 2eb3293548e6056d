#include "missive/core/postgres_connect.h"

#include <QLoggingCategory>
#include <cstdlib>
#include <vector>

namespace missive::pg
{
namespace
{

Q_LOGGING_CATEGORY(lcPostgres, "missive.postgres", QtWarningMsg)

// Over TCP the server must prove who it is: sslmode verify-full (or verify-ca). A Unix socket
// stays on this machine and needs no TLS.
Result<void> checkTransport(const QString& url)
{
    char* message = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.toUtf8().constData(), &message);
    if (!options) {
        const QString detail = QString::fromUtf8(message ? message : "").trimmed();
        PQfreemem(message);
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Adresse PostgreSQL invalide (attendu : postgresql://serveur/base?…)."),
                         detail);
    }
    QString host, hostaddr, sslmode;
    for (PQconninfoOption* o = options; o->keyword; ++o) {
        const QString value = QString::fromUtf8(o->val ? o->val : "");
        if (qstrcmp(o->keyword, "host") == 0) {
            host = value;
        } else if (qstrcmp(o->keyword, "hostaddr") == 0) {
            hostaddr = value;
        } else if (qstrcmp(o->keyword, "sslmode") == 0) {
            sslmode = value;
        }
    }
    PQconninfoFree(options);
    if (host.isEmpty() && hostaddr.isEmpty()) {
        host = qEnvironmentVariable("PGHOST");
    }
    // Every host of a list must be a socket directory for the connection to stay local.
    bool socketOnly = hostaddr.isEmpty();
    for (const auto& one : host.split(QLatin1Char(','))) {
        socketOnly = socketOnly && (one.isEmpty() || one.startsWith(QLatin1Char('/')));
    }
    if (socketOnly) {
        return {};
    }
    if (sslmode != QLatin1String("verify-full") && sslmode != QLatin1String("verify-ca")) {
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("La connexion à PostgreSQL par le réseau doit vérifier le certificat du "
                                        "serveur : ajoutez sslmode=verify-full (et sslrootcert=…) à l'adresse."),
                         QStringLiteral("postgresql over TCP without sslmode=verify-full"));
    }
    return {};
}

// Server notices (NOTICE, WARNING) go to the log category, not to stderr.
void onNotice(void*, const char* message)
{
    qCInfo(lcPostgres) << "postgresql:" << QString::fromUtf8(message).trimmed();
}

} // namespace

Result<Connection> connect(const QString& url, const QByteArray& password, const QString& what)
{
    if (auto checked = checkTransport(url); !checked) {
        return tl::unexpected(checked.error());
    }
    // The URL as the connection's dbname (expanded), the password beside it, never inside it. A
    // server that does not answer is given up after 10 s (libpq would wait for the system's TCP
    // timeout, minutes, with the app frozen at start); the URL may set its own connect_timeout,
    // keywords before dbname being its defaults.
    const QByteArray dbname = url.toUtf8();
    const char* const keywords[] = {"connect_timeout", "dbname", "application_name",
                                    password.isEmpty() ? nullptr : "password", nullptr};
    const char* const values[] = {"10", dbname.constData(), "missive", password.constData(), nullptr};
    Connection conn(PQconnectdbParams(keywords, values, 1));
    if (!conn || PQstatus(conn.get()) != CONNECTION_OK) {
        // libpq's message names the server and the reason; never the password.
        const QString detail = QString::fromUtf8(conn ? PQerrorMessage(conn.get()) : "out of memory").trimmed();
        if (detail.contains(QLatin1String("password authentication failed"))
            || detail.contains(QLatin1String("no password supplied"))) {
            return makeError(ErrorCode::PermissionDenied,
                             QStringLiteral("Mot de passe refusé par le serveur PostgreSQL %1 (voir [storage] "
                                            "password_keychain).")
                                 .arg(what),
                             detail);
        }
        if (detail.contains(QLatin1String("certificate verify failed"))
            || detail.contains(QLatin1String("does not match host name"))) {
            return makeError(ErrorCode::PermissionDenied,
                             QStringLiteral("Le certificat du serveur PostgreSQL %1 n'est pas celui attendu : "
                                            "connexion refusée (sslrootcert de l'adresse).")
                                 .arg(what),
                             detail);
        }
        // Not a server to wait for: an address to correct, as a missing SQLite file would be.
        if (detail.contains(QLatin1String("database \"")) && detail.contains(QLatin1String("does not exist"))) {
            return makeError(
                ErrorCode::NotFound,
                QStringLiteral("La base %1 n'existe pas sur le serveur PostgreSQL (voir [storage] url).").arg(what),
                detail);
        }
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("Connexion impossible au serveur PostgreSQL %1.").arg(what), detail);
    }
    PQsetNoticeProcessor(conn.get(), onNotice, nullptr);
    return conn;
}

namespace
{

using ResultPtr = CHandle<PGresult, PQclear>;

tl::unexpected<Error> failed(PGconn* conn, const PGresult* result)
{
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const QString detail = QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(conn)).trimmed();
    if (state && qstrcmp(state, "42501") == 0) {
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("La base PostgreSQL doit d'abord être mise à jour par l'administrateur "
                                        "(missive storage setup)."),
                         detail);
    }
    return makeError(ErrorCode::Io, QStringLiteral("Erreur de la base PostgreSQL."), detail);
}

Result<ResultPtr> exec(PGconn* conn, const char* sql, std::initializer_list<const char*> params)
{
    const std::vector<const char*> values(params);
    ResultPtr result(
        PQexecParams(conn, sql, static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0));
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        return failed(conn, result.get());
    }
    return result;
}

} // namespace

Result<qint64> schemaVersion(PGconn* conn, const char* component)
{
    auto exists = exec(conn, "SELECT to_regclass('missive_schema') IS NOT NULL", {});
    if (!exists) {
        return tl::unexpected(exists.error());
    }
    if (*PQgetvalue(exists->get(), 0, 0) != 't') {
        auto created = exec(conn,
                            "CREATE TABLE missive_schema(component text PRIMARY KEY, version integer NOT NULL, "
                            "updated_at text NOT NULL)",
                            {});
        if (!created) {
            return tl::unexpected(created.error());
        }
        return 0;
    }
    auto version = exec(conn, "SELECT version FROM missive_schema WHERE component = $1", {component});
    if (!version) {
        return tl::unexpected(version.error());
    }
    return PQntuples(version->get()) > 0 ? std::strtoll(PQgetvalue(version->get(), 0, 0), nullptr, 10) : 0;
}

Result<void> setSchemaVersion(PGconn* conn, const char* component, qint64 version)
{
    const QByteArray number = QByteArray::number(version);
    auto set = exec(conn,
                    "INSERT INTO missive_schema(component, version, updated_at) VALUES($1, $2, now()::text) "
                    "ON CONFLICT(component) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at",
                    {component, number.constData()});
    if (!set) {
        return tl::unexpected(set.error());
    }
    return {};
}

} // namespace missive::pg
