// Arithmetic on numbers and decimals. Integers are checked (overflow and
// division by zero are errors), floats follow IEEE, decimals are aligned to
// the planner's result scale and checked against its precision. Temporal
// operands are handled in arithmetic_temporal.cc.
#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <string>

#include "quiver/arrow/compute/arithmetic_internal.h"

namespace quiver::compute {

namespace internal {

const char* OpSymbol(ArithmeticOp op) {
  switch (op) {
    case ArithmeticOp::kAdd: return "+";
    case ArithmeticOp::kSubtract: return "-";
    case ArithmeticOp::kMultiply: return "*";
    case ArithmeticOp::kDivide: return "/";
    case ArithmeticOp::kModulo: return "%";
  }
  return "?";
}

}  // namespace internal

namespace {

using internal::Tag;

template <typename T>
std::string ToText(T v) {
  if constexpr (std::is_same_v<T, Int128>) {
    return Int128ToString(v);
  } else if constexpr (std::is_same_v<T, int8_t> || std::is_same_v<T, uint8_t>) {
    return std::to_string(static_cast<int>(v));
  } else {
    return std::to_string(v);
  }
}

template <typename T>
Status OverflowOn(T a, ArithmeticOp op, T b) {
  return internal::OverflowError("Overflow happened on: " + ToText(a) + " " +
                                 internal::OpSymbol(op) + " " + ToText(b));
}

// One typed element operation; false on overflow, error code in *err.
enum class Err : uint8_t { kNone, kOverflow, kDivZero };

template <typename T>
inline Err IntOp(ArithmeticOp op, T a, T b, T* out) {
  switch (op) {
    case ArithmeticOp::kAdd: return __builtin_add_overflow(a, b, out) ? Err::kOverflow : Err::kNone;
    case ArithmeticOp::kSubtract:
      return __builtin_sub_overflow(a, b, out) ? Err::kOverflow : Err::kNone;
    case ArithmeticOp::kMultiply:
      return __builtin_mul_overflow(a, b, out) ? Err::kOverflow : Err::kNone;
    case ArithmeticOp::kDivide:
      if (b == 0) return Err::kDivZero;
      if constexpr (std::is_signed_v<T>) {
        if (a == std::numeric_limits<T>::min() && b == T(-1)) return Err::kOverflow;
      }
      *out = static_cast<T>(a / b);
      return Err::kNone;
    case ArithmeticOp::kModulo:
      if (b == 0) return Err::kDivZero;
      if constexpr (std::is_signed_v<T>) {
        if (b == T(-1)) {
          *out = 0;
          return Err::kNone;
        }
      }
      *out = static_cast<T>(a % b);
      return Err::kNone;
  }
  return Err::kNone;
}

template <typename T>
inline T FloatOp(ArithmeticOp op, T a, T b) {
  switch (op) {
    case ArithmeticOp::kAdd: return a + b;
    case ArithmeticOp::kSubtract: return a - b;
    case ArithmeticOp::kMultiply: return a * b;
    case ArithmeticOp::kDivide: return a / b;
    case ArithmeticOp::kModulo: return std::fmod(a, b);
  }
  return 0;
}

// Add, subtract or multiply with wrap-around, OR-ing an overflow witness
// over all rows so that the loop has no branch and vectorizes; true when
// some row (perhaps one under a null) overflowed.
template <typename T, ArithmeticOp kOp, bool kLeftScalar, bool kRightScalar>
bool WrappingLoop(const T* a, const T* b, T* out, int64_t n) {
  using U = std::make_unsigned_t<T>;
  if constexpr (kOp == ArithmeticOp::kMultiply) {
    bool overflow = false;
    for (int64_t i = 0; i < n; ++i) {
      overflow |= __builtin_mul_overflow(a[kLeftScalar ? 0 : i], b[kRightScalar ? 0 : i], &out[i]);
    }
    return overflow;
  } else {
    U witness = 0;
    for (int64_t i = 0; i < n; ++i) {
      const T x = a[kLeftScalar ? 0 : i], y = b[kRightScalar ? 0 : i];
      const T r = static_cast<T>(kOp == ArithmeticOp::kAdd ? static_cast<U>(x) + static_cast<U>(y)
                                                            : static_cast<U>(x) - static_cast<U>(y));
      out[i] = r;
      if constexpr (std::is_signed_v<T>) {
        // Signed overflow flips the sign against both (add) / the left (sub) operand.
        witness |= static_cast<U>(kOp == ArithmeticOp::kAdd ? (x ^ r) & (y ^ r) : (x ^ y) & (x ^ r));
      } else {
        witness |= static_cast<U>(kOp == ArithmeticOp::kAdd ? r < x : x < y);
      }
    }
    if constexpr (std::is_signed_v<T>) return (witness >> (sizeof(T) * 8 - 1)) != 0;
    return witness != 0;
  }
}

template <typename T, ArithmeticOp kOp>
bool WrappingLoop(const Datum& l, const Datum& r, const T* a, const T* b, T* out, int64_t n) {
  if (l.is_scalar) return WrappingLoop<T, kOp, true, false>(a, b, out, n);
  if (r.is_scalar) return WrappingLoop<T, kOp, false, true>(a, b, out, n);
  return WrappingLoop<T, kOp, false, false>(a, b, out, n);
}

template <typename T>
Result<ArrayPtr> NumericKernel(ArithmeticOp op, const Datum& l, const Datum& r, int64_t n,
                               const DataTypePtr& type) {
  BufferPtr validity;
  QUIVER_RETURN_NOT_OK(internal::AndValidity(l, n, &validity));
  QUIVER_RETURN_NOT_OK(internal::AndValidity(r, n, &validity));
  QUIVER_ASSIGN_OR_RAISE(auto buf, AllocateBuffer(n * static_cast<int64_t>(sizeof(T))));
  T* out = buf->mutable_data_as<T>();
  const T* a = internal::Values<T>(*l.array);
  const T* b = internal::Values<T>(*r.array);
  const int64_t ls = l.is_scalar ? 0 : 1, rs = r.is_scalar ? 0 : 1;
  if constexpr (std::is_floating_point_v<T>) {
    for (int64_t i = 0; i < n; ++i) out[i] = FloatOp(op, a[i * ls], b[i * rs]);
  } else {
    // Add/subtract/multiply: a branch-free pass; only when it saw an overflow
    // does the checked loop below find the first real one (skipping nulls).
    bool fast = op == ArithmeticOp::kAdd || op == ArithmeticOp::kSubtract ||
                op == ArithmeticOp::kMultiply;
    if (fast && !(l.is_scalar && r.is_scalar)) {
      bool overflow = op == ArithmeticOp::kAdd ? WrappingLoop<T, ArithmeticOp::kAdd>(l, r, a, b, out, n)
                      : op == ArithmeticOp::kSubtract
                          ? WrappingLoop<T, ArithmeticOp::kSubtract>(l, r, a, b, out, n)
                          : WrappingLoop<T, ArithmeticOp::kMultiply>(l, r, a, b, out, n);
      if (!overflow) {
        return internal::MakeArrayFromBuffers(type, n, std::move(validity), {std::move(buf)});
      }
    }
    const uint8_t* valid = validity ? validity->data() : nullptr;
    for (int64_t i = 0; i < n; ++i) {
      if (valid && !bit_util::GetBit(valid, i)) continue;
      Err e = IntOp(op, a[i * ls], b[i * rs], &out[i]);
      if (e == Err::kDivZero) return internal::DivideByZero();
      if (e == Err::kOverflow) return OverflowOn(a[i * ls], op, b[i * rs]);
    }
  }
  return internal::MakeArrayFromBuffers(type, n, std::move(validity), {std::move(buf)});
}

// ---- Decimal128 ----

Status PrecisionError(Int128 v, int32_t precision) {
  return Status::Arrow("Invalid argument error: " + Int128ToString(v) +
                       " is too large to store in a Decimal128 of precision " +
                       std::to_string(precision) + ". Max is " +
                       Int128ToString(internal::Pow10(precision) - 1));
}

// a / 10^k rounded half away from zero.
Int128 DivRound(Int128 a, Int128 div) {
  Int128 q = a / div, rem = a % div;
  if ((rem < 0 ? -rem : rem) * 2 >= div) q += a < 0 ? -1 : 1;
  return q;
}

// x * 10^k / y truncated, for when x * 10^k overflows 128 bits: long
// division one decimal digit at a time on magnitudes. False on overflow.
bool ScaledDivide(Int128 x, int32_t k, Int128 y, Int128* out) {
  using U = unsigned __int128;
  const bool negative = (x < 0) != (y < 0);
  const U ux = x < 0 ? -static_cast<U>(x) : static_cast<U>(x);
  const U uy = y < 0 ? -static_cast<U>(y) : static_cast<U>(y);
  U q = ux / uy, r = ux % uy;
  const U limit = static_cast<U>(std::numeric_limits<Int128>::max());
  for (int32_t i = 0; i < k; ++i) {
    U r10;
    if (__builtin_mul_overflow(r, static_cast<U>(10), &r10)) return false;
    if (q > (limit - r10 / uy) / 10) return false;
    q = q * 10 + r10 / uy;
    r = r10 % uy;
  }
  *out = negative ? -static_cast<Int128>(q) : static_cast<Int128>(q);
  return true;
}

bool Rescale(Int128 v, int32_t from, int32_t to, Int128* out) {
  if (to >= from) return !__builtin_mul_overflow(v, internal::Pow10(to - from), out);
  *out = DivRound(v, internal::Pow10(from - to));
  return true;
}

Result<ArrayPtr> DecimalKernel(ArithmeticOp op, const Datum& l, const Datum& r, int64_t n,
                               const DataTypePtr& type) {
  if (l.type()->id() != TypeId::kDecimal128 || r.type()->id() != TypeId::kDecimal128 ||
      type->id() != TypeId::kDecimal128) {
    return Status::NotImplemented("decimal arithmetic on " + l.type()->ToString() + " and " +
                                  r.type()->ToString() + " into " + type->ToString());
  }
  BufferPtr validity;
  QUIVER_RETURN_NOT_OK(internal::AndValidity(l, n, &validity));
  QUIVER_RETURN_NOT_OK(internal::AndValidity(r, n, &validity));
  QUIVER_ASSIGN_OR_RAISE(auto buf, AllocateBuffer(n * 16));
  Int128* out = buf->mutable_data_as<Int128>();
  if (internal::DecimalArithmetic64(op, l, r, n, *type, out)) {
    return internal::MakeArrayFromBuffers(type, n, std::move(validity), {std::move(buf)});
  }
  const Int128* a = internal::Values<Int128>(*l.array);
  const Int128* b = internal::Values<Int128>(*r.array);
  const int64_t ls = l.is_scalar ? 0 : 1, rs = r.is_scalar ? 0 : 1;
  const int32_t s1 = l.type()->scale(), s2 = r.type()->scale(), s = type->scale();
  const int32_t p = type->precision();
  const Int128 max = internal::Pow10(p) - 1;
  const uint8_t* valid = validity ? validity->data() : nullptr;
  for (int64_t i = 0; i < n; ++i) {
    if (valid && !bit_util::GetBit(valid, i)) continue;
    Int128 x = a[i * ls], y = b[i * rs], v = 0;
    bool ok = true;
    switch (op) {
      case ArithmeticOp::kAdd:
      case ArithmeticOp::kSubtract:
      case ArithmeticOp::kModulo: {
        const int32_t m = std::max({s1, s2, s});
        Int128 xa, ya;
        ok = Rescale(x, s1, m, &xa) && Rescale(y, s2, m, &ya);
        if (!ok) break;
        if (op == ArithmeticOp::kAdd) {
          ok = !__builtin_add_overflow(xa, ya, &v);
        } else if (op == ArithmeticOp::kSubtract) {
          ok = !__builtin_sub_overflow(xa, ya, &v);
        } else {
          if (ya == 0) return internal::DivideByZero();
          v = xa % ya;
        }
        if (ok) ok = Rescale(v, m, s, &v);
        break;
      }
      case ArithmeticOp::kMultiply:
        ok = !__builtin_mul_overflow(x, y, &v) && Rescale(v, s1 + s2, s, &v);
        break;
      case ArithmeticOp::kDivide: {
        if (y == 0) return internal::DivideByZero();
        // x / y at scale s: x * 10^(s - s1 + s2) / y, truncated.
        int32_t k = s - s1 + s2;
        if (k >= 0) {
          Int128 num;
          if (!__builtin_mul_overflow(x, internal::Pow10(k), &num)) {
            v = num / y;
          } else {
            // Capped precision keeps a large scale (e.g. decimal(38,38)).
            ok = ScaledDivide(x, k, y, &v);
          }
        } else {
          v = (x / internal::Pow10(-k)) / y;
        }
        break;
      }
    }
    if (!ok) return OverflowOn(x, op, y);
    if (v > max || v < -max) return PrecisionError(v, p);
    out[i] = v;
  }
  return internal::MakeArrayFromBuffers(type, n, std::move(validity), {std::move(buf)});
}

}  // namespace

Result<ArrayPtr> Arithmetic(ArithmeticOp op, const Datum& left, const Datum& right,
                            const DataTypePtr& result_type) {
  QUIVER_ASSIGN_OR_RAISE(int64_t n, internal::BinaryLength(left, right));
  const DataType& lt = *left.type();
  const DataType& rt = *right.type();
  if (lt.id() == TypeId::kNull || rt.id() == TypeId::kNull) {
    return internal::MakeNullArray(result_type, n);
  }
  if (lt.is_temporal() || rt.is_temporal() || lt.id() == TypeId::kInterval ||
      lt.id() == TypeId::kDuration) {
    return internal::TemporalArithmetic(op, left, right, result_type, n);
  }
  if (lt.is_decimal() || rt.is_decimal()) {
    return DecimalKernel(op, left, right, n, result_type);
  }
  if (lt.id() != rt.id() || result_type->id() != lt.id()) {
    return Status::Internal("arithmetic needs operands of one type, got " + lt.ToString() + " " +
                            internal::OpSymbol(op) + " " + rt.ToString() + " -> " +
                            result_type->ToString());
  }
  Result<ArrayPtr> out = Status::NotImplemented("arithmetic on " + lt.ToString());
  switch (lt.id()) {
    case TypeId::kInt8: return NumericKernel<int8_t>(op, left, right, n, result_type);
    case TypeId::kInt16: return NumericKernel<int16_t>(op, left, right, n, result_type);
    case TypeId::kInt32: return NumericKernel<int32_t>(op, left, right, n, result_type);
    case TypeId::kInt64: return NumericKernel<int64_t>(op, left, right, n, result_type);
    case TypeId::kUInt8: return NumericKernel<uint8_t>(op, left, right, n, result_type);
    case TypeId::kUInt16: return NumericKernel<uint16_t>(op, left, right, n, result_type);
    case TypeId::kUInt32: return NumericKernel<uint32_t>(op, left, right, n, result_type);
    case TypeId::kUInt64: return NumericKernel<uint64_t>(op, left, right, n, result_type);
    case TypeId::kFloat32: return NumericKernel<float>(op, left, right, n, result_type);
    case TypeId::kFloat64: return NumericKernel<double>(op, left, right, n, result_type);
    case TypeId::kFloat16: {
      QUIVER_ASSIGN_OR_RAISE(auto l32, Cast(left.array, float32()));
      QUIVER_ASSIGN_OR_RAISE(auto r32, Cast(right.array, float32()));
      QUIVER_ASSIGN_OR_RAISE(auto res, NumericKernel<float>(op, {l32, left.is_scalar},
                                                            {r32, right.is_scalar}, n, float32()));
      return Cast(res, float16());
    }
    default: return out;
  }
}

Result<ArrayPtr> Negate(const Datum& value) {
  const Array& a = *value.array;
  const DataType& t = *a.type();
  const int64_t n = a.length();
  if (t.id() == TypeId::kNull) return value.array;
  if (t.id() == TypeId::kFloat16 || t.is_unsigned_integer() || t.id() == TypeId::kDecimal256) {
    return Status::NotImplemented("negation of " + t.ToString());
  }
  BufferPtr validity;
  QUIVER_RETURN_NOT_OK(internal::AndValidity(Datum::Array(value.array), n, &validity));
  const uint8_t* valid = validity ? validity->data() : nullptr;
  Result<BufferPtr> buf = Status::NotImplemented("negation of " + t.ToString());
  Status err;
  internal::VisitFixedWidth(t, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, Int256> || std::is_unsigned_v<T>) {
      return;
    } else {
      buf = AllocateBuffer(n * static_cast<int64_t>(sizeof(T)));
      if (!buf.ok()) return;
      T* out = (*buf)->template mutable_data_as<T>();
      const T* in = internal::Values<T>(a);
      for (int64_t i = 0; i < n; ++i) {
        if (valid && !bit_util::GetBit(valid, i)) continue;
        if constexpr (std::is_same_v<T, IntervalDayTime>) {
          out[i] = {-in[i].days, -in[i].milliseconds};
        } else if constexpr (std::is_same_v<T, IntervalMonthDayNano>) {
          out[i] = {-in[i].months, -in[i].days, -in[i].nanoseconds};
        } else if constexpr (std::is_floating_point_v<T>) {
          out[i] = -in[i];
        } else {
          if (in[i] == std::numeric_limits<T>::min() && !std::is_same_v<T, Int128>) {
            err = internal::OverflowError("Overflow happened on: - " + ToText(in[i]));
            return;
          }
          out[i] = static_cast<T>(-in[i]);
        }
      }
    }
  });
  QUIVER_RETURN_NOT_OK(err);
  QUIVER_RETURN_NOT_OK(buf.status());
  return internal::MakeArrayFromBuffers(a.type(), n, std::move(validity), {std::move(*buf)});
}

}  // namespace quiver::compute
