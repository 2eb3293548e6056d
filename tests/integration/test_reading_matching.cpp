// Reading meets the directory: `missive analyze --db` and engine::matchRecipients on the bundled
// sample letter and the sample Annuaire Santé extract (samples/annuaire, synthetic).

#include "letter_text.h"
#include "missive/core/document_type.h"
#include "missive/directory/directory.h"
#include "missive/engine/document_preparation.h"
#include "missive/engine/recipient_matching.h"
#include "missive/ocr/analyzer.h"
#include "postgres.h"
#include "support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch.hpp>

using namespace missive;
using namespace missive::test;

namespace
{

const QString LefevreLyon = QStringLiteral("10999000011");
const QString LefevreMarseille = QStringLiteral("10999000029");
const QString Muller = QStringLiteral("10999000037");
const QString Berard = QStringLiteral("10999000045");

directory::Directory sampleDirectory(const TempDir& dir)
{
    auto directory = directory::Directory::open(QString::fromStdString(test::storage(dir / "directory.db")));
    REQUIRE(directory);
    const fs::path samples = fs::path(sourceDir()) / "samples" / "annuaire";
    for (const auto* file :
         {"PS_LibreAcces_Personne_activite_202611230000.txt", "Extraction_Correspondance_MSSante_202611230000.txt"}) {
        REQUIRE(directory->importFile(QString::fromStdString((samples / file).string())));
    }
    return std::move(*directory);
}

ocr::Recipient recipient(const QString& name, const QString& city = {})
{
    ocr::Recipient r;
    r.name = name;
    r.city = city;
    return r;
}

// "Copie à : Dr Anne MÜLLER" and nothing else on the line: her entry as read, its line in the text.
ocr::Recipient copiedAlone(ocr::Analysis& analysis)
{
    ocr::Recipient copy = recipient(QStringLiteral("Dr Anne MÜLLER"));
    copy.zone = ocr::Zone::Copies;
    copy.title = QStringLiteral("Dr");
    copy.givenName = QStringLiteral("Anne");
    copy.familyName = QStringLiteral("MÜLLER");
    analysis.text = {
        ocr::TextLine{0, QStringLiteral("Copie à : Dr Anne MÜLLER"), QRectF(60, 700, 150, 10), ocr::Zone::Copies}};
    return copy;
}

} // namespace

TEST_CASE("A name read without its place is chosen alone only where nothing else is printed with it",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    ocr::Analysis analysis;
    ocr::Recipient copy = copiedAlone(analysis);
    analysis.recipients = {copy};
    REQUIRE(engine::matchRecipients(analysis, directory));
    CHECK(analysis.recipients[0].autoSelected);
    // A town printed with the entry that the reader did not attach, in the next cell or on the next
    // line: the directory's only Dr Anne MÜLLER may be a namesake of the one meant.
    for (const ocr::TextLine& beside :
         {ocr::TextLine{0, QStringLiteral("Vannes"), QRectF(300, 700, 40, 10), ocr::Zone::Copies},
          ocr::TextLine{0, QStringLiteral("Centre hospitalier de Vannes"), QRectF(60, 712, 140, 10),
                        ocr::Zone::Copies}}) {
        ocr::Analysis other;
        ocr::Recipient alone = copiedAlone(other);
        other.text += beside;
        other.recipients = {alone};
        REQUIRE(engine::matchRecipients(other, directory));
        CHECK_FALSE(other.recipients[0].autoSelected);
        CHECK(other.recipients[0].score > 0.5); // proposed
    }
    // In the window, an addressee without an address read is an address missed.
    ocr::Analysis window;
    ocr::Recipient addressee = copiedAlone(window);
    addressee.zone = ocr::Zone::AddressWindow;
    window.text.front().zone = ocr::Zone::AddressWindow;
    window.recipients = {addressee};
    REQUIRE(engine::matchRecipients(window, directory));
    CHECK_FALSE(window.recipients[0].autoSelected);
}

TEST_CASE("An entry's surroundings end at the next entry read and start after the list's label and the entry before it",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    ocr::Recipient muller = recipient(QStringLiteral("Dr Anne MÜLLER"));
    muller.zone = ocr::Zone::Copies;
    muller.title = QStringLiteral("Dr");
    muller.givenName = QStringLiteral("Anne");
    muller.familyName = QStringLiteral("MÜLLER");
    ocr::Recipient berard = recipient(QStringLiteral("Dr Paul BÉRARD"), QStringLiteral("QUIMPER"));
    berard.zone = ocr::Zone::Copies;
    berard.familyName = QStringLiteral("BÉRARD");
    const auto chosen = [&](std::initializer_list<ocr::TextLine> lines, bool withBerard = true) {
        ocr::Analysis analysis;
        analysis.text = lines;
        analysis.recipients = {muller};
        if (withBerard) {
            analysis.recipients += berard;
        }
        REQUIRE(engine::matchRecipients(analysis, directory));
        return analysis.recipients.front();
    };
    const auto line = [](const char* text, double x = 60, double y = 700) {
        return ocr::TextLine{0, QString::fromUtf8(text), QRectF(x, y, 300, 10), ocr::Zone::Copies};
    };
    // The list's own label is no town; the entry before hers keeps its town; so does the one after.
    CHECK(chosen({line("Diffusion : Dr Anne MÜLLER")}).autoSelected);
    CHECK(chosen({line("Ampl. : Dr Paul BÉRARD (QUIMPER) – Dr Anne MÜLLER")}).autoSelected);
    CHECK(chosen({line("Diff. : Dr Anne MÜLLER – Dr Paul BÉRARD (QUIMPER)")}).autoSelected);
    // Another entry beside hers or under it; the patient's copy in the next column.
    CHECK(chosen({line("Docteur Anne MÜLLER"), line("Dr Paul BÉRARD", 330)}).autoSelected);
    CHECK(chosen({line("Dr Anne MÜLLER"), line("Dr Paul BÉRARD, Quimper", 60, 712)}).autoSelected);
    CHECK(chosen({line("Dr Anne MÜLLER"), line("Patient(e)", 330)}, false).autoSelected);
    // A town printed after what she does is read, and must be hers.
    const ocr::Recipient lyon = chosen({line("cc : Dr Anne MÜLLER, médecin généraliste — Lyon")}, false);
    CHECK(lyon.autoSelected);
    CHECK(lyon.city == QStringLiteral("Lyon"));
    const ocr::Recipient vannes = chosen({line("cc : Dr Anne MÜLLER, médecin généraliste — Vannes")}, false);
    CHECK_FALSE(vannes.autoSelected);
    CHECK(vannes.score > 0.5); // proposed
    // Still: an unexplained word after her, before the next entry, is a town missed.
    CHECK_FALSE(chosen({line("Ampl. : Dr Anne MÜLLER Vannes – Dr Paul BÉRARD (QUIMPER)")}).autoSelected);
}

