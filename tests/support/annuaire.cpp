#include "annuaire.h"

#include <vector>

namespace missive::test::annuaire
{
namespace
{

std::string join(const std::vector<std::string>& fields, bool trailing)
{
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            line += '|';
        }
        line += fields[i];
    }
    if (trailing) {
        line += '|';
    }
    return line;
}

} // namespace

std::string personneActiviteHeader(int columns)
{
    std::string header = PersonneActiviteHeader52;
    if (columns == 56) {
        header += PersonneActiviteExtra;
    }
    return header;
}

std::string activityLine(const Activity& a, int columns)
{
    std::vector<std::string> f(static_cast<std::size_t>(columns));
    f[0] = a.idType;
    f[1] = a.rpps;
    f[2] = a.idType + a.rpps;
    f[3] = a.titleCode;
    f[4] = a.title;
    f[5] = a.civilityCode;
    f[6] = a.civility;
    f[7] = a.family;
    f[8] = a.given;
    f[9] = a.professionCode;
    f[10] = a.professionLabel;
    f[11] = "C";
    f[12] = "Civil";
    if (!a.specialtyCode.empty()) {
        f[13] = "S";
        f[14] = "Spécialité ordinale";
    }
    f[15] = a.specialtyCode;
    f[16] = a.specialtyLabel;
    f[17] = a.modeCode;
    f[18] = a.modeCode == "L" ? "Libéral" : "Salarié";
    f[19] = a.siret;
    f[20] = a.siret.size() >= 9 ? a.siret.substr(0, 9) : "";
    f[21] = a.finessSite;
    f[23] = a.structureId.empty() ? "R" + a.rpps : a.structureId;
    f[24] = a.siteName;
    f[28] = a.streetNumber;
    f[31] = a.streetType;
    f[32] = a.streetName;
    f[35] = a.postcode;
    f[36] = a.cityCode;
    f[37] = a.city;
    f[38] = "99000";
    f[39] = "France";
    f[40] = a.phone;
    f[44] = a.postcode.size() >= 2 ? a.postcode.substr(0, 2) : "";
    f[47] = "CNOM/CNOM/CNOM";
    f[48] = "SA07";
    f[49] = "Cabinet individuel";
    if (columns == 56) {
        f[52] = a.roleCode;
        f[53] = "Titulaire de cabinet";
        f[54] = "GENR01";
        f[55] = "Activité standard de soin";
    }
    return join(f, true);
}

std::string mailboxLine(const MailboxRow& m)
{
    std::vector<std::string> f(31);
    f[0] = m.type;
    f[1] = m.address;
    if (!m.rpps.empty()) {
        f[2] = "8";
        f[3] = m.rpps;
        f[4] = "8" + m.rpps;
    }
    f[5] = m.structureType;
    f[6] = m.structureId;
    f[7] = m.service;
    f[9] = m.family;
    f[10] = m.given;
    f[18] = m.organisation;
    f[27] = m.cityLine;
    f[28] = m.postcode;
    f[29] = m.postcode.size() >= 2 ? m.postcode.substr(0, 2) : "";
    f[30] = "France";
    return join(f, true);
}

} // namespace missive::test::annuaire
