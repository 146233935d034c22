// Avro object container files as a FileFormat: the schema from the file
// headers (merged across files), and a scan whose morsels are runs of blocks.
#pragma once

#include "quiver/datasource/file_format.h"

namespace quiver {

class AvroFormat : public FileFormat {
 public:
  std::string name() const override { return "avro"; }
  std::string extension() const override { return ".avro"; }
  Result<SchemaPtr> InferSchema(const std::vector<FileInfo>& files) override;
  /// Columns are matched by name; a column a file lacks reads as nulls and a
  /// file type other than the table's is cast to it.
  Result<ExecutionPlanPtr> CreateScan(const std::vector<FileInfo>& files, const SchemaPtr& schema,
                                      const ScanArgs& args) override;
};

}  // namespace quiver
