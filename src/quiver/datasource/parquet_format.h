// Parquet as a FileFormat: the schema from the footer, and a scan whose
// morsels are row groups.
#pragma once

#include "quiver/datasource/file_format.h"

namespace quiver {

class ParquetFormat : public FileFormat {
 public:
  std::string name() const override { return "parquet"; }
  std::string extension() const override { return ".parquet"; }
  Result<SchemaPtr> InferSchema(const std::vector<FileInfo>& files) override;
  Result<ExecutionPlanPtr> CreateScan(const std::vector<FileInfo>& files, const SchemaPtr& schema,
                                      const ScanArgs& args) override;
};

}  // namespace quiver
