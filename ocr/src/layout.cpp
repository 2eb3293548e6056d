#include "layout.h"

#include <algorithm>

namespace missive::ocr
{

QList<Segment> segmentsOf(const PageText& page)
{
    QList<Word> words;
    for (const Word& w : page.words) {
        if (!w.text.trimmed().isEmpty() && w.box.height() > 0) {
            words += w;
        }
    }
    std::sort(words.begin(), words.end(),
              [](const Word& a, const Word& b) { return a.box.center().y() < b.box.center().y(); });

    // Lines: a word joins the current line when its vertical centre lies within the line's band.
    QList<QList<Word>> lines;
    QList<QRectF> bands;
    QList<int> lineIds;
    for (const Word& w : words) {
        bool placed = false;
        if (w.line >= 0) {
            // OCR told which line the word belongs to: trust it over geometry (tilted scans).
            const qsizetype i = lineIds.indexOf(w.line);
            if (i >= 0) {
                lines[i] += w;
                bands[i] = bands[i].united(w.box);
            } else {
                lines += QList<Word>{w};
                bands += w.box;
                lineIds += w.line;
            }
            continue;
        }
        for (qsizetype i = lines.size() - 1; i >= 0 && i >= lines.size() - 3; --i) {
            const QRectF& band = bands[i];
            const double cy = w.box.center().y();
            const double tolerance = std::min(band.height(), w.box.height()) * 0.5;
            if (std::abs(cy - band.center().y()) <= tolerance) {
                lines[i] += w;
                bands[i] = band.united(w.box);
                placed = true;
                break;
            }
        }
        if (!placed) {
            lines += QList<Word>{w};
            bands += w.box;
            lineIds += -1;
        }
    }

    QList<Segment> segments;
    for (QList<Word>& line : lines) {
        std::sort(line.begin(), line.end(), [](const Word& a, const Word& b) { return a.box.left() < b.box.left(); });
        double height = 0;
        for (const Word& w : line) {
            height = std::max(height, w.box.height());
        }
        Segment current;
        current.page = page.index;
        for (const Word& w : line) {
            if (!current.text.isEmpty() && w.box.left() - current.box.right() > 2.5 * height) {
                segments += current;
                current = Segment{};
                current.page = page.index;
            }
            if (current.text.isEmpty()) {
                current.text = w.text;
                current.box = w.box;
            } else {
                current.text += QLatin1Char(' ') + w.text;
                current.box = current.box.united(w.box);
            }
        }
        if (!current.text.isEmpty()) {
            current.text = current.text.simplified();
            segments += current;
        }
    }
    std::stable_sort(segments.begin(), segments.end(), [](const Segment& a, const Segment& b) {
        if (std::abs(a.box.top() - b.box.top()) > std::min(a.box.height(), b.box.height()) * 0.5) {
            return a.box.top() < b.box.top();
        }
        return a.box.left() < b.box.left();
    });
    return segments;
}

QStringList textsOf(const QList<Segment>& segments)
{
    QStringList out;
    out.reserve(segments.size());
    for (const Segment& s : segments) {
        out += s.text;
    }
    return out;
}

} // namespace missive::ocr
