// missive-app reads letters in a worker process (ocr::IsolatedReader): the same reading as in
// process, one worker for many letters, and a worker that hangs, dies or babbles costs the letter
// it was reading, never the caller.

#include "missive/ocr/analyzer.h"
#include "missive/ocr/isolated_reader.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>

using namespace missive;
using namespace missive::ocr;

namespace
{

QString corpusFile(const char* name)
{
    const QString dir = qEnvironmentVariable("MISSIVE_OCR_CORPUS");
    REQUIRE_FALSE(dir.isEmpty()); // set by ctest; the fixture ocr.generate-corpus fills it
    const QString path = dir + QLatin1Char('/') + QString::fromLatin1(name);
    REQUIRE(QFile::exists(path));
    return path;
}

// A stand-in worker: a shell script, executable, in `dir`.
QString script(const QTemporaryDir& dir, const char* name, const char* body)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write("#!/bin/sh\n");
    f.write(body);
    f.close();
    REQUIRE(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    return path;
}

bool alive(qint64 pid)
{
    return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0;
}

} // namespace

TEST_CASE("the reading worker reads a letter as the process itself would, and serves the next one", "[integration][ocr]")
{
    const QString text = corpusFile("letter-000-text.pdf");
    const QString scan = corpusFile("letter-000-scan300.pdf");
    Analyzer local;
    IsolatedReader worker;
    for (const QString& path : {text, scan}) {
        INFO(path.toStdString());
        auto expected = local.analyze(path);
        auto got = worker.analyze(path);
        REQUIRE(expected);
        REQUIRE(got);
        auto a = expected->toJson();
        auto b = got->toJson();
        a.remove(QStringLiteral("timings_ms"));
        b.remove(QStringLiteral("timings_ms"));
        CHECK(QJsonDocument(a).toJson() == QJsonDocument(b).toJson());
        CHECK(got->text.size() == expected->text.size());
        CHECK(got->patient.identity.birthName == expected->patient.identity.birthName);
    }
    // One worker for the session: Tesseract is loaded once.
    const qint64 pid = worker.workerPid();
    CHECK(alive(pid));
    REQUIRE(worker.analyze(text));
    CHECK(worker.workerPid() == pid);
    // Errors of the letter come back as they are; the worker stays.
    auto missing = worker.analyze(QStringLiteral("/nonexistent/letter.pdf"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().detail.startsWith(QStringLiteral("not-found")));
    CHECK(worker.workerPid() == pid);
}

TEST_CASE("a worker that hangs is killed at the end of the budget, and the next letter gets a new one",
          "[integration][ocr][fault]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    IsolatedReader::Options options;
    options.program = script(dir, "hang", "exec sleep 60\n");
    options.grace = std::chrono::milliseconds(300);
    IsolatedReader reader(options);
    Limits limits;
    limits.timeBudget = std::chrono::milliseconds(200);
    const auto start = std::chrono::steady_clock::now();
    auto result = reader.analyze(corpusFile("letter-000-text.pdf"), limits);
    const auto took = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(result);
    CHECK(result.error().detail.startsWith(QStringLiteral("time-budget: reader killed")));
    CHECK(result.error().userMessage.contains(QStringLiteral("lecture trop longue")));
    CHECK(took < std::chrono::seconds(5));
    CHECK(reader.workerPid() == -1); // killed and reaped
    // The caller is still here and asks again: a fresh worker, killed again.
    auto again = reader.analyze(corpusFile("letter-000-text.pdf"), limits);
    REQUIRE_FALSE(again);
    CHECK(again.error().detail.startsWith(QStringLiteral("time-budget")));
    // A request far larger than a pipe holds, to a worker that never reads it: the write itself is
    // bound by the budget (it once blocked the caller for good).
    const auto bigStart = std::chrono::steady_clock::now();
    auto big = reader.analyze(QByteArray(4 << 20, '%'), QStringLiteral("big.pdf"), limits);
    REQUIRE_FALSE(big);
    CHECK(big.error().detail.startsWith(QStringLiteral("time-budget")));
    CHECK(std::chrono::steady_clock::now() - bigStart < std::chrono::seconds(5));
}

TEST_CASE("a worker that dies or answers nonsense is reported, never trusted", "[integration][ocr][fault]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString letter = corpusFile("letter-000-text.pdf");
    // The letter read by a stand-in worker; the reader is asked once and reports how it ended.
    const auto readBy = [&](const char* name, const char* body, qint64* pidAfter = nullptr) {
        IsolatedReader::Options options;
        options.program = script(dir, name, body);
        IsolatedReader reader(options);
        auto result = reader.analyze(letter);
        if (pidAfter != nullptr) {
            *pidAfter = reader.workerPid();
        }
        return result;
    };
    auto died = readBy("die", "kill -SEGV $$\n");
    REQUIRE_FALSE(died);
    CHECK(died.error().detail.startsWith(QStringLiteral("reader-crashed")));
    CHECK(died.error().userMessage.contains(QStringLiteral("lecture interrompue")));
    // A well-framed answer of garbage: refused by the decoder, and the worker stopped.
    qint64 pid = 0;
    auto babbled = readBy("babble", "head -c 4 >/dev/null; printf '\\000\\000\\000\\010garbage!'; sleep 5\n", &pid);
    REQUIRE_FALSE(babbled);
    CHECK(babbled.error().detail.startsWith(QStringLiteral("reader-protocol")));
    CHECK(pid == -1);
    // An answer that announces more than any letter holds.
    auto huge = readBy("huge", "printf '\\177\\377\\377\\377'; sleep 5\n");
    REQUIRE_FALSE(huge);
    CHECK(huge.error().detail.startsWith(QStringLiteral("reader-crashed: oversized")));
}

TEST_CASE("a worker short of memory fails the letter, not the caller", "[integration][ocr][fault]")
{
    // An address space too small for a scan: the worker cannot read it, the caller goes on and a
    // worker with the usual bound reads the same letter.
    IsolatedReader::Options tight;
    tight.maxMemoryMb = 64;
    IsolatedReader starved(tight);
    const QString scan = corpusFile("letter-000-scan300.pdf");
    auto result = starved.analyze(scan);
    REQUIRE_FALSE(result);
    CHECK_FALSE(result.error().userMessage.isEmpty());
    IsolatedReader normal;
    CHECK(normal.analyze(scan));
}
