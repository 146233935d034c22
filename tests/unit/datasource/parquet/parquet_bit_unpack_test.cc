// Bit unpacking per width against a one-bit-at-a-time reference: every width,
// odd lengths, offsets that are not byte-aligned, truncated input (missing
// bits read as 0, nothing read past the buffer); bit-range copies; width-1
// RLE runs straight into validity bits.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "quiver/datasource/parquet/bit_unpack.h"
#include "quiver/datasource/parquet/bit_unpack_avx2.h"
#include "quiver/datasource/parquet/rle.h"

namespace quiver::parquet {
namespace {

// Value `i` of width `bw` from bit `offset`, one bit at a time.
uint64_t RefValue(const std::vector<uint8_t>& in, int64_t offset, int bw, int64_t i) {
  uint64_t v = 0;
  for (int b = 0; b < bw; ++b) {
    const int64_t bit = offset + i * bw + b;
    const bool set =
        (bit >> 3) < static_cast<int64_t>(in.size()) && ((in[bit >> 3] >> (bit & 7)) & 1);
    v |= static_cast<uint64_t>(set) << b;
  }
  return v;
}

std::vector<uint8_t> RandomBytes(int64_t n, std::mt19937_64& rng) {
  std::vector<uint8_t> out(static_cast<size_t>(n));
  for (auto& b : out) b = static_cast<uint8_t>(rng());
  return out;
}

// Runs `body` with the AVX2 kernels off, then on (when the CPU has them).
template <typename F>
void BothKernels(F body) {
  const bool prev = internal::SetAvx2Unpack(false);
  {
    SCOPED_TRACE("portable kernels");
    body();
  }
  internal::SetAvx2Unpack(true);
  if (internal::Avx2UnpackActive()) {
    SCOPED_TRACE("AVX2 kernels");
    body();
  }
  internal::SetAvx2Unpack(prev);
}

TEST(BitUnpack, EveryWidthLengthAndOffset) {
  BothKernels([] {
    std::mt19937_64 rng(7);
    for (int bw = 0; bw <= 64; ++bw) {
      for (int n : {0, 1, 7, 8, 9, 31, 32, 33, 63, 100, 257, 1000}) {
        for (int64_t offset : {0, 1, 3, 8, 13, 64, 67}) {
          // Exactly the bytes the values need: ASan flags any over-read.
          const int64_t bytes = (offset + int64_t{n} * bw + 7) / 8;
          const std::vector<uint8_t> in = RandomBytes(bytes, rng);
          SCOPED_TRACE("width " + std::to_string(bw) + " n " + std::to_string(n) + " offset " +
                       std::to_string(offset));
          std::vector<uint64_t> out64(n + 1, 0xAB);
          UnpackBits64(in.data(), bytes, offset, bw, n, out64.data());
          for (int i = 0; i < n; ++i) ASSERT_EQ(out64[i], RefValue(in, offset, bw, i)) << i;
          ASSERT_EQ(out64[n], 0xABu);  // nothing written past n
          if (bw <= 32) {
            std::vector<uint32_t> out32(n + 1, 0xAB);
            UnpackBits32(in.data(), bytes, offset, bw, n, out32.data());
            for (int i = 0; i < n; ++i) ASSERT_EQ(out32[i], RefValue(in, offset, bw, i)) << i;
            ASSERT_EQ(out32[n], 0xABu);
          }
          if (bw <= 16) {
            std::vector<int16_t> out16(n + 1, 0x55);
            UnpackBits16(in.data(), bytes, offset, bw, n, out16.data());
            for (int i = 0; i < n; ++i) {
              ASSERT_EQ(static_cast<uint16_t>(out16[i]), RefValue(in, offset, bw, i)) << i;
            }
            ASSERT_EQ(out16[n], 0x55);
          }
        }
      }
    }
  });
}

TEST(BitUnpack, TruncatedInputReadsZeros) {
  BothKernels([] {
    std::mt19937_64 rng(11);
    for (int bw = 1; bw <= 32; ++bw) {
      const int n = 77;
      const int64_t full = (int64_t{n} * bw + 7) / 8;
      for (int64_t bytes : {int64_t{0}, int64_t{1}, full / 2, full - 1}) {
        SCOPED_TRACE("width " + std::to_string(bw) + " bytes " + std::to_string(bytes));
        const std::vector<uint8_t> in = RandomBytes(bytes, rng);
        std::vector<uint32_t> out(n);
        UnpackBits32(in.data(), bytes, 5, bw, n, out.data());
        for (int i = 0; i < n; ++i) ASSERT_EQ(out[i], RefValue(in, 5, bw, i)) << i;
      }
    }
  });
}

TEST(BitUnpack, CopyBits) {
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 2000; ++trial) {
    const int64_t n = static_cast<int64_t>(rng() % 300);
    const int64_t so = static_cast<int64_t>(rng() % 70), dof = static_cast<int64_t>(rng() % 70);
    const std::vector<uint8_t> src = RandomBytes((so + n + 7) / 8, rng);
    std::vector<uint8_t> dst = RandomBytes((dof + n + 7) / 8 + 2, rng);
    const std::vector<uint8_t> before = dst;
    CopyBits(src.data(), static_cast<int64_t>(src.size()), so, n, dst.data(), dof);
    for (int64_t i = 0; i < static_cast<int64_t>(dst.size()) * 8; ++i) {
      const bool got = (dst[i >> 3] >> (i & 7)) & 1;
      bool want;
      if (i >= dof && i < dof + n) {
        const int64_t s = so + (i - dof);
        want = (src[s >> 3] >> (s & 7)) & 1;
      } else {
        want = (before[i >> 3] >> (i & 7)) & 1;
      }
      ASSERT_EQ(got, want) << "trial " << trial << " bit " << i;
    }
  }
}

TEST(BitUnpack, RleRunsIntoBits) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 200; ++trial) {
    // Runs of random lengths (long ones become RLE runs, short ones literals).
    std::vector<uint32_t> v;
    while (v.size() < 3000) {
      const uint32_t bit = rng() & 1;
      const int len = static_cast<int>(rng() % (rng() % 2 ? 4 : 100)) + 1;
      v.insert(v.end(), len, bit);
    }
    std::string enc;
    EncodeRleBitPacked(v.data(), static_cast<int64_t>(v.size()), 1, &enc);
    const auto* data = reinterpret_cast<const uint8_t*>(enc.data());
    RleBitPackedDecoder dec(data, static_cast<int64_t>(enc.size()), 1);
    const int64_t at = static_cast<int64_t>(rng() % 13);
    std::vector<uint8_t> bits((at + v.size() + 7) / 8, 0xFF);
    int64_t ones = 0, done = 0;
    // Uneven chunks: runs are split across calls.
    while (done < static_cast<int64_t>(v.size())) {
      const int64_t k = std::min<int64_t>(static_cast<int64_t>(rng() % 500) + 1,
                                          static_cast<int64_t>(v.size()) - done);
      auto got = dec.GetBits(bits.data(), at + done, k, &ones);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      ASSERT_EQ(*got, k);
      done += k;
    }
    int64_t want_ones = 0;
    for (size_t i = 0; i < v.size(); ++i) {
      const int64_t b = at + static_cast<int64_t>(i);
      ASSERT_EQ((bits[b >> 3] >> (b & 7)) & 1, static_cast<int>(v[i])) << i;
      want_ones += v[i];
    }
    EXPECT_EQ(ones, want_ones);
  }
}

