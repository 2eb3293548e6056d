#pragma once
// The per-user spool on Windows: the same layout and protocol as the POSIX spool
// (missive/spool/user_spool.h), with Win32 files and ACLs.
//
//   <root>\<SID>\tmp\<id>\payload      being written
//   <root>\<SID>\jobs\<id>\            job.meta + document.pdf, complete
//   <root>\<SID>\quarantine\<id>\      job.meta (with reason) + raw.bin
//
// A job becomes visible by one MoveFileExW of its directory from tmp\ into jobs\ or
// quarantine\, after its files were flushed. Names and SDDL come from
// missive/spool/windows_layout.h. Who runs what: the root and <SID> directories are
// made by SYSTEM; everything inside <SID> is written while impersonating the
// printing user, so a junction the user plants in their own directory leads only
// where that user may already write.

#include "missive/spool/envelope.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <windows.h>

namespace missive::win
{

enum class WinSpoolErrc
{
    Io,          // unexpected system error
    NoSpace,     // disk full or quota: the spooler retries
    NotFound,    // no such directory
    UnsafePath,  // a reparse point or not a directory where a spool directory should be
    Collision,   // the job name is taken (after several draws)
    BadMetadata, // job.meta unreadable or invalid
    Integrity,   // the payload is not what its capture recorded: quarantined
};

struct WinSpoolError
{
    WinSpoolErrc code = WinSpoolErrc::Io;
    std::string detail; // English, no patient data
    DWORD win32 = 0;
};

template <class T> using WinResult = tl::expected<T, WinSpoolError>;

enum class Area
{
    Jobs,
    Quarantine,
};

// %ProgramData%\Missive\spool, or the SpoolRoot value of HKLM\SOFTWARE\Missive\PortMonitor.
[[nodiscard]] std::wstring defaultSpoolRoot();

// SYSTEM side. Creates (or re-closes) a directory with the given SDDL; refuses a
// reparse point. applyAcls=false leaves security to the parent (tests under Wine).
[[nodiscard]] WinResult<void> ensurePrivateDirectory(const std::wstring& path, const std::wstring& sddl,
                                                     bool applyAcls);
// <root> and <root>\<SID> (or <root>\unattributed when sid is empty), with their ACLs.
// Returns the user directory.
[[nodiscard]] WinResult<std::wstring> ensureUserDirectory(const std::wstring& root, const std::string& sid,
                                                          bool applyAcls);

class WinJobWriter;

// User side: the areas of one user directory.
class WinUserSpool
{
public:
    [[nodiscard]] static WinResult<WinUserSpool> open(std::wstring userDirectory);
    // A new job in tmp\ with a unique name (spooler job number, time, random; drawn again on collision).
    [[nodiscard]] WinResult<WinJobWriter> beginJob(std::int64_t jobNumber) const;
    [[nodiscard]] const std::wstring& path() const noexcept;
    // Deletes tmp\ entries older than maxAgeSeconds (crashes, spooler restarts).
    int removeStaleTemporaries(std::int64_t maxAgeSeconds) const;

private:
    std::wstring m_path;
};

// Writes one job. Destroying an uncommitted writer removes the partial job, except
// after keep() (a failed publication: the bytes stay for the administrator).
class WinJobWriter
{
public:
    WinJobWriter(std::wstring spoolPath, std::string id, std::wstring dir, HANDLE payload);
    WinJobWriter(WinJobWriter&& other) noexcept;
    WinJobWriter& operator=(WinJobWriter&&) = delete;
    WinJobWriter(const WinJobWriter&) = delete;
    WinJobWriter& operator=(const WinJobWriter&) = delete;
    ~WinJobWriter();

    [[nodiscard]] const std::string& id() const noexcept;
    [[nodiscard]] std::uint64_t size() const noexcept;
    [[nodiscard]] WinResult<void> append(const void* data, DWORD size);
    // Flushes the payload, reads it back and returns its bytes (for probePdf and the digest).
    [[nodiscard]] WinResult<std::string> finishPayload();
    // Writes job.meta, renames the payload, moves the job directory into the area.
    [[nodiscard]] WinResult<std::wstring> commit(const spool::JobEnvelope& envelope, Area area);
    void keep() noexcept;
    void abandon() noexcept;

private:
    std::wstring m_spool;
    std::string m_id;
    std::wstring m_dir;
    HANDLE m_payload = INVALID_HANDLE_VALUE;
    std::uint64_t m_size = 0;
    bool m_done = false;
};

// Shared by the writer (port monitor) and the reader (win_inbox.h).
namespace detail
{
[[nodiscard]] tl::unexpected<WinSpoolError> failWin(const char* what, DWORD error = GetLastError());
[[nodiscard]] tl::unexpected<WinSpoolError> fail(WinSpoolErrc code, std::string detail);
// A directory that is not a reparse point (junction, symlink, mount point).
[[nodiscard]] WinResult<void> checkPlainDirectory(const std::wstring& path, const char* what);
[[nodiscard]] WinResult<void> ensureArea(const std::wstring& path, const char* what);
[[nodiscard]] WinResult<void> writeAll(HANDLE file, const void* data, DWORD size, const char* what);
// Deletes a job directory and what it holds, never following a reparse point out of it.
bool removeTree(const std::wstring& dir) noexcept;
// Calls `act` on each job of the area directory `area` left untouched for more than maxAgeSeconds
// (a crash between two steps); returns how many it handled (`act` returned true).
int forEachStaleJob(const std::wstring& area, std::int64_t maxAgeSeconds,
                    const std::function<bool(const std::wstring& name)>& act);
} // namespace detail

// SHA-256 through BCrypt, lowercase hex; empty on failure.
[[nodiscard]] std::string sha256Hex(std::string_view data);

} // namespace missive::win
