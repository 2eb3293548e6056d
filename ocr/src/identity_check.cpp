#include "identity_check.h"

#include "missive/core/ins.h"
#include "names.h"

#include <algorithm>

namespace missive::ocr
{
namespace
{

// What the matricule itself encodes must match the traits: sex digit, birth year and month.
QStringList matriculeVersusTraits(const QString& matricule, Sex sex, const QDate& birthDate, const QString& origin)
{
    QStringList reasons;
    const int digit = ins::sexDigit(matricule);
    if (sex != Sex::Unknown && digit != 0 && (digit == 1) != (sex == Sex::Male)) {
        reasons += QStringLiteral("le sexe ne correspond pas au matricule INS (%1)").arg(origin);
    }
    if (birthDate.isValid()) {
        const int year = matricule.mid(1, 2).toInt();
        const int month = matricule.mid(3, 2).toInt();
        if (year != birthDate.year() % 100) {
            reasons += QStringLiteral("l'année de naissance ne correspond pas au matricule INS (%1)").arg(origin);
        }
        if (month >= 1 && month <= 12 && month != birthDate.month()) {
            reasons += QStringLiteral("le mois de naissance ne correspond pas au matricule INS (%1)").arg(origin);
        }
    }
    return reasons;
}

QString keyReason(const QString& matricule, const QString& origin)
{
    switch (ins::checkMatricule(matricule)) {
    case ins::MatriculeCheck::Valid:
        return {};
    case ins::MatriculeCheck::BadKey:
        return QStringLiteral("clé du matricule INS invalide (%1)").arg(origin);
    case ins::MatriculeCheck::BadFormat:
        break;
    }
    return QStringLiteral("matricule INS mal formé (%1)").arg(origin);
}

QStringList missingTraits(const PatientIdentity& id)
{
    QStringList missing;
    if (id.birthName.isEmpty()) {
        missing += QStringLiteral("nom de naissance");
    }
    if (id.firstName.isEmpty()) {
        missing += QStringLiteral("prénom");
    }
    if (!id.birthDate.isValid()) {
        missing += QStringLiteral("date de naissance");
    }
    if (id.sex == Sex::Unknown) {
        missing += QStringLiteral("sexe");
    }
    if (id.birthPlace.size() != 5) {
        missing += QStringLiteral("lieu de naissance");
    }
    return missing;
}

PatientIdentity fromText(const TextIdentity& text)
{
    PatientIdentity id;
    id.birthName = text.birthName;
    id.usedName = text.usedName;
    id.firstNames = text.firstNames;
    id.firstName = text.firstName;
    id.birthDate = text.birthDate;
    id.sex = text.sex;
    id.birthPlace = text.birthPlace;
    return id;
}

} // namespace

PatientReading reconcileIdentity(const DataMatrixReading& dm, const TextIdentity& text, bool printedByOcr)
{
    PatientReading out;
    QStringList& reasons = out.reasons;
    const bool textTraits = text.hasAnyTrait();
    const int tolerance = printedByOcr ? 1 : 0;

    if (dm.several) {
        reasons += QStringLiteral("plusieurs DataMatrix INS différents dans le document");
    }
    if (dm.unreadable) {
        reasons += QStringLiteral("DataMatrix INS présent mais non conforme");
    }
    // A symbol the scan cut may be another patient's: what the paper prints is not enough.
    if (dm.cut && !dm.parsed) {
        reasons += QStringLiteral("DataMatrix coupé au bord du scan, illisible");
    }
    if (text.matricules.size() > 1) {
        reasons += QStringLiteral("plusieurs matricules INS différents imprimés");
    }
    reasons += text.conflicts;

    if (dm.parsed) {
        const InsDataMatrix& d = *dm.parsed;
        out.source = textTraits ? IdentitySource::Both : IdentitySource::DataMatrix;
        PatientIdentity& id = out.identity;
        id.ins = d.matricule;
        id.insOid = d.oid;
        id.birthName = d.birthName;
        id.usedName = text.usedName == d.birthName ? QString() : text.usedName;
        id.firstNames = d.firstNames;
        id.firstName = d.firstNames.isEmpty() ? QString() : d.firstNames.front();
        id.birthDate = d.birthDate;
        id.sex = d.sex;
        id.birthPlace = d.birthPlace.isEmpty() ? text.birthPlace : d.birthPlace;

        const QString origin = QStringLiteral("DataMatrix");
        if (const QString r = keyReason(d.matricule, origin); !r.isEmpty()) {
            reasons += r;
        }
        if (!ins::isInsOid(d.oid)) {
            reasons += QStringLiteral("OID du DataMatrix qui n'est pas une autorité INS");
        }
        reasons += matriculeVersusTraits(d.matricule, d.sex, d.birthDate, origin);

        // What the print says where the reader understood it must be the same; a name misread by
        // OCR by one letter is noise, not another patient.
        const auto sameName = [&](const QString& printed, const QString& symbol) {
            return printed == symbol
                   || (tolerance > 0 && symbol.size() >= 6 && editDistance(printed, symbol, tolerance) <= tolerance);
        };
        const QString printed = QStringLiteral("DataMatrix et texte imprimé");
        if (!text.matricules.isEmpty() && !text.matricules.contains(d.matricule)) {
            reasons += QStringLiteral("matricule INS différent entre %1").arg(printed);
        }
        if (!text.birthName.isEmpty() && !sameName(text.birthName, d.birthName)) {
            reasons += QStringLiteral("nom de naissance différent entre %1").arg(printed);
        }
        const bool firstInSymbol = std::any_of(d.firstNames.begin(), d.firstNames.end(),
                                               [&](const QString& n) { return sameName(text.firstName, n); });
        if (!text.firstName.isEmpty() && !firstInSymbol) {
            reasons += QStringLiteral("prénom différent entre %1").arg(printed);
        }
        if (text.birthDate.isValid() && text.birthDate != d.birthDate) {
            reasons += QStringLiteral("date de naissance différente entre %1").arg(printed);
        }
        if (text.sex != Sex::Unknown && text.sex != d.sex) {
            reasons += QStringLiteral("sexe différent entre %1").arg(printed);
        }
        if (!text.birthPlace.isEmpty() && !d.birthPlace.isEmpty() && text.birthPlace != d.birthPlace) {
            reasons += QStringLiteral("lieu de naissance différent entre %1").arg(printed);
        }
        if (!text.oid.isEmpty() && text.oid != d.oid) {
            reasons += QStringLiteral("OID différent entre %1").arg(printed);
        }

        // The symbol must be found on the paper: birth name, first name and birth date.
        QStringList unfound;
        if (!(!text.birthName.isEmpty() && sameName(text.birthName, d.birthName))
            && !text.printed.containsName(d.birthName, tolerance)) {
            unfound += QStringLiteral("nom de naissance");
        }
        if (!(!text.firstName.isEmpty() && firstInSymbol) && !id.firstName.isEmpty()
            && !text.printed.containsName(id.firstName, tolerance)) {
            unfound += QStringLiteral("prénom");
        }
        if (text.birthDate != d.birthDate && !text.printed.containsDate(d.birthDate)) {
            unfound += QStringLiteral("date de naissance");
        }
        if (!reasons.isEmpty()) {
            // On disagreement show what the paper says: the human reads the paper. The symbol's
            // identity is kept beside it, so that the secretary sees both values of what differs.
            if (textTraits) {
                out.dataMatrix = id;
                id = fromText(text);
            }
            out.status = IdentityStatus::Mismatch;
        } else if (const QStringList missing = missingTraits(id); !missing.isEmpty()) {
            reasons += QStringLiteral("traits d'identité incomplets : %1").arg(missing.join(QStringLiteral(", ")));
            out.status = IdentityStatus::Incomplete;
        } else if (!unfound.isEmpty()) {
            reasons += QStringLiteral("identité du DataMatrix à vérifier : %1 non retrouvé(s) sur le courrier")
                           .arg(unfound.join(QStringLiteral(", ")));
            out.status = IdentityStatus::Unverified;
            out.dataMatrix = id;
        } else {
            out.status = IdentityStatus::Consistent;
        }
    } else {
        out.source = textTraits ? IdentitySource::Text : IdentitySource::None;
        out.identity = fromText(text);
        if (text.matricules.size() == 1) {
            const QString& matricule = text.matricules.front();
            const QString origin = QStringLiteral("texte imprimé");
            if (const QString r = keyReason(matricule, origin); !r.isEmpty()) {
                reasons += r;
            }
            reasons += matriculeVersusTraits(matricule, text.sex, text.birthDate, origin);
            if (!text.oid.isEmpty() && !ins::isInsOid(text.oid)) {
                reasons += QStringLiteral("OID imprimé qui n'est pas une autorité INS");
            }
            if (!reasons.isEmpty()) {
                out.status = IdentityStatus::Mismatch;
            } else if (const QStringList missing = missingTraits(out.identity); !missing.isEmpty()) {
                reasons += QStringLiteral("traits d'identité incomplets : %1").arg(missing.join(QStringLiteral(", ")));
                out.status = IdentityStatus::Incomplete;
            } else if (text.namesOrderedByDictionary) {
                // Never guess: which capitals are the family name, the print does not say; the
                // names are left for the secretary to type rather than shown split by a dictionary.
                reasons += QStringLiteral("nom et prénoms imprimés en capitales sans séparation sûre : à vérifier");
                out.identity.birthName.clear();
                out.identity.firstNames.clear();
                out.identity.firstName.clear();
                out.status = IdentityStatus::Incomplete;
            } else {
                out.identity.ins = matricule;
                out.identity.insOid = text.oid;
                out.status = IdentityStatus::Consistent;
            }
        } else if (!reasons.isEmpty()) {
            out.status = IdentityStatus::Mismatch;
        } else {
            if (text.matricules.isEmpty()) {
                reasons += QStringLiteral("aucun matricule INS dans le document");
            }
            out.status = IdentityStatus::Incomplete;
        }
    }

    if (out.status != IdentityStatus::Consistent) {
        out.identity.ins.clear();
        out.identity.insOid.clear();
    }
    return out;
}

} // namespace missive::ocr
