#pragma once
// Recipients, author and document type from the positioned text of a letter. Each segment is
// given a zone from where it stands (address window, copies list, salutation, running text,
// signature, side column of the service's staff); a name's zone says whether it addresses the
// letter (window, copies, salutation), merely mentions someone (running text) or signs it.

#include "layout.h"
#include "missive/ocr/analysis.h"

#include <QList>
#include <optional>

namespace missive::ocr
{

struct LetterReading
{
    std::optional<Author> author;
    QList<Recipient> recipients; // never the author
    bool copyToPatient = false;
    bool unreadList = false; // a "Copie à" / "Destinataires" label without any name read after it
    std::optional<DocumentType> documentType;
    std::optional<CareEpisode> episode;
    QString ipp;          // "IPP : 0003950638", when one value only is printed
    QList<TextLine> text; // every segment with its zone
    QStringList warnings;
};

// `pages` holds each page's segments (reading order); `pageHeights` their height in points;
// `byOcr` which pages OCR read (its boxes hug the glyphs, the text layer's span the font's height).
[[nodiscard]] LetterReading readLetter(const QList<QList<Segment>>& pages, const QList<double>& pageHeights,
                                       const QList<bool>& byOcr = {});

// A person as printed: "Dr Claire PETIT", "Madame le Docteur Anne-Marie N'GUYEN", "Pr J. MARTIN",
// "Docteur GAY Christophe", "Monsieur le Docteur Pierre MEYER", "Docteur Pierre Meyer".
struct PersonName
{
    QString title;     // normalised: "Dr", "Pr", "Mme", "M."
    QString given;     // as printed ("Pierre", "J.-P.")
    QString family;    // as printed
    QString asRead;    // the whole name as printed, title included
    qsizetype end = 0; // index in the source text just after the name
    bool professional = false; // titled Dr or Pr
};
// `requireTitle`: only a titled name (Dr, Docteur, Pr, Professeur, or a civility before a name
// whose family part is in capitals).
[[nodiscard]] std::optional<PersonName> parsePersonName(const QString& text, bool requireTitle);
// Marks as the patient the recipients (without Dr/Pr) whose name is the patient's; true if any.
bool markPatient(QList<Recipient>& recipients, const PatientIdentity& patient);
// Same person for matching purposes (family name and first given name, INSi-folded).
[[nodiscard]] bool samePerson(const PersonName& a, const PersonName& b);

} // namespace missive::ocr
