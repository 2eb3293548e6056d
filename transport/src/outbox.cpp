#include "missive/transport/outbox.h"

#include "missive/transport/mssante_message.h"
#include "outbox_connections.h"
#include "sql_connection.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcOutbox, "missive.transport.outbox", QtWarningMsg)

namespace missive::transport
{
namespace
{

QString isoUtc(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromIso(const QString& s)
{
    if (s.isEmpty()) {
        return {};
    }
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    t.setTimeSpec(Qt::UTC);
    return t;
}

} // namespace

QString channelName(Channel channel)
{
    switch (channel) {
    case Channel::Mssante:
        return QStringLiteral("mssante");
    case Channel::Dmp:
        return QStringLiteral("dmp");
    case Channel::Postal:
        return QStringLiteral("postal");
    }
    return {};
}

std::optional<Channel> channelFromName(QStringView name)
{
    for (const auto c : {Channel::Mssante, Channel::Dmp, Channel::Postal}) {
        if (name == channelName(c)) {
            return c;
        }
    }
    return std::nullopt;
}

QString stateName(DeliveryState state)
{
    switch (state) {
    case DeliveryState::Queued:
        return QStringLiteral("queued");
    case DeliveryState::Sending:
        return QStringLiteral("sending");
    case DeliveryState::Sent:
        return QStringLiteral("sent");
    case DeliveryState::Failed:
        return QStringLiteral("failed");
    case DeliveryState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QString stateLabel(DeliveryState state)
{
    switch (state) {
    case DeliveryState::Queued:
        return QCoreApplication::translate("missive::engine", "en attente");
    case DeliveryState::Sending:
        return QCoreApplication::translate("missive::engine", "envoi en cours");
    case DeliveryState::Sent:
        return QCoreApplication::translate("missive::engine", "envoyé");
    case DeliveryState::Failed:
        return QCoreApplication::translate("missive::engine", "échec");
    case DeliveryState::Cancelled:
        return QCoreApplication::translate("missive::engine", "annulé");
    }
    return {};
}

std::optional<DeliveryState> stateFromName(QStringView name)
{
    for (const auto s : {DeliveryState::Queued, DeliveryState::Sending, DeliveryState::Sent, DeliveryState::Failed,
                         DeliveryState::Cancelled}) {
        if (name == stateName(s)) {
            return s;
        }
    }
    return std::nullopt;
}

QJsonObject Delivery::toJson() const
{
    QJsonObject o{
        {QStringLiteral("id"), id},
        {QStringLiteral("document_id"), documentId},
        {QStringLiteral("document_title"), documentTitle},
        {QStringLiteral("service"), service},
        {QStringLiteral("spool_job_id"), spoolJobId},
        {QStringLiteral("channel"), channelName(channel)},
        {QStringLiteral("recipient"), recipient},
        {QStringLiteral("message_id"), messageId},
        {QStringLiteral("state"), stateName(state)},
        {QStringLiteral("attempts"), attempts},
        {QStringLiteral("next_attempt_at"), state == DeliveryState::Queued ? isoUtc(nextAttemptAt) : QString()},
        {QStringLiteral("last_error"), lastError},
        {QStringLiteral("last_error_code"), lastErrorCode},
        {QStringLiteral("permanent_failure"), permanentFailure},
        {QStringLiteral("created_at"), isoUtc(createdAt)},
        {QStringLiteral("updated_at"), isoUtc(updatedAt)},
        {QStringLiteral("sent_at"), sentAt.isValid() ? isoUtc(sentAt) : QString()},
        {QStringLiteral("tracking"), tracking},
        {QStringLiteral("tracking_detail"), trackingDetail},
    };
    if (fallbackOf) {
        o.insert(QStringLiteral("fallback_of"), *fallbackOf);
    }
    return o;
}

std::chrono::seconds backoffDelay(const RetrySettings& retry, int failedAttempts, double random01)
{
    const double base = static_cast<double>(retry.initialDelay.count())
                        * std::pow(2.0, static_cast<double>(std::max(0, failedAttempts - 1)));
    const double capped = std::min(base, static_cast<double>(retry.maxDelay.count()));
    const double jittered = capped * (1.0 + retry.jitter * (2.0 * random01 - 1.0));
    return std::chrono::seconds(static_cast<qint64>(std::max(1.0, std::round(jittered))));
}

namespace
{

// The patient ("BIRTHNAME Firstname YYYY-MM-DD"), for the history's search, from the document's
// facts (version 2 rows); NULL without a birth name.
const char* const SqlitePatient =
    "CASE WHEN json_valid(doc.input_json) THEN json_extract(doc.input_json, '$.patient.birth_name') || ' ' || "
    "coalesce(json_extract(doc.input_json, '$.patient.first_name'), '') || ' ' || "
    "coalesce(json_extract(doc.input_json, '$.patient.birth_date'), '') END";
const char* const PostgresPatient =
    "CASE WHEN doc.input_json LIKE '{%' THEN ((doc.input_json::jsonb)->'patient'->>'birth_name') || ' ' || "
    "coalesce((doc.input_json::jsonb)->'patient'->>'first_name', '') || ' ' || "
    "coalesce((doc.input_json::jsonb)->'patient'->>'birth_date', '') END";

QString deliveryColumns(SqlDialect dialect)
{
    return QStringLiteral("d.id, d.document_id, d.channel, d.recipient, d.message_id, d.state, d.attempts, "
                          "d.next_attempt_at, d.last_error, d.last_error_code, d.permanent, d.postal_address, "
                          "d.no_reply, d.fallback_of, d.created_at, d.updated_at, d.sent_at, d.tracking, "
                          "d.tracking_detail, doc.title, doc.service, %1, doc.spool_job_id")
        .arg(QLatin1String(dialect == SqlDialect::Postgres ? PostgresPatient : SqlitePatient));
}

Delivery readDelivery(const SqlRows& s)
{
    Delivery d;
    d.id = s.integer(0);
    d.documentId = s.integer(1);
    d.channel = channelFromName(s.text(2)).value_or(Channel::Mssante);
    d.recipient = s.text(3);
    d.messageId = s.text(4);
    d.state = stateFromName(s.text(5)).value_or(DeliveryState::Failed);
    d.attempts = static_cast<int>(s.integer(6));
    d.nextAttemptAt = QDateTime::fromSecsSinceEpoch(s.integer(7), Qt::UTC);
    d.lastError = s.text(8);
    d.lastErrorCode = s.text(9);
    d.permanentFailure = s.integer(10) != 0;
    d.postalAddress = s.text(11);
    d.noReply = s.integer(12) != 0;
    if (!s.isNull(13)) {
        d.fallbackOf = s.integer(13);
    }
    d.createdAt = fromIso(s.text(14));
    d.updatedAt = fromIso(s.text(15));
    d.sentAt = fromIso(s.text(16));
    d.tracking = s.text(17);
    d.trackingDetail = s.text(18);
    d.documentTitle = s.text(19);
    d.service = s.text(20);
    d.patient = s.text(21).trimmed();
    d.spoolJobId = s.text(22);
    return d;
}

QString channelList(const QList<Channel>& channels)
{
    QStringList names;
    for (const auto c : channels) {
        names.append(u'\'' + channelName(c) + u'\'');
    }
    return names.join(u',');
}

// BEGIN … COMMIT around `body`, rolled back on any error.
template <class F> auto inTransaction(SqlConnection& db, F&& body) -> decltype(body())
{
    if (auto begun = db.begin(); !begun) {
        return tl::unexpected(begun.error());
    }
    auto result = body();
    if (!result) {
        db.rollback();
        return result;
    }
    if (auto committed = db.commit(); !committed) {
        db.rollback();
        return tl::unexpected(committed.error());
    }
    return result;
}

// Runs a statement whose result only matters as success or failure.
Result<void> exec(SqlConnection& db, const char* sql, const SqlParams& params)
{
    auto rows = db.run(sql, params);
    if (!rows) {
        return tl::unexpected(rows.error());
    }
    return {};
}

// Rows a sender claimed and can no longer finish: SQLite has one runner per file (RunnerLock),
// so every `sending` row is one; on PostgreSQL only those whose sender's session lock is gone.
const char* const OrphanedSqlite = "state = 'sending'";
const char* const OrphanedPostgres =
    "state = 'sending' AND NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' "
    "AND l.classid = 19795 AND l.objsubid = 2 AND l.objid::bigint = deliveries.claimed_by AND l.granted "
    "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))";

} // namespace

Outbox::Outbox(std::unique_ptr<SqlConnection> db)
    : m_path(db->location())
    , m_db(std::move(db))
{
}

Outbox::~Outbox() = default;

const QString& Outbox::path() const
{
    return m_path;
}

bool Outbox::isShared() const
{
    return m_db->dialect() == SqlDialect::Postgres;
}

Result<RunnerLock> Outbox::lockRunner() const
{
    if (isShared()) {
        return RunnerLock(-1); // rows are claimed one by one (SKIP LOCKED); senders run side by side
    }
    return RunnerLock::acquire(m_path);
}

QString Outbox::defaultPath()
{
    QString dataHome = qEnvironmentVariable("XDG_DATA_HOME");
    if (dataHome.isEmpty() || !QDir::isAbsolutePath(dataHome)) {
        dataHome = QDir::homePath() + QStringLiteral("/.local/share");
    }
    return dataHome + QStringLiteral("/missive/outbox.sqlite");
}

bool Outbox::isSharedLocation(const QString& location)
{
    return isSharedOutboxUrl(location);
}

Result<std::unique_ptr<Outbox>> Outbox::open(const QString& location, const QByteArray& password)
{
    auto db = isSharedOutboxUrl(location) ? openPostgresOutbox(location, password) : openSqliteOutbox(location);
    if (!db) {
        return tl::unexpected(db.error());
    }
    return std::unique_ptr<Outbox>(new Outbox(std::move(*db)));
}

Result<QList<qint64>> Outbox::enqueue(const NewDocument& document, const QList<NewDelivery>& deliveries,
                                      const QString& sender)
{
    if (deliveries.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("aucun destinataire"),
                         QStringLiteral("enqueue without deliveries"));
    }
    SqlConnection& db = *m_db;
    const QString now = isoUtc(QDateTime::currentDateTimeUtc());
    const qint64 nowSecs = QDateTime::currentSecsSinceEpoch();
    // The same document queued again (a retry after an error that came once it was queued) is
    // the one already there, not a second letter.
    if (auto existingRows = alreadyQueued(document.uniqueId); existingRows && !existingRows->isEmpty()) {
        return *existingRows;
    }
    auto queued = inTransaction(db, [&]() -> Result<QList<qint64>> {
        const QString sha256 =
            !document.pdfSha256.isEmpty()
                ? document.pdfSha256
                : QString::fromLatin1(QCryptographicHash::hash(document.pdf, QCryptographicHash::Sha256).toHex());
        auto doc = db.run(
            "INSERT INTO documents (unique_id, title, file_name, pdf, sha256, xdm, code_cda, "
            "qualified_ins, subject, body, created_at, input_json, service, spool_job_id) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            {SqlValue::of(document.uniqueId), SqlValue::of(document.title), SqlValue::of(document.fileName),
             SqlValue::blob(document.pdf.isNull() ? QByteArray("") : document.pdf), SqlValue::of(sha256),
             SqlValue::blob(document.xdmZip.isEmpty() ? QByteArray() : document.xdmZip), SqlValue::of(document.codeCda),
             SqlValue::of(qint64(document.qualifiedIns ? 1 : 0)), SqlValue::of(document.subject),
             SqlValue::of(document.body), SqlValue::of(now), SqlValue::of(QString::fromUtf8(document.input)),
             SqlValue::of(document.service), SqlValue::of(document.spoolJobId)});
        if (!doc) {
            return tl::unexpected(doc.error());
        }
        doc->next();
        const qint64 documentId = doc->integer(0);
        QList<qint64> ids;
        for (const auto& delivery : deliveries) {
            auto row = db.run("INSERT INTO deliveries (document_id, channel, recipient, message_id, state, "
                              "next_attempt_at, postal_address, no_reply, created_at, updated_at) "
                              "VALUES (?,?,?,?,'queued',?,?,?,?,?) "
                              "ON CONFLICT (document_id, channel, recipient) DO NOTHING RETURNING id",
                              {SqlValue::of(documentId), SqlValue::of(channelName(delivery.channel)),
                               SqlValue::of(delivery.recipient), SqlValue::of(newMessageId(sender)),
                               SqlValue::of(nowSecs), SqlValue::of(delivery.postalAddress),
                               SqlValue::of(qint64(delivery.noReply ? 1 : 0)), SqlValue::of(now), SqlValue::of(now)});
            if (!row) {
                return tl::unexpected(row.error());
            }
            if (!row->next()) {
                return makeError(
                    ErrorCode::InvalidArgument,
                    QStringLiteral("destinataire en double pour le même canal : %1").arg(delivery.recipient),
                    QStringLiteral("duplicate delivery"));
            }
            ids.append(row->integer(0));
        }
        return ids;
    });
    if (queued || queued.error().code != ErrorCode::Unavailable || !isShared()) {
        return queued;
    }
    // The base went away around the commit: whether it committed is unknown. The document's
    // uniqueId tells, once reconnected: queued already means queued, not to be queued twice.
    auto stored = alreadyQueued(document.uniqueId);
    if (stored && !stored->isEmpty()) {
        qCInfo(lcOutbox) << "document queued before the connection was lost:" << stored->size() << "rows";
        return *stored;
    }
    return queued;
}

Result<QList<qint64>> Outbox::alreadyQueued(const QString& uniqueId) const
{
    auto stored = m_db->run("SELECT d.id FROM deliveries d JOIN documents doc ON doc.id = d.document_id "
                            "WHERE doc.unique_id = ? ORDER BY d.id",
                            sqlParams(uniqueId));
    if (!stored) {
        return tl::unexpected(stored.error());
    }
    QList<qint64> ids;
    while (stored->next()) {
        ids.append(stored->integer(0));
    }
    return ids;
}

Result<Outbox::Recovery> Outbox::recoverInterrupted()
{
    SqlConnection& db = *m_db;
    const QString orphaned = QLatin1String(db.dialect() == SqlDialect::Postgres ? OrphanedPostgres : OrphanedSqlite);
    return inTransaction(db, [&]() -> Result<Recovery> {
        Recovery out;
        const QString now = isoUtc(QDateTime::currentDateTimeUtc());
        auto handed = db.run(QStringLiteral("SELECT id, message_id FROM deliveries WHERE %1 AND handed_over = 1")
                                 .arg(orphaned)
                                 .toUtf8()
                                 .constData());
        if (!handed) {
            return tl::unexpected(handed.error());
        }
        while (handed->next()) {
            const qint64 id = handed->integer(0);
            const QString message =
                QStringLiteral("peut-être envoyé : arrêt pendant la remise au serveur (Message-ID <%1>) ; vérifiez "
                               "auprès du destinataire avant de relancer (missive outbox retry %2)")
                    .arg(handed->text(1))
                    .arg(id);
            if (auto failed = exec(db,
                                   "UPDATE deliveries SET state = 'failed', updated_at = ?, "
                                   "last_error_code = 'maybe-sent', last_error = ?, permanent = 0, handed_over = 0 "
                                   "WHERE id = ?",
                                   sqlParams(now, message, id));
                !failed) {
                return tl::unexpected(failed.error());
            }
            out.maybeSent.append(QStringLiteral("envoi %1 : %2").arg(id).arg(message));
        }
        auto requeued =
            // The interrupted send keeps its place in the queue (its own due time): it goes first.
            db.run(QStringLiteral("UPDATE deliveries SET state = 'queued', updated_at = ?, "
                                  "last_error_code = 'interrupted', "
                                  "last_error = 'envoi interrompu (arrêt du programme) : renvoi avec le même "
                                  "Message-ID' WHERE %1")
                       .arg(orphaned)
                       .toUtf8()
                       .constData(),
                   sqlParams(now));
        if (!requeued) {
            return tl::unexpected(requeued.error());
        }
        out.requeued = static_cast<int>(requeued->affected());
        if (out.requeued > 0 || !out.maybeSent.isEmpty()) {
            qCInfo(lcOutbox) << "requeued" << out.requeued << "interrupted deliveries," << out.maybeSent.size()
                             << "maybe sent";
        }
        return out;
    });
}

Result<void> Outbox::markHandedOver(qint64 id)
{
    auto marked =
        m_db->run("UPDATE deliveries SET handed_over = 1 WHERE id = ? AND state = 'sending' AND claimed_by = ?",
                  sqlParams(id, m_db->runnerId()));
    if (!marked) {
        return tl::unexpected(marked.error());
    }
    if (marked->affected() == 0 && isShared()) {
        // No longer this sender's row (it lost the base meanwhile): not to be handed over.
        return makeError(ErrorCode::Integrity, QStringLiteral("envoi %1 : repris par un autre poste").arg(id),
                         QStringLiteral("claim lost before hand-over"));
    }
    return {};
}

Result<std::optional<Delivery>> Outbox::claimNext(const QList<Channel>& channels, const QDateTime& now)
{
    if (channels.isEmpty()) {
        return std::optional<Delivery>();
    }
    SqlConnection& db = *m_db;
    return inTransaction(db, [&]() -> Result<std::optional<Delivery>> {
        // On a shared base, a row another sender holds is skipped, not waited for.
        const QByteArray sql =
            QStringLiteral("SELECT %1 FROM deliveries d JOIN documents doc ON doc.id = d.document_id "
                           "WHERE d.state = 'queued' AND d.next_attempt_at <= ? AND d.channel IN (%2) "
                           "ORDER BY d.next_attempt_at, d.id LIMIT 1%3")
                .arg(deliveryColumns(db.dialect()), channelList(channels),
                     db.dialect() == SqlDialect::Postgres ? QStringLiteral(" FOR UPDATE OF d SKIP LOCKED") : QString())
                .toUtf8();
        auto pick = db.run(sql.constData(), sqlParams(now.toSecsSinceEpoch()));
        if (!pick) {
            return tl::unexpected(pick.error());
        }
        if (!pick->next()) {
            return std::optional<Delivery>();
        }
        Delivery d = readDelivery(*pick);
        if (auto taken = exec(db,
                              "UPDATE deliveries SET state = 'sending', attempts = attempts + 1, handed_over = 0, "
                              "claimed_by = ?, updated_at = ? WHERE id = ? AND state = 'queued'",
                              sqlParams(db.runnerId(), isoUtc(now), d.id));
            !taken) {
            return tl::unexpected(taken.error());
        }
        d.state = DeliveryState::Sending;
        d.attempts += 1;
        return std::optional<Delivery>(d);
    });
}

Result<void> Outbox::markSent(qint64 id, const QDateTime& now)
{
    auto marked = m_db->run("UPDATE deliveries SET state = 'sent', sent_at = ?, updated_at = ?, last_error = '', "
                            "last_error_code = '', permanent = 0 WHERE id = ? AND state = 'sending' AND claimed_by = ?",
                            sqlParams(isoUtc(now), isoUtc(now), id, m_db->runnerId()));
    if (!marked) {
        return tl::unexpected(marked.error());
    }
    if (marked->affected() == 0 && isShared()) {
        // Taken back while this sender was cut from the base (its session lock lost): another
        // sender may send it again. Said, never hidden.
        qCWarning(lcOutbox) << "delivery" << id << "was recovered by another sender while being sent";
        return makeError(ErrorCode::Integrity,
                         QStringLiteral("envoi %1 : repris par un autre poste pendant son envoi, il peut partir deux "
                                        "fois (même Message-ID)")
                             .arg(id),
                         QStringLiteral("claim lost"));
    }
    return {};
}

Result<void> Outbox::queuePostalFallback(const Delivery& d, const QDateTime& now, qint64* insertedId)
{
    if (d.channel != Channel::Mssante || d.postalAddress.isEmpty()) {
        return {};
    }
    auto post =
        m_db->run("INSERT INTO deliveries (document_id, channel, recipient, message_id, state, "
                  "next_attempt_at, postal_address, fallback_of, created_at, updated_at) "
                  "VALUES (?, 'postal', ?, ?, 'queued', ?, ?, ?, ?, ?) "
                  "ON CONFLICT (document_id, channel, recipient) DO NOTHING RETURNING id",
                  sqlParams(d.documentId, d.postalAddress.section(u'\n', 0, 0),
                            QStringLiteral("postal-%1").arg(newMessageId(QStringLiteral("postal@missive.invalid"))),
                            now.toSecsSinceEpoch(), d.postalAddress, d.id, isoUtc(now), isoUtc(now)));
    if (!post) {
        return tl::unexpected(post.error());
    }
    if (insertedId) {
        *insertedId = post->next() ? post->integer(0) : 0;
    }
    return {};
}

Result<DeliveryState> Outbox::markAttemptFailed(qint64 id, const AttemptFailure& failure, const RetrySettings& retry,
                                                bool fallbackToPostal, const QDateTime& now)
{
    return inTransaction(*m_db, [&]() -> Result<DeliveryState> {
        auto found = existing(id);
        if (!found) {
            return tl::unexpected(found.error());
        }
        const Delivery& d = *found;
        const bool giveUp = failure.permanent || d.attempts >= retry.maxAttempts;
        const DeliveryState next = giveUp ? DeliveryState::Failed : DeliveryState::Queued;
        const qint64 due = now.toSecsSinceEpoch()
                           + backoffDelay(retry, d.attempts, QRandomGenerator::global()->generateDouble()).count();
        QString message = failure.userMessage;
        if (giveUp && !failure.permanent) {
            message += QStringLiteral(" — abandon après %1 tentatives").arg(d.attempts);
        }
        if (auto marked = exec(*m_db,
                               "UPDATE deliveries SET state = ?, next_attempt_at = ?, last_error = ?, "
                               "last_error_code = ?, permanent = ?, updated_at = ? WHERE id = ?",
                               sqlParams(stateName(next), due, message, failure.code, qint64(failure.permanent ? 1 : 0),
                                         isoUtc(now), id));
            !marked) {
            return tl::unexpected(marked.error());
        }
        if (giveUp && fallbackToPostal) {
            if (auto queued = queuePostalFallback(d, now); !queued) {
                return tl::unexpected(queued.error());
            }
        }
        return next;
    });
}

Result<void> Outbox::noteUnavailable(qint64 id, const QString& code, const QString& userMessage)
{
    return exec(*m_db, "UPDATE deliveries SET last_error = ?, last_error_code = ?, updated_at = ? WHERE id = ?",
                sqlParams(userMessage, code, isoUtc(QDateTime::currentDateTimeUtc()), id));
}

Result<void> Outbox::release(qint64 id, const QString& code, const QString& userMessage)
{
    return exec(*m_db,
                "UPDATE deliveries SET state = 'queued', "
                "attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, last_error = ?, "
                "last_error_code = ?, updated_at = ? WHERE id = ? AND state = 'sending' AND claimed_by = ?",
                sqlParams(userMessage, code, isoUtc(QDateTime::currentDateTimeUtc()), id, m_db->runnerId()));
}

Result<Delivery> Outbox::existing(qint64 id) const
{
    auto found = find(id);
    if (!found) {
        return tl::unexpected(found.error());
    }
    if (!*found) {
        return makeError(ErrorCode::NotFound, QStringLiteral("envoi introuvable : %1").arg(id),
                         QStringLiteral("no delivery"));
    }
    return **found;
}

Result<void> Outbox::retry(qint64 id, const QDateTime& now)
{
    return inTransaction(*m_db, [&]() -> Result<void> {
        auto found = existing(id);
        if (!found) {
            return tl::unexpected(found.error());
        }
        const DeliveryState state = found->state;
        if (state != DeliveryState::Failed && state != DeliveryState::Queued) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("l'envoi %1 est « %2 » : seul un envoi en attente ou en échec peut être "
                                            "relancé")
                                 .arg(id)
                                 .arg(stateLabel(state)),
                             QStringLiteral("retry in state %1").arg(stateName(state)));
        }
        // A manual retry gets a fresh budget of attempts.
        return exec(*m_db,
                    "UPDATE deliveries SET state = 'queued', attempts = 0, next_attempt_at = ?, permanent = 0, "
                    "updated_at = ? WHERE id = ?",
                    sqlParams(now.toSecsSinceEpoch(), isoUtc(now), id));
    });
}

