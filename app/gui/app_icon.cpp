#include "app_icon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <algorithm>

namespace missive::gui
{

namespace
{

QPixmap drawn(int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    // A blue tile, a white envelope, a green check: readable at 16 px.
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x1f, 0x5f, 0xa8));
    p.drawRoundedRect(QRectF(0, 0, s, s), s * 0.18, s * 0.18);
    const QRectF envelope(s * 0.14, s * 0.27, s * 0.72, s * 0.48);
    p.setBrush(Qt::white);
    p.drawRect(envelope);
    QPen fold(QColor(0x1f, 0x5f, 0xa8), std::max(1.0, s * 0.05));
    fold.setJoinStyle(Qt::RoundJoin);
    p.setPen(fold);
    QPainterPath flap;
    flap.moveTo(envelope.topLeft());
    flap.lineTo(envelope.center().x(), envelope.top() + envelope.height() * 0.55);
    flap.lineTo(envelope.topRight());
    p.setBrush(Qt::NoBrush);
    p.drawPath(flap);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x2e, 0x9d, 0x4f));
    const QRectF badge(s * 0.56, s * 0.56, s * 0.40, s * 0.40);
    p.drawEllipse(badge);
    QPen tick(Qt::white, std::max(1.0, s * 0.06), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(tick);
    QPainterPath check;
    check.moveTo(badge.left() + badge.width() * 0.25, badge.top() + badge.height() * 0.52);
    check.lineTo(badge.left() + badge.width() * 0.43, badge.top() + badge.height() * 0.70);
    check.lineTo(badge.left() + badge.width() * 0.76, badge.top() + badge.height() * 0.32);
    p.drawPath(check);
    return pixmap;
}

} // namespace

QIcon missiveIcon()
{
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128, 256}) {
        icon.addPixmap(drawn(size));
    }
    return icon;
}

} // namespace missive::gui
