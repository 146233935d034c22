// Comparison kernels. Primitive operands of one type take a branch-free
// typed loop that packs 8 results per output byte; every other type (strings
// of any layout, binary, nested, intervals, mixed units) goes through the
// generic row comparator.
#include <cstring>

#include "quiver/arrow/compute/compare_simd.h"
#include "quiver/arrow/compute/compare_string.h"
#include "quiver/arrow/compute/kernel_util.h"
#include "quiver/arrow/compute/row_compare.h"

namespace quiver::compute {

namespace {

using internal::CompareFloat;

template <CompareOp kOp>
inline bool FromThreeWay(int c) {
  switch (kOp) {
    case CompareOp::kEq: return c == 0;
    case CompareOp::kNotEq: return c != 0;
    case CompareOp::kLt: return c < 0;
    case CompareOp::kLtEq: return c <= 0;
    case CompareOp::kGt: return c > 0;
    case CompareOp::kGtEq: return c >= 0;
  }
  return false;
}

template <CompareOp kOp, typename T>
inline bool Apply(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    return FromThreeWay<kOp>(CompareFloat(a, b));
  } else {
    switch (kOp) {
      case CompareOp::kEq: return a == b;
      case CompareOp::kNotEq: return a != b;
      case CompareOp::kLt: return a < b;
      case CompareOp::kLtEq: return a <= b;
      case CompareOp::kGt: return a > b;
      case CompareOp::kGtEq: return a >= b;
    }
    return false;
  }
}

// ls/rs: 0 when that side is a broadcast scalar, else 1.
template <CompareOp kOp, typename T>
void CompareLoop(const T* l, int64_t ls, const T* r, int64_t rs, int64_t n, uint8_t* out) {
  const int64_t full = n / 8;
  for (int64_t b = 0; b < full; ++b) {
    uint8_t byte = 0;
    const int64_t base = b * 8;
    for (int k = 0; k < 8; ++k) {
      byte |= static_cast<uint8_t>(Apply<kOp>(l[(base + k) * ls], r[(base + k) * rs])) << k;
    }
    out[b] = byte;
  }
  uint8_t byte = 0;
  for (int64_t i = full * 8; i < n; ++i) {
    byte |= static_cast<uint8_t>(Apply<kOp>(l[i * ls], r[i * rs])) << (i & 7);
  }
  if (n % 8) out[full] = byte;
}

template <typename T>
void CompareTyped(CompareOp op, const T* l, int64_t ls, const T* r, int64_t rs, int64_t n,
                  uint8_t* out) {
  switch (op) {
    case CompareOp::kEq: return CompareLoop<CompareOp::kEq>(l, ls, r, rs, n, out);
    case CompareOp::kNotEq: return CompareLoop<CompareOp::kNotEq>(l, ls, r, rs, n, out);
    case CompareOp::kLt: return CompareLoop<CompareOp::kLt>(l, ls, r, rs, n, out);
    case CompareOp::kLtEq: return CompareLoop<CompareOp::kLtEq>(l, ls, r, rs, n, out);
    case CompareOp::kGt: return CompareLoop<CompareOp::kGt>(l, ls, r, rs, n, out);
    case CompareOp::kGtEq: return CompareLoop<CompareOp::kGtEq>(l, ls, r, rs, n, out);
  }
}

// Types whose storage compares correctly with the built-in operators.
bool HasFastPath(const DataType& l, const DataType& r) {
  if (l.id() != r.id()) return false;
  switch (l.id()) {
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
    case TypeId::kFloat32:
    case TypeId::kFloat64:
    case TypeId::kDecimal128:
    case TypeId::kDate32:
    case TypeId::kDate64: return true;
    case TypeId::kTime32:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: return l.unit() == r.unit();
    case TypeId::kInterval:
      return l.interval_unit() == IntervalUnit::kYearMonth &&
             r.interval_unit() == IntervalUnit::kYearMonth;
    default: return false;
  }
}

int64_t ValueIndex(const Datum& d, int64_t i) { return d.is_scalar ? 0 : i; }

}  // namespace

