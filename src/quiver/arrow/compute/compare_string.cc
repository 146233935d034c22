// Strings (offset layouts) compared with one scalar string: `l_shipmode IN
// ('AIR', 'AIR REG')`, `l_shipinstruct = 'DELIVER IN PERSON'`. Equality
// rejects on length before touching the bytes; ordering compares bytes then
// lengths. Results are OR-ed into a zeroed bitmap.
#include <cstring>

#include "quiver/arrow/compute/compare_string.h"

namespace quiver::compute::internal {

namespace {

bool OffsetLayout(TypeId id) {
  return id == TypeId::kUtf8 || id == TypeId::kLargeUtf8 || id == TypeId::kBinary ||
         id == TypeId::kLargeBinary;
}

// The same comparison with its operands swapped (scalar on the left).
CompareOp Mirror(CompareOp op) {
  switch (op) {
    case CompareOp::kLt: return CompareOp::kGt;
    case CompareOp::kLtEq: return CompareOp::kGtEq;
    case CompareOp::kGt: return CompareOp::kLt;
    case CompareOp::kGtEq: return CompareOp::kLtEq;
    default: return op;
  }
}

template <CompareOp kOp, typename O>
void Loop(const O* off, const uint8_t* data, std::string_view s, int64_t n, uint8_t* out) {
  const auto k = static_cast<O>(s.size());
  const void* sp = s.data();
  for (int64_t i = 0; i < n; ++i) {
    const O begin = off[i], len = off[i + 1] - begin;
    bool v;
    if constexpr (kOp == CompareOp::kEq || kOp == CompareOp::kNotEq) {
      const bool eq = len == k && (k == 0 || std::memcmp(data + begin, sp, k) == 0);
      v = kOp == CompareOp::kEq ? eq : !eq;
    } else {
      int c = std::memcmp(data + begin, sp, static_cast<size_t>(len < k ? len : k));
      if (c == 0) c = len < k ? -1 : (len > k ? 1 : 0);
      v = kOp == CompareOp::kLt     ? c < 0
          : kOp == CompareOp::kLtEq ? c <= 0
          : kOp == CompareOp::kGt   ? c > 0
                                    : c >= 0;
    }
    out[i >> 3] |= static_cast<uint8_t>(v) << (i & 7);
  }
}

template <typename O>
void Dispatch(CompareOp op, const Array& a, std::string_view s, uint8_t* out) {
  const O* off = a.data()->buffers[1]->data_as<O>() + a.offset();
  const uint8_t* data = a.data()->buffers[2] ? a.data()->buffers[2]->data() : nullptr;
  const int64_t n = a.length();
  switch (op) {
    case CompareOp::kEq: return Loop<CompareOp::kEq>(off, data, s, n, out);
    case CompareOp::kNotEq: return Loop<CompareOp::kNotEq>(off, data, s, n, out);
    case CompareOp::kLt: return Loop<CompareOp::kLt>(off, data, s, n, out);
    case CompareOp::kLtEq: return Loop<CompareOp::kLtEq>(off, data, s, n, out);
    case CompareOp::kGt: return Loop<CompareOp::kGt>(off, data, s, n, out);
    case CompareOp::kGtEq: return Loop<CompareOp::kGtEq>(off, data, s, n, out);
  }
}

}  // namespace

bool CompareStringScalar(CompareOp op, const Datum& left, const Datum& right, uint8_t* out) {
  if (left.is_scalar == right.is_scalar) return false;
  const Array& arr = left.is_scalar ? *right.array : *left.array;
  const Array& sc = left.is_scalar ? *left.array : *right.array;
  const DataType& at = *arr.type();
  const DataType& st = *sc.type();
  if (!OffsetLayout(at.id()) || !(st.is_string() || st.is_binary()) ||
      at.is_string() != st.is_string() || st.id() == TypeId::kFixedSizeBinary || sc.IsNull(0) ||
      arr.length() == 0) {
    return false;
  }
  const std::string_view s = GetBinaryView(sc, 0);
  if (left.is_scalar) op = Mirror(op);
  const bool large = at.id() == TypeId::kLargeUtf8 || at.id() == TypeId::kLargeBinary;
  if (large) {
    Dispatch<int64_t>(op, arr, s, out);
  } else {
    Dispatch<int32_t>(op, arr, s, out);
  }
  return true;
}

}  // namespace quiver::compute::internal
