#pragma once
// The identity and document flags shared by `missive package` and `missive send`: the letter is
// read (as `missive analyze` does) and the flags override what was read.

#include "cli.h"
#include "missive/engine/document_preparation.h"
#include "missive/engine/recipient_matching.h"

#include <QCommandLineParser>

namespace missive::cli
{

void addDocumentOptions(QCommandLineParser& parser);

// Reads the PDF, analyses it unless --no-analyze (recipients matched when `directory` is given),
// and prepares the document. Usage errors come back as ErrorCode::InvalidArgument.
struct LetterDocument
{
    QByteArray pdf;
    std::optional<ocr::Analysis> analysis;
    engine::PreparedDocument prepared;
};
// `settings`: the establishment, and what IT's policies lock (--org-id, --org-name refused then).
[[nodiscard]] Result<LetterDocument> readLetterDocument(const QCommandLineParser& parser, const QString& pdfPath,
                                                        const transport::Settings& settings,
                                                        const directory::Directory* directory);

} // namespace missive::cli
