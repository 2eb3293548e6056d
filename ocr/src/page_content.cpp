#include "page_content.h"

#include <QLoggingCategory>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <qpdf/Buffer.hh>
#include <qpdf/Pipeline.hh>
#include <qpdf/Pl_Flate.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <stdexcept>
#include <string>
#include <string_view>

namespace missive::ocr
{
namespace
{

Q_LOGGING_CATEGORY(lcContent, "missive.ocr.content", QtWarningMsg)

// Bounds on one page's walk: a content stream (and its forms) is a few hundred kB at most on a
// letter; beyond these the page is left to Poppler alone.
constexpr std::size_t MaxContentBytes = 16u * 1024 * 1024;
constexpr long MaxOperators = 1'000'000;
// Bytes of strings shown (an upper bound on glyphs): a dense page of a letter shows 5 to 20 thousand;
// Poppler's text extraction keeps a few hundred bytes per glyph, so a content bomb stops here.
constexpr std::size_t MaxShownBytes = 400'000;
constexpr int MaxFormDepth = 4;
constexpr int MaxStateDepth = 256;
constexpr qsizetype MaxPieces = 40'000;
constexpr qsizetype MaxImages = 256;
constexpr std::size_t MaxJpegBytes = 128u * 1024 * 1024;

constexpr double PointsPerMm = 72 / 25.4;
// A printed DataMatrix is 8-45 mm wide; its modules (alone or merged in runs) are smaller than
// this, and a quiet zone of at least one module isolates it from other ink.
constexpr double MinSymbolMm = 8;
constexpr double MaxSymbolMm = 45;
constexpr double MaxPieceMm = 46;
constexpr double JoinGapMm = 0.8;
constexpr int MinClusterPieces = 20;
constexpr int MinClusterPoints = 80;

// A scan: images at one resolution covering most of the page.
constexpr double ScanCoverage = 0.6;

class BoundedSink : public Pipeline
{
public:
    explicit BoundedSink(std::size_t limit)
        : Pipeline("missive bounded sink", nullptr)
        , m_limit(limit)
    {
    }
    void write(unsigned char const* data, size_t len) override
    {
        if (m_data.size() + len > m_limit) {
            throw std::length_error("stream beyond limit");
        }
        m_data.append(reinterpret_cast<const char*>(data), len);
    }
    void finish() override
    {
    }
    std::string& data()
    {
        return m_data;
    }

private:
    std::size_t m_limit;
    std::string m_data;
};

struct Matrix
{
    double a = 1;
    double b = 0;
    double c = 0;
    double d = 1;
    double e = 0;
    double f = 0;

    [[nodiscard]] QPointF map(double x, double y) const
    {
        return {a * x + c * y + e, b * x + d * y + f};
    }
    // This transformation, then `next` (PDF's row-vector order: this × next).
    [[nodiscard]] Matrix then(const Matrix& n) const
    {
        return {a * n.a + b * n.c, a * n.b + b * n.d,       c * n.a + d * n.c,
                c * n.b + d * n.d, e * n.a + f * n.c + n.e, e * n.b + f * n.d + n.f};
    }
    [[nodiscard]] bool axisAligned() const
    {
        const double scale = std::max({std::abs(a), std::abs(b), std::abs(c), std::abs(d)});
        const double eps = scale * 1e-6;
        return (std::abs(b) <= eps && std::abs(c) <= eps) || (std::abs(a) <= eps && std::abs(d) <= eps);
    }
};

// ---- A minimal content-stream lexer: operators and their last numeric or name operands. Strings,
// arrays and dictionaries are skipped (text shown and marked content do not matter here).
enum class Token
{
    Number,
    Name,
    Operator,
    Other,
    End,
};

class Lexer
{
public:
    explicit Lexer(std::string_view text)
        : m_p(text.data())
        , m_end(text.data() + text.size())
    {
    }

    Token next()
    {
        skipSpace();
        if (m_p >= m_end) {
            return Token::End;
        }
        const char c = *m_p;
        if (c == '(') {
            const char* start = m_p;
            skipString();
            m_shown += static_cast<std::size_t>(m_p - start);
            return Token::Other;
        }
        if (c == '<') {
            if (m_p + 1 < m_end && m_p[1] == '<') {
                m_p += 2;
                return Token::Other;
            }
            const void* close = std::memchr(m_p, '>', static_cast<std::size_t>(m_end - m_p));
            const char* start = m_p;
            m_p = close ? static_cast<const char*>(close) + 1 : m_end;
            m_shown += static_cast<std::size_t>(m_p - start) / 2;
            return Token::Other;
        }
        if (c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == ')') {
            m_p += (c == '>' && m_p + 1 < m_end && m_p[1] == '>') ? 2 : 1;
            return Token::Other;
        }
        if (c == '/') {
            ++m_p;
            m_text.clear();
            while (m_p < m_end && isRegular(*m_p)) {
                m_text += *m_p++;
            }
            return Token::Name;
        }
        const char* start = m_p;
        while (m_p < m_end && isRegular(*m_p)) {
            ++m_p;
        }
        if (m_p == start) {
            ++m_p; // a stray delimiter
            return Token::Other;
        }
        m_text.assign(start, m_p);
        if (looksNumeric(m_text)) {
            m_number = std::strtod(m_text.c_str(), nullptr);
            return Token::Number;
        }
        return Token::Operator;
    }

    // After the ID operator of an inline image: its data, up to "EI" between white space.
    void skipInlineData()
    {
        if (m_p < m_end) {
            ++m_p; // the single white-space character after ID
        }
        while (m_p + 1 < m_end) {
            if (m_p[0] == 'E' && m_p[1] == 'I' && isSpace(m_p[-1]) && (m_p + 2 == m_end || !isRegular(m_p[2]))) {
                m_p += 2;
                return;
            }
            ++m_p;
        }
        m_p = m_end;
    }

