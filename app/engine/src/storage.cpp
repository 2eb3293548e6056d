#include "missive/engine/storage.h"

namespace missive::engine
{

QString directoryLocation(const transport::Settings& settings, const QString& explicitLocation)
{
    return directory::databasePath(explicitLocation, settings.storage.url);
}

Result<directory::Directory> openDirectory(const transport::Settings& settings, const QString& explicitLocation)
{
    const QString location = directoryLocation(settings, explicitLocation);
    QByteArray password;
    if (location == settings.storage.url && settings.storage.password.isSet()) {
        auto secret = transport::readSecret(settings.storage.password);
        if (!secret) {
            return tl::unexpected(secret.error());
        }
        password = *secret;
    }
    return directory::Directory::open(location, password);
}

} // namespace missive::engine
