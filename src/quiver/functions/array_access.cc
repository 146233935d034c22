// Reading parts of arrays: array_element, array_slice, array_pop_front/back,
// and shape functions (array_length, cardinality, array_dims, array_ndims,
// empty).
#include "quiver/functions/array_functions_internal.h"

namespace quiver::functions {

namespace {

using Types = std::vector<DataTypePtr>;

/// 1-based (negative: from the end) index into a list of `len` elements as a
/// 0-based position, or -1 when out of range.
int64_t ElementPos(int64_t index, int64_t len) {
  if (index > 0) return index <= len ? index - 1 : -1;
  if (index < 0) return len + index >= 0 ? len + index : -1;
  return -1;
}

Result<Datum> ArrayElement(const std::vector<Datum>& a, int64_t num_rows) {
  const int64_t n = OutputLength(a, num_rows);
  ListReader lists(a[0]);
  Int64Reader idx(a[1]);
  std::vector<int64_t> take(n, -1);
  for (int64_t i = 0; i < n; ++i) {
    if (lists.IsNull(i) || idx.IsNull(i)) continue;
    int64_t p = ElementPos(idx.Get(i), lists.Length(i));
    if (p >= 0) take[i] = lists.Start(i) + p;
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, compute::internal::TakeInt64(lists.values(), take));
  return Wrap(std::move(out), a);
}

Result<Datum> ArraySlice(const std::vector<Datum>& a, int64_t num_rows) {
  const int64_t n = OutputLength(a, num_rows);
  ListReader lists(a[0]);
  Int64Reader from(a[1]), to(a[2]);
  std::optional<Int64Reader> stride;
  if (a.size() > 3) stride.emplace(a[3]);
  ListWriter w(a[0].type()->id() == TypeId::kNull ? list(null()) : a[0].type());
  for (int64_t i = 0; i < n; ++i) {
    // A null list gives an empty one (as DataFusion does).
    if (lists.IsNull(i)) {
      w.Commit();
      continue;
    }
    const int64_t len = lists.Length(i), base = lists.Start(i);
    int64_t step = stride && !stride->IsNull(i) ? stride->Get(i) : 1;
    if (step == 0) return Status::Execution("array_slice got invalid stride: 0, it cannot be 0");
    // Positions are 0-based and inclusive; a null bound means the list end.
    int64_t lo, hi;
    const bool fn = from.IsNull(i), tn = to.IsNull(i);
    const int64_t f = fn ? 0 : from.Get(i), t = tn ? 0 : to.Get(i);
    if (step > 0) {
      lo = fn ? 0 : f > 0 ? f - 1 : f == 0 ? 0 : len + f;
      hi = tn ? len - 1 : t > 0 ? std::min(t, len) - 1 : t == 0 ? -1 : len + t;
      if (lo >= 0) {
        for (int64_t p = lo; p <= hi && p < len; p += step) w.Push(base + p);
      }
    } else {
      lo = fn ? len - 1 : f > 0 ? std::min(f, len) - 1 : f == 0 ? 0 : len + f;
      hi = tn ? 0 : t > 0 ? t - 1 : t == 0 ? 0 : len + t;
      if (hi >= 0) {
        for (int64_t p = lo; p >= hi && p >= 0; p += step) {
          if (p < len) w.Push(base + p);
        }
      }
    }
    w.Commit();
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish(lists.values()));
  return Wrap(std::move(out), a);
}

/// array_pop_front (drop = front) / array_pop_back.
Result<Datum> PopOne(const std::vector<Datum>& a, int64_t num_rows, bool front) {
  const int64_t n = OutputLength(a, num_rows);
  ListReader lists(a[0]);
  ListWriter w(a[0].type());
  for (int64_t i = 0; i < n; ++i) {
    // A null list gives an empty one (as DataFusion does).
    if (lists.IsNull(i)) {
      w.Commit();
      continue;
    }
    int64_t s = lists.Start(i), e = lists.End(i);
    if (s < e) {
      if (front)
        ++s;
      else
        --e;
    }
    for (int64_t p = s; p < e; ++p) w.Push(p);
    w.Commit();
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish(lists.values()));
  return Wrap(std::move(out), a);
}

/// Lengths of each level, following the first element of every level.
std::vector<uint64_t> Dims(const ArrayPtr& array, int64_t row) {
  std::vector<uint64_t> dims;
  ArrayPtr cur = array;
  int64_t r = row;
  while (cur->type()->is_list() && !cur->IsNull(r)) {
    ListReader lr(Datum::Array(cur));
    int64_t len = lr.Length(r);
    dims.push_back(static_cast<uint64_t>(len));
    if (len == 0) break;
    r = lr.Start(r);
    cur = lr.values();
  }
  return dims;
}

void RegisterElementAndSlice(FunctionRegistry* r) {
  FunctionSpec e;
  e.name = "array_element";
  e.aliases = {"array_extract", "list_element", "list_extract"};
  e.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("array_element", a, 2, 2));
    QUIVER_ASSIGN_OR_RAISE(auto l, StrictList("array_element", a[0]));
    QUIVER_ASSIGN_OR_RAISE(auto i, CoerceIntArg("array_element", a[1]));
    return Types{l, i};
  };
  e.return_type = [](const Types& a) -> Result<DataTypePtr> { return ElementType(a[0]); };
  e.invoke = ArrayElement;
  RegisterSpec(r, std::move(e));

