// AVX2 unpacking of uint32 values (dictionary indices) for widths 1..24,
// compiled for AVX2 with a target attribute and chosen at run time only when
// the CPU has it (the baseline build is SSE4.2).
#pragma once

#include <cstdint>

namespace quiver::parquet::internal {

/// Unpacks whole groups of 8 values of `bit_width` (1..24) bits from
/// byte-aligned `in` (`in_len` bytes) while the 16-byte loads stay inside
/// it; returns the values written (a multiple of 8, at most `n`). Null when
/// the width has no AVX2 kernel.
using Avx2BlockFn = int64_t (*)(const uint8_t* in, int64_t in_len, int64_t n, uint32_t* out);
Avx2BlockFn Avx2Unpacker(int bit_width);

/// Whether the AVX2 kernels are used: the CPU has AVX2 and they are not
/// switched off (tests and benchmarks compare both paths).
bool Avx2UnpackActive();
/// Switches the AVX2 kernels off (false) or back on; returns the old setting.
bool SetAvx2Unpack(bool on);

}  // namespace quiver::parquet::internal
