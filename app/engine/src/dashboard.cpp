#include "missive/engine/dashboard.h"

#include <map>
#include <set>

namespace missive::engine
{

QList<WeekFigures> weeklyFigures(const QList<transport::Delivery>& rows)
{
    struct Document
    {
        QDate monday;
        bool dmp = false;
        bool mssante = false;
        bool postal = false;
    };
    std::map<qint64, Document> documents;
    for (const transport::Delivery& d : rows) {
        Document& doc = documents[d.documentId];
        const QDate day = d.createdAt.toLocalTime().date();
        const QDate monday = day.addDays(1 - day.dayOfWeek());
        if (!doc.monday.isValid() || monday < doc.monday) {
            doc.monday = monday;
        }
        if (d.state != transport::DeliveryState::Sent || d.tracking == QLatin1String("bounced")) {
            continue;
        }
        switch (d.channel) {
        case transport::Channel::Dmp:
            doc.dmp = true;
            break;
        case transport::Channel::Mssante:
            doc.mssante = true;
            break;
        case transport::Channel::Postal:
            doc.postal = true;
            break;
        }
    }
    std::map<QDate, WeekFigures> weeks;
    for (const auto& [id, doc] : documents) {
        WeekFigures& w = weeks[doc.monday];
        w.monday = doc.monday;
        ++w.documents;
        w.dmp += doc.dmp ? 1 : 0;
        w.mssante += doc.mssante ? 1 : 0;
        w.postal += doc.postal ? 1 : 0;
    }
    QList<WeekFigures> out;
    for (const auto& [monday, figures] : weeks) {
        out.append(figures);
    }
    return out;
}

QString figuresCsv(const QList<WeekFigures>& weeks)
{
    const auto percent = [](double share) { return QString::number(share * 100.0, 'f', 1).replace(u'.', u','); };
    QString csv = QStringLiteral("semaine;documents;dmp;mssante;courrier;part_dmp;part_mssante;part_courrier\n");
    for (const WeekFigures& w : weeks) {
        csv += QStringLiteral("%1;%2;%3;%4;%5;%6;%7;%8\n")
                   .arg(w.monday.toString(Qt::ISODate))
                   .arg(w.documents)
                   .arg(w.dmp)
                   .arg(w.mssante)
                   .arg(w.postal)
                   .arg(percent(w.share(w.dmp)), percent(w.share(w.mssante)), percent(w.share(w.postal)));
    }
    return csv;
}

} // namespace missive::engine
