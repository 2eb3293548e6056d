// CDA R2 N1 and IHE XDM: generated documents checked with the real ANS/IHE spec files.

#include "missive/core/ins.h"
#include "missive/transport/package.h"
#include "transport_fixtures.h"

#include <QCryptographicHash>
#include <QXmlStreamReader>
#include <catch2/catch.hpp>
#include <sys/stat.h>

using namespace missive;
using namespace missive::test;

namespace
{

struct Element
{
    QString name;
    QXmlStreamAttributes attributes;
    QString text;
};

// Every element with this local name, in document order (text = its direct text, trimmed).
QList<Element> elements(const QByteArray& xml, const QString& localName)
{
    QList<Element> found;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == localName) {
            Element element{reader.name().toString(), reader.attributes(), {}};
            // Skips the element's children: callers ask for leaves or for attributes only.
            element.text = reader.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
            found.append(element);
        }
    }
    REQUIRE_FALSE(reader.hasError());
    return found;
}

QString attr(const Element& element, const char* name)
{
    return element.attributes.value(QLatin1String(name)).toString();
}

fs::path writeTemp(const TempDir& dir, const std::string& name, const QByteArray& data)
{
    const fs::path path = dir / name;
    writeFile(path, toStd(data));
    return path;
}

// slot name -> values, for the ExtrinsicObject's own entrySlots.
QMap<QString, QStringList> documentEntrySlots(const QByteArray& metadata)
{
    QMap<QString, QStringList> entrySlots;
    QXmlStreamReader reader(metadata);
    int depth = 0;
    int entryDepth = -1;
    QString current;
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            ++depth;
            if (reader.name() == QLatin1String("ExtrinsicObject")) {
                entryDepth = depth;
            } else if (reader.name() == QLatin1String("Slot") && depth == entryDepth + 1) {
                current = reader.attributes().value(QLatin1String("name")).toString();
            } else if (reader.name() == QLatin1String("Value") && !current.isEmpty()) {
                entrySlots[current].append(reader.readElementText());
                --depth;
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (reader.name() == QLatin1String("Slot")) {
                current.clear();
            }
            --depth;
        }
    }
    return entrySlots;
}

std::string unzipEntry(const fs::path& zip, const std::string& entry)
{
    const RunResult result = run({"unzip", "-p", zip.string(), entry});
    REQUIRE(result.exitCode == 0);
    return result.out;
}

} // namespace

TEST_CASE("The schematron harness reproduces the ANS reference results on the official samples", "[integration]")
{
    // Reference (ISO skeleton + Saxon, shared/specs README): both N1 samples 0 failed asserts; the
    // first without <county> and without the XDS-SD templateId 4 failed asserts.
    TempDir dir("missive-samples");
    fs::create_directories(dir / "cda");
    const std::string first = "DOC_NON_STRUCTURE_CDA-R2-N1.xml";
    const std::string second = "IMG_CR_IMG_2024.01_CDA-R2-Niveau-1.xml";
    fs::copy_file(specPath("cda/samples/" + first), dir / "cda" / "first.xml");
    fs::copy_file(specPath("cda/samples/" + second), dir / "cda" / "second.xml");
    QByteArray modified = QByteArray::fromStdString(readFile(specPath("cda/samples/" + first)));
    REQUIRE(modified.contains("<county>51215</county>"));
    REQUIRE(modified.contains("<templateId root=\"1.3.6.1.4.1.19376.1.2.20\"/>"));
    modified.replace("<county>51215</county>", "").replace("<templateId root=\"1.3.6.1.4.1.19376.1.2.20\"/>", "");
    writeTemp(dir, "cda/modified.xml", modified);
    auto reports = runStrucMinSchematron(dir / "cda");
    INFO(reports["first.xml"].failures << reports["second.xml"].failures);
    CHECK(reports["first.xml"].failedAsserts == 0);
    CHECK(reports["second.xml"].failedAsserts == 0);
    INFO(reports["modified.xml"].failures);
    CHECK(reports["modified.xml"].failedAsserts == 4);
    CHECK(reports["modified.xml"].failures.find("traits de l'INS") != std::string::npos);
}

