// Array functions that build new arrays from old ones: append, prepend,
// concat, remove(_n/_all), replace(_n/_all), resize, reverse, flatten.
// Each one computes, per row, which source elements form the output list
// and gathers them with one Take.
#include <algorithm>

#include "quiver/functions/array_functions_internal.h"

namespace quiver::functions {

namespace {

using Types = std::vector<DataTypePtr>;

/// Unifies a list argument with element arguments: the list becomes a list
/// of the common element type, each element that type.
Result<Types> CoerceListAndElements(const std::string& fn, const Types& a, size_t list_pos,
                                    const std::vector<size_t>& elem_pos) {
  QUIVER_ASSIGN_OR_RAISE(auto l, StrictList(fn, a[list_pos]));
  DataTypePtr item = ElementType(l);
  DataTypePtr common = item;
  for (size_t p : elem_pos) {
    DataTypePtr e = a[p];
    if (e->id() == TypeId::kFixedSizeList) e = list(e->field(0));
    // Nesting must match: a list of scalars takes scalars only.
    if (e->id() != TypeId::kNull && item->id() != TypeId::kNull &&
        ListDepth(e) != ListDepth(item)) {
      return Status::Plan(fn + " received incompatible types: " + a[list_pos]->ToString() +
                          " and " + a[p]->ToString());
    }
    auto next = ComparisonCoercion(common, e);
    if (!next) {
      return Status::Plan(fn + " received incompatible types: " + a[list_pos]->ToString() +
                          " and " + a[p]->ToString());
    }
    common = next;
  }
  Types out = a;
  out[list_pos] = ListLike(l, common);
  for (size_t p : elem_pos) out[p] = common;
  return out;
}

/// Appends (append = true) or prepends an element to each list.
Result<Datum> AddElement(const std::vector<Datum>& a, int64_t num_rows, bool append) {
  const Datum& ld = append ? a[0] : a[1];
  const Datum& ed = append ? a[1] : a[0];
  const int64_t n = OutputLength(a, num_rows);
  ListReader lists(ld);
  std::vector<int64_t> bases;
  QUIVER_ASSIGN_OR_RAISE(auto source,
                         ConcatSources({lists.values(), ed.array}, ElementType(ld.type()), &bases));
  ListWriter w(ld.type());
  for (int64_t i = 0; i < n; ++i) {
    const int64_t e = bases[1] + (ed.is_scalar ? 0 : i);
    if (!append) w.Push(e);
    if (!lists.IsNull(i)) {
      for (int64_t p = lists.Start(i); p < lists.End(i); ++p) w.Push(p);
    }
    if (append) w.Push(e);
    w.Commit();
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish(source));
  return Wrap(std::move(out), a);
}

/// array_concat's result: the deepest argument's depth over the common
/// innermost type; LargeList if any argument is one.
DataTypePtr ConcatResultType(const Types& a) {
  int depth = 1;
  bool large = false;
  DataTypePtr base = null();
  for (const auto& t : a) {
    if (t->id() == TypeId::kNull) continue;
    depth = std::max(depth, ListDepth(t));
    large |= t->id() == TypeId::kLargeList;
    base = BaseElementType(t);
  }
  DataTypePtr out = base;
  for (int k = 0; k < depth; ++k) out = k + 1 == depth && large ? large_list(out) : list(out);
  return out;
}

/// Each row becomes a one-element list holding it.
Result<Datum> WrapInList(const Datum& d) {
  const int64_t n = d.array->length();
  std::vector<int64_t> offsets(n + 1);
  for (int64_t i = 0; i <= n; ++i) offsets[i] = i;
  QUIVER_ASSIGN_OR_RAISE(auto out, MakeListArray(list(d.type()), offsets, {}, d.array));
  return Datum{out, d.is_scalar};
}

Result<Datum> Concat(const std::vector<Datum>& a, int64_t num_rows, const DataTypePtr& type) {
  const int64_t n = OutputLength(a, num_rows);
  std::vector<ListReader> lists;
  std::vector<ArrayPtr> values;
  for (const auto& d : a) {
    lists.emplace_back(d);
    values.push_back(lists.back().values());
  }
  std::vector<int64_t> bases;
  QUIVER_ASSIGN_OR_RAISE(auto source, ConcatSources(values, ElementType(type), &bases));
  ListWriter w(type);
  for (int64_t i = 0; i < n; ++i) {
    bool any = false;
    for (size_t k = 0; k < lists.size(); ++k) {
      if (lists[k].IsNull(i)) continue;
      any = true;
      for (int64_t p = lists[k].Start(i); p < lists[k].End(i); ++p) w.Push(bases[k] + p);
    }
    if (any) {
      w.Commit();
    } else {
      w.AppendNull();
    }
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish(source));
  return Wrap(std::move(out), a);
}

/// array_remove / _n / _all: max_count < 0 means all.
Result<Datum> Remove(const std::vector<Datum>& a, int64_t num_rows, int mode) {
  const int64_t n = OutputLength(a, num_rows);
  ListReader lists(a[0]);
  QUIVER_ASSIGN_OR_RAISE(auto eq, ElementEq::Make(lists.values(), a[1].array));
  std::optional<Int64Reader> count;
  if (mode == 1) count.emplace(a[2]);
  ListWriter w(a[0].type());
  for (int64_t i = 0; i < n; ++i) {
    if (lists.IsNull(i) || (count && count->IsNull(i))) {
      w.AppendNull();
      continue;
    }
    int64_t left = mode == 0 ? 1 : mode == 1 ? count->Get(i) : INT64_MAX;
    const int64_t e = a[1].is_scalar ? 0 : i;
    for (int64_t p = lists.Start(i); p < lists.End(i); ++p) {
      if (left > 0 && eq.Equal(p, e)) {
        --left;
        continue;
      }
      w.Push(p);
    }
    w.Commit();
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish(lists.values()));
  return Wrap(std::move(out), a);
}

/// array_replace / _n / _all (mode 0, 1, 2).
Result<Datum> Replace(const std::vector<Datum>& a, int64_t num_rows, int mode) {
  const int64_t n = OutputLength(a, num_rows);
  ListReader lists(a[0]);
  QUIVER_ASSIGN_OR_RAISE(auto eq, ElementEq::Make(lists.values(), a[1].array));
  std::optional<Int64Reader> count;
  if (mode == 1) count.emplace(a[3]);
  std::vector<int64_t> bases;
  QUIVER_ASSIGN_OR_RAISE(
      auto source, ConcatSources({lists.values(), a[2].array}, ElementType(a[0].type()), &bases));
  ListWriter w(a[0].type());
  for (int64_t i = 0; i < n; ++i) {
    if (lists.IsNull(i) || (count && count->IsNull(i))) {
      w.AppendNull();
      continue;
    }
    int64_t left = mode == 0 ? 1 : mode == 1 ? count->Get(i) : INT64_MAX;
    const int64_t e = a[1].is_scalar ? 0 : i;
    const int64_t to = bases[1] + (a[2].is_scalar ? 0 : i);
    for (int64_t p = lists.Start(i); p < lists.End(i); ++p) {
      if (left > 0 && eq.Equal(p, e)) {
        --left;
        w.Push(to);
      } else {
        w.Push(p);
      }
    }
    w.Commit();
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish(source));
  return Wrap(std::move(out), a);
}

Result<Datum> Resize(const std::vector<Datum>& a, int64_t num_rows) {
  const int64_t n = OutputLength(a, num_rows);
  ListReader lists(a[0]);
  Int64Reader size(a[1]);
  std::vector<int64_t> bases;
  ArrayPtr fill = a.size() > 2 ? a[2].array : nullptr;
  if (!fill) {
    QUIVER_ASSIGN_OR_RAISE(fill, compute::internal::MakeNullArray(ElementType(a[0].type()), 1));
  }
  const bool fill_scalar = a.size() <= 2 || a[2].is_scalar;
  QUIVER_ASSIGN_OR_RAISE(auto source,
                         ConcatSources({lists.values(), fill}, ElementType(a[0].type()), &bases));
  ListWriter w(a[0].type());
  for (int64_t i = 0; i < n; ++i) {
    if (lists.IsNull(i) || size.IsNull(i)) {
      w.AppendNull();
      continue;
    }
    if (size.Get(i) < 0) {
      return Status::Execution("array_resize: new size must be non-negative");
    }
    const int64_t want = size.Get(i), len = lists.Length(i);
    for (int64_t k = 0; k < want; ++k) {
      w.Push(k < len ? lists.Start(i) + k : bases[1] + (fill_scalar ? 0 : i));
    }
    w.Commit();
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish(source));
  return Wrap(std::move(out), a);
}

Result<Datum> Reverse(const std::vector<Datum>& a, int64_t num_rows) {
  const int64_t n = OutputLength(a, num_rows);
  ListReader lists(a[0]);
  ListWriter w(a[0].type()->id() == TypeId::kNull ? list(null()) : a[0].type());
  for (int64_t i = 0; i < n; ++i) {
    if (lists.IsNull(i)) {
      w.AppendNull();
      continue;
    }
    for (int64_t p = lists.End(i) - 1; p >= lists.Start(i); --p) w.Push(p);
    w.Commit();
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish(lists.values()));
  return Wrap(std::move(out), a);
}

/// Removes every level of nesting: a list of lists of T becomes a list of T.
Result<Datum> Flatten(const std::vector<Datum>& a, int64_t num_rows, const DataTypePtr& type) {
  const int64_t n = OutputLength(a, num_rows);
  ListReader top(a[0]);
  // Per row, the [start, end) range at the current level, narrowed down.
  std::vector<int64_t> starts(n), ends(n);
  std::vector<uint8_t> valid(n, 1);
  for (int64_t i = 0; i < n; ++i) {
    valid[i] = !top.IsNull(i);
    starts[i] = valid[i] ? top.Start(i) : 0;
    ends[i] = valid[i] ? top.End(i) : 0;
  }
  ArrayPtr level = top.values();
  std::vector<int64_t> idx;
  while (level->type()->is_list()) {
    ListReader inner(Datum::Array(level));
    for (int64_t i = 0; i < n; ++i) {
      // Rows are contiguous in the child, so the narrowed range stays a range.
      int64_t s = starts[i] < ends[i] ? inner.Start(starts[i]) : 0;
      int64_t e = starts[i] < ends[i] ? inner.End(ends[i] - 1) : 0;
      starts[i] = s;
      ends[i] = e;
    }
    level = inner.values();
  }
  std::vector<int64_t> offsets{0};
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t p = starts[i]; p < ends[i]; ++p) idx.push_back(p);
    offsets.push_back(static_cast<int64_t>(idx.size()));
  }
  QUIVER_ASSIGN_OR_RAISE(auto vals, compute::internal::TakeInt64(level, idx));
  bool any_null = false;
  for (auto v : valid) any_null |= !v;
  QUIVER_ASSIGN_OR_RAISE(
      auto out, MakeListArray(type, offsets, any_null ? valid : std::vector<uint8_t>{}, vals));
  return Wrap(std::move(out), a);
}

