#include "quiver/arrow/temporal.h"

#include <date/tz.h>

#include <cstdio>

namespace quiver::temporal {

// Day counts from the civil calendar by shifting the year to start in March,
// so that the leap day falls at the end of a 400-year era.
int64_t DaysFromCivil(int64_t y, int32_t m, int32_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (m + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int32_t d = static_cast<int32_t>(doy - (153 * mp + 2) / 5 + 1);
  const int32_t m = static_cast<int32_t>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (m <= 2), m, d};
}

int32_t DaysInMonth(int64_t y, int32_t m) {
  static const int32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2) {
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[m - 1];
}

bool IsValidDate(int64_t y, int32_t m, int32_t d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

void SplitSeconds(int64_t value, TimeUnit unit, int64_t* seconds, int64_t* nanos) {
  int64_t per = TimeUnitPerSecond(unit);
  int64_t s = value / per;
  int64_t rem = value % per;
  if (rem < 0) {
    rem += per;
    s -= 1;
  }
  *seconds = s;
  *nanos = rem * (1000000000 / per);
}

Result<TimeZone> TimeZone::Parse(std::string_view name) {
  TimeZone tz;
  if (name == "UTC" || name == "Z" || name == "utc") return tz;
  if (!name.empty() && (name[0] == '+' || name[0] == '-')) {
    std::string digits;
    for (char c : name.substr(1)) {
      if (c == ':') continue;
      if (c < '0' || c > '9')
        return Status::Arrow("Invalid timezone \"" + std::string(name) + "\"");
      digits.push_back(c);
    }
    if (digits.size() != 2 && digits.size() != 4) {
      return Status::Arrow("Invalid timezone \"" + std::string(name) + "\"");
    }
    int64_t hours = std::stoi(digits.substr(0, 2));
    int64_t minutes = digits.size() == 4 ? std::stoi(digits.substr(2)) : 0;
    if (hours > 23 || minutes > 59) {
      return Status::Arrow("Invalid timezone \"" + std::string(name) + "\"");
    }
    tz.fixed_offset_ = (name[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    return tz;
  }
  try {
    tz.zone_ = date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    return Status::Arrow("Invalid timezone \"" + std::string(name) + "\": unknown time zone");
  }
  return tz;
}

int64_t TimeZone::OffsetAt(int64_t utc_seconds) const {
  if (zone_ == nullptr) return fixed_offset_;
  auto* z = static_cast<const date::time_zone*>(zone_);
  auto info = z->get_info(date::sys_seconds(std::chrono::seconds(utc_seconds)));
  return info.offset.count();
}

int64_t TimeZone::OffsetForLocal(int64_t local_seconds) const {
  if (zone_ == nullptr) return fixed_offset_;
  auto* z = static_cast<const date::time_zone*>(zone_);
  auto info = z->get_info(date::local_seconds(std::chrono::seconds(local_seconds)));
  // Ambiguous or skipped local times take the earlier offset.
  return info.first.offset.count();
}

void AppendDate(int64_t days, std::string* out) {
  CivilDate c = CivilFromDays(days);
  char buf[32];
  int n;
  if (c.year >= 0 && c.year <= 9999) {
    n = std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", static_cast<long long>(c.year), c.month,
                      c.day);
  } else {
    n = std::snprintf(buf, sizeof buf, "%+05lld-%02d-%02d", static_cast<long long>(c.year), c.month,
                      c.day);
  }
  out->append(buf, n);
}

void AppendTimeOfDay(int64_t sod, int64_t nanos, std::string* out) {
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(sod / 3600),
                        static_cast<long long>(sod / 60 % 60), static_cast<long long>(sod % 60));
  out->append(buf, n);
  if (nanos == 0) return;
  if (nanos % 1000000 == 0) {
    n = std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(nanos / 1000000));
  } else if (nanos % 1000 == 0) {
    n = std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(nanos / 1000));
  } else {
    n = std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(nanos));
  }
  out->append(buf, n);
}

void AppendOffset(int64_t offset, std::string* out) {
  if (offset == 0) {
    out->push_back('Z');
    return;
  }
  char buf[16];
  int64_t a = offset < 0 ? -offset : offset;
  int n = std::snprintf(buf, sizeof buf, "%c%02lld:%02lld", offset < 0 ? '-' : '+',
                        static_cast<long long>(a / 3600), static_cast<long long>(a / 60 % 60));
  out->append(buf, n);
}

void AppendTimestamp(int64_t value, TimeUnit unit, const TimeZone* tz, std::string* out) {
  int64_t secs, nanos;
  SplitSeconds(value, unit, &secs, &nanos);
  int64_t offset = tz ? tz->OffsetAt(secs) : 0;
  int64_t local = secs + offset;
  int64_t days = local / 86400;
  int64_t sod = local % 86400;
  if (sod < 0) {
    sod += 86400;
    days -= 1;
  }
  AppendDate(days, out);
  out->push_back('T');
  AppendTimeOfDay(sod, nanos, out);
  if (tz) AppendOffset(offset, out);
}

}  // namespace quiver::temporal
