// String functions (DataFusion names): case, length, concatenation,
// substrings, padding, trimming, search and replacement.
#include <algorithm>
#include <cstring>
#include <random>

#include "quiver/common/edit_distance.h"
#include "quiver/functions/scalar_families.h"
#include "quiver/functions/string_util.h"

namespace quiver::functions {
namespace {

using Args = std::vector<Datum>;
using Types = std::vector<DataTypePtr>;

FunctionSpec Spec(std::string name, std::string pattern, size_t min_args,
                  std::function<Result<DataTypePtr>(const Types&)> ret,
                  std::function<Result<Datum>(const Args&, int64_t)> invoke,
                  std::vector<std::string> aliases = {}) {
  FunctionSpec s;
  s.name = name;
  s.aliases = std::move(aliases);
  s.coerce = [name, pattern, min_args](const Types& a) {
    return CoerceByPattern(name, a, pattern, min_args);
  };
  s.return_type = std::move(ret);
  s.invoke = std::move(invoke);
  return s;
}

Result<DataTypePtr> SameString(const Types& a) { return StringResultType(a[0]); }
Result<DataTypePtr> Utf8Type(const Types&) { return utf8(); }
Result<DataTypePtr> LengthOf(const Types& a) { return LengthType(a[0]); }
Result<DataTypePtr> BoolType(const Types&) { return boolean(); }

DataTypePtr OutType(const Args& a) { return StringResultType(a[0].type()); }

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

Result<Datum> CaseMap(const Args& a, int64_t n, bool upper) {
  StringReader s(a[0]);
  return MapToString(a, n, OutType(a), [&](int64_t i, std::string& out) {
    std::string_view v = s.Get(i);
    if (IsAscii(v)) {
      for (char c : v) {
        if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
        if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        out.push_back(c);
      }
    } else {
      size_t pos = 0;
      while (pos < v.size()) {
        uint32_t cp = Utf8Decode(v, &pos);
        AppendUtf8(upper ? ToUpperCp(cp) : ToLowerCp(cp), &out);
      }
    }
    return kRowValue;
  });
}

template <typename T>
Result<Datum> LengthImpl(const Args& a, int64_t n, int kind) {
  StringReader s(a[0]);
  return MapToNum<T>(a, n, LengthType(a[0].type()), [&](int64_t i, T* out) {
    std::string_view v = s.Get(i);
    *out = static_cast<T>(kind == 0 ? Utf8Length(v) : kind == 1 ? v.size() : v.size() * 8);
    return kRowValue;
  });
}

Result<Datum> Length(const Args& a, int64_t n, int kind) {
  if (LengthType(a[0].type())->id() == TypeId::kInt64) return LengthImpl<int64_t>(a, n, kind);
  return LengthImpl<int32_t>(a, n, kind);
}

/// concat: nulls are skipped; concat_ws: the first argument separates.
Result<Datum> Concat(const Args& a, int64_t num_rows, bool ws) {
  int64_t n = OutputLength(a, num_rows);
  std::vector<StringReader> rs(a.begin(), a.end());
  StringWriter w(utf8(), n);
  for (int64_t i = 0; i < n; ++i) {
    if (ws && rs[0].IsNull(i)) {
      w.AppendNull();
      continue;
    }
    std::string& out = w.data();
    bool first = true;
    for (size_t k = ws ? 1 : 0; k < rs.size(); ++k) {
      if (rs[k].IsNull(i)) continue;
      if (ws && !first) out.append(rs[0].Get(i));
      out.append(rs[k].Get(i));
      first = false;
    }
    w.Commit();
  }
  QUIVER_ASSIGN_OR_RAISE(auto arr, w.Finish());
  return Wrap(std::move(arr), a);
}

Result<Datum> Substr(const Args& a, int64_t n) {
  StringReader s(a[0]);
  NumReader<int64_t> start(a[1]);
  bool has_len = a.size() > 2;
  NumReader<int64_t> len(has_len ? a[2] : a[1]);
  Status err;
  return MapToString(
      a, n, OutType(a),
      [&](int64_t i, std::string& out) {
        std::string_view v = s.Get(i);
        int64_t st = start.Get(i);
        int64_t first = st;  // 1-based, may be < 1
        int64_t end = INT64_MAX;
        if (has_len) {
          int64_t l = len.Get(i);
          if (l < 0) {
            err = Status::Execution("negative substring length not allowed: substr(<str>, " +
                                    std::to_string(st) + ", " + std::to_string(l) + ")");
            return kRowError;
          }
          end = __builtin_add_overflow(st, l, &end) ? INT64_MAX : end;
        }
        if (first < 1) first = 1;
        if (end <= first) return kRowValue;
        size_t b = Utf8Advance(v, first - 1);
        size_t e = end == INT64_MAX ? v.size() : b + Utf8Advance(v.substr(b), end - first);
        out.append(v.substr(b, e - b));
        return kRowValue;
      },
      &err);
}

/// left(s, n) / right(s, n); negative n drops characters from the other end.
Result<Datum> LeftRight(const Args& a, int64_t rows, bool left) {
  StringReader s(a[0]);
  NumReader<int64_t> cnt(a[1]);
  return MapToString(a, rows, OutType(a), [&](int64_t i, std::string& out) {
    std::string_view v = s.Get(i);
    int64_t n = cnt.Get(i);
    int64_t len = Utf8Length(v);
    int64_t keep = n >= 0 ? std::min(n, len) : std::max<int64_t>(0, len + n);
    if (left) {
      out.append(v.substr(0, Utf8Advance(v, keep)));
    } else {
      out.append(v.substr(Utf8Advance(v, len - keep)));
    }
    return kRowValue;
  });
}

Result<Datum> Pad(const Args& a, int64_t rows, bool left) {
  StringReader s(a[0]);
  NumReader<int64_t> target(a[1]);
  bool has_fill = a.size() > 2;
  StringReader fill(has_fill ? a[2] : a[0]);
  Status err;
  return MapToString(
      a, rows, OutType(a),
      [&](int64_t i, std::string& out) {
        std::string_view v = s.Get(i);
        int64_t t = target.Get(i);
        if (t <= 0) return kRowValue;
        if (t > (int64_t{1} << 30)) {
          err = Status::Execution("requested length too large: " + std::to_string(t));
          return kRowError;
        }
        std::string_view f = has_fill ? fill.Get(i) : std::string_view(" ");
        int64_t len = Utf8Length(v);
        if (len >= t || f.empty()) {
          out.append(v.substr(0, Utf8Advance(v, t)));
          return kRowValue;
        }
        std::vector<uint32_t> fc = Utf8CodePoints(f);
        std::string padding;
        for (int64_t k = 0; k < t - len; ++k) AppendUtf8(fc[k % fc.size()], &padding);
        if (left) out.append(padding);
        out.append(v);
        if (!left) out.append(padding);
        return kRowValue;
      },
      &err);
}

/// 1: ltrim, 2: rtrim, 3: both.
Result<Datum> Trim(const Args& a, int64_t rows, int which) {
  StringReader s(a[0]);
  bool has_chars = a.size() > 1;
  StringReader chars(has_chars ? a[1] : a[0]);
  return MapToString(a, rows, OutType(a), [&](int64_t i, std::string& out) {
    std::string_view v = s.Get(i);
    std::string_view set = has_chars ? chars.Get(i) : std::string_view(" ");
    if (IsAscii(set)) {
      if (which & 1) {
        size_t b = v.find_first_not_of(set);
        v = b == std::string_view::npos ? std::string_view() : v.substr(b);
      }
      if (which & 2) {
        size_t e = v.find_last_not_of(set);
        v = e == std::string_view::npos ? std::string_view() : v.substr(0, e + 1);
      }
      out.append(v);
      return kRowValue;
    }
    std::vector<uint32_t> cs = Utf8CodePoints(set);
    std::vector<uint32_t> vs = Utf8CodePoints(v);
    auto in = [&](uint32_t c) { return std::find(cs.begin(), cs.end(), c) != cs.end(); };
    size_t b = 0, e = vs.size();
    if (which & 1) {
      while (b < e && in(vs[b])) ++b;
    }
    if (which & 2) {
      while (e > b && in(vs[e - 1])) --e;
    }
    for (size_t k = b; k < e; ++k) AppendUtf8(vs[k], &out);
    return kRowValue;
  });
}

Result<Datum> Replace(const Args& a, int64_t rows) {
  StringReader s(a[0]), from(a[1]), to(a[2]);
  return MapToString(a, rows, OutType(a), [&](int64_t i, std::string& out) {
    std::string_view v = s.Get(i), f = from.Get(i), t = to.Get(i);
    if (f.empty()) {
      // Like Rust's str::replace: the empty pattern matches between characters.
      size_t pos = 0;
      out.append(t);
      while (pos < v.size()) {
        size_t next = Utf8Advance(v.substr(pos), 1) + pos;
        out.append(v.substr(pos, next - pos));
        out.append(t);
        pos = next;
      }
      return kRowValue;
    }
    size_t pos = 0;
    while (true) {
      size_t hit = v.find(f, pos);
      if (hit == std::string_view::npos) break;
      out.append(v.substr(pos, hit - pos));
      out.append(t);
      pos = hit + f.size();
    }
    out.append(v.substr(pos));
    return kRowValue;
  });
}

Result<Datum> Repeat(const Args& a, int64_t rows) {
  StringReader s(a[0]);
  NumReader<int64_t> cnt(a[1]);
  Status err;
  return MapToString(
      a, rows, OutType(a),
      [&](int64_t i, std::string& out) {
        std::string_view v = s.Get(i);
        int64_t k = cnt.Get(i);
        if (k > 0 && static_cast<double>(k) * static_cast<double>(v.size()) > (1 << 30)) {
          err = Status::Execution("repeat: result too large");
          return kRowError;
        }
        for (int64_t j = 0; j < k; ++j) out.append(v);
        return kRowValue;
      },
      &err);
}

Result<Datum> Reverse(const Args& a, int64_t rows) {
  StringReader s(a[0]);
  return MapToString(a, rows, OutType(a), [&](int64_t i, std::string& out) {
    std::vector<uint32_t> cs = Utf8CodePoints(s.Get(i));
    for (size_t k = cs.size(); k-- > 0;) AppendUtf8(cs[k], &out);
    return kRowValue;
  });
}

Result<Datum> SplitPart(const Args& a, int64_t rows) {
  StringReader s(a[0]), d(a[1]);
  NumReader<int64_t> pos(a[2]);
  Status err;
  return MapToString(
      a, rows, OutType(a),
      [&](int64_t i, std::string& out) {
        int64_t p = pos.Get(i);
        if (p == 0) {
          err = Status::Execution("field position must not be zero");
          return kRowError;
        }
        std::string_view v = s.Get(i), delim = d.Get(i);
        std::vector<std::string_view> parts;
        if (delim.empty()) {
          parts.push_back(v);
        } else {
          size_t start = 0;
          while (true) {
            size_t hit = v.find(delim, start);
            if (hit == std::string_view::npos) break;
            parts.push_back(v.substr(start, hit - start));
            start = hit + delim.size();
          }
          parts.push_back(v.substr(start));
        }
        int64_t count = static_cast<int64_t>(parts.size());
        int64_t idx = p > 0 ? p - 1 : count + p;
        if (idx >= 0 && idx < count) out.append(parts[idx]);
        return kRowValue;
      },
      &err);
}

Result<Datum> StartsEnds(const Args& a, int64_t rows, bool starts) {
  StringReader s(a[0]), p(a[1]);
  return MapToBool(a, rows, [&](int64_t i) {
    return starts ? s.Get(i).starts_with(p.Get(i)) : s.Get(i).ends_with(p.Get(i));
  });
}

template <typename T>
Result<Datum> StrposImpl(const Args& a, int64_t rows) {
  StringReader s(a[0]), sub(a[1]);
  return MapToNum<T>(a, rows, LengthType(a[0].type()), [&](int64_t i, T* out) {
    std::string_view v = s.Get(i);
    size_t hit = v.find(sub.Get(i));
    *out = hit == std::string_view::npos ? 0 : static_cast<T>(Utf8Length(v.substr(0, hit)) + 1);
    return kRowValue;
  });
}

Result<Datum> Strpos(const Args& a, int64_t rows) {
  if (LengthType(a[0].type())->id() == TypeId::kInt64) return StrposImpl<int64_t>(a, rows);
  return StrposImpl<int32_t>(a, rows);
}

Result<Datum> Initcap(const Args& a, int64_t rows) {
  StringReader s(a[0]);
  return MapToString(a, rows, OutType(a), [&](int64_t i, std::string& out) {
    std::string_view v = s.Get(i);
    bool prev_alnum = false;
    size_t pos = 0;
    while (pos < v.size()) {
      uint32_t cp = Utf8Decode(v, &pos);
      AppendUtf8(prev_alnum ? ToLowerCp(cp) : ToUpperCp(cp), &out);
      prev_alnum = IsAlnumCp(cp);
    }
    return kRowValue;
  });
}

Result<Datum> Ascii(const Args& a, int64_t rows) {
  StringReader s(a[0]);
  return MapToNum<int32_t>(a, rows, int32(), [&](int64_t i, int32_t* out) {
    std::string_view v = s.Get(i);
    size_t pos = 0;
    *out = v.empty() ? 0 : static_cast<int32_t>(Utf8Decode(v, &pos));
    return kRowValue;
  });
}

Result<Datum> Chr(const Args& a, int64_t rows) {
  NumReader<int64_t> c(a[0]);
  Status err;
  return MapToString(
      a, rows, utf8(),
      [&](int64_t i, std::string& out) {
        int64_t v = c.Get(i);
        if (v == 0) {
          err = Status::Execution("null character not permitted.");
          return kRowError;
        }
        if (v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
          err = Status::Execution("requested character too large for encoding.");
          return kRowError;
        }
        AppendUtf8(static_cast<uint32_t>(v), &out);
        return kRowValue;
      },
      &err);
}

Result<Datum> Translate(const Args& a, int64_t rows) {
  StringReader s(a[0]), from(a[1]), to(a[2]);
  return MapToString(a, rows, OutType(a), [&](int64_t i, std::string& out) {
    std::vector<uint32_t> f = Utf8CodePoints(from.Get(i));
    std::vector<uint32_t> t = Utf8CodePoints(to.Get(i));
    std::string_view v = s.Get(i);
    size_t pos = 0;
    while (pos < v.size()) {
      uint32_t cp = Utf8Decode(v, &pos);
      auto it = std::find(f.begin(), f.end(), cp);
      if (it == f.end()) {
        AppendUtf8(cp, &out);
      } else if (static_cast<size_t>(it - f.begin()) < t.size()) {
        AppendUtf8(t[it - f.begin()], &out);
      }
    }
    return kRowValue;
  });
}

Result<Datum> Overlay(const Args& a, int64_t rows) {
  StringReader s(a[0]), t(a[1]);
  NumReader<int64_t> from(a[2]);
  bool has_len = a.size() > 3;
  NumReader<int64_t> len(has_len ? a[3] : a[2]);
  return MapToString(a, rows, OutType(a), [&](int64_t i, std::string& out) {
    std::string_view v = s.Get(i), ins = t.Get(i);
    int64_t p = from.Get(i);
    int64_t l = has_len ? len.Get(i) : Utf8Length(ins);
    int64_t total = Utf8Length(v);
    int64_t head = std::clamp<int64_t>(p - 1, 0, total);
    int64_t tail = std::clamp<int64_t>(p - 1 + l, 0, total);
    out.append(v.substr(0, Utf8Advance(v, head)));
    out.append(ins);
    out.append(v.substr(Utf8Advance(v, tail)));
    return kRowValue;
  });
}

template <typename T>
Result<Datum> LevenshteinImpl(const Args& a, int64_t rows) {
  StringReader x(a[0]), y(a[1]);
  return MapToNum<T>(a, rows, LengthType(a[0].type()), [&](int64_t i, T* out) {
    *out = static_cast<T>(EditDistance(Utf8CodePoints(x.Get(i)), Utf8CodePoints(y.Get(i))));
    return kRowValue;
  });
}

Result<Datum> FindInSet(const Args& a, int64_t rows) {
  StringReader s(a[0]), list(a[1]);
  return MapToNum<int32_t>(a, rows, int32(), [&](int64_t i, int32_t* out) {
    std::string_view v = s.Get(i), l = list.Get(i);
    int32_t idx = 1;
    *out = 0;
    size_t start = 0;
    while (true) {
      size_t comma = l.find(',', start);
      std::string_view item =
          l.substr(start, comma == std::string_view::npos ? l.npos : comma - start);
      if (item == v) {
        *out = idx;
        break;
      }
      if (comma == std::string_view::npos) break;
      start = comma + 1;
      ++idx;
    }
    return kRowValue;
  });
}

Result<Datum> SubstrIndex(const Args& a, int64_t rows) {
  StringReader s(a[0]), d(a[1]);
  NumReader<int64_t> cnt(a[2]);
  return MapToString(a, rows, OutType(a), [&](int64_t i, std::string& out) {
    std::string_view v = s.Get(i), delim = d.Get(i);
    int64_t c = cnt.Get(i);
    if (c == 0 || delim.empty()) return kRowValue;
    if (c > 0) {
      size_t pos = 0;
      for (int64_t k = 0; k < c; ++k) {
        size_t hit = v.find(delim, pos);
        if (hit == std::string_view::npos) {
          out.append(v);
          return kRowValue;
        }
        pos = hit + (k + 1 < c ? delim.size() : 0);
      }
      out.append(v.substr(0, pos));
    } else {
      size_t end = v.size();
      for (int64_t k = 0; k < -c; ++k) {
        if (end < delim.size()) {
          out.append(v);
          return kRowValue;
        }
        size_t hit = v.rfind(delim, end - delim.size());
        if (hit == std::string_view::npos) {
          out.append(v);
          return kRowValue;
        }
        end = hit;
      }
      out.append(v.substr(end + delim.size()));
    }
    return kRowValue;
  });
}

Result<Datum> Uuid(const Args&, int64_t rows) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  int64_t n = std::max<int64_t>(rows, 1);
  StringWriter w(utf8(), n);
  static const char* kHex = "0123456789abcdef";
  for (int64_t i = 0; i < n; ++i) {
    uint8_t b[16];
    uint64_t r1 = rng(), r2 = rng();
    std::memcpy(b, &r1, 8);
    std::memcpy(b + 8, &r2, 8);
    b[6] = (b[6] & 0x0F) | 0x40;  // version 4
    b[8] = (b[8] & 0x3F) | 0x80;  // RFC 4122 variant
    std::string& out = w.data();
    for (int k = 0; k < 16; ++k) {
      if (k == 4 || k == 6 || k == 8 || k == 10) out.push_back('-');
      out.push_back(kHex[b[k] >> 4]);
      out.push_back(kHex[b[k] & 15]);
    }
    w.Commit();
  }
  QUIVER_ASSIGN_OR_RAISE(auto arr, w.Finish());
  return Datum::Array(std::move(arr));
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry* r) {
  auto add = [&](FunctionSpec s) { r->Register(std::make_shared<SpecFunction>(std::move(s))); };
  add(Spec("lower", "S", 1, SameString,
           [](const Args& a, int64_t n) { return CaseMap(a, n, false); }));
  add(Spec("upper", "S", 1, SameString,
           [](const Args& a, int64_t n) { return CaseMap(a, n, true); }));
  add(Spec("character_length", "S", 1, LengthOf,
           [](const Args& a, int64_t n) { return Length(a, n, 0); }, {"char_length", "length"}));
  add(Spec("octet_length", "S", 1, LengthOf,
           [](const Args& a, int64_t n) { return Length(a, n, 1); }));
  add(Spec("bit_length", "S", 1, LengthOf,
           [](const Args& a, int64_t n) { return Length(a, n, 2); }));
  {
    FunctionSpec s;
    s.name = "concat";
    s.coerce = [](const Types& a) -> Result<Types> {
      if (a.empty()) return SignatureError("concat", a, {"Utf8, .."});
      return Types(a.size(), utf8());
    };
    s.return_type = Utf8Type;
    s.invoke = [](const Args& a, int64_t n) { return Concat(a, n, false); };
    add(s);
    s.name = "concat_ws";
    s.coerce = [](const Types& a) -> Result<Types> {
      if (a.size() < 2) return SignatureError("concat_ws", a, {"Utf8, Utf8, .."});
      return Types(a.size(), utf8());
    };
    s.invoke = [](const Args& a, int64_t n) { return Concat(a, n, true); };
    add(std::move(s));
  }
  add(Spec("substr", "SII", 2, SameString, Substr, {"substring"}));
  add(Spec("left", "SI", 2, SameString,
           [](const Args& a, int64_t n) { return LeftRight(a, n, true); }));
  add(Spec("right", "SI", 2, SameString,
           [](const Args& a, int64_t n) { return LeftRight(a, n, false); }));
  add(Spec("lpad", "SIS", 2, SameString, [](const Args& a, int64_t n) { return Pad(a, n, true); }));
  add(Spec("rpad", "SIS", 2, SameString,
           [](const Args& a, int64_t n) { return Pad(a, n, false); }));
  add(Spec("ltrim", "SS", 1, SameString, [](const Args& a, int64_t n) { return Trim(a, n, 1); }));
  add(Spec("rtrim", "SS", 1, SameString, [](const Args& a, int64_t n) { return Trim(a, n, 2); }));
  add(Spec("btrim", "SS", 1, SameString, [](const Args& a, int64_t n) { return Trim(a, n, 3); },
           {"trim"}));
  add(Spec("replace", "SSS", 3, SameString, Replace));
  add(Spec("repeat", "SI", 2, SameString, Repeat));
  add(Spec("reverse", "S", 1, SameString, Reverse));
  add(Spec("split_part", "SSI", 3, SameString, SplitPart));
  add(Spec("starts_with", "SS", 2, BoolType,
           [](const Args& a, int64_t n) { return StartsEnds(a, n, true); }));
  add(Spec("ends_with", "SS", 2, BoolType,
           [](const Args& a, int64_t n) { return StartsEnds(a, n, false); }));
  add(Spec("contains", "SS", 2, BoolType, [](const Args& a, int64_t n) {
    StringReader s(a[0]), p(a[1]);
    return MapToBool(a, n,
                     [&](int64_t i) { return s.Get(i).find(p.Get(i)) != std::string_view::npos; });
  }));
  add(Spec("strpos", "SS", 2, LengthOf, Strpos, {"instr", "position"}));
  add(Spec("initcap", "S", 1, SameString, Initcap));
  add(Spec(
      "ascii", "S", 1, [](const Types&) -> Result<DataTypePtr> { return int32(); }, Ascii));
  add(Spec("chr", "I", 1, Utf8Type, Chr));
  add(Spec("translate", "SSS", 3, SameString, Translate));
  add(Spec("overlay", "SSII", 3, SameString, Overlay));
  add(Spec("levenshtein", "SS", 2, LengthOf, [](const Args& a, int64_t n) {
    if (LengthType(a[0].type())->id() == TypeId::kInt64) return LevenshteinImpl<int64_t>(a, n);
    return LevenshteinImpl<int32_t>(a, n);
  }));
  add(Spec(
      "find_in_set", "SS", 2, [](const Types&) -> Result<DataTypePtr> { return int32(); },
      FindInSet));
  add(Spec("substr_index", "SSI", 3, SameString, SubstrIndex, {"substring_index"}));
  {
    FunctionSpec s = Spec("uuid", "", 0, Utf8Type, Uuid);
    s.volatility = Volatility::kVolatile;
    add(std::move(s));
  }
}

}  // namespace quiver::functions
