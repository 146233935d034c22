// NDJSON as a FileFormat: schema inference over the files of a table and a
// scan whose morsels are byte ranges split at newlines (compressed files
// are one morsel each). Writing goes through json::WriteJsonFile.
#pragma once

#include "quiver/datasource/file_format.h"
#include "quiver/datasource/json/json_reader.h"

namespace quiver {

class JsonFormat : public FileFormat {
 public:
  explicit JsonFormat(json::JsonReadOptions options = {}) : options_(std::move(options)) {}
  std::string name() const override { return "json"; }
  std::string extension() const override { return options_.file_extension; }
  Result<SchemaPtr> InferSchema(const std::vector<FileInfo>& files) override;
  Result<ExecutionPlanPtr> CreateScan(const std::vector<FileInfo>& files, const SchemaPtr& schema,
                                      const ScanArgs& args) override;
  const json::JsonReadOptions& options() const { return options_; }

 private:
  json::JsonReadOptions options_;
};

}  // namespace quiver
