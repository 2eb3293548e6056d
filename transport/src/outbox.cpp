#include "missive/transport/outbox.h"

#include "missive/core/c_handle.h"
#include "missive/core/sqlite_schema.h"
#include "missive/transport/mssante_message.h"

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
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcOutbox, "missive.transport.outbox", QtWarningMsg)

namespace missive::transport
{
namespace
{

constexpr int SchemaVersion = 5;

// Every statement of version 1, applied in one transaction.
const char* const SchemaV1 = R"SQL(
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    unique_id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    file_name TEXT NOT NULL,
    pdf BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    xdm BLOB,
    code_cda TEXT NOT NULL DEFAULT '',
    qualified_ins INTEGER NOT NULL DEFAULT 0,
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    channel TEXT NOT NULL CHECK (channel IN ('mssante', 'dmp', 'postal')),
    recipient TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    last_error_code TEXT NOT NULL DEFAULT '',
    permanent INTEGER NOT NULL DEFAULT 0,
    postal_address TEXT NOT NULL DEFAULT '',
    no_reply INTEGER NOT NULL DEFAULT 0,
    fallback_of INTEGER REFERENCES deliveries(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    sent_at TEXT NOT NULL DEFAULT '',
    tracking TEXT NOT NULL DEFAULT '',
    tracking_detail TEXT NOT NULL DEFAULT '',
    UNIQUE (document_id, channel, recipient)
);
CREATE INDEX deliveries_due ON deliveries(state, next_attempt_at);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)SQL";

// Version 2: the document's facts (identity, author, identifiers) as JSON, for the DMP driver that
// rebuilds the CDA at each attempt. Empty for rows queued by version 1 (no DMP rows then).
const char* const SchemaV2 = "ALTER TABLE documents ADD COLUMN input_json TEXT NOT NULL DEFAULT ''";
// Version 3: the sending service (per-service figures of the dashboard).
const char* const SchemaV3 = "ALTER TABLE documents ADD COLUMN service TEXT NOT NULL DEFAULT ''";
// Version 4: whether a `sending` row's message was handed over whole (crash-window duplicates).
const char* const SchemaV4 = "ALTER TABLE deliveries ADD COLUMN handed_over INTEGER NOT NULL DEFAULT 0";
// Version 5: the spool job a document was printed as, so that a delivery leads back to its print.
const char* const SchemaV5 = "ALTER TABLE documents ADD COLUMN spool_job_id TEXT NOT NULL DEFAULT ''";

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

using StmtHandle = CHandle<sqlite3_stmt, sqlite3_finalize>;

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

struct Outbox::Db
{
    sqlite3* handle = nullptr;
    ~Db()
    {
        sqlite3_close_v2(handle);
    }

    [[nodiscard]] tl::unexpected<Error> error(const char* what) const
    {
        const int code = sqlite3_extended_errcode(handle);
        const ErrorCode kind = (code & 0xff) == SQLITE_FULL ? ErrorCode::NoSpace
                               : (code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB
                                   ? ErrorCode::Integrity
                                   : ErrorCode::Io;
        return makeError(kind, QStringLiteral("erreur de la file d'envoi (base SQLite)"),
                         QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(handle))));
    }

    Result<void> exec(const char* sql) const
    {
        return sqlite::exec(handle, sql, QStringLiteral("la file d'envoi"));
    }

