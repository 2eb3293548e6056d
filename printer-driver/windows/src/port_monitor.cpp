// The Missive port monitor: the printer is "Microsoft Print To PDF" (inbox driver,
// renders the PDF) on a "Missive Port Monitor" port; this DLL, loaded by spoolsv.exe
// as SYSTEM, writes each job into the printing user's spool and hands it to the app
// in the session it was printed from. Exceptions never leave an export: each one
// catches, calls SetLastError and returns FALSE, as the spooler expects.

#include "missive/spool/job_id.h"
#include "missive/spool/pdf_probe.h"
#include "missive/spool/session_target.h"
#include "missive/spool/windows_layout.h"
#include "session_handoff.h"
#include "win_spool.h"
#include "win_util.h"

#include <cstring>
#include <mutex>
#include <new>
#include <optional>
#include <vector>
#include <windows.h>
// clang-format off: winsplp.h needs winspool.h's types first
#include <winspool.h>
#include <winsplp.h>
// clang-format on

namespace
{

using namespace missive;
using missive::win::logEvent;
using missive::win::LogLevel;

constexpr const wchar_t* MonitorName = L"Missive Port Monitor";
constexpr const wchar_t* PortDescription = L"Missive (PDF vers l'application Missive)";
constexpr const wchar_t* PortsKey = L"Ports";
constexpr std::int64_t StaleTemporarySeconds = 24 * 3600;

struct Monitor
{
    HANDLE spooler = nullptr;
    HANDLE registryRoot = nullptr;
    PMONITORREG reg = nullptr;
    win::SrwMutex mutex; // the port list in the registry
};

struct Port
{
    Monitor* monitor = nullptr;
    std::wstring name;
    win::SrwMutex mutex;
    // The job in progress (StartDocPort .. EndDocPort).
    HANDLE printer = nullptr;
    DWORD jobId = 0;
    win::UniqueHandle userToken; // impersonation token of the printing user
    spool::PrintingIdentity identity;
    std::string title;
    std::string user;
    std::string host;
    std::string printerName;
    std::optional<win::WinJobWriter> writer;
};

struct Xcv
{
    Monitor* monitor = nullptr;
    ACCESS_MASK granted = 0;
};

DWORD errorFor(const win::WinSpoolError& error)
{
    switch (error.code) {
    case win::WinSpoolErrc::NoSpace:
        return ERROR_DISK_FULL;
    case win::WinSpoolErrc::UnsafePath:
        return ERROR_ACCESS_DENIED;
    case win::WinSpoolErrc::NotFound:
        return ERROR_PATH_NOT_FOUND;
    case win::WinSpoolErrc::Collision:
        return ERROR_ALREADY_EXISTS;
    case win::WinSpoolErrc::Io:
    case win::WinSpoolErrc::BadMetadata: // the reader's errors: not met while writing
    case win::WinSpoolErrc::Integrity:
        break;
    }
    return error.win32 != 0 ? error.win32 : ERROR_WRITE_FAULT;
}

std::wstring portKey(const std::wstring& name)
{
    return std::wstring(PortsKey) + L"\\" + name;
}

std::vector<std::wstring> listPorts(Monitor& monitor)
{
    std::vector<std::wstring> ports;
    HANDLE key = nullptr;
    if (monitor.reg->fpOpenKey(monitor.registryRoot, PortsKey, KEY_READ, &key, monitor.spooler) != ERROR_SUCCESS) {
        return ports;
    }
    for (DWORD index = 0;; ++index) {
        wchar_t name[128] = {};
        DWORD length = 127;
        if (monitor.reg->fpEnumKey(key, index, name, &length, nullptr, monitor.spooler) != ERROR_SUCCESS) {
            break;
        }
        if (spool::isValidPortName(name)) {
            ports.emplace_back(name);
        }
    }
    monitor.reg->fpCloseKey(key, monitor.spooler);
    return ports;
}

bool portExists(Monitor& monitor, const std::wstring& name)
{
    for (const auto& port : listPorts(monitor)) {
        if (CompareStringOrdinal(port.c_str(), -1, name.c_str(), -1, TRUE) == CSTR_EQUAL) {
            return true;
        }
    }
    return false;
}

std::string jobLabel(DWORD jobId)
{
    return "spooler job " + std::to_string(jobId);
}

// Title, user and host of the job (JOB_INFO_1); the status tells a cancelled job.
std::optional<DWORD> readJob(Port& port)
{
    DWORD needed = 0;
    GetJobW(port.printer, port.jobId, 1, nullptr, 0, &needed);
    if (needed == 0) {
        return std::nullopt;
    }
    std::vector<unsigned char> buffer(needed);
    if (!GetJobW(port.printer, port.jobId, 1, buffer.data(), needed, &needed)) {
        return std::nullopt;
    }
    const auto* info = reinterpret_cast<const JOB_INFO_1W*>(buffer.data());
    port.title = info->pDocument ? win::narrow(info->pDocument) : std::string();
    port.user = info->pUserName ? win::narrow(info->pUserName) : std::string(); // shown, never used to route
    port.host = info->pMachineName ? win::narrow(info->pMachineName) : std::string();
    return info->Status;
}

void endJob(Port& port) noexcept
{
    if (port.printer != nullptr) {
        ClosePrinter(port.printer);
        port.printer = nullptr;
    }
    port.writer.reset(); // an uncommitted writer removes its partial job
    port.userToken.reset();
    port.identity = {};
    port.jobId = 0;
}

// ---- MONITOR2 --------------------------------------------------------------------

BOOL WINAPI enumPorts(HANDLE hMonitor, LPWSTR, DWORD level, LPBYTE ports, DWORD cbBuf, LPDWORD needed, LPDWORD returned)
{
    try {
        auto& monitor = *static_cast<Monitor*>(hMonitor);
        if (level != 1 && level != 2) {
            SetLastError(ERROR_INVALID_LEVEL);
            return FALSE;
        }
        std::vector<std::wstring> names;
        {
            const std::lock_guard lock(monitor.mutex);
            names = listPorts(monitor);
        }
        const std::size_t entry = level == 1 ? sizeof(PORT_INFO_1W) : sizeof(PORT_INFO_2W);
        std::size_t total = 0;
        for (const auto& name : names) {
            total += entry + (name.size() + 1) * sizeof(wchar_t);
            if (level == 2) {
                total += (wcslen(MonitorName) + 1 + wcslen(PortDescription) + 1) * sizeof(wchar_t);
            }
        }
        *needed = static_cast<DWORD>(total);
        *returned = 0;
        if (total > cbBuf || (total > 0 && ports == nullptr)) {
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            return FALSE;
        }
        // Structures from the start of the buffer, strings packed from its end.
        LPBYTE strings = ports + cbBuf;
        const auto putString = [&strings](const wchar_t* text) {
            const std::size_t bytes = (wcslen(text) + 1) * sizeof(wchar_t);
            strings -= bytes;
            std::memcpy(strings, text, bytes);
            return reinterpret_cast<LPWSTR>(strings);
        };
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (level == 1) {
                auto* info = reinterpret_cast<PORT_INFO_1W*>(ports + i * entry);
                info->pName = putString(names[i].c_str());
            } else {
                auto* info = reinterpret_cast<PORT_INFO_2W*>(ports + i * entry);
                info->pPortName = putString(names[i].c_str());
                info->pMonitorName = putString(MonitorName);
                info->pDescription = putString(PortDescription);
                info->fPortType = PORT_TYPE_WRITE;
                info->Reserved = 0;
            }
        }
        *returned = static_cast<DWORD>(names.size());
        return TRUE;
    } catch (...) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
}