TEST_CASE("A CDA with a qualified INS validates against the CDA XSD and the ANS schematron", "[integration]")
{
    TempDir dir("missive-cda");
    const auto input = sampleDocument();
    auto package = transport::buildPackage(input);
    REQUIRE(package);
    CHECK(package->insIncluded);
    fs::create_directories(dir / "cda");
    const fs::path cda = writeTemp(dir, "cda/doc0001.xml", package->cda);
    // Guards the harness itself: the same CDA without the birth place must be reported.
    QByteArray broken = package->cda;
    broken.replace("<county>51215</county>", "");
    writeTemp(dir, "cda/broken.xml", broken);

    const Validation xsd = xmllint(cda, specPath("cda/xsd/CDA_extended.xsd"));
    INFO(xsd.output);
    CHECK(xsd.exitCode == 0);
    CHECK(xsd.output.find("validates") != std::string::npos);

    auto reports = runStrucMinSchematron(dir / "cda");
    INFO(reports["doc0001.xml"].failures);
    CHECK(reports["doc0001.xml"].failedAsserts == 0);
    CHECK(reports["broken.xml"].failedAsserts >= 1);
    CHECK(reports["broken.xml"].failures.find("traits de l'INS") != std::string::npos);

    // Header facts (DIGEST §1.3, §2.1).
    const auto ids = elements(package->cda, QStringLiteral("id"));
    REQUIRE(ids.size() >= 2);
    CHECK(attr(ids[0], "root") == package->documentUniqueId);
    CHECK(attr(ids[1], "root") == QLatin1String(ins::OidNirTest));
    CHECK(attr(ids[1], "extension") == input.patient.ins);
    CHECK(attr(ids[2], "extension") == QLatin1String("IPP-000123")); // the IPP follows the INS
    const auto families = elements(package->cda, QStringLiteral("family"));
    CHECK(attr(families[0], "qualifier") == QLatin1String("BR"));
    CHECK(families[0].text == QLatin1String("PAT-TROIS"));
    const auto givens = elements(package->cda, QStringLiteral("given"));
    CHECK(givens[0].text == QLatin1String("DOMINIQUE MARIE-LOUISE"));
    CHECK(attr(givens[1], "qualifier") == QLatin1String("BR"));
    CHECK(elements(package->cda, QStringLiteral("county")).value(0).text == QLatin1String("51215"));
    CHECK(attr(elements(package->cda, QStringLiteral("birthTime")).value(0), "value") == QLatin1String("19790328"));
    CHECK(attr(elements(package->cda, QStringLiteral("code")).value(0), "code") == QLatin1String("11490-0"));
    CHECK(attr(elements(package->cda, QStringLiteral("effectiveTime")).value(0), "value")
          == QLatin1String("20261120143005+0100"));
    // Author: "8" + RPPS under the IDNPS root, also legal authenticator and performer.
    int authorIds = 0;
    for (const auto& id : ids) {
        if (attr(id, "root") == QLatin1String(transport::OidRpps)) {
            CHECK(attr(id, "extension") == QLatin1String("810001045367"));
            ++authorIds;
        }
    }
    CHECK(authorIds == 3);
    CHECK(attr(elements(package->cda, QStringLiteral("signatureCode")).value(0), "code") == QLatin1String("S"));
    // The PDF round-trips through the base64 body.
    QXmlStreamReader reader(package->cda);
    QByteArray pdf;
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == QLatin1String("text")) {
            CHECK(reader.attributes().value(QLatin1String("mediaType")) == QLatin1String("application/pdf"));
            pdf = QByteArray::fromBase64(reader.readElementText().toLatin1());
        }
    }
    CHECK(pdf == input.pdf);
}

TEST_CASE("Without a usable INS the CDA carries no INS and still passes XSD and schematron", "[integration]")
{
    TempDir dir("missive-cda");
    fs::create_directories(dir / "cda");
    auto badKey = sampleDocument();
    badKey.patient.ins = QStringLiteral("279035121518988");
    auto noPlace = sampleDocument();
    noPlace.patient.birthPlace.clear();
    auto minimal = sampleDocumentWithoutIns(); // used name, first name and birth date only
    minimal.patient.birthName.clear();
    minimal.patient.usedName = QStringLiteral("MARTIN");
    minimal.patient.firstNames.clear();
    minimal.patient.sex = Sex::Unknown;
    const std::vector<std::pair<std::string, transport::DocumentInput>> cases = {
        {"no-ins.xml", sampleDocumentWithoutIns()},
        {"bad-key.xml", badKey},
        {"no-birth-place.xml", noPlace},
        {"minimal.xml", minimal}};
    for (const auto& [name, input] : cases) {
        auto package = transport::buildPackage(input);
        REQUIRE(package);
        CHECK_FALSE(package->insIncluded);
        CHECK_FALSE(package->cda.contains("279035121518989"));
        CHECK_FALSE(package->cda.contains("279035121518988"));
        CHECK_FALSE(package->cda.contains(ins::OidNirTest));
        const fs::path cda = writeTemp(dir, "cda/" + name, package->cda);
        CHECK(xmllint(cda, specPath("cda/xsd/CDA_extended.xsd")).exitCode == 0);
    }
    auto reports = runStrucMinSchematron(dir / "cda");
    REQUIRE(reports.size() == cases.size());
    for (const auto& [name, report] : reports) {
        INFO(name << ": " << report.failures);
        CHECK(report.failedAsserts == 0);
    }
}

