#include "scan_page.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

namespace missive::ocr
{
namespace
{

tl::unexpected<Error> fail(ErrorCode code, const QString& message, const QString& detail)
{
    return makeError(code, message, detail);
}

GrayImage viewOf(const poppler::image& image)
{
    return GrayImage{reinterpret_cast<const std::uint8_t*>(image.const_data()), image.width(), image.height(),
                     image.bytes_per_row()};
}

} // namespace

Result<ScanPixels> loadScan(poppler::page* page, poppler::page_renderer& renderer, const PdfContent& content,
                            const PageContent& pc, const ScanLayout& scan, const Limits& limits, int index)
{
    // The images' own pixels over the region they cover.
    const double ownWidth = scan.rect.width() / 72 * scan.ppiX;
    const double ownHeight = scan.rect.height() / 72 * scan.ppiY;
    if (!(ownWidth >= 1 && ownHeight >= 1)) {
        return fail(ErrorCode::Integrity, QStringLiteral("page %1 impossible à afficher").arg(index + 1),
                    QStringLiteral("corrupt: empty scan page %1").arg(index + 1));
    }
    // The physical resolution: from the paper when the scan is a whole A4 or Letter sheet, from
    // the PDF when its page is a paper size, otherwise measured on the letters once loaded.
    std::optional<double> ownDpi;
    if (scan.coverage >= 0.9) {
        ownDpi = paperDpi(static_cast<int>(std::lround(ownWidth)), static_cast<int>(std::lround(ownHeight)));
    }
    if (!ownDpi && isPaperSize(pc.size.width(), pc.size.height())) {
        ownDpi = std::sqrt(scan.ppiX * scan.ppiY);
    }
    double scale = ownDpi ? std::min(1.0, MaxScanDpi / *ownDpi) : 1.0;
    scale = std::min(scale, std::sqrt(static_cast<double>(limits.maxPagePixels) / (ownWidth * ownHeight)));

    ScanPixels out;
    double ownPixelsAcross = ownWidth;
    if (scan.single && scan.single->quarterTurns >= 0) {
        // A plain JPEG is decoded here, shrunk by the decoder itself when it is finer than needed.
        if (const auto jpeg = content.jpegOf(*scan.single)) {
            const PlacedImage& image = *scan.single;
            int reduction = 1;
            while (reduction < 8
                   && (1.0 / (reduction * 2) >= scale * 0.8
                       || static_cast<double>(image.pixelWidth / reduction) * (image.pixelHeight / reduction)
                              > static_cast<double>(limits.maxPagePixels))) {
                reduction *= 2;
            }
            if (auto gray = decodeJpeg(*jpeg, reduction, limits.maxPagePixels, image.quarterTurns)) {
                out.owned = std::move(*gray);
                out.view = out.owned.view();
                out.origin = image.rect.topLeft();
                out.pixelsPerPtX = out.owned.width / image.rect.width();
                out.pixelsPerPtY = out.owned.height / image.rect.height();
                ownPixelsAcross = image.quarterTurns % 2 == 0 ? image.pixelWidth : image.pixelHeight;
            }
        }
    }
    if (!out.view.data) {
        const double xres = scan.ppiX * scale;
        const double yres = scan.ppiY * scale;
        const QRectF& r = scan.rect;
        const int x = static_cast<int>(r.left() * xres / 72);
        const int y = static_cast<int>(r.top() * yres / 72);
        out.rendered =
            renderer.render_page(page, xres, yres, x, y, static_cast<int>(std::ceil(r.right() * xres / 72)) - x,
                                 static_cast<int>(std::ceil(r.bottom() * yres / 72)) - y);
        if (!out.rendered.is_valid()) {
            return fail(ErrorCode::Integrity, QStringLiteral("page %1 impossible à afficher").arg(index + 1),
                        QStringLiteral("corrupt: render failed page %1").arg(index + 1));
        }
        out.view = viewOf(out.rendered);
        out.origin = QPointF(x * 72 / xres, y * 72 / yres);
        out.pixelsPerPtX = xres / 72;
        out.pixelsPerPtY = yres / 72;
    }
    const double loaded = out.view.width / ownPixelsAcross;
    if (ownDpi) {
        out.dpi = *ownDpi * loaded;
    } else if (const auto measured = textDpi(out.view)) {
        out.dpi = *measured;
    } else {
        // No letters to measure: the PDF's word if plausible, else the width of an A4 sheet.
        const double declared = std::sqrt(scan.ppiX * scan.ppiY) * loaded;
        out.dpi = declared >= 150 && declared <= 600 ? declared : out.view.width / (210 / 25.4);
    }
    if (out.dpi > MaxScanDpi * 1.35) {
        const double factor = MaxScanDpi / out.dpi;
        out.owned = scaled(out.view, factor);
        out.rendered = poppler::image();
        out.view = out.owned.view();
        out.dpi *= factor;
        out.pixelsPerPtX *= factor;
        out.pixelsPerPtY *= factor;
    }
    if (!out.view.data) {
        return fail(ErrorCode::Io, QStringLiteral("mémoire insuffisante pour lire la page %1").arg(index + 1),
                    QStringLiteral("image-too-large: scan page %1").arg(index + 1));
    }
    return out;
}

} // namespace missive::ocr