TEST_CASE("A name the reader left unplaced where the window stands is found through the directory, chosen only "
          "with its own place",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    const auto read = [&](const QString& letterhead) {
        ocr::Analysis analysis;
        analysis.text = {
            ocr::TextLine{0, letterhead, QRectF(60, 70, 200, 10), ocr::Zone::Other},
            ocr::TextLine{0, QStringLiteral("Anne MÜLLER"), QRectF(330, 160, 80, 10), ocr::Zone::Other},
            ocr::TextLine{0, QStringLiteral("12 rue Jean Jaurès"), QRectF(330, 172, 90, 10), ocr::Zone::Other},
            ocr::TextLine{0, QStringLiteral("69007 LYON"), QRectF(330, 184, 60, 10), ocr::Zone::Other},
            ocr::TextLine{0, QStringLiteral("Chère Consœur,"), QRectF(60, 300, 80, 10), ocr::Zone::Salutation},
        };
        REQUIRE(engine::matchRecipients(analysis, directory));
        return analysis;
    };
    const ocr::Analysis window = read(QStringLiteral("Clinique des Lilas, 75015 PARIS"));
    REQUIRE(window.recipients.size() == 1);
    CHECK(window.recipients[0].role == ocr::RecipientRole::To);
    CHECK(window.recipients[0].autoSelected);
    CHECK(window.recipients[0].rpps == QStringLiteral("10999000037"));
    // Where the letterhead says the letter comes from: one of the establishment's own, not an addressee.
    CHECK(read(QStringLiteral("Cabinet médical, 69007 LYON")).recipients.isEmpty());
}

TEST_CASE("The sample letter's recipients are found in the directory and its author is not one",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    ocr::Analyzer analyzer;
    auto analysis = analyzer.analyze(QString::fromStdString(sourceDir() + "/samples/lettre-liaison.pdf"));
    REQUIRE(analysis);
    REQUIRE(engine::matchRecipients(*analysis, directory));

    REQUIRE(analysis->author);
    CHECK(analysis->author->rpps == Berard);
    REQUIRE(analysis->recipients.size() == 2);
    // "Docteur Pierre LEFÈVRE … 69006 LYON": the Marseille homonym is set aside by the city.
    CHECK(analysis->recipients[0].rpps == LefevreLyon);
    CHECK(analysis->recipients[0].autoSelected);
    CHECK(analysis->recipients[1].rpps == Muller);
    for (const auto& r : analysis->recipients) {
        CHECK(r.rpps != Berard);
    }
}

TEST_CASE("Homonyms that nothing on the letter separates are never guessed", "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    ocr::Analysis analysis;
    analysis.recipients = {recipient(QStringLiteral("Dr Pierre LEFEVRE")),
                           recipient(QStringLiteral("Dr Pierre LEFEVRE"), QStringLiteral("Marseille")),
                           recipient(QStringLiteral("Dr Inconnu PERSONNE"))};
    REQUIRE(engine::matchRecipients(analysis, directory));

    CHECK_FALSE(analysis.recipients[0].autoSelected);
    CHECK_FALSE(analysis.recipients[0].rpps.has_value());
    CHECK(analysis.recipients[0].score > 0.5); // there are candidates, for the secretary to choose
    CHECK(analysis.recipients[1].autoSelected);
    CHECK(analysis.recipients[1].rpps == LefevreMarseille);
    CHECK_FALSE(analysis.recipients[2].autoSelected);
    CHECK_FALSE(analysis.recipients[2].rpps.has_value());
}

TEST_CASE("A namesake in another city is proposed, never chosen: Dr Pierre LEFEVRE of Paris is not Lyon's",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    // "Docteur Pierre LEFEVRE, Cardiologue, 75001 PARIS": the directory's cardiologist Pierre LEFÈVRE
    // practises in Lyon. The specialty agrees, the city contradicts: proposed, not chosen.
    ocr::Analysis analysis;
    ocr::Recipient paris = recipient(QStringLiteral("Docteur Pierre LEFEVRE"));
    paris.postcode = QStringLiteral("75001");
    paris.city = QStringLiteral("PARIS");
    paris.specialtyWords = {QStringLiteral("cardiologue")};
    analysis.recipients = {paris};
    REQUIRE(engine::matchRecipients(analysis, directory));
    CHECK_FALSE(analysis.recipients[0].autoSelected);
    CHECK_FALSE(analysis.recipients[0].rpps.has_value());
    auto candidates = engine::matchRecipient(analysis.recipients[0], analysis, directory);
    REQUIRE(candidates);
    REQUIRE_FALSE(candidates->candidates.isEmpty());
    CHECK(candidates->candidates.front().professional.rpps == LefevreLyon);
    CHECK(candidates->candidates.front().contradicted);

    // The same from a letter's text: the window's postcode line is the contradiction.
    const QList<ocr::Segment> page{
        ocr::Segment{QStringLiteral("Docteur Pierre LEFEVRE, Cardiologue"), QRectF(330, 160, 170, 10), 0, {}},
        ocr::Segment{QStringLiteral("75001 PARIS"), QRectF(330, 173, 60, 10), 0, {}},
    };
    const ocr::LetterReading letter = ocr::readLetter({page}, {842.0});
    REQUIRE(letter.recipients.size() == 1);
    CHECK(letter.recipients[0].zone == ocr::Zone::AddressWindow);
    CHECK(letter.recipients[0].postcode == QStringLiteral("75001"));
    CHECK(letter.recipients[0].specialtyWords.contains(QStringLiteral("cardiologue")));
    ocr::Analysis read;
    read.recipients = letter.recipients;
    REQUIRE(engine::matchRecipients(read, directory));
    CHECK_FALSE(read.recipients[0].autoSelected);
    CHECK_FALSE(read.recipients[0].rpps.has_value());
}

