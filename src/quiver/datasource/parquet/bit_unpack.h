// LSB-first bit unpacking (Parquet's bit-packed runs, DELTA_BINARY_PACKED
// miniblocks) and bit-range copies. Whole blocks of 32 and 8 values go
// through kernels specialized per bit width; only the head up to the first
// byte boundary and the last few values take a per-value path. No function
// reads past `in + in_len`: bits beyond it read as 0.
#pragma once

#include <cstdint>

namespace quiver::parquet {

/// Unpacks `n` values of `bit_width` (0..32) bits starting at bit
/// `bit_offset` of `in` (`in_len` bytes).
void UnpackBits32(const uint8_t* in, int64_t in_len, int64_t bit_offset, int bit_width, int n,
                  uint32_t* out);
/// Same into 16-bit levels (`bit_width` 0..16).
void UnpackBits16(const uint8_t* in, int64_t in_len, int64_t bit_offset, int bit_width, int n,
                  int16_t* out);
/// Same for widths up to 64.
void UnpackBits64(const uint8_t* in, int64_t in_len, int64_t bit_offset, int bit_width, int n,
                  uint64_t* out);

/// Copies `n` bits from bit `src_offset` of `src` (`src_len` bytes) to bit
/// `dst_offset` of `dst`, a word at a time. Bits of `dst` outside the range
/// keep their values.
void CopyBits(const uint8_t* src, int64_t src_len, int64_t src_offset, int64_t n, uint8_t* dst,
              int64_t dst_offset);

}  // namespace quiver::parquet
