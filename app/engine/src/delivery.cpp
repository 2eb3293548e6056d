#include "missive/engine/delivery.h"

#include "missive/directory/names.h"
#include "missive/engine/storage.h"
#include "missive/transport/postal.h"

#include <QCoreApplication>
#include <algorithm>

namespace missive::engine
{

bool rowMatches(const DeliveryRow& row, const QString& text)
{
    const QStringList needles = directory::nameTokens(text);
    const QString haystack = directory::foldName(
        QStringList{row.patient, row.recipient, row.documentTitle, row.service, row.spoolJobId}.join(u' '));
    return std::all_of(needles.begin(), needles.end(), [&](const QString& n) { return haystack.contains(n); });
}

DeliveryNews deliveryNews(const QHash<qint64, DeliveryState>& before, const QDateTime& since,
                          const QList<DeliveryRow>& now)
{
    DeliveryNews news;
    for (const DeliveryRow& row : now) {
        if (row.state != DeliveryState::Sent && row.state != DeliveryState::Failed) {
            continue;
        }
        const auto seen = before.constFind(row.id);
        if (seen != before.cend() ? *seen == row.state : !(since.isValid() && row.createdAt >= since)) {
            continue;
        }
        const QString to =
            row.channel == DeliveryChannel::Dmp      ? QCoreApplication::translate("missive::engine", "DMP du patient")
            : row.channel == DeliveryChannel::Postal ? QCoreApplication::translate("missive::engine", "courrier postal")
            : row.recipient.endsWith(QLatin1String("@patient.mssante.fr"), Qt::CaseInsensitive)
                ? QCoreApplication::translate("missive::engine", "messagerie du patient")
                : row.recipient;
        const QString line = QStringLiteral("« %1 » → %2").arg(row.documentTitle, to);
        (row.state == DeliveryState::Sent ? news.sent : news.failed).append(line);
    }
    return news;
}

Result<QString> testConnection(const transport::Settings& settings, DeliveryChannel channel)
{
    return transport::testChannel(settings, channel);
}

QStringList postalPrinters()
{
    return transport::cupsQueues();
}

Result<Delivery> Delivery::open(const transport::Settings& settings)
{
    return open(settings, {});
}

Result<Delivery> Delivery::open(const transport::Settings& settings, const QString& outboxPath)
{
    // The one given, else IT's [outbox] path, else the group's shared base ([storage] url), else
    // the user's own file.
    const QString path = !outboxPath.isEmpty()             ? outboxPath
                         : !settings.outboxPath.isEmpty()  ? settings.outboxPath
                         : settings.storage.isConfigured() ? settings.storage.url
                                                           : transport::Outbox::defaultPath();
    auto password = storagePassword(settings, path);
    if (!password) {
        return tl::unexpected(password.error());
    }
    auto outbox = transport::Outbox::open(path, *password);
    if (!outbox) {
        return tl::unexpected(outbox.error());
    }
    return Delivery(settings, std::move(*outbox));
}

Delivery::Delivery(transport::Settings settings, std::unique_ptr<transport::Outbox> outbox)
    : m_settings(std::move(settings))
    , m_outbox(std::move(outbox))
{
}

const QString& Delivery::path() const
{
    return m_outbox->path();
}

const transport::Settings& Delivery::settings() const
{
    return m_settings;
}

transport::Outbox& Delivery::outbox()
{
    return *m_outbox;
}

Result<QueuedLetter> Delivery::queue(const PreparedDocument& prepared, const QString& fileName,
                                     const Confirmation& confirmation, directory::Directory* directory)
{
    return queueLetter(prepared, fileName, confirmation, *m_outbox, m_settings, directory);
}

Result<QList<DeliveryRow>> Delivery::list(std::optional<DeliveryState> state) const
{
    return m_outbox->list(state);
}

Result<std::optional<DeliveryRow>> Delivery::find(qint64 id) const
{
    return m_outbox->find(id);
}

Result<RunSummary> Delivery::run()
{
    transport::Dispatcher dispatcher(m_settings, *m_outbox);
    return dispatcher.run();
}

Result<TrackingSummary> Delivery::track()
{
    return transport::fetchTracking(m_settings, *m_outbox);
}

Result<RunSummary> Delivery::runPeriodic(std::optional<QDateTime>& lastTracking, std::chrono::seconds trackingInterval)
{
    auto ran = run();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_settings.imap.isConfigured()
        && (!lastTracking || lastTracking->secsTo(now) >= static_cast<qint64>(trackingInterval.count()))) {
        lastTracking = now;
        (void)track(); // a failure shows at the next reading; the sendings are not affected
    }
    return ran;
}

Result<void> Delivery::retry(qint64 id)
{
    return m_outbox->retry(id, QDateTime::currentDateTimeUtc());
}

Result<int> Delivery::retryAllFailed()
{
    return m_outbox->retryAllFailed(QDateTime::currentDateTimeUtc());
}

Result<void> Delivery::cancel(qint64 id)
{
    return m_outbox->cancel(id, QDateTime::currentDateTimeUtc());
}

Result<void> Delivery::checkSendByPost(qint64 id) const
{
    auto row = m_outbox->find(id);
    if (!row) {
        return tl::unexpected(row.error());
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("Envoi %1 introuvable.").arg(id),
                         QStringLiteral("no such delivery"));
    }
    return transport::Outbox::checkSendByPost(**row);
}

Result<qint64> Delivery::sendByPost(qint64 id, const QString& postalAddress)
{
    return m_outbox->sendByPost(id, postalAddress, QDateTime::currentDateTimeUtc());
}

} // namespace missive::engine
