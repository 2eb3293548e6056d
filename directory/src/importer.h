#pragma once
// Streaming import of one Annuaire Santé extract into a store (one transaction per file).

#include "missive/directory/store.h"

namespace missive::directory
{

[[nodiscard]] Result<ImportReport> importFile(Store& store, const QString& path);

} // namespace missive::directory
