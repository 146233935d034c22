// Multi-key sort over fixed-width numeric and temporal keys: each key becomes
// one or two order-preserving 64-bit words per row, so rows compare with
// plain integer comparisons instead of a virtual comparator per key.
#pragma once

#include <cstdint>
#include <vector>

#include "quiver/arrow/compute/compute.h"

namespace quiver::compute::internal {

/// Fixed-width numeric and temporal types: those with an order-preserving
/// 64-bit image.
bool NormalizableType(const DataType& t);
/// True when every key's type is a NormalizableType.
bool NormalizableKeys(const std::vector<SortKey>& keys);

/// Stable order of the rows by `keys` (all NormalizableKeys), only the first
/// `limit` positions when limit >= 0; NaN sorts above every number and -0
/// equals 0, as the row comparators do.
std::vector<uint64_t> SortNormalized(const std::vector<SortKey>& keys, int64_t limit);

}  // namespace quiver::compute::internal
