#include "posix_printed_jobs.h"

#include "missive/spool/user_spool.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <cerrno>
#include <chrono>
#include <unistd.h>

namespace missive::engine
{
namespace
{

using spool::Area;
using spool::JobArea;
using spool::SpoolErrc;
using spool::SpoolError;
using spool::TakeErrc;
using spool::TakeError;
using spool::UserSpool;

tl::unexpected<TakeError> taken(const SpoolError& error)
{
    TakeErrc code = TakeErrc::Io;
    switch (error.code) {
    case SpoolErrc::NotFound:
        code = TakeErrc::NotFound;
        break;
    case SpoolErrc::UnsafePath:
        code = TakeErrc::UnsafePath;
        break;
    case SpoolErrc::NoSpace:
        code = TakeErrc::NoSpace;
        break;
    case SpoolErrc::BadMetadata:
        code = TakeErrc::BadMetadata;
        break;
    case SpoolErrc::Io:
    case SpoolErrc::Cancelled:
        break;
    }
    return tl::make_unexpected(TakeError{code, error.detail, error.sysErrno});
}

Area areaOf(JobArea area)
{
    return area == JobArea::Waiting ? Area::Jobs : Area::Quarantine;
}

spool::PrintedJob printed(const spool::ListedJob& listed, Area area)
{
    return {listed.envelope, listed.path, listed.path + '/' + std::string(spool::payloadName(area))};
}

std::string sha256Hex(const QByteArray& bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().toStdString();
}

// Reads what a descriptor holds, at most `maxBytes`.
spool::TakeResult<QByteArray> readAll(int fd, std::uint64_t maxBytes)
{
    QByteArray out;
    char buffer[1 << 16];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            return tl::make_unexpected(TakeError{TakeErrc::Io, "read payload", errno});
        }
        if (got == 0) {
            return out;
        }
        out.append(buffer, got);
        if (static_cast<std::uint64_t>(out.size()) > maxBytes) {
            return out; // the size check refuses it
        }
    }
}

} // namespace

PosixPrintedJobs::PosixPrintedJobs(std::string root, uid_t uid)
    : m_root(std::move(root))
    , m_uid(uid)
{
}

spool::TakeResult<spool::PrintedListing> PosixPrintedJobs::list(JobArea area) const
{
    auto opened = UserSpool::openPath(m_root, m_uid);
    if (!opened) {
        if (opened.error().code == SpoolErrc::NotFound) {
            return spool::PrintedListing{}; // never printed
        }
        return taken(opened.error());
    }
    if (area == JobArea::Waiting) {
        opened->restoreStaleClaims(std::chrono::minutes(10));
    }
    auto listing = opened->list(areaOf(area));
    if (!listing) {
        return taken(listing.error());
    }
    spool::PrintedListing out;
    for (const auto& job : listing->jobs) {
        out.jobs.push_back(printed(job, areaOf(area)));
    }
    for (const auto& broken : listing->broken) {
        out.broken.emplace_back(broken.id, broken.detail);
    }
    return out;
}

spool::TakeResult<spool::PrintedJob> PosixPrintedJobs::find(JobArea area, std::string_view id) const
{
    auto opened = UserSpool::openPath(m_root, m_uid);
    if (!opened) {
        return taken(opened.error());
    }
    auto listed = opened->read(areaOf(area), id);
    if (!listed) {
        return taken(listed.error());
    }
    return printed(*listed, areaOf(area));
}

spool::TakeResult<std::string> PosixPrintedJobs::readPrinted(std::string_view id, std::uint64_t maxBytes) const
{
    auto opened = UserSpool::openPath(m_root, m_uid);
    if (!opened) {
        return taken(opened.error());
    }
    auto claimed = opened->claim(id);
    if (!claimed) {
        return taken(claimed.error());
    }
    const auto release = [&] { (void)opened->releaseClaim(id); };
    if (claimed->envelope.size > maxBytes) {
        release();
        return tl::make_unexpected(TakeError{TakeErrc::TooLarge, "file-too-large", 0});
    }
    auto fd = opened->openClaimedPayload(id);
    if (!fd) {
        release();
        return taken(fd.error());
    }
    // One byte more than recorded: a payload that grew is caught without reading all of it.
    auto bytes = readAll(fd->get(), claimed->envelope.size + 1);
    if (!bytes) {
        release();
        return tl::make_unexpected(bytes.error());
    }
    if (!spool::matchesEnvelope(claimed->envelope, static_cast<std::uint64_t>(bytes->size()), sha256Hex(*bytes))) {
        auto envelope = claimed->envelope;
        envelope.reason = spool::RejectReason::Integrity;
        if (!opened->quarantineClaim(id, envelope)) {
            release();
        }
        return tl::make_unexpected(TakeError{TakeErrc::Integrity, "sha256 mismatch", 0});
    }
    release();
    return bytes->toStdString();
}

spool::TakeResult<void> PosixPrintedJobs::consume(std::string_view id, std::string_view sha256,
                                                  const std::function<bool()>& work) const
{
    auto opened = UserSpool::openPath(m_root, m_uid);
    if (!opened) {
        return taken(opened.error());
    }
    auto claimed = opened->claim(id);
    if (!claimed) {
        return taken(claimed.error());
    }
    if (claimed->envelope.sha256 != sha256) {
        (void)opened->releaseClaim(id);
        return tl::make_unexpected(TakeError{TakeErrc::Integrity, "job metadata changed since it was read", 0});
    }
    if (!work()) {
        (void)opened->releaseClaim(id);
        return tl::make_unexpected(TakeError{TakeErrc::Refused, "the letter was not queued", 0});
    }
    if (auto finished = opened->finishClaim(id); !finished) {
        return taken(finished.error());
    }
    return {};
}

spool::TakeResult<void> PosixPrintedJobs::removeQuarantined(std::string_view id) const
{
    auto opened = UserSpool::openPath(m_root, m_uid);
    if (!opened) {
        return taken(opened.error());
    }
    if (auto removed = opened->removeQuarantined(id); !removed) {
        return taken(removed.error());
    }
    return {};
}

} // namespace missive::engine