void RegisterAppendPrepend(FunctionRegistry* r) {
  for (bool append : {true, false}) {
    FunctionSpec s;
    s.name = append ? "array_append" : "array_prepend";
    s.aliases =
        append ? std::vector<std::string>{"array_push_back", "list_append", "list_push_back"}
               : std::vector<std::string>{"array_push_front", "list_prepend", "list_push_front"};
    std::string name = s.name;
    s.coerce = [name, append](const Types& a) -> Result<Types> {
      QUIVER_RETURN_NOT_OK(CheckArgCount(name, a, 2, 2));
      return CoerceListAndElements(name, a, append ? 0 : 1, {append ? 1u : 0u});
    };
    s.return_type = [append](const Types& a) -> Result<DataTypePtr> { return a[append ? 0 : 1]; };
    s.invoke = [append](const std::vector<Datum>& a, int64_t n) {
      return AddElement(a, n, append);
    };
    RegisterSpec(r, std::move(s));
  }

  FunctionSpec c;
  c.name = "array_concat";
  c.aliases = {"array_cat", "list_concat", "list_cat"};
  c.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("array_concat", a, 1, -1));
    // Arguments keep their depth (shallower ones are wrapped at run time)
    // and meet at a common innermost type.
    Types lists, bases;
    for (const auto& t : a) {
      auto l = CoerceListArg("array_concat", t);
      if (!l.ok()) {
        return Status::Plan("The array_concat function can only accept list as the args.");
      }
      lists.push_back(*l);
      if ((*l)->id() != TypeId::kNull) bases.push_back(BaseElementType(*l));
    }
    QUIVER_ASSIGN_OR_RAISE(auto base, CommonElementType(bases, "array_concat"));
    Types out;
    for (const auto& l : lists)
      out.push_back(l->id() == TypeId::kNull ? l : ReplaceBaseType(l, base));
    return out;
  };
  c.return_type = [](const Types& a) -> Result<DataTypePtr> { return ConcatResultType(a); };
  c.invoke = [](const std::vector<Datum>& a, int64_t n) -> Result<Datum> {
    const DataTypePtr type = ConcatResultType([&] {
      Types t;
      for (const auto& d : a) t.push_back(d.type());
      return t;
    }());
    const int depth = ListDepth(type);
    std::vector<Datum> args;
    for (const auto& d : a) {
      Datum x = d;
      for (int k = x.type()->id() == TypeId::kNull ? depth : ListDepth(x.type()); k < depth; ++k) {
        QUIVER_ASSIGN_OR_RAISE(x, WrapInList(x));
      }
      args.push_back(std::move(x));
    }
    return Concat(args, n, type);
  };
  RegisterSpec(r, std::move(c));
}

