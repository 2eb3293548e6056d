#include "vihf.h"

#include "c_handles.h"
#include "xml_handles.h"

#include <QFile>
#include <QUuid>
#include <QXmlStreamWriter>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <string>
#include <xmlsec/crypto.h>
#include <xmlsec/templates.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmltree.h>

namespace missive::transport::detail
{
namespace
{

// A passphrase as a C string that is wiped when it goes out of scope.
class SecretString
{
public:
    explicit SecretString(const QByteArray& secret)
        : m_value(secret.constData(), static_cast<std::size_t>(secret.size()))
    {
    }
    ~SecretString()
    {
        OPENSSL_cleanse(m_value.data(), m_value.size());
    }
    SecretString(const SecretString&) = delete;
    SecretString& operator=(const SecretString&) = delete;
    SecretString(SecretString&&) = delete;
    SecretString& operator=(SecretString&&) = delete;
    [[nodiscard]] const char* c_str() const
    {
        return m_value.c_str();
    }

private:
    std::string m_value;
};

tl::unexpected<Error> certificateError(const QString& detail)
{
    return makeError(ErrorCode::PermissionDenied,
                     QStringLiteral("Le certificat de la structure est illisible (fichier ou mot de passe)."), detail);
}

const xmlChar* x(const char* text)
{
    return reinterpret_cast<const xmlChar*>(text);
}

void attributeValue(QXmlStreamWriter& xml, const QString& name, const QString& value)
{
    xml.writeStartElement(QStringLiteral("Attribute"));
    xml.writeAttribute(QStringLiteral("Name"), name);
    xml.writeTextElement(QStringLiteral("AttributeValue"), value);
    xml.writeEndElement();
}

void codedAttribute(QXmlStreamWriter& xml, const QString& name, const QString& element, const QString& code,
                    const QString& codeSystem, const QString& displayName)
{
    const QString hl7 = QStringLiteral("urn:hl7-org:v3");
    xml.writeStartElement(QStringLiteral("Attribute"));
    xml.writeAttribute(QStringLiteral("Name"), name);
    xml.writeStartElement(QStringLiteral("AttributeValue"));
    xml.writeStartElement(hl7, element);
    xml.writeAttribute(QStringLiteral("code"), code);
    xml.writeAttribute(QStringLiteral("codeSystem"), codeSystem);
    xml.writeAttribute(QStringLiteral("displayName"), displayName);
    xml.writeAttribute(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"), QStringLiteral("type"),
                       QStringLiteral("CE"));
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
}

QByteArray unsignedAssertion(const DmpSettings& settings, const VihfInput& input, const QString& id,
                             const QString& issuer)
{
    const QString instant = input.now.toUTC().toString(Qt::ISODateWithMs);
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("Assertion"));
    xml.writeDefaultNamespace(QString::fromLatin1(SamlNs));
    xml.writeNamespace(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"), QStringLiteral("xsi"));
    xml.writeAttribute(QStringLiteral("ID"), id);
    xml.writeAttribute(QStringLiteral("IssueInstant"), instant);
    xml.writeAttribute(QStringLiteral("Version"), QStringLiteral("2.0"));
    xml.writeStartElement(QStringLiteral("Issuer"));
    xml.writeAttribute(QStringLiteral("Format"),
                       QStringLiteral("urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName"));
    xml.writeCharacters(issuer);
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("Subject"));
    xml.writeTextElement(QStringLiteral("NameID"), settings.responsibleId);
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("AuthnStatement"));
    xml.writeAttribute(QStringLiteral("AuthnInstant"), instant);
    xml.writeStartElement(QStringLiteral("AuthnContext"));
    xml.writeTextElement(QStringLiteral("AuthnContextClassRef"),
                         QStringLiteral("urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified"));
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("AttributeStatement"));
    attributeValue(xml, QStringLiteral("VIHF_Version"), QStringLiteral("3.0"));
    attributeValue(xml, QStringLiteral("Authentification_Mode"), QStringLiteral("INDIRECTE"));
    attributeValue(xml, QStringLiteral("Secteur_Activite"),
                   settings.activitySector + QStringLiteral("^1.2.250.1.71.4.2.4"));
    attributeValue(xml, QString::fromLatin1(ResourceIdAttribute), input.patientCx);
    attributeValue(xml, QStringLiteral("Ressource_URN"), QStringLiteral("urn:dmp"));
    attributeValue(xml, QStringLiteral("urn:oasis:names:tc:xspa:1.0:subject:subject-id"),
                   QStringLiteral("%1, automate, envoi de documents").arg(settings.softwareName));
    attributeValue(xml, QStringLiteral("Identifiant_Structure"), settings.structureId);
    attributeValue(xml, QStringLiteral("LPS_Version"), settings.softwareVersion);
    attributeValue(xml, QStringLiteral("LPS_ID"), settings.softwareId);
    attributeValue(xml, QStringLiteral("LPS_Nom"), settings.softwareName);
    attributeValue(xml, QStringLiteral("LPS_ID_HOMOLOGATION_DMP"), settings.homologationId);
    codedAttribute(xml, QStringLiteral("urn:oasis:names:tc:xspa:1.0:subject:purposeofuse"),
                   QStringLiteral("PurposeOfUse"), QStringLiteral("normal"), QStringLiteral("1.2.250.1.213.1.1.4.248"),
                   QStringLiteral("Accès normal"));
    codedAttribute(xml, QStringLiteral("urn:oasis:names:tc:xacml:2.0:subject:role"), QStringLiteral("Role"),
                   QStringLiteral("AUTOMATE"), QStringLiteral("1.2.250.1.213.1.1.4.6"), QStringLiteral("AUTOMATE"));
    xml.writeEndElement(); // AttributeStatement
    xml.writeEndElement(); // Assertion
    xml.writeEndDocument();
    return out;
}

} // namespace

