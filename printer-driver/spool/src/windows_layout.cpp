#include "missive/spool/windows_layout.h"

#include "missive/spool/envelope.h"

#include <algorithm>

namespace missive::spool
{

std::wstring spoolRootSddl()
{
    // P: protected, nothing inherited. OICI: files and subfolders inherit. FA: full access.
    return L"D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)";
}

std::wstring userDirectorySddl(std::string_view sid)
{
    if (!isValidSidString(sid)) {
        return {};
    }
    std::wstring out = L"D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;";
    out.append(sid.begin(), sid.end()); // ASCII only, checked above
    out += L")";
    return out;
}

std::wstring unattributedSddl()
{
    return spoolRootSddl();
}

std::wstring joinPath(std::wstring_view base, std::wstring_view name)
{
    std::wstring out(base);
    if (!out.empty() && out.back() != L'\\' && out.back() != L'/') {
        out += L'\\';
    }
    while (!name.empty() && (name.front() == L'\\' || name.front() == L'/')) {
        name.remove_prefix(1);
    }
    out += name;
    return out;
}

std::wstring extendedLengthPath(std::wstring_view path)
{
    std::wstring fixed(path);
    std::replace(fixed.begin(), fixed.end(), L'/', L'\\');
    if (fixed.rfind(L"\\\\?\\", 0) == 0) {
        return fixed;
    }
    if (fixed.size() >= 3 && fixed[1] == L':' && fixed[2] == L'\\'
        && ((fixed[0] >= L'A' && fixed[0] <= L'Z') || (fixed[0] >= L'a' && fixed[0] <= L'z'))) {
        return L"\\\\?\\" + fixed;
    }
    if (fixed.rfind(L"\\\\", 0) == 0 && fixed.size() > 2) {
        return L"\\\\?\\UNC\\" + fixed.substr(2);
    }
    return fixed;
}

std::wstring appCommandLine(std::wstring_view executable)
{
    if (executable.empty() || executable.find(L'"') != std::wstring_view::npos) {
        return {};
    }
    std::wstring out = L"\"";
    out += executable;
    out += L"\"";
    return out;
}

bool isValidPortName(std::wstring_view name)
{
    return !name.empty() && name.size() <= 63 && std::all_of(name.begin(), name.end(), [](wchar_t c) {
        return (c >= L'A' && c <= L'Z') || (c >= L'a' && c <= L'z') || (c >= L'0' && c <= L'9') || c == L'_'
               || c == L'.' || c == L'-' || c == L':' || c == L' ';
    });
}

} // namespace missive::spool