Result<int> Outbox::retryAllFailed(const QDateTime& now)
{
    auto retried = m_db->run("UPDATE deliveries SET state = 'queued', attempts = 0, next_attempt_at = ?, "
                             "permanent = 0, updated_at = ? WHERE state = 'failed' OR state = 'queued'",
                             sqlParams(now.toSecsSinceEpoch(), isoUtc(now)));
    if (!retried) {
        return tl::unexpected(retried.error());
    }
    return static_cast<int>(retried->affected());
}

Result<void> Outbox::checkSendByPost(const Delivery& row)
{
    const auto refuse = [&](const QString& why, const char* detail) -> Result<void> {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("envoi %1 : %2").arg(row.id).arg(why),
                         QString::fromLatin1(detail));
    };
    if (row.channel != Channel::Mssante) {
        return refuse(QStringLiteral("seul un envoi MSSanté peut partir par courrier"), "not an MSSanté row");
    }
    if (row.state != DeliveryState::Failed && row.state != DeliveryState::Cancelled) {
        return refuse(
            QStringLiteral("il est « %1 » ; annulez-le d'abord pour l'envoyer par courrier").arg(stateLabel(row.state)),
            "row still active");
    }
    return {};
}

Result<qint64> Outbox::sendByPost(qint64 id, const QString& postalAddress, const QDateTime& now)
{
    return inTransaction(*m_db, [&]() -> Result<qint64> {
        auto found = existing(id);
        if (!found) {
            return tl::unexpected(found.error());
        }
        Delivery d = *found;
        if (auto allowed = checkSendByPost(d); !allowed) {
            return tl::unexpected(allowed.error());
        }
        const auto refuse = [&](const QString& why, const char* detail) -> Result<qint64> {
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("envoi %1 : %2").arg(id).arg(why),
                             QString::fromLatin1(detail));
        };
        if (!postalAddress.trimmed().isEmpty()) {
            d.postalAddress = postalAddress.trimmed();
        }
        if (d.postalAddress.isEmpty()) {
            return refuse(QStringLiteral("aucune adresse postale connue"), "no postal address");
        }
        qint64 inserted = 0;
        if (auto queued = queuePostalFallback(d, now, &inserted); !queued) {
            return tl::unexpected(queued.error());
        }
        if (inserted == 0) {
            return refuse(QStringLiteral("un courrier postal est déjà prévu"), "postal row exists");
        }
        return inserted;
    });
}

