// dbgen's random number streams: a Park-Miller generator (x' = 16807 x mod 2^31-1)
// per column, each consuming a fixed number of draws per row so that any row can
// be reached directly by skipping ahead.
#pragma once

#include <cstdint>

namespace quiver::tpchgen {

inline constexpr int64_t kRngModulus = 2147483647;
inline constexpr int64_t kRngMultiplier = 16807;

/// a * b mod (2^31 - 1) for a, b in [0, 2^31 - 1).
inline int64_t MulMod(int64_t a, int64_t b) {
  uint64_t x = static_cast<uint64_t>(a) * static_cast<uint64_t>(b);
  uint64_t r = (x & kRngModulus) + (x >> 31);
  r = (r & kRngModulus) + (r >> 31);
  return static_cast<int64_t>(r >= static_cast<uint64_t>(kRngModulus) ? r - kRngModulus : r);
}

/// 16807^n mod (2^31 - 1): the multiplier that skips n draws.
int64_t SkipMultiplier(int64_t n);

class RandomStream {
 public:
  /// `per_row` is dbgen's boundary: the draws reserved for each row.
  RandomStream(int64_t seed, int64_t per_row)
      : seed_(seed),
        row_start_(seed),
        row_multiplier_(SkipMultiplier(per_row)),
        per_row_(per_row) {}

  /// Positions the stream at the start of row `rows` (0-based) from its current row.
  void SkipRows(int64_t rows) {
    seed_ = MulMod(row_start_, SkipMultiplier(rows * per_row_));
    row_start_ = seed_;
  }

  /// dbgen's UnifInt: uniform integer in [low, high], computed through a double
  /// exactly as dbgen does so that the values match.
  int64_t Next(int64_t low, int64_t high) {
    int64_t range = high - low + 1;
    if (range > 0 && range < (int64_t{1} << 20)) {
      // Equal to dbgen's floor((seed / M) * range) in doubles: seed * range is
      // never a multiple of the prime M, so the exact quotient is at least 1/M
      // from an integer, far more than the doubles' error for such ranges.
      seed_ = MulMod(seed_, kRngMultiplier);
      return low + seed_ * range / kRngModulus;
    }
    return NextScaled(low, static_cast<double>(range));
  }

  /// The draw scaled by an explicit range (dbgen's arithmetic, quirks included).
  int64_t NextScaled(int64_t low, double range) {
    seed_ = MulMod(seed_, kRngMultiplier);
    return low + static_cast<int64_t>((static_cast<double>(seed_) / 2147483647.0) * range);
  }

  /// Ends a row: moves to the next row's first draw whatever this row used.
  void RowFinished() {
    row_start_ = MulMod(row_start_, row_multiplier_);
    seed_ = row_start_;
  }

 private:
  int64_t seed_;
  int64_t row_start_;
  int64_t row_multiplier_;
  int64_t per_row_;
};

}  // namespace quiver::tpchgen
