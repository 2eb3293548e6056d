// missive send FILE.pdf --to RPPS|ADRESSE… [--dmp] [--patient] [--postal]: enqueue, then deliver.

#include "cli.h"
#include "delivery_common.h"
#include "missive/core/document_type.h"
#include "missive/core/ins.h"
#include "missive/core/patient.h"
#include "missive/transport/mssante_message.h"
#include "missive/transport/postal.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

namespace missive::cli
{
namespace
{

// "2.25.<the UUID as one decimal integer>" (ITU-T X.667): a valid OID nobody else will mint.
QString newDocumentUniqueId()
{
    const QUuid uuid = QUuid::createUuid();
    // The 128-bit value in decimal: repeated division of the big-endian bytes by 10.
    QByteArray bytes = uuid.toRfc4122();
    QString digits;
    bool nonZero = true;
    while (nonZero) {
        int remainder = 0;
        nonZero = false;
        for (char& b : bytes) {
            const int current = remainder * 256 + static_cast<unsigned char>(b);
            b = static_cast<char>(current / 10);
            remainder = current % 10;
            nonZero = nonZero || b != 0;
        }
        digits.prepend(QChar(u'0' + static_cast<char16_t>(remainder)));
    }
    return QStringLiteral("2.25.") + digits;
}

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

} // namespace

int runSend(const QStringList& args, Streams& io)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("fichier"), QStringLiteral("le PDF à envoyer"));
    parser.addOption({QStringLiteral("to"), QStringLiteral("destinataire : adresse MSSanté (répétable)"),
                      QStringLiteral("ADRESSE")});
    parser.addOption({QStringLiteral("dmp"), QStringLiteral("alimenter le DMP du patient")});
    parser.addOption({QStringLiteral("patient"), QStringLiteral("envoyer à la messagerie du patient (INS)")});
    parser.addOption({QStringLiteral("postal"), QStringLiteral("envoyer par courrier postal")});
    parser.addOption({QStringLiteral("postal-address"), QStringLiteral("adresse postale (lignes séparées par \\n)"),
                      QStringLiteral("ADRESSE")});
    parser.addOption({QStringLiteral("title"), QStringLiteral("titre du document"), QStringLiteral("TITRE")});
    parser.addOption({QStringLiteral("subject"), QStringLiteral("objet du message"), QStringLiteral("OBJET")});
    parser.addOption({QStringLiteral("body"), QStringLiteral("texte du message"), QStringLiteral("TEXTE")});
    parser.addOption({QStringLiteral("type"), QStringLiteral("code LOINC du type de document (JDV_J07)"),
                      QStringLiteral("CODE"), QString::fromLatin1(documenttypes::LettreDeLiaison)});
    parser.addOption(
        {QStringLiteral("xdm"), QStringLiteral("archive IHE_XDM.zip à joindre"), QStringLiteral("FICHIER")});
    parser.addOption({QStringLiteral("ins"), QStringLiteral("matricule INS du patient"), QStringLiteral("MATRICULE")});
    parser.addOption({QStringLiteral("ins-oid"), QStringLiteral("OID de l'INS"), QStringLiteral("OID"),
                      QString::fromLatin1(ins::OidNir)});
    parser.addOption({QStringLiteral("birth-name"), QStringLiteral("nom de naissance"), QStringLiteral("NOM")});
    parser.addOption({QStringLiteral("first-names"), QStringLiteral("prénoms de naissance (séparés par des espaces)"),
                      QStringLiteral("PRENOMS")});
    parser.addOption(
        {QStringLiteral("birth-date"), QStringLiteral("date de naissance AAAA-MM-JJ"), QStringLiteral("DATE")});
    parser.addOption({QStringLiteral("sex"), QStringLiteral("sexe F ou M"), QStringLiteral("SEXE")});
    parser.addOption(
        {QStringLiteral("birth-place"), QStringLiteral("code COG du lieu de naissance"), QStringLiteral("CODE")});
    parser.addOption({QStringLiteral("allow-reply"), QStringLiteral("permettre au patient de répondre")});
    parser.addOption({QStringLiteral("no-send"), QStringLiteral("mettre en file sans envoyer maintenant")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("sortie JSON")});
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
    QList<transport::NewDelivery> deliveries;
    const QString postalAddressText =
        parser.value(QStringLiteral("postal-address")).replace(QLatin1String("\\n"), QLatin1String("\n"));
    if (!postalAddressText.isEmpty()) {
        if (auto checked = transport::normaliseAddress(postalAddressText); !checked) {
            return report(checked.error(), io);
        }
    }
    for (const QString& to : parser.values(QStringLiteral("to"))) {
        for (const QString& one : to.split(u',', Qt::SkipEmptyParts)) {
            const QString recipient = one.trimmed();
            if (isRpps(recipient)) {
                return usageError(QStringLiteral("destinataire %1 : la recherche par RPPS dans l'annuaire n'est pas "
                                                 "encore disponible ; indiquez son adresse MSSanté")
                                      .arg(recipient),
                                  io);
            }
            if (!isMailAddress(recipient)) {
                return usageError(
                    QStringLiteral("destinataire invalide : %1 (adresse MSSanté ou RPPS attendu)").arg(recipient), io);
            }
            deliveries.append({transport::Channel::Mssante, recipient.toLower(), postalAddressText, false});
        }
    }

    PatientIdentity patient;
    patient.ins = parser.value(QStringLiteral("ins")).remove(u' ');
    patient.insOid = patient.ins.isEmpty() ? QString() : parser.value(QStringLiteral("ins-oid"));
    patient.birthName = parser.value(QStringLiteral("birth-name")).toUpper();
    patient.firstNames = parser.value(QStringLiteral("first-names")).split(u' ', Qt::SkipEmptyParts);
    patient.firstName = patient.firstNames.value(0);
    patient.birthDate = QDate::fromString(parser.value(QStringLiteral("birth-date")), Qt::ISODate);
    patient.sex = sexFromCode(parser.value(QStringLiteral("sex")).toUpper());
    patient.birthPlace = parser.value(QStringLiteral("birth-place"));
    if (!patient.ins.isEmpty() && !patient.hasValidIns()) {
        return usageError(QStringLiteral("INS invalide (clé ou OID incorrects)"), io);
    }
    const bool qualifiedIns = patient.hasValidIns() && patient.hasStrictTraits();

    if (parser.isSet(QStringLiteral("patient"))) {
        const auto mailbox = transport::patientMailbox(patient);
        if (!mailbox) {
            return usageError(QStringLiteral("--patient : il faut un INS valide et tous les traits d'identité "
                                             "(--ins, --birth-name, --first-names, --birth-date, --sex, "
                                             "--birth-place)"),
                              io);
        }
        deliveries.append(
            {transport::Channel::Mssante, *mailbox, QString(), !parser.isSet(QStringLiteral("allow-reply"))});
    }
    if (parser.isSet(QStringLiteral("dmp"))) {
        if (!qualifiedIns) {
            return usageError(QStringLiteral("--dmp : il faut un INS qualifié (INS valide et traits d'identité)"), io);
        }
        deliveries.append({transport::Channel::Dmp, patient.ins, QString(), false});
    }
    if (parser.isSet(QStringLiteral("postal"))) {
        if (postalAddressText.isEmpty()) {
            return usageError(QStringLiteral("--postal : indiquez l'adresse avec --postal-address"), io);
        }
        deliveries.append(
            {transport::Channel::Postal, postalAddressText.section(u'\n', 0, 0).trimmed(), postalAddressText, false});
    }
    if (deliveries.isEmpty()) {
        return usageError(QStringLiteral("send : aucun destinataire (--to, --patient, --dmp ou --postal)"), io);
    }

    const auto type = findDocumentType(parser.value(QStringLiteral("type")));
    if (!type) {
        return usageError(QStringLiteral("--type : code %1 absent du jeu de valeurs JDV_J07")
                              .arg(parser.value(QStringLiteral("type"))),
                          io);
    }
    QFile file(pdfPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return report(
            makeError(ErrorCode::NotFound, QStringLiteral("fichier illisible : %1").arg(pdfPath), file.errorString())
                .value(),
            io);
    }
    const QByteArray pdf = file.readAll();
    if (!pdf.startsWith("%PDF-")) {
        return usageError(QStringLiteral("%1 n'est pas un PDF").arg(pdfPath), io);
    }
    QByteArray xdm;
    if (parser.isSet(QStringLiteral("xdm"))) {
        QFile xdmFile(parser.value(QStringLiteral("xdm")));
        if (!xdmFile.open(QIODevice::ReadOnly)) {
            return usageError(QStringLiteral("--xdm : fichier illisible"), io);
        }
        xdm = xdmFile.readAll();
        if (!xdm.startsWith("PK\x03\x04")) {
            return usageError(QStringLiteral("--xdm : ce n'est pas une archive zip"), io);
        }
    }

    auto context = openDeliveryContext(parser);
    if (!context) {
        return report(context.error(), io);
    }
    for (auto& delivery : deliveries) {
        if (delivery.recipient.endsWith(u'@' + QLatin1String(transport::PatientMailboxDomain))) {
            delivery.noReply = context->settings.mssante.patientNoReply && !parser.isSet(QStringLiteral("allow-reply"));
        }
    }
    transport::NewDocument document;
    document.uniqueId = newDocumentUniqueId();
    document.title = parser.isSet(QStringLiteral("title")) ? parser.value(QStringLiteral("title")) : type->label;
    document.fileName = transport::safeAttachmentName(QFileInfo(pdfPath).fileName());
    document.pdf = pdf;
    document.xdmZip = xdm;
    document.codeCda = type->code;
    document.qualifiedIns = qualifiedIns;
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
