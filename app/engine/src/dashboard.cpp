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
        QString service;
        bool dmp = false;
        bool mssante = false;
        bool postal = false;
    };
    std::map<qint64, Document> documents;
    for (const transport::Delivery& d : rows) {
        Document& doc = documents[d.documentId];
        doc.service = d.service;
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
    std::map<std::pair<QDate, QString>, WeekFigures> weeks;
    for (const auto& [id, doc] : documents) {
        WeekFigures& w = weeks[{doc.monday, doc.service}];
        w.monday = doc.monday;
        w.service = doc.service;
        ++w.documents;
        w.dmp += doc.dmp ? 1 : 0;
        w.mssante += doc.mssante ? 1 : 0;
        w.postal += doc.postal ? 1 : 0;
    }
    QList<WeekFigures> out;
    for (const auto& [key, figures] : weeks) {
        out.append(figures);
    }
    return out;
}

QList<WeekFigures> allServices(const QList<WeekFigures>& weeks)
{
    QList<WeekFigures> out;
    for (const WeekFigures& w : weeks) {
        if (out.isEmpty() || out.last().monday != w.monday) {
            out.append(WeekFigures{.monday = w.monday, .service = {}});
        }
        WeekFigures& sum = out.last();
        sum.documents += w.documents;
        sum.dmp += w.dmp;
        sum.mssante += w.mssante;
        sum.postal += w.postal;
    }
    return out;
}

QStringList servicesOf(const QList<WeekFigures>& weeks)
{
    QStringList services;
    for (const WeekFigures& w : weeks) {
        if (!services.contains(w.service)) {
            services.append(w.service);
        }
    }
    services.sort();
    return services;
}

QString figuresCsv(const QList<WeekFigures>& weeks)
{
    const auto percent = [](double share) { return QString::number(share * 100.0, 'f', 1).replace(u'.', u','); };
    const auto field = [](QString text) {
        // A service name is free text: quote it as RFC 4180 says when it could break the row.
        if (text.contains(u';') || text.contains(u'"') || text.contains(u'\n')) {
            text = u'"' + text.replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
        }
        return text;
    };
    QString csv =
        QStringLiteral("semaine;service;documents;dmp;mssante;courrier;part_dmp;part_mssante;part_courrier\n");
    for (const WeekFigures& w : weeks) {
        // Joined, not arg()-chained: a service named "%3" must not be substituted.
        csv += QStringList{w.monday.toString(Qt::ISODate), field(w.service),
                           QString::number(w.documents),   QString::number(w.dmp),
                           QString::number(w.mssante),     QString::number(w.postal),
                           percent(w.share(w.dmp)),        percent(w.share(w.mssante)),
                           percent(w.share(w.postal))}
                   .join(u';')
               + u'\n';
    }
    return csv;
}

} // namespace missive::engine
