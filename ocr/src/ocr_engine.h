#pragma once
// One Tesseract instance (French), reused for every page: initialising it costs more than
// recognising a short page region. Leptonica cleans the rendered page up first.

#include "barcode.h"
#include "layout.h"
#include "missive/core/result.h"

#include <chrono>
#include <memory>

namespace missive::ocr
{

class OcrEngine
{
public:
    OcrEngine();
    ~OcrEngine();
    OcrEngine(const OcrEngine&) = delete;
    OcrEngine& operator=(const OcrEngine&) = delete;

    // Words of a grey page rendered at `dpi`, in points. Stops at `deadline` (error time-budget).
    [[nodiscard]] Result<QList<Word>> recognise(const GrayImage& page, double dpi,
                                                std::chrono::steady_clock::time_point deadline);

private:
    struct Api;
    std::unique_ptr<Api> m_api;
};

} // namespace missive::ocr
