#pragma once
// A user's own base read over the machine's shared directory (a .deb's /var/lib/missive/directory.db,
// imported once for every user by the missive-directory-update service). The shared base is
// opened read-only and answers for the extracts; the user's base keeps what is theirs: local
// additions, preferences, rules, history and staff, all written there.

#include "missive/directory/store.h"

namespace missive::directory
{

// `shared` read-only, `own` read-write; `sharedLocation` is named in stats() and in the refusal
// of an import (the shared base is updated by its service, not by a user).
[[nodiscard]] std::unique_ptr<Store> layeredStore(std::unique_ptr<Store> own, std::unique_ptr<Store> shared,
                                                  const QString& sharedLocation);

} // namespace missive::directory