  FunctionSpec s;
  s.name = "array_slice";
  s.aliases = {"list_slice"};
  s.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("array_slice", a, 3, 4));
    QUIVER_ASSIGN_OR_RAISE(auto l, CoerceListArg("array_slice", a[0]));
    Types out{l};
    for (size_t i = 1; i < a.size(); ++i) {
      if (a[i]->id() == TypeId::kNull) {
        return Status::Plan("array_slice does not support NULL as an index");
      }
      QUIVER_ASSIGN_OR_RAISE(auto t, CoerceIntArg("array_slice", a[i]));
      out.push_back(t);
    }
    return out;
  };
  s.return_type = [](const Types& a) -> Result<DataTypePtr> {
    return a[0]->id() == TypeId::kNull ? list(null()) : a[0];
  };
  s.invoke = ArraySlice;
  RegisterSpec(r, std::move(s));

  for (bool front : {true, false}) {
    FunctionSpec p;
    p.name = front ? "array_pop_front" : "array_pop_back";
    p.aliases = {front ? "list_pop_front" : "list_pop_back"};
    std::string name = p.name;
    p.coerce = [name](const Types& a) -> Result<Types> {
      QUIVER_RETURN_NOT_OK(CheckArgCount(name, a, 1, 1));
      QUIVER_ASSIGN_OR_RAISE(auto l, CoerceListArg(name, a[0]));
      return Types{l};
    };
    p.return_type = [](const Types& a) -> Result<DataTypePtr> { return a[0]; };
    p.invoke = [front](const std::vector<Datum>& a, int64_t n) { return PopOne(a, n, front); };
    RegisterSpec(r, std::move(p));
  }
}

