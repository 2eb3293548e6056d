#include "missive/engine/letter_proposal.h"

#include "missive/engine/reading.h"
#include "missive/engine/recipient_matching.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <algorithm>

namespace missive::engine
{

// The words the popup shows are French, and English when missive-app runs in English: its catalogue
// holds the "missive::engine" context. The command line installs no translator: French.
namespace
{

// Where the letter names a recipient, in the secretary's words.
QString placeOnLetter(const ocr::Recipient& read)
{
    switch (read.zone) {
    case ocr::Zone::AddressWindow:
        return QCoreApplication::translate("missive::engine", "fenêtre d'adresse");
    case ocr::Zone::Copies:
        return read.role == ocr::RecipientRole::Cc
                   ? QCoreApplication::translate("missive::engine", "liste des copies")
                   : QCoreApplication::translate("missive::engine", "liste des destinataires");
    case ocr::Zone::Salutation:
        return QCoreApplication::translate("missive::engine", "formule d'appel");
    case ocr::Zone::Body:
        return QCoreApplication::translate("missive::engine", "cité dans le texte");
    case ocr::Zone::Signature:
        return QCoreApplication::translate("missive::engine", "signature");
    case ocr::Zone::SideColumn:
        return QCoreApplication::translate("missive::engine", "liste du service");
    case ocr::Zone::Other:
        break;
    }
    return QCoreApplication::translate("missive::engine", "lu sur le courrier");
}

// Why a read recipient is ticked or not: the directory's verdict, in the secretary's words.
QString verdict(const ocr::Recipient& read, const QList<directory::Candidate>& candidates)
{
    if (read.autoSelected && read.rpps) {
        return QCoreApplication::translate("missive::engine", "seul professionnel de l'annuaire qui corresponde");
    }
    if (candidates.isEmpty()) {
        return QCoreApplication::translate("missive::engine", "inconnu de l'annuaire");
    }
    // The name fits, but not the town, postcode or street printed beside it: a namesake elsewhere.
    if (std::all_of(candidates.begin(), candidates.end(),
                    [](const directory::Candidate& c) { return c.fits && c.contradicted; })) {
        return QCoreApplication::translate("missive::engine",
                                           "homonyme ailleurs (lieu imprimé différent) : à vérifier");
    }
    if (candidates.size() > 1) {
        return QCoreApplication::translate("missive::engine", "%1 homonymes possibles : à choisir")
            .arg(candidates.size());
    }
    return QCoreApplication::translate("missive::engine",
                                       "ce que le courrier imprime ne suffit pas à le reconnaître : à confirmer");
}

// The candidates' channels, so that choosing among them needs no directory call on the GUI thread.
QStringList channelsOf(const directory::Directory& directory, const QList<directory::Candidate>& candidates,
                       const QString& documentType)
{
    QStringList labels;
    for (const directory::Candidate& c : candidates) {
        labels << channelLabel(directory, c.professional.rpps, documentType);
    }
    return labels;
}

} // namespace

QString channelLabel(const directory::Directory& directory, const QString& rpps, const QString& documentType)
{
    auto channels = directory.channels(rpps, documentType);
    if (!channels || channels->isEmpty()) {
        return QCoreApplication::translate("missive::engine", "aucun canal");
    }
    const directory::Channel& first = channels->front();
    switch (first.kind) {
    case directory::ChannelKind::Mssante:
        return QCoreApplication::translate("missive::engine", "MSSanté : %1").arg(first.address);
    case directory::ChannelKind::Postal:
        return QCoreApplication::translate("missive::engine", "Courrier : %1").arg(first.address);
    case directory::ChannelKind::None:
        break;
    }
    return QCoreApplication::translate("missive::engine", "ne pas envoyer (préférence)");
}

std::unique_ptr<ocr::LetterReader> sessionReader()
{
    return std::make_unique<ocr::IsolatedReader>();
}

Result<LetterProposal> proposeLetter(const QString& pdfPath, directory::Directory* directory,
                                     const transport::StructureSettings& structure, const QString& softwareVersion,
                                     ocr::LetterReader* reader)
{
    auto pdf = readLetterFile(pdfPath);
    if (!pdf) {
        return tl::unexpected(pdf.error());
    }
    return proposeLetter(*pdf, pdfPath, directory, structure, softwareVersion, reader);
}

Result<LetterProposal> proposeLetter(const QByteArray& pdf, const QString& name, directory::Directory* directory,
                                     const transport::StructureSettings& structure, const QString& softwareVersion,
                                     ocr::LetterReader* reader)
{
    LetterProposal proposal;
    proposal.pdfPath = name;
    std::optional<ocr::IsolatedReader> ownReader;
    if (!reader) {
        reader = &ownReader.emplace();
    }
    auto analysis = readLetter(pdf, name, directory, {}, reader, &structure);
    if (!analysis) {
        return tl::unexpected(analysis.error());
    }
    proposal.analysis = std::move(*analysis);
    auto prepared = prepareDocument(pdf, &proposal.analysis, {}, structure, directory, softwareVersion);
    if (!prepared) {
        return tl::unexpected(prepared.error());
    }
    proposal.prepared = std::move(*prepared);
    const QString type = proposal.prepared.input.type.code;
    // An author the directory was not sure of: the secretary is asked (once: her pick is learned).
    if (directory && proposal.analysis.author && proposal.prepared.input.author.rpps.isEmpty()) {
        auto author = matchAuthor(proposal.analysis, *directory, &structure, 5);
        if (!author) {
            return tl::unexpected(author.error());
        }
        proposal.authorCandidates = author->candidates;
    }

    for (const ocr::Recipient& read : proposal.analysis.recipients) {
        if (read.patient || read.name.isEmpty()) {
            continue; // "copie patient" is the patient's mailbox toggle
        }
        ProposedRecipient r;
        r.nameAsRead = read.name;
        r.copy = read.role == ocr::RecipientRole::Cc;
        r.rpps = read.rpps;
        r.checked = read.autoSelected && read.rpps.has_value();
        if (directory) {
            auto match = matchRecipient(read, proposal.analysis, *directory);
            if (!match) {
                return tl::unexpected(match.error());
            }
            r.candidates = match->candidates;
            r.candidateChannels = channelsOf(*directory, r.candidates, type);
            r.channel = r.rpps ? channelLabel(*directory, *r.rpps, type)
                               : QCoreApplication::translate("missive::engine", "à choisir");
        }
        r.why = placeOnLetter(read) + QStringLiteral(" · ") + verdict(read, r.candidates);
        proposal.recipients.append(r);
    }
    const PatientIdentity& patient = proposal.prepared.input.patient;
    proposal.patientChannelsAvailable = patient.hasValidIns() && patient.hasStrictTraits();
    if (directory) {
        auto rules = directory->rules(type);
        if (!rules) {
            return tl::unexpected(rules.error());
        }
        for (const directory::Rule& rule : *rules) {
            switch (rule.recipient) {
            case directory::RecipientKind::PatientDmp:
                proposal.dmpByRule = true;
                proposal.dmp = proposal.patientChannelsAvailable && proposal.prepared.package.has_value();
                break;
            case directory::RecipientKind::PatientMailbox:
                proposal.patientMailboxByRule = true;
                proposal.patientMailbox = proposal.patientChannelsAvailable;
                break;
            case directory::RecipientKind::Professional: {
                ProposedRecipient r;
                r.rpps = rule.rpps;
                r.fromRule = true;
                r.checked = true;
                r.why = QCoreApplication::translate("missive::engine", "règle du type de document");
                if (auto known = directory->professional(rule.rpps); known && *known) {
                    r.nameAsRead = (*known)->displayName();
                    r.candidates.append(directory::Candidate{**known, 1.0});
                }
                r.channel = channelLabel(*directory, rule.rpps, type);
                r.candidateChannels = QStringList(r.candidates.size(), r.channel);
                proposal.recipients.append(r);
                break;
            }
            case directory::RecipientKind::Gp:
                break; // the GP is not printed on the letter nor known per patient yet
            }
        }
    }
    return proposal;
}

Result<void> chooseAuthor(LetterProposal& proposal, const QString& rpps, const directory::Directory& directory)
{
    auto known = directory.professional(rpps);
    if (!known) {
        return tl::unexpected(known.error());
    }
    if (!*known) {
        return makeError(
            ErrorCode::NotFound,
            QCoreApplication::translate("missive::engine", "professionnel inconnu de l'annuaire : %1").arg(rpps),
            QStringLiteral("author not in the directory"));
    }
    transport::Author& author = proposal.prepared.input.author;
    transport::Author chosen;
    chosen.rpps = rpps;
    chosen.organizationId = author.organizationId;
    chosen.organizationName = author.organizationName;
    chosen.role = author.role;
    completeAuthor(chosen, **known);
    if (chosen.specialtyCode.isEmpty()) {
        chosen.specialtyCode = author.specialtyCode; // the structure's default ([structure] author_specialty)
    }
    author = chosen;
    if (proposal.analysis.author) {
        proposal.analysis.author->rpps = rpps;
    }
    rebuildPackage(proposal.prepared);
    proposal.dmp = proposal.dmpByRule && proposal.patientChannelsAvailable && proposal.prepared.package.has_value();
    proposal.authorChosen = rpps;
    return {};
}

bool identityToConfirm(const LetterProposal& proposal)
{
    const ocr::PatientReading& patient = proposal.analysis.patient;
    return patient.status == ocr::IdentityStatus::Unverified && patient.dataMatrix.has_value()
           && !proposal.patientChannelsAvailable;
}

Result<void> confirmDataMatrixIdentity(LetterProposal& proposal)
{
    if (!identityToConfirm(proposal)) {
        return makeError(ErrorCode::InvalidArgument,
                         QCoreApplication::translate("missive::engine", "aucune identité à confirmer pour ce courrier"),
                         QStringLiteral("no DataMatrix identity waiting for confirmation"));
    }
    const PatientIdentity& identity = *proposal.analysis.patient.dataMatrix;
    if (!identity.hasValidIns() || !identity.hasStrictTraits()) {
        return makeError(ErrorCode::Integrity,
                         QCoreApplication::translate("missive::engine",
                                                     "identité du DataMatrix incomplète : confirmation impossible"),
                         QStringLiteral("DataMatrix identity incomplete"));
    }
    proposal.prepared.input.patient = identity;
    rebuildPackage(proposal.prepared);
    proposal.analysis.patient.status = ocr::IdentityStatus::Consistent;
    proposal.analysis.patient.identity = identity;
    proposal.analysis.patient.reasons.clear();
    proposal.patientChannelsAvailable = true;
    proposal.dmp = proposal.dmpByRule && proposal.prepared.package.has_value();
    proposal.patientMailbox = proposal.patientMailboxByRule;
    return {};
}

void refreshChannels(const directory::Directory& directory, QList<ProposedRecipient>& recipients,
                     const QString& documentType)
{
    for (ProposedRecipient& r : recipients) {
        if (r.candidates.isEmpty()) {
            continue; // a free address, or a name the directory does not know
        }
        r.candidateChannels = channelsOf(directory, r.candidates, documentType);
        if (r.rpps) {
            r.channel = channelLabel(directory, *r.rpps, documentType);
        }
    }
}

Result<QList<ProposedRecipient>> searchRecipients(const directory::Directory* directory, const QString& text,
                                                  const QString& documentType, int limit)
{
    QList<ProposedRecipient> hits;
    const QString trimmed = text.trimmed();
    if (trimmed.size() < 2) {
        return hits;
    }
    if (directory) {
        auto found = searchDirectory(*directory, trimmed, {}, limit);
        if (!found) {
            return tl::unexpected(found.error());
        }
        for (const directory::Candidate& c : found->candidates) {
            ProposedRecipient r;
            r.nameAsRead = c.professional.displayName();
            r.candidates = {c};
            r.rpps = c.professional.rpps;
            r.channel = channelLabel(*directory, c.professional.rpps, documentType);
            r.candidateChannels = {r.channel};
            r.checked = true;
            r.added = true;
            r.why = QCoreApplication::translate("missive::engine", "ajouté par vous");
            hits.append(r);
        }
    }
    if (isMailAddress(trimmed) && hits.isEmpty()) {
        ProposedRecipient r;
        r.nameAsRead = trimmed;
        r.address = trimmed;
        r.channel = QCoreApplication::translate("missive::engine", "MSSanté : %1").arg(trimmed);
        r.checked = true;
        r.added = true;
        r.why = QCoreApplication::translate("missive::engine", "adresse saisie par vous");
        hits.append(r);
    }
    return hits;
}

Result<ProposedRecipient> addNewProfessional(directory::Directory& directory, const NewProfessional& entry,
                                             const QString& documentType, const QString& user)
{
    const auto refused = [](const QString& why) {
        return makeError(ErrorCode::InvalidArgument, why, QStringLiteral("new professional refused"));
    };
    Professional p;
    p.familyName = entry.familyName.simplified().toUpper();
    p.givenName = entry.givenName.simplified();
    if (p.familyName.isEmpty()) {
        return refused(QCoreApplication::translate("missive::engine", "le nom du destinataire est obligatoire"));
    }
    const QString mailbox = entry.mailbox.trimmed();
    const QString postal = entry.postalAddress.trimmed();
    if (mailbox.isEmpty() && postal.isEmpty()) {
        return refused(
            QCoreApplication::translate("missive::engine", "indiquez une adresse postale ou une adresse MSSanté"));
    }
    if (!mailbox.isEmpty() && !isMailAddress(mailbox)) {
        return refused(QCoreApplication::translate("missive::engine", "adresse MSSanté invalide : %1").arg(mailbox));
    }
    if (!postal.isEmpty()) {
        if (auto checked = checkPostalAddress(postal); !checked) {
            return tl::unexpected(checked.error());
        }
        QStringList lines = postal.split(u'\n', Qt::SkipEmptyParts);
        static const QRegularExpression town(QStringLiteral(R"(^\s*(\d{5})\s+(.+?)\s*$)"));
        const auto m = town.match(lines.last());
        if (!m.hasMatch()) {
            return refused(QCoreApplication::translate(
                "missive::engine", "la dernière ligne de l'adresse doit être « code postal ville »"));
        }
        p.postcode = m.captured(1);
        p.city = m.captured(2).toUpper();
        lines.removeLast();
        // The name is the first line when she typed it there too: the directory keeps the place.
        if (!lines.isEmpty() && lines.first().contains(p.familyName, Qt::CaseInsensitive)) {
            lines.removeFirst();
        }
        for (QString& line : lines) {
            line = line.simplified();
        }
        p.addressLines = lines;
    }
    if (entry.title == QLatin1String("Dr")) {
        p.titleCode = QStringLiteral("DR");
        p.title = QStringLiteral("Docteur");
    } else if (entry.title == QLatin1String("Pr")) {
        p.titleCode = QStringLiteral("PR");
        p.title = QStringLiteral("Professeur");
    }
    if (!mailbox.isEmpty()) {
        p.mailboxes.append(Mailbox{mailbox, MailboxType::Personal, {}, {}});
    }
    auto id = directory.addLocal(p, user);
    if (!id) {
        return tl::unexpected(id.error());
    }
    auto known = directory.professional(*id);
    if (!known || !*known) {
        return known ? makeError(ErrorCode::Integrity,
                                 QCoreApplication::translate("missive::engine", "ajout à l'annuaire non relu"),
                                 QStringLiteral("local professional not found after adding"))
                     : Result<ProposedRecipient>(tl::unexpected(known.error()));
    }
    ProposedRecipient r;
    r.nameAsRead = (*known)->displayName();
    r.candidates.append(directory::Candidate{**known, 1.0});
    r.rpps = *id;
    r.checked = true;
    r.added = true;
    r.channel = channelLabel(directory, *id, documentType);
    r.candidateChannels = QStringList{r.channel};
    r.why = QCoreApplication::translate("missive::engine", "ajouté à l'annuaire par le secrétariat");
    return r;
}

Confirmation confirmationOf(const LetterProposal& proposal, const QString& user)
{
    Confirmation c;
    for (const ProposedRecipient& r : proposal.recipients) {
        if (r.checked && r.rpps && !c.rpps.contains(*r.rpps)) {
            c.rpps.append(*r.rpps);
        } else if (r.checked && !r.rpps && !r.address.isEmpty() && !c.addresses.contains(r.address)) {
            c.addresses.append(r.address);
        }
    }
    c.patientMailbox = proposal.patientMailbox && proposal.patientChannelsAvailable;
    c.dmp = proposal.dmp && proposal.patientChannelsAvailable;
    c.user = user;
    c.authorChosen = proposal.authorChosen;
    return c;
}

} // namespace missive::engine
