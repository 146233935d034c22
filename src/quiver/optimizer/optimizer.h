// Logical optimizer: rewrites that keep results the same and make plans
// cheaper. Each rule is an OptimizerRule; users can add their own.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quiver/logical/logical_plan.h"

namespace quiver {

class OptimizerRule {
 public:
  virtual ~OptimizerRule() = default;
  virtual std::string name() const = 0;
  virtual Result<LogicalPlanPtr> Rewrite(const LogicalPlanPtr& plan) const = 0;
};
using OptimizerRulePtr = std::shared_ptr<const OptimizerRule>;

/// The built-in rules in the order they run.
std::vector<OptimizerRulePtr> DefaultOptimizerRules();

/// Applies `rules` in order to `plan`.
Result<LogicalPlanPtr> Optimize(const LogicalPlanPtr& plan,
                                const std::vector<OptimizerRulePtr>& rules);

// Built-in rules.
OptimizerRulePtr MakeDecorrelateSubqueriesRule();  // subquery expressions -> joins
OptimizerRulePtr MakeSimplifyFilterLiteralsRule();  // literals folded/narrowed in filters
OptimizerRulePtr MakeSimplifyDisjunctionsRule();   // common terms out of ORs over joins
OptimizerRulePtr MakeReorderCrossJoinsRule();      // comma joins in an order equalities link
OptimizerRulePtr MakePushDownFilterRule();      // filters into scans
OptimizerRulePtr MakePushDownLimitRule();       // LIMIT into Sort (top-k) and scans
OptimizerRulePtr MakePushDownProjectionRule();  // read only the columns used

}  // namespace quiver
