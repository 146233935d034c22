// Answers an aggregate from statistics instead of running it: count(*),
// count(col), min(col) and max(col) without GROUP BY, DISTINCT or FILTER,
// over an input whose statistics hold those values exactly (a Parquet scan
// without filters reads them from the footers; a memory table knows its rows).
#pragma once

#include "quiver/logical/logical_plan.h"
#include "quiver/physical/execution_plan.h"

namespace quiver {

/// The one-row plan answering `aggregate` (a logical Aggregate over the
/// already planned `input`), or null when the statistics do not suffice.
Result<ExecutionPlanPtr> AggregateFromStatistics(const LogicalPlan& aggregate,
                                                 const ExecutionPlanPtr& input);

}  // namespace quiver
