// missive-dmp-test-endpoint: a LOCAL TEST STAND-IN for the DMP document repository (ITI-41).
// No public DMP test server is reachable, so the transport tests talk to this program instead.
// It is not a DMP: it only checks what a repository would check on a Provide and Register request.
//
// HTTPS on 127.0.0.1 (OpenSSL), client certificate required and verified. For each request:
//   1. MTOM/XOP multipart parsing, xop:Include resolved from the attachments;
//   2. the VIHF (SAML assertion in wsse:Security): enveloped XML-DSig verified with xmlsec against a
//      trusted CA, the reference must point at the assertion itself -> else SOAP Fault (Sender,
//      wsse:FailedAuthentication);
//   3. the request body against XDS.b_DocumentRepository.xsd (libxml2) -> else RegistryResponse
//      Failure XDSRepositoryMetadataError;
//   4. the INS: resource-id of the VIHF must be a valid matricule (key) with an INS OID
//      (XDSUnknownPatientId otherwise) and equal the patientId of the DocumentEntry and the
//      SubmissionSet (XDSPatientIdDoesNotMatch otherwise);
//   5. the document's hash (SHA-1) and size slots (XDSRepositoryMetadataError);
//   6. the DocumentEntry uniqueId was not registered before (XDSDuplicateUniqueIdInRegistry).
// Prints "port N" once listening, then one line per request: "verdict <status> <codes…>".
//   7. the DMP's own rules (tests/support/dmp_rules.cpp, one id per rule in docs/dmp-test-endpoint.md):
//      WS-Addressing and WS-Security placement, the VIHF's attributes and validity, every coded
//      classification in its JDV, the submission set complete, the document a CDA of that patient.
// Usage: missive-dmp-test-endpoint --cert PEM --key PEM --client-ca PEM --signer-ca PEM --xsd XSD
//        --terminologies DIR [--store DIR] [--receiver-fault]

#include "dmp_rules.h"
#include "missive/core/ins.h"
#include "xml_handles.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <arpa/inet.h>
#include <csignal>
#include <cstdio>
#include <libxml/xmlschemas.h>
#include <memory>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <xmlsec/crypto.h>
#include <xmlsec/keysmngr.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmltree.h>

namespace
{

using missive::transport::detail::attribute;
using missive::transport::detail::findElement;
using missive::transport::detail::parseXml;
using missive::transport::detail::textContent;
using missive::transport::detail::XmlDoc;

using namespace missive::test::dmp;

struct Options
{
    QString cert, key, clientCa, signerCa, xsd, store, terminologies;
    bool receiverFault = false;
    missive::test::Terminologies values; // loaded from `terminologies`
};

struct Reply
{
    int status = 200;
    QByteArray body;
    QString verdict; // for the test's log line
};

QByteArray envelope(const QByteArray& bodyContent)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
           "xmlns:wsa=\"http://www.w3.org/2005/08/addressing\"><env:Header>"
           "<wsa:Action>urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse</wsa:Action></env:Header><env:Body>"
           + bodyContent + "</env:Body></env:Envelope>";
}

Reply registryResponse(const QStringList& errors, const QString& context)
{
    Reply reply;
    QByteArray content = "<rs:RegistryResponse xmlns:rs=\"urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0\" status=\"";
    if (errors.isEmpty()) {
        content += "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success\"/>";
        reply.verdict = QStringLiteral("Success");
    } else {
        content += "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure\"><rs:RegistryErrorList>";
        for (const QString& code : errors) {
            QString escaped = context.toHtmlEscaped();
            content += "<rs:RegistryError errorCode=\"" + code.toUtf8() + "\" codeContext=\"" + escaped.toUtf8()
                       + "\" severity=\"urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error\"/>";
        }
        content += "</rs:RegistryErrorList></rs:RegistryResponse>";
        reply.verdict = QStringLiteral("Failure ") + errors.join(u' ');
    }
    reply.body = envelope(content);
    return reply;
}