Result<QString> certificateSubject(const QString& p12Path, const QByteArray& passphrase)
{
    QFile file(p12Path);
    if (!file.open(QIODevice::ReadOnly)) {
        return certificateError(QStringLiteral("cannot open PKCS#12 file"));
    }
    const QByteArray der = file.readAll();
    const auto* cursor = reinterpret_cast<const unsigned char*>(der.constData());
    detail::Pkcs12 p12(d2i_PKCS12(nullptr, &cursor, der.size()));
    if (!p12) {
        return certificateError(QStringLiteral("not a PKCS#12 file"));
    }
    const SecretString secret(passphrase);
    EVP_PKEY* rawKey = nullptr;
    X509* rawCert = nullptr;
    if (PKCS12_parse(p12.get(), secret.c_str(), &rawKey, &rawCert, nullptr) != 1) {
        return certificateError(QStringLiteral("PKCS12_parse failed (wrong passphrase?)"));
    }
    detail::EvpKey key(rawKey);
    detail::X509Cert cert(rawCert);
    if (!cert || !key) {
        return certificateError(QStringLiteral("PKCS#12 without key or certificate"));
    }
    detail::Bio bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert.get()), 0, XN_FLAG_RFC2253);
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QString::fromUtf8(data, static_cast<qsizetype>(length));
}

Result<QByteArray> buildSignedVihf(const DmpSettings& settings, const VihfInput& input)
{
    const QString p12 =
        settings.signingCertificateP12.isEmpty() ? settings.clientCertificateP12 : settings.signingCertificateP12;
    const QByteArray& passphrase =
        settings.signingCertificateP12.isEmpty() ? settings.passphrase : settings.signingPassphrase;
    auto issuer = certificateSubject(p12, passphrase);
    if (!issuer) {
        return tl::unexpected(issuer.error());
    }
    if (!ensureXmlSec()) {
        return makeError(ErrorCode::ExternalTool, QStringLiteral("La bibliothèque de signature XML est inutilisable."),
                         QStringLiteral("xmlsec initialisation failed"));
    }
    // SAML IDs are xsd:ID (NCName): no leading digit.
    const QString id = QStringLiteral("_") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QByteArray assertionXml = unsignedAssertion(settings, input, id, *issuer);
    if (input.beforeSigning) {
        input.beforeSigning(assertionXml);
    }
    XmlDoc doc = parseXml(assertionXml);
    xmlNode* assertion = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    xmlNode* issuerNode = assertion ? findElement(assertion->children, SamlNs, "Issuer") : nullptr;
    if (issuerNode == nullptr) {
        return makeError(ErrorCode::Io, QStringLiteral("Impossible de préparer l'assertion VIHF."),
                         QStringLiteral("assertion did not parse"));
    }
    // The signature references the assertion by its ID attribute.
    xmlAttr* idAttribute = xmlHasProp(assertion, x("ID"));
    xmlAddID(nullptr, doc.get(), x(id.toUtf8().constData()), idAttribute);

    const auto signingFailed = [](const char* step) {
        return makeError(ErrorCode::ExternalTool, QStringLiteral("La signature de l'assertion VIHF a échoué."),
                         QStringLiteral("xmlsec: %1").arg(QString::fromLatin1(step)));
    };
    xmlNode* signature =
        xmlSecTmplSignatureCreate(doc.get(), xmlSecTransformExclC14NId, xmlSecTransformRsaSha256Id, nullptr);
    if (signature == nullptr) {
        return signingFailed("template");
    }
    // SAML schema order: Issuer, then Signature.
    xmlAddNextSibling(issuerNode, signature);
    const QByteArray uri = "#" + id.toUtf8();
    xmlNode* reference =
        xmlSecTmplSignatureAddReference(signature, xmlSecTransformSha256Id, nullptr, x(uri.constData()), nullptr);
    if (reference == nullptr || xmlSecTmplReferenceAddTransform(reference, xmlSecTransformEnvelopedId) == nullptr
        || xmlSecTmplReferenceAddTransform(reference, xmlSecTransformExclC14NId) == nullptr) {
        return signingFailed("reference");
    }
    xmlNode* keyInfo = xmlSecTmplSignatureEnsureKeyInfo(signature, nullptr);
    xmlNode* x509Data = keyInfo ? xmlSecTmplKeyInfoAddX509Data(keyInfo) : nullptr;
    if (x509Data == nullptr || xmlSecTmplX509DataAddCertificate(x509Data) == nullptr) {
        return signingFailed("key info");
    }

    CHandle<xmlSecDSigCtx, xmlSecDSigCtxDestroy> ctx(xmlSecDSigCtxCreate(nullptr));
    if (!ctx) {
        return signingFailed("context");
    }
    {
        const SecretString secret(passphrase);
        const QByteArray path = QFile::encodeName(p12);
        ctx->signKey =
            xmlSecCryptoAppKeyLoad(path.constData(), xmlSecKeyDataFormatPkcs12, secret.c_str(), nullptr, nullptr);
    }
    if (ctx->signKey == nullptr) {
        return certificateError(QStringLiteral("xmlsec could not load the signing key"));
    }
    if (xmlSecDSigCtxSign(ctx.get(), signature) < 0) {
        return signingFailed("sign");
    }
    return serializeNode(doc.get(), assertion);
}

} // namespace missive::transport::detail
