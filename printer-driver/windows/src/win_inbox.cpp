#include "win_inbox.h"

#include "missive/spool/job_id.h"
#include "missive/spool/windows_layout.h"
#include "win_util.h"

#include <aclapi.h>
#include <algorithm>
#include <sddl.h>

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

constexpr std::uint64_t MaxMetadataBytes = 64 * 1024;

std::wstring longPath(const std::wstring& path)
{
    return spool::extendedLengthPath(path);
}

const wchar_t* areaName(Area area)
{
    return area == Area::Jobs ? L"jobs" : L"quarantine";
}

const wchar_t* payloadName(Area area)
{
    return area == Area::Jobs ? L"document.pdf" : L"raw.bin";
}

// A whole file, at most `maxBytes` (more is an error): never through a link planted in the job
// directory (the reparse point itself is opened, then refused).
WinResult<std::string> readFile(const std::wstring& path, std::uint64_t maxBytes, const char* what)
{
    const UniqueHandle file = adoptHandle(
        CreateFileW(longPath(path).c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING,
                    FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT | FILE_FLAG_SEQUENTIAL_SCAN, nullptr));
    if (!file) {
        return failWin(what);
    }
    BY_HANDLE_FILE_INFORMATION info{};
    if (!GetFileInformationByHandle(file.get(), &info)) {
        return failWin(what);
    }
    if ((info.dwFileAttributes & (FILE_ATTRIBUTE_REPARSE_POINT | FILE_ATTRIBUTE_DIRECTORY)) != 0) {
        return fail(WinSpoolErrc::UnsafePath, std::string(what) + " is not a plain file");
    }
    const std::uint64_t size = (static_cast<std::uint64_t>(info.nFileSizeHigh) << 32) | info.nFileSizeLow;
    if (size > maxBytes) {
        return fail(WinSpoolErrc::Io, std::string(what) + " is larger than allowed");
    }
    std::string bytes(static_cast<std::size_t>(size), '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
        const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(bytes.size() - done, 1U << 20));
        DWORD got = 0;
        if (!ReadFile(file.get(), bytes.data() + done, chunk, &got, nullptr)) {
            return failWin(what);
        }
        if (got == 0) {
            break; // shorter than announced: the digest check says so
        }
        done += got;
    }
    bytes.resize(done);
    return bytes;
}

WinResult<void> writeNewFile(const std::wstring& path, const std::string& content, const char* what)
{
    const UniqueHandle file = adoptHandle(
        CreateFileW(longPath(path).c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr));
    if (!file) {
        return failWin(what);
    }
    if (auto ok = writeAll(file.get(), content.data(), static_cast<DWORD>(content.size()), what); !ok) {
        return ok;
    }
    if (!FlushFileBuffers(file.get())) {
        return failWin(what);
    }
    return {};
}

WinResult<spool::JobEnvelope> readEnvelope(const std::wstring& jobDir, const std::string& id)
{
    auto text = readFile(spool::joinPath(jobDir, L"job.meta"), MaxMetadataBytes, "job.meta");
    if (!text) {
        return tl::make_unexpected(text.error());
    }
    auto envelope = spool::parseEnvelope(*text);
    if (!envelope) {
        return fail(WinSpoolErrc::BadMetadata, "job.meta: " + envelope.error());
    }
    if (envelope->id != id) {
        return fail(WinSpoolErrc::BadMetadata, "job.meta names another job");
    }
    return std::move(*envelope);
}

bool sameSid(PSID sid, const char* text)
{
    PSID other = nullptr;
    if (!ConvertStringSidToSidA(text, &other)) {
        return false;
    }
    const LocalPtr<void> owned(other);
    return EqualSid(sid, other) != FALSE;
}

tl::unexpected<spool::TakeError> taken(const WinSpoolError& error)
{
    spool::TakeErrc code = spool::TakeErrc::Io;
    switch (error.code) {
    case WinSpoolErrc::NoSpace:
        code = spool::TakeErrc::NoSpace;
        break;
    case WinSpoolErrc::NotFound:
        code = spool::TakeErrc::NotFound;
        break;
    case WinSpoolErrc::UnsafePath:
        code = spool::TakeErrc::UnsafePath;
        break;
    case WinSpoolErrc::BadMetadata:
        code = spool::TakeErrc::BadMetadata;
        break;
    case WinSpoolErrc::Integrity:
        code = spool::TakeErrc::Integrity;
        break;
    case WinSpoolErrc::Io:
    case WinSpoolErrc::Collision:
        break;
    }
    return tl::make_unexpected(spool::TakeError{code, error.detail, static_cast<int>(error.win32)});
}