TEST_CASE("Only names that address the letter are chosen: not one in the running text", "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    ocr::Analysis analysis;
    ocr::Recipient body = recipient(QStringLiteral("Dr Anne MÜLLER"), QStringLiteral("Lyon"));
    body.zone = ocr::Zone::Body; // "adressée par le Dr Anne MÜLLER"
    ocr::Recipient copy = body;
    copy.zone = ocr::Zone::Copies;
    analysis.recipients = {body, copy};
    REQUIRE(engine::matchRecipients(analysis, directory));
    CHECK_FALSE(analysis.recipients[0].autoSelected);
    CHECK(analysis.recipients[1].autoSelected);
    CHECK(analysis.recipients[1].rpps == Muller);
}

TEST_CASE("The author is excluded from the recipients' candidates", "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    ocr::Analysis analysis;
    analysis.author = ocr::Author{QStringLiteral("Dr Anne MÜLLER"), std::nullopt};
    analysis.recipients = {recipient(QStringLiteral("Dr Anne MULLER"), QStringLiteral("Lyon"))};
    REQUIRE(engine::matchRecipients(analysis, directory));

    REQUIRE(analysis.author);
    CHECK(analysis.author->rpps == Muller);
    CHECK(analysis.recipients[0].rpps != Muller);
    CHECK_FALSE(analysis.recipients[0].autoSelected);
}

TEST_CASE("missive analyze --db fills rpps and auto_selected, and a missing directory is an error",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    {
        const auto directory = sampleDirectory(dir);
    }
    const std::string db = test::storage(dir / "directory.db");
    const auto result = run({cliPath(), "analyze", sourceDir() + "/samples/lettre-liaison.pdf", "--db", db, "--json"});
    REQUIRE(result.exitCode == 0);
    const auto json = QJsonDocument::fromJson(QByteArray::fromStdString(result.out)).object();
    CHECK(json.value(QStringLiteral("author")).toObject().value(QStringLiteral("rpps")).toString() == Berard);
    const auto recipients = json.value(QStringLiteral("recipients")).toArray();
    REQUIRE(recipients.size() == 2);
    CHECK(recipients[0].toObject().value(QStringLiteral("rpps")).toString() == LefevreLyon);
    CHECK(recipients[0].toObject().value(QStringLiteral("auto_selected")).toBool());
    CHECK(recipients[0].toObject().value(QStringLiteral("score")).toDouble() >= 0.85);

    const std::string absent =
        usingPostgres() ? "postgresql:///absent?host=" + postgresSocketDir() + "&user=postgres" : db + ".absent";
    const auto missing =
        run({cliPath(), "analyze", sourceDir() + "/samples/lettre-liaison.pdf", "--db", absent, "--json"});
    CHECK(missing.exitCode == 3);
    CHECK(missing.out.empty());
}

TEST_CASE("Generated letters of every layout: the recipients chosen are right and no one who must not be is chosen",
          "[integration][matching]")
{
    const QString corpus = qEnvironmentVariable("MISSIVE_OCR_CORPUS", QStringLiteral(MISSIVE_TEST_OCR_CORPUS));
    REQUIRE_FALSE(corpus.isEmpty());
    TempDir dir("missive-matching");
    auto opened = directory::Directory::open(QString::fromStdString(test::storage(dir / "directory.db")));
    REQUIRE(opened);
    directory::Directory directory = std::move(*opened);
    const QDir annuaire(corpus + QStringLiteral("/annuaire"));
    for (const QString& file : annuaire.entryList({QStringLiteral("*.txt")})) {
        REQUIRE(directory.importFile(annuaire.filePath(file)));
    }
    QFile index(corpus + QStringLiteral("/index.txt"));
    REQUIRE(index.open(QIODevice::ReadOnly));
    ocr::Analyzer analyzer;
    int expected = 0;
    int found = 0;
    int letters = 0;
    for (const QByteArray& line : index.readAll().split('\n')) {
        const QString name = QString::fromUtf8(line.trimmed());
        if (!name.endsWith(QStringLiteral("-text.pdf"))) {
            continue;
        }
        ++letters;
        const QString pdf = corpus + QLatin1Char('/') + name;
        QFile sidecar(pdf.left(pdf.size() - 4) + QStringLiteral(".json"));
        REQUIRE(sidecar.open(QIODevice::ReadOnly));
        const QJsonObject truth = QJsonDocument::fromJson(sidecar.readAll()).object();
        auto analysis = analyzer.analyze(pdf);
        REQUIRE(analysis);
        REQUIRE(engine::matchRecipients(*analysis, directory));
        QStringList right;
        QStringList mustBeChosen;
        for (const QJsonValue& v : truth.value(QStringLiteral("recipients")).toArray()) {
            const QJsonObject r = v.toObject();
            if (r.value(QStringLiteral("rpps")).isString()) {
                right += r.value(QStringLiteral("rpps")).toString();
            }
            if (r.value(QStringLiteral("auto")).toBool()) {
                mustBeChosen += r.value(QStringLiteral("rpps")).toString();
            }
        }
        QStringList never;
        for (const QJsonValue& v : truth.value(QStringLiteral("never_auto")).toArray()) {
            never += v.toString();
        }
        INFO(name.toStdString() << ", addressee layout "
                                << truth.value(QStringLiteral("addressee_layout")).toString().toStdString());
        QStringList chosen;
        for (const ocr::Recipient& r : analysis->recipients) {
            if (r.autoSelected) {
                REQUIRE(r.rpps);
                INFO("chosen " << r.name.toStdString() << " " << r.rpps->toStdString());
                CHECK(right.contains(*r.rpps));  // never another professional
                CHECK_FALSE(never.contains(*r.rpps)); // never the author, a namesake, a doctor of the text
                chosen += *r.rpps;
            }
        }
        expected += static_cast<int>(mustBeChosen.size());
        for (const QString& rpps : mustBeChosen) {
            found += chosen.contains(rpps) ? 1 : 0;
        }
    }
    CHECK(letters >= 16);
    // Recall over the small corpus (the bench measures it on hundreds of letters, held-out part included).
    CHECK(found * 100 >= expected * 95);
}

