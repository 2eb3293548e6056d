// The reading module's parsers on hand-written input: INS DataMatrix payloads, printed identity
// traits, and how they are reconciled (the INS is released only when everything agrees).

#include "analysis_wire.h"
#include "identity_check.h"
#include "identity_text.h"
#include "ins_datamatrix.h"
#include "layout.h"
#include "letter_text.h"
#include "missive/core/ins.h"
#include "names.h"

#include <catch2/catch.hpp>
#include <initializer_list>
#include <tuple>

using namespace missive;
using namespace missive::ocr;

namespace
{

// A matricule with a correct key, built from its 13 first characters.
QString withKey(const QString& body)
{
    return body + QStringLiteral("%1").arg(ins::computeKey(body), 2, 10, QLatin1Char('0'));
}

QByteArray payload(const QString& matricule, const char* names = "ANNE-SOPHIE MARIE", const char* birth = "N'DIAYE",
                   const char* sex = "F", const char* date = "03-07-1979", const char* place = "29019")
{
    QByteArray p = "IS010000000000000000000000S1" + matricule.toLatin1() + "S21.2.250.1.213.1.4.10\x1dS3" + names
                   + "\x1dS4" + birth + "\x1dS5" + sex + "S6" + date;
    if (place) {
        p += QByteArray("S7") + place;
    }
    return p;
}

Segment seg(const QString& text, double x, double y)
{
    return Segment{text, QRectF(x, y, 8.0 * text.size() / 1.8, 10), 0, {}};
}

// "Dr X (cc)" for each recipient read, in order.
QStringList recipientNames(const LetterReading& r)
{
    QStringList out;
    for (const Recipient& x : r.recipients) {
        out += x.name + (x.role == RecipientRole::To ? QStringLiteral(" (to)") : QStringLiteral(" (cc)"));
    }
    return out;
}

} // namespace

TEST_CASE("the INS DataMatrix example of the specification is parsed", "[unit][ocr]")
{
    // DIGEST §1.5 (Mediboard test payload).
    const QByteArray example("IS010000000000000000000000S1123549685274612S225978456325481569525S3TEST1 TEST2 "
                             "TEST\x1dS4DATAMATRIXTEST\x1dS5MS631-08-2021S717000");
    const auto parsed = parseInsDataMatrix(example);
    REQUIRE(parsed);
    CHECK(parsed->matricule == QStringLiteral("123549685274612"));
    CHECK(parsed->oid == QStringLiteral("25978456325481569525"));
    CHECK(parsed->firstNames == QStringList{QStringLiteral("TEST1"), QStringLiteral("TEST2"), QStringLiteral("TEST")});
    CHECK(parsed->birthName == QStringLiteral("DATAMATRIXTEST"));
    CHECK(parsed->sex == Sex::Male);
    CHECK(parsed->birthDate == QDate(2021, 8, 31));
    CHECK(parsed->birthPlace == QStringLiteral("17000"));
}

TEST_CASE("a DataMatrix payload with Corsica, apostrophes and no S7 is parsed", "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2790729019123").replace(5, 2, QStringLiteral("2A")));
    const auto parsed =
        parseInsDataMatrix(payload(matricule, "ANNE-SOPHIE", "N'DIAYE LE GOFF", "F", "03-07-1979", nullptr));
    REQUIRE(parsed);
    CHECK(parsed->matricule == matricule);
    CHECK(parsed->birthName == QStringLiteral("N'DIAYE LE GOFF"));
    CHECK(parsed->birthPlace.isEmpty());
}

TEST_CASE("malformed DataMatrix payloads are refused, never half-read", "[unit][ocr]")
{
    const QString good = withKey(QStringLiteral("2790729019123"));
    REQUIRE(parseInsDataMatrix(payload(good)));
    const QList<QByteArray> bad{
        QByteArray(),
        QByteArray("IS01"),
        QByteArray("XX010000000000000000000000S1") + good.toLatin1(),
        payload(good).replace("IS0100", "IS01AB"),
        payload(QStringLiteral("27907290191")),              // S1 too short: swallows S2
        payload(good, "anne"),                               // lowercase: outside the INSi set
        payload(good, "ANNE", "N'DIAYE", "X"),               // sex
        payload(good, "ANNE", "N'DIAYE", "F", "31-02-1979"), // impossible date
        payload(good, "ANNE", "N'DIAYE", "F", "1979-07-03"), // wrong date format
        payload(good).replace("S5F", "S4X\x1dS5F"),          // repeated block
        payload(good).left(payload(good).indexOf("S6")),     // S6 missing
        payload(good) + "S8X",                               // unknown block
        payload(good) + QByteArray(2000, 'A'),               // oversized
    };
    for (const QByteArray& p : bad) {
        INFO(p.toStdString());
        const auto parsed = parseInsDataMatrix(p);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().code == ErrorCode::Integrity);
        CHECK(parsed.error().detail.startsWith(QStringLiteral("datamatrix:")));
    }
}

TEST_CASE("names are folded to the INSi character set", "[unit][ocr]")
{
    CHECK(insiUpper(u"N’Diaye-Lé  Goff") == QStringLiteral("N'DIAYE-LE GOFF"));
    CHECK(insiUpper(u"Éloïse Anaïs") == QStringLiteral("ELOISE ANAIS"));
    CHECK(insiUpper(u"Œdipe") == QStringLiteral("OEDIPE"));
    CHECK(isUpperNameToken(u"N'DIAYE"));
    CHECK_FALSE(isUpperNameToken(u"Anne"));
    CHECK(isGivenNameToken(u"Anne-Sophie"));
    CHECK_FALSE(isGivenNameToken(u"LE"));
}

TEST_CASE("printed identity: a sentence with a birth name different from the used name", "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2790729019123"));
    const TextIdentity t = parseIdentityText(
        {QStringLiteral("Patiente : Mme Anne-Sophie LE GOFF née N'DIAYE, née le 3 juillet 1979 à Brest (29019)"),
         QStringLiteral("Matricule INS : 2 79 07 29 019 123 %1").arg(matricule.right(2))});
    CHECK(t.matricules == QStringList{matricule});
    CHECK(t.birthName == QStringLiteral("N'DIAYE"));
    CHECK(t.usedName == QStringLiteral("LE GOFF"));
    CHECK(t.firstName == QStringLiteral("ANNE-SOPHIE"));
    CHECK(t.birthDate == QDate(1979, 7, 3));
    CHECK(t.sex == Sex::Female);
    CHECK(t.birthPlace == QStringLiteral("29019"));
    CHECK(t.conflicts.isEmpty());
}

TEST_CASE("printed identity: a labelled box, OID on its own line", "[unit][ocr]")
{
    const TextIdentity t = parseIdentityText({
        QStringLiteral("Nom de naissance : DE LA FONTAINE"),
        QStringLiteral("Prénom(s) : Jean-Pierre Louis"),
        QStringLiteral("Date de naissance : 01/05/1993"),
        QStringLiteral("Sexe : M"),
        QStringLiteral("Lieu de naissance : Nantes (44109)"),
        QStringLiteral("Matricule INS : 193054410985851"),
        QStringLiteral("OID : 1.2.250.1.213.1.4.10"),
    });
    CHECK(t.birthName == QStringLiteral("DE LA FONTAINE"));
    CHECK(t.usedName.isEmpty());
    CHECK(t.firstNames == QStringList{QStringLiteral("JEAN-PIERRE"), QStringLiteral("LOUIS")});
    CHECK(t.sex == Sex::Male);
    CHECK(t.oid == QStringLiteral("1.2.250.1.213.1.4.10"));
    CHECK(t.matricules == QStringList{QStringLiteral("193054410985851")});
}

TEST_CASE("printed identity: a social security number is not an INS, a recipient is not the patient", "[unit][ocr]")
{
    const TextIdentity t = parseIdentityText({QStringLiteral("Madame le Docteur Claire PETIT"),
                                              QStringLiteral("N° de sécurité sociale : 2 79 07 29 019 123 45")});
    CHECK(t.matricules.isEmpty());
    CHECK(t.birthName.isEmpty());
}

namespace
{

// A page of segments placed by hand: {text, x, y}; each segment's width follows its text.
QList<QList<Segment>> pageOf(std::initializer_list<std::tuple<const char*, double, double>> cells)
{
    QList<Segment> page;
    for (const auto& [text, x, y] : cells) {
        page += seg(QString::fromUtf8(text), x, y);
    }
    return {page};
}

} // namespace

TEST_CASE("printed identity: a one-line banner and the INS line under it", "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("1761144184613"));
    const TextIdentity t = parseIdentityText(
        {QStringLiteral("Patient : M. NGUYEN Thomas - Né le 28/11/1976"),
         QStringLiteral("INS : 1 76 11 44 184 613 %1 (NIR)   Lieu de naissance : 44184").arg(matricule.right(2))});
    CHECK(t.matricules == QStringList{matricule});
    CHECK(t.birthName == QStringLiteral("NGUYEN"));
    CHECK(t.firstName == QStringLiteral("THOMAS"));
    CHECK(t.birthDate == QDate(1976, 11, 28));
    CHECK(t.sex == Sex::Male);
    CHECK(t.birthPlace == QStringLiteral("44184"));
    CHECK(t.conflicts.isEmpty());
    const PatientReading r = reconcileIdentity({}, t);
    CHECK(r.status == IdentityStatus::Consistent);
    CHECK(r.identity.ins == matricule);
}

TEST_CASE("printed identity: a sentence with the birth name in parentheses and the INS at its end", "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2001267482073"));
    const TextIdentity t = parseIdentityText(
        {QStringLiteral("Concerne votre patiente Madame Zoé LECLERCQ (nom de naissance : ROBIN), née le 05/12/2000 à "
                        "STRASBOURG (67482), INS %1.")
             .arg(matricule)});
    CHECK(t.matricules == QStringList{matricule});
    CHECK(t.birthName == QStringLiteral("ROBIN"));
    CHECK(t.usedName == QStringLiteral("LECLERCQ"));
    CHECK(t.firstName == QStringLiteral("ZOE"));
    CHECK(t.birthDate == QDate(2000, 12, 5));
    CHECK(t.sex == Sex::Female);
    CHECK(t.birthPlace == QStringLiteral("67482"));
    CHECK(t.conflicts.isEmpty());
    CHECK(reconcileIdentity({}, t).status == IdentityStatus::Consistent);
}

TEST_CASE("printed identity: the age between the birth date and the place", "[unit][ocr]")
{
    const TextIdentity t = parseIdentityText({QStringLiteral("Patiente : Mme LEROY Marie, née le 14/03/1979 (47 ans) à "
                                                             "Reims (51215)"),
                                              QStringLiteral("Matricule INS : 279035121518989")});
    CHECK(t.birthPlace == QStringLiteral("51215"));
    CHECK(t.birthDate == QDate(1979, 3, 14));
    CHECK(reconcileIdentity({}, t).status == IdentityStatus::Consistent);
}

TEST_CASE("printed identity: a banner that opens with the name alone and its sex mark", "[unit][ocr]")
{
    const TextIdentity t = parseIdentityText(
        {QStringLiteral("LEROY Marie (F) - DDN 14/03/1979 - Lieu naiss. 51215 - INS 279035121518989")});
    CHECK(t.birthName == QStringLiteral("LEROY"));
    CHECK(t.firstName == QStringLiteral("MARIE"));
    CHECK(t.sex == Sex::Female);
    CHECK(reconcileIdentity({}, t).status == IdentityStatus::Consistent);
    // A professional's name in that place is no patient.
    const TextIdentity doctor =
        parseIdentityText({QStringLiteral("Dr GIRAUD Anne - DDN 14/03/1979 - Lieu naiss. 51215 - INS 279035121518989")});
    CHECK(doctor.birthName.isEmpty());
    CHECK(reconcileIdentity({}, doctor).status != IdentityStatus::Consistent);
}

TEST_CASE("printed identity: 'née' says a woman, the INSEE sex code 1 or 2 alone is read", "[unit][ocr]")
{
    const QStringList rest{QStringLiteral("Date de naissance : 14/03/1979"), QStringLiteral("Lieu de naissance : 51215"),
                           QStringLiteral("INS : 279035121518989")};
    const TextIdentity nee = parseIdentityText(QStringList{QStringLiteral("Patiente : MARTIN née LEROY Marie")} + rest);
    CHECK(nee.birthName == QStringLiteral("LEROY"));
    CHECK(nee.sex == Sex::Female);
    CHECK(reconcileIdentity({}, nee).status == IdentityStatus::Consistent);
    // "née" against a printed "Sexe : M": two sexes, nothing released.
    const TextIdentity contradicted = parseIdentityText(
        QStringList{QStringLiteral("Patient : MARTIN née LEROY Marie"), QStringLiteral("Sexe : M")} + rest);
    CHECK(reconcileIdentity({}, contradicted).status != IdentityStatus::Consistent);
    const TextIdentity coded = parseIdentityText(QStringList{QStringLiteral("Nom de naissance : LEROY"),
                                                             QStringLiteral("Prénom : Marie"), QStringLiteral("Sexe : 2")}
                                                 + rest);
    CHECK(coded.sex == Sex::Female);
    CHECK(reconcileIdentity({}, coded).status == IdentityStatus::Consistent);
}

TEST_CASE("printed identity: a grid of labels and values in two columns", "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2510329019123"));
    const QByteArray ins = matricule.toLatin1();
    const TextIdentity t = parseIdentityText(pageOf({
        {"Nom de famille", 50, 300},
        {"DUPONT", 200, 300},
        {"Prénoms", 50, 313},
        {"Marie Claire", 200, 313},
        {"DDN", 50, 326},
        {"12/03/1951", 200, 326},
        {"Sexe : Féminin", 50, 339},
        {"Lieu de naiss.", 50, 352},
        {"Brest (29019)", 200, 352},
        {"N° INS", 50, 365},
        {ins.constData(), 200, 365},
    }));
    CHECK(t.birthName == QStringLiteral("DUPONT"));
    CHECK(t.firstNames == QStringList{QStringLiteral("MARIE"), QStringLiteral("CLAIRE")});
    CHECK(t.birthDate == QDate(1951, 3, 12));
    CHECK(t.sex == Sex::Female);
    CHECK(t.birthPlace == QStringLiteral("29019"));
    CHECK(t.matricules == QStringList{matricule});
    CHECK(reconcileIdentity({}, t).status == IdentityStatus::Consistent);
}

TEST_CASE("printed identity: a table whose header row is above its values", "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("1940856121045"));
    const QByteArray ins = matricule.toLatin1();
    const TextIdentity t = parseIdentityText(pageOf({
        {"Nom de naissance", 50, 200},
        {"Prénom(s)", 170, 200},
        {"Date de naissance", 270, 200},
        {"Sexe", 380, 200},
        {"Lieu de naissance", 420, 200},
        {"LE GOFF", 50, 214},
        {"Yann Pierre", 170, 214},
        {"12 août 1994", 270, 214},
        {"M", 380, 214},
        {"56121", 420, 214},
        {"Matricule INS", 50, 240},
        {ins.constData(), 170, 240},
    }));
    CHECK(t.birthName == QStringLiteral("LE GOFF"));
    CHECK(t.firstNames == QStringList{QStringLiteral("YANN"), QStringLiteral("PIERRE")});
    CHECK(t.birthDate == QDate(1994, 8, 12));
    CHECK(t.sex == Sex::Male);
    CHECK(t.birthPlace == QStringLiteral("56121"));
    CHECK(t.matricules == QStringList{matricule});
}

TEST_CASE("printed identity: names in either order, dates in words", "[unit][ocr]")
{
    const TextIdentity given = parseIdentityText({QStringLiteral("Patiente : Gaëlle MOREAU née LEFÈVRE"),
                                                  QStringLiteral("née le 1er mars 1962 à Nantes (44109)")});
    CHECK(given.birthName == QStringLiteral("LEFEVRE"));
    CHECK(given.usedName == QStringLiteral("MOREAU"));
    CHECK(given.firstName == QStringLiteral("GAELLE"));
    CHECK(given.birthDate == QDate(1962, 3, 1));
    CHECK(given.birthPlace == QStringLiteral("44109"));
    const TextIdentity family = parseIdentityText({QStringLiteral("Nom : LEFÈVRE épouse MOREAU   Prénom : Gaëlle"),
                                                   QStringLiteral("Née le : 01.03.1962")});
    CHECK(family.birthName == QStringLiteral("LEFEVRE"));
    CHECK(family.usedName == QStringLiteral("MOREAU"));
    CHECK(family.firstName == QStringLiteral("GAELLE"));
    CHECK(family.birthDate == QDate(1962, 3, 1));
    CHECK(family.sex == Sex::Female);
    // Capitals only: which word is the first name is known from the labelled first names.
    const TextIdentity caps =
        parseIdentityText({QStringLiteral("Patient : NGUYEN THOMAS"), QStringLiteral("Prénoms : Thomas Minh")});
    CHECK(caps.birthName == QStringLiteral("NGUYEN"));
    CHECK(caps.firstName == QStringLiteral("THOMAS"));
    // A particle in capitals is part of the name.
    const TextIdentity particle = parseIdentityText({QStringLiteral("Patient : LE GALL Yann")});
    CHECK(particle.birthName == QStringLiteral("LE GALL"));
    CHECK(particle.firstName == QStringLiteral("YANN"));
    // Capitals alone: the dictionary's given names tell where the family name ends, birth name first.
    const TextIdentity known = parseIdentityText({QStringLiteral("Patient : LE GOFF YANN")});
    CHECK(known.birthName == QStringLiteral("LE GOFF"));
    CHECK(known.firstName == QStringLiteral("YANN"));
    const TextIdentity sticker =
        parseIdentityText({QStringLiteral("GIRARD NATHALIE JOSIANE"), QStringLiteral("Usage : BRUN"),
                           QStringLiteral("DDN 28.01.1960 F")});
    CHECK(sticker.birthName == QStringLiteral("GIRARD"));
    CHECK(sticker.usedName == QStringLiteral("BRUN"));
    CHECK(sticker.firstNames == QStringList{QStringLiteral("NATHALIE"), QStringLiteral("JOSIANE")});
    // ... and otherwise left unread rather than guessed: a family name that is a given name too, a
    // given name the dictionary lacks, given names first.
    for (const char* line : {"Patient : MARTIN PIERRE", "Patient : NGUYEN MINH", "Patient : NATHALIE GIRARD",
                             "Patient : NGUYEN MINH ANNE"}) {
        const TextIdentity unsure = parseIdentityText({QString::fromUtf8(line)});
        CHECK(unsure.birthName.isEmpty());
        CHECK(unsure.firstName.isEmpty());
    }
}

TEST_CASE("printed identity: an IPP or a stay number is never the INS", "[unit][ocr]")
{
    const TextIdentity t = parseIdentityText({
        QStringLiteral("IPP : 123456789012345   N° de séjour : 202611230001234   NDA 202611230001235"),
        QStringLiteral("Patiente : Léa DURAND, née le 02/03/2015 à Brest (29019)"),
    });
    CHECK(t.matricules.isEmpty());
    CHECK(t.birthName == QStringLiteral("DURAND"));
    CHECK(reconcileIdentity({}, t).status == IdentityStatus::Incomplete);
}

TEST_CASE("printed identity: FINESS, phone, RPPS and ADELI numbers are never the INS", "[unit][ocr]")
{
    const TextIdentity t = parseIdentityText({
        QStringLiteral("FINESS : 290000017   Tél. : 02 98 00 00 00 00 00 00 01   RPPS : 10003456781"),
        QStringLiteral("ADELI : 297181619   Fax : 0298000000 00000"),
        QStringLiteral("Patiente : Léa DURAND, née le 02/03/2015 à Brest (29019)"),
    });
    CHECK(t.matricules.isEmpty());
}

TEST_CASE("printed identity: the insured person's NIR on a child's letter is never the child's INS", "[unit][ocr]")
{
    const QString child = withKey(QStringLiteral("2150329019123"));
    const QString parent = withKey(QStringLiteral("1820356121045"));
    // On one line after "Assuré(e) ouvrant droit": the parent's name, birth date and NIR are not the patient's.
    const TextIdentity t = parseIdentityText({
        QStringLiteral("Assuré(e) ouvrant droit : M. DURAND Paul, né le 04/03/1982, NIR %1").arg(parent),
        QStringLiteral("Patiente : Léa DURAND, née le 02/03/2015 à Brest (29019)"),
    });
    CHECK(t.matricules.isEmpty());
    CHECK(t.birthName == QStringLiteral("DURAND"));
    CHECK(t.firstName == QStringLiteral("LEA"));
    CHECK(t.birthDate == QDate(2015, 3, 2));
    CHECK(t.sex == Sex::Female);
    CHECK(t.conflicts.isEmpty());
    // In a block under the heading, and with the child's own INS printed: only the child's is read.
    const TextIdentity both = parseIdentityText({
        QStringLiteral("Patiente : Léa DURAND, née le 02/03/2015 à Brest (29019)"),
        QStringLiteral("INS : %1").arg(child),
        QStringLiteral("Assuré(e) ouvrant droit :"),
        QStringLiteral("M. DURAND Paul"),
        QStringLiteral("N° SS : %1").arg(parent),
    });
    CHECK(both.matricules == QStringList{child});
    CHECK(reconcileIdentity({}, both).status == IdentityStatus::Consistent);
    // The parent's number alone, labelled only "N° de sécurité sociale": it does not encode the
    // child's birth year, so it is not taken.
    const TextIdentity alone = parseIdentityText({
        QStringLiteral("Patiente : Léa DURAND, née le 02/03/2015 à Brest (29019)"),
        QStringLiteral("N° de sécurité sociale : %1").arg(parent),
    });
    CHECK(alone.matricules.isEmpty());
    // The patient's own NIR with the same label, encoding her sex, birth month, year and place: taken.
    const TextIdentity own = parseIdentityText({
        QStringLiteral("Patiente : Léa DURAND, née le 02/03/2015 à Brest (29019)"),
        QStringLiteral("N° de sécurité sociale : %1").arg(child),
    });
    CHECK(own.matricules == QStringList{child});
}

TEST_CASE("printed identity: a sticker's name on the line above its birth line, a sentence over two lines",
          "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2661230189167"));
    const TextIdentity sticker = parseIdentityText({QStringLiteral("ROBIN née GIRARD Solène"),
                                                    QStringLiteral("Né(e) le 19/12/1966 (59 ans) Sexe : Féminin"),
                                                    QStringLiteral("Lieu naiss. : Nîmes (30189)"),
                                                    QStringLiteral("INS-NIR : %1").arg(matricule)});
    CHECK(sticker.birthName == QStringLiteral("GIRARD"));
    CHECK(sticker.usedName == QStringLiteral("ROBIN"));
    CHECK(sticker.firstName == QStringLiteral("SOLENE"));
    CHECK(reconcileIdentity({}, sticker).status == IdentityStatus::Consistent);
    const TextIdentity sentence = parseIdentityText(
        {QStringLiteral("J'ai reçu en consultation le 4 novembre 2026 Monsieur Damien GARNIER, né"),
         QStringLiteral("le 16-10-1997 à l'étranger (VIET NAM, 99243), INS n° 1 97 10 99 243 026 15,")});
    CHECK(sentence.birthName == QStringLiteral("GARNIER"));
    CHECK(sentence.birthDate == QDate(1997, 10, 16));
    CHECK(sentence.birthPlace == QStringLiteral("99243"));
    CHECK(sentence.sex == Sex::Male);
}

TEST_CASE("printed identity: values before their labels, captions under their values, dotted leaders", "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("287052A004653"));
    const QByteArray ins = QStringLiteral("INS-NIR .............. 2 87 05 2A 004 653 %1").arg(matricule.right(2)).toLatin1();
    // A caption under each value (a form), the value before its label on a line, dotted leaders.
    const TextIdentity caption = parseIdentityText(pageOf({
        {"PERRIN", 50, 200},
        {"Aurélie", 200, 200},
        {"02/05/1987", 350, 200},
        {"Nom de naissance", 50, 212},
        {"Prénom", 200, 212},
        {"Date de naissance", 350, 212},
        {"F (sexe)", 50, 240},
        {"Ajaccio 2A004 (lieu de naissance)", 200, 240},
        {ins.constData(), 50, 260},
    }));
    CHECK(caption.birthName == QStringLiteral("PERRIN"));
    CHECK(caption.firstName == QStringLiteral("AURELIE"));
    CHECK(caption.birthDate == QDate(1987, 5, 2));
    CHECK(caption.sex == Sex::Female);
    CHECK(caption.birthPlace == QStringLiteral("2A004"));
    CHECK(caption.matricules == QStringList{matricule});
    const TextIdentity dotted = parseIdentityText({QStringLiteral("NOM ..................... PERRIN"),
                                                   QStringLiteral("Prénom(s) ............... Aurélie Anne"),
                                                   QStringLiteral("Né(e) le 02/05/1987 (39 ans) Féminin")});
    CHECK(dotted.birthName == QStringLiteral("PERRIN"));
    CHECK(dotted.firstNames == QStringList{QStringLiteral("AURELIE"), QStringLiteral("ANNE")});
    CHECK(dotted.sex == Sex::Female);
    // A "patient" of running text labels nothing around it.
    const TextIdentity copy = parseIdentityText(pageOf({{"JACQUET", 50, 500}, {"• Copie patient", 50, 512}}));
    CHECK(copy.birthName.isEmpty());
}

TEST_CASE("printed identity: captions centred under left-aligned values, and a merged cell faces no single label",
          "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2850633063412"));
    const QByteArray insText = QStringLiteral("2 85 06 33 063 412 %1").arg(matricule.right(2)).toLatin1();
    const auto cell = [](const char* text, double x, double y, double width, double height) {
        return Segment{QString::fromUtf8(text), QRectF(x, y, width, height), 0, {}};
    };
    // Cells 150 wide: each value at the cell's left, each caption centred in its cell, so that a
    // caption's left edge stands under the middle of its value or even under the next value.
    const TextIdentity form = parseIdentityText(QList<QList<Segment>>{{
        cell("DUBOIS", 62, 205.6, 36, 7.9),
        cell("Camille Anne", 222, 205.6, 72, 7.9),
        cell("21/06/1985", 382, 205.6, 60, 7.9),
        cell("Nom de naissance", 106, 218.9, 58, 6.4),
        cell("Prénom(s)", 278.7, 218.9, 32.6, 6.4),
        cell("Date de naissance", 426, 218.9, 58, 6.4),
        cell("Féminin", 62, 239.6, 42, 7.9),
        cell("33063", 222, 239.6, 30, 7.9),
        cell(insText.constData(), 382, 239.6, 126, 7.9),
        cell("Sexe", 127, 252.9, 16, 6.4),
        cell("Lieu de naissance", 266, 252.9, 58, 6.4),
        cell("Matricule INS", 432, 252.9, 46, 6.4),
    }});
    CHECK(form.birthName == QStringLiteral("DUBOIS"));
    CHECK(form.firstNames == QStringList{QStringLiteral("CAMILLE"), QStringLiteral("ANNE")});
    CHECK(form.birthDate == QDate(1985, 6, 21));
    CHECK(form.sex == Sex::Female);
    CHECK(form.birthPlace == QStringLiteral("33063"));
    CHECK(form.conflicts.isEmpty());
    // A header row over values merged by the text layer into one cell: "DDN" faces the merged
    // "Sandrine 29/04/1958 F" but so does the "Prénom" label's column: the date is read from its
    // column, not from the whole cell.
    const TextIdentity merged = parseIdentityText(QList<QList<Segment>>{{
        cell("Nom de naiss. Nom utilisé Prénom", 49, 161.4, 164, 6.3),
        cell("DDN", 308.2, 161.4, 14.4, 6.3),
        cell("Sexe Commune de naissance", 375.2, 161.4, 125.2, 6.3),
        cell("BLANC", 49, 176.8, 28.5, 7.4),
        cell("NICOLAS", 121.4, 176.8, 39.9, 7.4),
        cell("Sandrine Anne-Sophie 29/04/1958 F", 184.2, 176.8, 196.7, 7.4),
        cell("80021 - Amiens", 404.4, 176.8, 79.8, 7.4),
    }});
    CHECK(merged.birthDate == QDate(1958, 4, 29));
}

TEST_CASE("printed identity: captions as large as their values, under cells merged across columns, and listed "
          "under a whole name",
          "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2850633063412"));
    const QByteArray insText = matricule.toLatin1();
    const auto cell = [](const char* text, double x, double y, double width, double height) {
        return Segment{QString::fromUtf8(text), QRectF(x, y, width, height), 0, {}};
    };
    // Captions in the values' own print, evenly spaced in the rows but nearer the value above:
    // the line under a caption is the next row's value ("Féminin (F)" is no family name, the
    // "Naissance" caption no first name), and "(M/F)" belongs to the label.
    const TextIdentity even = parseIdentityText(QList<QList<Segment>>{{
        cell("DUBOIS", 60, 205.7, 33.5, 8.1),
        cell("Camille", 220, 205.7, 28.5, 8.1),
        cell("21.06.1985", 380, 205.7, 40.5, 8.1),
        cell("NOM", 60, 217.7, 21, 8.1),
        cell("Prénoms de naissance", 220, 217.7, 79, 8.1),
        cell("Naissance", 380, 217.7, 36.5, 8.1),
        cell("Féminin (F)", 60, 233.7, 43.3, 8.1),
        cell("Bordeaux (33) 33063", 220, 233.7, 79.2, 8.1),
        cell(insText.constData(), 380, 233.7, 67.5, 8.1),
        cell("Sexe (M/F)", 60, 245.7, 41.2, 8.1),
        cell("Lieu naiss.", 220, 245.7, 39, 8.1),
        cell("Identifiant national de santé", 380, 245.7, 110, 8.1),
        cell("Cher confrère,", 60, 274.7, 64, 9.3),
    }});
    CHECK(even.birthName == QStringLiteral("DUBOIS"));
    CHECK(even.firstNames == QStringList{QStringLiteral("CAMILLE")});
    CHECK(even.birthDate == QDate(1985, 6, 21));
    CHECK(even.sex == Sex::Female);
    CHECK(even.birthPlace == QStringLiteral("33063"));
    CHECK(even.matricules == QStringList{matricule});
    CHECK(reconcileIdentity({}, even).status == IdentityStatus::Consistent);
    // A row of values the text layer merged ("Féminin 33063") under two captions: each caption
    // reads its own column; "Nom de naissance, prénom(s)" under one whole name reads it by columns.
    const TextIdentity merged = parseIdentityText(QList<QList<Segment>>{{
        cell("DUBOIS Camille Anne", 60, 203.3, 126, 11.1),
        cell("Nom de naissance, prénom(s)", 60, 215.9, 93.8, 6.4),
        cell("21/06/1985", 240, 204.7, 50, 9.3),
        cell("Féminin 33063", 320, 204.7, 82.8, 9.3),
        cell(insText.constData(), 500, 204.7, 70, 9.3),
        cell("DATE DE NAISSANCE", 246.2, 217.2, 67.6, 6),
        cell("SEXE", 336.3, 217.2, 17.4, 6),
        cell("LIEU DE NAISSANCE (CODE INSEE)", 379.6, 217.2, 110.8, 6),
        cell("MATRICULE INS", 529.9, 217.2, 50.2, 6),
    }});
    CHECK(merged.birthName == QStringLiteral("DUBOIS"));
    CHECK(merged.firstNames == QStringList{QStringLiteral("CAMILLE"), QStringLiteral("ANNE")});
    CHECK(merged.sex == Sex::Female);
    CHECK(merged.birthPlace == QStringLiteral("33063"));
    CHECK(merged.matricules == QStringList{matricule});
}

TEST_CASE("printed identity: a whole name captioned Patient(e) or Identité, 'NOM, Prénoms', a date merged with the "
          "name over its caption, labels in parentheses after their values",
          "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2850633063412"));
    const auto cell = [](const char* text, double x, double y, double width, double height) {
        return Segment{QString::fromUtf8(text), QRectF(x, y, width, height), 0, {}};
    };
    const TextIdentity patient = parseIdentityText(QList<QList<Segment>>{{
        cell("Mme DUBOIS Camille", 60, 205.6, 68, 7.9),
        cell("21/06/1985", 220, 205.6, 40, 7.9),
        cell("Patient(e)", 60, 217.1, 30, 5.8),
        cell("Date de naissance", 220, 217.1, 50, 5.8),
    }});
    CHECK(patient.birthName == QStringLiteral("DUBOIS"));
    CHECK(patient.firstName == QStringLiteral("CAMILLE"));
    const TextIdentity identity = parseIdentityText(QList<QList<Segment>>{{
        cell("DUBOIS, Camille Anne", 60, 205.6, 108, 7.9),
        cell("Identité", 60, 217.1, 22, 5.8),
    }});
    CHECK(identity.birthName == QStringLiteral("DUBOIS"));
    CHECK(identity.firstName == QStringLiteral("CAMILLE"));
    // The text layer merged the name and the date of two cells; each caption reads its column.
    const TextIdentity merged = parseIdentityText(QList<QList<Segment>>{{
        cell("DUBOIS, Camille Anne 21/06/85", 60, 204.3, 182.6, 9.5),
        cell("FÉMININ", 310, 204.3, 50.4, 9.5),
        cell("NOM PRÉNOM", 60, 217.1, 36, 4.7),
        cell("NÉ(E) LE", 185, 217.1, 28.8, 4.7),
        cell("GENRE", 310, 217.1, 18, 4.7),
    }});
    CHECK(merged.birthName == QStringLiteral("DUBOIS"));
    CHECK(merged.birthDate == QDate(1985, 6, 21));
    CHECK(merged.sex == Sex::Female);
    const TextIdentity parenthesised = parseIdentityText(
        {QStringLiteral("DUBOIS (nom)"), QStringLiteral("Camille (prénom)"),
         QStringLiteral("21/06/1985 (41 ans) (né(e) le)"), QStringLiteral("F (genre)"),
         QStringLiteral("Bordeaux 33063 (commune de naissance)"), QStringLiteral("%1 (ins)").arg(matricule)});
    CHECK(parenthesised.birthDate == QDate(1985, 6, 21));
    CHECK(parenthesised.sex == Sex::Female);
    CHECK(reconcileIdentity({}, parenthesised).status == IdentityStatus::Consistent);
}

TEST_CASE("printed identity: a banner of bare traits, unlabelled or cut into cells by bars, and what is no banner",
          "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2850633063412"));
    const QString spaced = QStringLiteral("2 85 06 33 063 412 %1").arg(matricule.right(2));
    const TextIdentity bare =
        parseIdentityText({QStringLiteral("DUBOIS Camille (F) - 21/06/1985 - 33063 - BORDEAUX - INS %1").arg(spaced)});
    CHECK(bare.birthName == QStringLiteral("DUBOIS"));
    CHECK(bare.birthDate == QDate(1985, 6, 21));
    CHECK(bare.sex == Sex::Female);
    CHECK(bare.birthPlace == QStringLiteral("33063"));
    CHECK(reconcileIdentity({}, bare).status == IdentityStatus::Consistent);
    // The bars split the line into cells; the banner is read across them.
    const TextIdentity cells = parseIdentityText(QList<QList<Segment>>{{
        seg(QStringLiteral("Pat. : DUBOIS Camille"), 60, 205),
        seg(QStringLiteral("F"), 204, 205),
        seg(QStringLiteral("21/06/1985 (41 ans)"), 228, 205),
        seg(QStringLiteral("BORDEAUX (33063)"), 330, 205),
    }});
    CHECK(cells.birthDate == QDate(1985, 6, 21));
    CHECK(cells.sex == Sex::Female);
    CHECK(cells.birthPlace == QStringLiteral("33063"));
    // Not banners: a professional, no place, something else among the items.
    CHECK_FALSE(parseIdentityText({QStringLiteral("Dr MARTIN Paul, M, 12/03/1960, 75056")}).birthDate.isValid());
    CHECK_FALSE(parseIdentityText({QStringLiteral("MARTIN Paul, M, 12/03/1960")}).birthDate.isValid());
    CHECK_FALSE(parseIdentityText({QStringLiteral("MARTIN Paul, M, 12/03/1960, 75056, hospitalisé du 02/11 au 05/11")})
                    .birthDate.isValid());
}

TEST_CASE("printed identity: the place after the sex in a birth sentence, and the abbreviated labels D.N., N.I.R. "
          "and Lieu nais.",
          "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2850633063412"));
    const QString spaced = QStringLiteral("2 85 06 33 063 412 %1").arg(matricule.right(2));
    const TextIdentity sentence = parseIdentityText(
        {QStringLiteral("Nom de naissance : DUBOIS"), QStringLiteral("Née le 21/06/1985, sexe F, à Bordeaux (33063)")});
    CHECK(sentence.birthDate == QDate(1985, 6, 21));
    CHECK(sentence.sex == Sex::Female);
    CHECK(sentence.birthPlace == QStringLiteral("33063"));
    const TextIdentity abbreviated =
        parseIdentityText({QStringLiteral("Nom de naissance : DUBOIS"), QStringLiteral("Prénom : Camille"),
                           QStringLiteral("D.N. : 21/06/1985"), QStringLiteral("Sexe : F"),
                           QStringLiteral("Lieu nais. : 33063"), QStringLiteral("N.I.R. : %1").arg(spaced)});
    CHECK(abbreviated.birthDate == QDate(1985, 6, 21));
    CHECK(abbreviated.birthPlace == QStringLiteral("33063"));
    CHECK(abbreviated.matricules == QStringList{matricule});
    CHECK(reconcileIdentity({}, abbreviated).status == IdentityStatus::Consistent);
    // The code named as such after the town; a bare number there may be a postcode: not taken.
    const TextIdentity named = parseIdentityText(
        {QStringLiteral("Je vous adresse Madame Camille DUBOIS, née le 21 juin 1985 à Bordeaux, code INSEE 33063,")});
    CHECK(named.birthPlace == QStringLiteral("33063"));
    const TextIdentity postcode = parseIdentityText(
        {QStringLiteral("Madame Camille DUBOIS, née le 21/06/1985 à Bordeaux 33000, INS %1").arg(spaced)});
    CHECK(postcode.birthPlace.isEmpty());
}

TEST_CASE("printed identity: a caption as tall as its value but touching it is still a caption, and a sex is never "
          "a first name",
          "[unit][ocr]")
{
    const QByteArray insText =
        QStringLiteral("2 85 06 33 063 412 %1").arg(withKey(QStringLiteral("2850633063412")).right(2)).toLatin1();
    // Captions under their values whose boxes are as tall as the values' (an arrow glyph from
    // another font), each touching its value, the next row a clear gap below: "Féminin" under the
    // "↑ prénom(s)" caption is the sex's value, not the first names.
    const auto cell = [](const char* text, double x, double y, double height) {
        return Segment{QString::fromUtf8(text), QRectF(x, y, 6.0 * static_cast<double>(qstrlen(text)), height), 0, {}};
    };
    const TextIdentity form = parseIdentityText(QList<QList<Segment>>{{
        cell("DUBOIS", 60, 204.7, 9.3),
        cell("Camille Anne", 290, 204.7, 9.3),
        cell("↑ nom de naissance", 60, 213.3, 9.8),
        cell("↑ prénom(s)", 290, 213.3, 9.8),
        cell("21/06/1985", 60, 234.7, 9.3),
        cell("Féminin", 290, 234.7, 9.3),
        cell("↑ date de naissance", 60, 243.3, 9.8),
        cell("↑ sexe", 290, 243.3, 9.8),
        cell("33063", 60, 264.7, 9.3),
        cell(insText.constData(), 290, 264.7, 9.3),
        cell("↑ lieu de naissance", 60, 273.3, 9.8),
        cell("↑ N° INS", 290, 273.3, 9.8),
    }});
    CHECK(form.birthName == QStringLiteral("DUBOIS"));
    CHECK(form.firstNames == QStringList{QStringLiteral("CAMILLE"), QStringLiteral("ANNE")});
    CHECK(form.sex == Sex::Female);
    CHECK(form.birthPlace == QStringLiteral("33063"));
    CHECK(form.conflicts.isEmpty());
    // A header row over its values, the sex's value under "Prénom": whatever the layout, "Féminin"
    // is never read as first names (nor as a name).
    const TextIdentity header = parseIdentityText(pageOf({{"Prénom", 50, 200}, {"Féminin", 50, 212}}));
    CHECK(header.firstNames.isEmpty());
    CHECK(header.firstName.isEmpty());
    const TextIdentity named = parseIdentityText({QStringLiteral("Nom de naissance : HOMME")});
    CHECK(named.birthName.isEmpty());
}

TEST_CASE("printed identity: a form's small captions under rows of values, labels after a dash, a name cut by a "
          "line break, a sex mark before 'né(e)'",
          "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2790351215189"));
    // Values in 10 pt, captions in 7 pt under them; the next row's "REIMS (51215)" stands right
    // under the "Prénom(s)" caption and is never taken for the first name.
    const auto cell = [](const char* text, double x, double y, double height) {
        return Segment{QString::fromUtf8(text), QRectF(x, y, 6.0 * static_cast<double>(qstrlen(text)), height), 0, {}};
    };
    const QString ins = QStringLiteral("2 79 03 51 215 189 %1").arg(matricule.right(2));
    const QByteArray insText = ins.toLatin1();
    const TextIdentity form = parseIdentityText(QList<QList<Segment>>{{
        cell("LEROY", 60, 200, 10), cell("Marie Claire", 225, 200, 10),
        cell("Nom de naissance", 60, 212, 7), cell("Prénom(s)", 225, 212, 7),
        cell("14/03/1979", 60, 230, 10), cell("REIMS (51215)", 225, 230, 10),
        cell("Date de naissance", 60, 242, 7), cell("Lieu de naissance", 225, 242, 7),
        cell("F", 60, 260, 10), cell(insText.constData(), 225, 260, 10),
        cell("Sexe", 60, 272, 7), cell("Matricule INS", 225, 272, 7),
    }});
    CHECK(form.birthName == QStringLiteral("LEROY"));
    CHECK(form.firstNames == QStringList{QStringLiteral("MARIE"), QStringLiteral("CLAIRE")});
    CHECK(form.birthPlace == QStringLiteral("51215"));
    CHECK(form.sex == Sex::Female);
    CHECK(form.conflicts.isEmpty());
    // "LEROY — nom de naissance": the label after its value; a document title is never a name.
    const TextIdentity dashed = parseIdentityText(pageOf({
        {"LETTRE DE LIAISON", 200, 170},
        {"LEROY — nom de naissance", 60, 200},
        {"Marie — prénom", 60, 213},
        {"14 mars 1979 — date de naissance", 60, 226},
    }));
    CHECK(dashed.birthName == QStringLiteral("LEROY"));
    CHECK(dashed.firstName == QStringLiteral("MARIE"));
    CHECK(dashed.birthDate == QDate(1979, 3, 14));
    // A sentence whose name is cut by the line break: the second line alone would say "Claire".
    const TextIdentity cut = parseIdentityText(pageOf({
        {"Je vous adresse votre patiente Madame Marie", 60, 300},
        {"Claire MARTIN née LEROY, née le 14 mars", 60, 313},
        {"1979 à Reims (51215), pour suite de prise en charge.", 60, 326},
    }));
    CHECK(cut.firstName == QStringLiteral("MARIE"));
    CHECK(cut.birthName == QStringLiteral("LEROY"));
    CHECK(cut.conflicts.isEmpty());
    // "Pat. LEROY Marie, F, né(e) 14.03.1979": a sex mark, and "né(e)" without "le".
    const TextIdentity dense = parseIdentityText(
        {QStringLiteral("Pat. LEROY Marie, F, né(e) 14.03.1979, lieu naiss. 51215, INS %1").arg(ins)});
    CHECK(dense.birthDate == QDate(1979, 3, 14));
    CHECK(dense.sex == Sex::Female);
    CHECK(dense.firstName == QStringLiteral("MARIE"));
    CHECK(dense.matricules == QStringList{matricule});
}

TEST_CASE("printed identity: a row's value never runs into the next row, the letter's date over a header is no "
          "birth date",
          "[unit][ocr]")
{
    // "Prénoms | Yves Hervé Fa RE" (OCR's noise beside a DataMatrix), then "Né(e) le | 19/06/1937":
    // the rows are not one sentence, so nothing there is a family name.
    const TextIdentity rows = parseIdentityText(pageOf({
        {"Nom de naissance", 50, 300}, {"MORIN", 170, 300},
        {"Prénoms", 50, 313}, {"Yves Hervé Fa RE", 170, 313},
        {"Né(e) le", 50, 326}, {"19/06/1937", 170, 326},
    }));
    CHECK(rows.birthName == QStringLiteral("MORIN"));
    CHECK(rows.usedName.isEmpty());
    CHECK(rows.birthDate == QDate(1937, 6, 19));
    // A header row under the letter's date line, its date cell unreadable: the date above is the
    // letter's, in a line that is more than the cell.
    const TextIdentity header = parseIdentityText(pageOf({
        {"Toulouse, le 22 novembre 2026", 330, 257},
        {"Nom de naiss.", 168, 278}, {"Liste des prénoms", 275, 278}, {"Né(e) le", 402, 278},
        {"HADDAD", 169, 295}, {"Julien Gabriel", 275, 295}, {"15=-03=1983", 403, 295},
    }));
    CHECK_FALSE(header.birthDate.isValid());
    CHECK(header.birthName == QStringLiteral("HADDAD"));
}

TEST_CASE("printed identity: a banner of bare traits after the name, a sex letter after the age", "[unit][ocr]")
{
    const TextIdentity bare = parseIdentityText({QStringLiteral("Identité : LEROY Marie, F, 14/03/1979, 51215")});
    CHECK(bare.birthName == QStringLiteral("LEROY"));
    CHECK(bare.sex == Sex::Female);
    CHECK(bare.birthDate == QDate(1979, 3, 14));
    CHECK(bare.birthPlace == QStringLiteral("51215"));
    // Not a banner of traits: a stay's dates, an address. Nothing there is the birth date or place.
    const TextIdentity stay =
        parseIdentityText({QStringLiteral("Patient : LEROY Marie, F, hospitalisée du 01/11/2026 au 09/11/2026")});
    CHECK_FALSE(stay.birthDate.isValid());
    const TextIdentity address = parseIdentityText({QStringLiteral("Patient : LEROY Marie, 12 rue de Vesle, 51100")});
    CHECK(address.birthPlace.isEmpty());
    const TextIdentity age = parseIdentityText({QStringLiteral("LEROY Marie"), QStringLiteral("DDN : 14/03/1979 (47 ans) - F")});
    CHECK(age.sex == Sex::Female);
    CHECK(age.birthDate == QDate(1979, 3, 14));
}

TEST_CASE("printed identity: 'Date et lieu de naissance', labels paired by a slash", "[unit][ocr]")
{
    const TextIdentity both =
        parseIdentityText({QStringLiteral("Date et lieu de naissance : 14/03/1979 - Reims (51215)")});
    CHECK(both.birthDate == QDate(1979, 3, 14));
    CHECK(both.birthPlace == QStringLiteral("51215"));
    const TextIdentity paired = parseIdentityText({QStringLiteral("Nom de naissance / Nom utilisé : LEROY / MARTIN"),
                                                   QStringLiteral("Sexe / Date de naissance : F / 14/03/1979")});
    CHECK(paired.birthName == QStringLiteral("LEROY"));
    CHECK(paired.usedName == QStringLiteral("MARTIN"));
    CHECK(paired.sex == Sex::Female);
    CHECK(paired.birthDate == QDate(1979, 3, 14));
    // Two labels, one value: neither is read.
    const TextIdentity one = parseIdentityText({QStringLiteral("Sexe / Date de naissance : 14/03/1979")});
    CHECK_FALSE(one.birthDate.isValid());
    CHECK(one.sex == Sex::Unknown);
}

TEST_CASE("printed identity: 'Elle est née le' after the sentence that names her, values in brackets, 'Prén.'",
          "[unit][ocr]")
{
    const TextIdentity two = parseIdentityText(
        {QStringLiteral("Il s'agit de Madame Marie LEROY. Elle est née le 14/03/1979 à Reims (51215)."),
         QStringLiteral("Son INS est le 2 79 03 51 215 189 89.")});
    CHECK(two.birthName == QStringLiteral("LEROY"));
    CHECK(two.firstName == QStringLiteral("MARIE"));
    CHECK(two.birthPlace == QStringLiteral("51215"));
    CHECK(two.matricules == QStringList{QStringLiteral("279035121518989")});
    // The sentence before names someone else too, or goes on after the name: the patient is not guessed.
    const TextIdentity nurse = parseIdentityText(
        {QStringLiteral("Mme Aurélie LEFEBVRE, infirmière, passera demain. Elle est née le 14/03/1979.")});
    CHECK(nurse.birthName.isEmpty());
    CHECK(nurse.firstName.isEmpty());
    // A short clause about the same person between the name and "né le" is no one else.
    const TextIdentity clause = parseIdentityText(
        {QStringLiteral("Monsieur Paul DURAND, hospitalisé du 02/11/2026 au 09/11/2026, né le 12/03/1950.")});
    CHECK(clause.birthName == QStringLiteral("DURAND"));
    CHECK(clause.birthDate == QDate(1950, 3, 12));
    const TextIdentity relative =
        parseIdentityText({QStringLiteral("Mme Anne DUPONT, mère de l'enfant, née le 12/03/1980.")});
    CHECK(relative.birthName.isEmpty());
    // "J'ai vu Mme X en consultation …" introduces the patient; the traits follow on the next line.
    const TextIdentity seen = parseIdentityText({QStringLiteral("J'ai vu Mme LEROY Marie en consultation ce jour."),
                                                 QStringLiteral("Patiente née le 14/03/1979 à Reims (51215).")});
    CHECK(seen.birthName == QStringLiteral("LEROY"));
    CHECK(seen.firstName == QStringLiteral("MARIE"));
    // A mother seen with her daughter: two people, so neither name is the patient's.
    const TextIdentity mother = parseIdentityText(
        {QStringLiteral("J'ai revu ce jour Mme DUPONT Anne et sa fille Léa MARTIN, née le 02/03/2015.")});
    CHECK(mother.birthName.isEmpty());
    CHECK_FALSE(mother.conflicts.isEmpty());
    const TextIdentity brackets = parseIdentityText({QStringLiteral("Nom de naissance [LEROY]  Prén. [Marie]")});
    CHECK(brackets.birthName == QStringLiteral("LEROY"));
    CHECK(brackets.firstName == QStringLiteral("MARIE"));
}

TEST_CASE("printed identity: a trait printed twice with two values stays unread", "[unit][ocr]")
{
    const TextIdentity t = parseIdentityText({QStringLiteral("Patient : M. NGUYEN Thomas - Né le 28/11/1976"),
                                              QStringLiteral("Date de naissance : 29/11/1976")});
    CHECK_FALSE(t.birthDate.isValid());
    CHECK_FALSE(t.conflicts.isEmpty());
}

TEST_CASE("a DataMatrix whose traits are not found printed is kept for confirmation, never released", "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2790729019123"));
    DataMatrixReading dm;
    dm.parsed = *parseInsDataMatrix(payload(matricule));
    // The print is in a layout the reader does not understand, but the traits are there: trusted.
    const TextIdentity found = parseIdentityText({QStringLiteral("N'DIAYE Anne-Sophie Marie ~~ 03/07/1979 ~~ F")});
    const PatientReading ok = reconcileIdentity(dm, found);
    CHECK(ok.status == IdentityStatus::Consistent);
    CHECK(ok.identity.ins == matricule);
    // The traits are not on the paper (a scan too poor to read): to confirm, INS withheld.
    const TextIdentity unread = parseIdentityText({QStringLiteral("illisible")});
    const PatientReading later = reconcileIdentity(dm, unread, true);
    CHECK(later.status == IdentityStatus::Unverified);
    CHECK(later.identity.ins.isEmpty());
    REQUIRE(later.dataMatrix);
    CHECK(later.dataMatrix->ins == matricule);
    CHECK(later.dataMatrix->birthName == QStringLiteral("N'DIAYE"));
    // One letter misread by OCR in a long name is noise.
    const TextIdentity noisy = parseIdentityText({QStringLiteral("N'DIAYE Anne-Sophle 03/07/1979")});
    CHECK(reconcileIdentity(dm, noisy, true).status == IdentityStatus::Consistent);
    CHECK(reconcileIdentity(dm, noisy, false).status == IdentityStatus::Unverified);
}

TEST_CASE("the INS is released only when key, traits and sources agree", "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2790729019123"));
    TextIdentity text = parseIdentityText(
        {QStringLiteral("Patiente : Mme Anne-Sophie LE GOFF née N'DIAYE, née le 03/07/1979 à Brest (29019)"),
         QStringLiteral("INS : ") + matricule});
    REQUIRE(text.hasAnyTrait());

    SECTION("printed traits alone, complete")
    {
        const PatientReading r = reconcileIdentity({}, text);
        CHECK(r.status == IdentityStatus::Consistent);
        CHECK(r.source == IdentitySource::Text);
        CHECK(r.identity.ins == matricule);
    }
    SECTION("DataMatrix and print agree")
    {
        DataMatrixReading dm;
        dm.parsed = *parseInsDataMatrix(payload(matricule));
        const PatientReading r = reconcileIdentity(dm, text);
        CHECK(r.status == IdentityStatus::Consistent);
        CHECK(r.source == IdentitySource::Both);
        CHECK(r.identity.ins == matricule);
        CHECK(r.identity.insOid == QString::fromLatin1(ins::OidNirTest));
        CHECK(r.identity.usedName == QStringLiteral("LE GOFF"));
    }
    SECTION("DataMatrix with another birth date")
    {
        DataMatrixReading dm;
        dm.parsed = *parseInsDataMatrix(payload(matricule, "ANNE-SOPHIE MARIE", "N'DIAYE", "F", "04-07-1979"));
        const PatientReading r = reconcileIdentity(dm, text);
        CHECK(r.status == IdentityStatus::Mismatch);
        CHECK(r.identity.ins.isEmpty());
        CHECK(r.reasons.join(QLatin1Char(' ')).contains(QStringLiteral("date de naissance")));
    }
    SECTION("wrong key")
    {
        QString wrong = matricule;
        wrong[14] = wrong[14] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
        text.matricules = {wrong};
        const PatientReading r = reconcileIdentity({}, text);
        CHECK(r.status == IdentityStatus::Mismatch);
        CHECK(r.identity.ins.isEmpty());
        CHECK(r.reasons.join(QLatin1Char(' ')).contains(QStringLiteral("clé")));
    }
    SECTION("matricule of a man for a woman")
    {
        text.matricules = {withKey(QStringLiteral("1790729019123"))};
        const PatientReading r = reconcileIdentity({}, text);
        CHECK(r.status == IdentityStatus::Mismatch);
        CHECK(r.identity.ins.isEmpty());
    }
    SECTION("birth place missing")
    {
        text.birthPlace.clear();
        const PatientReading r = reconcileIdentity({}, text);
        CHECK(r.status == IdentityStatus::Incomplete);
        CHECK(r.identity.ins.isEmpty());
        CHECK(r.reasons.join(QLatin1Char(' ')).contains(QStringLiteral("lieu de naissance")));
    }
    SECTION("an unreadable INS DataMatrix beside a good print")
    {
        DataMatrixReading dm;
        dm.unreadable = true;
        const PatientReading r = reconcileIdentity(dm, text);
        CHECK(r.status == IdentityStatus::Mismatch);
        CHECK(r.identity.ins.isEmpty());
    }
    SECTION("two different matricules printed")
    {
        text.matricules += withKey(QStringLiteral("2790729019124"));
        const PatientReading r = reconcileIdentity({}, text);
        CHECK(r.status == IdentityStatus::Mismatch);
        CHECK(r.identity.ins.isEmpty());
    }
}

TEST_CASE("letter reading: address window, copies, signing author never a recipient", "[unit][ocr]")
{
    const QList<Segment> page{
        seg(QStringLiteral("Dr Jean MARTIN"), 50, 60),
        seg(QStringLiteral("RPPS 10003456781"), 50, 72),
        seg(QStringLiteral("Docteur Paul DURAND"), 330, 160),
        seg(QStringLiteral("Médecin généraliste"), 330, 173),
        seg(QStringLiteral("35000 RENNES"), 330, 186),
        seg(QStringLiteral("LETTRE DE LIAISON"), 220, 280),
        seg(QStringLiteral("Je vous prie de croire, cher confrère, à mes sentiments les meilleurs."), 50, 600),
        seg(QStringLiteral("Dr Jean MARTIN"), 330, 640),
        seg(QStringLiteral("Copie à : Dr Claire PETIT (cardiologue, Quimper) ; Dr Jean MARTIN"), 50, 700),
        seg(QStringLiteral("Copie patient"), 50, 712),
    };
    const LetterReading r = readLetter({page}, {842.0});
    REQUIRE(r.author);
    CHECK(r.author->name == QStringLiteral("Dr Jean MARTIN"));
    CHECK(r.author->rpps == QStringLiteral("10003456781"));
    REQUIRE(r.recipients.size() == 2);
    CHECK(r.recipients[0].name == QStringLiteral("Docteur Paul DURAND"));
    CHECK(r.recipients[0].role == RecipientRole::To);
    CHECK(r.recipients[0].postcode == QStringLiteral("35000"));
    CHECK(r.recipients[0].city == QStringLiteral("RENNES"));
    CHECK(r.recipients[0].specialtyWords.contains(QStringLiteral("generaliste")));
    CHECK(r.recipients[1].name == QStringLiteral("Dr Claire PETIT"));
    CHECK(r.recipients[1].role == RecipientRole::Cc);
    CHECK(r.recipients[1].city == QStringLiteral("Quimper"));
    CHECK(r.copyToPatient);
    REQUIRE(r.documentType);
    CHECK(r.documentType->code == QStringLiteral("11490-0"));
}

TEST_CASE("copies and addressees in other words: copie adressée au, Drs for several, lettre adressée à, bullets "
          "read as +",
          "[unit][ocr]")
{
    const auto read = [](const QString& line) {
        QList<Segment> page{seg(QStringLiteral("Dr Jean MARTIN"), 50, 60), seg(QStringLiteral("RPPS 10003456781"), 50, 72),
                            seg(QStringLiteral("Je vous prie de croire, cher confrère, à mes sentiments les meilleurs."), 50, 600),
                            seg(QStringLiteral("Dr Jean MARTIN"), 330, 640)};
        const QStringList lines = line.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            page += seg(lines[i], 50, 700 + 12.0 * static_cast<double>(i));
        }
        return readLetter({page}, {842.0});
    };
    // "au" is one word: the old reading took "a" and left "u Dr …", which no name starts.
    CHECK(recipientNames(read(QStringLiteral("Copie adressée au Dr LÉROY Geneviève (médecin traitant), Reims")))
          == QStringList{QStringLiteral("Dr LÉROY Geneviève (cc)")});
    CHECK(recipientNames(read(QStringLiteral("Copies : Drs BOYER Raphaël et LÉROY Geneviève")))
          == QStringList{QStringLiteral("Dr BOYER Raphaël (cc)"), QStringLiteral("Dr LÉROY Geneviève (cc)")});
    CHECK(recipientNames(read(QStringLiteral("Lettre adressée à : Dr Emma FRANCOIS, 21 rue du Château, 86000 POITIERS")))
          == QStringList{QStringLiteral("Dr Emma FRANCOIS (to)")});
    CHECK(recipientNames(read(QStringLiteral("COPIES\n+ Dr Jean NOËL (radiologue, BORDEAUX)\n+ Dr GIRARD Patrick")))
          == QStringList{QStringLiteral("Dr Jean NOËL (cc)"), QStringLiteral("Dr GIRARD Patrick (cc)")});
}

TEST_CASE("copies under a label alone on its line, joined by 'et au', sent 'également', in a table's cells",
          "[unit][ocr]")
{
    const auto read = [](const QList<Segment>& end) {
        QList<Segment> page{seg(QStringLiteral("Dr Jean MARTIN"), 50, 60),
                            seg(QStringLiteral("Je vous prie de croire, cher confrère, à mes sentiments les meilleurs."), 50, 600),
                            seg(QStringLiteral("Dr Jean MARTIN"), 330, 640)};
        page += end;
        return readLetter({page}, {842.0});
    };
    CHECK(recipientNames(read({seg(QStringLiteral("AMPLIATIONS."), 60, 700),
                      seg(QStringLiteral("Dr KERGUELEN Hugo, médecin généraliste, 29000 QUIMPER"), 70, 712),
                      seg(QStringLiteral("Dr LEFEVRE Éloïse, médecine interne, 69006 LYON"), 70, 724)}))
          == QStringList{QStringLiteral("Dr KERGUELEN Hugo (cc)"), QStringLiteral("Dr LEFEVRE Éloïse (cc)")});
    CHECK(recipientNames(read({seg(QStringLiteral("Copie au Docteur KERGUELEN (Quimper) et au Docteur SAVOYE-SCHNEIDER (Annecy)"),
                          60, 700)}))
          == QStringList{QStringLiteral("Docteur KERGUELEN (cc)"), QStringLiteral("Docteur SAVOYE-SCHNEIDER (cc)")});
    CHECK(recipientNames(read({seg(QStringLiteral("Courrier envoyé également à :"), 60, 700),
                      seg(QStringLiteral("• Dr KERGUELEN Hugo (29000 Quimper)"), 60, 712)}))
          == QStringList{QStringLiteral("Dr KERGUELEN Hugo (cc)")});
    // "Cc :" in its own cell, names in the next column, one a row; a compound specialty ends a name.
    const LetterReading table = read({seg(QStringLiteral("Cc :"), 60, 700), seg(QStringLiteral("Dr Hugo KERGUELEN"), 100, 700),
                                      seg(QStringLiteral("QUIMPER"), 260, 700),
                                      seg(QStringLiteral("Dr Maëlle LEMOINE Gynécologue-obstétricien Toulouse"), 100, 712)});
    CHECK(recipientNames(table) == QStringList{QStringLiteral("Dr Hugo KERGUELEN (cc)"), QStringLiteral("Dr Maëlle LEMOINE (cc)")});
    // A numbered list; a table whose header row starts with "Destinataire".
    CHECK(recipientNames(read({seg(QStringLiteral("Ampliations :"), 60, 700),
                               seg(QStringLiteral("1. Dr Hugo KERGUELEN (Quimper)"), 60, 712),
                               seg(QStringLiteral("2. Dr Éloïse LEFEVRE (Lyon)"), 60, 724)}))
          == QStringList{QStringLiteral("Dr Hugo KERGUELEN (cc)"), QStringLiteral("Dr Éloïse LEFEVRE (cc)")});
    CHECK(recipientNames(read({seg(QStringLiteral("Destinataire"), 60, 700), seg(QStringLiteral("Ville"), 200, 700),
                               seg(QStringLiteral("Mode d'envoi"), 340, 700),
                               seg(QStringLiteral("Dr Hugo KERGUELEN"), 60, 712), seg(QStringLiteral("QUIMPER"), 200, 712),
                               seg(QStringLiteral("Dr Éloïse LEFEVRE"), 60, 724), seg(QStringLiteral("LYON"), 200, 724)}))
          == QStringList{QStringLiteral("Dr Hugo KERGUELEN (to)"), QStringLiteral("Dr Éloïse LEFEVRE (to)")});
    // Rows that each address someone ("au Docteur …", "à Madame le Docteur …") are entries, not one
    // entry wrapped over lines; "En ampliation :" lists copies inline.
    CHECK(recipientNames(read({seg(QStringLiteral("Ampliation :"), 60, 700),
                               seg(QStringLiteral("au Docteur Hugo KERGUELEN à Quimper"), 60, 712),
                               seg(QStringLiteral("à Madame le Docteur Éloïse LEFEVRE à Lyon"), 60, 724)}))
          == QStringList{QStringLiteral("Docteur Hugo KERGUELEN (cc)"),
                         QStringLiteral("Madame le Docteur Éloïse LEFEVRE (cc)")});
    CHECK(recipientNames(read(
              {seg(QStringLiteral("En ampliation : Dr Hugo KERGUELEN, Quimper, Dr Éloïse LEFEVRE, Lyon"), 60, 700)}))
          == QStringList{QStringLiteral("Dr Hugo KERGUELEN (cc)"), QStringLiteral("Dr Éloïse LEFEVRE (cc)")});
    CHECK(recipientNames(read({seg(QStringLiteral("Copie pour ampliation : Dr Hugo KERGUELEN (Quimper)"), 60, 700)}))
          == QStringList{QStringLiteral("Dr Hugo KERGUELEN (cc)")});
    // Entries with their postal address under them: the street and the town are the entry's, and
    // where the entry works ends its name.
    const LetterReading addressed =
        read({seg(QStringLiteral("Ampliation adressée à :"), 60, 700), seg(QStringLiteral("Dr H. CHEVALIER"), 70, 712),
              seg(QStringLiteral("Service de cardiologie"), 70, 723), seg(QStringLiteral("92 rue Gambetta"), 70, 734),
              seg(QStringLiteral("75014 PARIS"), 70, 745), seg(QStringLiteral("Dr Éloïse LEFEVRE"), 70, 760),
              seg(QStringLiteral("3 place Bellecour"), 70, 771), seg(QStringLiteral("69002 LYON"), 70, 782)});
    REQUIRE(addressed.recipients.size() == 2);
    CHECK(addressed.recipients[0].name == QStringLiteral("Dr H. CHEVALIER"));
    CHECK(addressed.recipients[0].street == QStringLiteral("92 rue Gambetta"));
    CHECK(addressed.recipients[0].postcode == QStringLiteral("75014"));
    CHECK(addressed.recipients[1].postcode == QStringLiteral("69002"));
}

TEST_CASE("a CEDEX postcode is no place: the town alone says where the addressee practises", "[unit][ocr]")
{
    const QList<Segment> page{seg(QStringLiteral("Dr Jean MARTIN"), 50, 60), seg(QStringLiteral("RPPS 10003456781"), 50, 72),
                              seg(QStringLiteral("Dr Raphaël BOYER"), 330, 160), seg(QStringLiteral("Maison de santé"), 330, 173),
                              seg(QStringLiteral("BP 45"), 330, 186),
                              seg(QStringLiteral("42007 SAINT-ÉTIENNE CEDEX 1"), 330, 199),
                              seg(QStringLiteral("Je vous prie de croire, cher confrère, à mes sentiments les meilleurs."), 50, 600),
                              seg(QStringLiteral("Dr Jean MARTIN"), 330, 640),
                              seg(QStringLiteral("Copie à : Dr Geneviève LÉROY, 51722 REIMS CEDEX"), 50, 700)};
    const LetterReading r = readLetter({page}, {842.0});
    REQUIRE(r.recipients.size() == 2);
    CHECK(r.recipients[0].postcode.isEmpty());
    CHECK(r.recipients[0].city == QStringLiteral("SAINT-ÉTIENNE"));
    CHECK(r.recipients[0].department == QStringLiteral("42")); // the town within its département
    CHECK(r.recipients[1].postcode.isEmpty());
    CHECK(r.recipients[1].city == QStringLiteral("REIMS"));
    CHECK(r.recipients[1].department == QStringLiteral("51"));
}

TEST_CASE("copies in a hanging indent, and entries set side by side with their towns below", "[unit][ocr]")
{
    QList<Segment> page{seg(QStringLiteral("Dr Jean MARTIN"), 50, 60), seg(QStringLiteral("RPPS 10003456781"), 50, 72),
                        seg(QStringLiteral("Je vous prie de croire, cher confrère, à mes sentiments les meilleurs."), 50, 600),
                        seg(QStringLiteral("Dr Jean MARTIN"), 330, 640)};
    QList<Segment> hanging = page;
    hanging += seg(QStringLiteral("Copie à : Dr Raphaël BOYER, Saint-Étienne"), 50, 700);
    hanging += seg(QStringLiteral("Dr Geneviève LÉROY, Reims"), 50 + 8.0 * 10 / 1.8, 712); // under the first name
    const LetterReading h = readLetter({hanging}, {842.0});
    REQUIRE(h.recipients.size() == 2);
    CHECK(h.recipients[1].name == QStringLiteral("Dr Geneviève LÉROY"));
    CHECK(h.recipients[1].city == QStringLiteral("Reims"));

    QList<Segment> side = page;
    side += seg(QStringLiteral("Copies :"), 50, 700);
    side += seg(QStringLiteral("Dr Raphaël BOYER"), 50, 713);
    side += seg(QStringLiteral("Dr Geneviève LÉROY"), 300, 713);
    side += seg(QStringLiteral("42000 SAINT-ÉTIENNE"), 50, 725);
    side += seg(QStringLiteral("51100 REIMS"), 300, 725);
    const LetterReading r = readLetter({side}, {842.0});
    REQUIRE(r.recipients.size() == 2);
    CHECK(r.recipients[0].name == QStringLiteral("Dr Raphaël BOYER"));
    CHECK(r.recipients[0].postcode == QStringLiteral("42000"));
    CHECK(r.recipients[1].name == QStringLiteral("Dr Geneviève LÉROY"));
    CHECK(r.recipients[1].postcode == QStringLiteral("51100"));
}

TEST_CASE("addressees in any form: family name first, Monsieur le Docteur, Pr, an attention line with initials",
          "[unit][ocr]")
{
    const auto window = [](std::initializer_list<const char*> lines) {
        QList<Segment> page{seg(QStringLiteral("Dr Jean MARTIN"), 50, 60), seg(QStringLiteral("RPPS 10003456781"), 50, 72)};
        double y = 160;
        for (const char* line : lines) {
            page += seg(QString::fromUtf8(line), 330, y);
            y += 13;
        }
        page += seg(QStringLiteral("Bien confraternellement,"), 50, 600);
        page += seg(QStringLiteral("Dr Jean MARTIN"), 330, 630);
        return readLetter({page}, {842.0});
    };
    const LetterReading gay = window({"Docteur GAY Christophe", "Cardiologue", "14 chemin des Vignes", "31000 TOULOUSE"});
    REQUIRE(gay.recipients.size() == 1);
    CHECK(gay.recipients[0].familyName == QStringLiteral("GAY"));
    CHECK(gay.recipients[0].givenName == QStringLiteral("Christophe"));
    CHECK(gay.recipients[0].zone == Zone::AddressWindow);
    CHECK(gay.recipients[0].street == QStringLiteral("14 chemin des Vignes"));
    CHECK(gay.recipients[0].postcode == QStringLiteral("31000"));
    CHECK(gay.recipients[0].specialtyWords.contains(QStringLiteral("cardiologue")));
    const LetterReading meyer = window({"Monsieur le Docteur Pierre MEYER", "2 rue de la Paix", "67000 STRASBOURG"});
    REQUIRE(meyer.recipients.size() == 1);
    CHECK(meyer.recipients[0].familyName == QStringLiteral("MEYER"));
    CHECK(meyer.recipients[0].title == QStringLiteral("Dr"));
    const LetterReading pr = window({"Pr LE MOAL Hervé", "Service de néphrologie", "2 avenue Foch", "29200 BREST"});
    REQUIRE(pr.recipients.size() == 1);
    CHECK(pr.recipients[0].familyName == QStringLiteral("LE MOAL"));
    CHECK(pr.recipients[0].title == QStringLiteral("Pr"));
    const LetterReading attention =
        window({"Centre hospitalier de Quimper", "A l'attention du Dr P. MEYER", "14 avenue Yves Thépot", "29000 QUIMPER"});
    REQUIRE(attention.recipients.size() == 1);
    CHECK(attention.recipients[0].familyName == QStringLiteral("MEYER"));
    CHECK(attention.recipients[0].givenName == QStringLiteral("P."));
    const LetterReading lower = window({"Docteur Pierre Meyer", "2 rue de la Paix", "67000 STRASBOURG"});
    REQUIRE(lower.recipients.size() == 1);
    CHECK(lower.recipients[0].familyName == QStringLiteral("Pierre Meyer")); // unordered: the directory knows
    // "Au Docteur …": the article addresses, it is no part of the name.
    const LetterReading au = window({"Au Docteur Hugo KERGUELEN", "26 avenue Foch - 29000 QUIMPER"});
    REQUIRE(au.recipients.size() == 1);
    CHECK(au.recipients[0].name == QStringLiteral("Docteur Hugo KERGUELEN"));
    CHECK(au.recipients[0].givenName == QStringLiteral("Hugo"));
}

TEST_CASE("addressees with the title apart: Madame, Monsieur le Docteur over the name, Dr in a column of its own, "
          "a letter handed to the patient",
          "[unit][ocr]")
{
    const auto letter = [](const QList<Segment>& window) {
        QList<Segment> page{seg(QStringLiteral("Dr Jean MARTIN"), 50, 60),
                            seg(QStringLiteral("RPPS 10003456781"), 50, 72)};
        page += window;
        page += seg(QStringLiteral("Bien confraternellement,"), 50, 600);
        page += seg(QStringLiteral("Dr Jean MARTIN"), 330, 630);
        return readLetter({page}, {842.0});
    };
    // Not a salutation: no comma ends it, and a name follows.
    const LetterReading either = letter(
        {seg(QStringLiteral("Madame, Monsieur le Docteur"), 330, 160), seg(QStringLiteral("Gaëlle ROUSSEL"), 330, 173),
         seg(QStringLiteral("27 place de l'Église"), 330, 186), seg(QStringLiteral("25000 BESANÇON"), 330, 199)});
    REQUIRE(either.recipients.size() == 1);
    CHECK(either.recipients[0].familyName == QStringLiteral("ROUSSEL"));
    CHECK(either.recipients[0].postcode == QStringLiteral("25000"));
    const LetterReading column =
        letter({seg(QStringLiteral("Dr Jean-François VINCENT"), 330, 160),
                seg(QStringLiteral("82 rue Saint-Michel"), 350, 173), seg(QStringLiteral("74000 ANNECY"), 350, 186)});
    REQUIRE(column.recipients.size() == 1);
    CHECK(column.recipients[0].familyName == QStringLiteral("VINCENT"));
    CHECK(column.recipients[0].city == QStringLiteral("ANNECY"));
    // Handed to the patient: no postal address, the town alone.
    const LetterReading handed = letter({seg(QStringLiteral("Remis en main propre au patient"), 330, 160),
                                         seg(QStringLiteral("à l'attention du Docteur Vincent THOMAS"), 330, 173),
                                         seg(QStringLiteral("Pau"), 330, 186)});
    REQUIRE(handed.recipients.size() == 1);
    CHECK(handed.recipients[0].familyName == QStringLiteral("THOMAS"));
    CHECK(handed.recipients[0].zone == Zone::AddressWindow);
    CHECK(handed.recipients[0].city == QStringLiteral("Pau"));
    const LetterReading forGp = letter({seg(QStringLiteral("À remettre par le patient"), 330, 160),
                                        seg(QStringLiteral("pour le Dr HUET Paul"), 330, 173)});
    REQUIRE(forGp.recipients.size() == 1);
    CHECK(forGp.recipients[0].familyName == QStringLiteral("HUET"));
    // The signature of a letter without closing formula stands below the window: never read as one.
    const LetterReading signature =
        readLetter({{seg(QStringLiteral("ORDONNANCE"), 300, 180),
                     seg(QStringLiteral("1) Oméprazole 20 mg : 1 gélule le matin"), 165, 214),
                     seg(QStringLiteral("Dr Christophe MORIN"), 340, 354),
                     seg(QStringLiteral("Praticien hospitalier"), 340, 369)}},
                   {842.0});
    CHECK(std::none_of(signature.recipients.begin(), signature.recipients.end(),
                       [](const Recipient& r) { return r.zone == Zone::AddressWindow; }));
}

TEST_CASE("names that do not address the letter: running text, the author, the staff list", "[unit][ocr]")
{
    QList<Segment> page;
    for (int i = 0; i < 5; ++i) {
        page += seg(QStringLiteral("Dr Staff%1 MEMBRE").arg(QChar(u'A' + i)), 30, 150 + 12.0 * i);
    }
    page += seg(QStringLiteral("Docteur Paul DURAND"), 330, 160);
    page += seg(QStringLiteral("35000 RENNES"), 330, 173);
    page += seg(QStringLiteral("Je vous remercie de m'avoir adressé votre patient, adressé par le Dr Anne BLANC pour avis."),
                160, 300);
    page += seg(QStringLiteral("Bien confraternellement,"), 160, 600);
    page += seg(QStringLiteral("Dr Jean MARTIN"), 330, 630);
    const LetterReading r = readLetter({page}, {842.0});
    REQUIRE(r.author);
    CHECK(r.author->name == QStringLiteral("Dr Jean MARTIN"));
    REQUIRE(r.recipients.size() == 2);
    CHECK(r.recipients[0].familyName == QStringLiteral("DURAND"));
    CHECK(r.recipients[0].zone == Zone::AddressWindow);
    CHECK(r.recipients[1].familyName == QStringLiteral("BLANC"));
    CHECK(r.recipients[1].zone == Zone::Body); // proposed, never chosen
    for (const TextLine& line : r.text) {
        if (line.text.startsWith(QStringLiteral("Dr Staff"))) {
            CHECK(line.zone == Zone::SideColumn);
        }
    }
}

TEST_CASE("copies as a table, a list wrapped over lines, annotated entries", "[unit][ocr]")
{
    const QList<Segment> table{
        seg(QStringLiteral("Copie à"), 50, 600),
        seg(QStringLiteral("Qualité"), 200, 600),
        seg(QStringLiteral("Ville"), 350, 600),
        seg(QStringLiteral("Dr Mathis ÉTIENNE"), 50, 612),
        seg(QStringLiteral("Médecin généraliste"), 200, 612),
        seg(QStringLiteral("PONTIVY"), 350, 612),
        seg(QStringLiteral("Dr DUFOUR Nathalie"), 50, 624),
        seg(QStringLiteral("Hépato-gastro-entérologue"), 200, 624),
        seg(QStringLiteral("LE MANS"), 350, 624),
    };
    const LetterReading t = readLetter({table}, {842.0});
    REQUIRE(t.recipients.size() == 2);
    CHECK(t.recipients[0].familyName == QStringLiteral("ÉTIENNE"));
    CHECK(t.recipients[0].city == QStringLiteral("PONTIVY"));
    CHECK(t.recipients[1].familyName == QStringLiteral("DUFOUR"));
    CHECK(t.recipients[1].city == QStringLiteral("LE MANS"));
    const QList<Segment> wrapped{
        seg(QStringLiteral("Destinataire(s) : Dr P. BOUCHET, interniste, Perpignan ; Docteur Pierre FAURE"), 60, 600),
        seg(QStringLiteral("(gynécologue, Besançon) ; Docteur Marie VIDAL (copie) ; Dr"), 60, 612),
        seg(QStringLiteral("M.-T. FLEURY - Landerneau"), 60, 624),
    };
    const LetterReading w = readLetter({wrapped}, {842.0});
    REQUIRE(w.recipients.size() == 4);
    CHECK(w.recipients[0].role == RecipientRole::To);
    CHECK(w.recipients[1].city == QStringLiteral("Besançon"));
    CHECK(w.recipients[2].role == RecipientRole::Cc); // "(copie)"
    CHECK(w.recipients[3].familyName == QStringLiteral("FLEURY"));
    CHECK(w.recipients[3].city == QStringLiteral("Landerneau"));
}

TEST_CASE("care episode: a stay, a day stay or a consultation with its dates, never two, and the IPP", "[unit][ocr]")
{
    const auto episodeOf = [](std::initializer_list<const char*> lines) {
        QList<Segment> page;
        double y = 300;
        for (const char* line : lines) {
            page += seg(QString::fromUtf8(line), 50, y);
            y += 14;
        }
        return readLetter({page}, {842.0}).episode;
    };
    using Setting = CareEpisode::Setting;
    const auto stay = episodeOf({"Patiente : Mme Jeanne DUPONT, hospitalisée du 14/11/2026 au 23/11/2026"});
    REQUIRE(stay);
    CHECK(stay->setting == Setting::Stay);
    CHECK(stay->start == QDate(2026, 11, 14));
    CHECK(stay->end == QDate(2026, 11, 23));
    const auto words = episodeOf({"Hospitalisation du 5 au 13 novembre 2026 dans le service."});
    REQUIRE(words);
    CHECK(words->start == QDate(2026, 11, 5));
    CHECK(words->end == QDate(2026, 11, 13));
    const auto labels = episodeOf({"Date d'entrée : 02/11/2026", "Date de sortie : 09/11/2026"});
    REQUIRE(labels);
    CHECK(labels->setting == Setting::Stay);
    CHECK(labels->end == QDate(2026, 11, 9));
    const auto day = episodeOf({"Hospitalisation de jour le 12/11/2026 pour une perfusion de fer."});
    REQUIRE(day);
    CHECK(day->setting == Setting::DayStay);
    const auto seen = episodeOf({"Je l'ai vue en consultation le 20/11/2026."});
    REQUIRE(seen);
    CHECK(seen->setting == Setting::Consultation);
    CHECK(seen->start == QDate(2026, 11, 20));
    // Two different stays, a date range with no care word, none at all: nothing is guessed.
    CHECK_FALSE(episodeOf({"Hospitalisée du 02/10/2026 au 05/10/2026 puis du 14/11/2026 au 23/11/2026."}));
    CHECK_FALSE(episodeOf({"Traitement du 14/11/2026 au 23/11/2026."}));
    // Over the new year, the short start takes the year before the end's.
    const auto newYear = episodeOf({"Hospitalisée du 28/12 au 03/01/2027."});
    REQUIRE(newYear);
    CHECK(newYear->start == QDate(2026, 12, 28));
    // Two different entry dates: the stay is not guessed.
    CHECK_FALSE(episodeOf({"Date d'entrée : 02/11/2026", "Date d'entrée : 05/11/2026", "Date de sortie : 09/11/2026"}));
    CHECK_FALSE(episodeOf({"Cher confrère,"}));
    // The IPP printed once is read; two different values, none.
    const auto ippOf = [](std::initializer_list<const char*> lines) {
        QList<Segment> page;
        double y = 300;
        for (const char* line : lines) {
            page += seg(QString::fromUtf8(line), 50, y);
            y += 14;
        }
        return readLetter({page}, {842.0}).ipp;
    };
    CHECK(ippOf({"IPP : 0003950638 N° de séjour : 2597398285"}) == QStringLiteral("0003950638"));
    CHECK(ippOf({"N° IPP 0003950638", "IPP : 0003950638"}) == QStringLiteral("0003950638"));
    CHECK(ippOf({"IPP : 0003950638", "IPP : 0004123456"}).isEmpty());
    CHECK(ippOf({"N° de séjour : 2597398285"}).isEmpty());
}

TEST_CASE("document type: a phrase in the body is not a title, and two titles are unsure", "[unit][ocr]")
{
    const LetterReading body = readLetter(
        {{seg(QStringLiteral("Je renouvelle l'ordonnance du traitement habituel pour trois mois."), 50, 300)}},
        {842.0});
    CHECK_FALSE(body.documentType);
    const LetterReading two = readLetter(
        {{seg(QStringLiteral("ORDONNANCE"), 50, 200), seg(QStringLiteral("COMPTE RENDU OPÉRATOIRE"), 50, 260)}},
        {842.0});
    CHECK_FALSE(two.documentType);
    // A title misread by OCR by a letter or two is still that title; a line that only starts
    // like one is not.
    const LetterReading misread =
        readLetter({{seg(QStringLiteral("LELLRE DE LIAISON À LA SORTIE"), 180, 170)}}, {842.0});
    REQUIRE(misread.documentType);
    CHECK(misread.documentType->code == QStringLiteral("11490-0"));
    const LetterReading sentence = readLetter(
        {{seg(
            QStringLiteral(
                "Lellre de liaison à la sortie remise au patient le jour même avec ses ordonnances et son rendez-vous"),
            50, 300)}},
        {842.0});
    CHECK_FALSE(sentence.documentType);
    // A sentence of the body that starts like a title is no second title.
    const LetterReading body2 =
        readLetter({{seg(QStringLiteral("LETTRE DE LIAISON - SORTIE D'HOSPITALISATION"), 60, 170),
                     seg(QStringLiteral("Consultation de contrôle dans un mois."), 60, 400)}},
                   {842.0});
    REQUIRE(body2.documentType);
    CHECK(body2.documentType->code == QStringLiteral("11490-0"));
}

TEST_CASE("printed identity: banners whose items carry their own labels, and a matricule alone in a banner",
          "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2030529232223"));
    // "usage : X" as an item, the INS under "INS-NIR", the key after "clé".
    const TextIdentity t = parseIdentityText(
        {QStringLiteral("Madame SIMON Éloïse - usage : VINCENT — F — 11/05/2003 — 29232 — INS-NIR %1 clé %2")
             .arg(matricule.left(13), matricule.right(2))});
    CHECK(t.matricules == QStringList{matricule});
    CHECK(t.birthName == QStringLiteral("SIMON"));
    CHECK(t.usedName == QStringLiteral("VINCENT"));
    CHECK(t.firstName == QStringLiteral("ELOISE"));
    CHECK(t.birthDate == QDate(2003, 5, 11));
    CHECK(t.birthPlace == QStringLiteral("29232"));
    CHECK(reconcileIdentity({}, t).status == IdentityStatus::Consistent);

    // Slashes between items, the birth place under "né(e) à", the used name said in parentheses.
    const QString boy = withKey(QStringLiteral("1540256178128"));
    const TextIdentity labelled = parseIdentityText(
        {QStringLiteral("M. NOËL Paul (usage : NOËL-FAURE) / M / 14.02.1954 / né(e) à 56178 / INS-NIR %1").arg(boy)});
    CHECK(labelled.birthName == QStringLiteral("NOEL"));
    CHECK(labelled.matricules == QStringList{boy});
    CHECK(reconcileIdentity({}, labelled).status == IdentityStatus::Consistent);

    // A bare "(DURAND)" says neither birth nor used name: the name is not read, the INS not given.
    const TextIdentity bare = parseIdentityText(
        {QStringLiteral("M. NOËL Paul (DURAND) — M — 14.02.1954 — né(e) à 56178 — INS-NIR %1").arg(boy)});
    CHECK(bare.birthName.isEmpty());
    CHECK(reconcileIdentity({}, bare).status != IdentityStatus::Consistent);

    // The matricule alone in a banner wrapped after its separator, the key after a dash: taken
    // because it encodes the printed sex, year, month and place.
    const QString child = withKey(QStringLiteral("1220710387952"));
    const TextIdentity wrapped =
        parseIdentityText({QStringLiteral("Monsieur DUBOIS Raphaël / M / 22.07.2022 / 10387 /"),
                           QStringLiteral("1 22 07 10 387 952 - %1").arg(child.right(2))});
    CHECK(wrapped.matricules == QStringList{child});
    CHECK(reconcileIdentity({}, wrapped).status == IdentityStatus::Consistent);
    // A bare number that encodes another birth (the father's NIR printed in the banner's place) is
    // never the patient's INS.
    const QString father = withKey(QStringLiteral("1891172181612"));
    const TextIdentity other =
        parseIdentityText({QStringLiteral("Monsieur DUBOIS Raphaël / M / 22.07.2022 / 10387 / %1").arg(father)});
    CHECK(other.matricules.isEmpty());
    // Nor is a number printed for the insured person, wherever it stands.
    const TextIdentity insured = parseIdentityText(
        {QStringLiteral("Monsieur DUBOIS Raphaël / M / 22.07.2022 / 10387 / Assuré : %1").arg(child)});
    CHECK(insured.matricules.isEmpty());
}

TEST_CASE("printed identity: label qualifiers, 'Patronyme', 'dite', a value before its label with the OID",
          "[unit][ocr]")
{
    const TextIdentity q =
        parseIdentityText({QStringLiteral("Patronyme : HENRY"), QStringLiteral("Prénoms (état civil) : Isabelle Anaïs"),
                           QStringLiteral("Sexe (M/F) : F")});
    CHECK(q.birthName == QStringLiteral("HENRY"));
    CHECK(q.firstNames == QStringList{QStringLiteral("ISABELLE"), QStringLiteral("ANAIS")});
    CHECK(q.sex == Sex::Female);
    // "Nom (MARTIN)": a name in capitals in parentheses is a value, not a qualifier.
    CHECK(parseIdentityText({QStringLiteral("Nom (MARTIN) : DUPONT")}).birthName != QStringLiteral("DUPONT MARTIN"));

    const TextIdentity dite = parseIdentityText({QStringLiteral("PATIENT : Mme LAPORTE dite NOËL Pauline")});
    CHECK(dite.birthName == QStringLiteral("LAPORTE"));
    CHECK(dite.usedName == QStringLiteral("NOEL"));

    const QString matricule = withKey(QStringLiteral("1971028085608"));
    const TextIdentity after = parseIdentityText(
        {QStringLiteral("1 97 10 28 085 608 - %1 (matricule INS, OID 1.2.250.1.213.1.4.10)").arg(matricule.right(2))});
    CHECK(after.matricules == QStringList{matricule});
    CHECK(after.oid == QStringLiteral("1.2.250.1.213.1.4.10"));
    CHECK(parseIdentityText({QStringLiteral("Identité nationale de santé : %1").arg(matricule)}).matricules
          == QStringList{matricule});
}

TEST_CASE("printed identity: a name cut after its particle at a line's end is read whole", "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("1050554395492"));
    const TextIdentity t =
        parseIdentityText({QStringLiteral("Nous avons reçu en consultation M. Frédéric DE"),
                           QStringLiteral("LA FONTAINE, de sexe masculin, né le"),
                           QStringLiteral("02/05/2005 à NANCY (54395), n° INS"), QStringLiteral("%1.").arg(matricule)});
    CHECK(t.birthName == QStringLiteral("DE LA FONTAINE"));
    CHECK(t.conflicts.isEmpty());
    CHECK(reconcileIdentity({}, t).status == IdentityStatus::Consistent);
}

TEST_CASE("letter reading: a heading PATIENT is no copy, a staff list is no author, copies that wrap", "[unit][ocr]")
{
    // "PATIENT" over the identity block; a list of the service's doctors, each with an RPPS, in
    // the header; the signature alone at the bottom.
    QList<Segment> page{seg(QStringLiteral("Dr ROBIN Christophe"), 40, 100),
                        seg(QStringLiteral("RPPS 10329551021"), 40, 112),
                        seg(QStringLiteral("Dr BRUN Bernard"), 40, 124),
                        seg(QStringLiteral("RPPS 10098038929"), 40, 136),
                        seg(QStringLiteral("PATIENT"), 250, 160),
                        seg(QStringLiteral("Nom de naissance : ROY"), 250, 172),
                        seg(QStringLiteral("1) Paracétamol 1 g : 1 comprimé le matin"), 250, 300),
                        seg(QStringLiteral("Dr VIDAL Anne"), 400, 400),
                        seg(QStringLiteral("Praticien attaché"), 400, 412),
                        seg(QStringLiteral("Copie transmise à :"), 250, 450),
                        seg(QStringLiteral("Dr N. DUMONT, Poitiers"), 275, 462),
                        seg(QStringLiteral("l'intéressé(e)"), 275, 474)};
    const LetterReading r = readLetter({page}, {842.0});
    REQUIRE(r.author);
    CHECK(r.author->name == QStringLiteral("Dr VIDAL Anne"));
    REQUIRE(r.recipients.size() == 1);
    CHECK(r.recipients[0].city == QStringLiteral("Poitiers")); // not "Poitiers l'intéressé(e)"
    CHECK(r.copyToPatient);                                    // from the list's entry, not the heading

    const LetterReading heading = readLetter(
        {{seg(QStringLiteral("PATIENT"), 250, 160), seg(QStringLiteral("Nom de naissance : ROY"), 250, 172)}}, {842.0});
    CHECK_FALSE(heading.copyToPatient);

    // An inline list wrapped inside a town ("Le" / "Mans") and before a ';' of the next row.
    const LetterReading wrapped = readLetter(
        {{seg(QStringLiteral("Copie : Dr Marie DUBOIS, Montpellier, Dr Pierre-Yves DAVID, Le"), 300, 100),
          seg(QStringLiteral("Mans"), 300, 112),
          seg(QStringLiteral("Destinataires : Dr Mathis PRÉVOST - Ajaccio ; Dr Jules BRUN, médecin généraliste,"), 40,
              600),
          seg(QStringLiteral("SAINT-DENIS ; Docteur BERNARD Gaëlle (médecin généraliste, ANGERS)"), 40, 612)}},
        {842.0});
    const auto city = [&](const QString& family) {
        for (const Recipient& x : wrapped.recipients) {
            if (x.familyName == family) {
                return x.city;
            }
        }
        return QStringLiteral("?");
    };
    CHECK(city(QStringLiteral("DAVID")) == QStringLiteral("Le Mans"));
    CHECK(city(QStringLiteral("BRUN")) == QStringLiteral("SAINT-DENIS"));
    CHECK(city(QStringLiteral("BERNARD")) == QStringLiteral("ANGERS"));
}

TEST_CASE("printed identity: 'est née BERNARD le …', the birth name said between 'née' and the date", "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2341166136765"));
    const TextIdentity t = parseIdentityText(
        {QStringLiteral("Madame Hélène ANDRÉ, 92 ans, est née BERNARD le 4 novembre 1934 à Perpignan (code 66136). "
                        "Elle est vue pour des palpitations."),
         QStringLiteral("Son identifiant national de santé (INS) est le %1.").arg(matricule)});
    CHECK(t.birthName == QStringLiteral("BERNARD"));
    CHECK(t.usedName == QStringLiteral("ANDRE"));
    CHECK(t.birthDate == QDate(1934, 11, 4));
    CHECK(t.birthPlace == QStringLiteral("66136"));
    CHECK(reconcileIdentity({}, t).status == IdentityStatus::Consistent);
    // Said of someone else (a word between the name and "née" that is not the age): not read.
    const TextIdentity nurse = parseIdentityText(
        {QStringLiteral("Madame Lucie ROUX, infirmière libérale, est née BERNARD le 4 novembre 1934.")});
    CHECK(nurse.birthName.isEmpty());
    CHECK_FALSE(nurse.birthDate.isValid());
}

TEST_CASE("document type: a title in spaced capitals read in pieces by OCR", "[unit][ocr]")
{
    const LetterReading spaced = readLetter({{seg(QStringLiteral("LE T T RE DE LIAISON"), 280, 196)}}, {842.0});
    REQUIRE(spaced.documentType);
    CHECK(spaced.documentType->code == QStringLiteral("11490-0"));
    // Single letters in a line that is mostly something else are no title.
    const LetterReading other = readLetter(
        {{seg(QStringLiteral("L E lettre de liaison remise au patient avec son ordonnance et son rendez-vous"), 50,
              300)}},
        {842.0});
    CHECK_FALSE(other.documentType);
}

TEST_CASE("copies: a word beside a name that the reader cannot place is marked, so that no one is chosen on it",
          "[unit][ocr]")
{
    // The signature's "Médecin" merged into the entry: the town is not read, and said so.
    const LetterReading merged =
        readLetter({{seg(QStringLiteral("Copies : Dr Justine JACOB, Saint-Brieuc Médecin"), 165, 470)}}, {842.0});
    REQUIRE(merged.recipients.size() == 1);
    CHECK(merged.recipients[0].unreadContext);
    // Read whole, nothing is left over.
    const LetterReading clean =
        readLetter({{seg(QStringLiteral("Copies : Dr Justine JACOB, Saint-Brieuc ; Docteur Anne PETIT (CHU de Brest)"),
                         165, 470)}},
                   {842.0});
    REQUIRE(clean.recipients.size() == 2);
    CHECK(clean.recipients[0].city == QStringLiteral("Saint-Brieuc"));
    CHECK_FALSE(clean.recipients[0].unreadContext);
    CHECK_FALSE(clean.recipients[1].unreadContext);
}

TEST_CASE("printed identity: a sentence in a narrow column, cut after 'LE' and before the INS's number", "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2150744184251"));
    const TextIdentity t = parseIdentityText(
        {QStringLiteral("Nous avons reçu en consultation Mlle LE"), QStringLiteral("GALL Élodie, née le 13.07.2015 à"),
         QStringLiteral("SAINT-NAZAIRE (44184), INS"),
         QStringLiteral("%1 clé %2.").arg(matricule.left(13), matricule.right(2))});
    CHECK(t.birthName == QStringLiteral("LE GALL"));
    CHECK(t.conflicts.isEmpty());
    CHECK(t.matricules == QStringList{matricule});
    CHECK(reconcileIdentity({}, t).status == IdentityStatus::Consistent);
}

TEST_CASE("printed identity: the insured person's block ends where the letter's running text resumes", "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2110953130872"));
    const QString parent = withKey(QStringLiteral("2750410387967"));
    // Tight lines, as printed: the insured's line, the stay, the salutation, then the sentence
    // that names the patient.
    const QList<Segment> page{
        seg(QStringLiteral("Assuré ouvrant droit : Mme NICOLAS Valérie - N° d'immatriculation : %1").arg(parent), 56,
            261),
        seg(QStringLiteral("Hospitalisation du 02/11/2026 au 18/11/2026"), 56, 272),
        seg(QStringLiteral("Cher Collègue,"), 56, 283),
        seg(QStringLiteral("Je vous remercie de m'avoir adressée Mademoiselle Virginie NICOLAS, née le 28/09/2011 à "
                           "LAVAL (53130),"),
            56, 294),
        seg(QStringLiteral("matricule INS %1, pour le suivi de son insuffisance cardiaque.").arg(matricule), 56, 305)};
    const TextIdentity t = parseIdentityText({page});
    CHECK(t.birthName == QStringLiteral("NICOLAS"));
    CHECK(t.firstName == QStringLiteral("VIRGINIE"));
    CHECK(t.matricules == QStringList{matricule});
    CHECK(reconcileIdentity({}, t).status == IdentityStatus::Consistent);
    // The insured's own birth, on the line under the label, stays the insured's.
    const QList<Segment> insured{seg(QStringLiteral("Assuré ouvrant droit : M. DUPONT Jean"), 56, 261),
                                 seg(QStringLiteral("né le 12/03/1975 à Paris (75056)"), 56, 272)};
    const TextIdentity other = parseIdentityText({insured});
    CHECK_FALSE(other.birthDate.isValid());
    CHECK(other.birthName.isEmpty());
}

TEST_CASE("printed identity: a birth name in a parenthesis, a particle in capitals after a civility, a name cell "
          "with its sex and age, the birth place under the birth date",
          "[unit][ocr]")
{
    // "(née ROBERT)" after a labelled name: the birth name, never the name before it.
    const TextIdentity born = parseIdentityText({QStringLiteral("Patient : LÉVÊQUE Agnès (née ROBERT)")});
    CHECK(born.birthName == QStringLiteral("ROBERT"));
    CHECK(born.usedName == QStringLiteral("LEVEQUE"));
    CHECK(born.firstName == QStringLiteral("AGNES"));
    // "LE" in capitals after a civility begins the name; "le" in lower case is "Madame le Docteur".
    const TextIdentity particle = parseIdentityText({QStringLiteral("Concerne : Monsieur LE GALL Loïc Vincent")});
    CHECK(particle.birthName == QStringLiteral("LE GALL"));
    CHECK(particle.firstName == QStringLiteral("LOIC"));
    const TextIdentity doctor = parseIdentityText({QStringLiteral("Patient : Madame le Docteur MARTIN")});
    CHECK(doctor.birthName.isEmpty());
    // A name line that ends on the sex and age, over "Né(e) le … · Lieu : …".
    const QString matricule = withKey(QStringLiteral("1890976540496"));
    const TextIdentity banner =
        parseIdentityText({QStringLiteral("COLLET Nicolas · M, 37 ans"),
                           QStringLiteral("Né(e) le 13.09.1989 · Lieu : Rouen (INSEE 76540) · INS %1").arg(matricule)});
    CHECK(banner.birthName == QStringLiteral("COLLET"));
    CHECK(banner.firstName == QStringLiteral("NICOLAS"));
    CHECK(banner.sex == Sex::Male);
    CHECK(banner.birthPlace == QStringLiteral("76540"));
    CHECK(reconcileIdentity({}, banner).status == IdentityStatus::Consistent);
    // "Lieu :" and "Code INSEE :" under the birth date (the age between); under a visit's date, no.
    const TextIdentity column =
        parseIdentityText({QStringLiteral("Naissance : 20/11/1953"), QStringLiteral("Âge : 73 ans"),
                           QStringLiteral("Lieu : Bordeaux"), QStringLiteral("Code INSEE : 33063")});
    CHECK(column.birthPlace == QStringLiteral("33063"));
    const TextIdentity visit = parseIdentityText(
        {QStringLiteral("Date : 20/11/2026"), QStringLiteral("Lieu : Bordeaux"), QStringLiteral("Code INSEE : 33063")});
    CHECK(visit.birthPlace.isEmpty());
    // "…, de son nom de naissance PEREZ, née le …", "… hors de France (Portugal, code pays 99139)".
    const TextIdentity sentence = parseIdentityText({QStringLiteral(
        "J'ai reçu Madame LAMBERT Marie, de son nom de naissance PEREZ, née le 22 janvier 1959 à Bordeaux "
        "(code commune 33063).")});
    CHECK(sentence.birthName == QStringLiteral("PEREZ"));
    CHECK(sentence.usedName == QStringLiteral("LAMBERT"));
    CHECK(sentence.firstName == QStringLiteral("MARIE"));
    CHECK(sentence.birthPlace == QStringLiteral("33063"));
    const TextIdentity abroad = parseIdentityText(
        {QStringLiteral("Monsieur Jean MARTIN, né le 27 juillet 1997 hors de France (Portugal, code pays 99139).")});
    CHECK(abroad.birthPlace == QStringLiteral("99139"));
}

TEST_CASE("printed identity: the 'Nom' column of a table of people is no patient's", "[unit][ocr]")
{
    const QList<Segment> table{
        seg(QStringLiteral("Type"), 48, 579),
        seg(QStringLiteral("Nom"), 103, 579),
        seg(QStringLiteral("Spécialité"), 195, 579),
        seg(QStringLiteral("Commune"), 317, 579),
        seg(QStringLiteral("Destinataire Dr Julie MÜLLER"), 48, 593),
        seg(QStringLiteral("Copie"), 48, 607),
        seg(QStringLiteral("MERCIER René"), 103, 607),
    };
    const TextIdentity t = parseIdentityText(QList<QList<Segment>>{table});
    CHECK(t.birthName.isEmpty());
    CHECK(t.firstName.isEmpty());
    CHECK(t.conflicts.isEmpty());
}

TEST_CASE("letter reading: copies told in a sentence, addressee lines, a table row's town and channel, two lists "
          "side by side, an addressee's phone under the window",
          "[unit][ocr]")
{
    const LetterReading told = readLetter(
        {{seg(QStringLiteral("Bien confraternellement."), 50, 500), seg(QStringLiteral("Dr Léo DENIS"), 350, 530),
          seg(QStringLiteral("Copie de ce compte rendu est transmise au Dr NICOLAS Youssef, médecine"), 50, 600),
          seg(QStringLiteral("générale à ROUEN, au Dr B. GUILLOT (Strasbourg) et au patient."), 50, 612)}},
        {842.0});
    REQUIRE(told.recipients.size() == 2);
    CHECK(told.recipients[0].familyName == QStringLiteral("NICOLAS"));
    CHECK(told.recipients[0].city == QStringLiteral("ROUEN"));
    CHECK(told.recipients[0].role == RecipientRole::Cc);
    CHECK(told.recipients[0].zone == Zone::Copies);
    CHECK(told.recipients[1].familyName == QStringLiteral("GUILLOT"));
    CHECK(told.recipients[1].city == QStringLiteral("Strasbourg"));
    CHECK(told.copyToPatient);

    for (const QString& line : {QStringLiteral("Réponse au Dr ROUSSEAU Monique, médecin généraliste à VALENCE."),
                                QStringLiteral("Correspondant : Dr. ROUSSEAU Monique - Médecin généraliste - VALENCE"),
                                QStringLiteral("Pour : Docteure Monique ROUSSEAU - Médecin généraliste - VALENCE")}) {
        INFO(line.toStdString());
        const LetterReading r =
            readLetter({{seg(line, 50, 200), seg(QStringLiteral("Chère Consœur,"), 50, 260)}}, {842.0});
        REQUIRE(r.recipients.size() == 1);
        CHECK(r.recipients[0].familyName == QStringLiteral("ROUSSEAU"));
        CHECK(r.recipients[0].role == RecipientRole::To);
        CHECK(r.recipients[0].city == QStringLiteral("VALENCE"));
    }

    // A diffusion table's row: the cells after the name are its specialty, town and channel.
    const LetterReading table =
        readLetter({{seg(QStringLiteral("Type"), 48, 579), seg(QStringLiteral("Nom"), 103, 579),
                     seg(QStringLiteral("Spécialité"), 195, 579), seg(QStringLiteral("Commune"), 317, 579),
                     seg(QStringLiteral("Envoi"), 391, 579), seg(QStringLiteral("Copie"), 48, 593),
                     seg(QStringLiteral("Dr MERCIER René Gériatre"), 103, 593),
                     seg(QStringLiteral("SAINT-MALO Courrier"), 317, 593)}},
                   {842.0});
    REQUIRE(table.recipients.size() == 1);
    CHECK(table.recipients[0].familyName == QStringLiteral("MERCIER"));
    CHECK(table.recipients[0].city.startsWith(QStringLiteral("SAINT-MALO")));

    // "Destinataire principal :" and "Copie pour information :" side by side: each list its own.
    const LetterReading pair = readLetter(
        {{seg(QStringLiteral("Destinataire principal :"), 50, 150),
          seg(QStringLiteral("Copie pour information :"), 330, 150), seg(QStringLiteral("Docteur Jean ANDRÉ"), 50, 162),
          seg(QStringLiteral("Dr. FOURNIER François"), 330, 162), seg(QStringLiteral("11 impasse du Lavoir"), 50, 174),
          seg(QStringLiteral("Médecin généraliste"), 330, 174), seg(QStringLiteral("13008 MARSEILLE"), 50, 186),
          seg(QStringLiteral("35400 SAINT-MALO"), 330, 186), seg(QStringLiteral("Cher ami,"), 50, 260)}},
        {842.0});
    QStringList roles = recipientNames(pair);
    CHECK(roles.contains(QStringLiteral("Docteur Jean ANDRÉ (to)")));
    CHECK(roles.contains(QStringLiteral("Dr. FOURNIER François (cc)")));

    // The addressee's phone under the window does not make it a letterhead.
    const LetterReading phone = readLetter(
        {{seg(QStringLiteral("Mme le Dr Martine CHEVALIER"), 330, 120),
          seg(QStringLiteral("77 avenue Clemenceau"), 330, 132), seg(QStringLiteral("13008 MARSEILLE"), 330, 144),
          seg(QStringLiteral("Tél. 04 91 80 24 57"), 330, 156), seg(QStringLiteral("Chère Consœur,"), 50, 260)}},
        {842.0});
    REQUIRE(phone.recipients.size() == 1);
    CHECK(phone.recipients[0].zone == Zone::AddressWindow);
    CHECK(phone.recipients[0].city == QStringLiteral("MARSEILLE"));
    // A name all in capitals, as postal norms write it: given name first.
    const auto caps = parsePersonName(QStringLiteral("DOCTEURE ÉLOÏSE ROUSSEL"), true);
    REQUIRE(caps);
    CHECK(caps->family == QStringLiteral("ROUSSEL"));
    CHECK(caps->given == QStringLiteral("ÉLOÏSE"));
}

TEST_CASE("letter reading: an addressee line cut before its town is never a choice, and a staff column beside it is "
          "passed over",
          "[unit][ocr]")
{
    // The town on the next line, a staff list's line at the left between them.
    const LetterReading beside =
        readLetter({{seg(QStringLiteral("Dr GIRARD Maëlle"), 20, 180),
                     seg(QStringLiteral("Correspondant : Dr. ÉTIENNE Fatima - Gastro-entérologue -"), 200, 186),
                     seg(QStringLiteral("Dr BERTRAND Nicolas"), 20, 192), seg(QStringLiteral("MORLAIX"), 200, 198),
                     seg(QStringLiteral("Chère Consœur,"), 200, 260)}},
                   {842.0});
    REQUIRE(beside.recipients.size() == 1);
    CHECK(beside.recipients[0].city == QStringLiteral("MORLAIX"));
    CHECK_FALSE(beside.recipients[0].unreadContext);
    // The town not read at all: the entry ends open, nothing after it is known.
    const LetterReading cut =
        readLetter({{seg(QStringLiteral("Correspondant : Dr. ÉTIENNE Fatima - Gastro-entérologue -"), 200, 186),
                     seg(QStringLiteral("Chère Consœur,"), 200, 260)}},
                   {842.0});
    REQUIRE(cut.recipients.size() == 1);
    CHECK(cut.recipients[0].city.isEmpty());
    CHECK(cut.recipients[0].unreadContext);
}

TEST_CASE("printed identity: 'née LE ROUX' is a birth name, not a birth date, a Corsican matricule alone in a banner, "
          "'DN :', a sex after the age, a dash before the birth place",
          "[unit][ocr]")
{
    const TextIdentity particle =
        parseIdentityText({QStringLiteral("Patient : KERGUÉLEN Josiane Mathilde Valérie (née LE ROUX)")});
    CHECK(particle.birthName == QStringLiteral("LE ROUX"));
    CHECK(particle.usedName == QStringLiteral("KERGUELEN"));
    const TextIdentity date = parseIdentityText({QStringLiteral("Patient : MARTIN Julie née le 12/03/1960")});
    CHECK(date.birthName == QStringLiteral("MARTIN"));
    CHECK(date.birthDate == QDate(1960, 3, 12));
    // "2B" inside the matricule, its key after a dash.
    const QString corsican = withKey(QStringLiteral("1170120033907").replace(5, 2, QStringLiteral("2B")));
    const QString spaced = corsican.left(1) + QLatin1Char(' ') + corsican.mid(1, 2) + QLatin1Char(' ')
                           + corsican.mid(3, 2) + QLatin1Char(' ') + corsican.mid(5, 2) + QLatin1Char(' ')
                           + corsican.mid(7, 3) + QLatin1Char(' ') + corsican.mid(10, 3) + QStringLiteral(" - ")
                           + corsican.mid(13);
    const TextIdentity banner =
        parseIdentityText({QStringLiteral("M. LECLERC Cédric Benoît — M — 06/01/2017 — né(e) à %1 — %2")
                               .arg(corsican.mid(5, 5), spaced)});
    CHECK(banner.birthName == QStringLiteral("LECLERC"));
    CHECK(banner.matricules == QStringList{corsican});
    const TextIdentity dn = parseIdentityText(
        {QStringLiteral("NOËL Yasmine · F - 41 ans"), QStringLiteral("DN : 15-12-1984 · Lieu : Vannes (56260)")});
    CHECK(dn.birthName == QStringLiteral("NOEL"));
    CHECK(dn.birthDate == QDate(1984, 12, 15));
    CHECK(dn.sex == Sex::Female);
    CHECK(dn.birthPlace == QStringLiteral("56260"));
    const TextIdentity after = parseIdentityText(
        {QStringLiteral("DA SILVA Sandrine Valérie"), QStringLiteral("Né(e) le 20.08.1994 (32 ans) F")});
    CHECK(after.sex == Sex::Female);
    const TextIdentity dash =
        parseIdentityText({QStringLiteral("Naiss. 06.01.1992 – à Caen - code INSEE 14118 – Sexe : F")});
    CHECK(dash.birthPlace == QStringLiteral("14118"));
}

TEST_CASE("printed identity: a salutation is no part of the sentence under it, 'Nom à la naissance', "
          "'Nom d'usage (marital)', a banner wrapped after its INS label",
          "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2140174010748"));
    const TextIdentity salute = parseIdentityText(
        {QStringLiteral("Madame, Monsieur,"),
         QStringLiteral("Mademoiselle Valérie COLIN, née le 23/01/2014 à Annecy (code commune 74010),"),
         QStringLiteral("âgée de 12 ans, de sexe féminin, dont l'INS est le %1, a").arg(matricule)});
    CHECK(salute.firstName == QStringLiteral("VALERIE"));
    CHECK(salute.sex == Sex::Female);
    CHECK(salute.conflicts.isEmpty());
    const TextIdentity labels = parseIdentityText(
        {QStringLiteral("Nom à la naissance : GARCIA"), QStringLiteral("Nom d'usage (marital) : FABRE")});
    CHECK(labels.birthName == QStringLiteral("GARCIA"));
    CHECK(labels.usedName == QStringLiteral("FABRE"));
    const QString boy = withKey(QStringLiteral("1190599351876"));
    const TextIdentity wrapped =
        parseIdentityText({QStringLiteral("Patient : PRÉVOST Benoît ; né le 31/05/2019 ; Sexe :"),
                           QStringLiteral("Masculin ; lieu de naissance : 99351 ; matricule INS :"),
                           QStringLiteral("%1 clé %2").arg(boy.left(13), boy.mid(13))});
    CHECK(wrapped.matricules == QStringList{boy});
}

TEST_CASE("letter reading: a copies sentence goes on over a line that starts with a name", "[unit][ocr]")
{
    const LetterReading r = readLetter(
        {{seg(QStringLiteral("Copie de ce compte rendu est transmise au Dr DESCHAMPS"), 165, 625),
          seg(QStringLiteral("Anne-Sophie, médecin généraliste à Angers, au Dr B. FRANÇOIS"), 165, 638),
          seg(QStringLiteral("(Marseille) et au Dr FOURNIER Inès, médecin généraliste à Paris."), 165, 651)}},
        {842.0});
    REQUIRE(r.recipients.size() == 3);
    CHECK(r.recipients[0].givenName == QStringLiteral("Anne-Sophie"));
    CHECK(r.recipients[0].city == QStringLiteral("Angers"));
    CHECK(r.recipients[1].city == QStringLiteral("Marseille"));
    CHECK(r.recipients[2].city == QStringLiteral("Paris"));
}

TEST_CASE("printed identity: a labelled INS's year, month and place read where the letter prints them once, unlabelled",
          "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2600335238123"));
    // The date and the code printed in a layout no label names.
    const TextIdentity t = parseIdentityText({QStringLiteral("Patient : MARTIN Julie, Madame"),
                                              QStringLiteral("12/03/1960 - Rennes 35238"),
                                              QStringLiteral("Matricule INS : %1").arg(matricule)});
    CHECK(t.birthDate == QDate(1960, 3, 12));
    CHECK(t.birthPlace == QStringLiteral("35238"));
    // Two dates of that month: neither is taken.
    const TextIdentity two =
        parseIdentityText({QStringLiteral("Patient : MARTIN Julie, Madame"), QStringLiteral("12/03/1960 - 21/03/1960"),
                           QStringLiteral("Matricule INS : %1").arg(matricule)});
    CHECK_FALSE(two.birthDate.isValid());
    // A NIR, which may be a parent's, gives nothing.
    const TextIdentity nir = parseIdentityText({QStringLiteral("Patient : MARTIN Julie, Madame"),
                                                QStringLiteral("12/03/1960 - Rennes 35238"),
                                                QStringLiteral("N° de sécurité sociale : %1").arg(matricule)});
    CHECK_FALSE(nir.birthDate.isValid());
    CHECK(nir.birthPlace.isEmpty());
    // A date in the insured person's block is theirs.
    const TextIdentity insured = parseIdentityText({QStringLiteral("Patient : MARTIN Julie, Madame"),
                                                    QStringLiteral("Assuré ouvrant droit : M. MARTIN Paul, 12/03/1960"),
                                                    QStringLiteral("Matricule INS : %1").arg(matricule)});
    CHECK_FALSE(insured.birthDate.isValid());
}

TEST_CASE("printed identity: a trusted person's column beside the patient's block, a header row centred over its "
          "values with 'Prénom 1' and 'Genre', 'N° SS / INS', labels set flush right without colons",
          "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("1890976540496"));
    const QByteArray insLine = QStringLiteral("N° de sécurité sociale (INS) : %1").arg(matricule).toUtf8();
    // The block of the person to warn stands on the same lines as the patient's: only its column is hers.
    const TextIdentity beside = parseIdentityText(pageOf({
        {"Nom de naissance : COLLET", 50, 300},
        {"Personne de confiance : Mme PETIT Catherine", 330, 300},
        {"Prénoms : Nicolas", 50, 312},
        {"Lien : sœur", 330, 312},
        {"Date de naissance : 13/09/1989", 50, 324},
        {"Tél. : 06 99 92 84 18", 330, 324},
        {"Sexe : M", 50, 336},
        {"Lieu de naissance : Rouen (76540)", 50, 348},
        {insLine.constData(), 50, 360},
    }));
    CHECK(beside.birthName == QStringLiteral("COLLET"));
    CHECK(beside.firstName == QStringLiteral("NICOLAS"));
    CHECK(beside.birthDate == QDate(1989, 9, 13));
    CHECK(beside.matricules == QStringList{matricule});
    CHECK(beside.conflicts.isEmpty());
    // Headers centred over left-aligned values, cells closer than a column gap; "Prénoms suivants"
    // is not the first name; "Genre" is a label among labels.
    const QString child = withKey(QStringLiteral("1210197120800"));
    const QByteArray childIns = QStringLiteral("1 21 01 97 120 800 - %1").arg(child.right(2)).toUtf8();
    const TextIdentity header = parseIdentityText(pageOf({
        {"Nom naiss. Prénom 1 Prénoms suivants Genre", 56, 262},
        {"Né(e) le", 260, 262},
        {"CHEVALLIER Maxime", 52, 279},
        {"Youssef", 160, 279},
        {"M", 225, 279},
        {"04/01/2021", 260, 279},
        {"Lieu naiss.", 89, 304},
        {"INS (NIR)", 264, 304},
        {"97120 POINTE-A-PITRE", 52, 321},
        {childIns.constData(), 230, 321},
    }));
    CHECK(header.birthName == QStringLiteral("CHEVALLIER"));
    CHECK(header.firstName == QStringLiteral("MAXIME"));
    CHECK(header.sex == Sex::Male);
    CHECK(header.birthDate == QDate(2021, 1, 4));
    CHECK(header.birthPlace == QStringLiteral("97120"));
    CHECK(header.matricules == QStringList{child});
    // One number named two ways is the INS, with its key after "clé".
    const QString man = withKey(QStringLiteral("1691153130135"));
    const TextIdentity pair = parseIdentityText(
        {QStringLiteral("M. ANDRÉ Gérard"),
         QStringLiteral("Né le 14 novembre 1969 (57 ans) à Laval (Mayenne), code INSEE 53130"),
         QStringLiteral("Sexe : Masculin N° SS / INS : 1 69 11 53 130 135 clé %1").arg(man.right(2))});
    CHECK(pair.matricules == QStringList{man});
    CHECK(pair.birthPlace == QStringLiteral("53130"));
    // Labels set flush right before their values, no colon: "NOM" and "Genre" are labels there.
    const TextIdentity flush = parseIdentityText(pageOf({
        {"NOM MARTINEZ", 200, 400},
        {"Prénoms Solène Nicole", 184, 412},
        {"Genre Féminin", 195, 424},
        {"Né(e) le 02.05.2014", 191, 436},
    }));
    CHECK(flush.birthName == QStringLiteral("MARTINEZ"));
    CHECK(flush.sex == Sex::Female);
    // Given names listed with commas before "née le".
    const TextIdentity listed = parseIdentityText(
        {QStringLiteral("Réf. patient : consultation de Mlle ANDRÉ Nathalie, Isabelle, Fatima, née le 30/08/2020")});
    CHECK(listed.birthName == QStringLiteral("ANDRE"));
    CHECK(listed.firstName == QStringLiteral("NATHALIE"));
}

TEST_CASE("letter reading: 'Double adressé à' over its lines, 'Copie(s)' with arrow bullets, 'Dest.' with slashes, a "
          "window that ends on the addressee's secure-mail address",
          "[unit][ocr]")
{
    const LetterReading doubled =
        readLetter({{seg(QStringLiteral("Double adressé à"), 165, 549),
                     seg(QStringLiteral("Dr. J.-P. FRANÇOIS - Médecine générale - SAINT-NAZAIRE"), 185, 559),
                     seg(QStringLiteral("Dr. É. NOËL, Médecine générale, PARIS"), 185, 569)}},
                   {842.0});
    REQUIRE(doubled.recipients.size() == 2);
    CHECK(doubled.recipients[0].role == RecipientRole::Cc);
    CHECK(doubled.recipients[0].city == QStringLiteral("SAINT-NAZAIRE"));
    CHECK(doubled.recipients[1].familyName == QStringLiteral("NOËL"));
    CHECK(doubled.recipients[1].city == QStringLiteral("PARIS"));
    const LetterReading arrows = readLetter({{seg(QStringLiteral("Copie(s) :"), 100, 600),
                                              seg(QStringLiteral("> Dr MASSON Nathalie (76000 ROUEN)"), 102, 612)}},
                                            {842.0});
    REQUIRE(arrows.recipients.size() == 1);
    CHECK(arrows.recipients[0].role == RecipientRole::Cc);
    CHECK(arrows.recipients[0].postcode == QStringLiteral("76000"));
    const LetterReading slashed = readLetter(
        {{seg(QStringLiteral("Dest. : Dr LAVAL Julien / médecine générale / 22000 SAINT-BRIEUC"), 50, 300)}}, {842.0});
    REQUIRE(slashed.recipients.size() == 1);
    CHECK(slashed.recipients[0].role == RecipientRole::To);
    CHECK(slashed.recipients[0].postcode == QStringLiteral("22000"));
    CHECK(slashed.recipients[0].city == QStringLiteral("SAINT-BRIEUC"));
    const LetterReading window = readLetter(
        {{seg(QStringLiteral("CLINIQUE SAINT-LUC"), 40, 40), seg(QStringLiteral("22000 SAINT-BRIEUC"), 40, 52),
          seg(QStringLiteral("Dr CHEVALIER Alice"), 330, 139), seg(QStringLiteral("Médecin généraliste"), 330, 152),
          seg(QStringLiteral("44 allée des Chênes"), 330, 166), seg(QStringLiteral("29200 BREST"), 330, 179),
          seg(QStringLiteral("Messagerie sécurisée : alice.chevalier@medecin.mssante.fr"), 330, 192),
          seg(QStringLiteral("Mon cher confrère,"), 40, 300)}},
        {842.0});
    REQUIRE(window.recipients.size() == 1);
    CHECK(window.recipients[0].zone == Zone::AddressWindow);
    CHECK(window.recipients[0].postcode == QStringLiteral("29200"));
}

TEST_CASE(
    "printed identity: 'NOM USAGE', '- commune 29039' after the town, 'D.N.' and 'Commune naiss.' in a header row, "
    "an aside in parentheses between the name and 'né le'",
    "[unit][ocr]")
{
    const TextIdentity usage =
        parseIdentityText({QStringLiteral("NOM NAISS: LAMBERT"), QStringLiteral("NOM USAGE: DAVID")});
    CHECK(usage.birthName == QStringLiteral("LAMBERT"));
    CHECK(usage.usedName == QStringLiteral("DAVID"));
    CHECK(usage.conflicts.isEmpty());
    const TextIdentity commune =
        parseIdentityText({QStringLiteral("Mme MARTIN Gaëlle"),
                           QStringLiteral("Née le 28 février 1957 (69 ans) à Concarneau - commune 29039")});
    CHECK(commune.birthPlace == QStringLiteral("29039"));
    const TextIdentity header = parseIdentityText(pageOf({
        {"Nom de naissance", 67, 228},
        {"Prénom", 162, 228},
        {"Sexe", 222, 228},
        {"D.N.", 289, 228},
        {"Commune naiss.", 412, 228},
        {"LEROY", 89, 243},
        {"Hélène", 160, 243},
        {"Féminin", 220, 243},
        {"2015-09-04", 287, 243},
        {"75114 PARIS 14E ARRONDISSEMENT", 410, 243},
    }));
    CHECK(header.birthDate == QDate(2015, 9, 4));
    CHECK(header.birthPlace == QStringLiteral("75114"));
    const TextIdentity aside =
        parseIdentityText({QStringLiteral("Objet : hospitalisation de M. DUPONT Hervé Gérard Pierre (nom d'usage :"),
                           QStringLiteral("DUPONT-VAN DAMME), né le 17-08-1978, lieu de naissance : Fort-de-France"),
                           QStringLiteral("(97209), du 04/11/2026 au 16/11/2026.")});
    CHECK(aside.birthName == QStringLiteral("DUPONT"));
    CHECK(aside.usedName == QStringLiteral("DUPONT-VAN DAMME"));
    CHECK(aside.firstName == QStringLiteral("HERVE"));
    CHECK(aside.conflicts.isEmpty());
    // A sex mark in parentheses is no aside; an identifier's name beside "Patient" is no name.
    const TextIdentity mark =
        parseIdentityText({QStringLiteral("Pat. LEFÈVRE Cédric (M), né(e) le 25/06/1932, lieu naiss. 87085")});
    CHECK(mark.birthName == QStringLiteral("LEFEVRE"));
    CHECK(mark.sex == Sex::Male);
    const TextIdentity rpps = parseIdentityText(pageOf({
        {"Madame Emma Nicole REYNAUD", 50, 338},
        {"Née le 30/06/1963 à CONCARNEAU (29039), sexe : Féminin", 50, 351},
        {"Patient", 50, 600},
        {"RPPS : 10854491437", 330, 600},
    }));
    CHECK(rpps.birthName == QStringLiteral("REYNAUD"));
    CHECK(rpps.conflicts.isEmpty());
}

TEST_CASE("scans: a staff column beside the patient's banner is another column, a key set apart ends the INS, copies "
          "parted by em dashes",
          "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("1430537261839"));
    const QByteArray nir = QStringLiteral("Sexe : Masculin NIR : %1").arg(matricule).toUtf8();
    // OCR lost the staff name's "Dr": it still stands in its own column, close to the banner.
    const TextIdentity staff = parseIdentityText(pageOf({
        {"Dr Bernard LAVAL", 30, 186},
        {"M. MOULIN Paul", 165, 186},
        {"Driecn-Frnçoi GILBERT", 30, 198},
        {"Né le 01/05/1943 (83 ans) à Tours (37, INSEE 37261)", 165, 198},
        {"Secrétariat", 28, 210},
        {nir.constData(), 165, 210},
    }));
    CHECK(staff.birthName == QStringLiteral("MOULIN"));
    CHECK(staff.firstName == QStringLiteral("PAUL"));
    CHECK(staff.conflicts.isEmpty());
    // The INS centred under its label, its key a run apart.
    const QString ins = withKey(QStringLiteral("1820226362110"));
    QList<QList<Segment>> apart = pageOf({{"Matricule INS", 100, 282}});
    Segment value{QStringLiteral("1 82 02 26 362 110 - %1").arg(ins.right(2)), QRectF(63, 295, 123, 7), 0, {}};
    const QStringList groups = value.text.split(QLatin1Char(' '));
    const QList<double> lefts{63, 69, 80, 91, 102, 118, 150, 160, 166};
    for (qsizetype g = 0, at = 0; g < groups.size(); at += groups[g].size() + 1, ++g) {
        const double width = g + 1 < groups.size() ? std::min(lefts[g + 1] - lefts[g] - 2, 5.0 * groups[g].size()) : 12;
        value.words += WordSpan{at, groups[g].size(), QRectF(lefts[g], 295, width, 7)};
    }
    apart.front() += value;
    CHECK(parseIdentityText(apart).matricules == QStringList{ins});
    const LetterReading dashes = readLetter(
        {{seg(QStringLiteral("Cc : Dr. B. PEREZ, médecine générale à Vienne — Dr LEROY Clémence,"), 165, 551),
          seg(QStringLiteral("oto-rhino-laryngologiste à Lille — la patiente"), 165, 563)}},
        {842.0});
    REQUIRE(dashes.recipients.size() == 2);
    CHECK(dashes.recipients[0].city == QStringLiteral("Vienne"));
    CHECK(dashes.recipients[1].familyName == QStringLiteral("LEROY"));
    CHECK(dashes.recipients[1].city == QStringLiteral("Lille"));
    CHECK(dashes.copyToPatient);
}

TEST_CASE("letter reading: an address block under a 'Destinataire :' entry is its place, a name cut after its "
          "first word in an inline list goes on over the next line",
          "[unit][ocr]")
{
    // The town under the name is what tells a namesake elsewhere from the addressee: it must be read.
    const LetterReading block = readLetter(
        {{seg(QStringLiteral("Destinataire :"), 165, 701),
          seg(QStringLiteral("Madame le Docteur Solène GUILLOT"), 165, 711),
          seg(QStringLiteral("Pneumologue"), 165, 721), seg(QStringLiteral("Service de pneumologie"), 165, 732),
          seg(QStringLiteral("18 rue du Général de Gaulle"), 165, 743), seg(QStringLiteral("75001 PARIS"), 165, 754)}},
        {842.0});
    REQUIRE(block.recipients.size() == 1);
    CHECK(block.recipients[0].familyName == QStringLiteral("GUILLOT"));
    CHECK(block.recipients[0].postcode == QStringLiteral("75001"));
    CHECK(block.recipients[0].city == QStringLiteral("PARIS"));
    const LetterReading cut =
        readLetter({{seg(QStringLiteral("Copie à : TESSIER Yann (Dr), médecin généraliste, Brest / ROUX"), 100, 500),
                     seg(QStringLiteral("Michel (Dr), oto-rhino-laryngologiste, Vannes / LAMBERT Laurent"), 100, 510),
                     seg(QStringLiteral("(Dr), médecine générale, Paris"), 100, 520)}},
                   {842.0});
    REQUIRE(cut.recipients.size() == 3);
    CHECK(cut.recipients[1].familyName == QStringLiteral("ROUX"));
    CHECK(cut.recipients[1].givenName == QStringLiteral("Michel"));
    CHECK(cut.recipients[1].city == QStringLiteral("Vannes"));
}

TEST_CASE("printed identity: a card's name line over the patient's labelled lines, a sex alone on its line, a "
          "labelled line is no name, boxes to tick say no sex, dates in a form's boxes, a label's aside in "
          "parentheses, a heading over a header row",
          "[unit][ocr]")
{
    // "MME GARNIER Élodie" three lines above "Né(e) le": the lines between are the patient's own.
    const TextIdentity card = parseIdentityText(pageOf({
        {"UF 2055", 330, 100},
        {"MME GARNIER Élodie", 330, 112},
        {"Nom utilisé : LAMBERT", 330, 124},
        {"Féminin · 60 ans", 330, 136},
        {"Né(e) le 13-06-1966 – Paris 14e Arrondissement (75114)", 330, 148},
    }));
    CHECK(card.birthName == QStringLiteral("GARNIER"));
    CHECK(card.usedName == QStringLiteral("LAMBERT"));
    CHECK(card.firstName == QStringLiteral("ELODIE"));
    CHECK(card.sex == Sex::Female);
    // Nor past a line that says something else.
    const TextIdentity other = parseIdentityText(pageOf({
        {"MME GARNIER Élodie", 330, 112},
        {"Hospitalisée en cardiologie", 330, 124},
        {"Né(e) le 13-06-1966", 330, 136},
    }));
    CHECK(other.birthName.isEmpty());
    // "Sexe MASCULIN" over "Date de naissance …" is the sex, not a name.
    const TextIdentity labelled =
        parseIdentityText({QStringLiteral("Nom de naissance BAILLY"), QStringLiteral("Sexe MASCULIN"),
                           QStringLiteral("Date de naissance 1965-04-01")});
    CHECK(labelled.birthName == QStringLiteral("BAILLY"));
    CHECK(labelled.usedName.isEmpty());
    CHECK(labelled.firstName.isEmpty());
    CHECK(labelled.sex == Sex::Male);
    // Which box an X between two ticks is not certain from the text; one that opens the value ticks
    // the word after it.
    CHECK(parseIdentityText({QStringLiteral("Sexe : M X F")}).sex == Sex::Unknown);
    CHECK(parseIdentityText({QStringLiteral("Sexe : Masculin Féminin")}).sex == Sex::Unknown);
    CHECK(parseIdentityText(pageOf({{"Sexe", 50, 300}, {"X Masculin", 50, 312}, {"Féminin", 150, 312}})).sex
          == Sex::Male);
    CHECK(parseIdentityText({QStringLiteral("Sexe : X Féminin Masculin")}).sex == Sex::Female);
    // A form's boxes, one digit each, and groups.
    CHECK(parseIdentityText({QStringLiteral("Né(e) le : 2 6 0 3 1 9 4 9")}).birthDate == QDate(1949, 3, 26));
    CHECK(parseIdentityText({QStringLiteral("Date de naissance : 26 03 1949")}).birthDate == QDate(1949, 3, 26));
    // "(dans l'ordre de l'état civil)" belongs to the label; the values stand under the header row,
    // not in the heading over it.
    const TextIdentity form = parseIdentityText(pageOf({
        {"IDENTIFICATION DU PATIENT", 46, 262},
        {"Nom de famille (de naissance)", 46, 276},
        {"Prénoms (dans l'ordre de l'état civil)", 230, 276},
        {"Né(e) le", 440, 276},
        {"DUBOIS", 46, 290},
        {"AURELIE MONIQUE", 230, 290},
        {"2 6 0 3 1 9 4 9", 440, 290},
    }));
    CHECK(form.birthName == QStringLiteral("DUBOIS"));
    CHECK(form.firstNames == QStringList{QStringLiteral("AURELIE"), QStringLiteral("MONIQUE")});
    CHECK(form.birthDate == QDate(1949, 3, 26));
}

TEST_CASE("letter reading: the addressee's RPPS under his name in the window, a slash that ends a line of an "
          "inline list parts two entries",
          "[unit][ocr]")
{
    const LetterReading window = readLetter(
        {{seg(QStringLiteral("CENTRE DE SANTÉ SAINT-AUGUSTIN"), 40, 40), seg(QStringLiteral("06000 NICE"), 40, 52),
          seg(QStringLiteral("Docteur LE MOAL Jacques"), 330, 139),
          seg(QStringLiteral("N° RPPS 10127419801"), 330, 151), seg(QStringLiteral("Médecine générale"), 330, 163),
          seg(QStringLiteral("36 rue des Lilas"), 330, 175), seg(QStringLiteral("72000 LE MANS"), 330, 187),
          seg(QStringLiteral("Cher confrère,"), 40, 300), seg(QStringLiteral("Bien confraternellement,"), 40, 400),
          seg(QStringLiteral("Docteur Paul JACOB"), 300, 430)}},
        {842.0});
    REQUIRE(window.recipients.size() == 1);
    CHECK(window.recipients[0].zone == Zone::AddressWindow);
    CHECK(window.recipients[0].familyName == QStringLiteral("LE MOAL"));
    CHECK(window.recipients[0].postcode == QStringLiteral("72000"));
    // In the letterhead's corner a doctor's RPPS under his name is the sender's block: no addressee.
    const LetterReading letterhead = readLetter(
        {{seg(QStringLiteral("Dr Paul MARTIN"), 40, 30), seg(QStringLiteral("RPPS 10000000001"), 40, 42),
          seg(QStringLiteral("12 rue de la Paix"), 40, 54), seg(QStringLiteral("75001 PARIS"), 40, 66),
          seg(QStringLiteral("Cher confrère,"), 40, 300), seg(QStringLiteral("Bien confraternellement,"), 40, 400),
          seg(QStringLiteral("Docteur Paul JACOB"), 300, 430)}},
        {842.0});
    CHECK(letterhead.recipients.isEmpty());
    const LetterReading slashed = readLetter(
        {{seg(QStringLiteral(
                  "Copie à : POULAIN S. (Dr), néphrologue, ROUEN / LEFÈVRE C. (Dr), hématologue, SAINT-NAZAIRE /"),
              40, 500),
          seg(QStringLiteral("N'DIAYE Agnès (Dr), médecine générale, Le Mans"), 40, 510)}},
        {842.0});
    REQUIRE(slashed.recipients.size() == 3);
    CHECK(slashed.recipients[1].city == QStringLiteral("SAINT-NAZAIRE"));
    CHECK_FALSE(slashed.recipients[1].unreadContext);
    CHECK(slashed.recipients[2].familyName == QStringLiteral("N'DIAYE"));
}

TEST_CASE("printed identity: a banner printed up the margin is read as one line, the sex said in a word before "
          "'née le', a name set flush right over 'né le'",
          "[unit][ocr]")
{
    // "Patient(e) : DAVID Anne | née le 09/08/2022 | INS …" on its side, read bottom to top: each
    // word's box is tall and narrow, the first word the lowest.
    const QString matricule = withKey(QStringLiteral("2220817300359"));
    const QStringList words{QStringLiteral("Patient(e)"),
                            QStringLiteral(":"),
                            QStringLiteral("DAVID"),
                            QStringLiteral("Anne"),
                            QStringLiteral("|"),
                            QStringLiteral("née"),
                            QStringLiteral("le"),
                            QStringLiteral("09/08/2022"),
                            QStringLiteral("|"),
                            QStringLiteral("INS"),
                            matricule};
    QList<Word> sideways;
    double bottom = 760;
    for (const QString& w : words) {
        const double length = 4.2 * static_cast<double>(w.size());
        sideways += Word{w, QRectF(18, bottom - length, 7, length)};
        bottom -= length + 3;
    }
    PageText page{0, 595, 842, {Word{QStringLiteral("Cher"), QRectF(60, 300, 20, 9)}}};
    page.words += sidewaysLines(sideways, QList<bool>(sideways.size(), false), page.height);
    const QList<Segment> segs = segmentsOf(page);
    INFO(textsOf(segs).join(QStringLiteral(" # ")).toStdString());
    // One line under the page, its cells (parted by the pipes) in reading order.
    REQUIRE(segs.size() == 4);
    CHECK(segs[1].text == QStringLiteral("Patient(e) : DAVID Anne"));
    CHECK(segs[2].text == QStringLiteral("née le 09/08/2022"));
    CHECK(segs[1].box.top() > page.height);
    CHECK(segs[3].box.top() == segs[1].box.top());
    const TextIdentity strip = parseIdentityText({segs});
    CHECK(strip.birthName == QStringLiteral("DAVID"));
    CHECK(strip.birthDate == QDate(2022, 8, 9));
    CHECK(strip.matricules == QStringList{matricule});

    const TextIdentity commas =
        parseIdentityText({QStringLiteral("DUBOIS, Chloé, Laure – Femme, née le 28 avr. 1986 (40 ans)")});
    CHECK(commas.birthName == QStringLiteral("DUBOIS"));
    CHECK(commas.firstName == QStringLiteral("CHLOE"));
    CHECK(commas.sex == Sex::Female);

    // Flush right: the right edges meet, the name line is the shorter.
    QList<Segment> right{
        Segment{QStringLiteral("M. Alain NGUYEN"), QRectF(480, 300, 70, 9), 0, {}},
        Segment{QStringLiteral("né le 30.03.1973 à Concarneau [29039]"), QRectF(380, 311, 170, 9), 0, {}}};
    const TextIdentity flush = parseIdentityText({right});
    CHECK(flush.birthName == QStringLiteral("NGUYEN"));
    CHECK(flush.firstName == QStringLiteral("ALAIN"));
}

TEST_CASE("printed identity: a name line that ends with the sex and the age over the birth line, as OCR reads it",
          "[unit][ocr]")
{
    const TextIdentity t = parseIdentityText(
        {QStringLiteral("MARTIN Anne-Sophie : Sexe F, 86 ans"), QStringLiteral("Naiss. 27/08/1940 : à Tours (37261)")});
    CHECK(t.birthName == QStringLiteral("MARTIN"));
    CHECK(t.firstName == QStringLiteral("ANNE-SOPHIE"));
    // A professional's name is no patient's.
    CHECK(parseIdentityText({QStringLiteral("Dr MARTIN Anne : F, 86 ans"), QStringLiteral("Né le 27/08/1940")})
              .birthName.isEmpty());
}

TEST_CASE("printed identity: 'Document concernant :' names the patient", "[unit][ocr]")
{
    const TextIdentity t =
        parseIdentityText({QStringLiteral("Document concernant : Mme Émilie Anaïs Éloïse NOËL, née ROUSSEAU"),
                           QStringLiteral("Née le 23/03/1983 à Clermont-Ferrand (INSEE 63113), sexe : F")});
    CHECK(t.birthName == QStringLiteral("ROUSSEAU"));
    CHECK(t.usedName == QStringLiteral("NOEL"));
    CHECK(t.firstName == QStringLiteral("EMILIE"));
}

TEST_CASE("printed identity: section headings qualify bare words, a fax cover's names are no patient's, a field "
          "printed empty stops there, a row of traits under the name, a wrapped table header",
          "[unit][ocr]")
{
    const QString ins = withKey(QStringLiteral("2510829232209"));
    // "NAISSANCE" over "Date … À … Code …", "IDENTIFIANT NATIONAL DE SANTE" over "Matricule … Clé …".
    const TextIdentity section = parseIdentityText(
        {{seg(QStringLiteral("ETAT CIVIL"), 60, 300), seg(QStringLiteral("Nom LAURENT Prénom(s) Gaëlle"), 70, 312),
          seg(QStringLiteral("NAISSANCE"), 60, 327),
          seg(QStringLiteral("Date 24 AOUT 1951 À Quimper Code 29232 Sexe Femme"), 70, 339),
          seg(QStringLiteral("IDENTIFIANT NATIONAL DE SANTE"), 60, 354),
          seg(QStringLiteral("Matricule ") + ins.left(13) + QStringLiteral(" Clé ") + ins.mid(13), 70, 366)}},
        true);
    CHECK(section.birthDate == QDate(1951, 8, 24));
    CHECK(section.birthPlace == QStringLiteral("29232"));
    CHECK(section.matricules == QStringList{ins});
    // A fax cover's "Nom  Dr …" under "EXPÉDITEUR": neither the doctor nor the heading is the patient.
    const TextIdentity cover =
        parseIdentityText({{seg(QStringLiteral("EXPÉDITEUR"), 60, 100), seg(QStringLiteral("Nom"), 60, 112),
                            seg(QStringLiteral("Dr André LAMBERT"), 160, 112),
                            seg(QStringLiteral("Nom de naissance : MOREAU"), 60, 300)}},
                          true);
    CHECK(cover.birthName == QStringLiteral("MOREAU"));
    CHECK(cover.conflicts.isEmpty());
    // "NOM D'USAGE" over "—": no used name, not the birth name printed above it.
    const TextIdentity empty =
        parseIdentityText({{seg(QStringLiteral("NOM DE NAISSANCE"), 60, 300), seg(QStringLiteral("LEFEBVRE"), 60, 312),
                            seg(QStringLiteral("NOM D'USAGE"), 60, 326), seg(QStringLiteral("—"), 60, 338)}},
                          true);
    CHECK(empty.birthName == QStringLiteral("LEFEBVRE"));
    CHECK(empty.usedName.isEmpty());
    // The traits in tags under the name: the age that agrees with the date makes it the birth date;
    // a place code that the INS carries is the birth place.
    const QString child = withKey(QStringLiteral("2150267482536"));
    const TextIdentity row =
        parseIdentityText({{seg(QStringLiteral("Mlle Josiane Marie-Claire GÉRARD"), 60, 266),
                            seg(QStringLiteral("F 17.02.2015 %1 ans 67482 Strasbourg INS : %2")
                                    .arg(QDate::currentDate().year() - 2015
                                         - (QDate::currentDate() < QDate(QDate::currentDate().year(), 2, 17) ? 1 : 0))
                                    .arg(child),
                                60, 280)}},
                          true);
    CHECK(row.birthName == QStringLiteral("GERARD"));
    CHECK(row.firstName == QStringLiteral("JOSIANE"));
    CHECK(row.birthDate == QDate(2015, 2, 17));
    CHECK(row.sex == Sex::Female);
    CHECK(row.birthPlace == QStringLiteral("67482"));
    // The same date with an age that does not agree is no one's birth date.
    const TextIdentity other = parseIdentityText({{seg(QStringLiteral("Mlle Josiane Marie-Claire GÉRARD"), 60, 266),
                                                   seg(QStringLiteral("F 17.02.2015 40 ans"), 60, 280)}},
                                                 true);
    CHECK_FALSE(other.birthDate.isValid());
    // "Nom de" / "naissance" over "GIRARD": the header's cells joined with their second line.
    PageText page{0, 595, 842, {}};
    const auto word = [&](const QString& w, double x, double y) {
        page.words += Word{w, QRectF(x, y, 5.0 * static_cast<double>(w.size()), 10)};
    };
    word(QStringLiteral("Nom"), 125, 289);
    word(QStringLiteral("de"), 146, 289);
    word(QStringLiteral("Prénom(s)"), 277, 289);
    word(QStringLiteral("Date"), 346, 289);
    word(QStringLiteral("de"), 369, 289);
    word(QStringLiteral("naissance"), 125, 301);
    word(QStringLiteral("naissance"), 346, 301);
    word(QStringLiteral("PATIENT"), 64, 319);
    word(QStringLiteral("GIRARD"), 125, 319);
    word(QStringLiteral("Minh"), 277, 319);
    word(QStringLiteral("06.11.2022"), 346, 319);
    const TextIdentity table = parseIdentityText({segmentsOf(page)}, true);
    CHECK(table.birthName == QStringLiteral("GIRARD"));
    CHECK(table.firstName == QStringLiteral("MINH"));
    CHECK(table.birthDate == QDate(2022, 11, 6));
}

TEST_CASE("letter reading: a ticked box names the addressee, a doctor's own secure mailbox, a message header, an "
          "attention line under the postcode, a DESTINATAIRE block low on the page, a name that says its role",
          "[unit][ocr]")
{
    const LetterReading ticked =
        readLetter({{seg(QStringLiteral("Courrier adressé à :"), 45, 200),
                     seg(QStringLiteral("X Médecin traitant : Dr Éloïse LECLERCQ – LORIENT"), 50, 212),
                     seg(QStringLiteral("Médecin adresseur"), 60, 224), seg(QStringLiteral("Patient(e)"), 60, 236)}},
                   {842.0});
    CHECK(recipientNames(ticked) == QStringList{QStringLiteral("Dr Éloïse LECLERCQ (to)")});
    // The mailbox is his (his family name in it): a block that addresses him; another's is not.
    const LetterReading mailbox = readLetter(
        {{seg(QStringLiteral("Destinataire (MSSanté)"), 350, 150),
          seg(QStringLiteral("Docteur NICOLAS Nathalie"), 350, 161), seg(QStringLiteral("Médecine générale"), 350, 172),
          seg(QStringLiteral("nathalie.nicolas@pro.mssante.fr"), 350, 183)}},
        {842.0});
    CHECK(recipientNames(mailbox) == QStringList{QStringLiteral("Docteur NICOLAS Nathalie (to)")});
    const LetterReading notHis = readLetter(
        {{seg(QStringLiteral("Docteur NICOLAS Nathalie"), 350, 161), seg(QStringLiteral("Médecine générale"), 350, 172),
          seg(QStringLiteral("secretariat@ch-x.mssante.fr"), 350, 183)}},
        {842.0});
    CHECK(recipientNames(notHis).isEmpty());
    const LetterReading header =
        readLetter({{seg(QStringLiteral("De Dr Laurent MEUNIER <laurent.meunier@clinique.mssante.fr>"), 60, 146),
                     seg(QStringLiteral("À Dr Aïcha LEGRAND <aicha.legrand@medecin.mssante.fr> – PAU"), 60, 157),
                     seg(QStringLiteral("Date jeu. 14 novembre 2026 16:19"), 60, 168),
                     seg(QStringLiteral("Objet Note de transfert"), 60, 179)}},
                   {842.0});
    REQUIRE(header.recipients.size() == 1);
    CHECK(header.recipients[0].familyName == QStringLiteral("LEGRAND"));
    CHECK(header.recipients[0].role == RecipientRole::To);
    CHECK(header.recipients[0].city == QStringLiteral("PAU"));
    const LetterReading attention = readLetter(
        {{seg(QStringLiteral("Maison médicale"), 340, 150), seg(QStringLiteral("46 boulevard de Strasbourg"), 340, 161),
          seg(QStringLiteral("14000 Caen"), 340, 172), seg(QStringLiteral("À l'attention du Dr Y. DUFOUR"), 340, 183),
          seg(QStringLiteral("Cher Confrère,"), 45, 300), seg(QStringLiteral("Bien confraternellement."), 45, 600),
          seg(QStringLiteral("Dr Joël VAN DAMME"), 300, 640)}},
        {842.0});
    REQUIRE(attention.recipients.size() == 1);
    CHECK(attention.recipients[0].familyName == QStringLiteral("DUFOUR"));
    CHECK(attention.recipients[0].postcode == QStringLiteral("14000"));
    // At the foot of the page, after the body in the same column, above the page's footer.
    const LetterReading low = readLetter(
        {{seg(QStringLiteral("Cher Confrère,"), 165, 300),
          seg(QStringLiteral("Syndrome d'apnées du sommeil appareillé. CRP 12 mg/L, NT-proBNP 845"), 165, 692),
          seg(QStringLiteral("DESTINATAIRE"), 165, 708), seg(QStringLiteral("Docteur Kévin LEJEUNE"), 165, 719),
          seg(QStringLiteral("Médecine générale"), 165, 730), seg(QStringLiteral("78 route de Lyon"), 165, 741),
          seg(QStringLiteral("75014 PARIS"), 165, 752),
          seg(QStringLiteral("CH de Poitiers - 22 rue des Écoles - 86000 POITIERS - Tél. 05 49 36 31 28"), 169, 775)}},
        {842.0});
    REQUIRE(low.recipients.size() == 1);
    CHECK(low.recipients[0].familyName == QStringLiteral("LEJEUNE"));
    CHECK(low.recipients[0].role == RecipientRole::To);
    CHECK(low.recipients[0].city == QStringLiteral("PARIS"));
    const LetterReading annotated =
        readLetter({{seg(QStringLiteral("Médecin traitant : Dr Paul MARTIN (copie)"), 45, 600)}}, {842.0});
    CHECK(recipientNames(annotated) == QStringList{QStringLiteral("Dr Paul MARTIN (cc)")});
    // "… à Saint-Nazaire et au patient": the town is read, "et au patient" is not part of it.
    const LetterReading told = readLetter(
        {{seg(QStringLiteral(
                  "Copie de ce compte rendu est transmise au Docteur Guillaume BERTRAND, médecin généraliste à"),
              60, 700),
          seg(QStringLiteral("Saint-Nazaire et au patient."), 60, 712)}},
        {842.0});
    REQUIRE(told.recipients.size() == 1);
    CHECK(told.recipients[0].city == QStringLiteral("Saint-Nazaire"));
}

TEST_CASE("printed identity: two columns the text layer ran together are parted at their common edge, a name "
          "whose first names wrap onto the next line, a row's kinship word is no first name",
          "[unit][ocr]")
{
    // Each line's words, the right column's at x = 170: after a gap of a few spaces only.
    const QString ins = withKey(QStringLiteral("2340387085298"));
    PageText page{0, 595, 842, {}};
    double y = 348;
    const auto line = [&](const QStringList& left, const QStringList& right) {
        double x = 54;
        for (const QString& w : left) {
            page.words += Word{w, QRectF(x, y, 5.0 * static_cast<double>(w.size()), 14)};
            x += 5.0 * static_cast<double>(w.size()) + 3.7;
        }
        x = 170; // a gap of three or four spaces after the longest left line
        for (const QString& w : right) {
            page.words += Word{w, QRectF(x, y, 5.0 * static_cast<double>(w.size()), 14)};
            x += 5.0 * static_cast<double>(w.size()) + 3.7;
        }
        y += 14.5;
    };
    line({QStringLiteral("Mme"), QStringLiteral("Brigitte"), QStringLiteral("BARBIER")},
         {QStringLiteral("INS"), QStringLiteral(":")});
    line({QStringLiteral("Nom"), QStringLiteral("utilisé"), QStringLiteral(":"), QStringLiteral("ROBERT")}, {ins});
    line({QStringLiteral("Née"), QStringLiteral("le"), QStringLiteral("11.03.1934")},
         {QStringLiteral("Statut"), QStringLiteral("INS"), QStringLiteral(":"), QStringLiteral("qualifié")});
    line({QStringLiteral("Sexe"), QStringLiteral(":"), QStringLiteral("Féminin")},
         {QStringLiteral("IPP"), QStringLiteral(":"), QStringLiteral("0003119801")});
    const QList<Segment> segs = segmentsOf(page);
    INFO(textsOf(segs).join(QStringLiteral(" # ")).toStdString());
    const TextIdentity columns = parseIdentityText({segs}, true);
    CHECK(columns.birthName == QStringLiteral("BARBIER"));
    CHECK(columns.usedName == QStringLiteral("ROBERT"));
    CHECK(columns.firstName == QStringLiteral("BRIGITTE"));
    // "MME MASSON Anne" / "Aïcha" / "Nom utilisé : BARON" / "Née le …".
    const TextIdentity wrapped = parseIdentityText(
        {{seg(QStringLiteral("MME MASSON Anne"), 169, 276), seg(QStringLiteral("Aïcha"), 169, 285),
          seg(QStringLiteral("Nom utilisé : BARON"), 169, 294), seg(QStringLiteral("Née le 17 avril 1992"), 169, 303)}},
        true);
    CHECK(wrapped.birthName == QStringLiteral("MASSON"));
    CHECK(wrapped.firstName == QStringLiteral("ANNE"));
    // "Enfant LAMBERT" under "Nom": the row's heading is no first name beside "Nathan".
    const TextIdentity kin =
        parseIdentityText({QStringLiteral("Nom : Enfant LAMBERT"), QStringLiteral("Prénom(s) : Nathan"),
                           QStringLiteral("Né le 30/08/2014")});
    CHECK(kin.firstName == QStringLiteral("NATHAN"));
    CHECK(kin.conflicts.isEmpty());
}

TEST_CASE("printed identity and letter reading: the sex as a symbol or 'Sexe administratif', the entries after "
          "'avec copie' are copies",
          "[unit][ocr]")
{
    CHECK(parseIdentityText({QStringLiteral("Nom de naissance : DUPONT"), QStringLiteral("Sexe : ♀")}).sex
          == Sex::Female);
    CHECK(parseIdentityText({QStringLiteral("Nom de naissance : DUPONT"), QStringLiteral("Sexe ♂")}).sex == Sex::Male);
    CHECK(parseIdentityText({QStringLiteral("Nom de naissance : DUPONT"), QStringLiteral("Sexe administratif : F")}).sex
          == Sex::Female);
    const LetterReading r = readLetter(
        {{seg(QStringLiteral("Courrier envoyé au Dr Paul MARTIN (Brest), avec copie au Dr Anne DUPONT (Quimper)."), 45,
              600)}},
        {842.0});
    CHECK(recipientNames(r)
          == QStringList{QStringLiteral("Dr Paul MARTIN (to)"), QStringLiteral("Dr Anne DUPONT (cc)")});
}

TEST_CASE("letter reading: a header cell names what stands under it, a ticked list, a comma before the title or the "
          "given name, a heading over the window, a centred attention line",
          "[unit][ocr]")
{
    // Names as printed.
    const auto name = [](const char* text) {
        const auto p = parsePersonName(QString::fromUtf8(text), false);
        return p ? p->title + QLatin1Char('|') + p->given + QLatin1Char('|') + p->family : QStringLiteral("none");
    };
    CHECK(name("X DENIS Gaëlle (Dr)") == QStringLiteral("Dr|Gaëlle|DENIS"));
    CHECK(name("VASSEUR Minh, Dr") == QStringLiteral("Dr|Minh|VASSEUR"));
    CHECK(name("Dr ROUSSEAU, Monique – 26000 Valence") == QStringLiteral("Dr|Monique|ROUSSEAU"));
    CHECK(name("Dr ROUSSEAU, Brest") == QStringLiteral("Dr||ROUSSEAU")); // a town or a given name: not guessed
    // Neither word in capitals: which is the given name is left to the directory.
    CHECK(name("Médecin généraliste Dr Raphaël Robert (Lyon)") == QStringLiteral("Dr||Raphaël Robert"));
    CHECK(name("Docteur Barré Laurent") == QStringLiteral("Dr||Barré Laurent"));
    CHECK(name("Docteur Meyer") == QStringLiteral("Dr||Meyer"));
    CHECK(name("Docteur P. Meyer") == QStringLiteral("Dr|P.|Meyer"));
    CHECK(name("Madame Marie Dupont") == QStringLiteral("Mme|Marie|Dupont"));
    CHECK(name("X. DUPONT Jean") == QStringLiteral("|X. Jean|DUPONT"));

    // "V/Réf. | Destinataire | Date" over a row the text layer ran together.
    PageText page{0, 595, 842, {}};
    const auto line = [&](const QString& text, double x, double y) {
        for (const QString& w : text.split(QLatin1Char(' '))) {
            page.words += Word{w, QRectF(x, y, 5.0 * static_cast<double>(w.size()), 10)};
            x += 5.0 * static_cast<double>(w.size()) + 3.0;
        }
    };
    line(QStringLiteral("V/Réf."), 60, 170);
    line(QStringLiteral("Destinataire"), 200, 170);
    line(QStringLiteral("Date"), 480, 170);
    line(QStringLiteral("Votre courrier du 05/10/2026"), 60, 184);
    line(QStringLiteral("Dr Yasmine FOURNIER"), 200, 184);
    line(QStringLiteral("19/11/2026"), 480, 184);
    line(QStringLiteral("Médecine générale"), 200, 196);
    line(QStringLiteral("RENNES"), 200, 208);
    // "c/c" alone, set right, over its entries.
    line(QStringLiteral("c/c"), 531, 300);
    line(QStringLiteral("VASSEUR Minh, Dr — VALENCE"), 430, 312);
    line(QStringLiteral("Dr Jacques BONNET — CHAMBÉRY"), 420, 324);
    line(QStringLiteral("Cher Confrère,"), 60, 360);
    line(QStringLiteral("Je vous remercie de bien vouloir recevoir ce patient."), 60, 380);
    line(QStringLiteral("Bien confraternellement."), 60, 400);
    line(QStringLiteral("Dr Louis CHARLES"), 300, 430);
    const LetterReading heads = readLetter({segmentsOf(page)}, {842.0});
    CHECK(recipientNames(heads)
          == QStringList{QStringLiteral("Dr Yasmine FOURNIER (to)"), QStringLiteral("VASSEUR Minh, Dr (cc)"),
                         QStringLiteral("Dr Jacques BONNET (cc)")});
    REQUIRE(heads.recipients.size() == 3);
    CHECK(heads.recipients[0].city == QStringLiteral("RENNES"));
    CHECK(heads.recipients[1].city == QStringLiteral("VALENCE"));

    // A window under a heading, the addressee's own numbers under his town; a centred attention line.
    const auto window = [](const QList<Segment>& lines) {
        QList<Segment> all = lines;
        all += seg(QStringLiteral("Cher Confrère,"), 60, 360);
        all += seg(QStringLiteral("Je vous remercie de bien vouloir recevoir ce patient."), 60, 380);
        all += seg(QStringLiteral("Bien confraternellement."), 60, 400);
        all += seg(QStringLiteral("Dr Louis CHARLES"), 300, 430);
        return readLetter({all}, {842.0});
    };
    const LetterReading headed =
        window({seg(QStringLiteral("Médecin correspondant"), 312, 137),
                seg(QStringLiteral("Dr Lan PASQUIER"), 312, 148), seg(QStringLiteral("44 rue des Écoles"), 312, 159),
                seg(QStringLiteral("F-57000 METZ"), 312, 170), seg(QStringLiteral("Tél. +33 3 87 77 84 75"), 312, 181),
                seg(QStringLiteral("N° Assurance Maladie : 57 1 13339 6"), 312, 192)});
    CHECK(recipientNames(headed) == QStringList{QStringLiteral("Dr Lan PASQUIER (to)")});
    const LetterReading centred = window({seg(QStringLiteral("À l'attention du Docteur Yann MÜLLER"), 200, 153),
                                          seg(QStringLiteral("Médecin généraliste – SAINT-DENIS"), 215, 165)});
    REQUIRE(centred.recipients.size() == 1);
    CHECK(centred.recipients[0].city == QStringLiteral("SAINT-DENIS"));
    CHECK(centred.recipients[0].role == RecipientRole::To);
}

TEST_CASE("printed identity: a banner of field codes read through its legend, dates with the month in capitals "
          "between dashes or in groups with the age, the number alone under its heading, the sex before the age",
          "[unit][ocr]")
{
    const TextIdentity coded = parseIdentityText(
        {QStringLiteral("NN=RÉMY · PR=Jean-Pierre Lucas · DN=22 04 1932 · SX=M · LN=25056 (Besançon) · INS=%1 ·")
             .arg(withKey(QStringLiteral("1320425056363"))),
         QStringLiteral("(NN nom de naissance ; PR prénom(s) ; DN date de naissance ; SX sexe ; LN lieu de naissance "
                        "(code INSEE) ; INS matricule INS ; OID autorité d'affectation)")});
    CHECK(coded.birthName == QStringLiteral("REMY"));
    CHECK(coded.firstName == QStringLiteral("JEAN-PIERRE"));
    CHECK(coded.birthDate == QDate(1932, 4, 22));
    CHECK(coded.sex == Sex::Male);
    CHECK(coded.birthPlace == QStringLiteral("25056"));
    CHECK(coded.matricules.size() == 1);
    CHECK(coded.conflicts.isEmpty()); // the legend's "PR prénom(s) ; DN" is no first name
    // Without a legend the codes mean nothing: no trait read from them.
    CHECK(parseIdentityText({QStringLiteral("NN=RÉMY · PR=Jean-Pierre Lucas")}).birthName.isEmpty());

    CHECK(parseIdentityText({QStringLiteral("DATE DE NAISS. : 20-DEC-2023")}).birthDate == QDate(2023, 12, 20));
    CHECK(parseIdentityText({QStringLiteral("Né(e) le 02-SEPT-2019 – 7 ans")}).birthDate == QDate(2019, 9, 2));
    CHECK(parseIdentityText({QStringLiteral("Né(e) le 11 09 1968 – 58 ans")}).birthDate == QDate(1968, 9, 11));
    const TextIdentity aged =
        parseIdentityText({QStringLiteral("DE SOUSA Brigitte"), QStringLiteral("Né(e) le 06.02.1944 · F (82 ans)")});
    CHECK(aged.sex == Sex::Female);

    const QString ins = withKey(QStringLiteral("2480306088059"));
    const TextIdentity headed = parseIdentityText({QStringLiteral("IDENTITÉ NATIONALE DE SANTÉ"),
                                                   QStringLiteral("%1 %2 %3 %4 %5 %6 CLÉ %7 Statut : qualifié")
                                                       .arg(ins.mid(0, 1), ins.mid(1, 2), ins.mid(3, 2), ins.mid(5, 2),
                                                            ins.mid(7, 3), ins.mid(10, 3), ins.mid(13, 2)),
                                                   QStringLiteral("née 07-03-1948 à NICE – 06088 – sexe F")});
    CHECK(headed.matricules == QStringList{ins});
    // Under another heading, a number is not taken for the INS.
    CHECK(
        parseIdentityText({QStringLiteral("TÉLÉPHONE"), QStringLiteral("2 48 03 06 088 059 70")}).matricules.isEmpty());
}

TEST_CASE("letter reading: a given name between the family name and the town, each after a comma", "[unit][ocr]")
{
    const auto p = parsePersonName(QStringLiteral("Dr AUBRY, Laure, Toulouse"), false);
    REQUIRE(p);
    CHECK(p->given == QStringLiteral("Laure"));
    CHECK(p->family == QStringLiteral("AUBRY"));
    const auto q = parsePersonName(QStringLiteral("Dr AUBRY, Toulouse, cardiologue"), false);
    REQUIRE(q);
    CHECK(q->given.isEmpty());
}

TEST_CASE("letter reading: 'Cc' set right over its entry beside a staff column, 'cc.', an entry titled after its "
          "name inside a sentence",
          "[unit][ocr]")
{
    const auto letter = [](QList<Segment> lines) {
        lines += seg(QStringLiteral("Cher Confrère,"), 60, 360);
        lines += seg(QStringLiteral("Je vous remercie de bien vouloir recevoir ce patient."), 60, 380);
        lines += seg(QStringLiteral("Bien confraternellement."), 60, 400);
        lines += seg(QStringLiteral("Dr Louis CHARLES"), 300, 430);
        return readLetter({lines}, {842.0});
    };
    for (const char* label : {"Cc", "cc."}) {
        const LetterReading r =
            letter({seg(QStringLiteral("Secrétariat"), 30, 240), seg(QString::fromUtf8(label), 532, 236),
                    seg(QStringLiteral("SAINT-JUST Anne, Dr — CHAMBÉRY"), 430, 248)});
        CHECK(recipientNames(r) == QStringList{QStringLiteral("SAINT-JUST Anne, Dr (cc)")});
    }
    const LetterReading told = letter({seg(QStringLiteral("Copie adressée au Docteur Jules FOURNIER (QUIMPER), à M. le "
                                                          "Docteur SAINT-PIERRE Marc (BESANÇON), à LEFEBVRE Inès (Dr)"),
                                           45, 600),
                                       seg(QStringLiteral("(84000 AVIGNON) et à la patiente."), 45, 612)});
    REQUIRE(told.recipients.size() == 3);
    CHECK(told.recipients[1].city == QStringLiteral("BESANÇON"));
    CHECK(told.recipients[2].familyName == QStringLiteral("LEFEBVRE"));
    CHECK(told.recipients[2].postcode == QStringLiteral("84000"));
}

TEST_CASE("letter reading: an addressee's form under its heading, a centred window, a reply line, a table of ticks, "
          "an RPPS heading a row, enumerations",
          "[unit][ocr]")
{
    const auto at = [](const QString& text, double left, double y, double width) {
        return Segment{text, QRectF(left, y, width, 10), 0, {}};
    };
    const auto centred = [&](const QString& text, double centre, double y) {
        const double width = 8.0 * static_cast<double>(text.size()) / 1.8;
        return at(text, centre - width / 2, y, width);
    };
    const QList<Segment> head{seg(QStringLiteral("Dr Jean MARTIN"), 50, 60),
                              seg(QStringLiteral("RPPS 10003456781"), 50, 72)};
    const QList<Segment> foot{seg(QStringLiteral("Bien confraternellement,"), 50, 600),
                              seg(QStringLiteral("Dr Jean MARTIN"), 330, 630)};
    const auto read = [&](const QList<Segment>& middle) { return readLetter({head + middle + foot}, {842.0}); };

    // The form: its labels are not the addressee's name, its name not the patient's.
    const QList<Segment> form{seg(QStringLiteral("Destinataire du courrier"), 320, 140),
                              seg(QStringLiteral("Nom et prénom : ROBERT Jeanne"), 320, 153),
                              seg(QStringLiteral("Qualité : Docteur"), 320, 166),
                              seg(QStringLiteral("Adresse : 66 avenue Clemenceau"), 320, 179),
                              seg(QStringLiteral("Code postal / Ville : 14000 CAEN"), 320, 192),
                              seg(QStringLiteral("Nom de naissance : HOARAU"), 50, 260),
                              seg(QStringLiteral("Prénoms : Chloé"), 50, 273)};
    const LetterReading formed = read(form);
    REQUIRE(formed.recipients.size() == 1);
    CHECK(formed.recipients[0].familyName == QStringLiteral("ROBERT"));
    CHECK(formed.recipients[0].city == QStringLiteral("CAEN"));
    const TextIdentity identity = parseIdentityText(QList<QList<Segment>>{head + form + foot});
    CHECK(identity.birthName == QStringLiteral("HOARAU"));
    CHECK(identity.firstName == QStringLiteral("CHLOE"));
    CHECK(identity.conflicts.isEmpty());

    // A window typed centred: every line its own left edge.
    const LetterReading window =
        read({centred(QStringLiteral("Monsieur le Docteur"), 300, 150),
              centred(QStringLiteral("Raphaël GUÉRIN"), 300, 163), centred(QStringLiteral("Pédiatre"), 300, 176),
              centred(QStringLiteral("57 rue du Général de Gaulle"), 300, 189),
              centred(QStringLiteral("87000 Limoges"), 300, 202)});
    REQUIRE(window.recipients.size() == 1);
    CHECK(window.recipients[0].familyName == QStringLiteral("GUÉRIN"));
    CHECK(window.recipients[0].postcode == QStringLiteral("87000"));
    // The addressee's RPPS printed in the window is kept beside his name.
    const LetterReading numbered = read(
        {seg(QStringLiteral("Docteur Anne DUPONT"), 330, 150), seg(QStringLiteral("N° RPPS : 10101010101"), 330, 163),
         seg(QStringLiteral("3 rue de la Paix"), 330, 176), seg(QStringLiteral("75002 PARIS"), 330, 189)});
    REQUIRE(numbered.recipients.size() == 1);
    CHECK(numbered.recipients[0].printedRpps == QStringLiteral("10101010101"));
    CHECK(numbered.recipients[0].city == QStringLiteral("PARIS"));

    // No window: the line that says whose request the letter answers.
    const LetterReading reply =
        read({seg(QStringLiteral("Suite à votre demande du 04/10/2026 – Dr Jean-Claude GAUTHIER, Lorient"), 50, 180)});
    REQUIRE(reply.recipients.size() == 1);
    CHECK(reply.recipients[0].role == RecipientRole::To);
    CHECK(reply.recipients[0].city == QStringLiteral("Lorient"));

    // Ticks under "Destinataire" and "Copie"; an RPPS at the head of a row is kept beside the name;
    // "(a)" and OCR's "@)" open entries.
    const LetterReading ticks =
        read({seg(QStringLiteral("Diffusion"), 45, 400), seg(QStringLiteral("Destinataire"), 300, 416),
              seg(QStringLiteral("Copie"), 372, 416), seg(QStringLiteral("Poste"), 492, 416),
              seg(QStringLiteral("Docteure Éloïse ROUSSEAU, NÎMES"), 48, 433), seg(QStringLiteral("X"), 321, 433),
              seg(QStringLiteral("Dr MARTINEZ Aïcha, Perpignan"), 48, 451), seg(QStringLiteral("X"), 381, 451),
              seg(QStringLiteral("X"), 500, 451)});
    REQUIRE(ticks.recipients.size() == 2);
    CHECK(ticks.recipients[0].role == RecipientRole::To);
    CHECK(ticks.recipients[1].role == RecipientRole::Cc);
    const LetterReading rows = read({seg(QStringLiteral("Copie adressée à :"), 60, 500),
                                     seg(QStringLiteral("Identifiant RPPS NOM PRÉNOM Commune"), 63, 514),
                                     seg(QStringLiteral("10471804632 MONNIER Clémence SAINT-ÉTIENNE"), 63, 528)});
    REQUIRE(rows.recipients.size() == 1);
    CHECK(rows.recipients[0].familyName == QStringLiteral("MONNIER"));
    CHECK(rows.recipients[0].printedRpps == QStringLiteral("10471804632"));
    const LetterReading listed =
        read({seg(QStringLiteral("Transmis également à :"), 55, 500),
              seg(QStringLiteral("(a) Dr André BOYER - 20000 Ajaccio"), 64, 513),
              seg(QStringLiteral("@) Docteur Christine LE MOAL - radiologue - Valence"), 64, 526)});
    CHECK(recipientNames(listed)
          == QStringList{QStringLiteral("Dr André BOYER (cc)"), QStringLiteral("Docteur Christine LE MOAL (cc)")});
}

TEST_CASE("letter reading: abbreviated copies labels, entries parted by dashes without titles, a sentence that "
          "transmits a copy, a row of towns run across columns, an addressee's line without a window",
          "[unit][ocr]")
{
    const QList<Segment> head{seg(QStringLiteral("Dr Jean MARTIN"), 50, 60),
                              seg(QStringLiteral("RPPS 10003456781"), 50, 72)};
    const QList<Segment> foot{seg(QStringLiteral("Bien confraternellement,"), 50, 600),
                              seg(QStringLiteral("Dr Jean MARTIN"), 330, 630)};
    const auto read = [&](const QList<Segment>& middle) { return readLetter({head + middle + foot}, {842.0}); };
    const auto named = [](const LetterReading& r, const QString& family) {
        const auto it = std::find_if(r.recipients.begin(), r.recipients.end(),
                                     [&](const Recipient& x) { return x.familyName == family; });
        REQUIRE(it != r.recipients.end());
        return *it;
    };

    const LetterReading ampl = read(
        {seg(QStringLiteral("Ampl. : Dr PICARD (MORLAIX) – LEGRAND Michel – DUMAS Raphaël (Lille) – Pat. – Dossier"),
             56, 700)});
    CHECK(recipientNames(ampl)
          == QStringList{QStringLiteral("Dr PICARD (cc)"), QStringLiteral("LEGRAND Michel (cc)"),
                         QStringLiteral("DUMAS Raphaël (cc)")});
    CHECK(named(ampl, QStringLiteral("PICARD")).city == QStringLiteral("MORLAIX"));
    CHECK(named(ampl, QStringLiteral("LEGRAND")).city.isEmpty());
    CHECK(named(ampl, QStringLiteral("DUMAS")).city == QStringLiteral("Lille"));
    CHECK(recipientNames(read({seg(QStringLiteral("Diff. : Dr LEFÈVRE Lucie (AMIENS) – Pt"), 56, 700)}))
          == QStringList{QStringLiteral("Dr LEFÈVRE Lucie (cc)")});
    // A town after a dash is no person, nor a sorting office.
    const LetterReading town = read({seg(QStringLiteral("Copie à : Dr Paul ROUX – BREST Cedex"), 56, 700)});
    REQUIRE(town.recipients.size() == 1);
    CHECK(town.recipients[0].familyName == QStringLiteral("ROUX"));

    // "je transmets copie … au" / "Dr M. BOUVIER (Saint-Brieuc).": the sentence's lines list copies.
    const LetterReading told = read({seg(QStringLiteral("P.S. – je transmets copie de ce compte rendu au"), 165, 660),
                                     seg(QStringLiteral("Dr M. BOUVIER (Saint-Brieuc)."), 165, 672)});
    REQUIRE(told.recipients.size() == 1);
    CHECK(told.recipients[0].city == QStringLiteral("Saint-Brieuc"));
    CHECK(std::all_of(told.text.begin(), told.text.end(), [](const TextLine& l) {
        return !l.text.contains(QLatin1String("BOUVIER")) || l.zone == Zone::Copies;
    }));

    // "à M. le Docteur …" in such a sentence.
    const LetterReading sentence = read({seg(
        QStringLiteral("Une copie de ce courrier est adressée à M. le Docteur HUBERT Thomas (PARIS) et au patient."),
        56, 660)});
    REQUIRE(sentence.recipients.size() == 1);
    CHECK(sentence.recipients[0].familyName == QStringLiteral("HUBERT"));
    CHECK(sentence.recipients[0].city == QStringLiteral("PARIS"));
    CHECK(sentence.copyToPatient);

    // Two entries side by side, their specialties and towns run into one line under them.
    const QString run = QStringLiteral("Méd. générale – CLERMONT-FERRAND Médecin généraliste – Grenoble");
    const double perChar = (363.0 - 173.0) / static_cast<double>(run.indexOf(QStringLiteral("Médecin")));
    const LetterReading columns =
        read({seg(QStringLiteral("Copies adressées à :"), 165, 540), seg(QStringLiteral("Dr Mohamed HENRY"), 173, 554),
              seg(QStringLiteral("Dr PERRET Geneviève"), 363, 554),
              Segment{run, QRectF(173, 568, perChar * static_cast<double>(run.size()), 10), 0, {}}});
    CHECK(named(columns, QStringLiteral("HENRY")).city == QStringLiteral("CLERMONT-FERRAND"));
    CHECK(named(columns, QStringLiteral("PERRET")).city == QStringLiteral("Grenoble"));

    // The patient's copy under an entry ends it.
    const LetterReading patient =
        read({seg(QStringLiteral("cc : Docteur Anaïs LACROIX, rhumatologue — Lorient"), 60, 624),
              seg(QStringLiteral("la patiente (remise en main propre)"), 87, 638)});
    REQUIRE(patient.recipients.size() == 1);
    CHECK(patient.recipients[0].city == QStringLiteral("Lorient"));
    CHECK(patient.copyToPatient);

    // No window: the addressee on one line above the letter, with his postcode and town.
    for (const QString& text : {QStringLiteral("Courrier pour Dr Yasmine CLÉMENT, gastro-entérologue, 69006 LYON"),
                                QStringLiteral("À l'intention de : Dr Yasmine CLÉMENT (69006 LYON)"),
                                QStringLiteral("Dr Yasmine CLÉMENT – 69006 LYON")}) {
        const LetterReading line = read({seg(text, 56, 160)});
        REQUIRE(line.recipients.size() == 1);
        CHECK(line.recipients[0].role == RecipientRole::To);
        CHECK(line.recipients[0].postcode == QStringLiteral("69006"));
    }
    // A lead that says whom the letter is for, and a town without its postcode.
    const LetterReading lead =
        read({seg(QStringLiteral("Lettre à l'intention de Dr Y. LAURENT (Endocrinologue, Besançon)"), 45, 192)});
    REQUIRE(lead.recipients.size() == 1);
    CHECK(lead.recipients[0].city == QStringLiteral("Besançon"));

    // A table whose RPPS, NOM, PRÉNOM and town stand in cells of their own, or NOM and PRÉNOM run
    // into one cell that the header's columns cut.
    const LetterReading table = read(
        {seg(QStringLiteral("Destinataires en copie :"), 45, 403), seg(QStringLiteral("Identifiant RPPS NOM"), 48, 418),
         seg(QStringLiteral("PRÉNOM Lieu d'exercice"), 174, 418), seg(QStringLiteral("10623253480"), 48, 434),
         seg(QStringLiteral("DENIS"), 121, 434), seg(QStringLiteral("Léo"), 174, 434),
         seg(QStringLiteral("AVIGNON"), 222, 434), seg(QStringLiteral("10975362723"), 48, 451),
         Segment{QStringLiteral("LAURENT Vincent"),
                 QRectF(121, 451, 79, 10),
                 0,
                 {WordSpan{0, 7, QRectF(121, 451, 36, 10)}, WordSpan{8, 7, QRectF(174, 451, 26, 10)}}},
         seg(QStringLiteral("Toulon"), 222, 451)});
    CHECK(recipientNames(table)
          == QStringList{QStringLiteral("DENIS Léo (cc)"), QStringLiteral("LAURENT Vincent (cc)")});
    CHECK(named(table, QStringLiteral("DENIS")).printedRpps == QStringLiteral("10623253480"));
    CHECK(named(table, QStringLiteral("DENIS")).city == QStringLiteral("AVIGNON"));
    CHECK(named(table, QStringLiteral("LAURENT")).printedRpps == QStringLiteral("10975362723"));
    CHECK(named(table, QStringLiteral("LAURENT")).city == QStringLiteral("Toulon"));

    // A table of ticks whose titles share one cell, an entry's postcode wrapped under it.
    const LetterReading ticked =
        read({seg(QStringLiteral("Liste de diffusion"), 168, 530),
              seg(QStringLiteral("Original Copie MSSanté Courrier"), 356, 547),
              seg(QStringLiteral("Dr CHARPENTIER François,"), 168, 562), seg(QStringLiteral("X"), 414, 562),
              seg(QStringLiteral("X"), 445, 562), seg(QStringLiteral("68100 Mulhouse"), 168, 572),
              seg(QStringLiteral("Dr Michel FOURNIER, POITIERS"), 168, 590), seg(QStringLiteral("X"), 414, 590),
              seg(QStringLiteral("X"), 500, 590)});
    CHECK(recipientNames(ticked)
          == QStringList{QStringLiteral("Dr CHARPENTIER François (cc)"), QStringLiteral("Dr Michel FOURNIER (cc)")});
    CHECK(named(ticked, QStringLiteral("CHARPENTIER")).postcode == QStringLiteral("68100"));
    CHECK(named(ticked, QStringLiteral("FOURNIER")).city == QStringLiteral("POITIERS"));

    // A mail header's copies, each name with its mailbox, wrapped after a name.
    const LetterReading mailed = read(
        {seg(QStringLiteral("Copie : Anne-Sophie PHILIPPE <anne-sophie.philippe@pro.mssante.fr>; Dr HERVÉ Mehdi"), 60,
             258),
         seg(QStringLiteral("<mehdi.herve@medecin.mssante.fr>; Sylvie GAY <sylvie.gay@pro.mssante.fr>; le patient"), 60,
             269)});
    CHECK(named(mailed, QStringLiteral("PHILIPPE")).printedMailbox
          == QStringLiteral("anne-sophie.philippe@pro.mssante.fr"));
    CHECK(named(mailed, QStringLiteral("HERVÉ")).printedMailbox == QStringLiteral("mehdi.herve@medecin.mssante.fr"));
    CHECK(named(mailed, QStringLiteral("GAY")).printedMailbox == QStringLiteral("sylvie.gay@pro.mssante.fr"));
    CHECK(named(mailed, QStringLiteral("GAY")).city.isEmpty());

    // Not the author's own line, nor a name without a place.
    CHECK(read({seg(QStringLiteral("Dr Jean MARTIN – 75014 PARIS"), 56, 160)}).recipients.isEmpty());
    CHECK(read({seg(QStringLiteral("Courrier pour Dr Yasmine CLÉMENT"), 56, 160)}).recipients.isEmpty());
}

TEST_CASE("printed identity: 'Dossier de', a used name's sticker line, filiation, a third first name, a newborn's "
          "block, a row group's heading at the left, postage beside the patient's label",
          "[unit][ocr]")
{
    const auto identity = [](const QList<Segment>& page) { return parseIdentityText(QList<QList<Segment>>{page}); };
    TextIdentity t = identity({seg(QStringLiteral("Dossier de : Mlle CHARLES Béatrice"), 400, 100),
                               seg(QStringLiteral("Naissance le   21 03 1991"), 400, 112)});
    CHECK(t.birthName == QStringLiteral("CHARLES"));
    CHECK(t.firstName == QStringLiteral("BEATRICE"));
    CHECK(t.birthDate == QDate(1991, 3, 21));

    // The parents after "fille de" are not the patient; what follows them is hers again.
    t = parseIdentityText({QStringLiteral(
        "Je vous adresse Madame HENRY Élodie Aurélie, fille de Gwenaël HENRY et de Hélène OLIVIER, née le 7 avril "
        "1979 en Côte d'Ivoire (99326), de sexe féminin")});
    CHECK(t.birthName == QStringLiteral("HENRY"));
    CHECK(t.firstName == QStringLiteral("ELODIE"));
    CHECK(t.birthDate == QDate(1979, 4, 7));
    CHECK(t.conflicts.isEmpty());
    // ... also when the sentence wraps between them.
    t = identity({seg(QStringLiteral("J'ai examiné ce jour Monsieur Loïc Éric BLANC, fils de Jean-Baptiste"), 165, 302),
                  seg(QStringLiteral("BLANC et de Émilie GAUTHIER, né le 2 novembre 1997 à Saint-Denis"), 165, 315)});
    CHECK(t.birthName == QStringLiteral("BLANC"));
    CHECK(t.firstName == QStringLiteral("LOIC"));
    CHECK(t.conflicts.isEmpty());

    t = identity({seg(QStringLiteral("Premier prénom: Julie"), 60, 300),
                  seg(QStringLiteral("Troisième prénom: Marie"), 300, 300),
                  seg(QStringLiteral("Nom de naissance: FAURE"), 60, 288)});
    CHECK(t.firstName == QStringLiteral("JULIE"));
    CHECK(t.conflicts.isEmpty());

    // The newborn's block under the mother's.
    t = identity({seg(QStringLiteral("Nom de naissance : GIRARD"), 56, 300),
                  seg(QStringLiteral("Prénom(s) : Claire"), 56, 312),
                  seg(QStringLiteral("Né(e) le : 03/12/2003"), 56, 324), seg(QStringLiteral("ENFANT"), 56, 340),
                  seg(QStringLiteral("Nom : LAMBERT"), 56, 352), seg(QStringLiteral("Prénom : Marie-Hélène"), 300, 352),
                  seg(QStringLiteral("Né(e) le : 04/11/2026 à 20h08"), 56, 364)});
    CHECK(t.firstName == QStringLiteral("CLAIRE"));
    CHECK(t.birthDate == QDate(2003, 12, 3));
    CHECK(t.conflicts.isEmpty());

    // "Naissance" at the left of "Date" and "Commune ou pays"; "Identifiant / national de / santé"
    // at the left of "Matricule": the INS, not a NIR that might be a parent's.
    const QString matricule = withKey(QStringLiteral("1050575114892"));
    const auto at = [](const QString& text, double x, double y) { return seg(text, x, y); };
    t = identity({at(QStringLiteral("Nom de naissance DENIS"), 220, 325), at(QStringLiteral("Prénom(s)"), 220, 342),
                  at(QStringLiteral("Jean-Claude"), 300, 342), at(QStringLiteral("Sexe"), 220, 359),
                  at(QStringLiteral("M"), 300, 359), at(QStringLiteral("Date"), 220, 376),
                  at(QStringLiteral("17.05.2005"), 300, 376), at(QStringLiteral("Naissance"), 168, 385),
                  at(QStringLiteral("Commune ou pays 75114 Paris 14e Arrondissement"), 220, 393),
                  at(QStringLiteral("Identifiant Matricule"), 168, 410),
                  at(QStringLiteral("1 05 05 75 114 892 %1").arg(matricule.right(2)), 300, 410),
                  at(QStringLiteral("national de"), 168, 421), at(QStringLiteral("santé"), 168, 432)});
    CHECK(t.birthDate == QDate(2005, 5, 17));
    CHECK(t.birthPlace == QStringLiteral("75114"));
    CHECK(t.matricules == QStringList{matricule});

    // "PP" (port payé) printed where the stamp goes, on the label's line.
    t = identity({seg(QStringLiteral("Patient(e) concerné(e) :"), 56, 117), seg(QStringLiteral("PP"), 516, 119),
                  seg(QStringLiteral("M. Paul LOPEZ"), 56, 128),
                  seg(QStringLiteral("Lettre suivie – La Poste"), 488, 129)});
    CHECK(t.birthName == QStringLiteral("LOPEZ"));
    CHECK(t.conflicts.isEmpty());
}

TEST_CASE("the reading worker's answer carries what the engine matches with: a recipient's printed RPPS and context",
          "[unit][ocr]")
{
    Analysis a;
    Recipient r;
    r.name = QStringLiteral("MONNIER Clémence");
    r.familyName = QStringLiteral("MONNIER");
    r.givenName = QStringLiteral("Clémence");
    r.zone = Zone::Copies;
    r.role = RecipientRole::Cc;
    r.printedRpps = QStringLiteral("10471804632");
    r.printedMailbox = QStringLiteral("sylvie.gay@pro.mssante.fr");
    r.unreadContext = true;
    a.recipients = {r};
    const auto back = wire::decodeAnswer(wire::encodeAnswer(a));
    REQUIRE(back);
    REQUIRE(back->recipients.size() == 1);
    CHECK(back->recipients[0].printedRpps == QStringLiteral("10471804632"));
    CHECK(back->recipients[0].printedMailbox == QStringLiteral("sylvie.gay@pro.mssante.fr"));
    CHECK(back->recipients[0].unreadContext);
    CHECK(back->recipients[0].familyName == QStringLiteral("MONNIER"));
}

namespace
{
// A cell of its own height (a form's small print beside its values).
Segment cell(const QString& text, double x, double y, double height)
{
    return Segment{text, QRectF(x, y, 0.5 * height * static_cast<double>(text.size()), height), 0, {}};
}
} // namespace

TEST_CASE("printed identity: captions right of their values, small labels over tight values, a key after a dash or "
          "in its own cell, a sex letter before the age or between bullets, a colon in its own cell",
          "[unit][ocr]")
{
    // Values at the left, their captions in a column at the right.
    const TextIdentity right = parseIdentityText(QList<QList<Segment>>{{
        cell(QStringLiteral("Patient(e)"), 170, 305, 13),
        cell(QStringLiteral("LEMAIRE"), 170, 321, 13),
        cell(QStringLiteral("nom de naissance"), 338, 323, 10),
        cell(QStringLiteral("Alain, Frédéric"), 170, 337, 13),
        cell(QStringLiteral("prénoms"), 338, 339, 10),
        cell(QStringLiteral("20.09.1980"), 170, 353, 13),
        cell(QStringLiteral("date de naissance"), 338, 355, 10),
        cell(QStringLiteral("Masculin"), 170, 369, 13),
        cell(QStringLiteral("sexe"), 338, 371, 10),
    }});
    CHECK(right.birthName == QStringLiteral("LEMAIRE"));
    CHECK(right.firstNames == QStringList{QStringLiteral("ALAIN"), QStringLiteral("FREDERIC")});
    CHECK(right.sex == Sex::Male);
    // Labels in small print over their values, the lines tight: the value under each label is its,
    // not the one above (that would read the birth name as the first name).
    const TextIdentity over = parseIdentityText(QList<QList<Segment>>{{
        cell(QStringLiteral("Patient"), 66, 290, 9),
        cell(QStringLiteral("Nom à la naissance"), 66, 308, 7),
        cell(QStringLiteral("LEBLANC"), 66, 318, 9),
        cell(QStringLiteral("Prénoms de naissance"), 66, 330, 7),
        cell(QStringLiteral("Clémence Béatrice"), 66, 341, 9),
        cell(QStringLiteral("D.N."), 66, 353, 7),
        cell(QStringLiteral("20/01/1938"), 66, 364, 9),
    }});
    CHECK(over.birthName == QStringLiteral("LEBLANC"));
    CHECK(over.firstName == QStringLiteral("CLEMENCE"));
    CHECK(over.birthDate == QDate(1938, 1, 20));
    const QString ins = QStringLiteral("178112636234415");
    CHECK(parseIdentityText({QStringLiteral("INS : 1781126362344 – clé 15")}).matricules == QStringList{ins});
    const TextIdentity key = parseIdentityText(QList<QList<Segment>>{
        {seg(QStringLiteral("Matricule INS :"), 50, 440), seg(QStringLiteral("1 78 11 26 362 344"), 168, 440),
         seg(QStringLiteral("15"), 270, 440)}});
    CHECK(key.matricules == QStringList{ins});
    CHECK(parseIdentityText({QStringLiteral("LAURENT Gwenaël"), QStringLiteral("Né(e) le 16/08/1970  M  56 ans")}).sex
          == Sex::Male);
    const TextIdentity bullets = parseIdentityText(
        {QStringLiteral("Dossier : MEUNIER Christine, nom utilisé ROUSSEAU • DDN 21/03/1937 • F • né(e) à Madagascar "
                        "(99333)")});
    CHECK(bullets.birthName == QStringLiteral("MEUNIER"));
    CHECK(bullets.sex == Sex::Female);
    // OCR reads bullets as "+" and "(NIR)" as "CNIR)".
    CHECK(parseIdentityText({QStringLiteral("Patient(e) : LEROUX Camille + DDN 09/07/1958 + F + LN 49007")}).sex
          == Sex::Female);
    CHECK(parseIdentityText({QStringLiteral("INS CNIR) : 1 78 11 26 362 344 15")}).matricules == QStringList{ins});
    // "Copie dossier : DMP" names no patient.
    CHECK(parseIdentityText({QStringLiteral("Copie dossier : DMP (Mon espace santé)")}).birthName.isEmpty());
    // A column of labels, a colon in a cell of its own, the values after it.
    const TextIdentity colon = parseIdentityText(QList<QList<Segment>>{
        {seg(QStringLiteral("SEXE"), 60, 284), seg(QStringLiteral(":"), 100, 284),
         seg(QStringLiteral("masculin"), 112, 284), seg(QStringLiteral("INS"), 60, 294),
         seg(QStringLiteral(":"), 100, 294), seg(QStringLiteral("1 78 11 26 362 344 15"), 112, 294)}});
    CHECK(colon.sex == Sex::Male);
    CHECK(colon.matricules == QStringList{ins});
    // A patient's contact block under its heading.
    const TextIdentity block = parseIdentityText(
        {QStringLiteral("Coordonnées du patient"), QStringLiteral("M. Patrick LACROIX"),
         QStringLiteral("30 allée des Tilleuls"), QStringLiteral("Né le 26/03/56 à Angers (code INSEE 49007)")});
    CHECK(block.birthName == QStringLiteral("LACROIX"));
    CHECK(block.firstName == QStringLiteral("PATRICK"));
}

TEST_CASE("letter reading: a correspondents table says in its last column whom the letter goes to, care of is no "
          "addressee, entries side by side keep the place under each, a caption turned up labels its list",
          "[unit][ocr]")
{
    // "Rôle | Nom | Ville | Envoi": the row marked "Destinataire" is the addressee, "—" no one.
    const LetterReading table =
        readLetter({{seg(QStringLiteral("Médecins du patient"), 165, 319), seg(QStringLiteral("Rôle"), 169, 335),
                     seg(QStringLiteral("Nom"), 254, 335), seg(QStringLiteral("Ville"), 364, 335),
                     seg(QStringLiteral("Envoi"), 413, 335), seg(QStringLiteral("Médecin traitant"), 169, 351),
                     seg(QStringLiteral("Dr J.-M. BONNET"), 254, 351), seg(QStringLiteral("LE MANS"), 364, 351),
                     seg(QStringLiteral("Destinataire"), 413, 351), seg(QStringLiteral("Médecin adresseur"), 169, 366),
                     seg(QStringLiteral("Dr Marie-Claire DURAND"), 254, 366), seg(QStringLiteral("Rennes"), 364, 366),
                     seg(QStringLiteral("—"), 413, 366), seg(QStringLiteral("Bien confraternellement."), 165, 440),
                     seg(QStringLiteral("Dr Paul LEROUX"), 330, 470)}},
                   {842.0});

    CHECK(recipientNames(table) == QStringList{QStringLiteral("Dr J.-M. BONNET (to)")});
    // "Aux bons soins de" under the doctor's name: the letter is the doctor's.
    const LetterReading careOf = readLetter({{seg(QStringLiteral("Mme le Dr ROBERT Maëlle"), 330, 149),
                                              seg(QStringLiteral("Aux bons soins de Mme Sandrine LOPEZ"), 330, 162),
                                              seg(QStringLiteral("32 rue du Général de Gaulle"), 330, 175),
                                              seg(QStringLiteral("17000 LA ROCHELLE"), 330, 189)}},
                                            {842.0});
    REQUIRE(!careOf.recipients.isEmpty());
    CHECK(careOf.recipients.front().familyName == QStringLiteral("ROBERT"));
    CHECK(careOf.recipients.front().role == RecipientRole::To);
    // Two entries side by side, their places under each.
    const LetterReading side = readLetter(
        {{seg(QStringLiteral("Bien confraternellement."), 165, 440), seg(QStringLiteral("Dr Paul LEROUX"), 330, 470),
          seg(QStringLiteral("Copies : Dr MICHAUD Isabelle"), 165, 508),
          seg(QStringLiteral("Docteur Mathilde MATHIEU"), 310, 508),
          seg(QStringLiteral("Urologue · 54000 Nancy"), 203, 519),
          seg(QStringLiteral("Médecin généraliste · 66000 PERPIGNAN"), 310, 519)}},
        {842.0});
    REQUIRE(side.recipients.size() == 2);
    CHECK(side.recipients[0].city == QStringLiteral("Nancy"));
    CHECK(side.recipients[1].city == QStringLiteral("PERPIGNAN"));
    // An entry's specialty and town on the line under it: its place, so that a namesake elsewhere
    // is not taken for it.
    const LetterReading under = readLetter(
        {{seg(QStringLiteral("Bien confraternellement."), 165, 300), seg(QStringLiteral("Dr Paul LEROUX"), 330, 330),
          seg(QStringLiteral("Copie(s) à :"), 165, 417), seg(QStringLiteral("MORIN Philippe"), 173, 427),
          seg(QStringLiteral("Méd. générale – Saint-Étienne"), 173, 437)}},
        {842.0});
    REQUIRE(under.recipients.size() == 1);
    CHECK(under.recipients[0].familyName == QStringLiteral("MORIN"));
    CHECK(under.recipients[0].city == QStringLiteral("Saint-Étienne"));
    // A window in two columns (the name and specialty, then the street and the town): the text layer
    // runs the name into the street, and sets the town's line apart beside the specialty.
    const QString nameLine = QStringLiteral("Dr. Jean-François HADDAD 57 rue Pasteur");
    const double streetX = 310 + 8.0 * static_cast<double>(nameLine.indexOf(QLatin1String("57"))) / 1.8;
    const LetterReading columns = readLetter(
        {{seg(nameLine, 310, 140), seg(QStringLiteral("Pédiatre"), 310, 151),
          seg(QStringLiteral("28000 CHARTRES"), streetX, 151), seg(QStringLiteral("Cher Confrère,"), 60, 300),
          seg(QStringLiteral("Bien confraternellement."), 60, 500), seg(QStringLiteral("Dr Paul LEROUX"), 330, 530)}},
        {842.0});
    REQUIRE(!columns.recipients.isEmpty());
    CHECK(columns.recipients.front().familyName == QStringLiteral("HADDAD"));
    CHECK(columns.recipients.front().city == QStringLiteral("CHARTRES"));
    // "CC" printed upwards along the list: laid on the list's first line, as its label.
    PageText page{
        0,
        595,
        842,
        {Word{QStringLiteral("Dr"), QRectF(66, 589, 10, 8)}, Word{QStringLiteral("G."), QRectF(78, 589, 8, 8)},
         Word{QStringLiteral("DUMAS"), QRectF(88, 589, 30, 8)}, Word{QStringLiteral("Mme"), QRectF(66, 601, 18, 8)},
         Word{QStringLiteral("Océane"), QRectF(88, 601, 30, 8)},
         Word{QStringLiteral("MEUNIER"), QRectF(120, 601, 40, 8)}}};
    page.words += sidewaysLines({Word{QStringLiteral("CC"), QRectF(46, 592, 7, 9)}}, {false}, page.height, page.words);
    const QList<Segment> segs = segmentsOf(page);
    INFO(textsOf(segs).join(QStringLiteral(" # ")).toStdString());
    REQUIRE(!segs.isEmpty());
    CHECK(segs.front().text.startsWith(QStringLiteral("CC : Dr G. DUMAS")));
    CHECK(segs.front().box.bottom() < page.height);
}

namespace
{
// A cell as a text layer gives it: its words and their boxes (a character 0.45 of the height wide).
Segment words(const QString& text, double x, double y, double height = 10)
{
    Segment s{text, QRectF(), 0, {}};
    const double w = 0.45 * height;
    qsizetype at = 0;
    for (const QString& word : text.split(QLatin1Char(' '))) {
        s.words += WordSpan{at, word.size(),
                            QRectF(x + w * static_cast<double>(at), y, w * static_cast<double>(word.size()), height)};
        at += word.size() + 1;
    }
    s.box = QRectF(x, y, w * static_cast<double>(text.size()), height);
    return s;
}
} // namespace

TEST_CASE("printed identity: a table of two header rows, days in words, a name heading its block, 'Né(e) : "
          "VAN DAMME', a rule typed under a header, a birth mark and a birth name on its own line",
          "[unit][ocr]")
{
    // Group headings over qualifiers ("NOM" over "de naissance  utilisé"), "SEXE" set across both rows.
    const TextIdentity table = parseIdentityText(QList<QList<Segment>>{{
        words(QStringLiteral("Matricule INS"), 90, 310),
        words(QStringLiteral("NOM"), 219, 310),
        words(QStringLiteral("PRÉNOM(S)"), 311, 310),
        words(QStringLiteral("matricule"), 60, 326),
        words(QStringLiteral("de naissance"), 186, 326),
        words(QStringLiteral("utilisé"), 247, 326),
        words(QStringLiteral("de naissance"), 280, 326),
        words(QStringLiteral("utilisé"), 340, 326),
        words(QStringLiteral("2 10 09 66 136 543 36"), 60, 340),
        words(QStringLiteral("ROUSSEL"), 186, 340),
        words(QStringLiteral("—"), 247, 340),
        words(QStringLiteral("Sandrine"), 280, 340),
        words(QStringLiteral("Sandrine"), 340, 340),
        words(QStringLiteral("NAISSANCE"), 170, 362),
        words(QStringLiteral("SEXE"), 348, 369),
        words(QStringLiteral("date"), 60, 378),
        words(QStringLiteral("lieu"), 202, 378),
        words(QStringLiteral("vingt-sept septembre 2010"), 60, 392),
        words(QStringLiteral("INSEE 66136 (Perpignan)"), 202, 392),
        words(QStringLiteral("Féminin"), 348, 392),
    }});
    CHECK(table.matricules == QStringList{QStringLiteral("210096613654336")});
    CHECK(table.birthName == QStringLiteral("ROUSSEL"));
    CHECK(table.firstName == QStringLiteral("SANDRINE"));
    CHECK(table.birthDate == QDate(2010, 9, 27));
    CHECK(table.sex == Sex::Female);
    CHECK(table.birthPlace == QStringLiteral("66136"));
    CHECK(table.conflicts.isEmpty());
    // A row of qualifiers that are values ("féminin" under "Sexe") joins no heading.
    const TextIdentity values = parseIdentityText(
        QList<QList<Segment>>{{words(QStringLiteral("Nom"), 60, 300), words(QStringLiteral("Sexe"), 200, 300),
                               words(QStringLiteral("DUPONT"), 60, 314), words(QStringLiteral("féminin"), 200, 314),
                               words(QStringLiteral("Marie"), 60, 328)}});
    CHECK(values.sex == Sex::Female);
    // Days in words.
    CHECK(parseIdentityText({QStringLiteral("Née le premier mars 1950")}).birthDate == QDate(1950, 3, 1));
    CHECK(parseIdentityText({QStringLiteral("Né le vingt et un juin 1970")}).birthDate == QDate(1970, 6, 21));
    CHECK(parseIdentityText({QStringLiteral("Née le trente-et-un décembre 1999")}).birthDate == QDate(1999, 12, 31));
    // The name set apart over its block, a blank line between.
    const TextIdentity title = parseIdentityText(QList<QList<Segment>>{{
        cell(QStringLiteral("DAVID Stéphane"), 175, 291, 9),
        cell(QStringLiteral("Date de naissance : 29/01/1999"), 173, 313, 8),
        cell(QStringLiteral("Sexe : Homme"), 173, 335, 8),
    }});
    CHECK(title.birthName == QStringLiteral("DAVID"));
    CHECK(title.firstName == QStringLiteral("STEPHANE"));
    // "Né(e) :" before a name in capitals says the birth name; "Né(e)" alone in a cell too.
    const TextIdentity born =
        parseIdentityText({QStringLiteral("Mme GUICHARD Françoise"), QStringLiteral("Né(e) : VAN DAMME"),
                           QStringLiteral("Né(e) le : huit juillet 1977")});
    CHECK(born.birthName == QStringLiteral("VAN DAMME"));
    CHECK(born.birthDate == QDate(1977, 7, 8));
    const TextIdentity bornCell = parseIdentityText(QList<QList<Segment>>{
        {seg(QStringLiteral("Patient"), 50, 262), seg(QStringLiteral("Monsieur FOURNIER-GARNIER Youssef"), 129, 262),
         seg(QStringLiteral("Né(e)"), 50, 273), seg(QStringLiteral("FOURNIER"), 129, 273)}});
    CHECK(bornCell.birthName == QStringLiteral("FOURNIER"));
    CHECK(bornCell.usedName == QStringLiteral("FOURNIER-GARNIER"));
    // A rule typed in characters under a header row, a staff list beside it: the values are under the rule.
    const TextIdentity rule = parseIdentityText(QList<QList<Segment>>{{
        cell(QStringLiteral("Cadre de santé"), 30, 249, 7),
        cell(QStringLiteral("Nom naiss."), 165, 252, 6.6),
        cell(QStringLiteral("Prénom(s)"), 264, 252, 6.6),
        cell(QStringLiteral("Mme Camille MATHIEU"), 30, 258, 7),
        cell(QStringLiteral("-----------+-----------+-----------"), 165, 260, 6.6),
        cell(QStringLiteral("LOUIS"), 165, 268, 6.6),
        cell(QStringLiteral("André"), 264, 268, 6.6),
    }});
    CHECK(rule.birthName == QStringLiteral("LOUIS"));
    CHECK(rule.firstName == QStringLiteral("ANDRE"));
    // "°" for born; the birth name on a line of its own under the name, over "Née le".
    const TextIdentity mark = parseIdentityText({QStringLiteral("MME FAURE Nicole (nom d'usage : CHEVALIER)"),
                                                 QStringLiteral("° 14/09/1948 (78 ans) – Femme")});
    CHECK(mark.birthDate == QDate(1948, 9, 14));
    CHECK(mark.birthName == QStringLiteral("FAURE"));
    const TextIdentity sticker =
        parseIdentityText({QStringLiteral("Madame BRUN Nathalie Josiane"), QStringLiteral("née GIRARD"),
                           QStringLiteral("Née le 28 janvier 1960 – F")});
    CHECK(sticker.birthName == QStringLiteral("GIRARD"));
    CHECK(sticker.usedName == QStringLiteral("BRUN"));
    // Two boxes to tick with no mark in the text: unread, the options kept for the page's ink.
    const TextIdentity boxes = parseIdentityText(QList<QList<Segment>>{{words(QStringLiteral("Sexe : F M"), 50, 555)}});
    CHECK(boxes.sex == Sex::Unknown);
    REQUIRE(boxes.sexChoices.size() == 2);
    CHECK(boxes.sexChoices[0].sex == Sex::Female);
    CHECK(boxes.sexChoices[1].sex == Sex::Male);
    CHECK(boxes.sexChoices[0].box.left() < boxes.sexChoices[1].box.left());
}

TEST_CASE("letter reading: copies told after their names, a copies table in columns, an attention line under a "
          "window that names no one, a copy's addressee in the margin, a postcode misread by OCR",
          "[unit][ocr]")
{
    const LetterReading told = readLetter(
        {{seg(QStringLiteral("Service d'ophtalmologie"), 165, 474),
          words(QStringLiteral(
                    "Le Dr Gaëlle DENIS (42000 SAINT-ÉTIENNE), le Dr ROUSSEAU, médecine générale à VALENCE et"),
                165, 503),
          words(QStringLiteral("le Dr C. SAINT-JUST (54000 NANCY) reçoivent copie de ce courrier."), 165, 513)}},
        {842.0});
    CHECK(recipientNames(told)
          == QStringList{QStringLiteral("Dr Gaëlle DENIS (cc)"), QStringLiteral("Dr ROUSSEAU (cc)"),
                         QStringLiteral("Dr C. SAINT-JUST (cc)")});
    const LetterReading informed = readLetter(
        {{words(QStringLiteral("Le Dr ROUSSEAU Yann et la patiente en sont informés par copie."), 60, 518)}}, {842.0});
    CHECK(recipientNames(informed) == QStringList{QStringLiteral("Dr ROUSSEAU Yann (cc)")});
    CHECK(informed.copyToPatient);
    // One entry per column, the fields under them.
    const LetterReading columns =
        readLetter({{words(QStringLiteral("Copie à"), 54, 500), words(QStringLiteral("Dr J. THOMAS"), 106, 500),
                     words(QStringLiteral("Dr BARTHÉLEMY Stéphane"), 255, 500),
                     words(QStringLiteral("Dr ROBIN Valérie"), 404, 500), words(QStringLiteral("Spécialité"), 54, 517),
                     words(QStringLiteral("Généraliste"), 106, 517), words(QStringLiteral("Rhumatologue"), 255, 517),
                     words(QStringLiteral("Ville"), 54, 533), words(QStringLiteral("ORLÉANS"), 106, 533),
                     words(QStringLiteral("CONCARNEAU"), 255, 533)}},
                   {842.0});
    INFO(recipientNames(columns).join(QStringLiteral(", ")).toStdString());
    REQUIRE(columns.recipients.size() >= 2);
    CHECK(columns.recipients[0].city == QStringLiteral("ORLÉANS"));
    CHECK(columns.recipients[1].familyName == QStringLiteral("BARTHÉLEMY"));
    CHECK(columns.recipients[1].city == QStringLiteral("CONCARNEAU"));
    // A window with a practice's address and no one; the attention line names its addressee.
    const LetterReading attention = readLetter(
        {{seg(QStringLiteral("Maison de santé des Tilleuls"), 314, 146),
          seg(QStringLiteral("81 route de Lyon"), 314, 156), seg(QStringLiteral("13008 MARSEILLE"), 314, 166),
          seg(QStringLiteral("Saint-Brieuc, le 2 novembre 2026"), 330, 196),
          seg(QStringLiteral("À l'attention du Docteur Océane LEFÈVRE, médecin généraliste"), 56, 218),
          seg(QStringLiteral("Cher ami,"), 56, 286)}},
        {842.0});
    INFO(recipientNames(attention).join(QStringLiteral(", ")).toStdString());
    REQUIRE(!attention.recipients.isEmpty());
    CHECK(attention.recipients.front().familyName == QStringLiteral("LEFÈVRE"));
    CHECK(attention.recipients.front().role == RecipientRole::To);
    CHECK(attention.recipients.front().city == QStringLiteral("MARSEILLE"));
    // The copy's addressee printed in the top margin.
    const LetterReading margin =
        readLetter({{seg(QStringLiteral("Exemplaire pour le Docteur Karim HENRY – généraliste – Montpellier"), 346, 11),
                     seg(QStringLiteral("Cher Confrère,"), 60, 300)}},
                   {842.0});
    CHECK(recipientNames(margin) == QStringList{QStringLiteral("Docteur Karim HENRY (to)")});
    // OCR's "SAUDO NANCY" for "54000 NANCY" in a window.
    const LetterReading misread = readLetter(
        {{seg(QStringLiteral("Pr Jean-Marc GIRARD"), 318, 158), seg(QStringLiteral("Service Pneumologie"), 320, 168),
          seg(QStringLiteral("53 allée des Chênes"), 320, 186), seg(QStringLiteral("SAUDO NANCY"), 320, 195),
          seg(QStringLiteral("Cher Confrère,"), 60, 300)}},
        {842.0});
    REQUIRE(!misread.recipients.isEmpty());
    CHECK(misread.recipients.front().postcode == QStringLiteral("54000"));
    // A word that is no postcode stays none.
    CHECK(readLetter({{seg(QStringLiteral("Dr Paul SIMON"), 318, 158), seg(QStringLiteral("SAINT MALO"), 318, 170),
                       seg(QStringLiteral("Cher Confrère,"), 60, 300)}},
                     {842.0})
              .recipients.value(0)
              .postcode.isEmpty());
    // "Également adressé à" lists copies; a reference line under a list is none of its entries.
    CHECK(recipientNames(readLetter({{seg(QStringLiteral("Également adressé à : Dr Nicole GARNIER ; Dr Noémie MEYER – "
                                                         "médecin généraliste"),
                                          66, 762)}},
                                    {842.0}))
          == QStringList{QStringLiteral("Dr Nicole GARNIER (cc)"), QStringLiteral("Dr Noémie MEYER (cc)")});
    CHECK(recipientNames(
              readLetter({{seg(QStringLiteral("Cc : Dr M.-T. ROUSSEL – 44000 NANTES ; Dr TESSIER Laurent"), 45, 582),
                           seg(QStringLiteral("Réf. : LL/24548"), 45, 592)}},
                         {842.0}))
          == QStringList{QStringLiteral("Dr M.-T. ROUSSEL (cc)"), QStringLiteral("Dr TESSIER Laurent (cc)")});
    // An entry's specialty and town under it, another column beside both: the town is the entry's
    // (a namesake elsewhere must not be taken for it).
    const LetterReading beside =
        readLetter({{seg(QStringLiteral("Copie :"), 45, 492), seg(QStringLiteral("DAVID Anne"), 53, 504),
                     seg(QStringLiteral("Patient(e)"), 300, 504),
                     Segment{QStringLiteral("Méd. générale – Amiens"), QRectF(53, 515, 77, 7), 0, {}},
                     Segment{QStringLiteral("par courrier"), QRectF(300, 515, 39, 7), 0, {}}}},
                   {842.0});
    REQUIRE(!beside.recipients.isEmpty());
    CHECK(beside.recipients.front().familyName == QStringLiteral("DAVID"));
    CHECK(beside.recipients.front().city == QStringLiteral("Amiens"));
    // The patient's file named under the window ends it; it is no letterhead's field.
    const LetterReading file = readLetter(
        {{seg(QStringLiteral("Dr H. GILBERT"), 336, 139), seg(QStringLiteral("Médecine générale"), 336, 152),
          seg(QStringLiteral("64 bis rue Victor Hugo"), 336, 164), seg(QStringLiteral("29200 BREST"), 336, 176),
          seg(QStringLiteral("Réf. dossier : Mme GAY Alice (06/01/1984)"), 336, 188),
          seg(QStringLiteral("Chère Consœur,"), 45, 294)}},
        {842.0});
    REQUIRE(!file.recipients.isEmpty());
    CHECK(file.recipients.front().familyName == QStringLiteral("GILBERT"));
    CHECK(file.recipients.front().role == RecipientRole::To);
    CHECK(file.recipients.front().postcode == QStringLiteral("29200"));
    // An address under a heading that says how the letter goes, low on page 1, no mailbox printed.
    const LetterReading via = readLetter(
        {{seg(QStringLiteral("Cher Confrère,"), 165, 193), seg(QStringLiteral("Transmis via MSSanté"), 315, 703),
          seg(QStringLiteral("Dr Manon PETIT"), 315, 715), seg(QStringLiteral("Psychiatre – Orléans"), 315, 727),
          seg(QStringLiteral("78 rue du Port"), 315, 747), seg(QStringLiteral("45000 Orléans"), 315, 759)}},
        {842.0});
    REQUIRE(!via.recipients.isEmpty());
    CHECK(via.recipients.front().familyName == QStringLiteral("PETIT"));
    CHECK(via.recipients.front().role == RecipientRole::To);
}

TEST_CASE("printed identity: 'Nom d'état civil', a sex code with its letter, given names listed with commas, the sex "
          "letter closing the birth, '*' for born, dot leaders, a lone sex cell, an INS key after a comma",
          "[unit][ocr]")
{
    const TextIdentity civil = parseIdentityText(
        {QStringLiteral("Nom d'état civil : MASSON"), QStringLiteral("Prénoms : Cédric Alain"),
         QStringLiteral("Date de naissance : 26/09/2000"), QStringLiteral("Sexe déclaré : 1 (M)"),
         QStringLiteral("Lieu de naissance : 26362"), QStringLiteral("INS : 1.00.09.26.362.585, clé 72")});
    CHECK(civil.birthName == QStringLiteral("MASSON"));
    CHECK(civil.sex == Sex::Male);
    CHECK(civil.matricules == QStringList{QStringLiteral("100092636258572")});
    // The code and the letter disagree: no sex.
    CHECK(parseIdentityText({QStringLiteral("Sexe déclaré : 2 (M)")}).sex == Sex::Unknown);
    CHECK(parseIdentityText({QStringLiteral("Nom de famille à la naissance : MARCHAND")}).birthName
          == QStringLiteral("MARCHAND"));
    const TextIdentity listed = parseIdentityText({QStringLiteral("Identité : Lan, Inès ROUSSEL"),
                                                   QStringLiteral("Naissance : 30 octobre 2021 à Bordeaux – 33063 (F)"),
                                                   QStringLiteral("INS : 221103306359619")});
    CHECK(listed.birthName == QStringLiteral("ROUSSEL"));
    CHECK(listed.firstName == QStringLiteral("LAN"));
    CHECK(listed.sex == Sex::Female);
    CHECK(listed.birthPlace == QStringLiteral("33063"));
    const TextIdentity star =
        parseIdentityText({QStringLiteral("Patient/e"), QStringLiteral("MEYER, Josiane * 21.06.1949 (77 ans) Fém.")});
    CHECK(star.birthName == QStringLiteral("MEYER"));
    CHECK(star.birthDate == QDate(1949, 6, 21));
    CHECK(star.sex == Sex::Female);
    const TextIdentity leaders = parseIdentityText({QStringLiteral(
        "Jean-Claude OLIVIER – Masculin . . . . . . . . . . . . . . . . né le 21.09.1987 à Concarneau, 29039")});
    CHECK(leaders.birthName == QStringLiteral("OLIVIER"));
    CHECK(leaders.sex == Sex::Male);
    // "Mme Yasmine GAUTHIER | F | né(e) le 17.08.1956 | …": the name is the cell before the sex's.
    const TextIdentity cell = parseIdentityText(QList<QList<Segment>>{{
        words(QStringLiteral("Mme Yasmine GAUTHIER"), 51, 222),
        words(QStringLiteral("F"), 153, 222),
        words(QStringLiteral("né(e) le 17.08.1956"), 165, 222),
        words(QStringLiteral("INS 256088002194152"), 326, 222),
    }});
    CHECK(cell.birthName == QStringLiteral("GAUTHIER"));
    CHECK(cell.firstName == QStringLiteral("YASMINE"));
    // A list of doctors under "Copie adressée à :" is no patient's table ("NOM | PRÉNOM").
    const TextIdentity copies = parseIdentityText(QList<QList<Segment>>{{
        words(QStringLiteral("LEFEBVRE Pauline - Née le 20/04/1988 - Sexe : F"), 45, 34),
        words(QStringLiteral("Copie adressée à :"), 165, 478, 7),
        words(QStringLiteral("N° RPPS"), 168, 493, 7),
        words(QStringLiteral("NOM"), 224, 493, 7),
        words(QStringLiteral("PRÉNOM Commune"), 267, 493, 7),
        words(QStringLiteral("MICHEL Élodie"), 168, 510, 7),
        words(QStringLiteral("Paris"), 315, 510, 7),
    }});
    CHECK(copies.birthName == QStringLiteral("LEFEBVRE"));
    CHECK(copies.firstName == QStringLiteral("PAULINE"));
    CHECK(copies.conflicts.isEmpty());
}

TEST_CASE("letter reading: tables of sendings with an 'Exemplaire' column, copies grouped under headings, a note's "
          "opening line, a captioned strip, a window under an establishment, a name cut over two lines, 'GG:' for "
          "'Cc :'",
          "[unit][ocr]")
{
    const LetterReading sendings = readLetter(
        {{words(QStringLiteral("Intervenants et diffusion"), 45, 510), words(QStringLiteral("Qualité"), 49, 523),
          words(QStringLiteral("Nom"), 117, 523), words(QStringLiteral("Ville"), 243, 523),
          words(QStringLiteral("Exemplaire"), 312, 523), words(QStringLiteral("Destinataire"), 49, 548),
          words(QStringLiteral("Dr Geneviève GARCIA"), 117, 548), words(QStringLiteral("CAEN"), 243, 548),
          words(QStringLiteral("original"), 312, 548), words(QStringLiteral("Pneumologue"), 49, 561),
          words(QStringLiteral("Dr A. JACOB"), 117, 561), words(QStringLiteral("VALENCE"), 243, 561),
          words(QStringLiteral("copie"), 312, 561), words(QStringLiteral("Intervenant"), 49, 574),
          words(QStringLiteral("Dr Arthur MARTIN"), 117, 574), words(QStringLiteral("ORLÉANS"), 243, 574),
          words(QStringLiteral("—"), 312, 574)}},
        {842.0});
    CHECK(recipientNames(sendings)
          == QStringList{QStringLiteral("Dr Geneviève GARCIA (to)"), QStringLiteral("Dr A. JACOB (cc)")});
    const LetterReading grouped = readLetter(
        {{seg(QStringLiteral("Destinataires d'un double :"), 60, 425), seg(QStringLiteral("Spécialistes"), 66, 437),
          seg(QStringLiteral("Dr Guillaume DUBOIS – 06000 NICE"), 76, 449),
          seg(QStringLiteral("Docteur HENRY Daniel – interniste – NANTES"), 76, 461)}},
        {842.0});
    CHECK(recipientNames(grouped)
          == QStringList{QStringLiteral("Dr Guillaume DUBOIS (cc)"), QStringLiteral("Docteur HENRY Daniel (cc)")});
    const LetterReading note =
        readLetter({{seg(QStringLiteral("Mot pour le Docteur Bernard GUYOT, gastro-entérologue à Paris"), 165, 122),
                     seg(QStringLiteral("Cher ami,"), 165, 300)}},
                   {842.0});
    REQUIRE(!note.recipients.isEmpty());
    CHECK(note.recipients.front().role == RecipientRole::To);
    CHECK(note.recipients.front().city == QStringLiteral("Paris"));
    const LetterReading strip = readLetter(
        {{seg(QStringLiteral("DESTINATION Dr Chloé FONTAINE médecin généraliste 79 boulevard de Strasbourg, 83000 "
                             "Toulon"),
              62, 181),
          seg(QStringLiteral("Cher Confrère,"), 60, 300)}},
        {842.0});
    REQUIRE(!strip.recipients.isEmpty());
    CHECK(strip.recipients.front().familyName == QStringLiteral("FONTAINE"));
    CHECK(strip.recipients.front().postcode == QStringLiteral("83000"));
    CHECK(strip.recipients.front().role == RecipientRole::To);
    const LetterReading establishment =
        readLetter({{seg(QStringLiteral("SSIAD des Trois Rivières"), 320, 154),
                     seg(QStringLiteral("Dr Maxime CHEVALIER, médecin référent"), 320, 165),
                     seg(QStringLiteral("83 bis rue Gambetta"), 320, 175),
                     seg(QStringLiteral("56000 VANNES"), 320, 185), seg(QStringLiteral("Cher ami,"), 56, 288)}},
                   {842.0});
    REQUIRE(!establishment.recipients.isEmpty());
    CHECK(establishment.recipients.front().familyName == QStringLiteral("CHEVALIER"));
    const LetterReading cut = readLetter(
        {{seg(QStringLiteral("Docteur Sylvie"), 359, 162), seg(QStringLiteral("DESCHAMPS"), 359, 176),
          seg(QStringLiteral("Service de pneumologie"), 359, 191),
          seg(QStringLiteral("CENTRE HOSPITALIER DE SAINT-MALO"), 359, 204),
          seg(QStringLiteral("73 rue Nationale"), 359, 217), seg(QStringLiteral("35400 SAINT-MALO"), 359, 231),
          seg(QStringLiteral("Cher Collègue,"), 165, 468)}},
        {842.0});
    REQUIRE(!cut.recipients.isEmpty());
    CHECK(cut.recipients.front().familyName == QStringLiteral("DESCHAMPS"));
    CHECK(cut.recipients.front().givenName == QStringLiteral("Sylvie"));
    const LetterReading misread =
        readLetter({{seg(QStringLiteral("GG:"), 60, 277), seg(QStringLiteral("Dr J. SCHMITT (Lyon)"), 139, 277),
                     seg(QStringLiteral("Docteur SIMON Marie (Limoges)"), 139, 290),
                     seg(QStringLiteral("Cher Collègue,"), 60, 486)}},
                   {842.0});
    CHECK(recipientNames(misread)
          == QStringList{QStringLiteral("Dr J. SCHMITT (cc)"), QStringLiteral("Docteur SIMON Marie (cc)")});
    // The town of the line's last entry on the next line, after its dash.
    const LetterReading wrapped =
        readLetter({{seg(QStringLiteral("Copie(s) :"), 60, 500),
                     seg(QStringLiteral("Dr Jeanne TRAN – Chartres ; Dr. Hélène DUFOUR"), 140, 500),
                     seg(QStringLiteral("– Lannion"), 140, 511)}},
                   {842.0});
    REQUIRE(wrapped.recipients.size() == 2);
    CHECK(wrapped.recipients[1].familyName == QStringLiteral("DUFOUR"));
    CHECK(wrapped.recipients[1].city == QStringLiteral("Lannion"));
    // "Doubles :", "DESTINATAIRES SECONDAIRES :": copies; "Adressé au :": the addressee.
    CHECK(recipientNames(readLetter({{seg(QStringLiteral("Doubles : Dr MICHAUD – 29000 Quimper"), 60, 500)}}, {842.0}))
          == QStringList{QStringLiteral("Dr MICHAUD (cc)")});
    CHECK(recipientNames(readLetter(
              {{seg(QStringLiteral("DESTINATAIRES SECONDAIRES : DR VINCENT (TOULOUSE)"), 60, 500)}}, {842.0}))
          == QStringList{QStringLiteral("DR VINCENT (cc)")});
    CHECK(recipientNames(readLetter(
              {{seg(QStringLiteral("Adressé au :"), 383, 527), seg(QStringLiteral("Dr SIMON Martine"), 383, 536),
                seg(QStringLiteral("88 bis avenue Foch"), 383, 547), seg(QStringLiteral("20000 AJACCIO"), 383, 557)}},
              {842.0}))
          == QStringList{QStringLiteral("Dr SIMON Martine (to)")});
    // A window on the left, under a letterhead set on the right, ending on its phone line; a
    // practice's name before the doctor's.
    const LetterReading left = readLetter(
        {{seg(QStringLiteral("GH Les Ormeaux"), 335, 36), seg(QStringLiteral("102 chemin des Prés"), 335, 64),
          seg(QStringLiteral("86000 POITIERS"), 335, 76), seg(QStringLiteral("Cabinet médical du Dr MOREAU"), 52, 150),
          seg(QStringLiteral("98 place du Marché"), 52, 164), seg(QStringLiteral("73000 Chambéry"), 52, 178),
          seg(QStringLiteral("Téléphone : 04 79 16 25 32"), 52, 192), seg(QStringLiteral("Cher Confrère,"), 50, 330)}},
        {842.0});
    CHECK(recipientNames(left) == QStringList{QStringLiteral("Dr MOREAU (to)")});
    // "Pour action :" names the addressee.
    CHECK(recipientNames(readLetter({{seg(QStringLiteral("Pour action : Dr Nathalie NICOLAS"), 165, 488)}}, {842.0}))
          == QStringList{QStringLiteral("Dr Nathalie NICOLAS (to)")});
}

TEST_CASE("letter reading: any short phrase of sending ending on 'à :' heads a list, a list set flush right, numbered "
          "entries, a distribution table whose cells take several lines",
          "[unit][ocr]")
{
    // Flush right under the signature, its label's right edge kept; a town after a dash that ended
    // the line above.
    const LetterReading right = readLetter({{seg(QStringLiteral("Transmis en parallèle à :"), 411, 563),
                                             seg(QStringLiteral("Dr Yasmine LEMOINE, médecin généraliste –"), 340, 576),
                                             seg(QStringLiteral("SAINT-DENIS"), 473, 589),
                                             seg(QStringLiteral("Dr Christine MARCHAND – 49000 Angers"), 362, 602)}},
                                           {842.0});
    REQUIRE(recipientNames(right)
            == QStringList{QStringLiteral("Dr Yasmine LEMOINE (cc)"), QStringLiteral("Dr Christine MARCHAND (cc)")});
    CHECK(right.recipients[0].city == QStringLiteral("SAINT-DENIS"));
    CHECK(recipientNames(readLetter({{seg(QStringLiteral("Autres correspondants destinataires :"), 60, 560),
                                      seg(QStringLiteral("Dr KERGUÉLEN Julie, radiologue – BORDEAUX"), 60, 573)}},
                                    {842.0}))
          == QStringList{QStringLiteral("Dr KERGUÉLEN Julie (cc)")});
    // Numbered entries, with or without a dash between them (besides the addressee, copies).
    CHECK(
        recipientNames(readLetter(
            {{seg(QStringLiteral("Dr Minh MOREL"), 310, 166), seg(QStringLiteral("8 rue Pasteur"), 310, 180),
              seg(QStringLiteral("31000 TOULOUSE"), 310, 194), seg(QStringLiteral("Cher Confrère,"), 60, 349),
              seg(QStringLiteral("Exemplaires adressés : (1) Dr ANDRÉ Océane (Vannes) (2) Dr Pierre GAY, généraliste à "
                                 "VIENNE."),
                  60, 582)}},
            {842.0}))
        == QStringList{QStringLiteral("Dr Minh MOREL (to)"), QStringLiteral("Dr ANDRÉ Océane (cc)"),
                       QStringLiteral("Dr Pierre GAY (cc)")});
    const LetterReading dashed = readLetter(
        {{seg(QStringLiteral("Copies : (1) Dr Nathalie NICOLAS, pneumologue à Brest – (2) Dr Alice PETIT (Metz)."), 50,
              583)}},
        {842.0});
    REQUIRE(recipientNames(dashed)
            == QStringList{QStringLiteral("Dr Nathalie NICOLAS (cc)"), QStringLiteral("Dr Alice PETIT (cc)")});
    CHECK(dashed.recipients[1].city == QStringLiteral("Metz"));
    CHECK(recipientNames(readLetter(
              {{seg(QStringLiteral("En copie (2) • Dr B. SIMON, Laval • Dr Sandrine ROBERT, NANTES"), 56, 632)}},
              {842.0}))
          == QStringList{QStringLiteral("Dr B. SIMON (cc)"), QStringLiteral("Dr Sandrine ROBERT (cc)")});
    // A distribution table titled "Type": each row's address set on two lines around its name's.
    const LetterReading table = readLetter(
        {{words(QStringLiteral("N° Destinataire"), 169, 621), words(QStringLiteral("Qualité"), 317, 621),
          words(QStringLiteral("Adresse"), 410, 621), words(QStringLiteral("Type"), 492, 621),
          words(QStringLiteral("85 rue du Port"), 410, 637), words(QStringLiteral("1 Docteur LEBRUN Laure"), 169, 643),
          words(QStringLiteral("généraliste"), 317, 643), words(QStringLiteral("original"), 492, 643),
          words(QStringLiteral("64000 PAU"), 410, 649), words(QStringLiteral("12 rue de la Gare"), 410, 667),
          words(QStringLiteral("2 Dr Monique BESSON"), 169, 673), words(QStringLiteral("radiologue"), 317, 673),
          words(QStringLiteral("copie"), 492, 673), words(QStringLiteral("38000 GRENOBLE"), 410, 679)}},
        {842.0});
    REQUIRE(recipientNames(table)
            == QStringList{QStringLiteral("Docteur LEBRUN Laure (to)"), QStringLiteral("Dr Monique BESSON (cc)")});
    CHECK(table.recipients[0].postcode == QStringLiteral("64000"));
    CHECK(table.recipients[1].postcode == QStringLiteral("38000"));
    CHECK(table.recipients[1].street == QStringLiteral("12 rue de la Gare"));
}

TEST_CASE("letter reading: a form's addressee after its label, in the column of the address under it, or with the "
          "address on the next field, 'À notre Confrère, …', a title alone on its line before a field's value",
          "[unit][ocr]")
{
    // The name starts in the column of the values under it.
    Segment labelled = words(QStringLiteral("Praticien destinataire Dr M. CARLIER"), 299, 168);
    const LetterReading form =
        readLetter({{labelled, words(QStringLiteral("Qualité"), 299, 181),
                     words(QStringLiteral("endocrinologue"), labelled.words[2].box.left(), 181),
                     words(QStringLiteral("Adresse"), 299, 193),
                     words(QStringLiteral("87 route de Lyon"), labelled.words[2].box.left(), 193),
                     words(QStringLiteral("CP – Ville"), 299, 205),
                     words(QStringLiteral("69003 LYON"), labelled.words[2].box.left(), 205),
                     seg(QStringLiteral("Cher Confrère,"), 60, 330)}},
                   {842.0});
    REQUIRE(recipientNames(form) == QStringList{QStringLiteral("Dr M. CARLIER (to)")});
    CHECK(form.recipients[0].postcode == QStringLiteral("69003"));
    const LetterReading sought =
        readLetter({{seg(QStringLiteral("Confrère sollicité : Docteur Gwenaël ROUSSEL"), 56, 190),
                     seg(QStringLiteral("Adresse d'exercice : 90 rue Émile Zola, 37000 TOURS"), 56, 205)}},
                   {842.0});
    REQUIRE(recipientNames(sought) == QStringList{QStringLiteral("Docteur Gwenaël ROUSSEL (to)")});
    CHECK(sought.recipients[0].postcode == QStringLiteral("37000"));
    CHECK(recipientNames(readLetter(
              {{seg(QStringLiteral("À notre Confrère, Monsieur le Docteur Arthur FLEURY, 33000 Bordeaux"), 45, 148)}},
              {842.0}))
          == QStringList{QStringLiteral("Monsieur le Docteur Arthur FLEURY (to)")});
    // On a scan, OCR's box of a line in capitals is shorter than that of a line with descenders
    // set smaller; the title stands alone on its line, the examination is a field's value.
    QList<Segment> scanned{seg(QStringLiteral("COMPTE-RENDU DE CONSULTATION"), 189, 177),
                           seg(QStringLiteral("Examen"), 346, 202),
                           seg(QStringLiteral("Mammographie bilatérale"), 421, 202)};
    scanned[2].box.setHeight(12);
    const LetterReading typed = readLetter({scanned}, {842.0}, {true});
    REQUIRE(typed.documentType);
    CHECK(typed.documentType->code == QStringLiteral("11488-4"));
}

TEST_CASE("printed identity: a laboratory's 'NAME/Given', 'Née' without 'le', 'usage :' on its own line", "[unit][ocr]")
{
    // The DataMatrix's names found on the paper where a slash joins them.
    const QString matricule = withKey(QStringLiteral("2790729019123"));
    const TextIdentity lab = parseIdentityText({QStringLiteral("Dem. L094352 Prél. 16/11/26 09:52"),
                                                QStringLiteral("N'DIAYE/Anne-Sophie Marie F 03.07.1979 (47 a)"),
                                                QStringLiteral("INS %1 LN 29019").arg(matricule)});
    DataMatrixReading dm;
    const auto parsed = parseInsDataMatrix(payload(matricule));
    REQUIRE(parsed);
    dm.parsed = *parsed;
    CHECK(reconcileIdentity(dm, lab).status == IdentityStatus::Consistent);
    const TextIdentity born = parseIdentityText({QStringLiteral("MARCHAND Ségolène – Née 20.06.2019 – F")});
    CHECK(born.birthDate == QDate(2019, 6, 20));
    CHECK(born.sex == Sex::Female);
    const TextIdentity used = parseIdentityText({QStringLiteral("Remis au patient : Madame Margaux LAVAL"),
                                                 QStringLiteral("KLEIN Margaux Sandrine"),
                                                 QStringLiteral("usage : LAVAL"), QStringLiteral("DDN 24/05/2004 F")});
    CHECK(used.birthName == QStringLiteral("KLEIN"));
    CHECK(used.usedName == QStringLiteral("LAVAL"));
}

TEST_CASE("printed identity: the patient named by a role in inclusive writing, never the insured person, labels that "
          "say whose trait it is, a form's note after its label",
          "[unit][ocr]")
{
    const TextIdentity dialysed = parseIdentityText(
        {QStringLiteral("Dialysé(e) : MORIN Chloé Béatrice ; Naiss. 27-11-1988 ; Sexe F ; Lieu Maroc (99350)")});
    CHECK(dialysed.birthName == QStringLiteral("MORIN"));
    CHECK(dialysed.firstName == QStringLiteral("CHLOE"));
    CHECK(parseIdentityText({QStringLiteral("Personne concernée M. Mehdi Grégoire DAVID")}).birthName
          == QStringLiteral("DAVID"));
    // The insured person, the one born, are no such role.
    CHECK(parseIdentityText({QStringLiteral("Assuré(e) : M. FRANÇOIS Daniel")}).birthName.isEmpty());
    const QString matricule = withKey(QStringLiteral("1650868224718"));
    const TextIdentity whose = parseIdentityText(
        {QStringLiteral("NOM DE NAISSANCE DU (DE LA) PATIENT(E) : FABRE"),
         QStringLiteral("PRÉNOM(S) DU (DE LA) PATIENT(E) : Yves"),
         QStringLiteral("MATRICULE INS DU (DE LA) PATIENT(E) : %1 – %2").arg(matricule.left(13), matricule.right(2))});
    CHECK(whose.birthName == QStringLiteral("FABRE"));
    CHECK(whose.firstName == QStringLiteral("YVES"));
    CHECK(whose.matricules == QStringList{matricule});
    const TextIdentity noted = parseIdentityText({QStringLiteral("prénom(s) (tous les prénoms de naissance) : Odile")});
    CHECK(noted.firstName == QStringLiteral("ODILE"));
}

TEST_CASE("a symbol the scan cut withholds the INS the paper prints: it may be another patient's", "[unit][ocr]")
{
    const QString matricule = withKey(QStringLiteral("2790729019123"));
    const TextIdentity printed = parseIdentityText(
        {QStringLiteral("Nom de naissance : N'DIAYE"), QStringLiteral("Prénoms : Anne-Sophie Marie"),
         QStringLiteral("Sexe : F"), QStringLiteral("Date de naissance : 03/07/1979"),
         QStringLiteral("Lieu de naissance : 29019"), QStringLiteral("Matricule INS : %1").arg(matricule)});
    REQUIRE(reconcileIdentity({}, printed).status == IdentityStatus::Consistent);
    DataMatrixReading cut;
    cut.cut = true;
    const PatientReading withheld = reconcileIdentity(cut, printed);
    CHECK(withheld.status == IdentityStatus::Mismatch);
    CHECK(withheld.identity.ins.isEmpty());
    CHECK(withheld.reasons.contains(QStringLiteral("DataMatrix coupé au bord du scan, illisible")));
}

TEST_CASE("letter reading: copies listed in a note at the page's foot, co-addressees, a table of copies sent "
          "whose rows say only how, an addressee line with its town alone",
          "[unit][ocr]")
{
    // The sentence points to the note by its mark; the note lists the copies, the patient too.
    const LetterReading noted = readLetter(
        {{seg(QStringLiteral("Dr Claire BRUN"), 320, 160), seg(QStringLiteral("86 rue du Château"), 320, 172),
          seg(QStringLiteral("45000 ORLÉANS"), 320, 184), seg(QStringLiteral("Cher Confrère,"), 56, 300),
          seg(QStringLiteral("Bien confraternellement."), 56, 494),
          seg(QStringLiteral("Docteur Jacques MARTIN"), 320, 522),
          seg(QStringLiteral("Une copie est transmise aux confrères cités en note *."), 56, 568),
          seg(QStringLiteral("* Docteur Éric SCHMITT (Toulon) ; Dr L. GARCIA (63000 Clermont-Ferrand) ; le patient."),
              56, 765)}},
        {842.0});
    CHECK(recipientNames(noted)
          == QStringList{QStringLiteral("Dr Claire BRUN (to)"), QStringLiteral("Docteur Éric SCHMITT (cc)"),
                         QStringLiteral("Dr L. GARCIA (cc)")});
    CHECK(noted.copyToPatient);
    // Without the mark on the sentence, a footnote is no list of copies.
    const LetterReading unmarked =
        readLetter({{seg(QStringLiteral("Dr Claire BRUN"), 320, 160), seg(QStringLiteral("45000 ORLÉANS"), 320, 172),
                     seg(QStringLiteral("Cher Confrère,"), 56, 300),
                     seg(QStringLiteral("Une copie est transmise aux confrères habituels."), 56, 568),
                     seg(QStringLiteral("* Docteur Éric SCHMITT (Toulon)"), 56, 765)}},
                   {842.0});
    CHECK(std::none_of(unmarked.recipients.begin(), unmarked.recipients.end(),
                       [](const Recipient& r) { return r.zone == Zone::Copies; }));

    // "Co-destinataires" over the names: copies.
    const LetterReading co = readLetter(
        {{seg(QStringLiteral("Dr Isabelle GUÉRIN"), 318, 166), seg(QStringLiteral("21000 DIJON"), 318, 178),
          seg(QStringLiteral("Cher Confrère,"), 50, 403), seg(QStringLiteral("Docteur Margaux ANTOINE"), 50, 600),
          seg(QStringLiteral("Co-destinataires"), 50, 640), seg(QStringLiteral("Dr Jean-Claude GARCIA"), 50, 652),
          seg(QStringLiteral("Urologue · 20 avenue Clemenceau · 80000 AMIENS"), 50, 663)}},
        {842.0});
    CHECK(recipientNames(co)
          == QStringList{QStringLiteral("Dr Isabelle GUÉRIN (to)"), QStringLiteral("Dr Jean-Claude GARCIA (cc)")});

    // A table "Exemplaire | Remis à | Par": a row sent "courrier" is a copy beside the window's
    // addressee, the addressee when nothing else names one.
    const auto table = [](bool window) {
        QList<Segment> page;
        if (window) {
            page += {seg(QStringLiteral("Docteur Gwenaël LAMY"), 320, 160),
                     seg(QStringLiteral("8 quai de la Fosse"), 320, 172),
                     seg(QStringLiteral("63000 CLERMONT-FERRAND"), 320, 184)};
        }
        page += {seg(QStringLiteral("Cher ami,"), 45, 428),
                 seg(QStringLiteral("Dr Grégoire PEREZ"), 45, 531),
                 seg(QStringLiteral("Exemplaire Remis à"), 45, 594),
                 seg(QStringLiteral("Par"), 344, 594),
                 seg(QStringLiteral("2/3"), 45, 610),
                 seg(QStringLiteral("Dr Paul MÜLLER, médecine générale, 22300 Lannion"), 108, 610),
                 seg(QStringLiteral("courrier"), 344, 610)};
        return readLetter({page}, {842.0});
    };
    const LetterReading besides = table(true);
    CHECK(recipientNames(besides)
          == QStringList{QStringLiteral("Docteur Gwenaël LAMY (to)"), QStringLiteral("Dr Paul MÜLLER (cc)")});
    REQUIRE(besides.recipients.size() == 2);
    CHECK(besides.recipients[1].city == QStringLiteral("Lannion"));
    CHECK(recipientNames(table(false)) == QStringList{QStringLiteral("Dr Paul MÜLLER (to)")});

    // A titled name and its town alone on a line under the date; not an entry of a list.
    const LetterReading line = readLetter({{seg(QStringLiteral("Laval, le 16 novembre 2026"), 50, 123),
                                            seg(QStringLiteral("Dr BONNET Jean-Marc – Le Mans"), 50, 138),
                                            seg(QStringLiteral("Cher Jean-Marc, cher ami,"), 50, 253)}},
                                          {842.0});
    CHECK(recipientNames(line) == QStringList{QStringLiteral("Dr BONNET Jean-Marc (to)")});
    REQUIRE(line.recipients.size() == 1);
    CHECK(line.recipients[0].city == QStringLiteral("Le Mans"));
    const LetterReading listed = readLetter({{seg(QStringLiteral("Dr J. SCHMITT – Lyon"), 139, 277),
                                              seg(QStringLiteral("Docteur SIMON Marie – Limoges"), 139, 290),
                                              seg(QStringLiteral("Cher Collègue,"), 60, 486)}},
                                            {842.0});
    CHECK(std::none_of(listed.recipients.begin(), listed.recipients.end(),
                       [](const Recipient& r) { return r.role == RecipientRole::To; }));
}

TEST_CASE("identity: a row of fields wrapped after its label, a requester's name and birth date, a patient "
          "label with its participle, dates with a short month or spaces, the key in brackets",
          "[unit][ocr]")
{
    const TextIdentity wrapped = parseIdentityText(
        QStringList{QStringLiteral("NOM DE NAISSANCE DUMONT PRENOM(S) Louis NE(E) LE 19 septembre 1947 SEXE"),
                    QStringLiteral("Masculin LIEU DE NAISSANCE MULHOUSE (68224) INS 1 47 09 68 224 276 clé 17")});
    CHECK(wrapped.sex == Sex::Male);
    CHECK(wrapped.birthPlace == QStringLiteral("68224"));
    CHECK(wrapped.matricules == QStringList{QStringLiteral("147096822427617")});

    // The third party who asked for the admission is no patient: her name and birth date are not read.
    const TextIdentity requested = parseIdentityText(QStringList{
        QStringLiteral("Vu la demande d'admission présentée le 07/11/2026 par Mme Aurélie LAMBERT, née le 16/01/1986, "
                       "demeurant 21 boulevard Tanguy Prigent, 83000 Toulon,"),
        QStringLiteral("ARTICLE 1 : Madame Odile Ségolène LAMBERT, née le mercredi 3 octobre 1979 à AJACCIO (2A004), "
                       "sexe F, immatriculée sous le"),
        QStringLiteral("matricule INS 279102A00480289, est admise en soins psychiatriques.")});
    CHECK(requested.conflicts.isEmpty());
    CHECK(requested.firstName == QStringLiteral("ODILE"));
    CHECK(requested.birthDate == QDate(1979, 10, 3));

    const TextIdentity carried =
        parseIdentityText(QStringList{QStringLiteral("Patient transporté M. DE LA FONTAINE Mohamed"),
                                      QStringLiteral("Né le 11/04/1986"), QStringLiteral("INS 1931229151621 [30]")});
    CHECK(carried.birthName == QStringLiteral("DE LA FONTAINE"));
    CHECK(carried.firstName == QStringLiteral("MOHAMED"));
    CHECK(carried.matricules == QStringList{QStringLiteral("193122915162130")});

    CHECK(parseIdentityText(QStringList{QStringLiteral("Née le 28-mar-2010 au Portugal (99139)")}).birthDate
          == QDate(2010, 3, 28));
    CHECK(parseIdentityText(QStringList{QStringLiteral("née le 23 10 1990 (36 ans) – à Rouen")}).birthDate
          == QDate(1990, 10, 23));
    // Digit groups of a phone number are no date.
    CHECK(!parseIdentityText(QStringList{QStringLiteral("Né le : voir dossier – Tél. 01 23 10 1990 45")})
               .birthDate.isValid());
}

TEST_CASE("identity: a grid row whose caption says no trait over the birth date's row, record fields between the "
          "name and its date, INS labels with a participle or the word matricule",
          "[unit][ocr]")
{
    const auto grid = [](const char* caption) {
        return parseIdentityText(QList<QList<Segment>>{
            {seg(QString::fromUtf8(caption), 250, 320), seg(QStringLiteral("Mme Léa MOREAU née LAMBERT"), 322, 319),
             seg(QStringLiteral("Naissance"), 250, 333), seg(QStringLiteral("24/03/1951"), 322, 331),
             seg(QStringLiteral("Sexe"), 250, 357), seg(QStringLiteral("Féminin"), 322, 356)}});
    };
    const TextIdentity expected = grid("Attendue");
    CHECK(expected.birthName == QStringLiteral("LAMBERT"));
    CHECK(expected.firstName == QStringLiteral("LEA"));
    // A relative's row is never the patient's.
    const TextIdentity mother = grid("Mère");
    CHECK(mother.birthName.isEmpty());
    CHECK(mother.firstName.isEmpty());

    const TextIdentity certificate = parseIdentityText(
        QStringList{QStringLiteral("CERTIFICAT MÉDICAL"), QStringLiteral("M. TRAN Arthur Hervé Claude"),
                    QStringLiteral("IPP : 0004213835"), QStringLiteral("Date de naissance : 23 juillet 1932")});
    CHECK(certificate.birthName == QStringLiteral("TRAN"));
    CHECK(certificate.firstName == QStringLiteral("ARTHUR"));

    CHECK(parseIdentityText(QStringList{QStringLiteral("INS retourné :"), QStringLiteral("2111056260524 (64)")})
              .matricules
          == QStringList{QStringLiteral("211105626052464")});
    // An "INS" heading centred over its columns, the number under them.
    const TextIdentity centred = parseIdentityText(QList<QList<Segment>>{
        {seg(QStringLiteral("INS"), 276, 362), seg(QStringLiteral("matricule"), 169, 377), seg(QStringLiteral("OID"), 294, 377),
         seg(QStringLiteral("1480899131376 clé 59 1.2.250.1.213.1.4.10"), 169, 391)}});
    CHECK(centred.matricules == QStringList{QStringLiteral("148089913137659")});
    CHECK(parseIdentityText(QStringList{QStringLiteral("INS (matricule) 1500656260909/82")}).matricules
          == QStringList{QStringLiteral("150065626090982")});
    CHECK(parseIdentityText(QStringList{QStringLiteral("INS – MATRICULE"), QStringLiteral("1 33 08 56 260 377 24")})
              .matricules
          == QStringList{QStringLiteral("133085626037724")});
}

TEST_CASE("identity: dates run together, labels after their values parted by a dot, said after the label, the "
          "genealogists' mark, 'Pour : Mme X' over the birth row, the family name over its given names",
          "[unit][ocr]")
{
    CHECK(parseIdentityText(QStringList{QStringLiteral("Date de naissance 20160726")}).birthDate == QDate(2016, 7, 26));
    CHECK(parseIdentityText(QStringList{QStringLiteral("Date de naissance : 26072016")}).birthDate
          == QDate(2016, 7, 26));
    // Eight digits that no reading makes a birth date are none.
    CHECK(!parseIdentityText(QStringList{QStringLiteral("Date de naissance : 31313131")}).birthDate.isValid());

    const TextIdentity dotted = parseIdentityText(QStringList{
        QStringLiteral("Identité vérifiée sur pièce d'identité : HENRY (nom de naissance) · Nathalie (prénoms) · 18 "
                       "février 1961 (date de naissance) · féminin (sexe)")});
    CHECK(dotted.birthName == QStringLiteral("HENRY"));
    CHECK(dotted.firstName == QStringLiteral("NATHALIE"));
    CHECK(dotted.birthDate == QDate(1961, 2, 18));

    const TextIdentity said = parseIdentityText(QStringList{QStringLiteral("Nom de famille, naissance   REY"),
                                                            QStringLiteral("Prénoms à l'état civil   Jean-François")});
    CHECK(said.birthName == QStringLiteral("REY"));
    CHECK(said.firstName == QStringLiteral("JEAN-FRANCOIS"));
    CHECK(parseIdentityText(QStringList{QStringLiteral("Nom nais. GAUTIER")}).birthName == QStringLiteral("GAUTIER"));

    const TextIdentity born = parseIdentityText(
        QStringList{QStringLiteral("MME DAVID Éloïse Céline"), QStringLiteral("° 24 janvier 1983 (43 ans)")});
    CHECK(born.birthDate == QDate(1983, 1, 24));
    CHECK(born.birthName == QStringLiteral("DAVID"));

    const TextIdentity forWhom =
        parseIdentityText(QStringList{QStringLiteral("Pour : Mme Jeanne Océane ANTOINE (usage : GUILLAUME)"),
                                      QStringLiteral("Date de naissance : 21/03/45 – Femme – 81 ans")});
    CHECK(forWhom.birthName == QStringLiteral("ANTOINE"));
    CHECK(forWhom.usedName == QStringLiteral("GUILLAUME"));
    CHECK(forWhom.firstName == QStringLiteral("JEANNE"));
    // A relative's caption never names the patient.
    CHECK(parseIdentityText(QStringList{QStringLiteral("Mère : Mme Jeanne ANTOINE"),
                                        QStringLiteral("Date de naissance : 21/03/1945")})
              .birthName.isEmpty());

    const TextIdentity stacked = parseIdentityText(QStringList{
        QStringLiteral("GRONDIN (nom utilisé GRONDIN-KLEIN) Né(e) le 16 01 1938"), QStringLiteral("Sébastien")});
    CHECK(stacked.birthName == QStringLiteral("GRONDIN"));
    CHECK(stacked.usedName == QStringLiteral("GRONDIN-KLEIN"));
    CHECK(stacked.firstName == QStringLiteral("SEBASTIEN"));

    // The used name said after a comma, over "née le"; "né" and its date without "le".
    const TextIdentity usage = parseIdentityText(
        QStringList{QStringLiteral("Personne concernée par ce document"),
                    QStringLiteral("Mme Marie-Claire LAURENT, usage LAPORTE – Femme"),
                    QStringLiteral("née le 20 septembre 1960 à Ajaccio (2A004) – INS 260092A004119 : 38")});
    CHECK(usage.birthName == QStringLiteral("LAURENT"));
    CHECK(usage.usedName == QStringLiteral("LAPORTE"));
    CHECK(usage.firstName == QStringLiteral("MARIE-CLAIRE"));
    CHECK(parseIdentityText(QStringList{QStringLiteral("né 10 juillet 1931 à Valence (26362) – sexe M")}).birthDate
          == QDate(1931, 7, 10));

    const TextIdentity row = parseIdentityText(
        QStringList{QStringLiteral("Jacques Thierry Youssef N'DIAYE"),
                    QStringLiteral("Masculin · 11 ans · Naissance : 2015-06-02 · Né au Royaume-Uni (99132)")});
    CHECK(row.sex == Sex::Male);
    // An INS as OCR may read its dots, the key still checked.
    CHECK(parseIdentityText(QStringList{QStringLiteral("N° INS: 2 99:10.51:454:351 - 37")}).matricules
          == QStringList{QStringLiteral("299105145435137")});
}

TEST_CASE("letter reading: copies said sent in a sentence, ordinals and 'Dre', an addressee's lines under a lead, "
          "a captioned addressee form, a caption's strip in cells, 'NAME, Given' before an address",
          "[unit][ocr]")
{
    const LetterReading told = readLetter(
        {{seg(QStringLiteral("Dr Agnès DURAND"), 422, 176), seg(QStringLiteral("42000 SAINT-ÉTIENNE"), 422, 201),
          seg(QStringLiteral("Mon cher confrère,"), 165, 313), seg(QStringLiteral("Cordialement."), 165, 600),
          seg(QStringLiteral("Dr Marie RENAULT"), 340, 630),
          seg(QStringLiteral("Ce compte rendu est communiqué, avec l'accord de la patiente, au"), 165, 690),
          seg(QStringLiteral("Dr Mohamed ROBIN, médecine générale (Lyon), au Dr René GAUTIER (13008"), 165, 702),
          seg(QStringLiteral("Marseille) ainsi qu'au Dr Marc DUFOUR (SAINT-NAZAIRE)."), 165, 714)}},
        {842.0});
    CHECK(recipientNames(told)
          == QStringList{QStringLiteral("Dr Agnès DURAND (to)"), QStringLiteral("Dr Mohamed ROBIN (cc)"),
                         QStringLiteral("Dr René GAUTIER (cc)"), QStringLiteral("Dr Marc DUFOUR (cc)")});

    // An earlier document said sent is no copy of this one.
    const LetterReading earlier = readLetter(
        {{seg(QStringLiteral("Dr Agnès DURAND"), 422, 176), seg(QStringLiteral("42000 SAINT-ÉTIENNE"), 422, 201),
          seg(QStringLiteral("Mon cher confrère,"), 165, 313),
          seg(QStringLiteral("Le compte rendu a été transmis au Dr Paul MARTIN en 2019."), 165, 330)}},
        {842.0});
    CHECK(std::none_of(earlier.recipients.begin(), earlier.recipients.end(),
                       [](const Recipient& r) { return r.zone == Zone::Copies; }));

    const LetterReading numbered = readLetter(
        {{seg(QStringLiteral("Dr Claire BRUN"), 320, 160), seg(QStringLiteral("45000 ORLÉANS"), 320, 172),
          seg(QStringLiteral("Cher Confrère,"), 56, 300), seg(QStringLiteral("Docteur Catherine LAURENT"), 56, 520),
          seg(QStringLiteral("En copie, pour information :"), 56, 566),
          seg(QStringLiteral("1° Dre Nathalie HOARAU, médecine générale, 83000 Toulon"), 68, 578),
          seg(QStringLiteral("2° Dr Yves CLÉMENT, médecine générale"), 68, 590)}},
        {842.0});
    REQUIRE(numbered.recipients.size() == 3);
    CHECK(numbered.recipients[1].familyName == QStringLiteral("HOARAU"));
    CHECK(numbered.recipients[1].title == QStringLiteral("Dr"));
    CHECK(numbered.recipients[1].city == QStringLiteral("Toulon"));
    CHECK(numbered.recipients[2].familyName == QStringLiteral("CLÉMENT"));

    // The lead's name on one line, his address under it where the name starts.
    const LetterReading destined = readLetter({{seg(QStringLiteral("Destiné au Dr Arthur COLLET"), 60, 137),
                                                seg(QStringLiteral("Médecin généraliste"), 110, 149),
                                                seg(QStringLiteral("49 bis rue des Vignes, 69003 Lyon"), 110, 160),
                                                seg(QStringLiteral("Chambéry, le 10 novembre 2026"), 60, 192),
                                                seg(QStringLiteral("Cher Confrère,"), 60, 300)}},
                                              {842.0});
    REQUIRE(destined.recipients.size() == 1);
    CHECK(destined.recipients[0].role == RecipientRole::To);
    CHECK(destined.recipients[0].city == QStringLiteral("Lyon"));
    CHECK(destined.recipients[0].postcode == QStringLiteral("69003"));

    // A form: the name after its caption, each field's value in its caption's place.
    const LetterReading form = readLetter(
        {{seg(QStringLiteral("Pour le praticien Dr Hugo FAURE"), 311, 147), seg(QStringLiteral("Qualité"), 311, 165),
          seg(QStringLiteral("médecin généraliste"), 380, 165), seg(QStringLiteral("Adresse"), 311, 182),
          seg(QStringLiteral("14 boulevard Gambetta"), 380, 182),
          seg(QStringLiteral("CP – Ville 83000 TOULON"), 311, 198), seg(QStringLiteral("Cher ami,"), 60, 462)}},
        {842.0});
    REQUIRE(form.recipients.size() == 1);
    CHECK(form.recipients[0].familyName == QStringLiteral("FAURE"));
    CHECK(form.recipients[0].role == RecipientRole::To);
    CHECK(form.recipients[0].city == QStringLiteral("TOULON"));

    const LetterReading strip = readLetter(
        {{seg(QStringLiteral("DESTINATION Dr J. LEBEAU"), 66, 151), seg(QStringLiteral("ophtalmologiste"), 241, 151),
          seg(QStringLiteral("39 rue Saint-Michel, 10000 TROYES"), 352, 151),
          seg(QStringLiteral("Cher ami,"), 60, 286)}},
        {842.0});
    REQUIRE(strip.recipients.size() == 1);
    CHECK(strip.recipients[0].role == RecipientRole::To);
    CHECK(strip.recipients[0].postcode == QStringLiteral("10000"));

    // The given name after a comma, before the entry's address: not the author, his namesake.
    const LetterReading comma = readLetter(
        {{seg(QStringLiteral("Destinataire :"), 312, 160), seg(QStringLiteral("Dr NICOLAS, Claire"), 312, 171),
          seg(QStringLiteral("10 bis place de l'Église"), 312, 183), seg(QStringLiteral("F-56300 Pontivy"), 312, 196),
          seg(QStringLiteral("Je soussignée, Docteur Catherine NICOLAS, certifie"), 50, 381),
          seg(QStringLiteral("Docteur Catherine NICOLAS"), 50, 498)}},
        {842.0});
    REQUIRE(comma.recipients.size() == 1);
    CHECK(comma.recipients[0].givenName == QStringLiteral("Claire"));
}

TEST_CASE("copies numbered in roman, listed by town, headed by a label of its own words, CC without colon",
          "[unit][ocr]")
{
    const auto seg = [](const QString& text, double x, double y) {
        return Segment{text, QRectF(x, y, 7.0 * text.size() * 0.5, 10), 0, {}};
    };
    const auto letter = [&](const QList<Segment>& tail) {
        QList<Segment> page{
            seg(QStringLiteral("Dr Claire BRUN"), 320, 160), seg(QStringLiteral("45000 ORLÉANS"), 320, 172),
            seg(QStringLiteral("Cher Confrère,"), 56, 300), seg(QStringLiteral("Docteur Catherine LAURENT"), 56, 520)};
        page += tail;
        return readLetter({page}, {842.0});
    };
    const auto named = [](const LetterReading& r, const char* family) {
        return std::find_if(r.recipients.begin(), r.recipients.end(), [&](const Recipient& x) {
            return x.familyName == QString::fromUtf8(family) && x.zone == Zone::Copies;
        });
    };
    const LetterReading roman = letter({seg(QStringLiteral("Ampliations numérotées :"), 56, 566),
                                        seg(QStringLiteral("I. Dr V. NICOLAS – médecin généraliste"), 62, 578),
                                        seg(QStringLiteral("II. Docteur Sylvie RENARD – anesthésiste"), 62, 590)});
    REQUIRE(named(roman, "NICOLAS") != roman.recipients.end());
    CHECK(named(roman, "NICOLAS")->givenName == QStringLiteral("V."));
    CHECK(named(roman, "RENARD") != roman.recipients.end());

    const LetterReading byTown = letter({seg(QStringLiteral("Copies par commune :"), 56, 566),
                                         seg(QStringLiteral("PARIS – Dr M. PETIT (psychiatre)"), 62, 578)});
    REQUIRE(named(byTown, "PETIT") != byTown.recipients.end());
    CHECK(named(byTown, "PETIT")->city == QStringLiteral("PARIS"));

    const LetterReading cc =
        letter({seg(QStringLiteral("CC Dr Olivier BOYER, gastro-entérologue, Chartres"), 56, 566)});
    REQUIRE(named(cc, "BOYER") != cc.recipients.end());
    CHECK(named(cc, "BOYER")->role == RecipientRole::Cc);

    const LetterReading plus =
        letter({seg(QStringLiteral("Doubles : Dr ROUSSEL Éloïse + Docteur Bernard JOLY (Brest)"), 56, 566)});
    CHECK(named(plus, "ROUSSEL") != plus.recipients.end());
    CHECK(named(plus, "JOLY") != plus.recipients.end());
}

TEST_CASE("printed identity: machine forms, labels in brackets, DICOM attributes, an HL7 identifier", "[unit][ocr]")
{
    const TextIdentity brackets = parseIdentityText(
        {QStringLiteral("MOULIN [nom de naissance]"), QStringLiteral("Paul [prénoms]"),
         QStringLiteral("1943-05-01 [date de naissance]"), QStringLiteral("1430537261839-89 [matricule INS]")});
    CHECK(brackets.birthName == QStringLiteral("MOULIN"));
    CHECK(brackets.firstName == QStringLiteral("PAUL"));
    CHECK(brackets.matricules == QStringList{QStringLiteral("143053726183989")});

    const TextIdentity dicom = parseIdentityText({
        QStringLiteral("(0010,0010) Patient's Name : FONTAINE^LUCAS JEAN-BAPTISTE"),
        QStringLiteral("(0010,0020) Patient ID : 003169156"),
        QStringLiteral("(0010,0030) Patient's Birth Date : 19550926"),
        QStringLiteral("(0010,0040) Patient's Sex : M"),
        QStringLiteral("(0010,1001) Other Patient Names : RENAUD^LUCAS"),
        QStringLiteral("(0010,1000) Other Patient IDs : 155099913203642^^^&1.2.250.1.213.1.4.10&ISO"),
    });
    CHECK(dicom.birthName == QStringLiteral("FONTAINE"));
    CHECK(dicom.usedName.isEmpty()); // "Other Patient Names" does not say which name it is
    CHECK(dicom.firstNames == QStringList{QStringLiteral("LUCAS"), QStringLiteral("JEAN-BAPTISTE")});
    CHECK(dicom.birthDate == QDate(1955, 9, 26));
    CHECK(dicom.sex == Sex::Male);
    CHECK(dicom.matricules == QStringList{QStringLiteral("155099913203642")});
    CHECK(dicom.oid == QStringLiteral("1.2.250.1.213.1.4.10"));

    // An identifier of another authority is no INS; the patient ID is the IPP.
    const TextIdentity other =
        parseIdentityText({QStringLiteral("(0010,1000) Other Patient IDs : 155099913203642^^^&1.2.250.1.71.4.2.7&ISO"),
                           QStringLiteral("(0010,0020) Patient ID : 155099913203642")});
    CHECK(other.matricules.isEmpty());
}

TEST_CASE("printed identity: captions the reader does not know, the patient's address or room between the name and "
          "the date, INS and trait labels worded otherwise",
          "[unit][ocr]")
{
    const TextIdentity caption =
        parseIdentityText({QStringLiteral("Porteur des verres : Monsieur PICHON Vincent"),
                           QStringLiteral("né le 23.07.1974 – à 54395 Nancy – sexe : masculin")});
    CHECK(caption.birthName == QStringLiteral("PICHON"));
    CHECK(caption.firstName == QStringLiteral("VINCENT"));
    const TextIdentity address =
        parseIdentityText({QStringLiteral("Soins à domicile chez : Monsieur MEUNIER Pierre-Yves"),
                           QStringLiteral("1 rue de la Gare, 22000 Saint-Brieuc – tél. 07 66 34 56 49"),
                           QStringLiteral("Né le 14 février 1974 à NICE (06088) · sexe masculin")});
    CHECK(address.birthName == QStringLiteral("MEUNIER"));
    CHECK(address.birthPlace == QStringLiteral("06088"));
    const TextIdentity aged = parseIdentityText(
        {QStringLiteral("M. DENIS Jean-Claude Antoine (94 ans)"), QStringLiteral("naiss. : 18.02.1932 · Homme")});
    CHECK(aged.birthName == QStringLiteral("DENIS"));
    CHECK(aged.firstName == QStringLiteral("JEAN-CLAUDE"));
    CHECK(parseIdentityText({QStringLiteral("INS du résident : 1-89-03-99-131-857-11")}).matricules
          == QStringList{QStringLiteral("189039913185711")});
    CHECK(parseIdentityText({QStringLiteral("INS – n° de matricule : 1180863113265/48")}).matricules
          == QStringList{QStringLiteral("118086311326548")});
    // A date written wholly in words, the year too.
    CHECK(parseIdentityText({QStringLiteral("Né le quatre mars mil neuf cent quatre-vingt-neuf à Bruxelles (99131)")})
              .birthDate
          == QDate(1989, 3, 4));
    CHECK(parseIdentityText({QStringLiteral("née le premier janvier deux mille dix")}).birthDate == QDate(2010, 1, 1));
    CHECK(parseIdentityText({QStringLiteral("né le vingt et un juin mille neuf cent soixante et onze")}).birthDate
          == QDate(1971, 6, 21));
    // Another person's: never the patient's INS.
    CHECK(parseIdentityText({QStringLiteral("INS de l'assuré : 1 89 03 99 131 857 11")}).matricules.isEmpty());
    const TextIdentity dashed = parseIdentityText(
        {QStringLiteral("Nom de naissance – DUVAL"), QStringLiteral("Naissance (date) – 07/09/1943")});
    CHECK(dashed.birthName == QStringLiteral("DUVAL"));
    CHECK(dashed.birthDate == QDate(1943, 9, 7));
    const TextIdentity declared = parseIdentityText(
        {QStringLiteral("Prénom(s) déclaré(s) : Pierre-Yves"), QStringLiteral("Sexe enregistré : Masculin")});
    CHECK(declared.firstName == QStringLiteral("PIERRE-YVES"));
    CHECK(declared.sex == Sex::Male);
}

TEST_CASE("letter reading: the sender then 'à' then the addressee in one block, tagged copies, a town after the name",
          "[unit][ocr]")
{
    const QList<Segment> page{
        seg(QStringLiteral("Le Docteur Éric SANCHEZ"), 218, 130),
        seg(QStringLiteral("Chef de service"), 218, 142),
        seg(QStringLiteral("à"), 300, 154),
        seg(QStringLiteral("Madame le Docteur Béatrice TOULOUSE"), 218, 166),
        seg(QStringLiteral("Gériatre"), 218, 178),
        seg(QStringLiteral("27 route de Lyon"), 218, 190),
        seg(QStringLiteral("80000 Amiens"), 218, 202),
        seg(QStringLiteral("Je vous prie de croire, cher confrère, à mes sentiments les meilleurs."), 50, 600),
        seg(QStringLiteral("Dr Jean MARTIN"), 330, 640),
        seg(QStringLiteral("[Copie] Monsieur le Dr Paul BERTRAND – médecin généraliste – AJACCIO"), 50, 700),
    };
    const LetterReading r = readLetter({page}, {842.0});
    CHECK(recipientNames(r)
          == QStringList{QStringLiteral("Madame le Docteur Béatrice TOULOUSE (to)"),
                         QStringLiteral("Monsieur le Dr Paul BERTRAND (cc)")});
    // A given name before the family name: a word after it is the town, never a second given name.
    const auto p = parsePersonName(QStringLiteral("Dr Céline DUPONT-MOREAU Paris"), true);
    REQUIRE(p);
    CHECK(p->given == QStringLiteral("Céline"));
    CHECK(p->family == QStringLiteral("DUPONT-MOREAU"));
}

namespace
{
// A segment with its words' boxes, as the text layer gives them (4.4 pt a character).
Segment wordsSeg(const QString& text, double x, double y)
{
    Segment s{text, QRectF(x, y, 4.4 * text.size(), 10), 0, {}};
    qsizetype start = 0;
    for (const QString& w : text.split(QLatin1Char(' '))) {
        s.words += WordSpan{start, w.size(), QRectF(x + 4.4 * start, y, 4.4 * w.size(), 10)};
        start += w.size() + 1;
    }
    return s;
}
} // namespace

TEST_CASE("printed identity: a spouse's name under a sticker's, a run of capitals never ordered by the dictionary "
          "alone, 'naissance <date>', relatives after a dash, qualified INS labels",
          "[unit][ocr]")
{
    const QStringList sticker{QStringLiteral("GIRARD OCEANE"), QStringLiteral("EP. LEFÈVRE"),
                              QStringLiteral("NE(E) LE 17.06.1990 SEXE F"), QStringLiteral("LIEU NAISS. 13208"),
                              QStringLiteral("INS 2 90 06 13 208 409 32")};
    const TextIdentity caps = parseIdentityText(sticker);
    CHECK(caps.birthName == QStringLiteral("GIRARD"));
    CHECK(caps.usedName == QStringLiteral("LEFEVRE"));
    CHECK(caps.birthDate == QDate(1990, 6, 17));
    // "GIRARD OCEANE": which word is the given name, only the dictionary says; the INS waits.
    CHECK(caps.namesOrderedByDictionary);
    const PatientReading unsure = reconcileIdentity({}, caps);
    CHECK(unsure.status == IdentityStatus::Incomplete);
    CHECK(unsure.identity.ins.isEmpty());
    // Nor are the names shown split by the dictionary: the secretary types them.
    CHECK(unsure.identity.birthName.isEmpty());
    CHECK(unsure.identity.firstName.isEmpty());
    CHECK(unsure.identity.usedName == QStringLiteral("LEFEVRE"));
    // The window spells the given name in small letters beside the family name: the print says it.
    const TextIdentity spelt =
        parseIdentityText(QStringList{QStringLiteral("Madame GIRARD épouse LEFÈVRE Océane")} + sticker);
    CHECK_FALSE(spelt.namesOrderedByDictionary);
    CHECK(reconcileIdentity({}, spelt).identity.ins == QStringLiteral("290061320840932"));

    CHECK(parseIdentityText({QStringLiteral("Personne identifiée : CHEVALLIER Noël Olivier Jérôme"),
                             QStringLiteral("naissance 01 AVRIL 2011, Homme, à code 29019 = Brest")})
              .birthDate
          == QDate(2011, 4, 1));
    // The spouse's birth date after "Conjoint ou conjointe —" is not the patient's.
    const TextIdentity relative = parseIdentityText(
        {QStringLiteral("NOM (naissance) — LEGRAND"), QStringLiteral("Prénoms complets — Maxime Nathan"),
         QStringLiteral("Né(e) le — 31 03 1977"), QStringLiteral("Sexe — Homme"),
         QStringLiteral("Conjoint ou conjointe — Mme VINCENT Mathilde, née le 20/12/1982")});
    CHECK(relative.firstName == QStringLiteral("MAXIME"));
    CHECK(relative.birthDate == QDate(1977, 3, 31));
    CHECK(relative.conflicts.isEmpty());
    CHECK(parseIdentityText({QStringLiteral("N° INS du bénéficiaire des soins 260092A004119 (clé 38)")}).matricules
          == QStringList{QStringLiteral("260092A00411938")});
    CHECK(parseIdentityText({QStringLiteral("N° INS-NIR ATTRIBUÉ : 119083818576254")}).matricules
          == QStringList{QStringLiteral("119083818576254")});
    CHECK(parseIdentityText({QStringLiteral("Monsieur Joël LEMAIRE, né le 21 octobre 1990, immatriculé à l'INS sous "
                                            "le n° 1 90 10 99 139 597 94, pour une toux")})
              .matricules
          == QStringList{QStringLiteral("190109913959794")});
    // A name's aside holding a label of its own: the given names after it are still the name's.
    const TextIdentity aside = parseIdentityText(
        {QStringLiteral("Nom et prénoms du malade : LAURENT (nom d'usage : LAPORTE) Marie-Claire Aïcha")});
    CHECK(aside.firstName == QStringLiteral("MARIE-CLAIRE"));
    CHECK(aside.usedName == QStringLiteral("LAPORTE"));
    const TextIdentity slashed =
        parseIdentityText({QStringLiteral("Né(e) le / sexe"), QStringLiteral("23 03 1969 / F")});
    CHECK(slashed.birthDate == QDate(1969, 3, 23));
    CHECK(slashed.sex == Sex::Female);
    CHECK(parseIdentityText({QStringLiteral("Pièce relative à : N'GUESSAN Isabelle – Féminin – née le 29-04-2009")})
              .birthName
          == QStringLiteral("N'GUESSAN"));
    // The INS printed in groups of five carries the birth place's code: no evidence of the place.
    CHECK(parseIdentityText(
              {QStringLiteral("MLLE Alice Yasmine GILBERT"), QStringLiteral("° 1/7/2021 • F • INS 22107 99350 44908")})
              .birthPlace.isEmpty());
}

TEST_CASE("printed identity: 'Sujet' as the patient's caption, the INS key in a cell of its own", "[unit][ocr]")
{
    const TextIdentity subject = parseIdentityText(QList<QList<Segment>>{{
        seg(QStringLiteral("Sujet"), 64, 198),
        seg(QStringLiteral("PERRIN Marie-Thérèse Solène"), 142, 198),
        seg(QStringLiteral("Date de naissance 26/11/1948"), 64, 211),
    }});
    CHECK(subject.birthName == QStringLiteral("PERRIN"));
    CHECK(subject.firstName == QStringLiteral("MARIE-THERESE"));
    const TextIdentity key = parseIdentityText(QList<QList<Segment>>{{
        seg(QStringLiteral("N° INS-NIR ATTRIBUÉ : 2 21 08 99 139 564"), 352, 306),
        seg(QStringLiteral("31"), 535, 306),
    }});
    CHECK(key.matricules == QStringList{QStringLiteral("221089913956431")});
}

TEST_CASE("layout: a large word set askew behind the text is no line of the letter", "[unit][ocr]")
{
    QList<Word> words;
    for (int i = 0; i < 10; ++i) {
        words += Word{QStringLiteral("mot%1").arg(i), QRectF(50 + 40 * i, 300, 30, 8)};
    }
    // "DUPLICATA" at 12°: one glyph after another, each 4.5 pt higher.
    const QString watermark = QStringLiteral("DUPLICATA");
    for (qsizetype i = 0; i < watermark.size(); ++i) {
        words += Word{watermark.mid(i, 1), QRectF(150 + 21.0 * i, 330 - 4.5 * i, 21, 30)};
    }
    const QList<Word> kept = withoutSkewedWatermark(words);
    CHECK(kept.size() == 10);
    // A large title on one baseline stays.
    QList<Word> titled = words.mid(0, 10);
    for (qsizetype i = 0; i < 4; ++i) {
        titled += Word{QStringLiteral("AB"), QRectF(150 + 30.0 * i, 100, 28, 30)};
    }
    CHECK(withoutSkewedWatermark(titled).size() == 14);
}

TEST_CASE("letter reading: a copies list run on after a sentence, a family name cut from its initial", "[unit][ocr]")
{
    const QList<Segment> page{
        wordsSeg(QStringLiteral("Dr Pauline ROUX"), 330, 130),
        wordsSeg(QStringLiteral("Je vous prie de croire, cher confrère, à mes sentiments les meilleurs."), 50, 600),
        wordsSeg(QStringLiteral("Dr Jean MARTIN"), 330, 640),
        wordsSeg(QStringLiteral("Alimentation DMP : effectuée. Également destinataires : Dr MARÉCHAL (LORIENT) — Dr N. "
                                "MILLET"),
                 50, 700),
        wordsSeg(QStringLiteral("(TOURS)."), 50, 712),
        wordsSeg(QStringLiteral("cc. GUÉRIN Marie-Hélène (Dr), oto-rhino-laryngologiste, NANCY / GARCIA"), 50, 740),
        wordsSeg(QStringLiteral("A. (Dr), médecin généraliste, Lyon / MÜLLER T. (Dr), médecine générale,"), 50, 752),
        wordsSeg(QStringLiteral("Saint-Malo"), 50, 764),
    };
    const LetterReading r = readLetter({page}, {842.0});
    const auto find = [&](const QString& family) -> const Recipient* {
        const auto it = std::find_if(r.recipients.begin(), r.recipients.end(),
                                     [&](const Recipient& x) { return x.familyName == family; });
        return it == r.recipients.end() ? nullptr : &*it;
    };
    const Recipient* millet = find(QStringLiteral("MILLET"));
    REQUIRE(millet);
    CHECK(millet->role == RecipientRole::Cc);
    CHECK(millet->city.compare(QStringLiteral("TOURS"), Qt::CaseInsensitive) == 0);
    REQUIRE(find(QStringLiteral("MARÉCHAL")));
    const Recipient* garcia = find(QStringLiteral("GARCIA"));
    REQUIRE(garcia);
    CHECK(garcia->givenName == QStringLiteral("A."));
    CHECK(garcia->city.compare(QStringLiteral("Lyon"), Qt::CaseInsensitive) == 0);
    const Recipient* guerin = find(QStringLiteral("GUÉRIN"));
    REQUIRE(guerin);
    CHECK(guerin->city.compare(QStringLiteral("NANCY"), Qt::CaseInsensitive) == 0);
}

TEST_CASE("printed identity: 'À prévenir' after a dash is someone else, a qualified INS label alone in its cell, a "
          "name's aside in the cell beside its caption",
          "[unit][ocr]")
{
    const TextIdentity warned = parseIdentityText(
        {QStringLiteral("NOM (naissance) — LEJEUNE"), QStringLiteral("Prénom(s) complets — Arthur, Jérôme"),
         QStringLiteral("Date de naissance — 06 12 1946"),
         QStringLiteral("À prévenir en cas de besoin — M. GIRARD Philippe, né le 17/08/1948 – tél. 07 58 23 44 68")});
    CHECK(warned.birthDate == QDate(1946, 12, 6));
    CHECK(warned.usedName.isEmpty());
    CHECK(warned.conflicts.isEmpty());
    const TextIdentity cells = parseIdentityText(QList<QList<Segment>>{{
        seg(QStringLiteral("N° INS-NIR attribué"), 58, 329),
        seg(QStringLiteral("— 1.64.03.99.134.059-04"), 160, 329),
        seg(QStringLiteral("Nom et prénoms du malade"), 58, 345),
        seg(QStringLiteral("LAURENT (nom d'usage : LAPORTE) Marie-Claire Aïcha"), 200, 345),
    }});
    CHECK(cells.matricules == QStringList{QStringLiteral("164039913405904")});
    CHECK(cells.firstName == QStringLiteral("MARIE-CLAIRE"));
    CHECK(cells.usedName == QStringLiteral("LAPORTE"));
}

TEST_CASE("letter reading: 'Courrier transmis au Dr X' names the addressee, 'Un second exemplaire part chez :' heads "
          "copies",
          "[unit][ocr]")
{
    const QList<Segment> page{
        seg(QStringLiteral("Courrier transmis au Dr Michel MICHEL, hépato-gastro-entérologue (via MSSanté)."), 160,
            150),
        seg(QStringLiteral("Monsieur le Docteur,"), 160, 300),
        seg(QStringLiteral("Je vous prie de croire, cher confrère, à mes sentiments les meilleurs."), 160, 600),
        seg(QStringLiteral("Dr Jean MARTIN"), 330, 640),
        seg(QStringLiteral("Un second exemplaire part chez :"), 50, 700),
        seg(QStringLiteral("Dr DUMONT Thierry – 6 bis rue du Port – 75001 PARIS"), 56, 712),
    };
    const LetterReading r = readLetter({page}, {842.0});
    CHECK(recipientNames(r)
          == QStringList{QStringLiteral("Dr Michel MICHEL (to)"), QStringLiteral("Dr DUMONT Thierry (cc)")});
}

TEST_CASE("printed identity: a database's English month, a letter to the patient in the second person", "[unit][ocr]")
{
    CHECK(parseIdentityText({QStringLiteral("Date de naissance : 16-JUN-1997")}).birthDate == QDate(1997, 6, 16));
    const TextIdentity yours = parseIdentityText(
        {QStringLiteral("Nom de naissance (le vôtre) : BERNARD"), QStringLiteral("Sexe indiqué : masculin")});
    CHECK(yours.birthName == QStringLiteral("BERNARD"));
    CHECK(yours.sex == Sex::Male);
}

TEST_CASE("letter reading: the patient's own copy under a list's last entry is not that entry's place", "[unit][ocr]")
{
    const QList<Segment> page{
        seg(QStringLiteral("Cher ami,"), 160, 300),
        seg(QStringLiteral("Cordialement."), 160, 500),
        seg(QStringLiteral("Dr Jean MARTIN"), 330, 540),
        seg(QStringLiteral("Copie(s) aussi à"), 393, 583),
        seg(QStringLiteral("Dr DUPUY Vincent"), 393, 593),
        seg(QStringLiteral("médecin généraliste – ORLÉANS"), 393, 603),
        seg(QStringLiteral("Dr L. MOREL"), 393, 613),
        seg(QStringLiteral("urgentiste – TROYES"), 393, 623),
        seg(QStringLiteral("un exemplaire à la personne"), 393, 633),
    };
    const LetterReading r = readLetter({page}, {842.0});
    REQUIRE(r.recipients.size() == 2);
    CHECK(r.recipients[1].familyName == QStringLiteral("MOREL"));
    CHECK(r.recipients[1].city == QStringLiteral("TROYES"));
    CHECK(r.copyToPatient);
}

TEST_CASE("printed identity: OCR's O for a zero in a date's figures", "[unit][ocr]")
{
    CHECK(parseIdentityText({QStringLiteral("Date de naissance : O1 05 1943")}).birthDate == QDate(1943, 5, 1));
    CHECK(parseIdentityText({QStringLiteral("Date de naissance : 1O/O3/2OO1")}).birthDate == QDate(2001, 3, 10));
}

TEST_CASE("printed identity: a letter to a child's parents names the child's traits", "[unit][ocr]")
{
    const TextIdentity child = parseIdentityText(
        {QStringLiteral("Nom de l'enfant (naissance) : LEJEUNE"), QStringLiteral("Ses prénoms : Jean-Pierre"),
         QStringLiteral("Identifiant national de santé de l'enfant : 1120176540704 16")});
    CHECK(child.birthName == QStringLiteral("LEJEUNE"));
    CHECK(child.firstName == QStringLiteral("JEAN-PIERRE"));
    CHECK(child.matricules == QStringList{QStringLiteral("112017654070416")});
}

TEST_CASE("letter reading: a copy for the trusted person is not the patient's copy", "[unit][ocr]")
{
    const QList<Segment> page{
        seg(QStringLiteral("Cher ami,"), 160, 300),
        seg(QStringLiteral("Cordialement."), 160, 500),
        seg(QStringLiteral("Dr Jean MARTIN"), 330, 540),
        seg(QStringLiteral("Un exemplaire à la personne de confiance."), 160, 600),
    };
    CHECK_FALSE(readLetter({page}, {842.0}).copyToPatient);
}

// A segment of a given height (a caption in smaller print than its values).
Segment sized(const QString& text, double x, double y, double height)
{
    return Segment{text, QRectF(x, y, 4.5 * text.size(), height), 0, {}};
}

// A segment in the box the text layer gave it (cells whose gaps the reading depends on).
Segment boxed(const QString& text, double x, double y, double width, double height = 10.0)
{
    return Segment{text, QRectF(x, y, width, height), 0, {}};
}

// Page 1 read with a salutation, a closing and the author's signature under `page`'s lines: the
// reader places addressees above the letter and copies under it.
LetterReading readSigned(QList<Segment> page, const QString& author, double authorX)
{
    page += seg(QStringLiteral("Cher confrère,"), 60, 400);
    page += seg(QStringLiteral("Bien confraternellement."), 60, 500);
    page += seg(author, authorX, 540);
    LetterReading r = readLetter({page}, {842.0});
    UNSCOPED_INFO(recipientNames(r).join(QStringLiteral(", ")).toStdString());
    return r;
}

TEST_CASE("printed identity: a sentence's full stop after a name, 'dont le nom à l'état civil est', a room line "
          "between the name and the date",
          "[unit][ocr]")
{
    const TextIdentity stops = parseIdentityText({QStringLiteral(
        "Nom de naissance : VIDAL. Nom d'usage : MASSON. Prénom(s) : Odile. Née le 1977-12-26 à 76540")});
    CHECK(stops.birthName == QStringLiteral("VIDAL"));
    CHECK(stops.usedName == QStringLiteral("MASSON"));
    CHECK(stops.firstName == QStringLiteral("ODILE"));
    // An abbreviation keeps its dot: "M." is a civility, never a name.
    const TextIdentity civility = parseIdentityText({QStringLiteral("Patient : M. DUPONT Jean")});
    CHECK(civility.sex == Sex::Male);
    CHECK(civility.firstName == QStringLiteral("JEAN"));
    const TextIdentity said = parseIdentityText(
        {QStringLiteral("Madame Nicole LAMY"), QStringLiteral("Ch. 180   ·    GIR 1   ·   Entrée le 12/12/2014"),
         QStringLiteral("Née le 24/09/1945 à Mulhouse (68224), dont le nom à"),
         QStringLiteral("l'état civil est DELAUNAY, sexe déclaré à l'état civil : féminin.")});
    CHECK(said.birthName == QStringLiteral("DELAUNAY"));
    CHECK(said.usedName == QStringLiteral("LAMY"));
    CHECK(said.firstName == QStringLiteral("NICOLE"));
    CHECK(said.sex == Sex::Female);
    const TextIdentity ordered = parseIdentityText(
        {QStringLiteral("Prénom(s) de naissance, dans l'ordre de l'état civil"), QStringLiteral("  Jérôme Mohamed")});
    CHECK(ordered.firstNames == QStringList{QStringLiteral("JEROME"), QStringLiteral("MOHAMED")});
}

TEST_CASE("printed identity: 'Nom de naissance, prénoms' over one name, labels over values set as tight as "
          "captions, 'CIVILITÉ ET NOMS' and 'NÉ·E LE / À' headings",
          "[unit][ocr]")
{
    for (const char* label : {"Nom de naissance, prénoms : DUPUIS – Lan Manon Brigitte",
                              "Nom de naissance et prénoms : DUPUIS Lan Manon Brigitte"}) {
        const TextIdentity t = parseIdentityText({QString::fromUtf8(label)});
        CHECK(t.birthName == QStringLiteral("DUPUIS"));
        CHECK(t.firstName == QStringLiteral("LAN"));
        CHECK(t.firstNames == QStringList{QStringLiteral("LAN"), QStringLiteral("MANON"), QStringLiteral("BRIGITTE")});
    }
    const TextIdentity over = parseIdentityText(QList<QList<Segment>>{{
        Segment{QStringLiteral("Nom de naissance, prénoms"), QRectF(466, 53, 90, 7), 0, {}},
        Segment{QStringLiteral("DUPUIS – Lan Manon Brigitte"), QRectF(409, 62, 146, 10), 0, {}},
    }});
    CHECK(over.birthName == QStringLiteral("DUPUIS"));
    CHECK(over.firstName == QStringLiteral("LAN"));
    // Each caption 0.46 pt over its value and 0.05 pt under the value before: the gaps are even,
    // the heading over the first label says the labels stand over their values.
    const TextIdentity tight = parseIdentityText(QList<QList<Segment>>{{
        sized(QStringLiteral("Patient"), 331, 300.46, 12.35),
        sized(QStringLiteral("Nom (naissance)"), 331, 318.50, 9.75),
        sized(QStringLiteral("ANDRÉ"), 331, 328.71, 12.35),
        sized(QStringLiteral("Prénoms de naissance"), 331, 341.11, 9.75),
        sized(QStringLiteral("Pierre"), 331, 351.32, 12.35),
        sized(QStringLiteral("D.N."), 331, 363.73, 9.75),
        sized(QStringLiteral("23 novembre 2005 (21 ans)"), 331, 373.93, 12.35),
        sized(QStringLiteral("Sexe"), 331, 386.34, 9.75),
        sized(QStringLiteral("MASCULIN"), 331, 396.54, 12.35),
    }});
    CHECK(tight.birthName == QStringLiteral("ANDRE"));
    CHECK(tight.firstName == QStringLiteral("PIERRE"));
    CHECK(tight.birthDate == QDate(2005, 11, 23));
    const TextIdentity headed =
        parseIdentityText({QStringLiteral("CIVILITÉ ET NOMS"), QStringLiteral("LE ROUX"),
                           QStringLiteral("Marie-Claire"), QStringLiteral("Féminin"), QStringLiteral("NÉ·E LE / À"),
                           QStringLiteral("1981-07-14"), QStringLiteral("Maroc (99350)")});
    CHECK(headed.birthName == QStringLiteral("LE ROUX"));
    CHECK(headed.firstName == QStringLiteral("MARIE-CLAIRE"));
    CHECK(headed.birthDate == QDate(1981, 7, 14));
}

TEST_CASE("printed identity: a side column beside the running text, whose 'est assuré par' names no insured person",
          "[unit][ocr]")
{
    const TextIdentity side = parseIdentityText(QList<QList<Segment>>{{
        sized(QStringLiteral("PERSONNE"), 418, 281, 7.5),
        sized(QStringLiteral("Cher Collègue,"), 60, 290.87, 12),
        sized(QStringLiteral("LE ROUX"), 418, 292.04, 9),
        sized(QStringLiteral("Marie-Claire"), 418, 304.64, 9),
        sized(QStringLiteral("Le suivi habituel est assuré par le Docteur Mehdi"), 60, 312.47, 12),
        sized(QStringLiteral("Féminin"), 418, 317.24, 9),
        sized(QStringLiteral("DELAUNAY. Pas d'allergie médicamenteuse connue."), 60, 329.27, 12),
        sized(QStringLiteral("NAISSANCE"), 418, 335.60, 7.5),
        sized(QStringLiteral("1981-07-14"), 418, 346.64, 9),
        sized(QStringLiteral("TA 135/82 mmHg, FC 72/min, SpO2 97 % en air"), 60, 352.67, 12),
        sized(QStringLiteral("Maroc (99350)"), 418, 359.24, 9),
    }});
    CHECK(side.birthName == QStringLiteral("LE ROUX"));
    CHECK(side.firstName == QStringLiteral("MARIE-CLAIRE"));
    CHECK(side.birthDate == QDate(1981, 7, 14));
    CHECK(side.sex == Sex::Female);
    // The insured person's own label still sets the block under it aside.
    const TextIdentity insured = parseIdentityText(
        {QStringLiteral("Assurée : MOREAU Claire née le 12/04/1960"), QStringLiteral("Enfant : MOREAU Léo")});
    CHECK(insured.birthDate != QDate(1960, 4, 12));
}

TEST_CASE("letter reading: a title in capitals over a subtitle of another type, a list's name without colon, a "
          "bracketed '[Double]', a copy kept in the file is no town",
          "[unit][ocr]")
{
    const QList<Segment> page{
        sized(QStringLiteral("COMPTE RENDU D'EXAMENS BIOLOGIQUES"), 60, 238, 14.95),
        sized(QStringLiteral("Consultation pré-anesthésique"), 218, 259, 14.30),
        seg(QStringLiteral("Madame, Monsieur,"), 60, 300),
        seg(QStringLiteral("Bien confraternellement."), 60, 500),
        seg(QStringLiteral("Dr Marc THOMAS"), 330, 540),
        seg(QStringLiteral("CORRESPONDANTS INFORMÉS Docteur Olivier MÉNARD, urologue – REIMS"), 56, 600),
        seg(QStringLiteral("[Original] Dr Catherine DAVID – VIENNE"), 160, 640),
        seg(QStringLiteral("[Double] Dr Benoît GIRAUD – médecin généraliste – Dijon"), 160, 652),
        seg(QStringLiteral("Diff. : Dr LEROY Léa (LIMOGES) – Dr LOUIS Daniel – Dossier"), 56, 700),
    };
    const LetterReading r = readLetter({page}, {842.0});
    REQUIRE(r.documentType);
    CHECK(r.documentType->code == QStringLiteral("11502-2"));
    const QStringList names = recipientNames(r);
    INFO(names.join(QStringLiteral(", ")).toStdString());
    CHECK(names.contains(QStringLiteral("Docteur Olivier MÉNARD (cc)")));
    CHECK(names.contains(QStringLiteral("Dr Benoît GIRAUD (cc)")));
    for (const Recipient& x : r.recipients) {
        if (x.familyName == QStringLiteral("LOUIS")) {
            CHECK(x.city.isEmpty());
        }
    }
}

TEST_CASE("printed identity: a label's code in brackets, 'Dossier discuté :', given names after 'née X,', the "
          "newborn's block headed 'LE NOUVEAU-NÉ'",
          "[unit][ocr]")
{
    CHECK(parseIdentityText({QStringLiteral("Nom de naissance (NN) : CARON ..........")}).birthName
          == QStringLiteral("CARON"));
    const TextIdentity discussed =
        parseIdentityText({QStringLiteral("Dossier discuté : M. BLANC Joël, Laurent ; Né(e) le 16.2.1946 ; Sexe : M")});
    CHECK(discussed.birthName == QStringLiteral("BLANC"));
    CHECK(discussed.firstName == QStringLiteral("JOEL"));
    const TextIdentity born = parseIdentityText({QStringLiteral("Patient : SCHMITT née CARRÉ, Clémence")});
    CHECK(born.birthName == QStringLiteral("CARRE"));
    CHECK(born.usedName == QStringLiteral("SCHMITT"));
    CHECK(born.firstName == QStringLiteral("CLEMENCE"));
    const TextIdentity mother =
        parseIdentityText({QStringLiteral("LA MÈRE"), QStringLiteral("Nom de naissance LEMAIRE"),
                           QStringLiteral("Prénom(s) Emma, Sylvie"), QStringLiteral("Née le 13 Juin 1982"),
                           QStringLiteral(""), QStringLiteral("LE NOUVEAU-NÉ"), QStringLiteral("Nom LEMAIRE"),
                           QStringLiteral("Prénom Sylvie"), QStringLiteral("Né(e) le 11/11/2026 à 08h46")});
    CHECK(mother.firstName == QStringLiteral("EMMA"));
    CHECK(mother.birthDate == QDate(1982, 6, 13));
}

TEST_CASE("letter reading: a copies list in two columns of untitled names, each with its own place under it",
          "[unit][ocr]")
{
    const QList<Segment> page{
        seg(QStringLiteral("Cher ami,"), 160, 300),
        seg(QStringLiteral("Cordialement."), 160, 500),
        seg(QStringLiteral("Dr Jean MARTIN"), 330, 540),
        seg(QStringLiteral("Copies adressées à :"), 56, 606),
        seg(QStringLiteral("DURAND Brigitte"), 64, 619),
        seg(QStringLiteral("LAURENT Nathan"), 311, 619),
        seg(QStringLiteral("Endocrinologue-diabétologue – MONTPELLIER"), 64, 631),
        seg(QStringLiteral("Médecin généraliste – Bordeaux"), 311, 631),
    };
    const LetterReading r = readLetter({page}, {842.0});
    REQUIRE(r.recipients.size() == 2);
    CHECK(r.recipients[0].familyName == QStringLiteral("DURAND"));
    CHECK(r.recipients[0].city == QStringLiteral("MONTPELLIER"));
    CHECK(r.recipients[1].familyName == QStringLiteral("LAURENT"));
    CHECK(r.recipients[1].city == QStringLiteral("Bordeaux"));
}

TEST_CASE("printed identity: an abbreviated label keeps its dot ('Naiss. le'), never a given name", "[unit][ocr]")
{
    const TextIdentity row = parseIdentityText(QList<QList<Segment>>{{
        Segment{QStringLiteral("Nom de naissance"), QRectF(64, 752.62, 49.92, 4.09), 0, {}},
        Segment{QStringLiteral("Nom d'usage"), QRectF(139.12, 752.62, 34.32, 4.09), 0, {}},
        Segment{QStringLiteral("PRÉNOMS (TOUS)"), QRectF(198.64, 752.62, 43.68, 4.09), 0, {}},
        Segment{QStringLiteral("Naiss. le"), QRectF(267.52, 752.62, 28.08, 4.09), 0, {}},
        Segment{QStringLiteral("Sexe"), QRectF(340.72, 752.62, 12.48, 4.09), 0, {}},
        Segment{QStringLiteral("LAURENT"), QRectF(64, 761.86, 33.6, 6.29), 0, {}},
        Segment{QStringLiteral("BOYER"), QRectF(139.12, 761.86, 24, 6.29), 0, {}},
        Segment{QStringLiteral("Clémence"), QRectF(198.64, 761.86, 38.4, 6.29), 0, {}},
        Segment{QStringLiteral("14/12/1985"), QRectF(267.52, 761.86, 48, 6.29), 0, {}},
        Segment{QStringLiteral("F"), QRectF(340.72, 761.86, 4.8, 6.29), 0, {}},
    }});
    CHECK(row.firstNames == QStringList{QStringLiteral("CLEMENCE")});
}

TEST_CASE("letter reading: a window of eight lines under its titled name, 'Également informés :', a form's 'Commune "
          "d'exercice', 'Tél. cabinet' under the window, 'Expédié à :', a letter handed to the patient for a doctor",
          "[unit][ocr]")
{
    const auto read = [](const QList<Segment>& page) {
        return readSigned(page, QStringLiteral("Dr Gérard BENALI"), 330);
    };
    const LetterReading institution = read({
        seg(QStringLiteral("Dr M. DUBOIS"), 52, 160),
        seg(QStringLiteral("Gynécologue"), 52, 172),
        seg(QStringLiteral("CENTRE HOSPITALIER UNIVERSITAIRE"), 52, 184),
        seg(QStringLiteral("DE VANNES"), 52, 196),
        seg(QStringLiteral("Lieu-dit Le Haut Bourg"), 52, 208),
        seg(QStringLiteral("51 route de Lyon"), 52, 220),
        seg(QStringLiteral("CS 86217"), 52, 232),
        seg(QStringLiteral("56000 VANNES CEDEX"), 52, 244),
        seg(QStringLiteral("Troyes, le 17 novembre 2026"), 330, 276),
        seg(QStringLiteral("Également informés : Docteur FABRE Nathan – SAINT-DENIS"), 60, 287),
    });
    CHECK(recipientNames(institution)
          == QStringList{QStringLiteral("Dr M. DUBOIS (to)"), QStringLiteral("Docteur FABRE Nathan (cc)")});
    REQUIRE(!institution.recipients.isEmpty());
    CHECK(institution.recipients.front().city == QStringLiteral("VANNES"));

    const LetterReading form = read({
        seg(QStringLiteral("Destinataire : Docteur Solène BOUCHET"), 60, 134),
        seg(QStringLiteral("Spécialité : Médecin généraliste"), 60, 146),
        seg(QStringLiteral("Commune d'exercice : 44000 NANTES"), 60, 159),
    });
    REQUIRE(recipientNames(form) == QStringList{QStringLiteral("Docteur Solène BOUCHET (to)")});
    CHECK(form.recipients.front().city == QStringLiteral("NANTES"));

    const LetterReading phoned = read({
        seg(QStringLiteral("Dr PASQUIER Thomas"), 74, 204),
        seg(QStringLiteral("17 rue Jean Jaurès"), 74, 219),
        seg(QStringLiteral("93200 SAINT-DENIS"), 74, 235),
        seg(QStringLiteral("Tél. cabinet : 01.48.72.18.88"), 74, 250),
        seg(QStringLiteral("Le 08/11/2026"), 50, 284),
    });
    CHECK(recipientNames(phoned) == QStringList{QStringLiteral("Dr PASQUIER Thomas (to)")});

    const LetterReading sent = read({
        seg(QStringLiteral("EXPÉDIÉ À : Docteur André GILLET"), 66, 150),
        seg(QStringLiteral("Médecin généraliste"), 80, 162),
        seg(QStringLiteral("69 quai Saint-Antoine"), 80, 174),
        seg(QStringLiteral("67000 STRASBOURG"), 80, 187),
    });
    CHECK(recipientNames(sent) == QStringList{QStringLiteral("Docteur André GILLET (to)")});

    const LetterReading handed = read({
        seg(QStringLiteral("Le 18/11/2026"), 200, 150),
        seg(QStringLiteral("Pli remis à M. ROYER pour le Dr L. BERNARD (médecine interne, POITIERS)."), 200, 162),
    });
    REQUIRE(recipientNames(handed) == QStringList{QStringLiteral("Dr L. BERNARD (to)")});
    CHECK(handed.recipients.front().city == QStringLiteral("POITIERS"));
}

TEST_CASE("printed identity: the sex's letter first in a banner's row, before the age, beside a badge's initials",
          "[unit][ocr]")
{
    const TextIdentity banner = parseIdentityText(
        {QStringLiteral("FRANÇOIS Marie-Claire"),
         QStringLiteral("MF F · 83 ans · Né(e) le mercredi 4 août 1943 · Né(e) au Cameroun (99322)")});
    CHECK(banner.sex == Sex::Female);
    // Initials are no sex: a badge "FM" beside a man's banner.
    CHECK(parseIdentityText(
              {QStringLiteral("MOREL François"), QStringLiteral("FM H · 60 ans · Né le 04/08/1966 · Brest (29019)")})
              .sex
          == Sex::Male);
}

TEST_CASE("printed identity: captions after their values, a form's '»', '(patronyme)', 'nom reçu à la naissance', "
          "'Observation de', 'établi au nom de', 'Examen réalisé chez :'",
          "[unit][ocr]")
{
    const TextIdentity after = parseIdentityText(
        {QStringLiteral("CHEVALIER nom de famille MOREAU nom d'usage Océane Noémie prénom(s) 10/07/1990 date de "
                        "naissance Femme sexe"),
         QStringLiteral("Tours (37261) lieu de naissance 2 90 07 37 261 306 47 matricule INS")});
    CHECK(after.birthName == QStringLiteral("CHEVALIER"));
    CHECK(after.usedName == QStringLiteral("MOREAU"));
    CHECK(after.firstName == QStringLiteral("OCEANE"));
    CHECK(after.sex == Sex::Female);
    CHECK(after.birthPlace == QStringLiteral("37261"));
    // A sentence whose last caption waits for its value on the next line keeps its order.
    const TextIdentity sentence =
        parseIdentityText({QStringLiteral("suivante : nom de naissance PHILIPPE, prénoms Hervé, date de naissance"),
                           QStringLiteral("08/11/1955, sexe M, lieu de naissance 56178 – Pontivy, matricule INS"),
                           QStringLiteral("1551156178288-88 (OID 1.2.250.1.213.1.4.10).")});
    CHECK(sentence.birthName == QStringLiteral("PHILIPPE"));
    CHECK(sentence.birthDate == QDate(1955, 11, 8));
    CHECK(sentence.sex == Sex::Male);
    const TextIdentity arrows =
        parseIdentityText({QStringLiteral("Patronyme » CHEVALIER"), QStringLiteral("Prénom(s) » Vincent Antoine"),
                           QStringLiteral("Sexe » Homme")});
    CHECK(arrows.birthName == QStringLiteral("CHEVALIER"));
    CHECK(arrows.firstName == QStringLiteral("VINCENT"));
    CHECK(parseIdentityText({QStringLiteral("Nom de naissance (patronyme)"), QStringLiteral("NOËL"),
                             QStringLiteral("Prénoms"), QStringLiteral("Brigitte")})
              .birthName
          == QStringLiteral("NOEL"));
    CHECK(parseIdentityText({QStringLiteral("Nom reçu à la naissance : DIALLO")}).birthName
          == QStringLiteral("DIALLO"));
    const TextIdentity observed = parseIdentityText({QStringLiteral("Observation de Mme Lan LECLERCQ, née ROUSSEAU")});
    CHECK(observed.birthName == QStringLiteral("ROUSSEAU"));
    CHECK(observed.usedName == QStringLiteral("LECLERCQ"));
    const TextIdentity named = parseIdentityText(
        {QStringLiteral("Compte rendu établi au nom de Madame Julie THOMAS,"), QStringLiteral("née BOULANGER")});
    CHECK(named.birthName == QStringLiteral("BOULANGER"));
    CHECK(named.firstName == QStringLiteral("JULIE"));
    const TextIdentity done = parseIdentityText(
        {QStringLiteral("Examen réalisé chez :"), QStringLiteral("M. MOREAU Jean-François, Thomas, Yves"),
         QStringLiteral("né le 04-06-2010 — sexe M — INS 1 10 06 97 209 708 – clé 47")});
    CHECK(done.birthName == QStringLiteral("MOREAU"));
    CHECK(done.firstName == QStringLiteral("JEAN-FRANCOIS"));
}

TEST_CASE("letter reading: a list's heading without its colon ('Autre(s) envoi(s)', 'Copies expédiées'), 'J'adresse "
          "également ce compte rendu … au Dr', a sentence 'à l'intention du Dr X (…, town), qui …', 'Praticien à qui "
          "s'adresse ce courrier :'",
          "[unit][ocr]")
{
    const auto read = [](QList<Segment> page) {
        page += seg(QStringLiteral("Médecin"), 165, 552);
        return readSigned(page, QStringLiteral("Dr Camille GUILLOT"), 165);
    };
    for (const QString& heading : {QStringLiteral("Autre(s) envoi(s)"), QStringLiteral("Copies expédiées")}) {
        const LetterReading listed = read({
            seg(heading, 165, 600),
            seg(QStringLiteral("Dr Louis BOUVIER"), 165, 614),
            seg(QStringLiteral("urgentiste – SAINT-NAZAIRE"), 397, 614),
            seg(QStringLiteral("Dr A. BOURGEOIS"), 165, 629),
            seg(QStringLiteral("médecin généraliste – STRASBOURG"), 362, 629),
        });
        CHECK(recipientNames(listed)
              == QStringList{QStringLiteral("Dr Louis BOUVIER (cc)"), QStringLiteral("Dr A. BOURGEOIS (cc)")});
    }
    const LetterReading told = read({
        seg(QStringLiteral("J'adresse également ce compte rendu, pour information, au"), 165, 600),
        seg(QStringLiteral("Docteur Claire GUILLAUME, à SAINT-NAZAIRE, et au Dr RENAUD Alice."), 165, 612),
    });
    CHECK(recipientNames(told)
          == QStringList{QStringLiteral("Docteur Claire GUILLAUME (cc)"), QStringLiteral("Dr RENAUD Alice (cc)")});
    const LetterReading meant = read({
        seg(QStringLiteral("Mulhouse, le 4 novembre 2026"), 60, 200),
        seg(QStringLiteral("Compte rendu établi à l'intention du Dr Olivier HERVÉ (urgentiste, Pontivy), médecin qui "
                           "a demandé l'examen."),
            60, 212),
    });
    REQUIRE(recipientNames(meant) == QStringList{QStringLiteral("Dr Olivier HERVÉ (to)")});
    CHECK(meant.recipients.front().city == QStringLiteral("Pontivy"));
    const LetterReading form = read({
        seg(QStringLiteral("Praticien à qui s'adresse ce courrier : Docteur Antoine BOYER"), 160, 150),
        seg(QStringLiteral("Exercice : Gynécologue-obstétricien"), 160, 162),
        seg(QStringLiteral("Ville : 68100 MULHOUSE"), 160, 174),
    });
    REQUIRE(recipientNames(form) == QStringList{QStringLiteral("Docteur Antoine BOYER (to)")});
    CHECK(form.recipients.front().city == QStringLiteral("MULHOUSE"));
}

TEST_CASE("printed identity: a table's header beside a staff list, its last label never given the next line's first "
          "cell, a staff list's name beside a labelled column, 'IDENTITÉ –', 'Nom que vous utilisez', '(ordre civil)', "
          "a banner wrapped after 'Prénoms :' beside its caption",
          "[unit][ocr]")
{
    // "Fax …" of the staff column shares the header's line; "Prénom" is Virginie's, never BERTRAND's.
    const TextIdentity table = parseIdentityText(QList<QList<Segment>>{{
        boxed(QStringLiteral("Secrétariat"), 30, 267.25, 34.06, 8.45),
        boxed(QStringLiteral("Tél. 02 96 63 26 24"), 30, 275.70, 55.77, 8.45),
        boxed(QStringLiteral("Fax 02.96.73.63.60"), 30, 284.15, 56.55, 8.45),
        boxed(QStringLiteral("Nom de naissance Prénom"), 169, 282.30, 131.60, 12.35),
        boxed(QStringLiteral("Sexe Date de naiss."), 359.27, 282.30, 115.93, 12.35),
        boxed(QStringLiteral("BERTRAND"), 169, 300.28, 53.46, 14.30),
        boxed(QStringLiteral("Virginie, Aurélie Féminin 07/06/2018"), 265.45, 300.28, 204.36, 14.30),
        boxed(QStringLiteral("Cadre de santé"), 30, 301.05, 49.14, 8.45),
        boxed(QStringLiteral("Mme Lan HENRY"), 30, 309.50, 51.22, 8.45),
        boxed(QStringLiteral("Commune de naissance"), 169, 327.10, 113.24, 12.35),
        boxed(QStringLiteral("Matricule INS"), 372.06, 327.10, 60.42, 12.35),
        boxed(QStringLiteral("54395"), 169, 345.07, 30.80, 14.30),
        boxed(QStringLiteral("218065439586771"), 372.06, 345.07, 92.40, 14.30),
    }});
    CHECK(table.birthName == QStringLiteral("BERTRAND"));
    CHECK(table.firstName == QStringLiteral("VIRGINIE"));
    // "Mme Martine HENRY" of the staff column level with "Date de naissance — …" under the patient's
    // own name and first names: no second first name.
    const TextIdentity staff = parseIdentityText(QList<QList<Segment>>{{
        boxed(QStringLiteral("Nom de naissance — FRANÇOIS"), 173, 231.68, 129.44, 10.4),
        boxed(QStringLiteral("Prénom(s) complets — Gaëlle"), 173, 241.28, 112.16, 10.4),
        boxed(QStringLiteral("Cadre de santé"), 30, 240.12, 50.18, 8.45),
        boxed(QStringLiteral("Mme Martine HENRY"), 30, 248.57, 65.65, 8.45),
        boxed(QStringLiteral("Date de naissance — 16-07-1931"), 173, 250.88, 132.80, 10.4),
        boxed(QStringLiteral("Sexe — F"), 173, 260.48, 60, 10.4),
    }});
    CHECK(staff.firstName == QStringLiteral("GAELLE"));
    CHECK(staff.usedName.isEmpty());
    CHECK(staff.conflicts.isEmpty());
    const TextIdentity dashed = parseIdentityText(
        {QStringLiteral("IDENTITÉ – NOËL Léa Lucie"), QStringLiteral("NAISSANCE – le 14.08.1969 à Lyon (69383)")});
    CHECK(dashed.birthName == QStringLiteral("NOEL"));
    CHECK(dashed.firstName == QStringLiteral("LEA"));
    const TextIdentity yours = parseIdentityText({QStringLiteral("Nom de naissance : DENIS"),
                                                  QStringLiteral("Nom que vous utilisez : MERCIER"),
                                                  QStringLiteral("Tous vos prénoms : Gaëlle")});
    CHECK(yours.usedName == QStringLiteral("MERCIER"));
    CHECK(yours.firstName == QStringLiteral("GAELLE"));
    CHECK(yours.conflicts.isEmpty());
    CHECK(parseIdentityText({QStringLiteral("Prénoms (ordre civil) : Julien")}).firstName == QStringLiteral("JULIEN"));
    const TextIdentity wrapped = parseIdentityText(QList<QList<Segment>>{{
        boxed(QStringLiteral("PATIENT(E)"), 170, 246.11, 48.64, 8.5),
        boxed(QStringLiteral("Nom de naissance : BERNARD – Nom d'usage : PETIT – Prénoms :"), 257, 246.27, 291.75, 9.5),
        boxed(QStringLiteral("Emma – Date de naissance : 28/03/1997 – Sexe : Féminin – Lieu"), 257, 257.20, 290.54,
              9.5),
    }});
    CHECK(wrapped.firstName == QStringLiteral("EMMA"));
}

TEST_CASE("letter reading: a form's next caption on the addressee's line is no part of his name, 'Exemplaire original "
          ":' names the addressee at the page's foot",
          "[unit][ocr]")
{
    const auto read = [](const QList<Segment>& page) {
        return readSigned(page, QStringLiteral("Dr Camille GUILLOT"), 330);
    };
    const LetterReading form =
        read({seg(QStringLiteral("Praticien à qui s'adresse ce courrier : Docteur LOUIS Daniel  "
                                 "Exercice : Médecin généraliste  Commune d'exercice : 35000 Rennes"),
                  45, 150)});
    REQUIRE(recipientNames(form) == QStringList{QStringLiteral("Docteur LOUIS Daniel (to)")});
    CHECK(form.recipients.front().givenName == QStringLiteral("Daniel"));
    CHECK(form.recipients.front().city == QStringLiteral("Rennes"));
    const LetterReading foot = read({seg(QStringLiteral("Exemplaire original : Docteur HUBERT Yves (ophtalmologue), 58 "
                                                        "route de Lyon, 37000 TOURS"),
                                         165, 763)});
    REQUIRE(recipientNames(foot) == QStringList{QStringLiteral("Docteur HUBERT Yves (to)")});
    CHECK(foot.recipients.front().city == QStringLiteral("TOURS"));
}

TEST_CASE("printed identity: 'au nom de' names the patient, never a doctor or a director so introduced", "[unit][ocr]")
{
    const TextIdentity named = parseIdentityText({QStringLiteral("Dossier établi au nom de Madame Julie THOMAS")});
    CHECK(named.firstName == QStringLiteral("JULIE"));
    const TextIdentity doctor = parseIdentityText(
        {QStringLiteral("Je vous écris au nom de Monsieur le Docteur Paul DURAND, chef de service.")});
    CHECK(doctor.birthName.isEmpty());
    CHECK(doctor.firstName.isEmpty());
}

TEST_CASE("printed identity: 'Personne transportée', 'Personne concernée par ce document', 'Nom inscrit à la "
          "naissance', 'Date de venue au monde', 'PATIENT PORTEUR DE BHRe' names no one",
          "[unit][ocr]")
{
    const TextIdentity carried = parseIdentityText(
        {QStringLiteral("Personne transportée Mme MEYER Noémie"), QStringLiteral("Née le 15/12/1952")});
    CHECK(carried.birthName == QStringLiteral("MEYER"));
    CHECK(carried.firstName == QStringLiteral("NOEMIE"));
    const TextIdentity concerned = parseIdentityText(
        {QStringLiteral("Personne concernée par ce document"), QStringLiteral("M. Jean-Baptiste GUÉRIN – M – masculin"),
         QStringLiteral("né le 29/08/1966 à 97302 – INS 1660897302947 (clé : 29)")});
    CHECK(concerned.birthName == QStringLiteral("GUERIN"));
    CHECK(concerned.firstName == QStringLiteral("JEAN-BAPTISTE"));
    const TextIdentity world = parseIdentityText({QStringLiteral("Nom inscrit à la naissance : LEFEBVRE"),
                                                  QStringLiteral("Prénoms selon l'état civil : Françoise"),
                                                  QStringLiteral("Date de venue au monde : 1945-10-17")});
    CHECK(world.birthName == QStringLiteral("LEFEBVRE"));
    CHECK(world.firstNames == QStringList{QStringLiteral("FRANCOISE")});
    CHECK(world.birthDate == QDate(1945, 10, 17));
    const TextIdentity alert = parseIdentityText({QStringLiteral("ALERTE – PATIENT PORTEUR DE BHRe"),
                                                  QStringLiteral("NICOLAS [nom de naissance]"),
                                                  QStringLiteral("Jean-Claude Youssef [prénoms]")});
    CHECK(alert.usedName.isEmpty());
    CHECK(alert.conflicts.isEmpty());
}

TEST_CASE("printed identity: a sticker's sex alone in its cell right after the birth date's, before the birth "
          "place's or last on its line",
          "[unit][ocr]")
{
    const TextIdentity letter = parseIdentityText(QList<QList<Segment>>{{
        boxed(QStringLiteral("TRAN Brigitte Fatima"), 78, 286, 126),
        boxed(QStringLiteral("25 JANVIER 1970 (56 ans)"), 76, 304, 133),
        boxed(QStringLiteral("F"), 235, 304, 6),
        boxed(QStringLiteral("née à La Rochelle (17300)"), 266, 304, 132),
    }});
    CHECK(letter.sex == Sex::Female);
    const TextIdentity word = parseIdentityText(QList<QList<Segment>>{{
        boxed(QStringLiteral("LE GOFF Hélène"), 180, 287, 94),
        boxed(QStringLiteral("INS 2 37 04 97 120 061 (19)"), 168, 304, 140),
        boxed(QStringLiteral("24 AVRIL 1937 (89 ans)"), 337, 304, 106),
        boxed(QStringLiteral("Fém."), 471, 304, 22),
    }});
    CHECK(word.sex == Sex::Female);
    // A letter far from the date, another column's, says nothing.
    const TextIdentity far = parseIdentityText(QList<QList<Segment>>{{
        boxed(QStringLiteral("TRAN Brigitte Fatima"), 78, 286, 126),
        boxed(QStringLiteral("25 JANVIER 1970 (56 ans)"), 76, 304, 133),
        boxed(QStringLiteral("M"), 480, 304, 6),
    }});
    CHECK(far.sex == Sex::Unknown);
}

TEST_CASE("printed identity: a caption of names over one value parted by commas, set flush right, and a caption "
          "beside another field's 'Label : value' cell",
          "[unit][ocr]")
{
    // The commas part the value, whatever word stands under which caption.
    const TextIdentity flush = parseIdentityText(QList<QList<Segment>>{{
        boxed(QStringLiteral("NOM DE NAISSANCE Prénom(s)"), 448.8, 94.2, 112.5, 9.8),
        boxed(QStringLiteral("ANDRÉ, Catherine Yasmine Christine"), 375.2, 103.3, 186.1, 13.6),
        boxed(QStringLiteral("Née le 08/01/2000"), 483.1, 115.9, 78.2, 12.3),
        boxed(QStringLiteral("Sexe : Femme – LN Morlaix (29151)"), 402.9, 127.3, 158.4, 12.3),
    }});
    CHECK(flush.birthName == QStringLiteral("ANDRE"));
    CHECK(flush.firstNames
          == QStringList{QStringLiteral("CATHERINE"), QStringLiteral("YASMINE"), QStringLiteral("CHRISTINE")});
    // Captions over their values, a column of the visit's fields beside them: "Allergies : iode" is
    // no first name.
    const TextIdentity beside = parseIdentityText(QList<QList<Segment>>{{
        boxed(QStringLiteral("Nom patronymique"), 165, 291.7, 69.1, 7.7),
        boxed(QStringLiteral("Motif : bilan initial"), 342.8, 291.7, 62.9, 7.7),
        boxed(QStringLiteral("RENAULT"), 165, 303.4, 46.7, 9.4),
        boxed(QStringLiteral("Adressé(e) par : un confrère"), 342.8, 302.4, 102.6, 7.7),
        boxed(QStringLiteral("Prénoms d'état civil"), 165, 315.4, 70.8, 7.7),
        boxed(QStringLiteral("Allergies : iode"), 342.8, 313.1, 53.8, 7.7),
        boxed(QStringLiteral("Marie Monique"), 165, 327.1, 66.1, 9.4),
        boxed(QStringLiteral("Poids : 105 kg"), 342.8, 323.7, 52.0, 7.7),
        boxed(QStringLiteral("Date de naiss."), 165, 339.1, 52.4, 7.7),
        boxed(QStringLiteral("17 FÉVRIER 1950"), 165, 350.7, 82.3, 9.4),
    }});
    CHECK(beside.birthName == QStringLiteral("RENAULT"));
    CHECK(beside.firstNames == QStringList{QStringLiteral("MARIE"), QStringLiteral("MONIQUE")});
}

TEST_CASE("printed identity: 'N° de sécurité sociale (INS)' names the INS, 'Rendez-vous de' alone in its cell "
          "captions the patient",
          "[unit][ocr]")
{
    // A wrong key is then a mismatch to show, not a number ignored.
    CHECK(
        parseIdentityText({QStringLiteral("Sexe : F N° de sécurité sociale (INS) : 2 80 09 99 131 597 86")}).matricules
        == QStringList{QStringLiteral("280099913159786")});
    CHECK(parseIdentityText({QStringLiteral("N° INS (NIR) : 2 80 09 99 131 597 86")}).matricules
          == QStringList{QStringLiteral("280099913159786")});
    // Captions at the left, values at a tab stop that cuts each line in two cells.
    const TextIdentity appointment = parseIdentityText(QList<QList<Segment>>{{
        boxed(QStringLiteral("Rendez-vous de"), 335.1, 252.6, 55, 12.3),
        boxed(QStringLiteral("Mme Anaïs MARTIN née FLEURY"), 396.4, 252.6, 146.2, 12.3),
        boxed(QStringLiteral("Naissance"), 335.1, 264.0, 50, 12.3),
        boxed(QStringLiteral("22/12/1972"), 396.4, 264.0, 43.3, 12.3),
    }});
    CHECK(appointment.birthName == QStringLiteral("FLEURY"));
    CHECK(appointment.usedName == QStringLiteral("MARTIN"));
    CHECK(appointment.firstName == QStringLiteral("ANAIS"));
    CHECK(parseIdentityText(QList<QList<Segment>>{{
                                boxed(QStringLiteral("Rendez-vous de"), 335.1, 252.6, 55, 12.3),
                                boxed(QStringLiteral("contrôle"), 396.4, 252.6, 40, 12.3),
                            }})
              .birthName.isEmpty());
}

TEST_CASE("letter reading: 'Duplicata envoyé à' and 'Information adressée à' head copies, 'Liste de distribution', a "
          "fax cover's 'DESTINATAIRE' over 'Nom | Dr X', a name with its title after it beside its role, an entry "
          "cut inside its bracket, the author's namesake printed with a place",
          "[unit][ocr]")
{
    const auto read = [](QList<Segment> page) {
        page += seg(QStringLiteral("Cher confrère,"), 60, 400);
        page += seg(QStringLiteral("Bien confraternellement."), 60, 500);
        page += seg(QStringLiteral("Dr PHILIPPE Guillaume"), 165, 540);
        page += seg(QStringLiteral("Praticien hospitalier"), 165, 552);
        const LetterReading r = readLetter({page}, {842.0});
        INFO(recipientNames(r).join(QStringLiteral(", ")).toStdString());
        return r;
    };
    for (const QString& label : {QStringLiteral("Duplicata envoyé à :"), QStringLiteral("Information adressée à :"),
                                 QStringLiteral("Liste de distribution")}) {
        const LetterReading listed = read({
            seg(label, 60, 600),
            seg(QStringLiteral("Docteur Yves CHAUVIN – 86 quai de la Fosse – 35400 SAINT-MALO"), 60, 612),
        });
        CHECK(recipientNames(listed) == QStringList{QStringLiteral("Docteur Yves CHAUVIN (cc)")});
    }
    const LetterReading cover = read({
        boxed(QStringLiteral("DESTINATAIRE"), 54, 175.8, 68.4, 7.5),
        boxed(QStringLiteral("Nom"), 54, 194.1, 17.1, 7.5),
        boxed(QStringLiteral("Dr Kévin RENARD"), 181.7, 194.1, 85.5, 7.5),
        boxed(QStringLiteral("Qualité"), 54, 212.4, 39.9, 7.5),
        boxed(QStringLiteral("Chirurgien orthopédiste"), 181.7, 212.4, 131.1, 7.5),
    });
    CHECK(recipientNames(cover) == QStringList{QStringLiteral("Dr Kévin RENARD (to)")});
    const LetterReading roles = read({
        boxed(QStringLiteral("Correspondants destinataires d'une copie :"), 60, 600, 200),
        boxed(QStringLiteral("Médecin généraliste"), 60, 612, 90),
        boxed(QStringLiteral("Dr M. BRUN (NANTES)"), 170, 612, 90),
        boxed(QStringLiteral("Hématologue"), 60, 624, 60),
        boxed(QStringLiteral("BONHOMME Anne-Sophie (Dr)"), 170, 624, 120),
    });
    CHECK(recipientNames(roles)
          == QStringList{QStringLiteral("Dr M. BRUN (cc)"), QStringLiteral("BONHOMME Anne-Sophie (Dr) (cc)")});
    const LetterReading cut = read({
        boxed(QStringLiteral("Copie également adressée à : Dr L. DAVID (51100 Reims)"), 45, 600, 262.4, 13),
        boxed(QStringLiteral("Dre Jacqueline THOMAS (34000"), 319, 600, 151.9, 13),
        boxed(QStringLiteral("MONTPELLIER)"), 45, 611.5, 81.5, 13),
        boxed(QStringLiteral("Dr N. ROUSSEAU (66000 Perpignan)"), 138.1, 611.5, 175.8, 13),
    });
    CHECK(recipientNames(cut).contains(QStringLiteral("Dr N. ROUSSEAU (cc)")));
    const LetterReading namesake = read({
        seg(QStringLiteral("Informés en copie : Dr Josiane FONTAINE (Strasbourg) • Dr PHILIPPE (médecin généraliste, "
                           "ORLÉANS)"),
            45, 600),
    });
    CHECK(recipientNames(namesake)
          == QStringList{QStringLiteral("Dr Josiane FONTAINE (cc)"), QStringLiteral("Dr PHILIPPE (cc)")});
    // Without a place, Dr PHILIPPE is the author for all the letter says.
    const LetterReading self = readLetter(
        {{seg(QStringLiteral("Cher confrère,"), 60, 400), seg(QStringLiteral("Bien confraternellement."), 60, 500),
          seg(QStringLiteral("Dr PHILIPPE Guillaume"), 165, 540),
          seg(QStringLiteral("Praticien hospitalier"), 165, 552), seg(QStringLiteral("Copie : Dr PHILIPPE"), 45, 600)}},
        {842.0});
    CHECK(recipientNames(self).isEmpty());
}

TEST_CASE("scanned text: a frame's mark OCR reads first on a line is dropped, the same mark elsewhere kept",
          "[unit][ocr]")
{
    const QList<Word> words{
        Word{QStringLiteral("!"), QRectF(354, 160, 3, 13), 1},
        Word{QStringLiteral("Dr"), QRectF(362, 160, 12, 13), 2},
        Word{QStringLiteral("RICHARD"), QRectF(378, 160, 50, 13), 2},
        Word{QStringLiteral("Attention"), QRectF(60, 300, 50, 13), 3},
        Word{QStringLiteral("!"), QRectF(114, 300, 3, 13), 3},
    };
    QStringList kept;
    for (const Word& w : withoutFrameMarks(words)) {
        kept += w.text;
    }
    CHECK(kept
          == QStringList{QStringLiteral("Dr"), QStringLiteral("RICHARD"), QStringLiteral("Attention"),
                         QStringLiteral("!")});
}

TEST_CASE("printed identity: 'Nom (naiss.)', a machine's 'NOM-NAIS...:', 'Prénom(s) naiss.'", "[unit][ocr]")
{
    const TextIdentity shortened =
        parseIdentityText({QStringLiteral("Nom (naiss.) BENOÎT"), QStringLiteral("Prénom(s) Marie-Claire Nicole")});
    CHECK(shortened.birthName == QStringLiteral("BENOIT"));
    const TextIdentity machine = parseIdentityText(
        {QStringLiteral("NOM-NAIS...: PAYET                              PRENOMS....: PAUL GWENAEL")});
    CHECK(machine.birthName == QStringLiteral("PAYET"));
    CHECK(machine.firstNames == QStringList{QStringLiteral("PAUL"), QStringLiteral("GWENAEL")});
    const TextIdentity born =
        parseIdentityText({QStringLiteral("Nom naissance    REYNAUD"), QStringLiteral("Nom marital      BERTRAND"),
                           QStringLiteral("Prénom(s) naiss. Justine, Josiane, Yasmine")});
    CHECK(born.birthName == QStringLiteral("REYNAUD"));
    CHECK(born.usedName == QStringLiteral("BERTRAND"));
    CHECK(born.firstNames
          == QStringList{QStringLiteral("JUSTINE"), QStringLiteral("JOSIANE"), QStringLiteral("YASMINE")});
}

TEST_CASE("letter reading: 'Document diffusé à' without its colon over ticked entries, 'Ce courrier part également en "
          "copie au Dr X'",
          "[unit][ocr]")
{
    // (The window names the addressee: a list under the letter then holds its copies.)
    const auto read = [](QList<Segment> page) {
        page.prepend(seg(QStringLiteral("Dr Camille GUILLOT"), 165, 540));
        page.prepend(seg(QStringLiteral("Bien confraternellement."), 60, 500));
        page.prepend(seg(QStringLiteral("Cher confrère,"), 60, 400));
        page.prepend(seg(QStringLiteral("29200 BREST"), 330, 174));
        page.prepend(seg(QStringLiteral("12 rue de la Paix"), 330, 162));
        page.prepend(seg(QStringLiteral("Docteur Paul MARTIN"), 330, 150));
        return readLetter({page}, {842.0});
    };
    const LetterReading spread = read({
        seg(QStringLiteral("Document diffusé à"), 45, 600),
        seg(QStringLiteral("X Docteur DURAND Isabelle (pédiatre) – PERPIGNAN"), 52, 612),
        seg(QStringLiteral("X Dr Jean-Claude PERRIN (pédiatre) – TROYES"), 52, 624),
    });
    CHECK(recipientNames(spread).join(QStringLiteral(", ")).toStdString()
          == "Docteur Paul MARTIN (to), Docteur DURAND Isabelle (cc), Dr Jean-Claude PERRIN (cc)");
    const LetterReading goes = read(
        {seg(QStringLiteral("Ce courrier part également en copie au Dr Odile DURAND (médecin généraliste, BREST)."), 50,
             600)});
    CHECK(recipientNames(goes).join(QStringLiteral(", ")).toStdString()
          == "Docteur Paul MARTIN (to), Dr Odile DURAND (cc)");
    CHECK(recipientNames(
              read({seg(QStringLiteral("D'autre part, copie de l'ECG au dossier du Dr Odile DURAND."), 50, 600)}))
              .join(QStringLiteral(", "))
              .toStdString()
          == "Docteur Paul MARTIN (to)");
}

TEST_CASE("letter reading: an entry wrapped after its comma, a titled name beside its wrapped end", "[unit][ocr]")
{
    const LetterReading r =
        readLetter({{
                       seg(QStringLiteral("Cher confrère,"), 60, 400),
                       seg(QStringLiteral("Bien confraternellement."), 60, 500),
                       seg(QStringLiteral("Dr Camille GUILLOT"), 165, 540),
                       boxed(QStringLiteral("Copies : Dr Jules BRUN, médecin généraliste,"), 60, 600, 200),
                       boxed(QStringLiteral("SAINT-DENIS"), 60, 612, 50),
                       boxed(QStringLiteral("Dr Anne PETIT (Brest)"), 250, 612, 90),
                   }},
                   {842.0});
    CHECK(recipientNames(r).join(QStringLiteral(", ")).toStdString() == "Dr Jules BRUN (cc), Dr Anne PETIT (cc)");
    REQUIRE_FALSE(r.recipients.isEmpty());
    CHECK(r.recipients.front().city == QStringLiteral("SAINT-DENIS"));
}
