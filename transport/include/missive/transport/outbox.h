#pragma once
// The durable outbox (SQLite, WAL, mode 0600, schema versioned): one row per (document, recipient,
// channel). States: queued → sending → sent | failed, and cancelled. Identifiers (Message-ID, document
// uniqueId) are fixed at enqueue; the document bytes live in the database, so nothing depends on
// the spool. See docs/architecture.md "Outbox" for the crash guarantees.

#include "missive/core/result.h"
#include "missive/transport/settings.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

namespace missive::transport
{

enum class Channel
{
    Mssante, // MSSanté mail, professional or patient mailbox (<INS>@patient.mssante.fr)
    Dmp,     // DMP feed (ITI-41)
    Postal,  // print-ready PDF to a CUPS queue
};

enum class DeliveryState
{
    Queued,
    Sending,
    Sent,
    Failed,
    Cancelled,
};

[[nodiscard]] QString channelName(Channel channel); // "mssante", "dmp", "postal"
[[nodiscard]] std::optional<Channel> channelFromName(QStringView name);
[[nodiscard]] QString stateName(DeliveryState state);  // "queued", "sending", "sent", "failed", "cancelled"
[[nodiscard]] QString stateLabel(DeliveryState state); // French
[[nodiscard]] std::optional<DeliveryState> stateFromName(QStringView name);

struct NewDocument
{
    QString uniqueId; // CDA/XDS document uniqueId, fixed now (OID form, e.g. 2.25.<uuid>)
    QString title;
    QString fileName; // of the PDF attachment
    QByteArray pdf;
    QByteArray xdmZip; // IHE_XDM.zip; empty when no CDA could be built (the PDF goes alone)
    QString codeCda;   // e.g. "11490-0" (X-MSS-CODECDA)
    bool qualifiedIns = false;
    QString subject;
    QString body;
    QByteArray input; // documentInputToJson (package.h): what a DMP attempt rebuilds the CDA from
    QString service;  // the sending service ([structure] service), for per-service figures
    QString spoolJobId; // the print it came from (spool job id), empty when sent from a file
    // The PDF's SHA-256 (lowercase hex) when the caller already checked it (a print, against its
    // capture's digest): not computed again. Empty: computed here.
    QString pdfSha256;
};

struct NewDelivery
{
    Channel channel = Channel::Mssante;
    QString recipient;     // e-mail address, RPPS for DMP, first address line for postal
    QString postalAddress; // lines separated by '\n': the postal row's address, or a fallback address
    bool noReply = false;  // X-MSS-MES: FIN
};

struct Delivery
{
    qint64 id = 0;
    qint64 documentId = 0;
    Channel channel = Channel::Mssante;
    QString recipient;
    QString messageId; // fixed at enqueue; without angle brackets
    DeliveryState state = DeliveryState::Queued;
    int attempts = 0;
    QDateTime nextAttemptAt;
    QString lastError;     // French, shown to the user
    QString lastErrorCode; // "smtp-550", "transient", "not-configured"…
    bool permanentFailure = false;
    QString postalAddress;
    bool noReply = false;
    std::optional<qint64> fallbackOf;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime sentAt;
    QString tracking;       // "", "delivered", "displayed", "processed", "bounced", "error-902"…
    QString trackingDetail; // French
    QString documentTitle;
    QString service;    // the sending service
    QString spoolJobId; // the print it came from, empty when sent from a file
    // "BIRTHNAME Firstname YYYY-MM-DD" from the document's facts, for searching the history; never
    // in toJson() nor in logs.
    QString patient;

