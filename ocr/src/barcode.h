#pragma once
// INS DataMatrix detection: zxing-cpp decodes, but its detector looks around the image centre
// (camera frames), so on a full page the symbol is first located as a dense, square blob of
// ink, then decoded on a crop of that region.

#include <QByteArray>
#include <QList>
#include <QRectF>
#include <cstdint>

namespace missive::ocr
{

struct GrayImage
{
    const std::uint8_t* data = nullptr;
    int width = 0;
    int height = 0;
    int stride = 0;
};

// Candidate symbol regions, in inches from the top left of the page (so that a low-resolution
// render can point at the region to render again finely). `dpi` is the image's resolution.
[[nodiscard]] QList<QRectF> findSquareBlobs(const GrayImage& image, double dpi);
// Raw payloads of the DataMatrix symbols in a (cropped) image.
[[nodiscard]] QList<QByteArray> readDataMatrices(const GrayImage& image);

} // namespace missive::ocr
