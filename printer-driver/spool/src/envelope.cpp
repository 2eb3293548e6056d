#include "missive/spool/envelope.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>

namespace missive::spool
{
namespace
{

struct ReasonInfo
{
    RejectReason reason;
    std::string_view name;
    std::string_view message;
};

constexpr std::array<ReasonInfo, 9> Reasons{{
    {RejectReason::None, "none", "Document reçu."},
    {RejectReason::Empty, "empty", "L'impression est vide : aucun document n'a été reçu."},
    {RejectReason::NotPdf, "not-pdf",
     "Le document imprimé n'est pas un PDF (format inconnu ou pilote d'impression inadapté)."},
    {RejectReason::UnreadablePdf, "unreadable-pdf", "Le PDF imprimé est illisible (fichier tronqué ou endommagé)."},
    {RejectReason::NoPages, "no-pages", "Le PDF imprimé ne contient aucune page."},
    {RejectReason::Integrity, "integrity", "Le document a été modifié ou endommagé après l'impression."},
    {RejectReason::NoIdentity, "no-identity",
     "Windows n'a pas indiqué qui a imprimé : document conservé pour l'administrateur, réimprimez-le."},
    {RejectReason::AmbiguousSession, "ambiguous-session",
     "Impossible de savoir depuis quelle session Windows le document a été imprimé (plusieurs sessions ouvertes) : "
     "document conservé en quarantaine, réimprimez-le depuis votre session."},
    {RejectReason::PostScript, "postscript",
     "Le PostScript imprimé n'a pas pu être converti en PDF (refusé par Ghostscript) : réimprimez-le, ou "
     "enregistrez-le en PDF et imprimez ce PDF."},
}};

constexpr std::string_view VersionKey = "missive-spool";
constexpr std::size_t MaxEnvelopeSize = 64 * 1024;

void appendEscaped(std::string& out, std::string_view value)
{
    static constexpr char Hex[] = "0123456789abcdef";
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (u < 0x20 || u == 0x7f) {
            out += "\\x";
            out += Hex[u >> 4];
            out += Hex[u & 0xf];
        } else {
            out += c;
        }
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

tl::expected<std::string, std::string> unescape(std::string_view value)
{
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            return tl::make_unexpected(std::string("raw control character in value"));
        }
        if (c != '\\') {
            out += c;
            continue;
        }
        if (++i >= value.size()) {
            return tl::make_unexpected(std::string("dangling backslash"));
        }
        switch (value[i]) {
        case '\\':
            out += '\\';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 'x': {
            if (i + 2 >= value.size()) {
                return tl::make_unexpected(std::string("short \\x escape"));
            }
            const int hi = hexValue(value[i + 1]);
            const int lo = hexValue(value[i + 2]);
            if (hi < 0 || lo < 0) {
                return tl::make_unexpected(std::string("bad \\x escape"));
            }
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
            break;
        }
        default:
            return tl::make_unexpected(std::string("unknown escape"));
        }
    }
    return out;
}

template <class Int> bool parseInt(std::string_view text, Int& out)
{
    if (text.empty() || text.size() > 20) {
        return false;
    }
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size();
}

bool isHex64(std::string_view text)
{
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

bool isValidKey(std::string_view key)
{
    return !key.empty() && key.size() <= 64 && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

void put(std::string& out, std::string_view key, std::string_view value)
{
    out += key;
    out += '=';
    appendEscaped(out, value);
    out += '\n';
}

} // namespace

std::string_view rejectReasonName(RejectReason reason)
{
    for (const auto& info : Reasons) {
        if (info.reason == reason) {
            return info.name;
        }
    }
    return "none";
}

std::optional<RejectReason> rejectReasonFromName(std::string_view name)
{
    for (const auto& info : Reasons) {
        if (info.name == name) {
            return info.reason;
        }
    }
    return std::nullopt;
}

std::string_view rejectReasonMessage(RejectReason reason)
{
    for (const auto& info : Reasons) {
        if (info.reason == reason) {
            return info.message;
        }
    }
    return Reasons[0].message;
}

bool isValidJobId(std::string_view id)
{
    // Only what newJobId() produces: no dots, no slashes, nothing a path could abuse.
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

bool isValidSidString(std::string_view sid)
{
    // S-<revision>-<authority>(-<subauthority>){0,15}, decimal numbers only: what
    // ConvertSidToStringSidW produces for the SIDs a print job can carry. It names a
    // directory, so nothing else may get through.
    if (sid.size() < 5 || sid.size() > 184 || sid.substr(0, 2) != "S-") {
        return false;
    }
    std::size_t parts = 0;
    std::string_view rest = sid.substr(2);
    while (true) {
        const auto dash = rest.find('-');
        const auto part = rest.substr(0, dash);
        if (part.empty() || part.size() > 15 || (part.size() > 1 && part[0] == '0')
            || !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            return false;
        }
        ++parts;
        if (dash == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(dash + 1);
    }
    return parts >= 2 && parts <= 17 && sid[2] == '1' && sid[3] == '-';
}

std::string serializeEnvelope(const JobEnvelope& e)
{
    std::string out;
    out.reserve(512 + e.title.size());
    put(out, VersionKey, std::to_string(EnvelopeVersion));
    put(out, "id", e.id);
    put(out, "cups-job-id", std::to_string(e.cupsJobId));
    put(out, "user", e.user);
    if (e.uid >= 0 || e.sid.empty()) {
        put(out, "uid", std::to_string(e.uid));
    }
    if (!e.sid.empty()) {
        put(out, "sid", e.sid);
    }
    if (e.session) {
        put(out, "session", std::to_string(*e.session));
    }
    if (e.spoolerJobId != 0) {
        put(out, "spooler-job-id", std::to_string(e.spoolerJobId));
    }
    put(out, "title", e.title);
    put(out, "copies", std::to_string(e.copies));
    put(out, "host", e.host);
    put(out, "printer", e.printer);
    put(out, "created", e.createdAt);
    put(out, "source-format", e.sourceFormat);
    if (e.pages) {
        put(out, "pages", std::to_string(*e.pages));
    }
    put(out, "size", std::to_string(e.size));
    put(out, "sha256", e.sha256);
    put(out, "encrypted", e.encrypted ? "1" : "0");
    put(out, "reason", rejectReasonName(e.reason));
    return out;
}

tl::expected<JobEnvelope, std::string> parseEnvelope(std::string_view text)
{
    using Err = tl::unexpected<std::string>;
    if (text.size() > MaxEnvelopeSize) {
        return Err("metadata too large");
    }
    std::map<std::string, std::string, std::less<>> fields;
    std::size_t lineNo = 0;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        if (nl == std::string_view::npos) {
            return Err("last line not terminated");
        }
        const auto line = text.substr(0, nl);
        text.remove_prefix(nl + 1);
        ++lineNo;
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) {
            return Err("line " + std::to_string(lineNo) + ": no '='");
        }
        const auto key = line.substr(0, eq);
        if (!isValidKey(key)) {
            return Err("line " + std::to_string(lineNo) + ": bad key");
        }
        if (lineNo == 1 && key != VersionKey) {
            return Err("not a Missive job envelope");
        }
        auto value = unescape(line.substr(eq + 1));
        if (!value) {
            return Err("line " + std::to_string(lineNo) + ": " + value.error());
        }
        if (!fields.emplace(std::string(key), std::move(*value)).second) {
            return Err("line " + std::to_string(lineNo) + ": duplicate key");
        }
    }
    if (lineNo == 0) {
        return Err("empty metadata");
    }
    if (fields[std::string(VersionKey)] != std::to_string(EnvelopeVersion)) {
        return Err("unsupported envelope version");
    }

    // Unknown keys are ignored so that a newer backend can add fields.
    const auto get = [&fields](std::string_view key) -> const std::string* {
        const auto it = fields.find(key);
        return it == fields.end() ? nullptr : &it->second;
    };
    for (const std::string_view required : {"id", "user", "created", "size", "sha256"}) {
        if (!get(required)) {
            return Err("missing " + std::string(required));
        }
    }

    JobEnvelope e;
    e.id = *get("id");
    if (!isValidJobId(e.id)) {
        return Err("bad id");
    }
    e.user = *get("user");
    if (!get("uid") && !get("sid")) {
        return Err("missing uid");
    }
    if (const auto* v = get("uid"); v && (!parseInt(*v, e.uid) || e.uid < 0)) {
        return Err("bad uid");
    }
    if (const auto* v = get("sid")) {
        if (!isValidSidString(*v)) {
            return Err("bad sid");
        }
        e.sid = *v;
    }
    if (const auto* v = get("session")) {
        std::uint32_t session = 0;
        if (!parseInt(*v, session)) {
            return Err("bad session");
        }
        e.session = session;
    }
    if (const auto* v = get("spooler-job-id"); v && !parseInt(*v, e.spoolerJobId)) {
        return Err("bad spooler-job-id");
    }
    e.createdAt = *get("created");
    if (!parseInt(*get("size"), e.size)) {
        return Err("bad size");
    }
    e.sha256 = *get("sha256");
    if (!isHex64(e.sha256)) {
        return Err("bad sha256");
    }
    if (const auto* v = get("cups-job-id"); v && !parseInt(*v, e.cupsJobId)) {
        return Err("bad cups-job-id");
    }
    if (const auto* v = get("copies"); v && (!parseInt(*v, e.copies) || e.copies < 1)) {
        return Err("bad copies");
    }
    if (const auto* v = get("pages")) {
        int pages = 0;
        if (!parseInt(*v, pages) || pages < 0) {
            return Err("bad pages");
        }
        e.pages = pages;
    }
    if (const auto* v = get("encrypted")) {
        if (*v != "0" && *v != "1") {
            return Err("bad encrypted flag");
        }
        e.encrypted = *v == "1";
    }
    if (const auto* v = get("reason")) {
        const auto reason = rejectReasonFromName(*v);
        if (!reason) {
            return Err("unknown reason");
        }
        e.reason = *reason;
    }
    if (const auto* v = get("title")) {
        e.title = *v;
    }
    if (const auto* v = get("host")) {
        e.host = *v;
    }
    if (const auto* v = get("printer")) {
        e.printer = *v;
    }
    if (const auto* v = get("source-format")) {
        e.sourceFormat = *v;
    }
    return e;
}

std::string lowerHex(std::span<const unsigned char> bytes)
{
    static constexpr char Hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const unsigned char b : bytes) {
        out += Hex[b >> 4];
        out += Hex[b & 0xf];
    }
    return out;
}

} // namespace missive::spool
