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
#include "missive/spool/printed_jobs.h"
#include "win_spool.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace missive::win
{

// The Windows side of spool::PrintedJobs (the interface the engine's Intake takes prints from).
class WinInbox final : public spool::PrintedJobs
{
public:
    // <root>\<sid>: its areas are made when missing (claimed\ included). checkAcls=false skips the
    // DACL check (tests that make their spool without ACLs).
    [[nodiscard]] static WinResult<std::unique_ptr<WinInbox>> open(const std::wstring& root, const std::string& sid,
                                                                   bool checkAcls);
    // The same for the user running this process (its token's SID) under defaultSpoolRoot().
    [[nodiscard]] static WinResult<std::unique_ptr<WinInbox>> openCurrentUser();

    [[nodiscard]] spool::TakeResult<spool::PrintedListing> list(spool::JobArea area) const override;
    [[nodiscard]] spool::TakeResult<spool::PrintedJob> find(spool::JobArea area, std::string_view id) const override;
    [[nodiscard]] spool::TakeResult<std::string> readPrinted(std::string_view id,
                                                             std::uint64_t maxBytes) const override;
    [[nodiscard]] spool::TakeResult<void> consume(std::string_view id, std::string_view sha256,
                                                  const std::function<bool()>& work) const override;
    [[nodiscard]] spool::TakeResult<void> removeQuarantined(std::string_view id) const override;
    // Claims older than maxAgeSeconds (a crash between claim and release) go back to jobs\.
    int restoreStaleClaims(std::int64_t maxAgeSeconds) const;

    [[nodiscard]] const std::wstring& path() const noexcept;

private:
    explicit WinInbox(std::wstring path);
    [[nodiscard]] WinResult<spool::PrintedJob> claim(const std::string& id) const;
    [[nodiscard]] WinResult<void> release(const std::string& id) const;
    [[nodiscard]] WinResult<void> quarantineClaim(const std::string& id, spool::JobEnvelope envelope) const;

    std::wstring m_path;
};

// Whether the DACL of `path` lets only SYSTEM, Administrators and `sid` write (UnsafePath else).
[[nodiscard]] WinResult<void> checkPrivateDacl(const std::wstring& path, const std::string& sid);

} // namespace missive::win
