// The RLE / bit-packing hybrid used for levels, dictionary indices and RLE
// booleans, plus the LSB-first bit unpacking shared with DELTA_BINARY_PACKED.
#pragma once

#include <cstdint>
#include <string>

#include "quiver/arrow/status.h"
#include "quiver/datasource/parquet/bit_unpack.h"

namespace quiver::parquet {

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
  /// Width-1 data (definition levels of a flat optional column): writes up to
  /// `n` values as bits from bit `bit_offset` of `bits` (bit-packed runs are
  /// copied as they are, runs of equal values set whole byte ranges); returns
  /// how many, and adds the number of 1s to `*ones`.
  Result<int64_t> GetBits(uint8_t* bits, int64_t bit_offset, int64_t n, int64_t* ones);
  /// Dictionary indices: writes `dict[index]` for up to `n` indices straight
  /// into `out` (an RLE run is one check and a fill; bit-packed indices are
  /// unpacked in blocks, checked against `dict_size` and gathered). Returns
  /// how many; an index out of range is an error. T: uint8_t, uint32_t,
  /// uint64_t.
  template <typename T>
  Result<int> GetBatchWithDict(const T* dict, int64_t dict_size, T* out, int n);

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
