#include "compare.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace quiver::slt {
namespace {

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

}  // namespace

std::vector<std::string> PrintRows(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) line.push_back(' ');
      line += row[i];
    }
    out.push_back(Trim(line));
  }
  return out;
}

std::vector<std::string> ApplySortMode(std::vector<std::string> lines, SortMode mode) {
  switch (mode) {
    case SortMode::kNoSort: return lines;
    case SortMode::kRowSort: std::sort(lines.begin(), lines.end()); return lines;
    case SortMode::kValueSort: {
      std::vector<std::string> values;
      for (const auto& line : lines) {
        std::istringstream in(line);
        std::string v;
        while (in >> v) values.push_back(v);
      }
      std::sort(values.begin(), values.end());
      return values;
    }
  }
  return lines;
}

bool RowsMatch(const Record& record, const SltQueryResult& actual) {
  std::vector<std::string> expected;
  expected.reserve(record.expected_rows.size());
  for (const auto& e : record.expected_rows) expected.push_back(Trim(e));
  return ApplySortMode(std::move(expected), record.sort) ==
         ApplySortMode(PrintRows(actual.rows), record.sort);
}

ErrorMatch MatchError(const Record& record, const std::string& error_text) {
  ErrorMatch m;
  if (record.error_multiline) {
    m.matched = Trim(error_text) == record.error_message;
    return m;
  }
  if (record.error_pattern.empty()) {
    m.matched = true;
    return m;
  }
  RE2::Options opts;
  opts.set_log_errors(false);
  RE2 re(record.error_pattern, opts);
  if (!re.ok()) {
    m.pattern_problem = re.error();
    m.matched = error_text.find(record.error_pattern) != std::string::npos;
    return m;
  }
  m.matched = RE2::PartialMatch(error_text, re);
  return m;
}

}  // namespace quiver::slt
