#include "barcode.h"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <dmtx.h>
#include <memory>
#include <vector>

namespace missive::ocr
{
namespace
{

using Clock = std::chrono::steady_clock;

// A symbol printed on a letter is 10–40 mm wide (the ANS asks for a readable square).
constexpr double MinSymbolMm = 8.0;
constexpr double MaxSymbolMm = 45.0;
// Around a candidate: its quiet zone, and room for a tilt of a few degrees.
constexpr double SymbolMarginInch = 0.12;
constexpr qsizetype MaxCandidates = 6;
// libdmtx on one candidate: a clean symbol takes a few milliseconds; beyond this it is noise.
constexpr std::chrono::milliseconds LibdmtxPerCandidate{250};
// libdmtx needs about 3 pixels per module; a larger crop is shrunk as it is scanned.
constexpr int LibdmtxShrinkAbovePixels = 700;

// The symbol's binarisation level; a blank page, or one with no contrast: the historical 128.
int symbolThreshold(const GrayImage& image)
{
    const int level = inkThreshold(image, 4, 0.003);
    return level < 0 ? 128 : level;
}

QList<QByteArray> readWithZxing(const GrayImage& image)
{
    QList<QByteArray> out;
    const ZXing::ImageView view(image.data, image.width, image.height, ZXing::ImageFormat::Lum, image.stride);
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::DataMatrix);
    hints.setTryHarder(true);
    hints.setTryRotate(true);
    const ZXing::Result result = ZXing::ReadBarcode(view, hints);
    if (result.isValid()) {
        const auto& bytes = result.bytes();
        out += QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size()));
    }
    return out;
}

struct DmtxFree
{
    void operator()(DmtxImage* p) const
    {
        dmtxImageDestroy(&p);
    }
    void operator()(DmtxDecode* p) const
    {
        dmtxDecodeDestroy(&p);
    }
    void operator()(DmtxRegion* p) const
    {
        dmtxRegionDestroy(&p);
    }
    void operator()(DmtxMessage* p) const
    {
        dmtxMessageDestroy(&p);
    }
};

QList<QByteArray> readWithLibdmtx(const GrayImage& image, Clock::time_point deadline)
{
    QList<QByteArray> out;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
        return out;
    }
    // libdmtx reads a mutable, unpadded buffer; the crop is small.
    std::vector<unsigned char> pixels(static_cast<std::size_t>(image.width) * image.height);
    for (int y = 0; y < image.height; ++y) {
        std::copy_n(image.data + static_cast<std::ptrdiff_t>(y) * image.stride, image.width,
                    pixels.begin() + static_cast<std::ptrdiff_t>(y) * image.width);
    }
    const std::unique_ptr<DmtxImage, DmtxFree> img(
        dmtxImageCreate(pixels.data(), image.width, image.height, DmtxPack8bppK));
    if (!img) {
        return out;
    }
    dmtxImageSetProp(img.get(), DmtxPropImageFlip, DmtxFlipNone);
    const int shrink = std::max(image.width, image.height) > LibdmtxShrinkAbovePixels ? 2 : 1;
    const std::unique_ptr<DmtxDecode, DmtxFree> dec(dmtxDecodeCreate(img.get(), shrink));
    if (!dec) {
        return out;
    }
    dmtxDecodeSetProp(dec.get(), DmtxPropSymbolSize, DmtxSymbolSquareAuto);
    // The INS symbol is square and fills a good part of the crop.
    dmtxDecodeSetProp(dec.get(), DmtxPropEdgeMin, std::min(image.width, image.height) / (4 * shrink));
    DmtxTime timeout = dmtxTimeAdd(dmtxTimeNow(), std::min<long>(left.count(), LibdmtxPerCandidate.count()));
    while (true) {
        const std::unique_ptr<DmtxRegion, DmtxFree> region(dmtxRegionFindNext(dec.get(), &timeout));
        if (!region) {
            break; // none left, or out of time
        }
        const std::unique_ptr<DmtxMessage, DmtxFree> message(
            dmtxDecodeMatrixRegion(dec.get(), region.get(), DmtxUndefined));
        if (message) {
            out += QByteArray(reinterpret_cast<const char*>(message->output),
                              static_cast<qsizetype>(std::max(0, message->outputIdx)));
            break;
        }
    }
    return out;
}

} // namespace

