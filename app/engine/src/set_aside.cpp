#include "missive/engine/set_aside.h"

#include "missive/core/safe_file.h"
#include "missive/transport/outbox.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace missive::engine
{

// Beside the outbox file; with a group's shared outbox, in the user's own data directory: the
// letters a secretary put aside are hers, on this computer.
SetAsideLetters::SetAsideLetters(const QString& outboxPath)
    : m_path(QFileInfo(outboxPath.isEmpty() || transport::Outbox::isSharedLocation(outboxPath)
                           ? transport::Outbox::defaultPath()
                           : outboxPath)
                 .absolutePath()
             + QStringLiteral("/later.json"))
{
}

const QString& SetAsideLetters::path() const
{
    return m_path;
}

QMap<QString, QString> SetAsideLetters::load() const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QJsonObject object = QJsonDocument::fromJson(file.read(1 << 20)).object();
    QMap<QString, QString> letters;
    for (auto it = object.begin(); it != object.end(); ++it) {
        letters.insert(it.key(), it.value().toString());
    }
    return letters;
}

Result<void> SetAsideLetters::save(const QMap<QString, QString>& letters) const
{
    QJsonObject object;
    for (auto it = letters.begin(); it != letters.end(); ++it) {
        object.insert(it.key(), it.value());
    }
    // Its directory is the outbox's, or with a shared outbox the user's data directory, which
    // nothing may have created yet: made private to her.
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!QFileInfo::exists(dir)) {
        if (!QDir().mkpath(dir)) {
            return makeError(ErrorCode::Io, QStringLiteral("Impossible de créer le dossier %1.").arg(dir),
                             QStringLiteral("mkpath set-aside dir"));
        }
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    auto out = SafeFileWriter::open(m_path); // 0600, never through a link planted at that name
    if (!out) {
        return tl::unexpected(out.error());
    }
    if (auto written = out->write(QJsonDocument(object).toJson(QJsonDocument::Compact)); !written) {
        return written;
    }
    return out->commit();
}

} // namespace missive::engine
