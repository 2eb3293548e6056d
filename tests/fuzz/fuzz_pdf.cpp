// libFuzzer target: what reads a print's raw bytes before Poppler does — the declared-image guard
// (decompression bombs) and the qpdf walk of each page's content (images, DataMatrix shapes, the
// content-bomb bounds). Any crash, sanitizer report, hang or broken invariant is a finding.

#include "page_content.h"
#include "pdf_guard.h"

#include <QByteArray>
#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace missive::ocr
{
// JPEG decoding belongs to the Tesseract/Leptonica module, which the fuzzer does not load.
std::optional<GrayBuffer> decodeJpeg(const QByteArray&, int, qint64, int)
{
    return std::nullopt;
}
} // namespace missive::ocr

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace missive::ocr;
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const ImageExtent largest = largestDeclaredImage(bytes);
    if (largest.width < 0 || largest.height < 0) {
        std::abort();
    }
    const PdfContent content(bytes);
    for (int i = 0; i < std::min(content.pageCount(), 4); ++i) {
        const auto page = content.page(i);
        if (!page) {
            std::abort(); // a page in range is always walked, or marked opaque
        }
        if (page->oversized && !page->opaque) {
            std::abort(); // a page beyond the bounds is never trusted as seen through
        }
        for (const PlacedImage& image : page->images) {
            if (const auto pixels = content.pixelsOf(image, 1'000'000)) {
                if (static_cast<qint64>(pixels->width) * pixels->height > 1'000'000
                    || pixels->pixels.size() != static_cast<std::size_t>(pixels->width) * pixels->height) {
                    std::abort(); // decoded within the bound, whole
                }
            }
        }
        for (const ShapeCluster& cluster : page->clusters) {
            (void)rasterize(cluster);
        }
    }
    return 0;
}
