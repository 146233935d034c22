// Set-like array functions: array_sort, array_distinct, array_union,
// array_intersect, array_except.
#include <algorithm>

#include "quiver/functions/array_functions_internal.h"

namespace quiver::functions {

namespace {

using Types = std::vector<DataTypePtr>;

/// Sorts the elements of every row: all rows' elements are gathered with
/// their row number, and one multi-key sort (row, value) orders them.
Result<Datum> Sort(const std::vector<Datum>& a, int64_t num_rows, bool desc, bool nulls_first,
                   bool distinct) {
  const int64_t n = OutputLength(a, num_rows);
  ListReader lists(a[0]);
  std::vector<int64_t> idx, row_of;
  for (int64_t i = 0; i < n; ++i) {
    if (lists.IsNull(i)) continue;
    for (int64_t p = lists.Start(i); p < lists.End(i); ++p) {
      idx.push_back(p);
      row_of.push_back(i);
    }
  }
  QUIVER_ASSIGN_OR_RAISE(auto gathered, compute::internal::TakeInt64(lists.values(), idx));
  QUIVER_ASSIGN_OR_RAISE(auto rows, ArrayFromVector<int64_t>(int64(), row_of));
  std::vector<compute::SortKey> keys{{rows, false, false}, {gathered, desc, nulls_first}};
  QUIVER_ASSIGN_OR_RAISE(auto perm_arr, compute::SortIndices(keys));
  const auto* perm = compute::internal::Values<uint64_t>(*perm_arr);
  QUIVER_ASSIGN_OR_RAISE(auto eq, ElementEq::Make(gathered, gathered));
  ListWriter w(a[0].type()->id() == TypeId::kNull ? list(null()) : a[0].type());
  int64_t k = 0;
  const int64_t total = static_cast<int64_t>(idx.size());
  for (int64_t i = 0; i < n; ++i) {
    if (lists.IsNull(i)) {
      w.AppendNull();
      continue;
    }
    int64_t last = -1;
    while (k < total && row_of[perm[k]] == i) {
      const auto p = static_cast<int64_t>(perm[k]);
      if (!distinct || last < 0 || !eq.Equal(last, p)) w.Push(p);
      last = p;
      ++k;
    }
    w.Commit();
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish(gathered));
  return Wrap(std::move(out), a);
}

Result<std::string> SortOption(const Datum& d, int64_t i) {
  StringReader r(d);
  if (r.IsNull(i)) return std::string();
  return AsciiLower(r.Get(i));
}

Result<Datum> ArraySort(const std::vector<Datum>& a, int64_t num_rows) {
  bool desc = false, nulls_first = true;
  if (a.size() > 1) {
    if (!a[1].is_scalar) return Status::NotImplemented("array_sort with a non-constant order");
    QUIVER_ASSIGN_OR_RAISE(auto o, SortOption(a[1], 0));
    if (o == "desc") {
      desc = true;
    } else if (o != "asc") {
      return Status::Execution("the second parameter of array_sort expects DESC or ASC");
    }
  }
  if (a.size() > 2) {
    if (!a[2].is_scalar) return Status::NotImplemented("array_sort with non-constant nulls");
    QUIVER_ASSIGN_OR_RAISE(auto o, SortOption(a[2], 0));
    if (o == "nulls last") {
      nulls_first = false;
    } else if (o != "nulls first") {
      return Status::Execution(
          "the third parameter of array_sort expects NULLS FIRST or NULLS LAST");
    }
  }
  return Sort({a[0]}, num_rows, desc, nulls_first, false);
}

enum class SetOp { kUnion, kIntersect, kExcept };

Result<Datum> SetOperation(const std::vector<Datum>& a, int64_t num_rows, SetOp op,
                           const DataTypePtr& type) {
  const int64_t n = OutputLength(a, num_rows);
  ListReader l(a[0]), r(a[1]);
  std::vector<int64_t> bases;
  QUIVER_ASSIGN_OR_RAISE(auto source,
                         ConcatSources({l.values(), r.values()}, ElementType(type), &bases));
  QUIVER_ASSIGN_OR_RAISE(auto eq, ElementEq::Make(source, source));
  ListWriter w(type);
  std::vector<int64_t> out;
  for (int64_t i = 0; i < n; ++i) {
    const bool ln = l.IsNull(i), rn = r.IsNull(i);
    if (ln && rn) {
      w.AppendNull();
      continue;
    }
    if (op != SetOp::kUnion && ln) {
      w.AppendNull();
      continue;
    }
    out.clear();
    auto contains = [&](int64_t from, int64_t to, int64_t x) {
      for (int64_t q = from; q < to; ++q) {
        if (eq.Equal(q, x)) return true;
      }
      return false;
    };
    auto seen = [&](int64_t x) {
      for (int64_t q : out) {
        if (eq.Equal(q, x)) return true;
      }
      return false;
    };
    const int64_t ls = ln ? 0 : bases[0] + l.Start(i), le = ln ? 0 : bases[0] + l.End(i);
    const int64_t rs = rn ? 0 : bases[1] + r.Start(i), re = rn ? 0 : bases[1] + r.End(i);
    for (int64_t p = ls; p < le; ++p) {
      bool keep = op == SetOp::kUnion ||
                  (op == SetOp::kIntersect ? contains(rs, re, p) : !contains(rs, re, p));
      if (keep && !seen(p)) out.push_back(p);
    }
    if (op == SetOp::kUnion) {
      for (int64_t p = rs; p < re; ++p) {
        if (!seen(p)) out.push_back(p);
      }
    }
    for (int64_t p : out) w.Push(p);
    w.Commit();
  }
  QUIVER_ASSIGN_OR_RAISE(auto res, w.Finish(source));
  // Intersections come out sorted (as DataFusion's do).
  if (op == SetOp::kIntersect) return Sort({Datum{res, AllScalar(a)}}, n, false, true, true);
  return Wrap(std::move(res), a);
}

}  // namespace

void RegisterArraySetFunctions(FunctionRegistry* r) {
  FunctionSpec s;
  s.name = "array_sort";
  s.aliases = {"list_sort"};
  s.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("array_sort", a, 1, 3));
    QUIVER_ASSIGN_OR_RAISE(auto l, CoerceListArg("array_sort", a[0]));
    Types out{l};
    for (size_t i = 1; i < a.size(); ++i) out.push_back(utf8());
    return out;
  };
  s.return_type = [](const Types& a) -> Result<DataTypePtr> {
    return a[0]->id() == TypeId::kNull ? list(null()) : a[0];
  };
  s.invoke = ArraySort;
  RegisterSpec(r, std::move(s));

  FunctionSpec d;
  d.name = "array_distinct";
  d.aliases = {"list_distinct"};
  d.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("array_distinct", a, 1, 1));
    QUIVER_ASSIGN_OR_RAISE(auto l, CoerceListArg("array_distinct", a[0]));
    return Types{l};
  };
  d.return_type = [](const Types& a) -> Result<DataTypePtr> {
    return a[0]->id() == TypeId::kNull ? list(null()) : a[0];
  };
  d.invoke = [](const std::vector<Datum>& a, int64_t n) { return Sort(a, n, false, true, true); };
  RegisterSpec(r, std::move(d));

  struct Op {
    const char* name;
    const char* alias;
    SetOp op;
  };
  for (const Op& op : {Op{"array_union", "list_union", SetOp::kUnion},
                       Op{"array_intersect", "list_intersect", SetOp::kIntersect},
                       Op{"array_except", "list_except", SetOp::kExcept}}) {
    FunctionSpec f;
    f.name = op.name;
    f.aliases = {op.alias};
    std::string name = op.name;
    f.coerce = [name](const Types& a) -> Result<Types> {
      QUIVER_RETURN_NOT_OK(CheckArgCount(name, a, 2, 2));
      QUIVER_ASSIGN_OR_RAISE(auto l, CoerceListArg(name, a[0]));
      QUIVER_ASSIGN_OR_RAISE(auto rr, CoerceListArg(name, a[1]));
      auto common = ComparisonCoercion(ElementType(l), ElementType(rr));
      if (!common) {
        return Status::Plan(name + " received incompatible types: " + a[0]->ToString() + " and " +
                            a[1]->ToString());
      }
      bool large = l->id() == TypeId::kLargeList || rr->id() == TypeId::kLargeList;
      DataTypePtr t = large ? large_list(common) : list(common);
      return Types{t, t};
    };
    f.return_type = [](const Types& a) -> Result<DataTypePtr> { return a[0]; };
    SetOp kind = op.op;
    f.invoke = [kind](const std::vector<Datum>& a, int64_t n) {
      return SetOperation(a, n, kind, a[0].type());
    };
    RegisterSpec(r, std::move(f));
  }
}

}  // namespace quiver::functions
