#include "soap_mtom.h"

#include "xds_metadata.h"

#include <QRegularExpression>
#include <QUuid>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace missive::transport::detail
{
namespace
{

constexpr auto SoapNs = "http://www.w3.org/2003/05/soap-envelope";
constexpr auto WsaNs = "http://www.w3.org/2005/08/addressing";
constexpr auto WsseNs = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
constexpr auto XdsbNs = "urn:ihe:iti:xds-b:2007";
constexpr auto XopNs = "http://www.w3.org/2004/08/xop/include";
constexpr auto RsNs = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
constexpr auto VihfPlaceholder = "<!--missive-vihf-->";

QByteArray firstMimePart(const QByteArray& contentType, const QByteArray& body)
{
    static const QRegularExpression boundaryPattern(QStringLiteral("boundary=\"?([^\";]+)\"?"),
                                                    QRegularExpression::CaseInsensitiveOption);
    const auto match = boundaryPattern.match(QString::fromLatin1(contentType));
    if (!match.hasMatch()) {
        return body;
    }
    const QByteArray delimiter = "--" + match.captured(1).toLatin1();
    const qsizetype start = body.indexOf(delimiter);
    if (start < 0) {
        return {};
    }
    const qsizetype headersEnd = body.indexOf("\r\n\r\n", start);
    const qsizetype end = body.indexOf(QByteArray("\r\n" + delimiter), headersEnd);
    if (headersEnd < 0 || end < 0) {
        return {};
    }
    return body.mid(headersEnd + 4, end - headersEnd - 4);
}

} // namespace

QByteArray provideAndRegisterEnvelope(const DocumentFacts& facts, const QByteArray& cda, const QByteArray& signedVihf,
                                      const QString& to, const QString& documentContentId)
{
    const QString soap = QString::fromLatin1(SoapNs);
    const QString wsa = QString::fromLatin1(WsaNs);
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.writeStartDocument();
    xml.writeNamespace(soap, QStringLiteral("soap"));
    xml.writeNamespace(wsa, QStringLiteral("wsa"));
    xml.writeStartElement(soap, QStringLiteral("Envelope"));
    xml.writeStartElement(soap, QStringLiteral("Header"));
    xml.writeStartElement(wsa, QStringLiteral("Action"));
    xml.writeAttribute(soap, QStringLiteral("mustUnderstand"), QStringLiteral("1"));
    xml.writeCharacters(QString::fromLatin1(ProvideAndRegisterAction));
    xml.writeEndElement();
    xml.writeTextElement(wsa, QStringLiteral("MessageID"),
                         QStringLiteral("urn:uuid:") + QUuid::createUuid().toString(QUuid::WithoutBraces));
    xml.writeStartElement(wsa, QStringLiteral("ReplyTo"));
    xml.writeTextElement(wsa, QStringLiteral("Address"),
                         QStringLiteral("http://www.w3.org/2005/08/addressing/anonymous"));
    xml.writeEndElement();
    xml.writeStartElement(wsa, QStringLiteral("To"));
    xml.writeAttribute(soap, QStringLiteral("mustUnderstand"), QStringLiteral("1"));
    xml.writeCharacters(to);
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("Security"));
    xml.writeDefaultNamespace(QString::fromLatin1(WsseNs));
    xml.writeAttribute(soap, QStringLiteral("mustUnderstand"), QStringLiteral("1"));
    xml.writeComment(QStringLiteral("missive-vihf"));
    xml.writeEndElement(); // Security
    xml.writeEndElement(); // Header
    xml.writeStartElement(soap, QStringLiteral("Body"));
    const QString xdsb = QString::fromLatin1(XdsbNs);
    xml.writeNamespace(xdsb, QStringLiteral("xdsb"));
    xml.writeNamespace(QStringLiteral("urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0"), QStringLiteral("lcm"));
    xml.writeNamespace(QStringLiteral("urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"), QStringLiteral("rim"));
    xml.writeStartElement(xdsb, QStringLiteral("ProvideAndRegisterDocumentSetRequest"));
    writeSubmitObjectsRequest(xml, facts, cda, {QString(), QDateTime::currentDateTimeUtc()});
    xml.writeStartElement(xdsb, QStringLiteral("Document"));
    xml.writeAttribute(QStringLiteral("id"), QString::fromLatin1(DocumentEntryId));
    xml.writeStartElement(QString::fromLatin1(XopNs), QStringLiteral("Include"));
    xml.writeAttribute(QStringLiteral("href"), QStringLiteral("cid:") + documentContentId);
    xml.writeEndElement();
    xml.writeEndElement(); // Document
    xml.writeEndElement(); // ProvideAndRegisterDocumentSetRequest
    xml.writeEndElement(); // Body
    xml.writeEndElement(); // Envelope
    xml.writeEndDocument();
    // The assertion is inserted byte for byte: re-serialising it could break its signature.
    out.replace(VihfPlaceholder, signedVihf);
    return out;
}

