#include "missive/transport/package.h"

#include "document_facts.h"
#include "xdm_archive.h"

#include <QLoggingCategory>

namespace missive::transport
{

Q_LOGGING_CATEGORY(lcPackage, "missive.transport.package", QtInfoMsg)

Result<QByteArray> buildCda(const DocumentInput& input)
{
    auto facts = detail::resolveDocument(input);
    if (!facts) {
        return tl::unexpected(facts.error());
    }
    return detail::writeCda(*facts);
}

Result<Package> buildPackage(const DocumentInput& input)
{
    auto facts = detail::resolveDocument(input);
    if (!facts) {
        qCDebug(lcPackage) << "package refused:" << facts.error().detail;
        return tl::unexpected(facts.error());
    }
    Package package;
    package.cda = detail::writeCda(*facts);
    auto zip = detail::buildXdmArchive(*facts, package.cda);
    if (!zip) {
        return tl::unexpected(zip.error());
    }
    package.xdmZip = std::move(*zip);
    package.documentUniqueId = facts->input.documentId;
    package.submissionSetUniqueId = facts->input.submissionSetId;
    package.insIncluded = facts->carriesIns;
    qCDebug(lcPackage) << "package built: cda" << package.cda.size() << "bytes, zip" << package.xdmZip.size()
                       << "bytes, ins" << package.insIncluded;
    return package;
}

} // namespace missive::transport
