#include "ocr_engine.h"

#include "names.h"
#include "page_image_lept.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <allheaders.h>
#include <cstdlib>
#include <dlfcn.h>
#include <map>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <utility>
#include <vector>

namespace missive::ocr
{
namespace
{

using lept::PixPtr;

// Tesseract's recognition resolution: letters of a 10-12 pt letter are well above the LSTM's
// 30-pixel line height at 200 dpi; more pixels only cost layout-analysis time.
constexpr double WorkingDpi = 200.0;


// How much of a long line is read to decide whether the rest matters (≈ 15 characters at 10 pt).
constexpr double PrefixInches = 1.3;
// Pixels kept for skipped lines across the pages of one document (≈ 10 pages of body text).
constexpr std::size_t MaxSkippedBytes = 24u * 1024 * 1024;

bool worthReading(const QList<Word>& prefix)
{
    QStringList texts;
    for (const Word& w : prefix) {
        texts += w.text;
    }
    const QString text = texts.join(QLatin1Char(' '));
    if (text.trimmed().size() < 3) {
        return true; // unreadable start: read the line rather than lose it
    }
    for (const QChar c : text) {
        if (c.isDigit() || c == QLatin1Char(':') || c == QLatin1Char('(')) {
            return true;
        }
    }
    for (const QString& token : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (token.size() >= 2 && isUpperNameToken(token)) {
            return true;
        }
    }
    static const QStringList starts{
        QStringLiteral("patient"),
        QStringLiteral("concerne"),
        QStringLiteral("objet"),
        QStringLiteral("nom"),
        QStringLiteral("prenom"),
        QStringLiteral("date"),
        QStringLiteral("sexe"),
        QStringLiteral("lieu"),
        QStringLiteral("ne le"),
        QStringLiteral("nee le"),
        QStringLiteral("matricule"),
        QStringLiteral("ins"),
        QStringLiteral("nir"),
        QStringLiteral("oid"),
        QStringLiteral("cop"),
        QStringLiteral("cc"),
        QStringLiteral("destinataire"),
        QStringLiteral("adresse"),
        QStringLiteral("a l'att"),
        QStringLiteral("je vous prie"),
        QStringLiteral("bien"),
        QStringLiteral("cordial"),
        QStringLiteral("confrater"),
        QStringLiteral("restant"),
        QStringLiteral("en vous"),
        QStringLiteral("veuillez"),
        QStringLiteral("cher"),
        QStringLiteral("dr"),
        QStringLiteral("pr"),
        QStringLiteral("docteur"),
        QStringLiteral("professeur"),
        QStringLiteral("madame"),
        QStringLiteral("monsieur"),
        QStringLiteral("mme"),
        QStringLiteral("m."),
        QStringLiteral("mlle"),
        QStringLiteral("lettre"),
        QStringLiteral("compte"),
        QStringLiteral("ordonnance"),
        QStringLiteral("certificat"),
        QStringLiteral("cr "),
        QStringLiteral("rpps"),
        QStringLiteral("service"),
        QStringLiteral("-"),
        QStringLiteral("•"),
        QStringLiteral("votre patient"),
        QStringLiteral("vu en"),
        QStringLiteral("j'ai vu"),
    };
    const QString folded = foldForMatch(text).trimmed();
    for (const QString& start : starts) {
        if (folded.startsWith(start)) {
            return true;
        }
    }
    // The patient may be named mid-sentence ("votre patiente Mme …").
    return folded.contains(QLatin1String("patient")) || folded.contains(QLatin1String(" mme"))
           || folded.contains(QLatin1String(" m. "));
}

// Recognises the current image and appends its words; their line number is `line`, or, with
// `ownLines` (or `line` 0), `line` * 1000 + Tesseract's own line number.
Result<void> recogniseInto(tesseract::TessBaseAPI& api, std::chrono::steady_clock::time_point deadline, double toPoints,
                           int line, QList<Word>& words, QPoint offset = {}, bool ownLines = false)
{
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("lecture trop longue (limite de temps dépassée)"),
                         QStringLiteral("time-budget: exceeded during OCR"));
    }
    tesseract::ETEXT_DESC monitor;
    monitor.set_deadline_msecs(static_cast<int32_t>(std::min<qint64>(left.count(), 1'000'000)));
    if (api.Recognize(&monitor) != 0 || monitor.deadline_exceeded()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("lecture trop longue (limite de temps dépassée)"),
                         QStringLiteral("time-budget: OCR deadline exceeded"));
    }
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    int ownLine = 0;
    if (!it) {
        return {};
    }
    do {
        if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
            ++ownLine;
        }
        std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
        if (!text) {
            continue;
        }
        // Specks read as punctuation are dropped when Tesseract doubts them. A word with a letter
        // or a digit is kept: a line that starts with a speck ("· Sexe : F") may come back with
        // every word at confidence 0.
        if (line == 0 && it->Confidence(tesseract::RIL_WORD) < 10.0f) {
            const QString raw = QString::fromUtf8(text.get());
            if (std::none_of(raw.begin(), raw.end(), [](QChar c) { return c.isLetterOrNumber(); })) {
                continue;
            }
        }
        int x1 = 0;
        int y1 = 0;
        int x2 = 0;
        int y2 = 0;
        it->BoundingBox(tesseract::RIL_WORD, &x1, &y1, &x2, &y2);
        // Words take their line's height so that a slightly tilted line stays one line.
        int lx1 = 0;
        int ly1 = 0;
        int lx2 = 0;
        int ly2 = 0;
        if (it->BoundingBox(tesseract::RIL_TEXTLINE, &lx1, &ly1, &lx2, &ly2)) {
            y1 = ly1;
            y2 = ly2;
        }
        x1 += offset.x();
        x2 += offset.x();
        y1 += offset.y();
        y2 += offset.y();
        QString word = QString::fromUtf8(text.get()).trimmed();
        // A title glued to the name that follows it ("DrR.", "DrBOYER"): no name starts with
        // "Dr" or "Pr" and a capital, so the space Tesseract lost is put back.
        static const QRegularExpression glued(QStringLiteral(R"(^([DP]r\.?)(?=\p{Lu}))"));
        word.replace(glued, QStringLiteral("\\1 "));
        words += Word{word, QRectF(x1 * toPoints, y1 * toPoints, (x2 - x1) * toPoints, (y2 - y1) * toPoints),
                      ownLines || line == 0 ? line * 1000 + ownLine : line};
    } while (it->Next(tesseract::RIL_WORD));
    return {};
}

