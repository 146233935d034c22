#include "quiver/datasource/parquet/rle.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace quiver::parquet {

namespace {

inline uint64_t Load64(const uint8_t* in, int64_t in_len, int64_t byte) {
  uint64_t w = 0;
  if (byte + 8 <= in_len) {
    std::memcpy(&w, in + byte, 8);
  } else if (byte < in_len) {
    std::memcpy(&w, in + byte, in_len - byte);
  }
  return w;
}

Status CorruptRle(const char* what) {
  return Status::IO(std::string("corrupt RLE/bit-packed data: ") + what);
}

}  // namespace

void UnpackBits32(const uint8_t* in, int64_t in_len, int64_t bit_offset, int bit_width, int n,
                  uint32_t* out) {
  if (bit_width == 0) {
    std::fill(out, out + n, 0u);
    return;
  }
  const uint64_t mask = bit_width == 32 ? 0xFFFFFFFFull : ((1ull << bit_width) - 1);
  int i = 0;
  // Fast path: a full 8-byte load is in bounds.
  for (; i < n; ++i) {
    int64_t bit = bit_offset + static_cast<int64_t>(i) * bit_width;
    int64_t byte = bit >> 3;
    if (byte + 8 > in_len) break;
    uint64_t w;
    std::memcpy(&w, in + byte, 8);
    out[i] = static_cast<uint32_t>((w >> (bit & 7)) & mask);
  }
  for (; i < n; ++i) {
    int64_t bit = bit_offset + static_cast<int64_t>(i) * bit_width;
    out[i] = static_cast<uint32_t>((Load64(in, in_len, bit >> 3) >> (bit & 7)) & mask);
  }
}

void UnpackBits64(const uint8_t* in, int64_t in_len, int64_t bit_offset, int bit_width, int n,
                  uint64_t* out) {
  if (bit_width <= 32) {
    // Reuse the 32-bit path through a small staging buffer.
    uint32_t tmp[256];
    for (int done = 0; done < n;) {
      int k = std::min(n - done, 256);
      UnpackBits32(in, in_len, bit_offset + static_cast<int64_t>(done) * bit_width, bit_width, k,
                   tmp);
      for (int j = 0; j < k; ++j) out[done + j] = tmp[j];
      done += k;
    }
    return;
  }
  const uint64_t mask = bit_width == 64 ? ~0ull : ((1ull << bit_width) - 1);
  for (int i = 0; i < n; ++i) {
    int64_t bit = bit_offset + static_cast<int64_t>(i) * bit_width;
    int64_t byte = bit >> 3;
    int shift = bit & 7;
    uint64_t lo = Load64(in, in_len, byte) >> shift;
    if (shift != 0 && shift + bit_width > 64) {
      uint64_t hi = Load64(in, in_len, byte + 8);
      lo |= hi << (64 - shift);
    }
    out[i] = lo & mask;
  }
}

void RleBitPackedDecoder::Reset(const uint8_t* data, int64_t len, int bit_width) {
  pos_ = data;
  end_ = data + len;
  bit_width_ = bit_width;
  rle_left_ = packed_left_ = 0;
}

Result<bool> RleBitPackedDecoder::NextRun() {
  if (pos_ >= end_) return false;
  uint64_t header = 0;
  int shift = 0;
  while (true) {
    if (pos_ >= end_) return CorruptRle("truncated run header");
    uint8_t b = *pos_++;
    header |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) break;
    shift += 7;
    if (shift > 35) return CorruptRle("run header too long");
  }
  if (header & 1) {
    int64_t groups = static_cast<int64_t>(header >> 1);
    int64_t bytes = groups * bit_width_;
    int64_t avail = end_ - pos_;
    int64_t values = groups * 8;
    if (bytes > avail) {
      // A final run may be cut short; keep only the values that are present.
      bytes = avail;
      values = bit_width_ == 0 ? values : (avail * 8) / bit_width_;
    }
    packed_base_ = pos_;
    packed_bytes_ = bytes;
    packed_bit_ = 0;
    packed_left_ = values;
    pos_ += bytes;
    if (values == 0 && groups != 0 && bit_width_ != 0) return false;
  } else {
    rle_left_ = static_cast<int64_t>(header >> 1);
    int nbytes = (bit_width_ + 7) / 8;
    if (end_ - pos_ < nbytes) return CorruptRle("truncated run value");
    uint32_t v = 0;
    for (int i = 0; i < nbytes; ++i) v |= static_cast<uint32_t>(pos_[i]) << (8 * i);
    pos_ += nbytes;
    if (bit_width_ < 32 && (v >> bit_width_) != 0) return CorruptRle("run value exceeds width");
    rle_value_ = v;
  }
  return true;
}

