#include "missive/spool/pdf_probe.h"

#include <charconv>
#include <cstdint>
#include <map>
#include <optional>

namespace missive::spool
{
namespace
{

// ---- Lexer (ISO 32000-1 §7.2) ----------------------------------------------

enum class Tok
{
    End,
    Name,
    Integer,
    Real,
    DictBegin,
    DictEnd,
    ArrayBegin,
    ArrayEnd,
    String,
    Keyword,
    Error,
};

struct Token
{
    Tok kind = Tok::End;
    std::string_view text; // name without '/', keyword, number text
    std::int64_t integer = 0;
};

bool isWhite(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

bool isDelimiter(char c)
{
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/'
           || c == '%';
}

bool isRegular(char c)
{
    return !isWhite(c) && !isDelimiter(c);
}

class Lexer
{
public:
    Lexer(std::string_view data, std::size_t pos)
        : m_data(data)
        , m_pos(pos)
    {
    }

    std::size_t position() const
    {
        return m_pos;
    }

    Token next()
    {
        skipWhiteAndComments();
        if (m_pos >= m_data.size()) {
            return {Tok::End, {}, 0};
        }
        const char c = m_data[m_pos];
        if (c == '/') {
            const std::size_t start = ++m_pos;
            while (m_pos < m_data.size() && isRegular(m_data[m_pos])) {
                ++m_pos;
            }
            return {Tok::Name, m_data.substr(start, m_pos - start), 0};
        }
        if (c == '<') {
            if (m_pos + 1 < m_data.size() && m_data[m_pos + 1] == '<') {
                m_pos += 2;
                return {Tok::DictBegin, {}, 0};
            }
            const auto end = m_data.find('>', m_pos);
            if (end == std::string_view::npos) {
                return {Tok::Error, {}, 0};
            }
            m_pos = end + 1;
            return {Tok::String, {}, 0};
        }
        if (c == '>') {
            if (m_pos + 1 < m_data.size() && m_data[m_pos + 1] == '>') {
                m_pos += 2;
                return {Tok::DictEnd, {}, 0};
            }
            return {Tok::Error, {}, 0};
        }
        if (c == '[' || c == ']') {
            ++m_pos;
            return {c == '[' ? Tok::ArrayBegin : Tok::ArrayEnd, {}, 0};
        }
        if (c == '(') {
            return skipLiteralString() ? Token{Tok::String, {}, 0} : Token{Tok::Error, {}, 0};
        }
        if (c == ')' || c == '{' || c == '}') {
            ++m_pos;
            return {Tok::Error, {}, 0};
        }
        const std::size_t start = m_pos;
        while (m_pos < m_data.size() && isRegular(m_data[m_pos])) {
            ++m_pos;
        }
        const auto text = m_data.substr(start, m_pos - start);
        std::int64_t value = 0;
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec == std::errc() && ptr == text.data() + text.size()) {
            return {Tok::Integer, text, value};
        }
        if (text.find_first_not_of("+-.0123456789") == std::string_view::npos) {
            return {Tok::Real, text, 0};
        }
        return {Tok::Keyword, text, 0};
    }

private:
    void skipWhiteAndComments()
    {
        while (m_pos < m_data.size()) {
            if (isWhite(m_data[m_pos])) {
                ++m_pos;
            } else if (m_data[m_pos] == '%') {
                while (m_pos < m_data.size() && m_data[m_pos] != '\n' && m_data[m_pos] != '\r') {
                    ++m_pos;
                }
            } else {
                return;
            }
        }
    }

    bool skipLiteralString()
    {
        int depth = 0;
        while (m_pos < m_data.size()) {
            const char c = m_data[m_pos++];
            if (c == '\\') {
                ++m_pos;
            } else if (c == '(') {
                ++depth;
            } else if (c == ')' && --depth == 0) {
                return true;
            }
        }
        return false;
    }

    std::string_view m_data;
    std::size_t m_pos;
};

// ---- Objects ---------------------------------------------------------------

struct Ref
{
    std::int64_t num = 0;
    std::int64_t gen = 0;
};

struct Value
{
    enum Kind
    {
        Other,
        Integer,
        Reference,
        NameValue,
    } kind = Other;
    std::int64_t integer = 0;
    Ref ref;
    std::string_view name;
};

using Dict = std::map<std::string_view, Value, std::less<>>;

constexpr int MaxDepth = 64;

// Skips a dictionary or array whose opening token was just read. False on
// malformed input. Brackets are not matched by kind: only the depth matters here.
bool skipComposite(Lexer& lex)
{
    int depth = 1;
    while (depth > 0) {
        const Token t = lex.next();
        switch (t.kind) {
        case Tok::DictBegin:
        case Tok::ArrayBegin:
            if (++depth > MaxDepth) {
                return false;
            }
            break;
        case Tok::DictEnd:
        case Tok::ArrayEnd:
            --depth;
            break;
        case Tok::End:
        case Tok::Error:
            return false;
        default:
            break;
        }
    }
    return true;
}

// Reads a dictionary's top-level entries; the lexer stands just after "<<".
std::optional<Dict> readDict(Lexer& lex)
{
    Dict dict;
    for (;;) {
        const Token key = lex.next();
        if (key.kind == Tok::DictEnd) {
            return dict;
        }
        if (key.kind != Tok::Name) {
            return std::nullopt;
        }
        const Token v = lex.next();
        Value value;
        switch (v.kind) {
        case Tok::Integer: {
            // "n g R" is a reference; look ahead without consuming otherwise.
            Lexer probe = lex;
            const Token gen = probe.next();
            const Token r = probe.next();
            if (gen.kind == Tok::Integer && r.kind == Tok::Keyword && r.text == "R") {
                value.kind = Value::Reference;
                value.ref = {v.integer, gen.integer};
                lex = probe;
            } else {
                value.kind = Value::Integer;
                value.integer = v.integer;
            }
            break;
        }
        case Tok::Name:
            value.kind = Value::NameValue;
            value.name = v.text;
            break;
        case Tok::DictBegin:
        case Tok::ArrayBegin:
            if (!skipComposite(lex)) {
                return std::nullopt;
            }
            break;
        case Tok::End:
        case Tok::Error:
        case Tok::DictEnd:
        case Tok::ArrayEnd:
            return std::nullopt;
        default:
            break;
        }
        dict.insert_or_assign(key.text, value);
    }
}

const Value* find(const Dict& dict, std::string_view key)
{
    const auto it = dict.find(key);
    return it == dict.end() ? nullptr : &it->second;
}

class Document
{
public:
    explicit Document(std::string_view data)
        : m_data(data)
    {
    }

