#pragma once
// The current user's captured prints, as the CLI and the app see them.

#include "missive/core/result.h"
#include "missive/spool/printed_jobs.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <sys/types.h>

namespace missive::engine
{

// The spool root: explicit choice, else $MISSIVE_SPOOL_DIR, else the build default.
[[nodiscard]] QString spoolRoot(const QString& explicitRoot = {});

struct CapturedJob
{
    enum class State
    {
        Waiting,
        Quarantined,
    };

    QString id;
    State state = State::Waiting;
    long cupsJobId = 0;
    QString user;
    QString title;
    int copies = 1;
    QString host;
    QString printer;
    QString createdAt;
    QString sourceFormat;
    std::optional<int> pages;
    quint64 size = 0;
    QString sha256;
    bool encrypted = false;
    QString reason;        // stable code (quarantine), empty when none
    QString reasonMessage; // French
    QString directory;
    QString document; // payload path

    [[nodiscard]] QJsonObject toJson() const;
};

struct BrokenJob
{
    QString id;
    QString detail;
};

struct JobListing
{
    QList<CapturedJob> jobs;
    QList<BrokenJob> broken;
};

// The user's captured prints, on POSIX (<root>/<uid>) or on Windows (<root>\<SID>, WinInbox): the
// platform's spool::PrintedJobs behind one interface.
class Inbox
{
public:
    // The spool of the account running this process. A user who has never
    // printed has no spool yet: listings are then empty, not an error.
    explicit Inbox(QString root = spoolRoot(), uid_t uid = static_cast<uid_t>(-1));
    // The prints of `jobs` (the Windows spool, or a test's), shown under `root`.
    Inbox(QString root, std::shared_ptr<const spool::PrintedJobs> jobs);

    [[nodiscard]] const QString& root() const;
    [[nodiscard]] QString userDirectory() const;
    [[nodiscard]] QString jobsDirectory() const;

    [[nodiscard]] Result<JobListing> waiting() const;
    [[nodiscard]] Result<JobListing> quarantined() const;
    [[nodiscard]] Result<CapturedJob> job(const QString& id) const; // waiting or quarantined
    // Consumes a waiting job: claims it, checks its digest, writes the PDF to
    // `output` ("-" for standard output), then deletes it. On any failure the job
    // goes back to the waiting list (or to quarantine if its digest is wrong).
    [[nodiscard]] Result<CapturedJob> take(const QString& id, const QString& output) const;
    [[nodiscard]] Result<void> discardQuarantined(const QString& id) const;
    // The waiting job's letter, read once: claimed (one taker at a time), read whole (at most
    // `maxBytes`) and checked against the size and SHA-256 recorded at print time, then the claim
    // is released (the job stays waiting). A letter altered in the spool goes to quarantine with
    // the reason "integrity" and the error says so: it is never read, queued or sent.
    [[nodiscard]] Result<QByteArray> readPrinted(const QString& id, qint64 maxBytes) const;
    // Claims the waiting job `id`, if it is still the print whose digest is `sha256`, runs `work`
    // (queueing its letter) and deletes the job when `work` succeeded, else puts it back: a print
    // is queued once, by one taker. A job whose metadata changed since it was read is refused.
    [[nodiscard]] Result<void> consume(const QString& id, const QString& sha256,
                                       const std::function<Result<void>()>& work) const;

private:
    QString m_root;
    uid_t m_uid;
    std::shared_ptr<const spool::PrintedJobs> m_jobs;
};

} // namespace missive::engine
