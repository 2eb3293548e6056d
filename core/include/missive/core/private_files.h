#pragma once
// Where Missive's private parts are: the modules loaded on demand (Tesseract OCR) and the programs
// that run the commands needing the transport stack (cmake/MissiveModules.cmake). They sit at one
// place fixed at build time relative to the running program's real location, <libdir>/missive once
// installed; never found through the environment, a search path or the current directory, so
// that nobody can have a Missive program load a library of theirs.

#include "missive/core/result.h"

#include <QString>

namespace missive
{

// <directory of the running executable, symbolic links resolved>/../<libdir>/missive/<name> (the
// relative path from bindir), or, for a program that is itself in <libdir>/missive, the file beside it.
// Fails (Unavailable) when the executable's own path cannot be read (no /proc).
[[nodiscard]] Result<QString> privateFilePath(const QString& name);

// Opens the private module `file` (an absolute path: dlopen searches nothing; RTLD_NOW, never
// closed, so that what it made stays valid) and returns the address of its entry point, for the
// caller to cast to its own entry point type and check the table's ABI and build. Fails
// (Unavailable, the reason in the detail) when the module is missing, unreadable or lacks it.
[[nodiscard]] Result<void*> openPrivateModule(const QString& file, const char* entryPoint);

} // namespace missive
