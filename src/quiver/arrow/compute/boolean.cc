// Kleene logic (AND/OR with SQL three-valued semantics), NOT and IS NULL.
#include "quiver/arrow/compute/kernel_util.h"

namespace quiver::compute {

namespace {

// 0 = false, 1 = true, 2 = null for row i of a boolean (or null-typed) datum.
inline int Tri(const Datum& d, int64_t i) {
  const Array& a = *d.array;
  int64_t j = d.is_scalar ? 0 : i;
  if (a.IsNull(j)) return 2;
  return static_cast<const BooleanArray&>(a).Value(j) ? 1 : 0;
}

Status CheckBoolean(const Datum& d, const char* op) {
  auto id = d.type()->id();
  if (id != TypeId::kBoolean && id != TypeId::kNull) {
    return internal::ComputeError(std::string(op) + " requires boolean input, got " +
                                  d.type()->ToString());
  }
  return Status::OK();
}

bool AllValidBoolean(const Datum& d) {
  return !d.is_scalar && d.type()->id() == TypeId::kBoolean && d.array->null_count() == 0;
}

template <bool kAnd>
Result<ArrayPtr> Kleene(const Datum& left, const Datum& right) {
  QUIVER_RETURN_NOT_OK(CheckBoolean(left, kAnd ? "AND" : "OR"));
  QUIVER_RETURN_NOT_OK(CheckBoolean(right, kAnd ? "AND" : "OR"));
  QUIVER_ASSIGN_OR_RAISE(int64_t n, internal::BinaryLength(left, right));
  QUIVER_ASSIGN_OR_RAISE(auto bits, internal::AllocateBitmap(n));
  uint8_t* out = bits->mutable_data();
  if (AllValidBoolean(left) && AllValidBoolean(right)) {
    // No nulls: plain bitwise operation.
    const auto& l = static_cast<const BooleanArray&>(*left.array);
    const auto& r = static_cast<const BooleanArray&>(*right.array);
    bit_util::CopyBitmap(l.values_bitmap(), l.offset(), n, out, 0);
    QUIVER_ASSIGN_OR_RAISE(auto tmp, internal::AllocateBitmap(n));
    bit_util::CopyBitmap(r.values_bitmap(), r.offset(), n, tmp->mutable_data(), 0);
    const uint8_t* t = tmp->data();
    for (int64_t i = 0; i < bit_util::BytesForBits(n); ++i) {
      out[i] = kAnd ? (out[i] & t[i]) : (out[i] | t[i]);
    }
    return internal::MakeArrayFromBuffers(boolean(), n, nullptr, {std::move(bits)});
  }
  QUIVER_ASSIGN_OR_RAISE(auto validity, internal::AllocateBitmap(n));
  uint8_t* valid = validity->mutable_data();
  for (int64_t i = 0; i < n; ++i) {
    int a = Tri(left, i), b = Tri(right, i);
    int r;
    if (kAnd) {
      r = (a == 0 || b == 0) ? 0 : (a == 2 || b == 2) ? 2 : 1;
    } else {
      r = (a == 1 || b == 1) ? 1 : (a == 2 || b == 2) ? 2 : 0;
    }
    if (r != 2) bit_util::SetBit(valid, i);
    if (r == 1) bit_util::SetBit(out, i);
  }
  return internal::MakeArrayFromBuffers(boolean(), n, std::move(validity), {std::move(bits)});
}

}  // namespace

Result<ArrayPtr> And(const Datum& left, const Datum& right) { return Kleene<true>(left, right); }
Result<ArrayPtr> Or(const Datum& left, const Datum& right) { return Kleene<false>(left, right); }

Result<ArrayPtr> Not(const Datum& value) {
  QUIVER_RETURN_NOT_OK(CheckBoolean(value, "NOT"));
  const int64_t n = value.length();
  if (value.type()->id() == TypeId::kNull) return internal::MakeNullArray(boolean(), n);
  const auto& a = static_cast<const BooleanArray&>(*value.array);
  QUIVER_ASSIGN_OR_RAISE(auto bits, internal::AllocateBitmap(n));
  uint8_t* out = bits->mutable_data();
  bit_util::CopyBitmap(a.values_bitmap(), a.offset(), n, out, 0);
  for (int64_t i = 0; i < bit_util::BytesForBits(n); ++i) out[i] = static_cast<uint8_t>(~out[i]);
  BufferPtr validity;
  if (a.null_count() > 0) {
    QUIVER_ASSIGN_OR_RAISE(validity, internal::AllocateBitmap(n));
    bit_util::CopyBitmap(a.null_bitmap_data(), a.offset(), n, validity->mutable_data(), 0);
  }
  return internal::MakeArrayFromBuffers(boolean(), n, std::move(validity), {std::move(bits)});
}

Result<ArrayPtr> IsNull(const Datum& value, bool negate) {
  const int64_t n = value.length();
  const Array& a = *value.array;
  QUIVER_ASSIGN_OR_RAISE(auto bits, internal::AllocateBitmap(n));
  uint8_t* out = bits->mutable_data();
  if (a.type_id() == TypeId::kNull) {
    bit_util::SetBitsTo(out, 0, n, !negate);
  } else if (a.null_count() == 0) {
    bit_util::SetBitsTo(out, 0, n, negate);
  } else {
    // IS NOT NULL is the validity bitmap itself; IS NULL its complement.
    bit_util::CopyBitmap(a.null_bitmap_data(), a.offset(), n, out, 0);
    if (!negate) {
      for (int64_t i = 0; i < bit_util::BytesForBits(n); ++i)
        out[i] = static_cast<uint8_t>(~out[i]);
    }
  }
  return internal::MakeArrayFromBuffers(boolean(), n, nullptr, {std::move(bits)});
}

}  // namespace quiver::compute