    [[nodiscard]] const std::string& text() const
    {
        return m_text;
    }
    [[nodiscard]] double number() const
    {
        return m_number;
    }
    // Bytes of the strings met so far (text shown, bar a few marked-content titles).
    [[nodiscard]] std::size_t shown() const
    {
        return m_shown;
    }

private:
    static bool isSpace(char c)
    {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
    }
    static bool isRegular(char c)
    {
        return !isSpace(c) && std::strchr("()<>[]{}/%", c) == nullptr;
    }
    static bool looksNumeric(const std::string& s)
    {
        bool digit = false;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const char c = s[i];
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (!(c == '.' || ((c == '-' || c == '+') && i == 0))) {
                return false;
            }
        }
        return digit;
    }
    void skipSpace()
    {
        while (m_p < m_end) {
            if (isSpace(*m_p)) {
                ++m_p;
            } else if (*m_p == '%') {
                while (m_p < m_end && *m_p != '\n' && *m_p != '\r') {
                    ++m_p;
                }
            } else {
                break;
            }
        }
    }
    void skipString()
    {
        int depth = 0;
        while (m_p < m_end) {
            const char c = *m_p++;
            if (c == '\\') {
                ++m_p;
            } else if (c == '(') {
                ++depth;
            } else if (c == ')' && --depth == 0) {
                return;
            }
        }
    }

    const char* m_p;
    const char* m_end;
    std::string m_text;
    double m_number = 0;
    std::size_t m_shown = 0;
};

std::optional<std::string> streamData(QPDFObjectHandle stream, std::size_t limit)
{
    BoundedSink sink(limit);
    bool attempted = false;
    if (!stream.pipeStreamData(&sink, &attempted, 0, qpdf_dl_generalized, true, false)) {
        return std::nullopt;
    }
    return std::move(sink.data());
}

// QRectF::united ignores empty rectangles, so a box grown from points is kept by its corners.
QRectF extended(const QRectF& box, QPointF p, bool first)
{
    if (first) {
        return QRectF(p, QSizeF(0, 0));
    }
    const double left = std::min(box.left(), p.x());
    const double top = std::min(box.top(), p.y());
    const double right = std::max(box.right(), p.x());
    const double bottom = std::max(box.bottom(), p.y());
    return QRectF(QPointF(left, top), QPointF(right, bottom));
}

struct Subpath
{
    QRectF box;
    int points = 0;
    bool rect = false;
    QPointF corners[5];
};

struct Piece
{
    QRectF box;
    int points = 0;
    bool rect = false;
    bool dark = true;
};

// Whether a colour given by its components (grey, RGB or CMYK, 0-1) prints dark.
bool darkColour(const double* c, int n)
{
    if (n == 1) {
        return c[0] < 0.5;
    }
    if (n == 3) {
        return 0.3 * c[0] + 0.59 * c[1] + 0.11 * c[2] < 0.5;
    }
    if (n == 4) {
        return 0.3 * c[0] + 0.59 * c[1] + 0.11 * c[2] + c[3] > 0.5;
    }
    return true; // a pattern or a separation: assume ink
}

struct GraphicsState
{
    Matrix ctm;
    bool fillDark = true;
    bool strokeDark = true;
};

// Walks one page's content (and the forms it draws), in displayed coordinates.
class Walker
{
public:
    Walker(PageContent& out, std::vector<Piece>& pieces)
        : m_out(out)
        , m_pieces(pieces)
    {
    }

