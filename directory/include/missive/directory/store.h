#pragma once
// Storage behind the directory. SQLite (sqlite_store.h) is the embedded implementation; a shared
// server database (PostgreSQL for a hospital group) can implement the same interface. Parsing,
// key computation and matching live above it (importer, names.h, directory.h), so every backend
// stores and queries the same keys with plain equality and substring lookups.

#include "missive/core/result.h"
#include "missive/directory/types.h"

#include <memory>

namespace missive::directory
{

// One file's import: a single transaction. Destroying it without commit() rolls everything back.
class ImportSession
{
public:
    virtual ~ImportSession() = default;
    [[nodiscard]] virtual Result<RowOutcome> addActivity(const ActivityRecord& row) = 0;
    [[nodiscard]] virtual Result<RowOutcome> addMailbox(const MailboxRecord& row) = 0;
    // Marks retired what this file no longer holds (never local rows), records the run, commits.
    [[nodiscard]] virtual Result<ImportCounts> commit() = 0;
};

// One findByName.
struct NameLookup
{
    NameKeyKind kind = NameKeyKind::Key;
    QString family;
    QString given;
    QString place;
};

class Store
{
public:
    virtual ~Store() = default;

    [[nodiscard]] virtual Result<std::unique_ptr<ImportSession>> beginImport(SourceKind kind,
                                                                             const QString& sourceName) = 0;

    // Active professionals whose family key of `kind` equals `family`, and whose given key equals
    // `given` and whose places (PersonRow::places) contain `place`, when those are not empty.
    [[nodiscard]] virtual Result<QList<PersonRow>>
    findByName(NameKeyKind kind, const QString& family, const QString& given, const QString& place, int limit) = 0;
    // Several findByName, answered in order: a server store asks them in one round trip.
    [[nodiscard]] virtual Result<QList<QList<PersonRow>>> findByNames(const QList<NameLookup>& lookups, int limit)
    {
        QList<QList<PersonRow>> answers;
        for (const auto& lookup : lookups) {
            auto rows = findByName(lookup.kind, lookup.family, lookup.given, lookup.place, limit);
            if (!rows) {
                return tl::unexpected(rows.error());
            }
            answers << *rows;
        }
        return answers;
    }
    // Active professionals whose folded "FAMILY GIVEN" contains every fragment (all) or any (!all).
    [[nodiscard]] virtual Result<QList<PersonRow>> findByText(const QStringList& fragments, bool all, int limit) = 0;
    [[nodiscard]] virtual Result<std::optional<PersonRow>> findByRpps(const QString& rpps) = 0;
    [[nodiscard]] virtual Result<QList<PersonRow>> findByMailbox(const QString& address) = 0;
    // Practices of a professional, active ones first.
    [[nodiscard]] virtual Result<QList<ActivityRow>> activities(const QString& rpps) = 0;
    // Active mailboxes: PER of the professional first, then ORG of the given structures.
    [[nodiscard]] virtual Result<QList<Mailbox>> mailboxes(const QString& rpps, const QStringList& structureKeys) = 0;

    // Stores a professional missing from the extracts; returns its id (the RPPS, or a new "L…" id).
    [[nodiscard]] virtual Result<QString> addLocal(const Professional& professional, const QString& user) = 0;

    [[nodiscard]] virtual Result<QList<Preference>> preferences(const QString& rpps) = 0;
    // Creates or replaces the preference for (rpps, documentType) and records the change.
    [[nodiscard]] virtual Result<void> setPreference(const Preference& preference, const QString& user) = 0;
    [[nodiscard]] virtual Result<void> logConfirmation(const Confirmation& confirmation) = 0;
    [[nodiscard]] virtual Result<QList<HistoryEntry>> history(const QString& subject) = 0;

    // Every rule when documentType is empty.
    [[nodiscard]] virtual Result<QList<Rule>> rules(const QString& documentType) = 0;
    [[nodiscard]] virtual Result<void> replaceRules(const QString& documentType, const QList<Rule>& rules,
                                                    const QString& user) = 0;
    // Removes the given rules of the type (all of them when `rules` is empty); returns how many.
    [[nodiscard]] virtual Result<int> removeRules(const QString& documentType, const QList<Rule>& rules,
                                                  const QString& user) = 0;

    // The establishment's staff learned from the secretaries' choices of a letter's author (RPPS).
    [[nodiscard]] virtual Result<QStringList> staff() = 0;
    // Adds `rpps` to the staff (nothing when already there) and records the change.
    [[nodiscard]] virtual Result<void> addStaff(const QString& rpps, const QString& user) = 0;

    [[nodiscard]] virtual Result<Stats> stats() = 0;
};

} // namespace missive::directory
