#include "quiver/execution/view_table.h"

#include "quiver/optimizer/optimizer.h"
#include "quiver/physical/physical_planner.h"

namespace quiver {

Result<ExecutionPlanPtr> ViewTable::Scan(const ScanArgs& args) {
  LogicalPlanPtr plan = plan_;
  if (args.projection) {
    std::vector<ExprPtr> cols;
    for (int i : *args.projection) cols.push_back(Col(plan->schema->column(i)));
    QUIVER_ASSIGN_OR_RAISE(plan, MakeProjection(plan, std::move(cols)));
  }
  QUIVER_ASSIGN_OR_RAISE(plan, Optimize(plan, DefaultOptimizerRules()));
  return CreatePhysicalPlan(plan, *args.config);
}

}  // namespace quiver
