#pragma once
// The `missive` command line: a thin layer over the engine library.

#include "missive/core/result.h"
#include "missive/directory/directory.h"

#include <QStringList>
#include <QTextStream>
#include <optional>

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
// The preference directory: the one named by `explicitPath` (--db) or $MISSIVE_DB, which must
// exist, else the user's default one when it exists; nullopt when there is none and `required` is
// false.
[[nodiscard]] Result<std::optional<directory::Directory>> openDirectory(const QString& explicitPath, bool required);

[[nodiscard]] QString mainHelp();
// `missive COMMAND --help`: that command's part of mainHelp(), with the common options and the
// exit codes; empty for an unknown command.
[[nodiscard]] QString commandHelp(const QString& command);
int runPrinter(const QStringList& args, Streams& io);
int runJobs(const QStringList& args, Streams& io);
int runSend(const QStringList& args, Streams& io);
int runOutbox(const QStringList& args, Streams& io);
int runDirectory(const QStringList& args, Streams& io);
int runPackage(const QStringList& args, Streams& io);
int runStorage(const QStringList& args, Streams& io);
int runAnalyze(const QStringList& args, Streams& io);

} // namespace missive::cli
