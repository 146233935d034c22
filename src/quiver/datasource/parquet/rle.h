// The RLE / bit-packing hybrid used for levels, dictionary indices and RLE
// booleans, plus the LSB-first bit unpacking shared with DELTA_BINARY_PACKED.
#pragma once

#include <cstdint>
#include <string>

#include "quiver/arrow/status.h"

namespace quiver::parquet {

/// Unpacks `n` values of `bit_width` (0..32) bits, LSB first, starting at bit
/// `bit_offset` of `in` (`in_len` bytes). The caller guarantees the bits exist.
void UnpackBits32(const uint8_t* in, int64_t in_len, int64_t bit_offset, int bit_width, int n,
                  uint32_t* out);
/// Same for widths up to 64.
void UnpackBits64(const uint8_t* in, int64_t in_len, int64_t bit_offset, int bit_width, int n,
                  uint64_t* out);

/// Streaming decoder over one RLE/bit-packed hybrid run sequence.
class RleBitPackedDecoder {
 public:
  RleBitPackedDecoder() = default;
  RleBitPackedDecoder(const uint8_t* data, int64_t len, int bit_width) {
    Reset(data, len, bit_width);
  }
  void Reset(const uint8_t* data, int64_t len, int bit_width);

  /// Decodes up to `n` values; returns how many (fewer only at the end of the
  /// data), or an error for a corrupt run.
  Result<int> GetBatch(uint32_t* out, int n);
  Result<int> GetBatch(int16_t* out, int n);
  Result<int> GetBatch(int32_t* out, int n) {
    return GetBatch(reinterpret_cast<uint32_t*>(out), n);
  }

 private:
  Result<bool> NextRun();
  template <typename T>
  Result<int> GetBatchT(T* out, int n);

  const uint8_t* pos_ = nullptr;
  const uint8_t* end_ = nullptr;
  int bit_width_ = 0;
  int64_t rle_left_ = 0;
  uint32_t rle_value_ = 0;
  int64_t packed_left_ = 0;
  const uint8_t* packed_base_ = nullptr;
  int64_t packed_bytes_ = 0;
  int64_t packed_bit_ = 0;
};

/// Encodes `values` (each < 2^bit_width) as RLE/bit-packed hybrid runs,
/// appending to `out` (no length prefix).
void EncodeRleBitPacked(const uint32_t* values, int64_t n, int bit_width, std::string* out);

/// Number of bits needed to store `max_value`.
inline int BitWidth(uint64_t max_value) {
  return max_value == 0 ? 0 : 64 - __builtin_clzll(max_value);
}

}  // namespace quiver::parquet
