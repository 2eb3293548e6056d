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

enum class OcrMode
{
    UsefulLines, // every short line; long lines only when their start looks useful
    FullPage,    // every line, the page read as one block (slower)
};

class OcrEngine
{
public:
    OcrEngine();
    ~OcrEngine();
    OcrEngine(const OcrEngine&) = delete;
    OcrEngine& operator=(const OcrEngine&) = delete;

    // Words of a grey page rendered at `dpi`, in points. Stops at `deadline` (error time-budget).
    [[nodiscard]] Result<QList<Word>> recognise(const GrayImage& page, double dpi, OcrMode mode,
                                                std::chrono::steady_clock::time_point deadline);

    // UsefulLines keeps the pixels of the lines it skips (within a memory bound; beyond it, lines
    // are read at once), so that a reader left unsure can read just those lines later instead of
    // the whole page again. Lines skipped since the last forgetSkipped().
    [[nodiscard]] int skippedLines() const;
    // Reads them: their words, one list per recognise() call since forgetSkipped(), in the
    // coordinates that call gave. The kept lines are then forgotten.
    [[nodiscard]] Result<QList<QList<Word>>> recogniseSkipped(std::chrono::steady_clock::time_point deadline);
    void forgetSkipped();

private:
    struct Api;
    std::unique_ptr<Api> m_api;
};

} // namespace missive::ocr
