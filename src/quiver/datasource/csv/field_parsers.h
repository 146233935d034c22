// Parsers for CSV field text: integers, floats, booleans, decimals, dates,
// times and timestamps, plus the classification used by schema inference.
// All take the exact field text and fail on anything else (no trimming).
#pragma once

#include <cstdint>
#include <string_view>

#include "quiver/arrow/decimal.h"

namespace quiver::csv::internal {

/// Optional '+' or '-' (signed types only), then decimal digits; range checked.
template <typename T>
bool ParseInteger(std::string_view s, T* out);

/// Decimal or scientific notation, "inf", "-inf", "NaN" (case-insensitive).
bool ParseFloat64(std::string_view s, double* out);
bool ParseFloat32(std::string_view s, float* out);
/// "true" / "false", case-insensitive.
bool ParseBoolean(std::string_view s, bool* out);

/// Unscaled value of a decimal text ("-12.345", "1e3") at `scale`, rounding
/// half away from zero; false when it does not fit `precision` digits.
bool ParseDecimal(std::string_view s, int32_t precision, int32_t scale, Int128* out);

/// A date and optional time of day and UTC offset:
/// `YYYY-MM-DD[(T| )HH:MM[:SS[.fffffffff]]][Z|(+|-)HH[[:]MM]]`.
struct DateTimeParts {
  int64_t days = 0;            // since 1970-01-01
  int64_t seconds_of_day = 0;  // local wall clock
  int64_t nanos = 0;
  bool has_offset = false;
  int64_t offset_seconds = 0;  // east of UTC
};
bool ParseDateTime(std::string_view s, DateTimeParts* out);
/// `HH:MM[:SS[.fffffffff]]`.
bool ParseTimeOfDay(std::string_view s, int64_t* seconds, int64_t* nanos);

/// What a field looks like to schema inference (arrow-rs's classes).
enum class InferredKind : uint8_t {
  kBoolean = 0,
  kInt64 = 1,
  kFloat64 = 2,
  kDate32 = 3,
  kTimestampSecond = 4,
  kTimestampMilli = 5,
  kTimestampMicro = 6,
  kTimestampNano = 7,
  kUtf8 = 8,
};
InferredKind ClassifyField(std::string_view s);

/// True when `s` is valid UTF-8 (fast path for ASCII).
bool IsValidUtf8(std::string_view s);

}  // namespace quiver::csv::internal
