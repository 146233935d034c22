// Fixed-width integer types behind decimals and intervals, with the text
// forms the engine prints.
#pragma once

#include <cstdint>
#include <string>

namespace quiver {

using Int128 = __int128;

/// Two's-complement 256-bit integer, little-endian 64-bit words (Arrow layout).
struct Int256 {
  uint64_t words[4] = {0, 0, 0, 0};

  static Int256 FromInt128(Int128 v);
  bool is_negative() const { return static_cast<int64_t>(words[3]) < 0; }
  Int256 Negate() const;
  bool operator==(const Int256& o) const;
  bool operator<(const Int256& o) const;
  /// Decimal digits with a leading '-' when negative.
  std::string ToString() const;
};

struct IntervalDayTime {
  int32_t days;
  int32_t milliseconds;
  bool operator==(const IntervalDayTime& o) const = default;
};

struct IntervalMonthDayNano {
  int32_t months;
  int32_t days;
  int64_t nanoseconds;
  bool operator==(const IntervalMonthDayNano& o) const = default;
};

std::string Int128ToString(Int128 v);
/// "-12.345" for unscaled -12345 and scale 3; scale may be negative.
std::string FormatDecimal(const std::string& unscaled_digits, int32_t scale);
std::string Decimal128ToString(Int128 unscaled, int32_t scale);
std::string Decimal256ToString(const Int256& unscaled, int32_t scale);

}  // namespace quiver
