// Block codecs of Avro object container files: null, deflate (raw, RFC 1951),
// snappy (followed by a big-endian CRC-32 of the uncompressed bytes), bzip2,
// xz and zstandard.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "quiver/arrow/status.h"

namespace quiver::avro {

enum class Codec : uint8_t { kNull, kDeflate, kSnappy, kBzip2, kXz, kZstandard };

/// The codec named by the "avro.codec" metadata value ("" means null).
Result<Codec> CodecFromName(std::string_view name);
const char* CodecName(Codec codec);

/// Decompresses one block into `out` (replacing its contents). Errors when the
/// data is corrupt or would decompress beyond `max_size` bytes.
Status DecompressBlock(Codec codec, const uint8_t* in, int64_t in_len, std::string* out,
                       int64_t max_size);

/// Compresses one block (for the writer).
Result<std::string> CompressBlock(Codec codec, const uint8_t* in, int64_t in_len);

}  // namespace quiver::avro
