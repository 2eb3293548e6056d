#include "missive/engine/intake.h"
#include "missive/engine/reading.h"
#include "missive/ocr/analyzer.h"
#include "postgres.h"
#include "support.h"

#include <catch2/catch.hpp>
#include <fstream>

using namespace missive;
using namespace missive::test;
namespace fs = std::filesystem;

namespace
{

QString q(const fs::path& path)
{
    return QString::fromStdString(path.string());
}

std::string sampleLetter()
{
    return readFile(fs::path(sourceDir()) / "samples" / "lettre-liaison.pdf");
}

// Flips one byte in the middle of a file, as a local user with write access to the spool could.
void alterOneByte(const fs::path& file)
{
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    const auto size = static_cast<std::streamoff>(fs::file_size(file));
    f.seekg(size / 2);
    char c = 0;
    f.get(c);
    f.seekp(size / 2);
    f.put(static_cast<char>(c ^ 0x01));
}

// A reader that counts what it is given, and reads in this process.
class CountingReader final : public ocr::LetterReader
{
public:
    using LetterReader::analyze;
    Result<ocr::Analysis> analyze(const QByteArray& pdf, const QString& name, const ocr::Limits& limits) override
    {
        ++calls;
        given = pdf.constData();
        return analyzer.analyze(pdf, name, limits);
    }
    int calls = 0;
    const char* given = nullptr;
    ocr::Analyzer analyzer;
};

struct Desk
{
    LocalSpool spool;
    TempDir work{"missive-intake"};
    engine::Intake intake{engine::Inbox(q(spool.root()))};
    transport::Settings settings;
    std::optional<engine::Delivery> delivery;
    transport::Outbox* outbox = nullptr;

    Desk()
    {
        settings.structure.id = QStringLiteral("1690000001");
        settings.structure.name = QStringLiteral("Clinique des tests");
        auto opened = engine::Delivery::open(settings, QString::fromStdString(test::storage(work / "outbox.sqlite")));
        REQUIRE(opened);
        delivery.emplace(std::move(*opened));
        outbox = &delivery->outbox();
    }

    fs::path payload(const std::string& id) const
    {
        return spool.userDir() / "jobs" / id / "document.pdf";
    }
};

engine::Confirmation toAddress()
{
    engine::Confirmation confirmation;
    confirmation.addresses << QStringLiteral("dr.gay@test.mssante.fr");
    confirmation.user = QStringLiteral("secretaire");
    return confirmation;
}

} // namespace

TEST_CASE("a print altered in the spool after capture is never read nor queued, and goes to quarantine with why",
          "[unit][engine][storage][fault]")
{
    Desk desk;
    const std::string id = desk.spool.addJob(sampleLetter(), "Lettre de liaison");
    alterOneByte(desk.payload(id));

    auto letter = desk.intake.open(QString::fromStdString(id));
    REQUIRE_FALSE(letter);
    CHECK(letter.error().code == ErrorCode::Integrity);
    CHECK(letter.error().userMessage.contains(QStringLiteral("ne correspond plus à ce qui a été imprimé")));
    // Out of the waiting list, into quarantine with its reason (what À vérifier lists).
    CHECK(desk.intake.inbox().waiting()->jobs.isEmpty());
    const auto quarantined = desk.intake.inbox().quarantined();
    REQUIRE(quarantined->jobs.size() == 1);
    CHECK(quarantined->jobs[0].reason == QStringLiteral("integrity"));
    CHECK_FALSE(quarantined->jobs[0].reasonMessage.isEmpty());
    CHECK(desk.outbox->list()->isEmpty());
    // Asked again, it is refused again (not read from quarantine).
    CHECK(desk.intake.open(QString::fromStdString(id)).error().code == ErrorCode::Integrity);
}

TEST_CASE("a print is read once: the reader, the document and the outbox get the bytes checked at intake",
          "[unit][engine][storage]")
{
    Desk desk;
    const std::string printed = sampleLetter();
    const std::string id = desk.spool.addJob(printed, "Lettre de liaison");

    auto letter = desk.intake.open(QString::fromStdString(id));
    REQUIRE(letter);
    CHECK(letter->pdf.toStdString() == printed);
    CHECK(letter->job.title == QStringLiteral("Lettre de liaison"));

    CountingReader reader;
    auto proposal = desk.intake.propose(*letter, nullptr, desk.settings.structure, QStringLiteral("test"), &reader);
    REQUIRE(proposal);
    CHECK(reader.calls == 1);
    CHECK(reader.given == letter->pdf.constData()); // the same bytes, not read again
    CHECK(proposal->prepared.input.pdf.constData() == letter->pdf.constData());

    // Whatever happens to the spool file now, what is queued is what was checked: it is not read
    // again (a second read would see these bytes).
    writeFile(desk.payload(id), "%PDF-1.4 replaced after the intake", 0600);
    auto queued = desk.intake.queue(*letter, proposal->prepared, toAddress(), *desk.delivery, nullptr);
    INFO((queued ? std::string() : queued.error().detail.toStdString()));
    REQUIRE(queued);
    const auto rows = desk.outbox->list();
    REQUIRE(rows->size() == 1);
    CHECK(rows->at(0).spoolJobId.toStdString() == id);
    CHECK(rows->at(0).toJson().value(QStringLiteral("spool_job_id")).toString().toStdString() == id);
    const auto stored = desk.outbox->document(rows->at(0).documentId);
    REQUIRE(stored);
    CHECK(stored->pdf.toStdString() == printed);
    // Hashed once: the digest checked at intake is the one the outbox keeps (and checks at send).
    CHECK(stored->sha256 == letter->job.sha256);
    CHECK(stored->sha256.toStdString() == sha256Hex(printed));
    // Queued, the print left the waiting list.
    CHECK(desk.intake.inbox().waiting()->jobs.isEmpty());
    CHECK(desk.intake.inbox().quarantined()->jobs.isEmpty());
}

