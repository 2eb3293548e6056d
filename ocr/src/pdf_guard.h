#pragma once
// Cheap checks on the raw PDF bytes before Poppler decodes anything: the declared size of every
// image XObject (a decompression bomb declares its huge size in its dictionary, which is never
// compressed: streams cannot live in object streams).

#include <QByteArray>

namespace missive::ocr
{

struct ImageExtent
{
    qint64 width = 0;
    qint64 height = 0;
};

// The largest declared image (by pixel count), or {0, 0} when none is found.
[[nodiscard]] ImageExtent largestDeclaredImage(const QByteArray& pdf);

} // namespace missive::ocr