    class Stmt
    {
    public:
        Stmt(sqlite3* db, const char* sql)
        {
            sqlite3_stmt* raw = nullptr;
            m_ok = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) == SQLITE_OK;
            m_stmt.reset(raw);
        }
        [[nodiscard]] bool ok() const
        {
            return m_ok;
        }
        Stmt& bind(int i, const QString& v)
        {
            const QByteArray utf8 = v.toUtf8();
            sqlite3_bind_text(m_stmt.get(), i, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
            return *this;
        }
        Stmt& bind(int i, qint64 v)
        {
            sqlite3_bind_int64(m_stmt.get(), i, v);
            return *this;
        }
        Stmt& bindBlob(int i, const QByteArray& v)
        {
            if (v.isNull()) {
                sqlite3_bind_null(m_stmt.get(), i);
            } else {
                sqlite3_bind_blob64(m_stmt.get(), i, v.constData(), static_cast<sqlite3_uint64>(v.size()),
                                    SQLITE_TRANSIENT);
            }
            return *this;
        }
        int step()
        {
            return sqlite3_step(m_stmt.get());
        }
        [[nodiscard]] qint64 integer(int col) const
        {
            return sqlite3_column_int64(m_stmt.get(), col);
        }
        [[nodiscard]] QString text(int col) const
        {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt.get(), col));
            return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt.get(), col)) : QString();
        }
        [[nodiscard]] QByteArray blob(int col) const
        {
            const void* p = sqlite3_column_blob(m_stmt.get(), col);
            return p ? QByteArray(static_cast<const char*>(p), sqlite3_column_bytes(m_stmt.get(), col)) : QByteArray();
        }
        [[nodiscard]] bool isNull(int col) const
        {
            return sqlite3_column_type(m_stmt.get(), col) == SQLITE_NULL;
        }

    private:
        StmtHandle m_stmt;
        bool m_ok = false;
    };

    // BEGIN IMMEDIATE … COMMIT, rolled back on any error.
    template <class F> auto transaction(F&& body) -> decltype(body())
    {
        if (auto begun = exec("BEGIN IMMEDIATE"); !begun) {
            return tl::unexpected(begun.error());
        }
        auto result = body();
        if (!result) {
            (void)exec("ROLLBACK");
            return result;
        }
        if (auto committed = exec("COMMIT"); !committed) {
            (void)exec("ROLLBACK");
            return tl::unexpected(committed.error());
        }
        return result;
    }
};

namespace
{

const char* const DeliveryColumns =
    "d.id, d.document_id, d.channel, d.recipient, d.message_id, d.state, d.attempts, d.next_attempt_at, "
    "d.last_error, d.last_error_code, d.permanent, d.postal_address, d.no_reply, d.fallback_of, d.created_at, "
    "d.updated_at, d.sent_at, d.tracking, d.tracking_detail, doc.title, doc.service, "
    // The patient, for the history's search: read from the document's facts (version 2 rows).
    "CASE WHEN json_valid(doc.input_json) THEN json_extract(doc.input_json, '$.patient.birth_name') || ' ' || "
    "coalesce(json_extract(doc.input_json, '$.patient.first_name'), '') || ' ' || "
    "coalesce(json_extract(doc.input_json, '$.patient.birth_date'), '') END, doc.spool_job_id";

template <class Stmt> Delivery readDelivery(const Stmt& s)
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

} // namespace

Outbox::Outbox(QString path)
    : m_path(std::move(path))
    , m_db(std::make_unique<Db>())
{
}

Outbox::~Outbox() = default;

const QString& Outbox::path() const
{
    return m_path;
}

QString Outbox::defaultPath()
{
    QString dataHome = qEnvironmentVariable("XDG_DATA_HOME");
    if (dataHome.isEmpty() || !QDir::isAbsolutePath(dataHome)) {
        dataHome = QDir::homePath() + QStringLiteral("/.local/share");
    }
    return dataHome + QStringLiteral("/missive/outbox.sqlite");
}

