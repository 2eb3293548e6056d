#pragma once
// Where `missive directory update` gets the Annuaire Santé extracts: the folder IT names
// ([directory] update_share, often a network share) or an https address ([directory] update_url,
// e.g. the Annuaire Santé's extraction service, which answers a zip). Files only; importing them is
// the directory's job.

#include "missive/core/result.h"
#include "missive/transport/settings.h"

#include <QDateTime>
#include <QStringList>

namespace missive::transport
{

// The two kinds of extract Missive imports, by their published file names.
[[nodiscard]] bool isExtractName(const QString& fileName);

// The newest extract of each kind among `fileNames` (names carry their date: …_YYYYMMDDhhmm.txt),
// those not in `alreadyImported` (file names of earlier imports). Oldest kind first.
[[nodiscard]] QStringList newestExtracts(const QStringList& fileNames, const QStringList& alreadyImported);

// Gathers what to import into `scratchDir` (mode 0700, the caller's): from the share, the newest
// extracts not imported yet (paths on the share, nothing copied); from the URL, the download
// (TLS verified against ca_bundle, or the system store when empty), unzipped when it is a zip.
// Returns the files to import, in order.
[[nodiscard]] Result<QStringList> fetchExtracts(const DirectoryUpdateSettings& settings,
                                                const QStringList& alreadyImported, const QString& scratchDir);

} // namespace missive::transport
