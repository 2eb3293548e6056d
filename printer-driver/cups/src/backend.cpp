#include "backend.h"

#include "missive/spool/pdf_probe.h"
#include "missive/spool/user_spool.h"

#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <cups/backend.h>
#include <cups/cups.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace missive::backend
{
namespace
{

using spool::SpoolErrc;
using spool::SpoolError;

volatile std::sig_atomic_t g_cancelled = 0;

extern "C" void onTerminate(int)
{
    g_cancelled = 1;
}

bool cancelled()
{
    return g_cancelled != 0;
}

// CUPS reads the backend's stderr line by line; a prefix sets the message kind.
// Never put the title, the user's documents or names in these lines.
void say(const char* prefix, const std::string& text)
{
    std::fprintf(stderr, "%s: %s\n", prefix, text.c_str());
}

std::string jobOption(const std::string& options, const char* name)
{
    cups_option_t* parsed = nullptr;
    const int count = cupsParseOptions(options.c_str(), 0, &parsed);
    const char* value = cupsGetOption(name, count, parsed);
    std::string result = value ? value : "";
    cupsFreeOptions(count, parsed);
    return result;
}

std::string sha256Hex(std::string_view data)
{
    if (data.empty()) {
        // cupsHashData refuses empty input; this is SHA-256 of nothing (FIPS 180-4 test vector).
        return "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    }
    std::array<unsigned char, 32> hash{};
    if (cupsHashData("sha2-256", data.data(), data.size(), hash.data(), hash.size())
        != static_cast<ssize_t>(hash.size())) {
        return {};
    }
    return spool::lowerHex(hash);
}

// Maps a spool failure to the CUPS contract. Nothing is ever dropped: space and
// I/O problems are retried, an unsafe per-user spool holds the job until someone
// looks, an unsafe spool root stops the queue for the administrator.
int failure(const SpoolError& error, const char* step)
{
    say("DEBUG", std::string("missive: ") + step + ": " + error.detail);
    switch (error.code) {
    case SpoolErrc::NoSpace:
        say("ERROR", "Missive : espace disque insuffisant pour recevoir le document ; nouvel essai automatique.");
        return CUPS_BACKEND_RETRY;
    case SpoolErrc::NotFound:
        say("ERROR", "Missive : le dossier de réception est indisponible ; nouvel essai automatique.");
        return CUPS_BACKEND_RETRY;
    case SpoolErrc::UnsafePath:
        say("ERROR", "Missive : le dossier de réception de l'utilisateur a des droits anormaux ; "
                     "document mis en attente, contactez le support informatique.");
        return CUPS_BACKEND_HOLD;
    case SpoolErrc::Cancelled:
        say("INFO", "Missive : impression annulée.");
        return CUPS_BACKEND_OK;
    case SpoolErrc::Io:
    case SpoolErrc::BadMetadata:
        break;
    }
    say("ERROR", "Missive : erreur d'écriture du document ; nouvel essai automatique.");
    return CUPS_BACKEND_RETRY;
}

} // namespace

int runJob(const JobArguments& args, const Environment& env)
{
    struct sigaction action = {};
    action.sa_handler = onTerminate;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: a blocked read returns EINTR on cancel
    sigaction(SIGTERM, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    std::signal(SIGXFSZ, SIG_IGN); // a file size limit becomes EFBIG, handled as "no space"
    umask(077);

    const auto config = parseDeviceUri(env.deviceUri);
    if (!config) {
        say("DEBUG", "missive: " + config.error());
        say("ERROR", "Missive : adresse de l'imprimante invalide (missive:/...) ; contactez le support informatique.");
        return CUPS_BACKEND_STOP;
    }

    const auto user = resolvePrintingUser(args.user, loginDefsUidMin());
    if (!user) {
        say("DEBUG", "missive: job refused, printing user: " + user.error());
        say("ERROR", "Missive : impression refusée, l'émetteur n'est pas un compte utilisateur de ce poste.");
        return CUPS_BACKEND_FAILED;
    }

    const std::string host = jobOption(args.options, "job-originating-host-name");
    if (!host.empty() && !isLocalHost(host) && !config->allowRemote) {
        say("DEBUG", "missive: job refused, it comes from another host");
        say("ERROR", "Missive : impression refusée, elle provient d'un autre poste (option remote=allow non activée).");
        return CUPS_BACKEND_FAILED;
    }

    // Open the input while still root: cupsd's spool file is not readable by the user.
    spool::UniqueFd inputFile;
    int input = STDIN_FILENO;
    if (args.file) {
        inputFile = spool::UniqueFd(open(args.file->c_str(), O_RDONLY | O_CLOEXEC));
        if (!inputFile.valid()) {
            say("DEBUG", std::string("missive: cannot open print file: ") + std::strerror(errno));
            say("ERROR", "Missive : fichier d'impression illisible ; nouvel essai automatique.");
            return CUPS_BACKEND_RETRY;
        }
        input = inputFile.get();
    }

    const bool root = geteuid() == 0;
    if (!root && geteuid() != user->uid) {
        say("DEBUG", "missive: backend runs as uid " + std::to_string(geteuid()) + ", neither root nor the user");
        say("ERROR", "Missive : le pilote doit être installé en mode 0700, propriétaire root "
                     "(lib/cups/backend/missive) ; contactez le support informatique.");
        return CUPS_BACKEND_STOP;
    }

    auto rootFd = spool::openSpoolRoot(config->spoolRoot, root && config->spoolRoot == DefaultSpoolRoot);
    if (!rootFd) {
        if (rootFd.error().code == SpoolErrc::UnsafePath) {
            say("DEBUG", "missive: spool root: " + rootFd.error().detail);
            say("ERROR", "Missive : le dossier " + config->spoolRoot
                             + " doit appartenir à root et n'être modifiable que par lui ; file d'impression arrêtée.");
            return CUPS_BACKEND_STOP;
        }
        return failure(rootFd.error(), "spool root");
    }
    if (root) {
        if (auto ok = spool::ensureUserDirectory(rootFd->get(), user->uid, user->gid); !ok) {
            return failure(ok.error(), "user spool");
        }
        // From here on nothing runs as root: the spool is touched with the user's rights only.
        if (auto dropped = dropPrivileges(*user); !dropped) {
            say("DEBUG", "missive: privilege drop failed: " + dropped.error());
            say("ERROR", "Missive : impossible de changer d'identité ; file d'impression arrêtée.");
            return CUPS_BACKEND_STOP;
        }
    }
    say("DEBUG", "missive: job " + std::to_string(args.jobId) + " runs as uid " + std::to_string(geteuid()));

    auto userSpool = spool::UserSpool::open(rootFd->get(), user->uid, config->spoolRoot);
    if (!userSpool) {
        return failure(userSpool.error(), "open user spool");
    }
    userSpool->removeStaleTemporaries(std::chrono::hours(24));

    auto writer = userSpool->beginJob(spool::newJobId(args.jobId));
    if (!writer) {
        return failure(writer.error(), "begin job");
    }
    if (auto copied = writer->appendFrom(input, &cancelled); !copied) {
        return failure(copied.error(), "receive print data");
    }
    auto mapped = writer->finishPayload();
    if (!mapped) {
        return failure(mapped.error(), "sync payload");
    }

    const auto probe = spool::probePdf(mapped->view());
    spool::JobEnvelope envelope;
    envelope.id = writer->id();
    envelope.cupsJobId = args.jobId;
    envelope.user = user->name;
    envelope.uid = user->uid;
    envelope.title = args.title;
    envelope.copies = args.copies;
    envelope.host = host.empty() ? "localhost" : host;
    envelope.printer = env.printer;
    envelope.createdAt = spool::utcTimestamp();
    envelope.sourceFormat = env.contentType;
    envelope.pages = probe.pages;
    envelope.size = writer->size();
    envelope.sha256 = sha256Hex(mapped->view());
    envelope.encrypted = probe.encrypted;
    envelope.reason = probe.verdict;
    mapped = spool::MappedFile();
    if (envelope.sha256.empty()) {
        say("ERROR", "Missive : calcul d'empreinte impossible ; nouvel essai automatique.");
        return CUPS_BACKEND_RETRY;
    }

    const bool accepted = probe.verdict == spool::RejectReason::None;
    auto committed = writer->commit(envelope, accepted ? spool::Area::Jobs : spool::Area::Quarantine);
    if (!committed) {
        return failure(committed.error(), "publish job");
    }
    say("DEBUG", "missive: job " + envelope.id + " " + (accepted ? "stored" : "quarantined") + ", "
                     + std::to_string(envelope.size) + " bytes; " + probe.detail);
    if (!accepted) {
        say("ERROR", "Missive : " + std::string(spool::rejectReasonMessage(probe.verdict))
                         + " Copie conservée en quarantaine (" + envelope.id + ").");
        return CUPS_BACKEND_FAILED;
    }
    if (envelope.pages) {
        std::fprintf(stderr, "PAGE: total %d\n", *envelope.pages);
    }
    say("INFO", "Missive : document reçu, à confirmer dans Missive.");
    return CUPS_BACKEND_OK;
}

} // namespace missive::backend
