#pragma once
// What the confirmation popup shows for one printed letter: the analysis, the document to send,
// and the proposed recipients (read on the letter and matched in the directory, plus the rules of
// the document type), each with the channel it would go by. The popup edits it; confirmationOf()
// turns it into what queueLetter() sends. Built off the GUI thread.

#include "missive/directory/directory.h"
#include "missive/engine/document_preparation.h"
#include "missive/engine/letter_queue.h"
#include "missive/ocr/analysis.h"
#include "missive/ocr/analyzer.h"
#include "missive/ocr/isolated_reader.h"

#include <QList>
#include <memory>
#include <optional>

namespace missive::engine
{

struct ProposedRecipient
{
    QString nameAsRead;                     // empty for a recipient added by a rule
    bool copy = false;                      // "Copie à"
    QList<directory::Candidate> candidates; // best first: the choices offered
    QStringList candidateChannels;          // the channel each candidate would go by (same order)
    std::optional<QString> rpps;            // the chosen professional (auto-selected, or picked)
    QString address;                        // a free MSSanté address typed by the secretary (no rpps)
    QString channel;                        // French: "MSSanté : adresse", "Courrier : …", "aucun canal"
    bool checked = false;                   // pre-checked only when the directory is sure
    bool fromRule = false;
    bool added = false; // added by the secretary in the popup
    // Why the row is there and, when ticked, why (French): where the letter names the professional
    // and what the directory said ("fenêtre d'adresse · seul professionnel de l'annuaire qui
    // corresponde", "copie · homonyme ailleurs (lieu imprimé différent) : à vérifier").
    QString why;
};

struct LetterProposal
{
    QString pdfPath; // where the letter came from (a file, or the print's spool copy), for display
    ocr::Analysis analysis;
    PreparedDocument prepared;
    QList<ProposedRecipient> recipients;
    // The patient's channels: only with a qualified INS read on the letter; the document type's
    // rules decide the defaults.
    bool patientChannelsAvailable = false;
    bool dmp = false;
    bool patientMailbox = false;
    // What the document type's rules ask for the patient, whether or not the identity allows it yet.
    bool dmpByRule = false;
    bool patientMailboxByRule = false;
    // The signing author when the directory could not be sure (namesakes, a name alone): the
    // candidates, best first, for the secretary to pick once (chooseAuthor); empty otherwise.
    QList<directory::Candidate> authorCandidates;
    QString authorChosen; // the RPPS she picked: learned as the establishment's staff once queued
};

// Reads the letter, matches it in the directory (may be null), prepares the document, and applies
// the rules of its type. The letter is read by `reader`, by default in a worker process of its own
// (ocr::IsolatedReader: a hostile print costs that worker, not the caller). A long-lived caller
// passes its reader (one letter at a time), so that Tesseract is loaded once for the session.
// The letter is `pdf`, read once by the caller (a print checked against its spool digest): the
// reader, the preview and the document all work on these bytes. `name` is where it came from.
[[nodiscard]] Result<LetterProposal> proposeLetter(const QByteArray& pdf, const QString& name,
                                                   directory::Directory* directory,
                                                   const transport::StructureSettings& structure,
                                                   const QString& softwareVersion, ocr::LetterReader* reader = nullptr);
// The same for the file `pdfPath` (a letter given by path, not printed).
[[nodiscard]] Result<LetterProposal> proposeLetter(const QString& pdfPath, directory::Directory* directory,
                                                   const transport::StructureSettings& structure,
                                                   const QString& softwareVersion,
                                                   ocr::LetterReader* reader = nullptr);

// The reader a long-lived caller (missive-app) keeps for its session and passes to proposeLetter():
// letters read in a worker process, Tesseract loaded once.
[[nodiscard]] std::unique_ptr<ocr::LetterReader> sessionReader();

// The reader decoded a valid INS DataMatrix but did not find its traits on the printed letter: its
// identity waits for the secretary to compare it with the paper (one key, "à vérifier").
[[nodiscard]] bool identityToConfirm(const LetterProposal& proposal);

// The secretary compared the DataMatrix identity with the letter and confirms it: it becomes the
// document's patient (INS included, CDA rebuilt with the same identifiers), the patient's channels
// open and the type's rules for them apply. Refused when there is nothing to confirm.
[[nodiscard]] Result<void> confirmDataMatrixIdentity(LetterProposal& proposal);

// The secretary names the letter's author among authorCandidates (or any professional of the
// directory): the CDA is built again with them, the DMP offered if it now can be. Once the letter is
// queued the author joins the establishment's staff, where the next letters look first.
[[nodiscard]] Result<void> chooseAuthor(LetterProposal& proposal, const QString& rpps,
                                        const directory::Directory& directory);

// The channel `rpps` would go by, in French ("MSSanté : …", "Courrier : …", "aucun canal").
[[nodiscard]] QString channelLabel(const directory::Directory& directory, const QString& rpps,
                                   const QString& documentType);

// The channels of every recipient and of their candidates again, for another document type (a
// preference may be per type). Recipients without a directory entry keep theirs.
void refreshChannels(const directory::Directory& directory, QList<ProposedRecipient>& recipients,
                     const QString& documentType);

// What the popup's search offers for `text`: professionals of the directory (may be null), each as
// an added, checked recipient with its channel for `documentType`; plus, when `text` is an e-mail
// address none of them holds, that free MSSanté address.
[[nodiscard]] Result<QList<ProposedRecipient>> searchRecipients(const directory::Directory* directory,
                                                                const QString& text, const QString& documentType,
                                                                int limit = 8);

// A recipient the directory does not know, as the secretary types it.
struct NewProfessional
{
    QString title; // "Dr", "Pr" or empty
    QString familyName;
    QString givenName;
    QString postalAddress; // the envelope's lines ('\n'), the last "POSTCODE TOWN"; may be empty
    QString mailbox;       // an MSSanté address; may be empty (one of the two is needed)
};
// Adds `entry` to the directory as a local professional (kept for the next letters, in `user`'s
// name; never retired by an import) and returns it as a checked recipient with its channel: the
// MSSanté address if given, else the post. Refused with a French reason: no family name, neither
// address, an address an envelope window cannot hold, a malformed mailbox.
[[nodiscard]] Result<ProposedRecipient> addNewProfessional(directory::Directory& directory,
                                                           const NewProfessional& entry, const QString& documentType,
                                                           const QString& user);

// The checked recipients with a chosen professional or a free address, and the patient's channels.
[[nodiscard]] Confirmation confirmationOf(const LetterProposal& proposal, const QString& user);

} // namespace missive::engine
