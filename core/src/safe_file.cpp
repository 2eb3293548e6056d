#include "missive/core/safe_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#ifdef Q_OS_WIN
#include <QSaveFile>
#else
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace missive
{

namespace
{

QString systemError(const char* what)
{
#ifdef Q_OS_WIN
    return QString::fromLatin1(what);
#else
    return QStringLiteral("%1: %2").arg(QString::fromLatin1(what), QString::fromLocal8Bit(std::strerror(errno)));
#endif
}

} // namespace

#ifdef Q_OS_WIN

// Windows: no symbolic link is created without a privilege, and QSaveFile writes beside the
// target and renames; a link or a non-regular file in its place is still refused.
struct SafeFileWriter::State
{
    QString path;
    QSaveFile file;
    explicit State(const QString& p)
        : path(p)
        , file(p)
    {
    }
};

Result<SafeFileWriter> SafeFileWriter::open(const QString& path, bool privateFile)
{
    const QFileInfo info(path);
    if (info.isSymLink() || info.isJunction() || (info.exists() && !info.isFile())) {
        return makeError(ErrorCode::UnsafePath,
                         QStringLiteral("%1 n'est pas un fichier ordinaire : écriture refusée.").arg(path),
                         QStringLiteral("refused: target is a link or not a regular file"));
    }
    auto state = std::make_unique<State>(path);
    if (!state->file.open(QIODevice::WriteOnly)) {
        return makeError(ErrorCode::Io, QStringLiteral("Impossible de créer %1.").arg(path), state->file.errorString());
    }
    if (privateFile) {
        state->file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    return SafeFileWriter(std::move(state));
}

SafeFileWriter::~SafeFileWriter()
{
    if (d) {
        d->file.cancelWriting();
    }
}

Result<void> SafeFileWriter::write(const char* data, qint64 size)
{
    if (d->file.write(data, size) != size) {
        return makeError(ErrorCode::Io, QStringLiteral("Impossible d'écrire %1.").arg(d->path), d->file.errorString());
    }
    return {};
}

Result<void> SafeFileWriter::commit()
{
    if (!d->file.commit()) {
        return makeError(ErrorCode::Io, QStringLiteral("Impossible d'écrire %1.").arg(d->path), d->file.errorString());
    }
    d.reset();
    return {};
}

#else

struct SafeFileWriter::State
{
    QString path;
    int dir = -1;
    int fd = -1;
    QByteArray name;
    QByteArray temporary;

    ~State()
    {
        if (fd >= 0) {
            ::close(fd);
        }
        if (!temporary.isEmpty()) {
            ::unlinkat(dir, temporary.constData(), 0);
        }
        if (dir >= 0) {
            ::close(dir);
        }
    }
};

Result<SafeFileWriter> SafeFileWriter::open(const QString& path, bool privateFile)
{
    const QFileInfo info(path);
    const QByteArray name = QFile::encodeName(info.fileName());
    if (name.isEmpty() || name == "." || name == "..") {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1 n'est pas un nom de fichier.").arg(path),
                         QStringLiteral("no file name"));
    }
    auto state = std::make_unique<State>();
    state->path = path;
    state->name = name;
    state->dir = ::open(QFile::encodeName(info.absolutePath()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (state->dir < 0) {
        return makeError(ErrorCode::Io, QStringLiteral("Le dossier de %1 est introuvable.").arg(path),
                         systemError("open directory"));
    }
    struct stat st{};
    // A directory that someone else may write into without the sticky bit (or that someone else
    // owns) lets them swap the file after it is written: refused as a whole.
    if (::fstat(state->dir, &st) != 0) {
        return makeError(ErrorCode::Io, QStringLiteral("Impossible d'écrire %1.").arg(path), systemError("fstat"));
    }
    if (((st.st_mode & S_IWOTH) && !(st.st_mode & S_ISVTX)) || (st.st_uid != ::geteuid() && st.st_uid != 0)) {
        return makeError(ErrorCode::UnsafePath,
                         QStringLiteral("Le dossier de %1 appartient à un autre utilisateur ou est modifiable par tous : "
                                        "écriture refusée.")
                             .arg(path),
                         QStringLiteral("refused: directory writable by others"));
    }
    if (::fstatat(state->dir, name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISLNK(st.st_mode)) {
            return makeError(ErrorCode::UnsafePath,
                             QStringLiteral("%1 est un lien symbolique : écriture refusée (choisissez un autre nom).")
                                 .arg(path),
                             QStringLiteral("refused: target is a symbolic link"));
        }
        if (!S_ISREG(st.st_mode)) {
            return makeError(ErrorCode::UnsafePath,
                             QStringLiteral("%1 n'est pas un fichier ordinaire : écriture refusée.").arg(path),
                             QStringLiteral("refused: target is not a regular file"));
        }
        if (st.st_uid != ::geteuid()) {
            return makeError(ErrorCode::UnsafePath,
                             QStringLiteral("%1 appartient à un autre utilisateur : écriture refusée.").arg(path),
                             QStringLiteral("refused: target owned by another user"));
        }
    } else if (errno != ENOENT) {
        return makeError(ErrorCode::Io, QStringLiteral("Impossible d'écrire %1.").arg(path), systemError("fstatat"));
    }
    for (int attempt = 0; attempt < 16 && state->fd < 0; ++attempt) {
        const QByteArray temporary =
            "." + name.left(120) + "." + QByteArray::number(QRandomGenerator::system()->generate64(), 36) + ".tmp";
        state->fd = ::openat(state->dir, temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                             privateFile ? 0600 : 0644);
        if (state->fd >= 0) {
            state->temporary = temporary;
        } else if (errno != EEXIST) {
            break;
        }
    }
    if (state->fd < 0) {
        return makeError(errno == EACCES ? ErrorCode::PermissionDenied : ErrorCode::Io,
                         QStringLiteral("Impossible de créer %1.").arg(path), systemError("openat temporary"));
    }
    return SafeFileWriter(std::move(state));
}

SafeFileWriter::~SafeFileWriter() = default;

Result<void> SafeFileWriter::write(const char* data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::write(d->fd, data, static_cast<size_t>(size));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return makeError(errno == ENOSPC ? ErrorCode::NoSpace : ErrorCode::Io,
                             QStringLiteral("Impossible d'écrire %1.").arg(d->path), systemError("write"));
        }
        data += n;
        size -= n;
    }
    return {};
}

Result<void> SafeFileWriter::commit()
{
    if (::fsync(d->fd) != 0) {
        return makeError(ErrorCode::Io, QStringLiteral("Impossible d'écrire %1.").arg(d->path), systemError("fsync"));
    }
    ::close(d->fd);
    d->fd = -1;
    if (::renameat(d->dir, d->temporary.constData(), d->dir, d->name.constData()) != 0) {
        return makeError(ErrorCode::Io, QStringLiteral("Impossible d'écrire %1.").arg(d->path), systemError("renameat"));
    }
    d->temporary.clear();
    ::fsync(d->dir);
    d.reset();
    return {};
}

#endif

SafeFileWriter::SafeFileWriter(std::unique_ptr<State> state)
    : d(std::move(state))
{
}

SafeFileWriter::SafeFileWriter(SafeFileWriter&&) noexcept = default;
SafeFileWriter& SafeFileWriter::operator=(SafeFileWriter&&) noexcept = default;

Result<void> writeFileSafely(const QString& path, const QByteArray& data, bool privateFile)
{
    auto file = SafeFileWriter::open(path, privateFile);
    if (!file) {
        return tl::unexpected(file.error());
    }
    if (auto written = file->write(data); !written) {
        return written;
    }
    return file->commit();
}

} // namespace missive
