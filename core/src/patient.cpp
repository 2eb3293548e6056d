#include "missive/core/patient.h"

#include "missive/core/ins.h"

namespace missive
{

QString sexCode(Sex sex)
{
    switch (sex) {
    case Sex::Female:
        return QStringLiteral("F");
    case Sex::Male:
        return QStringLiteral("M");
    case Sex::Unknown:
        break;
    }
    return {};
}

Sex sexFromCode(QStringView code)
{
    if (code == QLatin1String("F")) {
        return Sex::Female;
    }
    if (code == QLatin1String("M")) {
        return Sex::Male;
    }
    return Sex::Unknown;
}

bool PatientIdentity::hasValidIns() const
{
    return ins::isValidMatricule(ins) && ins::isInsOid(insOid);
}

bool PatientIdentity::hasStrictTraits() const
{
    return !birthName.isEmpty() && !firstNames.isEmpty() && !firstName.isEmpty() && birthDate.isValid()
           && sex != Sex::Unknown && birthPlace.size() == 5;
}

} // namespace missive