tl::unexpected<spool::TakeError> takeError(spool::TakeErrc code, std::string detail)
{
    return tl::make_unexpected(spool::TakeError{code, std::move(detail), 0});
}

Area areaOf(spool::JobArea area)
{
    return area == spool::JobArea::Waiting ? Area::Jobs : Area::Quarantine;
}

} // namespace

WinResult<void> checkPrivateDacl(const std::wstring& path, const std::string& sid)
{
    PACL dacl = nullptr;
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    std::wstring target = longPath(path);
    const DWORD error = GetNamedSecurityInfoW(target.data(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr,
                                              nullptr, &dacl, nullptr, &descriptor);
    if (error != ERROR_SUCCESS) {
        return failWin("read spool DACL", error);
    }
    const LocalPtr<void> owned(descriptor);
    if (dacl == nullptr) {
        return fail(WinSpoolErrc::UnsafePath, "spool directory has no DACL (everyone may write)");
    }
    // What lets someone change, add or remove what the spool holds.
    constexpr ACCESS_MASK Writes = FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_WRITE_EA | FILE_WRITE_ATTRIBUTES
                                   | FILE_DELETE_CHILD | DELETE | WRITE_DAC | WRITE_OWNER | GENERIC_WRITE | GENERIC_ALL;
    for (DWORD i = 0; i < dacl->AceCount; ++i) {
        void* ace = nullptr;
        if (!GetAce(dacl, i, &ace)) {
            return failWin("read spool ACE");
        }
        const auto* header = static_cast<const ACE_HEADER*>(ace);
        if (header->AceType != ACCESS_ALLOWED_ACE_TYPE) {
            continue; // deny entries only take rights away
        }
        const auto* allowed = static_cast<const ACCESS_ALLOWED_ACE*>(ace);
        if ((allowed->Mask & Writes) == 0) {
            continue;
        }
        PSID who = const_cast<DWORD*>(&allowed->SidStart); // the ACE's SID starts there
        if (!sameSid(who, "S-1-5-18") && !sameSid(who, "S-1-5-32-544") && !sameSid(who, sid.c_str())) {
            return fail(WinSpoolErrc::UnsafePath, "spool directory writable by another account");
        }
    }
    return {};
}

WinInbox::WinInbox(std::wstring path)
    : m_path(std::move(path))
{
}

WinResult<std::unique_ptr<WinInbox>> WinInbox::open(const std::wstring& root, const std::string& sid, bool checkAcls)
{
    if (!spool::isValidSidString(sid)) {
        return fail(WinSpoolErrc::UnsafePath, "not a SID string");
    }
    std::wstring dir = spool::joinPath(root, widen(sid));
    if (auto plain = checkPlainDirectory(dir, "user spool"); !plain) {
        return tl::make_unexpected(plain.error());
    }
    if (checkAcls) {
        if (auto private_ = checkPrivateDacl(dir, sid); !private_) {
            return tl::make_unexpected(private_.error());
        }
    }
    for (const wchar_t* area : {L"jobs", L"quarantine", L"claimed"}) {
        if (auto ok = ensureArea(spool::joinPath(dir, area), "spool area"); !ok) {
            return tl::make_unexpected(ok.error());
        }
    }
    return std::unique_ptr<WinInbox>(new WinInbox(std::move(dir)));
}

WinResult<std::unique_ptr<WinInbox>> WinInbox::openCurrentUser()
{
    HANDLE token = nullptr;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) {
        return failWin("open process token");
    }
    const UniqueHandle owned = adoptHandle(token);
    const std::string sid = tokenUserSid(token);
    if (sid.empty()) {
        return fail(WinSpoolErrc::Io, "no user SID in the process token");
    }
    return open(defaultSpoolRoot(), sid, true);
}

const std::wstring& WinInbox::path() const noexcept
{
    return m_path;
}

