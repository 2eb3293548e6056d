#pragma once
// The boundary between missive_transport and its PostgreSQL module, outbox-postgres.so: libpq and
// its ~15 libraries are loaded only when the outbox is a hospital group's shared base.

#include "sql_connection.h"

#include <QStringList>
#include <QtGlobal>

namespace missive::transport
{

// Change it whenever this table or a type it passes changes.
inline constexpr int OutboxModuleAbi = 2;
inline constexpr auto OutboxModuleBuild = MISSIVE_TRANSPORT_BUILD " Qt " QT_VERSION_STR;
inline constexpr auto OutboxModuleFile = "outbox-postgres.so";
inline constexpr auto OutboxModuleEntry = "missive_outbox_postgres_module";

struct OutboxModuleInterface
{
    int abi;
    const char* build;
    Result<std::unique_ptr<SqlConnection>> (*open)(const QString& url, const QByteArray& password);
    // `missive storage setup`: see setupSharedStorage (outbox.h).
    Result<void> (*setup)(const QString& url, const QByteArray& password, const QString& service,
                          const QStringList& roles);
};

using OutboxModuleEntryPoint = const OutboxModuleInterface* (*)();

} // namespace missive::transport
