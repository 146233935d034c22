// Casts from strings: numbers, booleans, decimals, dates, times, timestamps
// (ISO 8601 / RFC 3339 with optional offset or zone name) and intervals
// ("1 day 2 hours", "1.5 seconds"). Input is not trimmed, as in DataFusion.
#include <fast_float/fast_float.h>

#include <charconv>
#include <cmath>
#include <optional>

#include "quiver/arrow/compute/cast_internal.h"
#include "quiver/arrow/compute/parse.h"
#include "quiver/arrow/float16.h"
#include "quiver/arrow/temporal.h"

namespace quiver::compute {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads 1..max_digits digits at *p.
bool ReadNumber(std::string_view s, size_t* p, int max_digits, int64_t* out) {
  size_t start = *p;
  int64_t v = 0;
  while (*p < s.size() && IsDigit(s[*p]) && static_cast<int>(*p - start) < max_digits) {
    v = v * 10 + (s[*p] - '0');
    ++*p;
  }
  *out = v;
  return *p > start;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// YYYY-MM-DD at *p (years may have more digits or a sign).
bool ReadDate(std::string_view s, size_t* p, int64_t* days) {
  bool neg = false;
  if (*p < s.size() && (s[*p] == '-' || s[*p] == '+')) neg = s[(*p)++] == '-';
  int64_t y, m, d;
  size_t ys = *p;
  if (!ReadNumber(s, p, 9, &y) || *p - ys < 4) return false;
  if (*p >= s.size() || s[*p] != '-') return false;
  ++*p;
  if (!ReadNumber(s, p, 2, &m) || *p >= s.size() || s[*p] != '-') return false;
  ++*p;
  if (!ReadNumber(s, p, 2, &d)) return false;
  if (neg) y = -y;
  if (!temporal::IsValidDate(y, static_cast<int32_t>(m), static_cast<int32_t>(d))) return false;
  *days = temporal::DaysFromCivil(y, static_cast<int32_t>(m), static_cast<int32_t>(d));
  return true;
}

// HH:MM[:SS[.fffffffff]] at *p, as nanoseconds of the day.
bool ReadTime(std::string_view s, size_t* p, int64_t* nanos) {
  int64_t h, m, sec = 0, frac = 0;
  if (!ReadNumber(s, p, 2, &h) || *p >= s.size() || s[*p] != ':') return false;
  ++*p;
  if (!ReadNumber(s, p, 2, &m)) return false;
  if (*p < s.size() && s[*p] == ':') {
    ++*p;
    if (!ReadNumber(s, p, 2, &sec)) return false;
    if (*p < s.size() && s[*p] == '.') {
      ++*p;
      size_t start = *p;
      int digits = 0;
      while (*p < s.size() && IsDigit(s[*p])) {
        if (digits < 9) {
          frac = frac * 10 + (s[*p] - '0');
          ++digits;
        }
        ++*p;
      }
      if (*p == start) return false;
      for (; digits < 9; ++digits) frac *= 10;
    }
  }
  if (h > 23 || m > 59 || sec > 60) return false;
  *nanos = ((h * 60 + m) * 60 + sec) * 1000000000 + frac;
  return true;
}

}  // namespace

bool ParseDate32(std::string_view s, int32_t* days) {
  size_t p = 0;
  int64_t d;
  if (!ReadDate(s, &p, &d)) return false;
  if (p != s.size()) {
    // A full timestamp is accepted; its date part is kept.
    if (s[p] != 'T' && s[p] != ' ' && s[p] != 't') return false;
    Int128 ns;
    if (!ParseTimestamp(s, nullptr, &ns).ok()) return false;
  }
  if (d < INT32_MIN || d > INT32_MAX) return false;
  *days = static_cast<int32_t>(d);
  return true;
}

bool ParseTimeOfDay(std::string_view s, int64_t* nanos) {
  size_t p = 0;
  return ReadTime(s, &p, nanos) && p == s.size();
}

Status ParseTimestamp(std::string_view s, const temporal::TimeZone* tz, Int128* utc_nanos) {
  auto fail = [&](const char* why) {
    return Status::Arrow("Parser error: Error parsing timestamp from '" + std::string(s) +
                         "': " + why);
  };
  size_t p = 0;
  int64_t days, tod = 0;
  if (!ReadDate(s, &p, &days)) return fail("error parsing date");
  if (p < s.size() && (s[p] == 'T' || s[p] == 't' || s[p] == ' ')) {
    size_t save = p++;
    if (!ReadTime(s, &p, &tod)) {
      p = save;  // maybe "YYYY-MM-DD Zone"
    }
  }
  Int128 local = Int128{days} * 86400 * 1000000000 + tod;
  while (p < s.size() && s[p] == ' ') ++p;
  if (p == s.size()) {
    if (tz) {
      int64_t secs = static_cast<int64_t>(local / 1000000000) - (local < 0 && local % 1000000000);
      local -= Int128{tz->OffsetForLocal(secs)} * 1000000000;
    }
    *utc_nanos = local;
    return Status::OK();
  }
  std::string_view zone = s.substr(p);
  if (zone == "Z" || zone == "z") {
    *utc_nanos = local;
    return Status::OK();
  }
  auto parsed = temporal::TimeZone::Parse(zone);
  if (!parsed.ok()) return fail("error parsing timezone");
  int64_t secs = static_cast<int64_t>(local / 1000000000) - (local < 0 && local % 1000000000);
  *utc_nanos = local - Int128{parsed->OffsetForLocal(secs)} * 1000000000;
  return Status::OK();
}

bool ParseInterval(std::string_view s, IntervalMonthDayNano* out) {
  // Sums "<number> <unit>" pairs; fractions spill into smaller units
  // (months -> 30 days, days -> 24 hours).
  double months = 0, days = 0;
  long double nanos = 0;
  size_t p = 0;
  bool any = false;
  while (true) {
    while (p < s.size() && s[p] == ' ') ++p;
    if (p == s.size()) break;
    size_t start = p;
    if (s[p] == '-' || s[p] == '+') ++p;
    while (p < s.size() && (IsDigit(s[p]) || s[p] == '.')) ++p;
    double v;
    std::string_view num = s.substr(start, p - start);
    if (!num.empty() && num[0] == '+') num.remove_prefix(1);
    auto r = fast_float::from_chars(num.data(), num.data() + num.size(), v);
    if (r.ec != std::errc() || r.ptr != num.data() + num.size()) return false;
    while (p < s.size() && s[p] == ' ') ++p;
    size_t us = p;
    while (p < s.size() && s[p] != ' ') ++p;
    std::string_view unit = s.substr(us, p - us);
    if (unit.empty()) unit = "second";
    if (unit.size() > 1 && Lower(unit.back()) == 's') unit.remove_suffix(1);
    any = true;
    if (IEquals(unit, "century") || IEquals(unit, "centurie")) {
      months += v * 1200;
    } else if (IEquals(unit, "decade")) {
      months += v * 120;
    } else if (IEquals(unit, "year")) {
      months += v * 12;
    } else if (IEquals(unit, "month") || IEquals(unit, "mon")) {
      months += v;
    } else if (IEquals(unit, "week")) {
      days += v * 7;
    } else if (IEquals(unit, "day")) {
      days += v;
    } else if (IEquals(unit, "hour")) {
      nanos += static_cast<long double>(v) * 3600e9L;
    } else if (IEquals(unit, "minute") || IEquals(unit, "min")) {
      nanos += static_cast<long double>(v) * 60e9L;
    } else if (IEquals(unit, "second") || IEquals(unit, "sec")) {
      nanos += static_cast<long double>(v) * 1e9L;
    } else if (IEquals(unit, "millisecond")) {
      nanos += static_cast<long double>(v) * 1e6L;
    } else if (IEquals(unit, "microsecond")) {
      nanos += static_cast<long double>(v) * 1e3L;
    } else if (IEquals(unit, "nanosecond")) {
      nanos += v;
    } else {
      return false;
    }
  }
  if (!any) return false;
  double whole_months = std::trunc(months);
  days += (months - whole_months) * 30;
  double whole_days = std::trunc(days);
  nanos += static_cast<long double>(days - whole_days) * 86400e9L;
  if (std::fabs(whole_months) > INT32_MAX || std::fabs(whole_days) > INT32_MAX ||
      std::fabs(static_cast<double>(nanos)) > 9.2e18) {
    return false;
  }
  out->months = static_cast<int32_t>(whole_months);
  out->days = static_cast<int32_t>(whole_days);
  out->nanoseconds = static_cast<int64_t>(std::llround(nanos));
  return true;
}

namespace internal {

bool ParseDecimal(std::string_view s, int32_t precision, int32_t scale, Int128* out) {
  size_t p = 0;
  bool neg = false;
  if (p < s.size() && (s[p] == '-' || s[p] == '+')) neg = s[p++] == '-';
  // Collect significant digits and the position of the decimal point.
  std::string digits;
  int64_t point = -1;
  for (; p < s.size(); ++p) {
    if (IsDigit(s[p])) {
      digits.push_back(s[p]);
    } else if (s[p] == '.' && point < 0) {
      point = static_cast<int64_t>(digits.size());
    } else {
      break;
    }
  }
  if (digits.empty()) return false;
  int64_t exp = 0;
  if (p < s.size() && (s[p] == 'e' || s[p] == 'E')) {
    ++p;
    auto r =
        std::from_chars(s.data() + p + (p < s.size() && s[p] == '+'), s.data() + s.size(), exp);
    if (r.ec != std::errc()) return false;
    p = r.ptr - s.data();
  }
  if (p != s.size()) return false;
  if (point < 0) point = static_cast<int64_t>(digits.size());
  // value = digits * 10^(exp - (len - point)); we want it * 10^scale.
  int64_t shift = exp - (static_cast<int64_t>(digits.size()) - point) + scale;
  Int128 v = 0;
  int64_t keep = static_cast<int64_t>(digits.size()) + std::min<int64_t>(shift, 0);
  const Int128 max = Pow10(std::min(precision, 38)) - 1;
  for (int64_t i = 0; i < keep; ++i) {
    if (v > max) return false;
    v = v * 10 + (digits[i] - '0');
  }
  if (keep >= 0 && keep < static_cast<int64_t>(digits.size()) && digits[keep] >= '5') ++v;
  for (int64_t i = 0; i < shift; ++i) {
    if (v > max) return false;
    v *= 10;
  }
  if (v > max) return false;
  *out = neg ? -v : v;
  return true;
}

namespace {

template <typename T>
bool ParseInt(std::string_view s, T* out) {
  const char* b = s.data();
  const char* e = b + s.size();
  if (b != e && *b == '+') ++b;
  if (b == e) return false;
  auto r = std::from_chars(b, e, *out);
  return r.ec == std::errc() && r.ptr == e;
}

template <typename T>
bool ParseFloat(std::string_view s, T* out) {
  const char* b = s.data();
  const char* e = b + s.size();
  if (b != e && *b == '+') ++b;
  if (b == e) return false;
  auto r = fast_float::from_chars(b, e, *out);
  return r.ec == std::errc() && r.ptr == e;
}

bool ParseBool(std::string_view s, bool* out) {
  static constexpr std::string_view kTrue[] = {"true", "t", "yes", "y", "on", "1"};
  static constexpr std::string_view kFalse[] = {"false", "f", "no", "n", "off", "0"};
  for (auto t : kTrue) {
    if (IEquals(s, t)) return *out = true, true;
  }
  for (auto f : kFalse) {
    if (IEquals(s, f)) return *out = false, true;
  }
  return false;
}

Status CannotParse(std::string_view s, const DataType& to) {
  return CastError("Cannot cast string '" + std::string(s) + "' to value of " + to.ToString() +
                   " type");
}

Int128 FloorDiv(Int128 a, Int128 b) {
  Int128 q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace

bool CanCastFromString(const DataType& to) {
  if (to.is_numeric() || to.id() == TypeId::kBoolean || to.id() == TypeId::kFloat16) return true;
  switch (to.id()) {
    case TypeId::kDate32:
    case TypeId::kDate64:
    case TypeId::kTime32:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration:
    case TypeId::kInterval: return true;
    default: return false;
  }
}

Result<ArrayPtr> CastFromString(const ArrayPtr& a, const DataTypePtr& to, const CastOptions& o) {
  const Array& arr = *a;
  auto view = [&](int64_t i) { return GetBinaryView(arr, i); };
  auto error = [&](int64_t i) { return CannotParse(view(i), *to); };
  switch (to->id()) {
    case TypeId::kBoolean: {
      QUIVER_ASSIGN_OR_RAISE(auto bytes, MapRows<uint8_t>(
                                             arr, uint8(), o,
                                             [&](int64_t i, uint8_t* out) {
                                               bool b;
                                               if (!ParseBool(view(i), &b)) return false;
                                               *out = b;
                                               return true;
                                             },
                                             [&](int64_t i) {
                                               return CastError("Cannot cast value '" +
                                                                std::string(view(i)) +
                                                                "' to value of Boolean type");
                                             }));
      return CastNumeric(bytes, to, o);
    }
    case TypeId::kFloat16:
      return MapRows<uint16_t>(
          arr, to, o,
          [&](int64_t i, uint16_t* out) {
            float f;
            if (!ParseFloat(view(i), &f)) return false;
            *out = FloatToHalf(f);
            return true;
          },
          error);
    case TypeId::kDecimal128:
      return MapRows<Int128>(
          arr, to, o,
          [&](int64_t i, Int128* out) {
            return ParseDecimal(view(i), to->precision(), to->scale(), out);
          },
          error);
    case TypeId::kDecimal256:
      return MapRows<Int256>(
          arr, to, o,
          [&](int64_t i, Int256* out) {
            Int128 v;
            if (!ParseDecimal(view(i), to->precision(), to->scale(), &v)) return false;
            *out = Int128ToInt256(v);
            return true;
          },
          error);
    case TypeId::kDate32:
      return MapRows<int32_t>(
          arr, to, o, [&](int64_t i, int32_t* out) { return ParseDate32(view(i), out); }, error);
    case TypeId::kDate64:
      return MapRows<int64_t>(
          arr, to, o,
          [&](int64_t i, int64_t* out) {
            Int128 ns;
            if (!ParseTimestamp(view(i), nullptr, &ns).ok()) return false;
            *out = static_cast<int64_t>(FloorDiv(ns, 1000000));
            return true;
          },
          error);
    case TypeId::kTime32:
    case TypeId::kTime64: {
      const int64_t div = 1000000000 / TimeUnitPerSecond(to->unit());
      auto parse = [&](int64_t i, int64_t* out) {
        int64_t ns;
        if (!ParseTimeOfDay(view(i), &ns)) return false;
        *out = ns / div;
        return true;
      };
      if (to->id() == TypeId::kTime64) return MapRows<int64_t>(arr, to, o, parse, error);
      return MapRows<int32_t>(
          arr, to, o,
          [&](int64_t i, int32_t* out) {
            int64_t v;
            if (!parse(i, &v)) return false;
            *out = static_cast<int32_t>(v);
            return true;
          },
          error);
    }
    case TypeId::kTimestamp: {
      std::optional<temporal::TimeZone> tz;
      if (!to->timezone().empty()) {
        QUIVER_ASSIGN_OR_RAISE(auto z, temporal::TimeZone::Parse(to->timezone()));
        tz = z;
      }
      const int64_t div = 1000000000 / TimeUnitPerSecond(to->unit());
      Status first_error;
      auto out = MapRows<int64_t>(
          arr, to, o,
          [&](int64_t i, int64_t* v) {
            Int128 ns;
            Status st = ParseTimestamp(view(i), tz ? &*tz : nullptr, &ns);
            if (!st.ok()) {
              first_error = st;
              return false;
            }
            Int128 q = FloorDiv(ns, div);
            if (q > INT64_MAX || q < INT64_MIN) {
              first_error = CastError("Overflow converting " + std::string(view(i)) + " to " +
                                      to->ToString());
              return false;
            }
            *v = static_cast<int64_t>(q);
            return true;
          },
          [&](int64_t) { return first_error; });
      return out;
    }
    case TypeId::kDuration:
      return MapRows<int64_t>(
          arr, to, o, [&](int64_t i, int64_t* out) { return ParseInt(view(i), out); }, error);
    case TypeId::kInterval: {
      auto parse = [&](int64_t i, IntervalMonthDayNano* v) { return ParseInterval(view(i), v); };
      switch (to->interval_unit()) {
        case IntervalUnit::kMonthDayNano:
          return MapRows<IntervalMonthDayNano>(arr, to, o, parse, error);
        case IntervalUnit::kDayTime:
          return MapRows<IntervalDayTime>(
              arr, to, o,
              [&](int64_t i, IntervalDayTime* v) {
                IntervalMonthDayNano m;
                if (!parse(i, &m) || m.months != 0) return false;
                *v = {m.days, static_cast<int32_t>(m.nanoseconds / 1000000)};
                return true;
              },
              error);
        case IntervalUnit::kYearMonth:
          return MapRows<int32_t>(
              arr, to, o,
              [&](int64_t i, int32_t* v) {
                IntervalMonthDayNano m;
                if (!parse(i, &m) || m.days != 0 || m.nanoseconds != 0) return false;
                *v = m.months;
                return true;
              },
              error);
      }
      break;
    }
    default: break;
  }
  Result<ArrayPtr> out = Status::NotImplemented("cast from string to " + to->ToString());
  VisitFixedWidth(*to, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_integral_v<T>) {
      out = MapRows<T>(
          arr, to, o, [&](int64_t i, T* v) { return ParseInt(view(i), v); }, error);
    } else if constexpr (std::is_floating_point_v<T>) {
      out = MapRows<T>(
          arr, to, o, [&](int64_t i, T* v) { return ParseFloat(view(i), v); }, error);
    }
  });
  return out;
}

}  // namespace internal
}  // namespace quiver::compute
