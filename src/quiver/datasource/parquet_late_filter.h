// Late materialization for Parquet scans: the pushed-down filters are
// evaluated on their own columns first; the other columns are decoded only
// for batches where some row survives (whole pages of skipped rows are never
// decoded), and the scan returns only surviving rows.
#pragma once

#include <memory>
#include <vector>

#include "quiver/datasource/parquet/row_group_reader.h"
#include "quiver/logical/expr.h"
#include "quiver/physical/physical_expr.h"

namespace quiver {

struct LateFilter {
  PhysicalExprPtr predicate;  // over filter_schema
  SchemaPtr filter_schema;
  std::vector<int> filter_pos;  // positions of the filter columns in the output
  std::vector<int> other_pos;   // the remaining output positions
};

/// The late filter for a scan producing `output`, or null when it does not
/// apply (no filters, a filter on a column not in `output`, nothing left to
/// decode late, or a filter that does not compile).
std::shared_ptr<const LateFilter> MakeLateFilter(const std::vector<ExprPtr>& filters,
                                                 const SchemaPtr& output);

/// The next batch of surviving rows (at most `max_rows` rows read per step),
/// reading no further than where `stop_left` rows of the row group remain;
/// null when that point is reached.
Result<RecordBatchPtr> NextFiltered(parquet::RowGroupBatchReader& rows, const LateFilter& filter,
                                    const SchemaPtr& output, int64_t max_rows,
                                    int64_t stop_left = 0);

}  // namespace quiver
