// FileFormat: how to infer a schema from files of one format, how to scan
// them and how to write them. CSV and Parquet (and user formats) implement
// it; ListingTable and COPY use it. A FileFormatFactory makes configured
// FileFormats from OPTIONS; the session keeps them in a FileFormatRegistry.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
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
  /// Writes `batches` (all of `schema`) as one new file at `path`, whose
  /// directory exists; the file appears whole or not at all. Formats that
  /// cannot write keep this default, a NotImplemented error.
  virtual Status WriteFile(const std::string& path, const SchemaPtr& schema,
                           const std::vector<RecordBatchPtr>& batches) const;
};

using FileFormatPtr = std::shared_ptr<FileFormat>;

class ConfigOptions;

/// Format options as written in OPTIONS (...) of CREATE EXTERNAL TABLE or
/// COPY, in order: keys lower-case, without the "format." prefix.
using FormatOptions = std::vector<std::pair<std::string, std::string>>;

/// Makes FileFormats of one kind. Register one with
/// SessionContext::RegisterFileFormat to make `STORED AS <name>`, COPY and
/// paths ending in its extensions use it.
class FileFormatFactory {
 public:
  virtual ~FileFormatFactory() = default;
  /// The name STORED AS uses, lower-case ("csv").
  virtual std::string name() const = 0;
  /// Extensions, with the dot and lower-case, that select this format for
  /// a path given without STORED AS (".csv").
  virtual std::vector<std::string> extensions() const = 0;
  /// A format configured by `options`; `config` supplies session defaults
  /// (datafusion.catalog.has_header, ...). An unknown key is a Configuration
  /// error that names it.
  virtual Result<FileFormatPtr> Create(const FormatOptions& options,
                                       const ConfigOptions& config) const = 0;
  /// Options applied first when a path is queried directly
  /// (`SELECT * FROM 'x.csv'`), where session defaults for CREATE EXTERNAL
  /// TABLE do not apply.
  virtual FormatOptions PathDefaults() const { return {}; }
};

using FileFormatFactoryPtr = std::shared_ptr<FileFormatFactory>;

/// Lists the files a table path names: the file itself, or every file with
/// `extension` under a directory (sorted, hidden files skipped), or the
/// files matching a glob. An IO error names the path when nothing exists.
Result<std::vector<FileInfo>> ListFiles(const std::string& path, const std::string& extension);

}  // namespace quiver
