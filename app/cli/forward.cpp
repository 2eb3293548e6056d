// `missive` runs reading (analyze), the inbox (jobs), help and version itself. The commands that
// send, package, track, or administer the print queue, the directory or the storage need the transport stack
// (libcurl, xmlsec, qpdf, libzip, libcups, QtKeychain: some 60 shared libraries, all bound at
// start-up): for them it executes the complete command line, missive-full, installed beside the
// modules (cmake/MissiveModules.cmake), with the same arguments, environment and streams.

#include "cli.h"
#include "missive/core/private_files.h"

#include <QCoreApplication>
#include <QFile>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>
#include <vector>

namespace missive::cli
{
namespace
{

int runFullCommandLine(Streams& io)
{
    const auto program = privateFilePath(QStringLiteral("missive-full"));
    if (!program) {
        return report(program.error(), io);
    }
    // The arguments as the user gave them (argv[0] too, so that ps shows `missive …`).
    std::vector<QByteArray> encoded;
    for (const QString& argument : QCoreApplication::arguments()) {
        encoded.push_back(QFile::encodeName(argument));
    }
    std::vector<char*> argv;
    for (QByteArray& argument : encoded) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    io.out.flush();
    io.err.flush();
    (void)std::fflush(nullptr);
    ::execv(QFile::encodeName(*program).constData(), argv.data());
    const int error = errno;
    return report(Error{ErrorCode::Io,
                        QStringLiteral("commande indisponible : %1 ne peut pas être lancé (%2)")
                            .arg(*program, QString::fromLocal8Bit(std::strerror(error))),
                        QStringLiteral("exec missive-full: errno %1").arg(error)},
                  io);
}

} // namespace

int runPrinter(const QStringList& /*args*/, Streams& io)
{
    return runFullCommandLine(io);
}

int runSend(const QStringList& /*args*/, Streams& io)
{
    return runFullCommandLine(io);
}

int runOutbox(const QStringList& /*args*/, Streams& io)
{
    return runFullCommandLine(io);
}

int runDirectory(const QStringList& /*args*/, Streams& io)
{
    return runFullCommandLine(io);
}

int runPackage(const QStringList& /*args*/, Streams& io)
{
    return runFullCommandLine(io);
}

int runStorage(const QStringList& /*args*/, Streams& io)
{
    return runFullCommandLine(io);
}

} // namespace missive::cli
