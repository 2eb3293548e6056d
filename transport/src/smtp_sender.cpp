#include "missive/transport/smtp_sender.h"

#include "c_handles.h"

#include <QLoggingCategory>
#include <QUrl>
#include <curl/curl.h>
#include <functional>
#include <mutex>

Q_LOGGING_CATEGORY(lcSmtp, "missive.transport.smtp", QtWarningMsg)

namespace missive::transport
{
namespace
{

using SlistPtr = detail::CurlList;
using MimePtr = detail::CurlMime;

void globalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

SlistPtr makeList(const QList<QByteArray>& items)
{
    curl_slist* list = nullptr;
    for (const auto& item : items) {
        curl_slist* next = curl_slist_append(list, item.constData());
        if (next == nullptr) {
            curl_slist_free_all(list);
            return nullptr;
        }
        list = next;
    }
    return SlistPtr(list);
}

bool isAuthenticationReply(int code)
{
    return code == 530 || code == 534 || code == 535 || code == 538;
}

// Tells, once, that the upload is complete: curl then sends the end-of-data mark and the server
// answers 250 or refuses. Progress is reported with the total once the MIME size is known.
struct HandOver
{
    const std::function<bool()>& notify;
    bool done = false;

    // Non-zero aborts the transfer: a hand-over that could not be recorded is not made.
    static int progress(void* self, curl_off_t, curl_off_t, curl_off_t ulTotal, curl_off_t ulNow)
    {
        auto* h = static_cast<HandOver*>(self);
        if (!h->done && ulTotal > 0 && ulNow >= ulTotal) {
            h->done = true;
            return h->notify() ? 0 : 1;
        }
        return 0;
    }
};

} // namespace

struct SmtpSender::Curl
{
    detail::CurlEasy easy;
    char errorBuffer[CURL_ERROR_SIZE] = {};
};

FailureKind classifySmtpFailure(int curlCode, int smtpCode)
{
    if (isAuthenticationReply(smtpCode) || curlCode == CURLE_LOGIN_DENIED || curlCode == CURLE_SSL_CERTPROBLEM
        || curlCode == CURLE_SSL_ENGINE_NOTFOUND || curlCode == CURLE_SSL_CACERT_BADFILE) {
        return FailureKind::Configuration;
    }
    if (smtpCode >= 500 && smtpCode < 600) {
        return FailureKind::Permanent;
    }
    // 4xx replies, refused or dropped connections, timeouts, TLS handshake and verification
    // failures: the message itself is fine, the path to the server is not (yet).
    return FailureKind::Transient;
}

SmtpSender::SmtpSender(MssanteSettings settings, ClientCertificate certificate)
    : m_settings(std::move(settings))
    , m_certificate(std::move(certificate))
    , m_curl(std::make_unique<Curl>())
{
}

SmtpSender::~SmtpSender() = default;

Result<std::unique_ptr<SmtpSender>> SmtpSender::open(const MssanteSettings& settings)
{
    if (!settings.isConfigured()) {
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("MSSanté n'est pas configuré (section [mssante], clé smtp_url)"),
                         QStringLiteral("mssante not configured"));
    }
    const QString scheme = settings.smtpUrl.scheme();
    if (scheme != QLatin1String("smtps") && scheme != QLatin1String("smtp")) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("URL SMTP invalide : smtps:// ou smtp:// attendu"),
                         QStringLiteral("bad smtp scheme"));
    }
    auto certificate = ClientCertificate::load(settings.certificate);
    if (!certificate) {
        return tl::unexpected(certificate.error());
    }
    globalInit();
    std::unique_ptr<SmtpSender> sender(new SmtpSender(settings, std::move(*certificate)));
    sender->m_curl->easy.reset(curl_easy_init());
    if (!sender->m_curl->easy) {
        return makeError(ErrorCode::Io, QStringLiteral("libcurl indisponible"), QStringLiteral("curl_easy_init"));
    }
    return sender;
}

