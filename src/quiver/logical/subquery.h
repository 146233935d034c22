// Subquery expressions (scalar, EXISTS, IN / op ANY) and outer column
// references of correlated subqueries, plus helpers the decorrelation rule
// uses to find them.
#pragma once

#include "quiver/logical/expr.h"

namespace quiver {

/// `(SELECT ...)` used as a value: the plan's only column.
ExprPtr ScalarSubquery(LogicalPlanPtr plan);
/// `[NOT] EXISTS (SELECT ...)`.
ExprPtr Exists(LogicalPlanPtr plan, bool negated);
/// `expr [NOT] IN (SELECT ...)` for op == kEq, else `expr op ANY (SELECT ...)`
/// (negated: NOT of that). The plan has one column.
ExprPtr InSubquery(ExprPtr expr, LogicalPlanPtr plan, bool negated, Operator op = Operator::kEq);
/// A column of an enclosing query, seen from inside a subquery.
ExprPtr OuterRef(Column column, DataTypePtr type);

/// True for the three subquery expression kinds.
bool IsSubqueryExpr(const Expr& e);
/// Whether `e` contains a subquery expression (not looking into their plans).
bool HasSubquery(const ExprPtr& e);
/// Whether `e` contains an outer reference, also inside nested subquery plans.
bool HasOuterRef(const ExprPtr& e);
/// Whether any expression of any node of `plan` holds an outer reference.
bool PlanHasOuterRefs(const LogicalPlan& plan);
/// Every expression held by one plan node (not its inputs).
std::vector<ExprPtr> NodeExprs(const LogicalPlan& plan);

}  // namespace quiver
