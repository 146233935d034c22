// Calendar arithmetic and time zones for dates and timestamps (proleptic
// Gregorian calendar, Unix epoch, as Arrow defines them).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "quiver/arrow/status.h"
#include "quiver/arrow/type.h"

namespace quiver::temporal {

struct CivilDate {
  int64_t year;
  int32_t month;  // 1..12
  int32_t day;    // 1..31
};

int64_t DaysFromCivil(int64_t year, int32_t month, int32_t day);
CivilDate CivilFromDays(int64_t days);
bool IsValidDate(int64_t year, int32_t month, int32_t day);
int32_t DaysInMonth(int64_t year, int32_t month);

/// Splits a value of `unit` into whole seconds (floor) and nanoseconds.
void SplitSeconds(int64_t value, TimeUnit unit, int64_t* seconds, int64_t* nanos);

/// A time zone: a fixed offset ("+08:00", "-0530", "UTC", "Z") or an IANA
/// name ("America/New_York") resolved through the system tz database.
class TimeZone {
 public:
  static Result<TimeZone> Parse(std::string_view name);
  /// Offset from UTC, in seconds, at the UTC instant `utc_seconds`.
  int64_t OffsetAt(int64_t utc_seconds) const;
  /// Offset to subtract from a local wall-clock time to get UTC.
  int64_t OffsetForLocal(int64_t local_seconds) const;
  bool is_fixed() const { return zone_ == nullptr; }

 private:
  int64_t fixed_offset_ = 0;
  const void* zone_ = nullptr;  // date::time_zone*, kept out of this header
};

/// `2020-01-01` (negative and 5+ digit years as chrono prints them).
void AppendDate(int64_t days, std::string* out);
/// `HH:MM:SS` plus `.fff`/`.ffffff`/`.fffffffff` when the fraction is nonzero.
void AppendTimeOfDay(int64_t seconds_of_day, int64_t nanos, std::string* out);
/// Arrow display of a timestamp: `2020-01-01T00:00:00[.f][Z|+08:00]`.
void AppendTimestamp(int64_t value, TimeUnit unit, const TimeZone* tz, std::string* out);
/// "+08:00" / "Z" offset suffix.
void AppendOffset(int64_t offset_seconds, std::string* out);

}  // namespace quiver::temporal
