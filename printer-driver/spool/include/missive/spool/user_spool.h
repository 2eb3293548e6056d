#pragma once
// The per-user spool on POSIX systems.
//
//   <root>/                root:root 0711, never writable by users
//     <uid>/               owned by the user, 0700
//       tmp/<id>/          a job being written (invisible to readers)
//       jobs/<id>/         job.meta + document.pdf, complete
//       quarantine/<id>/   job.meta (with reason) + raw.bin
//       claimed/<id>/      a job being taken by the CLI or app
//
// A job becomes visible by one rename of its directory from tmp/ into jobs/ or
// quarantine/, after every file and directory was fsync'ed. Every open uses
// O_NOFOLLOW and the directories' owners and modes are checked.

#include "missive/spool/envelope.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <tl/expected.hpp>
#include <vector>

namespace missive::spool
{

enum class SpoolErrc
{
    Io,          // unexpected system error
    NoSpace,     // disk full, quota, file size limit: retry later
    NotFound,    // no such spool, job or file
    UnsafePath,  // symlink, wrong owner or mode: refuse
    BadMetadata, // job.meta unreadable or invalid
    Cancelled,   // stopped on request (SIGTERM from cupsd)
};

struct SpoolError
{
    SpoolErrc code = SpoolErrc::Io;
    std::string detail; // English, no patient data
    int sysErrno = 0;
};

template <class T> using SpoolResult = tl::expected<T, SpoolError>;

// Owns a file descriptor.
class UniqueFd
{
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) noexcept;
    UniqueFd(UniqueFd&& other) noexcept;
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd();

    [[nodiscard]] int get() const noexcept;
    [[nodiscard]] bool valid() const noexcept;
    int release() noexcept;

private:
    int m_fd = -1;
};

// A read-only memory map of a whole file (empty files map to an empty view).
class MappedFile
{
public:
    MappedFile() = default;
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    [[nodiscard]] static SpoolResult<MappedFile> map(int fd);
    [[nodiscard]] std::string_view view() const noexcept;

private:
    void* m_data = nullptr;
    std::size_t m_size = 0;
};

enum class Area
{
    Jobs,
    Quarantine,
};

[[nodiscard]] std::string_view payloadName(Area area); // document.pdf / raw.bin
inline constexpr std::string_view MetadataName = "job.meta";

// Root side (run as root by the backend before it drops privileges).
// The root must be a real directory owned by root (or by the caller when it is
// not root, for development) and not writable by group or others.
[[nodiscard]] SpoolResult<UniqueFd> openSpoolRoot(const std::string& path, bool createIfMissing);
// Creates <root>/<uid> owned by uid:gid, mode 0700, if it does not exist.
[[nodiscard]] SpoolResult<void> ensureUserDirectory(int rootFd, uid_t uid, gid_t gid);

// A new, unique spool id: UTC time, CUPS job number, random suffix.
[[nodiscard]] std::string newJobId(long cupsJobId);
[[nodiscard]] std::string utcTimestamp();

class JobWriter;

struct ListedJob
{
    JobEnvelope envelope;
    std::string path; // job directory, for display
};

struct BrokenEntry
{
    std::string id;
    std::string detail;
};

struct Listing
{
    std::vector<ListedJob> jobs; // oldest first
    std::vector<BrokenEntry> broken;
};

// One user's spool, opened as that user.
class UserSpool
{
public:
    // Opens <root>/<uid> as the calling user (who must own it) and its areas,
    // creating missing areas. NotFound when the user has never printed.
    [[nodiscard]] static SpoolResult<UserSpool> open(int rootFd, uid_t uid, std::string rootPath);
    // Same, from a path (CLI, app).
    [[nodiscard]] static SpoolResult<UserSpool> openPath(const std::string& rootPath, uid_t uid);

    [[nodiscard]] SpoolResult<JobWriter> beginJob(std::string id) const;

    [[nodiscard]] SpoolResult<Listing> list(Area area) const;
    [[nodiscard]] SpoolResult<ListedJob> read(Area area, std::string_view id) const;
    // Opens the payload of a job for reading.
    [[nodiscard]] SpoolResult<UniqueFd> openPayload(Area area, std::string_view id) const;

    // Taking a job: claim (atomic: one taker wins), then finish or release.
    [[nodiscard]] SpoolResult<ListedJob> claim(std::string_view id) const;
    [[nodiscard]] SpoolResult<UniqueFd> openClaimedPayload(std::string_view id) const;
    [[nodiscard]] SpoolResult<void> finishClaim(std::string_view id) const;  // deletes the job
    [[nodiscard]] SpoolResult<void> releaseClaim(std::string_view id) const; // back to jobs/
    // Moves a claimed job to quarantine with a new reason (e.g. integrity failure).
    [[nodiscard]] SpoolResult<void> quarantineClaim(std::string_view id, JobEnvelope envelope) const;
    // Deletes a quarantined print (after the user has seen it).
    [[nodiscard]] SpoolResult<void> removeQuarantined(std::string_view id) const;

    // Housekeeping after crashes: partial writes older than maxAge are deleted,
    // claims older than maxAge go back to jobs/. Returns how many were handled.
    int removeStaleTemporaries(std::chrono::seconds maxAge) const;
    int restoreStaleClaims(std::chrono::seconds maxAge) const;

    [[nodiscard]] const std::string& path() const noexcept;
    [[nodiscard]] int areaFd(Area area) const noexcept;

private:
    UserSpool() = default;
    friend class JobWriter;

    std::string m_path;
    UniqueFd m_dir;
    UniqueFd m_tmp;
    UniqueFd m_jobs;
    UniqueFd m_quarantine;
    UniqueFd m_claimed;
};

// Writes one job into tmp/<id>/ and publishes it with a single rename.
// Destroying an uncommitted writer removes the partial job.
class JobWriter
{
public:
    JobWriter(JobWriter&& other) noexcept;
    JobWriter& operator=(JobWriter&&) = delete;
    JobWriter(const JobWriter&) = delete;
    JobWriter& operator=(const JobWriter&) = delete;
    ~JobWriter();

    [[nodiscard]] const std::string& id() const noexcept;
    [[nodiscard]] SpoolResult<void> append(std::string_view bytes);
    // Copies everything from fd until end of file. cancelled() is polled between
    // reads so that a SIGTERM from cupsd stops the copy.
    [[nodiscard]] SpoolResult<std::uint64_t> appendFrom(int fd, bool (*cancelled)() = nullptr);
    [[nodiscard]] std::uint64_t size() const noexcept;
    // Flushes the payload to disk and maps it for inspection and hashing.
    [[nodiscard]] SpoolResult<MappedFile> finishPayload();
    // Writes job.meta, syncs, and renames the job directory into the area.
    [[nodiscard]] SpoolResult<std::string> commit(const JobEnvelope& envelope, Area area);

private:
    friend class UserSpool;
    JobWriter(const UserSpool& spool, std::string id, UniqueFd dir, UniqueFd payload);
    void abandon() noexcept;

    const UserSpool* m_spool = nullptr;
    std::string m_id;
    UniqueFd m_dir;
    UniqueFd m_payload;
    std::uint64_t m_size = 0;
    bool m_done = false;
};

} // namespace missive::spool
