#include "missive/ocr/analyzer.h"

#include "barcode.h"
#include "identity_check.h"
#include "identity_text.h"
#include "ins_datamatrix.h"
#include "layout.h"
#include "letter_text.h"
#include "ocr_engine.h"
#include "page_content.h"
#include "page_image.h"
#include "pdf_guard.h"
#include "scan_page.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

Q_LOGGING_CATEGORY(lcOcr, "missive.ocr", QtWarningMsg)

namespace missive::ocr
{
namespace
{

using Clock = std::chrono::steady_clock;

// A page whose text layer holds fewer letters than this is treated as an image (a scan
// printed through a PDF driver, or a page with only a logo and a signature).
constexpr int MinTextLayerLetters = 40;
// A page that is mostly a scan keeps its text layer only when that holds a letter's worth of text
// (a searchable PDF); a stamp or a page number over the scan is read with the OCR.
constexpr int MinLettersOverScan = 300;
// A file whose largest image is smaller holds no scanned page (A4 at 100 dpi is 1 M pixels).
constexpr qint64 MinScanImagePixels = 500'000;
// Without a usable view of the page's content, a text page is rendered coarsely to find a
// DataMatrix-like square, then that region alone finely enough for ≥ 4 pixels per module (a 2 cm,
// 40-module symbol).
constexpr double BlobDpi = 75.0;
constexpr double BarcodeDpi = 250.0;
constexpr double SymbolMarginInch = 0.12;
constexpr qsizetype MaxSymbolCandidates = 6;
constexpr double MinOcrDpi = 100.0;
// DataMatrix search on one page image (libdmtx stops there; zxing-cpp takes a few ms).
constexpr std::chrono::milliseconds PageSymbolBudget{800};
constexpr std::chrono::milliseconds RegionSymbolBudget{250};
// Images on a text page that may be the symbol, or hold it (a patient label).
constexpr double MinSymbolImageMm = 8;
constexpr double MaxSymbolImageMm = 45;
constexpr double MaxLabelImageMm = 120;
constexpr qint64 MaxSymbolImagePixels = 4'000'000;

void quietPoppler(const std::string&, void*)
{
    // Poppler reports syntax errors of damaged files on stderr; the caller gets our error instead.
}

tl::unexpected<Error> fail(ErrorCode code, const QString& message, const QString& detail)
{
    qCInfo(lcOcr) << "analysis refused:" << detail;
    return makeError(code, message, detail);
}

tl::unexpected<Error> tooLarge(qint64 size, const Limits& limits)
{
    return fail(ErrorCode::InvalidArgument,
                QStringLiteral("document trop volumineux (%1 Mo, maximum %2 Mo)")
                    .arg(size / (1024 * 1024))
                    .arg(limits.maxFileBytes / (1024 * 1024)),
                QStringLiteral("file-too-large: %1 bytes").arg(size));
}

int letterCount(const QList<Word>& words)
{
    int n = 0;
    for (const Word& w : words) {
        for (const QChar c : w.text) {
            n += c.isLetter() ? 1 : 0;
        }
    }
    return n;
}

// What is printed beside an INS DataMatrix (the INS, the birth traits): a text page without any
// of it is not searched for a symbol, unless it is the first page.
bool printsIdentity(const QList<Word>& words)
{
    static const QRegularExpression upper(QStringLiteral(R"(\b(INS|NIR|N\.I\.R\.?)\b)"));
    static const QRegularExpression lower(
        QStringLiteral(R"(\b(matricule|datamatrix|2d-?doc|naissance|ddn|n[ée]e?(\s*\(e\))?\s+le)\b)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    QString text;
    for (const Word& w : words) {
        text += w.text;
        text += QLatin1Char(' ');
    }
    return upper.match(text).hasMatch() || lower.match(text).hasMatch();
}

GrayImage viewOf(const poppler::image& image)
{
    if (!image.is_valid()) {
        return {};
    }
    return GrayImage{reinterpret_cast<const std::uint8_t*>(image.const_data()), image.width(), image.height(),
                     image.bytes_per_row()};
}

// A region of the page, in displayed points, rendered at `dpi`.
poppler::image renderRegion(poppler::page* page, poppler::page_renderer& renderer, const QRectF& region, double dpi)
{
    const double s = dpi / 72;
    const int x = std::max(0, static_cast<int>(region.left() * s));
    const int y = std::max(0, static_cast<int>(region.top() * s));
    return renderer.render_page(page, dpi, dpi, x, y, static_cast<int>(std::ceil(region.right() * s)) - x,
                                static_cast<int>(std::ceil(region.bottom() * s)) - y);
}

// The sex ticked in a box drawn as lines ("Sexe :  ☐ F   ☒ M" with no mark in the text): the
// option whose box, just before its word, holds clearly more ink than the other's. Unknown when
// neither or both look ticked.
Sex tickedSex(poppler::document& doc, poppler::page_renderer& renderer, const QList<TextIdentity::SexChoice>& choices)
{
    constexpr double Dpi = 150;
    if (choices.size() != 2) {
        return Sex::Unknown;
    }
    std::array<double, 2> ink{};
    for (std::size_t i = 0; i < 2; ++i) {
        const TextIdentity::SexChoice& c = choices[static_cast<qsizetype>(i)];
        const double h = c.box.height();
        const std::unique_ptr<poppler::page> page(doc.create_page(c.page));
        if (!page || h <= 0 || h > 40) {
            return Sex::Unknown;
        }
        const poppler::image image = renderRegion(
            page.get(), renderer, QRectF(c.box.left() - 1.5 * h, c.box.top() - 0.1 * h, 1.4 * h, 1.2 * h), Dpi);
        if (!image.is_valid() || image.format() != poppler::image::format_gray8) {
            return Sex::Unknown;
        }
        qint64 dark = 0;
        const auto* data = reinterpret_cast<const std::uint8_t*>(image.const_data());
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                dark += data[static_cast<qsizetype>(y) * image.bytes_per_row() + x] < 128 ? 1 : 0;
            }
        }
        ink[i] = static_cast<double>(dark) / std::max(1, image.width() * image.height());
    }
    const double high = std::max(ink[0], ink[1]);
    const double low = std::min(ink[0], ink[1]);
    if (high < 0.08 || high < 1.8 * low + 0.03) {
        return Sex::Unknown;
    }
    return ink[0] > ink[1] ? choices[0].sex : choices[1].sex;
}

// A symbol-sized image as the decoders like it: at least ~240 pixels wide, on a white quiet zone.
GrayBuffer framedSymbol(const GrayBuffer& image)
{
    const int k = std::max(1, static_cast<int>(std::ceil(240.0 / std::max(1, std::min(image.width, image.height)))));
    const int border = std::max(8, image.width * k / 8);
    GrayBuffer out;
    out.width = image.width * k + 2 * border;
    out.height = image.height * k + 2 * border;
    out.pixels.assign(static_cast<std::size_t>(out.width) * out.height, 255);
    for (int y = 0; y < image.height * k; ++y) {
        const std::uint8_t* src = image.pixels.data() + static_cast<std::ptrdiff_t>(y / k) * image.width;
        std::uint8_t* dst = out.pixels.data() + static_cast<std::ptrdiff_t>(y + border) * out.width + border;
        for (int x = 0; x < image.width * k; ++x) {
            dst[x] = src[x / k];
        }
    }
    return out;
}

void addSymbols(QList<QByteArray>& into, const QList<QByteArray>& found)
{
    for (const QByteArray& payload : found) {
        if (looksLikeInsDataMatrix(payload) && !into.contains(payload)) {
            into += payload;
        }
    }
}

// The INS DataMatrix of a page with a text layer. Its content usually shows where the symbol is
// (a cluster of small rectangles, or an image) and what it looks like, without rendering the page;
// the page is rendered coarsely only when its content cannot be seen through.
QList<QByteArray> symbolsOnTextPage(poppler::page* page, poppler::page_renderer& renderer, const PdfContent* content,
                                    const std::optional<PageContent>& pc, Clock::time_point deadline)
{
    QList<QByteArray> found;
    const double margin = SymbolMarginInch * 72;
    const auto regionDeadline = [&] { return std::min(deadline, Clock::now() + RegionSymbolBudget); };
    const auto decodeRegion = [&](const QRectF& region) {
        const poppler::image crop =
            renderRegion(page, renderer, region.adjusted(-margin, -margin, margin, margin), BarcodeDpi);
        if (crop.is_valid()) {
            addSymbols(found, readDataMatrices(viewOf(crop), regionDeadline()));
        }
    };
    if (pc) {
        for (const ShapeCluster& cluster : pc->clusters) {
            if (cluster.rectsOnly) {
                const GrayBuffer drawn = rasterize(cluster);
                addSymbols(found, readDataMatrices(drawn.view(), regionDeadline()));
            }
            if (found.isEmpty()) {
                decodeRegion(cluster.box);
            }
            if (!found.isEmpty() || Clock::now() > deadline) {
                return found;
            }
        }
        for (const PlacedImage& image : pc->images) {
            const double wMm = image.rect.width() / 72 * 25.4;
            const double hMm = image.rect.height() / 72 * 25.4;
            if (wMm < MinSymbolImageMm || hMm < MinSymbolImageMm || wMm > MaxLabelImageMm || hMm > MaxLabelImageMm) {
                continue; // a logo too small to be a symbol, or a picture or background too large
            }
            const bool symbol = wMm <= MaxSymbolImageMm * 1.15 && hMm <= MaxSymbolImageMm * 1.15
                                && std::max(wMm, hMm) <= 1.3 * std::min(wMm, hMm);
            std::optional<GrayBuffer> pixels = content ? content->pixelsOf(image, MaxSymbolImagePixels) : std::nullopt;
            if (pixels && symbol) {
                addSymbols(found, readDataMatrices(framedSymbol(*pixels).view(), regionDeadline()));
            } else if (pixels) {
                addSymbols(found, findDataMatrices(pixels->view(), image.ppiX, RegionSymbolBudget));
            }
            if (found.isEmpty() && symbol) {
                decodeRegion(image.rect);
            } else if (found.isEmpty() && !pixels) {
                const poppler::image crop = renderRegion(page, renderer, image.rect, BarcodeDpi);
                addSymbols(found, findDataMatrices(viewOf(crop), BarcodeDpi, RegionSymbolBudget));
            }
            if (!found.isEmpty() || Clock::now() > deadline) {
                return found;
            }
        }
        if (!pc->opaque) {
            return found;
        }
    }
    // Blind: a coarse render to find the square, then that region alone, finely.
    const poppler::image coarse = renderer.render_page(page, BlobDpi, BlobDpi);
    if (!coarse.is_valid()) {
        return found;
    }
    const QList<QRectF> blobs = findSquareBlobs(viewOf(coarse), BlobDpi);
    for (qsizetype b = 0; b < blobs.size() && b < MaxSymbolCandidates && found.isEmpty(); ++b) {
        const QRectF& r = blobs[b];
        decodeRegion(QRectF(r.left() * 72, r.top() * 72, r.width() * 72, r.height() * 72));
    }
    return found;
}

} // namespace

class Analyzer::Private
{
public:
    OcrEngine ocr;
};

Analyzer::Analyzer()
    : d(std::make_unique<Private>())
{
    poppler::set_debug_error_function(quietPoppler, nullptr);
}

Analyzer::~Analyzer() = default;

Result<Analysis> LetterReader::analyze(const QString& pdfPath, const Limits& limits)
{
    const QFileInfo info(pdfPath);
    if (!info.exists() || !info.isFile()) {
        return fail(ErrorCode::NotFound, QStringLiteral("fichier introuvable : %1").arg(pdfPath),
                    QStringLiteral("not-found"));
    }
    if (info.size() > limits.maxFileBytes) {
        return tooLarge(info.size(), limits);
    }
    QFile file(pdfPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ErrorCode::PermissionDenied, QStringLiteral("impossible d'ouvrir le fichier : %1").arg(pdfPath),
                    QStringLiteral("open failed: %1").arg(file.errorString()));
    }
    // Bounded again: the file may have grown since it was measured.
    const QByteArray bytes = file.read(limits.maxFileBytes + 1);
    if (bytes.size() > limits.maxFileBytes) {
        return tooLarge(bytes.size(), limits);
    }
    return analyze(bytes, pdfPath, limits);
}

