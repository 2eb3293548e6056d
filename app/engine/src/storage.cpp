#include "missive/engine/storage.h"

#include "missive/directory/postgres_store.h"
#include "missive/transport/outbox.h"

namespace missive::engine
{

QString directoryLocation(const transport::Settings& settings, const QString& explicitLocation)
{
    return directory::databasePath(explicitLocation, settings.storage.url);
}

QString displayLocation(const QString& location)
{
    return directory::displayLocation(location);
}

Result<QByteArray> storagePassword(const transport::Settings& settings, const QString& location)
{
    if (location != settings.storage.url || !settings.storage.password.isSet()) {
        return QByteArray();
    }
    return transport::readSecret(settings.storage.password);
}

Result<directory::Directory> openDirectory(const transport::Settings& settings, const QString& explicitLocation)
{
    const QString location = directoryLocation(settings, explicitLocation);
    auto password = storagePassword(settings, location);
    if (!password) {
        return tl::unexpected(password.error());
    }
    auto opened = directory::Directory::openAt(explicitLocation, settings.storage.url, *password);
    if (!opened) {
        return opened;
    }
    // The configuration's rules ([rules], checked when it was read) over the directory's.
    QMap<QString, QList<directory::Rule>> imposed;
    QStringList locked;
    for (const auto& [type, recipients] : settings.documentRules) {
        QList<directory::Rule>& rules = imposed[type];
        for (const QString& spec : recipients) {
            if (auto rule = directory::parseRecipient(spec)) {
                rules << *rule;
            }
        }
        if (settings.locked.contains(QStringLiteral("rules.") + type)) {
            locked << type;
        }
    }
    opened->imposeRules(imposed, locked);
    return opened;
}

Result<QList<directory::TableCopy>> migrateStorage(const transport::Settings& settings, const QString& from,
                                                   const QString& to)
{
    if (!directory::isPostgresUrl(to)) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--to attend une base postgresql://serveur/base."),
                         QStringLiteral("migrate target"));
    }
    const QString source = from.startsWith(QLatin1String("sqlite:")) ? from.mid(7) : from;
    if (source.isEmpty() || directory::isPostgresUrl(source)) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--from attend un annuaire sqlite:FICHIER."),
                         QStringLiteral("migrate source"));
    }
    auto password = storagePassword(settings, to);
    if (!password) {
        return tl::unexpected(password.error());
    }
    return directory::migrateSqliteToPostgres(source, to, *password);
}

Result<void> setupStorage(const transport::Settings& settings, const QString& to, const QString& service,
                          const QStringList& roles)
{
    if (!directory::isPostgresUrl(to)) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--to attend une base postgresql://serveur/base."),
                         QStringLiteral("setup target"));
    }
    auto password = storagePassword(settings, to);
    if (!password) {
        return tl::unexpected(password.error());
    }
    // The directory's tables first, so that the roles are granted them too.
    if (auto directory = directory::Directory::open(to, *password); !directory) {
        return tl::unexpected(directory.error());
    }
    return transport::setupSharedStorage(to, *password, service, roles);
}

} // namespace missive::engine
