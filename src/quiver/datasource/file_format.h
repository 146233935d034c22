// FileFormat: how to infer a schema from files of one format and how to scan
// them. CSV and Parquet (and user formats) implement it; ListingTable uses it.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "quiver/physical/table_provider.h"

namespace quiver {

struct FileInfo {
  std::string path;
  int64_t size = 0;
};

class FileFormat {
 public:
  virtual ~FileFormat() = default;
  /// Short name: "csv", "parquet".
  virtual std::string name() const = 0;
  /// Default file extension, with the dot.
  virtual std::string extension() const = 0;
  virtual Result<SchemaPtr> InferSchema(const std::vector<FileInfo>& files) = 0;
  /// A scan of `files` whose full schema is `schema`.
  virtual Result<ExecutionPlanPtr> CreateScan(const std::vector<FileInfo>& files,
                                              const SchemaPtr& schema, const ScanArgs& args) = 0;
};

using FileFormatPtr = std::shared_ptr<FileFormat>;

/// Lists the files a table path names: the file itself, or every file with
/// `extension` under a directory (sorted, hidden files skipped), or the
/// files matching a glob. An IO error names the path when nothing exists.
Result<std::vector<FileInfo>> ListFiles(const std::string& path, const std::string& extension);

}  // namespace quiver
