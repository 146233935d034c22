// Row-group pruning for Parquet scans: evaluates the scan's pushed filters
// against column chunk statistics (min / max / null count) and bloom
// filters. Conservative: anything not understood keeps the row group.
#pragma once

#include <memory>
#include <vector>

#include "quiver/datasource/parquet/file_reader.h"
#include "quiver/logical/expr.h"

namespace quiver {

/// Why a row group was kept or skipped (counts for EXPLAIN).
struct PruningStats {
  int64_t row_groups_total = 0;
  int64_t pruned_by_statistics = 0;
  int64_t pruned_by_bloom_filter = 0;
};

/// True when some row of row group `rg` of `reader` may satisfy every filter.
/// Columns are matched by name against the file's top-level fields.
bool RowGroupMayMatch(parquet::ParquetFileReader& reader, int rg,
                      const std::vector<ExprPtr>& filters, PruningStats* stats);

/// Rows [begin, end) of a row group.
struct RowRange {
  int64_t begin = 0;
  int64_t end = 0;
};

/// The rows of row group `rg` that may satisfy every filter, judged page by
/// page from the page index (column index min / max, offset index) of the
/// filter columns that have one; in order, disjoint. `*pruned_rows` receives
/// the number of rows ruled out.
std::vector<RowRange> RowRangesMayMatch(parquet::ParquetFileReader& reader, int rg,
                                        const std::vector<ExprPtr>& filters, int64_t* pruned_rows);

}  // namespace quiver
