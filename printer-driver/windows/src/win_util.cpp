#include "win_util.h"

#include <cstring>
#include <sddl.h>
#include <vector>

namespace missive::win
{

void HandleCloser::operator()(HANDLE handle) const noexcept
{
    if (handle != nullptr && handle != INVALID_HANDLE_VALUE) {
        CloseHandle(handle);
    }
}

UniqueHandle adoptHandle(HANDLE handle) noexcept
{
    return UniqueHandle(handle == INVALID_HANDLE_VALUE ? nullptr : handle);
}

void LocalFreer::operator()(void* memory) const noexcept
{
    if (memory != nullptr) {
        LocalFree(memory);
    }
}

std::wstring widen(std::string_view utf8)
{
    if (utf8.empty()) {
        return {};
    }
    const int size = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
    std::wstring out(static_cast<std::size_t>(size > 0 ? size : 0), L'\0');
    if (size > 0) {
        MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), out.data(), size);
    }
    return out;
}

std::string narrow(std::wstring_view utf16)
{
    if (utf16.empty()) {
        return {};
    }
    const int size =
        WideCharToMultiByte(CP_UTF8, 0, utf16.data(), static_cast<int>(utf16.size()), nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<std::size_t>(size > 0 ? size : 0), '\0');
    if (size > 0) {
        WideCharToMultiByte(CP_UTF8, 0, utf16.data(), static_cast<int>(utf16.size()), out.data(), size, nullptr,
                            nullptr);
    }
    return out;
}

std::string win32Detail(const char* what, DWORD error)
{
    return std::string(what) + ": Win32 error " + std::to_string(error);
}

std::string sidToString(PSID sid)
{
    LPWSTR text = nullptr;
    if (sid == nullptr || !ConvertSidToStringSidW(sid, &text)) {
        return {};
    }
    const LocalPtr<wchar_t> owned(text);
    return narrow(text);
}

std::string tokenUserSid(HANDLE token)
{
    DWORD needed = 0;
    GetTokenInformation(token, TokenUser, nullptr, 0, &needed);
    if (needed == 0) {
        return {};
    }
    std::vector<unsigned char> buffer(needed);
    if (!GetTokenInformation(token, TokenUser, buffer.data(), needed, &needed)) {
        return {};
    }
    TOKEN_USER user{};
    std::memcpy(&user, buffer.data(), sizeof(user)); // the SID itself stays in buffer
    return sidToString(user.User.Sid);
}

std::optional<std::uint32_t> tokenSessionId(HANDLE token)
{
    DWORD session = 0;
    DWORD size = 0;
    if (!GetTokenInformation(token, TokenSessionId, &session, sizeof(session), &size)) {
        return std::nullopt;
    }
    return session;
}

ScopedThreadToken::ScopedThreadToken(HANDLE token) noexcept
{
    HANDLE previous = nullptr;
    // OpenAsSelf: read our own thread token with the process's rights, not the client's.
    if (OpenThreadToken(GetCurrentThread(), TOKEN_IMPERSONATE | TOKEN_QUERY, TRUE, &previous)) {
        m_previous = adoptHandle(previous);
    }
    m_ok = SetThreadToken(nullptr, token) != FALSE;
}

ScopedThreadToken::~ScopedThreadToken()
{
    SetThreadToken(nullptr, m_previous.get());
}

bool ScopedThreadToken::ok() const noexcept
{
    return m_ok;
}

void SrwMutex::lock() noexcept
{
    AcquireSRWLockExclusive(&m_lock);
}

void SrwMutex::unlock() noexcept
{
    ReleaseSRWLockExclusive(&m_lock);
}

void logEvent(LogLevel level, const std::string& message) noexcept
{
    try {
        const std::wstring text = L"missive-portmon: " + widen(message);
        OutputDebugStringW(text.c_str());
        HANDLE source = RegisterEventSourceW(nullptr, L"Missive");
        if (source == nullptr) {
            return;
        }
        const WORD type = level == LogLevel::Error     ? EVENTLOG_ERROR_TYPE
                          : level == LogLevel::Warning ? EVENTLOG_WARNING_TYPE
                                                       : EVENTLOG_INFORMATION_TYPE;
        LPCWSTR strings[] = {text.c_str()};
        ReportEventW(source, type, 0, 1, nullptr, 1, 0, strings, nullptr);
        DeregisterEventSource(source);
    } catch (...) {
        // Logging never takes the spooler down.
    }
}

} // namespace missive::win