Result<std::unique_ptr<Outbox>> Outbox::open(const QString& path)
{
    const QFileInfo info(path);
    const QString dir = info.absolutePath();
    if (!QDir().mkpath(dir)) {
        return makeError(ErrorCode::Io, QStringLiteral("impossible de créer le dossier de la file d'envoi %1").arg(dir),
                         QStringLiteral("mkpath outbox dir"));
    }
    // Created by us with 0600 before SQLite sees it; SQLite gives -wal and -shm the same mode.
    const QByteArray name = QFile::encodeName(info.absoluteFilePath());
    const int fd = ::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        return makeError(errno == EACCES ? ErrorCode::PermissionDenied : ErrorCode::Io,
                         QStringLiteral("impossible d'ouvrir la file d'envoi %1").arg(path),
                         QStringLiteral("open outbox: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    struct stat st
    {
    };
    const bool statOk = ::fstat(fd, &st) == 0;
    ::close(fd);
    if (!statOk || (st.st_mode & 077) != 0 || st.st_uid != ::geteuid()) {
        return makeError(
            ErrorCode::UnsafePath,
            QStringLiteral("la file d'envoi %1 doit appartenir à l'utilisateur avec le mode 0600").arg(path),
            QStringLiteral("outbox mode or owner unsafe"));
    }

    std::unique_ptr<Outbox> outbox(new Outbox(info.absoluteFilePath()));
    Db& db = *outbox->m_db;
    if (sqlite3_open_v2(name.constData(), &db.handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, nullptr)
        != SQLITE_OK) {
        return db.error("sqlite3_open_v2");
    }
    sqlite3_busy_timeout(db.handle, 10000);
    // WAL: readers never block the runner; synchronous=FULL: a committed state survives a power cut.
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (auto ok = db.exec(pragma); !ok) {
            return tl::unexpected(ok.error());
        }
    }
    // Each step in its own transaction, with the version it reaches.
    const sqlite::Migration Migrations[] = {{1, SchemaV1}, {2, SchemaV2}, {3, SchemaV3}, {4, SchemaV4}, {5, SchemaV5}};
    static_assert(std::size(Migrations) == SchemaVersion);
    if (auto migrated = sqlite::migrate(db.handle, {Migrations, std::nullopt, QStringLiteral("la file d'envoi")});
        !migrated) {
        return tl::unexpected(migrated.error());
    }
    return outbox;
}

Result<QList<qint64>> Outbox::enqueue(const NewDocument& document, const QList<NewDelivery>& deliveries,
                                      const QString& sender)
{
    if (deliveries.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("aucun destinataire"),
                         QStringLiteral("enqueue without deliveries"));
    }
    Db& db = *m_db;
    const QString now = isoUtc(QDateTime::currentDateTimeUtc());
    const qint64 nowSecs = QDateTime::currentSecsSinceEpoch();
    return db.transaction([&]() -> Result<QList<qint64>> {
        Db::Stmt doc(
            db.handle,
            "INSERT INTO documents (unique_id, title, file_name, pdf, sha256, xdm, code_cda, "
            "qualified_ins, subject, body, created_at, input_json, service, spool_job_id) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        doc.bind(1, document.uniqueId)
            .bind(2, document.title)
            .bind(3, document.fileName)
            .bindBlob(4, document.pdf.isNull() ? QByteArray("") : document.pdf)
            .bind(5,
                  !document.pdfSha256.isEmpty()
                      ? document.pdfSha256
                      : QString::fromLatin1(QCryptographicHash::hash(document.pdf, QCryptographicHash::Sha256).toHex()))
            .bindBlob(6, document.xdmZip.isEmpty() ? QByteArray() : document.xdmZip)
            .bind(7, document.codeCda)
            .bind(8, static_cast<qint64>(document.qualifiedIns ? 1 : 0))
            .bind(9, document.subject)
            .bind(10, document.body)
            .bind(11, now)
            .bind(12, QString::fromUtf8(document.input))
            .bind(13, document.service)
            .bind(14, document.spoolJobId);
        if (doc.step() != SQLITE_DONE) {
            return db.error("insert document");
        }
        const qint64 documentId = sqlite3_last_insert_rowid(db.handle);
        QList<qint64> ids;
        for (const auto& delivery : deliveries) {
            Db::Stmt row(db.handle, "INSERT INTO deliveries (document_id, channel, recipient, message_id, state, "
                                    "next_attempt_at, postal_address, no_reply, created_at, updated_at) "
                                    "VALUES (?,?,?,?,'queued',?,?,?,?,?)");
            row.bind(1, documentId)
                .bind(2, channelName(delivery.channel))
                .bind(3, delivery.recipient)
                .bind(4, newMessageId(sender))
                .bind(5, nowSecs)
                .bind(6, delivery.postalAddress)
                .bind(7, static_cast<qint64>(delivery.noReply ? 1 : 0))
                .bind(8, now)
                .bind(9, now);
            if (row.step() != SQLITE_DONE) {
                if ((sqlite3_extended_errcode(db.handle) & 0xff) == SQLITE_CONSTRAINT) {
                    return makeError(
                        ErrorCode::InvalidArgument,
                        QStringLiteral("destinataire en double pour le même canal : %1").arg(delivery.recipient),
                        QStringLiteral("duplicate delivery"));
                }
                return db.error("insert delivery");
            }
            ids.append(sqlite3_last_insert_rowid(db.handle));
        }
        return ids;
    });
}

Result<Outbox::Recovery> Outbox::recoverInterrupted()
{
    Db& db = *m_db;
    return db.transaction([&]() -> Result<Recovery> {
        Recovery out;
        const QString now = isoUtc(QDateTime::currentDateTimeUtc());
        Db::Stmt handed(db.handle, "SELECT id, message_id FROM deliveries WHERE state = 'sending' AND handed_over = 1");
        QList<std::pair<qint64, QString>> uncertain;
        while (handed.step() == SQLITE_ROW) {
            uncertain.append({handed.integer(0), handed.text(1)});
        }
        for (const auto& [id, messageId] : uncertain) {
            const QString message =
                QStringLiteral("peut-être envoyé : arrêt pendant la remise au serveur (Message-ID <%1>) ; vérifiez "
                               "auprès du destinataire avant de relancer (missive outbox retry %2)")
                    .arg(messageId)
                    .arg(id);
            Db::Stmt fail(db.handle, "UPDATE deliveries SET state = 'failed', updated_at = ?, "
                                     "last_error_code = 'maybe-sent', last_error = ?, permanent = 0, handed_over = 0 "
                                     "WHERE id = ?");
            fail.bind(1, now).bind(2, message).bind(3, id);
            if (fail.step() != SQLITE_DONE) {
                return db.error("recover handed over");
            }
            out.maybeSent.append(QStringLiteral("envoi %1 : %2").arg(id).arg(message));
        }
        Db::Stmt s(db.handle, "UPDATE deliveries SET state = 'queued', next_attempt_at = ?, updated_at = ?, "
                              "last_error_code = 'interrupted', "
                              "last_error = 'envoi interrompu (arrêt du programme) : renvoi avec le même Message-ID' "
                              "WHERE state = 'sending'");
        s.bind(1, QDateTime::currentSecsSinceEpoch()).bind(2, now);
        if (s.step() != SQLITE_DONE) {
            return db.error("recover");
        }
        out.requeued = sqlite3_changes(db.handle);
        if (out.requeued > 0 || !out.maybeSent.isEmpty()) {
            qCInfo(lcOutbox) << "requeued" << out.requeued << "interrupted deliveries," << out.maybeSent.size()
                             << "maybe sent";
        }
        return out;
    });
}

Result<void> Outbox::markHandedOver(qint64 id)
{
    Db& db = *m_db;
    Db::Stmt s(db.handle, "UPDATE deliveries SET handed_over = 1 WHERE id = ? AND state = 'sending'");
    s.bind(1, id);
    if (s.step() != SQLITE_DONE) {
        return db.error("mark handed over");
    }
    return {};
}

Result<std::optional<Delivery>> Outbox::claimNext(const QList<Channel>& channels, const QDateTime& now)
{
    if (channels.isEmpty()) {
        return std::optional<Delivery>();
    }
    Db& db = *m_db;
    return db.transaction([&]() -> Result<std::optional<Delivery>> {
        const QByteArray sql =
            QStringLiteral("SELECT %1 FROM deliveries d JOIN documents doc ON doc.id = d.document_id "
                           "WHERE d.state = 'queued' AND d.next_attempt_at <= ? AND d.channel IN (%2) "
                           "ORDER BY d.next_attempt_at, d.id LIMIT 1")
                .arg(QLatin1String(DeliveryColumns), channelList(channels))
                .toUtf8();
        Db::Stmt pick(db.handle, sql.constData());
        pick.bind(1, now.toSecsSinceEpoch());
        const int rc = pick.step();
        if (rc == SQLITE_DONE) {
            return std::optional<Delivery>();
        }
        if (rc != SQLITE_ROW) {
            return db.error("claim select");
        }
        Delivery d = readDelivery(pick);
        Db::Stmt take(db.handle, "UPDATE deliveries SET state = 'sending', attempts = attempts + 1, handed_over = 0, "
                                 "updated_at = ? WHERE id = ? AND state = 'queued'");
        take.bind(1, isoUtc(now)).bind(2, d.id);
        if (take.step() != SQLITE_DONE) {
            return db.error("claim update");
        }
        d.state = DeliveryState::Sending;
        d.attempts += 1;
        return std::optional<Delivery>(d);
    });
}

Result<void> Outbox::markSent(qint64 id, const QDateTime& now)
{
    Db& db = *m_db;
    Db::Stmt s(db.handle, "UPDATE deliveries SET state = 'sent', sent_at = ?, updated_at = ?, last_error = '', "
                          "last_error_code = '', permanent = 0 WHERE id = ? AND state = 'sending'");
    s.bind(1, isoUtc(now)).bind(2, isoUtc(now)).bind(3, id);
    if (s.step() != SQLITE_DONE) {
        return db.error("mark sent");
    }
    return {};
}

Result<void> Outbox::queuePostalFallback(const Delivery& d, const QDateTime& now)
{
    if (d.channel != Channel::Mssante || d.postalAddress.isEmpty()) {
        return {};
    }
    Db& db = *m_db;
    Db::Stmt post(db.handle, "INSERT OR IGNORE INTO deliveries (document_id, channel, recipient, message_id, state, "
                             "next_attempt_at, postal_address, fallback_of, created_at, updated_at) "
                             "VALUES (?, 'postal', ?, ?, 'queued', ?, ?, ?, ?, ?)");
    const QString firstLine = d.postalAddress.section(u'\n', 0, 0);
    post.bind(1, d.documentId)
        .bind(2, firstLine)
        .bind(3, QStringLiteral("postal-%1").arg(newMessageId(QStringLiteral("postal@missive.invalid"))))
        .bind(4, now.toSecsSinceEpoch())
        .bind(5, d.postalAddress)
        .bind(6, d.id)
        .bind(7, isoUtc(now))
        .bind(8, isoUtc(now));
    if (post.step() != SQLITE_DONE) {
        return db.error("postal fallback");
    }
    return {};
}

Result<DeliveryState> Outbox::markAttemptFailed(qint64 id, const AttemptFailure& failure, const RetrySettings& retry,
                                                bool fallbackToPostal, const QDateTime& now)
{
    Db& db = *m_db;
    return db.transaction([&]() -> Result<DeliveryState> {
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
        Db::Stmt s(db.handle, "UPDATE deliveries SET state = ?, next_attempt_at = ?, last_error = ?, "
                              "last_error_code = ?, permanent = ?, updated_at = ? WHERE id = ?");
        s.bind(1, stateName(next))
            .bind(2, due)
            .bind(3, message)
            .bind(4, failure.code)
            .bind(5, static_cast<qint64>(failure.permanent ? 1 : 0))
            .bind(6, isoUtc(now))
            .bind(7, id);
        if (s.step() != SQLITE_DONE) {
            return db.error("mark failed");
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
    Db& db = *m_db;
    Db::Stmt s(db.handle, "UPDATE deliveries SET last_error = ?, last_error_code = ?, updated_at = ? WHERE id = ?");
    s.bind(1, userMessage).bind(2, code).bind(3, isoUtc(QDateTime::currentDateTimeUtc())).bind(4, id);
    if (s.step() != SQLITE_DONE) {
        return db.error("note unavailable");
    }
    return {};
}

Result<void> Outbox::release(qint64 id, const QString& code, const QString& userMessage)
{
    Db& db = *m_db;
    Db::Stmt s(db.handle, "UPDATE deliveries SET state = 'queued', attempts = MAX(attempts - 1, 0), last_error = ?, "
                          "last_error_code = ?, updated_at = ? WHERE id = ? AND state = 'sending'");
    s.bind(1, userMessage).bind(2, code).bind(3, isoUtc(QDateTime::currentDateTimeUtc())).bind(4, id);
    if (s.step() != SQLITE_DONE) {
        return db.error("release");
    }
    return {};
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
    Db& db = *m_db;
    return db.transaction([&]() -> Result<void> {
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
        Db::Stmt s(db.handle, "UPDATE deliveries SET state = 'queued', attempts = 0, next_attempt_at = ?, "
                              "permanent = 0, updated_at = ? WHERE id = ?");
        s.bind(1, now.toSecsSinceEpoch()).bind(2, isoUtc(now)).bind(3, id);
        if (s.step() != SQLITE_DONE) {
            return db.error("retry");
        }
        return {};
    });
}

Result<int> Outbox::retryAllFailed(const QDateTime& now)
{
    Db& db = *m_db;
    Db::Stmt s(db.handle, "UPDATE deliveries SET state = 'queued', attempts = 0, next_attempt_at = ?, permanent = 0, "
                          "updated_at = ? WHERE state = 'failed' OR state = 'queued'");
    s.bind(1, now.toSecsSinceEpoch()).bind(2, isoUtc(now));
    if (s.step() != SQLITE_DONE) {
        return db.error("retry all");
    }
    return sqlite3_changes(db.handle);
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
    Db& db = *m_db;
    return db.transaction([&]() -> Result<qint64> {
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
        const qint64 before = sqlite3_total_changes(db.handle);
        if (auto queued = queuePostalFallback(d, now); !queued) {
            return tl::unexpected(queued.error());
        }
        if (sqlite3_total_changes(db.handle) == before) {
            return refuse(QStringLiteral("un courrier postal est déjà prévu"), "postal row exists");
        }
        return static_cast<qint64>(sqlite3_last_insert_rowid(db.handle));
    });
}

Result<void> Outbox::cancel(qint64 id, const QDateTime& now)
{
    Db& db = *m_db;
    return db.transaction([&]() -> Result<void> {
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
        Db::Stmt s(db.handle, "UPDATE deliveries SET state = 'cancelled', updated_at = ? WHERE id = ?");
        s.bind(1, isoUtc(now)).bind(2, id);
        if (s.step() != SQLITE_DONE) {
            return db.error("cancel");
        }
        return {};
    });
}

Result<QList<Delivery>> Outbox::list(std::optional<DeliveryState> state) const
{
    Db& db = *m_db;
    QString sql = QStringLiteral("SELECT %1 FROM deliveries d JOIN documents doc ON doc.id = d.document_id")
                      .arg(QLatin1String(DeliveryColumns));
    if (state) {
        sql += QStringLiteral(" WHERE d.state = ?");
    }
    sql += QStringLiteral(" ORDER BY d.id");
    const QByteArray utf8 = sql.toUtf8();
    Db::Stmt s(db.handle, utf8.constData());
    if (state) {
        s.bind(1, stateName(*state));
    }
    QList<Delivery> rows;
    int rc = 0;
    while ((rc = s.step()) == SQLITE_ROW) {
        rows.append(readDelivery(s));
    }
    if (rc != SQLITE_DONE) {
        return db.error("list");
    }
    return rows;
}

Result<QList<Delivery>> Outbox::dueRows(const QList<Channel>& channels, const QDateTime& now) const
{
    Db& db = *m_db;
    const QByteArray sql = QStringLiteral("SELECT %1 FROM deliveries d JOIN documents doc ON doc.id = d.document_id "
                                          "WHERE d.state = 'queued' AND d.next_attempt_at <= ? AND d.channel IN (%2) "
                                          "ORDER BY d.id")
                               .arg(QLatin1String(DeliveryColumns), channelList(channels))
                               .toUtf8();
    Db::Stmt s(db.handle, sql.constData());
    s.bind(1, now.toSecsSinceEpoch());
    QList<Delivery> rows;
    int rc = 0;
    while ((rc = s.step()) == SQLITE_ROW) {
        rows.append(readDelivery(s));
    }
    if (rc != SQLITE_DONE) {
        return db.error("due rows");
    }
    return rows;
}

Result<std::optional<Delivery>> Outbox::find(qint64 id) const
{
    Db& db = *m_db;
    const QByteArray sql = QStringLiteral("SELECT %1 FROM deliveries d JOIN documents doc ON doc.id = d.document_id "
                                          "WHERE d.id = ?")
                               .arg(QLatin1String(DeliveryColumns))
                               .toUtf8();
    Db::Stmt s(db.handle, sql.constData());
    s.bind(1, id);
    const int rc = s.step();
    if (rc == SQLITE_DONE) {
        return std::optional<Delivery>();
    }
    if (rc != SQLITE_ROW) {
        return db.error("find");
    }
    return std::optional<Delivery>(readDelivery(s));
}

Result<StoredDocument> Outbox::document(qint64 documentId) const
{
    Db& db = *m_db;
    Db::Stmt s(db.handle, "SELECT id, unique_id, title, file_name, pdf, xdm, code_cda, qualified_ins, subject, body, "
                          "sha256, input_json FROM documents WHERE id = ?");
    s.bind(1, documentId);
    const int rc = s.step();
    if (rc == SQLITE_DONE) {
        return makeError(ErrorCode::NotFound, QStringLiteral("document introuvable dans la file d'envoi"),
                         QStringLiteral("no document"));
    }
    if (rc != SQLITE_ROW) {
        return db.error("document");
    }
    StoredDocument d;
    d.id = s.integer(0);
    d.uniqueId = s.text(1);
    d.title = s.text(2);
    d.fileName = s.text(3);
    d.pdf = s.blob(4);
    d.xdmZip = s.blob(5);
    d.codeCda = s.text(6);
    d.qualifiedIns = s.integer(7) != 0;
    d.subject = s.text(8);
    d.body = s.text(9);
    d.sha256 = s.text(10);
    d.input = s.text(11).toUtf8();
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
    Db& db = *m_db;
    return db.transaction([&]() -> Result<bool> {
        Db::Stmt s(db.handle,
                   "UPDATE deliveries SET tracking = ?, tracking_detail = ?, updated_at = ? WHERE message_id = ?");
        s.bind(1, status).bind(2, detail).bind(3, isoUtc(now)).bind(4, messageId);
        if (s.step() != SQLITE_DONE) {
            return db.error("tracking");
        }
        if (sqlite3_changes(db.handle) == 0) {
            return false;
        }
        if (status != QLatin1String("bounced")) {
            return true;
        }
        // A bounce (DSN "failed") is a failure for good learnt after the fact: the row fails, and the
        // letter goes by post when the row knows an address, as for a 5xx at sending time.
        Db::Stmt q(db.handle, "SELECT id FROM deliveries WHERE message_id = ? AND state = 'sent'");
        q.bind(1, messageId);
        if (q.step() != SQLITE_ROW) {
            return true;
        }
        auto found = find(q.integer(0));
        if (!found || !*found) {
            return found ? Result<bool>(true) : tl::unexpected(found.error());
        }
        Db::Stmt fail(db.handle, "UPDATE deliveries SET state = 'failed', permanent = 1, last_error = ?, "
                                 "last_error_code = 'dsn-bounced', updated_at = ? WHERE id = ?");
        fail.bind(1, QStringLiteral("non distribué (avis de non-remise) : %1").arg(detail))
            .bind(2, isoUtc(now))
            .bind(3, (*found)->id);
        if (fail.step() != SQLITE_DONE) {
            return db.error("bounce");
        }
        if (fallbackToPostal) {
            if (auto queued = queuePostalFallback(**found, now); !queued) {
                return tl::unexpected(queued.error());
            }
        }
        return true;
    });
}

Result<QString> Outbox::metaValue(const QString& key) const
{
    Db& db = *m_db;
    Db::Stmt s(db.handle, "SELECT value FROM meta WHERE key = ?");
    s.bind(1, key);
    const int rc = s.step();
    if (rc == SQLITE_ROW) {
        return s.text(0);
    }
    if (rc != SQLITE_DONE) {
        return db.error("meta");
    }
    return QString();
}

Result<void> Outbox::setMetaValue(const QString& key, const QString& value)
{
    Db& db = *m_db;
    Db::Stmt s(db.handle,
               "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    s.bind(1, key).bind(2, value);
    if (s.step() != SQLITE_DONE) {
        return db.error("set meta");
    }
    return {};
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
