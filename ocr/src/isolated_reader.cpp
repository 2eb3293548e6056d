#include "missive/ocr/isolated_reader.h"

#include "analysis_wire.h"
#include "missive/core/private_files.h"

#include <QFile>
#include <QLoggingCategory>
#include <QtEndian>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;
#endif

namespace missive::ocr
{
namespace
{

Q_LOGGING_CATEGORY(lcReader, "missive.ocr.reader", QtInfoMsg)

constexpr auto ReaderProgram = "missive-reader";

} // namespace

#ifdef Q_OS_UNIX

class IsolatedReader::Private
{
public:
    explicit Private(Options o)
        : options(std::move(o))
    {
        // A worker that dies while we write to it must not take this process with it.
        std::signal(SIGPIPE, SIG_IGN);
    }

    ~Private()
    {
        stop(false);
    }

    Result<void> start()
    {
        QString program = options.program;
        if (program.isEmpty()) {
            auto path = privateFilePath(QString::fromLatin1(ReaderProgram));
            if (!path) {
                return tl::unexpected(path.error());
            }
            program = *path;
        }
        int toWorker[2];
        int fromWorker[2];
        if (pipe2(toWorker, O_CLOEXEC) != 0) {
            return unavailable(QStringLiteral("pipe: %1").arg(errno));
        }
        if (pipe2(fromWorker, O_CLOEXEC) != 0) {
            close(toWorker[0]);
            close(toWorker[1]);
            return unavailable(QStringLiteral("pipe: %1").arg(errno));
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, toWorker[0], STDIN_FILENO);
        posix_spawn_file_actions_adddup2(&actions, fromWorker[1], STDOUT_FILENO);
        const QByteArray file = QFile::encodeName(program);
        const QByteArray memory = QByteArray::number(options.maxMemoryMb);
        char* argv[] = {const_cast<char*>(file.constData()), const_cast<char*>("--max-memory-mb"),
                        const_cast<char*>(memory.constData()), nullptr};
        pid_t child = -1;
        const int failed = posix_spawn(&child, file.constData(), &actions, nullptr, argv, environ);
        posix_spawn_file_actions_destroy(&actions);
        close(toWorker[0]);
        close(fromWorker[1]);
        if (failed != 0) {
            close(toWorker[1]);
            close(fromWorker[0]);
            return unavailable(QStringLiteral("posix_spawn %1: %2").arg(program).arg(failed));
        }
        pid = child;
        // Non-blocking: a request is written as the worker reads it, up to the deadline (send()).
        fcntl(toWorker[1], F_SETFL, fcntl(toWorker[1], F_GETFL) | O_NONBLOCK);
        in = toWorker[1];
        out = fromWorker[0];
        return {};
    }

