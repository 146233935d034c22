// Row layout of a sorted window input: partitions, peer groups and each
// row's frame, as row positions into rows sorted by (PARTITION BY, ORDER BY).
#pragma once

#include <cstdint>
#include <vector>

#include "quiver/arrow/array.h"
#include "quiver/logical/window_frame.h"

namespace quiver {

struct WindowLayout {
  int64_t num_rows = 0;
  /// Partition p holds rows [partition_offsets[p], partition_offsets[p + 1]).
  std::vector<int64_t> partition_offsets;
  std::vector<int64_t> partition_of;  // partition index of each row
  /// Each row's peer group [peer_start, peer_end) (equal ORDER BY keys).
  std::vector<int64_t> peer_start, peer_end;
};

/// Builds the layout from sorted partition keys and sorted order keys.
Result<WindowLayout> MakeWindowLayout(int64_t num_rows, const std::vector<ArrayPtr>& partition_keys,
                                      const std::vector<ArrayPtr>& order_keys);

/// Each row's frame [start, end) (clamped to its partition; start == end
/// when empty). `range_key` is the single sorted ORDER BY key, needed only
/// for RANGE frames with offsets.
Status ComputeFrames(const WindowFrame& frame, bool has_order_by, const WindowLayout& layout,
                     const ArrayPtr& range_key, bool descending, std::vector<int64_t>* start,
                     std::vector<int64_t>* end);

}  // namespace quiver
