// missive send FILE.pdf --to RPPS|ADRESSE… [--dmp] [--patient] [--postal]: read the letter, build its
// CDA and IHE XDM archive, enqueue one row per recipient and channel, then deliver.

#include "cli.h"
#include "delivery_common.h"
#include "document_flags.h"
#include "missive/engine/letter_queue.h"

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
        if (auto checked = engine::checkPostalAddress(postalAddressText); !checked) {
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
            } else if (engine::isMailAddress(recipient)) {
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

    auto delivery = openDelivery(parser);
    if (!delivery) {
        return report(delivery.error(), io);
    }
    auto directory =
        openConfiguredDirectory(parser.value(QStringLiteral("db")), !rppsList.isEmpty(), delivery->settings());
    if (!directory) {
        return report(directory.error(), io);
    }
    directory::Directory* dir = *directory ? &**directory : nullptr;
    auto letter = readLetterDocument(parser, pdfPath, delivery->settings(), dir);
    if (!letter) {
        return report(letter.error(), io);
    }
    const engine::PreparedDocument& prepared = letter->prepared;
    for (const QString& warning : prepared.warnings) {
        io.err << "missive : " << warning << '\n';
    }
    engine::Confirmation confirmation;
    confirmation.rpps = rppsList;
    confirmation.addresses = addresses;
    confirmation.addressFallback = postalAddressText;
    confirmation.patientMailbox = parser.isSet(QStringLiteral("patient"));
    confirmation.allowPatientReply = parser.isSet(QStringLiteral("allow-reply"));
    confirmation.dmp = parser.isSet(QStringLiteral("dmp"));
    confirmation.postalAddress = parser.isSet(QStringLiteral("postal")) ? postalAddressText : QString();
    confirmation.subject = parser.value(QStringLiteral("subject"));
    confirmation.body = parser.value(QStringLiteral("body"));
    confirmation.user = parser.isSet(QStringLiteral("user")) ? parser.value(QStringLiteral("user"))
                                                             : qEnvironmentVariable("USER", QStringLiteral("inconnu"));
    auto queued = delivery->queue(prepared, QFileInfo(pdfPath).fileName(), confirmation, dir);
    if (!queued) {
        return report(queued.error(), io);
    }
    for (const QString& warning : queued->warnings) {
        io.err << "missive : " << warning << '\n';
    }

    std::optional<engine::RunSummary> summary;
    if (!parser.isSet(QStringLiteral("no-send"))) {
        auto ran = delivery->run();
        if (!ran) {
            return report(ran.error(), io);
        }
        summary = *ran;
    }
    // Report this document's rows (and any postal fallback created for them).
    auto rows = delivery->list();
    if (!rows) {
        return report(rows.error(), io);
    }
    const qint64 documentId = queued->documentId;
    QList<engine::DeliveryRow> mine;
    bool allSent = true;
    for (const auto& row : *rows) {
        if (row.documentId == documentId) {
            mine.append(row);
            allSent = allSent && row.state == engine::DeliveryState::Sent;
        }
    }
    if (json) {
        QJsonArray array;
        for (const auto& row : mine) {
            array.append(row.toJson());
        }
        QJsonObject out{{QStringLiteral("document_id"), documentId},
                        {QStringLiteral("unique_id"), prepared.input.documentId},
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
