// Parquet split-block bloom filters (BLOCK algorithm, XXH64 hash, no
// compression), for writing and for skipping row groups on `=` / IN.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quiver/arrow/status.h"

namespace quiver::parquet {

/// XXH64 with seed 0, the hash Parquet bloom filters use.
uint64_t XxHash64(const void* data, size_t len);

class SplitBlockBloomFilter {
 public:
  /// `num_bytes` is rounded to a power of two in [32, 128 MiB].
  explicit SplitBlockBloomFilter(int64_t num_bytes);
  /// Bytes giving false-positive rate `fpp` for `ndv` distinct values.
  static int64_t OptimalBytes(int64_t ndv, double fpp);

  void Insert(uint64_t hash);
  bool MightContain(uint64_t hash) const;

  /// Header (thrift) followed by the bitset.
  std::string Serialize() const;
  /// Parses a filter from bytes at the column chunk's bloom_filter_offset.
  static Result<SplitBlockBloomFilter> Parse(const uint8_t* data, int64_t len);

 private:
  SplitBlockBloomFilter() = default;
  std::vector<uint32_t> words_;  // 8 words per 256-bit block
};

}  // namespace quiver::parquet
