#pragma once
// Shared by the transport tests: synthetic documents and validation with the real spec files
// (xmllint for the XSDs, Saxon-HE for the ANS schematron compiled at build time).

#include "missive/transport/package.h"
#include "support.h"

#include <QByteArray>
#include <QString>
#include <map>
#include <string>

namespace missive::test
{

// A synthetic letter for the ANS test patient (INS-NIR de test, valid key, all strict traits).
transport::DocumentInput sampleDocument();
// Same, with the patient known only by name (no INS).
transport::DocumentInput sampleDocumentWithoutIns();

std::string specPath(const std::string& relative); // under tests/data/specs
std::string toStd(const QByteArray& bytes);

struct Validation
{
    int exitCode = -1;
    std::string output;
};
// xmllint --noout --schema XSD FILE
Validation xmllint(const fs::path& file, const std::string& xsd);

struct SchematronReport
{
    int failedAsserts = -1;
    std::string failures; // the failed asserts' messages
};
// Runs the compiled schematron on every file of `directory` in one Saxon run (the JVM start and
// the 8 MB stylesheet dominate); result by file name.
std::map<std::string, SchematronReport> runStrucMinSchematron(const fs::path& directory);

} // namespace missive::test
