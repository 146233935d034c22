// Array constructors: make_array / [..] literals, array_repeat, range and
// generate_series; plus the registration entry point of the array family.
#include <algorithm>

#include "quiver/arrow/decimal.h"
#include "quiver/arrow/temporal.h"
#include "quiver/functions/array_functions_internal.h"
#include "quiver/functions/scalar_families.h"

namespace quiver::functions {

Result<DataTypePtr> CoerceListArg(const std::string& fn, const DataTypePtr& t0) {
  DataTypePtr t = t0;
  if (t->id() == TypeId::kDictionary) t = t->value_type();
  if (t->id() == TypeId::kNull) return t;
  if (t->id() == TypeId::kFixedSizeList) return list(t->field(0));
  if (t->id() == TypeId::kList || t->id() == TypeId::kLargeList) return t;
  return Status::Plan(fn + " does not support type '" + t0->ToString() + "'.");
}

Result<DataTypePtr> StrictList(const std::string& fn, const DataTypePtr& t) {
  QUIVER_ASSIGN_OR_RAISE(auto c, CoerceListArg(fn, t));
  if (c->id() == TypeId::kNull) {
    return Status::Plan(fn + " does not support type '" + t->ToString() + "'.");
  }
  return c;
}

Status CheckArgCount(const std::string& fn, const std::vector<DataTypePtr>& args, size_t min,
                     int max) {
  if (args.empty() && min > 0) {
    return Status::Plan("Error during planning: " + fn + " does not support zero arguments.");
  }
  if (args.size() < min || (max >= 0 && args.size() > static_cast<size_t>(max))) {
    return Status::Plan("Error during planning: " + fn + " function requires " +
                        std::to_string(min) + (max == static_cast<int>(min) ? "" : "+") +
                        " arguments, got " + std::to_string(args.size()));
  }
  return Status::OK();
}

Result<DataTypePtr> CoerceIntArg(const std::string& fn, const DataTypePtr& t0) {
  DataTypePtr t = t0;
  if (t->id() == TypeId::kDictionary) t = t->value_type();
  if (t->id() == TypeId::kNull || t->is_integer()) return int64();
  return Status::Plan(fn + " expects an integer argument, got " + t0->ToString());
}

void RegisterSpec(FunctionRegistry* r, FunctionSpec spec) {
  r->Register(std::make_shared<SpecFunction>(std::move(spec)));
}

namespace {

/// FixedSizeList becomes List (element-wise unification works on lists).
DataTypePtr Unfix(const DataTypePtr& t) {
  if (t->id() == TypeId::kFixedSizeList) return list(Unfix(t->field(0)->type()));
  if (t->is_list()) return ListLike(t, Unfix(t->field(0)->type()));
  return t;
}

Result<Datum> MakeArrayInvoke(const std::vector<Datum>& a, int64_t num_rows) {
  const int64_t n = OutputLength(a, num_rows);
  DataTypePtr item = a.empty() ? null() : a[0].type();
  std::vector<ArrayPtr> arrays;
  for (const auto& d : a) arrays.push_back(d.array);
  std::vector<int64_t> bases;
  QUIVER_ASSIGN_OR_RAISE(auto source, ConcatSources(arrays, item, &bases));
  ListWriter w(list(item));
  for (int64_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < a.size(); ++j) w.Push(bases[j] + (a[j].is_scalar ? 0 : i));
    w.Commit();
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish(source));
  return Wrap(std::move(out), a);
}

void RegisterMakeArray(FunctionRegistry* r) {
  FunctionSpec s;
  s.name = "make_array";
  s.aliases = {"make_list"};
  s.coerce = [](const std::vector<DataTypePtr>& a) -> Result<std::vector<DataTypePtr>> {
    std::vector<DataTypePtr> types;
    for (const auto& t : a) types.push_back(Unfix(t));
    QUIVER_ASSIGN_OR_RAISE(auto common, CommonElementType(types, "make_array"));
    return std::vector<DataTypePtr>(a.size(), common);
  };
  s.return_type = [](const std::vector<DataTypePtr>& a) -> Result<DataTypePtr> {
    return list(a.empty() ? null() : a[0]);
  };
  s.invoke = MakeArrayInvoke;
  RegisterSpec(r, std::move(s));
}

void RegisterArrayRepeat(FunctionRegistry* r) {
  FunctionSpec s;
  s.name = "array_repeat";
  s.aliases = {"list_repeat"};
  s.coerce = [](const std::vector<DataTypePtr>& a) -> Result<std::vector<DataTypePtr>> {
    QUIVER_RETURN_NOT_OK(CheckArgCount("array_repeat", a, 2, 2));
    QUIVER_ASSIGN_OR_RAISE(auto c, CoerceIntArg("array_repeat", a[1]));
    return std::vector<DataTypePtr>{Unfix(a[0]), c};
  };
  s.return_type = [](const std::vector<DataTypePtr>& a) -> Result<DataTypePtr> {
    return list(a[0]);
  };
  s.invoke = [](const std::vector<Datum>& a, int64_t num_rows) -> Result<Datum> {
    const int64_t n = OutputLength(a, num_rows);
    Int64Reader count(a[1]);
    ListWriter w(list(a[0].type()));
    for (int64_t i = 0; i < n; ++i) {
      if (count.IsNull(i)) {
        w.AppendNull();
        continue;
      }
      int64_t src = a[0].is_scalar ? 0 : i;
      for (int64_t k = 0; k < count.Get(i); ++k) w.Push(src);
      w.Commit();
    }
    QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish(a[0].array));
    return Wrap(std::move(out), a);
  };
  RegisterSpec(r, std::move(s));
}

