#include "missive/engine/inbox_watcher.h"

#include <QFileInfo>

namespace missive::engine
{

InboxWatcher::InboxWatcher(Inbox inbox, QObject* parent)
    : QObject(parent)
    , m_inbox(std::move(inbox))
{
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &InboxWatcher::rescan);
    // Until the user's first print the spool does not exist, and its parent
    // cannot be watched (mode 0711): look for it once a second.
    m_waitForSpool.setInterval(1000);
    connect(&m_waitForSpool, &QTimer::timeout, this, &InboxWatcher::watchWhenPresent);
}

void InboxWatcher::start()
{
    watchWhenPresent();
    rescan();
}

void InboxWatcher::watchWhenPresent()
{
    const QString jobs = m_inbox.jobsDirectory();
    const QString quarantine = m_inbox.userDirectory() + QStringLiteral("/quarantine");
    if (!QFileInfo(jobs).isDir() || !QFileInfo(quarantine).isDir()) {
        m_waitForSpool.start();
        return;
    }
    m_waitForSpool.stop();
    m_watcher.addPaths({jobs, quarantine});
    rescan();
}

void InboxWatcher::rescan()
{
    // The backend publishes a job with one rename, so whatever is listed is complete.
    if (auto waiting = m_inbox.waiting()) {
        for (const auto& job : waiting->jobs) {
            if (!m_seen.contains(job.id)) {
                m_seen.insert(job.id);
                emit jobArrived(job);
            }
        }
    }
    if (auto quarantined = m_inbox.quarantined()) {
        for (const auto& job : quarantined->jobs) {
            if (!m_seen.contains(job.id)) {
                m_seen.insert(job.id);
                emit jobQuarantined(job);
            }
        }
    }
}

} // namespace missive::engine