Result<void> Outbox::cancel(qint64 id, const QDateTime& now)
{
    return inTransaction(*m_db, [&]() -> Result<void> {
        auto found = existing(id);
        if (!found) {
            return tl::unexpected(found.error());
        }
        const DeliveryState state = found->state;
        if (state != DeliveryState::Queued && state != DeliveryState::Failed) {
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("l'envoi %1 est « %2 » : il ne peut plus être annulé").arg(id).arg(stateLabel(state)),
                QStringLiteral("cancel in state %1").arg(stateName(state)));
        }
        return exec(*m_db, "UPDATE deliveries SET state = 'cancelled', updated_at = ? WHERE id = ?",
                    sqlParams(isoUtc(now), id));
    });
}

Result<QList<Delivery>> Outbox::deliveries(const QString& where, const SqlParams& params) const
{
    const QByteArray sql = QStringLiteral("SELECT %1 FROM deliveries d JOIN documents doc ON doc.id = d.document_id%2")
                               .arg(deliveryColumns(m_db->dialect()), where)
                               .toUtf8();
    auto s = m_db->run(sql.constData(), params);
    if (!s) {
        return tl::unexpected(s.error());
    }
    QList<Delivery> rows;
    while (s->next()) {
        rows.append(readDelivery(*s));
    }
    return rows;
}

