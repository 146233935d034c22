#include "quiver/datasource/parquet/bit_unpack.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <type_traits>
#include <utility>

#include "quiver/datasource/parquet/bit_unpack_avx2.h"

namespace quiver::parquet {

namespace {

// Up to 8 bytes from `byte` on; bytes past `in_len` read as 0.
inline uint64_t Load64(const uint8_t* in, int64_t in_len, int64_t byte) {
  uint64_t w = 0;
  if (byte + 8 <= in_len) {
    std::memcpy(&w, in + byte, 8);
  } else if (byte < in_len) {
    std::memcpy(&w, in + byte, static_cast<size_t>(in_len - byte));
  }
  return w;
}

// One value of up to 32 bits at `bit` (a bit offset may add up to 7 bits,
// so one 64-bit load always holds it).
inline uint32_t ScalarValue(const uint8_t* in, int64_t in_len, int64_t bit, uint64_t mask) {
  return static_cast<uint32_t>((Load64(in, in_len, bit >> 3) >> (bit & 7)) & mask);
}

// 32 values of W bits from exactly 4 * W bytes. With W a constant and the
// loop unrolled, every word index and shift folds to a constant.
template <int W, typename T>
inline void Unpack32Values(const uint8_t* in, T* out) {
  uint32_t w[W + 1];
  std::memcpy(w, in, 4 * W);
  w[W] = 0;
  constexpr uint32_t kMask = W == 32 ? 0xFFFFFFFFu : (1u << W) - 1;
#pragma GCC unroll 32
  for (int i = 0; i < 32; ++i) {
    const int bit = i * W;
    const int k = bit >> 5, s = bit & 31;
    uint32_t v = w[k] >> s;
    if (s + W > 32) v |= w[k + 1] << ((32 - s) & 31);
    out[i] = static_cast<T>(v & kMask);
  }
}

// 8 values of W bits from exactly W bytes.
template <int W, typename T>
inline void Unpack8Values(const uint8_t* in, T* out) {
  uint64_t w[5] = {0, 0, 0, 0, 0};
  std::memcpy(w, in, W);
  constexpr uint64_t kMask = (uint64_t{1} << W) - 1;
#pragma GCC unroll 8
  for (int i = 0; i < 8; ++i) {
    const int bit = i * W;
    const int k = bit >> 6, s = bit & 63;
    uint64_t v = w[k] >> s;
    if (s + W > 64) v |= w[k + 1] << ((64 - s) & 63);
    out[i] = static_cast<T>(v & kMask);
  }
}

// Unpacks whole blocks from byte-aligned `in`; returns the values written
// (a multiple of 8, at most `n`, only from bytes below `in_len`).
template <int W, typename T>
int64_t UnpackBlocks(const uint8_t* in, int64_t in_len, int64_t n, T* out) {
  const int64_t blocks = std::min(n / 32, in_len / (4 * W));
  for (int64_t b = 0; b < blocks; ++b) Unpack32Values<W>(in + b * 4 * W, out + b * 32);
  int64_t done = blocks * 32;
  in += blocks * 4 * W;
  in_len -= blocks * 4 * W;
  while (n - done >= 8 && in_len >= W) {
    Unpack8Values<W>(in, out + done);
    in += W;
    in_len -= W;
    done += 8;
  }
  return done;
}

template <typename T>
using BlockFn = int64_t (*)(const uint8_t*, int64_t, int64_t, T*);

template <typename T, int... Ws>
constexpr auto MakeTable(std::integer_sequence<int, Ws...>) {
  // Index 0 (width 0) is handled before dispatch.
  return std::array<BlockFn<T>, sizeof...(Ws) + 1>{nullptr, &UnpackBlocks<Ws + 1, T>...};
}

template <typename T>
const auto kBlocks = MakeTable<T>(std::make_integer_sequence<int, 32>());

template <typename T>
void Unpack(const uint8_t* in, int64_t in_len, int64_t bit_offset, int bw, int n, T* out) {
  if (bw == 0 || n <= 0) {
    std::fill(out, out + std::max(n, 0), T{0});
    return;
  }
  const uint64_t mask = bw == 32 ? 0xFFFFFFFFull : ((1ull << bw) - 1);
  int i = 0;
  // Per value up to a byte boundary (at most 7 values).
  for (; i < n && ((bit_offset + static_cast<int64_t>(i) * bw) & 7) != 0; ++i) {
    out[i] = static_cast<T>(ScalarValue(in, in_len, bit_offset + int64_t{i} * bw, mask));
  }
  const int64_t byte = (bit_offset + static_cast<int64_t>(i) * bw) >> 3;
  if (i < n && byte < in_len) {
    int64_t at = byte;
    if constexpr (std::is_same_v<T, uint32_t>) {
      // AVX2 groups of 8 first (widths up to 24), the portable kernels finish.
      if (n - i >= 32) {
        if (internal::Avx2BlockFn avx2 = internal::Avx2Unpacker(bw)) {
          const int64_t k = avx2(in + at, in_len - at, n - i, out + i);
          i += static_cast<int>(k);
          at += k / 8 * bw;
        }
      }
    }
    i += static_cast<int>(kBlocks<T>[bw](in + at, in_len - at, n - i, out + i));
  }
  for (; i < n; ++i) {
    out[i] = static_cast<T>(ScalarValue(in, in_len, bit_offset + int64_t{i} * bw, mask));
  }
}

// 64 bits starting at bit `bit`; bytes past `len` read as 0.
inline uint64_t ReadBits64(const uint8_t* src, int64_t len, int64_t bit) {
  const int64_t byte = bit >> 3;
  const int sh = static_cast<int>(bit & 7);
  uint64_t w = Load64(src, len, byte) >> sh;
  if (sh != 0 && byte + 8 < len) w |= static_cast<uint64_t>(src[byte + 8]) << (64 - sh);
  return w;
}

inline bool GetBitSafe(const uint8_t* src, int64_t len, int64_t bit) {
  return (bit >> 3) < len && ((src[bit >> 3] >> (bit & 7)) & 1);
}

inline void SetBitTo(uint8_t* dst, int64_t bit, bool v) {
  const uint8_t m = static_cast<uint8_t>(1u << (bit & 7));
  dst[bit >> 3] = static_cast<uint8_t>(v ? (dst[bit >> 3] | m) : (dst[bit >> 3] & ~m));
}

}  // namespace

void UnpackBits32(const uint8_t* in, int64_t in_len, int64_t bit_offset, int bit_width, int n,
                  uint32_t* out) {
  Unpack(in, in_len, bit_offset, bit_width, n, out);
}

void UnpackBits16(const uint8_t* in, int64_t in_len, int64_t bit_offset, int bit_width, int n,
                  int16_t* out) {
  Unpack(in, in_len, bit_offset, bit_width, n, out);
}

void UnpackBits64(const uint8_t* in, int64_t in_len, int64_t bit_offset, int bit_width, int n,
                  uint64_t* out) {
  if (bit_width <= 32) {
    Unpack(in, in_len, bit_offset, bit_width, n, out);
    return;
  }
  const uint64_t mask = bit_width == 64 ? ~0ull : ((1ull << bit_width) - 1);
  for (int i = 0; i < n; ++i) {
    const int64_t bit = bit_offset + static_cast<int64_t>(i) * bit_width;
    out[i] = ReadBits64(in, in_len, bit) & mask;
  }
}

void CopyBits(const uint8_t* src, int64_t src_len, int64_t src_offset, int64_t n, uint8_t* dst,
              int64_t dst_offset) {
  for (; n > 0 && (dst_offset & 7) != 0; --n) {
    SetBitTo(dst, dst_offset++, GetBitSafe(src, src_len, src_offset++));
  }
  if ((src_offset & 7) == 0) {
    const int64_t bytes = std::min(n >> 3, std::max<int64_t>(src_len - (src_offset >> 3), 0));
    if (bytes > 0) std::memcpy(dst + (dst_offset >> 3), src + (src_offset >> 3), bytes);
    src_offset += bytes * 8;
    dst_offset += bytes * 8;
    n -= bytes * 8;
  }
  for (; n >= 64; n -= 64, src_offset += 64, dst_offset += 64) {
    const uint64_t w = ReadBits64(src, src_len, src_offset);
    std::memcpy(dst + (dst_offset >> 3), &w, 8);
  }
  for (; n >= 8; n -= 8, src_offset += 8, dst_offset += 8) {
    dst[dst_offset >> 3] = static_cast<uint8_t>(ReadBits64(src, src_len, src_offset));
  }
  for (; n > 0; --n) SetBitTo(dst, dst_offset++, GetBitSafe(src, src_len, src_offset++));
}

}  // namespace quiver::parquet
