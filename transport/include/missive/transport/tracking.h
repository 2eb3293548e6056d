#pragma once
// Delivery tracking: DSN bounces (RFC 3464) and MDN acknowledgements (RFC 8098, MSSanté codes
// 900–906, DIGEST §3.2) read back over IMAP (libcurl, TLS verified) and matched on the original
// Message-ID.

#include "missive/core/result.h"
#include "missive/transport/outbox.h"
#include "missive/transport/settings.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace missive::transport
{

struct TrackingEvent
{
    QString originalMessageId; // without angle brackets
    QString status;            // "delivered", "delayed", "bounced", "processed", "displayed", "error-902"…
    QString detail;            // French, for `missive outbox list`
};

// French label of an MSSanté integration error code (900–906), empty when unknown.
[[nodiscard]] QString mssanteErrorLabel(int code);
// Reads one received message; nullopt when it is not a report about a message we sent.
[[nodiscard]] std::optional<TrackingEvent> parseReport(const QByteArray& rawMessage);

struct TrackingSummary
{
    int fetched = 0; // messages read from the mailbox
    int matched = 0; // reports applied to an outbox row
};

// Fetches the messages newer than the last UID seen (kept in the outbox) and applies the reports.
[[nodiscard]] Result<TrackingSummary> fetchTracking(const Settings& settings, Outbox& outbox);

} // namespace missive::transport
