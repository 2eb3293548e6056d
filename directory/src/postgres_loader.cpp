// openPostgresStore() as the programs see it: a loader for directory-postgres.so
// (postgres_module.h), opened once, the first time a postgresql:// location is used.

#include "log.h"
#include "missive/core/private_files.h"
#include "missive/directory/directory.h"
#include "missive/directory/postgres_store.h"
#include "missive/directory/sqlite_store.h"
#include "postgres_module.h"

#include <QFileInfo>
#include <cstring>

namespace missive::directory
{
namespace
{

tl::unexpected<Error> unavailable(const QString& why)
{
    qCWarning(lcDirectory) << "PostgreSQL module unavailable:" << why;
    return makeError(ErrorCode::Unavailable,
                     QStringLiteral("Base PostgreSQL indisponible : le module %1 de Missive est absent ou illisible.")
                         .arg(QString::fromLatin1(PostgresModuleFile)),
                     QStringLiteral("postgres-module-unavailable: %1").arg(why));
}

Result<const PostgresModuleInterface*> loadModule()
{
    auto entry = openPrivateModule(QString::fromLatin1(PostgresModuleFile), PostgresModuleEntry);
    if (!entry) {
        return unavailable(entry.error().detail);
    }
    const PostgresModuleInterface* module = reinterpret_cast<PostgresModuleEntryPoint>(*entry)();
    if (!module) {
        return unavailable(QStringLiteral("no module table"));
    }
    if (module->abi != PostgresModuleAbi || std::strcmp(module->build, PostgresModuleBuild) != 0) {
        return unavailable(QStringLiteral("module from another build (%1, abi %2)")
                               .arg(QString::fromUtf8(module->build))
                               .arg(module->abi));
    }
    return module;
}

} // namespace

bool isPostgresUrl(const QString& location)
{
    return location.startsWith(QLatin1String("postgresql://")) || location.startsWith(QLatin1String("postgres://"));
}

const Result<const PostgresModuleInterface*>& postgresModule()
{
    static const Result<const PostgresModuleInterface*> module = loadModule();
    return module;
}

Result<std::unique_ptr<Store>> openPostgresStore(const QString& url, const QByteArray& password)
{
    const auto& module = postgresModule();
    if (!module) {
        return tl::unexpected(module.error());
    }
    return (*module)->open(url, password);
}

Result<QList<TableCopy>> migrateSqliteToPostgres(const QString& sqlitePath, const QString& url,
                                                 const QByteArray& password)
{
    if (!QFileInfo::exists(sqlitePath)) {
        return makeError(ErrorCode::NotFound, QStringLiteral("Annuaire SQLite introuvable : %1").arg(sqlitePath),
                         QStringLiteral("no sqlite directory"));
    }
    // Opening it checks that it is a Missive directory and brings it to the current schema.
    if (auto source = openSqliteStore(sqlitePath); !source) {
        return tl::unexpected(source.error());
    }
    const auto& module = postgresModule();
    if (!module) {
        return tl::unexpected(module.error());
    }
    return (*module)->copyFromSqlite(sqlitePath, url, password);
}

} // namespace missive::directory
