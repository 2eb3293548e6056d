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
    bool rewrite = false;
    auto shared = QFileInfo::exists(path)
                      ? directory::Directory::openShared(path)
                      : Result<directory::Directory>(tl::unexpect, Error{ErrorCode::NotFound, {}, {}});
    if (shared) {
        fetched = fetchNewExtracts(settings, *shared, scratch);
    } else if (shared.error().code == ErrorCode::NotFound || shared.error().code == ErrorCode::Unavailable) {
        // None yet, or one of an older schema (written anew even with nothing new): the newest extracts.
        rewrite = shared.error().code == ErrorCode::Unavailable;
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
