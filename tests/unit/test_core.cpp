// Domain types of missive_core: INS matricule keys, identity traits, the JDV_J07 value set.

#include "missive/core/document_type.h"
#include "missive/core/ins.h"
#include "missive/core/patient.h"
#include "missive/core/private_files.h"
#include "missive/core/safe_file.h"
#include "support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <catch2/catch.hpp>

using namespace missive;

TEST_CASE("INS keys of the ANS test matricules are valid", "[unit][core]")
{
    for (const char* matricule : {"279035121518989", "162018885045327", "146026322000196"}) {
        INFO(matricule);
        CHECK(ins::checkMatricule(QString::fromLatin1(matricule)) == ins::MatriculeCheck::Valid);
    }
}

TEST_CASE("INS keys of Corsican matricules use 19 and 18", "[unit][core]")
{
    // python-stdnum doctests: 2A -> 19, 2B -> 18 before the key is computed.
    CHECK(ins::checkMatricule(u"253072B07300470") == ins::MatriculeCheck::Valid);
    CHECK(ins::checkMatricule(u"253072A07300443") == ins::MatriculeCheck::Valid);
    CHECK(ins::checkMatricule(u"253072A07300470") == ins::MatriculeCheck::BadKey);
}

TEST_CASE("Malformed or mistyped matricules are rejected", "[unit][core]")
{
    CHECK(ins::checkMatricule(u"279035121518988") == ins::MatriculeCheck::BadKey);
    CHECK(ins::checkMatricule(u"123456789012244") == ins::MatriculeCheck::BadKey); // FR Core's example
    CHECK(ins::checkMatricule(u"27903512151898") == ins::MatriculeCheck::BadFormat);
    CHECK(ins::checkMatricule(u"2790351215189899") == ins::MatriculeCheck::BadFormat);
    CHECK(ins::checkMatricule(u"2790351215189O9") == ins::MatriculeCheck::BadFormat);
    CHECK(ins::checkMatricule(u"579035121518989") == ins::MatriculeCheck::BadFormat);
    CHECK(ins::checkMatricule(u"2790312A1518989") == ins::MatriculeCheck::BadFormat);
    CHECK(ins::computeKey(u"2790351215189") == 89);
}

TEST_CASE("Only the INS authorities are INS OIDs", "[unit][core]")
{
    CHECK(ins::isInsOid(u"1.2.250.1.213.1.4.8"));
    CHECK(ins::isInsOid(u"1.2.250.1.213.1.4.10"));
    CHECK_FALSE(ins::isInsOid(u"1.2.250.1.213.1.4.2")); // INS-C, obsolete
    CHECK_FALSE(ins::isInsOid(u"1.2.250.1.213.1.4.5"));
}

TEST_CASE("An identity carries an INS only with its strict traits", "[unit][core]")
{
    PatientIdentity patient;
    patient.ins = QStringLiteral("279035121518989");
    patient.insOid = QString::fromLatin1(ins::OidNirTest);
    CHECK(patient.hasValidIns());
    CHECK_FALSE(patient.hasStrictTraits());
    patient.birthName = QStringLiteral("DUPONT");
    patient.firstNames = {QStringLiteral("MARIE"), QStringLiteral("ANNE")};
    patient.firstName = QStringLiteral("MARIE");
    patient.birthDate = QDate(1979, 3, 12);
    patient.sex = Sex::Female;
    CHECK_FALSE(patient.hasStrictTraits());
    patient.birthPlace = QStringLiteral("51215");
    CHECK(patient.hasStrictTraits());
    patient.insOid = QStringLiteral("1.2.250.1.213.1.4.2");
    CHECK_FALSE(patient.hasValidIns());
    CHECK(sexFromCode(sexCode(Sex::Male)) == Sex::Male);
    CHECK(sexFromCode(u"X") == Sex::Unknown);
}

TEST_CASE("The JDV_J07 value set is compiled in", "[unit][core]")
{
    CHECK(documentTypes().size() == 114);
    const auto letter = findDocumentType(QString::fromLatin1(documenttypes::LettreDeLiaison));
    REQUIRE(letter);
    CHECK(letter->codeSystem == QLatin1String(documenttypes::Loinc));
    CHECK(letter->label.contains(QStringLiteral("liaison"), Qt::CaseInsensitive));
    for (const char* code :
         {documenttypes::CompteRenduOperatoire, documenttypes::Ordonnance, documenttypes::CompteRenduConsultation}) {
        INFO(code);
        CHECK(findDocumentType(QString::fromLatin1(code)));
    }
    CHECK_FALSE(findDocumentType(u"00000-0"));
}