void SmtpSender::resetConnection()
{
    m_curl->easy.reset(curl_easy_init());
}

SendResult SmtpSender::send(const MssanteMessage& message, const std::function<bool()>& handedOver)
{
    CURL* curl = m_curl->easy.get();
    if (curl == nullptr) {
        return tl::unexpected(SendFailure{FailureKind::Configuration, 0, QStringLiteral("libcurl indisponible"),
                                          QStringLiteral("no curl handle")});
    }
    const auto failure = [](FailureKind kind, const QString& fr, const QString& en) {
        return tl::unexpected(SendFailure{kind, 0, fr, en});
    };

    MimePtr mime(curl_mime_init(curl));
    curl_mimepart* body = curl_mime_addpart(mime.get());
    const QByteArray bodyUtf8 = message.body.toUtf8();
    curl_mime_data(body, bodyUtf8.constData(), static_cast<size_t>(bodyUtf8.size()));
    curl_mime_type(body, "text/plain; charset=UTF-8");
    // base64, like the attachments: libcurl then knows the message's size, which the hand-over
    // (the last byte before the end-of-data mark) is told by; quoted-printable's it cannot tell.
    curl_mime_encoder(body, "base64");
    for (const auto& attachment : message.attachments) {
        curl_mimepart* part = curl_mime_addpart(mime.get());
        curl_mime_data(part, attachment.bytes.constData(), static_cast<size_t>(attachment.bytes.size()));
        curl_mime_type(part, attachment.mimeType.toLatin1().constData());
        curl_mime_filename(part, safeAttachmentName(attachment.fileName).toLatin1().constData());
        curl_mime_encoder(part, "base64");
    }

    const SlistPtr headers = makeList(message.headerLines());
    QList<QByteArray> recipientList;
    for (const auto& to : message.to) {
        recipientList.append('<' + sanitizeHeaderValue(to).remove(u' ').toUtf8() + '>');
    }
    const SlistPtr recipients = makeList(recipientList);
    if (!headers || !recipients) {
        return failure(FailureKind::Permanent, QStringLiteral("message sans destinataire"),
                       QStringLiteral("empty header or recipient list"));
    }
    const QByteArray from = '<' + sanitizeHeaderValue(m_settings.sender).remove(u' ').toUtf8() + '>';
    connectTo(curl);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime.get());
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 0L);
    HandOver handOver{handedOver, false};
    if (handedOver) {
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &HandOver::progress);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &handOver);
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    }

    const CURLcode code = curl_easy_perform(curl);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 1L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, nullptr);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, nullptr);
    long reply = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
    // Detach everything this call owns before it goes out of scope; the connection stays cached.
    curl_easy_setopt(curl, CURLOPT_MIMEPOST, nullptr);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, nullptr);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);

    if (code == CURLE_OK) {
        return {};
    }
    return tl::unexpected(failureOf(code, static_cast<int>(reply)));
}

void SmtpSender::connectTo(CURL* curl)
{
    const QByteArray url = m_settings.smtpUrl.toString(QUrl::FullyEncoded).toUtf8();
    const QByteArray caBundle = m_settings.caBundle.toLocal8Bit();
    // The blobs point into m_certificate (NOCOPY); libcurl copies the strings and the blob structs.
    curl_blob cert{const_cast<char*>(m_certificate.certificateChainPem().constData()),
                   static_cast<size_t>(m_certificate.certificateChainPem().size()), CURL_BLOB_NOCOPY};
    curl_blob key{const_cast<char*>(m_certificate.privateKeyPem().constData()),
                  static_cast<size_t>(m_certificate.privateKeyPem().size()), CURL_BLOB_NOCOPY};
    m_curl->errorBuffer[0] = '\0';
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, m_curl->errorBuffer);
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    // TLS is mandatory: implicit for smtps://, STARTTLS or nothing for smtp://.
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    // No CURLOPT_SSLVERSION: Debian's OpenSSL already refuses anything below TLS 1.2, and pinning the
    // minimum made every new connection stall ~45 ms after the TLS 1.3 handshake (bench-sending).
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_CAINFO, caBundle.constData());
    curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);
    curl_easy_setopt(curl, CURLOPT_SSLCERTTYPE, "PEM");
    curl_easy_setopt(curl, CURLOPT_SSLCERT_BLOB, &cert);
    curl_easy_setopt(curl, CURLOPT_SSLKEYTYPE, "PEM");
    curl_easy_setopt(curl, CURLOPT_SSLKEY_BLOB, &key);
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 20L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(m_settings.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
}