    // Ends the worker and says how it ended: at once (`kill`), or after a second to exit on its own
    // (its stdin closed, ours exits; one that does not is killed). Never waits longer than that.
    QString stop(bool kill)
    {
        for (int* fd : {&in, &out}) {
            if (*fd >= 0) {
                close(*fd);
                *fd = -1;
            }
        }
        if (pid <= 0) {
            return QStringLiteral("no worker");
        }
        int status = 0;
        pid_t done = 0;
        for (int i = 0; !kill && i < 100 && done == 0; ++i) {
            done = waitpid(pid, &status, WNOHANG);
            if (done == 0) {
                usleep(10'000);
            }
        }
        if (done == 0) { // still running (never reaped: its pid cannot have been reused)
            ::kill(pid, SIGKILL);
            while ((done = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {
            }
        }
        pid = -1;
        if (done > 0 && WIFSIGNALED(status)) {
            return QStringLiteral("signal %1").arg(WTERMSIG(status));
        }
        if (done > 0 && WIFEXITED(status)) {
            return QStringLiteral("exit %1").arg(WEXITSTATUS(status));
        }
        return QStringLiteral("unknown");
    }

    // Reads exactly `size` bytes before `deadline`; false on timeout, end of file or error.
    enum class Outcome
    {
        Done,
        Timeout,
        Closed,
    };

    Outcome readAll(char* data, std::size_t size, std::chrono::steady_clock::time_point deadline) const
    {
        while (size > 0) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                return Outcome::Timeout;
            }
            pollfd p{out, POLLIN, 0};
            const int ready = poll(&p, 1, static_cast<int>(std::min<qint64>(left.count(), 60'000)));
            if (ready < 0 && errno == EINTR) {
                continue;
            }
            if (ready < 0) {
                return Outcome::Closed;
            }
            if (ready == 0) {
                continue;
            }
            const ssize_t n = read(out, data, size);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                return Outcome::Closed;
            }
            data += n;
            size -= static_cast<std::size_t>(n);
        }
        return Outcome::Done;
    }

    // Writes the request before `deadline`. A worker that stops reading (it hangs, or it answers
    // before reading all: an error, or nonsense) must not block us on a full pipe: `Answered` when
    // its answer comes first, `Timeout` at the deadline.
    enum class Sent
    {
        Done,
        Answered,
        Timeout,
        Closed,
    };

    Sent send(const QByteArray& bytes, std::chrono::steady_clock::time_point deadline) const
    {
        const char* data = bytes.constData();
        auto size = static_cast<std::size_t>(bytes.size());
        while (size > 0) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                return Sent::Timeout;
            }
            pollfd p[2]{{in, POLLOUT, 0}, {out, POLLIN, 0}};
            const int ready = poll(p, 2, static_cast<int>(std::min<qint64>(left.count(), 60'000)));
            if (ready < 0 && errno == EINTR) {
                continue;
            }
            if (ready < 0 || (p[0].revents & (POLLERR | POLLHUP)) != 0) {
                return Sent::Closed;
            }
            if ((p[1].revents & (POLLIN | POLLHUP)) != 0) {
                return Sent::Answered;
            }
            if ((p[0].revents & POLLOUT) == 0) {
                continue;
            }
            const ssize_t n = write(in, data, size);
            if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
                continue;
            }
            if (n <= 0) {
                return Sent::Closed;
            }
            data += n;
            size -= static_cast<std::size_t>(n);
        }
        return Sent::Done;
    }

    Result<Analysis> analyze(const QByteArray& pdf, const QString& name, const Limits& limits)
    {
        if (pid <= 0) {
            if (auto started = start(); !started) {
                return tl::unexpected(started.error());
            }
        }
        const auto deadline = std::chrono::steady_clock::now() + limits.timeBudget + options.grace;
        const Sent sent = send(wire::frame(wire::encodeRequest({pdf, name, limits})), deadline);
        if (sent == Sent::Closed) {
            return crashed(QStringLiteral("worker gone before the request (%1)").arg(stop(true)));
        }
        char header[4];
        Outcome got = sent == Sent::Timeout ? Outcome::Timeout : readAll(header, sizeof header, deadline);
        QByteArray message;
        if (got == Outcome::Done) {
            const quint32 size = qFromBigEndian<quint32>(header);
            if (size > wire::MaxFrameBytes) {
                stop(true);
                return crashed(QStringLiteral("oversized answer"));
            }
            message.resize(static_cast<qsizetype>(size));
            got = readAll(message.data(), size, deadline);
        }
        if (got == Outcome::Timeout) {
            stop(true);
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(limits.timeBudget + options.grace);
            const auto seconds = std::chrono::seconds((ms.count() + 999) / 1000);
            qCWarning(lcReader) << "reader killed: no answer within" << seconds.count() << "s";
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("lecture trop longue : arrêtée après %1 s (document à vérifier)").arg(seconds.count()),
                QStringLiteral("time-budget: reader killed after %1 s").arg(seconds.count()));
        }
        if (got == Outcome::Closed) {
            return crashed(stop(false)); // it closed its answers: it is ending, or is ended now
        }
        auto answer = wire::decodeAnswer(message);
        if (sent == Sent::Answered) {
            stop(true); // it answered a request it had not read whole: the next letter gets a new one
        } else if (!answer && answer.error().detail.startsWith(QLatin1String("reader-protocol"))) {
            stop(true); // a worker that speaks nonsense is not asked again
        } else if (!answer && answer.error().detail.startsWith(QLatin1String("memory-budget"))) {
            stop(false); // it exits after such a letter
        }
        return answer;
    }

    static tl::unexpected<Error> unavailable(const QString& why)
    {
        qCWarning(lcReader) << "reader unavailable:" << why;
        return makeError(ErrorCode::Unavailable, QStringLiteral("lecture des courriers indisponible (lecteur absent)"),
                         QStringLiteral("reader-unavailable: %1").arg(why));
    }

    static tl::unexpected<Error> crashed(const QString& why)
    {
        qCWarning(lcReader) << "reader stopped:" << why;
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("lecture interrompue : le document a arrêté le lecteur (mémoire dépassée ou "
                                        "document malformé)"),
                         QStringLiteral("reader-crashed: %1").arg(why));
    }

    Options options;
    pid_t pid = -1;
    int in = -1;  // requests, to the worker's stdin
    int out = -1; // answers, from its stdout
};

IsolatedReader::IsolatedReader()
    : IsolatedReader(Options{})
{
}

IsolatedReader::IsolatedReader(Options options)
    : d(std::make_unique<Private>(std::move(options)))
{
}

IsolatedReader::~IsolatedReader() = default;

Result<Analysis> IsolatedReader::analyze(const QByteArray& pdf, const QString& name, const Limits& limits)
{
    return d->analyze(pdf, name, limits);
}

qint64 IsolatedReader::workerPid() const
{
    return d->pid;
}

#else // no fork/exec: read in this process

class IsolatedReader::Private
{
public:
    Analyzer analyzer;
};

IsolatedReader::IsolatedReader()
    : IsolatedReader(Options{})
{
}

IsolatedReader::IsolatedReader(Options)
    : d(std::make_unique<Private>())
{
}

IsolatedReader::~IsolatedReader() = default;

Result<Analysis> IsolatedReader::analyze(const QByteArray& pdf, const QString& name, const Limits& limits)
{
    return d->analyzer.analyze(pdf, name, limits);
}

qint64 IsolatedReader::workerPid() const
{
    return -1;
}

#endif

} // namespace missive::ocr
