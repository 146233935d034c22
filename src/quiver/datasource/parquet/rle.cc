#include "quiver/datasource/parquet/rle.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "quiver/arrow/bit_util.h"

namespace quiver::parquet {

namespace {

Status CorruptRle(const char* what) {
  return Status::IO(std::string("corrupt RLE/bit-packed data: ") + what);
}

}  // namespace

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
        UnpackBits16(packed_base_, packed_bytes_, packed_bit_, bit_width_, k, out + done);
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

Result<int64_t> RleBitPackedDecoder::GetBits(uint8_t* bits, int64_t bit_offset, int64_t n,
                                             int64_t* ones) {
  if (bit_width_ != 1) return CorruptRle("bit output needs a bit width of 1");
  int64_t done = 0;
  while (done < n) {
    if (rle_left_ > 0) {
      const int64_t k = std::min(rle_left_, n - done);
      bit_util::SetBitsTo(bits, bit_offset + done, k, rle_value_ != 0);
      if (rle_value_ != 0) *ones += k;
      rle_left_ -= k;
      done += k;
    } else if (packed_left_ > 0) {
      const int64_t k = std::min(packed_left_, n - done);
      // Width 1: the packed bytes are already a bitmap, LSB first.
      CopyBits(packed_base_, packed_bytes_, packed_bit_, k, bits, bit_offset + done);
      *ones += bit_util::CountSetBits(bits, bit_offset + done, k);
      packed_bit_ += k;
      packed_left_ -= k;
      done += k;
    } else {
      QUIVER_ASSIGN_OR_RAISE(bool more, NextRun());
      if (!more) break;
    }
  }
  return done;
}

template <typename T>
Result<int> RleBitPackedDecoder::GetBatchWithDict(const T* dict, int64_t dict_size, T* out,
                                                  int n) {
  const uint64_t size = static_cast<uint64_t>(std::max<int64_t>(dict_size, 0));
  int done = 0;
  uint32_t idx[1024];
  while (done < n) {
    if (rle_left_ > 0) {
      if (rle_value_ >= size) return Status::IO("corrupt Parquet page: dictionary index out of range");
      const int k = static_cast<int>(std::min<int64_t>(rle_left_, n - done));
      std::fill(out + done, out + done + k, dict[rle_value_]);
      rle_left_ -= k;
      done += k;
    } else if (packed_left_ > 0) {
      if (size == 0) return Status::IO("corrupt Parquet page: dictionary index out of range");
      const int k = static_cast<int>(std::min<int64_t>({packed_left_, n - done, 1024}));
      UnpackBits32(packed_base_, packed_bytes_, packed_bit_, bit_width_, k, idx);
      // Clamped reads keep a bad index in bounds; the error follows the loop.
      uint32_t bad = 0;
      T* o = out + done;
      for (int j = 0; j < k; ++j) {
        const uint32_t i = idx[j];
        const bool ok = i < size;
        bad |= !ok;
        o[j] = dict[ok ? i : 0];
      }
      if (bad) return Status::IO("corrupt Parquet page: dictionary index out of range");
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

template Result<int> RleBitPackedDecoder::GetBatchWithDict(const uint8_t*, int64_t, uint8_t*, int);
template Result<int> RleBitPackedDecoder::GetBatchWithDict(const uint32_t*, int64_t, uint32_t*,
                                                           int);
template Result<int> RleBitPackedDecoder::GetBatchWithDict(const uint64_t*, int64_t, uint64_t*,
                                                           int);

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
