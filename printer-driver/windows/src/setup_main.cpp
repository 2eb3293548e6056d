// missive-printer-setup: registers (or removes) the Missive port monitor, its port and
// the "Missive" printer on the inbox "Microsoft Print To PDF" driver. Run by the MSI as
// a deferred, non-impersonated custom action (SYSTEM): no user profile, no UI.
//
//   missive-printer-setup install [--printer NAME] [--port NAME]
//   missive-printer-setup remove  [--printer NAME] [--port NAME]
//   missive-printer-setup status  [--printer NAME] [--port NAME]
//
// Exit codes: see ExitCode. Both install and remove are idempotent.

#include "missive/spool/windows_layout.h"

#include <cstdio>
#include <fcntl.h>
#include <io.h>
#include <string>
#include <vector>
#include <windows.h>
#include <winspool.h>

namespace
{

enum ExitCode : int
{
    Ok = 0,           // done (or already so); status: everything is installed
    Failed = 1,       // a Windows call failed (details on stderr)
    Usage = 2,        // bad command line
    Prerequisite = 3, // missive-portmon.dll not in the system directory, or no "Microsoft Print To PDF" driver
    NotInstalled = 4, // status only: something is missing
    AccessDenied = 5, // not run as an administrator or SYSTEM
};

constexpr const wchar_t* MonitorName = L"Missive Port Monitor";
constexpr const wchar_t* MonitorDll = L"missive-portmon.dll";
constexpr const wchar_t* DriverName = L"Microsoft Print To PDF";
constexpr const wchar_t* DefaultPrinter = L"Missive";
constexpr const wchar_t* DefaultPort = L"MISSIVE:";

struct Options
{
    std::wstring command;
    std::wstring printer = DefaultPrinter;
    std::wstring port = DefaultPort;
};

void say(const wchar_t* english, const wchar_t* french, const std::wstring& subject = {}, DWORD error = 0)
{
    std::wstring line = L"missive-printer-setup: ";
    line += english;
    if (!subject.empty()) {
        line += L" [" + subject + L"]";
    }
    if (error != 0) {
        line += L" (Win32 error " + std::to_wstring(error) + L")";
    }
    line += L"\n  ";
    line += french;
    line += L"\n";
    std::fputws(line.c_str(), stderr);
}

int failure(const wchar_t* english, const wchar_t* french, const std::wstring& subject, DWORD error)
{
    say(english, french, subject, error);
    return error == ERROR_ACCESS_DENIED ? AccessDenied : Failed;
}

void usage(FILE* out)
{
    std::fputws(L"Usage: missive-printer-setup install|remove|status [--printer NAME] [--port NAME]\n"
                L"  install  register the port monitor (missive-portmon.dll, already in the system directory),\n"
                L"           the port and the printer on the \"Microsoft Print To PDF\" driver\n"
                L"  remove   delete the printer, the port and the monitor\n"
                L"  status   print what is registered (exit 0: all, 4: something missing)\n"
                L"Defaults: --printer \"Missive\" --port \"MISSIVE:\"\n"
                L"Exit codes: 0 ok, 1 Windows error, 2 usage, 3 prerequisite missing, 4 not installed (status),\n"
                L"            5 access denied\n",
                out);
}

bool monitorInstalled()
{
    DWORD needed = 0;
    DWORD count = 0;
    EnumMonitorsW(nullptr, 1, nullptr, 0, &needed, &count);
    std::vector<BYTE> buffer(needed);
    if (needed == 0 || !EnumMonitorsW(nullptr, 1, buffer.data(), needed, &needed, &count)) {
        return false;
    }
    const auto* monitors = reinterpret_cast<const MONITOR_INFO_1W*>(buffer.data());
    for (DWORD i = 0; i < count; ++i) {
        if (monitors[i].pName != nullptr && _wcsicmp(monitors[i].pName, MonitorName) == 0) {
            return true;
        }
    }
    return false;
}

bool portInstalled(const std::wstring& port)
{
    DWORD needed = 0;
    DWORD count = 0;
    EnumPortsW(nullptr, 2, nullptr, 0, &needed, &count);
    std::vector<BYTE> buffer(needed);
    if (needed == 0 || !EnumPortsW(nullptr, 2, buffer.data(), needed, &needed, &count)) {
        return false;
    }
    const auto* ports = reinterpret_cast<const PORT_INFO_2W*>(buffer.data());
    for (DWORD i = 0; i < count; ++i) {
        if (ports[i].pPortName != nullptr && _wcsicmp(ports[i].pPortName, port.c_str()) == 0
            && ports[i].pMonitorName != nullptr && _wcsicmp(ports[i].pMonitorName, MonitorName) == 0) {
            return true;
        }
    }
    return false;
}

bool driverInstalled()
{
    DWORD needed = 0;
    DWORD count = 0;
    EnumPrinterDriversW(nullptr, nullptr, 1, nullptr, 0, &needed, &count);
    std::vector<BYTE> buffer(needed);
    if (needed == 0 || !EnumPrinterDriversW(nullptr, nullptr, 1, buffer.data(), needed, &needed, &count)) {
        return false;
    }
    const auto* drivers = reinterpret_cast<const DRIVER_INFO_1W*>(buffer.data());
    for (DWORD i = 0; i < count; ++i) {
        if (drivers[i].pName != nullptr && _wcsicmp(drivers[i].pName, DriverName) == 0) {
            return true;
        }
    }
    return false;
}

// The printer's port, or nothing when there is no such printer.
bool printerPort(const std::wstring& printer, std::wstring& port)
{
    HANDLE handle = nullptr;
    PRINTER_DEFAULTSW defaults{nullptr, nullptr, PRINTER_ACCESS_USE};
    if (!OpenPrinterW(const_cast<LPWSTR>(printer.c_str()), &handle, &defaults)) {
        return false;
    }
    DWORD needed = 0;
    GetPrinterW(handle, 2, nullptr, 0, &needed);
    std::vector<BYTE> buffer(needed);
    if (needed > 0 && GetPrinterW(handle, 2, buffer.data(), needed, &needed)) {
        const auto* info = reinterpret_cast<const PRINTER_INFO_2W*>(buffer.data());
        port = info->pPortName != nullptr ? info->pPortName : L"";
    }
    ClosePrinter(handle);
    return true;
}

// XcvData on the monitor: "AddPort" / "DeletePort" with the port name. Returns the
// monitor's status, or the OpenPrinter error when the monitor is not there.
DWORD xcvPort(const wchar_t* command, const std::wstring& port)
{
    std::wstring object = std::wstring(L",XcvMonitor ") + MonitorName;
    HANDLE handle = nullptr;
    PRINTER_DEFAULTSW defaults{nullptr, nullptr, SERVER_ACCESS_ADMINISTER};
    if (!OpenPrinterW(object.data(), &handle, &defaults)) {
        return GetLastError();
    }
    DWORD needed = 0;
    DWORD status = ERROR_SUCCESS;
    const auto bytes = static_cast<DWORD>((port.size() + 1) * sizeof(wchar_t));
    BOOL ok = XcvDataW(handle, command, reinterpret_cast<PBYTE>(const_cast<wchar_t*>(port.c_str())), bytes, nullptr, 0,
                       &needed, &status);
    const DWORD error = ok ? status : GetLastError();
    ClosePrinter(handle);
    return error;
}

int install(const Options& options)
{
    // AddMonitor loads the DLL by file name from the system directory: the MSI puts it there.
    wchar_t system[MAX_PATH] = {};
    const UINT length = GetSystemDirectoryW(system, MAX_PATH);
    const std::wstring dll = missive::spool::joinPath(std::wstring(system, length), MonitorDll);
    if (length == 0 || GetFileAttributesW(dll.c_str()) == INVALID_FILE_ATTRIBUTES) {
        say(L"missive-portmon.dll is not in the system directory; install it there first.",
            L"missive-portmon.dll est absent du dossier système ; installez-le d'abord.", dll);
        return Prerequisite;
    }
    if (!driverInstalled()) {
        say(L"The \"Microsoft Print To PDF\" driver is missing: enable the Windows feature "
            L"Printing-PrintToPDFServices-Features.",
            L"Le pilote « Microsoft Print To PDF » est absent : activez la fonctionnalité Windows "
            L"Printing-PrintToPDFServices-Features.");
        return Prerequisite;
    }

    if (!monitorInstalled()) {
        MONITOR_INFO_2W info{const_cast<LPWSTR>(MonitorName), nullptr, const_cast<LPWSTR>(MonitorDll)};
        if (!AddMonitorW(nullptr, 2, reinterpret_cast<LPBYTE>(&info))
            && GetLastError() != ERROR_PRINT_MONITOR_ALREADY_INSTALLED) {
            return failure(L"AddMonitor failed.", L"Échec de l'ajout du moniteur de port.", MonitorName,
                           GetLastError());
        }
        say(L"Port monitor registered.", L"Moniteur de port enregistré.", MonitorName);
    }

    const DWORD added = xcvPort(L"AddPort", options.port);
    if (added != ERROR_SUCCESS && added != ERROR_ALREADY_EXISTS) {
        return failure(L"Adding the port failed.", L"Échec de l'ajout du port.", options.port, added);
    }
    if (added == ERROR_SUCCESS) {
        say(L"Port added.", L"Port ajouté.", options.port);
    }

    std::wstring currentPort;
    if (printerPort(options.printer, currentPort)) {
        if (_wcsicmp(currentPort.c_str(), options.port.c_str()) != 0) {
            say(L"The printer already exists on another port; left as it is.",
                L"L'imprimante existe déjà sur un autre port ; elle n'est pas modifiée.",
                options.printer + L" -> " + currentPort);
            return Failed;
        }
        return Ok;
    }
    PRINTER_INFO_2W printer{};
    printer.pPrinterName = const_cast<LPWSTR>(options.printer.c_str());
    printer.pPortName = const_cast<LPWSTR>(options.port.c_str());
    printer.pDriverName = const_cast<LPWSTR>(DriverName);
    printer.pPrintProcessor = const_cast<LPWSTR>(L"winprint");
    printer.pDatatype = const_cast<LPWSTR>(L"RAW");
    printer.pComment = const_cast<LPWSTR>(L"Missive : courriers vers l'application Missive");
    printer.Attributes = PRINTER_ATTRIBUTE_LOCAL;
    HANDLE handle = AddPrinterW(nullptr, 2, reinterpret_cast<LPBYTE>(&printer));
    if (handle == nullptr) {
        if (GetLastError() == ERROR_PRINTER_ALREADY_EXISTS) {
            return Ok;
        }
        return failure(L"AddPrinter failed.", L"Échec de l'ajout de l'imprimante.", options.printer, GetLastError());
    }
    ClosePrinter(handle);
    say(L"Printer added.", L"Imprimante ajoutée.", options.printer);
    return Ok;
}

int remove(const Options& options)
{
    HANDLE handle = nullptr;
    PRINTER_DEFAULTSW defaults{nullptr, nullptr, PRINTER_ALL_ACCESS};
    if (OpenPrinterW(const_cast<LPWSTR>(options.printer.c_str()), &handle, &defaults)) {
        const BOOL deleted = DeletePrinter(handle);
        const DWORD error = GetLastError();
        ClosePrinter(handle);
        if (!deleted) {
            return failure(L"DeletePrinter failed.", L"Échec de la suppression de l'imprimante.", options.printer,
                           error);
        }
        say(L"Printer deleted.", L"Imprimante supprimée.", options.printer);
    } else if (GetLastError() == ERROR_ACCESS_DENIED) {
        return failure(L"No right to delete the printer.", L"Droits insuffisants pour supprimer l'imprimante.",
                       options.printer, ERROR_ACCESS_DENIED);
    }

    if (monitorInstalled()) {
        const DWORD deleted = xcvPort(L"DeletePort", options.port);
        if (deleted != ERROR_SUCCESS && deleted != ERROR_UNKNOWN_PORT) {
            // ERROR_BUSY: jobs still queued on the printer, which Windows deletes once they are done.
            return failure(L"Deleting the port failed (still in use?).",
                           L"Échec de la suppression du port (encore utilisé ?).", options.port, deleted);
        }
        if (!DeleteMonitorW(nullptr, nullptr, const_cast<LPWSTR>(MonitorName))
            && GetLastError() != ERROR_UNKNOWN_PRINT_MONITOR) {
            return failure(L"DeleteMonitor failed (another port of the monitor still in use?).",
                           L"Échec de la suppression du moniteur (un autre de ses ports est-il utilisé ?).",
                           MonitorName, GetLastError());
        }
        say(L"Port and port monitor removed.", L"Port et moniteur de port supprimés.", MonitorName);
    }
    return Ok;
}

int status(const Options& options)
{
    const bool monitor = monitorInstalled();
    const bool port = monitor && portInstalled(options.port);
    std::wstring printerPortName;
    const bool printer = printerPort(options.printer, printerPortName);
    const bool printerOnPort = printer && _wcsicmp(printerPortName.c_str(), options.port.c_str()) == 0;
    std::fwprintf(stdout, L"monitor %ls: %ls\nport %ls: %ls\nprinter %ls: %ls\ndriver %ls: %ls\n", MonitorName,
                  monitor ? L"present" : L"absent", options.port.c_str(), port ? L"present" : L"absent",
                  options.printer.c_str(),
                  printerOnPort ? L"present"
                  : printer     ? L"on another port"
                                : L"absent",
                  DriverName, driverInstalled() ? L"present" : L"absent");
    return monitor && port && printerOnPort ? Ok : NotInstalled;
}

} // namespace

