#include "quiver/arrow/compute/sort_normalized.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "quiver/arrow/compute/kernel_util.h"

namespace quiver::compute::internal {

namespace {

// Signed values map to unsigned ones of the same order by flipping the sign bit.
uint64_t SignedWord(int64_t v) { return static_cast<uint64_t>(v) ^ (uint64_t{1} << 63); }

uint64_t FloatWord(double v) {
  if (std::isnan(v)) return ~uint64_t{0};
  if (v == 0) v = 0;  // -0 orders as 0
  uint64_t bits = std::bit_cast<uint64_t>(v);
  return (bits >> 63) ? ~bits : bits | (uint64_t{1} << 63);
}

uint64_t Word(const Array& a, int64_t i) {
  switch (a.type()->id()) {
    case TypeId::kInt8: return SignedWord(Values<int8_t>(a)[i]);
    case TypeId::kInt16: return SignedWord(Values<int16_t>(a)[i]);
    case TypeId::kInt32:
    case TypeId::kDate32:
    case TypeId::kTime32: return SignedWord(Values<int32_t>(a)[i]);
    case TypeId::kUInt8: return Values<uint8_t>(a)[i];
    case TypeId::kUInt16: return Values<uint16_t>(a)[i];
    case TypeId::kUInt32: return Values<uint32_t>(a)[i];
    case TypeId::kUInt64: return Values<uint64_t>(a)[i];
    case TypeId::kFloat32: return FloatWord(Values<float>(a)[i]);
    case TypeId::kFloat64: return FloatWord(Values<double>(a)[i]);
    default: return SignedWord(Values<int64_t>(a)[i]);
  }
}

}  // namespace

bool NormalizableType(const DataType& t) {
  switch (t.id()) {
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
    case TypeId::kDate32:
    case TypeId::kDate64:
    case TypeId::kTime32:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: return true;
    default: return false;
  }
}

bool NormalizableKeys(const std::vector<SortKey>& keys) {
  return std::all_of(keys.begin(), keys.end(),
                     [](const SortKey& k) { return NormalizableType(*k.values->type()); });
}

std::vector<uint64_t> SortNormalized(const std::vector<SortKey>& keys, int64_t limit) {
  const int64_t n = keys.empty() ? 0 : keys[0].values->length();
  // A key with nulls takes two words: a null rank (0 first, 1 value, 2 last)
  // and the value.
  size_t words = 0;
  for (const auto& k : keys) words += k.values->null_count() > 0 ? 2 : 1;
  std::vector<uint64_t> w(static_cast<size_t>(n) * words);
  size_t col = 0;
  for (const auto& k : keys) {
    const Array& a = *k.values;
    const bool nulls = a.null_count() > 0;
    for (int64_t i = 0; i < n; ++i) {
      uint64_t* row = &w[static_cast<size_t>(i) * words + col];
      if (nulls && a.IsNull(i)) {
        row[0] = k.nulls_first ? 0 : 2;
        row[1] = 0;
        continue;
      }
      uint64_t v = Word(a, i);
      if (k.descending) v = ~v;
      if (nulls) {
        row[0] = 1;
        row[1] = v;
      } else {
        row[0] = v;
      }
    }
    col += nulls ? 2 : 1;
  }
  std::vector<uint64_t> idx(n);
  for (int64_t i = 0; i < n; ++i) idx[i] = static_cast<uint64_t>(i);
  auto less = [&](uint64_t x, uint64_t y) {
    const uint64_t* a = &w[x * words];
    const uint64_t* b = &w[y * words];
    for (size_t k = 0; k < words; ++k) {
      if (a[k] != b[k]) return a[k] < b[k];
    }
    return x < y;  // ties keep input order
  };
  if (limit >= 0 && limit < n) {
    std::partial_sort(idx.begin(), idx.begin() + limit, idx.end(), less);
    idx.resize(limit);
  } else {
    std::sort(idx.begin(), idx.end(), less);
  }
  return idx;
}

}  // namespace quiver::compute::internal
