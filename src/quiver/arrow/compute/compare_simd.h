// Vector comparison kernels chosen at run time: the library is built for
// baseline x86-64 + SSE4.2, and AVX2 code is used only on CPUs that have it
// (checked once with __builtin_cpu_supports), never via -march=native.
#pragma once

#include <cstdint>

#include "quiver/arrow/compute/compute.h"

namespace quiver::compute::internal {

enum class SimdLevel : uint8_t { kNone, kAvx2 };

/// The best level this CPU supports (after any SetMaxSimdLevel cap).
SimdLevel ActiveSimdLevel();
/// Caps the level used from now on (tests and micro-benchmarks compare the
/// scalar and vector paths with it); returns the previous cap.
SimdLevel SetMaxSimdLevel(SimdLevel level);

/// Writes op(l[i], r[i]) for i < n as bits into out (8 per byte, the last byte
/// zero-padded) for signed integers of `width` bytes (2, 4 or 8); a scalar
/// side (l_scalar / r_scalar) is broadcast from element 0. Returns false and
/// writes nothing when no vector kernel applies on this CPU.
bool CompareSignedSimd(CompareOp op, int width, const void* l, bool l_scalar, const void* r,
                       bool r_scalar, int64_t n, uint8_t* out);

}  // namespace quiver::compute::internal