TEST_CASE("The IHE XDM archive has the ITI-32 layout and valid ebRIM metadata", "[integration]")
{
    TempDir dir("missive-xdm");
    const auto input = sampleDocument();
    auto package = transport::buildPackage(input);
    REQUIRE(package);
    const fs::path zip = writeTemp(dir, "IHE_XDM.zip", package->xdmZip);

    const RunResult listing = run({"unzip", "-Z1", zip.string()});
    REQUIRE(listing.exitCode == 0);
    CHECK(listing.out == "INDEX.HTM\nREADME.TXT\nIHE_XDM/SUBSET01/METADATA.XML\nIHE_XDM/SUBSET01/DOC0001.XML\n");
    CHECK(run({"unzip", "-tq", zip.string()}).exitCode == 0);

    const std::string cda = unzipEntry(zip, "IHE_XDM/SUBSET01/DOC0001.XML");
    CHECK(cda == toStd(package->cda));
    const std::string metadata = unzipEntry(zip, "IHE_XDM/SUBSET01/METADATA.XML");
    const fs::path metadataFile = dir / "METADATA.XML";
    writeFile(metadataFile, metadata);
    const Validation valid = xmllint(metadataFile, specPath("xds/xsd/lcm.xsd"));
    INFO(valid.output);
    CHECK(valid.exitCode == 0);

    const auto entrySlots = documentEntrySlots(QByteArray::fromStdString(metadata));
    CHECK(entrySlots.value(QStringLiteral("URI")) == QStringList{QStringLiteral("DOC0001.XML")});
    CHECK(entrySlots.value(QStringLiteral("size")) == QStringList{QString::number(cda.size())});
    CHECK(entrySlots.value(QStringLiteral("hash"))
          == QStringList{QString::fromLatin1(
              QCryptographicHash::hash(QByteArray::fromStdString(cda), QCryptographicHash::Sha1).toHex())});
    CHECK(entrySlots.value(QStringLiteral("creationTime")) == QStringList{QStringLiteral("20261120133005")});
    CHECK(entrySlots.value(QStringLiteral("serviceStartTime")) == QStringList{QStringLiteral("20261118080000")});
    CHECK(entrySlots.value(QStringLiteral("sourcePatientInfo")).contains(QStringLiteral("PID-7|19790328")));
    CHECK(entrySlots.value(QStringLiteral("sourcePatientId"))
          == QStringList{QStringLiteral("IPP-000123^^^&1.2.250.1.999.1.1&ISO^PI")});

    const QByteArray meta = QByteArray::fromStdString(metadata);
    const auto identifiers = elements(meta, QStringLiteral("ExternalIdentifier"));
    QStringList patientIds;
    QString documentUniqueId;
    for (const auto& identifier : identifiers) {
        const QString scheme = attr(identifier, "identificationScheme");
        if (scheme == QLatin1String("urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427")
            || scheme == QLatin1String("urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446")) {
            patientIds << attr(identifier, "value");
        }
        if (scheme == QLatin1String("urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab")) {
            documentUniqueId = attr(identifier, "value");
        }
    }
    CHECK(patientIds == QStringList(2, QStringLiteral("279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH")));
    CHECK(documentUniqueId == package->documentUniqueId);
    QStringList codes;
    for (const auto& classification : elements(meta, QStringLiteral("Classification"))) {
        codes << attr(classification, "nodeRepresentation");
    }
    for (const char* expected : {"11490-0", "urn:ihe:iti:xds-sd:pdf:2008", "N", "SA07", "AMBULATOIRE", "10", "07"}) {
        CHECK(codes.contains(QLatin1String(expected)));
    }
    // A stay: its contentTypeCode, and its dates in the metadata and the CDA's serviceEvent.
    auto stay = sampleDocument();
    stay.contentTypeCode = QStringLiteral("03");
    stay.serviceStart = QDateTime(QDate(2026, 11, 14), QTime(0, 0));
    stay.serviceStop = QDateTime(QDate(2026, 11, 23), QTime(0, 0));
    auto stayPackage = transport::buildPackage(stay);
    REQUIRE(stayPackage);
    const fs::path stayZip = writeTemp(dir, "stay.zip", stayPackage->xdmZip);
    const QByteArray stayMeta = QByteArray::fromStdString(unzipEntry(stayZip, "IHE_XDM/SUBSET01/METADATA.XML"));
    QStringList stayCodes;
    for (const auto& classification : elements(stayMeta, QStringLiteral("Classification"))) {
        stayCodes << attr(classification, "nodeRepresentation");
    }
    CHECK(stayCodes.contains(QStringLiteral("03")));
    CHECK_FALSE(stayCodes.contains(QStringLiteral("07")));
    const auto staySlots = documentEntrySlots(stayMeta);
    CHECK(staySlots.value(QStringLiteral("serviceStartTime")).value(0).startsWith(QStringLiteral("20261114")));
    CHECK(staySlots.value(QStringLiteral("serviceStopTime")).value(0).startsWith(QStringLiteral("20261123")));
    const std::string stayCda = toStd(stayPackage->cda);
    CHECK(stayCda.find("<high value=\"20261123") != std::string::npos);
    const std::string readme = unzipEntry(zip, "README.TXT");
    CHECK(readme.find("GUIGNARD") != std::string::npos);
    CHECK(readme.find("PAT-TROIS") == std::string::npos); // no patient data outside the CDA and metadata
}

