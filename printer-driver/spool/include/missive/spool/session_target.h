#pragma once
// Which logon session receives a print captured on Windows. Pure logic, tested on
// Linux; the port monitor feeds it what the Win32 calls returned.
//
// The printing user is the SID and session id of the spooler's impersonation token
// in StartDocPort, never a user name looked up afterwards: clawPDF and mfilemon took
// the first session whose user name matched (or a fixed session id), which sends
// the letter of one of two logons of the same user on a terminal server, or of a
// namesake from another domain, to the wrong screen.

#include "missive/spool/envelope.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace missive::spool
{

struct PrintingIdentity
{
    std::string sid;                           // TokenUser, string form; empty when there was no token
    std::optional<std::uint32_t> tokenSession; // TokenSessionId; 0 for services and network logons
};

// One logon session of the machine (WTSEnumerateSessions), with the SID of its user
// (TokenUser of WTSQueryUserToken), empty when nobody is logged on in it.
struct LogonSession
{
    std::uint32_t id = 0;
    std::string sid;
    bool live = false; // WTSActive or WTSDisconnected: a Missive instance may run there
};

enum class Delivery
{
    Session,    // jobs/, then hand-off to that session's Missive
    StoreOnly,  // jobs/, no hand-off: the user's next Missive picks it up
    Quarantine, // quarantine/ with the reason: stored, never shown in a guessed session
};

struct SessionDecision
{
    Delivery delivery = Delivery::StoreOnly;
    std::optional<std::uint32_t> session; // the session recorded in job.meta (and signalled for Session)
    RejectReason reason = RejectReason::None;
    std::string detail; // English, no names, for the event log
};

[[nodiscard]] SessionDecision chooseTargetSession(const PrintingIdentity& identity,
                                                  const std::vector<LogonSession>& sessions);

// The app side of the same rule: a Missive instance running in `session` shows a job
// recorded for it, a job with no session, and a job whose session is no longer one
// of the user's live sessions (logged off before the print finished).
[[nodiscard]] bool jobVisibleInSession(const JobEnvelope& envelope, std::uint32_t session,
                                       const std::vector<std::uint32_t>& liveSessionsOfUser);

inline constexpr std::string_view AppImageName = "missive-app.exe";

// Whether a process (WTSEnumerateProcesses: image name, session, user SID) is the
// Missive app of this user in this session. Compared by SID and session, never by
// user name; the image name ignores ASCII case as Windows file names do.
[[nodiscard]] bool isAppInstanceFor(std::string_view processImage, std::uint32_t processSession,
                                    std::string_view processSid, std::uint32_t session, std::string_view sid);

} // namespace missive::spool
