// Planning-time work on literals so that expressions do it once instead of
// once per batch: constant sub-expressions become literals, and a number
// compared with a literal of another numeric type keeps its own type when the
// literal converts to it exactly (`l_quantity < 24` compares Decimal(15,2)
// values with 24.00 instead of casting every row to Decimal(22,2)).
#pragma once

#include "quiver/logical/type_coercion.h"
#include "quiver/physical/physical_expr.h"

namespace quiver {

/// Whether `e` is a LiteralExpr.
bool IsLiteral(const PhysicalExprPtr& e);

/// `e` (whose inputs are all literals) evaluated once into a literal; `e`
/// itself when evaluation fails, so that the error still happens per row.
PhysicalExprPtr FoldToLiteral(PhysicalExprPtr e);

/// For `left op right` comparisons where one side is a numeric literal and
/// the other an integer or Decimal128 expression that `types` would widen:
/// when the literal is exactly representable in that side's type, replaces
/// the literal and sets both operand types to that type. Keeps semantics:
/// the widening is lossless and order-preserving, and the literal round-trips.
void NarrowComparisonOperands(PhysicalExprPtr* left, PhysicalExprPtr* right, BinaryTypes* types);

}  // namespace quiver