void RegisterRemoveReplace(FunctionRegistry* r) {
  const char* removes[] = {"array_remove", "array_remove_n", "array_remove_all"};
  for (int mode = 0; mode < 3; ++mode) {
    FunctionSpec s;
    s.name = removes[mode];
    s.aliases = {"list" + s.name.substr(5)};
    std::string name = s.name;
    s.coerce = [name, mode](const Types& a) -> Result<Types> {
      QUIVER_RETURN_NOT_OK(CheckArgCount(name, a, mode == 1 ? 3 : 2, mode == 1 ? 3 : 2));
      QUIVER_ASSIGN_OR_RAISE(auto out, CoerceListAndElements(name, a, 0, {1}));
      if (mode == 1) {
        QUIVER_ASSIGN_OR_RAISE(out[2], CoerceIntArg(name, a[2]));
      }
      return out;
    };
    s.return_type = [](const Types& a) -> Result<DataTypePtr> { return a[0]; };
    s.invoke = [mode](const std::vector<Datum>& a, int64_t n) { return Remove(a, n, mode); };
    RegisterSpec(r, std::move(s));
  }
  const char* replaces[] = {"array_replace", "array_replace_n", "array_replace_all"};
  for (int mode = 0; mode < 3; ++mode) {
    FunctionSpec s;
    s.name = replaces[mode];
    s.aliases = {"list" + s.name.substr(5)};
    std::string name = s.name;
    s.coerce = [name, mode](const Types& a) -> Result<Types> {
      QUIVER_RETURN_NOT_OK(CheckArgCount(name, a, mode == 1 ? 4 : 3, mode == 1 ? 4 : 3));
      QUIVER_ASSIGN_OR_RAISE(auto out, CoerceListAndElements(name, a, 0, {1, 2}));
      if (mode == 1) {
        QUIVER_ASSIGN_OR_RAISE(out[3], CoerceIntArg(name, a[3]));
      }
      return out;
    };
    s.return_type = [](const Types& a) -> Result<DataTypePtr> { return a[0]; };
    s.invoke = [mode](const std::vector<Datum>& a, int64_t n) { return Replace(a, n, mode); };
    RegisterSpec(r, std::move(s));
  }
}

