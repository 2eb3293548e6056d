#include "win_spool.h"

#include "missive/spool/envelope.h"
#include "missive/spool/job_id.h"
#include "missive/spool/windows_layout.h"
#include "win_util.h"

#include <aclapi.h>
#include <algorithm>
#include <array>
#include <bcrypt.h>
#include <sddl.h>
#include <vector>

namespace missive::win
{
using detail::checkPlainDirectory;
using detail::ensureArea;
using detail::fail;
using detail::failWin;
using detail::removeTree;
using detail::writeAll;

namespace
{

std::wstring longPath(const std::wstring& path)
{
    return spool::extendedLengthPath(path);
}

constexpr std::wstring_view PayloadName = L"payload";
constexpr int MaxNameDraws = 8;

std::int64_t unixNow()
{
    FILETIME now{};
    GetSystemTimeAsFileTime(&now);
    const auto ticks = (static_cast<std::uint64_t>(now.dwHighDateTime) << 32) | now.dwLowDateTime;
    return static_cast<std::int64_t>(ticks / 10000000ULL) - 11644473600LL;
}

std::uint32_t randomWord()
{
    std::uint32_t value = 0;
    if (!BCRYPT_SUCCESS(BCryptGenRandom(nullptr, reinterpret_cast<PUCHAR>(&value), sizeof(value),
                                        BCRYPT_USE_SYSTEM_PREFERRED_RNG))) {
        // Still unique enough with the spooler job number; a taken name is drawn again.
        value = static_cast<std::uint32_t>(GetTickCount64()) ^ GetCurrentThreadId();
    }
    return value;
}

} // namespace

namespace detail
{

tl::unexpected<WinSpoolError> failWin(const char* what, DWORD error)
{
    WinSpoolErrc code = WinSpoolErrc::Io;
    switch (error) {
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
    case ERROR_NOT_ENOUGH_QUOTA:
        code = WinSpoolErrc::NoSpace;
        break;
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
        code = WinSpoolErrc::NotFound;
        break;
    default:
        break;
    }
    return tl::make_unexpected(WinSpoolError{code, win32Detail(what, error), error});
}

tl::unexpected<WinSpoolError> fail(WinSpoolErrc code, std::string detail)
{
    return tl::make_unexpected(WinSpoolError{code, std::move(detail), 0});
}

WinResult<void> checkPlainDirectory(const std::wstring& path, const char* what)
{
    const DWORD attributes = GetFileAttributesW(longPath(path).c_str());
    if (attributes == INVALID_FILE_ATTRIBUTES) {
        return failWin(what);
    }
    if ((attributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0) {
        return fail(WinSpoolErrc::UnsafePath, std::string(what) + " is a reparse point");
    }
    if ((attributes & FILE_ATTRIBUTE_DIRECTORY) == 0) {
        return fail(WinSpoolErrc::UnsafePath, std::string(what) + " is not a directory");
    }
    return {};
}

WinResult<void> ensureArea(const std::wstring& path, const char* what)
{
    if (!CreateDirectoryW(longPath(path).c_str(), nullptr) && GetLastError() != ERROR_ALREADY_EXISTS) {
        return failWin(what);
    }
    return checkPlainDirectory(path, what);
}

WinResult<void> writeAll(HANDLE file, const void* data, DWORD size, const char* what)
{
    const auto* bytes = static_cast<const unsigned char*>(data);
    while (size > 0) {
        DWORD written = 0;
        if (!WriteFile(file, bytes, size, &written, nullptr)) {
            return failWin(what);
        }
        if (written == 0) {
            return fail(WinSpoolErrc::Io, std::string(what) + ": short write");
        }
        bytes += written;
        size -= written;
    }
    return {};
}

bool removeTree(const std::wstring& dir) noexcept
{
    try {
        WIN32_FIND_DATAW data{};
        HANDLE find = FindFirstFileW(longPath(spool::joinPath(dir, L"*")).c_str(), &data);
        if (find != INVALID_HANDLE_VALUE) {
            do {
                const std::wstring name = data.cFileName;
                if (name == L"." || name == L"..") {
                    continue;
                }
                const std::wstring child = spool::joinPath(dir, name);
                // Never follow a reparse point out of the job directory: remove the link itself.
                if ((data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0
                    && (data.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) == 0) {
                    removeTree(child);
                } else if ((data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0) {
                    RemoveDirectoryW(longPath(child).c_str());
                } else {
                    DeleteFileW(longPath(child).c_str());
                }
            } while (FindNextFileW(find, &data));
            FindClose(find);
        }
        return RemoveDirectoryW(longPath(dir).c_str()) != FALSE;
    } catch (...) {
        return false;
    }
}

int forEachStaleJob(const std::wstring& area, std::int64_t maxAgeSeconds,
                    const std::function<bool(const std::wstring& name)>& act)
{
    WIN32_FIND_DATAW data{};
    HANDLE find = FindFirstFileW(longPath(spool::joinPath(area, L"*")).c_str(), &data);
    if (find == INVALID_HANDLE_VALUE) {
        return 0;
    }
    FILETIME now{};
    GetSystemTimeAsFileTime(&now);
    const auto toSeconds = [](const FILETIME& t) {
        return static_cast<std::int64_t>(((static_cast<std::uint64_t>(t.dwHighDateTime) << 32) | t.dwLowDateTime)
                                         / 10000000ULL);
    };
    int handled = 0;
    do {
        const std::wstring name = data.cFileName;
        if (name == L"." || name == L".." || !spool::isValidJobId(narrow(name))) {
            continue;
        }
        if (toSeconds(now) - toSeconds(data.ftLastWriteTime) > maxAgeSeconds && act(name)) {
            ++handled;
        }
    } while (FindNextFileW(find, &data));
    FindClose(find);
    return handled;
}

} // namespace detail

std::wstring defaultSpoolRoot()
{
    std::array<wchar_t, 1024> buffer{};
    DWORD size = sizeof(buffer) - sizeof(wchar_t);
    if (RegGetValueW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Missive\\PortMonitor", L"SpoolRoot", RRF_RT_REG_SZ, nullptr,
                     buffer.data(), &size)
        == ERROR_SUCCESS) {
        return buffer.data();
    }
    // The spooler runs as SYSTEM, whose environment always has ProgramData.
    const DWORD length = GetEnvironmentVariableW(L"ProgramData", buffer.data(), static_cast<DWORD>(buffer.size()));
    const std::wstring programData = length > 0 && length < buffer.size() ? buffer.data() : L"C:\\ProgramData";
    return spool::joinPath(spool::joinPath(programData, L"Missive"), L"spool");
}

WinResult<void> ensurePrivateDirectory(const std::wstring& path, const std::wstring& sddl, bool applyAcls)
{
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    if (applyAcls
        && !ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl.c_str(), SDDL_REVISION_1, &descriptor, nullptr)) {
        return failWin("SDDL");
    }
    const LocalPtr<void> ownedDescriptor(descriptor);
    SECURITY_ATTRIBUTES attributes{sizeof(attributes), descriptor, FALSE};
    if (CreateDirectoryW(longPath(path).c_str(), applyAcls ? &attributes : nullptr)) {
        return {};
    }
    if (GetLastError() != ERROR_ALREADY_EXISTS) {
        return failWin("create spool directory");
    }
    if (auto plain = checkPlainDirectory(path, "spool directory"); !plain) {
        return plain;
    }
    if (applyAcls) {
        // Existing directory: put the DACL back (someone may have loosened it) and
        // propagate to what it holds; PROTECTED cuts inheritance from ProgramData.
        BOOL present = FALSE;
        BOOL defaulted = FALSE;
        PACL dacl = nullptr;
        if (!GetSecurityDescriptorDacl(descriptor, &present, &dacl, &defaulted)) {
            return failWin("read SDDL DACL");
        }
        std::wstring target = path; // SetNamedSecurityInfoW wants a mutable string
        const DWORD error = SetNamedSecurityInfoW(target.data(), SE_FILE_OBJECT,
                                                  DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                                                  nullptr, nullptr, dacl, nullptr);
        if (error != ERROR_SUCCESS) {
            return failWin("set spool directory DACL", error);
        }
    }
    return {};
}

WinResult<std::wstring> ensureUserDirectory(const std::wstring& root, const std::string& sid, bool applyAcls)
{
    // %ProgramData%\Missive may not exist yet (the MSI need not create it): one level,
    // with ProgramData's inherited ACL; the spool root below it is protected.
    if (const auto cut = root.find_last_of(L"\\/"); cut != std::wstring::npos && cut > 0) {
        CreateDirectoryW(longPath(root.substr(0, cut)).c_str(), nullptr);
    }
    if (auto ok = ensurePrivateDirectory(root, spool::spoolRootSddl(), applyAcls); !ok) {
        return tl::make_unexpected(ok.error());
    }
    if (sid.empty()) {
        const std::wstring dir = spool::joinPath(root, spool::UnattributedDirName);
        if (auto ok = ensurePrivateDirectory(dir, spool::unattributedSddl(), applyAcls); !ok) {
            return tl::make_unexpected(ok.error());
        }
        return dir;
    }
    const std::wstring sddl = spool::userDirectorySddl(sid);
    if (sddl.empty()) {
        return fail(WinSpoolErrc::UnsafePath, "not a SID string");
    }
    const std::wstring dir = spool::joinPath(root, widen(sid));
    if (auto ok = ensurePrivateDirectory(dir, sddl, applyAcls); !ok) {
        return tl::make_unexpected(ok.error());
    }
    return dir;
}

WinResult<WinUserSpool> WinUserSpool::open(std::wstring userDirectory)
{
    if (auto ok = checkPlainDirectory(userDirectory, "user spool"); !ok) {
        return tl::make_unexpected(ok.error());
    }
    for (const wchar_t* area : {L"tmp", L"jobs", L"quarantine"}) {
        if (auto ok = ensureArea(spool::joinPath(userDirectory, area), "spool area"); !ok) {
            return tl::make_unexpected(ok.error());
        }
    }
    WinUserSpool spool;
    spool.m_path = std::move(userDirectory);
    return spool;
}

const std::wstring& WinUserSpool::path() const noexcept
{
    return m_path;
}

WinResult<WinJobWriter> WinUserSpool::beginJob(std::int64_t jobNumber) const
{
    const std::wstring tmp = spool::joinPath(m_path, L"tmp");
    for (int draw = 0; draw < MaxNameDraws; ++draw) {
        const std::string id = spool::makeJobId(unixNow(), jobNumber, randomWord());
        const std::wstring wid = widen(id);
        // A name finished earlier must not be overwritten by the final move either.
        bool taken = false;
        for (const wchar_t* area : {L"jobs", L"quarantine"}) {
            const DWORD attributes =
                GetFileAttributesW(longPath(spool::joinPath(spool::joinPath(m_path, area), wid)).c_str());
            taken = taken || attributes != INVALID_FILE_ATTRIBUTES;
        }
        const std::wstring dir = spool::joinPath(tmp, wid);
        // CreateDirectoryW is the exclusive claim on the name between concurrent jobs.
        if (taken || !CreateDirectoryW(longPath(dir).c_str(), nullptr)) {
            if (!taken && GetLastError() != ERROR_ALREADY_EXISTS) {
                return failWin("create job directory");
            }
            continue;
        }
        HANDLE payload =
            CreateFileW(longPath(spool::joinPath(dir, PayloadName)).c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr,
                        CREATE_NEW, FILE_ATTRIBUTE_NORMAL | FILE_FLAG_SEQUENTIAL_SCAN, nullptr);
        if (payload == INVALID_HANDLE_VALUE) {
            const DWORD error = GetLastError();
            removeTree(dir);
            return failWin("create payload", error);
        }
        return WinJobWriter(m_path, id, dir, payload);
    }
    return fail(WinSpoolErrc::Collision, "no free job name after several draws");
}

int WinUserSpool::removeStaleTemporaries(std::int64_t maxAgeSeconds) const
{
    const std::wstring tmp = spool::joinPath(m_path, L"tmp");
    return detail::forEachStaleJob(tmp, maxAgeSeconds,
                                   [&](const std::wstring& name) { return removeTree(spool::joinPath(tmp, name)); });
}

WinJobWriter::WinJobWriter(std::wstring spoolPath, std::string id, std::wstring dir, HANDLE payload)
    : m_spool(std::move(spoolPath))
    , m_id(std::move(id))
    , m_dir(std::move(dir))
    , m_payload(payload)
{
}

WinJobWriter::WinJobWriter(WinJobWriter&& other) noexcept
    : m_spool(std::move(other.m_spool))
    , m_id(std::move(other.m_id))
    , m_dir(std::move(other.m_dir))
    , m_payload(other.m_payload)
    , m_size(other.m_size)
    , m_done(other.m_done)
{
    other.m_payload = INVALID_HANDLE_VALUE;
    other.m_done = true;
}

WinJobWriter::~WinJobWriter()
{
    if (!m_done) {
        abandon();
    }
}

const std::string& WinJobWriter::id() const noexcept
{
    return m_id;
}

std::uint64_t WinJobWriter::size() const noexcept
{
    return m_size;
}

WinResult<void> WinJobWriter::append(const void* data, DWORD size)
{
    if (m_payload == INVALID_HANDLE_VALUE) {
        return fail(WinSpoolErrc::Io, "payload already closed");
    }
    if (auto ok = writeAll(m_payload, data, size, "write payload"); !ok) {
        return ok;
    }
    m_size += size;
    return {};
}

WinResult<std::string> WinJobWriter::finishPayload()
{
    if (m_payload == INVALID_HANDLE_VALUE) {
        return fail(WinSpoolErrc::Io, "payload already closed");
    }
    if (!FlushFileBuffers(m_payload)) {
        return failWin("flush payload");
    }
    LARGE_INTEGER start{};
    if (!SetFilePointerEx(m_payload, start, nullptr, FILE_BEGIN)) {
        return failWin("rewind payload");
    }
    std::string bytes;
    bytes.resize(static_cast<std::size_t>(m_size));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(bytes.size() - done, 1U << 20));
        DWORD got = 0;
        if (!ReadFile(m_payload, bytes.data() + done, chunk, &got, nullptr)) {
            return failWin("read payload back");
        }
        if (got == 0) {
            return fail(WinSpoolErrc::Io, "payload shorter than written");
        }
        done += got;
    }
    CloseHandle(m_payload);
    m_payload = INVALID_HANDLE_VALUE;
    return bytes;
}

