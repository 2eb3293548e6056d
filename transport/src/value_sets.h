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

} // namespace missive::transport::detail
