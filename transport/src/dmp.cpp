#include "missive/transport/dmp.h"

#include "c_handles.h"
#include "document_facts.h"
#include "soap_mtom.h"
#include "vihf.h"
#include "xds_metadata.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QUrl>
#include <QUuid>
#include <curl/curl.h>
#include <memory>
#include <openssl/crypto.h>
#include <optional>
#include <string>

namespace missive::transport
{

Q_LOGGING_CATEGORY(lcDmp, "missive.transport.dmp", QtInfoMsg)

namespace
{

// Why the repository refused, in the secretary's words (IHE ITI TF-3 4.2.4 error codes).
QString registryReasons(const QStringList& codes)
{
    QStringList reasons;
    for (const QString& code : codes) {
        if (code == QLatin1String("XDSRegistryMetadataError") || code == QLatin1String("XDSRepositoryMetadataError")) {
            reasons += QStringLiteral("les informations jointes au document ne respectent pas les règles du DMP");
        } else if (code == QLatin1String("XDSPatientIdDoesNotMatch")) {
            reasons += QStringLiteral("le document ne concerne pas le patient dont l'INS est indiqué");
        } else if (code == QLatin1String("XDSUnknownPatientId")) {
            reasons += QStringLiteral("l'INS du patient n'est pas reconnu");
        } else if (code == QLatin1String("XDSDuplicateUniqueIdInRegistry")) {
            reasons += QStringLiteral("ce document a déjà été déposé");
        } else if (code == QLatin1String("XDSMissingDocument")) {
            reasons += QStringLiteral("le document manque dans l'envoi");
        } else {
            reasons += QStringLiteral("erreur %1").arg(code);
        }
    }
    reasons.removeDuplicates();
    return reasons.join(QStringLiteral(" ; "));
}

// A Sender fault: the request's own fault, named for the secretary.
QString faultReason(const QString& subcode)
{
    if (subcode.contains(QLatin1String("InvalidSecurityToken"))) {
        return QStringLiteral("Le DMP a refusé l'authentification : l'assertion VIHF est incomplète ou expirée.");
    }
    if (subcode.contains(QLatin1String("Security")) || subcode.contains(QLatin1String("Authentication"))) {
        return QStringLiteral("Le DMP a refusé l'authentification (VIHF ou certificat).");
    }
    if (subcode.startsWith(QLatin1String("wsa:"))) {
        return QStringLiteral("Le DMP a refusé la requête : en-têtes d'adressage (WS-Addressing) incorrects.");
    }
    return QStringLiteral("Le DMP a refusé la requête.");
}

} // namespace

namespace detail
{
namespace
{

size_t collect(char* data, size_t size, size_t count, void* userData)
{
    const size_t bytes = size * count;
    static_cast<QByteArray*>(userData)->append(data, static_cast<qsizetype>(bytes));
    return bytes;
}

DmpFailure failure(FailureKind kind, ErrorCode code, const QString& message, const QString& detail, int httpStatus = 0)
{
    return DmpFailure{Error{code, message, detail}, kind, {}, httpStatus};
}

DmpFailure curlFailure(CURLcode code, const char* errorBuffer)
{
    const QString detail = QStringLiteral("curl %1: %2").arg(int(code)).arg(QString::fromUtf8(errorBuffer));
    switch (code) {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
        return failure(FailureKind::Permanent, ErrorCode::PermissionDenied,
                       QStringLiteral("Le certificat du serveur DMP n'est pas reconnu (autorité de certification)."),
                       detail);
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ENGINE_NOTFOUND:
        return failure(FailureKind::Permanent, ErrorCode::PermissionDenied,
                       QStringLiteral("Le certificat client de la structure est illisible (fichier ou mot de passe)."),
                       detail);
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        return failure(FailureKind::Permanent, ErrorCode::InvalidArgument,
                       QStringLiteral("L'adresse du service DMP est invalide (https obligatoire)."), detail);
    default:
        break;
    }
    // Connection refused, DNS, timeouts, resets, TLS handshake interrupted: try again later.
    return failure(FailureKind::Transient, ErrorCode::Unavailable,
                   QStringLiteral("Le service DMP est injoignable pour le moment ; nouvel essai plus tard."), detail);
}

// The endpoint's checks before any connection: https only, the CA bundle present.
std::optional<DmpFailure> checkEndpoint(const DmpSettings& settings)
{
    const QUrl url(settings.endpointUrl);
    if (!url.isValid() || url.scheme() != QLatin1String("https")) {
        return failure(FailureKind::Permanent, ErrorCode::InvalidArgument,
                       QStringLiteral("L'adresse du service DMP doit commencer par https://."),
                       QStringLiteral("endpoint is not https"));
    }
    if (settings.caBundle.isEmpty() || !QFile::exists(settings.caBundle)) {
        return failure(FailureKind::Permanent, ErrorCode::InvalidArgument,
                       QStringLiteral("Le fichier des autorités de certification du DMP est introuvable."),
                       QStringLiteral("CA bundle missing"));
    }
    return std::nullopt;
}

// TLS to the endpoint: the server verified against the configured CA, the structure's certificate
// presented. libcurl copies the strings; `passphrase` is wiped by the caller.
void connectTo(CURL* handle, const DmpSettings& settings, const std::string& passphrase, char* errorBuffer)
{
    curl_easy_setopt(handle, CURLOPT_URL, settings.endpointUrl.toUtf8().constData());
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(handle, CURLOPT_CAINFO, QFile::encodeName(settings.caBundle).constData());
    curl_easy_setopt(handle, CURLOPT_SSLCERT, QFile::encodeName(settings.clientCertificateP12).constData());
    curl_easy_setopt(handle, CURLOPT_SSLCERTTYPE, "P12");
    curl_easy_setopt(handle, CURLOPT_KEYPASSWD, passphrase.c_str());
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, 15L);
    curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(settings.timeout.count()));
}

} // namespace

