// Any aggregate function evaluated over window frames through its
// GroupsAccumulator (Update, State, Merge, Evaluate), so user aggregates
// work as window functions without extra code.
#pragma once

#include <vector>

#include "quiver/logical/udf.h"

namespace quiver {

struct FrameAggregateInput {
  const AggregateUDF* fn = nullptr;
  AggregateArgs args;
  std::vector<ArrayPtr> values;  // sorted argument values
  ArrayPtr filter;               // sorted FILTER mask (Boolean) or null
  int64_t num_rows = 0;
  const std::vector<int64_t>* partition_of = nullptr;  // partition index per row
  int64_t num_partitions = 0;
  const int64_t* frame_start = nullptr;  // null when every frame is the whole partition
  const int64_t* frame_end = nullptr;
};

/// The aggregate of every row's frame (in sorted row order). Whole
/// partitions take one accumulator pass; other frames are assembled from
/// the merged states of power-of-two row blocks (a segment tree), so each
/// row costs O(log frame size) merges whatever the frame shape.
Result<ArrayPtr> AggregateOverFrames(const FrameAggregateInput& in);

}  // namespace quiver
