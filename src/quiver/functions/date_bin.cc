// date_bin(stride, source [, origin]): the start of the stride-wide bin,
// counted from origin (default the Unix epoch), that holds each timestamp.
// Strides of days and smaller bin on UTC nanoseconds; month strides step
// whole calendar months from the origin, clamping the day to the month's end.
#include "quiver/arrow/decimal.h"
#include "quiver/arrow/temporal.h"
#include "quiver/functions/scalar_families.h"
#include "quiver/functions/string_util.h"

namespace quiver::functions {
namespace {

using Args = std::vector<Datum>;
using Types = std::vector<DataTypePtr>;

constexpr int64_t kNanosPerDay = 86'400'000'000'000LL;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

/// UTC nanoseconds `months` calendar months after `ns` (day clamped).
int64_t AddMonths(int64_t ns, int64_t months) {
  int64_t days = FloorDiv(ns, kNanosPerDay);
  int64_t tod = ns - days * kNanosPerDay;
  temporal::CivilDate c = temporal::CivilFromDays(days);
  int64_t m = c.year * 12 + (c.month - 1) + months;
  int64_t year = FloorDiv(m, 12);
  int32_t month = static_cast<int32_t>(m - year * 12 + 1);
  int32_t day = c.day;
  while (day > 28 && !temporal::IsValidDate(year, month, day)) --day;
  return temporal::DaysFromCivil(year, month, day) * kNanosPerDay + tod;
}

int64_t MonthIndex(int64_t ns) {
  temporal::CivilDate c = temporal::CivilFromDays(FloorDiv(ns, kNanosPerDay));
  return c.year * 12 + (c.month - 1);
}

Result<Types> Coerce(const Types& a) {
  if (a.size() < 2 || a.size() > 3) {
    return SignatureError("date_bin", a,
                          {"Interval(MonthDayNano), Timestamp(Nanosecond, None)",
                           "Interval(MonthDayNano), Timestamp(Nanosecond, None), "
                           "Timestamp(Nanosecond, None)"});
  }
  Types out;
  const DataType& stride = *a[0];
  if (!(stride.id() == TypeId::kInterval || IsStringLike(stride))) {
    return SignatureError("date_bin", a, {"Interval(MonthDayNano), Timestamp(Nanosecond, None)"});
  }
  out.push_back(interval(IntervalUnit::kMonthDayNano));
  DataTypePtr source = a[1];
  if (IsStringLike(*source)) {
    source = timestamp(TimeUnit::kNanosecond);
  } else if (source->id() != TypeId::kTimestamp) {
    return SignatureError("date_bin", a, {"Interval(MonthDayNano), Timestamp(Nanosecond, None)"});
  }
  out.push_back(source);
  if (a.size() == 3) {
    if (!(a[2]->id() == TypeId::kTimestamp || IsStringLike(*a[2]))) {
      return SignatureError("date_bin", a,
                            {"Interval(MonthDayNano), Timestamp(Nanosecond, None), "
                             "Timestamp(Nanosecond, None)"});
    }
    out.push_back(source);  // the origin is read in the source's unit and zone
  }
  return out;
}

Result<Datum> Invoke(const Args& a, int64_t rows) {
  if (!a[0].is_scalar) {
    return Status::NotImplemented(
        "DATE_BIN only supports literal values for the stride argument, not arrays");
  }
  if (a.size() == 3 && !a[2].is_scalar) {
    return Status::NotImplemented(
        "DATE_BIN only supports literal values for the origin argument, not arrays");
  }
  const DataTypePtr& type = a[1].type();
  const int64_t per = 1'000'000'000 / TimeUnitPerSecond(type->unit());
  Args source{a[1]};
  if (a[0].array->IsNull(0) || (a.size() == 3 && a[2].array->IsNull(0))) {
    return MapToNum<int64_t>(a, rows, type, [](int64_t, int64_t*) { return kRowNull; });
  }
  const IntervalMonthDayNano stride = NumReader<IntervalMonthDayNano>(a[0]).Get(0);
  const int64_t origin = a.size() == 3 ? NumReader<int64_t>(a[2]).Get(0) * per : 0;
  NumReader<int64_t> src(a[1]);
  Status err;
  if (stride.months != 0) {
    if (stride.days != 0 || stride.nanoseconds != 0) {
      return Status::NotImplemented(
          "DATE_BIN stride does not support combination of month, day and nanosecond intervals");
    }
    const int64_t months = stride.months;
    const int64_t origin_month = MonthIndex(origin);
    return MapToNum<int64_t>(source, rows, type, [&](int64_t i, int64_t* out) {
      int64_t ns = src.Get(i) * per;
      int64_t bin = FloorDiv(MonthIndex(ns) - origin_month, months) * months;
      int64_t start = AddMonths(origin, bin);
      if (start > ns) start = AddMonths(origin, bin - months);
      *out = FloorDiv(start, per);
      return kRowValue;
    });
  }
  int64_t stride_ns = 0;
  if (__builtin_mul_overflow(static_cast<int64_t>(stride.days), kNanosPerDay, &stride_ns) ||
      __builtin_add_overflow(stride_ns, stride.nanoseconds, &stride_ns)) {
    return Status::Execution("DATE_BIN stride is too large");
  }
  if (stride_ns <= 0) {
    return Status::Execution(stride_ns == 0 ? "DATE_BIN stride must be non-zero"
                                            : "DATE_BIN stride must be positive");
  }
  return MapToNum<int64_t>(
      source, rows, type,
      [&](int64_t i, int64_t* out) {
        int64_t ns = 0;
        if (__builtin_mul_overflow(src.Get(i), per, &ns)) {
          err = Status::Execution("DATE_BIN: timestamp out of range");
          return kRowError;
        }
        int64_t start = origin + FloorDiv(ns - origin, stride_ns) * stride_ns;
        *out = FloorDiv(start, per);
        return kRowValue;
      },
      &err);
}

}  // namespace

void RegisterDateBin(FunctionRegistry* r) {
  FunctionSpec s;
  s.name = "date_bin";
  s.coerce = Coerce;
  s.return_type = [](const Types& a) -> Result<DataTypePtr> {
    QUIVER_ASSIGN_OR_RAISE(auto c, Coerce(a));
    return c[1];
  };
  s.invoke = Invoke;
  r->Register(std::make_shared<SpecFunction>(std::move(s)));
}

}  // namespace quiver::functions
