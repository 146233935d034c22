// Which inputs an expression's columns come from, for rules that place
// predicates on one side of a join or disjunction.
#pragma once

#include "quiver/logical/expr.h"

namespace quiver {

/// True when `e` references at least one column and every one is in `s`.
bool ColumnsWithin(const ExprPtr& e, const DFSchema& s);

}  // namespace quiver
