#include "missive/transport/extract_fetch.h"

#include "c_handles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <map>
#include <zip.h>

namespace missive::transport
{
namespace
{

const QRegularExpression& extractPattern()
{
    // PS_LibreAcces_Personne_activite_202611230000.txt, Extraction_Correspondance_MSSante_202611230000.txt
    static const QRegularExpression re(
        QStringLiteral("^(PS_LibreAcces_Personne_activite|Extraction_Correspondance_MSSante)_(\\d{12})\\.txt$"));
    return re;
}

// The national extracts are about 1 GB unpacked today; far beyond that is a broken or hostile source
// that would fill the disk.
constexpr qint64 MaxDownload = qint64(4) << 30;
constexpr qint64 MaxExtract = qint64(16) << 30;

Error fetchError(const QString& message, const QString& detail)
{
    return Error{ErrorCode::Unavailable, message, detail};
}

// The zip's extracts written next to it; anything else in the archive is ignored.
Result<QStringList> unzipExtracts(const QString& zipPath, const QString& dir)
{
    int code = 0;
    CHandle<zip_t, zip_discard> archive(zip_open(QFile::encodeName(zipPath).constData(), ZIP_RDONLY, &code));
    if (!archive) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("l'archive téléchargée est illisible"),
                         QStringLiteral("zip_open error %1").arg(code));
    }
    QStringList out;
    const zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
    for (zip_int64_t i = 0; i < entries; ++i) {
        const QString name = QFileInfo(QString::fromUtf8(zip_get_name(archive.get(), i, 0))).fileName();
        if (!isExtractName(name)) {
            continue; // the base name only: no path from the archive reaches the disk
        }
        CHandle<zip_file_t, zip_fclose> entry(zip_fopen_index(archive.get(), i, 0));
        QSaveFile file(dir + u'/' + name);
        if (!entry || !file.open(QIODevice::WriteOnly)) {
            return makeError(ErrorCode::Io, QStringLiteral("extraction impossible de %1").arg(name),
                             file.errorString());
        }
        char buffer[1 << 16];
        zip_int64_t read = 0;
        qint64 written = 0;
        while ((read = zip_fread(entry.get(), buffer, sizeof buffer)) > 0) {
            written += read;
            if (written > MaxExtract) {
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("%1 dépasse la taille admise pour une extraction").arg(name),
                                 QStringLiteral("zip entry too large"));
            }
            if (file.write(buffer, read) != read) {
                return makeError(ErrorCode::Io, QStringLiteral("extraction impossible de %1").arg(name),
                                 file.errorString());
            }
        }
        if (read < 0 || !file.commit()) {
            return makeError(ErrorCode::Io, QStringLiteral("extraction impossible de %1").arg(name),
                             QStringLiteral("zip read or commit failed"));
        }
        out << file.fileName();
    }
    if (out.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("l'archive téléchargée ne contient aucune extraction de l'Annuaire Santé"),
                         QStringLiteral("no extract in zip"));
    }
    return out;
}

size_t writeToFile(char* data, size_t size, size_t count, void* file)
{
    auto* out = static_cast<QFile*>(file);
    const auto bytes = static_cast<qint64>(size * count);
    if (out->pos() + bytes > MaxDownload) {
        return 0; // curl stops with a write error (a server that sends no length is capped here)
    }
    return static_cast<size_t>(out->write(data, bytes));
}

Result<QStringList> download(const DirectoryUpdateSettings& settings, const QString& scratchDir)
{
    QString name = QFileInfo(settings.url.path()).fileName();
    if (!isExtractName(name)) {
        name = QStringLiteral("extraction.download");
    }
    QFile file(scratchDir + u'/' + name);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return makeError(ErrorCode::Io, QStringLiteral("écriture impossible dans %1").arg(scratchDir),
                         file.errorString());
    }
    detail::CurlEasy curl(curl_easy_init());
    const QByteArray url = settings.url.toEncoded();
    const QByteArray ca = QFile::encodeName(settings.caBundle);
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.constData());
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "https"); // redirects included
    curl_easy_setopt(curl.get(), CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_SSL_VERIFYHOST, 2L);
    if (!settings.caBundle.isEmpty()) {
        curl_easy_setopt(curl.get(), CURLOPT_CAINFO, ca.constData());
    }
    curl_easy_setopt(curl.get(), CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(MaxDownload));
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_LIMIT, 1024L); // stalled for a minute: give up
    curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, writeToFile);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &file);
    const CURLcode rc = curl_easy_perform(curl.get());
    file.close();
    if (rc != CURLE_OK) {
        file.remove();
        return tl::unexpected(fetchError(QStringLiteral("téléchargement de l'annuaire impossible depuis %1 : %2")
                                             .arg(settings.url.host(), QString::fromUtf8(curl_easy_strerror(rc))),
                                         QStringLiteral("curl %1").arg(int(rc))));
    }
    QFile probe(file.fileName());
    if (!probe.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::Io, QStringLiteral("lecture impossible du téléchargement"), probe.errorString());
    }
    if (probe.read(4) == QByteArray("PK\x03\x04", 4)) {
        auto extracted = unzipExtracts(file.fileName(), scratchDir);
        QFile::remove(file.fileName());
        return extracted;
    }
    if (!isExtractName(name)) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("le téléchargement n'est ni une archive zip ni une extraction de l'Annuaire "
                                        "Santé nommée comme telle"),
                         QStringLiteral("unknown download"));
    }
    return QStringList{file.fileName()};
}

} // namespace

bool isExtractName(const QString& fileName)
{
    return extractPattern().match(fileName).hasMatch();
}

QStringList newestExtracts(const QStringList& fileNames, const QStringList& alreadyImported)
{
    std::map<QString, QString> newest; // kind -> newest name (the date sorts as text)
    for (const QString& path : fileNames) {
        const QString name = QFileInfo(path).fileName();
        const auto match = extractPattern().match(name);
        if (!match.hasMatch()) {
            continue;
        }
        QString& best = newest[match.captured(1)];
        if (best.isEmpty() || QFileInfo(best).fileName() < name) {
            best = path;
        }
    }
    QStringList out;
    // Persons and activities first: the mailboxes refer to them.
    for (const char* kind : {"PS_LibreAcces_Personne_activite", "Extraction_Correspondance_MSSante"}) {
        const auto it = newest.find(QString::fromLatin1(kind));
        if (it != newest.end() && !alreadyImported.contains(QFileInfo(it->second).fileName())) {
            out << it->second;
        }
    }
    return out;
}

Result<QStringList> fetchExtracts(const DirectoryUpdateSettings& settings, const QStringList& alreadyImported,
                                  const QString& scratchDir)
{
    if (!settings.share.isEmpty()) {
        const QDir share(settings.share);
        if (!share.exists()) {
            return tl::unexpected(
                fetchError(QStringLiteral("le dossier de l'annuaire %1 est inaccessible").arg(settings.share),
                           QStringLiteral("share missing")));
        }
        QStringList paths;
        for (const QString& name : share.entryList(QDir::Files)) {
            paths << share.filePath(name);
        }
        return newestExtracts(paths, alreadyImported);
    }
    if (!settings.url.isEmpty()) {
        auto downloaded = download(settings, scratchDir);
        if (!downloaded) {
            return downloaded;
        }
        return newestExtracts(*downloaded, alreadyImported);
    }
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("aucune source d'annuaire configurée : [directory] update_share ou update_url"),
                     QStringLiteral("no directory source"));
}

} // namespace missive::transport
