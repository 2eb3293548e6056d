#pragma once
// Work that must not run on the GUI thread (reading, matching, sending): on a thread of its own,
// with the result handed back on the GUI thread.

#include "missive/core/result.h"

#include <QEventLoop>
#include <QObject>
#include <QThread>
#include <memory>
#include <optional>

namespace missive::gui
{

// Runs `work` on a new thread, then `done(result)` on `context`'s thread (not at all if `context`
// is gone by then). `work` returns a Result. The thread deletes itself; the caller may wait() on it
// until then.
template <typename Work, typename Done> QThread* inBackground(QObject* context, Work work, Done done)
{
    auto result = std::make_shared<decltype(work())>(tl::unexpected(Error{ErrorCode::Io, {}, {}}));
    QThread* thread = QThread::create([result, work] { *result = work(); });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    QObject::connect(thread, &QThread::finished, context, [result, done] { done(*result); });
    thread->start();
    return thread;
}

// The same, waiting for the result while the GUI keeps painting (a local event loop).
template <typename Work> auto inBackgroundAndWait(Work work) -> decltype(work())
{
    std::optional<decltype(work())> out;
    QEventLoop loop;
    inBackground(&loop, work, [&](const decltype(work())& result) {
        out = result;
        loop.quit();
    });
    loop.exec();
    return *out;
}

} // namespace missive::gui
