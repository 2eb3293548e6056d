#pragma once
// Keeping the directory up to date from IT's source ([directory] share or url in the settings).

#include "missive/core/result.h"
#include "missive/directory/directory.h"
#include "missive/settings/settings.h"

#include <QString>
#include <QStringList>

namespace missive::engine
{

// The newest Annuaire Santé extracts at IT's source that `directory` has not imported yet, copied
// or downloaded (TLS verified) into `scratch`: their paths, to import in that order. Empty when
// the directory is up to date.
[[nodiscard]] Result<QStringList> fetchNewExtracts(const settings::Settings& settings,
                                                   const directory::Directory& directory, const QString& scratch);

// `missive directory update --shared`: the machine's shared directory (directory::sharedDatabasePath)
// brought up to date from IT's source, its new extracts fetched into `scratch` and imported into a
// copy that replaces it (directory::updateSharedDirectory). Empty when it was up to date; a base of
// an older Missive is rewritten in this version's schema even then.
[[nodiscard]] Result<QList<directory::ImportReport>> updateSharedDirectory(const settings::Settings& settings,
                                                                           const QString& scratch);

} // namespace missive::engine