Reply fault(bool sender, const QString& subcode, const QString& reason)
{
    Reply reply;
    reply.status = sender ? 400 : 500; // SOAP 1.2 HTTP binding
    reply.body =
        envelope("<env:Fault><env:Code><env:Value>" + QByteArray(sender ? "env:Sender" : "env:Receiver")
                 + "</env:Value><env:Subcode><env:Value "
                   "xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
                 + subcode.toUtf8() + "</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang=\"en\">"
                 + reason.toHtmlEscaped().toUtf8() + "</env:Text></env:Reason></env:Fault>");
    reply.verdict = QStringLiteral("Fault ") + subcode;
    return reply;
}

struct Part
{
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

QByteArray parameter(const QByteArray& header, const char* name)
{
    const QRegularExpression pattern(QStringLiteral("%1=\"?([^\";]+)\"?").arg(QString::fromLatin1(name)),
                                     QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(QString::fromLatin1(header));
    return match.hasMatch() ? match.captured(1).toLatin1() : QByteArray();
}

QList<Part> splitMultipart(const QByteArray& body, const QByteArray& boundary)
{
    QList<Part> parts;
    const QByteArray delimiter = "--" + boundary;
    qsizetype pos = body.indexOf(delimiter);
    while (pos >= 0) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--") {
            break;
        }
        const qsizetype headersStart = body.indexOf("\r\n", pos) + 2;
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", headersStart);
        const qsizetype next = body.indexOf(QByteArray("\r\n" + delimiter), headersEnd);
        if (headersStart < 2 || headersEnd < 0 || next < 0) {
            break;
        }
        Part part;
        for (const QByteArray& line : body.mid(headersStart, headersEnd - headersStart).split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0) {
                part.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
            }
        }
        part.body = body.mid(headersEnd + 4, next - headersEnd - 4);
        parts.append(part);
        pos = next + 2;
    }
    return parts;
}

QByteArray stripAngles(QByteArray id)
{
    id = id.trimmed();
    if (id.startsWith('<') && id.endsWith('>')) {
        id = id.mid(1, id.size() - 2);
    }
    return id;
}

// Verifies the enveloped signature of the assertion with the trusted signer CA.
QString verifyVihf(xmlDoc* doc, xmlNode* assertion, const QString& signerCa)
{
    const QString id = attribute(assertion, "ID");
    xmlAttr* idAttribute = xmlHasProp(assertion, x("ID"));
    if (id.isEmpty() || idAttribute == nullptr) {
        return QStringLiteral("assertion without ID");
    }
    xmlAddID(nullptr, doc, x(id.toUtf8().constData()), idAttribute);
    xmlNode* signature = nullptr;
    for (xmlNode* child = assertion->children; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && xmlStrEqual(child->name, x("Signature")) && child->ns != nullptr
            && xmlStrEqual(child->ns->href, x(DsigNs))) {
            signature = child;
        }
    }
    if (signature == nullptr) {
        return QStringLiteral("assertion not signed");
    }
    // Exactly one reference, to the assertion itself (no signature wrapping).
    xmlNode* signedInfo = findElement(signature->children, DsigNs, "SignedInfo");
    int references = 0;
    QString uri;
    for (xmlNode* child = signedInfo ? signedInfo->children : nullptr; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && xmlStrEqual(child->name, x("Reference"))) {
            ++references;
            uri = attribute(child, "URI");
        }
    }
    if (references != 1 || uri != QStringLiteral("#") + id) {
        return QStringLiteral("signature does not reference the assertion");
    }

    std::unique_ptr<xmlSecKeysMngr, decltype(&xmlSecKeysMngrDestroy)> manager(xmlSecKeysMngrCreate(),
                                                                              &xmlSecKeysMngrDestroy);
    if (!manager || xmlSecCryptoAppDefaultKeysMngrInit(manager.get()) < 0
        || xmlSecCryptoAppKeysMngrCertLoad(manager.get(), QFile::encodeName(signerCa).constData(),
                                           xmlSecKeyDataFormatPem, xmlSecKeyDataTypeTrusted)
               < 0) {
        return QStringLiteral("cannot load the trusted CA");
    }
    std::unique_ptr<xmlSecDSigCtx, decltype(&xmlSecDSigCtxDestroy)> ctx(xmlSecDSigCtxCreate(manager.get()),
                                                                        &xmlSecDSigCtxDestroy);
    if (!ctx || xmlSecDSigCtxVerify(ctx.get(), signature) < 0) {
        return QStringLiteral("signature processing failed (untrusted certificate or malformed)");
    }
    if (ctx->status != xmlSecDSigStatusSucceeded) {
        return QStringLiteral("signature invalid");
    }
    return {};
}

