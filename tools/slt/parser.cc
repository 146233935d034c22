#include "parser.h"

#include <glob.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace quiver::slt {
namespace {

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsBlank(const std::string& line) { return Trim(line).empty(); }

// The results separator is exactly "----" at the start of a line; an indented
// "----" is a SQL comment inside the statement text.
bool IsSeparator(const std::string& line) {
  if (line.compare(0, 4, "----") != 0) return false;
  return Trim(line.substr(4)).empty();
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string cur;
  for (char c : text) {
    if (c == '\n') {
      if (!cur.empty() && cur.back() == '\r') cur.pop_back();
      lines.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) lines.push_back(std::move(cur));
  return lines;
}

// Whitespace-separated tokens of a directive line; a token starting with '#'
// begins a trailing comment.
std::vector<std::string> Tokens(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  std::string tok;
  while (in >> tok) {
    if (tok[0] == '#') break;
    out.push_back(tok);
  }
  return out;
}

// The raw rest of `line` after its first `n` whitespace-separated words.
std::string RestAfterWords(const std::string& line, int n) {
  size_t pos = 0;
  for (int i = 0; i < n; ++i) {
    while (pos < line.size() && std::isspace(static_cast<unsigned char>(line[pos]))) ++pos;
    while (pos < line.size() && !std::isspace(static_cast<unsigned char>(line[pos]))) ++pos;
  }
  return Trim(line.substr(pos));
}

bool LooksLikeDirective(const std::string& line) {
  static const char* kWords[] = {"statement", "query",   "include", "halt",  "onlyif",
                                 "skipif",    "control", "subtest", "sleep", "hash-threshold"};
  auto toks = Tokens(line);
  if (toks.empty()) return line.rfind('#', 0) == 0;
  return std::find(std::begin(kWords), std::end(kWords), toks[0]) != std::end(kWords);
}

std::string DirName(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

class Parser {
 public:
  Parser(const ParseOptions& options, int depth) : options_(options), depth_(depth) {}

  void Parse(const std::string& text, const std::string& file, std::vector<Record>* out) {
    lines_ = SplitLines(text);
    file_ = file;
    out_ = out;
    size_t i = 0;
    while (i < lines_.size()) i = ParseOne(i);
  }

 private:
  bool MatchesEngine(const std::string& name) const {
    std::string n = Lower(name);
    for (const auto& e : options_.engine_names) {
      if (Lower(e) == n) return true;
    }
    return false;
  }

  Record NewRecord(size_t line_index) const {
    Record r;
    r.file = file_;
    r.line = static_cast<int>(line_index) + 1;
    r.sort = default_sort_;
    return r;
  }

  size_t SkipBlock(size_t i) const {
    while (i < lines_.size() && !IsBlank(lines_[i])) ++i;
    return i;
  }

  void AddParseError(size_t line_index, const std::string& why) {
    Record r = NewRecord(line_index);
    r.kind = RecordKind::kParseError;
    r.parse_error = why;
    r.sql = Trim(lines_[line_index]);
    out_->push_back(std::move(r));
  }

  // Applies and clears pending onlyif/skipif conditions.
  void ApplyConditions(Record* r) {
    for (const auto& [only, engine] : conditions_) {
      bool match = MatchesEngine(engine);
      if (only != match) {
        r->skipped = true;
        r->skip_reason = (only ? "onlyif " : "skipif ") + engine;
      }
    }
    conditions_.clear();
  }

  // Reads SQL lines from `i` until a separator or a blank line.
  size_t ReadSql(size_t i, Record* r, bool* saw_separator) {
    std::string sql;
    *saw_separator = false;
    // The line right after the directive always belongs to the SQL, even when
    // blank (the corpus has "statement ok", blank line, then the statement).
    bool first = true;
    while (i < lines_.size() && (first || !IsBlank(lines_[i]))) {
      first = false;
      if (IsSeparator(lines_[i])) {
        *saw_separator = true;
        ++i;
        break;
      }
      if (!sql.empty()) sql += '\n';
      sql += lines_[i];
      ++i;
    }
    r->sql = std::move(sql);
    return i;
  }

  // Expected rows: non-blank lines up to the next blank line.
  size_t ReadRows(size_t i, Record* r) {
    while (i < lines_.size() && !IsBlank(lines_[i])) {
      r->expected_rows.push_back(Trim(lines_[i]));
      ++i;
    }
    return i;
  }

  // A multi-line expected error ends at a blank line followed by another blank
  // line, the end of the file, or the start of another record: messages may
  // themselves hold blank lines.
  size_t ReadMultilineError(size_t i, Record* r) {
    std::vector<std::string> msg;
    while (i < lines_.size()) {
      if (IsBlank(lines_[i])) {
        size_t next = i + 1;
        if (next >= lines_.size() || IsBlank(lines_[next]) || LooksLikeDirective(lines_[next])) {
          break;
        }
      }
      msg.push_back(lines_[i]);
      ++i;
    }
    std::string joined;
    for (size_t k = 0; k < msg.size(); ++k) joined += (k ? "\n" : "") + msg[k];
    r->error_message = Trim(joined);
    r->error_multiline = true;
    return i;
  }

  size_t ParseStatementOrQuery(size_t i, bool is_query) {
    const std::string& line = lines_[i];
    auto toks = Tokens(line);
    Record r = NewRecord(i);
    r.kind = is_query ? RecordKind::kQuery : RecordKind::kStatement;
    ApplyConditions(&r);
    if (toks.size() >= 2 && toks[1] == "error") {
      r.expect = Expect::kError;
      r.error_pattern = RestAfterWords(line, 2);
    } else if (!is_query) {
      if (toks.size() < 2 || (toks[1] != "ok" && toks[1] != "count")) {
        AddParseError(i, "expected 'statement ok', 'statement error' or 'statement count N'");
        return SkipBlock(i);
      }
      if (toks[1] == "count") {
        if (toks.size() < 3) {
          AddParseError(i, "statement count without a number");
          return SkipBlock(i);
        }
        char* end = nullptr;
        r.count = std::strtoll(toks[2].c_str(), &end, 10);
        if (end == nullptr || *end != '\0') {
          AddParseError(i, "statement count: '" + toks[2] + "' is not a number");
          return SkipBlock(i);
        }
        r.expect = Expect::kCount;
      }
    } else {
      if (toks.size() < 2) {
        AddParseError(i, "query without column types");
        return SkipBlock(i);
      }
      r.types = toks[1];
      for (size_t k = 2; k < toks.size(); ++k) {
        const std::string& t = toks[k];
        if (t == "nosort") {
          r.sort = SortMode::kNoSort;
        } else if (t == "rowsort") {
          r.sort = SortMode::kRowSort;
        } else if (t == "valuesort") {
          r.sort = SortMode::kValueSort;
        } else {
          r.label = t;
        }
      }
    }
    bool sep = false;
    size_t j = ReadSql(i + 1, &r, &sep);
    if (r.sql.empty() && sep) {
      AddParseError(i, "record without SQL");
      return SkipBlock(j);
    }
    if (sep) {
      if (r.expect == Expect::kError) {
        j = ReadMultilineError(j, &r);
      } else {
        j = ReadRows(j, &r);
      }
    }
    if (r.sql.empty()) {
      AddParseError(i, "record without SQL");
      return j;
    }
    out_->push_back(std::move(r));
    return j;
  }

  size_t ParseInclude(size_t i) {
    std::string pattern = RestAfterWords(lines_[i], 1);
    conditions_.clear();
    if (pattern.empty()) {
      AddParseError(i, "include without a path");
      return i + 1;
    }
    if (depth_ >= options_.max_include_depth) {
      AddParseError(i, "include nested too deeply (cycle?): " + pattern);
      return i + 1;
    }
    std::string full = pattern[0] == '/' ? pattern : DirName(file_) + "/" + pattern;
    glob_t g{};
    int rc = glob(full.c_str(), 0, nullptr, &g);
    std::vector<std::string> matches;
    if (rc == 0) {
      for (size_t k = 0; k < g.gl_pathc; ++k) matches.emplace_back(g.gl_pathv[k]);
    }
    globfree(&g);
    if (matches.empty()) {
      AddParseError(i, "include matched no file: " + pattern);
      return i + 1;
    }
    for (const auto& path : matches) {
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        AddParseError(i, "cannot read included file: " + path);
        continue;
      }
      std::stringstream ss;
      ss << in.rdbuf();
      Parser sub(options_, depth_ + 1);
      sub.default_sort_ = default_sort_;
      sub.Parse(ss.str(), path, out_);
    }
    return i + 1;
  }

  size_t ParseOne(size_t i) {
    const std::string& line = lines_[i];
    if (IsBlank(line) || Trim(line)[0] == '#') return i + 1;
    auto toks = Tokens(line);
    if (toks.empty()) return i + 1;
    const std::string& word = toks[0];
    if (word == "statement") return ParseStatementOrQuery(i, false);
    if (word == "query") return ParseStatementOrQuery(i, true);
    if (word == "onlyif" || word == "skipif") {
      if (toks.size() < 2) {
        AddParseError(i, word + " without an engine name");
        return SkipBlock(i);
      }
      conditions_.emplace_back(word == "onlyif", toks[1]);
      return i + 1;
    }
    if (word == "include") return ParseInclude(i);
    if (word == "halt") {
      Record r = NewRecord(i);
      r.kind = RecordKind::kHalt;
      ApplyConditions(&r);
      // A halt guarded away by onlyif/skipif does nothing.
      if (!r.skipped) out_->push_back(std::move(r));
      return i + 1;
    }
    if (word == "hash-threshold" || word == "subtest" || word == "sleep") {
      // Results are always compared in full, so hashing never applies;
      // subtest names and sleeps have no effect on outcomes.
      conditions_.clear();
      return i + 1;
    }
    if (word == "control") {
      conditions_.clear();
      if (toks.size() >= 3 && toks[1] == "sortmode") {
        if (toks[2] == "nosort") {
          default_sort_ = SortMode::kNoSort;
        } else if (toks[2] == "rowsort") {
          default_sort_ = SortMode::kRowSort;
        } else if (toks[2] == "valuesort") {
          default_sort_ = SortMode::kValueSort;
        } else {
          AddParseError(i, "unknown sort mode: " + toks[2]);
        }
        return i + 1;
      }
      AddParseError(i, "unsupported control directive");
      return i + 1;
    }
    AddParseError(i, "unknown directive: " + word);
    return SkipBlock(i);
  }

  const ParseOptions& options_;
  int depth_;
  std::vector<std::string> lines_;
  std::string file_;
  std::vector<Record>* out_ = nullptr;
  std::vector<std::pair<bool, std::string>> conditions_;  // (onlyif?, engine)
  SortMode default_sort_ = SortMode::kNoSort;
};

}  // namespace

std::vector<Record> ParseScript(const std::string& text, const std::string& file,
                                const ParseOptions& options) {
  std::vector<Record> out;
  Parser(options, 0).Parse(text, file, &out);
  return out;
}

std::vector<Record> ParseScriptFile(const std::string& path, const ParseOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Record r;
    r.kind = RecordKind::kParseError;
    r.file = path;
    r.line = 0;
    r.parse_error = "cannot read script";
    return {r};
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseScript(ss.str(), path, options);
}

}  // namespace quiver::slt