    void run(std::string_view content, QPDFObjectHandle resources, const GraphicsState& initial, int depth)
    {
        Lexer lex(content);
        std::vector<GraphicsState> stack;
        Matrix ctm = initial.ctm;
        bool fillDark = initial.fillDark;
        bool strokeDark = initial.strokeDark;
        double nums[6] = {};
        int numCount = 0;
        std::string name;
        QList<Subpath> path;
        Subpath current;
        bool open = false;
        const auto pushPoint = [&](QPointF p) {
            if (!open) {
                current = Subpath{};
                open = true;
            }
            current.box = extended(current.box, p, current.points == 0);
            if (current.points < 5) {
                current.corners[current.points] = p;
            }
            ++current.points;
        };
        const auto closeSub = [&] {
            if (open) {
                current.rect = isRectangle(current);
                path += current;
                open = false;
            }
        };
        for (Token t = lex.next(); t != Token::End; t = lex.next()) {
            if (t == Token::Number) {
                std::copy(nums + 1, nums + 6, nums);
                nums[5] = lex.number();
                numCount = std::min(numCount + 1, 6);
                continue;
            }
            if (t == Token::Name) {
                name = lex.text();
                continue;
            }
            if (t == Token::Other) {
                continue;
            }
            if (++m_operators > MaxOperators || m_shown + lex.shown() > MaxShownBytes) {
                m_out.opaque = true;
                m_out.oversized = true;
                return;
            }
            const std::string& op = lex.text();
            const auto n = [&](int i) { return nums[6 - numCount + i]; }; // i-th of the operands
            if (op == "q") {
                if (stack.size() >= MaxStateDepth) {
                    m_out.opaque = true;
                    return;
                }
                stack.push_back(GraphicsState{ctm, fillDark, strokeDark});
            } else if (op == "Q") {
                if (!stack.empty()) {
                    ctm = stack.back().ctm;
                    fillDark = stack.back().fillDark;
                    strokeDark = stack.back().strokeDark;
                    stack.pop_back();
                }
            } else if (op == "g" || op == "rg" || op == "k" || op == "sc" || op == "scn") {
                fillDark = darkColour(nums + 6 - numCount, numCount);
            } else if (op == "G" || op == "RG" || op == "K" || op == "SC" || op == "SCN") {
                strokeDark = darkColour(nums + 6 - numCount, numCount);
            } else if (op == "cs") {
                fillDark = true; // every colour space starts black
            } else if (op == "CS") {
                strokeDark = true;
            } else if (op == "cm" && numCount == 6) {
                ctm = Matrix{n(0), n(1), n(2), n(3), n(4), n(5)}.then(ctm);
            } else if (op == "re" && numCount >= 4) {
                closeSub();
                const double x = n(numCount - 4);
                const double y = n(numCount - 3);
                const double w = n(numCount - 2);
                const double h = n(numCount - 1);
                pushPoint(ctm.map(x, y));
                pushPoint(ctm.map(x + w, y));
                pushPoint(ctm.map(x + w, y + h));
                pushPoint(ctm.map(x, y + h));
                current.rect = ctm.axisAligned();
                path += current;
                open = false;
            } else if (op == "m" && numCount >= 2) {
                closeSub();
                pushPoint(ctm.map(n(numCount - 2), n(numCount - 1)));
            } else if (op == "l" && numCount >= 2) {
                pushPoint(ctm.map(n(numCount - 2), n(numCount - 1)));
            } else if ((op == "c" && numCount >= 6) || ((op == "v" || op == "y") && numCount >= 4)) {
                for (int i = numCount - (op == "c" ? 6 : 4); i < numCount; i += 2) {
                    pushPoint(ctm.map(n(i), n(i + 1)));
                }
                current.points += 6; // a curve: never a rectangle
            } else if (op == "h") {
                closeSub();
            } else if (op == "f" || op == "F" || op == "f*" || op == "B" || op == "B*" || op == "b" || op == "b*") {
                closeSub();
                for (const Subpath& s : path) {
                    addPiece(s, fillDark);
                }
                path.clear();
            } else if (op == "S" || op == "s") {
                // Some writers draw the modules as thick strokes: they count as ink, not as rectangles.
                closeSub();
                for (Subpath& s : path) {
                    s.rect = false;
                    addPiece(s, strokeDark);
                }
                path.clear();
            } else if (op == "n") {
                path.clear();
                open = false;
            } else if (op == "Do" && !name.empty()) {
                doXObject(resources, name, GraphicsState{ctm, fillDark, strokeDark}, depth);
            } else if (op == "Tf" && !name.empty()) {
                checkFont(resources, name);
            } else if (op == "BI") {
                inlineImage(lex, ctm);
            }
            numCount = 0;
            name.clear();
        }
        m_shown += lex.shown();
    }

private:
    static bool isRectangle(const Subpath& s)
    {
        int n = s.points;
        if (n == 5 && s.corners[4] == s.corners[0]) {
            n = 4;
        }
        if (n != 4) {
            return false;
        }
        for (int i = 0; i < 4; ++i) {
            const QPointF& p = s.corners[i];
            const QPointF& q = s.corners[(i + 1) % 4];
            const bool horizontal = std::abs(p.y() - q.y()) < 1e-3;
            const bool vertical = std::abs(p.x() - q.x()) < 1e-3;
            if (horizontal == vertical) {
                return false;
            }
        }
        return true;
    }

    // Only what lands on the page counts (this also keeps absurd coordinates out of later casts).
    [[nodiscard]] bool onPage(const QRectF& box) const
    {
        return std::isfinite(box.left()) && std::isfinite(box.top()) && std::isfinite(box.right())
               && std::isfinite(box.bottom()) && box.right() >= 0 && box.bottom() >= 0
               && box.left() <= m_out.size.width() && box.top() <= m_out.size.height();
    }

    void addPiece(const Subpath& s, bool dark)
    {
        if (!onPage(s.box)) {
            return;
        }
        const double maxPt = MaxPieceMm * PointsPerMm;
        if (s.box.width() > maxPt || s.box.height() > maxPt || (s.box.width() <= 0 && s.box.height() <= 0)) {
            return;
        }
        if (m_pieces.size() >= static_cast<std::size_t>(MaxPieces)) {
            m_out.opaque = true;
            return;
        }
        m_pieces.push_back(Piece{s.box, s.points, s.rect, dark});
    }

    void placeImage(const Matrix& ctm, int width, int height, int object, int generation)
    {
        if (width <= 0 || height <= 0 || m_out.images.size() >= MaxImages) {
            return;
        }
        PlacedImage image;
        image.pixelWidth = width;
        image.pixelHeight = height;
        image.object = object;
        image.generation = generation;
        const QPointF corners[4] = {ctm.map(0, 0), ctm.map(1, 0), ctm.map(0, 1), ctm.map(1, 1)};
        QRectF box;
        for (int i = 0; i < 4; ++i) {
            box = extended(box, corners[i], i == 0);
        }
        if (!onPage(box)) {
            return;
        }
        image.rect = box;
        // Image space: (0, 1) is the first pixel of the first row; u runs along a row, v down rows.
        const QPointF u(ctm.a / width, ctm.b / width);
        const QPointF v(-ctm.c / height, -ctm.d / height);
        const double eps = 1e-6 * std::max(std::hypot(u.x(), u.y()), std::hypot(v.x(), v.y()));
        image.upright = u.x() > 0 && std::abs(u.y()) <= eps && v.y() > 0 && std::abs(v.x()) <= eps;
        const auto along = [eps](QPointF p, int sx, int sy) {
            return (sx == 0 ? std::abs(p.x()) <= eps : p.x() * sx > 0)
                   && (sy == 0 ? std::abs(p.y()) <= eps : p.y() * sy > 0);
        };
        if (image.upright) {
            image.quarterTurns = 0;
        } else if (along(u, 0, 1) && along(v, -1, 0)) {
            image.quarterTurns = 1; // rows run down, the first row on the right
        } else if (along(u, -1, 0) && along(v, 0, -1)) {
            image.quarterTurns = 2;
        } else if (along(u, 0, -1) && along(v, 1, 0)) {
            image.quarterTurns = 3;
        }
        const double stepX = std::max(std::abs(u.x()), std::abs(v.x()));
        const double stepY = std::max(std::abs(u.y()), std::abs(v.y()));
        image.ppiX = stepX > 0 ? 72 / stepX : 0;
        image.ppiY = stepY > 0 ? 72 / stepY : 0;
        if (!ctm.axisAligned()) {
            // Skewed: the resolution along the image's own axes.
            image.ppiX = image.ppiY = 72 / std::sqrt(std::hypot(u.x(), u.y()) * std::hypot(v.x(), v.y()));
        }
        m_out.images += image;
    }

