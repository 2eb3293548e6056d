#pragma once
// The `missive` command line: a thin layer over the engine library.

#include "missive/core/result.h"

#include <QStringList>
#include <QTextStream>

namespace missive::cli
{

// Documented in `missive --help` and README.md; scripts rely on them.
enum ExitCode
{
    ExitSuccess = 0,
    ExitFailure = 1,
    ExitUsage = 2,
    ExitNotFound = 3,
    ExitPermission = 4,
    ExitIntegrity = 5,
    ExitExternal = 6,
};

struct Streams
{
    QTextStream& out;
    QTextStream& err;
};

[[nodiscard]] int exitCodeFor(ErrorCode code);
// Prints the error for the user and returns the matching exit code.
int report(const Error& error, Streams& io);
int usageError(const QString& message, Streams& io);

[[nodiscard]] QString mainHelp();
int runPrinter(const QStringList& args, Streams& io);
int runJobs(const QStringList& args, Streams& io);
int runSend(const QStringList& args, Streams& io);
int runOutbox(const QStringList& args, Streams& io);
int runDirectory(const QStringList& args, Streams& io);
int runPackage(const QStringList& args, Streams& io);
int runAnalyze(const QStringList& args, Streams& io);

} // namespace missive::cli
