// JoinHashTable: the build side of a hash join. Build rows are chained by
// key hash in two flat arrays (bucket heads and next links), so building is
// one vectorized hash pass plus a linear insert, and probing walks a short
// chain comparing stored hashes before keys.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "quiver/arrow/array.h"
#include "quiver/arrow/compute/row_compare.h"

namespace quiver {

/// Compares key row `b` of the build keys with key row `p` of a probe batch's keys.
class JoinKeyMatcher {
 public:
  static Result<JoinKeyMatcher> Make(const std::vector<ArrayPtr>& build,
                                     const std::vector<ArrayPtr>& probe, bool null_equals_null);
  bool Equal(int64_t b, int64_t p) const;

 private:
  struct KeyColumn {
    int width = 0;  // bytes per value for fixed-width compare, 0: use `cmp`
    const uint8_t* build_values = nullptr;
    const uint8_t* probe_values = nullptr;
    const Array* build = nullptr;
    const Array* probe = nullptr;
    std::shared_ptr<compute::internal::RowComparator> cmp;
  };
  std::vector<KeyColumn> cols_;
  bool null_equals_null_ = false;
};

class JoinHashTable {
 public:
  static constexpr uint32_t kEnd = UINT32_MAX;

  /// Indexes every row of `keys`; rows with a null key are left out unless
  /// `null_equals_null` (they can never match then).
  Status Build(std::vector<ArrayPtr> keys, int64_t num_rows, bool null_equals_null);
  /// Hashes of the rows of `keys` (same seed as the build side).
  static Status Hash(const std::vector<ArrayPtr>& keys, int64_t num_rows,
                     std::vector<uint64_t>* hashes);
  /// True when row `i` of `keys` has a null in some column.
  static bool AnyNull(const std::vector<ArrayPtr>& keys, int64_t i);
  /// Bytes per value when key equality is byte equality of values of type
  /// `t` (integers, decimals, temporals); 0 otherwise.
  static int ByteComparableWidth(const DataType& t);

  /// First build row whose bucket matches `hash` (kEnd when none); iterate
  /// with Next(). Callers check HashAt() and the keys.
  uint32_t First(uint64_t hash) const { return heads_[Bucket(hash)]; }
  uint32_t Next(uint32_t row) const { return next_[row]; }
  /// First() of `n` hashes into `out`, prefetching bucket heads ahead.
  void FirstAll(const uint64_t* hashes, int64_t n, uint32_t* out) const;
  const uint32_t* next_links() const { return next_.data(); }
  const uint64_t* stored_hashes() const { return hashes_.data(); }
  uint64_t HashAt(uint32_t row) const { return hashes_[row]; }
  const std::vector<ArrayPtr>& keys() const { return keys_; }
  int64_t num_rows() const { return num_rows_; }

 private:
  uint64_t Bucket(uint64_t h) const { return (h * 0x9E3779B97F4A7C15ULL) >> shift_; }

  std::vector<ArrayPtr> keys_;
  int64_t num_rows_ = 0;
  std::vector<uint64_t> hashes_;
  std::vector<uint32_t> heads_;
  std::vector<uint32_t> next_;
  int shift_ = 60;
};

}  // namespace quiver
