// Searching arrays: array_has (array_contains), array_has_all,
// array_has_any, array_position, array_positions.
#include "quiver/functions/array_functions_internal.h"

namespace quiver::functions {

namespace {

using Types = std::vector<DataTypePtr>;

/// list + needle: the list's elements and the needle meet at a common type.
Result<Types> CoerceListNeedle(const std::string& fn, const Types& a) {
  QUIVER_ASSIGN_OR_RAISE(auto l, CoerceListArg(fn, a[0]));
  DataTypePtr item = ElementType(l);
  DataTypePtr needle = a[1];
  if (needle->id() == TypeId::kFixedSizeList) needle = list(needle->field(0));
  auto common = ComparisonCoercion(item, needle);
  if (!common) {
    return Status::Plan(fn + " received incompatible types: " + a[0]->ToString() + " and " +
                        a[1]->ToString());
  }
  Types out = a;
  out[0] = l->id() == TypeId::kNull ? l : ListLike(l, common);
  out[1] = common;
  return out;
}

/// Two lists whose element types meet.
Result<Types> CoerceTwoLists(const std::string& fn, const Types& a) {
  QUIVER_ASSIGN_OR_RAISE(auto l, CoerceListArg(fn, a[0]));
  QUIVER_ASSIGN_OR_RAISE(auto r, CoerceListArg(fn, a[1]));
  auto common = ComparisonCoercion(ElementType(l), ElementType(r));
  if (!common) {
    return Status::Plan(fn + " received incompatible types: " + a[0]->ToString() + " and " +
                        a[1]->ToString());
  }
  return Types{l->id() == TypeId::kNull ? l : ListLike(l, common),
               r->id() == TypeId::kNull ? r : ListLike(r, common)};
}

Result<Datum> Has(const std::vector<Datum>& a, int64_t num_rows) {
  const int64_t n = OutputLength(a, num_rows);
  ListReader lists(a[0]);
  QUIVER_ASSIGN_OR_RAISE(auto eq, ElementEq::Make(lists.values(), a[1].array));
  BoolWriter w(n);
  for (int64_t i = 0; i < n; ++i) {
    if (lists.IsNull(i)) {
      w.SetNull(i);
      continue;
    }
    const int64_t e = a[1].is_scalar ? 0 : i;
    bool found = false;
    if (!a[1].array->IsNull(e)) {
      for (int64_t p = lists.Start(i); p < lists.End(i) && !found; ++p) found = eq.Equal(p, e);
    }
    w.Set(i, found);
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish());
  return Wrap(std::move(out), a);
}

/// array_has_all (all = true) / array_has_any.
Result<Datum> HasSet(const std::vector<Datum>& a, int64_t num_rows, bool all) {
  const int64_t n = OutputLength(a, num_rows);
  ListReader hay(a[0]), needles(a[1]);
  QUIVER_ASSIGN_OR_RAISE(auto eq, ElementEq::Make(hay.values(), needles.values()));
  BoolWriter w(n);
  for (int64_t i = 0; i < n; ++i) {
    if (hay.IsNull(i) || needles.IsNull(i)) {
      w.SetNull(i);
      continue;
    }
    bool result = all;
    for (int64_t q = needles.Start(i); q < needles.End(i); ++q) {
      bool found = false;
      for (int64_t p = hay.Start(i); p < hay.End(i) && !found; ++p) found = eq.Equal(p, q);
      if (all && !found) {
        result = false;
        break;
      }
      if (!all && found) {
        result = true;
        break;
      }
    }
    w.Set(i, result);
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish());
  return Wrap(std::move(out), a);
}

Result<Datum> Position(const std::vector<Datum>& a, int64_t num_rows) {
  const int64_t n = OutputLength(a, num_rows);
  ListReader lists(a[0]);
  QUIVER_ASSIGN_OR_RAISE(auto eq, ElementEq::Make(lists.values(), a[1].array));
  std::optional<Int64Reader> from;
  if (a.size() > 2) from.emplace(a[2]);
  std::vector<uint64_t> vals(n, 0);
  std::vector<bool> ok(n, false);
  for (int64_t i = 0; i < n; ++i) {
    if (lists.IsNull(i) || (from && from->IsNull(i))) continue;
    const int64_t e = a[1].is_scalar ? 0 : i;
    int64_t start = from ? from->Get(i) : 1;
    if (start < 0) start += lists.Length(i) + 1;
    if (start < 1 || start > std::max<int64_t>(lists.Length(i), 1)) {
      return Status::Execution("array_position index out of bounds: " +
                               std::to_string(from->Get(i)));
    }
    for (int64_t p = lists.Start(i) + start - 1; p < lists.End(i); ++p) {
      if (eq.Equal(p, e)) {
        vals[i] = static_cast<uint64_t>(p - lists.Start(i) + 1);
        ok[i] = true;
        break;
      }
    }
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, ArrayFromVector<uint64_t>(uint64(), vals, ok));
  return Wrap(std::move(out), a);
}

Result<Datum> Positions(const std::vector<Datum>& a, int64_t num_rows) {
  const int64_t n = OutputLength(a, num_rows);
  ListReader lists(a[0]);
  QUIVER_ASSIGN_OR_RAISE(auto eq, ElementEq::Make(lists.values(), a[1].array));
  std::vector<int64_t> offsets{0};
  std::vector<uint64_t> values;
  std::vector<uint8_t> valid(n, 1);
  for (int64_t i = 0; i < n; ++i) {
    if (lists.IsNull(i)) {
      valid[i] = 0;
    } else {
      const int64_t e = a[1].is_scalar ? 0 : i;
      for (int64_t p = lists.Start(i); p < lists.End(i); ++p) {
        if (eq.Equal(p, e)) values.push_back(static_cast<uint64_t>(p - lists.Start(i) + 1));
      }
    }
    offsets.push_back(static_cast<int64_t>(values.size()));
  }
  QUIVER_ASSIGN_OR_RAISE(auto vals, ArrayFromVector<uint64_t>(uint64(), values));
  QUIVER_ASSIGN_OR_RAISE(auto out, MakeListArray(list(uint64()), offsets, valid, vals));
  return Wrap(std::move(out), a);
}

}  // namespace

void RegisterArraySearchFunctions(FunctionRegistry* r) {
  FunctionSpec has;
  has.name = "array_has";
  has.aliases = {"list_has", "array_contains", "list_contains"};
  has.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("array_has", a, 2, 2));
    return CoerceListNeedle("array_has", a);
  };
  has.return_type = [](const Types&) -> Result<DataTypePtr> { return boolean(); };
  has.invoke = Has;
  RegisterSpec(r, std::move(has));

  for (bool all : {true, false}) {
    FunctionSpec s;
    s.name = all ? "array_has_all" : "array_has_any";
    s.aliases = all ? std::vector<std::string>{"list_has_all"}
                    : std::vector<std::string>{"list_has_any", "arrays_overlap"};
    std::string name = s.name;
    s.coerce = [name](const Types& a) -> Result<Types> {
      QUIVER_RETURN_NOT_OK(CheckArgCount(name, a, 2, 2));
      return CoerceTwoLists(name, a);
    };
    s.return_type = [](const Types&) -> Result<DataTypePtr> { return boolean(); };
    s.invoke = [all](const std::vector<Datum>& a, int64_t n) { return HasSet(a, n, all); };
    RegisterSpec(r, std::move(s));
  }

  FunctionSpec pos;
  pos.name = "array_position";
  pos.aliases = {"list_position", "array_indexof", "list_indexof"};
  pos.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("array_position", a, 2, 3));
    QUIVER_ASSIGN_OR_RAISE(auto out, CoerceListNeedle("array_position", a));
    if (a.size() == 3) {
      QUIVER_ASSIGN_OR_RAISE(out[2], CoerceIntArg("array_position", a[2]));
    }
    return out;
  };
  pos.return_type = [](const Types&) -> Result<DataTypePtr> { return uint64(); };
  pos.invoke = Position;
  RegisterSpec(r, std::move(pos));

  FunctionSpec ps;
  ps.name = "array_positions";
  ps.aliases = {"list_positions"};
  ps.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("array_positions", a, 2, 2));
    return CoerceListNeedle("array_positions", a);
  };
  ps.return_type = [](const Types&) -> Result<DataTypePtr> { return list(uint64()); };
  ps.invoke = Positions;
  RegisterSpec(r, std::move(ps));
}

}  // namespace quiver::functions
