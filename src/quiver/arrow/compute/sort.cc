// SortIndices: a stable permutation for ORDER BY. A single primitive key
// sorts (value, row) pairs directly; several numeric/temporal keys sort
// normalized words (sort_normalized.h); other keys use the generic row
// comparators. Ties break on the row number, which makes std::sort and
// std::partial_sort (the top-k path) stable.
#include <algorithm>
#include <cstring>

#include "quiver/arrow/compute/kernel_util.h"
#include "quiver/arrow/compute/row_compare.h"
#include "quiver/arrow/compute/sort_normalized.h"

namespace quiver::compute {

namespace {

Result<ArrayPtr> MakeIndices(const std::vector<uint64_t>& idx) {
  QUIVER_ASSIGN_OR_RAISE(auto buf, AllocateBuffer(idx.size() * sizeof(uint64_t)));
  if (!idx.empty()) std::memcpy(buf->mutable_data(), idx.data(), idx.size() * sizeof(uint64_t));
  return internal::MakeArrayFromBuffers(uint64(), static_cast<int64_t>(idx.size()), nullptr,
                                        {std::move(buf)});
}

// Sorts `items` (or only its first `limit` positions) by `less`.
template <typename V, typename Less>
void SortRange(std::vector<V>* items, int64_t limit, Less less) {
  if (limit >= 0 && limit < static_cast<int64_t>(items->size())) {
    std::partial_sort(items->begin(), items->begin() + limit, items->end(), less);
    items->resize(limit);
  } else {
    std::sort(items->begin(), items->end(), less);
  }
}

template <typename T>
Result<ArrayPtr> SortPrimitive(const SortKey& key, int64_t limit) {
  const Array& a = *key.values;
  const int64_t n = a.length();
  const T* values = internal::Values<T>(a);
  std::vector<std::pair<T, uint64_t>> items;
  std::vector<uint64_t> nulls;
  items.reserve(n);
  const bool has_nulls = a.null_count() > 0;
  for (int64_t i = 0; i < n; ++i) {
    if (has_nulls && a.IsNull(i)) {
      nulls.push_back(i);
    } else {
      items.emplace_back(values[i], i);
    }
  }
  const int64_t want = limit < 0 ? n : std::min(limit, n);
  const int64_t null_prefix = key.nulls_first ? std::min<int64_t>(nulls.size(), want) : 0;
  const int64_t value_limit = want - null_prefix;
  auto cmp = [](const T& x, const T& y) {
    if constexpr (std::is_floating_point_v<T>) {
      return internal::CompareFloat(x, y);
    } else {
      return (y < x) - (x < y);
    }
  };
  if (key.descending) {
    SortRange(&items, value_limit, [&](const auto& x, const auto& y) {
      int c = cmp(x.first, y.first);
      return c != 0 ? c > 0 : x.second < y.second;
    });
  } else {
    SortRange(&items, value_limit, [&](const auto& x, const auto& y) {
      int c = cmp(x.first, y.first);
      return c != 0 ? c < 0 : x.second < y.second;
    });
  }
  std::vector<uint64_t> out;
  out.reserve(want);
  if (key.nulls_first) out.insert(out.end(), nulls.begin(), nulls.begin() + null_prefix);
  for (const auto& it : items) {
    if (static_cast<int64_t>(out.size()) >= want) break;
    out.push_back(it.second);
  }
  for (uint64_t r : nulls) {
    if (static_cast<int64_t>(out.size()) >= want) break;
    if (!key.nulls_first) out.push_back(r);
  }
  return MakeIndices(out);
}

// Fixed-width keys sorted as (value, row) pairs: the normalizable types and
// Decimal128.
bool SinglePrimitive(const DataType& t) {
  return t.id() == TypeId::kDecimal128 || internal::NormalizableType(t);
}

}  // namespace

Result<ArrayPtr> SortIndices(const std::vector<SortKey>& keys, int64_t limit) {
  if (keys.empty()) return internal::ComputeError("sort requires at least one key");
  const int64_t n = keys[0].values->length();
  for (const auto& k : keys) {
    if (k.values->length() != n) return internal::ComputeError("sort keys differ in length");
  }
  if (keys.size() == 1 && SinglePrimitive(*keys[0].values->type())) {
    Result<ArrayPtr> out = ArrayPtr();
    internal::VisitFixedWidth(*keys[0].values->type(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, Int128>) {
        out = SortPrimitive<T>(keys[0], limit);
      }
    });
    return out;
  }
  if (internal::NormalizableKeys(keys)) return MakeIndices(internal::SortNormalized(keys, limit));
  std::vector<std::unique_ptr<internal::RowComparator>> cmps;
  for (const auto& k : keys) {
    QUIVER_ASSIGN_OR_RAISE(auto c, internal::MakeRowComparator(k.values, k.values));
    cmps.push_back(std::move(c));
  }
  std::vector<uint64_t> idx(n);
  for (int64_t i = 0; i < n; ++i) idx[i] = i;
  auto less = [&](uint64_t i, uint64_t j) {
    for (size_t k = 0; k < keys.size(); ++k) {
      const auto& c = *cmps[k];
      bool ln = c.left()->IsNull(i), rn = c.left()->IsNull(j);
      if (ln || rn) {
        if (ln && rn) continue;
        return keys[k].nulls_first ? ln : rn;
      }
      int v = c.CompareValues(i, j);
      if (v != 0) return keys[k].descending ? v > 0 : v < 0;
    }
    return i < j;
  };
  SortRange(&idx, limit, less);
  return MakeIndices(idx);
}

}  // namespace quiver::compute
