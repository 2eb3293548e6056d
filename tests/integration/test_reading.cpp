// Reading generated letters end to end (Poppler, Tesseract "fra", zxing-cpp), compared with the
// ground truth the generator wrote beside each PDF; bad inputs; the `missive analyze` command.

#include "missive/ocr/analyzer.h"
#include "names.h"
#include "support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace missive;
using namespace missive::ocr;
namespace fs = std::filesystem;

namespace
{

QString corpus()
{
    const QString dir = qEnvironmentVariable("MISSIVE_OCR_CORPUS");
    REQUIRE_FALSE(dir.isEmpty()); // set by ctest; the fixture ocr.generate-corpus fills it
    REQUIRE(QDir(dir).exists(QStringLiteral("index.txt")));
    return dir;
}

QStringList letters(const QString& suffix)
{
    QFile index(corpus() + QStringLiteral("/index.txt"));
    REQUIRE(index.open(QIODevice::ReadOnly));
    QStringList out;
    for (const QByteArray& line : index.readAll().split('\n')) {
        const QString name = QString::fromUtf8(line.trimmed());
        if (name.endsWith(suffix)) {
            out += corpus() + QLatin1Char('/') + name;
        }
    }
    REQUIRE_FALSE(out.isEmpty());
    return out;
}

QJsonObject truthOf(const QString& pdf)
{
    QFile file(pdf.left(pdf.size() - 4) + QStringLiteral(".json"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    return QJsonDocument::fromJson(file.readAll()).object();
}

Analysis analyse(const QString& pdf)
{
    // One Tesseract for the whole test case, as the app keeps one. Never destroyed: Tesseract's
    // own caches are torn down at exit before a static would be.
    static auto* analyzer = new Analyzer;
    auto result = analyzer->analyze(pdf);
    INFO(pdf.toStdString());
    if (!result) {
        INFO(result.error().detail.toStdString());
        FAIL("analysis failed");
    }
    return *result;
}

QString family(const QString& printedName)
{
    // "Dr Claire PETIT" -> "PETIT"; "Pr Hervé LE MOAL" -> "LE MOAL"
    QStringList upper;
    for (const QString& token : printedName.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (isUpperNameToken(token)) {
            upper += token;
        }
    }
    return insiUpper(upper.join(QLatin1Char(' ')));
}

// The truth's recipient among those read: same family name, compatible given name (initials
// "J.-P." for "Jean-Pierre"), same role.
bool hasRecipient(const Analysis& a, const QJsonObject& expected)
{
    const QString familyName = insiUpper(expected.value(QStringLiteral("family")).toString());
    const QString given = insiUpper(expected.value(QStringLiteral("given")).toString());
    const RecipientRole role = expected.value(QStringLiteral("role")).toString() == QLatin1String("to")
                                   ? RecipientRole::To
                                   : RecipientRole::Cc;
    for (const Recipient& r : a.recipients) {
        const QString readGiven = insiUpper(r.givenName);
        const bool givenFits = given.isEmpty() || readGiven.isEmpty() || readGiven.front() == given.front();
        if (insiUpper(r.familyName) == familyName && givenFits && r.role == role && !r.patient) {
            return true;
        }
        // A name in capitals only ("DR LACROIX HUGO"): the reader leaves which word is the given
        // name to the directory, and reads the whole name as the family name.
        const QString read = insiUpper(r.familyName);
        if (r.givenName.isEmpty() && !given.isEmpty() && r.role == role && !r.patient
            && (read == familyName + QLatin1Char(' ') + given || read == given + QLatin1Char(' ') + familyName)) {
            return true;
        }
        // A town in capitals after the name, with nothing between them ("Dr V. DUPONT PONTIVY"): a
        // compound family name for all the reader can tell; the directory knows which (the matching
        // tests check that it does).
        const QString city = insiUpper(expected.value(QStringLiteral("city")).toString());
        if (!city.isEmpty() && givenFits && r.role == role && !r.patient
            && read == familyName + QLatin1Char(' ') + city) {
            return true;
        }
    }
    return false;
}

// Text letters are read exactly; scans may leave a field unread, never read it wrong.
void checkAgainstTruth(const Analysis& a, const QJsonObject& truth, bool exact = true)
{
    const QJsonObject p = truth.value(QStringLiteral("patient")).toObject();
    const PatientIdentity& id = a.patient.identity;
    INFO("case " << truth.value(QStringLiteral("case")).toString().toStdString() << ", file "
                 << truth.value(QStringLiteral("file")).toString().toStdString() << ", identity layout "
                 << truth.value(QStringLiteral("identity_layout")).toString().toStdString() << ", addressee layout "
                 << truth.value(QStringLiteral("addressee_layout")).toString().toStdString());
    // Identity safety first: an INS is either the right one or absent.
    const QJsonValue expectedIns = p.value(QStringLiteral("ins"));
    if (expectedIns.isNull()) {
        CHECK(id.ins.isEmpty());
        CHECK(a.patient.status != IdentityStatus::Consistent);
    } else if (exact) {
        CHECK(id.ins == expectedIns.toString());
    } else {
        CHECK((id.ins.isEmpty() || id.ins == expectedIns.toString()));
    }
    if (exact) {
        CHECK(identityStatusName(a.patient.status) == p.value(QStringLiteral("status")).toString());
    }
    if (a.patient.status != IdentityStatus::Consistent) {
        CHECK_FALSE(a.warnings.isEmpty());
    }
    if (exact || a.patient.status == IdentityStatus::Consistent) {
        CHECK(id.birthName == p.value(QStringLiteral("birth_name")).toString());
        CHECK(id.firstName == p.value(QStringLiteral("first_name")).toString());
        CHECK(id.birthDate == QDate::fromString(p.value(QStringLiteral("birth_date")).toString(), Qt::ISODate));
        CHECK(sexCode(id.sex) == p.value(QStringLiteral("sex")).toString());
    }
    if (truth.value(QStringLiteral("datamatrix")).toBool()) {
        CHECK((a.patient.source == IdentitySource::Both || a.patient.source == IdentitySource::DataMatrix));
    }

    for (const QJsonValue& r : truth.value(QStringLiteral("recipients")).toArray()) {
        INFO("recipient " << r.toObject().value(QStringLiteral("name")).toString().toStdString());
        CHECK(hasRecipient(a, r.toObject()));
    }
    REQUIRE(a.author);
    CHECK(family(a.author->name) == family(truth.value(QStringLiteral("author")).toString()));
    // The author's RPPS, when read, is the right one.
    CHECK((!a.author->rpps || *a.author->rpps == truth.value(QStringLiteral("author_rpps")).toString()));
    REQUIRE(a.documentType);
    CHECK(a.documentType->code == truth.value(QStringLiteral("document_type")).toString());
}

// The whole printed name without its title, INSi-folded: "Dr Claire NICOLAS" -> "CLAIRE NICOLAS".
QString personKey(const QString& printedName)
{
    QStringList words = insiUpper(printedName).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    static const QStringList titles{QStringLiteral("DR"), QStringLiteral("DOCTEUR"), QStringLiteral("PR"),
                                    QStringLiteral("PROFESSEUR")};
    words.removeIf([](const QString& w) { return titles.contains(w); });
    std::sort(words.begin(), words.end());
    return words.join(QLatin1Char(' '));
}

void checkAuthorIsNoRecipient(const Analysis& a)
{
    REQUIRE(a.author);
    // Another doctor of the same family name (Dr Claire NICOLAS to Dr Catherine NICOLAS) may be
    // addressed; the author herself may not.
    for (const Recipient& r : a.recipients) {
        INFO(r.name.toStdString());
        CHECK(personKey(r.name) != personKey(a.author->name));
    }
}

Error refusal(const QString& name, const Limits& limits = {})
{
    Analyzer analyzer;
    auto result = analyzer.analyze(corpus() + QLatin1Char('/') + name, limits);
    REQUIRE_FALSE(result);
    CHECK_FALSE(result.error().userMessage.isEmpty());
    return result.error();
}

} // namespace

TEST_CASE("text letters: identity, recipients, author and document type as printed", "[integration][ocr]")
{
    for (const QString& pdf : letters(QStringLiteral("-text.pdf"))) {
        if (!pdf.contains(QStringLiteral("/letter-"))) {
            continue;
        }
        const Analysis a = analyse(pdf);
        const QJsonObject truth = truthOf(pdf);
        CHECK(a.textSource == TextSource::TextLayer);
        CHECK(a.pages == truth.value(QStringLiteral("pages")).toInt());
        // A name printed in capitals only, with nothing else to tell the family name from the first
        // names ("DUVAL ANNE-SOPHIE"), may stay unread: never read wrong.
        const bool capitalsOnly = truth.value(QStringLiteral("traps")).toArray().contains(QStringLiteral("caps-name"));
        checkAgainstTruth(a, truth, !capitalsOnly);
        checkAuthorIsNoRecipient(a);
    }
}

TEST_CASE("300 dpi scans are read by OCR, DataMatrix included", "[integration][ocr]")
{
    for (const QString& pdf : letters(QStringLiteral("-scan300.pdf"))) {
        const Analysis a = analyse(pdf);
        CHECK(a.textSource == TextSource::Ocr);
        checkAgainstTruth(a, truthOf(pdf), false);
        checkAuthorIsNoRecipient(a);
    }
}

TEST_CASE("a scan whose PDF declares its image at 96 ppi is read at its true resolution", "[integration][ocr]")
{
    for (const QString& pdf : letters(QStringLiteral("-scan300-96ppi.pdf"))) {
        const Analysis a = analyse(pdf);
        CHECK(a.textSource == TextSource::Ocr);
        checkAgainstTruth(a, truthOf(pdf), false);
        checkAuthorIsNoRecipient(a);
    }
}

TEST_CASE("a 200 dpi scan is read by OCR too", "[integration][ocr]")
{
    for (const QString& pdf : letters(QStringLiteral("-scan200.pdf"))) {
        const Analysis a = analyse(pdf);
        CHECK(a.textSource == TextSource::Ocr);
        checkAgainstTruth(a, truthOf(pdf), false);
        checkAuthorIsNoRecipient(a);
    }
}

TEST_CASE("a mixed document is read page by page: text layer, then OCR", "[integration][ocr]")
{
    for (const QString& pdf : letters(QStringLiteral("-mixed.pdf"))) {
        const Analysis a = analyse(pdf);
        CHECK(a.pages == 2);
        CHECK(a.textSource == TextSource::Mixed);
        CHECK(a.timingsMs.value(QStringLiteral("ocr")) > 0);
        // The same letter twice: the identity read on both pages agrees.
        checkAgainstTruth(a, truthOf(pdf), false);
        checkAuthorIsNoRecipient(a);
    }
}

TEST_CASE("identity-safety cases withhold the INS and say why", "[integration][ocr]")
{
    int cases = 0;
    for (const QString& pdf : letters(QStringLiteral("-text.pdf"))) {
        if (!pdf.contains(QStringLiteral("/case-"))) {
            continue;
        }
        ++cases;
        const Analysis a = analyse(pdf);
        const QJsonObject truth = truthOf(pdf);
        INFO(pdf.toStdString());
        CHECK(a.patient.identity.ins.isEmpty());
        CHECK(a.toJson().value(QStringLiteral("patient")).toObject().value(QStringLiteral("ins")).isNull());
        CHECK(identityStatusName(a.patient.status)
              == truth.value(QStringLiteral("patient")).toObject().value(QStringLiteral("status")).toString());
        CHECK_FALSE(a.patient.reasons.isEmpty());
        for (const QString& reason : a.patient.reasons) {
            CHECK(a.warnings.contains(reason));
        }
        checkAuthorIsNoRecipient(a);
    }
    CHECK(cases == 6); // bad key, DataMatrix of another date or patient, incomplete, no INS, insured NIR only
}

TEST_CASE("an encrypted PDF is refused with a clear error", "[integration][ocr]")
{
    const Error e = refusal(QStringLiteral("encrypted.pdf"));
    CHECK(e.code == ErrorCode::PermissionDenied);
    CHECK(e.detail.startsWith(QStringLiteral("encrypted")));
}

TEST_CASE("a corrupt PDF is refused with a clear error", "[integration][ocr]")
{
    const Error e = refusal(QStringLiteral("corrupt.pdf"));
    CHECK(e.code == ErrorCode::Integrity);
    CHECK((e.detail.startsWith(QStringLiteral("corrupt")) || e.detail.startsWith(QStringLiteral("no-pages"))));
}

TEST_CASE("a PDF without pages is refused", "[integration][ocr]")
{
    const Error e = refusal(QStringLiteral("zero-pages.pdf"));
    CHECK(e.code == ErrorCode::Integrity);
    CHECK((e.detail.startsWith(QStringLiteral("no-pages")) || e.detail.startsWith(QStringLiteral("corrupt"))));
}

TEST_CASE("a 500-page PDF is refused by the page limit, which is configurable", "[integration][ocr]")
{
    const Error e = refusal(QStringLiteral("500-pages.pdf"));
    CHECK(e.code == ErrorCode::InvalidArgument);
    CHECK(e.detail == QStringLiteral("too-many-pages: 500"));
    Limits small;
    small.maxPages = 2;
    CHECK(refusal(QStringLiteral("500-pages.pdf"), small).detail.startsWith(QStringLiteral("too-many-pages")));
}

TEST_CASE("a decompression bomb is refused before it is decoded", "[integration][ocr]")
{
    const Error e = refusal(QStringLiteral("bomb.pdf"));
    CHECK(e.code == ErrorCode::InvalidArgument);
    CHECK(e.detail == QStringLiteral("image-too-large: 40000x40000"));
}

TEST_CASE("a content bomb is refused before Poppler extracts its text, whether in the page or in a form",
          "[integration][ocr][fault]")
{
    // 64 MB of text in one page stream, and a small form drawn 200,000 times: either would make
    // Poppler's text extraction take gigabytes.
    for (const QString& name : {QStringLiteral("content-bomb.pdf"), QStringLiteral("form-bomb.pdf")}) {
        INFO(name.toStdString());
        const Error e = refusal(name);
        CHECK(e.code == ErrorCode::InvalidArgument);
        CHECK(e.detail == QStringLiteral("content-too-large: page 1"));
        CHECK(e.userMessage.contains(QStringLiteral("démesurée")));
    }
}

TEST_CASE("missing files and a too small time budget give an error, not a crash", "[integration][ocr]")
{
    Analyzer analyzer;
    auto missing = analyzer.analyze(corpus() + QStringLiteral("/no-such.pdf"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::NotFound);

    Limits hurried;
    hurried.timeBudget = std::chrono::milliseconds(1);
    const QStringList scans = letters(QStringLiteral("-scan300.pdf"));
    auto late = analyzer.analyze(scans.front(), hurried);
    REQUIRE_FALSE(late);
    CHECK(late.error().detail.startsWith(QStringLiteral("time-budget")));
}

TEST_CASE("missive analyze --json prints the keys of the issue and accepts --db", "[integration][ocr][cli]")
{
    const std::string pdf = letters(QStringLiteral("-text.pdf")).front().toStdString();
    const auto result = missive::test::run({missive::test::cliPath(), "analyze", pdf, "--json"});
    REQUIRE(result.exitCode == 0);
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(result.out)).object();
    CHECK(o.keys()
          == QStringList{QStringLiteral("author"), QStringLiteral("document_type"), QStringLiteral("file"),
                         QStringLiteral("pages"), QStringLiteral("patient"), QStringLiteral("recipients"),
                         QStringLiteral("text_source"), QStringLiteral("timings_ms"), QStringLiteral("warnings")});
    const QJsonObject patient = o.value(QStringLiteral("patient")).toObject();
    CHECK(patient.keys()
          == QStringList{QStringLiteral("birth_date"), QStringLiteral("birth_name"), QStringLiteral("birth_place"),
                         QStringLiteral("first_name"), QStringLiteral("first_names"), QStringLiteral("ins"),
                         QStringLiteral("ins_oid"), QStringLiteral("sex"), QStringLiteral("source"),
                         QStringLiteral("status"), QStringLiteral("used_name")});
    const QJsonArray recipients = o.value(QStringLiteral("recipients")).toArray();
    REQUIRE_FALSE(recipients.isEmpty());
    CHECK(recipients.first().toObject().keys()
          == QStringList{QStringLiteral("auto_selected"), QStringLiteral("name"), QStringLiteral("role"),
                         QStringLiteral("rpps"), QStringLiteral("score")});
    CHECK(o.value(QStringLiteral("text_source")).toString() == QStringLiteral("text-layer"));

    const auto human = missive::test::run({missive::test::cliPath(), "analyze", pdf});
    CHECK(human.exitCode == 0);
    CHECK(human.out.find("Patient : ") != std::string::npos);
    CHECK(human.out.find("Auteur : ") != std::string::npos);

    // An empty directory: the analysis runs, nobody is auto-selected (matching itself: matching_tests).
    QTemporaryDir dbDir;
    const std::string dbPath = QDir(dbDir.path()).filePath(QStringLiteral("annuaire.sqlite")).toStdString();
    REQUIRE(missive::test::run({missive::test::cliPath(), "directory", "stats", "--db", dbPath}).exitCode == 0);
    const auto withDb = missive::test::run({missive::test::cliPath(), "analyze", pdf, "--db", dbPath, "--json"});
    CHECK(withDb.exitCode == 0);
    const QJsonArray unmatched = QJsonDocument::fromJson(QByteArray::fromStdString(withDb.out))
                                     .object()
                                     .value(QStringLiteral("recipients"))
                                     .toArray();
    REQUIRE_FALSE(unmatched.isEmpty());
    for (const auto& r : unmatched) {
        CHECK_FALSE(r.toObject().value(QStringLiteral("auto_selected")).toBool());
        CHECK(r.toObject().value(QStringLiteral("rpps")).isNull());
    }
    CHECK(missive::test::run({missive::test::cliPath(), "analyze", pdf, "--db", corpus().toStdString()}).exitCode != 0);
    CHECK(missive::test::run({missive::test::cliPath(), "analyze", pdf, "--db", "/no/such/dir"}).exitCode == 3);
    CHECK(missive::test::run({missive::test::cliPath(), "analyze"}).exitCode == 2);
    CHECK(missive::test::run({missive::test::cliPath(), "analyze", pdf, "--max-pages", "zero"}).exitCode == 2);
    const auto bomb = missive::test::run(
        {missive::test::cliPath(), "analyze", QString(corpus() + QStringLiteral("/bomb.pdf")).toStdString()});
    CHECK(bomb.exitCode == 2);
    CHECK(bomb.err.find("image trop grande") != std::string::npos);
    const auto help = missive::test::run({missive::test::cliPath(), "--help"});
    CHECK(help.out.find("analyze FICHIER.pdf") != std::string::npos);
}
