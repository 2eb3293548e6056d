#pragma once
// Where a program finds the directory (its preferences, rules and learned staff): the location
// given on the command line, else $MISSIVE_DB, else IT's [storage] url (a hospital group's shared
// PostgreSQL base), else the user's own SQLite file.

#include "missive/directory/directory.h"
#include "missive/transport/settings.h"

namespace missive::engine
{

// The location that applies (see directory::databasePath).
[[nodiscard]] QString directoryLocation(const transport::Settings& settings, const QString& explicitLocation = {});

// A location as it may be shown: a URL without any password written in it.
[[nodiscard]] QString displayLocation(const QString& location);

// The [storage] password (keychain, file or variable) when `location` is IT's own URL; empty
// otherwise (another base authenticates through libpq's own means: ~/.pgpass, a certificate).
[[nodiscard]] Result<QByteArray> storagePassword(const transport::Settings& settings, const QString& location);

// Opens it; the user's own base is read over the machine's shared directory when it has one
// (directory::Directory::openAt). The [storage] password (keychain, file or variable) is read only for IT's own URL,
// and given to the server beside the URL, never in it.
[[nodiscard]] Result<directory::Directory> openDirectory(const transport::Settings& settings,
                                                         const QString& explicitLocation = {});

// `missive storage migrate`: the SQLite directory at `from` ("sqlite:PATH" or PATH) copied into the
// empty PostgreSQL base `to` (its password from [storage] when `to` is IT's URL). Per table, the
// rows moved.
[[nodiscard]] Result<QList<directory::TableCopy>> migrateStorage(const transport::Settings& settings,
                                                                 const QString& from, const QString& to);

// `missive storage setup`: the group's base `to` brought to the current schema (directory and
// outbox), then `roles` given access, each seeing the letters of `service` only ("*": a relay).
[[nodiscard]] Result<void> setupStorage(const transport::Settings& settings, const QString& to, const QString& service,
                                        const QStringList& roles);

} // namespace missive::engine
