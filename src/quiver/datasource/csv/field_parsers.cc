#include "quiver/datasource/csv/field_parsers.h"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>

#include "quiver/arrow/temporal.h"

namespace quiver::csv::internal {
namespace {

inline bool IsDigit(char c) { return static_cast<unsigned>(c - '0') < 10; }

// Reads exactly `n` digits at s[*i]; false if any is missing.
inline bool Digits(std::string_view s, size_t* i, int n, int64_t* out) {
  if (*i + n > s.size()) return false;
  int64_t v = 0;
  for (int k = 0; k < n; ++k) {
    char c = s[*i + k];
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *i += n;
  *out = v;
  return true;
}

// Reads 1..max_n digits.
inline bool SomeDigits(std::string_view s, size_t* i, int max_n, int64_t* out) {
  int64_t v = 0;
  int n = 0;
  while (*i < s.size() && n < max_n && IsDigit(s[*i])) {
    v = v * 10 + (s[*i] - '0');
    ++*i;
    ++n;
  }
  *out = v;
  return n > 0;
}

inline bool EqualsNoCase(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != lower[i]) return false;
  }
  return true;
}

// "HH:MM[:SS[.f]]" from s[*i]; stops at the first byte that does not fit.
bool ParseTimeAt(std::string_view s, size_t* i, int64_t* seconds, int64_t* nanos) {
  int64_t h, m, sec = 0, frac = 0;
  if (!Digits(s, i, 2, &h) || *i >= s.size() || s[*i] != ':') return false;
  ++*i;
  if (!Digits(s, i, 2, &m)) return false;
  if (*i < s.size() && s[*i] == ':') {
    ++*i;
    if (!Digits(s, i, 2, &sec)) return false;
    if (*i < s.size() && s[*i] == '.') {
      ++*i;
      int n = 0;
      while (*i < s.size() && IsDigit(s[*i])) {
        if (n < 9) {
          frac = frac * 10 + (s[*i] - '0');
          ++n;
        }
        ++*i;
      }
      if (n == 0) return false;
      for (; n < 9; ++n) frac *= 10;
    }
  }
  if (h > 23 || m > 59 || sec > 59) return false;
  *seconds = h * 3600 + m * 60 + sec;
  *nanos = frac;
  return true;
}

}  // namespace

template <typename T>
bool ParseInteger(std::string_view s, T* out) {
  const char* b = s.data();
  const char* e = b + s.size();
  if (b < e && *b == '+') ++b;
  if (b == e) return false;
  auto [ptr, ec] = std::from_chars(b, e, *out);
  return ec == std::errc() && ptr == e;
}

template bool ParseInteger<int8_t>(std::string_view, int8_t*);
template bool ParseInteger<int16_t>(std::string_view, int16_t*);
template bool ParseInteger<int32_t>(std::string_view, int32_t*);
template bool ParseInteger<int64_t>(std::string_view, int64_t*);
template bool ParseInteger<uint8_t>(std::string_view, uint8_t*);
template bool ParseInteger<uint16_t>(std::string_view, uint16_t*);
template bool ParseInteger<uint32_t>(std::string_view, uint32_t*);
template bool ParseInteger<uint64_t>(std::string_view, uint64_t*);

template <typename T>
static bool ParseFloating(std::string_view s, T* out) {
  const char* b = s.data();
  const char* e = b + s.size();
  if (b < e && *b == '+') ++b;
  if (b == e) return false;
  auto r = fast_float::from_chars(b, e, *out);
  return r.ec == std::errc() && r.ptr == e;
}

bool ParseFloat64(std::string_view s, double* out) { return ParseFloating(s, out); }
bool ParseFloat32(std::string_view s, float* out) { return ParseFloating(s, out); }

bool ParseBoolean(std::string_view s, bool* out) {
  if (EqualsNoCase(s, "true")) {
    *out = true;
    return true;
  }
  if (EqualsNoCase(s, "false")) {
    *out = false;
    return true;
  }
  return false;
}

bool ParseDecimal(std::string_view s, int32_t precision, int32_t scale, Int128* out) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  size_t int_begin = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  size_t int_end = i, frac_begin = i, frac_end = i;
  if (i < s.size() && s[i] == '.') {
    frac_begin = ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    frac_end = i;
  }
  if (int_end == int_begin && frac_end == frac_begin) return false;
  int64_t exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) eneg = s[i++] == '-';
    if (!SomeDigits(s, &i, 6, &exp)) return false;
    if (eneg) exp = -exp;
  }
  if (i != s.size()) return false;
  // The digits D (integer then fraction part) times 10^shift is the answer.
  const int64_t nint = static_cast<int64_t>(int_end - int_begin);
  const int64_t nfrac = static_cast<int64_t>(frac_end - frac_begin);
  const int64_t shift = scale + exp - nfrac;
  const int64_t keep = nint + nfrac + std::min<int64_t>(shift, 0);
  auto digit = [&](int64_t k) {
    return k < nint ? s[int_begin + k] - '0' : s[frac_begin + (k - nint)] - '0';
  };
  unsigned __int128 limit = 1;
  for (int k = 0; k < precision; ++k) limit *= 10;
  unsigned __int128 v = 0;
  auto push = [&](int d) {
    if (v > (limit - 1 - static_cast<unsigned>(d)) / 10) return false;
    v = v * 10 + static_cast<unsigned>(d);
    return true;
  };
  for (int64_t k = 0; k < keep; ++k) {
    if (!push(digit(k))) return false;
  }
  if (shift > 0) {
    for (int64_t k = 0; k < shift && v != 0; ++k) {
      if (!push(0)) return false;
    }
  } else if (keep >= 0 && keep < nint + nfrac && digit(keep) >= 5) {
    if (++v >= limit) return false;
  }
  *out = neg ? -static_cast<Int128>(v) : static_cast<Int128>(v);
  return true;
}