TEST_CASE("HL7 v2 separators in an identifier or a name are escaped, never read as components", "[unit][fault]")
{
    auto input = sampleDocument();
    input.patientLocalId = QStringLiteral("IPP1^^^&6.6.6&ISO^PI");
    input.author.familyName = QStringLiteral("DUPONT|X~Y\\Z");
    input.author.organizationName = QStringLiteral("Clinique A&B");
    auto package = transport::buildPackage(input);
    REQUIRE(package);
    TempDir dir("missive-hl7");
    const fs::path zip = writeTemp(dir, "IHE_XDM.zip", package->xdmZip);
    const QByteArray meta = QByteArray::fromStdString(unzipEntry(zip, "IHE_XDM/SUBSET01/METADATA.XML"));
    const auto entrySlots = documentEntrySlots(meta);
    // The assigning authority stays the configured one: the forged one is text of the id.
    CHECK(entrySlots.value(QStringLiteral("sourcePatientId"))
          == QStringList{QStringLiteral(R"(IPP1\S\\S\\S\\T\6.6.6\T\ISO\S\PI^^^&1.2.250.1.999.1.1&ISO^PI)")});
    CHECK(meta.contains(R"(^DUPONT\F\X\R\Y\E\Z^)"));
    CHECK(meta.contains(R"(Clinique A\T\B^^^^^&amp;)"));
    const fs::path metadataFile = dir / "METADATA.XML";
    writeFile(metadataFile, meta.toStdString());
    CHECK(xmllint(metadataFile, specPath("xds/xsd/lcm.xsd")).exitCode == 0);
}

TEST_CASE("Bad document facts are refused with a clear message", "[unit]")
{
    const auto expectRefused = [](transport::DocumentInput input, const char* fragment) {
        auto package = transport::buildPackage(input);
        REQUIRE_FALSE(package);
        CHECK(package.error().code == ErrorCode::InvalidArgument);
        INFO(package.error().userMessage.toStdString());
        CHECK(package.error().userMessage.contains(QString::fromUtf8(fragment)));
    };
    auto input = sampleDocument();
    input.pdf = "not a pdf";
    expectRefused(input, "PDF");
    input = sampleDocument();
    input.type.code = QStringLiteral("11504-8"); // LOINC, but not in JDV_J07
    expectRefused(input, "JDV_J07");
    input = sampleDocument();
    input.author.rpps = QStringLiteral("1234");
    expectRefused(input, "RPPS");
    input = sampleDocument();
    input.author.specialtyCode = QStringLiteral("G15_10/SM99");
    expectRefused(input, "JDV_J01");
    input = sampleDocument();
    input.confidentiality = QStringLiteral("X");
    expectRefused(input, "confidentialité");
    input = sampleDocument();
    input.patient.birthName.clear();
    expectRefused(input, "nom du patient");
    input = sampleDocument();
    input.patient.firstName.clear();
    input.patient.firstNames.clear();
    expectRefused(input, "prénom du patient");
    input = sampleDocument();
    input.patient.birthDate = {};
    expectRefused(input, "date de naissance");
    input = sampleDocument();
    input.contentTypeCode = QStringLiteral("99");
    expectRefused(input, "Type d'activité");
}

