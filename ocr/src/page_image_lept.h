#pragma once
// Leptonica's part of page_image.h (letter heights, JPEG decoding, scaling): built into the OCR
// module beside Tesseract; the programs reach it through the module's table (ocr_module.h).

#include "page_image.h"

namespace missive::ocr::lept
{

[[nodiscard]] int modalLetterHeight(const GrayImage& image);
[[nodiscard]] std::optional<GrayBuffer> decodeJpeg(const QByteArray& data, int reduction, qint64 maxPixels,
                                                   int quarterTurns);
[[nodiscard]] GrayBuffer scaled(const GrayImage& image, double factor);

} // namespace missive::ocr::lept
