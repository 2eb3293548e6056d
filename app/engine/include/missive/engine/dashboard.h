#pragma once
// The figures hospitals commit to (Ségur): the share of letters fed to the DMP (target 98 %) and
// sent by MSSanté (target 60 %), and what still goes by post, per week and per sending service,
// from the outbox.

#include "missive/transport/outbox.h"

#include <QDate>
#include <QList>
#include <QString>

namespace missive::engine
{

inline constexpr double DmpTarget = 0.98;
inline constexpr double MssanteTarget = 0.60;

struct WeekFigures
{
    QDate monday;      // the ISO week, by the document's queueing date (local time)
    QString service;   // the sending service; empty = not stated, or every service (allServices)
    int documents = 0; // letters queued that week
    int dmp = 0;       // …of which fed to the DMP (a DMP row sent)
    int mssante = 0;   // …sent by MSSanté (a row to a professional or the patient's mailbox sent, not bounced)
    int postal = 0;    // …printed for the post

    [[nodiscard]] double share(int count) const
    {
        return documents == 0 ? 0.0 : double(count) / documents;
    }
    friend bool operator==(const WeekFigures&, const WeekFigures&) = default;
};

// Per week and service: oldest week first, services in alphabetical order within a week; weeks
// without letters are left out.
[[nodiscard]] QList<WeekFigures> weeklyFigures(const QList<transport::Delivery>& rows);
// The same figures summed over the services, one per week (service left empty).
[[nodiscard]] QList<WeekFigures> allServices(const QList<WeekFigures>& weeks);
// The services that appear, sorted.
[[nodiscard]] QStringList servicesOf(const QList<WeekFigures>& weeks);
// "semaine;service;documents;dmp;mssante;courrier;part_dmp;part_mssante;part_courrier", shares in
// percent with a decimal comma (French spreadsheets), one line per week and service.
[[nodiscard]] QString figuresCsv(const QList<WeekFigures>& weeks);

} // namespace missive::engine