TEST_CASE("Fixed identifiers make a rebuilt package identical", "[unit]")
{
    // The outbox fixes ids at enqueue: a retry must send the very same CDA.
    auto input = sampleDocument();
    input.documentId = QStringLiteral("2.25.1234567890");
    input.setId = QStringLiteral("2.25.1234567891");
    input.submissionSetId = QStringLiteral("2.25.1234567892");
    auto first = transport::buildPackage(input);
    auto second = transport::buildPackage(input);
    REQUIRE(first);
    REQUIRE(second);
    CHECK(first->cda == second->cda);
    CHECK(first->documentUniqueId == QLatin1String("2.25.1234567890"));
    CHECK(first->submissionSetUniqueId == QLatin1String("2.25.1234567892"));
    input.documentId = QStringLiteral("not-an-oid");
    CHECK_FALSE(transport::buildPackage(input));
}

TEST_CASE("missive package writes DOC0001.XML and IHE_XDM.zip as sent with private modes", "[integration]")
{
    TempDir dir("missive-package-cli");
    const fs::path pdf = dir / "lettre.pdf";
    writeFile(pdf, makePdf({"Lettre synthetique"}));
    const fs::path out = dir / "out";
    const std::vector<std::string> identity = {"--ins",           "279035121518989",
                                               "--ins-oid",       "1.2.250.1.213.1.4.10",
                                               "--birth-name",    "pat-trois",
                                               "--first-names",   "Dominique Marie-Louise",
                                               "--birth-date",    "1979-03-28",
                                               "--sex",           "F",
                                               "--birth-place",   "51215",
                                               "--author-rpps",   "10001045367",
                                               "--author-family", "GUIGNARD",
                                               "--org-id",        "1120459876",
                                               "--org-name",      "Cabinet",
                                               "--type",          "11488-4",
                                               "--created",       "2026-11-20T10:00:00+01:00"};
    std::vector<std::string> argv = {cliPath(), "package", pdf.string(), "--out", out.string(), "--json"};
    argv.insert(argv.end(), identity.begin(), identity.end());
    const RunResult result = run(argv);
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    CHECK(result.out.find("\"insIncluded\": true") != std::string::npos);
    CHECK(result.out.find("\"documentUniqueId\": \"2.25.") != std::string::npos);
    for (const char* name : {"DOC0001.XML", "IHE_XDM.zip"}) {
        struct stat info
        {
        };
        REQUIRE(stat((out / name).c_str(), &info) == 0);
        CHECK((info.st_mode & 0777) == 0600);
    }
    CHECK(unzipEntry(out / "IHE_XDM.zip", "IHE_XDM/SUBSET01/DOC0001.XML") == readFile(out / "DOC0001.XML"));
    const std::string cda = readFile(out / "DOC0001.XML");
    CHECK(cda.find("code=\"11488-4\"") != std::string::npos);
    CHECK(cda.find("<family qualifier=\"BR\">PAT-TROIS</family>") != std::string::npos);
    CHECK(xmllint(out / "DOC0001.XML", specPath("cda/xsd/CDA_extended.xsd")).exitCode == 0);
    CHECK(result.err.find("PAT-TROIS") == std::string::npos);

    SECTION("an invalid INS is a usage error and writes nothing")
    {
        const fs::path other = dir / "other";
        std::vector<std::string> bad = {cliPath(), "package", pdf.string(), "--out", other.string()};
        bad.insert(bad.end(), identity.begin(), identity.end());
        bad[6] = "279035121518988"; // --ins value with a wrong key
        CHECK(run(bad).exitCode == 2);
        CHECK_FALSE(fs::exists(other / "DOC0001.XML"));
    }
    SECTION("a missing PDF is 'not found'")
    {
        CHECK(run({cliPath(), "package", (dir / "absent.pdf").string(), "--out", out.string()}).exitCode == 3);
    }
}
