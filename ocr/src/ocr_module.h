#pragma once
// The boundary between missive_ocr and its OCR module, ocr-tesseract.so: Tesseract and Leptonica
// bring about 35 shared libraries that a text letter never uses, so OcrEngine (ocr_engine.h) is,
// in the programs, a thin loader that opens the module the first time a page needs OCR; the
// module holds the real OcrEngine (ocr_engine.cpp) and hands out this table of entry points.
// The engine handle is opaque on this side: the two OcrEngine classes never meet.

#include "ocr_engine.h"
#include "page_image.h"

#include <QtGlobal>

namespace missive::ocr
{

// Change it whenever this table or a type it passes changes: a module from another build is
// refused rather than called.
inline constexpr int OcrModuleAbi = 2;
inline constexpr auto OcrModuleBuild = MISSIVE_OCR_BUILD " Qt " QT_VERSION_STR;
inline constexpr auto OcrModuleFile = "ocr-tesseract.so";
inline constexpr auto OcrModuleEntry = "missive_ocr_module";

struct OcrModuleInterface
{
    int abi;
    const char* build;
    void* (*create)(); // nullptr when out of memory
    void (*destroy)(void* engine);
    Result<QList<Word>> (*recognise)(void* engine, const GrayImage& page, double dpi, OcrMode mode,
                                     std::chrono::steady_clock::time_point deadline);
    int (*skippedLines)(const void* engine);
    Result<QList<QList<Word>>> (*recogniseSkipped)(void* engine, std::chrono::steady_clock::time_point deadline);
    void (*forgetSkipped)(void* engine);
    // Leptonica's pixel work for page_image.h (page_image_lept.h).
    int (*modalLetterHeight)(const GrayImage& image);
    bool (*decodeJpeg)(const QByteArray& data, int reduction, qint64 maxPixels, int quarterTurns, GrayBuffer& out);
    void (*scaled)(const GrayImage& image, double factor, GrayBuffer& out);
};

using OcrModuleEntryPoint = const OcrModuleInterface* (*)();

// The module, loaded once per process by whichever thread needs it first (the programs only).
[[nodiscard]] const Result<const OcrModuleInterface*>& ocrModule();

} // namespace missive::ocr
