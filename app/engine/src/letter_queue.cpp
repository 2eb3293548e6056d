#include "missive/engine/letter_queue.h"

#include "missive/transport/mssante_message.h"
#include "missive/transport/postal.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace missive::engine
{
namespace
{

Error invalid(const QString& message, const char* detail)
{
    return Error{ErrorCode::InvalidArgument, message, QString::fromLatin1(detail)};
}

// The channel a professional is sent to: the preferred one (explicit or learned, for this type of
// document), else the first available (MSSanté personal, then the practice's, then postal).
Result<transport::NewDelivery> deliveryForProfessional(const directory::Directory& dir, const QString& rpps,
                                                       const QString& documentType, directory::Channel& chosen)
{
    auto professional = dir.professional(rpps);
    if (!professional) {
        return tl::unexpected(professional.error());
    }
    if (!*professional) {
        return makeError(ErrorCode::NotFound, QStringLiteral("RPPS %1 absent de l'annuaire").arg(rpps),
                         QStringLiteral("unknown RPPS"));
    }
    auto channels = dir.channels(rpps, documentType);
    if (!channels) {
        return tl::unexpected(channels.error());
    }
    if (channels->isEmpty()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("%1 (RPPS %2) : aucun canal d'envoi connu (ni MSSanté, ni adresse postale)")
                             .arg((*professional)->displayName(), rpps),
                         QStringLiteral("no channel"));
    }
    chosen = channels->front();
    const QString postal = (*professional)->postalAddress().join(u'\n');
    switch (chosen.kind) {
    case directory::ChannelKind::Mssante:
        // The postal address rides along: the automatic fallback uses it if MSSanté fails for good.
        return transport::NewDelivery{transport::Channel::Mssante, chosen.address.toLower(), postal, false};
    case directory::ChannelKind::Postal:
        return transport::NewDelivery{transport::Channel::Postal, chosen.postalLines.value(0),
                                      chosen.postalLines.join(u'\n'), false};
    case directory::ChannelKind::None:
        break;
    }
    return tl::unexpected(invalid(QStringLiteral("%1 (RPPS %2) : préférence « ne pas envoyer » ; modifiez-la avec "
                                                 "missive directory prefer")
                                      .arg((*professional)->displayName(), rpps),
                                  "preference none"));
}

} // namespace

bool isMailAddress(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^[^@\\s<>,;\"]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$"));
    return re.match(text).hasMatch();
}

Result<void> checkPostalAddress(const QString& text)
{
    if (auto checked = transport::normaliseAddress(text); !checked) {
        return tl::unexpected(checked.error());
    }
    return {};
}

