// Internal helpers shared by the subquery and LATERAL decorrelation.
#pragma once

#include <utility>
#include <vector>

#include "quiver/logical/logical_plan.h"

namespace quiver {

/// CASE WHEN w1 THEN t1 ... ELSE otherwise END (no ELSE when null).
ExprPtr CaseWhen(std::vector<std::pair<ExprPtr, ExprPtr>> branches, ExprPtr otherwise);
/// The value output `column` of an ungrouped aggregate subquery takes for no
/// input rows, when that may not be NULL (count(*) gives 0); null otherwise.
Result<ExprPtr> EmptyInputValue(const LogicalPlanPtr& sub, int column = 0);

/// Whether `p` yields at most one row whatever its correlated predicates say
/// (then a correlated scalar subquery needs no aggregate).
bool AtMostOneRow(const LogicalPlan& p);
/// DataFusion's analyzer checks of subqueries, run before the optimizer
/// rules (errors read "check_analyzed_plan\ncaused by\n...").
Status CheckAnalyzedPlan(const LogicalPlan& plan);

/// Rewrites subquery expressions in `e` into shapes decorrelation handles
/// (sorts dropped, EXISTS of one row, EXISTS / IN over UNION ALL split).
Result<ExprPtr> SimplifySubqueries(const ExprPtr& e);

/// Whether the right input of a join reads columns of its left (LATERAL).
bool IsLateralJoin(const LogicalPlan& p);
/// FROM t, LATERAL (q) as a join on q's correlated predicates.
Result<LogicalPlanPtr> DecorrelateLateral(const LogicalPlanPtr& p);

}  // namespace quiver