// Dotted leaders ("Nom ........ DENIS") whitened too: Tesseract reads a row of dots as letters
// ("ms cesse, DENES", "....20.08.1943") and the value is lost. A leader is a row of small specks,
// at most a tenth of an inch apart, in a row at least 0.3 inch long; only those specks are whitened (a
// full stop, the dot of an i, an ellipsis are never such a row).
void eraseLeaders(Pix* gray, Pix* binary, double dpi)
{
    const int dot = std::max(3, static_cast<int>(dpi / 40));
    PixPtr specks(pixSelectBySize(binary, dot, dot, 8, L_SELECT_IF_BOTH, L_SELECT_IF_LTE, nullptr));
    if (!specks) {
        return;
    }
    const PixPtr joined(pixCloseBrick(nullptr, specks.get(), std::max(5, static_cast<int>(dpi / 10)), 1));
    const PixPtr rows(joined ? pixOpenBrick(nullptr, joined.get(), std::max(15, static_cast<int>(dpi * 0.3)), 1) : nullptr);
    if (!rows) {
        return;
    }
    const PixPtr leaders(pixAnd(nullptr, specks.get(), rows.get()));
    const PixPtr mask(leaders ? pixDilateBrick(nullptr, leaders.get(), 3, 3) : nullptr);
    if (mask) {
        pixSetMasked(gray, mask.get(), 255);
    }
}

