#pragma once
// A health professional as the Annuaire Santé describes one activity of theirs (specs DIGEST §5),
// plus the MSSanté mailboxes that reach them. Plain data: the directory module fills it.

#include <QList>
#include <QString>
#include <QStringList>

namespace missive
{

// TRE_R256 mailbox types. The public extract carries PER and ORG only (no APP).
enum class MailboxType
{
    Personal,     // PER: the professional's own mailbox
    Organisation, // ORG: a mailbox of the structure (service, practice)
};

// "PER" / "ORG"; mailboxTypeFromCode() accepts them case-insensitively, anything else gives Personal.
[[nodiscard]] QString mailboxTypeCode(MailboxType type);
[[nodiscard]] MailboxType mailboxTypeFromCode(QStringView code);

struct Mailbox
{
    QString address; // e.g. "jean.martin@medecin.mssante.fr"
    MailboxType type = MailboxType::Personal;
    QString organisation; // raison sociale of the structure holding the mailbox (ORG), may be empty
    QString service;      // service de rattachement (ORG), may be empty

    friend bool operator==(const Mailbox&, const Mailbox&) = default;
};

struct Professional
{
    QString rpps;            // Identifiant PP: 11-digit RPPS (or a 9-digit ADELI, or "L…" for a local addition)
    QString idnps;           // Identification nationale PP: type digit + id, e.g. "810001045367"
    QString civility;        // libellé civilité, e.g. "Madame"
    QString title;           // libellé civilité d'exercice, e.g. "Docteur", "Professeur"; may be empty
    QString titleCode;       // e.g. "DR", "PR"
    QString familyName;      // nom d'exercice, as published (uppercase)
    QString givenName;       // prénom d'exercice
    QString professionCode;  // e.g. "10"
    QString professionLabel; // e.g. "Médecin"
    QString specialtyCode;   // savoir-faire, e.g. "SM26"
    QString specialtyLabel;  // e.g. "Qualifié en Médecine Générale"
    // One practice (activity) of the professional: the one matched, or the first one.
    QString practiceName;     // raison sociale / enseigne of the site
    QStringList addressLines; // postal lines without the postcode/city line
    QString postcode;
    QString city;
    QStringList structureKeys; // the practice's structures: "1"+FINESS (site, legal entity), "3"+SIRET, "2"+SIREN
    QList<Mailbox> mailboxes; // PER first, then ORG of the practice
    bool local = false;       // added by hand in this secretariat, not from the extracts
    bool retired = false;     // vanished from the latest extract (kept for history)

    // "Dr Jean MARTIN": short title + given name + family name.
    [[nodiscard]] QString displayName() const;
    // addressLines + "postcode city", for an envelope.
    [[nodiscard]] QStringList postalAddress() const;
};

} // namespace missive
