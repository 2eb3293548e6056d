#include "backend.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <grp.h>
#include <pwd.h>
#include <sstream>
#include <unistd.h>
#include <vector>

namespace missive::backend
{

tl::expected<BackendConfig, std::string> parseDeviceUri(std::string_view uri)
{
    constexpr std::string_view Scheme = "missive:";
    if (uri.substr(0, Scheme.size()) != Scheme) {
        return tl::make_unexpected(std::string("device URI must start with missive:"));
    }
    std::string_view rest = uri.substr(Scheme.size());
    std::string_view query;
    if (const auto q = rest.find('?'); q != std::string_view::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    // Accept missive:/path and missive:///path.
    while (rest.size() > 1 && rest.substr(0, 2) == "//") {
        rest.remove_prefix(1);
    }
    BackendConfig config;
    if (rest.empty() || rest.front() != '/') {
        return tl::make_unexpected(std::string("device URI path must be absolute"));
    }
    if (rest != "/") {
        while (rest.size() > 1 && rest.back() == '/') {
            rest.remove_suffix(1);
        }
        if (rest.find("/../") != std::string_view::npos || rest.ends_with("/..")
            || rest.find("/./") != std::string_view::npos || rest.find("//") != std::string_view::npos
            || rest.find('%') != std::string_view::npos) {
            return tl::make_unexpected(std::string("device URI path must be a plain absolute directory"));
        }
        config.spoolRoot = std::string(rest);
    }
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto item = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (item == "remote=allow") {
            config.allowRemote = true;
        } else if (item == "remote=deny") {
            config.allowRemote = false;
        } else if (!item.empty()) {
            return tl::make_unexpected("unknown device URI option: " + std::string(item));
        }
    }
    return config;
}

uid_t loginDefsUidMin(const char* path)
{
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string key;
        long value = 0;
        if (words >> key && key == "UID_MIN" && words >> value && value > 0) {
            return static_cast<uid_t>(value);
        }
    }
    return 1000;
}

tl::expected<PrintingUser, std::string> resolvePrintingUser(std::string_view name, uid_t uidMin)
{
    using Err = tl::unexpected<std::string>;
    if (name.empty() || name.size() > 256) {
        return Err("empty or overlong user name");
    }
    // Refuse what could not be an account name before asking NSS about it.
    const bool printable = std::all_of(name.begin(), name.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u != 0x7f && c != '/' && c != ':';
    });
    if (!printable || name.front() == '-') {
        return Err("user name contains forbidden characters");
    }
    const std::string key(name);
    passwd pw{};
    passwd* found = nullptr;
    std::vector<char> buffer(16384);
    if (getpwnam_r(key.c_str(), &pw, buffer.data(), buffer.size(), &found) != 0 || !found) {
        return Err("not an account on this machine");
    }
    if (found->pw_uid < uidMin || found->pw_uid == 65534 || found->pw_uid == static_cast<uid_t>(-1)) {
        return Err("system account");
    }
    return PrintingUser{found->pw_name, found->pw_uid, found->pw_gid};
}

bool isLocalHost(std::string_view host)
{
    if (host == "localhost" || host == "::1" || host == "[::1]" || host.starts_with("127.")) {
        return true;
    }
    char hostname[256] = {};
    if (gethostname(hostname, sizeof hostname - 1) == 0 && host == hostname) {
        return true;
    }
    return false;
}

tl::expected<void, std::string> dropPrivileges(const PrintingUser& user)
{
    using Err = tl::unexpected<std::string>;
    const gid_t groups[] = {user.gid};
    if (setgroups(1, groups) != 0) {
        return Err(std::string("setgroups: ") + std::strerror(errno));
    }
    if (setresgid(user.gid, user.gid, user.gid) != 0) {
        return Err(std::string("setresgid: ") + std::strerror(errno));
    }
    if (setresuid(user.uid, user.uid, user.uid) != 0) {
        return Err(std::string("setresuid: ") + std::strerror(errno));
    }
    uid_t ruid = 0, euid = 0, suid = 0;
    gid_t rgid = 0, egid = 0, sgid = 0;
    if (getresuid(&ruid, &euid, &suid) != 0 || getresgid(&rgid, &egid, &sgid) != 0) {
        return Err(std::string("getresuid: ") + std::strerror(errno));
    }
    if (ruid != user.uid || euid != user.uid || suid != user.uid || rgid != user.gid || egid != user.gid
        || sgid != user.gid) {
        return Err("ids did not change");
    }
    if (user.uid != 0 && (setuid(0) == 0 || seteuid(0) == 0)) {
        return Err("root could be regained");
    }
    return {};
}

} // namespace missive::backend
