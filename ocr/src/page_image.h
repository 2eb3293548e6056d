#pragma once
// A scanned page as pixels: an owned grey buffer, and the physical resolution of a scan, which the
// PDF may misstate (some image-to-PDF tools declare every image at 96 or 72 ppi, the page then
// being several times larger than the paper that was scanned).

#include "barcode.h"

#include <QByteArray>
#include <cstdint>
#include <optional>
#include <vector>

namespace missive::ocr
{

struct GrayBuffer
{
    std::vector<std::uint8_t> pixels; // rows of `width` bytes, no padding
    int width = 0;
    int height = 0;

    [[nodiscard]] GrayImage view() const
    {
        return GrayImage{pixels.data(), width, height, width};
    }
};

// Pixels per inch of a scan whose pixel size has the aspect ratio of A4 or Letter (either
// orientation, within 1.5 %): the paper's size then gives the resolution. Otherwise nullopt.
[[nodiscard]] std::optional<double> paperDpi(int width, int height);

// True when a page of `width` x `height` points is a common paper size (A4, Letter, Legal, A5,
// either orientation, within 3 %): the PDF's own geometry is then plausible.
[[nodiscard]] bool isPaperSize(double widthPt, double heightPt);

// Pixels per inch estimated from the height of the letters (the most frequent height of the ink
// components, which is the x-height of body text); nullopt when the image holds too little text.
[[nodiscard]] std::optional<double> textDpi(const GrayImage& image);

// The most frequent ink component height, in pixels (0 when too few components): textDpi's
// measure, exposed for tests.
[[nodiscard]] int modalLetterHeight(const GrayImage& image);

// A grey image from JPEG bytes (a PDF's DCTDecode stream), luminance only, the JPEG decoder
// shrinking it by `reduction` (1, 2, 4 or 8) as it decodes, then turned clockwise by
// `quarterTurns` × 90°. nullopt when the data is not a readable 1- or 3-component JPEG or would
// exceed `maxPixels`.
[[nodiscard]] std::optional<GrayBuffer> decodeJpeg(const QByteArray& data, int reduction, qint64 maxPixels,
                                                   int quarterTurns = 0);

// A copy of `image` scaled by `factor` (< 1 shrinks, area-averaged).
[[nodiscard]] GrayBuffer scaled(const GrayImage& image, double factor);

} // namespace missive::ocr
