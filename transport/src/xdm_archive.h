#pragma once
// Internal: the IHE XDM (ITI-32) archive for e-mail (specs DIGEST §3.1), built with libzip.

#include "document_facts.h"

namespace missive::transport::detail
{

inline constexpr auto XdmCdaName = "DOC0001.XML";

[[nodiscard]] Result<QByteArray> buildXdmArchive(const DocumentFacts& facts, const QByteArray& cda);

} // namespace missive::transport::detail
