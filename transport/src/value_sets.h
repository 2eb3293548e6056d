#pragma once
// Internal: CI-SIS value sets compiled into missive_transport (transport/data, see its README).

#include <QString>
#include <optional>

namespace missive::transport::detail
{

struct Concept
{
    QString code;
    QString codeSystem;
    QString displayName;
};

enum class ValueSet
{
    AuthorSpecialty, // JDV_J01
    FacilityType,    // JDV_J02
    PracticeSetting, // JDV_J04
};

[[nodiscard]] std::optional<Concept> findConcept(ValueSet set, const QString& code);

// JDV_J59 contentTypeCode, of TRE_R209 (1.2.250.1.213.2.2): the activity types Missive sends
// (03 a stay, 04 a day stay, 07 a consultation). Labels from TRE_R209 as the ANS publishes it.
[[nodiscard]] std::optional<Concept> findContentType(const QString& code);

} // namespace missive::transport::detail
