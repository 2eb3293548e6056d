#include "missive/engine/reading.h"

#include "missive/engine/recipient_matching.h"

#include <optional>

namespace missive::engine
{

namespace
{

template <class Read>
Result<Analysis> readAndMatch(const directory::Directory* directory, LetterReader* reader, Read&& read)
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
        if (auto matched = matchRecipients(*analysis, *directory); !matched) {
            return tl::unexpected(matched.error());
        }
    }
    return analysis;
}

} // namespace

Result<Analysis> readLetter(const QByteArray& pdf, const QString& name, const directory::Directory* directory,
                            const Limits& limits, LetterReader* reader)
{
    return readAndMatch(directory, reader, [&](LetterReader& r) { return r.analyze(pdf, name, limits); });
}

Result<Analysis> readLetter(const QString& path, const directory::Directory* directory, const Limits& limits,
                            LetterReader* reader)
{
    return readAndMatch(directory, reader, [&](LetterReader& r) { return r.analyze(path, limits); });
}

} // namespace missive::engine
