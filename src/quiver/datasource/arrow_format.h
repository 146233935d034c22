// Arrow IPC files ("STORED AS ARROW", ".arrow") as a FileFormat. Both the
// file format (random access: each record batch is a morsel) and the
// streaming format (one morsel per file) are read, detected by the magic
// bytes. Files are memory-mapped, so uncompressed batches are zero-copy.
#pragma once

#include "quiver/datasource/file_format.h"

namespace quiver {

class ArrowFormat : public FileFormat {
 public:
  explicit ArrowFormat(std::string extension = ".arrow") : extension_(std::move(extension)) {}
  /// Arrow files take no options: any key is a Configuration error.
  static Result<std::shared_ptr<ArrowFormat>> FromOptions(const FormatOptions& options);
  std::string name() const override { return "arrow"; }
  std::string extension() const override { return extension_; }
  /// The schema of the files, merged by field name (types must agree).
  Result<SchemaPtr> InferSchema(const std::vector<FileInfo>& files) override;
  Result<ExecutionPlanPtr> CreateScan(const std::vector<FileInfo>& files, const SchemaPtr& schema,
                                      const ScanArgs& args) override;
  /// Writes `batches` as one Arrow IPC file.
  Status WriteFile(const std::string& path, const SchemaPtr& schema,
                   const std::vector<RecordBatchPtr>& batches) const override;

 private:
  std::string extension_;
};

/// STORED AS ARROW; paths ending in .arrow, .feather or .ipc.
class ArrowFormatFactory : public FileFormatFactory {
 public:
  std::string name() const override { return "arrow"; }
  std::vector<std::string> extensions() const override { return {".arrow", ".feather", ".ipc"}; }
  Result<FileFormatPtr> Create(const FormatOptions& options,
                               const ConfigOptions& config) const override;
};

/// Writes `batches` as one Arrow IPC file at `path` (created or replaced,
/// atomically).
Status WriteArrowFile(const std::string& path, const SchemaPtr& schema,
                      const std::vector<RecordBatchPtr>& batches);

}  // namespace quiver
