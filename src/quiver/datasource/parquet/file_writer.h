// Writing Arrow record batches as Parquet files. The file appears
// atomically: bytes go to a temporary file next to the target, renamed over
// it only when Close succeeds; any failure leaves nothing behind.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "quiver/arrow/record_batch.h"
#include "quiver/datasource/parquet/column_writer.h"

namespace quiver::parquet {

struct ParquetWriteOptions {
  ColumnWriteOptions column;
  /// Rows per row group (the last one may be smaller).
  int64_t max_row_group_rows = 1024 * 1024;
  /// Write the column and offset indexes (the page index).
  bool write_page_index = true;
  std::string created_by = "quiver";
  /// Options of single leaf columns, by dotted path ("a", "s.x"), replacing
  /// `column` for them.
  std::map<std::string, ColumnWriteOptions> columns;
  /// Key/value metadata for the footer (after the Arrow schema's own).
  std::vector<std::pair<std::string, std::string>> metadata;
};

/// Applies one `key value` option as COPY ... OPTIONS give it ("compression"
/// 'zstd(3)', "max_row_group_size", "data_pagesize_limit",
/// "dictionary_enabled", "statistics_enabled", "bloom_filter_enabled",
/// "bloom_filter_fpp", "dictionary_page_size_limit", "write_page_index",
/// "encoding", and tuning keys DataFusion accepts that do not change what
/// is written; a "format." prefix is ignored). Unknown keys are an error.
Status SetWriteOption(const std::string& key, const std::string& value,
                      ParquetWriteOptions* options);

class ParquetFileWriter {
 public:
  static Result<std::unique_ptr<ParquetFileWriter>> Open(const std::string& path,
                                                         const SchemaPtr& schema,
                                                         const ParquetWriteOptions& options = {});
  ~ParquetFileWriter();  // removes the temporary file unless Close succeeded

  /// Buffers `batch` (its schema must match), writing full row groups.
  Status Write(const RecordBatch& batch);
  /// Writes the rest, the page index and the footer, then renames the file.
  Status Close();
  int64_t rows_written() const;

  struct Impl;

 private:
  explicit ParquetFileWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Writes `batches` (all of `schema`) to `path`.
Status WriteParquetFile(const std::string& path, const SchemaPtr& schema,
                        const std::vector<RecordBatchPtr>& batches,
                        const ParquetWriteOptions& options = {});

}  // namespace quiver::parquet