    void doXObject(QPDFObjectHandle resources, const std::string& name, const GraphicsState& state, int depth)
    {
        const Matrix& ctm = state.ctm;
        QPDFObjectHandle xobject = resources.getKeyIfDict("/XObject").getKeyIfDict("/" + name);
        if (!xobject.isStream()) {
            return;
        }
        QPDFObjectHandle dict = xobject.getDict();
        const std::string subtype = dict.getKey("/Subtype").isName() ? dict.getKey("/Subtype").getName() : "";
        if (subtype == "/Image") {
            QPDFObjectHandle w = dict.getKey("/Width");
            QPDFObjectHandle h = dict.getKey("/Height");
            if (w.isInteger() && h.isInteger()) {
                placeImage(ctm, static_cast<int>(std::clamp<long long>(w.getIntValue(), 0, 1'000'000)),
                           static_cast<int>(std::clamp<long long>(h.getIntValue(), 0, 1'000'000)),
                           xobject.getObjectID(), xobject.getGeneration());
            }
            return;
        }
        if (subtype != "/Form") {
            return;
        }
        if (depth >= MaxFormDepth) {
            m_out.opaque = true;
            return;
        }
        Matrix form;
        QPDFObjectHandle m = dict.getKey("/Matrix");
        if (m.isArray() && m.getArrayNItems() == 6) {
            double v[6] = {};
            for (int i = 0; i < 6; ++i) {
                QPDFObjectHandle item = m.getArrayItem(i);
                v[i] = item.isNumber() ? item.getNumericValue() : (i == 0 || i == 3 ? 1 : 0);
            }
            form = Matrix{v[0], v[1], v[2], v[3], v[4], v[5]};
        }
        QPDFObjectHandle formResources = dict.getKey("/Resources");
        if (!formResources.isDictionary()) {
            formResources = resources;
        }
        const std::size_t budget = MaxContentBytes > m_bytes ? MaxContentBytes - m_bytes : 0;
        std::optional<std::string> content;
        try {
            content = streamData(xobject, budget);
        } catch (const std::length_error&) {
            m_out.opaque = true;
            m_out.oversized = true;
            return;
        }
        if (!content) {
            m_out.opaque = true;
            return;
        }
        m_bytes += content->size();
        run(*content, formResources, GraphicsState{form.then(ctm), state.fillDark, state.strokeDark}, depth + 1);
    }

    void checkFont(QPDFObjectHandle resources, const std::string& name)
    {
        const auto known = m_fonts.find(name);
        if (known != m_fonts.end()) {
            m_out.opaque = m_out.opaque || known->second;
            return;
        }
        QPDFObjectHandle font = resources.getKeyIfDict("/Font").getKeyIfDict("/" + name);
        QPDFObjectHandle base = font.isDictionary() ? font.getKey("/BaseFont") : QPDFObjectHandle::newNull();
        QByteArray baseName = base.isName() ? QByteArray::fromStdString(base.getName()).toLower() : QByteArray();
        // DataMatrix fonts (IDAutomation, Dafont…) draw the symbol as glyphs: only rendering sees it.
        const bool barcode = baseName.contains("matrix") || baseName.contains("barcode") || baseName.contains("dmtx");
        m_fonts[name] = barcode;
        m_out.opaque = m_out.opaque || barcode;
    }

    void inlineImage(Lexer& lex, const Matrix& ctm)
    {
        int width = 0;
        int height = 0;
        std::string key;
        for (Token t = lex.next(); t != Token::End; t = lex.next()) {
            if (t == Token::Operator && lex.text() == "ID") {
                lex.skipInlineData();
                placeImage(ctm, width, height, 0, 0);
                return;
            }
            if (t == Token::Name) {
                key = lex.text();
            } else if (t == Token::Number && (key == "W" || key == "Width")) {
                width = static_cast<int>(std::clamp(lex.number(), 0.0, 1e6));
            } else if (t == Token::Number && (key == "H" || key == "Height")) {
                height = static_cast<int>(std::clamp(lex.number(), 0.0, 1e6));
            }
        }
    }

