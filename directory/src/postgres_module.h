#pragma once
// The boundary between missive_directory and its PostgreSQL module, directory-postgres.so: libpq
// brings Kerberos, LDAP and SASL (about 15 shared libraries) that a workstation on its own SQLite
// file never uses, so the programs open the module the first time a postgresql:// location is
// opened. The module hands out this table.

#include "missive/directory/store.h"

#include <QtGlobal>

namespace missive::directory
{

// Change it whenever this table or a type it passes changes: a module from another build is
// refused rather than called.
inline constexpr int PostgresModuleAbi = 2;
inline constexpr auto PostgresModuleBuild = MISSIVE_DIRECTORY_BUILD " Qt " QT_VERSION_STR;
inline constexpr auto PostgresModuleFile = "directory-postgres.so";
inline constexpr auto PostgresModuleEntry = "missive_directory_postgres_module";

struct PostgresModuleInterface
{
    int abi;
    const char* build;
    Result<std::unique_ptr<Store>> (*open)(const QString& url, const QByteArray& password);
    // Copies every table of a (migrated) SQLite directory into an empty PostgreSQL base.
    Result<QList<TableCopy>> (*copyFromSqlite)(const QString& sqlitePath, const QString& url,
                                               const QByteArray& password);
};

using PostgresModuleEntryPoint = const PostgresModuleInterface* (*)();

} // namespace missive::directory
