// Streams one row group as record batches: the projected column chunks are
// fetched with a few coalesced reads, then their pages are decoded a batch
// at a time so that decoded values are consumed while still in cache.
#pragma once

#include <memory>
#include <vector>

#include "quiver/arrow/record_batch.h"
#include "quiver/datasource/parquet/column_reader.h"
#include "quiver/datasource/parquet/file_reader.h"

namespace quiver::parquet {

/// Byte ranges closer than this are fetched as one read.
constexpr int64_t kCoalesceHoleBytes = int64_t{1} << 20;
/// Coalesced reads stop growing at this size.
constexpr int64_t kCoalesceMaxBytes = int64_t{64} << 20;

struct ReadRange {
  int64_t offset = 0;
  int64_t length = 0;
};

/// Merges `ranges` (any order) into few large reads: ranges separated by at
/// most `hole` bytes join while the read stays within `max_read` bytes.
std::vector<ReadRange> CoalesceRanges(std::vector<ReadRange> ranges, int64_t hole,
                                      int64_t max_read);

class RowGroupBatchReader {
 public:
  /// Opens row group `rg` of `reader` for the top-level fields `columns`
  /// (indices into reader->schema()), positioned at row `row_begin`. Rows
  /// from `row_end` on (< 0: the group's end) are never read: with an offset
  /// index only the dictionary page and the data pages holding
  /// [row_begin, row_end) are fetched.
  static Result<std::unique_ptr<RowGroupBatchReader>> Open(
      std::shared_ptr<ParquetFileReader> reader, int rg, const std::vector<int>& columns,
      int64_t row_begin = 0, int64_t row_end = -1);
  ~RowGroupBatchReader();

  /// The next batch of at most `max_rows` rows; null at the end. A batch
  /// ends early where a byte array column would pass max_column_bytes.
  Result<RecordBatchPtr> Next(int64_t max_rows);
  /// The most bytes of byte array values one column of a batch from Next
  /// holds, unless a single row has more (default: what 32-bit offsets
  /// address, so a row group of over 2 GB of strings reads in several batches).
  void set_max_column_bytes(int64_t bytes) { max_column_bytes_ = bytes; }

  // Late materialization: a step covers the next `n` rows (n <= rows_left());
  // it reads some columns, then reads or skips the others, then Advance(n).
  // Columns are positions in `columns` of Open and must be distinct.

  /// The next `n` rows of the columns at positions `which`.
  Result<std::vector<ArrayPtr>> NextColumns(int64_t n, const std::vector<int>& which);
  /// Moves the columns at positions `which` past the next `n` rows.
  Status SkipColumns(int64_t n, const std::vector<int>& which);
  /// Ends a step of `n` rows.
  void Advance(int64_t n) { rows_left_ -= n; }
  /// Moves every column past the next `n` rows (a whole step).
  Status Skip(int64_t n);
  int64_t rows_left() const { return rows_left_; }
  /// Number of reads issued for the column chunks (for tests).
  int64_t num_reads() const { return num_reads_; }
  /// Bytes those reads fetched.
  int64_t bytes_read() const { return bytes_read_; }

 private:
  RowGroupBatchReader() = default;

  std::shared_ptr<ParquetFileReader> reader_;
  std::vector<int> columns_;
  SchemaPtr schema_;
  std::vector<int> leaves_;                                  // leaf indices in use
  std::vector<std::vector<int>> column_leaves_;              // per position in columns_
  std::vector<std::unique_ptr<ColumnChunkStream>> streams_;  // by leaf index
  int64_t rows_left_ = 0;
  int64_t max_column_bytes_ = INT32_MAX;
  int64_t num_reads_ = 0;
  int64_t bytes_read_ = 0;
};

}  // namespace quiver::parquet
