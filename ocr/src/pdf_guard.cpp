#include "pdf_guard.h"

#include <QRegularExpression>

namespace missive::ocr
{
namespace
{

qint64 numberAfter(const QByteArray& dict, const char* key)
{
    static const QRegularExpression ws(QStringLiteral(R"(^\s*(\d{1,12})(?!\s+\d+\s+R))"));
    const qsizetype at = dict.indexOf(key);
    if (at < 0) {
        return 0;
    }
    const QString rest = QString::fromLatin1(dict.mid(at + qstrlen(key), 40));
    const auto m = ws.match(rest);
    return m.hasMatch() ? m.captured(1).toLongLong() : 0;
}

} // namespace

ImageExtent largestDeclaredImage(const QByteArray& pdf)
{
    ImageExtent largest;
    qsizetype from = 0;
    while (true) {
        const qsizetype at = pdf.indexOf("/Image", from);
        if (at < 0) {
            break;
        }
        from = at + 6;
        // The dictionary around it: back to the object start, forward to its stream.
        qsizetype start = pdf.lastIndexOf(" obj", at);
        if (start < 0 || at - start > 4096) {
            start = std::max<qsizetype>(0, at - 4096);
        }
        qsizetype end = pdf.indexOf("stream", at);
        if (end < 0 || end - at > 4096) {
            end = std::min<qsizetype>(pdf.size(), at + 4096);
        }
        const QByteArray dict = pdf.mid(start, end - start);
        ImageExtent e{numberAfter(dict, "/Width"), numberAfter(dict, "/Height")};
        if (e.width * e.height > largest.width * largest.height) {
            largest = e;
        }
    }
    return largest;
}

} // namespace missive::ocr