Result<QueuedLetter> queueLetter(const PreparedDocument& prepared, const QString& fileName,
                                 const Confirmation& confirmation, transport::Outbox& outbox,
                                 const transport::Settings& settings, directory::Directory* directory)
{
    QueuedLetter queued;
    const PatientIdentity& patient = prepared.input.patient;
    const bool qualifiedIns = patient.hasValidIns() && patient.hasStrictTraits();
    const QString typeCode = prepared.input.type.code;

    QList<transport::NewDelivery> deliveries;
    for (const QString& address : confirmation.addresses) {
        deliveries.append({transport::Channel::Mssante, address.toLower(), confirmation.addressFallback, false});
    }
    QList<std::pair<QString, directory::Channel>> learned;
    if (!confirmation.rpps.isEmpty() && !directory) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("annuaire introuvable : destinataires par RPPS impossibles"),
                         QStringLiteral("no directory"));
    }
    for (const QString& rpps : confirmation.rpps) {
        directory::Channel chosen;
        auto delivery = deliveryForProfessional(*directory, rpps, typeCode, chosen);
        if (!delivery) {
            return tl::unexpected(delivery.error());
        }
        deliveries.append(*delivery);
        learned.append({rpps, chosen});
    }
    if (confirmation.patientMailbox) {
        const auto mailbox = qualifiedIns ? transport::patientMailbox(patient) : std::nullopt;
        if (!mailbox) {
            return tl::unexpected(invalid(QStringLiteral("messagerie du patient : il faut un INS qualifié et tous ses "
                                                         "traits (lus sur le courrier, ou --ins --birth-name "
                                                         "--first-names --birth-date --sex --birth-place)"),
                                          "no qualified INS for the patient mailbox"));
        }
        deliveries.append({transport::Channel::Mssante, *mailbox, QString(),
                           settings.mssante.patientNoReply && !confirmation.allowPatientReply});
    }
    if (confirmation.dmp) {
        if (!qualifiedIns) {
            return tl::unexpected(
                invalid(QStringLiteral("DMP : il faut un INS qualifié (INS valide et traits d'identité)"),
                        "no qualified INS for the DMP"));
        }
        if (!prepared.package) {
            return tl::unexpected(
                invalid(QStringLiteral("DMP : document non constructible : %1").arg(prepared.packageProblem),
                        "no package for DMP"));
        }
        deliveries.append({transport::Channel::Dmp, patient.ins, QString(), false});
    }
    if (!confirmation.postalAddress.isEmpty()) {
        deliveries.append({transport::Channel::Postal, confirmation.postalAddress.section(u'\n', 0, 0).trimmed(),
                           confirmation.postalAddress, false});
    }
    if (deliveries.isEmpty()) {
        return tl::unexpected(invalid(QStringLiteral("aucun destinataire"), "no recipient"));
    }
    if (!prepared.package) {
        queued.warnings.append(
            QStringLiteral("envoi sans CDA ni archive IHE_XDM.zip : %1").arg(prepared.packageProblem));
    }

    // The XDM names the MSSanté recipients the secretary confirmed (its identifiers are fixed:
    // rebuilt, the package changes by that slot only).
    transport::DocumentInput input = prepared.input;
    std::optional<transport::Package> package = prepared.package;
    for (const transport::NewDelivery& delivery : deliveries) {
        if (delivery.channel == transport::Channel::Mssante && !input.intendedRecipients.contains(delivery.recipient)) {
            input.intendedRecipients.append(delivery.recipient);
        }
    }
    if (package && !input.intendedRecipients.isEmpty()) {
        auto named = transport::buildPackage(input);
        if (!named) {
            return tl::unexpected(named.error());
        }
        package = std::move(*named);
    }

    transport::NewDocument document;
    document.uniqueId = prepared.input.documentId;
    document.title = prepared.input.title;
    document.fileName = transport::safeAttachmentName(fileName);
    document.pdf = prepared.input.pdf;
    document.codeCda = typeCode;
    document.service = settings.structure.service;
    document.spoolJobId = confirmation.spoolJobId;
    document.pdfSha256 = confirmation.printedSha256;
    if (package) {
        document.xdmZip = package->xdmZip;
        document.qualifiedIns = package->insIncluded;
    }
    document.input = QJsonDocument(transport::documentInputToJson(input)).toJson(QJsonDocument::Compact);
    document.subject = confirmation.subject.isEmpty() ? document.title : confirmation.subject;
    document.body = confirmation.body.isEmpty()
                        ? QStringLiteral("Bonjour,\n\nVeuillez trouver ci-joint le document « %1 ».\n\nCordialement.\n")
                              .arg(document.title)
                        : confirmation.body;
    const QString sender =
        settings.mssante.sender.isEmpty() ? QStringLiteral("missive@missive.invalid") : settings.mssante.sender;
    auto ids = outbox.enqueue(document, deliveries, sender);
    if (!ids) {
        return tl::unexpected(ids.error());
    }
    queued.deliveryIds = *ids;
    if (!ids->isEmpty()) {
        if (auto row = outbox.find(ids->front()); row && *row) {
            queued.documentId = (*row)->documentId;
        }
    }
    // The secretary's choice is learned once it is queued: the next letter goes the same way.
    for (const auto& [rpps, channel] : learned) {
        if (auto recorded =
                directory->recordConfirmation(rpps, channel.kind, channel.address, typeCode, confirmation.user);
            !recorded) {
            queued.warnings.append(QStringLiteral("préférence non enregistrée : %1").arg(recorded.error().userMessage));
        }
    }
    // So is the author she named: the next letter they sign is recognised among the staff.
    if (!confirmation.authorChosen.isEmpty() && directory) {
        if (auto learnedAuthor = directory->addStaff(confirmation.authorChosen, confirmation.user); !learnedAuthor) {
            queued.warnings.append(QStringLiteral("auteur non enregistré : %1").arg(learnedAuthor.error().userMessage));
        }
    }
    return queued;
}

} // namespace missive::engine
