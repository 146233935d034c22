// Streaming compression of written text files (gzip, bzip2, xz, zstd): the
// counterpart of the decompressing input streams, used by the CSV writer.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "quiver/datasource/csv/csv_reader.h"

namespace quiver::csv {

/// Parses DataFusion's compression names (gzip, bzip2, xz, zstd,
/// uncompressed or empty; any case).
Result<CsvCompression> ParseCompression(const std::string& name);
/// The file suffix of a compression: "", ".gz", ".bz2", ".xz", ".zst".
std::string CompressionSuffix(CsvCompression compression);

class OutputCompressor {
 public:
  /// A compressor for `codec`; nullptr for kUncompressed.
  static Result<std::unique_ptr<OutputCompressor>> Make(CsvCompression codec);
  virtual ~OutputCompressor() = default;
  /// Compresses `in`, appending whatever output is ready to `out`.
  virtual Status Update(std::string_view in, std::string* out) = 0;
  /// Flushes the rest and the stream trailer into `out`.
  virtual Status Finish(std::string* out) = 0;
};

}  // namespace quiver::csv