TEST_CASE("A signing author with a namesake is the one who practises where the letterhead says",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    const auto signedBy = [](const QString& letterhead) {
        ocr::Analysis analysis;
        analysis.author = ocr::Author{QStringLiteral("Dr Pierre LEFEVRE"), std::nullopt};
        if (!letterhead.isEmpty()) {
            analysis.text += ocr::TextLine{0, letterhead, QRectF(50, 60, 300, 10), ocr::Zone::Other};
        }
        return analysis;
    };
    // Two Pierre LEFEVRE (Lyon, Marseille): the name alone chooses neither.
    ocr::Analysis bare = signedBy({});
    REQUIRE(engine::matchRecipients(bare, directory));
    CHECK_FALSE(bare.author->rpps.has_value());
    // The letterhead's town chooses.
    ocr::Analysis marseille =
        signedBy(QStringLiteral("Hôpital Nord - 12 chemin des Bourrely, 13008 Marseille - Tél. 04 91 00 00 00"));
    REQUIRE(engine::matchRecipients(marseille, directory));
    CHECK(marseille.author->rpps == LefevreMarseille);
    // A letterhead where neither practises: still none.
    ocr::Analysis paris = signedBy(QStringLiteral("Clinique du Parc, 75015 Paris"));
    REQUIRE(engine::matchRecipients(paris, directory));
    CHECK_FALSE(paris.author->rpps.has_value());

    // The establishment's staff comes first: listed by IT ([structure] staff) …
    transport::StructureSettings structure;
    structure.id = QStringLiteral("1690000001");
    structure.staff = {LefevreMarseille};
    ocr::Analysis listed = signedBy(QStringLiteral("Clinique du Parc, 75015 Paris"));
    REQUIRE(engine::matchRecipients(listed, directory, &structure));
    CHECK(listed.author->rpps == LefevreMarseille);
    // … or at one of its sites ([structure] sites): neither Pierre LEFEVRE works at this one.
    structure.staff.clear();
    structure.sites = {QStringLiteral("1130000001")};
    ocr::Analysis sites = signedBy({});
    REQUIRE(engine::matchRecipients(sites, directory, &structure));
    CHECK_FALSE(sites.author->rpps.has_value());
    auto candidates = engine::matchAuthor(sites, directory, &structure, 5);
    REQUIRE(candidates);
    CHECK(candidates->candidates.size() >= 2); // what the popup offers to choose from
}

TEST_CASE("The DMP's contentTypeCode: the care the letter reports, else the service's, else the document type's",
          "[integration][matching]")
{
    QFile sample(QString::fromStdString(sourceDir()) + QStringLiteral("/samples/lettre-liaison.pdf"));
    REQUIRE(sample.open(QIODevice::ReadOnly));
    const QByteArray pdf = sample.readAll();
    transport::StructureSettings structure;
    structure.id = QStringLiteral("1690000001");
    structure.name = QStringLiteral("Clinique des tests");
    const auto contentType = [&](const ocr::Analysis& analysis, const transport::StructureSettings& settings) {
        auto prepared = engine::prepareDocument(pdf, &analysis, {}, settings, nullptr, QStringLiteral("test"));
        REQUIRE(prepared);
        return prepared->input.contentTypeCode;
    };
    ocr::Analysis consultation;
    consultation.documentType = findDocumentType(QStringLiteral("11488-4"));
    CHECK(contentType(consultation, structure) == QStringLiteral("07"));
    ocr::Analysis discharge;
    discharge.documentType = findDocumentType(QStringLiteral("11490-0"));
    CHECK(contentType(discharge, structure) == QStringLiteral("03"));
    // A day-hospital service: its letters that name no care are day stays.
    transport::StructureSettings dayHospital = structure;
    dayHospital.contentType = QStringLiteral("04");
    CHECK(contentType(consultation, dayHospital) == QStringLiteral("04"));
    // The care printed on the letter wins, with its dates.
    ocr::Analysis stay = consultation;
    stay.episode = ocr::CareEpisode{ocr::CareEpisode::Setting::Stay, QDate(2026, 11, 14), QDate(2026, 11, 23)};
    CHECK(contentType(stay, dayHospital) == QStringLiteral("03"));
    auto prepared = engine::prepareDocument(pdf, &stay, {}, dayHospital, nullptr, QStringLiteral("test"));
    REQUIRE(prepared);
    CHECK(prepared->input.serviceStart.date() == QDate(2026, 11, 14));
    CHECK(prepared->input.serviceStop.date() == QDate(2026, 11, 23));
}