WinResult<std::wstring> WinJobWriter::commit(const spool::JobEnvelope& envelope, Area area)
{
    if (m_payload != INVALID_HANDLE_VALUE) {
        CloseHandle(m_payload);
        m_payload = INVALID_HANDLE_VALUE;
    }
    const std::string meta = spool::serializeEnvelope(envelope);
    {
        const UniqueHandle file =
            adoptHandle(CreateFileW(longPath(spool::joinPath(m_dir, L"job.meta")).c_str(), GENERIC_WRITE, 0, nullptr,
                                    CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr));
        if (!file) {
            return failWin("create job.meta");
        }
        if (auto ok = writeAll(file.get(), meta.data(), static_cast<DWORD>(meta.size()), "write job.meta"); !ok) {
            return tl::make_unexpected(ok.error());
        }
        if (!FlushFileBuffers(file.get())) {
            return failWin("flush job.meta");
        }
    }
    const wchar_t* payloadName = area == Area::Jobs ? L"document.pdf" : L"raw.bin";
    if (!MoveFileExW(longPath(spool::joinPath(m_dir, PayloadName)).c_str(),
                     longPath(spool::joinPath(m_dir, payloadName)).c_str(), MOVEFILE_WRITE_THROUGH)) {
        return failWin("name payload");
    }
    const std::wstring target =
        spool::joinPath(spool::joinPath(m_spool, area == Area::Jobs ? L"jobs" : L"quarantine"), widen(m_id));
    // No MOVEFILE_REPLACE_EXISTING: an existing job of that name is never overwritten.
    if (!MoveFileExW(longPath(m_dir).c_str(), longPath(target).c_str(), MOVEFILE_WRITE_THROUGH)) {
        const DWORD error = GetLastError();
        // Put the payload name back so that a retry into the other area finds it.
        MoveFileExW(longPath(spool::joinPath(m_dir, payloadName)).c_str(),
                    longPath(spool::joinPath(m_dir, PayloadName)).c_str(), 0);
        DeleteFileW(longPath(spool::joinPath(m_dir, L"job.meta")).c_str());
        return failWin("publish job", error);
    }
    m_done = true;
    return target;
}

