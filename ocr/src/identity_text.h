#pragma once
// Reads the patient's printed traits wherever and however the letter prints them: labelled
// fields with any common label ("Nom de naissance", "Nom de famille", "DDN", "Né(e) le",
// "Sexe", "Lieu de naissance", "N° INS"…) whose value follows on the same line, in the next
// cell to the right or in the cell below (grids, tables); one-line banners
// ("Patient : M. NGUYEN Thomas - Né le 28/11/1976"); sentences ("votre patiente Madame Zoé
// LECLERCQ (nom de naissance : ROBIN), née le 05/12/2000 à STRASBOURG (67482)"). Names in either
// order (the family name is the one in capitals). A trait read twice with two values is a
// conflict, never a choice. Numbers printed for someone else (the insured person, "ouvrant
// droit") or labelled as another identifier (IPP, séjour, FINESS, RPPS, phone) are never an INS.
// Self-contained (Qt Core + missive core types) so the fuzzer can build it.

#include "layout.h"
#include "missive/core/patient.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace missive::ocr
{

// The printed text reduced to what a DataMatrix's traits are checked against: every line's
// words in the INSi alphabet, and every date printed.
struct PrintedText
{
    QList<QStringList> lines; // INSi uppercase tokens (hyphens and apostrophes removed) per line
    QList<QDate> dates;

    // True when `name` (INSi uppercase, any number of words) is printed as consecutive words of
    // one line; `tolerance` misread letters are allowed in names of 6 letters or more (OCR).
    [[nodiscard]] bool containsName(const QString& name, int tolerance) const;
    [[nodiscard]] bool containsDate(const QDate& date) const;
};

struct TextIdentity
{
    QStringList matricules; // every distinct 15-character matricule printed as the patient's INS
    QString oid;            // printed OID of the matricule, if any
    QString birthName;      // INSi uppercase
    QString usedName;       // INSi uppercase
    QStringList firstNames; // INSi uppercase
    QString firstName;      // INSi uppercase
    QDate birthDate;
    Sex sex = Sex::Unknown;
    QString birthPlace;    // COG code
    QString displayName;   // as printed, for "copie patient"
    QStringList conflicts; // same trait printed twice with different values (French)
    // Family and given names told apart only by the dictionary of given names, in a run of
    // capitals ("GILLET THIERRY HERVE"): a DataMatrix may confirm them, the print alone cannot.
    bool namesOrderedByDictionary = false;
    // The sex printed as two boxes to tick with no mark in the text ("Sexe :  F   M", the cross
    // drawn as lines): each option's word and where it stands, for a look at the page's ink.
    struct SexChoice
    {
        int page = 0;
        QRectF box; // the option's word, in points
        Sex sex = Sex::Unknown;
    };
    QList<SexChoice> sexChoices; // two, or none
    PrintedText printed;   // the whole text, for checking a DataMatrix

    [[nodiscard]] bool hasAnyTrait() const;
};

// `pages` holds each page's segments in reading order (layout.h). `printedText`: also fill
// TextIdentity::printed (only a DataMatrix needs it).
[[nodiscard]] TextIdentity parseIdentityText(const QList<QList<Segment>>& pages, bool printedText = true);
// Plain lines, one under the other (tests, fuzzer).
[[nodiscard]] TextIdentity parseIdentityText(const QStringList& lines);

// A date as printed in French letters: 03/07/1979, 3.7.1979, 1979-07-03, 3 juillet 1979, 1er mars
// 2001, 28/11/76 (two-digit years only where the century cannot be mistaken). Searched anywhere in
// `text`; `at` and `end` receive where the first one found stands.
[[nodiscard]] QDate parseFrenchDate(QStringView text, qsizetype* at = nullptr, qsizetype* end = nullptr);

} // namespace missive::ocr