spool::TakeResult<spool::PrintedListing> WinInbox::list(spool::JobArea area) const
{
    if (area == spool::JobArea::Waiting) {
        restoreStaleClaims(10 * 60); // a taker that crashed between claim and release
    }
    spool::PrintedListing listing;
    const std::wstring dir = spool::joinPath(m_path, areaName(areaOf(area)));
    WIN32_FIND_DATAW data{};
    HANDLE find = FindFirstFileW(longPath(spool::joinPath(dir, L"*")).c_str(), &data);
    if (find == INVALID_HANDLE_VALUE) {
        if (GetLastError() == ERROR_FILE_NOT_FOUND) {
            return listing;
        }
        return taken(failWin("list spool area").value());
    }
    do {
        const std::string id = narrow(data.cFileName);
        if (id == "." || id == "..") {
            continue;
        }
        const bool plainDirectory = (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0
                                    && (data.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) == 0;
        if (!spool::isValidJobId(id) || !plainDirectory) {
            listing.broken.emplace_back(id, "not a job directory");
            continue;
        }
        const std::wstring jobDir = spool::joinPath(dir, data.cFileName);
        auto envelope = readEnvelope(jobDir, id);
        if (!envelope) {
            listing.broken.emplace_back(id, envelope.error().detail);
            continue;
        }
        listing.jobs.push_back(
            {std::move(*envelope), narrow(jobDir), narrow(spool::joinPath(jobDir, payloadName(areaOf(area))))});
    } while (FindNextFileW(find, &data));
    FindClose(find);
    // Ids start with their UTC capture time: their order is the printing order.
    std::sort(listing.jobs.begin(), listing.jobs.end(),
              [](const spool::PrintedJob& a, const spool::PrintedJob& b) { return a.envelope.id < b.envelope.id; });
    return listing;
}

spool::TakeResult<spool::PrintedJob> WinInbox::find(spool::JobArea area, std::string_view id) const
{
    const std::string name(id);
    if (!spool::isValidJobId(name)) {
        return takeError(spool::TakeErrc::NotFound, "not a job id");
    }
    const std::wstring jobDir = spool::joinPath(spool::joinPath(m_path, areaName(areaOf(area))), widen(name));
    if (auto plain = checkPlainDirectory(jobDir, "job"); !plain) {
        return taken(plain.error());
    }
    auto envelope = readEnvelope(jobDir, name);
    if (!envelope) {
        return taken(envelope.error());
    }
    return spool::PrintedJob{std::move(*envelope), narrow(jobDir),
                             narrow(spool::joinPath(jobDir, payloadName(areaOf(area))))};
}

spool::TakeResult<void> WinInbox::removeQuarantined(std::string_view id) const
{
    const std::string name(id);
    if (!spool::isValidJobId(name)) {
        return takeError(spool::TakeErrc::NotFound, "not a job id");
    }
    const std::wstring jobDir = spool::joinPath(spool::joinPath(m_path, L"quarantine"), widen(name));
    if (auto plain = checkPlainDirectory(jobDir, "quarantined job"); !plain) {
        return taken(plain.error());
    }
    if (!removeTree(jobDir)) {
        return taken(failWin("delete quarantined job").value());
    }
    return {};
}

WinResult<spool::PrintedJob> WinInbox::claim(const std::string& id) const
{
    if (!spool::isValidJobId(id)) {
        return fail(WinSpoolErrc::NotFound, "not a job id");
    }
    const std::wstring from = spool::joinPath(spool::joinPath(m_path, L"jobs"), widen(id));
    const std::wstring to = spool::joinPath(spool::joinPath(m_path, L"claimed"), widen(id));
    if (auto plain = checkPlainDirectory(from, "waiting job"); !plain) {
        return tl::make_unexpected(plain.error());
    }
    // One move, no replacing: of two takers, one wins and the other finds no job.
    if (!MoveFileExW(longPath(from).c_str(), longPath(to).c_str(), MOVEFILE_WRITE_THROUGH)) {
        const DWORD error = GetLastError();
        return error == ERROR_ALREADY_EXISTS ? fail(WinSpoolErrc::NotFound, "job already claimed")
                                             : failWin("claim job", error);
    }
    auto envelope = readEnvelope(to, id);
    if (!envelope) {
        (void)release(id);
        return tl::make_unexpected(envelope.error());
    }
    return spool::PrintedJob{std::move(*envelope), narrow(to), narrow(spool::joinPath(to, payloadName(Area::Jobs)))};
}

WinResult<void> WinInbox::release(const std::string& id) const
{
    const std::wstring from = spool::joinPath(spool::joinPath(m_path, L"claimed"), widen(id));
    const std::wstring to = spool::joinPath(spool::joinPath(m_path, L"jobs"), widen(id));
    if (!MoveFileExW(longPath(from).c_str(), longPath(to).c_str(), MOVEFILE_WRITE_THROUGH)) {
        return failWin("release job");
    }
    return {};
}

WinResult<void> WinInbox::quarantineClaim(const std::string& id, spool::JobEnvelope envelope) const
{
    const std::wstring dir = spool::joinPath(spool::joinPath(m_path, L"claimed"), widen(id));
    const std::wstring meta = spool::joinPath(dir, L"job.meta");
    if (!DeleteFileW(longPath(meta).c_str())) {
        return failWin("replace job.meta");
    }
    if (auto written = writeNewFile(meta, spool::serializeEnvelope(envelope), "write job.meta"); !written) {
        return written;
    }
    if (!MoveFileExW(longPath(spool::joinPath(dir, payloadName(Area::Jobs))).c_str(),
                     longPath(spool::joinPath(dir, payloadName(Area::Quarantine))).c_str(), MOVEFILE_WRITE_THROUGH)) {
        return failWin("name quarantined payload");
    }
    const std::wstring to = spool::joinPath(spool::joinPath(m_path, L"quarantine"), widen(id));
    if (!MoveFileExW(longPath(dir).c_str(), longPath(to).c_str(), MOVEFILE_WRITE_THROUGH)) {
        return failWin("quarantine job");
    }
    return {};
}

spool::TakeResult<std::string> WinInbox::readPrinted(std::string_view id, std::uint64_t maxBytes) const
{
    const std::string name(id);
    auto claimed = claim(name);
    if (!claimed) {
        return taken(claimed.error());
    }
    if (claimed->envelope.size > maxBytes) {
        (void)release(name);
        return takeError(spool::TakeErrc::TooLarge, "file-too-large");
    }
    // One byte more than recorded: a payload that grew is caught without reading all of it.
    auto bytes = readFile(widen(claimed->document), claimed->envelope.size + 1, "document.pdf");
    if (!bytes && bytes.error().code != WinSpoolErrc::Io && bytes.error().code != WinSpoolErrc::UnsafePath) {
        (void)release(name);
        return taken(bytes.error());
    }
    if (!bytes || !spool::matchesEnvelope(claimed->envelope, bytes->size(), sha256Hex(*bytes))) {
        spool::JobEnvelope envelope = claimed->envelope;
        envelope.reason = spool::RejectReason::Integrity;
        if (!quarantineClaim(name, envelope)) {
            (void)release(name);
        }
        return takeError(spool::TakeErrc::Integrity, "payload differs from its recorded digest: quarantined");
    }
    if (auto released = release(name); !released) {
        return taken(released.error());
    }
    return std::move(*bytes);
}

spool::TakeResult<void> WinInbox::consume(std::string_view id, std::string_view sha256,
                                          const std::function<bool()>& work) const
{
    const std::string name(id);
    auto claimed = claim(name);
    if (!claimed) {
        return taken(claimed.error());
    }
    if (claimed->envelope.sha256 != sha256) {
        (void)release(name);
        return takeError(spool::TakeErrc::Integrity, "job metadata changed since it was read");
    }
    if (!work()) {
        (void)release(name);
        return takeError(spool::TakeErrc::Refused, "the letter was not queued");
    }
    if (!removeTree(widen(claimed->directory))) {
        return taken(failWin("delete taken job").value());
    }
    return {};
}

int WinInbox::restoreStaleClaims(std::int64_t maxAgeSeconds) const
{
    return detail::forEachStaleJob(spool::joinPath(m_path, L"claimed"), maxAgeSeconds,
                                   [&](const std::wstring& name) { return release(narrow(name)).has_value(); });
}

} // namespace missive::win
