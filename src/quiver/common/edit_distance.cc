#include "quiver/common/edit_distance.h"

#include <algorithm>
#include <vector>

namespace quiver {

namespace {

// Two-row dynamic program; O(|a|·|b|) time, O(|b|) space.
template <typename Seq>
size_t Distance(const Seq& a, const Seq& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b) { return Distance(a, b); }

size_t EditDistance(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  return Distance(a, b);
}

}  // namespace quiver
