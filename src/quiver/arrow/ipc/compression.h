// Body buffer codecs of the IPC format (LZ4 frame and Zstandard).
#pragma once

#include <cstdint>

#include "quiver/arrow/buffer.h"

namespace quiver::ipc {

enum class Compression : uint8_t { kNone, kLz4Frame, kZstd };

/// Compresses `size` bytes into a new buffer.
Result<BufferPtr> Compress(Compression codec, const uint8_t* data, int64_t size);
/// Decompresses into a new buffer that must come out exactly `decompressed_size` long.
Result<BufferPtr> Decompress(Compression codec, const uint8_t* data, int64_t size,
                             int64_t decompressed_size);

}  // namespace quiver::ipc
