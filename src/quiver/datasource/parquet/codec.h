// Page compression codecs: UNCOMPRESSED, SNAPPY, GZIP, BROTLI, ZSTD, LZ4_RAW
// and the deprecated Hadoop-framed LZ4 (with the fallbacks readers use for
// files that wrote LZ4 frame or raw blocks under that codec id).
#pragma once

#include <cstdint>
#include <string>

#include "quiver/arrow/status.h"
#include "quiver/datasource/parquet/metadata.h"

namespace quiver::parquet {

/// Decompresses `in` into exactly `out_len` bytes at `out`; an error when the
/// stream is corrupt or decodes to any other length.
Status Decompress(Compression codec, const uint8_t* in, int64_t in_len, uint8_t* out,
                  int64_t out_len);

/// Compresses `in`; `level` < 0 picks the codec's default.
Result<std::string> Compress(Compression codec, const uint8_t* in, int64_t in_len, int level = -1);

/// True when this build can read / write pages with `codec`.
bool IsCodecSupported(Compression codec);

}  // namespace quiver::parquet
