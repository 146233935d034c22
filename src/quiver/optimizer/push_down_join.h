// Internal: filter push-down and column pruning through joins and unions,
// used by the rules in push_down_rules.cc.
#pragma once

#include <functional>

#include "quiver/logical/logical_plan.h"

namespace quiver {

using PlanRewriteFn = std::function<Result<LogicalPlanPtr>(const LogicalPlanPtr&)>;

/// True for a Filter over a join, or a join whose own filter has terms to push.
bool CanPushThroughJoin(const LogicalPlan& p);
/// Moves filter terms below a join where that keeps results the same (both
/// sides of inner joins, only the preserved side of outer joins), turns
/// equalities across the sides of inner/cross joins into join keys, and
/// applies `push_below` to the filters it creates under the join.
Result<LogicalPlanPtr> PushFilterThroughJoin(const LogicalPlanPtr& p,
                                             const PlanRewriteFn& push_below);

/// For column pruning: the columns each input of a join or union must keep
/// when the parent needs `required`.
std::vector<std::vector<Column>> JoinInputsRequired(const LogicalPlan& p,
                                                    const std::vector<Column>& required);

}  // namespace quiver
