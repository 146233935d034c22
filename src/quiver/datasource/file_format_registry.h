// FileFormatRegistry: the file formats a session knows, by STORED AS name
// and by file extension.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "quiver/datasource/file_format.h"

namespace quiver {

class FileFormatRegistry {
 public:
  /// A registry with the built-in formats (csv, tsv, tbl, parquet, avro,
  /// json, ndjson, arrow).
  FileFormatRegistry();

  /// Adds or replaces the factory under its name and extensions.
  void Register(FileFormatFactoryPtr factory);
  /// The factory named `name` (case-insensitive); a NotImplemented error
  /// listing the known names when there is none.
  Result<FileFormatFactoryPtr> Find(const std::string& name) const;
  /// The format for a path by its extension, e.g. "t.csv.gz" is CSV with
  /// gzip compression; `options` add to what the path implies.
  Result<FileFormatPtr> ForPath(const std::string& path, const ConfigOptions& config,
                                FormatOptions options = {}) const;
  /// Registered names, sorted.
  std::vector<std::string> names() const;

 private:
  std::map<std::string, FileFormatFactoryPtr> by_name_;
  std::map<std::string, FileFormatFactoryPtr> by_extension_;
};

/// Splits a compression suffix (".gz", ".bz2", ".xz", ".zst") off `path`'s
/// extension: {"t.csv", "gzip"} for "t.csv.gz", {path, ""} otherwise.
std::pair<std::string, std::string> SplitCompressionSuffix(const std::string& path);

}  // namespace quiver
