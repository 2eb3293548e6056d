#include "xml_handles.h"

#include <libxml/parser.h>
#include <mutex>
#include <xmlsec/crypto.h>
#include <xmlsec/xmlsec.h>

namespace missive::transport::detail
{

XmlDoc parseXml(const QByteArray& bytes)
{
    return XmlDoc(xmlReadMemory(bytes.constData(), static_cast<int>(bytes.size()), "noname.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
}

QByteArray serializeNode(xmlDoc* doc, xmlNode* node)
{
    std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buffer(xmlBufferCreate(), &xmlBufferFree);
    if (!buffer || xmlNodeDump(buffer.get(), doc, node, 0, 0) < 0) {
        return {};
    }
    return {reinterpret_cast<const char*>(xmlBufferContent(buffer.get())), xmlBufferLength(buffer.get())};
}

xmlNode* findElement(xmlNode* from, const char* namespaceUri, const char* localName)
{
    for (xmlNode* node = from; node != nullptr; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (xmlStrEqual(node->name, reinterpret_cast<const xmlChar*>(localName)) && node->ns != nullptr
            && xmlStrEqual(node->ns->href, reinterpret_cast<const xmlChar*>(namespaceUri))) {
            return node;
        }
        if (xmlNode* found = findElement(node->children, namespaceUri, localName)) {
            return found;
        }
    }
    return nullptr;
}

QString attribute(xmlNode* node, const char* name)
{
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (value == nullptr) {
        return {};
    }
    QString result = QString::fromUtf8(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return result;
}

QString textContent(xmlNode* node)
{
    xmlChar* value = xmlNodeGetContent(node);
    if (value == nullptr) {
        return {};
    }
    QString result = QString::fromUtf8(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return result;
}

bool ensureXmlSec()
{
    static std::once_flag once;
    static bool ready = false;
    std::call_once(once, [] {
        xmlInitParser();
        // Process-wide for the program's lifetime: libxml2/xmlsec keep global state.
        ready = xmlSecInit() >= 0 && xmlSecCheckVersion() == 1 && xmlSecCryptoAppInit(nullptr) >= 0
                && xmlSecCryptoInit() >= 0;
    });
    return ready;
}

} // namespace missive::transport::detail
