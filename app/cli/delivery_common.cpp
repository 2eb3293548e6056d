#include "delivery_common.h"

#include "missive/engine/storage.h"

#include <QJsonArray>

namespace missive::cli
{

void addConfigOption(QCommandLineParser& parser)
{
    parser.addOption(QCommandLineOption(QStringLiteral("config"), QStringLiteral("fichier de configuration"),
                                        QStringLiteral("FICHIER")));
}

Result<engine::Delivery> openDelivery(const QCommandLineParser& parser)
{
    auto settings = settings::loadSettings(parser.value(QStringLiteral("config")));
    if (!settings) {
        return tl::unexpected(settings.error());
    }
    settings->softwareVersion = QStringLiteral(MISSIVE_VERSION);
    return engine::Delivery::open(*settings);
}

namespace
{

// One line per field whatever the text holds: a title or a server's message may carry line breaks
// or control characters (a crafted title would otherwise forge lines of the listing).
QString oneLine(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        out += (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
                   ? QLatin1Char(' ')
                   : c;
    }
    return out.simplified();
}

} // namespace

Result<std::optional<directory::Directory>> openConfiguredDirectory(const QString& explicitPath, bool required,
                                                                    const transport::Settings& settings)
{
    if (!settings.storage.isConfigured() || engine::directoryLocation(settings, explicitPath) != settings.storage.url) {
        return openDirectory(explicitPath, required);
    }
    auto opened = engine::openDirectory(settings, explicitPath);
    if (!opened) {
        return tl::unexpected(opened.error());
    }
    return std::optional<directory::Directory>(std::move(*opened));
}

void printDelivery(const engine::DeliveryRow& d, Streams& io)
{
    io.out << d.id << "  " << engine::channelName(d.channel) << "  " << oneLine(d.recipient) << "  "
           << engine::stateLabel(d.state);
    if (d.state == engine::DeliveryState::Queued && d.attempts > 0) {
        io.out << " (nouvel essai à " << d.nextAttemptAt.toLocalTime().toString(QStringLiteral("dd/MM HH:mm:ss"))
               << ", " << d.attempts << " essai" << (d.attempts > 1 ? "s" : "") << ")";
    }
    if (d.fallbackOf) {
        io.out << " [repli postal de l'envoi " << *d.fallbackOf << "]";
    }
    if (!d.tracking.isEmpty()) {
        io.out << "  suivi : " << oneLine(d.trackingDetail);
    }
    io.out << "  « " << oneLine(d.documentTitle) << " »";
    if (!d.lastError.isEmpty() && d.state != engine::DeliveryState::Sent) {
        io.out << "\n      " << oneLine(d.lastError);
    }
    io.out << '\n';
}

QJsonObject summaryJson(const engine::RunSummary& s)
{
    return QJsonObject{{QStringLiteral("sent"), s.sent},
                       {QStringLiteral("requeued"), s.requeued},
                       {QStringLiteral("failed"), s.failed},
                       {QStringLiteral("unavailable"), s.unavailable},
                       {QStringLiteral("recovered"), s.recovered},
                       {QStringLiteral("maybe_sent"), s.maybeSent},
                       {QStringLiteral("messages"), QJsonArray::fromStringList(s.messages)}};
}

} // namespace missive::cli
