// DMP ITI-41 over HTTPS/MTOM against the LOCAL TEST ENDPOINT (tests/support/dmp_test_endpoint.cpp),
// with a throwaway CA and certificates made by openssl for each test.

#include "document_facts.h"
#include "missive/transport/dmp.h"
#include "soap_mtom.h"
#include "transport_fixtures.h"
#include "vihf.h"
#include "xds_metadata.h"

#include <QUuid>
#include <algorithm>
#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <regex>
#include <sys/socket.h>
#include <unistd.h>

using namespace missive;
using namespace missive::test;
using transport::FailureKind;

namespace
{

transport::DmpSettings settingsFor(const DmpPki& pki, const QString& url)
{
    transport::DmpSettings settings;
    settings.endpointUrl = url;
    settings.clientCertificateP12 = QString::fromStdString(pki.structureP12.string());
    settings.passphrase = DmpPassphrase;
    settings.caBundle = QString::fromStdString(pki.ca.string());
    settings.structureId = QStringLiteral("1120459876");
    settings.responsibleId = QStringLiteral("810001045367");
    settings.softwareId = QStringLiteral("2.25.231840126389406016287427916313604180787");
    settings.softwareVersion = QStringLiteral("test");
    settings.homologationId = QStringLiteral("TEST");
    return settings;
}

// A request built by the real code, then altered before sending (what a broken client could send).
transport::DmpResult sendAltered(const transport::DocumentInput& input, const transport::DmpSettings& settings,
                                 const std::function<void(QByteArray&)>& alter, const QString& vihfPatient = {})
{
    auto facts = transport::detail::resolveDocument(input);
    REQUIRE(facts);
    const QByteArray cda = transport::detail::writeCda(*facts);
    const QString patient = vihfPatient.isEmpty() ? transport::detail::patientCx(*facts) : vihfPatient;
    auto vihf = transport::detail::buildSignedVihf(settings, {patient, QDateTime::currentDateTimeUtc()});
    REQUIRE(vihf);
    const QString cid = QStringLiteral("doc1.%1@missive.local").arg(QUuid::createUuid().toString(QUuid::Id128));
    QByteArray envelope = transport::detail::provideAndRegisterEnvelope(*facts, cda, *vihf, settings.endpointUrl, cid);
    alter(envelope);
    return transport::detail::postProvideAndRegister(transport::detail::mtomPackage(envelope, cda, cid), settings);
}

struct Fixture
{
    TempDir dir{"missive-dmp"};
    DmpPki pki{dir.path(), "trusted"};
    fs::path store = dir / "received";
    Fixture()
    {
        fs::create_directories(store);
    }
};

} // namespace

TEST_CASE("DMP: a document with a qualified INS is accepted by the test repository", "[integration]")
{
    Fixture f;
    DmpTestEndpoint endpoint(f.pki, f.store);
    const auto input = sampleDocument();
    const auto result = transport::submitToDmp(input, settingsFor(f.pki, endpoint.url()));
    INFO((result ? std::string() : result.error().error.detail.toStdString()));
    REQUIRE(result);
    CHECK(endpoint.verdict() == "verdict Success");
    CHECK(result->registryStatus == QLatin1String("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"));
    CHECK(result->documentUniqueId.startsWith(QLatin1String("2.25.")));
    CHECK(result->httpStatus == 200);
    // The repository received the CDA itself (XOP attachment), for the right patient.
    const std::string stored = readFile(f.store / "Document01.xml");
    CHECK(stored.find("extension=\"279035121518989\"") != std::string::npos);
    CHECK(stored.find(result->documentUniqueId.toStdString()) != std::string::npos);
}

TEST_CASE("DMP: a retry with the same identifiers is never registered twice", "[integration]")
{
    // The outbox fixes the ids at enqueue: if a first attempt was registered but its answer lost,
    // the retry is refused as a duplicate instead of creating a second document.
    Fixture f;
    DmpTestEndpoint endpoint(f.pki, f.store);
    auto input = sampleDocument();
    input.documentId = QStringLiteral("2.25.987654321");
    input.setId = QStringLiteral("2.25.987654322");
    input.submissionSetId = QStringLiteral("2.25.987654323");
    const auto settings = settingsFor(f.pki, endpoint.url());
    const auto first = transport::submitToDmp(input, settings);
    REQUIRE(first);
    CHECK(endpoint.verdict() == "verdict Success");
    CHECK(first->documentUniqueId == QLatin1String("2.25.987654321"));
    const auto retry = transport::submitToDmp(input, settings);
    REQUIRE_FALSE(retry);
    CHECK(endpoint.verdict() == "verdict Failure XDSDuplicateUniqueIdInRegistry");
    CHECK(retry.error().kind == FailureKind::Permanent);
    CHECK(retry.error().registryErrorCodes == QStringList{QStringLiteral("XDSDuplicateUniqueIdInRegistry")});
}

