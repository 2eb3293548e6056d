// The machine's shared directory is replaced, never written in place: an import goes into a copy
// beside it, which one rename puts in its place. A reader (every user's Missive, read-only) keeps
// the file it opened, so a 2-million-row import never blocks nor half-shows anything.

#include "log.h"
#include "missive/directory/directory.h"
#include "missive/directory/sqlite_store.h"

#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace missive::directory
{
namespace
{

Error ioError(const QString& what, const QString& path)
{
    const int error = errno;
    return Error{error == EACCES || error == EPERM ? ErrorCode::PermissionDenied
                 : error == ENOSPC                 ? ErrorCode::NoSpace
                                                   : ErrorCode::Io,
                 QStringLiteral("%1 %2 : %3").arg(what, path, QString::fromLocal8Bit(std::strerror(error))),
                 QStringLiteral("%1: errno %2").arg(what).arg(error)};
}

class Fd
{
public:
    explicit Fd(int fd = -1)
        : m_fd(fd)
    {
    }
    ~Fd()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const
    {
        return m_fd;
    }

private:
    int m_fd;
};

Result<void> copyInto(int to, const QString& from)
{
    const Fd source(::open(QFile::encodeName(from).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (source.get() < 0) {
        return tl::unexpected(ioError(QStringLiteral("Lecture impossible de l'annuaire partagé"), from));
    }
    char buffer[1 << 16];
    for (;;) {
        const ssize_t got = ::read(source.get(), buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            return tl::unexpected(ioError(QStringLiteral("Lecture impossible de l'annuaire partagé"), from));
        }
        if (got == 0) {
            return {};
        }
        for (ssize_t done = 0; done < got;) {
            const ssize_t put = ::write(to, buffer + done, size_t(got - done));
            if (put < 0 && errno == EINTR) {
                continue;
            }
            if (put < 0) {
                return tl::unexpected(ioError(QStringLiteral("Écriture impossible de la copie de l'annuaire"), from));
            }
            done += put;
        }
    }
}

// Rollback-journal mode: the published file is read by users who cannot write beside it (WAL
// would need its -shm file writable by every reader).
Result<void> publishMode(const QString& path)
{
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, nullptr);
    const auto closing = qScopeGuard([&] { sqlite3_close(db); });
    char* message = nullptr;
    if (rc != SQLITE_OK || sqlite3_exec(db, "PRAGMA journal_mode = DELETE", nullptr, nullptr, &message) != SQLITE_OK) {
        const QString detail = QString::fromUtf8(message ? message : sqlite3_errstr(rc));
        sqlite3_free(message);
        return makeError(ErrorCode::Io, QStringLiteral("Impossible de préparer la copie de l'annuaire %1.").arg(path),
                         detail);
    }
    return {};
}

} // namespace

Result<QList<ImportReport>> updateSharedDirectory(const QString& path, const QStringList& files)
{
    if (path.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Aucun annuaire partagé sur cette machine ($MISSIVE_SHARED_DB est vide)."),
                         QStringLiteral("no shared directory path"));
    }
    const QFileInfo info(path);
    const QString folder = info.absolutePath();
    struct stat folderStat = {};
    if (::stat(QFile::encodeName(folder).constData(), &folderStat) != 0 || !S_ISDIR(folderStat.st_mode)) {
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("Le dossier de l'annuaire partagé %1 n'existe pas (le paquet missive le crée).").arg(folder),
            QStringLiteral("no shared directory folder"));
    }
    // One update at a time: a second one would import into a copy the first is about to replace.
    const QString lockPath = info.absoluteFilePath() + QStringLiteral(".lock");
    // Read-only: flock needs no more, and a lock file an administrator created as root stays
    // usable by the service's own user.
    const Fd lock(::open(QFile::encodeName(lockPath).constData(), O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0640));
    if (lock.get() < 0) {
        if (errno == EACCES || errno == EPERM) {
            return makeError(ErrorCode::PermissionDenied,
                             QStringLiteral("L'annuaire partagé %1 n'est mis à jour que par son service : en "
                                            "administrateur, runuser -u missive -- missive directory update --shared.")
                                 .arg(path),
                             QStringLiteral("shared directory lock: permission denied"));
        }
        return tl::unexpected(ioError(QStringLiteral("Verrou impossible"), lockPath));
    }
    if (::flock(lock.get(), LOCK_EX | LOCK_NB) != 0) {
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("Une mise à jour de l'annuaire partagé %1 est déjà en cours.").arg(path),
                         QStringLiteral("shared directory update locked"));
    }

    QByteArray copyName = QFile::encodeName(info.absoluteFilePath() + QStringLiteral(".new-XXXXXX"));
    const Fd copy(::mkostemp(copyName.data(), O_CLOEXEC)); // O_EXCL: never an existing file or link
    if (copy.get() < 0) {
        return tl::unexpected(ioError(QStringLiteral("Copie impossible de l'annuaire partagé"), path));
    }
    const QString copyPath = QFile::decodeName(copyName);
    auto removeCopy = qScopeGuard([&] {
        for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
            ::unlink(QByteArray(copyName + suffix).constData());
        }
    });
    // Readable by the folder's group (missive), whatever the updater's umask and primary group.
    if (::fchmod(copy.get(), 0640) != 0) {
        return tl::unexpected(ioError(QStringLiteral("Droits impossibles sur"), copyPath));
    }
    if (::fchown(copy.get(), uid_t(-1), folderStat.st_gid) != 0 && errno != EPERM) {
        return tl::unexpected(ioError(QStringLiteral("Groupe impossible sur"), copyPath));
    }
    if (QFileInfo::exists(path)) {
        if (auto copied = copyInto(copy.get(), path); !copied) {
            return tl::unexpected(copied.error());
        }
    }
    QList<ImportReport> reports;
    {
        auto store = openSqliteStore(copyPath, SqliteAccess::Published);
        if (!store) {
            return tl::unexpected(store.error());
        }
        Directory directory(std::move(*store));
        for (const QString& file : files) {
            auto imported = directory.importFile(file);
            if (!imported) {
                return tl::unexpected(imported.error());
            }
            reports << *imported;
        }
    }
    if (auto mode = publishMode(copyPath); !mode) {
        return tl::unexpected(mode.error());
    }
    if (::fsync(copy.get()) != 0) {
        return tl::unexpected(ioError(QStringLiteral("Écriture impossible de"), copyPath));
    }
    if (::rename(copyName.constData(), QFile::encodeName(info.absoluteFilePath()).constData()) != 0) {
        return tl::unexpected(ioError(QStringLiteral("Remplacement impossible de l'annuaire partagé"), path));
    }
    removeCopy.dismiss();
    if (const Fd dir(::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        dir.get() >= 0) {
        ::fsync(dir.get());
    }
    qCInfo(lcDirectory) << "shared directory published," << files.size() << "file(s) imported";
    return reports;
}

} // namespace missive::directory
