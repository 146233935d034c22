// The id -> string tables behind hitsgen's skewed columns (URLs, titles,
// referers, search phrases), built once per run from the seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace quiver::hitsgen {

/// splitmix64 finalizer: a well-mixed 64-bit function of x.
inline uint64_t Mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// A small deterministic generator (splitmix64 stream).
class HitsRng {
 public:
  explicit HitsRng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n).
  int64_t Below(int64_t n) {
    return static_cast<int64_t>(
        (static_cast<unsigned __int128>(Next()) * static_cast<uint64_t>(n)) >> 64);
  }
  /// Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  /// Zipf-like rank in [0, n): P(rank <= r) = ln(r + 2) / ln(n + 1), so rank 0
  /// is the most frequent and the tail is long.
  int64_t Skewed(int64_t n);

 private:
  uint64_t state_;
};

struct HitsVocabulary {
  int64_t num_users = 0;
  int64_t num_counters = 0;
  std::vector<std::string> urls;  // urls[0] is the most frequent page
  std::vector<std::string> titles;
  std::vector<int64_t> url_hashes;
  std::vector<std::string> referers;
  std::vector<int64_t> referer_hashes;
  std::vector<std::string> phrases;
  std::vector<std::string> order_ids;

  /// Table sizes grow with the row count (capped) so every query has both
  /// heavy hitters and a long tail.
  static HitsVocabulary Make(int64_t rows, uint64_t seed);
};

}  // namespace quiver::hitsgen
