#pragma once
// From a printed letter to the document Missive sends: what the letter says (missive_ocr analysis),
// completed from the directory (author) and the structure's settings, and overridden by what the
// user states (CLI flags, or the app's popup). Used by `missive package`, `missive send` and the app.

#include "missive/core/patient.h"
#include "missive/core/result.h"
#include "missive/directory/directory.h"
#include "missive/ocr/analysis.h"
#include "missive/settings/settings.h"
#include "missive/transport/package.h"

#include <QDateTime>
#include <QStringList>
#include <optional>

namespace missive::engine
{

// What the user states; empty fields mean "as read on the letter", then "from the settings".
struct DocumentOverrides
{
    // Replaces the identity read on the letter as a whole (never mixed field by field: traits of
    // two patients must not meet in one CDA).
    std::optional<PatientIdentity> patient;
    QString typeCode; // JDV_J07
    QString title;
    transport::Author author; // each non-empty field wins
    QString patientLocalId;
    QString patientLocalIdRoot;
    QString confidentiality;
    QDateTime created;
};

struct PreparedDocument
{
    transport::DocumentInput input; // identifiers fixed: a retry sends the very same document
    // The CDA and its IHE XDM archive, when the facts allow one (author RPPS, structure, patient id).
    std::optional<transport::Package> package;
    QString packageProblem; // French: why there is no package
    QStringList warnings;   // French, for the user (no patient data)
};

// `analysis` may be null (nothing read: overrides only). `directory` may be null; with it the
// author's names and specialty come from the directory entry of the author's RPPS. Fails when the
// stated INS contradicts the one read on the letter, or the document type is unknown.
[[nodiscard]] Result<PreparedDocument> prepareDocument(const QByteArray& pdf, const ocr::Analysis* analysis,
                                                       const DocumentOverrides& overrides,
                                                       const transport::StructureSettings& structure,
                                                       const directory::Directory* directory,
                                                       const QString& softwareVersion);

// Builds the CDA and its XDM again from `prepared.input` once the popup changed it (type, patient,
// author), with the same identifiers; packageProblem says why when it cannot be built.
void rebuildPackage(PreparedDocument& prepared);

// The author's names and JDV_J01 specialty from their directory entry; fields already set win.
void completeAuthor(transport::Author& author, const Professional& entry);

} // namespace missive::engine
