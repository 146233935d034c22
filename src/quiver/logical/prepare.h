// Prepared statements in the logical plan: placeholders ($1, $2, ...), their
// types, the Prepare / Execute nodes, and binding values to placeholders.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "quiver/logical/logical_plan.h"

namespace quiver {

/// The 1-based position of placeholder `$n`; a Plan error for `$foo` or `$0`.
Result<int> PlaceholderIndex(const std::string& name);

/// A placeholder expression; `type` may be null (not known yet).
ExprPtr MakePlaceholder(std::string name, DataTypePtr type);

/// Gives untyped placeholder operands of `e` the type of the expression they
/// meet (`a = $1`, `$1 + a`, `a BETWEEN $1 AND $2`, `a IN ($1)`, `a LIKE $1`).
/// Looks at direct children only: callers apply it as they build the tree.
ExprPtr InferPlaceholderTypes(const ExprPtr& e, const DFSchema& schema);

/// PREPARE name(types) AS input: same output schema as `input`.
LogicalPlanPtr MakePrepare(std::string name, std::vector<DataTypePtr> types, LogicalPlanPtr input);
/// EXECUTE name(args): no output columns of its own.
LogicalPlanPtr MakeExecute(std::string name, std::vector<ExprPtr> args);
/// `Prepare: "name" [Int32, Utf8]` / `Execute: "name" [Int64(1)]`.
std::string PrepareNodeToString(const LogicalPlan& p);

/// Every placeholder of `plan` (subqueries included): index -> type (null
/// when unknown). Conflicting inferred types keep the first.
Status CollectPlaceholders(const LogicalPlanPtr& plan, std::map<int, DataTypePtr>* out);

/// Replaces every `$i` in `plan` with `values[i-1]` (cast to the
/// placeholder's type when it has one) and recomputes the schemas; output
/// column names stay as they were (`SELECT $1` still names its column `$1`).
/// A Prepare root is removed after checking the values against its declared
/// types (count, then exact types).
Result<LogicalPlanPtr> BindParamValues(const LogicalPlanPtr& plan,
                                       const std::vector<ScalarValue>& values);

}  // namespace quiver
