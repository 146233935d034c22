// Statistics of a Parquet scan from the footers alone: exact row counts,
// null counts and min / max per column where every row group's column chunk
// records them (columns a file lacks count as nulls there).
#pragma once

#include <memory>
#include <vector>

#include "quiver/datasource/parquet/file_reader.h"
#include "quiver/physical/statistics.h"

namespace quiver {

/// Rows [begin, end) of one row group (end < 0: to its end).
struct RowGroupPart {
  std::shared_ptr<parquet::ParquetFileReader> reader;
  int row_group = 0;
  int64_t begin = 0;
  int64_t end = -1;
};

/// Statistics of the rows of `parts` as columns of `output` (matched by name
/// against each file; cast when the file's type differs).
Statistics ParquetStatistics(const std::vector<RowGroupPart>& parts, const SchemaPtr& output);

}  // namespace quiver
