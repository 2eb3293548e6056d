#pragma once
// Small Win32 helpers for the port monitor and the setup helper: handle ownership,
// UTF-8/UTF-16 conversion, token identity, logging. Win32 and the standard library only.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <windows.h>

namespace missive::win
{

struct HandleCloser
{
    void operator()(HANDLE handle) const noexcept;
};
// Owns a kernel handle (NULL and INVALID_HANDLE_VALUE both mean "none").
using UniqueHandle = std::unique_ptr<void, HandleCloser>;
[[nodiscard]] UniqueHandle adoptHandle(HANDLE handle) noexcept;

struct LocalFreer
{
    void operator()(void* memory) const noexcept;
};
template <class T> using LocalPtr = std::unique_ptr<T, LocalFreer>;

[[nodiscard]] std::wstring widen(std::string_view utf8);
[[nodiscard]] std::string narrow(std::wstring_view utf16);
// "Win32 error 5" style text for logs.
[[nodiscard]] std::string win32Detail(const char* what, DWORD error);

// The user SID (string form) of a token, empty on failure.
[[nodiscard]] std::string tokenUserSid(HANDLE token);
[[nodiscard]] std::optional<std::uint32_t> tokenSessionId(HANDLE token);
[[nodiscard]] std::string sidToString(PSID sid);

// Runs a scope with the thread's token replaced (nullptr: the process's own,
// i.e. SYSTEM in the spooler), restoring the previous one at the end.
class ScopedThreadToken
{
public:
    explicit ScopedThreadToken(HANDLE token) noexcept;
    ScopedThreadToken(const ScopedThreadToken&) = delete;
    ScopedThreadToken& operator=(const ScopedThreadToken&) = delete;
    ~ScopedThreadToken();
    [[nodiscard]] bool ok() const noexcept;

private:
    UniqueHandle m_previous;
    bool m_ok = false;
};

// A mutex on an SRW lock, usable with std::lock_guard. Debian's default mingw-w64
// thread model (win32) has no std::mutex, and the posix one would pull winpthread in.
class SrwMutex
{
public:
    SrwMutex() = default;
    SrwMutex(const SrwMutex&) = delete;
    SrwMutex& operator=(const SrwMutex&) = delete;
    void lock() noexcept;
    void unlock() noexcept;

private:
    SRWLOCK m_lock = SRWLOCK_INIT;
};

enum class LogLevel
{
    Info,
    Warning,
    Error,
};
// The Windows event log (source "Missive") and OutputDebugString. Job ids, states,
// counts and error codes only: never a title, a user name or document content.
void logEvent(LogLevel level, const std::string& message) noexcept;

} // namespace missive::win