    // Parses the cross-reference chain from startxref; fills the trailer.
    bool loadXref(std::size_t startxref)
    {
        std::size_t offset = startxref;
        for (int hops = 0; hops < 32; ++hops) {
            if (offset >= m_data.size()) {
                return false;
            }
            Lexer lex(m_data, offset);
            const Token first = lex.next();
            std::optional<Dict> trailer;
            if (first.kind == Tok::Keyword && first.text == "xref") {
                trailer = readXrefTable(lex);
            } else if (first.kind == Tok::Integer) {
                // A cross-reference stream: its dictionary is the trailer; the
                // offsets are compressed, objects are found by scanning instead.
                const Token gen = lex.next();
                const Token obj = lex.next();
                if (gen.kind != Tok::Integer || obj.kind != Tok::Keyword || obj.text != "obj"
                    || lex.next().kind != Tok::DictBegin) {
                    return false;
                }
                trailer = readDict(lex);
            }
            if (!trailer) {
                return false;
            }
            if (hops == 0) {
                m_trailer = *trailer;
            } else if (!find(m_trailer, "Root") && find(*trailer, "Root")) {
                m_trailer = *trailer;
            }
            if (find(*trailer, "Encrypt")) {
                m_encrypted = true;
            }
            const Value* prev = find(*trailer, "Prev");
            if (!prev || prev->kind != Value::Integer || prev->integer < 0) {
                return true;
            }
            offset = static_cast<std::size_t>(prev->integer);
        }
        return true;
    }

    // Without a usable xref, take the last "trailer" dictionary in the file.
    bool loadTrailerByScan()
    {
        const auto at = m_data.rfind("trailer");
        if (at == std::string_view::npos) {
            return false;
        }
        Lexer lex(m_data, at + 7);
        if (lex.next().kind != Tok::DictBegin) {
            return false;
        }
        auto trailer = readDict(lex);
        if (!trailer) {
            return false;
        }
        m_trailer = *trailer;
        m_encrypted = find(m_trailer, "Encrypt") != nullptr;
        return true;
    }

    const Dict& trailer() const
    {
        return m_trailer;
    }

    bool encrypted() const
    {
        return m_encrypted;
    }

    // Positions a lexer just after "num gen obj".
    std::optional<Lexer> object(Ref ref) const
    {
        if (const auto it = m_offsets.find(ref.num); it != m_offsets.end()) {
            if (auto lex = objectAt(it->second, ref)) {
                return lex;
            }
        }
        // Scan for the last definition (incremental updates append newer ones).
        const std::string needle = std::to_string(ref.num) + " " + std::to_string(ref.gen) + " obj";
        std::size_t at = m_data.size();
        while (at > 0) {
            const auto found = m_data.rfind(needle, at - 1);
            if (found == std::string_view::npos) {
                break;
            }
            if (found == 0 || !isRegular(m_data[found - 1])) {
                return Lexer(m_data, found + needle.size());
            }
            at = found;
        }
        return std::nullopt;
    }

    std::optional<Dict> dictObject(Ref ref) const
    {
        auto lex = object(ref);
        if (!lex || lex->next().kind != Tok::DictBegin) {
            return std::nullopt;
        }
        return readDict(*lex);
    }

