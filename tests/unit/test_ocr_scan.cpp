// Scanned pages: page-image inspection (qpdf), physical resolution, DataMatrix with zxing-cpp and
// libdmtx, the OCR's skipped lines. Inputs are generated at test time: the scans by
// tests/corpus/make_scan_pages.py --suite (MISSIVE_SCAN_PAGES), the lone symbol here.

#include "barcode.h"
#include "missive/ocr/analyzer.h"
#include "ocr_engine.h"
#include "page_content.h"
#include "page_image.h"
#include "scan_page.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <allheaders.h>
#include <catch2/catch.hpp>
#include <memory>
#include <poppler-document.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

using namespace missive::ocr;

namespace
{

struct Scan
{
    QString path;
    QByteArray pdf;
    QJsonObject truth;
};

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The generated files of one set (a subdirectory of the suite) whose name matches `pattern`.
QList<Scan> scans(const QString& set, const QString& pattern = QStringLiteral("scan-*.pdf"))
{
    const QDir dir(qEnvironmentVariable("MISSIVE_SCAN_PAGES") + QLatin1Char('/') + set);
    QList<Scan> out;
    for (const QString& name : dir.entryList({pattern}, QDir::Files, QDir::Name)) {
        out += Scan{dir.filePath(name), readAll(dir.filePath(name)),
                    QJsonDocument::fromJson(readAll(dir.filePath(name.chopped(4) + QStringLiteral(".json")))).object()};
    }
    return out;
}

double trueDpi(const Scan& s)
{
    return s.truth.value(QStringLiteral("dpi")).toDouble();
}

QByteArray expectedSymbol(const Scan& s)
{
    return s.truth.value(QStringLiteral("datamatrix")).toString().toLatin1();
}

struct PixDeleter
{
    void operator()(Pix* pix) const
    {
        pixDestroy(&pix);
    }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

GrayBuffer bufferOf(Pix* pix)
{
    GrayBuffer out;
    out.width = static_cast<int>(pixGetWidth(pix));
    out.height = static_cast<int>(pixGetHeight(pix));
    out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
    for (int y = 0; y < out.height; ++y) {
        const l_uint32* line = pixGetData(pix) + static_cast<std::ptrdiff_t>(y) * pixGetWpl(pix);
        for (int x = 0; x < out.width; ++x) {
            out.pixels[static_cast<std::size_t>(y) * out.width + x] = static_cast<std::uint8_t>(GET_DATA_BYTE(line, x));
        }
    }
    return out;
}

// An INS DataMatrix as an office scanner gives it back: 20 mm printed in grey toner, tilted 3°,
// seen at 200 dpi (3.6 pixels per module; the sensor averages, which blurs), speckled, and saved as
// a JPEG at quality 40.
GrayBuffer badlyScannedSymbol(const std::string& payload)
{
    const std::wstring wide(payload.begin(), payload.end());
    ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::DataMatrix);
    writer.setMargin(0);
    const ZXing::BitMatrix matrix = writer.encode(wide, 0, 0);
    constexpr int Oversample = 4;
    constexpr double Dpi = 200 * Oversample;
    const double module = 20.0 / 25.4 * Dpi / matrix.width();
    constexpr int Side = 400 * Oversample;
    PixPtr pix(pixCreate(Side, Side, 8));
    pixSetAllArbitrary(pix.get(), 238);
    const double origin = (Side - module * matrix.width()) / 2;
    for (int y = 0; y < Side; ++y) {
        for (int x = 0; x < Side; ++x) {
            if (x < origin || y < origin) {
                continue;
            }
            const int mx = static_cast<int>((x - origin) / module);
            const int my = static_cast<int>((y - origin) / module);
            if (mx < matrix.width() && my < matrix.height() && matrix.get(mx, my)) {
                pixSetPixel(pix.get(), x, y, 120);
            }
        }
    }
    PixPtr rotated(pixRotate(pix.get(), 3.0f * 3.14159265f / 180, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
    PixPtr seen(pixScaleAreaMap(rotated.get(), 1.0f / Oversample, 1.0f / Oversample));
    // Speckles, from a fixed sequence so that the test is the same every run.
    const int side = static_cast<int>(pixGetWidth(seen.get()));
    std::uint32_t state = 12345;
    for (int i = 0; i < side * side / 80; ++i) {
        state = state * 1664525u + 1013904223u;
        const int x = static_cast<int>((state >> 8) % side);
        state = state * 1664525u + 1013904223u;
        const int y = static_cast<int>((state >> 8) % side);
        pixSetPixel(seen.get(), x, y, (state & 0x100) ? 60 : 250);
    }
    l_uint8* jpeg = nullptr;
    size_t size = 0;
    REQUIRE(pixWriteMemJpeg(&jpeg, &size, seen.get(), 40, 0) == 0);
    PixPtr decoded(pixReadMemJpeg(jpeg, size, 0, 1, nullptr, 0));
    lept_free(jpeg);
    REQUIRE(decoded);
    return bufferOf(decoded.get());
}

const std::string InsPayload = "IS01" + std::string(22, '0') + "S1" + "176114418461342" + "S2"
                               + "1.2.250.1.213.1.4.10\x1dS3THOMAS\x1dS4NGUYEN\x1dS5MS628-11-1976S744184";

} // namespace

TEST_CASE("a scan's resolution comes from the paper when its pixels have the aspect of A4 or Letter",
          "[unit][ocr][scan]")
{
    CHECK(paperDpi(2480, 3508).value_or(0) == Approx(300).epsilon(0.01));
    CHECK(paperDpi(3508, 2480).value_or(0) == Approx(300).epsilon(0.01)); // landscape
    CHECK(paperDpi(1654, 2339).value_or(0) == Approx(200).epsilon(0.01));
    CHECK(paperDpi(2550, 3300).value_or(0) == Approx(300).epsilon(0.01)); // Letter
    CHECK_FALSE(paperDpi(2244, 2835));                                    // a cropped scan
    CHECK_FALSE(paperDpi(1000, 1000));
    CHECK(isPaperSize(595.3, 841.9));
    CHECK(isPaperSize(841.9, 595.3));
    CHECK(isPaperSize(612, 792));
    CHECK_FALSE(isPaperSize(1860.8, 2631)); // A4 at 300 dpi declared at 96 ppi
}

TEST_CASE("a scan that is not a whole sheet has its resolution measured on its letters", "[unit][ocr][scan]")
{
    const QList<Scan> cropped = scans(QStringLiteral("cropped"));
    REQUIRE(cropped.size() == 2);
    for (const Scan& s : cropped) {
        INFO(s.path.toStdString());
        PdfContent content(s.pdf);
        const auto page = content.page(0);
        REQUIRE(page);
        const auto layout = scanLayout(*page);
        REQUIRE(layout);
        REQUIRE(layout->single);
        const auto gray = decodeJpeg(content.jpegOf(*layout->single).value_or(QByteArray()), 1, 50'000'000);
        REQUIRE(gray);
        CHECK_FALSE(paperDpi(gray->width, gray->height));
        const auto dpi = textDpi(gray->view());
        REQUIRE(dpi);
        CHECK(*dpi == Approx(trueDpi(s)).epsilon(0.2));
    }
    // A blank page holds no letters to measure.
    const GrayBuffer blank{std::vector<std::uint8_t>(1000 * 1400, 250), 1000, 1400};
    CHECK_FALSE(textDpi(blank.view()));
}

TEST_CASE("a page that is one image is told from a text page, with the image's pixels and placement",
          "[unit][ocr][scan]")
{
    const QList<Scan> a4 = scans(QStringLiteral("a4"));
    REQUIRE(a4.size() == 8);
    for (const Scan& s : a4 + scans(QStringLiteral("overlay"))) {
        INFO(s.path.toStdString());
        PdfContent content(s.pdf);
        REQUIRE(content.pageCount() == 1);
        const auto page = content.page(0);
        REQUIRE(page);
        CHECK_FALSE(page->opaque);
        const auto layout = scanLayout(*page);
        REQUIRE(layout);
        REQUIRE(layout->single);
        const QJsonArray pixels = s.truth.value(QStringLiteral("pixels")).toArray();
        CHECK(layout->single->pixelWidth == pixels.at(0).toInt());
        CHECK(layout->single->pixelHeight == pixels.at(1).toInt());
        CHECK(layout->single->upright);
        CHECK(layout->coverage > 0.97);
        const double declared = s.truth.value(QStringLiteral("declared_ppi")).toDouble();
        CHECK(layout->ppiX == Approx(declared).epsilon(0.005));
        CHECK(layout->ppiY == Approx(declared).epsilon(0.005));
        CHECK(layout->rect.width() == Approx(page->size.width()).epsilon(0.005));
        CHECK(content.jpegOf(*layout->single));
    }
    const QList<Scan> texts = scans(QStringLiteral("a4"), QStringLiteral("text-*.pdf"))
                              + scans(QStringLiteral("text"), QStringLiteral("text-*.pdf"));
    REQUIRE(texts.size() == 11);
    for (const Scan& s : texts) {
        INFO(s.path.toStdString() << " " << s.truth.value(QStringLiteral("style")).toString().toStdString());
        PdfContent content(s.pdf);
        const auto page = content.page(0);
        REQUIRE(page);
        CHECK_FALSE(scanLayout(*page));
        CHECK(page->size.width() == Approx(595.27).epsilon(0.001));
        // The symbol, drawn as rectangles, is found and decoded without rendering the page.
        REQUIRE(page->clusters.size() == 1);
        const ShapeCluster& symbol = page->clusters.front();
        CHECK(symbol.rectsOnly);
        CHECK(symbol.box.width() == Approx(20 * 72 / 25.4).epsilon(0.02));
        CHECK(symbol.box.left() == Approx(160 * 72 / 25.4).epsilon(0.01));
        CHECK(readDataMatrices(rasterize(symbol).view(), std::chrono::steady_clock::now(), SymbolDecoder::ZXing)
                  .contains(expectedSymbol(s)));
    }
}

TEST_CASE("a text page's symbol is found and decoded from the page content, however it is drawn",
          "[integration][ocr][scan]")
{
    Analyzer analyzer;
    for (const Scan& s : scans(QStringLiteral("text"), QStringLiteral("text-*.pdf"))) {
        INFO(s.path.toStdString() << " " << s.truth.value(QStringLiteral("style")).toString().toStdString());
        const auto analysis = analyzer.analyze(s.path);
        REQUIRE(analysis);
        CHECK(analysis->textSource == TextSource::TextLayer);
        CHECK((analysis->patient.source == IdentitySource::DataMatrix
               || analysis->patient.source == IdentitySource::Both));
    }
}

TEST_CASE("a scan declared at 96 ppi is worked on at its own pixels and its true resolution", "[unit][ocr][scan]")
{
    // Decoded (JPEG) on A4 and Letter sheets, cropped scans and a scan stored sideways on a rotated
    // page; rendered 1:1 by Poppler (Flate).
    const QList<Scan> all = scans(QStringLiteral("a4"), QStringLiteral("*-96.pdf")) + scans(QStringLiteral("letter"))
                            + scans(QStringLiteral("cropped")) + scans(QStringLiteral("png"))
                            + scans(QStringLiteral("sideways"));
    REQUIRE(all.size() == 9);
    for (const Scan& s : all) {
        INFO(s.path.toStdString());
        std::unique_ptr<poppler::document> doc(
            poppler::document::load_from_raw_data(s.pdf.constData(), static_cast<int>(s.pdf.size())));
        REQUIRE(doc);
        std::unique_ptr<poppler::page> popplerPage(doc->create_page(0));
        poppler::page_renderer renderer;
        renderer.set_image_format(poppler::image::format_gray8);
        PdfContent content(s.pdf);
        const auto page = content.page(0);
        REQUIRE(page);
        const auto layout = scanLayout(*page);
        REQUIRE(layout);
        if (s.path.contains(QLatin1String("sideways"))) {
            REQUIRE(layout->single);
            CHECK(layout->single->quarterTurns == 1);
            CHECK(page->size.width() < page->size.height()); // displayed upright
        }
        const auto pixels = loadScan(popplerPage.get(), renderer, content, *page, *layout, {}, 0);
        REQUIRE(pixels);
        const QJsonArray size = s.truth.value(QStringLiteral("pixels")).toArray();
        CHECK(std::abs(pixels->view.width - size.at(0).toInt()) <= 1);
        CHECK(std::abs(pixels->view.height - size.at(1).toInt()) <= 1);
        const bool sheet = s.truth.value(QStringLiteral("paper")).toString() != QLatin1String("cropped");
        CHECK(pixels->dpi == Approx(trueDpi(s)).epsilon(sheet ? 0.01 : 0.2));
        // The symbol is where it was printed, at the right scale; where it was decoded is told, so
        // that what OCR reads in its modules is not taken for text.
        QList<QRectF> regions;
        CHECK(findDataMatrices(pixels->view, pixels->dpi, std::chrono::milliseconds(2000), SymbolDecoder::Both, &regions)
                  .contains(expectedSymbol(s)));
        const double side = s.truth.value(QStringLiteral("size_mm")).toDouble() / 25.4;
        CHECK(std::any_of(regions.begin(), regions.end(),
                          [&](const QRectF& r) { return std::abs(r.width() - side) < 0.4 * side; }));
    }
}

TEST_CASE("a 96 ppi-declared scan is read by OCR with its DataMatrix decoded", "[integration][ocr][scan]")
{
    Analyzer analyzer;
    for (const Scan& s : scans(QStringLiteral("a4"), QStringLiteral("scan-000-*-96.pdf"))) {
        INFO(s.path.toStdString());
        const auto analysis = analyzer.analyze(s.path);
        REQUIRE(analysis);
        CHECK(analysis->textSource == TextSource::Ocr);
        CHECK((analysis->patient.source == IdentitySource::DataMatrix
               || analysis->patient.source == IdentitySource::Both));
        // The traits come from the symbol (the printed ones are checked against them elsewhere).
        const auto& id = analysis->patient.identity;
        CHECK_FALSE(id.birthName.isEmpty());
        CHECK(expectedSymbol(s).contains(QByteArray(QByteArray("S4") + id.birthName.toLatin1())));
    }
}

TEST_CASE("a searchable scan keeps its text layer and has its symbol read on the scan's own pixels",
          "[integration][ocr][scan]")
{
    const QList<Scan> searchable = scans(QStringLiteral("searchable"));
    REQUIRE(searchable.size() == 1);
    Analyzer analyzer;
    const auto analysis = analyzer.analyze(searchable.front().path);
    REQUIRE(analysis);
    CHECK(analysis->textSource == TextSource::TextLayer); // no OCR: the scanner's text is used
    CHECK((analysis->patient.source == IdentitySource::DataMatrix || analysis->patient.source == IdentitySource::Both));
}

TEST_CASE("a tilted, blurred, faint, JPEG-compressed 200 dpi symbol is decoded, by libdmtx where needed",
          "[unit][ocr][scan]")
{
    const GrayBuffer symbol = badlyScannedSymbol(InsPayload);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    const QByteArray expected = QByteArray::fromStdString(InsPayload);
    // zxing-cpp 1.4 misses this one; the pair reads it thanks to libdmtx.
    CHECK(readDataMatrices(symbol.view(), deadline, SymbolDecoder::Libdmtx).contains(expected));
    CHECK(readDataMatrices(symbol.view(), deadline, SymbolDecoder::Both).contains(expected));

    // Whole harsh pages (grey ink, heavy blur, JPEG 30-50): the pair reads every one.
    const QList<Scan> harsh = scans(QStringLiteral("harsh"));
    REQUIRE(harsh.size() == 6);
    for (const Scan& s : harsh) {
        INFO(s.path.toStdString());
        PdfContent content(s.pdf);
        const auto page = content.page(0);
        REQUIRE(page);
        const auto layout = scanLayout(*page);
        REQUIRE(layout);
        const auto gray = decodeJpeg(content.jpegOf(*layout->single).value_or(QByteArray()), 1, 50'000'000);
        REQUIRE(gray);
        CHECK(findDataMatrices(gray->view(), trueDpi(s), std::chrono::milliseconds(2000)).contains(expectedSymbol(s)));
    }
}

TEST_CASE("libdmtx gives up at its deadline on a page of noise", "[unit][ocr][scan]")
{
    GrayBuffer noise;
    noise.width = 1200;
    noise.height = 1200;
    noise.pixels.resize(static_cast<std::size_t>(noise.width) * noise.height);
    std::uint32_t state = 99;
    for (std::uint8_t& p : noise.pixels) {
        state = state * 1664525u + 1013904223u;
        p = (state >> 24) < 110 ? 20 : 235;
    }
    QElapsedTimer timer;
    timer.start();
    const auto found = readDataMatrices(noise.view(), std::chrono::steady_clock::now() + std::chrono::milliseconds(100),
                                        SymbolDecoder::Libdmtx);
    CHECK(found.isEmpty());
    CHECK(timer.elapsed() < 1000);
}

TEST_CASE("the OCR keeps the lines it skipped and reads them, and only them, when asked", "[integration][ocr][scan]")
{
    const QList<Scan> pages = scans(QStringLiteral("a4"), QStringLiteral("scan-000-300-a4-true.pdf"));
    REQUIRE(pages.size() == 1);
    PdfContent content(pages.front().pdf);
    const auto page = content.page(0);
    REQUIRE(page);
    const auto layout = scanLayout(*page);
    REQUIRE(layout);
    const auto gray = decodeJpeg(content.jpegOf(*layout->single).value_or(QByteArray()), 1, 50'000'000);
    REQUIRE(gray);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    const auto joined = [](const QList<Word>& words) {
        QStringList texts;
        for (const Word& w : words) {
            texts += w.text;
        }
        return texts.join(QLatin1Char(' '));
    };

    OcrEngine engine;
    const auto useful = engine.recognise(gray->view(), 300, OcrMode::UsefulLines, deadline);
    REQUIRE(useful);
    CHECK(joined(*useful).contains(QLatin1String("MEYER")));            // the addressee is read at once
    CHECK_FALSE(joined(*useful).contains(QLatin1String("biologique"))); // body sentences are not
    CHECK(engine.skippedLines() >= 3);

    const auto skipped = engine.recogniseSkipped(deadline);
    REQUIRE(skipped);
    REQUIRE(skipped->size() == 1);
    const QString rest = joined(skipped->front());
    CHECK(rest.contains(QLatin1String("biologique")));
    CHECK_FALSE(rest.contains(QLatin1String("MEYER")));
    CHECK(engine.skippedLines() == 0);
    // Same coordinates as the first reading: on the page, in points.
    for (const Word& w : skipped->front()) {
        CHECK(w.box.right() <= 600);
        CHECK(w.box.bottom() <= 845);
    }
}

TEST_CASE("a symbol the scan's edge cuts is told, not decoded, and a whole one is never taken for it",
          "[unit][ocr][scan]")
{
    // A 20 mm INS symbol at 200 dpi, its left edge `left` pixels into an image 600 pixels wide.
    const auto page = [](int left) {
        const std::string payload = InsPayload;
        const std::wstring wide(payload.begin(), payload.end());
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::DataMatrix);
        writer.setMargin(0);
        const ZXing::BitMatrix matrix = writer.encode(wide, 0, 0);
        const double module = 20.0 / 25.4 * 200 / matrix.width();
        GrayBuffer out;
        out.width = 600;
        out.height = 400;
        out.pixels.assign(static_cast<std::size_t>(out.width) * out.height, 240);
        for (int y = 0; y < out.height; ++y) {
            for (int x = left; x < out.width; ++x) {
                const int mx = static_cast<int>((x - left) / module);
                const int my = static_cast<int>((y - 100) / module);
                if (y >= 100 && mx < matrix.width() && my < matrix.height() && matrix.get(mx, my)) {
                    out.pixels[static_cast<std::size_t>(y) * out.width + x] = 30;
                }
            }
        }
        return out;
    };
    const GrayBuffer whole = page(300);
    QList<QRectF> cut;
    CHECK_FALSE(findSquareBlobs(whole.view(), 200, &cut).isEmpty());
    CHECK(cut.isEmpty());
    int cutSymbols = 0;
    CHECK(
        findDataMatrices(whole.view(), 200, std::chrono::milliseconds(2000), SymbolDecoder::Both, nullptr, &cutSymbols)
            .contains(QByteArray::fromStdString(InsPayload)));
    CHECK(cutSymbols == 0);
    // A fifth of it beyond the right edge.
    const GrayBuffer clipped = page(600 - 126);
    CHECK(findDataMatrices(clipped.view(), 200, std::chrono::milliseconds(2000), SymbolDecoder::Both, nullptr,
                           &cutSymbols)
              .isEmpty());
    CHECK(cutSymbols == 1);
}
