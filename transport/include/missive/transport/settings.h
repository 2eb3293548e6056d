#pragma once
// What the channels are configured with, and where their secrets come from. The configuration
// file that fills these (docs/configuration.md) is read by missive_settings (app/settings), above.
// Secrets are never in it, only where to find them (a 0600 file, a variable, the keychain).

#include "missive/core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>
#include <chrono>
#include <map>
#include <optional>

namespace missive::transport
{

// Where a passphrase comes from; the configuration names the source, never the secret.
struct SecretSource
{
    QString file;        // a file owned by the user, mode 0600 or 0400; the first line is the secret
    QString envVar;      // or the name of an environment variable
    QString keychainKey; // or a key of the system keychain (service "missive"): Secret Service, Keychain, Credential
                         // Manager
    // In memory only, never written: a passphrase typed in Paramètres and not stored yet (its
    // connection test). Wins over the sources above.
    QByteArray typed;
    [[nodiscard]] bool isSet() const;
};

struct ClientCertificateSettings
{
    QString pkcs12Path; // PKCS#12 (.p12) holding the certificate, its key and chain
    SecretSource passphrase;
};

struct MssanteSettings
{
    QUrl smtpUrl;   // smtps://host[:465] or smtp://host[:587] (STARTTLS then required)
    QString sender; // MAIL FROM and From:, an MSSanté (applicative) mailbox
    ClientCertificateSettings certificate;
    QString caBundle;                // PEM bundle the server certificate must chain to (IGC-Santé in production)
    QString nil;                     // X-MSS-NIL: product reference from convergence.esante.gouv.fr
    bool requestDisposition = false; // Disposition-Notification-To: sender (MDN)
    bool patientNoReply = true;      // X-MSS-MES: FIN on mail to a patient mailbox
    std::chrono::seconds timeout{60};
    [[nodiscard]] bool isConfigured() const;
};

struct ImapSettings
{
    QUrl url; // imaps://host[:993]/INBOX or imap://host[:143]/INBOX (STARTTLS then required)
    QString user;
    SecretSource password; // optional: without it only the client certificate authenticates
    QString caBundle;      // defaults to [mssante] ca_bundle
    [[nodiscard]] bool isConfigured() const;
};

// The DMP feed ([dmp]); turned into the client's DmpSettings (dmp.h) when a row is delivered.
struct DmpConfig
{
    QUrl endpoint; // https:// only
    ClientCertificateSettings certificate;
    QString caBundle;
    ClientCertificateSettings signingCertificate;    // VIHF "certificat de cachet"; empty = certificate
    QString structureId;                             // Identifiant_Structure; default: [structure] id
    QString responsibleId;                           // VIHF Subject: person responsible for the feed
    QString activitySector = QStringLiteral("SA07"); // Secteur_Activite (JDV_J61)
    QString softwareId;                              // LPS_ID
    QString homologationId;                          // LPS_ID_HOMOLOGATION_DMP
    std::chrono::seconds timeout{60};
    [[nodiscard]] bool isConfigured() const;
};

// The establishment that authors the documents ([structure]): custodian and author organisation of
// the CDA, XDS metadata.
struct StructureSettings
{
    QString id;                                              // IDNST: type digit + number (e.g. "1" + FINESS)
    QString name;                                            // raison sociale
    QString facilityType = QStringLiteral("SA07");           // JDV_J02
    QString practiceSetting = QStringLiteral("AMBULATOIRE"); // JDV_J04
    QString authorSpecialty = QStringLiteral("G15_10/SM26"); // JDV_J01, when the author's is unknown
    QString service;                                         // the sending service ("Cardiologie"), free text
    QString ippRoot; // OID of the establishment's IPP domain: an IPP printed on a letter becomes sourcePatientId
    // The service's usual care (JDV_J59 contentTypeCode: 03, 04 or 07) for letters that name none;
    // empty: from the document type (a discharge letter: 03, else 07).
    QString contentType;
    // Where a letter's signing author is looked for first: the professionals practising at `id` or
    // at one of `sites` (other IDNST of the establishment: its sites' FINESS, its SIRET), and the
    // `staff` listed by IT (RPPS), before the whole directory.
    QStringList sites;
    QStringList staff;
    // XDS authorRole of the establishment's authors, in the coded form its DMP homologation asks for
    // ("code^^^&OID&ISO"); empty: the optional slot is not sent (never guessed).
    QString authorRole;
};

// Where the Annuaire Santé extracts come from for `missive directory update` (IT's choice).
struct DirectoryUpdateSettings
{
    QString share; // a folder (often a network share) where IT drops the extracts
    QUrl url;      // an https folder serving them (the same file names), checked like every TLS peer
    QString caBundle;
    [[nodiscard]] bool isConfigured() const
    {
        return !share.isEmpty() || !url.isEmpty();
    }
};

struct PostalSettings
{
    QString queue;         // CUPS queue the print-ready PDF goes to; empty = no postal channel
    bool fallback = true;  // print when an electronic send fails for good
    QString returnAddress; // lines separated by '\n', printed small above the window
    [[nodiscard]] bool isConfigured() const;
};

// A hospital group's shared base (PostgreSQL) for the directory, its preferences and rules;
// empty: each workstation's own SQLite files.
struct StorageSettings
{
    QString url; // postgresql://server/base?sslmode=verify-full&sslrootcert=…, never with a password
    SecretSource password;
    [[nodiscard]] bool isConfigured() const
    {
        return !url.isEmpty();
    }
};

struct RetrySettings
{
    int maxAttempts = 8;
    std::chrono::seconds initialDelay{60};
    std::chrono::seconds maxDelay{6 * 3600};
    double jitter = 0.2; // +/- fraction of the delay
};

struct Settings
{
    QString sourceFile; // the file these came from (empty: defaults only)
    // "section.key" imposed by IT's policies (policies.conf): above every other source, shown
    // greyed in Paramètres, never changed by the user.
    QStringList locked;
    MssanteSettings mssante;
    ImapSettings imap;
    DmpConfig dmp;
    StructureSettings structure;
    PostalSettings postal;
    DirectoryUpdateSettings directoryUpdate;
    StorageSettings storage;
    RetrySettings retry;
    QString outboxPath;      // SQLite file; default: <user data dir>/missive/outbox.sqlite
    // [rules]: document type code (JDV_J07) -> its default recipients ("patient-dmp",
    // "patient-mailbox", "gp", "rpps:<id>"), in place of the directory's rules for that type.
    std::map<QString, QStringList> documentRules;
    QString softwareVersion; // not read from the file: set by the program (VIHF, XDS sourceId)
};

// Reads a secret from its source, checking the file's owner and mode.
[[nodiscard]] Result<QByteArray> readSecret(const SecretSource& source);

// The system keychain through QtKeychain (libsecret on Linux, Keychain on macOS, Credential Manager
// on Windows), service "missive". Blocks on a local event loop.
inline constexpr auto KeychainService = "missive";
[[nodiscard]] Result<QByteArray> readKeychainSecret(const QString& key);
[[nodiscard]] Result<void> writeKeychainSecret(const QString& key, const QByteArray& secret);

} // namespace missive::transport
