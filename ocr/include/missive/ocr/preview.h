#pragma once
// A page rendered for display (the confirmation popup's preview), by the same Poppler that reads it.

#include "missive/core/result.h"

#include <QByteArray>
#include <QString>

namespace missive::ocr
{

struct PagePreview
{
    int width = 0;
    int height = 0;
    int stride = 0;    // bytes per row
    QByteArray argb32; // premultiplied-free ARGB32, as QImage::Format_ARGB32 expects
    int pageCount = 0;
};

// `page` counts from 0, of the letter `pdf` (the bytes read once at intake). Refuses encrypted or
// corrupt documents and pages beyond the document.
[[nodiscard]] Result<PagePreview> renderPreview(const QByteArray& pdf, int page, double dpi);

} // namespace missive::ocr