Result<int> reachDmp(const DmpSettings& settings)
{
    const auto asError = [](const DmpFailure& f) { return tl::unexpected(f.error); };
    if (const auto refused = checkEndpoint(settings)) {
        return asError(*refused);
    }
    detail::CurlEasy curl(curl_easy_init());
    if (!curl) {
        return makeError(ErrorCode::ExternalTool, QStringLiteral("Impossible d'initialiser la connexion au DMP."),
                         QStringLiteral("curl_easy_init failed"));
    }
    std::string passphrase(settings.passphrase.constData(), static_cast<std::size_t>(settings.passphrase.size()));
    const auto wipe = qScopeGuard([&passphrase] { OPENSSL_cleanse(passphrase.data(), passphrase.size()); });
    char errorBuffer[CURL_ERROR_SIZE] = {};
    connectTo(curl.get(), settings, passphrase, errorBuffer);
    curl_easy_setopt(curl.get(), CURLOPT_NOBODY, 1L); // a HEAD: the answer, whatever its status, is enough
    const CURLcode code = curl_easy_perform(curl.get());
    if (code != CURLE_OK) {
        return asError(curlFailure(code, errorBuffer));
    }
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    return static_cast<int>(status);
}

DmpResult postProvideAndRegister(const MtomRequest& request, const DmpSettings& settings)
{
    if (const auto refused = checkEndpoint(settings)) {
        return tl::unexpected(*refused);
    }
    detail::CurlEasy curl(curl_easy_init());
    if (!curl) {
        return tl::unexpected(failure(FailureKind::Transient, ErrorCode::ExternalTool,
                                      QStringLiteral("Impossible d'initialiser l'envoi vers le DMP."),
                                      QStringLiteral("curl_easy_init failed")));
    }
    std::string passphrase(settings.passphrase.constData(), static_cast<std::size_t>(settings.passphrase.size()));
    const auto wipe = qScopeGuard([&passphrase] { OPENSSL_cleanse(passphrase.data(), passphrase.size()); });

    detail::CurlList headers;
    for (const QByteArray& header : QList<QByteArray>{QByteArray("Content-Type: " + request.contentType),
                                                      QByteArray("MIME-Version: 1.0"), QByteArray("Expect:")}) {
        headers.reset(curl_slist_append(headers.release(), header.constData()));
    }
    QByteArray response;
    char errorBuffer[CURL_ERROR_SIZE] = {};
    CURL* handle = curl.get();
    connectTo(handle, settings, passphrase, errorBuffer);
    curl_easy_setopt(handle, CURLOPT_POST, 1L);
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.constData());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &collect);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &response);

    QElapsedTimer timer;
    timer.start();
    const CURLcode code = curl_easy_perform(handle);
    if (code != CURLE_OK) {
        qCWarning(lcDmp) << "ITI-41 not delivered: curl code" << int(code) << "after" << timer.elapsed() << "ms";
        return tl::unexpected(curlFailure(code, errorBuffer));
    }
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    char* contentType = nullptr;
    curl_easy_getinfo(handle, CURLINFO_CONTENT_TYPE, &contentType);
    const int http = static_cast<int>(status);
    qCInfo(lcDmp) << "ITI-41 answered: HTTP" << http << "after" << timer.elapsed() << "ms";

    const auto reply = parseRegistryReply(QByteArray(contentType ? contentType : ""), response);
    if (!reply) {
        const bool transient = http >= 500 || http == 408 || http == 429 || http == 200;
        return tl::unexpected(failure(transient ? FailureKind::Transient : FailureKind::Permanent,
                                      transient ? ErrorCode::Unavailable : ErrorCode::ExternalTool,
                                      QStringLiteral("Réponse inattendue du service DMP (HTTP %1).").arg(http),
                                      QStringLiteral("no SOAP reply, HTTP %1").arg(http), http));
    }
    if (reply->fault) {
        // SOAP 1.2: a Sender fault is our request's fault (signature, INS…); Receiver is the server's.
        const bool sender = reply->faultCode.endsWith(QLatin1String("Sender"));
        const bool security = reply->faultSubcode.contains(QLatin1String("Security"))
                              || reply->faultSubcode.contains(QLatin1String("Authentication"));
        qCWarning(lcDmp) << "ITI-41 SOAP fault" << reply->faultCode << reply->faultSubcode;
        DmpFailure result =
            failure(sender ? FailureKind::Permanent : FailureKind::Transient,
                    security ? ErrorCode::PermissionDenied
                    : sender ? ErrorCode::InvalidArgument
                             : ErrorCode::Unavailable,
                    sender ? faultReason(reply->faultSubcode)
                           : QStringLiteral("Le DMP est indisponible ; nouvel essai plus tard."),
                    QStringLiteral("SOAP fault %1 %2").arg(reply->faultCode, reply->faultSubcode), http);
        return tl::unexpected(result);
    }
    if (!reply->status.endsWith(QLatin1String(":Success"))) {
        qCWarning(lcDmp) << "ITI-41 refused:" << reply->status << reply->errorCodes;
        DmpFailure result =
            failure(FailureKind::Permanent, ErrorCode::InvalidArgument,
                    QStringLiteral("Le DMP a refusé le document : %1.").arg(registryReasons(reply->errorCodes)),
                    QStringLiteral("registry status %1").arg(reply->status), http);
        result.registryErrorCodes = reply->errorCodes;
        return tl::unexpected(result);
    }
    DmpReceipt receipt;
    receipt.registryStatus = reply->status;
    receipt.httpStatus = http;
    return receipt;
}

} // namespace detail

