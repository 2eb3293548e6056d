#include "layout.h"

#include <algorithm>
#include <cmath>

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
            // A lone bar is a cell border (a ruled table, as OCR reads it) or a printed separator:
            // it ends the segment and is dropped. So is a leader of dots between a form's caption and
            // its value ("Pour le confrère ........ Dr X").
            const QString trimmed = w.text.trimmed();
            const bool leader =
                trimmed.size() >= 4 && std::all_of(trimmed.begin(), trimmed.end(), [](QChar c) {
                    return c == QLatin1Char('.') || c == QChar(0x2026) || c == QLatin1Char('_') || c == QChar(0xB7);
                });
            const bool bar = trimmed == QLatin1String("|") || trimmed == QStringLiteral("¦") || leader;
            // A change of print size across a gap is another cell too ("Praticiens hospitaliers"
            // in a side column, then the title in larger print, close to it on the same line).
            bool resized = false;
            if (!current.words.isEmpty()) {
                const double previous = current.words.back().box.height();
                const double smaller = std::min(previous, w.box.height());
                resized = std::max(previous, w.box.height()) > 1.3 * smaller
                          && w.box.left() - current.box.right() > 1.2 * smaller;
            }
            if (!current.text.isEmpty() && (bar || resized || w.box.left() - current.box.right() > 2.5 * height)) {
                segments += current;
                current = Segment{};
                current.page = page.index;
            }
            if (bar) {
                continue;
            }
            // Poppler may give decomposed accents; the parsers match composed text.
            QString word = w.text.simplified();
            if (std::any_of(word.begin(), word.end(), [](QChar c) { return c.unicode() >= 0x300; })) {
                word = word.normalized(QString::NormalizationForm_C);
            }
            // Letters that touch the word before are its rest, in another size: small capitals
            // ("T" then "HOMAS"), which Poppler gives as two words.
            const bool touching = !current.text.isEmpty() && !word.isEmpty() && current.text.back().isLetter()
                                  && word.front().isLetter()
                                  && std::abs(w.box.left() - current.words.back().box.right())
                                         < 0.05 * std::min(w.box.height(), current.words.back().box.height());
            if (touching) {
                current.box = current.box.united(w.box);
                current.words.back().length += word.size();
                current.words.back().box = current.words.back().box.united(w.box);
                current.text += word;
                continue;
            }
            if (current.text.isEmpty()) {
                current.box = w.box;
            } else {
                current.text += QLatin1Char(' ');
                current.box = current.box.united(w.box);
            }
            current.words += WordSpan{current.text.size(), word.size(), w.box};
            current.text += word;
        }
        if (!current.text.isEmpty()) {
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

std::pair<double, double> Segment::spanX(qsizetype from, qsizetype to) const
{
    if (words.isEmpty() || text.isEmpty()) {
        const double perChar = text.isEmpty() ? 0.0 : box.width() / static_cast<double>(text.size());
        return {box.left() + perChar * static_cast<double>(from), box.left() + perChar * static_cast<double>(to)};
    }
    double left = box.right();
    double right = box.left();
    for (const WordSpan& w : words) {
        if (w.start + w.length <= from || w.start >= to) {
            continue;
        }
        // Part of a word: interpolate within its box.
        const double perChar = w.length > 0 ? w.box.width() / static_cast<double>(w.length) : 0.0;
        const qsizetype a = std::max(from, w.start) - w.start;
        const qsizetype b = std::min(to, w.start + w.length) - w.start;
        left = std::min(left, w.box.left() + perChar * static_cast<double>(a));
        right = std::max(right, w.box.left() + perChar * static_cast<double>(b));
    }
    if (left > right) {
        return {box.left(), box.left()};
    }
    return {left, right};
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

QList<Word> withoutFrameMarks(QList<Word> words)
{
    const auto mark = [](const Word& w) {
        return w.text == QLatin1String("!") || w.text == QLatin1String("|") || w.text == QStringLiteral("¦");
    };
    QList<Word> out;
    out.reserve(words.size());
    for (const Word& w : words) {
        // First of its line (OCR may give the mark a line of its own), a word close after it.
        bool first = true;
        bool more = false;
        if (mark(w)) {
            const double h = w.box.height();
            for (const Word& o : words) {
                if (&o == &w || std::abs(o.box.center().y() - w.box.center().y()) > 0.5 * h) {
                    continue;
                }
                first = first && o.box.left() > w.box.left();
                more = more || (o.box.left() > w.box.right() && o.box.left() - w.box.right() < 3 * h);
            }
        }
        if (!(mark(w) && first && more)) {
            out += w;
        }
    }
    return out;
}

QList<Word> withoutSkewedWatermark(QList<Word> words)
{
    QList<double> heights;
    for (const Word& w : std::as_const(words)) {
        heights += w.box.height();
    }
    if (heights.size() < 8) {
        return words;
    }
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    const double median = heights[heights.size() / 2];
    // Glyphs far taller than the text, a few letters each.
    QList<qsizetype> big;
    for (qsizetype i = 0; i < words.size(); ++i) {
        if (words[i].box.height() >= 2.2 * median && words[i].text.trimmed().size() <= 6) {
            big += i;
        }
    }
    // (A page of large glyphs by the hundred is no watermark, and is not searched pair by pair.)
    if (big.size() < 3 || big.size() > 200) {
        return words;
    }
    std::sort(big.begin(), big.end(),
              [&](qsizetype a, qsizetype b) { return words[a].box.left() < words[b].box.left(); });
    QList<bool> drop(words.size(), false);
    QList<bool> taken(big.size(), false);
    for (qsizetype start = 0; start < big.size(); ++start) {
        if (taken[start]) {
            continue;
        }
        // A chain of glyphs side by side, each stepping up (or down) from the last by a slope of
        // 2° to 50°: one word on a slanted baseline.
        QList<qsizetype> chain{start};
        int direction = 0;
        for (qsizetype k = start + 1; k < big.size(); ++k) {
            const QRectF& prev = words[big[chain.back()]].box;
            const QRectF& next = words[big[k]].box;
            const double dx = next.center().x() - prev.center().x();
            const double dy = next.center().y() - prev.center().y();
            const double gap = next.left() - prev.right();
            if (taken[k] || gap < -0.3 * prev.height() || gap > 0.5 * prev.height() || dx <= 0) {
                continue;
            }
            const int sign = dy > 0 ? 1 : -1;
            if (std::abs(dy) < 0.035 * dx || std::abs(dy) > 1.2 * dx || (direction != 0 && sign != direction)) {
                continue;
            }
            direction = sign;
            chain += k;
        }
        qsizetype letters = 0;
        for (const qsizetype c : chain) {
            letters += words[big[c]].text.trimmed().size();
        }
        if (chain.size() >= 3 && letters >= 4) {
            for (const qsizetype c : chain) {
                taken[c] = true;
                drop[big[c]] = true;
            }
        }
    }
    QList<Word> kept;
    kept.reserve(words.size());
    for (qsizetype i = 0; i < words.size(); ++i) {
        if (!drop[i]) {
            kept += std::move(words[i]);
        }
    }
    return kept;
}

QList<Word> sidewaysLines(QList<Word> words, const QList<bool>& downwards, double pageHeight,
                          const QList<Word>& upright)
{
    // A strip: words whose boxes share their horizontal centre (one printed line on its side).
    // Sorted by direction and centre, a strip is a run of neighbours: n log n whatever the print
    // (a crafted page may turn every word).
    struct Turned
    {
        Word word;
        bool down = false;
    };
    QList<Turned> turned;
    turned.reserve(words.size());
    for (qsizetype i = 0; i < words.size(); ++i) {
        turned += Turned{words[i], i < downwards.size() && downwards[i]};
    }
    std::sort(turned.begin(), turned.end(), [](const Turned& a, const Turned& b) {
        return a.down != b.down ? a.down < b.down : a.word.box.center().x() < b.word.box.center().x();
    });
    QList<Word> out;
    double y = pageHeight + 20;
    int captions = 0;
    int headerLooks = 0; // each looks through the page's words: a crafted page may turn thousands
    struct Head
    {
        QString caption;
        QRectF value;
    };
    QList<Head> heads;
    for (qsizetype from = 0; from < turned.size();) {
        const bool down = turned[from].down;
        const double x = turned[from].word.box.center().x();
        const double size = turned[from].word.box.width(); // the print's size: the boxes' width
        qsizetype to = from + 1;
        while (to < turned.size() && turned[to].down == down
               && std::abs(turned[to].word.box.center().x() - x) <= std::max(2.0, 0.3 * size)) {
            ++to;
        }
        // Reading order along the strip: up the page when set bottom to top.
        std::sort(turned.begin() + from, turned.begin() + to, [&](const Turned& a, const Turned& b) {
            return down ? a.word.box.top() < b.word.box.top() : a.word.box.bottom() > b.word.box.bottom();
        });
        // A caption (a word or two) beside the lines it spans: on the first of them.
        QRectF strip;
        QString caption;
        for (qsizetype k = from; k < to; ++k) {
            strip |= turned[k].word.box;
            caption += (caption.isEmpty() ? QString() : QStringLiteral(" ")) + turned[k].word.text;
        }
        // A table's column header set on its side over its value ("Nom de naissance" turned, over
        // "LECLERC"): read upright, just above the value and as wide as it, so that the headers make
        // a row over the values' row. (As few per page as a table has columns.)
        if (to - from <= 4 && caption.size() <= 40 && !upright.isEmpty() && headerLooks++ < 48) {
            const Word* value = nullptr;
            for (const Word& w : upright) {
                const double gap = w.box.top() - strip.bottom();
                if (gap >= -1 && gap <= 3 * size && w.box.left() <= strip.center().x() + size
                    && w.box.right() >= strip.center().x() - size && (!value || w.box.top() < value->box.top())) {
                    value = &w;
                }
            }
            if (value) {
                // The value's run of words, a word space apart ("1 53 09 84 007 935 01" under a header
                // centred on its column): the column starts where the run does.
                QRectF run = value->box;
                for (int grown = 0; grown < 40; ++grown) {
                    const auto next = std::find_if(upright.begin(), upright.end(), [&](const Word& w) {
                        return std::abs(w.box.center().y() - run.center().y()) < 0.5 * run.height()
                               && ((w.box.right() <= run.left() + 0.5
                                    && run.left() - w.box.right() < 0.6 * run.height())
                                   || (w.box.left() >= run.right() - 0.5
                                       && w.box.left() - run.right() < 0.6 * run.height()));
                    });
                    if (next == upright.end()) {
                        break;
                    }
                    run |= next->box;
                }
                heads += Head{caption, run};
                from = to;
                continue;
            }
        }
        // (A few per page: each looks through the page's words, and a crafted page may turn thousands.)
        if (to - from <= 2 && caption.size() <= 24 && !upright.isEmpty() && captions++ < 8) {
            const Word* first = nullptr;
            for (const Word& w : upright) {
                const double gap = w.box.left() - strip.right();
                if (gap >= 0 && gap <= 4 * size && w.box.top() < strip.bottom() && w.box.bottom() > strip.top()
                    && (!first || w.box.top() < first->box.top() - 1
                        || (std::abs(w.box.top() - first->box.top()) <= 1 && w.box.left() < first->box.left()))) {
                    first = &w;
                }
            }
            // A caption centred on its block spans its middle lines only: up to the block's first,
            // lines at the same left edge close above one another.
            for (int steps = 0; first && steps < 12; ++steps) {
                const auto above = std::find_if(upright.begin(), upright.end(), [&](const Word& w) {
                    return std::abs(w.box.left() - first->box.left()) <= 2 && w.box.bottom() <= first->box.top() + 1
                           && w.box.bottom() >= first->box.top() - first->box.height() * 1.5;
                });
                if (above == upright.end()) {
                    break;
                }
                first = &*above;
            }
            if (first) {
                const double width =
                    strip.height() > 0 ? std::min(strip.height(), first->box.left() - strip.left()) : size;
                // Read as the label it is ("COPIES :").
                if (caption.back().isLetterOrNumber() || caption.back() == QLatin1Char(')')) {
                    caption += QStringLiteral(" :");
                }
                out += Word{caption, QRectF(strip.left(), first->box.top(), width, first->box.height()), -1};
                from = to;
                continue;
            }
        }
        const double start = down ? turned[from].word.box.top() : turned[from].word.box.bottom();
        for (qsizetype k = from; k < to; ++k) {
            const Word& w = turned[k].word;
            const double along = down ? w.box.top() - start : start - w.box.bottom();
            out += Word{w.text, QRectF(20 + along, y, w.box.height(), size), -1};
        }
        y += size * 1.8;
        from = to;
    }
    // The headers over one row of values make one row of labels, each as wide as its column: from
    // its value's left edge to the next header's.
    std::sort(heads.begin(), heads.end(), [](const Head& a, const Head& b) { return a.value.left() < b.value.left(); });
    for (qsizetype i = 0; i < heads.size(); ++i) {
        const QRectF& v = heads[i].value;
        double top = v.top();
        double height = v.height();
        double right = v.right() + 3 * v.height();
        bool nextFound = false;
        for (qsizetype k = 0; k < heads.size(); ++k) {
            const QRectF& o = heads[k].value;
            if (std::abs(o.center().y() - v.center().y()) > 0.7 * std::max(o.height(), v.height())) {
                continue;
            }
            top = std::min(top, o.top());
            height = std::max(height, o.height());
            if (k > i && !nextFound) {
                right = o.left() - 2;
                nextFound = true;
            }
        }
        // The last column ends with its value's run of words.
        if (!nextFound) {
            right = v.right();
        }
        out += Word{heads[i].caption,
                    QRectF(v.left(), top - 2.2 * height, std::max(right - v.left(), v.width()), height), -1};
    }
    return out;
}

} // namespace missive::ocr
