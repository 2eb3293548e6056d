#include "layered_store.h"

#include "log.h"
#include "missive/directory/sqlite_store.h"

#include <QFile>
#include <QSet>
#include <algorithm>
#include <sys/stat.h>

namespace missive::directory
{
namespace
{

// Rows of both bases for one question. The user's local additions come first (they are few, and
// a list cut at `limit` must not lose them to a common name), then the shared base, then what an
// earlier per-user import left in the user's base for professionals the shared base does not hold.
QList<PersonRow> merged(const QList<PersonRow>& own, const QList<PersonRow>& shared, int limit)
{
    QList<PersonRow> rows;
    QSet<QString> seen;
    const auto add = [&](const PersonRow& row) {
        if ((limit <= 0 || rows.size() < limit) && !seen.contains(row.rpps)) {
            seen.insert(row.rpps);
            rows << row;
        }
    };
    for (const PersonRow& row : own) {
        if (row.local) {
            add(row);
        }
    }
    for (const PersonRow& row : shared) {
        add(row);
    }
    for (const PersonRow& row : own) {
        add(row);
    }
    return rows;
}

template <typename Ask> Result<QList<PersonRow>> bothBases(Store& own, Store& shared, int limit, Ask ask)
{
    auto mine = ask(own);
    if (!mine) {
        return tl::unexpected(mine.error());
    }
    auto common = ask(shared);
    if (!common) {
        return tl::unexpected(common.error());
    }
    return merged(*mine, *common, limit);
}

class LayeredStore final : public Store
{
public:
    LayeredStore(std::unique_ptr<Store> own, std::unique_ptr<Store> shared, const QString& sharedLocation)
        : m_own(std::move(own))
        , m_shared(std::move(shared))
        , m_sharedLocation(sharedLocation)
        , m_sharedFile(identity())
    {
    }

    Result<std::unique_ptr<ImportSession>> beginImport(SourceKind, const QString&) override
    {
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("L'annuaire de cette machine est partagé (%1) : il est importé une fois pour "
                                        "tous par le service missive-directory-update (en administrateur : missive "
                                        "directory update --shared). Pour un annuaire personnel : --db FICHIER.")
                             .arg(m_sharedLocation),
                         QStringLiteral("import into a layered directory"));
    }

    Result<QList<PersonRow>> findByName(NameKeyKind kind, const QString& family, const QString& given,
                                        const QString& place, int limit) override
    {
        return bothBases(*m_own, shared(), limit,
                         [&](Store& s) { return s.findByName(kind, family, given, place, limit); });
    }

    Result<QList<PersonRow>> findByText(const QStringList& fragments, bool all, int limit) override
    {
        return bothBases(*m_own, shared(), limit, [&](Store& s) { return s.findByText(fragments, all, limit); });
    }

    Result<std::optional<PersonRow>> findByRpps(const QString& rpps) override
    {
        auto mine = m_own->findByRpps(rpps);
        if (!mine || (*mine && (*mine)->local)) {
            return mine;
        }
        auto common = shared().findByRpps(rpps);
        if (!common || *common) {
            return common;
        }
        return mine;
    }

    Result<QList<PersonRow>> findByMailbox(const QString& address) override
    {
        return bothBases(*m_own, shared(), 0, [&](Store& s) { return s.findByMailbox(address); });
    }

    // The shared base's practices, then the user's own for that professional (a local addition);
    // what an earlier per-user import left only when the shared base has none.
    Result<QList<ActivityRow>> activities(const QString& rpps) override
    {
        auto common = m_shared->activities(rpps);
        if (!common) {
            return common;
        }
        auto mine = m_own->activities(rpps);
        if (!mine) {
            return mine;
        }
        QList<ActivityRow> rows = *common;
        for (const ActivityRow& row : *mine) {
            if (row.local || common->isEmpty()) {
                rows << row;
            }
        }
        return rows;
    }

    Result<QList<Mailbox>> mailboxes(const QString& rpps, const QStringList& structureKeys) override
    {
        auto common = m_shared->mailboxes(rpps, structureKeys);
        if (!common) {
            return common;
        }
        auto mine = m_own->mailboxes(rpps, structureKeys);
        if (!mine) {
            return mine;
        }
        QList<Mailbox> boxes = *common;
        for (const Mailbox& box : *mine) {
            const bool known = std::any_of(boxes.begin(), boxes.end(), [&](const Mailbox& b) {
                return b.address.compare(box.address, Qt::CaseInsensitive) == 0;
            });
            if (!known) {
                boxes << box;
            }
        }
        return boxes;
    }

