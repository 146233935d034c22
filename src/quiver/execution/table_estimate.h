// Table sizes for join ordering, read from TableProvider statistics.
#pragma once

#include "quiver/optimizer/join_order.h"

namespace quiver {

/// The row count and per-column distinct values of a TableProvider's
/// statistics (distinct counts, or integer / date min-max ranges); nullopt
/// for other sources or an unknown row count.
std::optional<TableEstimate> EstimateTableSource(const TableSource& table);

}  // namespace quiver