BOOL WINAPI openPort(HANDLE hMonitor, LPWSTR name, PHANDLE handle)
{
    try {
        auto& monitor = *static_cast<Monitor*>(hMonitor);
        if (name == nullptr || handle == nullptr) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return FALSE;
        }
        {
            const std::lock_guard lock(monitor.mutex);
            if (!portExists(monitor, name)) {
                SetLastError(ERROR_UNKNOWN_PORT);
                return FALSE;
            }
        }
        auto* port = new Port;
        port->monitor = &monitor;
        port->name = name;
        *handle = port;
        return TRUE;
    } catch (...) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
}

BOOL WINAPI startDocPort(HANDLE hPort, LPWSTR printerName, DWORD jobId, DWORD, LPBYTE)
{
    auto& port = *static_cast<Port*>(hPort);
    try {
        const std::lock_guard lock(port.mutex);
        endJob(port); // a previous job that never reached EndDocPort
        port.jobId = jobId;
        port.printerName = printerName ? win::narrow(printerName) : std::string();

        // Who printed: the token the spooler impersonates while calling us. Its SID names
        // the spool, its session id the screen; a user name is never looked up.
        HANDLE threadToken = nullptr;
        if (OpenThreadToken(GetCurrentThread(), TOKEN_QUERY | TOKEN_DUPLICATE | TOKEN_IMPERSONATE, TRUE,
                            &threadToken)) {
            const win::UniqueHandle owned = win::adoptHandle(threadToken);
            HANDLE duplicate = nullptr;
            if (DuplicateTokenEx(threadToken, TOKEN_QUERY | TOKEN_IMPERSONATE, nullptr, SecurityImpersonation,
                                 TokenImpersonation, &duplicate)) {
                port.userToken = win::adoptHandle(duplicate);
                port.identity.sid = win::tokenUserSid(duplicate);
                port.identity.tokenSession = win::tokenSessionId(duplicate);
            }
        }
        // What the spool decides on the identity alone (no usable identity: unattributed area).
        const bool attributed = spool::chooseTargetSession(port.identity, {}).reason != spool::RejectReason::NoIdentity;

        std::wstring userDirectory;
        {
            const win::ScopedThreadToken asSystem(nullptr); // the spool root belongs to SYSTEM
            if (printerName != nullptr && OpenPrinterW(printerName, &port.printer, nullptr)) {
                readJob(port);
            }
            auto dir = win::ensureUserDirectory(win::defaultSpoolRoot(), attributed ? port.identity.sid : "", true);
            if (!dir) {
                logEvent(LogLevel::Error, jobLabel(jobId) + ": spool directory: " + dir.error().detail);
                const DWORD error = errorFor(dir.error());
                endJob(port);
                SetLastError(error);
                return FALSE;
            }
            userDirectory = std::move(*dir);
        }
        // Inside the user's directory, act as the user (see win_spool.h).
        const win::ScopedThreadToken asUser(attributed ? port.userToken.get() : nullptr);
        auto userSpool = win::WinUserSpool::open(userDirectory);
        if (!userSpool) {
            logEvent(LogLevel::Error, jobLabel(jobId) + ": open user spool: " + userSpool.error().detail);
            const DWORD error = errorFor(userSpool.error());
            endJob(port);
            SetLastError(error);
            return FALSE;
        }
        userSpool->removeStaleTemporaries(StaleTemporarySeconds);
        auto writer = userSpool->beginJob(jobId);
        if (!writer) {
            logEvent(LogLevel::Error, jobLabel(jobId) + ": begin job: " + writer.error().detail);
            const DWORD error = errorFor(writer.error());
            endJob(port);
            SetLastError(error);
            return FALSE;
        }
        port.writer.emplace(std::move(*writer));
        logEvent(LogLevel::Info, jobLabel(jobId) + " -> Missive job " + port.writer->id());
        return TRUE;
    } catch (...) {
        endJob(port);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
}

BOOL WINAPI writePort(HANDLE hPort, LPBYTE buffer, DWORD size, LPDWORD written)
{
    auto& port = *static_cast<Port*>(hPort);
    try {
        const std::lock_guard lock(port.mutex);
        *written = 0;
        if (!port.writer) {
            SetLastError(ERROR_INVALID_HANDLE);
            return FALSE;
        }
        // The file handle was opened as the user; writing through it needs no token.
        if (auto ok = port.writer->append(buffer, size); !ok) {
            // FALSE makes the spooler show the error and call again: the job stays queued.
            logEvent(LogLevel::Warning, "Missive job " + port.writer->id() + ": " + ok.error().detail);
            SetLastError(errorFor(ok.error()));
            return FALSE;
        }
        *written = size;
        return TRUE;
    } catch (...) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
}

BOOL WINAPI readPort(HANDLE, LPBYTE, DWORD, LPDWORD read)
{
    if (read != nullptr) {
        *read = 0;
    }
    SetLastError(ERROR_NOT_SUPPORTED); // a file sink has no back channel
    return FALSE;
}

void keepJobInQueue(Port& port)
{
    // Nothing was stored: the spooler keeps the job, paused, for someone to resume
    // once the disk or the rights are fixed. A print never vanishes silently.
    if (port.printer != nullptr) {
        SetJobW(port.printer, port.jobId, 0, nullptr, JOB_CONTROL_RESTART);
        SetJobW(port.printer, port.jobId, 0, nullptr, JOB_CONTROL_PAUSE);
    }
}

BOOL WINAPI endDocPort(HANDLE hPort)
{
    auto& port = *static_cast<Port*>(hPort);
    try {
        const std::lock_guard lock(port.mutex);
        if (!port.writer) {
            endJob(port);
            return TRUE;
        }
        const std::string id = port.writer->id();
        std::optional<DWORD> status;
        std::vector<spool::LogonSession> sessions;
        {
            const win::ScopedThreadToken asSystem(nullptr);
            if (port.printer != nullptr) {
                status = readJob(port);
            }
            sessions = win::listLogonSessions();
        }
        if (status && (*status & (JOB_STATUS_DELETING | JOB_STATUS_DELETED | JOB_STATUS_RESTART)) != 0) {
            // Cancelled (or restarted, which prints it again): the partial copy goes.
            port.writer->abandon();
            logEvent(LogLevel::Info, "Missive job " + id + " cancelled, partial copy removed");
            endJob(port);
            return TRUE;
        }

        const spool::SessionDecision decision = spool::chooseTargetSession(port.identity, sessions);
        const bool attributed = decision.reason != spool::RejectReason::NoIdentity;
        const win::ScopedThreadToken asUser(attributed ? port.userToken.get() : nullptr);

        auto bytes = port.writer->finishPayload();
        if (!bytes) {
            logEvent(LogLevel::Error, "Missive job " + id + ": " + bytes.error().detail);
            keepJobInQueue(port);
            const DWORD error = errorFor(bytes.error());
            endJob(port);
            SetLastError(error);
            return FALSE;
        }
        const spool::PdfProbe probe = spool::probePdf(*bytes);
        spool::JobEnvelope envelope;
        envelope.id = id;
        envelope.spoolerJobId = port.jobId;
        envelope.user = port.user;
        envelope.sid = attributed ? port.identity.sid : std::string();
        envelope.session = decision.session;
        envelope.title = port.title;
        envelope.host = port.host.empty() ? "localhost" : port.host;
        envelope.printer = port.printerName;
        FILETIME now{};
        GetSystemTimeAsFileTime(&now);
        const auto ticks = (static_cast<std::uint64_t>(now.dwHighDateTime) << 32) | now.dwLowDateTime;
        envelope.createdAt = spool::isoTimestamp(static_cast<std::int64_t>(ticks / 10000000ULL) - 11644473600LL);
        envelope.sourceFormat = "application/pdf"; // what Microsoft Print To PDF sends
        envelope.pages = probe.pages;
        envelope.size = port.writer->size();
        envelope.sha256 = win::sha256Hex(*bytes);
        envelope.encrypted = probe.encrypted;
        envelope.reason = probe.verdict != spool::RejectReason::None ? probe.verdict : decision.reason;
        bytes->clear();
        bytes->shrink_to_fit();
        if (envelope.sha256.empty()) {
            logEvent(LogLevel::Error, "Missive job " + id + ": SHA-256 failed");
            keepJobInQueue(port);
            endJob(port);
            SetLastError(ERROR_INTERNAL_ERROR);
            return FALSE;
        }
        if (!attributed) {
            // The envelope names an owner; the unattributed area is SYSTEM's (and admins').
            envelope.sid = "S-1-5-18";
        }

        const bool accepted = envelope.reason == spool::RejectReason::None;
        auto committed = port.writer->commit(envelope, accepted ? win::Area::Jobs : win::Area::Quarantine);
        if (!committed && accepted) {
            // jobs\ refused it (a name taken, a broken area): the quarantine keeps the bytes.
            logEvent(LogLevel::Warning, "Missive job " + id + ": publish: " + committed.error().detail);
            committed = port.writer->commit(envelope, win::Area::Quarantine);
        }
        if (!committed) {
            logEvent(LogLevel::Error, "Missive job " + id + ": not stored: " + committed.error().detail);
            keepJobInQueue(port);
            const DWORD error = errorFor(committed.error());
            endJob(port);
            SetLastError(error);
            return FALSE;
        }
        logEvent(accepted ? LogLevel::Info : LogLevel::Warning,
                 "Missive job " + id + (accepted ? " stored" : " quarantined (")
                     + (accepted ? "" : std::string(spool::rejectReasonName(envelope.reason)) + ")") + ", "
                     + std::to_string(envelope.size) + " bytes; " + decision.detail);
        if (port.printer != nullptr) {
            SetJobW(port.printer, port.jobId, 0, nullptr, JOB_CONTROL_SENT_TO_PRINTER);
        }

        if (accepted && decision.delivery == spool::Delivery::Session && decision.session) {
            const win::ScopedThreadToken asSystem(nullptr); // WTSQueryUserToken needs SYSTEM
            if (!win::appRunningIn(*decision.session, port.identity.sid)) {
                logEvent(LogLevel::Info,
                         "Missive job " + id + ": "
                             + win::startAppInSession(*decision.session, port.identity.sid, win::readHandoffConfig()));
            }
        }
        endJob(port);
        return TRUE;
    } catch (...) {
        endJob(port);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
}

BOOL WINAPI closePort(HANDLE hPort)
{
    auto* port = static_cast<Port*>(hPort);
    {
        const std::lock_guard lock(port->mutex);
        endJob(*port);
    }
    delete port;
    return TRUE;
}

BOOL WINAPI xcvOpenPort(HANDLE hMonitor, LPCWSTR, ACCESS_MASK granted, PHANDLE handle)
{
    try {
        auto* xcv = new Xcv;
        xcv->monitor = static_cast<Monitor*>(hMonitor);
        xcv->granted = granted;
        *handle = xcv;
        return TRUE;
    } catch (...) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
}

// The port name in an XcvData input buffer: a NUL-terminated UTF-16 string.
std::optional<std::wstring> portNameFrom(const BYTE* data, DWORD size)
{
    if (data == nullptr || size < sizeof(wchar_t) || size % sizeof(wchar_t) != 0) {
        return std::nullopt;
    }
    std::wstring name(reinterpret_cast<const wchar_t*>(data), size / sizeof(wchar_t));
    name.resize(wcsnlen(name.c_str(), name.size()));
    if (!spool::isValidPortName(name)) {
        return std::nullopt;
    }
    return name;
}

DWORD WINAPI xcvDataPort(HANDLE hXcv, LPCWSTR dataName, PBYTE input, DWORD inputSize, PBYTE output, DWORD outputSize,
                         PDWORD outputNeeded)
{
    try {
        auto& xcv = *static_cast<Xcv*>(hXcv);
        Monitor& monitor = *xcv.monitor;
        const std::wstring command = dataName ? dataName : L"";
        if (command == L"AddPort" || command == L"DeletePort") {
            if ((xcv.granted & SERVER_ACCESS_ADMINISTER) == 0) {
                return ERROR_ACCESS_DENIED;
            }
            const auto name = portNameFrom(input, inputSize);
            if (!name) {
                return ERROR_INVALID_PARAMETER;
            }
            const std::lock_guard lock(monitor.mutex);
            if (command == L"AddPort") {
                if (portExists(monitor, *name)) {
                    return ERROR_ALREADY_EXISTS;
                }
                HANDLE key = nullptr;
                DWORD disposition = 0;
                const LONG created =
                    monitor.reg->fpCreateKey(monitor.registryRoot, portKey(*name).c_str(), 0, KEY_ALL_ACCESS, nullptr,
                                             &key, &disposition, monitor.spooler);
                if (created == ERROR_SUCCESS) {
                    monitor.reg->fpCloseKey(key, monitor.spooler);
                    logEvent(LogLevel::Info, "port added");
                }
                return static_cast<DWORD>(created);
            }
            if (!portExists(monitor, *name)) {
                return ERROR_UNKNOWN_PORT;
            }
            return static_cast<DWORD>(
                monitor.reg->fpDeleteKey(monitor.registryRoot, portKey(*name).c_str(), monitor.spooler));
        }
        if (command == L"PortExists") {
            const auto name = portNameFrom(input, inputSize);
            if (!name) {
                return ERROR_INVALID_PARAMETER;
            }
            if (outputNeeded != nullptr) {
                *outputNeeded = sizeof(DWORD);
            }
            if (output == nullptr || outputSize < sizeof(DWORD)) {
                return ERROR_INSUFFICIENT_BUFFER;
            }
            const std::lock_guard lock(monitor.mutex);
            const DWORD exists = portExists(monitor, *name) ? 1 : 0;
            std::memcpy(output, &exists, sizeof(exists));
            return ERROR_SUCCESS;
        }
        // "MonitorUI" included: no UI DLL, ports are added by missive-printer-setup.
        return ERROR_NOT_SUPPORTED;
    } catch (...) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
}

BOOL WINAPI xcvClosePort(HANDLE hXcv)
{
    delete static_cast<Xcv*>(hXcv);
    return TRUE;
}

VOID WINAPI shutdownMonitor(HANDLE hMonitor)
{
    delete static_cast<Monitor*>(hMonitor);
}

MONITOR2 makeTable()
{
    MONITOR2 table{};
    table.cbSize = sizeof(MONITOR2);
    table.pfnEnumPorts = enumPorts;
    table.pfnOpenPort = openPort;
    table.pfnStartDocPort = startDocPort;
    table.pfnWritePort = writePort;
    table.pfnReadPort = readPort;
    table.pfnEndDocPort = endDocPort;
    table.pfnClosePort = closePort;
    table.pfnXcvOpenPort = xcvOpenPort;
    table.pfnXcvDataPort = xcvDataPort;
    table.pfnXcvClosePort = xcvClosePort;
    table.pfnShutdown = shutdownMonitor;
    return table;
}

MONITOR2 g_table = makeTable();

} // namespace

extern "C" BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID)
{
    if (reason == DLL_PROCESS_ATTACH) {
        DisableThreadLibraryCalls(instance);
    }
    return TRUE;
}

extern "C" __declspec(dllexport) LPMONITOR2 WINAPI InitializePrintMonitor2(PMONITORINIT init, PHANDLE handle)
{
    if (init == nullptr || handle == nullptr || init->pMonitorReg == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    // Printing to the PDF port of another machine is not what Missive is for.
    if (!init->bLocal) {
        SetLastError(ERROR_NOT_SUPPORTED);
        return nullptr;
    }
    auto* monitor = new (std::nothrow) Monitor;
    if (monitor == nullptr) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    monitor->spooler = init->hSpooler;
    monitor->registryRoot = init->hckRegistryRoot;
    monitor->reg = init->pMonitorReg;
    HANDLE key = nullptr;
    DWORD disposition = 0;
    if (monitor->reg->fpCreateKey(monitor->registryRoot, PortsKey, 0, KEY_ALL_ACCESS, nullptr, &key, &disposition,
                                  monitor->spooler)
        == ERROR_SUCCESS) {
        monitor->reg->fpCloseKey(key, monitor->spooler);
    }
    *handle = monitor;
    return &g_table;
}
