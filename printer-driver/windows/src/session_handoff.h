#pragma once
// Handing a captured job to the Missive app in the printing user's own session.
//
// The app watches <root>\<SID>\jobs (ReadDirectoryChangesW) and shows the jobs whose
// job.meta names its session (spool::jobVisibleInSession), so a job that reached
// jobs\ is already handed over when the app runs. The monitor only has to start the
// app when it is not running there and autostart is configured:
//   HKLM\SOFTWARE\Missive\PortMonitor  AutoStart (REG_DWORD, 1 = on), AppPath (REG_SZ)
// It starts it with that session's user token (WTSQueryUserToken), after checking
// the token's SID is the printing user's, never as SYSTEM, with no argument taken
// from the print (RedMon's and clawPDF's "run a command" ran as SYSTEM or in the
// wrong session).

#include "missive/spool/session_target.h"

#include <cstdint>
#include <string>
#include <vector>

namespace missive::win
{

struct HandoffConfig
{
    bool autoStart = false;
    std::wstring appPath;
};

[[nodiscard]] HandoffConfig readHandoffConfig();
// Every session of the machine with its user's SID (WTSEnumerateSessions, WTSQueryUserToken).
[[nodiscard]] std::vector<spool::LogonSession> listLogonSessions();
// Whether missive-app.exe runs in that session as that user (WTSEnumerateProcesses).
[[nodiscard]] bool appRunningIn(std::uint32_t session, const std::string& sid);
// Starts the app in the session as its user. Returns an English log line (no names).
[[nodiscard]] std::string startAppInSession(std::uint32_t session, const std::string& sid, const HandoffConfig& config);

} // namespace missive::win
