#pragma once
// The preference directory: Annuaire Santé extracts imported into a store, OCR-tolerant matching,
// channels per professional, learned preferences, default recipients per document type.
//
//   auto directory = Directory::open(databasePath());
//   directory->importFile("PS_LibreAcces_Personne_activite_202611230000.txt");
//   auto result = directory->match({.name = "Dr Jean MARTIN", .city = "Lyon"});
//   directory->recordConfirmation(rpps, ChannelKind::Mssante, address, "11490-0", user);

#include "missive/directory/matcher.h"
#include "missive/directory/store.h"

#include <QMap>
#include <memory>

namespace missive::directory
{

// Where the directory is: `explicitPath` if given, else $MISSIVE_DB, else `configured` (IT's
// [storage] url: a hospital group's PostgreSQL base), else the user's own SQLite file
// <QStandardPaths::AppDataLocation>/directory.db (e.g. ~/.local/share/missive/directory.db).
[[nodiscard]] QString databasePath(const QString& explicitPath = {}, const QString& configured = {});
// True for "postgresql://…" and "postgres://…" (libpq connection URIs): a shared base.
[[nodiscard]] bool isPostgresUrl(const QString& location);
// The machine's shared directory: $MISSIVE_SHARED_DB, else /var/lib/missive/directory.db (Windows:
// %ProgramData%\Missive\directory.db). The .deb's missive-directory-update service imports the
// extracts there once for every user of the machine; the missive group reads it.
[[nodiscard]] QString sharedDatabasePath();
// True when there is a shared directory at `path`, readable or not by this user.
[[nodiscard]] bool sharedDirectoryPresent(const QString& path);
// The location as it may be shown or logged: a URL without its password, if one was written in it.
[[nodiscard]] QString displayLocation(const QString& location);

// Imports `files` into a copy of the shared directory at `path` (created if missing) and puts the
// copy in its place in one rename: a read in progress finishes on the version it began with, a
// layered Directory reads the new one at its next search, a failed import leaves the
// base as it was. The copy is mode 0640 with its folder's group, in rollback-journal mode (so that
// readers need no write access). With no files the base is only rewritten in this version's schema.
// Refused while another update of the same base runs.
[[nodiscard]] Result<QList<ImportReport>> updateSharedDirectory(const QString& path, const QStringList& files);

// One Directory per thread (its SQLite connection is opened without a mutex); several processes
// may share the file (WAL, busy timeout).
class Directory
{
public:
    explicit Directory(std::unique_ptr<Store> store);
    ~Directory();
    Directory(Directory&&) noexcept;
    Directory& operator=(Directory&&) noexcept;
    Directory(const Directory&) = delete;
    Directory& operator=(const Directory&) = delete;

    // The embedded SQLite directory at `location` (created if missing), or the shared PostgreSQL
    // base when it is a postgresql:// URL (`password` from the keychain, given beside the URL).
    // `sharedLocation`: when it names an existing file and `location` is a SQLite file, that shared
    // directory is read (read-only) under the base at `location`, which then keeps only what is
    // the user's: local additions, preferences, rules, history, staff.
    [[nodiscard]] static Result<Directory> open(const QString& location, const QByteArray& password = {},
                                                const QString& sharedLocation = {});
    // Where databasePath(explicitPath, configured) says; the user's own base (neither named nor
    // configured) is read over the machine's shared directory when it has one.
    [[nodiscard]] static Result<Directory> openAt(const QString& explicitPath, const QString& configured = {},
                                                  const QByteArray& password = {});
    // The shared directory alone, read-only: what it has imported (stats()).
    [[nodiscard]] static Result<Directory> openShared(const QString& path);

    // Imports one extract (kind detected from its header), in one transaction. Re-importing the
    // next day's file updates changed rows, adds new ones and retires vanished ones; local
    // additions, preferences, rules and history are kept.
    [[nodiscard]] Result<ImportReport> importFile(const QString& path);