    PageContent& m_out;
    std::vector<Piece>& m_pieces;
    std::map<std::string, bool> m_fonts;
    long m_operators = 0;
    std::size_t m_shown = 0;

public:
    std::size_t m_bytes = 0;
};

// Groups small filled pieces that touch (within a quiet-zone gap) and keeps the groups shaped
// like a symbol.
QList<ShapeCluster> clustersOf(const std::vector<Piece>& pieces, QSizeF page)
{
    QList<ShapeCluster> out;
    if (pieces.empty()) {
        return out;
    }
    const double cell = PointsPerMm; // 1 mm grid
    // Bounded before it becomes an int: a crafted MediaBox may be any size (or not a number).
    const double columns = std::ceil(page.width() / cell) + 2;
    const double rows = std::ceil(page.height() / cell) + 2;
    if (!(columns > 0 && rows > 0 && columns * rows <= 4'000'000)) {
        return out;
    }
    const int gw = static_cast<int>(columns);
    const int gh = static_cast<int>(rows);
    std::vector<int> owner(static_cast<std::size_t>(gw) * gh, -1);
    // Union-find over pieces: pieces whose grown boxes share a grid cell belong together.
    std::vector<int> parent(pieces.size());
    for (std::size_t i = 0; i < parent.size(); ++i) {
        parent[i] = static_cast<int>(i);
    }
    const auto find = [&](int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    };
    const double grow = JoinGapMm * PointsPerMm / 2;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const QRectF b = pieces[i].box.adjusted(-grow, -grow, grow, grow);
        const int x0 = std::clamp(static_cast<int>(b.left() / cell) + 1, 0, gw - 1);
        const int x1 = std::clamp(static_cast<int>(b.right() / cell) + 1, 0, gw - 1);
        const int y0 = std::clamp(static_cast<int>(b.top() / cell) + 1, 0, gh - 1);
        const int y1 = std::clamp(static_cast<int>(b.bottom() / cell) + 1, 0, gh - 1);
        for (int y = y0; y <= y1; ++y) {
            for (int x = x0; x <= x1; ++x) {
                int& o = owner[static_cast<std::size_t>(y) * gw + x];
                if (o < 0) {
                    o = static_cast<int>(i);
                } else {
                    parent[find(o)] = find(static_cast<int>(i));
                }
            }
        }
    }
    std::map<int, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        groups[find(static_cast<int>(i))].push_back(i);
    }
    for (const auto& [root, members] : groups) {
        QRectF box;
        int points = 0;
        int dark = 0;
        bool rectsOnly = true;
        for (const std::size_t i : members) {
            dark += pieces[i].dark ? 1 : 0;
            box = extended(extended(box, pieces[i].box.topLeft(), i == members.front()), pieces[i].box.bottomRight(),
                           false);
            points += pieces[i].points;
            rectsOnly = rectsOnly && pieces[i].rect;
        }
        const double wMm = box.width() / PointsPerMm;
        const double hMm = box.height() / PointsPerMm;
        if (wMm < MinSymbolMm || hMm < MinSymbolMm || wMm > MaxSymbolMm * 1.15 || hMm > MaxSymbolMm * 1.15
            || wMm > hMm * 1.3 || hMm > wMm * 1.3) {
            continue;
        }
        if (dark == 0 || (dark < MinClusterPieces && points < MinClusterPoints)) {
            continue;
        }
        ShapeCluster cluster;
        cluster.box = box;
        cluster.rectsOnly = rectsOnly;
        if (rectsOnly) {
            for (const std::size_t i : members) {
                cluster.rects += FilledRect{pieces[i].box, pieces[i].dark};
            }
        }
        out += cluster;
    }
    return out;
}

// Maps default user space to the displayed page: origin at the crop box's top left, y down,
// the page's /Rotate applied (clockwise).
Matrix displayMatrix(const QPDFObjectHandle::Rectangle& box, int rotate, QSizeF& size)
{
    const double x0 = std::min(box.llx, box.urx);
    const double x1 = std::max(box.llx, box.urx);
    const double y0 = std::min(box.lly, box.ury);
    const double y1 = std::max(box.lly, box.ury);
    switch (rotate) {
    case 90:
        size = QSizeF(y1 - y0, x1 - x0);
        return Matrix{0, 1, 1, 0, -y0, -x0};
    case 180:
        size = QSizeF(x1 - x0, y1 - y0);
        return Matrix{-1, 0, 0, 1, x1, -y0};
    case 270:
        size = QSizeF(y1 - y0, x1 - x0);
        return Matrix{0, -1, -1, 0, y1, x1};
    default:
        size = QSizeF(x1 - x0, y1 - y0);
        return Matrix{1, 0, 0, -1, -x0, y1};
    }
}

int components(QPDFObjectHandle colorSpace, std::vector<std::uint8_t>* palette, int* paletteBase)
{
    if (colorSpace.isName()) {
        const std::string n = colorSpace.getName();
        if (n == "/DeviceGray" || n == "/CalGray" || n == "/G") {
            return 1;
        }
        if (n == "/DeviceRGB" || n == "/CalRGB" || n == "/RGB") {
            return 3;
        }
        if (n == "/DeviceCMYK" || n == "/CMYK") {
            return 4;
        }
        return 0;
    }
    if (!colorSpace.isArray() || colorSpace.getArrayNItems() < 1 || !colorSpace.getArrayItem(0).isName()) {
        return 0;
    }
    const std::string family = colorSpace.getArrayItem(0).getName();
    if (family == "/CalGray") {
        return 1;
    }
    if (family == "/CalRGB") {
        return 3;
    }
    if (family == "/ICCBased" && colorSpace.getArrayNItems() >= 2 && colorSpace.getArrayItem(1).isStream()) {
        QPDFObjectHandle nObj = colorSpace.getArrayItem(1).getDict().getKey("/N");
        const int n = nObj.isInteger() ? static_cast<int>(nObj.getIntValue()) : 0;
        return n == 1 || n == 3 || n == 4 ? n : 0;
    }
    if ((family == "/Indexed" || family == "/I") && palette && colorSpace.getArrayNItems() == 4) {
        const int base = components(colorSpace.getArrayItem(1), nullptr, nullptr);
        QPDFObjectHandle lookup = colorSpace.getArrayItem(3);
        std::string table;
        if (lookup.isString()) {
            table = lookup.getStringValue();
        } else if (lookup.isStream()) {
            const auto data = streamData(lookup, 256 * 4 + 16);
            table = data ? *data : std::string();
        }
        if (base == 0 || table.empty()) {
            return 0;
        }
        palette->assign(table.begin(), table.end());
        *paletteBase = base;
        return 1;
    }
    return 0;
}

