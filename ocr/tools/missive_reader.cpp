// missive-reader: reads letters for another Missive program (missive-app) in a process of its own,
// so that a hostile print can neither take that program down nor hold it: address space bounded
// (RLIMIT_AS), no core dump (the letters are health data), and the caller kills it when a page
// overruns its time (isolated_reader.h). Requests and answers are framed on stdin and stdout
// (analysis_wire.h); one Tesseract serves every letter of the session.

#include "analysis_wire.h"
#include "fd_io.h"
#include "missive/ocr/analyzer.h"

#include <QtEndian>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    using namespace missive;
    long maxMemoryMb = 0;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--max-memory-mb") == 0) {
            maxMemoryMb = std::strtol(argv[i + 1], nullptr, 10);
        }
    }
    // No core file: it would hold the letter being read.
    const rlimit noCore{0, 0};
    setrlimit(RLIMIT_CORE, &noCore);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    if (maxMemoryMb > 0) {
        const auto bytes = static_cast<rlim_t>(maxMemoryMb) * 1024 * 1024;
        const rlimit memory{bytes, bytes};
        setrlimit(RLIMIT_AS, &memory);
    }
    // The answers go to a private copy of stdout; whatever a library prints goes to stderr.
    const int answers = dup(STDOUT_FILENO);
    if (answers < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        return 2;
    }
    ocr::Analyzer analyzer;
    for (;;) {
        char header[4];
        if (!ocr::readFully(STDIN_FILENO, header, sizeof header)) {
            return 0; // the caller closed the pipe: done
        }
        const quint32 size = qFromBigEndian<quint32>(header);
        if (size > ocr::wire::MaxRequestBytes) {
            return 2;
        }
        QByteArray message(static_cast<qsizetype>(size), Qt::Uninitialized);
        if (!ocr::readFully(STDIN_FILENO, message.data(), size)) {
            return 2;
        }
        Result<ocr::Analysis> answer;
        bool exhausted = false;
        if (auto request = ocr::wire::decodeRequest(message); !request) {
            answer = tl::unexpected(request.error());
        } else {
            try {
                answer = analyzer.analyze(request->pdf, request->name, request->limits);
            } catch (const std::bad_alloc&) {
                exhausted = true;
                answer = makeError(ErrorCode::InvalidArgument,
                                   QStringLiteral("document trop lourd à lire (mémoire dépassée)"),
                                   QStringLiteral("memory-budget: allocation refused under RLIMIT_AS"));
            }
        }
        const QByteArray out = ocr::wire::frame(ocr::wire::encodeAnswer(answer));
        if (!ocr::writeFully(answers, out.constData(), static_cast<std::size_t>(out.size()))) {
            return 2;
        }
        if (exhausted) {
            return 3; // what ran out of memory may be half-built: the next letter gets a fresh reader
        }
    }
}