Result<Analysis> Analyzer::analyze(const QByteArray& bytes, const QString& pdfPath, const Limits& limits)
{
    QElapsedTimer total;
    total.start();
    const Clock::time_point deadline = Clock::now() + limits.timeBudget;
    Analysis out;
    out.file = pdfPath;

    // ---- Load, within limits, before any decoding.
    QElapsedTimer step;
    step.start();
    if (bytes.size() > limits.maxFileBytes) {
        return tooLarge(bytes.size(), limits);
    }
    if (!bytes.startsWith("%PDF-")) {
        return fail(ErrorCode::Integrity, QStringLiteral("ce fichier n'est pas un PDF lisible"),
                    QStringLiteral("corrupt: no PDF header"));
    }
    const ImageExtent largest = largestDeclaredImage(bytes);
    if (largest.width * largest.height > limits.maxImagePixels) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("image trop grande dans le document (%1 × %2 pixels, maximum %3 millions)")
                        .arg(largest.width)
                        .arg(largest.height)
                        .arg(limits.maxImagePixels / 1'000'000),
                    QStringLiteral("image-too-large: %1x%2").arg(largest.width).arg(largest.height));
    }
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.constData(), static_cast<int>(bytes.size())));
    if (!doc) {
        return fail(ErrorCode::Integrity, QStringLiteral("PDF endommagé ou illisible"),
                    QStringLiteral("corrupt: Poppler could not open the document"));
    }
    if (doc->is_locked()) {
        return fail(ErrorCode::PermissionDenied,
                    QStringLiteral("PDF chiffré (protégé par mot de passe) : lecture impossible"),
                    QStringLiteral("encrypted"));
    }
    const int pageCount = doc->pages();
    if (pageCount <= 0) {
        return fail(ErrorCode::Integrity, QStringLiteral("le PDF ne contient aucune page"), QStringLiteral("no-pages"));
    }
    if (pageCount > limits.maxPages) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("document trop long pour un courrier (%1 pages, maximum %2)")
                        .arg(pageCount)
                        .arg(limits.maxPages),
                    QStringLiteral("too-many-pages: %1").arg(pageCount));
    }
    out.pages = pageCount;
    out.timingsMs.insert(QStringLiteral("load"), step.restart());

    // ---- Each page: text layer or OCR; the DataMatrix where it may stand.
    qint64 textMs = 0;
    qint64 inspectMs = 0;
    qint64 renderMs = 0;
    qint64 barcodeMs = 0;
    qint64 ocrMs = 0;
    int ocrPages = 0;
    QList<QList<Segment>> pages;
    QList<double> heights;
    QList<bool> byOcr;
    QList<QByteArray> payloads;
    int cutSymbols = 0; // symbol-like squares a scan's edge cut
    // Pages read by OCR, in the order of the OCR engine's calls (to add the lines it skipped).
    QList<PageText> ocrTexts;
    poppler::page_renderer renderer;
    renderer.set_image_format(poppler::image::format_gray8);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    // qpdf's view of the pages, opened when needed: where images stand, what draws a symbol.
    std::unique_ptr<PdfContent> content;
    const bool mayHoldScans = largest.width * largest.height >= MinScanImagePixels;
    const auto contentOf = [&](int i) -> std::optional<PageContent> {
        if (!content) {
            content = std::make_unique<PdfContent>(bytes);
        }
        return content->pageCount() == pageCount ? content->page(i) : std::nullopt;
    };
    const OcrMode mode = limits.fullPageOcr ? OcrMode::FullPage : OcrMode::UsefulLines;
    d->ocr.forgetSkipped();

    for (int i = 0; i < pageCount; ++i) {
        const int ocrBefore = ocrPages;
        if (Clock::now() > deadline) {
            return fail(ErrorCode::InvalidArgument, QStringLiteral("lecture trop longue (limite de temps dépassée)"),
                        QStringLiteral("time-budget: exceeded at page %1").arg(i + 1));
        }
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (!page) {
            return fail(ErrorCode::Integrity, QStringLiteral("page %1 illisible").arg(i + 1),
                        QStringLiteral("corrupt: page %1").arg(i + 1));
        }
        const poppler::rectf rect = page->page_rect(poppler::crop_box);
        PageText text;
        text.index = i;
        text.width = rect.width();
        text.height = rect.height();
        const double areaInches = (text.width / 72.0) * (text.height / 72.0);
        if (!(areaInches > 0)) {
            return fail(ErrorCode::Integrity, QStringLiteral("page %1 sans dimensions").arg(i + 1),
                        QStringLiteral("corrupt: empty page box %1").arg(i + 1));
        }

        // What the page draws, walked within bounds before Poppler extracts a glyph: a content
        // bomb (a small file whose streams inflate to a gigabyte of text) is refused here, since
        // text_list() cannot be stopped once started.
        step.restart();
        std::optional<PageContent> pc = contentOf(i);
        if (pc && pc->oversized) {
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("page %1 démesurée pour un courrier (texte ou dessin hors limites) : "
                                       "document refusé")
                            .arg(i + 1),
                        QStringLiteral("content-too-large: page %1").arg(i + 1));
        }
        inspectMs += step.restart();
        const std::vector<poppler::text_box> boxes = page->text_list();
        text.words.reserve(static_cast<qsizetype>(boxes.size()));
        QList<Word> sideways;
        QList<bool> downwards;
        for (const poppler::text_box& box : boxes) {
            // ustring is UTF-16 already; its to_utf8() opens an iconv converter for every word.
            const poppler::ustring word = box.text();
            const poppler::rectf b = box.bbox();
            Word w{
                QString::fromUtf16(reinterpret_cast<const char16_t*>(word.data()), static_cast<qsizetype>(word.size())),
                QRectF(b.x(), b.y(), b.width(), b.height())};
            // A quarter turn (1: read downwards, 3: upwards): a strip in the margin.
            if (const int turn = box.rotation(); turn == 1 || turn == 3) {
                sideways += w;
                downwards += turn == 1;
            } else {
                text.words += w;
            }
        }
        text.words = withoutSkewedWatermark(std::move(text.words));
        if (!sideways.isEmpty()) {
            text.words += sidewaysLines(sideways, downwards, text.height, text.words);
        }
        textMs += step.restart();
        const int letters = letterCount(text.words);

        std::optional<ScanLayout> scan;
        if (mayHoldScans) {
            scan = pc ? scanLayout(*pc) : std::nullopt;
        }
        const bool textLayer = letters >= (scan ? MinLettersOverScan : MinTextLayerLetters);
        inspectMs += step.restart();

        if (scan) {
            // A scan: its own pixels, whatever page size the PDF declares.
            auto pixels = loadScan(page.get(), renderer, *content, *pc, *scan, limits, i);
            if (!pixels) {
                return tl::unexpected(pixels.error());
            }
            renderMs += step.restart();
            QList<QRectF> symbols; // inches
            addSymbols(payloads, findDataMatrices(pixels->view, pixels->dpi, PageSymbolBudget, SymbolDecoder::Both,
                                                  &symbols, &cutSymbols));
            barcodeMs += step.restart();
            // The page's text layer (a stamp over the scan, or a searchable scan's whole text) is
            // moved onto the scan's physical coordinates, like the OCR's words.
            const double toPoints = 72.0 / pixels->dpi;
            QList<Word> merged;
            for (const Word& w : std::as_const(text.words)) {
                merged += Word{w.text, QRectF((w.box.left() - pixels->origin.x()) * pixels->pixelsPerPtX * toPoints,
                                              (w.box.top() - pixels->origin.y()) * pixels->pixelsPerPtY * toPoints,
                                              w.box.width() * pixels->pixelsPerPtX * toPoints,
                                              w.box.height() * pixels->pixelsPerPtY * toPoints)};
            }
            text.width = pixels->view.width * toPoints;
            text.height = pixels->view.height * toPoints;
            if (!textLayer) {
                auto words = d->ocr.recognise(pixels->view, pixels->dpi, mode, deadline);
                if (!words) {
                    return fail(words.error().code, words.error().userMessage, words.error().detail);
                }
                // The OCR's reading of the overlay, when Poppler drew it into the pixels, is not kept;
                // nor what it reads in a DataMatrix's modules ("Fa RE" glued to the line beside it).
                const qsizetype overlay = merged.size();
                for (const Word& w : withoutFrameMarks(*words)) {
                    const bool drawnOver = std::any_of(merged.begin(), merged.begin() + overlay,
                                                       [&](const Word& o) { return o.box.contains(w.box.center()); });
                    const bool inSymbol = std::any_of(symbols.begin(), symbols.end(), [&](const QRectF& r) {
                        const QRectF points(r.left() * 72.0, r.top() * 72.0, r.width() * 72.0, r.height() * 72.0);
                        return points.contains(w.box.center());
                    });
                    if (!drawnOver && !inSymbol) {
                        merged += w;
                    }
                }
                text.words = merged;
                ++ocrPages;
                ocrTexts += text;
                ocrMs += step.restart();
            } else {
                text.words = merged;
            }
        } else if (textLayer) {
            // Text: the symbol stands on the first page, beside a printed identity, or on the last
            // page by the signature.
            if (i == 0 || i == pageCount - 1 || printsIdentity(text.words)) {
                addSymbols(payloads, symbolsOnTextPage(page.get(), renderer, content.get(), pc, deadline));
                barcodeMs += step.restart();
            }
        } else {
            // No text and no scan image (text drawn as shapes, an image format qpdf cannot see): the
            // page rendered at the OCR resolution.
            const double dpi = std::min(static_cast<double>(limits.ocrDpi),
                                        std::sqrt(static_cast<double>(limits.maxPagePixels) / areaInches));
            if (dpi < MinOcrDpi) {
                return fail(ErrorCode::InvalidArgument,
                            QStringLiteral("page %1 trop grande pour être lue (%2 × %3 cm)")
                                .arg(i + 1)
                                .arg(qRound(text.width / 72.0 * 2.54))
                                .arg(qRound(text.height / 72.0 * 2.54)),
                            QStringLiteral("page-too-large: page %1").arg(i + 1));
            }
            const poppler::image rendered = renderer.render_page(page.get(), dpi, dpi);
            renderMs += step.restart();
            if (!rendered.is_valid()) {
                return fail(ErrorCode::Integrity, QStringLiteral("page %1 impossible à afficher").arg(i + 1),
                            QStringLiteral("corrupt: render failed page %1").arg(i + 1));
            }
            addSymbols(payloads, findDataMatrices(viewOf(rendered), dpi, PageSymbolBudget));
            barcodeMs += step.restart();
            auto words = d->ocr.recognise(viewOf(rendered), dpi, mode, deadline);
            if (!words) {
                return fail(words.error().code, words.error().userMessage, words.error().detail);
            }
            text.words = withoutFrameMarks(*words);
            ++ocrPages;
            ocrTexts += text;
            ocrMs += step.restart();
        }
        pages += segmentsOf(text);
        heights += text.height;
        byOcr += ocrPages > ocrBefore;
    }
    out.textSource = ocrPages == 0           ? TextSource::TextLayer
                     : ocrPages == pageCount ? TextSource::Ocr
                                             : TextSource::Mixed;
    out.timingsMs.insert(QStringLiteral("text_layer"), textMs);
    out.timingsMs.insert(QStringLiteral("inspect"), inspectMs);
    out.timingsMs.insert(QStringLiteral("render"), renderMs);
    out.timingsMs.insert(QStringLiteral("datamatrix"), barcodeMs);
    out.timingsMs.insert(QStringLiteral("ocr"), ocrMs);

    // ---- Understand the text.
    bool unreadList = false;
    const auto understand = [&] {
        step.restart();
        TextIdentity textIdentity = parseIdentityText(pages, !payloads.isEmpty());
        // (Only on pages read from their text layer: an OCR'd page's boxes are in the image's own
        // measure, which the PDF's declared size need not match.)
        const bool onTextLayer = std::none_of(
            textIdentity.sexChoices.begin(), textIdentity.sexChoices.end(), [&](const TextIdentity::SexChoice& c) {
                return std::any_of(ocrTexts.begin(), ocrTexts.end(),
                                   [&](const PageText& t) { return t.index == c.page; });
            });
        if (textIdentity.sex == Sex::Unknown && !textIdentity.sexChoices.isEmpty() && onTextLayer) {
            textIdentity.sex = tickedSex(*doc, renderer, textIdentity.sexChoices);
        }
        DataMatrixReading dm;
        QList<InsDataMatrix> parsed;
        for (const QByteArray& payload : payloads) {
            auto one = parseInsDataMatrix(payload);
            if (one) {
                parsed += *one;
            } else {
                dm.unreadable = true;
            }
        }
        if (!parsed.isEmpty()) {
            dm.parsed = parsed.front();
            dm.several = parsed.size() > 1;
        }
        dm.cut = payloads.isEmpty() && cutSymbols > 0;
        out.patient = reconcileIdentity(dm, textIdentity, ocrPages > 0);

        LetterReading letter = readLetter(pages, heights, byOcr);
        unreadList = letter.unreadList;
        out.author = letter.author;
        out.recipients = letter.recipients;
        out.text = letter.text;
        out.documentType = letter.documentType;
        out.episode = letter.episode;
        out.ipp = letter.ipp;
        // A letter addressed to the patient: the window names the patient, not a professional.
        const bool addressedToPatient = markPatient(out.recipients, out.patient.identity);
        if (letter.copyToPatient && !addressedToPatient) {
            Recipient patient;
            const PatientIdentity& id = out.patient.identity;
            patient.name = textIdentity.displayName.isEmpty() ? QStringLiteral("patient") : textIdentity.displayName;
            patient.familyName = id.usedName.isEmpty() ? id.birthName : id.usedName;
            patient.givenName = id.firstName;
            patient.role = RecipientRole::Cc;
            patient.zone = Zone::Copies;
            patient.patient = true;
            out.recipients += patient;
        }
        out.warnings += out.patient.reasons;
        if (out.patient.status == IdentityStatus::Consistent && out.patient.identity.insOid.isEmpty()) {
            out.warnings += QStringLiteral("autorité d'affectation de l'INS (OID) non imprimée");
        }
        out.warnings += letter.warnings;
        if (!out.documentType) {
            out.warnings += QStringLiteral("type de document non reconnu");
        }
        if (out.recipients.isEmpty()) {
            out.warnings += QStringLiteral("aucun destinataire reconnu");
        }
        out.timingsMs.insert(QStringLiteral("parse"), step.restart());
    };
    understand();
    // Reading only the useful lines of a scan is fast; when it leaves anything unsure, the lines it
    // skipped are read too (never the whole page again: the worst case stays about one full
    // reading) and the text is understood afresh.
    const bool unsure = out.patient.status != IdentityStatus::Consistent || out.recipients.isEmpty() || !out.author
                        || !out.documentType || unreadList;
    if (ocrPages > 0 && !limits.fullPageOcr && unsure && d->ocr.skippedLines() > 0) {
        step.restart();
        auto skipped = d->ocr.recogniseSkipped(deadline);
        if (!skipped) {
            return tl::unexpected(skipped.error());
        }
        for (qsizetype k = 0; k < ocrTexts.size() && k < skipped->size(); ++k) {
            if ((*skipped)[k].isEmpty()) {
                continue;
            }
            PageText& pageText = ocrTexts[k];
            pageText.words += (*skipped)[k];
            pages[pageText.index] = segmentsOf(pageText);
        }
        const QMap<QString, qint64> timings = out.timingsMs;
        const TextSource source = out.textSource;
        out = Analysis{};
        out.file = pdfPath;
        out.pages = pageCount;
        out.textSource = source;
        out.timingsMs = timings;
        out.timingsMs.insert(QStringLiteral("ocr_skipped_lines"), step.restart());
        understand();
    }
    d->ocr.forgetSkipped();
    out.timingsMs.insert(QStringLiteral("total"), total.elapsed());
    qCInfo(lcOcr) << "analysed" << pageCount << "page(s)," << ocrPages << "by OCR," << payloads.size()
                  << "INS DataMatrix," << out.recipients.size() << "recipient(s) in" << total.elapsed() << "ms";
    return out;
}

} // namespace missive::ocr