TEST_CASE("DMP: a VIHF signed by an untrusted certificate or altered after signing is refused", "[integration]")
{
    Fixture f;
    DmpTestEndpoint endpoint(f.pki, f.store);
    auto settings = settingsFor(f.pki, endpoint.url());
    SECTION("signing certificate from another CA")
    {
        const DmpPki rogue(f.dir.path(), "rogue");
        settings.signingCertificateP12 = QString::fromStdString(rogue.structureP12.string());
        settings.signingPassphrase = DmpPassphrase;
        const auto result = transport::submitToDmp(sampleDocument(), settings);
        REQUIRE_FALSE(result);
        CHECK(endpoint.verdict() == "verdict Fault wsse:FailedAuthentication");
        CHECK(result.error().kind == FailureKind::Permanent);
        CHECK(result.error().error.code == ErrorCode::PermissionDenied);
        CHECK(result.error().httpStatus == 400);
    }
    SECTION("assertion content changed after signing")
    {
        const auto result = sendAltered(sampleDocument(), settings, [](QByteArray& envelope) {
            REQUIRE(envelope.contains("<AttributeValue>INDIRECTE</AttributeValue>"));
            envelope.replace("<AttributeValue>INDIRECTE</AttributeValue>", "<AttributeValue>DIRECTE</AttributeValue>");
        });
        REQUIRE_FALSE(result);
        CHECK(endpoint.verdict() == "verdict Fault wsse:FailedAuthentication");
        CHECK(result.error().kind == FailureKind::Permanent);
    }
}

TEST_CASE("DMP: no send without a valid INS and a mismatched INS is refused by the repository", "[integration]")
{
    Fixture f;
    DmpTestEndpoint endpoint(f.pki, f.store);
    const auto settings = settingsFor(f.pki, endpoint.url());
    SECTION("refused locally: wrong key, or traits missing")
    {
        auto badKey = sampleDocument();
        badKey.patient.ins = QStringLiteral("279035121518988");
        auto noTraits = sampleDocument();
        noTraits.patient.birthPlace.clear();
        for (const auto& input : {badKey, noTraits}) {
            const auto result = transport::submitToDmp(input, settings);
            REQUIRE_FALSE(result);
            CHECK(result.error().kind == FailureKind::Permanent);
            CHECK(result.error().error.code == ErrorCode::InvalidArgument);
            CHECK(result.error().error.userMessage.contains(QStringLiteral("INS")));
        }
        // Nothing reached the repository: the next verdict is this valid document's.
        REQUIRE(transport::submitToDmp(sampleDocument(), settings));
        CHECK(endpoint.verdict() == "verdict Success");
    }
    SECTION("metadata patientId differs from the VIHF's INS")
    {
        const auto result = sendAltered(sampleDocument(), settings, [](QByteArray& envelope) {
            // Another valid test matricule in the metadata only (the VIHF is signed and unchanged).
            envelope.replace("value=\"279035121518989^^^", "value=\"162018885045327^^^");
        });
        REQUIRE_FALSE(result);
        CHECK(endpoint.verdict() == "verdict Failure XDSPatientIdDoesNotMatch");
        CHECK(result.error().kind == FailureKind::Permanent);
        CHECK(result.error().registryErrorCodes == QStringList{QStringLiteral("XDSPatientIdDoesNotMatch")});
    }
    SECTION("the VIHF names an INS whose key is wrong")
    {
        const auto result = sendAltered(
            sampleDocument(), settings, [](QByteArray&) {},
            QStringLiteral("279035121518988^^^&1.2.250.1.213.1.4.10&ISO^NH"));
        REQUIRE_FALSE(result);
        CHECK(endpoint.verdict() == "verdict Failure XDSUnknownPatientId");
        CHECK(result.error().registryErrorCodes == QStringList{QStringLiteral("XDSUnknownPatientId")});
    }
}

TEST_CASE("DMP: a request that breaks the XDS schema gets a registry failure", "[integration]")
{
    Fixture f;
    DmpTestEndpoint endpoint(f.pki, f.store);
    const auto result = sendAltered(sampleDocument(), settingsFor(f.pki, endpoint.url()), [](QByteArray& envelope) {
        REQUIRE(envelope.contains("<rim:RegistryObjectList>"));
        envelope.replace("<rim:RegistryObjectList>", "<rim:RegistryObjectList><rim:NotAnEbRimElement/>");
    });
    REQUIRE_FALSE(result);
    CHECK(endpoint.verdict() == "verdict Failure XDSRepositoryMetadataError");
    CHECK(result.error().kind == FailureKind::Permanent);
    CHECK(result.error().registryErrorCodes == QStringList{QStringLiteral("XDSRepositoryMetadataError")});
}