    [[nodiscard]] QJsonObject toJson() const;
};

struct StoredDocument
{
    qint64 id = 0;
    QString uniqueId;
    QString title;
    QString fileName;
    QByteArray pdf;
    QByteArray xdmZip;
    QString codeCda;
    bool qualifiedIns = false;
    QString subject;
    QString body;
    QString sha256;
    QByteArray input; // see NewDocument::input
};

// How a failed attempt is recorded.
struct AttemptFailure
{
    bool permanent = false;
    QString code;        // stable, e.g. "smtp-450"
    QString userMessage; // French
};

class RunnerLock;
class SqlConnection;
struct SqlValue;

class Outbox
{
public:
    // Opens and migrates the outbox: a SQLite file (created with mode 0600, parent 0700), or a
    // hospital group's shared PostgreSQL base when `location` is a postgresql:// URL (`password`
    // given beside it; TLS verified over the network).
    [[nodiscard]] static Result<std::unique_ptr<Outbox>> open(const QString& location, const QByteArray& password = {});
    // <settings outbox path>, else $XDG_DATA_HOME/missive/outbox.sqlite (~/.local/share/…).
    [[nodiscard]] static QString defaultPath();
    // True for a group's shared base (a postgresql:// URL) rather than a file.
    [[nodiscard]] static bool isSharedLocation(const QString& location);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    // One transaction: the document and all its rows, Message-IDs generated from `sender`. A
    // document whose uniqueId is queued already returns its rows (a retry queues nothing twice).
    [[nodiscard]] Result<QList<qint64>> enqueue(const NewDocument& document, const QList<NewDelivery>& deliveries,
                                                const QString& sender);

    // Rows that were `sending` when a process died. Those whose message had not been handed over
    // whole go back to `queued`, due now, to be re-sent with the same Message-ID. Those handed over
    // (markHandedOver) may have been accepted by the server in the instant before the process
    // died: they are failed with the code "maybe-sent" and a message naming their Message-ID, for
    // the user to check before `outbox retry`, rather than sent twice silently. Only call while
    // holding the runner lock (see RunnerLock).
    struct Recovery
    {
        int requeued = 0;
        QStringList maybeSent; // "envoi N : peut-être envoyé …", one per row
    };
    [[nodiscard]] Result<Recovery> recoverInterrupted();
    // The whole message went to the server: from now on it may be accepted at any instant.
    [[nodiscard]] Result<void> markHandedOver(qint64 id);
    // Atomically takes the next due queued row of one of `channels` (state → sending, attempts + 1).
    [[nodiscard]] Result<std::optional<Delivery>> claimNext(const QList<Channel>& channels, const QDateTime& now);
    [[nodiscard]] Result<void> markSent(qint64 id, const QDateTime& now);
    // Transient failures are re-queued with exponential backoff and jitter until maxAttempts; then
    // (or for a permanent failure) the row is failed. With `fallbackToPostal` and a known postal
    // address, a failed MSSanté row gets a postal row in the same transaction. Returns the
    // resulting state.
    [[nodiscard]] Result<DeliveryState> markAttemptFailed(qint64 id, const AttemptFailure& failure,
                                                          const RetrySettings& retry, bool fallbackToPostal,
                                                          const QDateTime& now);
    // Records why a channel could not be tried at all (not configured…) without using an attempt.
    [[nodiscard]] Result<void> noteUnavailable(qint64 id, const QString& code, const QString& userMessage);
    // Gives a claimed row back untouched (attempt not counted), e.g. when a batch stops.
    [[nodiscard]] Result<void> release(qint64 id, const QString& code, const QString& userMessage);

    [[nodiscard]] Result<void> retry(qint64 id, const QDateTime& now);  // failed/queued → queued, due now
    [[nodiscard]] Result<void> cancel(qint64 id, const QDateTime& now); // queued/failed → cancelled
    [[nodiscard]] Result<int> retryAllFailed(const QDateTime& now);