std::uint8_t grayOf(const std::uint8_t* c, int n)
{
    if (n == 1) {
        return c[0];
    }
    if (n == 3) {
        return static_cast<std::uint8_t>((c[0] * 77 + c[1] * 150 + c[2] * 29) >> 8);
    }
    const int k = (c[0] * 77 + c[1] * 150 + c[2] * 29) / 256 + c[3];
    return static_cast<std::uint8_t>(255 - std::min(255, k));
}

// The text encodings some writers put in front of an image's JPEG data (reportlab: ASCII85).
std::optional<std::string> ascii85(const std::string& in)
{
    std::string out;
    out.reserve(in.size() * 4 / 5 + 4);
    std::uint32_t tuple = 0;
    int count = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '~') {
            break;
        }
        if (c == 'z' && count == 0) {
            out.append(4, '\0');
            continue;
        }
        if (c < '!' || c > 'u') {
            continue; // white space
        }
        tuple = tuple * 85 + static_cast<std::uint32_t>(c - '!');
        if (++count == 5) {
            for (int k = 3; k >= 0; --k) {
                out += static_cast<char>((tuple >> (8 * k)) & 0xff);
            }
            tuple = 0;
            count = 0;
        }
    }
    if (count == 1) {
        return std::nullopt;
    }
    if (count > 0) {
        for (int k = count; k < 5; ++k) {
            tuple = tuple * 85 + 84;
        }
        for (int k = 3; k > 3 - (count - 1); --k) {
            out += static_cast<char>((tuple >> (8 * k)) & 0xff);
        }
    }
    return out;
}

std::optional<std::string> asciiHex(const std::string& in)
{
    std::string out;
    int high = -1;
    for (const char c : in) {
        if (c == '>') {
            break;
        }
        const int v = (c >= '0' && c <= '9')   ? c - '0'
                      : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                      : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                               : -1;
        if (v < 0) {
            continue;
        }
        if (high < 0) {
            high = v;
        } else {
            out += static_cast<char>(high * 16 + v);
            high = -1;
        }
    }
    if (high >= 0) {
        out += static_cast<char>(high * 16);
    }
    return out;
}

std::optional<std::string> inflate(const std::string& in, std::size_t limit)
{
    BoundedSink sink(limit);
    Pl_Flate flate("missive inflate", &sink, Pl_Flate::a_inflate);
    flate.write(reinterpret_cast<const unsigned char*>(in.data()), in.size());
    flate.finish();
    return std::move(sink.data());
}

} // namespace

std::optional<ScanLayout> scanLayout(const PageContent& page)
{
    const double pageArea = page.size.width() * page.size.height();
    if (page.images.isEmpty() || !(pageArea > 0)) {
        return std::nullopt;
    }
    const QRectF bounds(QPointF(0, 0), page.size);
    const auto areaOf = [&](const PlacedImage& image) {
        const QRectF clipped = image.rect.intersected(bounds);
        return clipped.width() * clipped.height();
    };
    const auto largest = std::max_element(page.images.begin(), page.images.end(),
                                          [&](const auto& a, const auto& b) { return areaOf(a) < areaOf(b); });
    if (!(largest->ppiX > 0 && largest->ppiY > 0)) {
        return std::nullopt;
    }
    ScanLayout layout;
    layout.ppiX = largest->ppiX;
    layout.ppiY = largest->ppiY;
    double area = 0;
    int members = 0;
    for (const PlacedImage& image : page.images) {
        // Bands of one scan share its resolution; a logo or a stamp does not count.
        if (std::abs(image.ppiX - layout.ppiX) > 0.03 * layout.ppiX
            || std::abs(image.ppiY - layout.ppiY) > 0.03 * layout.ppiY || areaOf(image) < 0.01 * pageArea) {
            continue;
        }
        layout.rect =
            members == 0 ? image.rect.intersected(bounds) : layout.rect.united(image.rect.intersected(bounds));
        area += areaOf(image);
        ++members;
    }
    layout.coverage = std::min(1.0, area / pageArea);
    if (layout.coverage < ScanCoverage) {
        return std::nullopt;
    }
    if (members == 1) {
        layout.single = *largest;
    }
    return layout;
}

