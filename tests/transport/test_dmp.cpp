// DMP ITI-41 over HTTPS/MTOM against the LOCAL TEST ENDPOINT (tests/support/dmp_test_endpoint.cpp),
// with a throwaway CA and certificates made by openssl for each test.

#include "document_facts.h"
#include "missive/transport/dispatcher.h"
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

// What a broken client could change in a request built by the real code: the envelope, the CDA
// (before the metadata is computed on it, so that hash and size still match), the VIHF before it is
// signed.
struct Alteration
{
    std::function<void(QByteArray&)> envelope = [](QByteArray&) {};
    std::function<void(QByteArray&)> cda = {};
    std::function<void(QByteArray&)> vihf = {};
};

transport::DmpResult sendAltered(const transport::DocumentInput& input, const transport::DmpSettings& settings,
                                 const Alteration& alteration, const QString& vihfPatient = {})
{
    auto facts = transport::detail::resolveDocument(input);
    REQUIRE(facts);
    QByteArray cda = transport::detail::writeCda(*facts);
    if (alteration.cda) {
        alteration.cda(cda);
    }
    const QString patient = vihfPatient.isEmpty() ? transport::detail::patientCx(*facts) : vihfPatient;
    auto vihf =
        transport::detail::buildSignedVihf(settings, {patient, QDateTime::currentDateTimeUtc(), alteration.vihf});
    REQUIRE(vihf);
    const QString cid = QStringLiteral("doc1.%1@missive.local").arg(QUuid::createUuid().toString(QUuid::Id128));
    QByteArray envelope = transport::detail::provideAndRegisterEnvelope(*facts, cda, *vihf, settings.endpointUrl, cid);
    alteration.envelope(envelope);
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

TEST_CASE("DMP: the authorRole IT configured is sent for the document and the submission set, and accepted",
          "[integration]")
{
    Fixture f;
    DmpTestEndpoint endpoint(f.pki, f.store);
    auto input = sampleDocument();
    const QString role = QStringLiteral("ROLE01^^^&1.2.250.1.213.1.1.4.999&ISO");
    const auto roleSlots = [](const transport::DocumentInput& in) {
        auto facts = transport::detail::resolveDocument(in);
        REQUIRE(facts);
        const QString request = QString::fromUtf8(transport::detail::submitObjectsRequest(*facts, "<cda/>", {}));
        return request.count(QStringLiteral("<rim:Slot name=\"authorRole\">"));
    };
    CHECK(roleSlots(input) == 0); // optional: never sent unless configured
    input.author.role = role;
    CHECK(roleSlots(input) == 2); // the document entry's author and the submission set's
    const auto result = transport::submitToDmp(input, settingsFor(f.pki, endpoint.url()));
    INFO((result ? std::string() : result.error().error.detail.toStdString()));
    REQUIRE(result);
    CHECK(endpoint.verdict() == "verdict Success");
    // Kept with the queued document, so that a retry sends it too.
    auto again = transport::documentInputFromJson(transport::documentInputToJson(input), input.pdf);
    REQUIRE(again);
    CHECK(again->author.role == role);
}

TEST_CASE("DMP: Tester la connexion reaches the service with the structure's certificate and sends nothing",
          "[integration]")
{
    Fixture f;
    DmpTestEndpoint endpoint(f.pki, f.store);
    transport::Settings settings;
    settings.dmp.endpoint = QUrl(endpoint.url());
    settings.dmp.certificate.pkcs12Path = QString::fromStdString(f.pki.structureP12.string());
    settings.dmp.certificate.passphrase.typed = DmpPassphrase; // typed in Paramètres, not stored yet
    settings.dmp.caBundle = QString::fromStdString(f.pki.ca.string());
    auto reached = transport::testChannel(settings, transport::Channel::Dmp);
    INFO((reached ? std::string() : reached.error().userMessage.toStdString()));
    REQUIRE(reached);
    CHECK(reached->startsWith(QStringLiteral("service DMP joignable (127.0.0.1, HTTP ")));
    CHECK(fs::is_empty(f.store)); // nothing registered

    // A server the configured authority did not sign, a structure certificate it does not trust, a
    // wrong passphrase: each said, none reached.
    DmpPki other(f.dir.path(), "other");
    transport::Settings wrongCa = settings;
    wrongCa.dmp.caBundle = QString::fromStdString(other.ca.string());
    auto untrustedServer = transport::testChannel(wrongCa, transport::Channel::Dmp);
    REQUIRE_FALSE(untrustedServer);
    CHECK(untrustedServer.error().userMessage.contains(QStringLiteral("certificat du serveur DMP")));
    transport::Settings wrongClient = settings;
    wrongClient.dmp.certificate.pkcs12Path = QString::fromStdString(other.structureP12.string());
    CHECK_FALSE(transport::testChannel(wrongClient, transport::Channel::Dmp));
    transport::Settings wrongPassphrase = settings;
    wrongPassphrase.dmp.certificate.passphrase.typed = "not-the-passphrase";
    auto refused = transport::testChannel(wrongPassphrase, transport::Channel::Dmp);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().userMessage.contains(QStringLiteral("certificat client de la structure")));
    CHECK(fs::is_empty(f.store));
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
        const auto result = sendAltered(sampleDocument(), settings, {[](QByteArray& envelope) {
                                            REQUIRE(envelope.contains("<AttributeValue>INDIRECTE</AttributeValue>"));
                                            envelope.replace("<AttributeValue>INDIRECTE</AttributeValue>",
                                                             "<AttributeValue>DIRECTE</AttributeValue>");
                                        }});
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
        const auto result =
            sendAltered(sampleDocument(), settings, {[](QByteArray& envelope) {
                            // Another valid test matricule in the metadata only (the VIHF is signed and unchanged).
                            envelope.replace("value=\"279035121518989^^^", "value=\"162018885045327^^^");
                        }});
        REQUIRE_FALSE(result);
        CHECK(endpoint.verdict() == "verdict Failure XDSPatientIdDoesNotMatch");
        CHECK(result.error().kind == FailureKind::Permanent);
        CHECK(result.error().registryErrorCodes == QStringList{QStringLiteral("XDSPatientIdDoesNotMatch")});
    }
    SECTION("the VIHF names an INS whose key is wrong")
    {
        const auto result = sendAltered(sampleDocument(), settings, {},
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
    const auto result = sendAltered(sampleDocument(), settingsFor(f.pki, endpoint.url()), {[](QByteArray& envelope) {
                                        REQUIRE(envelope.contains("<rim:RegistryObjectList>"));
                                        envelope.replace("<rim:RegistryObjectList>",
                                                         "<rim:RegistryObjectList><rim:NotAnEbRimElement/>");
                                    }});
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

namespace
{

// The first element `tag` whose start tag holds `marker`, with its content, removed.
void removeElement(QByteArray& xml, const QString& tag, const QString& marker)
{
    const QRegularExpression element(
        QStringLiteral("<%1\\b[^>]*%2[^>]*>.*?</%1>").arg(tag, QRegularExpression::escape(marker)),
        QRegularExpression::DotMatchesEverythingOption);
    QString text = QString::fromUtf8(xml);
    const auto m = element.match(text);
    REQUIRE(m.hasMatch());
    text.remove(m.capturedStart(), m.capturedLength());
    xml = text.toUtf8();
}

// In the first start tag `tag` that holds `marker`, attribute `name` set to `value`.
void setAttribute(QByteArray& xml, const QString& tag, const QString& marker, const QString& name, const QString& value)
{
    const QRegularExpression start(QStringLiteral("<%1\\b[^>]*%2[^>]*>").arg(tag, QRegularExpression::escape(marker)));
    QString text = QString::fromUtf8(xml);
    const auto m = start.match(text);
    REQUIRE(m.hasMatch());
    QString element = m.captured(0);
    const QRegularExpression attribute(QStringLiteral("\\b%1=\"[^\"]*\"").arg(name));
    REQUIRE(attribute.match(element).hasMatch());
    element.replace(attribute, QStringLiteral("%1=\"%2\"").arg(name, value));
    text.replace(m.capturedStart(), m.capturedLength(), element);
    xml = text.toUtf8();
}

std::function<void(QByteArray&)> without(const char* tag, const char* marker)
{
    return [=](QByteArray& xml) { removeElement(xml, QString::fromLatin1(tag), QString::fromLatin1(marker)); };
}

std::function<void(QByteArray&)> withCode(const char* scheme, const char* code)
{
    return [=](QByteArray& xml) {
        setAttribute(xml, QStringLiteral("rim:Classification"), QString::fromLatin1(scheme),
                     QStringLiteral("nodeRepresentation"), QString::fromLatin1(code));
    };
}

struct Mutation
{
    const char* what;
    Alteration alteration;
    const char* verdict;
};

} // namespace

TEST_CASE("DMP: the test repository enforces the DMP's rules, one refusal per broken rule", "[integration]")
{
    Fixture f;
    DmpTestEndpoint endpoint(f.pki, f.store);
    const auto settings = settingsFor(f.pki, endpoint.url());
    constexpr auto classCode = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a";
    constexpr auto typeCode = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
    constexpr auto formatCode = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
    constexpr auto metadataError = "verdict Failure XDSRegistryMetadataError";
    constexpr auto badToken = "verdict Fault wsse:InvalidSecurityToken";
    const auto vihfWithout = [](const char* attribute) {
        return [=](QByteArray& assertion) {
            removeElement(assertion, QStringLiteral("Attribute"),
                          QStringLiteral("Name=\"%1\"").arg(QString::fromLatin1(attribute)));
        };
    };
    const std::vector<Mutation> mutations{
        {"classCode removed", {without("rim:Classification", classCode)}, metadataError},
        {"classCode BOGUS", {withCode(classCode, "BOGUS")}, metadataError},
        {"typeCode removed", {without("rim:Classification", typeCode)}, metadataError},
        {"typeCode BOGUS", {withCode(typeCode, "BOGUS")}, metadataError},
        {"formatCode removed", {without("rim:Classification", formatCode)}, metadataError},
        {"formatCode BOGUS", {withCode(formatCode, "BOGUS")}, metadataError},
        {"facility removed",
         {without("rim:Classification", "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1")},
         metadataError},
        {"practice removed",
         {without("rim:Classification", "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead")},
         metadataError},
        {"confidentiality removed",
         {without("rim:Classification", "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f")},
         metadataError},
        {"contentTypeCode removed",
         {without("rim:Classification", "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500")},
         metadataError},
        {"sourceId removed",
         {without("rim:ExternalIdentifier", "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832")},
         metadataError},
        {"HasMember removed", {without("rim:Association", "AssociationType:HasMember")}, metadataError},
        {"uniqueId not an OID",
         {[](QByteArray& xml) {
             setAttribute(xml, QStringLiteral("rim:ExternalIdentifier"),
                          QStringLiteral("urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab"), QStringLiteral("value"),
                          QStringLiteral("not-an-oid"));
         }},
         metadataError},
        {"mimeType application/x-foo",
         {[](QByteArray& xml) {
             setAttribute(xml, QStringLiteral("rim:ExtrinsicObject"), QStringLiteral("mimeType"),
                          QStringLiteral("mimeType"), QStringLiteral("application/x-foo"));
         }},
         metadataError},
        {"the document is just hello",
         {[](QByteArray&) {}, [](QByteArray& cda) { cda = "hello"; }},
         "verdict Failure XDSRepositoryMetadataError"},
        {"the CDA names another patient",
         {[](QByteArray&) {},
          [](QByteArray& cda) {
              REQUIRE(cda.contains("extension=\"279035121518989\""));
              cda.replace("extension=\"279035121518989\"", "extension=\"162018885045327\"");
          }},
         "verdict Failure XDSPatientIdDoesNotMatch"},
        {"wsa:Action of another transaction",
         {[](QByteArray& xml) {
             REQUIRE(xml.contains("urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b</wsa:Action>"));
             xml.replace("urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b</wsa:Action>",
                         "urn:ihe:iti:2007:RegistryStoredQuery</wsa:Action>");
         }},
         "verdict Fault wsa:ActionNotSupported"},
        {"wsa:MessageID removed", {without("wsa:MessageID", "")}, "verdict Fault wsa:MessageAddressingHeaderRequired"},
        {"the assertion outside wsse:Security",
         {[](QByteArray& xml) {
             const QRegularExpression security(QStringLiteral("<Security\\b[^>]*>(.*)</Security>"),
                                               QRegularExpression::DotMatchesEverythingOption);
             QString text = QString::fromUtf8(xml);
             REQUIRE(security.match(text).hasMatch());
             text.replace(security, QStringLiteral("\\1"));
             xml = text.toUtf8();
         }},
         "verdict Fault wsse:InvalidSecurity"},
        {"VIHF without role",
         {[](QByteArray&) {}, {}, vihfWithout("urn:oasis:names:tc:xacml:2.0:subject:role")},
         badToken},
        {"VIHF without version", {[](QByteArray&) {}, {}, vihfWithout("VIHF_Version")}, badToken},
        {"VIHF without LPS_ID", {[](QByteArray&) {}, {}, vihfWithout("LPS_ID")}, badToken},
        {"VIHF without subject-id",
         {[](QByteArray&) {}, {}, vihfWithout("urn:oasis:names:tc:xspa:1.0:subject:subject-id")},
         badToken},
        {"VIHF dated 2001",
         {[](QByteArray&) {},
          {},
          [](QByteArray& assertion) {
              const QRegularExpression instant(QStringLiteral("IssueInstant=\"[^\"]*\""));
              QString text = QString::fromUtf8(assertion);
              REQUIRE(instant.match(text).hasMatch());
              text.replace(instant, QStringLiteral("IssueInstant=\"2001-01-01T10:00:00.000Z\""));
              assertion = text.toUtf8();
          }},
         badToken},
    };
    for (const Mutation& mutation : mutations) {
        INFO(mutation.what);
        const auto result = sendAltered(sampleDocument(), settings, mutation.alteration);
        CHECK_FALSE(result);
        CHECK(endpoint.verdict() == mutation.verdict);
        if (!result) {
            CHECK(result.error().kind == FailureKind::Permanent);
            // The secretary reads why, in French, not the protocol's codes.
            const QString message = result.error().error.userMessage;
            CHECK(message.startsWith(QStringLiteral("Le DMP a refusé")));
            CHECK_FALSE(message.contains(QLatin1String("XDS")));
            CHECK_FALSE(message.contains(QLatin1String("wsa:")));
        }
    }
    // The same request unaltered is accepted.
    REQUIRE(sendAltered(sampleDocument(), settings, {}));
    CHECK(endpoint.verdict() == "verdict Success");
}
