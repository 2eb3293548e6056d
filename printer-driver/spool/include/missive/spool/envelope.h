#pragma once
// The job envelope: the small metadata file (job.meta) stored next to each captured
// print. Portable (std only): written by the CUPS backend and the Windows port
// monitor, read by the CLI and the app.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace missive::spool
{

inline constexpr int EnvelopeVersion = 1;

// Why a print went to quarantine rather than to the jobs area. The names are
// stable: they are stored in job.meta, shown to the user and asserted by tests.
enum class RejectReason
{
    None,          // a usable PDF
    Empty,         // the print carried no bytes
    NotPdf,        // no PDF header: garbage, raw printer language, wrong driver
    UnreadablePdf, // PDF header but truncated or broken structure
    NoPages,       // a well-formed PDF whose page tree is empty
    Integrity,     // the stored PDF no longer matches its digest
    // Windows port monitor: the print is kept, but cannot be handed to a session.
    NoIdentity,       // the spooler gave no printing user (no impersonation token)
    AmbiguousSession, // the user's session could not be told apart (printed from session 0, several logons)
    PostScript,       // PostScript that the filter could not convert (refused by Ghostscript, or beyond bounds)
};

[[nodiscard]] std::string_view rejectReasonName(RejectReason reason);
[[nodiscard]] std::optional<RejectReason> rejectReasonFromName(std::string_view name);
// One French sentence for the person who printed (CUPS job message, CLI, app).
[[nodiscard]] std::string_view rejectReasonMessage(RejectReason reason);

struct JobEnvelope
{
    std::string id;        // spool id, also the job's directory name
    long cupsJobId = 0;    // CUPS job number (0 when not from CUPS)
    std::string user;      // account that printed
    std::int64_t uid = -1; // POSIX uid; absent (-1) on Windows, where sid names the user
    std::string sid;       // Windows: the printing user's SID (S-1-5-...), empty on POSIX
    // Windows: the session the job was printed from, whose Missive instance takes it.
    // Absent when not known (the app of any of the user's sessions may then take it).
    std::optional<std::uint32_t> session;
    std::uint32_t spoolerJobId = 0; // Windows spooler job id (0 when not from the Windows spooler)
    std::string title;              // job-name as given by the printing program
    int copies = 1;
    std::string host;         // job-originating-host-name
    std::string printer;      // queue name
    std::string createdAt;    // capture time, UTC, ISO 8601 (YYYY-MM-DDTHH:MM:SSZ)
    std::string sourceFormat; // MIME type the program printed (before conversion)
    std::optional<int> pages; // absent when the page tree is in compressed object streams
    std::uint64_t size = 0;   // payload bytes
    std::string sha256;       // payload digest, lowercase hex
    bool encrypted = false;   // the PDF has an /Encrypt dictionary
    RejectReason reason = RejectReason::None;
};

[[nodiscard]] bool isValidJobId(std::string_view id);

// A digest as job.meta stores it: lowercase hex (each platform hashes with its own library).
[[nodiscard]] std::string lowerHex(std::span<const unsigned char> bytes);
// A Windows SID in its string form (S-1-5-21-...-1001), safe as a directory name.
[[nodiscard]] bool isValidSidString(std::string_view sid);

// job.meta text: a version line, then key=value lines; values escaped so that a
// title cannot inject lines. The Windows keys (sid, session, spooler-job-id) are
// optional and only written when set, so that version 1 readers keep working: a
// Linux envelope is byte for byte what it was. An envelope names its user by uid,
// by sid, or both.
[[nodiscard]] std::string serializeEnvelope(const JobEnvelope& envelope);
[[nodiscard]] tl::expected<JobEnvelope, std::string> parseEnvelope(std::string_view text);

} // namespace missive::spool
