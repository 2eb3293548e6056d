#pragma once
// Value types of the preference directory: import rows and reports, preferences, rules, history.

#include "missive/core/professional.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace missive::directory
{

struct NameKeys;

enum class SourceKind
{
    PersonneActivite, // PS_LibreAcces_Personne_activite_*.txt (52 or 56 columns)
    MssanteMailboxes, // Extraction_Correspondance_MSSante_*.txt (31 columns)
};
[[nodiscard]] QString sourceKindName(SourceKind kind); // "personne_activite" / "mssante"

// ---- Import rows: views into the line being parsed (UTF-8), valid for the duration of one call ----

struct ActivityRecord
{
    // The professional (identical on every activity row of the same person).
    QByteArrayView idType, rpps, idnps, titleCode, title, civilityCode, civility, familyName, givenName;
    const NameKeys* keys = nullptr; // computed once per person by the importer
    // The activity.
    QByteArrayView professionCode, professionLabel, specialtyCode, specialtyLabel, modeCode;
    QByteArrayView siret, siren, finessSite, finessLegal, structureId, siteName, siteSign;
    QByteArrayView complementRecipient, complementPlace, streetNumber, streetIndex, streetType, streetName;
    QByteArrayView distribution, cedex, postcode, cityCode, city, countryLabel, roleCode, roleLabel;
    qint64 key = 0;      // stable identity of the activity (hash of its identifying fields)
    qint64 rowHash = 0;  // hash of every stored field: tells an update from an unchanged row
    QString place;       // folded "POSTCODE CITY", for matching
    QString specialties; // folded profession and specialty labels, for matching
};

struct MailboxRecord
{
    QByteArrayView type, address, rpps, idnps, structureType, structureId, service;
    QByteArrayView organisation, sign, postcode, cityLine;
    QString addressKey;   // lowercased address: the dedupe key
    QString structureKey; // type digit + id (e.g. "1" + FINESS), comparable with activities' keys
    qint64 rowHash = 0;
};

enum class RowOutcome
{
    Added,
    Updated,
    Unchanged,
    Duplicate, // same key seen earlier in the same file: ignored
    Staged,    // held until commit, which counts it (the PostgreSQL store applies a file as a set)
};

struct ImportCounts
{
    qint64 added = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;
    qint64 duplicates = 0;
    qint64 retired = 0;        // rows absent from this file, now marked retired
    qint64 persons = 0;        // professionals seen in this file (activities only)
    qint64 personsRetired = 0; // professionals absent from this file, now retired
};

struct MalformedLine
{
    qint64 line = 0; // 1-based, the header is line 1
    QString reason;  // French
};

struct ImportReport
{
    QString file; // as given
    SourceKind kind = SourceKind::PersonneActivite;
    int columns = 0;  // columns of the header (52/56 or 31)
    qint64 lines = 0; // data lines read (header excluded)
    ImportCounts counts;
    qint64 malformed = 0;
    QList<MalformedLine> firstMalformed; // at most five
    qint64 milliseconds = 0;
};

// ---- What the store returns for matching and display ----

struct PersonRow
{
    QString rpps, idnps, titleCode, title, civility, familyName, givenName;
    QString familyKey, familyFull, familyOcr, familyPhonetic, givenKey, givenOcr, givenPhonetic;
    QString places;      // folded "POSTCODE CITY" of every active practice, '|'-separated
    QString specialties; // folded profession and specialty labels, '|'-separated
    bool local = false;
    bool retired = false;
};

struct ActivityRow
{
    QString professionCode, professionLabel, specialtyCode, specialtyLabel, modeCode, practiceName;
    QStringList addressLines;
    QString postcode, city;
    QStringList structureKeys; // "1"+FINESS site, "1"+FINESS EJ, "3"+SIRET, "2"+SIREN
    bool local = false;
    bool retired = false;
};

enum class NameKeyKind
{
    Key,      // compact, no particles
    Full,     // compact with particles (family only)
    Ocr,      // OCR-collapsed
    Phonetic, // French phonetic code
};

// ---- Channels, preferences, rules, history ----

enum class ChannelKind
{
    Mssante,
    Postal,
    None, // a preference only: "do not send to this professional"
};
[[nodiscard]] QString channelKindName(ChannelKind kind); // "mssante" / "postal" / "none"
[[nodiscard]] std::optional<ChannelKind> channelKindFromName(QStringView name);

struct Channel
{
    ChannelKind kind = ChannelKind::Mssante;
    QString address;                                 // e-mail address, or the postal lines joined with ", "
    QStringList postalLines;                         // postal only: the envelope lines
    MailboxType mailboxType = MailboxType::Personal; // MSSanté only
    bool preferred = false;                          // the preference (explicit or learned) points here
};

enum class PreferenceSource
{
    Explicit, // set with `missive directory prefer`
    Learned,  // remembered from a confirmed sending
};

struct Preference
{
    QString rpps;
    QString documentType; // JDV_J07 code, empty: every document type
    ChannelKind channel = ChannelKind::Mssante;
    QString address; // optional: a specific mailbox or postal address
    PreferenceSource source = PreferenceSource::Explicit;
    QDateTime updatedAt;
    QString updatedBy;
};

struct Confirmation
{
    QString rpps;
    ChannelKind channel = ChannelKind::Mssante;
    QString address;
    QString documentType;
    QString user;
};

struct HistoryEntry
{
    QDateTime at;
    QString user;
    QString subject; // "rpps:<id>", "rule:<document type>", "local:<id>"
    QString change;  // "preference", "rule", "local", "staff"
    QString from;    // previous value, empty when created
    QString to;      // new value, empty when removed
};

enum class RecipientKind
{
    PatientDmp,     // the patient's DMP
    PatientMailbox, // the patient's MSSanté mailbox (INS@patient.mssante.fr)
    Gp,             // the patient's médecin traitant
    Professional,   // a fixed professional (rpps)
};

struct Rule
{
    QString documentType; // JDV_J07 code
    RecipientKind recipient = RecipientKind::PatientDmp;
    QString rpps; // Professional only
    // From the configuration ([rules]: IT's policies, or a settings file), not the directory:
    // shown as such, changed only where it was set.
    bool imposed = false;

    friend bool operator==(const Rule&, const Rule&) = default;
};
// "patient-dmp", "patient-mailbox", "gp", "rpps:<id>"; parseRecipient() is the inverse.
[[nodiscard]] QString recipientSpec(const Rule& rule);
[[nodiscard]] std::optional<Rule> parseRecipient(QStringView spec);

struct ImportRun
{
    SourceKind kind = SourceKind::PersonneActivite;
    QString source; // file name (no directory)
    QDateTime finishedAt;
    ImportCounts counts;
};

// One table moved by `missive storage migrate`.
struct TableCopy
{
    QString table;
    qint64 rows = 0;
};

struct Stats
{
    qint64 persons = 0;
    qint64 personsRetired = 0;
    qint64 activities = 0;
    qint64 mailboxes = 0;
    qint64 local = 0;
    qint64 preferences = 0;
    qint64 rules = 0;
    QList<ImportRun> lastImports; // latest first
    // The machine's shared directory read under the user's base (its path), empty when there is none:
    // the counts and imports above are then the shared base's, the local additions, preferences and
    // rules the user's.
    QString shared;
};

} // namespace missive::directory
