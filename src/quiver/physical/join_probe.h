// JoinProbe: finds the (probe row, build row) pairs of one probe batch in a
// JoinHashTable. Chain heads of all rows are looked up first with prefetching,
// and a single fixed-width key (integers, dates, timestamps, decimals) is
// compared directly against the build keys without hashes or virtual calls.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "quiver/physical/join_hash_table.h"

namespace quiver {

class JoinProbe {
 public:
  /// Starts probing the rows of `keys` (one probe batch, `num_rows` rows).
  /// With `first_match_only` each probe row yields at most one pair.
  Status Start(const JoinHashTable* table, std::vector<ArrayPtr> keys, int64_t num_rows,
               bool null_equals_null, bool first_match_only);

  /// Appends up to `limit` pairs, in probe row order (build rows ascending
  /// within a probe row). Returns true once every row of the batch is done.
  bool Next(size_t limit, std::vector<uint32_t>* probe, std::vector<uint32_t>* build);

 private:
  template <typename Match>
  bool Walk(size_t limit, std::vector<uint32_t>* probe, std::vector<uint32_t>* build, Match match);

  const JoinHashTable* table_ = nullptr;
  std::vector<ArrayPtr> keys_;
  int64_t n_ = 0;
  bool first_match_only_ = false;
  int fixed_width_ = 0;  // bytes of the single directly compared key, 0: generic
  const uint8_t* build_values_ = nullptr;
  const uint8_t* probe_values_ = nullptr;
  std::vector<uint64_t> hashes_;
  std::vector<uint32_t> first_;  // first candidate build row per probe row
  std::optional<JoinKeyMatcher> matcher_;
  // Resume point: the next row, and the chain position inside it.
  int64_t row_ = 0;
  uint32_t chain_ = JoinHashTable::kEnd;
  bool resume_ = false;
};

}  // namespace quiver
