#include "delivery_common.h"

#include <QJsonArray>

namespace missive::cli
{

void addConfigOption(QCommandLineParser& parser)
{
    parser.addOption(QCommandLineOption(QStringLiteral("config"), QStringLiteral("fichier de configuration"),
                                        QStringLiteral("FICHIER")));
}

Result<DeliveryContext> openDeliveryContext(const QCommandLineParser& parser)
{
    auto settings = transport::loadSettings(parser.value(QStringLiteral("config")));
    if (!settings) {
        return tl::unexpected(settings.error());
    }
    const QString path = settings->outboxPath.isEmpty() ? transport::Outbox::defaultPath() : settings->outboxPath;
    auto outbox = transport::Outbox::open(path);
    if (!outbox) {
        return tl::unexpected(outbox.error());
    }
    return DeliveryContext{std::move(*settings), std::move(*outbox)};
}

Result<transport::RunSummary> deliverDue(DeliveryContext& context)
{
    transport::Dispatcher dispatcher(context.settings, *context.outbox);
    return dispatcher.run();
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

void printDelivery(const transport::Delivery& d, Streams& io)
{
    io.out << d.id << "  " << transport::channelName(d.channel) << "  " << oneLine(d.recipient) << "  "
           << transport::stateLabel(d.state);
    if (d.state == transport::DeliveryState::Queued && d.attempts > 0) {
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
    if (!d.lastError.isEmpty() && d.state != transport::DeliveryState::Sent) {
        io.out << "\n      " << oneLine(d.lastError);
    }
    io.out << '\n';
}

QJsonObject summaryJson(const transport::RunSummary& s)
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
