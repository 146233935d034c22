// A file written through a streaming compressor (gzip, bzip2, xz, zstd or
// none) that appears at its path only when Commit() succeeds.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "quiver/datasource/csv/csv_reader.h"

namespace quiver::json::internal {

class CompressedFileWriter {
 public:
  static Result<std::unique_ptr<CompressedFileWriter>> Open(const std::string& path,
                                                            csv::CsvCompression compression);
  virtual ~CompressedFileWriter() = default;
  virtual Status Write(std::string_view bytes) = 0;
  /// Flushes the compressor and renames the temporary file over `path`.
  virtual Status Commit() = 0;
};

}  // namespace quiver::json::internal
