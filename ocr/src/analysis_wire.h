#pragma once
// The reading worker's messages (missive-reader, isolated_reader.h): a request (the letter's bytes,
// its name and the limits)
// and its answer (an analysis or an error), each framed by its length, over a pipe between two
// processes of the same build. QDataStream, versioned: a worker of another build is refused.

#include "missive/core/result.h"
#include "missive/ocr/analysis.h"
#include "missive/ocr/analyzer.h"

#include <QByteArray>
#include <QString>

namespace missive::ocr::wire
{

inline constexpr quint32 Version = 6; // 3: the care episode; 4: a recipient's unread context; 5: its printed RPPS;
                                      // 6: its printed mailbox
// An answer holds the text lines of a letter of at most Limits::maxPages pages: far below this.
inline constexpr quint32 MaxFrameBytes = 64u * 1024 * 1024;
// A request carries the letter itself: at most Limits::maxFileBytes, whatever the caller set.
inline constexpr quint32 MaxRequestBytes = 1024u * 1024 * 1024;

struct Request
{
    QByteArray pdf; // the worker opens no file: it reads what it is given
    QString name;
    Limits limits;
};

[[nodiscard]] QByteArray encodeRequest(const Request& request);
[[nodiscard]] Result<Request> decodeRequest(const QByteArray& bytes);
[[nodiscard]] QByteArray encodeAnswer(const Result<Analysis>& answer);
[[nodiscard]] Result<Analysis> decodeAnswer(const QByteArray& bytes);

// A frame: 4 bytes of length (big-endian), then the message.
[[nodiscard]] QByteArray frame(const QByteArray& message);

} // namespace missive::ocr::wire