TEST(BitUnpack, RleBitsRejectCorruptRuns) {
  // An RLE run value of 2 does not fit width 1.
  const uint8_t bad[] = {0x10, 0x02};
  RleBitPackedDecoder dec(bad, sizeof(bad), 1);
  std::vector<uint8_t> bits(4);
  int64_t ones = 0;
  EXPECT_FALSE(dec.GetBits(bits.data(), 0, 8, &ones).ok());
  // A literal run cut short yields only the values present.
  const uint8_t cut[] = {0x05, 0xFF};  // 2 groups of 8 announced, 1 byte present
  RleBitPackedDecoder dec2(cut, sizeof(cut), 1);
  auto got = dec2.GetBits(bits.data(), 3, 16, &ones);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, 8);
  EXPECT_EQ(ones, 8);
}

TEST(BitUnpack, DictionaryGatherFromRuns) {
  std::mt19937_64 rng(9);
  const std::vector<uint64_t> dict = {10, 20, 30, 40, 50, 60, 70};
  for (int trial = 0; trial < 100; ++trial) {
    std::vector<uint32_t> idx;
    while (idx.size() < 2000) {
      const uint32_t v = static_cast<uint32_t>(rng() % dict.size());
      idx.insert(idx.end(), static_cast<size_t>(rng() % (rng() % 2 ? 3 : 40)) + 1, v);
    }
    std::string enc;
    EncodeRleBitPacked(idx.data(), static_cast<int64_t>(idx.size()), 3, &enc);
    RleBitPackedDecoder dec(reinterpret_cast<const uint8_t*>(enc.data()),
                            static_cast<int64_t>(enc.size()), 3);
    std::vector<uint64_t> out(idx.size());
    int done = 0;
    while (done < static_cast<int>(idx.size())) {
      const int k =
          std::min(static_cast<int>(rng() % 700) + 1, static_cast<int>(idx.size()) - done);
      auto got = dec.GetBatchWithDict(dict.data(), static_cast<int64_t>(dict.size()),
                                      out.data() + done, k);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      ASSERT_EQ(*got, k);
      done += k;
    }
    for (size_t i = 0; i < idx.size(); ++i) ASSERT_EQ(out[i], dict[idx[i]]) << i;
  }
  // Index 7 is past a 7-entry dictionary, in a bit-packed and in an RLE run.
  for (int run : {3, 20}) {
    std::vector<uint32_t> bad(static_cast<size_t>(run), 7);
    bad[0] = 1;
    std::string enc;
    EncodeRleBitPacked(bad.data(), run, 3, &enc);
    RleBitPackedDecoder dec(reinterpret_cast<const uint8_t*>(enc.data()),
                            static_cast<int64_t>(enc.size()), 3);
    std::vector<uint64_t> out(static_cast<size_t>(run));
    auto got = dec.GetBatchWithDict(dict.data(), 7, out.data(), run);
    ASSERT_FALSE(got.ok()) << "run " << run;
    EXPECT_NE(got.status().ToString().find("dictionary index out of range"), std::string::npos);
  }
}

}  // namespace
}  // namespace quiver::parquet
