#include "value_sets.h"

#include <QFile>
#include <QList>
#include <QXmlStreamReader>

namespace missive::transport::detail
{
namespace
{

QList<Concept> load(const QString& resource)
{
    QList<Concept> concepts;
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly)) {
        return concepts; // cannot happen: compiled in
    }
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("Concept")) {
            const auto attributes = xml.attributes();
            concepts.append({attributes.value(QLatin1String("code")).toString(),
                             attributes.value(QLatin1String("codeSystem")).toString(),
                             attributes.value(QLatin1String("displayName")).toString()});
        }
    }
    return concepts;
}

const QList<Concept>& concepts(ValueSet set)
{
    static const QList<Concept> specialties =
        load(QStringLiteral(":/missive/transport/JDV_J01_XdsAuthorSpecialty_CISIS.xml"));
    static const QList<Concept> facilities =
        load(QStringLiteral(":/missive/transport/JDV_J02_XdsHealthcareFacilityTypeCode_CISIS.xml"));
    static const QList<Concept> settings =
        load(QStringLiteral(":/missive/transport/JDV_J04_XdsPracticeSettingCode_CISIS.xml"));
    switch (set) {
    case ValueSet::AuthorSpecialty:
        return specialties;
    case ValueSet::FacilityType:
        return facilities;
    case ValueSet::PracticeSetting:
        break;
    }
    return settings;
}

} // namespace

std::optional<Concept> findConcept(ValueSet set, const QString& code)
{
    for (const Concept& entry : concepts(set)) {
        if (entry.code == code) {
            return entry;
        }
    }
    return std::nullopt;
}

std::optional<Concept> findContentType(const QString& code)
{
    static const QList<Concept> types{
        {QStringLiteral("03"), QStringLiteral("1.2.250.1.213.2.2"),
         QStringLiteral("Hospitalisation complète (non compris hospitalisation de semaine)")},
        {QStringLiteral("04"), QStringLiteral("1.2.250.1.213.2.2"), QStringLiteral("Hospitalisation de jour")},
        {QStringLiteral("07"), QStringLiteral("1.2.250.1.213.2.2"), QStringLiteral("Consultation soins externes")},
    };
    for (const Concept& type : types) {
        if (type.code == code) {
            return type;
        }
    }
    return std::nullopt;
}

} // namespace missive::transport::detail
