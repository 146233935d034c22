// IEEE 754 half precision <-> single precision conversion (Float16 arrays
// store raw uint16_t bits).
#pragma once

#include <cstdint>

namespace quiver {

float HalfToFloat(uint16_t h);
uint16_t FloatToHalf(float f);

}  // namespace quiver
