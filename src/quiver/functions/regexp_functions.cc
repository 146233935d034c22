// regexp_like, regexp_match, regexp_replace on RE2, with PostgreSQL flags
// (i: case-insensitive, c: case-sensitive, s: dot matches newline,
// m: multi-line, g: every match, for regexp_replace).
#include <re2/re2.h>

#include <memory>
#include <unordered_map>

#include "quiver/functions/scalar_families.h"
#include "quiver/functions/string_util.h"

namespace quiver::functions {
namespace {

using Args = std::vector<Datum>;
using Types = std::vector<DataTypePtr>;

struct Compiled {
  std::unique_ptr<RE2> re;
  bool global = false;
};

/// Compiles pattern+flags once per distinct pair within a batch.
class RegexCache {
 public:
  RegexCache(std::string fn, bool allow_global) : fn_(std::move(fn)), allow_global_(allow_global) {}
  Result<const Compiled*> Get(std::string_view pattern, std::string_view flags) {
    std::string key = std::string(flags) + '\0' + std::string(pattern);
    auto it = map_.find(key);
    if (it != map_.end()) return &it->second;
    Compiled c;
    std::string prefix;
    for (char f : flags) {
      switch (f) {
        case 'i':
        case 's':
        case 'm': prefix.push_back(f); break;
        case 'c': break;
        case 'g':
          if (!allow_global_) {
            return Status::Execution(fn_ + "() does not support the \"global\" option");
          }
          c.global = true;
          break;
        default:
          return Status::Execution(fn_ + "() does not support flag '" + std::string(1, f) + "'");
      }
    }
    if (flags.find('c') != std::string_view::npos) {
      std::erase(prefix, 'i');
    }
    std::string full =
        prefix.empty() ? std::string(pattern) : "(?" + prefix + ")" + std::string(pattern);
    RE2::Options opts;
    opts.set_log_errors(false);
    c.re = std::make_unique<RE2>(full, opts);
    if (!c.re->ok()) {
      return Status::Arrow("Compute error: Regular expression did not compile: " + c.re->error());
    }
    if (map_.size() > 1024) map_.clear();
    return &map_.emplace(std::move(key), std::move(c)).first->second;
  }

 private:
  std::string fn_;
  bool allow_global_;
  std::unordered_map<std::string, Compiled> map_;
};

re2::StringPiece Piece(std::string_view v) { return re2::StringPiece(v.data(), v.size()); }

Result<Datum> RegexpLike(const Args& a, int64_t rows) {
  StringReader s(a[0]), p(a[1]);
  bool has_flags = a.size() > 2;
  StringReader f(has_flags ? a[2] : a[1]);
  RegexCache cache("regexp_like", false);
  Status err;
  int64_t n = OutputLength(a, rows);
  NullChecker nulls(a);
  BoolWriter w(n);
  for (int64_t i = 0; i < n; ++i) {
    if (nulls.AnyNull(i)) {
      w.SetNull(i);
      continue;
    }
    QUIVER_ASSIGN_OR_RAISE(auto c, cache.Get(p.Get(i), has_flags ? f.Get(i) : ""));
    w.Set(i, RE2::PartialMatch(Piece(s.Get(i)), *c->re));
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish());
  return Wrap(std::move(out), a);
}

Result<Datum> RegexpMatch(const Args& a, int64_t rows) {
  StringReader s(a[0]), p(a[1]);
  bool has_flags = a.size() > 2;
  StringReader f(has_flags ? a[2] : a[1]);
  RegexCache cache("regexp_match", false);
  int64_t n = OutputLength(a, rows);
  NullChecker nulls(a);
  QUIVER_ASSIGN_OR_RAISE(auto builder, MakeBuilder(list(utf8())));
  auto* lb = static_cast<ListBuilder*>(builder.get());
  auto* vb = static_cast<StringBuilder*>(lb->value_builder());
  std::vector<re2::StringPiece> groups;
  for (int64_t i = 0; i < n; ++i) {
    if (nulls.AnyNull(i)) {
      QUIVER_RETURN_NOT_OK(lb->AppendNull());
      continue;
    }
    QUIVER_ASSIGN_OR_RAISE(auto c, cache.Get(p.Get(i), has_flags ? f.Get(i) : ""));
    std::string_view v = s.Get(i);
    int ng = c->re->NumberOfCapturingGroups();
    groups.assign(ng + 1, re2::StringPiece());
    if (!c->re->Match(Piece(v), 0, v.size(), RE2::UNANCHORED, groups.data(), ng + 1)) {
      QUIVER_RETURN_NOT_OK(lb->AppendNull());
      continue;
    }
    QUIVER_RETURN_NOT_OK(lb->Append(true));
    for (int g = ng == 0 ? 0 : 1; g <= ng; ++g) {
      if (groups[g].data() == nullptr) {
        QUIVER_RETURN_NOT_OK(vb->AppendNull());
      } else {
        QUIVER_RETURN_NOT_OK(vb->Append(std::string_view(groups[g].data(), groups[g].size())));
      }
    }
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, lb->Finish());
  return Wrap(std::move(out), a);
}

/// PostgreSQL replacement strings use \1..\9 (and \\); RE2 uses the same
/// syntax, but a '$' must stay literal, which RE2 already does.
Result<Datum> RegexpReplace(const Args& a, int64_t rows) {
  StringReader s(a[0]), p(a[1]), r(a[2]);
  bool has_flags = a.size() > 3;
  StringReader f(has_flags ? a[3] : a[1]);
  RegexCache cache("regexp_replace", true);
  Status err;
  std::string tmp;
  return MapToString(
      a, rows, StringResultType(a[0].type()),
      [&](int64_t i, std::string& out) {
        auto c = cache.Get(p.Get(i), has_flags ? f.Get(i) : "");
        if (!c.ok()) {
          err = c.status();
          return kRowError;
        }
        tmp.assign(s.Get(i));
        std::string_view rep = r.Get(i);
        std::string error;
        if (!(*c)->re->CheckRewriteString(Piece(rep), &error)) {
          err = Status::Execution("regexp_replace: invalid replacement: " + error);
          return kRowError;
        }
        if ((*c)->global) {
          RE2::GlobalReplace(&tmp, *(*c)->re, Piece(rep));
        } else {
          RE2::Replace(&tmp, *(*c)->re, Piece(rep));
        }
        out.append(tmp);
        return kRowValue;
      },
      &err);
}

FunctionSpec Make(std::string name, std::string pattern, size_t min_args,
                  std::function<Result<DataTypePtr>(const Types&)> ret,
                  std::function<Result<Datum>(const Args&, int64_t)> invoke) {
  FunctionSpec s;
  s.name = name;
  s.coerce = [name, pattern, min_args](const Types& a) {
    return CoerceByPattern(name, a, pattern, min_args);
  };
  s.return_type = std::move(ret);
  s.invoke = std::move(invoke);
  return s;
}

}  // namespace

void RegisterRegexpFunctions(FunctionRegistry* r) {
  auto add = [&](FunctionSpec s) { r->Register(std::make_shared<SpecFunction>(std::move(s))); };
  add(Make(
      "regexp_like", "SSS", 2, [](const Types&) -> Result<DataTypePtr> { return boolean(); },
      RegexpLike));
  add(Make(
      "regexp_match", "SSS", 2, [](const Types&) -> Result<DataTypePtr> { return list(utf8()); },
      RegexpMatch));
  add(Make(
      "regexp_replace", "SSSS", 3,
      [](const Types& a) -> Result<DataTypePtr> { return StringResultType(a[0]); }, RegexpReplace));
}

}  // namespace quiver::functions
