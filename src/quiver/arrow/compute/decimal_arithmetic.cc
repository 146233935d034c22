// Fast decimal kernels: the common TPC-H shapes (prices times discounts,
// 1 - discount, integer columns cast to a decimal) computed on 64-bit
// integers with one power of ten per call and overflow witnesses OR-ed over
// all rows, so the loops have no per-value branches. Anything unusual (wide
// values, rounding, an overflow somewhere) is left to the checked kernels.
#include <algorithm>
#include <limits>
#include <type_traits>

#include "quiver/arrow/compute/decimal_util.h"
#include "quiver/arrow/compute/kernel_util.h"

namespace quiver::compute::internal {

namespace {

constexpr int64_t kMax64 = std::numeric_limits<int64_t>::max();

// Largest unscaled value of a precision, clamped to 64 bits.
int64_t MaxUnscaled64(int32_t precision) {
  return precision >= 19 ? kMax64 : static_cast<int64_t>(Pow10(precision) - 1);
}

// x op y with x, y pre-multiplied by fa, fb (1 for a pre-scaled scalar).
template <ArithmeticOp kOp, bool kLeftScalar, bool kRightScalar>
bool Loop64(const Int128* a, int64_t fa, const Int128* b, int64_t fb, int64_t max, int64_t n,
            Int128* out) {
  bool bad = false;
  uint64_t wide = 0;  // high words that are not the sign of the low word
  const int64_t x0 = static_cast<int64_t>(a[0]), y0 = static_cast<int64_t>(b[0]);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t x = kLeftScalar ? x0 : static_cast<int64_t>(a[i]);
    const int64_t y = kRightScalar ? y0 : static_cast<int64_t>(b[i]);
    if (!kLeftScalar) wide |= static_cast<uint64_t>(static_cast<int64_t>(a[i] >> 64) ^ (x >> 63));
    if (!kRightScalar) wide |= static_cast<uint64_t>(static_cast<int64_t>(b[i] >> 64) ^ (y >> 63));
    int64_t v;
    if constexpr (kOp == ArithmeticOp::kMultiply) {
      bad |= __builtin_mul_overflow(x, y, &v);
    } else {
      int64_t xs = x, ys = y;
      if (!kLeftScalar) bad |= __builtin_mul_overflow(x, fa, &xs);
      if (!kRightScalar) bad |= __builtin_mul_overflow(y, fb, &ys);
      bad |= kOp == ArithmeticOp::kAdd ? __builtin_add_overflow(xs, ys, &v)
                                       : __builtin_sub_overflow(xs, ys, &v);
    }
    bad |= (v > max) | (v < -max);
    out[i] = v;
  }
  return !bad && wide == 0;
}

template <ArithmeticOp kOp>
bool Dispatch(const Datum& l, const Datum& r, const Int128* a, int64_t fa, const Int128* b,
              int64_t fb, int64_t max, int64_t n, Int128* out) {
  if (l.is_scalar) return Loop64<kOp, true, false>(a, fa, b, fb, max, n, out);
  if (r.is_scalar) return Loop64<kOp, false, true>(a, fa, b, fb, max, n, out);
  return Loop64<kOp, false, false>(a, fa, b, fb, max, n, out);
}

// A scalar side must fit 64 bits (arrays are checked inside the loops).
bool ScalarFits(const Datum& d, const Int128* v) { return !d.is_scalar || AllFitInt64(v, 1); }

}  // namespace