TEST_CASE("The signatory is never a recipient, even when the directory cannot tell which namesake signed",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    ocr::Analysis analysis;
    // Two Dr Pierre LEFÈVRE in the directory and no letterhead place: the author stays unresolved.
    analysis.author = ocr::Author{QStringLiteral("Dr LEFÈVRE Pierre"), std::nullopt};
    SECTION("read as an addressee (the letterhead's block taken for an address)")
    {
        ocr::Recipient header = recipient(QStringLiteral("Pierre LEFEVRE"), QStringLiteral("LYON"));
        header.postcode = QStringLiteral("69006");
        header.zone = ocr::Zone::AddressWindow;
        analysis.recipients = {header};
        REQUIRE(engine::matchRecipients(analysis, directory));
        REQUIRE(analysis.recipients.size() == 1);
        CHECK_FALSE(analysis.recipients[0].autoSelected);
        CHECK_FALSE(analysis.recipients[0].rpps);
    }
    SECTION("met in an addressing line by the directory's own search")
    {
        ocr::TextLine line;
        line.text = QStringLiteral("Pierre LEFÈVRE 69006 LYON");
        line.zone = ocr::Zone::AddressWindow;
        analysis.text = {line};
        REQUIRE(engine::matchRecipients(analysis, directory));
        CHECK(analysis.recipients.isEmpty());
    }
}

TEST_CASE("A recipient printed with a word the reader could not place is proposed, not chosen",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    ocr::Analysis analysis;
    ocr::Recipient copy = copiedAlone(analysis);
    analysis.recipients = {copy};
    REQUIRE(engine::matchRecipients(analysis, directory));
    CHECK(analysis.recipients[0].autoSelected);  // the only Dr Anne MÜLLER, nothing printed against her
    analysis.recipients[0].unreadContext = true; // "Dr Anne MÜLLER, Saint-Brieuc Médecin"
    analysis.recipients[0].autoSelected = false;
    REQUIRE(engine::matchRecipients(analysis, directory));
    CHECK_FALSE(analysis.recipients[0].autoSelected);
    CHECK(analysis.recipients[0].score > 0.5); // still proposed
}

TEST_CASE("On a scan, a recipient is chosen only with a place read and confirmed by the directory",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    ocr::Analysis analysis;
    analysis.textSource = ocr::TextSource::Ocr;
    ocr::Recipient copy = copiedAlone(analysis);
    analysis.recipients = {copy};
    REQUIRE(engine::matchRecipients(analysis, directory));
    CHECK_FALSE(analysis.recipients[0].autoSelected); // OCR may have lost the town beside the name
    CHECK(analysis.recipients[0].score > 0.5);        // proposed
    // "Dr Anne MÜLLER, Lyon" on the scan: the place read is hers.
    ocr::Recipient placed = recipient(QStringLiteral("Dr Anne MÜLLER"), QStringLiteral("Lyon"));
    placed.zone = ocr::Zone::Copies;
    analysis.recipients = {placed};
    REQUIRE(engine::matchRecipients(analysis, directory));
    CHECK(analysis.recipients[0].autoSelected);
    analysis.recipients = {copy};
    analysis.textSource = ocr::TextSource::TextLayer;
    REQUIRE(engine::matchRecipients(analysis, directory));
    CHECK(analysis.recipients[0].autoSelected);
}

TEST_CASE("An RPPS printed at the head of a recipient's row chooses that professional among namesakes, never another",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    const auto match = [&](const QString& printed) {
        ocr::Analysis analysis;
        ocr::Recipient row = recipient(QStringLiteral("LEFEVRE Pierre"));
        row.zone = ocr::Zone::Copies;
        row.role = ocr::RecipientRole::Cc;
        row.familyName = QStringLiteral("LEFEVRE");
        row.givenName = QStringLiteral("Pierre");
        row.printedRpps = printed;
        analysis.text = {
            ocr::TextLine{0, QStringLiteral("LEFEVRE Pierre"), QRectF(63, 702, 120, 10), ocr::Zone::Copies}};
        analysis.recipients = {row};
        REQUIRE(engine::matchRecipients(analysis, directory));
        return analysis.recipients.front();
    };
    // Namesakes in Lyon and Marseille, no town printed: a choice for the secretary.
    CHECK_FALSE(match({}).autoSelected);
    // The number printed with the name says which one.
    const ocr::Recipient marseille = match(LefevreMarseille);
    CHECK(marseille.autoSelected);
    CHECK(marseille.rpps == LefevreMarseille);
    CHECK(match(LefevreLyon).rpps == LefevreLyon);
    // A number that is not a namesake's (another professional's, or unknown) chooses nobody.
    CHECK_FALSE(match(Muller).autoSelected);
    CHECK_FALSE(match(QStringLiteral("10999999999")).autoSelected);
}

TEST_CASE("A mailbox printed with a recipient's name chooses its owner among namesakes, never another",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    const auto match = [&](const QString& mailbox) {
        ocr::Analysis analysis;
        ocr::Recipient row = recipient(QStringLiteral("Pierre LEFEVRE"));
        row.zone = ocr::Zone::Copies;
        row.role = ocr::RecipientRole::Cc;
        row.familyName = QStringLiteral("LEFEVRE");
        row.givenName = QStringLiteral("Pierre");
        row.printedMailbox = mailbox;
        analysis.text = {ocr::TextLine{0, QStringLiteral("Copie : Pierre LEFEVRE <") + mailbox + QLatin1Char('>'),
                                       QRectF(60, 258, 300, 10), ocr::Zone::Copies}};
        analysis.recipients = {row};
        REQUIRE(engine::matchRecipients(analysis, directory));
        return analysis.recipients.front();
    };
    CHECK_FALSE(match({}).autoSelected); // namesakes in Lyon and Marseille
    const ocr::Recipient marseille = match(QStringLiteral("p.lefevre.marseille@demo.mssante.fr"));
    CHECK(marseille.autoSelected);
    CHECK(marseille.rpps == LefevreMarseille);
    CHECK(match(QStringLiteral("pierre.lefevre@demo.mssante.fr")).rpps == LefevreLyon);
    // Another professional's mailbox, or one the directory does not know, chooses nobody.
    CHECK_FALSE(match(QStringLiteral("anne.muller@demo.mssante.fr")).autoSelected);
    CHECK_FALSE(match(QStringLiteral("inconnu@demo.mssante.fr")).autoSelected);
}

