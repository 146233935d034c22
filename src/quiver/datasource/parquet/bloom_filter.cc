#include "quiver/datasource/parquet/bloom_filter.h"

#include <cmath>
#include <cstring>

#include "quiver/datasource/parquet/metadata.h"

namespace quiver::parquet {

namespace {

constexpr uint64_t kP1 = 0x9E3779B185EBCA87ULL;
constexpr uint64_t kP2 = 0xC2B2AE3D27D4EB4FULL;
constexpr uint64_t kP3 = 0x165667B19E3779F9ULL;
constexpr uint64_t kP4 = 0x85EBCA77C2B2AE63ULL;
constexpr uint64_t kP5 = 0x27D4EB2F165667C5ULL;

inline uint64_t Rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
inline uint64_t Read64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint64_t Round(uint64_t acc, uint64_t in) { return Rotl(acc + in * kP2, 31) * kP1; }
inline uint64_t Merge(uint64_t acc, uint64_t v) { return (acc ^ Round(0, v)) * kP1 + kP4; }

// The salts of the split-block filter, from the Parquet specification.
constexpr uint32_t kSalt[8] = {0x47b6137bU, 0x44974d91U, 0x8824ad5bU, 0xa2b7289dU,
                               0x705495c7U, 0x2df1424bU, 0x9efc4947U, 0x5c6bfb31U};
constexpr int64_t kMinBytes = 32, kMaxBytes = 128 << 20;

}  // namespace

uint64_t XxHash64(const void* data, size_t len) {
  const auto* p = static_cast<const uint8_t*>(data);
  const uint8_t* end = p + len;
  uint64_t h;
  if (len >= 32) {
    uint64_t v1 = kP1 + kP2, v2 = kP2, v3 = 0, v4 = 0 - kP1;
    for (; end - p >= 32; p += 32) {
      v1 = Round(v1, Read64(p));
      v2 = Round(v2, Read64(p + 8));
      v3 = Round(v3, Read64(p + 16));
      v4 = Round(v4, Read64(p + 24));
    }
    h = Rotl(v1, 1) + Rotl(v2, 7) + Rotl(v3, 12) + Rotl(v4, 18);
    h = Merge(h, v1);
    h = Merge(h, v2);
    h = Merge(h, v3);
    h = Merge(h, v4);
  } else {
    h = kP5;
  }
  h += len;
  for (; end - p >= 8; p += 8) h = Rotl(h ^ Round(0, Read64(p)), 27) * kP1 + kP4;
  if (end - p >= 4) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    h = Rotl(h ^ (uint64_t{v} * kP1), 23) * kP2 + kP3;
    p += 4;
  }
  for (; p < end; ++p) h = Rotl(h ^ (uint64_t{*p} * kP5), 11) * kP1;
  h ^= h >> 33;
  h *= kP2;
  h ^= h >> 29;
  h *= kP3;
  h ^= h >> 32;
  return h;
}

SplitBlockBloomFilter::SplitBlockBloomFilter(int64_t num_bytes) {
  int64_t n = kMinBytes;
  while (n < num_bytes && n < kMaxBytes) n <<= 1;
  words_.assign(n / 4, 0);
}

int64_t SplitBlockBloomFilter::OptimalBytes(int64_t ndv, double fpp) {
  if (ndv < 1) ndv = 1;
  if (!(fpp > 0 && fpp < 1)) fpp = 0.05;
  double bits = -8.0 * static_cast<double>(ndv) / std::log(1 - std::pow(fpp, 1.0 / 8));
  double bytes = std::ceil(bits / 8);
  return bytes > kMaxBytes ? kMaxBytes : static_cast<int64_t>(bytes);
}

void SplitBlockBloomFilter::Insert(uint64_t hash) {
  const uint64_t blocks = words_.size() / 8;
  uint32_t* b = words_.data() + ((hash >> 32) * blocks >> 32) * 8;
  const uint32_t key = static_cast<uint32_t>(hash);
  for (int i = 0; i < 8; ++i) b[i] |= 1U << ((key * kSalt[i]) >> 27);
}

bool SplitBlockBloomFilter::MightContain(uint64_t hash) const {
  const uint64_t blocks = words_.size() / 8;
  const uint32_t* b = words_.data() + ((hash >> 32) * blocks >> 32) * 8;
  const uint32_t key = static_cast<uint32_t>(hash);
  for (int i = 0; i < 8; ++i) {
    if (!(b[i] & (1U << ((key * kSalt[i]) >> 27)))) return false;
  }
  return true;
}

std::string SplitBlockBloomFilter::Serialize() const {
  BloomFilterHeader h;
  h.num_bytes = static_cast<int32_t>(words_.size() * 4);
  h.algorithm_block = h.hash_xxhash = h.compression_uncompressed = true;
  std::string out = EncodeBloomFilterHeader(h);
  out.append(reinterpret_cast<const char*>(words_.data()), words_.size() * 4);
  return out;
}

Result<SplitBlockBloomFilter> SplitBlockBloomFilter::Parse(const uint8_t* data, int64_t len) {
  int64_t used = 0;
  QUIVER_ASSIGN_OR_RAISE(BloomFilterHeader h, DecodeBloomFilterHeader(data, len, &used));
  if (!h.algorithm_block || !h.hash_xxhash || !h.compression_uncompressed) {
    return Status::NotImplemented("Parquet bloom filter of an unknown kind");
  }
  if (h.num_bytes < kMinBytes || h.num_bytes > kMaxBytes || (h.num_bytes & (h.num_bytes - 1)) ||
      h.num_bytes > len - used) {
    return Status::IO("corrupt Parquet bloom filter");
  }
  SplitBlockBloomFilter f;
  f.words_.resize(h.num_bytes / 4);
  std::memcpy(f.words_.data(), data + used, h.num_bytes);
  return f;
}

}  // namespace quiver::parquet
