// missive send FILE.pdf --to RPPS|ADRESSE… [--dmp] [--patient] [--postal]: read the letter, build its
// CDA and IHE XDM archive, enqueue one row per recipient and channel, then deliver.

#include "cli.h"
#include "delivery_common.h"
#include "document_flags.h"
#include "missive/transport/mssante_message.h"
#include "missive/transport/postal.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace missive::cli
{
namespace
{

bool isRpps(const QString& value)
{
    static const QRegularExpression re(QStringLiteral("^(8)?\\d{11}$"));
    return re.match(value).hasMatch();
}

bool isMailAddress(const QString& value)
{
    static const QRegularExpression re(QStringLiteral("^[^@\\s<>,;\"]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$"));
    return re.match(value).hasMatch();
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
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("%1 (RPPS %2) : préférence « ne pas envoyer » ; modifiez-la avec "
                                    "missive directory prefer")
                         .arg((*professional)->displayName(), rpps),
                     QStringLiteral("preference none"));
}

} // namespace

int runSend(const QStringList& args, Streams& io)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("fichier"), QStringLiteral("le PDF à envoyer"));
    parser.addOption({QStringLiteral("to"),
                      QStringLiteral("destinataire : RPPS (annuaire) ou adresse MSSanté (répétable)"),
                      QStringLiteral("RPPS|ADRESSE")});
    parser.addOption({QStringLiteral("dmp"), QStringLiteral("alimenter le DMP du patient")});
    parser.addOption({QStringLiteral("patient"), QStringLiteral("envoyer à la messagerie du patient (INS)")});
    parser.addOption({QStringLiteral("postal"), QStringLiteral("envoyer par courrier postal")});
    parser.addOption({QStringLiteral("postal-address"), QStringLiteral("adresse postale (lignes séparées par \\n)"),
                      QStringLiteral("ADRESSE")});
    parser.addOption({QStringLiteral("subject"), QStringLiteral("objet du message"), QStringLiteral("OBJET")});
    parser.addOption({QStringLiteral("body"), QStringLiteral("texte du message"), QStringLiteral("TEXTE")});
    parser.addOption({QStringLiteral("allow-reply"), QStringLiteral("permettre au patient de répondre")});
    parser.addOption({QStringLiteral("no-send"), QStringLiteral("mettre en file sans envoyer maintenant")});
    parser.addOption({QStringLiteral("db"), QStringLiteral("annuaire (destinataires par RPPS, auteur)"),
                      QStringLiteral("ANNUAIRE")});
    parser.addOption({QStringLiteral("user"), QStringLiteral("auteur des confirmations (défaut : le compte courant)"),
                      QStringLiteral("NOM")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("sortie JSON")});
    addDocumentOptions(parser);
    addConfigOption(parser);
    if (!parser.parse(QStringList{QStringLiteral("missive send")} + args)) {
        return usageError(parser.errorText(), io);
    }
    const bool json = parser.isSet(QStringLiteral("json"));
    if (parser.positionalArguments().size() != 1) {
        return usageError(QStringLiteral("send : un fichier PDF attendu"), io);
    }
    const QString pdfPath = parser.positionalArguments().constFirst();

    // Recipients first: a usage error must not leave anything in the outbox.
    const QString postalAddressText =
        parser.value(QStringLiteral("postal-address")).replace(QLatin1String("\\n"), QLatin1String("\n"));
    if (!postalAddressText.isEmpty()) {
        if (auto checked = transport::normaliseAddress(postalAddressText); !checked) {
            return report(checked.error(), io);
        }
    }
    QStringList addresses;
    QStringList rppsList;
    for (const QString& to : parser.values(QStringLiteral("to"))) {
        for (const QString& one : to.split(u',', Qt::SkipEmptyParts)) {
            const QString recipient = one.trimmed();
            if (isRpps(recipient)) {
                rppsList.append(recipient.right(11)); // "8" + RPPS (IDNPS) is accepted too
            } else if (isMailAddress(recipient)) {
                addresses.append(recipient.toLower());
            } else {
                return usageError(
                    QStringLiteral("destinataire invalide : %1 (adresse MSSanté ou RPPS attendu)").arg(recipient), io);
            }
        }
    }
    if (parser.isSet(QStringLiteral("postal")) && postalAddressText.isEmpty()) {
        return usageError(QStringLiteral("--postal : indiquez l'adresse avec --postal-address"), io);
    }
    if (addresses.isEmpty() && rppsList.isEmpty() && !parser.isSet(QStringLiteral("patient"))
        && !parser.isSet(QStringLiteral("dmp")) && !parser.isSet(QStringLiteral("postal"))) {
        return usageError(QStringLiteral("send : aucun destinataire (--to, --patient, --dmp ou --postal)"), io);
    }

    auto context = openDeliveryContext(parser);
    if (!context) {
        return report(context.error(), io);
    }
    context->settings.softwareVersion = QStringLiteral(MISSIVE_VERSION);
    auto directory = openDirectory(parser.value(QStringLiteral("db")), !rppsList.isEmpty());
    if (!directory) {
        return report(directory.error(), io);
    }
    directory::Directory* dir = *directory ? &**directory : nullptr;
    auto letter = readLetterDocument(parser, pdfPath, context->settings.structure, dir);
    if (!letter) {
        return report(letter.error(), io);
    }
    const engine::PreparedDocument& prepared = letter->prepared;
    const PatientIdentity& patient = prepared.input.patient;
    const bool qualifiedIns = patient.hasValidIns() && patient.hasStrictTraits();
    for (const QString& warning : prepared.warnings) {
        io.err << "missive : " << warning << '\n';
    }

    QList<transport::NewDelivery> deliveries;
    for (const QString& address : addresses) {
        deliveries.append({transport::Channel::Mssante, address, postalAddressText, false});
    }
    QList<std::pair<QString, directory::Channel>> confirmations;
    for (const QString& rpps : rppsList) {
        directory::Channel chosen;
        auto delivery = deliveryForProfessional(*dir, rpps, prepared.input.type.code, chosen);
        if (!delivery) {
            return report(delivery.error(), io);
        }
        deliveries.append(*delivery);
        confirmations.append({rpps, chosen});
    }
    if (parser.isSet(QStringLiteral("patient"))) {
        const auto mailbox = qualifiedIns ? transport::patientMailbox(patient) : std::nullopt;
        if (!mailbox) {
            return usageError(QStringLiteral("--patient : il faut un INS qualifié et tous ses traits (lus sur le "
                                             "courrier, ou --ins --birth-name --first-names --birth-date --sex "
                                             "--birth-place)"),
                              io);
        }
        deliveries.append({transport::Channel::Mssante, *mailbox, QString(),
                           context->settings.mssante.patientNoReply && !parser.isSet(QStringLiteral("allow-reply"))});
    }
    if (parser.isSet(QStringLiteral("dmp"))) {
        if (!qualifiedIns) {
            return usageError(QStringLiteral("--dmp : il faut un INS qualifié (INS valide et traits d'identité)"), io);
        }
        if (!prepared.package) {
            return report(Error{ErrorCode::InvalidArgument,
                                QStringLiteral("--dmp : document non constructible : %1").arg(prepared.packageProblem),
                                QStringLiteral("no package for DMP")},
                          io);
        }
        deliveries.append({transport::Channel::Dmp, patient.ins, QString(), false});
    }
    if (parser.isSet(QStringLiteral("postal"))) {
        deliveries.append(
            {transport::Channel::Postal, postalAddressText.section(u'\n', 0, 0).trimmed(), postalAddressText, false});
    }
    if (!prepared.package) {
        io.err << "missive : envoi sans CDA ni archive IHE_XDM.zip : " << prepared.packageProblem << '\n';
    }

    transport::NewDocument document;
    document.uniqueId = prepared.input.documentId;
    document.title = prepared.input.title;
    document.fileName = transport::safeAttachmentName(QFileInfo(pdfPath).fileName());
    document.pdf = letter->pdf;
    document.codeCda = prepared.input.type.code;
    if (prepared.package) {
        document.xdmZip = prepared.package->xdmZip;
        document.qualifiedIns = prepared.package->insIncluded;
    }
    document.input = QJsonDocument(transport::documentInputToJson(prepared.input)).toJson(QJsonDocument::Compact);
    document.subject =
        parser.isSet(QStringLiteral("subject")) ? parser.value(QStringLiteral("subject")) : document.title;
    document.body = parser.isSet(QStringLiteral("body"))
                        ? parser.value(QStringLiteral("body"))
                        : QStringLiteral("Bonjour,\n\nVeuillez trouver ci-joint le document « %1 ».\n\nCordialement.\n")
                              .arg(document.title);
    const QString sender = context->settings.mssante.sender.isEmpty() ? QStringLiteral("missive@missive.invalid")
                                                                      : context->settings.mssante.sender;
    auto ids = context->outbox->enqueue(document, deliveries, sender);
    if (!ids) {
        return report(ids.error(), io);
    }
    // The secretary's choice is learned once it is queued: the next letter goes the same way.
    const QString user = parser.isSet(QStringLiteral("user")) ? parser.value(QStringLiteral("user"))
                                                              : qEnvironmentVariable("USER", QStringLiteral("inconnu"));
    for (const auto& [rpps, channel] : confirmations) {
        if (auto learned = dir->recordConfirmation(rpps, channel.kind, channel.address, prepared.input.type.code, user);
            !learned) {
            io.err << "missive : préférence non enregistrée : " << learned.error().userMessage << '\n';
        }
    }

    std::optional<transport::RunSummary> summary;
    if (!parser.isSet(QStringLiteral("no-send"))) {
        auto ran = deliverDue(*context);
        if (!ran) {
            return report(ran.error(), io);
        }
        summary = *ran;
    }
    // Report this document's rows (and any postal fallback created for them).
    auto rows = context->outbox->list();
    if (!rows) {
        return report(rows.error(), io);
    }
    qint64 documentId = 0;
    QList<transport::Delivery> mine;
    for (const auto& row : *rows) {
        if (ids->contains(row.id)) {
            documentId = row.documentId;
        }
    }
    bool allSent = true;
    for (const auto& row : *rows) {
        if (row.documentId == documentId) {
            mine.append(row);
            allSent = allSent && row.state == transport::DeliveryState::Sent;
        }
    }
    if (json) {
        QJsonArray array;
        for (const auto& row : mine) {
            array.append(row.toJson());
        }
        QJsonObject out{{QStringLiteral("document_id"), documentId},
                        {QStringLiteral("unique_id"), document.uniqueId},
                        {QStringLiteral("deliveries"), array}};
        if (summary) {
            out.insert(QStringLiteral("run"), summaryJson(*summary));
        }
        io.out << QJsonDocument(out).toJson(QJsonDocument::Indented);
    } else {
        io.out << "Document " << documentId << " mis en file (" << mine.size() << " envoi"
               << (mine.size() > 1 ? "s" : "") << ").\n";
        for (const auto& row : mine) {
            printDelivery(row, io);
        }
        if (summary) {
            for (const auto& message : summary->messages) {
                io.err << "missive : " << message << '\n';
            }
        }
    }
    io.out.flush();
    io.err.flush();
    if (parser.isSet(QStringLiteral("no-send")) || allSent) {
        return ExitSuccess;
    }
    return ExitExternal;
}

} // namespace missive::cli
