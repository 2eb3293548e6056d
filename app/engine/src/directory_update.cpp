#include "missive/engine/directory_update.h"

#include "missive/transport/extract_fetch.h"

#include <QFileInfo>

namespace missive::engine
{

Result<QStringList> fetchNewExtracts(const settings::Settings& settings, const directory::Directory& directory,
                                     const QString& scratch)
{
    auto stats = directory.stats();
    if (!stats) {
        return tl::unexpected(stats.error());
    }
    QStringList imported;
    for (const directory::ImportRun& run : stats->lastImports) {
        imported << run.source;
    }
    return transport::fetchExtracts(settings.directoryUpdate, imported, scratch);
}

Result<QList<directory::ImportReport>> updateSharedDirectory(const settings::Settings& settings, const QString& scratch)
{
    const QString path = directory::sharedDatabasePath();
    Result<QStringList> fetched = QStringList();
    bool rewrite = false; // a base of an older schema is written anew, even with nothing new
    if (!QFileInfo::exists(path)) {
        fetched = transport::fetchExtracts(settings.directoryUpdate, {}, scratch);
    } else if (auto shared = directory::Directory::openShared(path); shared) {
        fetched = fetchNewExtracts(settings, *shared, scratch);
    } else if (shared.error().code == ErrorCode::Unavailable) {
        rewrite = true;
        fetched = transport::fetchExtracts(settings.directoryUpdate, {}, scratch);
    } else {
        return tl::unexpected(shared.error());
    }
    if (!fetched) {
        return tl::unexpected(fetched.error());
    }
    if (fetched->isEmpty() && !rewrite) {
        return QList<directory::ImportReport>();
    }
    return directory::updateSharedDirectory(path, *fetched);
}

} // namespace missive::engine