// Table borders and frames whitened before reading: Tesseract takes a rule for | [ ] _ and
// garbles, or drops, the words that touch it (a ruled "Copie à" table loses its header and rows).
// A rule is a dark run at least 0.3 inch long in one direction; no glyph of body text is. The
// binarisation is a lenient one (Sauvola's k at 0.15): a thin grey rule on a grey scan, JPEG noise
// on it, comes out whole rather than in dashes that no opening keeps (and a ruled "Copie à" table
// then lost its town column). Specks it lets through never make a 0.3 inch run.
void eraseRules(Pix* gray, double dpi)
{
    Pix* bin = nullptr;
    if (pixSauvolaBinarizeTiled(gray, std::max(7, static_cast<int>(dpi / 14)), 0.15f, 1, 1, nullptr, &bin) != 0
        || !bin) {
        return;
    }
    const PixPtr binary(bin);
    const int length = std::max(20, static_cast<int>(dpi * 0.3));
    const PixPtr across(pixOpenBrick(nullptr, binary.get(), length, 1));
    const PixPtr down(pixOpenBrick(nullptr, binary.get(), 1, length));
    if (!across || !down) {
        return;
    }
    const PixPtr rules(pixOr(nullptr, across.get(), down.get()));
    // Grown by two pixels each way: a scanned rule is wider than its binarised core, and its grey
    // fringe is read as a stroke too.
    const PixPtr mask(rules ? pixDilateBrick(nullptr, rules.get(), 5, 5) : nullptr);
    if (mask) {
        pixSetMasked(gray, mask.get(), 255);
    }
    eraseLeaders(gray, binary.get(), dpi);
}

// `rect` of the page cut out, on a white border (neither a neighbouring line nor a tight crop
// disturbs the recogniser), and where its top left stands on the page.
std::pair<PixPtr, QPoint> framed(Pix* pix, const QRect& rect, int border)
{
    BOX* box = boxCreate(rect.left(), rect.top(), rect.width(), rect.height());
    PixPtr clip(pixClipRectangle(pix, box, nullptr));
    boxDestroy(&box);
    if (!clip) {
        return {};
    }
    return {PixPtr(pixAddBorder(clip.get(), border, 255)), QPoint(rect.left() - border, rect.top() - border)};
}

// A region layout analysis merged across columns (the staff list at the left and the address
// window on rows that do not align, once a tilted scan is straightened): its parts, cut at each
// run of blank columns at least `gap` pixels wide, each trimmed to its ink.
std::vector<QRect> columnsOf(Pix* gray, const QRect& region, int gap)
{
    BOX* box = boxCreate(region.left(), region.top(), region.width(), region.height());
    PixPtr clip(pixClipRectangle(gray, box, nullptr));
    boxDestroy(&box);
    PixPtr binary(clip ? pixConvertTo1(clip.get(), 160) : nullptr);
    NUMA* counts = binary ? pixCountPixelsByColumn(binary.get()) : nullptr;
    if (!counts) {
        return {region};
    }
    std::vector<QRect> parts;
    int start = -1; // the current part's first inked column
    int last = -1;  // its last inked column
    const int width = numaGetCount(counts);
    for (int x = 0; x <= width; ++x) {
        l_int32 ink = 0;
        if (x < width) {
            numaGetIValue(counts, x, &ink);
        }
        if (ink > 0 && x < width) {
            if (start < 0) {
                start = x;
            } else if (x - last > gap) {
                parts.emplace_back(region.left() + start, region.top(), last - start + 1, region.height());
                start = x;
            }
            last = x;
        }
    }
    if (start >= 0) {
        parts.emplace_back(region.left() + start, region.top(), last - start + 1, region.height());
    }
    numaDestroy(&counts);
    return parts.size() > 1 ? parts : std::vector<QRect>{region};
}

