#include "missive/core/private_files.h"

#include <QDir>
#include <QFileInfo>

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

} // namespace missive