Result<ArrayPtr> Compare(CompareOp op, const Datum& left, const Datum& right) {
  QUIVER_ASSIGN_OR_RAISE(int64_t n, internal::BinaryLength(left, right));
  BufferPtr validity;
  QUIVER_RETURN_NOT_OK(internal::AndValidity(left, n, &validity));
  QUIVER_RETURN_NOT_OK(internal::AndValidity(right, n, &validity));
  QUIVER_ASSIGN_OR_RAISE(auto bits, internal::AllocateBitmap(n));
  uint8_t* out = bits->mutable_data();
  const DataType& lt = *left.type();
  const DataType& rt = *right.type();
  if (lt.id() == TypeId::kNull || rt.id() == TypeId::kNull) {
    return internal::MakeNullArray(boolean(), n);
  }
  if (HasFastPath(lt, rt)) {
    const int64_t ls = left.is_scalar ? 0 : 1, rs = right.is_scalar ? 0 : 1;
    internal::VisitFixedWidth(lt, [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_same_v<T, IntervalDayTime> || std::is_same_v<T, IntervalMonthDayNano> ||
                    std::is_same_v<T, Int256>) {
        return;
      } else {
        if constexpr (std::is_integral_v<T> && std::is_signed_v<T> && sizeof(T) >= 2 &&
                      sizeof(T) <= 8) {
          // AVX2 when the CPU has it (decided at run time).
          if (internal::CompareSignedSimd(op, sizeof(T), internal::Values<T>(*left.array),
                                          left.is_scalar, internal::Values<T>(*right.array),
                                          right.is_scalar, n, out)) {
            return;
          }
        }
        CompareTyped<T>(op, internal::Values<T>(*left.array), ls, internal::Values<T>(*right.array),
                        rs, n, out);
      }
    });
  } else if (!internal::CompareStringScalar(op, left, right, out)) {
    QUIVER_ASSIGN_OR_RAISE(auto cmp, internal::MakeRowComparator(left.array, right.array));
    const bool any_null = validity != nullptr;
    const uint8_t* valid = any_null ? validity->data() : nullptr;
    for (int64_t i = 0; i < n; ++i) {
      if (any_null && !bit_util::GetBit(valid, i)) continue;
      int c = cmp->CompareValues(ValueIndex(left, i), ValueIndex(right, i));
      bool v = false;
      switch (op) {
        case CompareOp::kEq: v = c == 0; break;
        case CompareOp::kNotEq: v = c != 0; break;
        case CompareOp::kLt: v = c < 0; break;
        case CompareOp::kLtEq: v = c <= 0; break;
        case CompareOp::kGt: v = c > 0; break;
        case CompareOp::kGtEq: v = c >= 0; break;
      }
      if (v) bit_util::SetBit(out, i);
    }
  }
  return internal::MakeArrayFromBuffers(boolean(), n, std::move(validity), {std::move(bits)});
}

Result<ArrayPtr> IsDistinctFrom(const Datum& left, const Datum& right, bool negate) {
  QUIVER_ASSIGN_OR_RAISE(int64_t n, internal::BinaryLength(left, right));
  Result<ArrayPtr> eq_result = ArrayPtr();
  const bool any_null_type =
      left.type()->id() == TypeId::kNull || right.type()->id() == TypeId::kNull;
  if (!any_null_type) {
    eq_result = Compare(CompareOp::kEq, left, right);
    QUIVER_RETURN_NOT_OK(eq_result.status());
  }
  QUIVER_ASSIGN_OR_RAISE(auto bits, internal::AllocateBitmap(n));
  uint8_t* out = bits->mutable_data();
  const BooleanArray* eq =
      any_null_type ? nullptr : static_cast<const BooleanArray*>(eq_result->get());
  for (int64_t i = 0; i < n; ++i) {
    bool ln = left.array->IsNull(ValueIndex(left, i));
    bool rn = right.array->IsNull(ValueIndex(right, i));
    bool distinct = (ln || rn) ? ln != rn : !eq->Value(i);
    if (distinct != negate) bit_util::SetBit(out, i);
  }
  return internal::MakeArrayFromBuffers(boolean(), n, nullptr, {std::move(bits)});
}

}  // namespace quiver::compute
