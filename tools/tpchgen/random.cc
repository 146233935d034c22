#include "tpchgen/random.h"

namespace quiver::tpchgen {

int64_t SkipMultiplier(int64_t n) {
  // Square-and-multiply, as dbgen's NthElement does.
  int64_t result = 1;
  int64_t mult = kRngMultiplier;
  while (n > 0) {
    if (n & 1) result = MulMod(result, mult);
    n >>= 1;
    mult = MulMod(mult, mult);
  }
  return result;
}

}  // namespace quiver::tpchgen
