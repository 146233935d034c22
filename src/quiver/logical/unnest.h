// UNNEST in logical plans: the Unnest node turns each input row into as many
// rows as its longest unnested list (zip semantics: shorter lists pad with
// NULL; a row whose lists are all NULL or empty disappears). Other columns
// repeat. The SQL planner brings unnest(...) calls into this shape.
#pragma once

#include "quiver/logical/logical_plan.h"

namespace quiver {

/// Unnests the list columns `columns` (indices into input's schema); each
/// keeps its name and qualifier and becomes its element type. The indices
/// are stored in LogicalPlan::exprs as column expressions.
Result<LogicalPlanPtr> MakeUnnest(LogicalPlanPtr input, std::vector<int> columns);

/// Indices of the unnested columns of an Unnest node.
std::vector<int> UnnestColumns(const LogicalPlan& plan);

/// "Unnest: lists[t.a, t.b]".
std::string UnnestNodeToString(const LogicalPlan& plan);

/// Name of the function the planner uses as a placeholder for unnest(x).
inline constexpr const char* kUnnestFunctionName = "unnest";

class FunctionRegistry;

/// If the Projection `plan` calls unnest(x), rewrites it to
/// Projection(Unnest(Projection(input + x))) (repeatedly for nested calls);
/// unnest of a struct as a whole select item becomes one column per field.
/// Returns `plan` unchanged otherwise.
Result<LogicalPlanPtr> RewriteUnnest(LogicalPlanPtr plan, const FunctionRegistry& registry);

}  // namespace quiver
