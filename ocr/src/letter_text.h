#pragma once
// Recipients, author and document type from the positioned text of a letter.

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
    QStringList warnings;
};

// `pages` holds each page's segments (reading order); `pageSizes` their height in points.
[[nodiscard]] LetterReading readLetter(const QList<QList<Segment>>& pages, const QList<double>& pageHeights);

// A person as printed: "Dr Claire PETIT", "Madame le Docteur Anne-Marie N'GUYEN", "Pr J. MARTIN".
struct PersonName
{
    QString title;     // normalised: "Dr", "Pr", "Mme", "M."
    QString given;     // as printed
    QString family;    // as printed, uppercase
    QString asRead;    // the whole name as printed
    qsizetype end = 0; // index in the source text just after the name
};
[[nodiscard]] std::optional<PersonName> parsePersonName(const QString& text, bool requireTitle);
// Same person for matching purposes (family name and first given name, INSi-folded).
[[nodiscard]] bool samePerson(const PersonName& a, const PersonName& b);

} // namespace missive::ocr
