#include "transport_fixtures.h"

#include "missive/core/ins.h"

#include <QDateTime>
#include <QTimeZone>
#include <catch2/catch.hpp>
#include <regex>

namespace missive::test
{

transport::DocumentInput sampleDocument()
{
    transport::DocumentInput input;
    input.pdf = QByteArray::fromStdString(makePdf({"Lettre de liaison\nPatiente : PAT-TROIS Dominique\nSynthetique."}));
    input.type = *findDocumentType(QString::fromLatin1(documenttypes::LettreDeLiaison));
    input.title = QStringLiteral("Lettre de liaison à la sortie");
    input.created = QDateTime(QDate(2026, 11, 20), QTime(14, 30, 5), QTimeZone(3600));
    input.serviceStart = QDateTime(QDate(2026, 11, 18), QTime(9, 0), QTimeZone(3600));
    input.serviceStop = QDateTime(QDate(2026, 11, 20), QTime(11, 0), QTimeZone(3600));
    PatientIdentity& patient = input.patient;
    patient.ins = QStringLiteral("279035121518989"); // ANS test matricule (valid key)
    patient.insOid = QString::fromLatin1(ins::OidNirTest);
    patient.birthName = QStringLiteral("PAT-TROIS");
    patient.firstNames = {QStringLiteral("DOMINIQUE"), QStringLiteral("MARIE-LOUISE")};
    patient.firstName = QStringLiteral("DOMINIQUE");
    patient.birthDate = QDate(1979, 3, 28);
    patient.sex = Sex::Female;
    patient.birthPlace = QStringLiteral("51215");
    input.author = {QStringLiteral("10001045367"),
                    QStringLiteral("GUIGNARD"),
                    QStringLiteral("Éric"),
                    QStringLiteral("G15_10/SM26"),
                    QStringLiteral("1120459876"),
                    QStringLiteral("Cabinet médical des Tilleuls & associés"),
                    {}};
    input.patientLocalId = QStringLiteral("IPP-000123"); // the facility's own patient number
    input.patientLocalIdRoot = QStringLiteral("1.2.250.1.999.1.1");
    input.softwareVersion = QStringLiteral("test");
    return input;
}

transport::DocumentInput sampleDocumentWithoutIns()
{
    transport::DocumentInput input = sampleDocument();
    input.patient.ins.clear();
    input.patient.insOid.clear();
    input.patient.birthPlace.clear();
    return input;
}

std::string specPath(const std::string& relative)
{
    return sourceDir() + "/tests/data/specs/" + relative;
}

std::string toStd(const QByteArray& bytes)
{
    return bytes.toStdString();
}

Validation xmllint(const fs::path& file, const std::string& xsd)
{
    const RunResult result = run({"xmllint", "--noout", "--schema", xsd, file.string()});
    return {result.exitCode, result.out + result.err};
}

std::map<std::string, SchematronReport> runStrucMinSchematron(const fs::path& directory)
{
    const fs::path output = directory.string() + ".svrl";
    fs::create_directories(output);
    const RunResult result = run({"java", "-jar", MISSIVE_TEST_SAXON_JAR, "-s:" + directory.string(),
                                  "-xsl:" MISSIVE_TEST_STRUCMIN_XSL, "-o:" + output.string()});
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    std::map<std::string, SchematronReport> reports;
    // Saxon names each output after its input, with the extension in lower case.
    const std::regex failed(R"(<svrl:failed-assert[\s\S]*?<svrl:text>([\s\S]*?)</svrl:text>)");
    for (const auto& entry : fs::directory_iterator(directory)) {
        const std::string name = entry.path().filename().string();
        SchematronReport& report = reports[name];
        const fs::path svrl = output / name;
        if (!fs::exists(svrl)) {
            report.failures = "no SVRL output";
            continue;
        }
        const std::string text = readFile(svrl);
        if (text.find("schematron-output") == std::string::npos) {
            report.failures = "not an SVRL report";
            continue;
        }
        report.failedAsserts = 0;
        for (auto it = std::sregex_iterator(text.begin(), text.end(), failed); it != std::sregex_iterator(); ++it) {
            ++report.failedAsserts;
            report.failures += (*it)[1].str() + "\n";
        }
    }
    return reports;
}

} // namespace missive::test
