#pragma once
// Hand-off from the printer to the desktop: reports waiting jobs at start, then
// each new job as soon as the backend publishes it (inotify on the user's spool).

#include "missive/engine/inbox.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace missive::engine
{

class InboxWatcher : public QObject
{
    Q_OBJECT

public:
    explicit InboxWatcher(Inbox inbox, QObject* parent = nullptr);

    void start();

signals:
    void jobArrived(const missive::engine::CapturedJob& job);
    void jobQuarantined(const missive::engine::CapturedJob& job);

private:
    void rescan();
    void watchWhenPresent();

    Inbox m_inbox;
    QFileSystemWatcher m_watcher;
    QTimer m_waitForSpool;
    QSet<QString> m_seen;
};

} // namespace missive::engine
