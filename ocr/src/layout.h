#pragma once
// Words with positions (from Poppler or Tesseract) grouped into lines and column segments.

#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <utility>

namespace missive::ocr
{

struct Word
{
    QString text;
    QRectF box;    // page coordinates in points (1/72 inch), origin top left
    int line = -1; // the OCR engine's line number, when it knows it
};

// Where one word of a segment stands: its characters in Segment::text and its box.
struct WordSpan
{
    qsizetype start = 0;
    qsizetype length = 0;
    QRectF box;
};

// A run of words on one line, split from its neighbours by a wide gap (two columns:
// letterhead on the left, address window on the right).
struct Segment
{
    QString text;
    QRectF box;
    int page = 0;
    QList<WordSpan> words; // empty when the segment was made by hand (tests)

    // Horizontal extent of text[from, to): from the words' boxes, else proportionally.
    [[nodiscard]] std::pair<double, double> spanX(qsizetype from, qsizetype to) const;
};

struct PageText
{
    int index = 0;
    double width = 0;  // points
    double height = 0; // points
    QList<Word> words;
};

// Words printed sideways (a strip up the margin: "Patient(e) : … | INS …" read bottom to top, or
// top to bottom when `downwards`), each strip laid out as one line of its own under the page
// (`pageHeight`): read like any other line, in its own order, never mixed with the page's lines.
// A short caption turned up beside a block of the page's `upright` lines ("COPIES" along a list)
// is that block's label: it is laid on the block's first line, at its own left edge.
[[nodiscard]] QList<Word> sidewaysLines(QList<Word> words, const QList<bool>& downwards, double pageHeight,
                                        const QList<Word>& upright = {});

// Without the letters of a large word set askew behind the text (a "DUPLICATA", "COPIE"
// watermark): the text layer gives them one by one, each a little higher or lower than the last,
// and glued to the lines they cross they would be read into names and numbers.
[[nodiscard]] QList<Word> withoutSkewedWatermark(QList<Word> words);

// Without the marks OCR reads from a frame's edge or a window's corner guide at a line's start
// ("! Dr RICHARD Sandrine", "| Médecin généraliste"): a lone "!", "|" or "¦" first on its line,
// a word close after it.
[[nodiscard]] QList<Word> withoutFrameMarks(QList<Word> words);

// Segments in reading order: top to bottom, then left to right within a line.
[[nodiscard]] QList<Segment> segmentsOf(const PageText& page);
[[nodiscard]] QStringList textsOf(const QList<Segment>& segments);

} // namespace missive::ocr
