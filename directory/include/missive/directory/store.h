#pragma once
// Storage behind the directory. SQLite (sqlite_store.h) is the embedded implementation; a shared
// server database (PostgreSQL for a hospital group) can implement the same interface. Parsing,
// key computation and matching live above it (importer, names.h, directory.h), so every backend
// stores and queries the same keys with plain equality and substring lookups.

#include "missive/core/result.h"
#include "missive/directory/types.h"

#include <memory>
#include <type_traits>

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

// One mailboxes().
struct MailboxLookup
{
    QString rpps;
    QStringList structureKeys;
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
    // True when several lookups asked together cost about what one does (a server's round trip).
    [[nodiscard]] virtual bool asksTogether() const
    {
        return false;
    }
    // Several findByName, answered in order: a server store asks them in one round trip.
    [[nodiscard]] virtual Result<QList<QList<PersonRow>>> findByNames(const QList<NameLookup>& lookups, int limit)
    {
        return each(lookups, [&](const NameLookup& one) {
            return findByName(one.kind, one.family, one.given, one.place, limit);
        });
    }
    // Active professionals whose folded "FAMILY GIVEN" contains every fragment (all) or any (!all).
    [[nodiscard]] virtual Result<QList<PersonRow>> findByText(const QStringList& fragments, bool all, int limit) = 0;
    [[nodiscard]] virtual Result<std::optional<PersonRow>> findByRpps(const QString& rpps) = 0;
    [[nodiscard]] virtual Result<QList<PersonRow>> findByMailbox(const QString& address) = 0;
    // Practices of a professional, active ones first.
    [[nodiscard]] virtual Result<QList<ActivityRow>> activities(const QString& rpps) = 0;
    // Active mailboxes: PER of the professional first, then ORG of the given structures.
    [[nodiscard]] virtual Result<QList<Mailbox>> mailboxes(const QString& rpps, const QStringList& structureKeys) = 0;
    // Several activities(), then several mailboxes(), answered in order: a server store asks each
    // batch in one round trip (a search's candidates are read together).
    [[nodiscard]] virtual Result<QList<QList<ActivityRow>>> activitiesOf(const QStringList& rpps)
    {
        return each(rpps, [&](const QString& one) { return activities(one); });
    }
    [[nodiscard]] virtual Result<QList<QList<Mailbox>>> mailboxesOf(const QList<MailboxLookup>& lookups)
    {
        return each(lookups, [&](const MailboxLookup& one) { return mailboxes(one.rpps, one.structureKeys); });
    }

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

protected:
    // `ask` for each of `items`, the answers in order; the first error stops.
    template <typename Item, typename Ask>
    static auto each(const QList<Item>& items, Ask ask)
        -> Result<QList<typename std::invoke_result_t<Ask, const Item&>::value_type>>
    {
        QList<typename std::invoke_result_t<Ask, const Item&>::value_type> answers;
        for (const auto& item : items) {
            auto answer = ask(item);
            if (!answer) {
                return tl::unexpected(answer.error());
            }
            answers << std::move(*answer);
        }
        return answers;
    }
};

} // namespace missive::directory