TEST_CASE("DMP: server down or failing is transient and an untrusted server is permanent", "[integration]")
{
    Fixture f;
    SECTION("nothing listens on the port")
    {
        // A port that was free a moment ago.
        const int probe = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof address;
        REQUIRE(bind(probe, reinterpret_cast<sockaddr*>(&address), size) == 0);
        REQUIRE(getsockname(probe, reinterpret_cast<sockaddr*>(&address), &size) == 0);
        close(probe);
        const auto url = QStringLiteral("https://127.0.0.1:%1/repository").arg(ntohs(address.sin_port));
        const auto result = transport::submitToDmp(sampleDocument(), settingsFor(f.pki, url));
        REQUIRE_FALSE(result);
        CHECK(result.error().kind == FailureKind::Transient);
        CHECK(result.error().error.code == ErrorCode::Unavailable);
    }
    SECTION("the repository answers a Receiver fault")
    {
        DmpTestEndpoint failing(f.pki, f.store, true);
        const auto result = transport::submitToDmp(sampleDocument(), settingsFor(f.pki, failing.url()));
        REQUIRE_FALSE(result);
        CHECK(failing.verdict() == "verdict Fault env:Receiver");
        CHECK(result.error().kind == FailureKind::Transient);
        CHECK(result.error().httpStatus == 500);
    }
    SECTION("the server certificate does not chain to the configured CA")
    {
        DmpTestEndpoint endpoint(f.pki, f.store);
        const DmpPki other(f.dir.path(), "other");
        auto settings = settingsFor(f.pki, endpoint.url());
        settings.caBundle = QString::fromStdString(other.ca.string());
        const auto result = transport::submitToDmp(sampleDocument(), settings);
        REQUIRE_FALSE(result);
        CHECK(result.error().kind == FailureKind::Permanent);
        CHECK(result.error().error.code == ErrorCode::PermissionDenied);
    }
    SECTION("an unreadable client certificate is permanent")
    {
        DmpTestEndpoint endpoint(f.pki, f.store);
        auto settings = settingsFor(f.pki, endpoint.url());
        settings.signingCertificateP12 = settings.clientCertificateP12; // VIHF still signed
        settings.signingPassphrase = settings.passphrase;
        settings.passphrase = "wrong passphrase";
        const auto result = transport::submitToDmp(sampleDocument(), settings);
        REQUIRE_FALSE(result);
        CHECK(result.error().kind == FailureKind::Permanent);
        CHECK(result.error().error.code == ErrorCode::PermissionDenied);
    }
    SECTION("plain http is refused before any connection")
    {
        const auto result =
            transport::submitToDmp(sampleDocument(), settingsFor(f.pki, QStringLiteral("http://127.0.0.1:1/x")));
        REQUIRE_FALSE(result);
        CHECK(result.error().kind == FailureKind::Permanent);
        CHECK(result.error().error.code == ErrorCode::InvalidArgument);
    }
}

TEST_CASE("DMP: the VIHF follows the ANS example and its signature verifies with the xmlsec1 tool", "[integration]")
{
    Fixture f;
    const auto settings = settingsFor(f.pki, QStringLiteral("https://127.0.0.1/unused"));
    auto vihf = transport::detail::buildSignedVihf(
        settings, {QStringLiteral("279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH"), QDateTime::currentDateTimeUtc()});
    REQUIRE(vihf);
    const fs::path file = f.dir / "vihf.xml";
    writeFile(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + toStd(*vihf));

    // An independent verifier: the xmlsec1 command, trusting only the test CA.
    const RunResult verified = run({"xmlsec1", "--verify", "--trusted-pem", f.pki.ca.string(), "--id-attr:ID",
                                    "urn:oasis:names:tc:SAML:2.0:assertion:Assertion", file.string()});
    INFO(verified.err);
    CHECK(verified.exitCode == 0);
    CHECK(verified.err.find("OK") != std::string::npos);
    const fs::path tampered = f.dir / "tampered.xml";
    std::string text = readFile(file);
    const auto at = text.find("279035121518989");
    REQUIRE(at != std::string::npos);
    text.replace(at, 15, "162018885045327");
    writeFile(tampered, text);
    CHECK(run({"xmlsec1", "--verify", "--trusted-pem", f.pki.ca.string(), "--id-attr:ID",
               "urn:oasis:names:tc:SAML:2.0:assertion:Assertion", tampered.string()})
              .exitCode
          != 0);

    // Same attributes as the ANS "VIHF avec automate" example, same order of the main elements.
    const auto attributeNames = [](const std::string& xml) {
        std::vector<std::string> names;
        const std::regex name("<Attribute Name=\"([^\"]+)\"");
        for (auto it = std::sregex_iterator(xml.begin(), xml.end(), name); it != std::sregex_iterator(); ++it) {
            names.push_back((*it)[1].str());
        }
        std::sort(names.begin(), names.end());
        return names;
    };
    const std::string example = readFile(specPath("dmp/VIHF-example-automate.xml"));
    const std::string ours = readFile(file);
    CHECK(attributeNames(ours) == attributeNames(example));
    std::size_t position = 0;
    for (const char* element : {"<Issuer Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName\">",
                                "<Signature", "<Subject>", "<AuthnStatement", "<AttributeStatement>"}) {
        const auto next = ours.find(element, position);
        INFO(element);
        REQUIRE(next != std::string::npos);
        position = next;
    }
    // Issuer = the certificate's subject DN.
    CHECK(ours.find("CN=DMP SIGN trusted") != std::string::npos);
    CHECK(ours.find("<AttributeValue>279035121518989^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH</AttributeValue>")
          != std::string::npos);
}