void RegisterReshape(FunctionRegistry* r) {
  FunctionSpec s;
  s.name = "array_resize";
  s.aliases = {"list_resize"};
  s.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("array_resize", a, 2, 3));
    std::vector<size_t> elems;
    if (a.size() == 3) elems.push_back(2);
    QUIVER_ASSIGN_OR_RAISE(auto out, CoerceListAndElements("array_resize", a, 0, elems));
    QUIVER_ASSIGN_OR_RAISE(out[1], CoerceIntArg("array_resize", a[1]));
    return out;
  };
  s.return_type = [](const Types& a) -> Result<DataTypePtr> { return a[0]; };
  s.invoke = Resize;
  RegisterSpec(r, std::move(s));

  FunctionSpec rev;
  rev.name = "array_reverse";
  rev.aliases = {"list_reverse"};
  rev.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("array_reverse", a, 1, 1));
    QUIVER_ASSIGN_OR_RAISE(auto l, CoerceListArg("array_reverse", a[0]));
    return Types{l};
  };
  rev.return_type = [](const Types& a) -> Result<DataTypePtr> {
    return a[0]->id() == TypeId::kNull ? list(null()) : a[0];
  };
  rev.invoke = Reverse;
  RegisterSpec(r, std::move(rev));

  FunctionSpec f;
  f.name = "flatten";
  f.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("flatten", a, 1, 1));
    QUIVER_ASSIGN_OR_RAISE(auto l, CoerceListArg("flatten", a[0]));
    return Types{l};
  };
  f.return_type = [](const Types& a) -> Result<DataTypePtr> {
    if (a[0]->id() == TypeId::kNull) return list(null());
    return ListLike(a[0], BaseElementType(a[0]));
  };
  f.invoke = [](const std::vector<Datum>& a, int64_t n) -> Result<Datum> {
    DataTypePtr t = a[0].type()->id() == TypeId::kNull
                        ? list(null())
                        : ListLike(a[0].type(), BaseElementType(a[0].type()));
    return Flatten(a, n, t);
  };
  RegisterSpec(r, std::move(f));
}

}  // namespace

void RegisterArrayModifyFunctions(FunctionRegistry* r) {
  RegisterAppendPrepend(r);
  RegisterRemoveReplace(r);
  RegisterReshape(r);
}

}  // namespace quiver::functions
