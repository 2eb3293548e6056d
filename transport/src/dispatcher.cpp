#include "missive/transport/dispatcher.h"

#include "c_handles.h"
#include "missive/transport/dmp.h"
#include "missive/transport/postal.h"
#include "soap_mtom.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcDispatch, "missive.transport.dispatch", QtWarningMsg)

namespace missive::transport
{
namespace
{

class MssanteDriver : public ChannelDriver
{
public:
    MssanteDriver(MssanteSettings settings, std::unique_ptr<SmtpSender> sender)
        : m_settings(std::move(settings))
        , m_sender(std::move(sender))
    {
    }
    SendResult deliver(const Delivery& delivery, const StoredDocument& document,
                       const std::function<bool()>& handedOver) override
    {
        return m_sender->send(buildMssanteMessage(m_settings, delivery, document), handedOver);
    }

private:
    MssanteSettings m_settings;
    std::unique_ptr<SmtpSender> m_sender;
};

class PostalDriver : public ChannelDriver
{
public:
    explicit PostalDriver(PostalSettings settings)
        : m_settings(std::move(settings))
    {
    }
    // Not told when handed over: a resent postal letter is seen on paper, a resent DMP submission
    // is refused by the DMP (same unique ids).
    SendResult deliver(const Delivery& delivery, const StoredDocument& document,
                       const std::function<bool()>& /*handedOver*/) override
    {
        auto address = normaliseAddress(delivery.postalAddress);
        if (!address) {
            return tl::unexpected(
                SendFailure{FailureKind::Permanent, 0, address.error().userMessage, address.error().detail});
        }
        PostalLetter letter;
        letter.address = *address;
        letter.returnAddress = m_settings.returnAddress.split(u'\n', Qt::SkipEmptyParts);
        letter.letterPdf = document.pdf;
        auto pdf = buildPostalPdf(letter);
        if (!pdf) {
            return tl::unexpected(SendFailure{FailureKind::Permanent, 0, pdf.error().userMessage, pdf.error().detail});
        }
        auto job = submitToCups(m_settings.queue, *pdf, QStringLiteral("Missive courrier %1").arg(delivery.id));
        if (!job) {
            // CUPS down or queue stopped: the PDF is rebuilt from the outbox next time.
            return tl::unexpected(SendFailure{FailureKind::Transient, 0, job.error().userMessage, job.error().detail});
        }
        return {};
    }

private:
    PostalSettings m_settings;
};

// ITI-41 to the patient's DMP. The CDA is rebuilt from the facts stored at enqueue (same ids, same
// dates), so a retry after a crash submits the very same document.
class DmpDriver : public ChannelDriver
{
public:
    explicit DmpDriver(DmpSettings settings)
        : m_settings(std::move(settings))
    {
    }
    // Not told when handed over: a resent postal letter is seen on paper, a resent DMP submission
    // is refused by the DMP (same unique ids).
    SendResult deliver(const Delivery& delivery, const StoredDocument& document,
                       const std::function<bool()>& /*handedOver*/) override
    {
        Q_UNUSED(delivery)
        const QJsonObject stored = QJsonDocument::fromJson(document.input).object();
        auto input = stored.isEmpty() ? makeError(ErrorCode::InvalidArgument,
                                                  QStringLiteral("Document sans données d'identité pour le DMP."),
                                                  QStringLiteral("no stored document input"))
                                      : documentInputFromJson(stored, document.pdf);
        if (!input) {
            return tl::unexpected(
                SendFailure{FailureKind::Permanent, 0, input.error().userMessage, input.error().detail});
        }
        auto receipt = submitToDmp(*input, m_settings);
        if (receipt) {
            return {};
        }
        const DmpFailure& failure = receipt.error();
        // Our fixed uniqueId is already registered: an earlier attempt got through before a crash.
        if (failure.registryErrorCodes.contains(QStringLiteral("XDSDuplicateUniqueIdInRegistry"))) {
            return {};
        }
        const FailureKind kind =
            failure.error.code == ErrorCode::PermissionDenied ? FailureKind::Configuration : failure.kind;
        return tl::unexpected(SendFailure{kind, 0, failure.error.userMessage, failure.error.detail});
    }

private:
    DmpSettings m_settings;
};

// The DMP client's settings from [dmp] and [structure], secrets read now (owner-only files).
Result<DmpSettings> dmpSettings(const DmpConfig& config)
{
    if (!config.isConfigured()) {
        return makeError(ErrorCode::Unavailable, QStringLiteral("DMP non configuré (section [dmp], clé endpoint)"),
                         QStringLiteral("dmp not configured"));
    }
    // The structure's certificates are checked like the MSSanté one: a file only its owner can read.
    for (const QString& p12 : {config.certificate.pkcs12Path, config.signingCertificate.pkcs12Path}) {
        if (!p12.isEmpty()) {
            if (auto readable = detail::readOwnerOnlyFile(p12, QStringLiteral("Le certificat DMP")); !readable) {
                return tl::unexpected(readable.error());
            }
        }
    }
    DmpSettings s;
    s.endpointUrl = config.endpoint.toString();
    s.clientCertificateP12 = config.certificate.pkcs12Path;
    s.caBundle = config.caBundle;
    s.signingCertificateP12 = config.signingCertificate.pkcs12Path;
    // An unset source reads as an empty passphrase.
    for (const auto& [source, target] : {std::pair{&config.certificate.passphrase, &s.passphrase},
                                         std::pair{&config.signingCertificate.passphrase, &s.signingPassphrase}}) {
        auto secret = readSecret(*source);
        if (!secret) {
            return tl::unexpected(secret.error());
        }
        *target = *secret;
    }
    s.structureId = config.structureId;
    s.responsibleId = config.responsibleId;
    s.activitySector = config.activitySector;
    s.softwareId = config.softwareId;
    s.homologationId = config.homologationId;
    s.timeout = config.timeout;
    return s;
}

QString failureCode(const SendFailure& failure)
{
    if (failure.smtpCode != 0) {
        return QStringLiteral("smtp-%1").arg(failure.smtpCode);
    }
    switch (failure.kind) {
    case FailureKind::Permanent:
        return QStringLiteral("permanent");
    case FailureKind::Configuration:
        return QStringLiteral("configuration");
    case FailureKind::Transient:
        break;
    }
    return QStringLiteral("transient");
}

} // namespace

Result<QString> testChannel(const Settings& settings, Channel channel)
{
    switch (channel) {
    case Channel::Mssante: {
        auto sender = SmtpSender::open(settings.mssante);
        if (!sender) {
            return tl::unexpected(sender.error());
        }
        if (auto reached = (*sender)->check(); !reached) {
            return makeError(ErrorCode::Unavailable, reached.error().userMessage, reached.error().detail);
        }
        return QStringLiteral("serveur MSSanté joignable (%1) : TLS vérifié, certificat client accepté")
            .arg(settings.mssante.smtpUrl.host());
    }
    case Channel::Dmp: {
        auto client = dmpSettings(settings.dmp);
        if (!client) {
            return tl::unexpected(client.error());
        }
        auto status = detail::reachDmp(*client);
        if (!status) {
            return tl::unexpected(status.error());
        }
        return QStringLiteral("service DMP joignable (%1, HTTP %2) : TLS vérifié, certificat de la structure accepté")
            .arg(settings.dmp.endpoint.host())
            .arg(*status);
    }
    case Channel::Postal:
        return checkCupsQueue(settings.postal.queue);
    }
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("canal inconnu"), QStringLiteral("bad channel"));
}

