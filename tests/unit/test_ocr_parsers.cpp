// The reading module's parsers on hand-written input: INS DataMatrix payloads, printed identity
// traits, and how they are reconciled (the INS is released only when everything agrees).

#include "identity_check.h"
#include "identity_text.h"
#include "ins_datamatrix.h"
#include "letter_text.h"
#include "missive/core/ins.h"
#include "names.h"

#include <catch2/catch.hpp>

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
    return Segment{text, QRectF(x, y, 8.0 * text.size() / 1.8, 10), 0};
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
}