Result<QList<Delivery>> Outbox::list(std::optional<DeliveryState> state) const
{
    if (state) {
        return deliveries(QStringLiteral(" WHERE d.state = ? ORDER BY d.id"), sqlParams(stateName(*state)));
    }
    return deliveries(QStringLiteral(" ORDER BY d.id"), {});
}

Result<QList<Delivery>> Outbox::dueRows(const QList<Channel>& channels, const QDateTime& now) const
{
    return deliveries(QStringLiteral(" WHERE d.state = 'queued' AND d.next_attempt_at <= ? AND d.channel IN (%1) "
                                     "ORDER BY d.id")
                          .arg(channelList(channels)),
                      sqlParams(now.toSecsSinceEpoch()));
}

Result<std::optional<Delivery>> Outbox::find(qint64 id) const
{
    auto rows = deliveries(QStringLiteral(" WHERE d.id = ?"), sqlParams(id));
    if (!rows) {
        return tl::unexpected(rows.error());
    }
    return rows->isEmpty() ? std::optional<Delivery>() : std::optional<Delivery>(rows->first());
}

Result<StoredDocument> Outbox::document(qint64 documentId) const
{
    auto s = m_db->run("SELECT id, unique_id, title, file_name, pdf, xdm, code_cda, qualified_ins, subject, body, "
                       "sha256, input_json FROM documents WHERE id = ?",
                       sqlParams(documentId));
    if (!s) {
        return tl::unexpected(s.error());
    }
    if (!s->next()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("document introuvable dans la file d'envoi"),
                         QStringLiteral("no document"));
    }
    StoredDocument d;
    d.id = s->integer(0);
    d.uniqueId = s->text(1);
    d.title = s->text(2);
    d.fileName = s->text(3);
    d.pdf = s->blob(4);
    d.xdmZip = s->blob(5);
    d.codeCda = s->text(6);
    d.qualifiedIns = s->integer(7) != 0;
    d.subject = s->text(8);
    d.body = s->text(9);
    d.sha256 = s->text(10);
    d.input = s->text(11).toUtf8();
    // The bytes about to leave must be the bytes that were queued.
    if (QString::fromLatin1(QCryptographicHash::hash(d.pdf, QCryptographicHash::Sha256).toHex()) != d.sha256) {
        return makeError(ErrorCode::Integrity, QStringLiteral("document altéré dans la file d'envoi"),
                         QStringLiteral("document sha256 mismatch"));
    }
    return d;
}

