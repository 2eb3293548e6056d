#pragma once
// The delivery runner: takes due outbox rows one at a time and hands each to its channel driver
// (MSSanté, DMP, postal). One runner per outbox at a time.

#include "missive/core/result.h"
#include "missive/transport/outbox.h"
#include "missive/transport/settings.h"
#include "missive/transport/smtp_sender.h"

#include <QList>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace missive::transport
{

class ChannelDriver
{
public:
    virtual ~ChannelDriver() = default;
    // Delivers one row; the document is the one queued with it. `handedOver` is called once the
    // whole message is on its way to the server, which may accept it from then on (a channel whose
    // retries are harmless need not call it); when it returns false (the hand-over could not be
    // recorded), the message must be abandoned before the server can accept it.
    [[nodiscard]] virtual SendResult deliver(const Delivery& delivery, const StoredDocument& document,
                                             const std::function<bool()>& handedOver) = 0;
};

// Creates a channel's driver when the run first needs it; an error means "channel unavailable"
// (not configured, certificate unreadable…): its rows stay queued with that reason.
using DriverFactory = std::function<Result<std::unique_ptr<ChannelDriver>>()>;

struct RunSummary
{
    int sent = 0;
    int requeued = 0;     // transient failure, will be retried later
    int failed = 0;       // failed for good
    int unavailable = 0;  // channel not usable: left queued
    int recovered = 0;    // "sending" rows found from an interrupted run, requeued
    int maybeSent = 0;    // … and those maybe accepted before the interruption: failed, to check
    QStringList messages; // French, one per problem (no patient data)
};

// "Tester la connexion" of one channel with `settings` as they stand: the MSSanté server (TLS
// verified, STARTTLS, the client certificate presented, NOOP), the DMP service (the same TLS, a
// HEAD request) or the postal CUPS queue (exists, takes jobs). Sends nothing. Ok: what answered,
// in French; the error says what to fix.
[[nodiscard]] Result<QString> testChannel(const Settings& settings, Channel channel);

// Builds the MSSanté message for one row (headers per DIGEST §3.2, PDF and IHE_XDM attached).
[[nodiscard]] MssanteMessage buildMssanteMessage(const MssanteSettings& settings, const Delivery& delivery,
                                                 const StoredDocument& document);

class Dispatcher
{
public:
    Dispatcher(Settings settings, Outbox& outbox);
    // Replaces the factory of a channel (tests, or another DMP client).
    void setDriverFactory(Channel channel, DriverFactory factory);
    // Recovers interrupted rows, then delivers every due row.
    [[nodiscard]] Result<RunSummary> run();

private:
    Settings m_settings;
    Outbox& m_outbox;
    std::map<Channel, DriverFactory> m_factories;
};

} // namespace missive::transport
