// Which window's sort order the rows of a window node follow. DataFusion
// plans one window operator per distinct (PARTITION BY, ORDER BY), each
// after a sort; queries without ORDER BY see the order of the last one.
// Our WindowExec evaluates them all at once and then emits its rows in that
// order, so LIMIT without ORDER BY picks the same rows.
#pragma once

#include <vector>

#include "quiver/logical/expr.h"

namespace quiver {

struct WindowSortKey {
  std::vector<ExprPtr> partition_by;
  std::vector<SortExpr> order_by;
  /// Every function of the window gives the same results over the reversed
  /// order with the reversed frame (aggregates, lag/lead, first/last_value),
  /// so a reverse-sorted input serves it without another sort.
  bool reversible = false;
};

/// The index of the key whose order the output follows.
int WindowOutputKey(const std::vector<WindowSortKey>& keys, const DFSchema& input);

/// Whether a window function call (logical kWindowFunction) is reversible.
bool IsReversibleWindowExpr(const Expr& e);

}  // namespace quiver