QString samlAttribute(xmlNode* assertion, const char* name)
{
    for (xmlNode* node = findElement(assertion->children, SamlNs, "AttributeStatement");
         node != nullptr && node->children != nullptr;) {
        for (xmlNode* child = node->children; child != nullptr; child = child->next) {
            if (child->type == XML_ELEMENT_NODE && attribute(child, "Name") == QLatin1String(name)) {
                xmlNode* value = findElement(child->children, SamlNs, "AttributeValue");
                return value ? textContent(value).trimmed() : QString();
            }
        }
        break;
    }
    return {};
}

// ExternalIdentifier values with this identificationScheme.
QStringList externalIdentifiers(xmlNode* from, const char* scheme)
{
    QStringList values;
    for (xmlNode* node = from; node != nullptr; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (xmlStrEqual(node->name, x("ExternalIdentifier"))
            && attribute(node, "identificationScheme") == QLatin1String(scheme)) {
            values << attribute(node, "value");
        }
        values << externalIdentifiers(node->children, scheme);
    }
    return values;
}

QString slotValue(xmlNode* extrinsic, const char* name)
{
    for (xmlNode* child = extrinsic->children; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && xmlStrEqual(child->name, x("Slot"))
            && attribute(child, "name") == QLatin1String(name)) {
            xmlNode* value = findElement(child->children, RimNs, "Value");
            return value ? textContent(value).trimmed() : QString();
        }
    }
    return {};
}

// A rule broken: a SOAP fault for the header's rules, a registry failure for the metadata's; the
// rule's id goes with the message (docs/dmp-test-endpoint.md).
Reply refused(const missive::test::Refusal& refusal)
{
    const QString message = QStringLiteral("[%1] %2").arg(refusal.rule, refusal.message);
    return refusal.fault ? fault(true, refusal.code, message) : registryResponse({refusal.code}, message);
}

