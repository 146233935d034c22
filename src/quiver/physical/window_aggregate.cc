#include "quiver/physical/window_aggregate.h"

#include <algorithm>
#include <bit>

#include "quiver/arrow/builder.h"
#include "quiver/physical/distinct_accumulator.h"

namespace quiver {

namespace {

Result<std::unique_ptr<GroupsAccumulator>> NewAccumulator(const FrameAggregateInput& in) {
  QUIVER_ASSIGN_OR_RAISE(auto acc, in.fn->CreateAccumulator(in.args));
  if (in.args.distinct) acc = MakeDistinctAccumulator(std::move(acc), in.args.input_types);
  return acc;
}

Result<ArrayPtr> IndexArray(const std::vector<uint32_t>& v) { return ArrayFromVector(uint32(), v); }

// Rows processed per final accumulator, bounding the gathered states.
constexpr int64_t kChunkRows = 1 << 15;

}  // namespace

Result<ArrayPtr> AggregateOverFrames(const FrameAggregateInput& in) {
  const int64_t n = in.num_rows;
  if (n > static_cast<int64_t>(UINT32_MAX)) {
    return Status::NotImplemented("window partitions of more than 2^32 rows");
  }
  const BooleanArray* filter =
      in.filter ? static_cast<const BooleanArray*>(in.filter.get()) : nullptr;
  if (!in.frame_start) {
    // Whole partitions: one group per partition, then spread to the rows.
    QUIVER_ASSIGN_OR_RAISE(auto acc, NewAccumulator(in));
    std::vector<uint32_t> ids(n);
    for (int64_t i = 0; i < n; ++i) ids[i] = static_cast<uint32_t>((*in.partition_of)[i]);
    QUIVER_RETURN_NOT_OK(acc->Update(in.values, ids.data(), filter, in.num_partitions));
    QUIVER_ASSIGN_OR_RAISE(auto per_part, acc->Evaluate());
    QUIVER_ASSIGN_OR_RAISE(auto idx, IndexArray(ids));
    return compute::Take(per_part, *idx);
  }

  // Level L holds the state of rows [k * 2^L, (k + 1) * 2^L) as group k.
  int64_t longest = 1;
  for (int64_t i = 0; i < n; ++i) longest = std::max(longest, in.frame_end[i] - in.frame_start[i]);
  const int levels = std::bit_width(static_cast<uint64_t>(longest));
  std::vector<std::vector<ArrayPtr>> states(levels);
  {
    std::vector<uint32_t> ids(n);
    for (int L = 0; L < levels; ++L) {
      for (int64_t i = 0; i < n; ++i) ids[i] = static_cast<uint32_t>(i >> L);
      QUIVER_ASSIGN_OR_RAISE(auto acc, NewAccumulator(in));
      int64_t groups = (n + (int64_t{1} << L) - 1) >> L;
      QUIVER_RETURN_NOT_OK(acc->Update(in.values, ids.data(), filter, groups));
      QUIVER_ASSIGN_OR_RAISE(states[L], acc->State());
    }
  }

  std::vector<ArrayPtr> pieces;
  std::vector<std::vector<uint32_t>> nodes(levels), targets(levels);
  for (int64_t c0 = 0; c0 < n; c0 += kChunkRows) {
    const int64_t c1 = std::min(n, c0 + kChunkRows);
    for (int L = 0; L < levels; ++L) {
      nodes[L].clear();
      targets[L].clear();
    }
    for (int64_t i = c0; i < c1; ++i) {
      int64_t lo = in.frame_start[i], hi = in.frame_end[i];
      while (lo < hi) {
        // The largest aligned block starting at lo that fits in [lo, hi).
        int L = lo == 0 ? levels - 1
                        : std::min<int>(std::countr_zero(static_cast<uint64_t>(lo)), levels - 1);
        while ((int64_t{1} << L) > hi - lo) --L;
        nodes[L].push_back(static_cast<uint32_t>(lo >> L));
        targets[L].push_back(static_cast<uint32_t>(i - c0));
        lo += int64_t{1} << L;
      }
    }
    QUIVER_ASSIGN_OR_RAISE(auto acc, NewAccumulator(in));
    // Sizes the accumulator even when no row has a non-empty frame.
    QUIVER_RETURN_NOT_OK(acc->Merge({}, nullptr, c1 - c0));
    for (int L = 0; L < levels; ++L) {
      if (nodes[L].empty()) continue;
      QUIVER_ASSIGN_OR_RAISE(auto idx, IndexArray(nodes[L]));
      std::vector<ArrayPtr> taken;
      for (const auto& s : states[L]) {
        QUIVER_ASSIGN_OR_RAISE(auto t, compute::Take(s, *idx));
        taken.push_back(std::move(t));
      }
      QUIVER_RETURN_NOT_OK(acc->Merge(taken, targets[L].data(), c1 - c0));
    }
    QUIVER_ASSIGN_OR_RAISE(auto part, acc->Evaluate());
    pieces.push_back(std::move(part));
  }
  if (pieces.empty()) {
    QUIVER_ASSIGN_OR_RAISE(auto acc, NewAccumulator(in));
    return acc->Evaluate();
  }
  if (pieces.size() == 1) return pieces[0];
  return compute::Concatenate(pieces);
}

}  // namespace quiver
