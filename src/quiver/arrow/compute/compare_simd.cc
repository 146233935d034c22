#include "quiver/arrow/compute/compare_simd.h"

#include <immintrin.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <utility>

namespace quiver::compute::internal {

namespace {

SimdLevel DetectLevel() {
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2")) return SimdLevel::kAvx2;
#endif
  return SimdLevel::kNone;
}

std::atomic<SimdLevel> g_max_level{SimdLevel::kAvx2};

#if defined(__x86_64__)

// One 256-bit compare: all-ones lanes where a == b (kEq) or a > b (!kEq).
template <typename T, bool kEq>
__attribute__((target("avx2"))) inline __m256i CmpVec(__m256i a, __m256i b) {
  if constexpr (sizeof(T) == 8) {
    return kEq ? _mm256_cmpeq_epi64(a, b) : _mm256_cmpgt_epi64(a, b);
  } else if constexpr (sizeof(T) == 4) {
    return kEq ? _mm256_cmpeq_epi32(a, b) : _mm256_cmpgt_epi32(a, b);
  } else {
    return kEq ? _mm256_cmpeq_epi16(a, b) : _mm256_cmpgt_epi16(a, b);
  }
}

template <typename T>
__attribute__((target("avx2"))) inline __m256i Broadcast(const T* p) {
  if constexpr (sizeof(T) == 8) return _mm256_set1_epi64x(*p);
  if constexpr (sizeof(T) == 4) return _mm256_set1_epi32(*p);
  return _mm256_set1_epi16(*p);
}

template <typename T, bool kScalar>
__attribute__((target("avx2"))) inline __m256i Load(const T* p, __m256i broadcast, int64_t i) {
  if constexpr (kScalar) {
    return broadcast;
  } else {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
  }
}

// Lane masks of one 256-bit vector as bits (one per lane).
template <typename T>
__attribute__((target("avx2"))) inline uint32_t MaskBits(__m256i m) {
  if constexpr (sizeof(T) == 8)
    return static_cast<uint32_t>(_mm256_movemask_pd(_mm256_castsi256_pd(m)));
  if constexpr (sizeof(T) == 4)
    return static_cast<uint32_t>(_mm256_movemask_ps(_mm256_castsi256_ps(m)));
  // 16-bit lanes: narrow to bytes with signed saturation (0 / -1 survive).
  __m128i packed = _mm_packs_epi16(_mm256_castsi256_si128(m), _mm256_extracti128_si256(m, 1));
  return static_cast<uint32_t>(_mm_movemask_epi8(packed));
}

// Computes a == b (kEq) or a > b, inverted when `negate`, 32 values per step.
template <typename T, bool kEq, bool kLS, bool kRS>
__attribute__((target("avx2"))) void CompareAvx2(const T* l, const T* r, bool negate, int64_t n,
                                                 uint8_t* out) {
  constexpr int kLanes = 32 / sizeof(T);
  constexpr int kVecs = 32 / kLanes;  // 32 results = 4 output bytes
  const __m256i lb = kLS ? Broadcast(l) : _mm256_setzero_si256();
  const __m256i rb = kRS ? Broadcast(r) : _mm256_setzero_si256();
  const uint32_t flip = negate ? 0xffffffffu : 0u;
  int64_t i = 0;
  for (; i + 32 <= n; i += 32) {
    uint32_t word = 0;
    for (int v = 0; v < kVecs; ++v) {
      const int64_t at = i + v * kLanes;
      __m256i m = CmpVec<T, kEq>(Load<T, kLS>(l, lb, at), Load<T, kRS>(r, rb, at));
      word |= MaskBits<T>(m) << (v * kLanes);
    }
    word ^= flip;
    std::memcpy(out + i / 8, &word, 4);
  }
  // The tail, bit by bit.
  uint8_t byte = 0;
  for (int64_t j = i; j < n; ++j) {
    T a = l[kLS ? 0 : j], b = r[kRS ? 0 : j];
    bool bit = (kEq ? a == b : a > b) != negate;
    byte |= static_cast<uint8_t>(bit) << (j & 7);
    if ((j & 7) == 7) {
      out[j / 8] = byte;
      byte = 0;
    }
  }
  if (n & 7) out[n / 8] = byte;
}

template <typename T, bool kEq>
void Dispatch(const T* l, bool ls, const T* r, bool rs, bool negate, int64_t n, uint8_t* out) {
  if (ls && rs) return CompareAvx2<T, kEq, true, true>(l, r, negate, n, out);
  if (ls) return CompareAvx2<T, kEq, true, false>(l, r, negate, n, out);
  if (rs) return CompareAvx2<T, kEq, false, true>(l, r, negate, n, out);
  return CompareAvx2<T, kEq, false, false>(l, r, negate, n, out);
}

template <typename T>
void CompareTyped(CompareOp op, const void* lv, bool ls, const void* rv, bool rs, int64_t n,
                  uint8_t* out) {
  const T* l = static_cast<const T*>(lv);
  const T* r = static_cast<const T*>(rv);
  // Everything is ==, or > with swapped operands, possibly negated:
  // a < b is b > a; a <= b is !(a > b); a >= b is !(b > a).
  switch (op) {
    case CompareOp::kEq: return Dispatch<T, true>(l, ls, r, rs, false, n, out);
    case CompareOp::kNotEq: return Dispatch<T, true>(l, ls, r, rs, true, n, out);
    case CompareOp::kGt: return Dispatch<T, false>(l, ls, r, rs, false, n, out);
    case CompareOp::kLtEq: return Dispatch<T, false>(l, ls, r, rs, true, n, out);
    case CompareOp::kLt: return Dispatch<T, false>(r, rs, l, ls, false, n, out);
    case CompareOp::kGtEq: return Dispatch<T, false>(r, rs, l, ls, true, n, out);
  }
}

#endif  // __x86_64__

}  // namespace

SimdLevel ActiveSimdLevel() {
  static const SimdLevel detected = DetectLevel();
  return std::min(detected, g_max_level.load(std::memory_order_relaxed));
}

SimdLevel SetMaxSimdLevel(SimdLevel level) { return g_max_level.exchange(level); }

bool CompareSignedSimd(CompareOp op, int width, const void* l, bool l_scalar, const void* r,
                       bool r_scalar, int64_t n, uint8_t* out) {
#if defined(__x86_64__)
  if (ActiveSimdLevel() != SimdLevel::kAvx2) return false;
  switch (width) {
    case 2: CompareTyped<int16_t>(op, l, l_scalar, r, r_scalar, n, out); return true;
    case 4: CompareTyped<int32_t>(op, l, l_scalar, r, r_scalar, n, out); return true;
    case 8: CompareTyped<int64_t>(op, l, l_scalar, r, r_scalar, n, out); return true;
    default: return false;
  }
#else
  return false;
#endif
}

}  // namespace quiver::compute::internal
