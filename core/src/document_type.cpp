#include "missive/core/document_type.h"

#include <QFile>
#include <QXmlStreamReader>

namespace missive
{

namespace
{

QList<DocumentType> loadValueSet()
{
    QList<DocumentType> types;
    QFile file(QStringLiteral(":/missive/core/JDV_J07_XdsTypeCode_CISIS.xml"));
    if (!file.open(QIODevice::ReadOnly)) {
        return types; // cannot happen: the file is compiled in
    }
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("Concept")) {
            const auto attributes = xml.attributes();
            types.append({attributes.value(QLatin1String("code")).toString(),
                          attributes.value(QLatin1String("codeSystem")).toString(),
                          attributes.value(QLatin1String("displayName")).toString()});
        }
    }
    return types;
}

} // namespace

const QList<DocumentType>& documentTypes()
{
    static const QList<DocumentType> types = loadValueSet();
    return types;
}

std::optional<DocumentType> findDocumentType(QStringView code)
{
    for (const DocumentType& type : documentTypes()) {
        if (type.code == code) {
            return type;
        }
    }
    return std::nullopt;
}

} // namespace missive