bool ParseDateTime(std::string_view s, DateTimeParts* out) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  size_t year_start = i;
  int64_t year = 0, month, day;
  if (!SomeDigits(s, &i, 9, &year) || i - year_start < 4) return false;
  if (neg) year = -year;
  if (i >= s.size() || s[i] != '-') return false;
  ++i;
  if (!SomeDigits(s, &i, 2, &month) || i >= s.size() || s[i] != '-') return false;
  ++i;
  if (!SomeDigits(s, &i, 2, &day)) return false;
  if (!temporal::IsValidDate(year, static_cast<int32_t>(month), static_cast<int32_t>(day))) {
    return false;
  }
  *out = DateTimeParts{};
  out->days = temporal::DaysFromCivil(year, static_cast<int32_t>(month), static_cast<int32_t>(day));
  if (i == s.size()) return true;
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return false;
  ++i;
  if (!ParseTimeAt(s, &i, &out->seconds_of_day, &out->nanos)) return false;
  if (i < s.size() && s[i] == ' ') ++i;
  if (i == s.size()) return true;
  if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) {
    out->has_offset = true;
    return true;
  }
  if (s[i] != '+' && s[i] != '-') {
    if (s.substr(i) == "UTC") {
      out->has_offset = true;
      return true;
    }
    return false;
  }
  bool oneg = s[i] == '-';
  ++i;
  int64_t oh, om = 0;
  if (!Digits(s, &i, 2, &oh)) return false;
  if (i < s.size()) {
    if (s[i] == ':') ++i;
    if (!Digits(s, &i, 2, &om)) return false;
  }
  if (i != s.size() || oh > 23 || om > 59) return false;
  out->has_offset = true;
  out->offset_seconds = (oneg ? -1 : 1) * (oh * 3600 + om * 60);
  return true;
}

bool ParseTimeOfDay(std::string_view s, int64_t* seconds, int64_t* nanos) {
  size_t i = 0;
  return ParseTimeAt(s, &i, seconds, nanos) && i == s.size();
}

InferredKind ClassifyField(std::string_view s) {
  if (!s.empty() && s[0] == '"') return InferredKind::kUtf8;
  if (EqualsNoCase(s, "true") || EqualsNoCase(s, "false")) return InferredKind::kBoolean;
  size_t n = s.size();
  size_t i = 0;
  if (i < n && s[i] == '-') ++i;
  // Integer / decimal: -?digits[.digits][e[+-]digits]
  {
    size_t j = i, int_digits = 0, frac_digits = 0;
    while (j < n && IsDigit(s[j])) ++j, ++int_digits;
    bool point = false;
    if (j < n && s[j] == '.') {
      point = true;
      ++j;
      while (j < n && IsDigit(s[j])) ++j, ++frac_digits;
    }
    bool exponent = false;
    size_t before_exp = j;
    if (j < n && (s[j] == 'e' || s[j] == 'E') && int_digits + frac_digits > 0) {
      size_t k = j + 1;
      if (k < n && (s[k] == '+' || s[k] == '-')) ++k;
      size_t exp_start = k;
      while (k < n && IsDigit(s[k])) ++k;
      if (k > exp_start) {
        exponent = true;
        j = k;
      } else {
        j = before_exp;
      }
    }
    if (j == n && int_digits + frac_digits > 0) {
      if (!point && !exponent) {
        int64_t v;
        if (n >= 19 && !ParseInteger<int64_t>(s, &v)) return InferredKind::kUtf8;
        return InferredKind::kInt64;
      }
      return InferredKind::kFloat64;
    }
  }
  // Dates and timestamps: \d{4}-\d\d-\d\d[( |T)\d\d:\d\d:\d\d...]
  auto digit_at = [&](size_t k) { return k < n && IsDigit(s[k]); };
  if (n >= 10 && digit_at(0) && digit_at(1) && digit_at(2) && digit_at(3) && s[4] == '-' &&
      digit_at(5) && digit_at(6) && s[7] == '-' && digit_at(8) && digit_at(9)) {
    if (n == 10) return InferredKind::kDate32;
    if (n >= 19 && (s[10] == 'T' || s[10] == ' ') && digit_at(11) && digit_at(12) && s[13] == ':' &&
        digit_at(14) && digit_at(15) && s[16] == ':' && digit_at(17) && digit_at(18)) {
      if (n == 19) return InferredKind::kTimestampSecond;
      if (s[19] != '.') {
        return IsDigit(s[19]) ? InferredKind::kUtf8 : InferredKind::kTimestampSecond;
      }
      size_t k = 20;
      while (k < n && IsDigit(s[k])) ++k;
      size_t frac = k - 20;
      if (frac == 0 || frac > 9) return InferredKind::kUtf8;
      if (frac <= 3) return InferredKind::kTimestampMilli;
      if (frac <= 6) return InferredKind::kTimestampMicro;
      return InferredKind::kTimestampNano;
    }
  }
  return InferredKind::kUtf8;
}

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const uint8_t* end = p + s.size();
  while (p + 8 <= end) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    if (w & 0x8080808080808080ULL) break;
    p += 8;
  }
  while (p < end) {
    uint8_t c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p < len) return false;
    for (int k = 1; k < len; ++k) {
      if ((p[k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    p += len;
  }
  return true;
}

}  // namespace quiver::csv::internal