/// Date ranges: start + k * step (months clamp to the month's last day).
Result<Datum> DateRange(const std::vector<Datum>& a, int64_t num_rows, const std::string& name,
                        bool inclusive) {
  const int64_t n = OutputLength(a, num_rows);
  NumReader<int32_t> start(a[0]), stop(a[1]);
  NumReader<IntervalMonthDayNano> step(a[2]);
  std::vector<int64_t> offsets{0};
  std::vector<int32_t> values;
  std::vector<uint8_t> valid(n, 1);
  for (int64_t i = 0; i < n; ++i) {
    if (start.IsNull(i) || stop.IsNull(i) || step.IsNull(i)) {
      valid[i] = 0;
      offsets.push_back(static_cast<int64_t>(values.size()));
      continue;
    }
    const IntervalMonthDayNano st = step.Get(i);
    const int64_t dir = st.months != 0 ? st.months : st.days != 0 ? st.days : st.nanoseconds;
    if (dir == 0) {
      return Status::Execution("step can't be 0 for function " + name + "(start [, stop, step])");
    }
    const auto base = temporal::CivilFromDays(start.Get(i));
    const int64_t end = stop.Get(i);
    for (int64_t k = 0;; ++k) {
      int64_t months = base.month - 1 + k * st.months;
      int64_t y = base.year + (months >= 0 ? months / 12 : (months - 11) / 12);
      auto m = static_cast<int32_t>(months - (y - base.year) * 12 + 1);
      int32_t d = std::min(base.day, temporal::DaysInMonth(y, m));
      int64_t v = temporal::DaysFromCivil(y, m, d) + k * st.days +
                  k * st.nanoseconds / (86400LL * 1000000000LL);
      bool more = dir > 0 ? (inclusive ? v <= end : v < end) : (inclusive ? v >= end : v > end);
      if (!more) break;
      values.push_back(static_cast<int32_t>(v));
      if (values.size() > (1 << 26)) return Status::Execution(name + ": result too large");
    }
    offsets.push_back(static_cast<int64_t>(values.size()));
  }
  QUIVER_ASSIGN_OR_RAISE(auto vals, ArrayFromVector<int32_t>(date32(), values));
  QUIVER_ASSIGN_OR_RAISE(auto out, MakeListArray(list(date32()), offsets, valid, vals));
  return Wrap(std::move(out), a);
}

bool IsDateRange(const std::vector<DataTypePtr>& a) {
  if (a.size() != 3) return false;
  for (const auto& t : a) {
    if (t->id() == TypeId::kDate32 || t->id() == TypeId::kDate64 || t->id() == TypeId::kInterval) {
      return true;
    }
  }
  return false;
}

