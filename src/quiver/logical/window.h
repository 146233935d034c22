// Window functions in logical plans: the window call expression and the
// Window plan node, which appends one column per window expression to its
// input's columns (named by the expression's display form).
#pragma once

#include "quiver/logical/logical_plan.h"

namespace quiver {

/// `fn(args) [FILTER ..] OVER (PARTITION BY .. ORDER BY .. frame)`; exactly one
/// of `window_fn` / `aggregate_fn` is set. `frame` must already be resolved
/// (WindowFrame::Default when none was written).
ExprPtr WindowCall(WindowUDFPtr window_fn, AggregateUDFPtr aggregate_fn, std::vector<ExprPtr> args,
                   std::vector<ExprPtr> partition_by, std::vector<SortExpr> order_by,
                   WindowFrame frame, ExprPtr filter = nullptr, bool distinct = false,
                   bool ignore_nulls = false);

/// DataFusion's display: `sum(t.a) PARTITION BY [t.b] ORDER BY [t.c ASC NULLS LAST]
/// ROWS BETWEEN 1 PRECEDING AND CURRENT ROW`.
std::string WindowExprToString(const Expr& e);

/// A Window node over `input` computing `window_exprs` (kWindowFunction,
/// possibly aliased).
Result<LogicalPlanPtr> MakeWindow(LogicalPlanPtr input, std::vector<ExprPtr> window_exprs);

/// "WindowAggr: windowExpr=[[...]]".
std::string WindowNodeToString(const LogicalPlan& plan);

}  // namespace quiver
