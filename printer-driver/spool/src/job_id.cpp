#include "missive/spool/job_id.h"

#include <array>
#include <cstdio>

namespace missive::spool
{
namespace
{

struct CivilTime
{
    std::int64_t year;
    unsigned month, day, hour, minute, second;
};

// Howard Hinnant's days_from_civil inverse: exact for the proleptic Gregorian
// calendar, no time zone database, no thread-unsafe static buffer.
CivilTime civilFromUnix(std::int64_t unixSeconds)
{
    std::int64_t days = unixSeconds / 86400;
    std::int64_t secs = unixSeconds % 86400;
    if (secs < 0) {
        secs += 86400;
        --days;
    }
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned day = doy - (153 * mp + 2) / 5 + 1;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
    return {year,
            month,
            day,
            static_cast<unsigned>(secs / 3600),
            static_cast<unsigned>(secs / 60 % 60),
            static_cast<unsigned>(secs % 60)};
}

} // namespace

std::string makeJobId(std::int64_t unixSeconds, std::int64_t jobNumber, std::uint32_t random)
{
    const CivilTime t = civilFromUnix(unixSeconds);
    std::array<char, 96> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04lld%02u%02uT%02u%02u%02uZ-%lld-%08x",
                  static_cast<long long>(t.year), t.month, t.day, t.hour, t.minute, t.second,
                  static_cast<long long>(jobNumber < 0 ? 0 : jobNumber), static_cast<unsigned>(random));
    return buffer.data();
}

std::string isoTimestamp(std::int64_t unixSeconds)
{
    const CivilTime t = civilFromUnix(unixSeconds);
    std::array<char, 48> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04lld-%02u-%02uT%02u:%02u:%02uZ", static_cast<long long>(t.year),
                  t.month, t.day, t.hour, t.minute, t.second);
    return buffer.data();
}

} // namespace missive::spool
