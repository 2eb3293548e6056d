#pragma once
// Sends MSSanté messages with libcurl over SMTP with TLS (SMTPS, or STARTTLS required), a client
// certificate, and the server verified against the configured CA bundle. One CURL handle serves a
// whole batch so that the connection (and its TLS session) is reused.

#include "missive/core/result.h"
#include "missive/transport/client_certificate.h"
#include "missive/transport/failure.h"
#include "missive/transport/mssante_message.h"
#include "missive/transport/settings.h"

#include <functional>
#include <memory>

namespace missive::transport
{

struct SendFailure
{
    FailureKind kind = FailureKind::Transient;
    int smtpCode = 0;    // last SMTP reply code, 0 when none
    QString userMessage; // French
    QString detail;      // English, no addresses (a patient mailbox contains the INS)
};

using SendResult = tl::expected<void, SendFailure>;

// Classifies a libcurl result and the server's last reply code.
[[nodiscard]] FailureKind classifySmtpFailure(int curlCode, int smtpCode);

class SmtpSender
{
public:
    // Checks the settings and loads the client certificate; nothing is sent yet.
    [[nodiscard]] static Result<std::unique_ptr<SmtpSender>> open(const MssanteSettings& settings);
    ~SmtpSender();
    SmtpSender(const SmtpSender&) = delete;
    SmtpSender& operator=(const SmtpSender&) = delete;

    // Sends one message to every address in message.to (the outbox sends one recipient per row).
    // `handedOver`, when set, is called once every byte of the message is uploaded, just before
    // the end-of-data mark: from then on the server may accept it. When it returns false the
    // transfer is aborted there, and the server never gets the end of the message.
    [[nodiscard]] SendResult send(const MssanteMessage& message, const std::function<bool()>& handedOver = {});
    // Reaches the server as a send would (TLS verified, STARTTLS for smtp://, the client
    // certificate presented) and says NOOP: "Tester la connexion". Nothing is sent.
    [[nodiscard]] SendResult check();
    // Forgets the connection: the next send opens a new one (used by the benchmark).
    void resetConnection();

private:
    SmtpSender(MssanteSettings settings, ClientCertificate certificate);
    void connectTo(void* curl);
    [[nodiscard]] SendFailure failureOf(int curlCode, int smtpCode) const;
    struct Curl;
    MssanteSettings m_settings;
    ClientCertificate m_certificate;
    std::unique_ptr<Curl> m_curl;
};

} // namespace missive::transport
