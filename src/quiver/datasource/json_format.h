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
  /// From DataFusion's JsonOptions keys ("format." prefix optional, any
  /// case): compression (gzip, bzip2, xz, zstd, uncompressed; it also sets
  /// the file extension) and schema_infer_max_rec. Others are a
  /// Configuration error naming the key.
  static Result<std::shared_ptr<JsonFormat>> FromOptions(const FormatOptions& options);
  std::string name() const override { return "json"; }
  std::string extension() const override { return options_.file_extension; }
  Result<SchemaPtr> InferSchema(const std::vector<FileInfo>& files) override;
  Result<ExecutionPlanPtr> CreateScan(const std::vector<FileInfo>& files, const SchemaPtr& schema,
                                      const ScanArgs& args) override;
  const json::JsonReadOptions& options() const { return options_; }
  /// Writes `batches` as one NDJSON file (compressed like this format's files).
  Status WriteFile(const std::string& path, const SchemaPtr& schema,
                   const std::vector<RecordBatchPtr>& batches) const override;

 private:
  json::JsonReadOptions options_;
};

/// STORED AS JSON (or NDJSON); paths ending in .json, .ndjson or .jsonl.
class JsonFormatFactory : public FileFormatFactory {
 public:
  explicit JsonFormatFactory(std::string name = "json") : name_(std::move(name)) {}
  std::string name() const override { return name_; }
  std::vector<std::string> extensions() const override;
  Result<FileFormatPtr> Create(const FormatOptions& options,
                               const ConfigOptions& config) const override;

 private:
  std::string name_;
};

}  // namespace quiver