void RegisterShapeFunctions(FunctionRegistry* r) {
  FunctionSpec len;
  len.name = "array_length";
  len.aliases = {"list_length"};
  len.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("array_length", a, 1, 2));
    QUIVER_ASSIGN_OR_RAISE(auto l, CoerceListArg("array_length", a[0]));
    Types out{l};
    if (a.size() == 2) {
      QUIVER_ASSIGN_OR_RAISE(auto d, CoerceIntArg("array_length", a[1]));
      out.push_back(d);
    }
    return out;
  };
  len.return_type = [](const Types&) -> Result<DataTypePtr> { return uint64(); };
  len.invoke = [](const std::vector<Datum>& a, int64_t num_rows) -> Result<Datum> {
    const int64_t n = OutputLength(a, num_rows);
    ListReader lists(a[0]);
    std::optional<Int64Reader> dim;
    if (a.size() == 2) dim.emplace(a[1]);
    NumWriter<uint64_t> w(uint64(), n);
    for (int64_t i = 0; i < n; ++i) {
      if (lists.IsNull(i) || (dim && dim->IsNull(i))) {
        w.SetNull(i);
        continue;
      }
      int64_t d = dim ? dim->Get(i) : 1;
      if (d == 1) {
        w.values()[i] = static_cast<uint64_t>(lists.Length(i));
        continue;
      }
      auto dims = Dims(a[0].array, a[0].is_scalar ? 0 : i);
      if (d < 1 || d > static_cast<int64_t>(dims.size())) {
        w.SetNull(i);
      } else {
        w.values()[i] = dims[d - 1];
      }
    }
    QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish());
    return Wrap(std::move(out), a);
  };
  RegisterSpec(r, std::move(len));

  FunctionSpec dims;
  dims.name = "array_dims";
  dims.aliases = {"list_dims"};
  dims.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("array_dims", a, 1, 1));
    QUIVER_ASSIGN_OR_RAISE(auto l, CoerceListArg("array_dims", a[0]));
    return Types{l};
  };
  dims.return_type = [](const Types&) -> Result<DataTypePtr> { return list(uint64()); };
  dims.invoke = [](const std::vector<Datum>& a, int64_t num_rows) -> Result<Datum> {
    const int64_t n = OutputLength(a, num_rows);
    std::vector<int64_t> offsets{0};
    std::vector<uint64_t> values;
    std::vector<uint8_t> valid(n, 1);
    for (int64_t i = 0; i < n; ++i) {
      auto d = a[0].type()->id() == TypeId::kNull ? std::vector<uint64_t>{}
                                                  : Dims(a[0].array, a[0].is_scalar ? 0 : i);
      if (d.empty() || d[0] == 0) {
        valid[i] = 0;
      } else {
        values.insert(values.end(), d.begin(), d.end());
      }
      offsets.push_back(static_cast<int64_t>(values.size()));
    }
    QUIVER_ASSIGN_OR_RAISE(auto vals, ArrayFromVector<uint64_t>(uint64(), values));
    QUIVER_ASSIGN_OR_RAISE(auto out, MakeListArray(list(uint64()), offsets, valid, vals));
    return Wrap(std::move(out), a);
  };
  RegisterSpec(r, std::move(dims));

  FunctionSpec card;
  card.name = "cardinality";
  card.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("cardinality", a, 1, 1));
    if (a[0]->id() == TypeId::kMap) return a;
    QUIVER_ASSIGN_OR_RAISE(auto l, StrictList("cardinality", a[0]));
    return Types{l};
  };
  card.return_type = [](const Types&) -> Result<DataTypePtr> { return uint64(); };
  card.invoke = [](const std::vector<Datum>& a, int64_t num_rows) -> Result<Datum> {
    const int64_t n = OutputLength(a, num_rows);
    NumWriter<uint64_t> w(uint64(), n);
    ListReader lists(a[0]);
    for (int64_t i = 0; i < n; ++i) {
      if (lists.IsNull(i)) {
        w.SetNull(i);
        continue;
      }
      if (a[0].type()->id() == TypeId::kMap) {
        w.values()[i] = static_cast<uint64_t>(lists.Length(i));
        continue;
      }
      auto d = Dims(a[0].array, a[0].is_scalar ? 0 : i);
      if (d.empty() || d[0] == 0) {
        w.SetNull(i);
        continue;
      }
      uint64_t prod = 1;
      for (uint64_t x : d) prod *= x;
      w.values()[i] = prod;
    }
    QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish());
    return Wrap(std::move(out), a);
  };
  RegisterSpec(r, std::move(card));

  FunctionSpec nd;
  nd.name = "array_ndims";
  nd.aliases = {"list_ndims"};
  nd.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("array_ndims", a, 1, 1));
    QUIVER_ASSIGN_OR_RAISE(auto l, StrictList("array_ndims", a[0]));
    return Types{l};
  };
  nd.return_type = [](const Types&) -> Result<DataTypePtr> { return uint64(); };
  nd.invoke = [](const std::vector<Datum>& a, int64_t num_rows) -> Result<Datum> {
    const int64_t n = OutputLength(a, num_rows);
    NumWriter<uint64_t> w(uint64(), n);
    ListReader lists(a[0]);
    const auto depth = static_cast<uint64_t>(ListDepth(a[0].type()));
    for (int64_t i = 0; i < n; ++i) {
      if (lists.IsNull(i)) {
        w.SetNull(i);
      } else {
        w.values()[i] = depth;
      }
    }
    QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish());
    return Wrap(std::move(out), a);
  };
  RegisterSpec(r, std::move(nd));

  FunctionSpec em;
  em.name = "empty";
  em.aliases = {"array_empty", "list_empty"};
  em.coerce = [](const Types& a) -> Result<Types> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("empty", a, 1, 1));
    QUIVER_ASSIGN_OR_RAISE(auto l, CoerceListArg("empty", a[0]));
    return Types{l};
  };
  em.return_type = [](const Types&) -> Result<DataTypePtr> { return boolean(); };
  em.invoke = [](const std::vector<Datum>& a, int64_t num_rows) -> Result<Datum> {
    const int64_t n = OutputLength(a, num_rows);
    BoolWriter w(n);
    ListReader lists(a[0]);
    for (int64_t i = 0; i < n; ++i) {
      if (lists.IsNull(i)) {
        w.SetNull(i);
      } else {
        w.Set(i, lists.Length(i) == 0);
      }
    }
    QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish());
    return Wrap(std::move(out), a);
  };
  RegisterSpec(r, std::move(em));
}

}  // namespace

void RegisterArrayAccessFunctions(FunctionRegistry* r) {
  RegisterElementAndSlice(r);
  RegisterShapeFunctions(r);
}

}  // namespace quiver::functions
