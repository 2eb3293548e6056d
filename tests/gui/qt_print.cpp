// A GUI program printing the way desktop applications do: QPrinter on a CUPS
// queue (Qt's CUPS print plugin renders the pages to PDF and submits them).
//
//   missive-test-qtprint QUEUE TITLE PAGE-TEXT [PAGE-TEXT...]
//
// Run with QT_QPA_PLATFORM=offscreen; CUPS_SERVER selects the scheduler.

#include <QApplication>
#include <QPainter>
#include <QPrinter>
#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    if (argc < 4) {
        std::fputs("usage: missive-test-qtprint QUEUE TITLE PAGE-TEXT...\n", stderr);
        return 2;
    }
    QPrinter printer(QPrinter::HighResolution);
    printer.setPrinterName(QString::fromLocal8Bit(argv[1]));
    if (!printer.isValid()) {
        std::fprintf(stderr, "missive-test-qtprint: no printer %s\n", argv[1]);
        return 1;
    }
    printer.setDocName(QString::fromUtf8(argv[2]));
    printer.setPageSize(QPageSize(QPageSize::A4));
    QPainter painter;
    if (!painter.begin(&printer)) {
        std::fputs("missive-test-qtprint: cannot start printing\n", stderr);
        return 1;
    }
    painter.setFont(QFont(QStringLiteral("DejaVu Sans"), 12));
    for (int page = 3; page < argc; ++page) {
        if (page > 3) {
            printer.newPage();
        }
        painter.drawText(QRect(0, 0, painter.device()->width(), painter.device()->height()),
                         Qt::AlignLeft | Qt::AlignTop, QString::fromUtf8(argv[page]));
    }
    return painter.end() ? 0 : 1;
}
