// Reading Parquet files into Arrow record batches.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quiver/arrow/record_batch.h"
#include "quiver/datasource/parquet/arrow_schema.h"
#include "quiver/datasource/parquet/metadata.h"
#include "quiver/datasource/parquet/source.h"

namespace quiver::parquet {

/// How a file's columns map to Arrow types.
struct ParquetReadOptions {
  /// The unit legacy INT96 timestamps read as. Nanoseconds (DataFusion's
  /// default) cover the years 1677-2262; other values are an error there, and
  /// Spark writes wider ranges, so coarser units read them whole.
  quiver::TimeUnit int96_unit = quiver::TimeUnit::kNanosecond;
};

class ParquetFileReader {
 public:
  ParquetFileReader(std::shared_ptr<RandomAccessSource> source,
                    std::shared_ptr<const FileMetaData> metadata,
                    std::shared_ptr<const SchemaPlan> plan)
      : source_(std::move(source)), metadata_(std::move(metadata)), plan_(std::move(plan)) {}

  /// The Arrow schema of the whole file.
  const SchemaPtr& schema() const { return plan_->schema; }
  const FileMetaData& metadata() const { return *metadata_; }
  const SchemaPlan& schema_plan() const { return *plan_; }
  RandomAccessSource& source() const { return *source_; }
  int num_row_groups() const { return static_cast<int>(metadata_->row_groups.size()); }
  int64_t num_rows() const { return metadata_->num_rows; }

  /// Reads row group `i`; `columns` are indices of top-level schema fields
  /// (empty: all). The batch schema holds only the chosen fields.
  Result<RecordBatchPtr> ReadRowGroup(int i, const std::vector<int>& columns = {});
  /// Reads the whole file as batches of at most `batch_size` rows.
  Result<std::vector<RecordBatchPtr>> ReadAll(const std::vector<int>& columns = {},
                                              int64_t batch_size = kDefaultBatchSize);

 private:
  std::shared_ptr<RandomAccessSource> source_;
  std::shared_ptr<const FileMetaData> metadata_;
  std::shared_ptr<const SchemaPlan> plan_;
};

Result<std::shared_ptr<ParquetFileReader>> OpenParquetFile(
    std::shared_ptr<RandomAccessSource> source, const ParquetReadOptions& options = {});
Result<std::shared_ptr<ParquetFileReader>> OpenParquetFile(
    const std::string& path, const ParquetReadOptions& options = {});

}  // namespace quiver::parquet
