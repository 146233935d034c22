// Arrays <-> text: array_to_string (array_join) and string_to_array.
#include <charconv>

#include "quiver/functions/array_functions_internal.h"

namespace quiver::functions {

namespace {

using Types = std::vector<DataTypePtr>;

/// Text of every leaf element; floats print in shortest form ("1", "2.5").
Result<ArrayPtr> LeafText(const ArrayPtr& leaves) {
  if (leaves->type()->is_floating()) {
    QUIVER_ASSIGN_OR_RAISE(auto f, compute::Cast(leaves, float64()));
    const auto* v = compute::internal::Values<double>(*f);
    StringWriter w(utf8(), f->length());
    char buf[64];
    for (int64_t i = 0; i < f->length(); ++i) {
      if (f->IsNull(i)) {
        w.AppendNull();
        continue;
      }
      auto res = std::to_chars(buf, buf + sizeof(buf), v[i]);
      w.Append(std::string_view(buf, res.ptr - buf));
    }
    return w.Finish();
  }
  return compute::Cast(leaves, utf8());
}

Result<Datum> ArrayToString(const std::vector<Datum>& a, int64_t num_rows) {
  const int64_t n = OutputLength(a, num_rows);
  ListReader top(a[0]);
  StringReader delim(a[1]);
  std::optional<StringReader> null_text;
  if (a.size() > 2) null_text.emplace(a[2]);
  // Narrow each row's range down to the leaf level (child lists of
  // consecutive rows are contiguous), remembering nothing but the range.
  std::vector<int64_t> starts(n), ends(n);
  for (int64_t i = 0; i < n; ++i) {
    starts[i] = top.IsNull(i) ? 0 : top.Start(i);
    ends[i] = top.IsNull(i) ? 0 : top.End(i);
  }
  ArrayPtr level = top.values();
  while (level->type()->is_list()) {
    ListReader inner(Datum::Array(level));
    for (int64_t i = 0; i < n; ++i) {
      int64_t s = starts[i] < ends[i] ? inner.Start(starts[i]) : 0;
      int64_t e = starts[i] < ends[i] ? inner.End(ends[i] - 1) : 0;
      starts[i] = s;
      ends[i] = e;
    }
    level = inner.values();
  }
  QUIVER_ASSIGN_OR_RAISE(auto text, LeafText(level));
  StringReader leaves(Datum::Array(text));
  StringWriter w(utf8(), n);
  for (int64_t i = 0; i < n; ++i) {
    if (top.IsNull(i) || delim.IsNull(i)) {
      w.AppendNull();
      continue;
    }
    std::string& out = w.data();
    bool first = true;
    for (int64_t p = starts[i]; p < ends[i]; ++p) {
      std::string_view v;
      if (leaves.IsNull(p)) {
        if (!null_text || null_text->IsNull(i)) continue;
        v = null_text->Get(i);
      } else {
        v = leaves.Get(p);
      }
      if (!first) out.append(delim.Get(i));
      out.append(v);
      first = false;
    }
    w.Commit();
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish());
  return Wrap(std::move(out), a);
}

Result<Datum> StringToArray(const std::vector<Datum>& a, int64_t num_rows) {
  const int64_t n = OutputLength(a, num_rows);
  StringReader str(a[0]), delim(a[1]);
  std::optional<StringReader> null_text;
  if (a.size() > 2) null_text.emplace(a[2]);
  StringWriter parts(utf8(), n);
  std::vector<int64_t> offsets{0};
  std::vector<uint8_t> valid(n, 1);
  int64_t count = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (str.IsNull(i)) {
      valid[i] = 0;
      offsets.push_back(count);
      continue;
    }
    std::string_view s = str.Get(i);
    auto emit = [&](std::string_view part) {
      if (null_text && !null_text->IsNull(i) && part == null_text->Get(i)) {
        parts.AppendNull();
      } else {
        parts.Append(part);
      }
      ++count;
    };
    if (delim.IsNull(i)) {
      for (size_t k = 0; k < s.size(); ++k) emit(s.substr(k, 1));
    } else if (delim.Get(i).empty()) {
      if (!s.empty()) emit(s);
    } else if (!s.empty()) {
      std::string_view d = delim.Get(i);
      size_t pos = 0;
      while (true) {
        size_t next = s.find(d, pos);
        if (next == std::string_view::npos) {
          emit(s.substr(pos));
          break;
        }
        emit(s.substr(pos, next - pos));
        pos = next + d.size();
      }
    }
    offsets.push_back(count);
  }
  QUIVER_ASSIGN_OR_RAISE(auto vals, parts.Finish());
  QUIVER_ASSIGN_OR_RAISE(auto out, MakeListArray(list(utf8()), offsets, valid, vals));
  return Wrap(std::move(out), a);
}

}  // namespace

void RegisterArrayStringFunctions(FunctionRegistry* r) {
  FunctionSpec s;
  s.name = "array_to_string";
  s.aliases = {"array_join", "list_to_string", "list_join"};
  s.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("array_to_string", a, 2, 3));
    QUIVER_ASSIGN_OR_RAISE(auto l, CoerceListArg("array_to_string", a[0]));
    Types out{l};
    for (size_t i = 1; i < a.size(); ++i) {
      if (!IsStringLike(*a[i])) {
        return SignatureError("array_to_string", a, {"List, Utf8", "List, Utf8, Utf8"});
      }
      out.push_back(utf8());
    }
    return out;
  };
  s.return_type = [](const Types&) -> Result<DataTypePtr> { return utf8(); };
  s.invoke = ArrayToString;
  RegisterSpec(r, std::move(s));

  FunctionSpec t;
  t.name = "string_to_array";
  t.aliases = {"string_to_list"};
  t.coerce = [](const Types& a) -> Result<Types> {
    return CoerceByPattern("string_to_array", a, "SSS", 2);
  };
  t.return_type = [](const Types&) -> Result<DataTypePtr> { return list(utf8()); };
  t.invoke = StringToArray;
  RegisterSpec(r, std::move(t));
}

}  // namespace quiver::functions