Result<bool> Outbox::setTracking(const QString& messageId, const QString& status, const QString& detail,
                                 const QDateTime& now, bool fallbackToPostal)
{
    return inTransaction(*m_db, [&]() -> Result<bool> {
        auto tracked = m_db->run("UPDATE deliveries SET tracking = ?, tracking_detail = ?, updated_at = ? "
                                 "WHERE message_id = ?",
                                 sqlParams(status, detail, isoUtc(now), messageId));
        if (!tracked) {
            return tl::unexpected(tracked.error());
        }
        if (tracked->affected() == 0) {
            return false;
        }
        if (status != QLatin1String("bounced")) {
            return true;
        }
        // A bounce (DSN "failed") is a failure for good learnt after the fact: the row fails, and the
        // letter goes by post when the row knows an address, as for a 5xx at sending time.
        auto sent = deliveries(QStringLiteral(" WHERE d.message_id = ? AND d.state = 'sent'"), sqlParams(messageId));
        if (!sent) {
            return tl::unexpected(sent.error());
        }
        if (sent->isEmpty()) {
            return true;
        }
        const Delivery& row = sent->first();
        if (auto failed = exec(
                *m_db,
                "UPDATE deliveries SET state = 'failed', permanent = 1, last_error = ?, "
                "last_error_code = 'dsn-bounced', updated_at = ? WHERE id = ?",
                sqlParams(QStringLiteral("non distribué (avis de non-remise) : %1").arg(detail), isoUtc(now), row.id));
            !failed) {
            return tl::unexpected(failed.error());
        }
        if (fallbackToPostal) {
            if (auto queued = queuePostalFallback(row, now); !queued) {
                return tl::unexpected(queued.error());
            }
        }
        return true;
    });
}

