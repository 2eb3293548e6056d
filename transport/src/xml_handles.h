#pragma once
// Internal: RAII owners for libxml2 / xmlsec handles, and the one-time xmlsec initialisation.

#include "missive/core/c_handle.h"

#include <QByteArray>
#include <QString>
#include <libxml/tree.h>
#include <memory>

namespace missive::transport::detail
{

using XmlDoc = CHandle<xmlDoc, xmlFreeDoc>;

// Parses without network access, entity expansion or DTD loading (untrusted input).
[[nodiscard]] XmlDoc parseXml(const QByteArray& bytes);
// The element and its subtree, without an XML declaration.
[[nodiscard]] QByteArray serializeNode(xmlDoc* doc, xmlNode* node);
// First descendant-or-self element with this namespace URI and local name, or nullptr.
[[nodiscard]] xmlNode* findElement(xmlNode* from, const char* namespaceUri, const char* localName);
[[nodiscard]] QString attribute(xmlNode* node, const char* name);
[[nodiscard]] QString textContent(xmlNode* node);

// xmlsec and its OpenSSL backend, initialised once per process (thread-safe). False if unusable.
[[nodiscard]] bool ensureXmlSec();

} // namespace missive::transport::detail