TEST_CASE("A telephone number printed with a name is no place: the entry is chosen, and 'Tél.' is never its town",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    for (const QString& line : {QStringLiteral("Copie à : Dr Anne MÜLLER, Tél. 02 98 11 22 33"),
                                QStringLiteral("Copie à : Dr Anne MÜLLER – tél. : +33 2 98 11 22 33"),
                                QStringLiteral("Copie à : Dr Anne MÜLLER (fax 0298112233)")}) {
        INFO(line.toStdString());
        ocr::Analysis analysis;
        ocr::Recipient copy = copiedAlone(analysis);
        analysis.text.front().text = line;
        analysis.recipients = {copy};
        REQUIRE(engine::matchRecipients(analysis, directory));
        CHECK(analysis.recipients[0].city.isEmpty());
        CHECK(analysis.recipients[0].autoSelected);
    }
    // A town after the number is still a town: the only Dr Anne MÜLLER may be another's namesake.
    ocr::Analysis town;
    ocr::Recipient copy = copiedAlone(town);
    town.text.front().text = QStringLiteral("Copie à : Dr Anne MÜLLER, Tél. 02 98 11 22 33, Vannes");
    town.recipients = {copy};
    REQUIRE(engine::matchRecipients(town, directory));
    CHECK_FALSE(town.recipients[0].autoSelected);
}

TEST_CASE("The directory is looked up over the whole letter: each name takes its role from where it stands",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    ocr::Analysis analysis;
    analysis.text = {
        ocr::TextLine{0, QStringLiteral("Clinique des Lilas, 75015 PARIS"), QRectF(60, 70, 200, 10), ocr::Zone::Other},
        ocr::TextLine{0, QStringLiteral("Chère Consœur,"), QRectF(60, 300, 80, 10), ocr::Zone::Salutation},
        ocr::TextLine{0, QStringLiteral("Le suivi habituel est assuré par Claire BÉRARD, que je remercie."),
                      QRectF(60, 330, 420, 10), ocr::Zone::Body},
        ocr::TextLine{0, QStringLiteral("Dr Paul MARTIN"), QRectF(330, 500, 80, 10), ocr::Zone::Signature},
        // A copies list the reader took for the signature's: its place printed with each entry.
        ocr::TextLine{0, QStringLiteral("Anne MÜLLER, médecin généraliste, LYON"), QRectF(60, 560, 220, 10),
                      ocr::Zone::Signature},
        ocr::TextLine{0, QStringLiteral("Pierre LEFEVRE, cardiologue, PARIS"), QRectF(60, 572, 200, 10),
                      ocr::Zone::Signature},
    };
    REQUIRE(engine::matchRecipients(analysis, directory));
    const auto find = [&](const QString& family) -> const ocr::Recipient* {
        for (const ocr::Recipient& r : analysis.recipients) {
            if (r.name.contains(family)) {
                return &r;
            }
        }
        return nullptr;
    };
    const ocr::Recipient* copy = find(QStringLiteral("MÜLLER"));
    REQUIRE(copy);
    CHECK(copy->role == ocr::RecipientRole::Cc);
    CHECK(copy->autoSelected);
    CHECK(copy->rpps == Muller);
    // Named in running text: cited for the secretary, never chosen.
    const ocr::Recipient* cited = find(QStringLiteral("BÉRARD"));
    REQUIRE(cited);
    CHECK(cited->zone == ocr::Zone::Body);
    CHECK_FALSE(cited->autoSelected);
    // A namesake's name with another town than either of the directory's: never chosen.
    for (const ocr::Recipient& r : analysis.recipients) {
        CHECK_FALSE((r.autoSelected && (r.rpps == LefevreLyon || r.rpps == LefevreMarseille)));
    }
}

TEST_CASE("Part of a name found through the directory only with the place that chooses one professional, never "
          "whoever sent the patient",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    const auto chosen = [&](const QString& line) {
        ocr::Analysis analysis;
        analysis.text = {
            ocr::TextLine{0, QStringLiteral("Chère Consœur,"), QRectF(60, 300, 80, 10), ocr::Zone::Salutation},
            ocr::TextLine{0, line, QRectF(60, 600, 260, 10), ocr::Zone::Other},
        };
        REQUIRE(engine::matchRecipients(analysis, directory));
        QStringList out;
        for (const ocr::Recipient& r : analysis.recipients) {
            if (r.autoSelected && r.rpps) {
                out << *r.rpps;
            }
        }
        return out;
    };
    CHECK(chosen(QStringLiteral("Transmis à : Dr A. MÜLLER – 69007 LYON")) == QStringList{Muller});
    CHECK(chosen(QStringLiteral("Transmis à : Dr BÉRARD (Lyon)")) == QStringList{Berard});
    // Two LEFEVRE Pierre, neither in Paris: an initial or a family name alone chooses no one.
    CHECK(chosen(QStringLiteral("Transmis à : Dr P. LEFEVRE – 75001 PARIS")).isEmpty());
    CHECK(chosen(QStringLiteral("Transmis à : Dr LEFEVRE (Paris)")).isEmpty());
    // Nor where the text says who sent the patient.
    CHECK(chosen(QStringLiteral("Patiente adressée par Anne MÜLLER, 69007 LYON")).isEmpty());

    // A row's caption cell: "Adressé par | Claire BÉRARD | 69003 LYON".
    ocr::Analysis row;
    row.text = {
        ocr::TextLine{0, QStringLiteral("Adressé par"), QRectF(169, 164, 52, 12), ocr::Zone::Copies},
        ocr::TextLine{0, QStringLiteral("Claire BÉRARD 69003 LYON"), QRectF(282, 164, 160, 12), ocr::Zone::Copies},
        ocr::TextLine{0, QStringLiteral("Chère Consœur,"), QRectF(60, 300, 80, 10), ocr::Zone::Salutation},
    };
    REQUIRE(engine::matchRecipients(row, directory));
    for (const ocr::Recipient& r : row.recipients) {
        CHECK_FALSE(r.autoSelected);
    }
}