/// range(start, stop, step) (stop excluded) / generate_series (included).
void RegisterRange(FunctionRegistry* r, const std::string& name, bool inclusive) {
  FunctionSpec s;
  s.name = name;
  s.coerce = [name](const std::vector<DataTypePtr>& a) -> Result<std::vector<DataTypePtr>> {
    QUIVER_RETURN_NOT_OK(CheckArgCount(name, a, 1, 3));
    if (IsDateRange(a)) {
      return std::vector<DataTypePtr>{date32(), date32(), interval(IntervalUnit::kMonthDayNano)};
    }
    std::vector<DataTypePtr> out;
    for (const auto& t : a) {
      QUIVER_ASSIGN_OR_RAISE(auto c, CoerceIntArg(name, t));
      out.push_back(c);
    }
    return out;
  };
  s.return_type = [](const std::vector<DataTypePtr>& a) -> Result<DataTypePtr> {
    return list(a[0]->id() == TypeId::kDate32 ? date32() : int64());
  };
  s.invoke = [name, inclusive](const std::vector<Datum>& a, int64_t num_rows) -> Result<Datum> {
    if (a[0].type()->id() == TypeId::kDate32) return DateRange(a, num_rows, name, inclusive);
    const int64_t n = OutputLength(a, num_rows);
    std::vector<NumReader<int64_t>> rd;
    for (const auto& d : a) rd.emplace_back(d);
    std::vector<int64_t> offsets{0}, values;
    std::vector<uint8_t> valid(n, 1);
    bool any_null = false;
    for (int64_t i = 0; i < n; ++i) {
      bool is_null = false;
      for (const auto& x : rd) is_null |= x.IsNull(i);
      if (is_null) {
        valid[i] = 0;
        any_null = true;
        offsets.push_back(static_cast<int64_t>(values.size()));
        continue;
      }
      int64_t start = a.size() == 1 ? 0 : rd[0].Get(i);
      int64_t stop = a.size() == 1 ? rd[0].Get(i) : rd[1].Get(i);
      int64_t step = a.size() == 3 ? rd[2].Get(i) : 1;
      if (step == 0) {
        return Status::Execution("step can't be 0 for function " + name + "(start [, stop, step])");
      }
      // Inclusive ranges end at stop itself when it is reached exactly.
      if (step > 0) {
        for (int64_t v = start; inclusive ? v <= stop : v < stop; v += step) {
          values.push_back(v);
          if (v > INT64_MAX - step) break;
          if (values.size() > (1 << 28)) return Status::Execution(name + ": result too large");
        }
      } else {
        for (int64_t v = start; inclusive ? v >= stop : v > stop; v += step) {
          values.push_back(v);
          if (v < INT64_MIN - step) break;
          if (values.size() > (1 << 28)) return Status::Execution(name + ": result too large");
        }
      }
      offsets.push_back(static_cast<int64_t>(values.size()));
    }
    QUIVER_ASSIGN_OR_RAISE(auto vals, ArrayFromVector<int64_t>(int64(), values));
    QUIVER_ASSIGN_OR_RAISE(
        auto out,
        MakeListArray(list(int64()), offsets, any_null ? valid : std::vector<uint8_t>{}, vals));
    return Wrap(std::move(out), a);
  };
  RegisterSpec(r, std::move(s));
}

}  // namespace

void RegisterArrayConstructFunctions(FunctionRegistry* r) {
  RegisterMakeArray(r);
  RegisterArrayRepeat(r);
  RegisterRange(r, "range", false);
  RegisterRange(r, "generate_series", true);
}

void RegisterArrayFunctions(FunctionRegistry* r) {
  RegisterArrayConstructFunctions(r);
  RegisterArrayAccessFunctions(r);
  RegisterArrayModifyFunctions(r);
  RegisterArraySearchFunctions(r);
  RegisterArraySetFunctions(r);
  RegisterArrayStringFunctions(r);
  RegisterStructMapFunctions(r);
  RegisterUnnestPlaceholder(r);
}

}  // namespace quiver::functions
