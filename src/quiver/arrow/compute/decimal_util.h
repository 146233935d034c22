// Internal: powers of ten for decimal kernels, from a table so that a kernel
// pays one load per call instead of a multiply loop per value.
#pragma once

#include <cstdint>

#include "quiver/arrow/compute/compute.h"
#include "quiver/arrow/decimal.h"

namespace quiver::compute::internal {

/// 10^0 .. 10^38 (every power that fits a signed 128-bit integer).
extern const Int128 kPow10Table[39];

/// 10^n for n <= 38; larger n wraps as repeated multiplication would.
Int128 Pow10Wide(int n);

inline Int128 Pow10(int n) { return n >= 0 && n <= 38 ? kPow10Table[n] : Pow10Wide(n); }

/// True when every value of `v[0..n)` fits a signed 64-bit integer.
bool AllFitInt64(const Int128* v, int64_t n);

/// Decimal128 +, - or * into Decimal128 `type` on 64-bit integers, for
/// operands that fit 64 bits and a result scale that needs no rounding.
/// Writes every row of `out` and returns true when no row (nulls included)
/// overflowed or exceeded the precision; false means "not handled": the
/// caller runs its checked loop, which finds the real error if any.
bool DecimalArithmetic64(ArithmeticOp op, const Datum& l, const Datum& r, int64_t n,
                         const DataType& type, Int128* out);

/// Casts integer or Decimal128 `a` to Decimal128(precision, scale) when that
/// only multiplies by a power of ten. Same contract as above: false when not
/// applicable or some row (nulls included) is out of range.
bool ScaleUpToDecimal128(const Array& a, int32_t precision, int32_t scale, Int128* out);

}  // namespace quiver::compute::internal
