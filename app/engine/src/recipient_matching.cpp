#include "missive/engine/recipient_matching.h"

#include <algorithm>

namespace missive::engine
{

namespace
{

directory::MatchQuery queryFor(const ocr::Recipient& recipient)
{
    directory::MatchQuery query;
    query.name = recipient.name;
    query.title = recipient.title;
    query.specialtyWords = recipient.specialtyWords;
    query.city = recipient.city;
    query.postcode = recipient.postcode;
    return query;
}

} // namespace

Result<directory::MatchResult> matchRecipient(const ocr::Recipient& recipient, const ocr::Analysis& analysis,
                                              const directory::Directory& directory, int limit)
{
    directory::MatchQuery query = queryFor(recipient);
    if (analysis.author && analysis.author->rpps) {
        query.excludeRpps.append(*analysis.author->rpps);
    }
    return directory.match(query, limit);
}

Result<void> matchRecipients(ocr::Analysis& analysis, const directory::Directory& directory)
{
    if (analysis.author) {
        if (!analysis.author->rpps) {
            // The signatory is usually in the directory too: take it only when unambiguous.
            directory::MatchQuery query;
            query.name = analysis.author->name;
            auto author = directory.match(query, 2);
            if (!author) {
                return tl::unexpected(author.error());
            }
            if (author->autoSelected && !author->candidates.isEmpty()) {
                analysis.author->rpps = author->candidates.front().professional.rpps;
            }
        }
    }
    for (ocr::Recipient& recipient : analysis.recipients) {
        if (recipient.patient || recipient.name.isEmpty()) {
            continue; // the patient's own copy goes through the patient's channels, not the directory
        }
        auto result = matchRecipient(recipient, analysis, directory);
        if (!result) {
            return tl::unexpected(result.error());
        }
        if (result->candidates.isEmpty()) {
            recipient.rpps.reset();
            recipient.autoSelected = false;
            recipient.score = 0.0;
            continue;
        }
        // Never guessed: an RPPS only when the directory is sure; otherwise the score tells the
        // app there are candidates for the secretary to choose from.
        const directory::Candidate& best = result->candidates.front();
        recipient.autoSelected = result->autoSelected;
        recipient.score = best.score;
        if (result->autoSelected) {
            recipient.rpps = best.professional.rpps;
        } else {
            recipient.rpps.reset();
        }
    }
    return {};
}

Result<directory::MatchResult> searchDirectory(const directory::Directory& directory, const QString& text,
                                               directory::MatchQuery query, int limit)
{
    const QString compact = QString(text).remove(QLatin1Char(' '));
    const bool byId =
        !compact.isEmpty() && std::all_of(compact.begin(), compact.end(), [](QChar c) { return c.isDigit(); });
    if (!byId && !text.contains(QLatin1Char('@'))) {
        query.name = text;
        return directory.match(query, limit);
    }
    // An RPPS number or a mailbox address: exact lookups.
    auto found = byId ? directory.practices(compact) : directory.byMailbox(text.trimmed());
    if (!found) {
        return tl::unexpected(found.error());
    }
    directory::MatchResult result;
    for (const auto& p : *found) {
        if (result.candidates.size() >= limit) {
            break;
        }
        result.candidates << directory::Candidate{p, 1.0};
        if (byId) {
            break; // one professional, first practice
        }
    }
    result.autoSelected = result.candidates.size() == 1;
    return result;
}

} // namespace missive::engine