// The block reading of a page takes a line across its whole width: where two columns' rows do not
// align (a staff list beside the address window, on a straightened scan), it may merge a row of
// each into one tall line and garble both. Such a line, when blank columns part it, is read again
// a column at a time; its words are replaced.
Result<void> rereadMergedLines(tesseract::TessBaseAPI& api, Pix* pix, std::chrono::steady_clock::time_point deadline,
                               double toPoints, QList<Word>& words)
{
    std::map<int, QRectF> lines; // the block's line number → its box, in points
    for (const Word& w : words) {
        lines[w.line] = lines[w.line].isNull() ? w.box : lines[w.line].united(w.box);
    }
    std::vector<double> heights;
    for (const auto& [n, box] : lines) {
        heights.push_back(box.height());
    }
    if (heights.size() < 3) {
        return {};
    }
    std::nth_element(heights.begin(), heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2), heights.end());
    const double typical = heights[heights.size() / 2];
    const QRect bounds(0, 0, static_cast<int>(pixGetWidth(pix)), static_cast<int>(pixGetHeight(pix)));
    QList<Word> rereadWords;
    std::vector<int> rereadLines;
    for (const auto& [n, box] : lines) {
        if (box.height() <= typical * 1.6 || rereadLines.size() >= 16) {
            continue;
        }
        // A line more all round: the merged box may cut its rows' letters (the rows it did not
        // take are left to their own lines).
        const QRect region = QRectF((box.left() - 2 * typical) / toPoints, (box.top() - typical) / toPoints,
                                    (box.width() + 4 * typical) / toPoints, (box.height() + 2 * typical) / toPoints)
                                 .toAlignedRect()
                                 .intersected(bounds);
        const int gap = std::max(8, static_cast<int>(typical / toPoints * 8)); // columns, not a banner's items
        const std::vector<QRect> parts = columnsOf(pix, region, gap);
        if (parts.size() < 2) {
            continue;
        }
        rereadLines.push_back(n);
        QList<Word> again;
        for (const QRect& part : parts) {
            const auto [image, offset] = framed(pix, part, std::max(6, part.height() / 4));
            if (!image) {
                continue;
            }
            api.SetImage(image.get());
            api.SetSourceResolution(static_cast<int>(72.0 / toPoints));
            // Line numbers of their own (1000 and up), apart from the block's.
            if (Result<void> done =
                    recogniseInto(api, deadline, toPoints, static_cast<int>(rereadLines.size()), again, offset, true);
                !done) {
                return done;
            }
        }
        for (const Word& w : std::as_const(again)) {
            if (w.box.center().y() >= box.top() && w.box.center().y() <= box.bottom()) {
                rereadWords += w;
            }
        }
    }
    words.removeIf(
        [&](const Word& w) { return std::find(rereadLines.begin(), rereadLines.end(), w.line) != rereadLines.end(); });
    // A row the margins took in again, already read on its own line, keeps its first reading.
    for (const Word& w : std::as_const(rereadWords)) {
        const bool known = std::any_of(words.begin(), words.end(), [&](const Word& o) {
            const QRectF both = o.box.intersected(w.box);
            return !both.isEmpty() && both.width() > 0.5 * std::min(o.box.width(), w.box.width())
                   && std::abs(o.box.center().y() - w.box.center().y()) < typical / 2;
        });
        if (!known) {
            words += w;
        }
    }
    return {};
}
} // namespace

struct SkippedLine
{
    int call = 0; // which recognise() call since forgetSkipped()
    int line = 0;
    PixPtr framed; // the line on its white border, as it would have been read
    QPoint offset;
    double toPoints = 1;
    double dpi = 0;
};

struct OcrEngine::Api
{
    tesseract::TessBaseAPI api;
    bool ready = false;
    bool failed = false;
    std::vector<SkippedLine> skipped;
    std::size_t skippedBytes = 0;
    int calls = 0;

    ~Api()
    {
        api.End();
    }
};

OcrEngine::OcrEngine() = default;
OcrEngine::~OcrEngine() = default;

