// Runs an ExecutionPlan on the worker pool: pipelines bottom-up, each as one
// task per input partition (morsel), breakers finalized between them.
#pragma once

#include <vector>

#include "quiver/physical/execution_plan.h"

namespace quiver {

/// Executes the plan and returns all output batches in partition order.
Result<std::vector<RecordBatchPtr>> ExecuteCollect(const ExecutionPlanPtr& plan,
                                                   const TaskContextPtr& ctx);

/// Drives every breaker below and including `plan` to completion, so that
/// `plan` can then be executed partition by partition without waiting.
Status PreparePipelines(const ExecutionPlanPtr& plan, const TaskContextPtr& ctx);

}  // namespace quiver