MssanteMessage buildMssanteMessage(const MssanteSettings& settings, const Delivery& delivery,
                                   const StoredDocument& document)
{
    MssanteMessage m;
    m.from = settings.sender;
    m.to = QStringList{delivery.recipient};
    m.subject = document.subject.isEmpty() ? document.title : document.subject;
    m.body = document.body;
    m.messageId = delivery.messageId;
    m.date = QDateTime::currentDateTimeUtc();
    if (!document.codeCda.isEmpty()) {
        m.codesCda = QStringList{document.codeCda};
    }
    m.qualifiedIns = document.qualifiedIns;
    m.nil = settings.nil;
    if (settings.requestDisposition) {
        m.dispositionNotificationTo = settings.sender;
    }
    m.noReply = delivery.noReply;
    if (!document.xdmZip.isEmpty()) {
        m.attachments.append(
            Attachment{QString::fromLatin1(XdmFileName), QStringLiteral("application/zip"), document.xdmZip});
    }
    m.attachments.append(Attachment{document.fileName, QStringLiteral("application/pdf"), document.pdf});
    return m;
}

Dispatcher::Dispatcher(Settings settings, Outbox& outbox)
    : m_settings(std::move(settings))
    , m_outbox(outbox)
{
    const MssanteSettings mss = m_settings.mssante;
    m_factories[Channel::Mssante] = [mss]() -> Result<std::unique_ptr<ChannelDriver>> {
        auto sender = SmtpSender::open(mss);
        if (!sender) {
            return tl::unexpected(sender.error());
        }
        return std::unique_ptr<ChannelDriver>(new MssanteDriver(mss, std::move(*sender)));
    };
    const PostalSettings postal = m_settings.postal;
    m_factories[Channel::Postal] = [postal]() -> Result<std::unique_ptr<ChannelDriver>> {
        if (!postal.isConfigured()) {
            return makeError(ErrorCode::Unavailable,
                             QStringLiteral("courrier postal non configuré (section [postal], clé queue)"),
                             QStringLiteral("postal not configured"));
        }
        return std::unique_ptr<ChannelDriver>(new PostalDriver(postal));
    };
    const DmpConfig dmp = m_settings.dmp;
    const QString version = m_settings.softwareVersion;
    m_factories[Channel::Dmp] = [dmp, version]() -> Result<std::unique_ptr<ChannelDriver>> {
        auto client = dmpSettings(dmp);
        if (!client) {
            return tl::unexpected(client.error());
        }
        client->softwareVersion = version;
        return std::unique_ptr<ChannelDriver>(new DmpDriver(std::move(*client)));
    };
}

