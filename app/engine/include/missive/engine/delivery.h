#pragma once
// What becomes of queued letters, the one way for the CLI and the app: the outbox (durable rows,
// one per recipient and channel), the delivery runs through the channels (MSSanté, DMP, post), the
// delivery receipts, and the secretary's actions on a row (retry, cancel, send by post). One
// Delivery per thread: each holds its own connection to the outbox.

#include "missive/core/result.h"
#include "missive/engine/letter_queue.h"
#include "missive/settings/settings.h"
#include "missive/transport/dispatcher.h"
#include "missive/transport/outbox.h"
#include "missive/transport/tracking.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <memory>
#include <optional>

namespace missive::engine
{

// The outbox's rows and figures, as the CLI and the app show them.
using DeliveryRow = transport::Delivery;
using DeliveryState = transport::DeliveryState;
using DeliveryChannel = transport::Channel;
using RunSummary = transport::RunSummary;
using TrackingSummary = transport::TrackingSummary;
using transport::channelFromName;
using transport::channelName;
using transport::stateFromName;
using transport::stateLabel;

// Whether Historique's search `text` finds `row`: every word of it in the patient, recipient,
// document title, service or print job id, accents, case and word order aside ("lefevre pierre"
// finds "LEFÈVRE Pierre"). An empty search finds every row.
[[nodiscard]] bool rowMatches(const DeliveryRow& row, const QString& text);

// What changed since the secretary last looked, for a notification: sendings that went out and
// sendings that failed, each as "« title » → recipient" in French, without patient data (the DMP
// and the patient's mailbox are named as such, never by the INS). A row counts when its state is
// sent or failed and was another at the last look (`before`), or, not seen then, when it was
// queued after `since` (the rows of earlier sessions say nothing).
struct DeliveryNews
{
    QStringList sent;
    QStringList failed;
};
[[nodiscard]] DeliveryNews deliveryNews(const QHash<qint64, DeliveryState>& before, const QDateTime& since,
                                        const QList<DeliveryRow>& now);

// "Tester la connexion" in Paramètres: reaches one channel with `settings` as they stand (typed
// and not saved yet), sends nothing (transport::testChannel). Ok: what answered, in French.
[[nodiscard]] Result<QString> testConnection(const transport::Settings& settings, DeliveryChannel channel);
// The printers (CUPS queues) the postal letters can go to, for Paramètres' list.
[[nodiscard]] QStringList postalPrinters();

class Delivery
{
public:
    // The outbox of `settings` (its [outbox] path, else the user's default), opened or created.
    [[nodiscard]] static Result<Delivery> open(const transport::Settings& settings);
    // The outbox at `outboxPath` (empty: as open(settings)).
    [[nodiscard]] static Result<Delivery> open(const transport::Settings& settings, const QString& outboxPath);

    [[nodiscard]] const QString& path() const;
    [[nodiscard]] const transport::Settings& settings() const;

    // A letter given as a file (not printed): queued as confirmed (see queueLetter()).
    [[nodiscard]] Result<QueuedLetter> queue(const PreparedDocument& prepared, const QString& fileName,
                                             const Confirmation& confirmation, directory::Directory* directory);

    [[nodiscard]] Result<QList<DeliveryRow>> list(std::optional<DeliveryState> state = std::nullopt) const;
    [[nodiscard]] Result<std::optional<DeliveryRow>> find(qint64 id) const;

    // Sends what is due now (rows interrupted by a crash recovered first).
    [[nodiscard]] Result<RunSummary> run();
    // Reads the delivery receipts (DSN, MDN) in the sender's mailbox.
    [[nodiscard]] Result<TrackingSummary> track();
    // What a long-lived client does periodically: run(), and track() when the mailbox is
    // configured and the last reading is `trackingInterval` old (receipts are not polled at every
    // retry). A tracking failure (server down) does not fail the run; it shows at the next one.
    [[nodiscard]] Result<RunSummary> runPeriodic(std::optional<QDateTime>& lastTracking,
                                                 std::chrono::seconds trackingInterval = std::chrono::minutes(5));

    [[nodiscard]] Result<void> retry(qint64 id);
    [[nodiscard]] Result<int> retryAllFailed();
    [[nodiscard]] Result<void> cancel(qint64 id);
    // Whether row `id` may be sent by post instead (Ok) or why not (French).
    [[nodiscard]] Result<void> checkSendByPost(qint64 id) const;
    // Sends row `id` by post to `postalAddress` ('\n' between lines): the new row's id.
    [[nodiscard]] Result<qint64> sendByPost(qint64 id, const QString& postalAddress);

    // The outbox itself, for Intake::queue() and the Dispatcher's tests.
    [[nodiscard]] transport::Outbox& outbox();

private:
    Delivery(transport::Settings settings, std::unique_ptr<transport::Outbox> outbox);

    transport::Settings m_settings;
    std::unique_ptr<transport::Outbox> m_outbox;
};

} // namespace missive::engine