SendResult SmtpSender::check()
{
    CURL* curl = m_curl->easy.get();
    if (curl == nullptr) {
        return tl::unexpected(SendFailure{FailureKind::Configuration, 0, QStringLiteral("libcurl indisponible"),
                                          QStringLiteral("no curl handle")});
    }
    connectTo(curl);
    // EHLO, STARTTLS when smtp://, then NOOP: the whole way a message goes, without a message.
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "NOOP");
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    const CURLcode code = curl_easy_perform(curl);
    long reply = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, nullptr);
    curl_easy_setopt(curl, CURLOPT_NOBODY, 0L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    if (code == CURLE_OK) {
        return {};
    }
    return tl::unexpected(failureOf(code, static_cast<int>(reply)));
}

SendFailure SmtpSender::failureOf(int curlCode, int smtpCode) const
{
    const auto code = static_cast<CURLcode>(curlCode);
    const FailureKind kind = classifySmtpFailure(static_cast<int>(code), smtpCode);
    const QString detail = QStringLiteral("curl %1 (%2), smtp %3: %4")
                               .arg(static_cast<int>(code))
                               .arg(QString::fromLatin1(curl_easy_strerror(code)))
                               .arg(smtpCode)
                               .arg(QString::fromLatin1(m_curl->errorBuffer));
    qCInfo(lcSmtp) << "send failed:" << detail;
    QString fr;
    switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
        fr = QStringLiteral("serveur MSSanté injoignable");
        break;
    case CURLE_OPERATION_TIMEDOUT:
        fr = QStringLiteral("le serveur MSSanté ne répond pas (délai dépassé)");
        break;
    case CURLE_PEER_FAILED_VERIFICATION:
        fr = QStringLiteral("certificat du serveur MSSanté non reconnu par l'autorité configurée (ca_bundle)");
        break;
    case CURLE_SSL_CONNECT_ERROR:
        fr = QStringLiteral("échec de la négociation TLS avec le serveur MSSanté (certificat client refusé ?)");
        break;
    case CURLE_ABORTED_BY_CALLBACK:
        fr = QStringLiteral("envoi arrêté avant sa fin : la remise au serveur n'a pas pu être notée dans la file "
                            "d'envoi (le message n'est pas parti, il sera renvoyé)");
        break;
    case CURLE_USE_SSL_FAILED:
        fr = QStringLiteral("le serveur MSSanté ne propose pas STARTTLS : envoi refusé sans chiffrement");
        break;
    default:
        if (smtpCode >= 500) {
            fr = QStringLiteral("refus définitif du serveur MSSanté (code %1)").arg(smtpCode);
        } else if (smtpCode >= 400) {
            fr = QStringLiteral("refus temporaire du serveur MSSanté (code %1)").arg(smtpCode);
        } else {
            fr = QStringLiteral("échec de l'envoi MSSanté (%1)").arg(QString::fromLatin1(curl_easy_strerror(code)));
        }
    }
    if (kind == FailureKind::Configuration && smtpCode != 0) {
        fr = QStringLiteral("authentification refusée par le serveur MSSanté (code %1)").arg(smtpCode);
    }
    return SendFailure{kind, smtpCode, fr, detail};
}

} // namespace missive::transport
