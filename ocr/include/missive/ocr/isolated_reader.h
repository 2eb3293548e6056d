#pragma once
// Reads letters in a worker process (the private program missive-reader), for long-lived callers
// such as missive-app: a hostile print that exhausts memory or hangs inside a page costs that
// worker only. The worker's address space is bounded, and it is killed when a letter overruns its
// time budget (plus a grace for start-up); the next letter starts a fresh one. One worker, kept
// between letters, so that Tesseract is loaded once. One letter at a time, from any one thread.
// On platforms without fork/exec the letter is read in the caller's process.

#include "missive/ocr/analyzer.h"

#include <chrono>
#include <memory>

namespace missive::ocr
{

class IsolatedReader final : public LetterReader
{
public:
    struct Options
    {
        QString program;        // empty: the private program missive-reader (tests give another)
        qint64 maxMemoryMb = 1024; // the worker's address space: a scan peaks near 180 MB of it
        std::chrono::milliseconds grace{15'000}; // beyond the time budget, before the kill
    };

    IsolatedReader();
    explicit IsolatedReader(Options options);
    ~IsolatedReader() override;
    IsolatedReader(const IsolatedReader&) = delete;
    IsolatedReader& operator=(const IsolatedReader&) = delete;

    // Error details as Analyzer's, plus "time-budget: reader killed …", "reader-crashed: …" and
    // "reader-unavailable: …".
    using LetterReader::analyze;
    [[nodiscard]] Result<Analysis> analyze(const QByteArray& pdf, const QString& name,
                                           const Limits& limits = {}) override;

    // The worker's process id, or -1 when none runs (tests).
    [[nodiscard]] qint64 workerPid() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace missive::ocr