    Result<QString> addLocal(const Professional& professional, const QString& user) override
    {
        if (const QString id = professional.rpps.trimmed(); !id.isEmpty()) {
            auto existing = m_shared->findByRpps(id);
            if (!existing) {
                return tl::unexpected(existing.error());
            }
            if (*existing) {
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("Le professionnel %1 est déjà dans l'annuaire.").arg(id),
                                 QStringLiteral("local addition of an id of the shared directory"));
            }
        }
        return m_own->addLocal(professional, user);
    }

    // Everything the user or the service teaches lives in the user's base.
    Result<QList<Preference>> preferences(const QString& rpps) override
    {
        return m_own->preferences(rpps);
    }
    Result<void> setPreference(const Preference& preference, const QString& user) override
    {
        return m_own->setPreference(preference, user);
    }
    Result<void> logConfirmation(const Confirmation& confirmation) override
    {
        return m_own->logConfirmation(confirmation);
    }
    Result<QList<HistoryEntry>> history(const QString& subject) override
    {
        return m_own->history(subject);
    }
    Result<QList<Rule>> rules(const QString& documentType) override
    {
        return m_own->rules(documentType);
    }
    Result<void> replaceRules(const QString& documentType, const QList<Rule>& rules, const QString& user) override
    {
        return m_own->replaceRules(documentType, rules, user);
    }
    Result<int> removeRules(const QString& documentType, const QList<Rule>& rules, const QString& user) override
    {
        return m_own->removeRules(documentType, rules, user);
    }
    Result<QStringList> staff() override
    {
        return m_own->staff();
    }
    Result<void> addStaff(const QString& rpps, const QString& user) override
    {
        return m_own->addStaff(rpps, user);
    }

    // The extracts as the shared base holds them, what the user added and taught as theirs.
    Result<Stats> stats() override
    {
        auto common = shared().stats();
        if (!common) {
            return common;
        }
        auto mine = m_own->stats();
        if (!mine) {
            return mine;
        }
        Stats stats = *common;
        stats.persons += mine->local;
        stats.local = mine->local;
        stats.preferences = mine->preferences;
        stats.rules = mine->rules;
        stats.shared = m_sharedLocation;
        return stats;
    }

private:
    struct FileIdentity
    {
        dev_t device = 0;
        ino_t inode = 0;
        friend bool operator==(const FileIdentity&, const FileIdentity&) = default;
    };
    FileIdentity identity() const
    {
        struct stat st = {};
        if (::stat(QFile::encodeName(m_sharedLocation).constData(), &st) != 0) {
            return {};
        }
        return {st.st_dev, st.st_ino};
    }

    // The shared base as published now. An update replaces the file: a long-lived program (the
    // secretary's app runs all day) would otherwise read the version it started with for ever,
    // and keep that old file's disk space. Checked at each search (one stat); a new file that
    // cannot be opened leaves the version in hand.
    Store& shared()
    {
        const FileIdentity now = identity();
        if (now.inode != 0 && !(now == m_sharedFile)) {
            if (auto reopened = openSqliteStore(m_sharedLocation, SqliteAccess::ReadOnly); reopened) {
                m_shared = std::move(*reopened);
                m_sharedFile = now;
                qCInfo(lcDirectory) << "shared directory replaced: reopened";
            } else {
                qCWarning(lcDirectory) << "shared directory replaced, not reopened:" << reopened.error().detail;
            }
        }
        return *m_shared;
    }

    std::unique_ptr<Store> m_own;
    std::unique_ptr<Store> m_shared;
    QString m_sharedLocation;
    FileIdentity m_sharedFile;
};

} // namespace

std::unique_ptr<Store> layeredStore(std::unique_ptr<Store> own, std::unique_ptr<Store> shared,
                                    const QString& sharedLocation)
{
    return std::make_unique<LayeredStore>(std::move(own), std::move(shared), sharedLocation);
}

} // namespace missive::directory
