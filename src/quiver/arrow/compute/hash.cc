// Row hashing for hash joins and aggregation. Each column's per-row hash is
// folded into the caller's running hashes. Strings hash their bytes (so
// every string layout and dictionaries agree), fixed-width values go through
// a 64-bit finalizer, nested values fold their children's hashes.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstring>

#include "quiver/arrow/compute/kernel_util.h"
#include "quiver/arrow/float16.h"

namespace quiver::compute {

namespace {

constexpr uint64_t kNullHash = 0x5bd1e9955bd1e995ULL;
constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;

inline uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline uint64_t Combine(uint64_t h, uint64_t v) {
  return (((h << 31) | (h >> 33)) ^ v) * kMul + 0x632BE59BD9B4E019ULL;
}

template <typename T>
inline uint64_t HashValue(const T& v) {
  if constexpr (std::is_floating_point_v<T>) {
    // Equal floats hash equally: -0 == 0 and every NaN is one value.
    double d = v;
    if (d == 0) d = 0;
    if (d != d) return Mix(0x7ff8000000000000ULL);
    uint64_t bits;
    std::memcpy(&bits, &d, 8);
    return Mix(bits);
  } else if constexpr (std::is_integral_v<T> && sizeof(T) <= 8) {
    return Mix(static_cast<uint64_t>(v));
  } else {
    return XXH3_64bits(&v, sizeof(T));
  }
}

// Per-row hashes of one column (nulls get kNullHash), written to out.
Status HashArray(const ArrayPtr& array, uint64_t* out);

template <typename T>
void HashFixed(const Array& a, uint64_t* out) {
  const T* v = internal::Values<T>(a);
  for (int64_t i = 0; i < a.length(); ++i) out[i] = HashValue(v[i]);
}

template <typename ListT>
Status HashList(const ArrayPtr& array, uint64_t* out) {
  const auto& l = static_cast<const ListT&>(*array);
  const auto& values = l.values();
  std::vector<uint64_t> child(values->length());
  QUIVER_RETURN_NOT_OK(HashArray(values, child.data()));
  for (int64_t i = 0; i < l.length(); ++i) {
    uint64_t h = 0x1234567ULL;
    int64_t start = l.value_offset(i);
    int64_t len;
    if constexpr (std::is_same_v<ListT, FixedSizeListArray>) {
      len = l.list_size();
    } else {
      len = l.value_length(i);
    }
    for (int64_t k = 0; k < len; ++k) h = Combine(h, child[start + k]);
    out[i] = Combine(h, static_cast<uint64_t>(len));
  }
  return Status::OK();
}

Status HashArray(const ArrayPtr& array, uint64_t* out) {
  const Array& a = *array;
  const DataType& t = *a.type();
  const int64_t n = a.length();
  switch (t.id()) {
    case TypeId::kNull: break;
    case TypeId::kBoolean: {
      const auto& b = static_cast<const BooleanArray&>(a);
      for (int64_t i = 0; i < n; ++i) out[i] = Mix(b.Value(i) ? 1 : 2);
      break;
    }
    case TypeId::kFloat16: {
      const uint16_t* v = internal::Values<uint16_t>(a);
      for (int64_t i = 0; i < n; ++i) out[i] = HashValue(HalfToFloat(v[i]));
      break;
    }
    case TypeId::kUtf8:
    case TypeId::kBinary: {
      const auto& s = static_cast<const StringArray&>(a);
      for (int64_t i = 0; i < n; ++i) {
        auto v = s.GetView(i);
        out[i] = XXH3_64bits(v.data(), v.size());
      }
      break;
    }
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: {
      const auto& s = static_cast<const LargeStringArray&>(a);
      for (int64_t i = 0; i < n; ++i) {
        auto v = s.GetView(i);
        out[i] = XXH3_64bits(v.data(), v.size());
      }
      break;
    }
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: {
      const auto& s = static_cast<const BinaryViewArray&>(a);
      for (int64_t i = 0; i < n; ++i) {
        auto v = s.GetView(i);
        out[i] = XXH3_64bits(v.data(), v.size());
      }
      break;
    }
    case TypeId::kFixedSizeBinary: {
      const auto& s = static_cast<const FixedSizeBinaryArray&>(a);
      for (int64_t i = 0; i < n; ++i) {
        auto v = s.GetView(i);
        out[i] = XXH3_64bits(v.data(), v.size());
      }
      break;
    }
    case TypeId::kDictionary: {
      const auto& d = static_cast<const DictionaryArray&>(a);
      auto dict = d.dictionary();
      std::vector<uint64_t> dh(dict->length());
      QUIVER_RETURN_NOT_OK(HashArray(dict, dh.data()));
      for (int64_t i = 0; i < n; ++i) {
        if (a.IsNull(i)) continue;
        int64_t j = d.GetValueIndex(i);
        if (j < 0 || j >= dict->length())
          return internal::ComputeError("dictionary index out of bounds");
        out[i] = dict->IsNull(j) ? kNullHash : dh[j];
      }
      break;
    }
    case TypeId::kList: QUIVER_RETURN_NOT_OK(HashList<ListArray>(array, out)); break;
    case TypeId::kMap: QUIVER_RETURN_NOT_OK(HashList<ListArray>(array, out)); break;
    case TypeId::kLargeList: QUIVER_RETURN_NOT_OK(HashList<LargeListArray>(array, out)); break;
    case TypeId::kFixedSizeList:
      QUIVER_RETURN_NOT_OK(HashList<FixedSizeListArray>(array, out));
      break;
    case TypeId::kStruct: {
      const auto& s = static_cast<const StructArray&>(a);
      for (int64_t i = 0; i < n; ++i) out[i] = 0x87654321ULL;
      std::vector<uint64_t> child(n);
      for (int f = 0; f < s.num_fields(); ++f) {
        QUIVER_RETURN_NOT_OK(HashArray(s.field(f), child.data()));
        for (int64_t i = 0; i < n; ++i) out[i] = Combine(out[i], child[i]);
      }
      break;
    }
    default: {
      bool ok = internal::VisitFixedWidth(t, [&](auto tag) {
        using T = typename decltype(tag)::type;
        HashFixed<T>(a, out);
      });
      if (!ok) return Status::NotImplemented("hash of " + t.ToString());
    }
  }
  if (a.null_count() > 0 || t.id() == TypeId::kNull) {
    for (int64_t i = 0; i < n; ++i) {
      if (a.IsNull(i)) out[i] = kNullHash;
    }
  }
  return Status::OK();
}

}  // namespace

Status HashColumns(const std::vector<ArrayPtr>& columns, uint64_t* hashes) {
  if (columns.empty()) return Status::OK();
  const int64_t n = columns[0]->length();
  std::vector<uint64_t> tmp(n);
  for (const auto& c : columns) {
    if (c->length() != n) return internal::ComputeError("hash columns differ in length");
    QUIVER_RETURN_NOT_OK(HashArray(c, tmp.data()));
    for (int64_t i = 0; i < n; ++i) hashes[i] = Combine(hashes[i], tmp[i]);
  }
  return Status::OK();
}

}  // namespace quiver::compute
