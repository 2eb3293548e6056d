#pragma once
// Shared by the transport tests: synthetic documents and validation with the real spec files
// (xmllint for the XSDs, Saxon-HE for the ANS schematron compiled at build time).

#include "missive/transport/package.h"
#include "support.h"

#include <QByteArray>
#include <QString>
#include <catch2/catch.hpp>
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

// ---- The LOCAL DMP TEST ENDPOINT (tests/support/dmp_test_endpoint.cpp) and its throwaway PKI.
inline constexpr auto DmpPassphrase = "structure-test-pass";

inline void openssl(const std::vector<std::string>& args, const fs::path& dir)
{
    std::vector<std::string> argv = {"openssl"};
    argv.insert(argv.end(), args.begin(), args.end());
    RunOptions options;
    options.env = {{"RANDFILE", (dir / ".rnd").string()}};
    const RunResult result = run(argv, options);
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
}

// A CA, a server certificate for 127.0.0.1 and a structure certificate (PKCS#12).
struct DmpPki
{
    explicit DmpPki(const fs::path& dir, const std::string& name)
        : ca(dir / (name + "-ca.pem"))
        , serverCert(dir / (name + "-server.pem"))
        , serverKey(dir / (name + "-server.key"))
        , structureP12(dir / (name + "-structure.p12"))
    {
        const fs::path caKey = dir / (name + "-ca.key");
        openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.string(), "-out", ca.string(),
                 "-days", "2", "-subj", "/O=Missive tests/CN=" + name + " test CA"},
                dir);
        const fs::path ext = dir / (name + "-server.ext");
        writeFile(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        issue(dir, caKey, "server", "/CN=localhost", ext, serverKey, serverCert);
        const fs::path clientExt = dir / (name + "-structure.ext");
        writeFile(clientExt, "extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature,nonRepudiation\n");
        const fs::path key = dir / (name + "-structure.key");
        const fs::path cert = dir / (name + "-structure.pem");
        issue(dir, caKey, "structure", "/C=FR/O=Cabinet des Tilleuls/OU=1120459876/CN=DMP SIGN " + name, clientExt, key,
              cert);
        openssl({"pkcs12", "-export", "-in", cert.string(), "-inkey", key.string(), "-out", structureP12.string(),
                 "-passout", std::string("pass:") + DmpPassphrase},
                dir);
        // As Missive requires of any certificate with a private key: readable by its owner only.
        fs::permissions(structureP12, fs::perms::owner_read | fs::perms::owner_write);
    }

    static void issue(const fs::path& dir, const fs::path& caKey, const std::string& what, const std::string& subject,
                      const fs::path& ext, const fs::path& key, const fs::path& cert)
    {
        const fs::path csr = dir / (what + ".csr");
        const fs::path caCert = fs::path(caKey).replace_extension(".pem");
        openssl(
            {"req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.string(), "-out", csr.string(), "-subj", subject},
            dir);
        openssl({"x509", "-req", "-in", csr.string(), "-CA", caCert.string(), "-CAkey", caKey.string(),
                 "-CAcreateserial", "-out", cert.string(), "-days", "2", "-extfile", ext.string()},
                dir);
    }

    fs::path ca, serverCert, serverKey, structureP12;
};

class DmpTestEndpoint
{
public:
    DmpTestEndpoint(const DmpPki& pki, const fs::path& store, bool receiverFault = false)
        : m_child(arguments(pki, store, receiverFault), RunOptions{}, true)
    {
        const auto line = m_child.readLine(std::chrono::seconds(30));
        REQUIRE(line);
        REQUIRE(line->rfind("port ", 0) == 0);
        m_port = std::stoi(line->substr(5));
    }

    [[nodiscard]] QString url() const
    {
        return QStringLiteral("https://127.0.0.1:%1/si-dmp-server/v2/services/repository").arg(m_port);
    }
    // The endpoint's verdict on the next request it handled.
    std::string verdict()
    {
        const auto line = m_child.readLine(std::chrono::seconds(30));
        REQUIRE(line);
        return *line;
    }

private:
    static std::vector<std::string> arguments(const DmpPki& pki, const fs::path& store, bool receiverFault)
    {
        std::vector<std::string> argv = {MISSIVE_TEST_DMP_ENDPOINT,
                                         "--cert",
                                         pki.serverCert.string(),
                                         "--key",
                                         pki.serverKey.string(),
                                         "--client-ca",
                                         pki.ca.string(),
                                         "--signer-ca",
                                         pki.ca.string(),
                                         "--xsd",
                                         specPath("xds/xsd/XDS.b_DocumentRepository.xsd"),
                                         "--terminologies",
                                         specPath("terminologies"),
                                         "--store",
                                         store.string()};
        if (receiverFault) {
            argv.push_back("--receiver-fault");
        }
        return argv;
    }

    Child m_child;
    int m_port = 0;
};

} // namespace missive::test