TEST_CASE("A town read into a family name is split off only when the directory knows him there",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    const auto read = [&](const QString& family) {
        ocr::Analysis analysis;
        ocr::Recipient r = recipient(QStringLiteral("Dr Anne ") + family);
        r.zone = ocr::Zone::Copies;
        r.role = ocr::RecipientRole::Cc;
        r.title = QStringLiteral("Dr");
        r.givenName = QStringLiteral("Anne");
        r.familyName = family;
        analysis.text = {
            ocr::TextLine{0, QStringLiteral("Copie à : ") + r.name, QRectF(60, 700, 200, 10), ocr::Zone::Copies}};
        analysis.recipients = {r};
        REQUIRE(engine::matchRecipients(analysis, directory));
        return analysis.recipients.front();
    };
    const ocr::Recipient lyon = read(QStringLiteral("MÜLLER LYON"));
    CHECK(lyon.familyName == QStringLiteral("MÜLLER"));
    CHECK(lyon.city == QStringLiteral("LYON"));
    CHECK(lyon.autoSelected);
    CHECK(lyon.rpps == Muller);
    // Not where the directory does not know her: the name stays as read, nobody chosen.
    const ocr::Recipient brest = read(QStringLiteral("MÜLLER BREST"));
    CHECK(brest.familyName == QStringLiteral("MÜLLER BREST"));
    CHECK_FALSE(brest.autoSelected);
}

TEST_CASE("A name the reader read with a comma is known to the directory's look-up: the town of the next entry "
          "never chooses his namesake",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    ocr::Analysis analysis;
    const QString line = QStringLiteral("Copie à : Dr LEFÈVRE, Pierre, Lyon – Dr Anne MÜLLER, 13008 MARSEILLE");
    analysis.text = {
        ocr::TextLine{0, QStringLiteral("Chère Consœur,"), QRectF(60, 300, 80, 10), ocr::Zone::Salutation},
        ocr::TextLine{0, line, QRectF(60, 700, 380, 10), ocr::Zone::Copies},
    };
    ocr::Recipient lefevre = recipient(QStringLiteral("Dr LEFÈVRE, Pierre"), QStringLiteral("Lyon"));
    lefevre.zone = ocr::Zone::Copies;
    lefevre.role = ocr::RecipientRole::Cc;
    lefevre.title = QStringLiteral("Dr");
    lefevre.familyName = QStringLiteral("LEFÈVRE");
    lefevre.givenName = QStringLiteral("Pierre");
    analysis.recipients = {lefevre};
    REQUIRE(engine::matchRecipients(analysis, directory));
    for (const ocr::Recipient& r : analysis.recipients) {
        CHECK_FALSE((r.autoSelected && r.rpps == LefevreMarseille));
    }
    CHECK(std::any_of(analysis.recipients.begin(), analysis.recipients.end(),
                      [](const ocr::Recipient& r) { return r.autoSelected && r.rpps == LefevreLyon; }));
}

TEST_CASE("What a list prints around a name without its place: a copy kept in the file, the specialty in capitals, "
          "the list's label in capitals, the next entry's line under",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    // "– Dossier": the file's copy, the next entry, no town of hers.
    {
        ocr::Analysis analysis;
        ocr::Recipient copy = copiedAlone(analysis);
        analysis.text.front().text = QStringLiteral("Diff. : Dr Anne MÜLLER – Dossier");
        analysis.recipients = {copy};
        REQUIRE(engine::matchRecipients(analysis, directory));
        CHECK(analysis.recipients[0].city.isEmpty());
        CHECK(analysis.recipients[0].autoSelected);
    }
    // "AUTRES DESTINATAIRES : DR MÜLLER ANNE (MÉDECINE GÉNÉRALE) ; DR …" over "(PÉDIATRE) ; …": what
    // she does in capitals is no town, the list's label is no town, the line under is the next one's.
    ocr::Analysis analysis;
    analysis.text = {
        ocr::TextLine{0,
                      QStringLiteral("AUTRES DESTINATAIRES : DR MÜLLER ANNE (MÉDECINE GÉNÉRALE) ; DR FATIMA D'ALMEIDA"),
                      QRectF(60, 700, 420, 10), ocr::Zone::Copies},
        ocr::TextLine{0, QStringLiteral("(PÉDIATRE) ; DR THOMAS LEROY (HÉMATOLOGUE, LAVAL)"), QRectF(60, 711, 300, 10),
                      ocr::Zone::Copies},
    };
    ocr::Recipient muller = recipient(QStringLiteral("DR MÜLLER ANNE"));
    muller.zone = ocr::Zone::Copies;
    muller.role = ocr::RecipientRole::Cc;
    muller.title = QStringLiteral("DR");
    muller.familyName = QStringLiteral("MÜLLER ANNE");
    muller.specialtyWords = {QStringLiteral("medecine"), QStringLiteral("generale")};
    ocr::Recipient almeida = recipient(QStringLiteral("DR FATIMA D'ALMEIDA"));
    almeida.zone = ocr::Zone::Copies;
    almeida.role = ocr::RecipientRole::Cc;
    almeida.familyName = QStringLiteral("FATIMA D'ALMEIDA");
    analysis.recipients = {muller, almeida};
    REQUIRE(engine::matchRecipients(analysis, directory));
    CHECK(analysis.recipients[0].city.isEmpty());
    CHECK(analysis.recipients[0].autoSelected);
    // A town under a line of two entries may be the first's too: she is not chosen without it.
    ocr::Analysis two;
    ocr::Recipient first = copiedAlone(two);
    two.text.front().text = QStringLiteral("Copie à : Dr Anne MÜLLER ; Dr Paul DURAND");
    two.text += ocr::TextLine{0, QStringLiteral("QUIMPER"), QRectF(60, 711, 60, 10), ocr::Zone::Copies};
    ocr::Recipient durand = recipient(QStringLiteral("Dr Paul DURAND"));
    durand.zone = ocr::Zone::Copies;
    durand.familyName = QStringLiteral("DURAND");
    durand.givenName = QStringLiteral("Paul");
    two.recipients = {first, durand};
    REQUIRE(engine::matchRecipients(two, directory));
    CHECK_FALSE(two.recipients[0].autoSelected);
}