GrayBuffer rasterize(const ShapeCluster& cluster)
{
    GrayBuffer out;
    if (cluster.rects.isEmpty() || !(cluster.box.width() > 0 && cluster.box.height() > 0)) {
        return out;
    }
    // The module is the smallest side among the rectangles, dark or light (runs of modules and
    // backgrounds are larger).
    double module = std::max(cluster.box.width(), cluster.box.height());
    for (const FilledRect& f : cluster.rects) {
        for (const double side : {f.rect.width(), f.rect.height()}) {
            if (side > 0.05) {
                module = std::min(module, side);
            }
        }
    }
    constexpr double PixelsPerModule = 5;
    constexpr int MaxSide = 1600;
    double scale = PixelsPerModule / module;
    scale = std::min(scale, MaxSide / (std::max(cluster.box.width(), cluster.box.height()) + 8 * module));
    const int margin = static_cast<int>(std::ceil(4 * module * scale));
    out.width = static_cast<int>(std::ceil(cluster.box.width() * scale)) + 2 * margin;
    out.height = static_cast<int>(std::ceil(cluster.box.height() * scale)) + 2 * margin;
    out.pixels.assign(static_cast<std::size_t>(out.width) * out.height, 255);
    for (const FilledRect& f : cluster.rects) {
        const QRectF& r = f.rect;
        const int x0 =
            std::clamp(static_cast<int>(std::lround((r.left() - cluster.box.left()) * scale)) + margin, 0, out.width);
        const int x1 =
            std::clamp(static_cast<int>(std::lround((r.right() - cluster.box.left()) * scale)) + margin, x0, out.width);
        const int y0 =
            std::clamp(static_cast<int>(std::lround((r.top() - cluster.box.top()) * scale)) + margin, 0, out.height);
        const int y1 = std::clamp(static_cast<int>(std::lround((r.bottom() - cluster.box.top()) * scale)) + margin, y0,
                                  out.height);
        for (int y = y0; y < y1; ++y) {
            std::fill_n(out.pixels.begin() + static_cast<std::ptrdiff_t>(y) * out.width + x0, x1 - x0,
                        f.dark ? 0 : 255);
        }
    }
    return out;
}

struct PdfContent::Impl
{
    QPDF qpdf;
    std::vector<QPDFPageObjectHelper> pages;
    bool open = false;
};

PdfContent::PdfContent(const QByteArray& pdf)
    : d(std::make_unique<Impl>())
{
    try {
        d->qpdf.setSuppressWarnings(true);
        d->qpdf.processMemoryFile("document", pdf.constData(), static_cast<size_t>(pdf.size()));
        d->pages = QPDFPageDocumentHelper(d->qpdf).getAllPages();
        d->open = true;
    } catch (const std::exception& e) {
        qCInfo(lcContent) << "qpdf cannot read the document:" << e.what();
        d->pages.clear();
    }
}

PdfContent::~PdfContent() = default;

int PdfContent::pageCount() const
{
    return static_cast<int>(d->pages.size());
}

std::optional<PageContent> PdfContent::page(int index) const
{
    if (index < 0 || index >= pageCount()) {
        return std::nullopt;
    }
    PageContent out;
    std::vector<Piece> pieces;
    try {
        QPDFPageObjectHelper& page = d->pages[static_cast<std::size_t>(index)];
        QPDFObjectHandle rotateObj = page.getAttribute("/Rotate", false);
        const int rotate = rotateObj.isInteger() ? static_cast<int>(((rotateObj.getIntValue() % 360) + 360) % 360) : 0;
        const Matrix display = displayMatrix(page.getCropBox(false, false).getArrayAsRectangle(), rotate, out.size);
        BoundedSink sink(MaxContentBytes);
        page.pipeContents(&sink);
        Walker walker(out, pieces);
        walker.m_bytes = sink.data().size();
        walker.run(sink.data(), page.getAttribute("/Resources", false), GraphicsState{display}, 0);
    } catch (const std::length_error& e) {
        qCInfo(lcContent) << "page" << index + 1 << "beyond the bounds of a letter:" << e.what();
        out.opaque = true;
        out.oversized = true;
    } catch (const std::exception& e) {
        qCInfo(lcContent) << "page" << index + 1 << "not walked:" << e.what();
        out.opaque = true;
    }
    out.clusters = clustersOf(pieces, out.size);
    return out;
}

std::optional<QByteArray> PdfContent::jpegOf(const PlacedImage& image) const
{
    if (image.object <= 0) {
        return std::nullopt;
    }
    try {
        QPDFObjectHandle stream = d->qpdf.getObject(image.object, image.generation);
        if (!stream.isStream()) {
            return std::nullopt;
        }
        QPDFObjectHandle dict = stream.getDict();
        // DCTDecode last, perhaps behind a text encoding or Flate.
        QPDFObjectHandle filterObj = dict.getKey("/Filter");
        std::vector<std::string> filters;
        if (filterObj.isArray()) {
            for (QPDFObjectHandle& f : filterObj.getArrayAsVector()) {
                filters.push_back(f.isName() ? f.getName() : std::string());
            }
        } else if (filterObj.isName()) {
            filters.push_back(filterObj.getName());
        }
        QPDFObjectHandle bpc = dict.getKey("/BitsPerComponent");
        QPDFObjectHandle mask = dict.getKey("/ImageMask");
        if (filters.empty() || (filters.back() != "/DCTDecode" && filters.back() != "/DCT") || !bpc.isInteger()
            || bpc.getIntValue() != 8 || (mask.isBool() && mask.getBoolValue()) || dict.hasKey("/Decode")
            || dict.hasKey("/SMask") || dict.hasKey("/Mask")) {
            return std::nullopt;
        }
        const int n = components(dict.getKey("/ColorSpace"), nullptr, nullptr);
        if (n != 1 && n != 3) {
            return std::nullopt;
        }
        const std::shared_ptr<Buffer> raw = stream.getRawStreamData();
        if (!raw) {
            return std::nullopt;
        }
        std::optional<std::string> data(std::in_place, reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize());
        for (std::size_t i = 0; i + 1 < filters.size() && data; ++i) {
            const std::string& f = filters[i];
            if (f == "/ASCII85Decode" || f == "/A85") {
                data = ascii85(*data);
            } else if (f == "/ASCIIHexDecode" || f == "/AHx") {
                data = asciiHex(*data);
            } else if (f == "/FlateDecode" || f == "/Fl") {
                data = inflate(*data, MaxJpegBytes);
            } else {
                return std::nullopt;
            }
        }
        if (!data) {
            return std::nullopt;
        }
        return QByteArray(data->data(), static_cast<qsizetype>(data->size()));
    } catch (const std::exception& e) {
        qCInfo(lcContent) << "image not read:" << e.what();
        return std::nullopt;
    }
}

