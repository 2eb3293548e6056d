#include "missive/engine/directory_update.h"

#include "missive/transport/extract_fetch.h"

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

} // namespace missive::engine