MtomRequest mtomPackage(const QByteArray& envelope, const QByteArray& document, const QString& documentContentId)
{
    const QByteArray boundary = "MIMEBoundary_" + QUuid::createUuid().toString(QUuid::Id128).toLatin1();
    const QByteArray rootId = "root." + QUuid::createUuid().toString(QUuid::Id128).toLatin1() + "@missive.local";
    MtomRequest request;
    request.contentType = R"(multipart/related; boundary=")" + boundary + R"("; type="application/xop+xml"; start="<)"
                          + rootId + R"(>"; start-info="application/soap+xml"; action=")"
                          + QByteArray(ProvideAndRegisterAction) + "\"";
    QByteArray& body = request.body;
    body += "--" + boundary + "\r\n";
    body += R"(Content-Type: application/xop+xml; charset=UTF-8; type="application/soap+xml"; action=")"
            + QByteArray(ProvideAndRegisterAction) + "\"\r\n";
    body += "Content-Transfer-Encoding: binary\r\n";
    body += "Content-ID: <" + rootId + ">\r\n\r\n";
    body += envelope;
    body += "\r\n--" + boundary + "\r\n";
    body += "Content-Type: text/xml\r\n";
    body += "Content-Transfer-Encoding: binary\r\n";
    body += "Content-ID: <" + documentContentId.toLatin1() + ">\r\n\r\n";
    body += document;
    body += "\r\n--" + boundary + "--\r\n";
    return request;
}

std::optional<RegistryReply> parseRegistryReply(const QByteArray& contentType, const QByteArray& body)
{
    const QByteArray soap = contentType.contains("multipart/") ? firstMimePart(contentType, body) : body;
    QXmlStreamReader xml(soap);
    RegistryReply reply;
    bool sawEnvelope = false;
    bool sawResponse = false;
    QString* pendingValue = nullptr;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token != QXmlStreamReader::StartElement) {
            continue;
        }
        const auto ns = xml.namespaceUri();
        const auto name = xml.name();
        if (ns == QLatin1String(SoapNs)) {
            if (name == QLatin1String("Envelope")) {
                sawEnvelope = true;
            } else if (name == QLatin1String("Fault")) {
                reply.fault = true;
            } else if (name == QLatin1String("Code")) {
                pendingValue = &reply.faultCode;
            } else if (name == QLatin1String("Subcode")) {
                pendingValue = &reply.faultSubcode;
            } else if (name == QLatin1String("Value") && pendingValue != nullptr) {
                *pendingValue = xml.readElementText().trimmed();
                pendingValue = nullptr;
            } else if (name == QLatin1String("Text") && reply.faultReason.isEmpty()) {
                reply.faultReason = xml.readElementText().trimmed();
            }
        } else if (ns == QLatin1String(RsNs)) {
            if (name == QLatin1String("RegistryResponse")) {
                sawResponse = true;
                reply.status = xml.attributes().value(QLatin1String("status")).toString();
            } else if (name == QLatin1String("RegistryError")) {
                reply.errorCodes << xml.attributes().value(QLatin1String("errorCode")).toString();
            }
        }
    }
    if (xml.hasError() || !sawEnvelope || (!sawResponse && !reply.fault)) {
        return std::nullopt;
    }
    return reply;
}

} // namespace missive::transport::detail
