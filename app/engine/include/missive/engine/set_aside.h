#pragma once
// The prints the secretary kept for later ("Plus tard"), with what is left to check, remembered
// across sessions: at the next login they are listed in À vérifier, not popped up again. A small
// JSON file (0600) beside the user's outbox: job ids and French reasons, no patient data.

#include "missive/core/result.h"

#include <QMap>
#include <QString>

namespace missive::engine
{

class SetAsideLetters
{
public:
    // The file beside `outboxPath` (empty: the user's default outbox).
    explicit SetAsideLetters(const QString& outboxPath);

    // Job id -> what is left to check; empty when nothing was kept (or the file is unreadable:
    // the prints then simply pop up again).
    [[nodiscard]] QMap<QString, QString> load() const;
    [[nodiscard]] Result<void> save(const QMap<QString, QString>& letters) const;

    [[nodiscard]] const QString& path() const;

private:
    QString m_path;
};

} // namespace missive::engine