Reply handle(const Options& options, const QByteArray& contentType, const QByteArray& body)
{
    static QStringList registered; // DocumentEntry uniqueIds accepted so far
    if (options.receiverFault) {
        return fault(false, QStringLiteral("env:Receiver"), QStringLiteral("test endpoint: repository unavailable"));
    }
    if (!contentType.toLower().startsWith("multipart/related") || !contentType.contains("application/xop+xml")) {
        return fault(true, QStringLiteral("env:Sender"), QStringLiteral("MTOM (multipart/related, XOP) expected"));
    }
    const QList<Part> parts = splitMultipart(body, parameter(contentType, "boundary"));
    if (parts.isEmpty()) {
        return fault(true, QStringLiteral("env:Sender"), QStringLiteral("no MIME part"));
    }
    const QByteArray start = stripAngles(parameter(contentType, "start"));
    Part root = parts.first();
    QMap<QByteArray, QByteArray> attachments;
    for (const Part& part : parts) {
        const QByteArray id = stripAngles(part.headers.value("content-id"));
        if (!start.isEmpty() && id == start) {
            root = part;
        } else {
            attachments.insert(id, part.body);
        }
    }
    XmlDoc doc = parseXml(root.body);
    xmlNode* envelopeNode = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (envelopeNode == nullptr || !xmlStrEqual(envelopeNode->name, x("Envelope"))) {
        return fault(true, QStringLiteral("env:Sender"), QStringLiteral("not a SOAP 1.2 envelope"));
    }
    xmlNode* header = findElement(envelopeNode->children, SoapNs, "Header");
    xmlNode* assertion = header ? findElement(header->children, SamlNs, "Assertion") : nullptr;
    if (assertion == nullptr) {
        return fault(true, QStringLiteral("wsse:InvalidSecurity"), QStringLiteral("no VIHF assertion"));
    }
    if (const QString problem = verifyVihf(doc.get(), assertion, options.signerCa); !problem.isEmpty()) {
        return fault(true, QStringLiteral("wsse:FailedAuthentication"), problem);
    }
    if (const auto refusal = missive::test::checkHeaderRules(envelopeNode, QDateTime::currentDateTimeUtc())) {
        return refused(*refusal);
    }

    // XOP: put each attachment back (base64) where it was referenced, then validate the body.
    xmlNode* bodyNode = findElement(envelopeNode->children, SoapNs, "Body");
    xmlNode* request =
        bodyNode ? findElement(bodyNode->children, XdsbNs, "ProvideAndRegisterDocumentSetRequest") : nullptr;
    if (request == nullptr) {
        return registryResponse({QStringLiteral("XDSRepositoryMetadataError")},
                                QStringLiteral("no ProvideAndRegisterDocumentSetRequest"));
    }
    QMap<QString, QByteArray> documents; // Document@id -> bytes
    for (xmlNode* child = request->children; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE || !xmlStrEqual(child->name, x("Document"))) {
            continue;
        }
        xmlNode* include = findElement(child->children, XopNs, "Include");
        QByteArray data;
        if (include != nullptr) {
            const QByteArray href = attribute(include, "href").toLatin1();
            data = attachments.value(QByteArray::fromPercentEncoding(href.startsWith("cid:") ? href.mid(4) : href));
            xmlUnlinkNode(include);
            xmlFreeNode(include);
            xmlNodeSetContent(child, x(data.toBase64().constData()));
        } else {
            data = QByteArray::fromBase64(textContent(child).toLatin1());
        }
        documents.insert(attribute(child, "id"), data);
    }
    XmlDoc standalone(xmlNewDoc(x("1.0")));
    xmlNode* copy = xmlDocCopyNode(request, standalone.get(), 1);
    xmlDocSetRootElement(standalone.get(), copy);
    xmlReconciliateNs(standalone.get(), copy);
    const QByteArray xsd = QFile::encodeName(options.xsd);
    std::unique_ptr<xmlSchemaParserCtxt, decltype(&xmlSchemaFreeParserCtxt)> parser(
        xmlSchemaNewParserCtxt(xsd.constData()), &xmlSchemaFreeParserCtxt);
    std::unique_ptr<xmlSchema, decltype(&xmlSchemaFree)> schema(xmlSchemaParse(parser.get()), &xmlSchemaFree);
    std::unique_ptr<xmlSchemaValidCtxt, decltype(&xmlSchemaFreeValidCtxt)> validator(
        schema ? xmlSchemaNewValidCtxt(schema.get()) : nullptr, &xmlSchemaFreeValidCtxt);
    if (!validator) {
        return fault(false, QStringLiteral("env:Receiver"), QStringLiteral("test endpoint cannot load the XDS schema"));
    }
    xmlSchemaSetValidErrors(validator.get(), nullptr, nullptr, nullptr);
    if (xmlSchemaValidateDoc(validator.get(), standalone.get()) != 0) {
        return registryResponse({QStringLiteral("XDSRepositoryMetadataError")},
                                QStringLiteral("request not valid against XDS.b_DocumentRepository.xsd"));
    }

    // INS: the VIHF's resource-id must be a valid INS and match the metadata's patientId.
    const QString resource = samlAttribute(assertion, "urn:oasis:names:tc:xacml:2.0:resource:resource-id");
    static const QRegularExpression cx(QStringLiteral("^([0-9AB]{15})\\^\\^\\^&([0-9.]+)&ISO\\^NH$"));
    const auto match = cx.match(resource);
    if (!match.hasMatch() || !missive::ins::isValidMatricule(match.captured(1))
        || !missive::ins::isInsOid(match.captured(2))) {
        return registryResponse({QStringLiteral("XDSUnknownPatientId")},
                                QStringLiteral("VIHF resource-id is not a valid INS"));
    }
    const QStringList ids =
        externalIdentifiers(request->children, DePatientId) + externalIdentifiers(request->children, SsPatientId);
    if (ids.size() < 2 || ids.count(resource) != ids.size()) {
        return registryResponse({QStringLiteral("XDSPatientIdDoesNotMatch")},
                                QStringLiteral("metadata patientId differs from the VIHF INS"));
    }

    // Document hash and size, as a repository computes them.
    xmlNode* extrinsic = findElement(request->children, RimNs, "ExtrinsicObject");
    const QString entryId = extrinsic ? attribute(extrinsic, "id") : QString();
    if (!documents.contains(entryId)) {
        return registryResponse({QStringLiteral("XDSMissingDocument")},
                                QStringLiteral("no document for the DocumentEntry"));
    }
    const QByteArray document = documents.value(entryId);
    const QString hash = QString::fromLatin1(QCryptographicHash::hash(document, QCryptographicHash::Sha1).toHex());
    if ((!slotValue(extrinsic, "hash").isEmpty() && slotValue(extrinsic, "hash").toLower() != hash)
        || (!slotValue(extrinsic, "size").isEmpty()
            && slotValue(extrinsic, "size") != QString::number(document.size()))) {
        return registryResponse({QStringLiteral("XDSRepositoryMetadataError")},
                                QStringLiteral("hash or size does not match the document"));
    }
    if (const auto refusal = missive::test::checkMetadataRules(request, documents, options.values)) {
        return refused(*refusal);
    }
    const QString uniqueId = externalIdentifiers(request->children, DeUniqueId).value(0);
    if (registered.contains(uniqueId)) {
        return registryResponse({QStringLiteral("XDSDuplicateUniqueIdInRegistry")}, uniqueId);
    }
    registered << uniqueId;
    if (!options.store.isEmpty()) {
        QFile out(QDir(options.store).filePath(QStringLiteral("%1.xml").arg(entryId)));
        if (out.open(QIODevice::WriteOnly)) {
            out.write(document);
        }
    }
    return registryResponse({}, {});
}

