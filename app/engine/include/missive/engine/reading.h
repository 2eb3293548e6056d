#pragma once
// Reading a letter, as the CLI and the app ask for it: what the letter says (missive_ocr), its
// recipients matched in the directory, and its pages drawn for the preview. The reader's types
// (Analysis, Limits…) are part of this door.

#include "missive/core/result.h"
#include "missive/directory/directory.h"
#include "missive/ocr/analysis.h"
#include "missive/ocr/analyzer.h"
#include "missive/ocr/preview.h"
#include "missive/transport/settings.h"

#include <QByteArray>
#include <QString>

namespace missive::engine
{

using ocr::Analysis;
using ocr::LetterReader;
using ocr::Limits;
using ocr::PagePreview;
using ocr::renderPreview;

// A letter given as a file (`missive send FILE`, `missive-app FILE`): read once, refused beyond the
// reader's size limit, and refused when it is not a PDF.
[[nodiscard]] Result<QByteArray> readLetterFile(const QString& path);

// Reads the letter `pdf` (named `name` in the analysis) with `reader`, by default in this process
// (a caller that must survive a hostile print passes an isolated reader: sessionReader()), and
// matches its recipients in `directory` (may be null: names as read, nothing selected), its author
// first among the staff of `structure` (may be null: the directory alone).
[[nodiscard]] Result<Analysis> readLetter(const QByteArray& pdf, const QString& name,
                                          const directory::Directory* directory, const Limits& limits = {},
                                          LetterReader* reader = nullptr,
                                          const transport::StructureSettings* structure = nullptr);
// The same for the file `path`, refused beyond limits.maxFileBytes before it is read (the reader's
// errors: not-found, file-too-large, corrupt…).
[[nodiscard]] Result<Analysis> readLetter(const QString& path, const directory::Directory* directory,
                                          const Limits& limits = {}, LetterReader* reader = nullptr,
                                          const transport::StructureSettings* structure = nullptr);

} // namespace missive::engine
