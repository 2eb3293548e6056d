// missive: the CUPS backend of the Missive virtual printer.
//
// Installed as <ServerBin>/backend/missive, owner root, mode 0700: cupsd then runs
// it as root so that it can hand each job to the account that printed it. It
// validates that account, creates its spool directory, drops to its uid and gid,
// and only then writes the job. See docs/architecture.md.

#include "backend.h"

#include <cstdio>
#include <cstdlib>
#include <cups/backend.h>
#include <exception>
#include <new>
#include <string>

namespace
{

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value ? value : "";
}

} // namespace

int main(int argc, char* argv[])
{
    setbuf(stderr, nullptr);
    if (argc == 1) {
        // Device discovery (lpinfo -v).
        std::puts(
            "direct missive:/ \"Missive\" \"Missive (envoi sécurisé des courriers)\" \"MFG:Missive;MDL:Missive;\"");
        return CUPS_BACKEND_OK;
    }
    if (argc < 6 || argc > 7) {
        std::fputs("Usage: missive job-id user title copies options [file]\n", stderr);
        return CUPS_BACKEND_FAILED;
    }
    try {
        missive::backend::JobArguments args;
        args.jobId = std::strtol(argv[1], nullptr, 10);
        args.user = argv[2];
        args.title = argv[3];
        const long copies = std::strtol(argv[4], nullptr, 10);
        args.copies = copies >= 1 && copies <= 9999 ? static_cast<int>(copies) : 1;
        args.options = argv[5];
        if (argc == 7) {
            args.file = argv[6];
        }
        missive::backend::Environment env;
        env.deviceUri = environment("DEVICE_URI");
        env.printer = environment("PRINTER");
        env.contentType = environment("CONTENT_TYPE");
        return missive::backend::runJob(args, env);
    } catch (const std::bad_alloc&) {
        std::fputs("ERROR: Missive : mémoire insuffisante ; nouvel essai automatique.\n", stderr);
        return CUPS_BACKEND_RETRY;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "DEBUG: missive: unexpected failure: %s\n", e.what());
        std::fputs("ERROR: Missive : erreur interne ; nouvel essai automatique.\n", stderr);
        return CUPS_BACKEND_RETRY;
    }
}
