#include "quiver/functions/like.h"

#include <re2/re2.h>

#include <memory>
#include <unordered_map>

#include "quiver/functions/string_util.h"

namespace quiver::functions {
namespace {

void AppendEscaped(char c, std::string* out) {
  if (!std::isalnum(static_cast<unsigned char>(c)) && !(static_cast<unsigned char>(c) & 0x80)) {
    out->push_back('\\');
  }
  out->push_back(c);
}

/// How a LIKE pattern can be matched without a regex.
struct SimplePattern {
  enum Kind { kEquals, kPrefix, kSuffix, kContains, kRegex } kind = kRegex;
  std::string literal;
};

SimplePattern Analyze(std::string_view p, char escape) {
  SimplePattern out;
  std::string lit;
  size_t b = 0, e = p.size();
  bool lead = false, trail = false;
  while (b < e && p[b] == '%') {
    ++b;
    lead = true;
  }
  while (e > b && p[e - 1] == '%' && (e - 1 == 0 || p[e - 2] != escape)) {
    --e;
    trail = true;
  }
  for (size_t i = b; i < e; ++i) {
    char c = p[i];
    if (c == escape) {
      if (i + 1 >= e) return out;
      lit.push_back(p[++i]);
    } else if (c == '%' || c == '_') {
      return out;  // wildcard inside: needs a regex
    } else {
      lit.push_back(c);
    }
  }
  out.literal = std::move(lit);
  out.kind = lead && trail ? SimplePattern::kContains
             : lead        ? SimplePattern::kSuffix
             : trail       ? SimplePattern::kPrefix
                           : SimplePattern::kEquals;
  if (b == e && (lead || trail)) out.kind = SimplePattern::kContains;  // '%' alone
  return out;
}

/// One compiled pattern: either a simple test or a regex.
struct Matcher {
  SimplePattern simple;
  std::unique_ptr<RE2> re;
  bool Match(std::string_view v) const {
    switch (simple.kind) {
      case SimplePattern::kEquals: return v == simple.literal;
      case SimplePattern::kPrefix: return v.starts_with(simple.literal);
      case SimplePattern::kSuffix: return v.ends_with(simple.literal);
      case SimplePattern::kContains: return v.find(simple.literal) != std::string_view::npos;
      case SimplePattern::kRegex: break;
    }
    return RE2::PartialMatch(re2::StringPiece(v.data(), v.size()), *re);
  }
};

enum class Dialect { kLike, kSimilar, kRegex };

Result<std::unique_ptr<Matcher>> Compile(std::string_view pattern, Dialect d, bool ci,
                                         char escape) {
  auto m = std::make_unique<Matcher>();
  std::string regex;
  if (d == Dialect::kLike) {
    if (!ci) {
      m->simple = Analyze(pattern, escape);
      if (m->simple.kind != SimplePattern::kRegex) return m;
    }
    QUIVER_ASSIGN_OR_RAISE(regex, LikeToRegex(pattern, escape));
  } else if (d == Dialect::kSimilar) {
    regex = SimilarToRegex(pattern);
  } else {
    regex = std::string(pattern);
  }
  RE2::Options opts;
  opts.set_case_sensitive(!ci);
  opts.set_dot_nl(d != Dialect::kRegex);
  opts.set_log_errors(false);
  m->re = std::make_unique<RE2>(regex, opts);
  if (!m->re->ok()) {
    return Status::Arrow("Compute error: Regular expression did not compile: " + m->re->error());
  }
  return m;
}

Result<ArrayPtr> MatchKernel(const compute::Datum& values, const compute::Datum& pattern, Dialect d,
                             bool ci, char escape, bool negated) {
  std::vector<Datum> args{values, pattern};
  int64_t n = OutputLength(args, std::max(values.length(), pattern.length()));
  if (!values.is_scalar && !pattern.is_scalar && values.length() != pattern.length()) {
    return Status::Arrow("Compute error: Cannot perform LIKE on arrays of different length");
  }
  StringReader v(values), p(pattern);
  std::unordered_map<std::string, std::unique_ptr<Matcher>> cache;
  const Matcher* last = nullptr;
  std::string_view last_pattern;
  NullChecker nulls(args);
  BoolWriter w(n);
  for (int64_t i = 0; i < n; ++i) {
    if (nulls.AnyNull(i)) {
      w.SetNull(i);
      continue;
    }
    std::string_view pat = p.Get(i);
    if (!last || pat != last_pattern) {
      auto it = cache.find(std::string(pat));
      if (it == cache.end()) {
        if (cache.size() > 1024) cache.clear();
        QUIVER_ASSIGN_OR_RAISE(auto m, Compile(pat, d, ci, escape));
        it = cache.emplace(std::string(pat), std::move(m)).first;
      }
      last = it->second.get();
      last_pattern = it->first;
    }
    w.Set(i, last->Match(v.Get(i)) != negated);
  }
  return w.Finish();
}

}  // namespace

Result<std::string> LikeToRegex(std::string_view pattern, char escape) {
  std::string re = "^";
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == escape) {
      if (i + 1 >= pattern.size()) {
        // A trailing escape matches itself, as arrow-rs does.
        AppendEscaped(c, &re);
        break;
      }
      AppendEscaped(pattern[++i], &re);
    } else if (c == '%') {
      re += ".*";
    } else if (c == '_') {
      re += ".";
    } else {
      AppendEscaped(c, &re);
    }
  }
  re += "$";
  return re;
}

std::string SimilarToRegex(std::string_view pattern) {
  std::string re = "^(?:";
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (in_class) {
      re.push_back(c);
      if (c == ']') in_class = false;
      continue;
    }
    switch (c) {
      case '%': re += ".*"; break;
      case '_': re += "."; break;
      case '[':
        in_class = true;
        re.push_back(c);
        break;
      case '\\':
        if (i + 1 < pattern.size()) AppendEscaped(pattern[++i], &re);
        break;
      case '.':
      case '^':
      case '$':
        re += '\\';
        re.push_back(c);
        break;
      default: re.push_back(c); break;
    }
  }
  re += ")$";
  return re;
}

Result<ArrayPtr> LikeMatch(const compute::Datum& values, const compute::Datum& pattern,
                           bool case_insensitive, std::optional<char> escape, bool negated) {
  return MatchKernel(values, pattern, Dialect::kLike, case_insensitive, escape.value_or('\\'),
                     negated);
}

Result<ArrayPtr> SimilarToMatch(const compute::Datum& values, const compute::Datum& pattern,
                                bool case_insensitive, bool negated) {
  return MatchKernel(values, pattern, Dialect::kSimilar, case_insensitive, '\\', negated);
}

Result<ArrayPtr> RegexMatch(const compute::Datum& values, const compute::Datum& pattern,
                            bool case_insensitive, bool negated) {
  return MatchKernel(values, pattern, Dialect::kRegex, case_insensitive, '\\', negated);
}

}  // namespace quiver::functions
