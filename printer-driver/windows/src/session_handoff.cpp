#include "session_handoff.h"

#include "missive/spool/windows_layout.h"
#include "win_util.h"

#include <array>
#include <userenv.h>
#include <wtsapi32.h>

namespace missive::win
{
namespace
{

struct WtsFreer
{
    void operator()(void* memory) const noexcept
    {
        if (memory != nullptr) {
            WTSFreeMemory(memory);
        }
    }
};

} // namespace

HandoffConfig readHandoffConfig()
{
    HandoffConfig config;
    DWORD value = 0;
    DWORD size = sizeof(value);
    if (RegGetValueW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Missive\\PortMonitor", L"AutoStart", RRF_RT_REG_DWORD, nullptr,
                     &value, &size)
        == ERROR_SUCCESS) {
        config.autoStart = value == 1;
    }
    std::array<wchar_t, 1024> path{};
    size = sizeof(path) - sizeof(wchar_t);
    // HKLM only: the path is run in users' sessions, so only administrators may set it.
    if (RegGetValueW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Missive\\PortMonitor", L"AppPath", RRF_RT_REG_SZ, nullptr,
                     path.data(), &size)
        == ERROR_SUCCESS) {
        config.appPath = path.data();
    }
    return config;
}

std::vector<spool::LogonSession> listLogonSessions()
{
    std::vector<spool::LogonSession> sessions;
    PWTS_SESSION_INFOW raw = nullptr;
    DWORD count = 0;
    if (!WTSEnumerateSessionsW(WTS_CURRENT_SERVER_HANDLE, 0, 1, &raw, &count)) {
        return sessions;
    }
    const std::unique_ptr<WTS_SESSION_INFOW, WtsFreer> owned(raw);
    for (DWORD i = 0; i < count; ++i) {
        spool::LogonSession session;
        session.id = raw[i].SessionId;
        session.live = raw[i].State == WTSActive || raw[i].State == WTSDisconnected;
        HANDLE token = nullptr;
        // SYSTEM only (SE_TCB_NAME): the spooler has it. No user logged on: no token.
        if (WTSQueryUserToken(session.id, &token)) {
            const UniqueHandle ownedToken = adoptHandle(token);
            session.sid = tokenUserSid(token);
        }
        sessions.push_back(std::move(session));
    }
    return sessions;
}

bool appRunningIn(std::uint32_t session, const std::string& sid)
{
    PWTS_PROCESS_INFOW raw = nullptr;
    DWORD count = 0;
    if (!WTSEnumerateProcessesW(WTS_CURRENT_SERVER_HANDLE, 0, 1, &raw, &count)) {
        return false;
    }
    const std::unique_ptr<WTS_PROCESS_INFOW, WtsFreer> owned(raw);
    for (DWORD i = 0; i < count; ++i) {
        if (raw[i].pProcessName != nullptr
            && spool::isAppInstanceFor(narrow(raw[i].pProcessName), raw[i].SessionId, sidToString(raw[i].pUserSid),
                                       session, sid)) {
            return true;
        }
    }
    return false;
}

std::string startAppInSession(std::uint32_t session, const std::string& sid, const HandoffConfig& config)
{
    const std::string where = "session " + std::to_string(session);
    if (!config.autoStart) {
        return "app not running in " + where + ", autostart off";
    }
    std::wstring commandLine = spool::appCommandLine(config.appPath);
    if (commandLine.empty()) {
        return "autostart on but AppPath is empty or unsafe";
    }
    HANDLE rawToken = nullptr;
    if (!WTSQueryUserToken(session, &rawToken)) {
        return win32Detail(("WTSQueryUserToken for " + where).c_str(), GetLastError());
    }
    const UniqueHandle token = adoptHandle(rawToken);
    // The session id may have been reused by another logon since the print: check the user.
    if (tokenUserSid(token.get()) != sid) {
        return where + " now belongs to another user, app not started";
    }
    void* environment = nullptr;
    if (!CreateEnvironmentBlock(&environment, token.get(), FALSE)) {
        environment = nullptr; // the app then gets the default environment of its user
    }
    STARTUPINFOW startup{};
    startup.cb = sizeof(startup);
    std::wstring desktop = L"winsta0\\default";
    startup.lpDesktop = desktop.data();
    PROCESS_INFORMATION process{};
    const BOOL started = CreateProcessAsUserW(token.get(), config.appPath.c_str(), commandLine.data(), nullptr, nullptr,
                                              FALSE, CREATE_UNICODE_ENVIRONMENT | CREATE_NEW_PROCESS_GROUP, environment,
                                              nullptr, &startup, &process);
    const DWORD error = GetLastError();
    if (environment != nullptr) {
        DestroyEnvironmentBlock(environment);
    }
    if (!started) {
        return win32Detail(("CreateProcessAsUserW in " + where).c_str(), error);
    }
    CloseHandle(process.hThread);
    CloseHandle(process.hProcess);
    return "app started in " + where;
}

} // namespace missive::win