template <typename T>
Result<int> RleBitPackedDecoder::GetBatchT(T* out, int n) {
  int done = 0;
  uint32_t tmp[512];
  while (done < n) {
    if (rle_left_ > 0) {
      int k = static_cast<int>(std::min<int64_t>(rle_left_, n - done));
      std::fill(out + done, out + done + k, static_cast<T>(rle_value_));
      rle_left_ -= k;
      done += k;
    } else if (packed_left_ > 0) {
      int k = static_cast<int>(std::min<int64_t>(packed_left_, n - done));
      if constexpr (std::is_same_v<T, uint32_t>) {
        UnpackBits32(packed_base_, packed_bytes_, packed_bit_, bit_width_, k, out + done);
      } else {
        k = std::min(k, 512);
        UnpackBits32(packed_base_, packed_bytes_, packed_bit_, bit_width_, k, tmp);
        for (int j = 0; j < k; ++j) out[done + j] = static_cast<T>(tmp[j]);
      }
      packed_bit_ += static_cast<int64_t>(k) * bit_width_;
      packed_left_ -= k;
      done += k;
    } else {
      QUIVER_ASSIGN_OR_RAISE(bool more, NextRun());
      if (!more) break;
    }
  }
  return done;
}

Result<int> RleBitPackedDecoder::GetBatch(uint32_t* out, int n) { return GetBatchT(out, n); }
Result<int> RleBitPackedDecoder::GetBatch(int16_t* out, int n) { return GetBatchT(out, n); }

// ------------------------------------------------------------ encoder

namespace {

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// Bit-packs `n` values (a multiple of 8, zero-padded by the caller) as one run.
void PutPacked(const uint32_t* v, int64_t n, int bw, std::string* out) {
  PutVarint((static_cast<uint64_t>(n / 8) << 1) | 1, out);
  size_t start = out->size();
  out->resize(start + static_cast<size_t>(n / 8) * bw, 0);
  auto* dst = reinterpret_cast<uint8_t*>(out->data() + start);
  int64_t bit = 0;
  for (int64_t i = 0; i < n; ++i, bit += bw) {
    uint64_t x = v[i];
    for (int b = 0; b < bw; b += 8) {
      int64_t at = bit + b;
      uint64_t chunk = (x >> b) << (at & 7);
      for (int k = 0; chunk && k < 2; ++k, chunk >>= 8) dst[(at >> 3) + k] |= chunk & 0xFF;
    }
  }
}

void PutRepeat(uint32_t value, int64_t count, int bw, std::string* out) {
  PutVarint(static_cast<uint64_t>(count) << 1, out);
  for (int i = 0; i < (bw + 7) / 8; ++i) out->push_back(static_cast<char>(value >> (8 * i)));
}

}  // namespace

void EncodeRleBitPacked(const uint32_t* values, int64_t n, int bw, std::string* out) {
  // Literals accumulate until a run of >= 8 equal values starts on a group
  // boundary of the pending literals.
  std::vector<uint32_t> lit;
  int64_t i = 0;
  while (i < n) {
    int64_t j = i + 1;
    while (j < n && values[j] == values[i]) ++j;
    int64_t run = j - i;
    // Fill the pending literals up to a multiple of 8 from this run.
    int64_t fill = lit.empty() ? 0 : (8 - lit.size() % 8) % 8;
    if (run - fill >= 8) {
      for (int64_t k = 0; k < fill; ++k) lit.push_back(values[i]);
      if (!lit.empty()) PutPacked(lit.data(), static_cast<int64_t>(lit.size()), bw, out);
      lit.clear();
      PutRepeat(values[i], run - fill, bw, out);
    } else {
      for (int64_t k = 0; k < run; ++k) lit.push_back(values[i]);
      // Bound a literal run (its header counts groups of 8 in a varint).
      if (lit.size() >= 8 * 63 && lit.size() % 8 == 0) {
        PutPacked(lit.data(), static_cast<int64_t>(lit.size()), bw, out);
        lit.clear();
      }
    }
    i = j;
  }
  if (!lit.empty()) {
    while (lit.size() % 8) lit.push_back(0);
    PutPacked(lit.data(), static_cast<int64_t>(lit.size()), bw, out);
  }
}

}  // namespace quiver::parquet
