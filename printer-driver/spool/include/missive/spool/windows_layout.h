#pragma once
// Names and access rules of the Windows spool, as plain strings so that Linux tests
// cover them. The port monitor (printer-driver/windows) turns them into paths and
// security descriptors.
//
//   %ProgramData%\Missive\spool\            SYSTEM and Administrators only
//     <SID>\                                SYSTEM and that user only (protected DACL)
//       tmp\<id>\  jobs\<id>\  quarantine\<id>\   the same areas as on POSIX
//     unattributed\quarantine\<id>\         prints with no printing user (admins only)
//
// One directory per user (SID), not per session: a job printed from a session that
// logs off before the app sees it must still reach the user's next logon. The
// session is recorded in job.meta and decides which of the user's instances shows it.

#include <string>
#include <string_view>

namespace missive::spool
{

inline constexpr std::wstring_view UnattributedDirName = L"unattributed";

// SDDL of the spool root: SYSTEM and Administrators, nothing inherited from ProgramData
// (whose default DACL lets every user create files).
[[nodiscard]] std::wstring spoolRootSddl();
// SDDL of a user's directory: SYSTEM and that user, inherited by the areas and jobs.
// Empty when the SID is not a valid SID string.
[[nodiscard]] std::wstring userDirectorySddl(std::string_view sid);
// SDDL of the unattributed directory: SYSTEM and Administrators.
[[nodiscard]] std::wstring unattributedSddl();

// Joins with one backslash.
[[nodiscard]] std::wstring joinPath(std::wstring_view base, std::wstring_view name);
// The \\?\ form, so that a deep %ProgramData% stays under no MAX_PATH limit:
// C:\x -> \\?\C:\x, \\server\share\x -> \\?\UNC\server\share\x, forward slashes
// turned into backslashes (\\?\ paths are not normalised). Relative paths and
// paths already in that form are returned with slashes fixed only.
[[nodiscard]] std::wstring extendedLengthPath(std::wstring_view path);

// The command line CreateProcessAsUserW gets to start the app: the quoted executable
// and nothing from the print (no title, no user name). Empty when the path cannot be
// quoted safely (a quote inside, or empty).
[[nodiscard]] std::wstring appCommandLine(std::wstring_view executable);

// A port name the monitor accepts ("MISSIVE:"): 1 to 63 of A-Z a-z 0-9 _ . - : and
// space. No backslash (it names a registry key) and no comma (a printer's port list
// is comma-separated).
[[nodiscard]] bool isValidPortName(std::wstring_view name);

} // namespace missive::spool