TEST_CASE("a document built on other bytes than the print's is refused, and the print stays waiting",
          "[unit][engine][storage][fault]")
{
    Desk desk;
    const std::string id = desk.spool.addJob(sampleLetter(), "Lettre de liaison");
    auto letter = desk.intake.open(QString::fromStdString(id));
    REQUIRE(letter);
    auto other = engine::proposeLetter(QString::fromStdString(sourceDir() + "/samples/lettre-liaison.pdf"), nullptr,
                                       desk.settings.structure, QStringLiteral("test"));
    REQUIRE(other);
    other->prepared.input.pdf.append("% appended");
    auto queued = desk.intake.queue(*letter, other->prepared, toAddress(), *desk.delivery, nullptr);
    REQUIRE_FALSE(queued);
    CHECK(queued.error().code == ErrorCode::Integrity);
    CHECK(desk.outbox->list()->isEmpty());
    CHECK(desk.intake.inbox().waiting()->jobs.size() == 1);
}

TEST_CASE("a print is queued once: a second session confirming the same print is refused", "[unit][engine][storage]")
{
    Desk desk;
    const std::string id = desk.spool.addJob(sampleLetter(), "Lettre de liaison");
    auto first = desk.intake.open(QString::fromStdString(id));
    auto second = desk.intake.open(QString::fromStdString(id));
    REQUIRE(first);
    REQUIRE(second);
    auto proposal = desk.intake.propose(*first, nullptr, desk.settings.structure, QStringLiteral("test"));
    REQUIRE(proposal);
    REQUIRE(desk.intake.queue(*first, proposal->prepared, toAddress(), *desk.delivery, nullptr));
    auto again = desk.intake.queue(*second, proposal->prepared, toAddress(), *desk.delivery, nullptr);
    REQUIRE_FALSE(again);
    CHECK(again.error().code == ErrorCode::NotFound);
    CHECK(desk.outbox->list()->size() == 1);
}

TEST_CASE("a queue that fails puts the print back: nothing is lost", "[unit][engine][storage][fault]")
{
    Desk desk;
    const std::string id = desk.spool.addJob(sampleLetter(), "Lettre de liaison");
    auto letter = desk.intake.open(QString::fromStdString(id));
    REQUIRE(letter);
    auto proposal = desk.intake.propose(*letter, nullptr, desk.settings.structure, QStringLiteral("test"));
    REQUIRE(proposal);
    engine::Confirmation nobody;
    auto queued = desk.intake.queue(*letter, proposal->prepared, nobody, *desk.delivery, nullptr);
    REQUIRE_FALSE(queued);
    CHECK(queued.error().code == ErrorCode::InvalidArgument);
    CHECK(desk.intake.inbox().waiting()->jobs.size() == 1);
    // Cancelled by the secretary: the print is deleted, unsent.
    REQUIRE(desk.intake.discard(*letter));
    CHECK(desk.intake.inbox().waiting()->jobs.isEmpty());
    CHECK(desk.outbox->list()->isEmpty());
}

TEST_CASE("a letter given as a file is read once, bounded, and must be a PDF", "[unit][engine][storage]")
{
    TempDir dir;
    writeFile(dir / "note.txt", "bonjour", 0600);
    auto notPdf = engine::readLetterFile(q(dir / "note.txt"));
    REQUIRE_FALSE(notPdf);
    CHECK(notPdf.error().userMessage.contains(QStringLiteral("n'est pas un PDF")));
    CHECK(engine::readLetterFile(q(dir / "absent.pdf")).error().code == ErrorCode::NotFound);
    auto pdf = engine::readLetterFile(QString::fromStdString(sourceDir() + "/samples/lettre-liaison.pdf"));
    REQUIRE(pdf);
    CHECK(pdf->startsWith("%PDF-"));
}
