#include "c_handles.h"

#include <QFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace missive::transport::detail
{

Result<QByteArray> readOwnerOnlyFile(const QString& path, const QString& what)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        return makeError(ErrorCode::PermissionDenied, QStringLiteral("%1 %2 est illisible").arg(what, path),
                         QStringLiteral("open: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    struct stat st = {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (st.st_mode & 077) != 0
        || (st.st_uid != ::geteuid() && st.st_uid != 0)) {
        ::close(fd);
        return makeError(ErrorCode::UnsafePath,
                         QStringLiteral("%1 %2 doit appartenir à l'utilisateur et avoir le mode 0600 (chmod 600 %2)")
                             .arg(what, path),
                         QStringLiteral("file mode or owner unsafe"));
    }
    QByteArray content;
    char buffer[8192];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0) {
            break;
        }
        content.append(buffer, static_cast<qsizetype>(n));
    }
    ::close(fd);
    return content;
}

} // namespace missive::transport::detail
