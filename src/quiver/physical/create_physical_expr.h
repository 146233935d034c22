// Logical -> physical expressions. Type coercion happens here: operands of
// binary operators, CASE branches, IN lists and function arguments are cast
// to the types the coercion rules choose, so any logical expression that
// passes type checking runs.
#pragma once

#include "quiver/logical/expr.h"
#include "quiver/physical/physical_expr.h"

namespace quiver {

Result<PhysicalExprPtr> CreatePhysicalExpr(const ExprPtr& expr, const DFSchema& input_schema);

/// Wraps `e` in a cast when its type differs from `to`.
PhysicalExprPtr CastIfNeeded(PhysicalExprPtr e, const DataTypePtr& to);

}  // namespace quiver