TEST_CASE("A bracket that opens a sentence's line after another entry's name is that entry's place",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    // "… au Dr Paul DURAND" over "(QUIMPER) et au Dr Anne MÜLLER.": Quimper is his, she is read alone.
    const auto told = [&](const QString& above) {
        ocr::Analysis analysis;
        ocr::Recipient muller = copiedAlone(analysis);
        analysis.text = {
            ocr::TextLine{0, above, QRectF(60, 700, 420, 10), ocr::Zone::Copies},
            ocr::TextLine{0, QStringLiteral("(QUIMPER) et au Dr Anne MÜLLER."), QRectF(60, 711, 200, 10),
                          ocr::Zone::Copies},
        };
        ocr::Recipient durand = recipient(QStringLiteral("Dr Paul DURAND"));
        durand.zone = ocr::Zone::Copies;
        durand.familyName = QStringLiteral("DURAND");
        durand.givenName = QStringLiteral("Paul");
        durand.city = QStringLiteral("QUIMPER");
        analysis.recipients = {durand, muller};
        REQUIRE(engine::matchRecipients(analysis, directory));
        return analysis.recipients[1].autoSelected;
    };
    CHECK(told(QStringLiteral("J'adresse également ce compte rendu, pour information, au Dr Paul DURAND")));
    // A line above that ends on no one leaves the town hers for all that can be told.
    CHECK_FALSE(told(QStringLiteral("J'adresse également ce compte rendu, pour information, à mes confrères")));
}

TEST_CASE("A place wrapped onto the line under its entry, whatever zone the reader gave that line, is the entry's",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    // The last entry of a note, its town in brackets on the next line the reader took for the
    // signature's; a table's cell wrapped after a comma, its town under it left unplaced.
    const auto chosen = [&](const QString& line, const ocr::TextLine& under) {
        ocr::Analysis analysis;
        ocr::Recipient muller = copiedAlone(analysis);
        analysis.text = {ocr::TextLine{0, line, QRectF(60, 700, 300, 10), ocr::Zone::Copies}, under};
        analysis.recipients = {muller};
        REQUIRE(engine::matchRecipients(analysis, directory));
        INFO(analysis.recipients[0].city.toStdString());
        return analysis.recipients[0];
    };
    const QString note = QStringLiteral("(*) Dr Paul DURAND (QUIMPER) ; Dr Anne MÜLLER");
    const ocr::Recipient toulon =
        chosen(note, ocr::TextLine{0, QStringLiteral("(TOULON)."), QRectF(60, 711, 40, 10), ocr::Zone::Signature});
    CHECK_FALSE(toulon.autoSelected);
    CHECK(toulon.city == QStringLiteral("TOULON"));
    const ocr::Recipient strasbourg =
        chosen(QStringLiteral("Dr Anne MÜLLER, médecin généraliste,"),
               ocr::TextLine{0, QStringLiteral("STRASBOURG"), QRectF(60, 711, 60, 10), ocr::Zone::Other});
    CHECK_FALSE(strasbourg.autoSelected);
    CHECK(strasbourg.city == QStringLiteral("STRASBOURG"));
    // Her own town so wrapped chooses her; a line under that neither opens on a bracket nor follows
    // a comma is not hers.
    CHECK(chosen(QStringLiteral("Dr Anne MÜLLER, médecin généraliste,"),
                 ocr::TextLine{0, QStringLiteral("69007 LYON"), QRectF(60, 711, 60, 10), ocr::Zone::Other})
              .autoSelected);
    CHECK(chosen(note, ocr::TextLine{0, QStringLiteral("Bien confraternellement,"), QRectF(60, 711, 100, 10),
                                     ocr::Zone::Signature})
              .autoSelected);
}

TEST_CASE("The author, known by his RPPS, is never chosen under a name the reader could not tell from his",
          "[integration][matching]")
{
    TempDir dir("missive-matching");
    const auto directory = sampleDirectory(dir);
    const auto chosen = [&](const std::optional<QString>& authorRpps) {
        ocr::Analysis analysis;
        ocr::Recipient copy = copiedAlone(analysis);
        copy.name = QStringLiteral("Dr MÜLLER");
        copy.givenName.clear();
        copy.city = QStringLiteral("LYON");
        analysis.text = {ocr::TextLine{0, QStringLiteral("Copie à : Dr MÜLLER (LYON)"), QRectF(60, 700, 150, 10),
                                       ocr::Zone::Copies}};
        analysis.recipients = {copy};
        analysis.author = ocr::Author{QStringLiteral("Dr Anne MÜLLER-DURAND"), authorRpps};
        REQUIRE(engine::matchRecipients(analysis, directory));
        return analysis.recipients[0].autoSelected;
    };
    CHECK(chosen(std::nullopt));
    CHECK_FALSE(chosen(QStringLiteral("10999000037")));
}
