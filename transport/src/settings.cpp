#include "missive/transport/settings.h"

#include "c_handles.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <map>
#ifdef Q_OS_WIN
#include <QSettings>
#endif
#include <qt6keychain/keychain.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace missive::transport
{

bool SecretSource::isSet() const
{
    return !typed.isEmpty() || !file.isEmpty() || !envVar.isEmpty() || !keychainKey.isEmpty();
}

bool MssanteSettings::isConfigured() const
{
    return smtpUrl.isValid() && !smtpUrl.isEmpty();
}

bool ImapSettings::isConfigured() const
{
    return url.isValid() && !url.isEmpty();
}

bool DmpConfig::isConfigured() const
{
    return endpoint.isValid() && !endpoint.isEmpty();
}

bool PostalSettings::isConfigured() const
{
    return !queue.isEmpty();
}

Result<QByteArray> readSecret(const SecretSource& source)
{
    if (!source.typed.isEmpty()) {
        return source.typed;
    }
    if (!source.envVar.isEmpty()) {
        const QByteArray value = qgetenv(source.envVar.toLatin1().constData());
        if (value.isEmpty()) {
            return makeError(
                ErrorCode::NotFound,
                QStringLiteral("la variable d'environnement %1 (phrase secrète) n'est pas définie").arg(source.envVar),
                QStringLiteral("secret environment variable unset"));
        }
        return value;
    }
    if (!source.keychainKey.isEmpty()) {
        return readKeychainSecret(source.keychainKey);
    }
    if (source.file.isEmpty()) {
        return QByteArray();
    }
    auto read = detail::readOwnerOnlyFile(source.file, QStringLiteral("Le fichier secret"));
    if (!read) {
        return tl::unexpected(read.error());
    }
    QByteArray content = std::move(*read);
    const qsizetype newline = content.indexOf('\n');
    if (newline >= 0) {
        content.truncate(newline);
    }
    if (content.endsWith('\r')) {
        content.chop(1);
    }
    return content;
}

} // namespace missive::transport

namespace missive::transport
{

namespace
{

template <typename JobType> void runJob(JobType& job)
{
    job.setAutoDelete(false);
    QEventLoop loop; // works on any thread with an event dispatcher (the GUI, QThread, QCoreApplication)
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}

} // namespace

Result<QByteArray> readKeychainSecret(const QString& key)
{
    QKeychain::ReadPasswordJob job(QString::fromLatin1(KeychainService));
    job.setKey(key);
    runJob(job);
    if (job.error() != QKeychain::NoError) {
        return makeError(
            ErrorCode::Unavailable,
            QStringLiteral("secret « %1 » introuvable dans le trousseau du système (%2)").arg(key, job.errorString()),
            QStringLiteral("keychain read failed: %1").arg(int(job.error())));
    }
    return job.textData().toUtf8();
}

Result<void> writeKeychainSecret(const QString& key, const QByteArray& secret)
{
    QKeychain::WritePasswordJob job(QString::fromLatin1(KeychainService));
    job.setKey(key);
    job.setTextData(QString::fromUtf8(secret));
    runJob(job);
    if (job.error() != QKeychain::NoError) {
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("impossible d'enregistrer le secret dans le trousseau du système (%1)")
                             .arg(job.errorString()),
                         QStringLiteral("keychain write failed: %1").arg(int(job.error())));
    }
    return {};
}

} // namespace missive::transport
