// GroupValues: interns rows of key columns and numbers each distinct row
// (a group) densely from 0. Rows are normalized to bytes; keys of at most 16
// fixed bytes (an Int64 with its null flag, two Int32s, ...) live inline in
// the hash table and compare as two words, longer ones in an arena.
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
  struct Entry {
    uint64_t hash;
    uint64_t key;    // the normalized key's first 8 bytes when inline, else its arena offset
    uint64_t key2;   // the next 8 bytes when inline
    uint32_t group;  // UINT32_MAX marks an empty slot
    uint32_t length; // key length when in the arena
  };
  void EncodeRows(const std::vector<ArrayPtr>& keys, int64_t n);
  void Grow();

  std::vector<DataTypePtr> key_types_;
  bool inline_keys_ = false;  // every key fits 16 bytes
  int fixed_width_ = -1;      // bytes per encoded row when fixed
  std::vector<Entry> table_;
  uint64_t mask_ = 0;
  int64_t num_groups_ = 0;
  std::string arena_;
  // Per-batch scratch.
  std::vector<uint64_t> hashes_;
  std::string rows_;
  std::vector<uint32_t> row_offsets_;
  // Key values of the groups, kept as slices of the input batches' keys.
  std::vector<std::vector<ArrayPtr>> key_chunks_;
};

}  // namespace quiver
