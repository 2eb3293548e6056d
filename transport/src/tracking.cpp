#include "missive/transport/tracking.h"

#include "c_handles.h"
#include "missive/transport/client_certificate.h"
#include "missive/transport/mime_reader.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUrl>
#include <curl/curl.h>
#include <memory>
#include <openssl/crypto.h>

Q_LOGGING_CATEGORY(lcTracking, "missive.transport.tracking", QtWarningMsg)

namespace missive::transport
{
namespace
{

QByteArray field(const QList<MimeHeader>& fields, const QByteArray& name)
{
    for (const auto& f : fields) {
        if (f.name.compare(name, Qt::CaseInsensitive) == 0) {
            return f.value;
        }
    }
    return {};
}

// The Message-ID of the original message quoted in a report (text/rfc822-headers or message/rfc822).
QString quotedMessageId(const MimePart& root)
{
    for (const MimePart* leaf : root.leaves()) {
        const QByteArray type = leaf->mimeType();
        if (type == "text/rfc822-headers" || type == "message/rfc822" || type == "message/rfc822-headers") {
            const QByteArray id =
                field(parseHeaderBlock(leaf->body.left(leaf->body.indexOf("\n\n") < 0 ? leaf->body.size()
                                                                                      : leaf->body.indexOf("\n\n"))),
                      "Message-ID");
            if (!id.isEmpty()) {
                return bareMessageId(id);
            }
        }
    }
    return {};
}

size_t appendTo(char* data, size_t size, size_t count, void* target)
{
    static_cast<QByteArray*>(target)->append(data, static_cast<qsizetype>(size * count));
    return size * count;
}

} // namespace

QString mssanteErrorLabel(int code)
{
    switch (code) {
    case 900:
        return QStringLiteral("version non supportée");
    case 901:
        return QStringLiteral("auteur non autorisé");
    case 902:
        return QStringLiteral("patient inconnu");
    case 903:
        return QStringLiteral("INS absent");
    case 904:
        return QStringLiteral("INS différent de celui enregistré");
    case 905:
        return QStringLiteral("INS incomplet");
    case 906:
        return QStringLiteral("autre erreur d'intégration");
    default:
        return {};
    }
}

std::optional<TrackingEvent> parseReport(const QByteArray& rawMessage)
{
    const MimePart root = parseMime(rawMessage);
    for (const MimePart* leaf : root.leaves()) {
        const QByteArray type = leaf->mimeType();
        if (type == "message/disposition-notification") {
            const auto fields = parseHeaderBlock(leaf->body);
            TrackingEvent event;
            event.originalMessageId = bareMessageId(field(fields, "Original-Message-ID"));
            if (event.originalMessageId.isEmpty()) {
                event.originalMessageId = quotedMessageId(root);
            }
            const QByteArray disposition = field(fields, "Disposition");
            // "automatic-action/MDN-sent-automatically; processed/Error: 902^Identifiant de patient inconnu^…"
            const QByteArray type2 = disposition.mid(disposition.indexOf(';') + 1).trimmed().toLower();
            static const QRegularExpression errorCode(QStringLiteral("error\\s*:\\s*(\\d{3})"),
                                                      QRegularExpression::CaseInsensitiveOption);
            const auto match = errorCode.match(QString::fromUtf8(disposition));
            if (match.hasMatch()) {
                const int code = match.captured(1).toInt();
                event.status = QStringLiteral("error-%1").arg(code);
                const QString label = mssanteErrorLabel(code);
                event.detail = QStringLiteral("document non intégré par le destinataire : erreur %1%2")
                                   .arg(code)
                                   .arg(label.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(label));
            } else if (type2.startsWith("processed")) {
                event.status = QStringLiteral("processed");
                event.detail = QStringLiteral("document intégré par le destinataire");
            } else if (type2.startsWith("displayed")) {
                event.status = QStringLiteral("displayed");
                event.detail = QStringLiteral("message lu par le destinataire");
            } else if (type2.startsWith("deleted") || type2.startsWith("denied") || type2.startsWith("failed")) {
                event.status = QStringLiteral("refused");
                event.detail =
                    QStringLiteral("accusé de réception négatif (%1)").arg(QString::fromUtf8(type2.left(40)));
            } else {
                event.status = QStringLiteral("acknowledged");
                event.detail = QStringLiteral("accusé de réception reçu");
            }
            if (event.originalMessageId.isEmpty()) {
                return std::nullopt;
            }
            return event;
        }
        if (type == "message/delivery-status") {
            // Per-message fields, a blank line, then one block per recipient.
            const auto fields = parseHeaderBlock(leaf->body.mid(leaf->body.indexOf("\n\n") + 2));
            const QByteArray action = field(fields, "Action").trimmed().toLower();
            const QByteArray status = field(fields, "Status").trimmed();
            TrackingEvent event;
            event.originalMessageId = quotedMessageId(root);
            if (event.originalMessageId.isEmpty()) {
                return std::nullopt;
            }
            if (action == "delivered" || action == "relayed" || action == "expanded") {
                event.status = QStringLiteral("delivered");
                event.detail = QStringLiteral("remis au serveur du destinataire");
            } else if (action == "delayed") {
                event.status = QStringLiteral("delayed");
                event.detail = QStringLiteral("remise retardée (statut %1)").arg(QString::fromLatin1(status));
            } else {
                event.status = QStringLiteral("bounced");
                event.detail = QStringLiteral("non remis : rejeté par le serveur du destinataire (statut %1)")
                                   .arg(QString::fromLatin1(status));
            }
            return event;
        }
    }
    // MSSanté integration error sent as a plain mail: "[KO Intégration système !][902] …" or
    // "[Erreur d'intégration !][902] …", the original attached as message/rfc822.
    const QString subject = QString::fromUtf8(root.header("Subject"));
    static const QRegularExpression koSubject(QStringLiteral("^\\[[^\\]]*\\]\\[(9\\d\\d)\\]"));
    const auto ko = koSubject.match(subject);
    if (ko.hasMatch()) {
        TrackingEvent event;
        event.originalMessageId = quotedMessageId(root);
        if (event.originalMessageId.isEmpty()) {
            event.originalMessageId = bareMessageId(root.header("In-Reply-To"));
        }
        if (event.originalMessageId.isEmpty()) {
            return std::nullopt;
        }
        const int code = ko.captured(1).toInt();
        event.status = QStringLiteral("error-%1").arg(code);
        event.detail = QStringLiteral("document non intégré par le destinataire : erreur %1 (%2)")
                           .arg(code)
                           .arg(mssanteErrorLabel(code));
        return event;
    }
    return std::nullopt;
}

Result<TrackingSummary> fetchTracking(const Settings& settings, Outbox& outbox)
{
    const ImapSettings& imap = settings.imap;
    if (!imap.isConfigured()) {
        return makeError(ErrorCode::Unavailable, QStringLiteral("suivi IMAP non configuré (section [imap])"),
                         QStringLiteral("imap not configured"));
    }
    std::optional<ClientCertificate> certificate;
    if (!settings.mssante.certificate.pkcs12Path.isEmpty()) {
        auto loaded = ClientCertificate::load(settings.mssante.certificate);
        if (!loaded) {
            return tl::unexpected(loaded.error());
        }
        certificate = std::move(*loaded);
    }
    QByteArray password;
    if (imap.password.isSet()) {
        auto secret = readSecret(imap.password);
        if (!secret) {
            return tl::unexpected(secret.error());
        }
        password = *secret;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    detail::CurlEasy curl(curl_easy_init());
    if (!curl) {
        return makeError(ErrorCode::Io, QStringLiteral("libcurl indisponible"), QStringLiteral("curl_easy_init"));
    }
    const QByteArray caBundle = imap.caBundle.toLocal8Bit();
    const QByteArray user = imap.user.toUtf8();
    curl_blob cert{};
    curl_blob key{};
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "imap,imaps");
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_CAINFO, caBundle.constData());
    curl_easy_setopt(c, CURLOPT_CAPATH, nullptr);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(settings.mssante.timeout.count()));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_USERNAME, user.constData());
    if (!password.isEmpty()) {
        curl_easy_setopt(c, CURLOPT_PASSWORD, password.constData());
    }
    if (certificate) {
        cert = curl_blob{const_cast<char*>(certificate->certificateChainPem().constData()),
                         static_cast<size_t>(certificate->certificateChainPem().size()), CURL_BLOB_NOCOPY};
        key = curl_blob{const_cast<char*>(certificate->privateKeyPem().constData()),
                        static_cast<size_t>(certificate->privateKeyPem().size()), CURL_BLOB_NOCOPY};
        curl_easy_setopt(c, CURLOPT_SSLCERTTYPE, "PEM");
        curl_easy_setopt(c, CURLOPT_SSLCERT_BLOB, &cert);
        curl_easy_setopt(c, CURLOPT_SSLKEYTYPE, "PEM");
        curl_easy_setopt(c, CURLOPT_SSLKEY_BLOB, &key);
    }
    QByteArray response;
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, appendTo);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &response);

    const auto perform = [&](const QByteArray& url, const char* request) -> Result<void> {
        response.clear();
        curl_easy_setopt(c, CURLOPT_URL, url.constData());
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request);
        const CURLcode rc = curl_easy_perform(c);
        if (rc != CURLE_OK) {
            return makeError(ErrorCode::ExternalTool,
                             QStringLiteral("lecture des accusés de réception (IMAP) impossible : %1")
                                 .arg(QString::fromLatin1(curl_easy_strerror(rc))),
                             QStringLiteral("imap curl %1").arg(static_cast<int>(rc)));
        }
        return {};
    };

    QString mailboxUrl = imap.url.toString(QUrl::FullyEncoded);
    if (imap.url.path().isEmpty() || imap.url.path() == QLatin1String("/")) {
        mailboxUrl = imap.url.resolved(QUrl(QStringLiteral("/INBOX"))).toString(QUrl::FullyEncoded);
    }
    // UIDs only mean something within one UIDVALIDITY: if the mailbox was recreated, start over.
    QString mailboxName = QUrl(mailboxUrl).path().mid(1);
    if (mailboxName.isEmpty()) {
        mailboxName = QStringLiteral("INBOX");
    }
    QUrl serverUrl = imap.url;
    serverUrl.setPath(QStringLiteral("/"));
    const QByteArray examine = QStringLiteral("EXAMINE \"%1\"").arg(mailboxName).toUtf8();
    if (auto ok = perform(serverUrl.toString(QUrl::FullyEncoded).toUtf8(), examine.constData()); !ok) {
        OPENSSL_cleanse(password.data(), static_cast<size_t>(password.size()));
        return tl::unexpected(ok.error());
    }
    static const QRegularExpression validityRe(QStringLiteral("\\[UIDVALIDITY (\\d+)\\]"));
    const QString validity = validityRe.match(QString::fromLatin1(response)).captured(1);
    auto knownValidity = outbox.metaValue(QStringLiteral("imap.uidvalidity"));
    auto lastText = outbox.metaValue(QStringLiteral("imap.last_uid"));
    if (!knownValidity || !lastText) {
        return tl::unexpected(!knownValidity ? knownValidity.error() : lastText.error());
    }
    qint64 lastUid = lastText->toLongLong();
    if (*knownValidity != validity) {
        lastUid = 0;
        if (auto saved = outbox.setMetaValue(QStringLiteral("imap.uidvalidity"), validity); !saved) {
            return tl::unexpected(saved.error());
        }
    }
    const QByteArray search = QStringLiteral("UID SEARCH UID %1:*").arg(lastUid + 1).toLatin1();
    if (auto ok = perform(mailboxUrl.toUtf8(), search.constData()); !ok) {
        OPENSSL_cleanse(password.data(), static_cast<size_t>(password.size()));
        return tl::unexpected(ok.error());
    }
    QList<qint64> uids;
    for (const QByteArray& line : response.split('\n')) {
        if (line.startsWith("* SEARCH")) {
            for (const QByteArray& token : line.mid(8).trimmed().split(' ')) {
                const qint64 uid = token.trimmed().toLongLong();
                if (uid > lastUid) { // "n:*" always returns the last message, even if older
                    uids.append(uid);
                }
            }
        }
    }
    std::sort(uids.begin(), uids.end());
    TrackingSummary summary;
    for (const qint64 uid : uids) {
        const QByteArray url = (mailboxUrl + QStringLiteral("/;UID=%1").arg(uid)).toUtf8();
        if (auto ok = perform(url, nullptr); !ok) {
            OPENSSL_cleanse(password.data(), static_cast<size_t>(password.size()));
            return tl::unexpected(ok.error());
        }
        ++summary.fetched;
        if (const auto event = parseReport(response)) {
            auto applied = outbox.setTracking(event->originalMessageId, event->status, event->detail,
                                              QDateTime::currentDateTimeUtc(), settings.postal.fallback);
            if (!applied) {
                return tl::unexpected(applied.error());
            }
            summary.matched += *applied ? 1 : 0;
        }
        if (auto saved = outbox.setMetaValue(QStringLiteral("imap.last_uid"), QString::number(uid)); !saved) {
            return tl::unexpected(saved.error());
        }
    }
    OPENSSL_cleanse(password.data(), static_cast<size_t>(password.size()));
    qCInfo(lcTracking) << "tracking:" << summary.fetched << "fetched," << summary.matched << "matched";
    return summary;
}

} // namespace missive::transport
