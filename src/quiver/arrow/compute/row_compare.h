// Internal: a three-way comparison of row i of one array with row j of
// another of the same logical type, for every type (strings across layouts,
// nested types lexicographically). Used where a typed fast path does not
// exist: sorting by several keys, nested comparison, distinctness.
#pragma once

#include <cmath>
#include <memory>

#include "quiver/arrow/array.h"
#include "quiver/arrow/status.h"

namespace quiver::compute::internal {

class RowComparator {
 public:
  RowComparator(ArrayPtr left, ArrayPtr right) : left_(std::move(left)), right_(std::move(right)) {}
  virtual ~RowComparator() = default;
  /// <0, 0, >0 for two non-null values.
  virtual int CompareValues(int64_t i, int64_t j) const = 0;
  /// With nulls: null equals null and sorts before any value.
  int Compare(int64_t i, int64_t j) const {
    bool ln = left_->IsNull(i), rn = right_->IsNull(j);
    if (ln || rn) return static_cast<int>(rn) - static_cast<int>(ln);
    return CompareValues(i, j);
  }
  const ArrayPtr& left() const { return left_; }
  const ArrayPtr& right() const { return right_; }

 protected:
  ArrayPtr left_;
  ArrayPtr right_;
};

/// Dictionaries are decoded first; the two arrays must have the same logical
/// type (string layouts may differ).
Result<std::unique_ptr<RowComparator>> MakeRowComparator(const ArrayPtr& left,
                                                         const ArrayPtr& right);

/// Float order: NaN above every number and equal to itself; -0 == 0.
template <typename T>
inline int CompareFloat(T a, T b) {
  bool an = std::isnan(a), bn = std::isnan(b);
  if (an || bn) return static_cast<int>(an) - static_cast<int>(bn);
  return (a > b) - (a < b);
}

}  // namespace quiver::compute::internal
