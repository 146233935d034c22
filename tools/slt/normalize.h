// Value printing shared by every engine adapter: the corpus expects floats and
// decimals in one canonical form (see datafusion-tests/README.md, "How values
// are printed"), whatever the engine's own display does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace quiver::slt {

/// Digits kept after the decimal point for floats and decimals.
inline constexpr int kFractionDigits = 12;

/// NaN, Infinity, -Infinity; otherwise the shortest round-trip decimal in
/// plain notation, rounded to 12 fraction digits, trailing zeros removed.
std::string FormatFloat64(double v);
/// Same, with the shortest form that round-trips as a float (0.1f -> "0.1").
std::string FormatFloat32(float v);

/// Exact decimal value unscaled * 10^-scale, rounded to 12 fraction digits,
/// trailing zeros removed. Negative scales multiply.
std::string FormatDecimal128(__int128 unscaled, int32_t scale);
/// Same for an unscaled value given as decimal digits (Decimal256 and wider).
std::string FormatDecimalDigits(bool negative, std::string_view digits, int32_t scale);

/// Rounds a plain decimal number ("-12.34567", "5", ".5") to `digits` fraction
/// digits (half away from zero) and strips trailing zeros; "-0" becomes "0".
std::string RoundPlainDecimal(std::string_view plain, int digits = kFractionDigits);

/// Strings: "(empty)" for "", trailing newlines dropped.
std::string FormatText(std::string_view s);

}  // namespace quiver::slt