Result<QList<Word>> OcrEngine::recognise(const GrayImage& page, double dpi, OcrMode mode,
                                         std::chrono::steady_clock::time_point deadline)
{
    if (!m_api) {
        m_api = std::make_unique<Api>();
        // Tesseract parallelises each LSTM step with OpenMP; on a short line the threads mostly
        // spin and wait (a third of the time on 2 busy cores). One thread is faster here. libgomp
        // comes with Tesseract; it is looked up rather than linked, so this holds without it.
        using SetInt = void (*)(int);
        if (auto* setThreads = reinterpret_cast<SetInt>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"))) {
            setThreads(1);
        }
        // Tesseract asks for a fixed team size (num_threads clauses); dynamic teams let libgomp
        // shrink them to the idle cores.
        if (auto* setDynamic = reinterpret_cast<SetInt>(dlsym(RTLD_DEFAULT, "omp_set_dynamic"))) {
            setDynamic(1);
        }
        // Leptonica's warnings go to stderr; errors are reported through our return values.
        setMsgSeverity(L_SEVERITY_ERROR);
        // Tesseract prints its own diagnostics to stderr; they never hold patient data.
        if (m_api->api.Init(nullptr, "fra", tesseract::OEM_LSTM_ONLY) != 0) {
            m_api->failed = true;
        } else {
            // The inverted-text pass doubles recognition time and letters are dark on light.
            m_api->api.SetVariable("tessedit_do_invert", "0");
            // Tesseract's own chatter ("Detected N diacritics", "Image too small to scale").
            m_api->api.SetVariable("debug_file", "/dev/null");
            m_api->api.SetPageSegMode(tesseract::PSM_AUTO);
            m_api->ready = true;
        }
    }
    if (!m_api->ready) {
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("reconnaissance de texte indisponible (Tesseract, langue « fra »)"),
                         QStringLiteral("ocr-unavailable: TessBaseAPI::Init(fra) failed"));
    }

    const int call = m_api->calls++;
    PixPtr pix = lept::toPix(page);
    if (!pix) {
        return makeError(ErrorCode::Io, QStringLiteral("mémoire insuffisante pour lire la page"),
                         QStringLiteral("image-too-large: pixCreate failed"));
    }
    double workDpi = dpi;
    if (dpi > WorkingDpi * 1.2) {
        const auto factor = static_cast<l_float32>(WorkingDpi / dpi);
        // Area mapping averages JPEG noise away at strong reductions (300 → 200 dpi read two
        // more INS of thirty tuning scans than pixScale, which sharpens the noise too).
        PixPtr scaled(factor < 0.7f ? pixScaleAreaMap(pix.get(), factor, factor) : pixScale(pix.get(), factor, factor));
        if (scaled) {
            pix = std::move(scaled);
            workDpi = WorkingDpi;
        }
    }
    // Scans come in tilted by a degree or two; Tesseract copes badly beyond ~1°. pixFindSkew gives
    // the angle that deskews (clockwise positive, as pixRotate takes it): rotating by its opposite
    // doubled the tilt.
    l_float32 angle = 0;
    l_float32 conf = 0;
    {
        PixPtr binary(pixConvertTo1(pix.get(), 160));
        if (binary && pixFindSkew(binary.get(), &angle, &conf) == 0 && conf > 2.5f && std::abs(angle) > 0.1f) {
            PixPtr rotated(pixRotate(pix.get(), static_cast<l_float32>(angle * 3.14159265 / 180.0), L_ROTATE_AREA_MAP,
                                     L_BRING_IN_WHITE, 0, 0));
            if (rotated) {
                pix = std::move(rotated);
            }
        }
    }
    eraseRules(pix.get(), workDpi);

    auto& api = m_api->api;
    // Tesseract's adaptive classifier learns from every page it reads: without this, a letter's
    // reading would depend on the letters read before it by the same process (missive-app reads
    // many; `missive analyze` one), and the same print could be read two ways.
    api.ClearAdaptiveClassifier();
    api.SetImage(pix.get());
    api.SetSourceResolution(static_cast<int>(workDpi));
    api.SetPageSegMode(tesseract::PSM_AUTO);
    const double toPoints = 72.0 / workDpi;
    QList<Word> words;

    if (mode == OcrMode::FullPage) {
        // One block: Tesseract's automatic layout sometimes drops a noisy paragraph as "image";
        // as a single block every line is read (columns are split again by our layout step).
        api.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
        Result<void> done = recogniseInto(api, deadline, toPoints, 0, words);
        if (done) {
            done = rereadMergedLines(api, pix.get(), deadline, toPoints, words);
        }
        api.SetPageSegMode(tesseract::PSM_AUTO);
        api.Clear();
        if (!done) {
            return tl::unexpected(done.error());
        }
        return words;
    }

    // Layout analysis alone is cheap; recognition is what costs, per line and per character.
    QList<QRect> lines;
    {
        std::unique_ptr<tesseract::PageIterator> layout(api.AnalyseLayout());
        if (layout) {
            do {
                int x1 = 0;
                int y1 = 0;
                int x2 = 0;
                int y2 = 0;
                if (layout->BoundingBox(tesseract::RIL_TEXTLINE, &x1, &y1, &x2, &y2) && x2 > x1 && y2 > y1) {
                    lines += QRect(QPoint(x1, y1), QPoint(x2 - 1, y2 - 1));
                }
            } while (layout->Next(tesseract::RIL_TEXTLINE));
        }
    }
    api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    const int prefixWidth = static_cast<int>(PrefixInches * workDpi);
    const QRect bounds(0, 0, static_cast<int>(pixGetWidth(pix.get())), static_cast<int>(pixGetHeight(pix.get())));
    int lineNumber = 0;
    // Each line is recognised on its own small image: the line's box only, on a white border, so
    // that neither a neighbouring line nor a tight crop disturbs the recogniser.
    const auto frame = [&](const QRect& rect) { return framed(pix.get(), rect, std::max(6, rect.height() / 2)); };
    const auto readRect = [&](const QRect& rect, QList<Word>& into, bool block = false) -> Result<void> {
        auto [framed, offset] = frame(rect);
        if (!framed) {
            return {};
        }
        api.SetImage(framed.get());
        api.SetSourceResolution(static_cast<int>(workDpi));
        return recogniseInto(api, deadline, toPoints, lineNumber, into, offset, block);
    };
    std::vector<int> heights;
    for (const QRect& found : lines) {
        heights.push_back(found.height());
    }
    std::sort(heights.begin(), heights.end());
    const int typicalHeight = heights.empty() ? 0 : heights[heights.size() / 2];
    for (const QRect& found : lines) {
        ++lineNumber;
        const QRect line = found.intersected(bounds);
        if (line.width() < 8 || line.height() < 8) {
            continue; // specks: too small to hold a character
        }
        // Layout analysis sometimes merges lines (a tilted scan, text beside a DataMatrix): such a
        // region is read as a block, whole.
        if (line.height() > typicalHeight * 8 / 5) {
            api.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
            const Result<void> done = readRect(line, words, true);
            api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
            if (!done) {
                api.Clear();
                return tl::unexpected(done.error());
            }
            continue;
        }
        if (line.width() > prefixWidth * 3 / 2) {
            // A long line: read its start first, and the rest only if the start looks useful
            // (a label, a name in capitals, a digit, a title) — body sentences are skipped.
            QList<Word> prefix;
            if (Result<void> done = readRect(QRect(line.left(), line.top(), prefixWidth, line.height()), prefix);
                !done) {
                api.Clear();
                return tl::unexpected(done.error());
            }
            if (!worthReading(prefix)) {
                // Kept for recogniseSkipped(), or read now when the memory bound is reached.
                const std::size_t bytes = static_cast<std::size_t>(line.width() + line.height()) * (line.height() * 2);
                if (m_api->skippedBytes + bytes <= MaxSkippedBytes) {
                    auto [framed, offset] = frame(line);
                    if (framed) {
                        m_api->skippedBytes += bytes;
                        m_api->skipped.push_back(
                            SkippedLine{call, lineNumber, std::move(framed), offset, toPoints, workDpi});
                    }
                    continue;
                }
            }
        }
        if (Result<void> done = readRect(line, words); !done) {
            api.Clear();
            return tl::unexpected(done.error());
        }
    }
    api.SetPageSegMode(tesseract::PSM_AUTO);
    api.Clear();
    return words;
}

int OcrEngine::skippedLines() const
{
    return m_api ? static_cast<int>(m_api->skipped.size()) : 0;
}

Result<QList<QList<Word>>> OcrEngine::recogniseSkipped(std::chrono::steady_clock::time_point deadline)
{
    QList<QList<Word>> out;
    if (!m_api) {
        return out;
    }
    out.resize(m_api->calls);
    auto& api = m_api->api;
    api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    Result<void> done;
    for (const SkippedLine& s : m_api->skipped) {
        api.SetImage(s.framed.get());
        api.SetSourceResolution(static_cast<int>(s.dpi));
        done = recogniseInto(api, deadline, s.toPoints, s.line, out[s.call], s.offset);
        if (!done) {
            break;
        }
    }
    api.SetPageSegMode(tesseract::PSM_AUTO);
    api.Clear();
    forgetSkipped();
    if (!done) {
        return tl::unexpected(done.error());
    }
    return out;
}

void OcrEngine::forgetSkipped()
{
    if (m_api) {
        m_api->skipped.clear();
        m_api->skippedBytes = 0;
        m_api->calls = 0;
    }
}

} // namespace missive::ocr
