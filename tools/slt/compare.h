// Comparison of actual output against a record's expectation: sort modes,
// row printing, and error-pattern matching (an RE2 regex searched in the
// error text, as DataFusion's runner does with Rust's regex).
#pragma once

#include <string>
#include <vector>

#include "engine.h"
#include "record.h"

namespace quiver::slt {

/// Rows printed as the corpus writes them: cells joined by single spaces, trimmed.
std::vector<std::string> PrintRows(const std::vector<std::vector<std::string>>& rows);

/// Applies `mode` to printed lines (rowsort: sort lines; valuesort: sort all
/// whitespace-separated values, one per line).
std::vector<std::string> ApplySortMode(std::vector<std::string> lines, SortMode mode);

/// True when `actual` matches the record's expected rows under its sort mode.
bool RowsMatch(const Record& record, const SltQueryResult& actual);

struct ErrorMatch {
  bool matched = false;
  /// Set when the pattern is not a valid RE2 regex; it is then matched as a
  /// plain substring instead.
  std::string pattern_problem;
};

/// Strict error check: an empty pattern matches any error; a multi-line
/// expected message must equal the trimmed error text.
ErrorMatch MatchError(const Record& record, const std::string& error_text);

}  // namespace quiver::slt
