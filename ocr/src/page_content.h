#pragma once
// What a PDF page draws, read from its content streams with qpdf (Poppler's public API does not
// list a page's images): where each image stands and at what resolution, and clusters of small
// filled shapes shaped like a DataMatrix. The reader then works on a scan at the image's own
// pixels whatever page size the PDF declares, and finds a symbol on a text page without
// rendering the page.

#include "page_image.h"

#include <QByteArray>
#include <QList>
#include <QRectF>
#include <QSizeF>
#include <memory>
#include <optional>

namespace missive::ocr
{

struct PlacedImage
{
    int pixelWidth = 0;
    int pixelHeight = 0;
    QRectF rect;     // as displayed: points from the crop box's top left, page rotation applied
    double ppiX = 0; // declared image pixels per displayed inch, across and down
    double ppiY = 0;
    bool upright = false; // first row at the top, first column at the left, neither turned nor skewed
    // Clockwise quarter turns that show the pixels as displayed (a scan stored sideways on a
    // rotated page); -1 when the image is skewed or mirrored.
    int quarterTurns = -1;
    int object = 0; // the image XObject; 0 for an inline image
    int generation = 0;
};

struct FilledRect
{
    QRectF rect;
    bool dark = true; // painted dark (a module) or light (a background, a light module over a dark one)
};

// Small filled shapes gathered into a square the size of a printed DataMatrix (8-45 mm).
struct ShapeCluster
{
    QRectF box;              // displayed points
    QList<FilledRect> rects; // in painting order, when every shape is an upright rectangle (they alone draw it)
    bool rectsOnly = true;
};

struct PageContent
{
    QSizeF size; // displayed page, points
    QList<PlacedImage> images;
    QList<ShapeCluster> clusters;
    // Drawn in a way this reading cannot see through: a barcode font, a content stream beyond the
    // limits, a failure of qpdf. A symbol may hide there; only rendering the page can tell.
    bool opaque = false;
    // Beyond what a letter's page draws: decoded content (forms included) over 16 MB, over a million
    // operators or 400 kB of text shown. Poppler is not let near such a page: extracting its text
    // could take gigabytes (a content bomb).
    bool oversized = false;
};

// The images that make a page a scan: one image, or bands at one resolution, covering most of it.
struct ScanLayout
{
    QRectF rect; // their union, displayed points, within the page
    double ppiX = 0;
    double ppiY = 0;
    double coverage = 0;               // share of the page they cover
    std::optional<PlacedImage> single; // the image, when one alone makes the page
};

// nullopt when the page is not mostly an image.
[[nodiscard]] std::optional<ScanLayout> scanLayout(const PageContent& page);

// A cluster of upright rectangles painted in order, dark or light, on white, about 5 pixels per
// module, with a quiet zone: what a renderer would show of the symbol, without rendering the page.
[[nodiscard]] GrayBuffer rasterize(const ShapeCluster& cluster);

class PdfContent
{
public:
    // `pdf` must outlive this object. Never throws: a document qpdf cannot read has no pages here.
    explicit PdfContent(const QByteArray& pdf);
    ~PdfContent();
    PdfContent(const PdfContent&) = delete;
    PdfContent& operator=(const PdfContent&) = delete;

    [[nodiscard]] int pageCount() const;
    [[nodiscard]] std::optional<PageContent> page(int index) const;
    // The JPEG data of an image that can be decoded as it stands: DCTDecode alone, grey or RGB,
    // 8 bits, no mask nor decode array. nullopt otherwise (render it with Poppler instead).
    [[nodiscard]] std::optional<QByteArray> jpegOf(const PlacedImage& image) const;
    // The grey pixels of an image, decoded here (JPEG, or Flate / LZW / uncompressed samples of
    // 1 or 8 bits, grey, RGB or indexed, or a stencil mask), within `maxPixels`; nullopt otherwise.
    [[nodiscard]] std::optional<GrayBuffer> pixelsOf(const PlacedImage& image, qint64 maxPixels) const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace missive::ocr