void WinJobWriter::keep() noexcept
{
    if (m_payload != INVALID_HANDLE_VALUE) {
        CloseHandle(m_payload);
        m_payload = INVALID_HANDLE_VALUE;
    }
    m_done = true;
}

void WinJobWriter::abandon() noexcept
{
    if (m_payload != INVALID_HANDLE_VALUE) {
        CloseHandle(m_payload);
        m_payload = INVALID_HANDLE_VALUE;
    }
    if (!m_dir.empty()) {
        removeTree(m_dir);
    }
    m_done = true;
}

std::string sha256Hex(std::string_view data)
{
    std::array<unsigned char, 32> hash{};
    // BCRYPT_SHA256_ALG_HANDLE needs Windows 10; the open/close pair works everywhere.
    BCRYPT_ALG_HANDLE algorithm = nullptr;
    if (!BCRYPT_SUCCESS(BCryptOpenAlgorithmProvider(&algorithm, BCRYPT_SHA256_ALGORITHM, nullptr, 0))) {
        return {};
    }
    BCRYPT_HASH_HANDLE hashHandle = nullptr;
    bool ok = BCRYPT_SUCCESS(BCryptCreateHash(algorithm, &hashHandle, nullptr, 0, nullptr, 0, 0));
    std::size_t done = 0;
    while (ok && done < data.size()) {
        const ULONG chunk = static_cast<ULONG>(std::min<std::size_t>(data.size() - done, 1U << 30));
        // BCryptHashData does not write to its input; the cast is what its signature asks.
        ok = BCRYPT_SUCCESS(
            BCryptHashData(hashHandle, reinterpret_cast<PUCHAR>(const_cast<char*>(data.data() + done)), chunk, 0));
        done += chunk;
    }
    ok = ok && BCRYPT_SUCCESS(BCryptFinishHash(hashHandle, hash.data(), static_cast<ULONG>(hash.size()), 0));
    if (hashHandle != nullptr) {
        BCryptDestroyHash(hashHandle);
    }
    BCryptCloseAlgorithmProvider(algorithm, 0);
    if (!ok) {
        return {};
    }
    return spool::lowerHex(hash);
}

} // namespace missive::win
