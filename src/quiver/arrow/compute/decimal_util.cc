#include "quiver/arrow/compute/decimal_util.h"

namespace quiver::compute::internal {

namespace {

constexpr Int128 P(int n) {
  Int128 v = 1;
  for (int i = 0; i < n; ++i) v *= 10;
  return v;
}

}  // namespace

const Int128 kPow10Table[39] = {
    P(0),  P(1),  P(2),  P(3),  P(4),  P(5),  P(6),  P(7),  P(8),  P(9),  P(10), P(11), P(12),
    P(13), P(14), P(15), P(16), P(17), P(18), P(19), P(20), P(21), P(22), P(23), P(24), P(25),
    P(26), P(27), P(28), P(29), P(30), P(31), P(32), P(33), P(34), P(35), P(36), P(37), P(38)};

Int128 Pow10Wide(int n) {
  // Unsigned so that overflow wraps instead of being undefined.
  unsigned __int128 v = 1;
  for (int i = 0; i < n; ++i) v *= 10;
  return static_cast<Int128>(v);
}

bool AllFitInt64(const Int128* v, int64_t n) {
  uint64_t bad = 0;
  for (int64_t i = 0; i < n; ++i) {
    const auto lo = static_cast<int64_t>(v[i]);
    bad |= static_cast<uint64_t>(static_cast<int64_t>(v[i] >> 64) ^ (lo >> 63));
  }
  return bad == 0;
}

}  // namespace quiver::compute::internal
