#pragma once
// A client certificate loaded from its PKCS#12 file with OpenSSL, checked (passphrase, dates),
// and kept in memory as PEM for libcurl (CURLOPT_SSLCERT_BLOB / CURLOPT_SSLKEY_BLOB).

#include "missive/core/result.h"
#include "missive/transport/settings.h"

#include <QByteArray>
#include <QDateTime>

namespace missive::transport
{

class ClientCertificate
{
public:
    ClientCertificate() = default;
    ~ClientCertificate();
    ClientCertificate(ClientCertificate&& other) noexcept;
    ClientCertificate& operator=(ClientCertificate&& other) noexcept;
    ClientCertificate(const ClientCertificate&) = delete;
    ClientCertificate& operator=(const ClientCertificate&) = delete;

    // Reads the PKCS#12 file (owner-only mode required) and its passphrase from its source.
    [[nodiscard]] static Result<ClientCertificate> load(const ClientCertificateSettings& settings);
    [[nodiscard]] static Result<ClientCertificate> fromPkcs12(const QByteArray& pkcs12, const QByteArray& passphrase);

    [[nodiscard]] const QByteArray& certificateChainPem() const; // leaf first, then the chain
    [[nodiscard]] const QByteArray& privateKeyPem() const;
    [[nodiscard]] QDateTime notBefore() const;
    [[nodiscard]] QDateTime notAfter() const;
    [[nodiscard]] QString subject() const; // an organisation's certificate: not patient data

private:
    QByteArray m_chainPem;
    QByteArray m_keyPem; // wiped (OPENSSL_cleanse) on destruction
    QDateTime m_notBefore;
    QDateTime m_notAfter;
    QString m_subject;
};

} // namespace missive::transport