bool DecimalArithmetic64(ArithmeticOp op, const Datum& l, const Datum& r, int64_t n,
                         const DataType& type, Int128* out) {
  if (n == 0 || (l.is_scalar && r.is_scalar)) return false;
  if (l.type()->id() != TypeId::kDecimal128 || r.type()->id() != TypeId::kDecimal128 ||
      type.id() != TypeId::kDecimal128) {
    return false;
  }
  const int32_t s1 = l.type()->scale(), s2 = r.type()->scale(), s = type.scale();
  if (s1 < 0 || s2 < 0) return false;
  const Int128* a = Values<Int128>(*l.array);
  const Int128* b = Values<Int128>(*r.array);
  const int64_t max = MaxUnscaled64(type.precision());
  if (op == ArithmeticOp::kMultiply) {
    if (s != s1 + s2) return false;  // a capped scale rounds: checked path
    if (!ScalarFits(l, a) || !ScalarFits(r, b)) return false;
    return Dispatch<ArithmeticOp::kMultiply>(l, r, a, 1, b, 1, max, n, out);
  }
  if (op != ArithmeticOp::kAdd && op != ArithmeticOp::kSubtract) return false;
  if (s < s1 || s < s2 || s - s1 > 18 || s - s2 > 18) return false;
  if (!ScalarFits(l, a) || !ScalarFits(r, b)) return false;
  int64_t fa = static_cast<int64_t>(Pow10(s - s1)), fb = static_cast<int64_t>(Pow10(s - s2));
  // A scalar is scaled once here instead of once per row.
  Int128 scalar;
  if (l.is_scalar) {
    if (__builtin_mul_overflow(static_cast<int64_t>(a[0]), fa, &fa)) return false;
    scalar = fa;
    a = &scalar;
  } else if (r.is_scalar) {
    if (__builtin_mul_overflow(static_cast<int64_t>(b[0]), fb, &fb)) return false;
    scalar = fb;
    b = &scalar;
  }
  return op == ArithmeticOp::kAdd
             ? Dispatch<ArithmeticOp::kAdd>(l, r, a, fa, b, fb, max, n, out)
             : Dispatch<ArithmeticOp::kSubtract>(l, r, a, fa, b, fb, max, n, out);
}

namespace {

// v * f for every row, flagging rows outside [-bound, bound] (so that the
// multiplication cannot overflow where it counts).
template <typename T>
bool ScaleLoop(const T* in, int64_t n, Int128 f, Int128 bound, Int128* out) {
  bool bad = false;
  for (int64_t i = 0; i < n; ++i) {
    const Int128 v = static_cast<Int128>(in[i]);
    bad |= (v > bound) | (v < -bound);
    out[i] = static_cast<Int128>(static_cast<unsigned __int128>(v) * static_cast<uint64_t>(f));
  }
  return !bad;
}

// Decimal128 source whose values fit 64 bits: a 64x64 -> 128 multiply.
bool ScaleLoopNarrow(const Int128* in, int64_t n, int64_t f, int64_t bound, Int128* out) {
  bool bad = false;
  for (int64_t i = 0; i < n; ++i) {
    const auto v = static_cast<int64_t>(in[i]);
    bad |= (v > bound) | (v < -bound);
    out[i] = static_cast<Int128>(v) * f;
  }
  return !bad;
}

}  // namespace

bool ScaleUpToDecimal128(const Array& a, int32_t precision, int32_t scale, Int128* out) {
  const DataType& t = *a.type();
  const int32_t from = t.id() == TypeId::kDecimal128 ? t.scale() : 0;
  if (precision > 38 || scale < from || scale - from > 18 || from < 0) return false;
  const int64_t n = a.length();
  const Int128 f = Pow10(scale - from);
  const Int128 bound = (Pow10(precision) - 1) / f;
  switch (t.id()) {
    case TypeId::kDecimal128: {
      const Int128* in = Values<Int128>(a);
      if (bound <= kMax64 && AllFitInt64(in, n)) {
        return ScaleLoopNarrow(in, n, static_cast<int64_t>(f), static_cast<int64_t>(bound), out);
      }
      bool bad = false;
      for (int64_t i = 0; i < n; ++i) {
        bad |= (in[i] > bound) | (in[i] < -bound);
        out[i] = static_cast<Int128>(static_cast<unsigned __int128>(in[i]) *
                                     static_cast<unsigned __int128>(f));
      }
      return !bad;
    }
    case TypeId::kInt8: return ScaleLoop(Values<int8_t>(a), n, f, bound, out);
    case TypeId::kInt16: return ScaleLoop(Values<int16_t>(a), n, f, bound, out);
    case TypeId::kInt32: return ScaleLoop(Values<int32_t>(a), n, f, bound, out);
    case TypeId::kInt64: return ScaleLoop(Values<int64_t>(a), n, f, bound, out);
    case TypeId::kUInt8: return ScaleLoop(Values<uint8_t>(a), n, f, bound, out);
    case TypeId::kUInt16: return ScaleLoop(Values<uint16_t>(a), n, f, bound, out);
    case TypeId::kUInt32: return ScaleLoop(Values<uint32_t>(a), n, f, bound, out);
    case TypeId::kUInt64: return ScaleLoop(Values<uint64_t>(a), n, f, bound, out);
    default: return false;
  }
}

}  // namespace quiver::compute::internal
