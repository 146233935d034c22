// Value decoders and encoders for Parquet data pages. Decoders work a batch
// at a time (one virtual call per batch, never per value) and write:
//   BOOLEAN -> uint8_t (0/1), INT32 -> int32_t, INT64 -> int64_t,
//   INT96 -> Int96, FLOAT -> float, DOUBLE -> double,
//   BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY -> ByteArray (views into page or decoder memory,
//   valid until the next SetData).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "quiver/arrow/status.h"
#include "quiver/datasource/parquet/metadata.h"

namespace quiver::parquet {

struct ByteArray {
  const uint8_t* ptr = nullptr;
  uint32_t len = 0;
};

struct Int96 {
  uint32_t v[3];
};

/// Size in bytes of one decoded value of `type` in the layout above.
int DecodedValueSize(PhysicalType type);

class ValueDecoder {
 public:
  virtual ~ValueDecoder() = default;
  /// Starts a page: `num_values` is an upper bound on the encoded values.
  virtual Status SetData(int64_t num_values, const uint8_t* data, int64_t len) = 0;
  /// Decodes up to `n` values into `out`; returns how many were decoded.
  /// Fewer than `n` means the page ran out (the caller decides if that is an error).
  virtual Result<int64_t> Decode(void* out, int64_t n) = 0;
  /// Dictionary decoders: the next up to `n` dictionary indices, each checked
  /// against the dictionary size; returns how many. Others: an error.
  virtual Result<int64_t> DecodeIndices(uint32_t* out, int64_t n);
  /// BYTE_ARRAY decoders that can copy values out back to back: an upper
  /// bound on the bytes of the page's remaining values; others -1.
  virtual int64_t ByteBound() const { return -1; }
  /// With a ByteBound: copies the next up to `n` values into `data` (room
  /// for ByteBound() + 32 bytes: short values are copied as 32), setting
  /// offsets[i] to `base` plus the bytes through value i; returns how many.
  virtual Result<int64_t> DecodeFlat(uint8_t* data, int64_t base, int64_t* offsets, int64_t n);
};

/// A decoder for `encoding` of `type` (type_length: FIXED_LEN_BYTE_ARRAY width).
/// Dictionary encodings are made with MakeDictionaryDecoder instead.
Result<std::unique_ptr<ValueDecoder>> MakeDecoder(Encoding encoding, PhysicalType type,
                                                  int32_t type_length);

/// Decoded dictionary page values, kept alive by the column reader.
struct Dictionary {
  PhysicalType type = PhysicalType::kInt32;
  int64_t size = 0;
  std::vector<uint8_t> values;       // `size` decoded values (layout above)
  std::shared_ptr<const void> page;  // owns the bytes ByteArray values point to
};

/// Decodes a PLAIN dictionary page.
Result<std::shared_ptr<Dictionary>> DecodeDictionaryPage(PhysicalType type, int32_t type_length,
                                                         int64_t num_values, const uint8_t* data,
                                                         int64_t len,
                                                         std::shared_ptr<const void> page);

/// Decoder for RLE_DICTIONARY / PLAIN_DICTIONARY data pages over `dict`.
std::unique_ptr<ValueDecoder> MakeDictionaryDecoder(std::shared_ptr<const Dictionary> dict);

/// DELTA_BINARY_PACKED decoding of a whole run into int64 values; `*consumed`
/// receives the bytes used (the run is followed by more data in the DELTA_*
/// byte-array encodings).
Status DecodeDeltaBinaryPacked(const uint8_t* data, int64_t len, std::vector<int64_t>* out,
                               int64_t* consumed);

// ------------------------------------------------------------ encoders

/// PLAIN-encodes `n` values laid out as the decoders produce them.
void EncodePlain(PhysicalType type, int32_t type_length, const void* values, int64_t n,
                 std::string* out);

/// DELTA_BINARY_PACKED (block 128, 4 miniblocks).
void EncodeDeltaBinaryPacked(const int64_t* values, int64_t n, std::string* out);

/// RLE_DICTIONARY data page body: bit-width byte then RLE/bit-packed indices.
void EncodeDictionaryIndices(const uint32_t* indices, int64_t n, int64_t dict_size,
                             std::string* out);

}  // namespace quiver::parquet
