#include "barcode.h"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>
#include <cmath>
#include <vector>

namespace missive::ocr
{
namespace
{

// A symbol printed on a letter is 10–40 mm wide (the ANS asks for a readable square).
constexpr double MinSymbolMm = 8.0;
constexpr double MaxSymbolMm = 45.0;

} // namespace

QList<QRectF> findSquareBlobs(const GrayImage& image, double dpi)
{
    QList<QRectF> out;
    if (!image.data || image.width <= 0 || image.height <= 0 || dpi <= 0) {
        return out;
    }
    // Cells of about 1 mm: a DataMatrix fills every cell with ink, a text line leaves white rows.
    const int cell = std::max(1, static_cast<int>(std::lround(dpi / 25.4)));
    const int gw = image.width / cell;
    const int gh = image.height / cell;
    if (gw <= 0 || gh <= 0) {
        return out;
    }
    std::vector<std::uint8_t> ink(static_cast<std::size_t>(gw) * gh, 0);
    for (int gy = 0; gy < gh; ++gy) {
        for (int gx = 0; gx < gw; ++gx) {
            int dark = 0;
            for (int y = gy * cell; y < (gy + 1) * cell; ++y) {
                const std::uint8_t* row = image.data + static_cast<std::ptrdiff_t>(y) * image.stride + gx * cell;
                for (int x = 0; x < cell; ++x) {
                    dark += row[x] < 128 ? 1 : 0;
                }
            }
            ink[static_cast<std::size_t>(gy) * gw + gx] = dark * 100 >= 12 * cell * cell ? 1 : 0;
        }
    }
    // Connected components of ink cells (4-neighbours), iterative flood fill.
    std::vector<int> label(ink.size(), 0);
    std::vector<int> stack;
    int next = 0;
    const double mmPerCell = cell * 25.4 / dpi;
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
        if (wMm < MinSymbolMm || hMm < MinSymbolMm || wMm > MaxSymbolMm || hMm > MaxSymbolMm * 1.4) {
            continue;
        }
        // Square (a caption under it may stretch it a little) and mostly filled.
        if (hMm > wMm * 1.6 || wMm > hMm * 1.3 || count * 10 < w * h * 6) {
            continue;
        }
        const double inch = cell / dpi;
        out += QRectF(minX * inch, minY * inch, w * inch, h * inch);
    }
    return out;
}

QList<QByteArray> readDataMatrices(const GrayImage& image)
{
    QList<QByteArray> out;
    if (!image.data || image.width <= 0 || image.height <= 0) {
        return out;
    }
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

} // namespace missive::ocr
