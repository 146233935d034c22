// LogicalPlan -> ExecutionPlan.
#pragma once

#include "quiver/common/config.h"
#include "quiver/logical/logical_plan.h"
#include "quiver/physical/execution_plan.h"

namespace quiver {

Result<ExecutionPlanPtr> CreatePhysicalPlan(const LogicalPlanPtr& plan, const ConfigOptions& config);

}  // namespace quiver