// ---- HTTPS plumbing ----

struct SslCtxDeleter
{
    void operator()(SSL_CTX* ctx) const
    {
        SSL_CTX_free(ctx);
    }
};
struct SslDeleter
{
    void operator()(SSL* ssl) const
    {
        SSL_free(ssl);
    }
};

bool readExactly(SSL* ssl, QByteArray& buffer, qsizetype size)
{
    char chunk[16384];
    while (buffer.size() < size) {
        const int n = SSL_read(ssl, chunk, sizeof chunk);
        if (n <= 0) {
            return false;
        }
        buffer.append(chunk, n);
    }
    return true;
}

void serve(SSL* ssl, const Options& options)
{
    QByteArray data;
    char chunk[16384];
    qsizetype headerEnd = -1;
    while ((headerEnd = data.indexOf("\r\n\r\n")) < 0) {
        const int n = SSL_read(ssl, chunk, sizeof chunk);
        if (n <= 0 || data.size() > 1 << 20) {
            return;
        }
        data.append(chunk, n);
    }
    QByteArray contentType;
    qsizetype length = 0;
    for (const QByteArray& line : data.left(headerEnd).split('\n')) {
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).trimmed().toLower();
        if (name == "content-type") {
            contentType = line.mid(colon + 1).trimmed();
        } else if (name == "content-length") {
            length = line.mid(colon + 1).trimmed().toLongLong();
        }
    }
    QByteArray body = data.mid(headerEnd + 4);
    if (!readExactly(ssl, body, length)) {
        return;
    }
    const Reply reply = handle(options, contentType, body.left(length));
    std::printf("verdict %s\n", reply.verdict.toUtf8().constData());
    std::fflush(stdout);
    const QByteArray response = "HTTP/1.1 " + QByteArray::number(reply.status)
                                + (reply.status == 200   ? " OK"
                                   : reply.status == 400 ? " Bad Request"
                                                         : " Internal Server Error")
                                + "\r\nContent-Type: application/soap+xml; charset=UTF-8\r\nContent-Length: "
                                + QByteArray::number(reply.body.size()) + "\r\nConnection: close\r\n\r\n" + reply.body;
    SSL_write(ssl, response.constData(), static_cast<int>(response.size()));
    SSL_shutdown(ssl);
}

} // namespace

