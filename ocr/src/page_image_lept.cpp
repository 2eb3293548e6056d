// The Leptonica side of page_image.h, built into the OCR module (ocr_module.h).

#include "page_image_lept.h"

#include <algorithm>
#include <allheaders.h>
#include <array>
#include <cmath>
#include <cstring>
#include <memory>

namespace missive::ocr::lept
{

void PixDeleter::operator()(Pix* pix) const
{
    pixDestroy(&pix);
}

PixPtr toPix(const GrayImage& image)
{
    PixPtr pix(pixCreate(image.width, image.height, 8));
    if (!pix) {
        return {};
    }
    l_uint32* data = pixGetData(pix.get());
    const l_int32 wpl = pixGetWpl(pix.get());
    for (int y = 0; y < image.height; ++y) {
        std::memcpy(data + static_cast<std::ptrdiff_t>(y) * wpl,
                    image.data + static_cast<std::ptrdiff_t>(y) * image.stride, static_cast<std::size_t>(image.width));
    }
    pixEndianByteSwap(pix.get());
    return pix;
}

namespace
{

struct BoxaDeleter
{
    void operator()(Boxa* boxa) const
    {
        boxaDestroy(&boxa);
    }
};

constexpr int MinLetterComponents = 150;

GrayBuffer fromPix(Pix* pix)
{
    GrayBuffer out;
    if (!pix || pixGetDepth(pix) != 8 || pixGetColormap(pix)) {
        return out;
    }
    out.width = static_cast<int>(pixGetWidth(pix));
    out.height = static_cast<int>(pixGetHeight(pix));
    out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
    // Leptonica keeps bytes in 32-bit words of the machine's order; swapped, a row is plain bytes.
    pixEndianByteSwap(pix);
    const auto* data = reinterpret_cast<const std::uint8_t*>(pixGetData(pix));
    const std::size_t rowBytes = static_cast<std::size_t>(pixGetWpl(pix)) * 4;
    for (int y = 0; y < out.height; ++y) {
        std::memcpy(out.pixels.data() + static_cast<std::size_t>(y) * out.width, data + y * rowBytes,
                    static_cast<std::size_t>(out.width));
    }
    pixEndianByteSwap(pix);
    return out;
}



} // namespace

int modalLetterHeight(const GrayImage& image)
{
    if (!image.data || image.width < 50 || image.height < 50) {
        return 0;
    }
    const int threshold = inkThreshold(image, 3, 0.005);
    if (threshold < 0) {
        return 0;
    }
    PixPtr binary(pixCreate(image.width, image.height, 1));
    if (!binary) {
        return 0;
    }
    l_uint32* data = pixGetData(binary.get());
    const l_int32 wpl = pixGetWpl(binary.get());
    for (int y = 0; y < image.height; ++y) {
        const std::uint8_t* row = image.data + static_cast<std::ptrdiff_t>(y) * image.stride;
        l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
        for (int x = 0; x < image.width; ++x) {
            if (row[x] < threshold) {
                SET_DATA_BIT(line, x);
            }
        }
    }
    const std::unique_ptr<Boxa, BoxaDeleter> boxes(pixConnCompBB(binary.get(), 8));
    if (!boxes) {
        return 0;
    }
    // Letters are between 4 pixels (a 72 dpi fax) and a fifth of the page high; specks of noise
    // are smaller, rules and pictures wider.
    const int maxHeight = std::max(5, std::min(image.width, image.height) / 5);
    std::vector<int> histogram(static_cast<std::size_t>(maxHeight) + 2, 0);
    int letters = 0;
    const l_int32 n = boxaGetCount(boxes.get());
    for (l_int32 i = 0; i < n; ++i) {
        l_int32 x = 0;
        l_int32 y = 0;
        l_int32 w = 0;
        l_int32 h = 0;
        if (boxaGetBoxGeometry(boxes.get(), i, &x, &y, &w, &h) != 0) {
            continue;
        }
        if (h < 4 || h > maxHeight || w * 6 < h || w > 5 * h) {
            continue;
        }
        ++histogram[static_cast<std::size_t>(h)];
        ++letters;
    }
    if (letters < MinLetterComponents) {
        return 0;
    }
    int best = 0;
    int bestCount = 0;
    for (int h = 4; h <= maxHeight; ++h) {
        const int count = histogram[h - 1] + 2 * histogram[h] + histogram[h + 1];
        if (count > bestCount) {
            bestCount = count;
            best = h;
        }
    }
    return best;
}

std::optional<GrayBuffer> decodeJpeg(const QByteArray& data, int reduction, qint64 maxPixels, int quarterTurns)
{
    if (data.size() < 4 || (reduction != 1 && reduction != 2 && reduction != 4 && reduction != 8)) {
        return std::nullopt;
    }
    setMsgSeverity(L_SEVERITY_ERROR);
    // The size the decoder will produce, read from the JPEG header before any pixel is decoded.
    l_int32 w = 0;
    l_int32 h = 0;
    l_int32 spp = 0;
    if (readHeaderMemJpeg(reinterpret_cast<const l_uint8*>(data.constData()), static_cast<size_t>(data.size()), &w, &h,
                          &spp, nullptr, nullptr)
            != 0
        || (spp != 1 && spp != 3)) {
        return std::nullopt;
    }
    if (static_cast<qint64>(w / reduction) * (h / reduction) > maxPixels) {
        return std::nullopt;
    }
    PixPtr pix(pixReadMemJpeg(reinterpret_cast<const l_uint8*>(data.constData()), static_cast<size_t>(data.size()), 0,
                              reduction, nullptr, L_JPEG_READ_LUMINANCE));
    if (!pix) {
        return std::nullopt;
    }
    if (pixGetDepth(pix.get()) == 32) {
        pix.reset(pixConvertRGBToLuminance(pix.get()));
    }
    if (pix && quarterTurns % 4 != 0) {
        pix.reset(pixRotateOrth(pix.get(), ((quarterTurns % 4) + 4) % 4));
    }
    if (!pix) {
        return std::nullopt;
    }
    GrayBuffer out = fromPix(pix.get());
    if (out.pixels.empty()) {
        return std::nullopt;
    }
    return out;
}

GrayBuffer scaled(const GrayImage& image, double factor)
{
    PixPtr pix = toPix(image);
    if (!pix) {
        return {};
    }
    const auto f = static_cast<l_float32>(factor);
    PixPtr out(factor < 0.7 ? pixScaleAreaMap(pix.get(), f, f) : pixScale(pix.get(), f, f));
    return fromPix(out.get());
}

} // namespace missive::ocr::lept