QList<QRectF> findSquareBlobs(const GrayImage& image, double dpi, QList<QRectF>* cutAtEdge)
{
    QList<QRectF> out;
    if (!image.data || image.width <= 0 || image.height <= 0 || dpi <= 0) {
        return out;
    }
    const int threshold = symbolThreshold(image);
    // Cells of about 1 mm: a DataMatrix fills every cell with ink, a text line leaves white rows.
    const int cell = std::max(1, static_cast<int>(std::lround(dpi / 25.4)));
    // Every other pixel suffices to tell ink from paper in a cell of 8 pixels or more.
    const int step = cell >= 8 ? 2 : 1;
    const int gw = image.width / cell;
    const int gh = image.height / cell;
    if (gw <= 0 || gh <= 0) {
        return out;
    }
    std::vector<std::uint8_t> ink(static_cast<std::size_t>(gw) * gh, 0);
    const int samplesPerCell = ((cell + step - 1) / step) * ((cell + step - 1) / step);
    for (int gy = 0; gy < gh; ++gy) {
        for (int gx = 0; gx < gw; ++gx) {
            int dark = 0;
            for (int y = gy * cell; y < (gy + 1) * cell; y += step) {
                const std::uint8_t* row = image.data + static_cast<std::ptrdiff_t>(y) * image.stride + gx * cell;
                for (int x = 0; x < cell; x += step) {
                    dark += row[x] < threshold ? 1 : 0;
                }
            }
            ink[static_cast<std::size_t>(gy) * gw + gx] = dark * 100 >= 12 * samplesPerCell ? 1 : 0;
        }
    }
    // Connected components of ink cells (4-neighbours), iterative flood fill.
    std::vector<int> label(ink.size(), 0);
    std::vector<int> stack;
    int next = 0;
    const double mmPerCell = cell * 25.4 / dpi;
    struct Candidate
    {
        QRectF rect;
        double fill;
    };
    QList<Candidate> found;
    for (int start = 0; start < gw * gh; ++start) {
        if (!ink[start] || label[start]) {
            continue;
        }
        ++next;
        int minX = gw;
        int minY = gh;
        int maxX = -1;
        int maxY = -1;
        int count = 0;
        stack.assign(1, start);
        label[start] = next;
        while (!stack.empty()) {
            const int i = stack.back();
            stack.pop_back();
            const int x = i % gw;
            const int y = i / gw;
            ++count;
            minX = std::min(minX, x);
            maxX = std::max(maxX, x);
            minY = std::min(minY, y);
            maxY = std::max(maxY, y);
            const int neighbours[4] = {x > 0 ? i - 1 : -1, x + 1 < gw ? i + 1 : -1, y > 0 ? i - gw : -1,
                                       y + 1 < gh ? i + gw : -1};
            for (const int n : neighbours) {
                if (n >= 0 && ink[n] && !label[n]) {
                    label[n] = next;
                    stack.push_back(n);
                }
            }
        }
        const int w = maxX - minX + 1;
        const int h = maxY - minY + 1;
        const double wMm = w * mmPerCell;
        const double hMm = h * mmPerCell;
        // Cut by the image's edge: the side it cuts may be short, the other one is whole.
        const bool cutX = minX == 0 || maxX == gw - 1;
        const bool cutY = minY == 0 || maxY == gh - 1;
        if (cutAtEdge != nullptr && (cutX || cutY) && count * 10 >= w * h * 6) {
            const double whole = cutX && cutY ? std::max(wMm, hMm) : cutX ? hMm : wMm;
            const double part = cutX && cutY ? std::min(wMm, hMm) : cutX ? wMm : hMm;
            if (whole >= MinSymbolMm && whole <= MaxSymbolMm && part >= whole * 0.4 && part <= whole * 1.1) {
                const double inch = cell / dpi;
                *cutAtEdge += QRectF(minX * inch, minY * inch, w * inch, h * inch);
            }
        }
        if (wMm < MinSymbolMm || hMm < MinSymbolMm || wMm > MaxSymbolMm || hMm > MaxSymbolMm * 1.4) {
            continue;
        }
        // Square (a caption under it may stretch it a little) and mostly filled.
        if (hMm > wMm * 1.6 || wMm > hMm * 1.3 || count * 10 < w * h * 6) {
            continue;
        }
        const double inch = cell / dpi;
        found += Candidate{QRectF(minX * inch, minY * inch, w * inch, h * inch), static_cast<double>(count) / (w * h)};
    }
    // The fullest squares first: a symbol fills its square, a logo or a photo less so.
    std::stable_sort(found.begin(), found.end(),
                     [](const Candidate& a, const Candidate& b) { return a.fill > b.fill; });
    for (const Candidate& c : found) {
        out += c.rect;
    }
    return out;
}

