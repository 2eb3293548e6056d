#pragma once
// The job envelope: the small metadata file (job.meta) stored next to each captured
// print. Portable (std only): written by the CUPS backend and the Windows port
// monitor, read by the CLI and the app.

#include <cstdint>
#include <optional>
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
};

[[nodiscard]] std::string_view rejectReasonName(RejectReason reason);
[[nodiscard]] std::optional<RejectReason> rejectReasonFromName(std::string_view name);
// One French sentence for the person who printed (CUPS job message, CLI, app).
[[nodiscard]] std::string_view rejectReasonMessage(RejectReason reason);

struct JobEnvelope
{
    std::string id;     // spool id, also the job's directory name
    long cupsJobId = 0; // CUPS job number (0 when not from CUPS)
    std::string user;   // account that printed
    std::int64_t uid = -1;
    std::string title; // job-name as given by the printing program
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

// job.meta text: a version line, then key=value lines; values escaped so that a
// title cannot inject lines.
[[nodiscard]] std::string serializeEnvelope(const JobEnvelope& envelope);
[[nodiscard]] tl::expected<JobEnvelope, std::string> parseEnvelope(std::string_view text);

} // namespace missive::spool
