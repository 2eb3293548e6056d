#include "missive/core/private_files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <dlfcn.h>

namespace missive
{

Result<QString> privateFilePath(const QString& name)
{
    // The kernel's own link to the running executable: already free of symbolic links, and
    // independent of argv[0], PATH and the current directory.
    const QString executable = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath();
    if (executable.isEmpty()) {
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("emplacement du programme introuvable (/proc n'est pas monté ?)"),
                         QStringLiteral("private-files: /proc/self/exe unreadable"));
    }
    const QString programDirectory = QFileInfo(executable).absolutePath();
    // A private program (missive-full) is itself in <libdir>/missive: its siblings are beside it.
    const QString privateDirectory = QStringLiteral(MISSIVE_MODULE_INSTALL_DIR);
    const bool isPrivate = QDir::isAbsolutePath(privateDirectory)
                               ? programDirectory == QDir::cleanPath(privateDirectory)
                               : programDirectory.endsWith(QLatin1Char('/') + privateDirectory);
    const QDir directory(isPrivate ? programDirectory
                                   : programDirectory + QLatin1Char('/') + QStringLiteral(MISSIVE_MODULE_RELDIR));
    return QDir::cleanPath(directory.absoluteFilePath(name));
}

Result<void*> openPrivateModule(const QString& file, const char* entryPoint)
{
    auto path = privateFilePath(file);
    if (!path) {
        return tl::unexpected(path.error());
    }
    void* library = dlopen(QFile::encodeName(*path).constData(), RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char* why = dlerror();
        return makeError(ErrorCode::Unavailable, QStringLiteral("module %1 absent ou illisible").arg(*path),
                         QString::fromLocal8Bit(why ? why : "dlopen failed"));
    }
    void* entry = dlsym(library, entryPoint);
    if (!entry) {
        return makeError(ErrorCode::Unavailable, QStringLiteral("module %1 sans point d'entrée").arg(*path),
                         QStringLiteral("no entry point %1").arg(QLatin1String(entryPoint)));
    }
    return entry;
}

} // namespace missive
