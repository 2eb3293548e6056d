#pragma once
// The app's side of the Windows spool: the prints of the user running it, taken the same way as
// on POSIX (missive/spool/user_spool.h and app/engine's Intake). A job is claimed by one move of
// its directory from jobs\ into claimed\ (one taker wins), its bytes read once and checked
// against the size and SHA-256 its capture recorded (an altered print goes to quarantine with the
// reason "integrity"), then the claim is released, finished (job deleted) or quarantined.
//
// Opened as the user: <root>\<SID> must be a plain directory (no reparse point) whose DACL lets
// nobody but SYSTEM, Administrators and that user write (the port monitor's SDDL,
// missive/spool/windows_layout.h); anything looser is refused before a job is read.

#include "missive/spool/envelope.h"
#include "win_spool.h"

#include <cstdint>
#include <string>
#include <vector>

namespace missive::win
{

struct WinListedJob
{
    spool::JobEnvelope envelope;
    std::wstring path; // the job's directory
};

class WinInbox
{
public:
    // <root>\<sid>: its areas are made when missing (claimed\ included). checkAcls=false skips the
    // DACL check (tests under Wine, which keeps no ACLs).
    [[nodiscard]] static WinResult<WinInbox> open(const std::wstring& root, const std::string& sid, bool checkAcls);
    // The same for the user running this process (its token's SID) under defaultSpoolRoot().
    [[nodiscard]] static WinResult<WinInbox> openCurrentUser();

    // Oldest first; entries whose job.meta is unreadable are left out (and listed in `broken`).
    [[nodiscard]] WinResult<std::vector<WinListedJob>> list(Area area,
                                                            std::vector<std::string>* broken = nullptr) const;

    // The waiting job's bytes, read once under a claim and checked against its envelope, then the
    // claim released (the job stays waiting until consumed). Integrity: altered, now in
    // quarantine; NotFound: no such waiting job (taken meanwhile).
    [[nodiscard]] WinResult<std::string> readPrinted(const std::string& id, std::uint64_t maxBytes) const;
    // Claims the waiting job if it still has the digest `sha256` and deletes it (its letter was
    // queued, or the secretary cancelled it). Integrity when its metadata changed since.
    [[nodiscard]] WinResult<void> consume(const std::string& id, const std::string& sha256) const;
    // Claims older than maxAgeSeconds (a crash between claim and release) go back to jobs\.
    int restoreStaleClaims(std::int64_t maxAgeSeconds) const;

    [[nodiscard]] const std::wstring& path() const noexcept;

private:
    explicit WinInbox(std::wstring path);
    [[nodiscard]] WinResult<WinListedJob> claim(const std::string& id) const;
    [[nodiscard]] WinResult<void> release(const std::string& id) const;
    [[nodiscard]] WinResult<void> quarantineClaim(const std::string& id, spool::JobEnvelope envelope) const;

    std::wstring m_path;
};

// Whether the DACL of `path` lets only SYSTEM, Administrators and `sid` write (UnsafePath else).
[[nodiscard]] WinResult<void> checkPrivateDacl(const std::wstring& path, const std::string& sid);

} // namespace missive::win
