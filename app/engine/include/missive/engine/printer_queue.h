#pragma once
// The Missive print queue in CUPS: created and removed with lpadmin, inspected
// through libcups. CUPS_SERVER selects the scheduler, as for lp and lpstat.

#include "missive/core/result.h"

#include <QJsonObject>
#include <QString>

namespace missive::engine
{

inline const QString DefaultQueueName = QStringLiteral("Missive");

struct QueueOptions
{
    QString name = DefaultQueueName;
    QString spoolRoot;        // empty: the backend's default
    bool allowRemote = false; // accept jobs relayed from other hosts
};

struct QueueStatus
{
    QString name;
    QString deviceUri;
    QString state; // idle, processing, stopped
    QString stateMessage;
    QString stateReasons;
    bool acceptingJobs = false;
    int pendingJobs = 0;

    [[nodiscard]] QJsonObject toJson() const;
};

[[nodiscard]] QString deviceUri(const QueueOptions& options);
[[nodiscard]] Result<void> installQueue(const QueueOptions& options);
[[nodiscard]] Result<void> removeQueue(const QString& name);
[[nodiscard]] Result<QueueStatus> queueStatus(const QString& name);

} // namespace missive::engine
