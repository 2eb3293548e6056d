#pragma once
// The app's side of one user's spool, the same on POSIX and on Windows: what the engine's Intake
// takes prints from. POSIX: app/engine (over UserSpool, user_spool.h); Windows: WinInbox
// (printer-driver/windows, per-SID folders under ProgramData, ACL-checked). Standard C++ only.
//
// A print is read once under a claim (one taker wins) and checked against the size and SHA-256
// its capture recorded; an altered one goes to quarantine with the reason "integrity". It leaves
// the spool only when consumed, under a claim again, after the caller's work (queueing its letter)
// succeeded.

#include "missive/spool/envelope.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

namespace missive::spool
{

enum class JobArea
{
    Waiting,     // jobs/
    Quarantined, // quarantine/
};

enum class TakeErrc
{
    Io,          // unexpected system error
    NoSpace,     // disk full
    NotFound,    // no such spool or job (taken meanwhile)
    UnsafePath,  // a link, a wrong owner or mode, a DACL others may write through: refused
    BadMetadata, // job.meta unreadable or invalid
    Integrity,   // the payload is not what its capture recorded: now in quarantine
    TooLarge,    // bigger than the caller reads: left waiting
    Refused,     // the caller's work failed: the job is back in the waiting list
};

struct TakeError
{
    TakeErrc code = TakeErrc::Io;
    std::string detail; // English, no patient data
    int system = 0;     // errno or Win32 error
};

template <class T> using TakeResult = tl::expected<T, TakeError>;

struct PrintedJob
{
    JobEnvelope envelope;
    std::string directory; // the job's directory, for display
    std::string document;  // its payload (document.pdf, or raw.bin in quarantine)
};

struct PrintedListing
{
    std::vector<PrintedJob> jobs;                            // oldest first
    std::vector<std::pair<std::string, std::string>> broken; // id, why (English)
};

class PrintedJobs
{
public:
    PrintedJobs() = default;
    virtual ~PrintedJobs() = default;
    PrintedJobs(const PrintedJobs&) = delete;
    PrintedJobs& operator=(const PrintedJobs&) = delete;

    // A user who never printed has no spool yet: empty listings, not an error. Listing the
    // waiting jobs puts back claims a crashed taker left (older than ten minutes).
    [[nodiscard]] virtual TakeResult<PrintedListing> list(JobArea area) const = 0;
    [[nodiscard]] virtual TakeResult<PrintedJob> find(JobArea area, std::string_view id) const = 0;
    // The waiting job's bytes, read once under a claim and checked, then the claim released.
    [[nodiscard]] virtual TakeResult<std::string> readPrinted(std::string_view id, std::uint64_t maxBytes) const = 0;
    // Claims the waiting job if its job.meta still records `sha256`, runs `work` and deletes the
    // job when `work` returned true, else puts it back (Refused).
    [[nodiscard]] virtual TakeResult<void> consume(std::string_view id, std::string_view sha256,
                                                   const std::function<bool()>& work) const = 0;
    // Deletes a quarantined print (after the user has seen it).
    [[nodiscard]] virtual TakeResult<void> removeQuarantined(std::string_view id) const = 0;
};

// Whether a payload of `size` bytes whose SHA-256 is `sha256Hex` is what `envelope` recorded.
[[nodiscard]] inline bool matchesEnvelope(const JobEnvelope& envelope, std::uint64_t size, std::string_view sha256Hex)
{
    return !envelope.sha256.empty() && envelope.size == size && envelope.sha256 == sha256Hex;
}

} // namespace missive::spool
