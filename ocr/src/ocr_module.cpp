// The OCR module's only exported symbol (ocr_module.h): the table over the real OcrEngine.

#include "ocr_module.h"

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

} // namespace
} // namespace missive::ocr

extern "C" MISSIVE_MODULE_EXPORT const missive::ocr::OcrModuleInterface* missive_ocr_module()
{
    static const missive::ocr::OcrModuleInterface table{missive::ocr::OcrModuleAbi, missive::ocr::OcrModuleBuild,
                                                        missive::ocr::create, missive::ocr::destroy,
                                                        missive::ocr::recognise};
    return &table;
}
