// GroupValues: interns rows of key columns and numbers each distinct row
// (a group) densely from 0.
//
// One fixed-width key column of at most 8 bytes (integers, dates,
// timestamps, floats by bit pattern) is the common case: its 16-byte slots
// hold the value itself, so a probe touches one cache line; a null key is
// its own group outside the table. Other keys are normalized to bytes
// (per column a null flag and the value, length-prefixed when variable);
// the table's 8-byte slots hold a hash tag and the group id, and each
// group's key lives in a dense per-group array (two words when it fits 16
// bytes, else an arena offset).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quiver/arrow/array.h"
#include "quiver/arrow/builder.h"

namespace quiver {

class GroupValues {
 public:
  explicit GroupValues(std::vector<DataTypePtr> key_types);

  /// Assigns the group id of every row of `keys` to `group_ids` (resized),
  /// creating groups for rows not seen before.
  Status Intern(const std::vector<ArrayPtr>& keys, std::vector<uint32_t>* group_ids);
  int64_t num_groups() const { return num_groups_; }
  /// Key columns of all groups, in group-id order.
  Result<std::vector<ArrayPtr>> Emit() const;
  int64_t MemorySize() const;

 private:
  // Single-key table slot; group is the id + 1 (0: empty).
  struct ValueSlot {
    uint64_t value;
    uint32_t group;
    uint32_t unused;
  };
  // General table slot: the hash's high half and the group id + 1 (0: empty).
  struct TagSlot {
    uint32_t tag;
    uint32_t group;
  };
  template <typename U>
  void InternSingle(const Array& a, uint32_t* ids);
  void GrowSingle();
  void InternGeneral(const std::vector<ArrayPtr>& keys, int64_t n, uint32_t* ids);
  void GrowGeneral();
  void EncodeRows(const std::vector<ArrayPtr>& keys, int64_t n);

  std::vector<DataTypePtr> key_types_;
  int single_width_ = 0;      // bytes of the single-key path's value, 0 when not used
  bool inline_keys_ = false;  // every normalized key fits 16 bytes
  int fixed_width_ = -1;      // bytes per normalized row when fixed
  int64_t num_groups_ = 0;
  uint64_t mask_ = 0;
  // Single-key path.
  std::vector<ValueSlot> value_slots_;
  int64_t null_group_ = -1;
  // General path.
  std::vector<TagSlot> tag_slots_;
  std::vector<uint64_t> group_hashes_;
  std::vector<uint64_t> group_words_;    // inline keys: two words per group
  std::vector<uint64_t> group_offsets_;  // arena keys: offset, length per group
  std::string arena_;
  // Per-batch scratch.
  std::vector<uint64_t> hashes_;
  std::string rows_;
  std::vector<uint32_t> row_offsets_;
  std::vector<int64_t> new_rows_;
  // Key values of the groups, kept as slices of the input batches' keys.
  std::vector<std::vector<ArrayPtr>> key_chunks_;
};

}  // namespace quiver