    std::optional<std::int64_t> integer(const Value& value) const
    {
        if (value.kind == Value::Integer) {
            return value.integer;
        }
        if (value.kind == Value::Reference) {
            if (auto lex = object(value.ref)) {
                const Token t = lex->next();
                if (t.kind == Tok::Integer) {
                    return t.integer;
                }
            }
        }
        return std::nullopt;
    }

private:
    std::optional<Lexer> objectAt(std::int64_t offset, Ref ref) const
    {
        if (offset < 0 || static_cast<std::size_t>(offset) >= m_data.size()) {
            return std::nullopt;
        }
        Lexer lex(m_data, static_cast<std::size_t>(offset));
        const Token num = lex.next();
        const Token gen = lex.next();
        const Token obj = lex.next();
        if (num.kind == Tok::Integer && num.integer == ref.num && gen.kind == Tok::Integer && obj.kind == Tok::Keyword
            && obj.text == "obj") {
            return lex;
        }
        return std::nullopt;
    }

    std::optional<Dict> readXrefTable(Lexer& lex)
    {
        for (;;) {
            const Token t = lex.next();
            if (t.kind == Tok::Keyword && t.text == "trailer") {
                if (lex.next().kind != Tok::DictBegin) {
                    return std::nullopt;
                }
                return readDict(lex);
            }
            const Token count = lex.next();
            if (t.kind != Tok::Integer || count.kind != Tok::Integer || t.integer < 0 || count.integer < 0
                || count.integer > static_cast<std::int64_t>(m_data.size())) {
                return std::nullopt;
            }
            for (std::int64_t i = 0; i < count.integer; ++i) {
                const Token offset = lex.next();
                const Token gen = lex.next();
                const Token type = lex.next();
                if (offset.kind != Tok::Integer || gen.kind != Tok::Integer || type.kind != Tok::Keyword) {
                    return std::nullopt;
                }
                // Newest section first: keep the first offset seen for an object.
                if (type.text == "n") {
                    m_offsets.emplace(t.integer + i, offset.integer);
                }
            }
        }
    }

    std::string_view m_data;
    Dict m_trailer;
    std::map<std::int64_t, std::int64_t> m_offsets;
    bool m_encrypted = false;
};

std::optional<int> countPages(const Document& doc)
{
    const Value* root = find(doc.trailer(), "Root");
    if (!root || root->kind != Value::Reference) {
        return std::nullopt;
    }
    const auto catalog = doc.dictObject(root->ref);
    if (!catalog) {
        return std::nullopt;
    }
    const Value* pagesRef = find(*catalog, "Pages");
    if (!pagesRef || pagesRef->kind != Value::Reference) {
        return std::nullopt;
    }
    const auto pages = doc.dictObject(pagesRef->ref);
    if (!pages) {
        return std::nullopt;
    }
    const Value* count = find(*pages, "Count");
    if (!count) {
        return std::nullopt;
    }
    const auto n = doc.integer(*count);
    if (!n || *n < 0 || *n > 1'000'000) {
        return std::nullopt;
    }
    return static_cast<int>(*n);
}

std::optional<std::size_t> readStartxref(std::string_view data, std::size_t eofAt)
{
    const auto at = data.rfind("startxref", eofAt);
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    Lexer lex(data, at + 9);
    const Token offset = lex.next();
    if (offset.kind != Tok::Integer || offset.integer < 0) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(offset.integer);
}

} // namespace

PdfProbe probePdf(std::string_view data)
{
    PdfProbe probe;
    if (data.empty()) {
        probe.verdict = RejectReason::Empty;
        probe.detail = "no bytes";
        return probe;
    }
    // ISO 32000 allows bytes before the header; readers look in the first KiB.
    const auto header = data.substr(0, 1024).find("%PDF-");
    if (header == std::string_view::npos) {
        // What the filter passes on when Ghostscript refused it: PostScript, said so.
        const auto start = data.find_first_not_of(" \t\r\n");
        const bool postScript = start != std::string_view::npos && data.substr(start, 2) == "%!";
        probe.verdict = postScript ? RejectReason::PostScript : RejectReason::NotPdf;
        probe.detail = postScript ? "PostScript not converted" : "no %PDF- header";
        return probe;
    }
    const auto pdf = data.substr(header);
    const auto eof = pdf.rfind("%%EOF");
    if (eof == std::string_view::npos) {
        probe.verdict = RejectReason::UnreadablePdf;
        probe.detail = "no %%EOF marker: truncated";
        return probe;
    }
    const auto startxref = readStartxref(pdf, eof);
    if (!startxref) {
        probe.verdict = RejectReason::UnreadablePdf;
        probe.detail = "no startxref before %%EOF";
        return probe;
    }

    Document doc(pdf);
    if (!doc.loadXref(*startxref) && !doc.loadTrailerByScan()) {
        probe.detail = "cross-reference unreadable; page count unknown";
        return probe;
    }
    probe.encrypted = doc.encrypted();
    probe.pages = countPages(doc);
    if (!probe.pages) {
        probe.detail = "page tree not reachable uncompressed; page count unknown";
    } else if (*probe.pages == 0) {
        probe.verdict = RejectReason::NoPages;
        probe.detail = "page tree is empty";
    }
    return probe;
}

} // namespace missive::spool
