#pragma once
// The Missive CUPS backend, as a library so that its parts are unit-tested.
// Standard library and libcups only.

#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <tl/expected.hpp>

namespace missive::backend
{

inline constexpr const char* DefaultSpoolRoot = MISSIVE_DEFAULT_SPOOL_ROOT;

struct BackendConfig
{
    std::string spoolRoot = DefaultSpoolRoot;
    bool allowRemote = false; // jobs relayed from other hosts (their user names are unverified)
};

// DEVICE_URI: "missive:/" (default spool) or "missive:/abs/spool/root",
// optionally with "?remote=allow". Set by the administrator with lpadmin.
[[nodiscard]] tl::expected<BackendConfig, std::string> parseDeviceUri(std::string_view uri);

struct PrintingUser
{
    std::string name;
    uid_t uid = 0;
    gid_t gid = 0;
};

// The CUPS user name is untrusted: it must name an existing account that is not a
// system account (uid below UID_MIN, nobody).
[[nodiscard]] tl::expected<PrintingUser, std::string> resolvePrintingUser(std::string_view name, uid_t uidMin);
// UID_MIN from login.defs (1000 when absent or unreadable).
[[nodiscard]] uid_t loginDefsUidMin(const char* path = "/etc/login.defs");

// job-originating-host-name values that mean "this machine".
[[nodiscard]] bool isLocalHost(std::string_view host);

// Switches the process for good to the user's uid and gid (saved ids included,
// supplementary groups reduced to the user's primary group), and checks that
// root cannot be regained.
[[nodiscard]] tl::expected<void, std::string> dropPrivileges(const PrintingUser& user);

struct JobArguments
{
    long jobId = 0;
    std::string user;
    std::string title;
    int copies = 1;
    std::string options;
    std::optional<std::string> file;
};

struct Environment
{
    std::string deviceUri;
    std::string printer;
    std::string contentType;
};

// Runs one job and returns the CUPS backend exit status. Messages go to stderr
// with the CUPS prefixes (DEBUG:, INFO:, ERROR:, PAGE:).
[[nodiscard]] int runJob(const JobArguments& args, const Environment& env);

} // namespace missive::backend
