#include "page_image.h"

#include "ocr_module.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace missive::ocr
{
namespace
{

struct Paper
{
    double shortInch;
    double longInch;
};
constexpr std::array<Paper, 2> ScanPapers{{{210 / 25.4, 297 / 25.4}, {8.5, 11.0}}};
constexpr std::array<Paper, 4> PdfPapers{
    {{210 / 25.4, 297 / 25.4}, {8.5, 11.0}, {8.5, 14.0}, {148 / 25.4, 210 / 25.4}}};

// Body text of a letter is 9-12 pt; the x-height of common faces is about half the size.
constexpr double XHeightPoints = 5.3;

bool near(double a, double b, double tolerance)
{
    return std::abs(a - b) <= tolerance * b;
}

} // namespace

std::optional<double> paperDpi(int width, int height)
{
    if (width <= 0 || height <= 0) {
        return std::nullopt;
    }
    const double shortPx = std::min(width, height);
    const double longPx = std::max(width, height);
    for (const Paper& paper : ScanPapers) {
        if (near(longPx / shortPx, paper.longInch / paper.shortInch, 0.015)) {
            return (shortPx / paper.shortInch + longPx / paper.longInch) / 2;
        }
    }
    return std::nullopt;
}

bool isPaperSize(double widthPt, double heightPt)
{
    const double shortInch = std::min(widthPt, heightPt) / 72;
    const double longInch = std::max(widthPt, heightPt) / 72;
    return std::any_of(PdfPapers.begin(), PdfPapers.end(), [&](const Paper& paper) {
        return near(shortInch, paper.shortInch, 0.03) && near(longInch, paper.longInch, 0.03);
    });
}

std::optional<double> textDpi(const GrayImage& image)
{
    const int height = modalLetterHeight(image);
    if (height <= 0) {
        return std::nullopt;
    }
    const double dpi = height / (XHeightPoints / 72.0);
    if (dpi < 70 || dpi > 1200) {
        return std::nullopt;
    }
    return dpi;
}

// The pixel work needs Leptonica, which lives in the OCR module (ocr_module.h) with Tesseract:
// only scans and embedded JPEG pictures load it.
int modalLetterHeight(const GrayImage& image)
{
    const auto& module = ocrModule();
    return module ? (*module)->modalLetterHeight(image) : 0;
}

std::optional<GrayBuffer> decodeJpeg(const QByteArray& data, int reduction, qint64 maxPixels, int quarterTurns)
{
    const auto& module = ocrModule();
    if (!module) {
        return std::nullopt;
    }
    GrayBuffer out;
    if (!(*module)->decodeJpeg(data, reduction, maxPixels, quarterTurns, out)) {
        return std::nullopt;
    }
    return out;
}

GrayBuffer scaled(const GrayImage& image, double factor)
{
    const auto& module = ocrModule();
    GrayBuffer out;
    if (module) {
        (*module)->scaled(image, factor, out);
    }
    return out;
}

} // namespace missive::ocr
