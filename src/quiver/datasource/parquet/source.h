// Random-access byte sources for the Parquet reader: a local file (pread) and
// an in-memory buffer. The objectstore layer will provide its own later.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "quiver/arrow/status.h"

namespace quiver::parquet {

/// Bytes read from a source. Owns its memory (or shares the source's).
struct ByteRange {
  std::shared_ptr<const uint8_t> owner;
  const uint8_t* data = nullptr;
  int64_t size = 0;
};

class RandomAccessSource {
 public:
  virtual ~RandomAccessSource() = default;
  /// Reads exactly `length` bytes at `offset`; errors when out of range.
  virtual Result<ByteRange> ReadAt(int64_t offset, int64_t length) = 0;
  virtual int64_t Size() const = 0;
  /// A name for error messages (the path).
  virtual const std::string& name() const = 0;
};

/// Opens a local file for positional reads (thread-safe: pread only).
Result<std::shared_ptr<RandomAccessSource>> OpenLocalFile(const std::string& path);

/// Wraps bytes already in memory (tests, small files, object-store bodies).
std::shared_ptr<RandomAccessSource> MakeBufferSource(std::string bytes,
                                                     std::string name = "<memory>");

}  // namespace quiver::parquet