int wmain(int argc, wchar_t** argv)
{
    // UTF-8 out, whatever the console code page: the French messages keep their accents
    // in the MSI log and in a console.
    _setmode(_fileno(stdout), _O_U8TEXT);
    _setmode(_fileno(stderr), _O_U8TEXT);
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::wstring arg = argv[i];
        if (arg == L"--help" || arg == L"-h" || arg == L"/?") {
            usage(stdout);
            return Ok;
        }
        if ((arg == L"--printer" || arg == L"--port") && i + 1 < argc) {
            (arg == L"--printer" ? options.printer : options.port) = argv[++i];
        } else if (options.command.empty() && (arg == L"install" || arg == L"remove" || arg == L"status")) {
            options.command = arg;
        } else {
            usage(stderr);
            return Usage;
        }
    }
    if (options.command.empty()) {
        usage(stderr);
        return Usage;
    }
    if (!missive::spool::isValidPortName(options.port)) {
        say(L"Invalid port name (A-Z, 0-9, space, _ . - :, at most 63).",
            L"Nom de port invalide (A-Z, 0-9, espace, _ . - :, 63 au plus).", options.port);
        return Usage;
    }
    if (options.printer.empty() || options.printer.size() > 200
        || options.printer.find_first_of(L"\\,!") != std::wstring::npos) {
        say(L"Invalid printer name.", L"Nom d'imprimante invalide.", options.printer);
        return Usage;
    }
    if (options.command == L"install") {
        return install(options);
    }
    if (options.command == L"remove") {
        return remove(options);
    }
    return status(options);
}
