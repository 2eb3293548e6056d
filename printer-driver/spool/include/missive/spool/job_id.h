#pragma once
// Spool job ids and capture timestamps, without the C library's time zone calls
// (gmtime_r on POSIX, gmtime_s on Windows): the CUPS backend and the Windows port
// monitor name their jobs the same way.

#include <cstdint>
#include <string>

namespace missive::spool
{

// "20261123T175040Z-42-3fa9c1a0": UTC time, spooler job number, 32 random bits.
// The random part keeps two jobs of the same second apart; a writer that still
// meets an existing name (MoveFileEx without replace, renameat) draws again.
[[nodiscard]] std::string makeJobId(std::int64_t unixSeconds, std::int64_t jobNumber, std::uint32_t random);
// "2026-11-23T17:50:40Z" (ISO 8601, UTC), the envelope's created field.
[[nodiscard]] std::string isoTimestamp(std::int64_t unixSeconds);

} // namespace missive::spool