DmpResult submitToDmp(const DocumentInput& input, const DmpSettings& settings)
{
    const auto refused = [](ErrorCode code, const QString& message, const QString& detail) {
        return tl::unexpected(DmpFailure{Error{code, message, detail}, FailureKind::Permanent, {}, 0});
    };
    if (!input.patient.hasValidIns()) {
        return refused(ErrorCode::InvalidArgument,
                       QStringLiteral("Envoi au DMP impossible : l'INS du patient est absent ou invalide."),
                       QStringLiteral("no valid INS"));
    }
    if (!input.patient.hasStrictTraits()) {
        return refused(ErrorCode::InvalidArgument,
                       QStringLiteral("Envoi au DMP impossible : les traits d'identité de l'INS sont incomplets."),
                       QStringLiteral("INS traits incomplete"));
    }
    auto facts = detail::resolveDocument(input);
    if (!facts) {
        return refused(facts.error().code, facts.error().userMessage, facts.error().detail);
    }
    const QByteArray cda = detail::writeCda(*facts);
    auto vihf = detail::buildSignedVihf(settings, {detail::patientCx(*facts), QDateTime::currentDateTimeUtc()});
    if (!vihf) {
        return refused(vihf.error().code, vihf.error().userMessage, vihf.error().detail);
    }
    const QString contentId = QStringLiteral("doc1.%1@missive.local").arg(QUuid::createUuid().toString(QUuid::Id128));
    const QByteArray envelope = detail::provideAndRegisterEnvelope(*facts, cda, *vihf, settings.endpointUrl, contentId);
    auto result = detail::postProvideAndRegister(detail::mtomPackage(envelope, cda, contentId), settings);
    if (result) {
        result->documentUniqueId = facts->input.documentId;
        result->submissionSetUniqueId = facts->input.submissionSetId;
    }
    return result;
}

} // namespace missive::transport
