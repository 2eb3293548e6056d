#include "missive/spool/user_spool.h"

#include "missive/spool/job_id.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <random>
#include <sys/mman.h>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>
#include <utility>
#include <vector>

namespace missive::spool
{
namespace
{

constexpr int DirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
constexpr std::string_view PartialPayload = "payload";
constexpr std::size_t CopyBufferSize = 1 << 20;

SpoolError systemError(const std::string& what, int err = errno)
{
    SpoolErrc code = SpoolErrc::Io;
    switch (err) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
        code = SpoolErrc::NoSpace;
        break;
    case ENOENT:
        code = SpoolErrc::NotFound;
        break;
    case ELOOP:
    case ENOTDIR:
    case EMLINK:
        code = SpoolErrc::UnsafePath;
        break;
    default:
        break;
    }
    return {code, what + ": " + std::strerror(err), err};
}

tl::unexpected<SpoolError> fail(SpoolErrc code, std::string detail)
{
    return tl::make_unexpected(SpoolError{code, std::move(detail), 0});
}

tl::unexpected<SpoolError> failSys(const std::string& what, int err = errno)
{
    return tl::make_unexpected(systemError(what, err));
}

std::string_view areaDirName(Area area)
{
    return area == Area::Jobs ? "jobs" : "quarantine";
}

// A private directory: a real directory owned by `owner`, closed to group and others.
SpoolResult<void> checkPrivateDir(int fd, uid_t owner, const std::string& what)
{
    struct stat st = {};
    if (fstat(fd, &st) != 0) {
        return failSys("stat " + what);
    }
    if (!S_ISDIR(st.st_mode)) {
        return fail(SpoolErrc::UnsafePath, what + " is not a directory");
    }
    if (st.st_uid != owner) {
        return fail(SpoolErrc::UnsafePath,
                    what + " is owned by uid " + std::to_string(st.st_uid) + ", expected " + std::to_string(owner));
    }
    if ((st.st_mode & 077) != 0) {
        return fail(SpoolErrc::UnsafePath, what + " is open to group or others");
    }
    return {};
}

SpoolResult<UniqueFd> openDirAt(int parent, const std::string& name, const std::string& what)
{
    UniqueFd fd(openat(parent, name.c_str(), DirFlags));
    if (!fd.valid()) {
        return failSys("open " + what);
    }
    return fd;
}

SpoolResult<UniqueFd> openArea(int userFd, const std::string& name, uid_t owner)
{
    // Only the owner creates a missing area. Another process (root listing a user's spool while the
    // backend is still setting it up) would leave a root-owned area the owner can never write to.
    if (geteuid() == owner && mkdirat(userFd, name.c_str(), 0700) != 0 && errno != EEXIST) {
        return failSys("create " + name);
    }
    auto fd = openDirAt(userFd, name, name);
    if (!fd) {
        return fd;
    }
    if (auto ok = checkPrivateDir(fd->get(), owner, name); !ok) {
        return tl::make_unexpected(ok.error());
    }
    return fd;
}

SpoolResult<void> writeAll(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return failSys("write");
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

SpoolResult<std::string> readSmallFile(int dirFd, std::string_view name, std::size_t limit)
{
    UniqueFd fd(openat(dirFd, std::string(name).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.valid()) {
        return failSys("open " + std::string(name));
    }
    struct stat st = {};
    if (fstat(fd.get(), &st) != 0) {
        return failSys("stat " + std::string(name));
    }
    if (!S_ISREG(st.st_mode)) {
        return fail(SpoolErrc::UnsafePath, std::string(name) + " is not a regular file");
    }
    if (static_cast<std::size_t>(st.st_size) > limit) {
        return fail(SpoolErrc::BadMetadata, std::string(name) + " is too large");
    }
    std::string text(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::read(fd.get(), text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return failSys("read " + std::string(name), n == 0 ? EIO : errno);
        }
        done += static_cast<std::size_t>(n);
    }
    return text;
}

// Writes a small file durably under a temporary name, then renames it in place.
SpoolResult<void> writeFileAtomically(int dirFd, std::string_view name, std::string_view content)
{
    const std::string tmpName = std::string(name) + ".new";
    unlinkat(dirFd, tmpName.c_str(), 0);
    UniqueFd fd(openat(dirFd, tmpName.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!fd.valid()) {
        return failSys("create " + tmpName);
    }
    if (auto ok = writeAll(fd.get(), content); !ok) {
        unlinkat(dirFd, tmpName.c_str(), 0);
        return ok;
    }
    if (fsync(fd.get()) != 0) {
        const int err = errno;
        unlinkat(dirFd, tmpName.c_str(), 0);
        return failSys("fsync " + tmpName, err);
    }
    if (renameat(dirFd, tmpName.c_str(), dirFd, std::string(name).c_str()) != 0) {
        const int err = errno;
        unlinkat(dirFd, tmpName.c_str(), 0);
        return failSys("rename " + tmpName, err);
    }
    return {};
}

// Removes a job directory and the plain files in it (jobs hold no subdirectories).
SpoolResult<void> removeJobDirectory(int parentFd, const std::string& id)
{
    UniqueFd dir(openat(parentFd, id.c_str(), DirFlags));
    if (!dir.valid()) {
        return failSys("open job " + id);
    }
    DIR* stream = fdopendir(dup(dir.get()));
    if (!stream) {
        return failSys("list job " + id);
    }
    while (const dirent* entry = readdir(stream)) {
        const std::string_view name = entry->d_name;
        if (name != "." && name != "..") {
            unlinkat(dir.get(), entry->d_name, 0);
        }
    }
    closedir(stream);
    if (unlinkat(parentFd, id.c_str(), AT_REMOVEDIR) != 0) {
        return failSys("remove job " + id);
    }
    return {};
}

std::vector<std::string> entryNames(int dirFd)
{
    std::vector<std::string> names;
    DIR* stream = fdopendir(dup(dirFd));
    if (!stream) {
        return names;
    }
    rewinddir(stream);
    while (const dirent* entry = readdir(stream)) {
        const std::string_view name = entry->d_name;
        if (name != "." && name != "..") {
            names.emplace_back(name);
        }
    }
    closedir(stream);
    return names;
}

// Reads and checks <parent>/<id>/job.meta: it must parse and name that job.
SpoolResult<JobEnvelope> loadEnvelope(int parentFd, const std::string& id)
{
    if (!isValidJobId(id)) {
        return fail(SpoolErrc::NotFound, "invalid job id");
    }
    auto dir = openDirAt(parentFd, id, "job");
    if (!dir) {
        return tl::make_unexpected(dir.error());
    }
    auto text = readSmallFile(dir->get(), MetadataName, 64 * 1024);
    if (!text) {
        return tl::make_unexpected(text.error());
    }
    auto envelope = parseEnvelope(*text);
    if (!envelope) {
        return fail(SpoolErrc::BadMetadata, "job.meta: " + envelope.error());
    }
    if (envelope->id != id) {
        return fail(SpoolErrc::BadMetadata, "job.meta names another job");
    }
    return std::move(*envelope);
}

// Opens <parent>/<id>/<name> for reading, never through a symlink.
SpoolResult<UniqueFd> openJobFile(int parentFd, const std::string& id, std::string_view name)
{
    if (!isValidJobId(id)) {
        return fail(SpoolErrc::NotFound, "invalid job id");
    }
    auto dir = openDirAt(parentFd, id, "job");
    if (!dir) {
        return dir;
    }
    UniqueFd fd(openat(dir->get(), std::string(name).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.valid()) {
        return failSys("open " + std::string(name));
    }
    return fd;
}

} // namespace

// ---- UniqueFd / MappedFile ---------------------------------------------------

UniqueFd::UniqueFd(int fd) noexcept
    : m_fd(fd)
{
}

UniqueFd::UniqueFd(UniqueFd&& other) noexcept
    : m_fd(other.release())
{
}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = other.release();
    }
    return *this;
}

UniqueFd::~UniqueFd()
{
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

int UniqueFd::get() const noexcept
{
    return m_fd;
}

bool UniqueFd::valid() const noexcept
{
    return m_fd >= 0;
}

int UniqueFd::release() noexcept
{
    const int fd = m_fd;
    m_fd = -1;
    return fd;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept
{
    if (this != &other) {
        if (m_data) {
            munmap(m_data, m_size);
        }
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

MappedFile::~MappedFile()
{
    if (m_data) {
        munmap(m_data, m_size);
    }
}

SpoolResult<MappedFile> MappedFile::map(int fd)
{
    struct stat st = {};
    if (fstat(fd, &st) != 0) {
        return failSys("stat payload");
    }
    MappedFile mapped;
    if (st.st_size == 0) {
        return mapped;
    }
    void* data = mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (data == MAP_FAILED) {
        return failSys("map payload");
    }
    mapped.m_data = data;
    mapped.m_size = static_cast<std::size_t>(st.st_size);
    return mapped;
}

std::string_view MappedFile::view() const noexcept
{
    return {static_cast<const char*>(m_data), m_size};
}

// ---- Root side ---------------------------------------------------------------

std::string_view payloadName(Area area)
{
    return area == Area::Jobs ? "document.pdf" : "raw.bin";
}

SpoolResult<UniqueFd> openSpoolRoot(const std::string& path, bool createIfMissing)
{
    if (path.empty() || path.front() != '/') {
        return fail(SpoolErrc::UnsafePath, "spool root must be an absolute path");
    }
    if (createIfMissing && mkdir(path.c_str(), 0711) == 0) {
        // umask may have narrowed the mode; users need search access to reach their own directory.
        chmod(path.c_str(), 0711);
    }
    UniqueFd fd(open(path.c_str(), DirFlags));
    if (!fd.valid()) {
        return failSys("open spool root");
    }
    struct stat st = {};
    if (fstat(fd.get(), &st) != 0) {
        return failSys("stat spool root");
    }
    if (st.st_uid != 0 && st.st_uid != geteuid()) {
        return fail(SpoolErrc::UnsafePath, "spool root is not owned by root");
    }
    if ((st.st_mode & 022) != 0) {
        return fail(SpoolErrc::UnsafePath, "spool root is writable by group or others");
    }
    return fd;
}

SpoolResult<void> ensureUserDirectory(int rootFd, uid_t uid, gid_t gid)
{
    const std::string name = std::to_string(uid);
    if (mkdirat(rootFd, name.c_str(), 0700) != 0 && errno != EEXIST) {
        return failSys("create user spool");
    }
    auto dir = openDirAt(rootFd, name, "user spool");
    if (!dir) {
        return tl::make_unexpected(dir.error());
    }
    struct stat st = {};
    if (fstat(dir->get(), &st) != 0) {
        return failSys("stat user spool");
    }
    if (st.st_uid == uid) {
        return {};
    }
    // Only root can have created it (the root is not writable by others): a fresh
    // directory, or one left by a run interrupted between mkdir and chown.
    if (st.st_uid != 0) {
        return fail(SpoolErrc::UnsafePath, "user spool is owned by another account");
    }
    if (fchown(dir->get(), uid, gid) != 0 || fchmod(dir->get(), 0700) != 0) {
        return failSys("hand user spool to its owner");
    }
    return {};
}

std::string utcTimestamp()
{
    return isoTimestamp(static_cast<std::int64_t>(std::time(nullptr)));
}

std::string newJobId(long cupsJobId)
{
    std::random_device random;
    return makeJobId(static_cast<std::int64_t>(std::time(nullptr)), cupsJobId, static_cast<std::uint32_t>(random()));
}

// ---- UserSpool -----------------------------------------------------------------

SpoolResult<UserSpool> UserSpool::open(int rootFd, uid_t uid, std::string rootPath)
{
    const std::string name = std::to_string(uid);
    UserSpool spool;
    spool.m_path = std::move(rootPath) + "/" + name;
    auto dir = openDirAt(rootFd, name, "user spool");
    if (!dir) {
        return tl::make_unexpected(dir.error());
    }
    if (auto ok = checkPrivateDir(dir->get(), uid, "user spool"); !ok) {
        return tl::make_unexpected(ok.error());
    }
    spool.m_dir = std::move(*dir);
    const std::array<std::pair<const char*, UniqueFd*>, 4> areas{{
        {"tmp", &spool.m_tmp},
        {"jobs", &spool.m_jobs},
        {"quarantine", &spool.m_quarantine},
        {"claimed", &spool.m_claimed},
    }};
    for (const auto& [areaName, fd] : areas) {
        auto opened = openArea(spool.m_dir.get(), areaName, uid);
        if (!opened) {
            return tl::make_unexpected(opened.error());
        }
        *fd = std::move(*opened);
    }
    return spool;
}

SpoolResult<UserSpool> UserSpool::openPath(const std::string& rootPath, uid_t uid)
{
    // O_PATH: users may only search the root (mode 0711), not read it.
    UniqueFd root(::open(rootPath.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root.valid()) {
        return failSys("open spool root " + rootPath);
    }
    return open(root.get(), uid, rootPath);
}

const std::string& UserSpool::path() const noexcept
{
    return m_path;
}

int UserSpool::areaFd(Area area) const noexcept
{
    return area == Area::Jobs ? m_jobs.get() : m_quarantine.get();
}

SpoolResult<JobWriter> UserSpool::beginJob(std::string id) const
{
    if (!isValidJobId(id)) {
        return fail(SpoolErrc::BadMetadata, "invalid job id");
    }
    if (mkdirat(m_tmp.get(), id.c_str(), 0700) != 0) {
        return failSys("create job directory");
    }
    auto dir = openDirAt(m_tmp.get(), id, "job directory");
    if (!dir) {
        unlinkat(m_tmp.get(), id.c_str(), AT_REMOVEDIR);
        return tl::make_unexpected(dir.error());
    }
    UniqueFd payload(openat(dir->get(), std::string(PartialPayload).c_str(),
                            O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!payload.valid()) {
        const int err = errno;
        unlinkat(m_tmp.get(), id.c_str(), AT_REMOVEDIR);
        return failSys("create payload", err);
    }
    return JobWriter(*this, std::move(id), std::move(*dir), std::move(payload));
}

SpoolResult<ListedJob> UserSpool::read(Area area, std::string_view id) const
{
    const std::string key(id);
    auto envelope = loadEnvelope(areaFd(area), key);
    if (!envelope) {
        return tl::make_unexpected(envelope.error());
    }
    return ListedJob{std::move(*envelope), m_path + "/" + std::string(areaDirName(area)) + "/" + key};
}

SpoolResult<Listing> UserSpool::list(Area area) const
{
    Listing listing;
    for (const auto& name : entryNames(areaFd(area))) {
        auto job = read(area, name);
        if (job) {
            listing.jobs.push_back(std::move(*job));
        } else {
            listing.broken.push_back({name, job.error().detail});
        }
    }
    std::sort(listing.jobs.begin(), listing.jobs.end(), [](const ListedJob& a, const ListedJob& b) {
        return std::tie(a.envelope.createdAt, a.envelope.id) < std::tie(b.envelope.createdAt, b.envelope.id);
    });
    return listing;
}

SpoolResult<UniqueFd> UserSpool::openPayload(Area area, std::string_view id) const
{
    return openJobFile(areaFd(area), std::string(id), payloadName(area));
}

SpoolResult<ListedJob> UserSpool::claim(std::string_view id) const
{
    const std::string key(id);
    if (!isValidJobId(key)) {
        return fail(SpoolErrc::NotFound, "invalid job id");
    }
    if (renameat(m_jobs.get(), key.c_str(), m_claimed.get(), key.c_str()) != 0) {
        return failSys("claim job");
    }
    auto envelope = loadEnvelope(m_claimed.get(), key);
    if (!envelope) {
        (void)releaseClaim(key);
        return fail(SpoolErrc::BadMetadata, "claimed job has unreadable metadata");
    }
    return ListedJob{std::move(*envelope), m_path + "/claimed/" + key};
}

SpoolResult<UniqueFd> UserSpool::openClaimedPayload(std::string_view id) const
{
    return openJobFile(m_claimed.get(), std::string(id), payloadName(Area::Jobs));
}

SpoolResult<void> UserSpool::finishClaim(std::string_view id) const
{
    auto removed = removeJobDirectory(m_claimed.get(), std::string(id));
    if (removed) {
        fsync(m_claimed.get());
    }
    return removed;
}

SpoolResult<void> UserSpool::releaseClaim(std::string_view id) const
{
    const std::string key(id);
    if (renameat(m_claimed.get(), key.c_str(), m_jobs.get(), key.c_str()) != 0) {
        return failSys("release claim");
    }
    fsync(m_jobs.get());
    return {};
}

SpoolResult<void> UserSpool::quarantineClaim(std::string_view id, JobEnvelope envelope) const
{
    const std::string key(id);
    auto dir = openDirAt(m_claimed.get(), key, "claimed job");
    if (!dir) {
        return tl::make_unexpected(dir.error());
    }
    const std::string from(payloadName(Area::Jobs));
    const std::string to(payloadName(Area::Quarantine));
    if (renameat(dir->get(), from.c_str(), dir->get(), to.c_str()) != 0) {
        return failSys("rename payload");
    }
    if (auto ok = writeFileAtomically(dir->get(), MetadataName, serializeEnvelope(envelope)); !ok) {
        return ok;
    }
    fsync(dir->get());
    if (renameat(m_claimed.get(), key.c_str(), m_quarantine.get(), key.c_str()) != 0) {
        return failSys("move to quarantine");
    }
    fsync(m_quarantine.get());
    return {};
}

SpoolResult<void> UserSpool::removeQuarantined(std::string_view id) const
{
    const std::string key(id);
    if (!isValidJobId(key)) {
        return fail(SpoolErrc::NotFound, "invalid job id");
    }
    return removeJobDirectory(m_quarantine.get(), key);
}

int UserSpool::removeStaleTemporaries(std::chrono::seconds maxAge) const
{
    int removed = 0;
    const std::time_t limit = std::time(nullptr) - static_cast<std::time_t>(maxAge.count());
    for (const auto& name : entryNames(m_tmp.get())) {
        struct stat st = {};
        if (fstatat(m_tmp.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            continue;
        }
        if (st.st_mtime > limit) {
            continue; // possibly a concurrent job still being written
        }
        if (S_ISDIR(st.st_mode) ? removeJobDirectory(m_tmp.get(), name).has_value()
                                : unlinkat(m_tmp.get(), name.c_str(), 0) == 0) {
            ++removed;
        }
    }
    return removed;
}

int UserSpool::restoreStaleClaims(std::chrono::seconds maxAge) const
{
    int restored = 0;
    const std::time_t limit = std::time(nullptr) - static_cast<std::time_t>(maxAge.count());
    for (const auto& name : entryNames(m_claimed.get())) {
        struct stat st = {};
        // ctime changes on rename: it tells when the claim was made.
        if (!isValidJobId(name) || fstatat(m_claimed.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0
            || st.st_ctime > limit) {
            continue;
        }
        if (releaseClaim(name)) {
            ++restored;
        }
    }
    return restored;
}

// ---- JobWriter -------------------------------------------------------------------

JobWriter::JobWriter(const UserSpool& spool, std::string id, UniqueFd dir, UniqueFd payload)
    : m_spool(&spool)
    , m_id(std::move(id))
    , m_dir(std::move(dir))
    , m_payload(std::move(payload))
{
}

JobWriter::JobWriter(JobWriter&& other) noexcept
    : m_spool(other.m_spool)
    , m_id(std::move(other.m_id))
    , m_dir(std::move(other.m_dir))
    , m_payload(std::move(other.m_payload))
    , m_size(other.m_size)
    , m_done(std::exchange(other.m_done, true))
{
}

JobWriter::~JobWriter()
{
    abandon();
}

const std::string& JobWriter::id() const noexcept
{
    return m_id;
}

std::uint64_t JobWriter::size() const noexcept
{
    return m_size;
}

SpoolResult<void> JobWriter::append(std::string_view bytes)
{
    auto ok = writeAll(m_payload.get(), bytes);
    if (ok) {
        m_size += bytes.size();
    }
    return ok;
}

SpoolResult<std::uint64_t> JobWriter::appendFrom(int fd, bool (*cancelled)())
{
    std::vector<char> buffer(CopyBufferSize);
    std::uint64_t copied = 0;
    for (;;) {
        if (cancelled && cancelled()) {
            return fail(SpoolErrc::Cancelled, "cancelled");
        }
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n == 0) {
            // A cancelled job's writer may close the pipe before the signal is
            // noticed: end of file then, not EINTR. The handler has run by now.
            if (cancelled && cancelled()) {
                return fail(SpoolErrc::Cancelled, "cancelled");
            }
            return copied;
        }
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return failSys("read print data");
        }
        if (auto ok = append({buffer.data(), static_cast<std::size_t>(n)}); !ok) {
            return tl::make_unexpected(ok.error());
        }
        copied += static_cast<std::uint64_t>(n);
    }
}

SpoolResult<MappedFile> JobWriter::finishPayload()
{
    if (fsync(m_payload.get()) != 0) {
        return failSys("fsync payload");
    }
    return MappedFile::map(m_payload.get());
}

SpoolResult<std::string> JobWriter::commit(const JobEnvelope& envelope, Area area)
{
    if (m_done) {
        return fail(SpoolErrc::Io, "job already committed");
    }
    if (envelope.id != m_id) {
        return fail(SpoolErrc::BadMetadata, "envelope id does not match the job");
    }
    const std::string payload(payloadName(area));
    if (renameat(m_dir.get(), std::string(PartialPayload).c_str(), m_dir.get(), payload.c_str()) != 0) {
        return failSys("name payload");
    }
    if (auto ok = writeFileAtomically(m_dir.get(), MetadataName, serializeEnvelope(envelope)); !ok) {
        return tl::make_unexpected(ok.error());
    }
    if (fsync(m_dir.get()) != 0) {
        return failSys("fsync job directory");
    }
    // The single step that makes the job visible.
    const int target = m_spool->areaFd(area);
    if (renameat(m_spool->m_tmp.get(), m_id.c_str(), target, m_id.c_str()) != 0) {
        return failSys("publish job");
    }
    m_done = true;
    // Published: from here on a failure must not make the caller write the job again.
    fsync(target);
    fsync(m_spool->m_tmp.get());
    return m_spool->path() + "/" + std::string(areaDirName(area)) + "/" + m_id;
}

void JobWriter::abandon() noexcept
{
    if (m_done || !m_spool) {
        return;
    }
    m_done = true;
    m_payload = UniqueFd();
    m_dir = UniqueFd();
    (void)removeJobDirectory(m_spool->m_tmp.get(), m_id);
}

} // namespace missive::spool
