#pragma once
// The POSIX side of spool::PrintedJobs: <root>/<uid> through UserSpool (O_NOFOLLOW, owners and
// modes checked), digests with Qt's SHA-256. Opened at every call, so that a spool made by the
// user's first print is seen without restarting.

#include "missive/spool/printed_jobs.h"

#include <string>
#include <sys/types.h>

namespace missive::engine
{

class PosixPrintedJobs final : public spool::PrintedJobs
{
public:
    PosixPrintedJobs(std::string root, uid_t uid);

    [[nodiscard]] spool::TakeResult<spool::PrintedListing> list(spool::JobArea area) const override;
    [[nodiscard]] spool::TakeResult<spool::PrintedJob> find(spool::JobArea area, std::string_view id) const override;
    [[nodiscard]] spool::TakeResult<std::string> readPrinted(std::string_view id,
                                                             std::uint64_t maxBytes) const override;
    [[nodiscard]] spool::TakeResult<void> consume(std::string_view id, std::string_view sha256,
                                                  const std::function<bool()>& work) const override;
    [[nodiscard]] spool::TakeResult<void> removeQuarantined(std::string_view id) const override;

private:
    std::string m_root;
    uid_t m_uid;
};

} // namespace missive::engine
