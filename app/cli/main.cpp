// missive: command line for capture, reading and sending (see `missive --help`).

#include "cli.h"

#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

namespace
{

void protectPatientData()
{
    // Everything Missive writes may be health data: private to the user.
    umask(077);
#ifdef NDEBUG
    // No core dumps of a process that holds letters in memory (as KeePassXC does).
    const rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0);
#endif
}

} // namespace

int main(int argc, char* argv[])
{
    protectPatientData();
    // One letter per process: compiling the reader's expressions to machine code costs more than
    // it saves (a fifth of a text letter's whole run); the session client keeps Qt's default.
    qputenv("QT_ENABLE_REGEXP_JIT", "0");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("missive"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MISSIVE_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    missive::cli::Streams io{out, err};

    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty()) {
        err << missive::cli::mainHelp();
        return missive::cli::ExitUsage;
    }
    const QString command = args.takeFirst();
    if (command == QLatin1String("-h") || command == QLatin1String("--help") || command == QLatin1String("help")) {
        out << missive::cli::mainHelp();
        return missive::cli::ExitSuccess;
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        out << "missive " << QCoreApplication::applicationVersion() << '\n';
        return missive::cli::ExitSuccess;
    }
    // `missive COMMAND --help` (or -h), answered here for every command, before any is run.
    if (args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h"))) {
        // The verb's own entries when it has some ("directory search"), else the command's.
        const QString verb = args.isEmpty() || args.first().startsWith(u'-') ? QString() : args.first();
        QString help = verb.isEmpty() ? QString() : missive::cli::commandHelp(command + u' ' + verb);
        if (help.isEmpty()) {
            help = missive::cli::commandHelp(command);
        }
        if (!help.isEmpty()) {
            out << help;
            return missive::cli::ExitSuccess;
        }
    }
    if (command == QLatin1String("printer")) {
        return missive::cli::runPrinter(args, io);
    }
    if (command == QLatin1String("jobs")) {
        return missive::cli::runJobs(args, io);
    }
    if (command == QLatin1String("send")) {
        return missive::cli::runSend(args, io);
    }
    if (command == QLatin1String("outbox")) {
        return missive::cli::runOutbox(args, io);
    }
    if (command == QLatin1String("directory")) {
        return missive::cli::runDirectory(args, io);
    }
    if (command == QLatin1String("storage")) {
        return missive::cli::runStorage(args, io);
    }
    if (command == QLatin1String("package")) {
        return missive::cli::runPackage(args, io);
    }
    if (command == QLatin1String("analyze")) {
        return missive::cli::runAnalyze(args, io);
    }
    return missive::cli::usageError(QStringLiteral("commande inconnue : %1").arg(command), io);
}