QList<QByteArray> readDataMatrices(const GrayImage& image, Clock::time_point deadline, SymbolDecoder decoder)
{
    QList<QByteArray> out;
    if (!image.data || image.width <= 0 || image.height <= 0) {
        return out;
    }
    if (decoder != SymbolDecoder::Libdmtx) {
        out = readWithZxing(image);
    }
    if (out.isEmpty() && decoder != SymbolDecoder::ZXing) {
        out = readWithLibdmtx(image, deadline);
    }
    return out;
}

QList<QByteArray> readDataMatrices(const GrayImage& image)
{
    return readDataMatrices(image, Clock::now() + LibdmtxPerCandidate);
}

QList<QByteArray> findDataMatrices(const GrayImage& page, double dpi, std::chrono::milliseconds budget,
                                   SymbolDecoder decoder, QList<QRectF>* decodedRegions, int* cutSymbols)
{
    QList<QByteArray> out;
    const Clock::time_point deadline = Clock::now() + budget;
    QList<QRectF> cut;
    const QList<QRectF> blobs = findSquareBlobs(page, dpi, cutSymbols != nullptr ? &cut : nullptr);
    if (cutSymbols != nullptr) {
        *cutSymbols += static_cast<int>(cut.size());
    }
    for (qsizetype b = 0; b < blobs.size() && b < MaxCandidates && Clock::now() < deadline; ++b) {
        const QRectF region =
            blobs[b].adjusted(-SymbolMarginInch, -SymbolMarginInch, SymbolMarginInch, SymbolMarginInch);
        const int x0 = std::clamp(static_cast<int>(region.left() * dpi), 0, page.width - 1);
        const int y0 = std::clamp(static_cast<int>(region.top() * dpi), 0, page.height - 1);
        const int x1 = std::clamp(static_cast<int>(region.right() * dpi), x0 + 1, page.width);
        const int y1 = std::clamp(static_cast<int>(region.bottom() * dpi), y0 + 1, page.height);
        const GrayImage crop{page.data + static_cast<std::ptrdiff_t>(y0) * page.stride + x0, x1 - x0, y1 - y0,
                             page.stride};
        const QList<QByteArray> payloads = readDataMatrices(crop, deadline, decoder);
        for (const QByteArray& payload : payloads) {
            if (!out.contains(payload)) {
                out += payload;
            }
        }
        if (decodedRegions != nullptr && !payloads.isEmpty()) {
            *decodedRegions += blobs[b];
        }
    }
    return out;
}

} // namespace missive::ocr