void Dispatcher::setDriverFactory(Channel channel, DriverFactory factory)
{
    m_factories[channel] = std::move(factory);
}

Result<RunSummary> Dispatcher::run()
{
    auto lock = m_outbox.lockRunner();
    if (!lock) {
        return tl::unexpected(lock.error());
    }
    RunSummary summary;
    auto recovered = m_outbox.recoverInterrupted();
    if (!recovered) {
        return tl::unexpected(recovered.error());
    }
    summary.recovered = recovered->requeued;
    summary.maybeSent = static_cast<int>(recovered->maybeSent.size());
    summary.messages += recovered->maybeSent;

    QElapsedTimer timer;
    timer.start();
    std::map<Channel, std::unique_ptr<ChannelDriver>> drivers;
    QList<Channel> usable{Channel::Mssante, Channel::Postal, Channel::Dmp};

    // Opens each channel that has due rows; an unusable channel's rows keep their place in the queue.
    const auto prepare = [&](const QDateTime& now) -> Result<void> {
        auto due = m_outbox.dueRows(usable, now);
        if (!due) {
            return tl::unexpected(due.error());
        }
        for (const auto& row : *due) {
            if (!usable.contains(row.channel) || drivers.count(row.channel) != 0) {
                continue;
            }
            auto driver = m_factories[row.channel]();
            if (driver) {
                drivers[row.channel] = std::move(*driver);
                continue;
            }
            usable.removeAll(row.channel);
            summary.messages.append(driver.error().userMessage);
            for (const auto& other : *due) {
                if (other.channel == row.channel) {
                    if (auto noted = m_outbox.noteUnavailable(other.id, QStringLiteral("not-configured"),
                                                              driver.error().userMessage);
                        !noted) {
                        return tl::unexpected(noted.error());
                    }
                    ++summary.unavailable;
                }
            }
        }
        return {};
    };
    if (auto ready = prepare(QDateTime::currentDateTimeUtc()); !ready) {
        return tl::unexpected(ready.error());
    }

    for (;;) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<Channel> channels;
        for (const auto c : usable) {
            if (drivers.count(c) != 0) {
                channels.append(c);
            }
        }
        auto claimed = m_outbox.claimNext(channels, now);
        if (!claimed) {
            return tl::unexpected(claimed.error());
        }
        if (!*claimed) {
            // Rows enqueued or made due (postal fallback) meanwhile may need a channel not opened yet.
            const int before = static_cast<int>(drivers.size());
            if (auto ready = prepare(now); !ready) {
                return tl::unexpected(ready.error());
            }
            if (static_cast<int>(drivers.size()) == before) {
                break;
            }
            continue;
        }
        const Delivery delivery = **claimed;
        auto document = m_outbox.document(delivery.documentId);
        // The moment the whole message is with the server is recorded before anything else: a crash
        // after it is reported as "peut-être envoyé", never followed by a silent second sending.
        // Not recorded (the base is gone): the message is abandoned before its end, so that the
        // row, taken back later, cannot go twice.
        const auto handedOver = [&]() -> bool {
            if (auto marked = m_outbox.markHandedOver(delivery.id); !marked) {
                qCWarning(lcDispatch) << "delivery" << delivery.id << "hand-over not recorded:" << marked.error().detail;
                return false;
            }
            return true;
        };
        SendResult result = document
                                ? drivers[delivery.channel]->deliver(delivery, *document, handedOver)
                                : tl::unexpected(SendFailure{FailureKind::Permanent, 0, document.error().userMessage,
                                                             document.error().detail});
        if (result) {
            if (auto marked = m_outbox.markSent(delivery.id, QDateTime::currentDateTimeUtc()); !marked) {
                return tl::unexpected(marked.error());
            }
            ++summary.sent;
            continue;
        }
        const SendFailure& failure = result.error();
        qCInfo(lcDispatch) << "delivery" << delivery.id << channelName(delivery.channel) << "failed:" << failure.detail;
        if (failure.kind == FailureKind::Configuration) {
            // The channel is unusable (authentication, certificate): the row is not at fault.
            if (auto released = m_outbox.release(delivery.id, QStringLiteral("configuration"), failure.userMessage);
                !released) {
                return tl::unexpected(released.error());
            }
            usable.removeAll(delivery.channel);
            drivers.erase(delivery.channel);
            summary.messages.append(failure.userMessage);
            ++summary.unavailable;
            continue;
        }
        AttemptFailure attempt{failure.kind == FailureKind::Permanent, failureCode(failure), failure.userMessage};
        auto state = m_outbox.markAttemptFailed(delivery.id, attempt, m_settings.retry, m_settings.postal.fallback,
                                                QDateTime::currentDateTimeUtc());
        if (!state) {
            return tl::unexpected(state.error());
        }
        if (*state == DeliveryState::Failed) {
            ++summary.failed;
        } else {
            ++summary.requeued;
        }
        summary.messages.append(QStringLiteral("envoi %1 : %2").arg(delivery.id).arg(failure.userMessage));
        if (failure.kind == FailureKind::Transient && failure.smtpCode == 0) {
            // Server unreachable or failing (MSSanté, DMP, CUPS): the other rows of the channel would
            // fail the same way; keep their attempts for the next run.
            usable.removeAll(delivery.channel);
            drivers.erase(delivery.channel);
        }
    }
    qCInfo(lcDispatch) << "run:" << summary.sent << "sent," << summary.requeued << "requeued," << summary.failed
                       << "failed," << summary.unavailable << "unavailable in" << timer.elapsed() << "ms";
    return summary;
}

} // namespace missive::transport