    // Ranked candidates for a recipient as read on a letter (see matcher.h).
    [[nodiscard]] Result<MatchResult> match(const MatchQuery& query, int limit = 5) const;

    // The professional with their first active practice (retired ones too); nullopt if unknown.
    [[nodiscard]] Result<std::optional<Professional>> professional(const QString& rpps) const;
    // The professionals holding this MSSanté address (PER), each with their first practice.
    [[nodiscard]] Result<QList<Professional>> byMailbox(const QString& address) const;
    // One Professional per practice, active ones first.
    [[nodiscard]] Result<QList<Professional>> practices(const QString& rpps) const;

    // Ways to reach the professional: MSSanté PER, MSSanté ORG of their practices, postal
    // addresses; the preferred one (for this document type, else in general) first and flagged.
    [[nodiscard]] Result<QList<Channel>> channels(const QString& rpps, const QString& documentType = {}) const;
    // The preference that applies to this document type: its own, else the general one.
    [[nodiscard]] Result<std::optional<Preference>> preference(const QString& rpps,
                                                               const QString& documentType = {}) const;
    [[nodiscard]] Result<QList<Preference>> preferences(const QString& rpps) const;

    // An explicit preference (`missive directory prefer`); confirmations never override it.
    [[nodiscard]] Result<void> prefer(const QString& rpps, ChannelKind channel, const QString& address,
                                      const QString& documentType, const QString& user);
    // The secretary confirmed a sending. Learning: the first choice becomes the general default;
    // the latest choice for a document type becomes that type's default. Explicit preferences win.
    [[nodiscard]] Result<void> recordConfirmation(const QString& rpps, ChannelKind channel, const QString& address,
                                                  const QString& documentType, const QString& user);
    // Changes to this professional's preferences and local data (who, when, from what, to what).
    [[nodiscard]] Result<QList<HistoryEntry>> history(const QString& rpps) const;

    // Default recipients per document type (JDV_J07 code); every rule when documentType is empty.
    [[nodiscard]] Result<QList<Rule>> rules(const QString& documentType = {}) const;
    // The rules the configuration sets ([rules]), per document type: they replace the directory's
    // own for that type (rules() gives them, marked imposed) and setRules/removeRules refuse to
    // change that type. `locked`: the types IT's policies set (the message says so).
    void imposeRules(const QMap<QString, QList<Rule>>& rules, const QStringList& locked);
    [[nodiscard]] Result<void> setRules(const QString& documentType, const QList<Rule>& rules, const QString& user);
    [[nodiscard]] Result<int> removeRules(const QString& documentType, const QList<Rule>& rules, const QString& user);
    [[nodiscard]] Result<QList<HistoryEntry>> ruleHistory(const QString& documentType) const;

    // A professional missing from the extracts (foreign doctor, new arrival): marked local, never
    // retired by an import. Returns the id: the given RPPS, or a new "L…" id.
    [[nodiscard]] Result<QString> addLocal(const Professional& professional, const QString& user);

    // The establishment's staff as the secretaries taught it: the RPPS picked as a letter's author.
    // Where the author of the next letter is looked for first (MatchQuery::members).
    [[nodiscard]] Result<QStringList> staff() const;
    [[nodiscard]] Result<void> addStaff(const QString& rpps, const QString& user);

    [[nodiscard]] Result<Stats> stats() const;

private:
    // practices() for a professional already read (a search's candidate): one query fewer.
    [[nodiscard]] Result<QList<Professional>> practicesOf(const PersonRow& person) const;
    // The same for several: a server store reads them in two round trips.
    [[nodiscard]] Result<QList<QList<Professional>>> practicesOf(const QList<const PersonRow*>& persons) const;

    [[nodiscard]] Result<void> checkNotImposed(const QString& documentType) const;

    std::unique_ptr<Store> m_store;
    QMap<QString, QList<Rule>> m_imposed;
    QStringList m_imposedLocked;
};

} // namespace missive::directory
