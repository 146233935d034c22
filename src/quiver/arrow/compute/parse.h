// Text parsers behind string casts, shared with readers and literal
// handling: dates, times of day, timestamps and intervals.
#pragma once

#include <cstdint>
#include <string_view>

#include "quiver/arrow/decimal.h"
#include "quiver/arrow/status.h"

namespace quiver::temporal {
class TimeZone;
}

namespace quiver::compute {

/// 'YYYY-MM-DD' (a full timestamp is accepted and truncated) to days since epoch.
bool ParseDate32(std::string_view s, int32_t* days);
/// 'HH:MM[:SS[.fffffffff]]' to nanoseconds since midnight.
bool ParseTimeOfDay(std::string_view s, int64_t* nanos);
/// ISO 8601 / RFC 3339 ('T' or ' ' separator, up to 9 fraction digits,
/// optional 'Z', +hh:mm offset or zone name) to UTC nanoseconds. Without an
/// offset the wall time is read in `tz` (UTC when null).
Status ParseTimestamp(std::string_view s, const temporal::TimeZone* tz, Int128* utc_nanos);
/// '1 day 2 hours', '3 months', '1.5 seconds' (fractions spill into smaller units).
bool ParseInterval(std::string_view s, IntervalMonthDayNano* out);

}  // namespace quiver::compute