TEST_CASE("The compiled JDV_J07 table is the official file, concept for concept", "[unit][core]")
{
    QFile file(QString::fromStdString(missive::test::sourceDir())
               + QStringLiteral("/core/data/JDV_J07_XdsTypeCode_CISIS.xml"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    QList<DocumentType> official;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("Concept")) {
            const auto attributes = xml.attributes();
            official.append({attributes.value(QLatin1String("code")).toString(),
                             attributes.value(QLatin1String("codeSystem")).toString(),
                             attributes.value(QLatin1String("displayName")).toString()});
        }
    }
    REQUIRE_FALSE(xml.hasError());
    REQUIRE(official.size() > 100);
    CHECK(documentTypes() == official);
}

TEST_CASE("Private modules are looked for beside the program only, whatever the directory or environment",
          "[unit][core]")
{
    const QString program = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath();
    REQUIRE_FALSE(program.isEmpty());
    const QString expected = QDir::cleanPath(QFileInfo(program).absolutePath() + QLatin1Char('/')
                                             + QStringLiteral(MISSIVE_TEST_MODULE_RELDIR) + QStringLiteral("/x.so"));
    const auto path = privateFilePath(QStringLiteral("x.so"));
    REQUIRE(path);
    CHECK(*path == expected);
    CHECK(QFileInfo(*path).isAbsolute());

    const QString before = QDir::currentPath();
    REQUIRE(QDir::setCurrent(QDir::tempPath()));
    qputenv("LD_LIBRARY_PATH", QDir::tempPath().toUtf8());
    const auto elsewhere = privateFilePath(QStringLiteral("x.so"));
    qunsetenv("LD_LIBRARY_PATH");
    REQUIRE(QDir::setCurrent(before));
    REQUIRE(elsewhere);
    CHECK(*elsewhere == expected);
}

#ifndef Q_OS_WIN
#include <sys/stat.h>

namespace
{

QByteArray contentOf(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

} // namespace

TEST_CASE("A file written where the user said replaces a regular file, privately and whole", "[unit][core][fault]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString path = dir.filePath(QStringLiteral("lettre.pdf"));
    REQUIRE(writeFileSafely(path, "old"));
    REQUIRE(writeFileSafely(path, "%PDF-1.7 new"));
    CHECK(contentOf(path) == "%PDF-1.7 new");
    struct stat st{};
    REQUIRE(::stat(QFile::encodeName(path).constData(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    // Nothing but the file is left in the directory (no temporary).
    CHECK(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size() == 1);

    // Not committed: the target is untouched and the temporary file gone.
    {
        auto writer = SafeFileWriter::open(path);
        REQUIRE(writer);
        REQUIRE(writer->write(QByteArray("half")));
    }
    CHECK(contentOf(path) == "%PDF-1.7 new");
    CHECK(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size() == 1);
}

TEST_CASE("A planted link, a directory or a FIFO at the output path is refused and its target untouched",
          "[unit][core][fault]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString victim = dir.filePath(QStringLiteral("victim"));
    REQUIRE(writeFileSafely(victim, "precious"));
    const QString link = dir.filePath(QStringLiteral("out.pdf"));
    REQUIRE(QFile::link(victim, link));
    auto refused = writeFileSafely(link, "attack");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::UnsafePath);
    CHECK(refused.error().userMessage.contains(QStringLiteral("lien symbolique")));
    CHECK(contentOf(victim) == "precious");
    CHECK(QFileInfo(link).isSymLink());

    // A dangling link (the attacker's future file) is refused the same way, and nothing is created.
    const QString dangling = dir.filePath(QStringLiteral("dangling.pdf"));
    REQUIRE(QFile::link(dir.filePath(QStringLiteral("created-by-follow")), dangling));
    CHECK_FALSE(writeFileSafely(dangling, "attack"));
    CHECK_FALSE(QFile::exists(dir.filePath(QStringLiteral("created-by-follow"))));

    REQUIRE(QDir(dir.path()).mkdir(QStringLiteral("sub")));
    CHECK_FALSE(writeFileSafely(dir.filePath(QStringLiteral("sub")), "x"));
    const QByteArray fifo = QFile::encodeName(dir.filePath(QStringLiteral("fifo")));
    REQUIRE(::mkfifo(fifo.constData(), 0600) == 0);
    auto notRegular = writeFileSafely(QString::fromLocal8Bit(fifo), "x");
    REQUIRE_FALSE(notRegular);
    CHECK(notRegular.error().userMessage.contains(QStringLiteral("fichier ordinaire")));
}

TEST_CASE("A directory that anybody may write into without the sticky bit is refused", "[unit][core][fault]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    REQUIRE(::chmod(QFile::encodeName(dir.path()).constData(), 0777) == 0);
    auto refused = writeFileSafely(dir.filePath(QStringLiteral("x.pdf")), "x");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::UnsafePath);
    // With the sticky bit (/tmp), other users cannot replace the file: accepted.
    REQUIRE(::chmod(QFile::encodeName(dir.path()).constData(), 01777) == 0);
    CHECK(writeFileSafely(dir.filePath(QStringLiteral("x.pdf")), "x"));
}
#endif
