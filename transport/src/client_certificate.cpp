#include "missive/transport/client_certificate.h"

#include "c_handles.h"

#include <QFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <unistd.h>

namespace missive::transport
{
namespace
{

void freeCertificates(STACK_OF(X509) * s)
{
    sk_X509_pop_free(s, X509_free);
}

QString opensslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) {
        return QStringLiteral("unknown OpenSSL error");
    }
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}

QByteArray bioBytes(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(size));
}

QDateTime fromAsn1(const ASN1_TIME* time)
{
    struct tm tm
    {
    };
    if (ASN1_TIME_to_tm(time, &tm) != 1) {
        return {};
    }
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), QTime(tm.tm_hour, tm.tm_min, tm.tm_sec),
                     Qt::UTC);
}

} // namespace

ClientCertificate::~ClientCertificate()
{
    if (!m_keyPem.isEmpty()) {
        OPENSSL_cleanse(m_keyPem.data(), static_cast<size_t>(m_keyPem.size()));
    }
}

ClientCertificate::ClientCertificate(ClientCertificate&& other) noexcept
    : m_chainPem(std::move(other.m_chainPem))
    , m_keyPem(std::move(other.m_keyPem))
    , m_notBefore(other.m_notBefore)
    , m_notAfter(other.m_notAfter)
    , m_subject(std::move(other.m_subject))
{
}

ClientCertificate& ClientCertificate::operator=(ClientCertificate&& other) noexcept
{
    if (this != &other) {
        if (!m_keyPem.isEmpty()) {
            OPENSSL_cleanse(m_keyPem.data(), static_cast<size_t>(m_keyPem.size()));
        }
        m_chainPem = std::move(other.m_chainPem);
        m_keyPem = std::move(other.m_keyPem);
        m_notBefore = other.m_notBefore;
        m_notAfter = other.m_notAfter;
        m_subject = std::move(other.m_subject);
    }
    return *this;
}

Result<ClientCertificate> ClientCertificate::load(const ClientCertificateSettings& settings)
{
    if (settings.pkcs12Path.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("aucun certificat client configuré"),
                         QStringLiteral("no client certificate configured"));
    }
    auto bytes = detail::readOwnerOnlyFile(settings.pkcs12Path, QStringLiteral("Le certificat client"));
    if (!bytes) {
        return tl::unexpected(bytes.error());
    }
    auto passphrase = readSecret(settings.passphrase);
    if (!passphrase) {
        return tl::unexpected(passphrase.error());
    }
    auto loaded = fromPkcs12(*bytes, *passphrase);
    OPENSSL_cleanse(passphrase->data(), static_cast<size_t>(passphrase->size()));
    if (!loaded) {
        auto error = loaded.error();
        error.userMessage += QStringLiteral(" (%1)").arg(settings.pkcs12Path);
        return tl::unexpected(error);
    }
    return loaded;
}

Result<ClientCertificate> ClientCertificate::fromPkcs12(const QByteArray& pkcs12, const QByteArray& passphrase)
{
    detail::Bio in(BIO_new_mem_buf(pkcs12.constData(), static_cast<int>(pkcs12.size())));
    detail::Pkcs12 p12(d2i_PKCS12_bio(in.get(), nullptr));
    if (!p12) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("le certificat client n'est pas un fichier PKCS#12"), opensslError());
    }
    EVP_PKEY* rawKey = nullptr;
    X509* rawCert = nullptr;
    STACK_OF(X509)* rawChain = nullptr;
    const QByteArray pass = passphrase; // PKCS12_parse wants a NUL-terminated string
    if (PKCS12_parse(p12.get(), pass.constData(), &rawKey, &rawCert, &rawChain) != 1) {
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("impossible d'ouvrir le certificat client : phrase secrète incorrecte ?"),
                         opensslError());
    }
    detail::EvpKey key(rawKey);
    detail::X509Cert cert(rawCert);
    CHandle<STACK_OF(X509), freeCertificates> chain(rawChain);
    if (!key || !cert) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("le fichier PKCS#12 ne contient pas de certificat et de clé privée"),
                         QStringLiteral("pkcs12 without key or certificate"));
    }
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("la clé privée ne correspond pas au certificat client"), opensslError());
    }

    ClientCertificate out;
    out.m_notBefore = fromAsn1(X509_get0_notBefore(cert.get()));
    out.m_notAfter = fromAsn1(X509_get0_notAfter(cert.get()));
    char subject[512];
    X509_NAME_oneline(X509_get_subject_name(cert.get()), subject, sizeof subject);
    out.m_subject = QString::fromUtf8(subject);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (out.m_notAfter.isValid() && out.m_notAfter < now) {
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("le certificat client a expiré le %1")
                             .arg(out.m_notAfter.toString(QStringLiteral("dd/MM/yyyy"))),
                         QStringLiteral("client certificate expired"));
    }
    if (out.m_notBefore.isValid() && out.m_notBefore > now) {
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("le certificat client n'est valable qu'à partir du %1")
                             .arg(out.m_notBefore.toString(QStringLiteral("dd/MM/yyyy"))),
                         QStringLiteral("client certificate not yet valid"));
    }

    detail::Bio certOut(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(certOut.get(), cert.get());
    for (int i = 0; chain && i < sk_X509_num(chain.get()); ++i) {
        PEM_write_bio_X509(certOut.get(), sk_X509_value(chain.get(), i));
    }
    out.m_chainPem = bioBytes(certOut.get());
    detail::Bio keyOut(BIO_new(BIO_s_secmem()));
    if (PEM_write_bio_PrivateKey(keyOut.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        return makeError(ErrorCode::Io, QStringLiteral("clé privée du certificat client inutilisable"), opensslError());
    }
    out.m_keyPem = bioBytes(keyOut.get());
    return out;
}

const QByteArray& ClientCertificate::certificateChainPem() const
{
    return m_chainPem;
}

const QByteArray& ClientCertificate::privateKeyPem() const
{
    return m_keyPem;
}

QDateTime ClientCertificate::notBefore() const
{
    return m_notBefore;
}

QDateTime ClientCertificate::notAfter() const
{
    return m_notAfter;
}

QString ClientCertificate::subject() const
{
    return m_subject;
}

} // namespace missive::transport
