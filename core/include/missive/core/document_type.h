#pragma once
// Document types of the CI-SIS value set JDV_J07 (XDS typeCode = CDA `code`), compiled into
// missive_core from the official file (core/data/JDV_J07_XdsTypeCode_CISIS.xml) at build time.

#include <QList>
#include <QString>
#include <optional>

namespace missive
{

struct DocumentType
{
    QString code;       // e.g. "11490-0"
    QString codeSystem; // e.g. "2.16.840.1.113883.6.1" (LOINC)
    QString label;      // displayName from the value set, French

    friend bool operator==(const DocumentType&, const DocumentType&) = default;
};

namespace documenttypes
{
inline constexpr auto Loinc = "2.16.840.1.113883.6.1";
inline constexpr auto ValueSetOid = "1.2.250.1.213.1.1.5.471";
// Frequent ones, named for readability.
inline constexpr auto LettreDeLiaison = "11490-0";
inline constexpr auto CompteRenduOperatoire = "34874-8";
inline constexpr auto Ordonnance = "57833-6";
inline constexpr auto CompteRenduConsultation = "11488-4";
} // namespace documenttypes

// Every concept of JDV_J07, in file order.
[[nodiscard]] const QList<DocumentType>& documentTypes();
[[nodiscard]] std::optional<DocumentType> findDocumentType(QStringView code);

} // namespace missive
