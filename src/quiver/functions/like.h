// Pattern matching kernels shared with the physical layer: SQL LIKE/ILIKE,
// SIMILAR TO and the regular-expression match operators (~, ~*, !~, !~*).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "quiver/arrow/compute/compute.h"

namespace quiver::functions {

/// `values [NOT] [I]LIKE pattern [ESCAPE escape]` over string columns of any
/// layout (either side may be a scalar); null in -> null out. Without an
/// explicit escape, backslash escapes. '%' is any sequence, '_' one character
/// (code point). Simple patterns (prefix, suffix, substring, equality) skip
/// the regex engine.
Result<ArrayPtr> LikeMatch(const compute::Datum& values, const compute::Datum& pattern,
                           bool case_insensitive, std::optional<char> escape, bool negated);

/// `values [NOT] SIMILAR TO pattern`: the SQL regular-expression dialect,
/// matched against the whole value.
Result<ArrayPtr> SimilarToMatch(const compute::Datum& values, const compute::Datum& pattern,
                                bool case_insensitive, bool negated);

/// `values ~ pattern` (POSIX-style regex search, anywhere in the value).
Result<ArrayPtr> RegexMatch(const compute::Datum& values, const compute::Datum& pattern,
                            bool case_insensitive, bool negated);

/// The RE2 pattern that a LIKE pattern stands for (anchored at both ends).
Result<std::string> LikeToRegex(std::string_view pattern, char escape);
/// The RE2 pattern that a SIMILAR TO pattern stands for (anchored).
std::string SimilarToRegex(std::string_view pattern);

}  // namespace quiver::functions
