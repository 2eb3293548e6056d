#pragma once
// Reads a printed letter (PDF): Poppler's text layer where usable, otherwise Tesseract OCR
// after Leptonica clean-up; the INS DataMatrix with zxing-cpp. See docs/architecture.md.

#include "missive/core/result.h"
#include "missive/ocr/analysis.h"

#include <QString>
#include <chrono>
#include <memory>

namespace missive::ocr
{

// Bounds on what one analysis may cost; a document beyond them is refused with a clear error.
struct Limits
{
    qint64 maxFileBytes = 100LL * 1024 * 1024;    // refuse bigger files before parsing them
    int maxPages = 50;                            // a letter is short; 500-page prints are refused
    qint64 maxImagePixels = 80'000'000;           // any embedded image (≈ A4 at 900 dpi)
    qint64 maxPagePixels = 40'000'000;            // a rendered page (A4 at 300 dpi ≈ 8.7 M)
    int ocrDpi = 300;                             // rendering resolution of pages without text
    std::chrono::milliseconds timeBudget{60'000}; // whole analysis
    // true: each OCR page is read as one block, every line (at 200 dpi this is both faster and
    // more complete than line by line). false: every short line but, of long lines, only those
    // whose start looks useful (labels, names in capitals, digits, titles, copies); when the result
    // is unsure, the skipped lines are read afterwards.
    bool fullPageOcr = true;
};

// What reads a letter: in this process (Analyzer) or in a worker process (IsolatedReader).
class LetterReader
{
public:
    LetterReader() = default;
    virtual ~LetterReader() = default;
    LetterReader(const LetterReader&) = delete;
    LetterReader& operator=(const LetterReader&) = delete;

    // The letter in the file `pdfPath`, refused beyond limits.maxFileBytes before it is read.
    [[nodiscard]] Result<Analysis> analyze(const QString& pdfPath, const Limits& limits = {});
    // The letter already in memory (a print checked against its spool digest is read once, then
    // handed to the reader, the preview and the document); `name` is reported as its file.
    [[nodiscard]] virtual Result<Analysis> analyze(const QByteArray& pdf, const QString& name,
                                                   const Limits& limits = {}) = 0;
};

class Analyzer final : public LetterReader
{
public:
    Analyzer();
    ~Analyzer() override;

    // Error details start with a stable token: encrypted, corrupt, no-pages, too-many-pages,
    // file-too-large, image-too-large, page-too-large, time-budget, ocr-unavailable, not-found.
    using LetterReader::analyze;
    [[nodiscard]] Result<Analysis> analyze(const QByteArray& pdf, const QString& name,
                                           const Limits& limits = {}) override;

private:
    class Private;
    std::unique_ptr<Private> d; // keeps one Tesseract instance across calls
};

} // namespace missive::ocr
