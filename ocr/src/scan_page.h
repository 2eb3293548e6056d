#pragma once
// A scanned page's pixels at the scan's own resolution, whatever page size the PDF declares: the
// image decoded (a plain JPEG) or rendered 1:1, cropped to it, and the physical resolution those
// pixels stand for, which the PDF may misstate.

#include "missive/core/result.h"
#include "missive/ocr/analyzer.h"
#include "page_content.h"
#include "page_image.h"

#include <QPointF>
#include <poppler-image.h>

namespace poppler
{
class page;
class page_renderer;
} // namespace poppler

namespace missive::ocr
{

// Scans are worked on at no more than this: Tesseract reads at 200 dpi, the DataMatrix needs about
// 4 pixels per module.
constexpr double MaxScanDpi = 300.0;

struct ScanPixels
{
    GrayBuffer owned;        // the pixels, when decoded or scaled here
    poppler::image rendered; // the pixels, when Poppler rendered them
    GrayImage view;
    double dpi = 0;          // physical pixels per inch of `view`
    QPointF origin;          // displayed point (of the PDF page) at `view`'s top left
    double pixelsPerPtX = 0; // displayed points to `view`'s pixels
    double pixelsPerPtY = 0;
};

// Page `index` (counted from 0, for messages) of `content`, laid out as `scan`; `renderer` renders
// grey. Error details: "corrupt" (Poppler cannot render it), "image-too-large" (out of memory).
[[nodiscard]] Result<ScanPixels> loadScan(poppler::page* page, poppler::page_renderer& renderer,
                                          const PdfContent& content, const PageContent& pc, const ScanLayout& scan,
                                          const Limits& limits, int index);

} // namespace missive::ocr