    [[nodiscard]] Result<QList<Delivery>> list(std::optional<DeliveryState> state = std::nullopt) const;
    [[nodiscard]] Result<std::optional<Delivery>> find(qint64 id) const;
    [[nodiscard]] Result<QList<Delivery>> dueRows(const QList<Channel>& channels, const QDateTime& now) const;
    [[nodiscard]] Result<StoredDocument> document(qint64 documentId) const;
    // Delivery tracking (DSN/MDN), matched on the original Message-ID; false when unknown. A
    // "bounced" status fails a sent row for good and, with `fallbackToPostal` and a known postal
    // address, queues its postal fallback in the same transaction.
    [[nodiscard]] Result<bool> setTracking(const QString& messageId, const QString& status, const QString& detail,
                                           const QDateTime& now, bool fallbackToPostal = false);
    // The secretary's "send it by post instead": a failed or cancelled MSSanté row gets a postal
    // row (to `postalAddress`, lines separated by '\n'; empty = the row's own). InvalidArgument, in
    // French, for another channel or state, no address, or a postal row already queued. Returns its id.
    [[nodiscard]] Result<qint64> sendByPost(qint64 id, const QString& postalAddress, const QDateTime& now);
    // Whether `row` may go by post instead (channel and state), before anyone is asked an address.
    [[nodiscard]] static Result<void> checkSendByPost(const Delivery& row);
    // Small persistent values (e.g. the IMAP UID already read).
    [[nodiscard]] Result<QString> metaValue(const QString& key) const;
    [[nodiscard]] Result<void> setMetaValue(const QString& key, const QString& value);

    // The file, or the base's URL without its password.
    [[nodiscard]] const QString& path() const;
    // A base several senders share: rows are claimed one at a time (FOR UPDATE SKIP LOCKED) and a
    // dead sender's rows are told by its lost session lock, so no runner lock is needed.
    [[nodiscard]] bool isShared() const;
    // The runner lock a sending run holds: the file's (RunnerLock::acquire), none on a shared base.
    [[nodiscard]] Result<RunnerLock> lockRunner() const;

private:
    explicit Outbox(std::unique_ptr<SqlConnection> db);
    [[nodiscard]] Result<Delivery> existing(qint64 id) const; // NotFound when no such row
    // Inside a transaction: a postal row for a failed MSSanté row that knows an address; its id in
    // `insertedId` (0 when one was there already).
    [[nodiscard]] Result<void> queuePostalFallback(const Delivery& failed, const QDateTime& now,
                                                   qint64* insertedId = nullptr);
    // The rows of the document `uniqueId` when it is queued already (empty: not queued).
    [[nodiscard]] Result<QList<qint64>> alreadyQueued(const QString& uniqueId) const;
    // Rows with their document's title and service; `where` follows the FROM clause.
    [[nodiscard]] Result<QList<Delivery>> deliveries(const QString& where, const std::vector<SqlValue>& params) const;
    QString m_path;
    std::unique_ptr<SqlConnection> m_db;
};

// `missive storage setup`, run by IT's administration role on the group's base (migrated first):
// each of `roles` is created (LOGIN, no password: IT sets one, or uses a certificate or peer
// authentication) if missing, may read and write Missive's tables, and sees the letters of
// `service` only; with `service` "*", a relay's role, which sees every service's letters.
[[nodiscard]] Result<void> setupSharedStorage(const QString& url, const QByteArray& password, const QString& service,
                                              const QStringList& roles);

// Backoff before attempt n+1 after n failed attempts: initial × 2^(n−1), capped, ± jitter.
[[nodiscard]] std::chrono::seconds backoffDelay(const RetrySettings& retry, int failedAttempts, double random01);

// One delivery runner at a time per outbox (flock on "<outbox>.lock", released if the process dies).
class RunnerLock
{
public:
    [[nodiscard]] static Result<RunnerLock> acquire(const QString& outboxPath);
    RunnerLock(RunnerLock&& other) noexcept;
    RunnerLock& operator=(RunnerLock&&) = delete;
    RunnerLock(const RunnerLock&) = delete;
    ~RunnerLock();

private:
    friend class Outbox;
    explicit RunnerLock(int fd); // -1: no lock (a shared base)
    int m_fd = -1;
};

} // namespace missive::transport