int main(int argc, char* argv[])
{
    std::signal(SIGPIPE, SIG_IGN);
    Options options;
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        const auto next = [&]() { return i + 1 < argc ? QString::fromLocal8Bit(argv[++i]) : QString(); };
        if (arg == QLatin1String("--cert")) {
            options.cert = next();
        } else if (arg == QLatin1String("--key")) {
            options.key = next();
        } else if (arg == QLatin1String("--client-ca")) {
            options.clientCa = next();
        } else if (arg == QLatin1String("--signer-ca")) {
            options.signerCa = next();
        } else if (arg == QLatin1String("--xsd")) {
            options.xsd = next();
        } else if (arg == QLatin1String("--store")) {
            options.store = next();
        } else if (arg == QLatin1String("--terminologies")) {
            options.terminologies = next();
        } else if (arg == QLatin1String("--receiver-fault")) {
            options.receiverFault = true;
        } else {
            std::fprintf(stderr, "unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    if (!missive::transport::detail::ensureXmlSec()) {
        std::fprintf(stderr, "xmlsec unusable\n");
        return 1;
    }
    options.values = missive::test::Terminologies::load(options.terminologies);
    if (!options.values.complete()) {
        std::fprintf(stderr, "terminologies (JDV files) not found: --terminologies DIR\n");
        return 1;
    }
    std::unique_ptr<SSL_CTX, SslCtxDeleter> ctx(SSL_CTX_new(TLS_server_method()));
    if (!ctx || SSL_CTX_use_certificate_chain_file(ctx.get(), QFile::encodeName(options.cert).constData()) != 1
        || SSL_CTX_use_PrivateKey_file(ctx.get(), QFile::encodeName(options.key).constData(), SSL_FILETYPE_PEM) != 1
        || SSL_CTX_load_verify_locations(ctx.get(), QFile::encodeName(options.clientCa).constData(), nullptr) != 1) {
        ERR_print_errors_fp(stderr);
        return 1;
    }
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);

    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (listener < 0 || bind(listener, reinterpret_cast<sockaddr*>(&address), size) != 0 || listen(listener, 16) != 0
        || getsockname(listener, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
        std::perror("listen");
        return 1;
    }
    std::printf("port %d\n", ntohs(address.sin_port));
    std::fflush(stdout);
    for (;;) {
        const int client = accept(listener, nullptr, nullptr);
        if (client < 0) {
            continue;
        }
        std::unique_ptr<SSL, SslDeleter> ssl(SSL_new(ctx.get()));
        SSL_set_fd(ssl.get(), client);
        if (SSL_accept(ssl.get()) == 1) {
            serve(ssl.get(), options);
        } else {
            std::printf("verdict TLS-refused\n");
            std::fflush(stdout);
        }
        close(client);
    }
}
