#pragma once
// Internal: the ITI-41 SOAP 1.2 envelope, its MTOM/XOP packaging, and the registry's reply.

#include "document_facts.h"
#include "missive/transport/dmp.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace missive::transport::detail
{

inline constexpr auto ProvideAndRegisterAction = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";

struct MtomRequest
{
    QByteArray contentType; // multipart/related; type="application/xop+xml"; …
    QByteArray body;
};

// The envelope with the signed VIHF in wsse:Security and the CDA referenced by xop:Include.
[[nodiscard]] QByteArray provideAndRegisterEnvelope(const DocumentFacts& facts, const QByteArray& cda,
                                                    const QByteArray& signedVihf, const QString& to,
                                                    const QString& documentContentId);
[[nodiscard]] MtomRequest mtomPackage(const QByteArray& envelope, const QByteArray& document,
                                      const QString& documentContentId);

struct RegistryReply
{
    bool fault = false;
    QString faultCode;    // env:Sender / env:Receiver
    QString faultSubcode; // e.g. wsse:InvalidSecurity
    QString faultReason;
    QString status; // RegistryResponse@status
    QStringList errorCodes;
};

// Reads a SOAP (optionally MTOM-wrapped) reply; nullopt when it is not one.
[[nodiscard]] std::optional<RegistryReply> parseRegistryReply(const QByteArray& contentType, const QByteArray& body);

// Sends a prepared request: TLS verified against the CA bundle, client certificate from settings.
[[nodiscard]] DmpResult postProvideAndRegister(const MtomRequest& request, const DmpSettings& settings);
// Reaches the endpoint as a submission would (TLS verified, the structure's certificate presented)
// with a HEAD request: its HTTP status, whatever it is. For "Tester la connexion".
[[nodiscard]] Result<int> reachDmp(const DmpSettings& settings);

} // namespace missive::transport::detail
