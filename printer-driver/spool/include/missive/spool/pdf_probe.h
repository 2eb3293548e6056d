#pragma once
// A light structural check of a PDF, with the standard library only, so that the
// CUPS backend can quarantine what is not a readable PDF and count its pages
// without linking a PDF library. Poppler, in the reader, remains the authority.

#include "missive/spool/envelope.h"

#include <optional>
#include <string>
#include <string_view>

namespace missive::spool
{

struct PdfProbe
{
    RejectReason verdict = RejectReason::None;
    std::optional<int> pages; // absent when the page tree cannot be reached uncompressed
    bool encrypted = false;
    std::string detail; // English, for logs; never document content
};

[[nodiscard]] PdfProbe probePdf(std::string_view data);

} // namespace missive::spool
