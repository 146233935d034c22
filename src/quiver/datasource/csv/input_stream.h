// Sequential byte streams over a ByteSource, optionally decompressing.
#pragma once

#include <cstdint>
#include <memory>

#include "quiver/datasource/csv/csv_reader.h"

namespace quiver::csv::internal {

class InputStream {
 public:
  virtual ~InputStream() = default;
  /// Reads up to `n` bytes; 0 means the end of the stream.
  virtual Result<int64_t> Read(uint8_t* out, int64_t n) = 0;
};

/// A stream of `source` from byte `offset`, decoded with `compression`
/// (compressed streams must start at offset 0).
Result<std::unique_ptr<InputStream>> OpenInputStream(ByteSourcePtr source, int64_t offset,
                                                     CsvCompression compression);

}  // namespace quiver::csv::internal
