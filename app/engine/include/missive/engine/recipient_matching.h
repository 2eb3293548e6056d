#pragma once
// Reading meets the directory: each recipient read on a letter (missive_ocr) is looked up in the
// preference directory (missive_directory), which fills its RPPS, score and auto-selection. Used by
// `missive analyze --db` and by the app, so both propose the same recipients.

#include "missive/core/result.h"
#include "missive/directory/directory.h"
#include "missive/ocr/analysis.h"
#include "missive/transport/settings.h"

namespace missive::engine
{

// Fills `rpps`, `score` and `autoSelected` of every recipient, and the author's RPPS when the
// directory recognises the author without doubt (matchAuthor). The author is excluded from every recipient's
// candidates (a letter's signatory is never its recipient). A recipient the directory does not
// know keeps a null RPPS and a zero score; an ambiguous one (homonyms nothing on the letter
// separates) also keeps a null RPPS, never a guess, with the best candidate's score and
// autoSelected = false: the secretary chooses among the directory's candidates.
[[nodiscard]] Result<void> matchRecipients(ocr::Analysis& analysis, const directory::Directory& directory,
                                           const transport::StructureSettings* structure = nullptr);

// The directory's candidates for the letter's signing author, who works for the establishment
// that printed it: first among its staff (professionals practising at the structure's id or
// sites, the staff IT listed, those the secretaries picked before: Directory::staff()), then the
// name alone when it is unambiguous nationally, then namesakes at the letterhead's place.
// autoSelected only when one of these is sure. No author read: no candidates.
[[nodiscard]] Result<directory::MatchResult> matchAuthor(const ocr::Analysis& analysis,
                                                         const directory::Directory& directory,
                                                         const transport::StructureSettings* structure, int limit = 2);

// The directory's candidates for one recipient read on the letter, best first, the author (once
// recognised by matchRecipients) excluded: what the secretary chooses from.
[[nodiscard]] Result<directory::MatchResult> matchRecipient(const ocr::Recipient& recipient,
                                                            const ocr::Analysis& analysis,
                                                            const directory::Directory& directory, int limit = 5);

// What someone typed to find a professional: an RPPS number (exact, first practice), an MSSanté
// address (its holders), or a name as on a letter (ranked by the matcher with `query`'s other
// fields). Shared by `missive directory search` and the popup's search-as-you-type.
[[nodiscard]] Result<directory::MatchResult> searchDirectory(const directory::Directory& directory, const QString& text,
                                                            directory::MatchQuery query = {}, int limit = 5);

} // namespace missive::engine
