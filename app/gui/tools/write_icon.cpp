// Writes Missive's icon (the one the app draws, app_icon.cpp) as a Windows .ico with PNG entries at
// 16 to 256 px: the MSI's ARPPRODUCTICON (installer/windows/missive.ico). Run again when the drawing
// changes:  cmake --build build --target missive-icon && build/app/gui/missive-icon installer/windows/missive.ico

#include "../app_icon.h"

#include <QBuffer>
#include <QFile>
#include <QGuiApplication>
#include <QtEndian>
#include <cstdio>

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: missive-icon FILE.ico\n");
        return 2;
    }
    const QIcon icon = missive::gui::missiveIcon();
    QList<QByteArray> images;
    const QList<int> sizes{16, 24, 32, 48, 64, 128, 256};
    for (const int size : sizes) {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        icon.pixmap(size, size).toImage().save(&buffer, "PNG");
        images << png;
    }
    // ICONDIR, one ICONDIRENTRY per image, then the images (PNG entries: Windows Vista and later).
    QByteArray ico;
    const auto u16 = [&](quint16 v) { ico.append(reinterpret_cast<const char*>(&(v = qToLittleEndian(v))), 2); };
    const auto u32 = [&](quint32 v) { ico.append(reinterpret_cast<const char*>(&(v = qToLittleEndian(v))), 4); };
    u16(0);
    u16(1);
    u16(quint16(images.size()));
    quint32 offset = 6 + 16 * quint32(images.size());
    for (qsizetype i = 0; i < images.size(); ++i) {
        const char side = char(sizes[i] == 256 ? 0 : sizes[i]);
        ico.append(side).append(side).append('\0').append('\0');
        u16(1);
        u16(32);
        u32(quint32(images[i].size()));
        u32(offset);
        offset += quint32(images[i].size());
    }
    for (const QByteArray& png : images) {
        ico.append(png);
    }
    QFile out(QString::fromLocal8Bit(argv[1]));
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(ico) != ico.size()) {
        std::fprintf(stderr, "missive-icon: cannot write %s\n", argv[1]);
        return 1;
    }
    return 0;
}
