#include "missive/spool/session_target.h"

#include <algorithm>

namespace missive::spool
{
namespace
{

SessionDecision quarantine(RejectReason reason, std::string detail)
{
    return {Delivery::Quarantine, std::nullopt, reason, std::move(detail)};
}

char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b)
{
    // SIDs (ConvertSidToStringSid writes "S-") and file names compare case-blind on Windows.
    return a.size() == b.size()
           && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return asciiLower(x) == asciiLower(y); });
}

} // namespace

SessionDecision chooseTargetSession(const PrintingIdentity& identity, const std::vector<LogonSession>& sessions)
{
    if (identity.sid.empty() || !isValidSidString(identity.sid)) {
        return quarantine(RejectReason::NoIdentity, "no usable impersonation token in StartDocPort");
    }
    // The spooler's own identity (no client impersonated) or another service account is
    // not a person with a Missive: never a spool or a session for SYSTEM.
    for (const std::string_view service : {"S-1-5-18", "S-1-5-19", "S-1-5-20"}) {
        if (identity.sid == service) {
            return quarantine(RejectReason::NoIdentity, "print token is a service account");
        }
    }

    if (identity.tokenSession && *identity.tokenSession != 0) {
        const std::uint32_t wanted = *identity.tokenSession;
        const auto it =
            std::find_if(sessions.begin(), sessions.end(), [wanted](const LogonSession& s) { return s.id == wanted; });
        if (it != sessions.end() && it->live && equalsIgnoringAsciiCase(it->sid, identity.sid)) {
            return {Delivery::Session, wanted, RejectReason::None,
                    "session " + std::to_string(wanted) + " from the print token"};
        }
        // Logged off (or the id already reused by another logon) before the print ended:
        // keep the job for the user, signal nobody, record no session another logon could own.
        return {Delivery::StoreOnly, std::nullopt, RejectReason::None,
                "session " + std::to_string(wanted) + " of the print token is gone"};
    }

    // Session 0: a service or a network logon printed for the user. Only a single live
    // session of that same SID is an answer; two logons are a question we do not guess.
    std::vector<std::uint32_t> matches;
    for (const auto& s : sessions) {
        if (s.live && s.id != 0 && equalsIgnoringAsciiCase(s.sid, identity.sid)) {
            matches.push_back(s.id);
        }
    }
    if (matches.empty()) {
        return {Delivery::StoreOnly, std::nullopt, RejectReason::None, "no live session of the printing user"};
    }
    if (matches.size() > 1) {
        return quarantine(RejectReason::AmbiguousSession,
                          "printed from session 0 while the user has " + std::to_string(matches.size()) + " sessions");
    }
    return {Delivery::Session, matches.front(), RejectReason::None,
            "session " + std::to_string(matches.front()) + ", the user's only session"};
}

bool jobVisibleInSession(const JobEnvelope& envelope, std::uint32_t session,
                         const std::vector<std::uint32_t>& liveSessionsOfUser)
{
    if (!envelope.session || *envelope.session == session) {
        return true;
    }
    return std::find(liveSessionsOfUser.begin(), liveSessionsOfUser.end(), *envelope.session)
           == liveSessionsOfUser.end();
}

bool isAppInstanceFor(std::string_view processImage, std::uint32_t processSession, std::string_view processSid,
                      std::uint32_t session, std::string_view sid)
{
    if (processSession != session || sid.empty() || !equalsIgnoringAsciiCase(processSid, sid)) {
        return false;
    }
    // WTSEnumerateProcesses gives the image name; a full path is cut to its last part.
    const auto slash = processImage.find_last_of("\\/");
    if (slash != std::string_view::npos) {
        processImage.remove_prefix(slash + 1);
    }
    return equalsIgnoringAsciiCase(processImage, AppImageName);
}

} // namespace missive::spool
