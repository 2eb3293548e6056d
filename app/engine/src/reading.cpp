#include "missive/engine/reading.h"

#include "missive/engine/recipient_matching.h"

#include <QFile>
#include <QFileInfo>
#include <optional>

namespace missive::engine
{

namespace
{

template <class Read>
Result<Analysis> readAndMatch(const directory::Directory* directory, const transport::StructureSettings* structure,
                              LetterReader* reader, Read&& read)
{
    std::optional<ocr::Analyzer> own;
    if (!reader) {
        reader = &own.emplace();
    }
    auto analysis = read(*reader);
    if (!analysis) {
        return analysis;
    }
    if (directory) {
        if (auto matched = matchRecipients(*analysis, *directory, structure); !matched) {
            return tl::unexpected(matched.error());
        }
    }
    return analysis;
}

} // namespace

Result<QByteArray> readLetterFile(const QString& path)
{
    const qint64 maxBytes = ocr::Limits{}.maxFileBytes;
    QFile file(path);
    if (!QFileInfo(path).isFile()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("Fichier introuvable : %1").arg(path),
                         QStringLiteral("not-found"));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::PermissionDenied, QStringLiteral("Lecture impossible : %1").arg(path),
                         file.errorString());
    }
    QByteArray pdf = file.read(maxBytes + 1);
    if (file.error() != QFileDevice::NoError) {
        return makeError(ErrorCode::Io, QStringLiteral("Lecture impossible : %1").arg(path), file.errorString());
    }
    if (pdf.size() > maxBytes) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 est trop volumineux pour un courrier (maximum %2 Mo).")
                             .arg(path)
                             .arg(maxBytes / (1024 * 1024)),
                         QStringLiteral("file-too-large"));
    }
    if (!pdf.startsWith("%PDF-")) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1 n'est pas un PDF").arg(path),
                         QStringLiteral("corrupt: no PDF header"));
    }
    return pdf;
}

Result<Analysis> readLetter(const QByteArray& pdf, const QString& name, const directory::Directory* directory,
                            const Limits& limits, LetterReader* reader, const transport::StructureSettings* structure)
{
    return readAndMatch(directory, structure, reader, [&](LetterReader& r) { return r.analyze(pdf, name, limits); });
}

Result<Analysis> readLetter(const QString& path, const directory::Directory* directory, const Limits& limits,
                            LetterReader* reader, const transport::StructureSettings* structure)
{
    return readAndMatch(directory, structure, reader, [&](LetterReader& r) { return r.analyze(path, limits); });
}

} // namespace missive::engine
