// Levenshtein edit distance, for "did you mean" suggestions and the SQL
// levenshtein() function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace quiver {

/// Insertions, deletions and substitutions turning `a` into `b`, by byte.
size_t EditDistance(std::string_view a, std::string_view b);
/// The same over code points (for UTF-8 text decoded by the caller).
size_t EditDistance(std::span<const uint32_t> a, std::span<const uint32_t> b);

}  // namespace quiver
