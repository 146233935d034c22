// Locating and decoding the Parquet footer: "PAR1" magic at both ends, a
// 4-byte little-endian metadata length before the trailing magic.
#pragma once

#include <memory>

#include "quiver/arrow/status.h"
#include "quiver/datasource/parquet/metadata.h"
#include "quiver/datasource/parquet/source.h"

namespace quiver::parquet {

/// Reads and decodes the FileMetaData of `source`, validating the magic, the
/// footer length, and that every column chunk lies inside the file. Encrypted
/// files (PARE magic, or a plaintext footer naming an encryption algorithm)
/// give NotImplemented.
Result<std::shared_ptr<const FileMetaData>> ReadFileMetaData(RandomAccessSource& source);

/// Byte range [start, start+length) of a column chunk's pages in the file,
/// starting at the dictionary page when there is one.
struct ChunkRange {
  int64_t start = 0;
  int64_t length = 0;
};
Result<ChunkRange> ColumnChunkRange(const ColumnMetaData& md, int64_t file_size);

}  // namespace quiver::parquet
