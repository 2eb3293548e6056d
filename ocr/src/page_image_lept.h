#pragma once
// Leptonica's part of page_image.h (letter heights, JPEG decoding, scaling): built into the OCR
// module beside Tesseract; the programs reach it through the module's table (ocr_module.h).

#include "page_image.h"

#include <memory>

struct Pix; // Leptonica's image

namespace missive::ocr::lept
{

struct PixDeleter
{
    void operator()(Pix* pix) const;
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// An 8-bit Leptonica copy of `image`; null when it cannot be allocated.
[[nodiscard]] PixPtr toPix(const GrayImage& image);

[[nodiscard]] int modalLetterHeight(const GrayImage& image);
[[nodiscard]] std::optional<GrayBuffer> decodeJpeg(const QByteArray& data, int reduction, qint64 maxPixels,
                                                   int quarterTurns);
[[nodiscard]] GrayBuffer scaled(const GrayImage& image, double factor);

} // namespace missive::ocr::lept