std::optional<GrayBuffer> PdfContent::pixelsOf(const PlacedImage& image, qint64 maxPixels) const
{
    if (image.object <= 0 || static_cast<qint64>(image.pixelWidth) * image.pixelHeight > maxPixels) {
        return std::nullopt;
    }
    if (const auto jpeg = jpegOf(image)) {
        auto gray = decodeJpeg(*jpeg, 1, maxPixels);
        if (gray && (gray->width != image.pixelWidth || gray->height != image.pixelHeight)) {
            return std::nullopt;
        }
        return gray;
    }
    try {
        QPDFObjectHandle stream = d->qpdf.getObject(image.object, image.generation);
        if (!stream.isStream()) {
            return std::nullopt;
        }
        QPDFObjectHandle dict = stream.getDict();
        // Filters qpdf decodes itself; JPEG 2000, JBIG2 and CCITT are left to Poppler.
        QPDFObjectHandle filters = dict.getKey("/Filter");
        std::vector<QPDFObjectHandle> list;
        if (filters.isArray()) {
            list = filters.getArrayAsVector();
        } else if (filters.isName()) {
            list.push_back(filters);
        }
        for (QPDFObjectHandle& f : list) {
            const std::string n = f.isName() ? f.getName() : "";
            if (n != "/FlateDecode" && n != "/Fl" && n != "/LZWDecode" && n != "/LZW" && n != "/RunLengthDecode"
                && n != "/RL" && n != "/ASCIIHexDecode" && n != "/AHx" && n != "/ASCII85Decode" && n != "/A85") {
                return std::nullopt;
            }
        }
        QPDFObjectHandle maskObj = dict.getKey("/ImageMask");
        const bool stencil = maskObj.isBool() && maskObj.getBoolValue();
        QPDFObjectHandle bpcObj = dict.getKey("/BitsPerComponent");
        const int bpc = stencil ? 1 : (bpcObj.isInteger() ? static_cast<int>(bpcObj.getIntValue()) : 0);
        std::vector<std::uint8_t> palette;
        int paletteBase = 0;
        const int n = stencil ? 1 : components(dict.getKey("/ColorSpace"), &palette, &paletteBase);
        if (n == 0 || (bpc != 1 && bpc != 2 && bpc != 4 && bpc != 8 && bpc != 16)) {
            return std::nullopt;
        }
        const int w = image.pixelWidth;
        const int h = image.pixelHeight;
        const std::size_t rowBytes = (static_cast<std::size_t>(w) * n * bpc + 7) / 8;
        const auto data = streamData(stream, rowBytes * h + 1024);
        if (!data || data->size() < rowBytes * h) {
            return std::nullopt;
        }
        bool invert = false;
        QPDFObjectHandle decode = dict.getKey("/Decode");
        if (decode.isArray() && decode.getArrayNItems() >= 2 && palette.empty()) {
            QPDFObjectHandle d0 = decode.getArrayItem(0);
            QPDFObjectHandle d1 = decode.getArrayItem(1);
            invert = d0.isNumber() && d1.isNumber() && d0.getNumericValue() > d1.getNumericValue();
        }
        GrayBuffer out;
        out.width = w;
        out.height = h;
        out.pixels.resize(static_cast<std::size_t>(w) * h);
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(data->data());
        const int maxSample = (1 << std::min(bpc, 8)) - 1;
        for (int y = 0; y < h; ++y) {
            const std::uint8_t* row = bytes + rowBytes * y;
            for (int x = 0; x < w; ++x) {
                std::uint8_t c[4] = {};
                int index = 0;
                for (int k = 0; k < n; ++k) {
                    const std::size_t bit = (static_cast<std::size_t>(x) * n + k) * bpc;
                    int s = 0;
                    if (bpc >= 8) {
                        s = row[bit / 8]; // the high byte of 16-bit samples
                    } else {
                        s = (row[bit / 8] >> (8 - bpc - bit % 8)) & maxSample;
                    }
                    index = s;
                    c[k] = static_cast<std::uint8_t>(s * 255 / maxSample);
                }
                std::uint8_t g = 0;
                if (stencil) {
                    g = (index == 0) != invert ? 0 : 255; // sample 0 paints (black) unless decoded inverted
                } else if (!palette.empty()) {
                    const std::size_t at = static_cast<std::size_t>(index) * paletteBase;
                    g = at + paletteBase <= palette.size() ? grayOf(palette.data() + at, paletteBase) : 255;
                } else {
                    g = grayOf(c, n);
                    g = invert ? static_cast<std::uint8_t>(255 - g) : g;
                }
                out.pixels[static_cast<std::size_t>(y) * w + x] = g;
            }
        }
        // A soft mask (a PNG's alpha): transparent pixels show the white paper.
        QPDFObjectHandle smask = dict.getKey("/SMask");
        if (smask.isStream()) {
            PlacedImage alphaImage = image;
            alphaImage.object = smask.getObjectID();
            alphaImage.generation = smask.getGeneration();
            const auto alpha = pixelsOf(alphaImage, maxPixels);
            if (alpha && alpha->width == w && alpha->height == h) {
                for (std::size_t i = 0; i < out.pixels.size(); ++i) {
                    out.pixels[i] = static_cast<std::uint8_t>(255 - (255 - out.pixels[i]) * alpha->pixels[i] / 255);
                }
            }
        }
        return out;
    } catch (const std::exception& e) {
        qCInfo(lcContent) << "image not decoded:" << e.what();
        return std::nullopt;
    }
}

} // namespace missive::ocr
