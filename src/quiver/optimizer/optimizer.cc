#include "quiver/optimizer/optimizer.h"

#include "quiver/optimizer/decorrelate_util.h"

namespace quiver {

std::vector<OptimizerRulePtr> DefaultOptimizerRules() {
  return {MakeDecorrelateSubqueriesRule(), MakeSimplifyFilterLiteralsRule(),
          MakeSimplifyDisjunctionsRule(),
          MakeReorderCrossJoinsRule(),     MakePushDownFilterRule(),
          MakePushDownLimitRule(),         MakePushDownProjectionRule()};
}

Result<LogicalPlanPtr> Optimize(const LogicalPlanPtr& plan,
                                const std::vector<OptimizerRulePtr>& rules) {
  QUIVER_RETURN_NOT_OK(CheckAnalyzedPlan(*plan));
  LogicalPlanPtr p = plan;
  for (const auto& r : rules) {
    auto next = r->Rewrite(p);
    if (!next.ok()) return next.status().WithContext("Optimizer rule '" + r->name() + "' failed");
    p = *next;
  }
  return p;
}

}  // namespace quiver
