// Parquet as a FileFormat: the schema from the footer, and a scan whose
// morsels are row groups.
#pragma once

#include "quiver/datasource/file_format.h"
#include "quiver/datasource/parquet/file_reader.h"
#include "quiver/datasource/parquet/file_writer.h"

namespace quiver {

class ParquetFormat : public FileFormat {
 public:
  explicit ParquetFormat(parquet::ParquetWriteOptions write_options = {},
                         parquet::ParquetReadOptions read_options = {})
      : write_options_(std::move(write_options)), read_options_(read_options) {}
  std::string name() const override { return "parquet"; }
  std::string extension() const override { return ".parquet"; }
  Result<SchemaPtr> InferSchema(const std::vector<FileInfo>& files) override;
  Result<ExecutionPlanPtr> CreateScan(const std::vector<FileInfo>& files, const SchemaPtr& schema,
                                      const ScanArgs& args) override;
  Status WriteFile(const std::string& path, const SchemaPtr& schema,
                   const std::vector<RecordBatchPtr>& batches) const override;

 private:
  parquet::ParquetWriteOptions write_options_;
  parquet::ParquetReadOptions read_options_;
};

/// "parquet" (.parquet): options are the writer's (parquet::SetWriteOption)
/// plus the reader's pruning switches and coerce_int96 (ns, us, ms or s: the
/// unit legacy INT96 timestamps read as).
class ParquetFormatFactory : public FileFormatFactory {
 public:
  std::string name() const override { return "parquet"; }
  std::vector<std::string> extensions() const override { return {".parquet"}; }
  Result<FileFormatPtr> Create(const FormatOptions& options,
                               const ConfigOptions& config) const override;
};

}  // namespace quiver
