// CSV as a FileFormat: schema inference across files and a scan whose
// morsels are byte ranges of the files.
#pragma once

#include "quiver/datasource/csv/csv_reader.h"
#include "quiver/datasource/file_format.h"

namespace quiver {

class CsvFormat : public FileFormat {
 public:
  explicit CsvFormat(csv::CsvReadOptions options = {}) : options_(std::move(options)) {}
  std::string name() const override { return "csv"; }
  std::string extension() const override { return options_.file_extension; }
  Result<SchemaPtr> InferSchema(const std::vector<FileInfo>& files) override;
  Result<ExecutionPlanPtr> CreateScan(const std::vector<FileInfo>& files, const SchemaPtr& schema,
                                      const ScanArgs& args) override;
  const csv::CsvReadOptions& options() const { return options_; }

 private:
  csv::CsvReadOptions options_;
};

}  // namespace quiver
