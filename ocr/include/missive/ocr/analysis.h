#pragma once
// What reading a printed letter yields: the patient, the recipients, the author and the
// document type, each with where it came from. Unknown values stay empty, never guessed.

#include "missive/core/document_type.h"
#include "missive/core/patient.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <optional>

namespace missive::ocr
{

enum class TextSource
{
    TextLayer, // every page had a usable text layer
    Ocr,       // every page was rendered and recognised
    Mixed,
};

enum class IdentitySource
{
    None,
    DataMatrix,
    Text,
    Both,
};

enum class IdentityStatus
{
    Consistent, // the INS, its key and every source agree: `identity.ins` may be used
    Mismatch,   // sources disagree or the key is wrong: INS withheld
    Incomplete, // a strict trait is missing: INS withheld
    Unverified, // a valid INS DataMatrix whose traits could not all be found in the printed text:
                // INS withheld until a person confirms it (`PatientReading::dataMatrix`)
};

struct PatientReading
{
    // `identity.ins` / `insOid` are empty unless status is Consistent.
    PatientIdentity identity;
    IdentitySource source = IdentitySource::None;
    IdentityStatus status = IdentityStatus::Incomplete;
    QStringList reasons; // French, why the INS is withheld (also copied into Analysis::warnings)
    // With status Unverified: the DataMatrix's identity, INS included, for a person to confirm
    // against the paper (one key, "à vérifier") before anything goes to the DMP or the patient.
    // With status Mismatch: the symbol's identity beside the printed one, to show what differs
    // (never confirmable: a contradiction is not released).
    std::optional<PatientIdentity> dataMatrix;
};

struct Author
{
    QString name;                // as read, e.g. "Dr Jean MARTIN"
    std::optional<QString> rpps; // 11 digits when printed
};

enum class RecipientRole
{
    To,
    Cc,
};

// Where a name stands on the letter: what it says about the person's part in it.
enum class Zone
{
    Other,         // letterhead, title, identity, footer
    AddressWindow, // the addressee's block (name, specialty, street, postcode and city)
    Copies,        // "Copie à", "Cc", "Destinataires"
    Salutation,    // "Cher Docteur DURAND,"
    Body,          // running text: "adressé par le Dr …" names, it does not address
    Signature,     // under the closing formula: the author
    SideColumn,    // the service's staff listed beside the letter
};

// One run of words as printed, with its zone (for finding names through the directory).
struct TextLine
{
    int page = 0;
    QString text;
    QRectF box; // points, from the page's top left
    Zone zone = Zone::Other;
};

struct Recipient
{
    QString name; // as read, e.g. "Docteur Paul DURAND"
    RecipientRole role = RecipientRole::To;
    bool patient = false; // "copie patient": the patient receives a copy

    // Context for matching in the directory (missive_directory MatchQuery).
    QString title;              // "Dr", "Pr", "Mme", "M." …
    QString familyName;         // the uppercase part of the name, when recognisable
    QString givenName;          // the capitalised part
    QStringList specialtyWords; // e.g. {"cardiologue"}, {"médecin", "généraliste"}
    QString city;
    QString postcode;
    // When the printed postcode names a sorting office (CEDEX) rather than a place: its
    // département ("42", "974"), postcode left empty; the town then says where, within it.
    QString department;
    QString street; // "14 chemin des Vignes", when printed with the name
    Zone zone = Zone::AddressWindow;
    // Found by looking the letter's words up in the directory, not by their shape: chosen only
    // where the printed place confirms the professional.
    bool foundInDirectory = false;
    // Something printed with the name that the reader could not place (a word that may be a town):
    // the directory cannot check it, so the entry is proposed, never chosen alone.
    bool unreadContext = false;
    // An RPPS printed at the head of the entry's row ("10471804632 MONNIER Clémence SAINT-ÉTIENNE"
    // in a copies table): the candidate of that number, if the name read fits it, is the one.
    QString printedRpps;
    // A mailbox printed with the name ("Sylvie GAY <sylvie.gay@pro.mssante.fr>"): the same, by
    // the directory's MSSanté extract.
    QString printedMailbox;

    // Filled by directory matching (not by missive_ocr).
    std::optional<QString> rpps;
    bool autoSelected = false;
    double score = 0.0;
};

// The care the letter reports, with its dates: a stay ("hospitalisée du 14/11/2026 au
// 23/11/2026"), a day stay, or a consultation ("vue en consultation le 12/11/2026").
struct CareEpisode
{
    enum class Setting
    {
        Stay,
        DayStay,
        Consultation,
    };
    Setting setting = Setting::Consultation;
    QDate start;
    QDate end;
    friend bool operator==(const CareEpisode&, const CareEpisode&) = default;
};

struct Analysis
{
    QString file;
    int pages = 0;
    TextSource textSource = TextSource::TextLayer;
    std::optional<DocumentType> documentType;
    PatientReading patient;
    std::optional<Author> author;
    QList<Recipient> recipients;
    std::optional<CareEpisode> episode; // only when the letter names one, and only one
    QString ipp;                        // the patient's IPP when the letter prints one, and only one
    QList<TextLine> text;            // every segment, in reading order (never in toJson: health data)
    QStringList warnings;            // French
    QMap<QString, qint64> timingsMs; // step name -> milliseconds

    // The `missive analyze --json` object (keys fixed by issue 3).
    [[nodiscard]] QJsonObject toJson() const;
};

[[nodiscard]] QString textSourceName(TextSource source);
[[nodiscard]] QString identitySourceName(IdentitySource source);
[[nodiscard]] QString identityStatusName(IdentityStatus status);
[[nodiscard]] QString recipientRoleName(RecipientRole role);

} // namespace missive::ocr