Result<QString> Outbox::metaValue(const QString& key) const
{
    auto s = m_db->run("SELECT value FROM meta WHERE key = ?", sqlParams(key));
    if (!s) {
        return tl::unexpected(s.error());
    }
    return s->next() ? s->text(0) : QString();
}

Result<void> Outbox::setMetaValue(const QString& key, const QString& value)
{
    return exec(*m_db,
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                sqlParams(key, value));
}

RunnerLock::RunnerLock(int fd)
    : m_fd(fd)
{
}

RunnerLock::RunnerLock(RunnerLock&& other) noexcept
    : m_fd(other.m_fd)
{
    other.m_fd = -1;
}

RunnerLock::~RunnerLock()
{
    if (m_fd >= 0) {
        ::close(m_fd); // releases the flock
    }
}

Result<RunnerLock> RunnerLock::acquire(const QString& outboxPath)
{
    const QByteArray name = QFile::encodeName(outboxPath + QStringLiteral(".lock"));
    const int fd = ::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        return makeError(ErrorCode::Io, QStringLiteral("impossible de verrouiller la file d'envoi"),
                         QStringLiteral("open lock: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    // Blocking: a second runner waits for the first one's batch instead of skipping new rows.
    while (::flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            ::close(fd);
            return makeError(ErrorCode::Io, QStringLiteral("impossible de verrouiller la file d'envoi"),
                             QStringLiteral("flock"));
        }
    }
    return RunnerLock(fd);
}

} // namespace missive::transport
