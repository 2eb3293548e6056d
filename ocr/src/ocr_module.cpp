// The OCR module's only exported symbol (ocr_module.h): the table over the real OcrEngine.

#include "ocr_module.h"
#include "page_image_lept.h"

#include <new>

namespace missive::ocr
{
namespace
{

void* create()
{
    return new (std::nothrow) OcrEngine();
}

void destroy(void* engine)
{
    delete static_cast<OcrEngine*>(engine);
}

Result<QList<Word>> recognise(void* engine, const GrayImage& page, double dpi, OcrMode mode,
                              std::chrono::steady_clock::time_point deadline)
{
    return static_cast<OcrEngine*>(engine)->recognise(page, dpi, mode, deadline);
}

int skippedLines(const void* engine)
{
    return static_cast<const OcrEngine*>(engine)->skippedLines();
}

Result<QList<QList<Word>>> recogniseSkipped(void* engine, std::chrono::steady_clock::time_point deadline)
{
    return static_cast<OcrEngine*>(engine)->recogniseSkipped(deadline);
}

void forgetSkipped(void* engine)
{
    static_cast<OcrEngine*>(engine)->forgetSkipped();
}

int letterHeight(const GrayImage& image)
{
    return lept::modalLetterHeight(image);
}

bool jpeg(const QByteArray& data, int reduction, qint64 maxPixels, int quarterTurns, GrayBuffer& out)
{
    auto decoded = lept::decodeJpeg(data, reduction, maxPixels, quarterTurns);
    if (!decoded) {
        return false;
    }
    out = std::move(*decoded);
    return true;
}

void scale(const GrayImage& image, double factor, GrayBuffer& out)
{
    out = lept::scaled(image, factor);
}

} // namespace
} // namespace missive::ocr

extern "C" MISSIVE_MODULE_EXPORT const missive::ocr::OcrModuleInterface* missive_ocr_module()
{
    static const missive::ocr::OcrModuleInterface table{missive::ocr::OcrModuleAbi, missive::ocr::OcrModuleBuild,
                                                        missive::ocr::create, missive::ocr::destroy,
                                                        missive::ocr::recognise, missive::ocr::skippedLines,
                                                        missive::ocr::recogniseSkipped, missive::ocr::forgetSkipped,
                                                        missive::ocr::letterHeight, missive::ocr::jpeg,
                                                        missive::ocr::scale};
    return &table;
}
