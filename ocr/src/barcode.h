#pragma once
// INS DataMatrix detection. zxing-cpp decodes clean symbols fast but its detector looks around the
// image centre (camera frames), and it misses some tilted, blurred or faint scans that libdmtx
// reads. So the symbol is first located as a dense, square blob of ink where it stands on the
// page, then each candidate region is decoded: zxing-cpp first, libdmtx (time-bounded) when it
// misses.

#include <QByteArray>
#include <array>
#include <QList>
#include <QRectF>
#include <chrono>
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

// Grey level halfway between ink and paper, from every `step`-th pixel each way: ink is the
// `inkShare` darkest quantile, paper the 60 % one, so that faint printing still counts as ink.
// -1 for an empty image or one without contrast (less than 40 levels between them).
inline int inkThreshold(const GrayImage& image, int step, double inkShare)
{
    std::array<int, 256> histogram{};
    int samples = 0;
    for (int y = 0; y < image.height; y += step) {
        const std::uint8_t* row = image.data + static_cast<std::ptrdiff_t>(y) * image.stride;
        for (int x = 0; x < image.width; x += step) {
            ++histogram[row[x]];
            ++samples;
        }
    }
    if (samples == 0) {
        return -1;
    }
    const auto quantile = [&](double share) {
        const int wanted = static_cast<int>(share * samples);
        int seen = 0;
        for (int v = 0; v < 256; ++v) {
            seen += histogram[v];
            if (seen > wanted) {
                return v;
            }
        }
        return 255;
    };
    const int ink = quantile(inkShare);
    const int paper = quantile(0.6);
    return paper - ink < 40 ? -1 : (ink + paper) / 2;
}

enum class SymbolDecoder
{
    Both,   // zxing-cpp, then libdmtx when it misses
    ZXing,  // zxing-cpp alone (tests)
    Libdmtx // libdmtx alone (tests)
};

// Candidate symbol regions, in inches from the top left of the page (so that a low-resolution
// render can point at the region to render again finely). `dpi` is the image's resolution.
// `cutAtEdge`, if given, receives the symbol-like squares the image's edge cuts (a scan that lost
// part of a symbol): none of them can be decoded, all of them say a symbol was there.
[[nodiscard]] QList<QRectF> findSquareBlobs(const GrayImage& image, double dpi, QList<QRectF>* cutAtEdge = nullptr);

// Raw payloads of the DataMatrix symbols in a (cropped) image. libdmtx gives up at `deadline`.
[[nodiscard]] QList<QByteArray> readDataMatrices(const GrayImage& image, std::chrono::steady_clock::time_point deadline,
                                                 SymbolDecoder decoder = SymbolDecoder::Both);
[[nodiscard]] QList<QByteArray> readDataMatrices(const GrayImage& image);

// A page image at `dpi`: the symbols in its candidate regions (at most `maxCandidates`), within
// `budget` for the whole page. `decodedRegions`, if given, receives where symbols were decoded
// (inches from the top left), so that what OCR reads there can be told from text.
// `cutSymbols`, if given, receives how many symbol-like squares the page's edge cuts.
[[nodiscard]] QList<QByteArray> findDataMatrices(const GrayImage& page, double dpi, std::chrono::milliseconds budget,
                                                 SymbolDecoder decoder = SymbolDecoder::Both,
                                                 QList<QRectF>* decodedRegions = nullptr, int* cutSymbols = nullptr);

} // namespace missive::ocr
