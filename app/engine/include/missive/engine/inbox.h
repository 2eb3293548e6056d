#pragma once
// The current user's captured prints, as the CLI and the app see them.

#include "missive/core/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
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

class Inbox
{
public:
    // The spool of the account running this process. A user who has never
    // printed has no spool yet: listings are then empty, not an error.
    explicit Inbox(QString root = spoolRoot(), uid_t uid = static_cast<uid_t>(-1));

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
    // Whether `pdf` (the bytes about to be queued for sending) is exactly what was printed as the
    // waiting job `id` (size and SHA-256 recorded at print time). When it is not, the job goes to
    // quarantine (its stored copy is checked by the claim) and the error says so: a print altered
    // in the spool is never sent.
    [[nodiscard]] Result<void> verifyPrinted(const QString& id, const QByteArray& pdf) const;

private:
    QString m_root;
    uid_t m_uid;
};

} // namespace missive::engine
