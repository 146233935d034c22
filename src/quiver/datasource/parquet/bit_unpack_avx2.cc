#include "quiver/datasource/parquet/bit_unpack_avx2.h"

#include <array>
#include <atomic>
#include <utility>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace quiver::parquet::internal {

namespace {

std::atomic<bool> g_enabled{true};

#if defined(__x86_64__)

// Per width: for each of 8 values, the 4 bytes holding it (indices into its
// 128-bit lane: values 0-3 read from `in`, values 4-7 from the byte where
// value 4 starts) and its shift within them. Every value fits a 4-byte window
// as shift (<= 7) + width (<= 24) <= 32 bits.
template <int W>
struct Tables {
  alignas(32) uint8_t shuffle[32] = {};
  alignas(32) uint32_t shift[8] = {};
  constexpr Tables() {
    for (int i = 0; i < 8; ++i) {
      const int lane_byte = i < 4 ? 0 : (4 * W) / 8;
      const int bit = i * W;
      shift[i] = static_cast<uint32_t>(bit % 8);
      for (int b = 0; b < 4; ++b)
        shuffle[i * 4 + b] = static_cast<uint8_t>(bit / 8 - lane_byte + b);
    }
  }
};

template <int W>
constexpr Tables<W> kTables{};

template <int W>
__attribute__((target("avx2"))) int64_t UnpackAvx2(const uint8_t* in, int64_t in_len, int64_t n,
                                                   uint32_t* out) {
  constexpr int kHi = (4 * W) / 8;  // byte of value 4
  const __m256i shuffle = _mm256_load_si256(reinterpret_cast<const __m256i*>(kTables<W>.shuffle));
  const __m256i shift = _mm256_load_si256(reinterpret_cast<const __m256i*>(kTables<W>.shift));
  const __m256i mask = _mm256_set1_epi32(static_cast<int>((1u << W) - 1));
  int64_t done = 0;
  // Each group of 8 values is W bytes; its loads reach byte kHi + 16.
  for (; n - done >= 8 && in_len >= kHi + 16; done += 8, in += W, in_len -= W) {
    const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
    const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + kHi));
    __m256i v = _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
    v = _mm256_shuffle_epi8(v, shuffle);
    v = _mm256_and_si256(_mm256_srlv_epi32(v, shift), mask);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + done), v);
  }
  return done;
}

template <int... Ws>
constexpr auto MakeTable(std::integer_sequence<int, Ws...>) {
  return std::array<Avx2BlockFn, sizeof...(Ws) + 1>{nullptr, &UnpackAvx2<Ws + 1>...};
}

constexpr auto kKernels = MakeTable(std::make_integer_sequence<int, 24>());

bool CpuHasAvx2() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2");
}

#endif

}  // namespace

bool Avx2UnpackActive() {
#if defined(__x86_64__)
  static const bool has = CpuHasAvx2();
  return has && g_enabled.load(std::memory_order_relaxed);
#else
  return false;
#endif
}

bool SetAvx2Unpack(bool on) { return g_enabled.exchange(on); }

Avx2BlockFn Avx2Unpacker(int bit_width) {
#if defined(__x86_64__)
  if (bit_width >= 1 && bit_width <= 24 && Avx2UnpackActive()) return kKernels[bit_width];
#endif
  return nullptr;
}

}  // namespace quiver::parquet::internal
