// SUM(x + k) over a narrow integer x widened to Int64 and an integer
// literal k, computed as SUM(x) + k * COUNT(x): the per-row addition (and
// its output array) disappears, and the widened x is shared by every such
// aggregate (ClickBench c29 sums ResolutionWidth + 0..89). Exact: x + k
// cannot overflow Int64 for these operand ranges, and Int64 sums wrap.
#pragma once

#include <memory>
#include <optional>

#include "quiver/logical/udf.h"
#include "quiver/physical/physical_expr.h"

namespace quiver {

struct SumOffset {
  PhysicalExprPtr base;  // the widened x
  int64_t offset = 0;    // k (negated for x - k)
};

/// The rewrite of `sum(arg)` when `arg` has that shape, else nothing.
std::optional<SumOffset> MatchSumOffset(const AggregateUDF& fn, bool distinct,
                                        const AggregateArgs& args, const PhysicalExprPtr& arg);

/// Accumulates `base` values and reports sum + offset * count per group; its
/// state is the plain Int64 sum (with the offsets), so partial states merge
/// like sum's.
std::unique_ptr<GroupsAccumulator> MakeSumOffsetAccumulator(int64_t offset);

/// Gives `to` the sums and counts of x that `from` accumulated (both made by
/// MakeSumOffsetAccumulator over the same x), so that SUM(x + 1), SUM(x + 2)
/// ... read x once: only `from` sees the rows.
void CopySumOffsetInputs(const GroupsAccumulator& from, GroupsAccumulator* to);

}  // namespace quiver
