// Date/time functions: now, current_date, date_part/extract, date_trunc,
// make_date, to_timestamp[_seconds|_millis|_micros|_nanos], to_unixtime,
// from_unixtime. Zoned timestamps are split into local civil time through
// the arrow layer's TimeZone.
#include <chrono>
#include <cmath>

#include "quiver/arrow/compute/parse.h"
#include "quiver/arrow/temporal.h"
#include "quiver/functions/chrono_format.h"
#include "quiver/functions/scalar_families.h"
#include "quiver/functions/string_util.h"

namespace quiver::functions {
namespace {

using Args = std::vector<Datum>;
using Types = std::vector<DataTypePtr>;

/// Timestamps, dates and strings are accepted as time points.
Result<DataTypePtr> TimeArg(const std::string& fn, const Types& a, const DataTypePtr& t) {
  switch (t->id()) {
    case TypeId::kTimestamp:
    case TypeId::kDate32:
    case TypeId::kDate64: return t;
    case TypeId::kNull:
    case TypeId::kUtf8:
    case TypeId::kLargeUtf8:
    case TypeId::kUtf8View: return timestamp(TimeUnit::kNanosecond);
    case TypeId::kTime32:
    case TypeId::kTime64:
      if (fn == "date_part") return t;
      [[fallthrough]];
    default: return SignatureError(fn, a, {"Utf8, Timestamp(Nanosecond, None)"});
  }
}

/// Reads any time-point column as (UTC nanoseconds) with its zone.
class TimeReader {
 public:
  static Result<TimeReader> Make(const Datum& d) {
    TimeReader r(d);
    const DataType& t = *d.type();
    if (t.id() == TypeId::kTimestamp) {
      r.mult_ = 1'000'000'000 / TimeUnitPerSecond(t.unit());
      if (!t.timezone().empty()) {
        QUIVER_ASSIGN_OR_RAISE(auto tz, temporal::TimeZone::Parse(t.timezone()));
        r.tz_ = tz;
        r.has_tz_ = true;
      }
    } else if (t.id() == TypeId::kDate32) {
      r.mult_ = 86'400'000'000'000LL;
      r.date32_ = true;
    } else if (t.id() == TypeId::kTime32 || t.id() == TypeId::kTime64) {
      // A time of day reads as that time on 1970-01-01.
      r.mult_ = 1'000'000'000 / TimeUnitPerSecond(t.unit());
      r.date32_ = t.id() == TypeId::kTime32;  // 32-bit storage
    } else {
      r.mult_ = 1'000'000;  // Date64: milliseconds
    }
    return r;
  }
  bool IsNull(int64_t i) const { return r64_.IsNull(i); }
  /// Local wall-clock nanoseconds since the epoch.
  int64_t LocalNanos(int64_t i) const {
    int64_t v = date32_ ? r32_.Get(i) : r64_.Get(i);
    int64_t ns = v * mult_;
    if (has_tz_) {
      int64_t secs = ns >= 0 ? ns / 1'000'000'000 : -((-ns + 999'999'999) / 1'000'000'000);
      ns += tz_.OffsetAt(secs) * 1'000'000'000;
    }
    return ns;
  }
  bool has_tz() const { return has_tz_; }
  const temporal::TimeZone& tz() const { return tz_; }

 private:
  explicit TimeReader(const Datum& d) : r64_(d), r32_(d) {}
  NumReader<int64_t> r64_;
  NumReader<int32_t> r32_;
  int64_t mult_ = 1;
  bool date32_ = false;
  bool has_tz_ = false;
  temporal::TimeZone tz_;
};

constexpr int64_t kNanosPerDay = 86'400'000'000'000LL;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Result<Datum> DatePart(const Args& a, int64_t rows) {
  QUIVER_ASSIGN_OR_RAISE(auto part, ScalarString(a[0], "date_part", "the part"));
  part = AsciiLower(part);
  QUIVER_ASSIGN_OR_RAISE(auto tr, TimeReader::Make(a[1]));
  static const char* kParts[] = {"year",       "quarter", "month",  "week",        "day",
                                 "hour",       "minute",  "second", "millisecond", "microsecond",
                                 "nanosecond", "dow",     "doy",    "epoch"};
  int which = -1;
  for (int k = 0; k < 14; ++k) {
    if (part == kParts[k] || part == std::string(kParts[k]) + "s") which = k;
  }
  if (which < 0) {
    return Status::Execution("Date part '" + part + "' not supported");
  }
  Args data{a[1]};
  return MapToNum<double>(data, rows, float64(), [&](int64_t i, double* out) {
    int64_t ns = tr.LocalNanos(i);
    int64_t days = FloorDiv(ns, kNanosPerDay);
    int64_t tod = ns - days * kNanosPerDay;
    temporal::CivilDate c = temporal::CivilFromDays(days);
    int64_t sec_of_min = (tod / 1'000'000'000) % 60;
    int64_t frac = tod % 1'000'000'000;
    switch (which) {
      case 0: *out = static_cast<double>(c.year); break;
      case 1: *out = (c.month - 1) / 3 + 1; break;
      case 2: *out = c.month; break;
      case 3: {                                 // ISO week
        int64_t wd = ((days % 7) + 7 + 3) % 7;  // Monday = 0
        int64_t thursday = days - wd + 3;
        temporal::CivilDate ty = temporal::CivilFromDays(thursday);
        int64_t jan1 = temporal::DaysFromCivil(ty.year, 1, 1);
        *out = static_cast<double>((thursday - jan1) / 7 + 1);
        break;
      }
      case 4: *out = c.day; break;
      case 5: *out = static_cast<double>(tod / 3'600'000'000'000LL); break;
      case 6: *out = static_cast<double>((tod / 60'000'000'000LL) % 60); break;
      case 7: *out = static_cast<double>(sec_of_min) + static_cast<double>(frac) / 1e9; break;
      case 8:
        *out = static_cast<double>(sec_of_min * 1000) + static_cast<double>(frac) / 1e6;
        break;
      case 9:
        *out = static_cast<double>(sec_of_min * 1'000'000) + static_cast<double>(frac) / 1e3;
        break;
      case 10: *out = static_cast<double>(sec_of_min * 1'000'000'000 + frac); break;
      case 11: *out = static_cast<double>(((days % 7) + 7 + 4) % 7); break;  // Sunday = 0
      case 12: *out = static_cast<double>(days - temporal::DaysFromCivil(c.year, 1, 1) + 1); break;
      case 13: {
        int64_t v = tr.LocalNanos(i);
        if (tr.has_tz()) {  // epoch is zone-independent
          v -= tr.tz().OffsetAt(FloorDiv(v, 1'000'000'000)) * 1'000'000'000;
        }
        *out = static_cast<double>(v) / 1e9;
        break;
      }
    }
    return kRowValue;
  });
}

Result<Datum> DateTrunc(const Args& a, int64_t rows) {
  QUIVER_ASSIGN_OR_RAISE(auto g, ScalarString(a[0], "date_trunc", "the granularity"));
  g = AsciiLower(g);
  const DataTypePtr& type = a[1].type();
  QUIVER_ASSIGN_OR_RAISE(auto tr, TimeReader::Make(a[1]));
  int64_t per = 1'000'000'000 / TimeUnitPerSecond(type->unit());
  static const char* kG[] = {"year", "quarter", "month",  "week",        "day",
                             "hour", "minute",  "second", "millisecond", "microsecond"};
  int which = -1;
  for (int k = 0; k < 10; ++k) {
    if (g == kG[k]) which = k;
  }
  if (which < 0) return Status::Execution("Unsupported date_trunc granularity: " + g);
  Args data{a[1]};
  return MapToNum<int64_t>(data, rows, type, [&](int64_t i, int64_t* out) {
    int64_t local = tr.LocalNanos(i);
    int64_t days = FloorDiv(local, kNanosPerDay);
    int64_t t = local;
    temporal::CivilDate c = temporal::CivilFromDays(days);
    switch (which) {
      case 0: t = temporal::DaysFromCivil(c.year, 1, 1) * kNanosPerDay; break;
      case 1:
        t = temporal::DaysFromCivil(c.year, (c.month - 1) / 3 * 3 + 1, 1) * kNanosPerDay;
        break;
      case 2: t = temporal::DaysFromCivil(c.year, c.month, 1) * kNanosPerDay; break;
      case 3: t = (days - (((days % 7) + 7 + 3) % 7)) * kNanosPerDay; break;
      case 4: t = days * kNanosPerDay; break;
      case 5: t = FloorDiv(local, 3'600'000'000'000LL) * 3'600'000'000'000LL; break;
      case 6: t = FloorDiv(local, 60'000'000'000LL) * 60'000'000'000LL; break;
      case 7: t = FloorDiv(local, 1'000'000'000) * 1'000'000'000; break;
      case 8: t = FloorDiv(local, 1'000'000) * 1'000'000; break;
      case 9: t = FloorDiv(local, 1'000) * 1'000; break;
    }
    if (tr.has_tz()) t -= tr.tz().OffsetForLocal(FloorDiv(t, 1'000'000'000)) * 1'000'000'000;
    *out = FloorDiv(t, per);
    return kRowValue;
  });
}

/// to_timestamp*(x): strings are parsed (RFC 3339 / ISO 8601), integers
/// are counts of `unit`, floats seconds.
Result<Datum> ToTimestamp(const Args& a, int64_t rows, TimeUnit unit, const std::string& fn) {
  int64_t per = 1'000'000'000 / TimeUnitPerSecond(unit);
  const DataType& t = *a[0].type();
  Status err;
  DataTypePtr out_type = timestamp(unit);
  if (t.is_string() && a.size() > 1) {
    // chrono formats, tried in order; the first that parses wins.
    StringReader s(a[0]);
    std::vector<StringReader> formats;
    for (size_t k = 1; k < a.size(); ++k) formats.emplace_back(a[k]);
    Args data{a[0]};
    return MapToNum<int64_t>(
        data, rows, out_type,
        [&](int64_t i, int64_t* out) {
          Status last;
          for (const auto& f : formats) {
            if (f.IsNull(i)) continue;
            int64_t ns = 0;
            last = ParseDateTime(s.Get(i), f.Get(i), &ns);
            if (last.ok()) {
              *out = FloorDiv(ns, per);
              return kRowValue;
            }
            last = Status::Execution("Error parsing timestamp from '" + std::string(s.Get(i)) +
                                     "' using format '" + std::string(f.Get(i)) +
                                     "': " + last.message());
          }
          if (last.ok()) return kRowNull;  // every format was NULL
          err = last;
          return kRowError;
        },
        &err);
  }
  if (t.is_string()) {
    StringReader s(a[0]);
    return MapToNum<int64_t>(
        a, rows, out_type,
        [&](int64_t i, int64_t* out) {
          Int128 ns = 0;
          Status st = compute::ParseTimestamp(s.Get(i), nullptr, &ns);
          if (!st.ok()) {
            err = Status::Execution("Error parsing timestamp from '" + std::string(s.Get(i)) +
                                    "': " + st.message());
            return kRowError;
          }
          Int128 q = ns / per - ((ns % per != 0) && ns < 0);
          if (q > INT64_MAX || q < INT64_MIN) {
            err = Status::Execution("timestamp out of range: " + std::string(s.Get(i)));
            return kRowError;
          }
          *out = static_cast<int64_t>(q);
          return kRowValue;
        },
        &err);
  }
  if (t.is_floating()) {
    NumReader<double> r(a[0]);
    return MapToNum<int64_t>(a, rows, out_type, [&](int64_t i, int64_t* out) {
      *out = static_cast<int64_t>(r.Get(i) * static_cast<double>(TimeUnitPerSecond(unit)));
      return kRowValue;
    });
  }
  if (t.id() == TypeId::kTimestamp) {
    int64_t in_per = 1'000'000'000 / TimeUnitPerSecond(t.unit());
    NumReader<int64_t> r(a[0]);
    return MapToNum<int64_t>(a, rows, out_type, [&](int64_t i, int64_t* out) {
      *out = FloorDiv(r.Get(i) * in_per, per);
      return kRowValue;
    });
  }
  // Integers (and Null): counts of the target unit (seconds for to_timestamp).
  int64_t scale = fn == "to_timestamp" ? TimeUnitPerSecond(unit) : 1;
  NumReader<int64_t> r(a[0]);
  return MapToNum<int64_t>(
      a, rows, out_type,
      [&](int64_t i, int64_t* out) {
        if (__builtin_mul_overflow(r.Get(i), scale, out)) {
          err = Status::Arrow("Arithmetic overflow: timestamp out of range");
          return kRowError;
        }
        return kRowValue;
      },
      &err);
}

FunctionSpec ToTimestampSpec(const std::string& name, TimeUnit unit) {
  FunctionSpec s;
  s.name = name;
  s.coerce = [name](const Types& a) -> Result<Types> {
    if (a.empty()) return SignatureError(name, a, {"Utf8", "Int64", "Float64"});
    Types out;
    for (size_t k = 0; k < a.size(); ++k) {
      const DataType& t = *a[k];
      if (k == 0 && (t.is_integer() || t.id() == TypeId::kNull)) {
        out.push_back(int64());
      } else if (k == 0 && (t.is_floating() || t.is_decimal())) {
        out.push_back(float64());
      } else if (k == 0 && t.id() == TypeId::kTimestamp) {
        out.push_back(a[k]);
      } else if (t.is_string()) {
        out.push_back(a[k]);
      } else {
        return SignatureError(name, a, {"Utf8", "Int64", "Float64"});
      }
    }
    return out;
  };
  s.return_type = [unit](const Types&) -> Result<DataTypePtr> { return timestamp(unit); };
  s.invoke = [unit, name](const Args& a, int64_t n) { return ToTimestamp(a, n, unit, name); };
  return s;
}

}  // namespace

void RegisterDatetimeFunctions(FunctionRegistry* r) {
  auto add = [&](FunctionSpec s) { r->Register(std::make_shared<SpecFunction>(std::move(s))); };
  for (bool trunc : {false, true}) {
    FunctionSpec s;
    s.name = trunc ? "date_trunc" : "date_part";
    s.aliases = {trunc ? "datetrunc" : "datepart"};
    std::string name = s.name;
    s.coerce = [name, trunc](const Types& a) -> Result<Types> {
      if (a.size() != 2 || !IsStringLike(*a[0])) {
        return SignatureError(name, a, {"Utf8, Timestamp(Nanosecond, None)"});
      }
      QUIVER_ASSIGN_OR_RAISE(auto t, TimeArg(name, a, a[1]));
      if (trunc && t->id() != TypeId::kTimestamp) t = timestamp(TimeUnit::kNanosecond);
      return Types{utf8(), t};
    };
    s.return_type = [trunc](const Types& a) -> Result<DataTypePtr> {
      return trunc ? a[1] : float64();
    };
    s.invoke = trunc ? std::function<Result<Datum>(const Args&, int64_t)>(DateTrunc)
                     : std::function<Result<Datum>(const Args&, int64_t)>(DatePart);
    add(std::move(s));
  }
  add(ToTimestampSpec("to_timestamp", TimeUnit::kNanosecond));
  add(ToTimestampSpec("to_timestamp_seconds", TimeUnit::kSecond));
  add(ToTimestampSpec("to_timestamp_millis", TimeUnit::kMillisecond));
  add(ToTimestampSpec("to_timestamp_micros", TimeUnit::kMicrosecond));
  add(ToTimestampSpec("to_timestamp_nanos", TimeUnit::kNanosecond));
  {
    FunctionSpec s;
    s.name = "make_date";
    s.coerce = [](const Types& a) -> Result<Types> {
      // Integers and strings (cast to Int32) are accepted.
      if (a.size() != 3) return SignatureError("make_date", a, {"Int32, Int32, Int32"});
      for (const auto& t : a) {
        if (!t->is_integer() && !IsStringLike(*t)) {
          return SignatureError("make_date", a, {"Int32, Int32, Int32"});
        }
      }
      return Types(3, int32());
    };
    s.return_type = [](const Types&) -> Result<DataTypePtr> { return date32(); };
    s.invoke = [](const Args& a, int64_t rows) -> Result<Datum> {
      for (const auto& x : a) {
        if (x.is_scalar && (x.type()->id() == TypeId::kNull || x.array->IsNull(0))) {
          return Status::Execution("Unable to parse date from null/empty value");
        }
      }
      NumReader<int32_t> y(a[0]), m(a[1]), d(a[2]);
      // A NULL in a column reads as 0 (which then fails to form a date).
      auto get = [](const NumReader<int32_t>& r, int64_t i) { return r.IsNull(i) ? 0 : r.Get(i); };
      const int64_t n = OutputLength(a, rows);
      NumWriter<int32_t> w(date32(), n);
      for (int64_t i = 0; i < n; ++i) {
        int32_t yy = get(y, i), mm = get(m, i), dd = get(d, i);
        if (mm < 0)
          return Status::Execution("Month value '" + std::to_string(mm) + "' is out of range");
        if (dd < 0)
          return Status::Execution("Day value '" + std::to_string(dd) + "' is out of range");
        if (!temporal::IsValidDate(yy, mm, dd)) {
          return Status::Execution("Unable to parse date from " + std::to_string(yy) + ", " +
                                   std::to_string(mm) + ", " + std::to_string(dd));
        }
        w.values()[i] = static_cast<int32_t>(temporal::DaysFromCivil(yy, mm, dd));
      }
      QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish());
      return Wrap(std::move(out), a);
    };
    add(std::move(s));
  }
  {
    FunctionSpec s;
    s.name = "from_unixtime";
    s.coerce = [](const Types& a) { return CoerceByPattern("from_unixtime", a, "I", 1); };
    s.return_type = [](const Types&) -> Result<DataTypePtr> {
      return timestamp(TimeUnit::kSecond);
    };
    s.invoke = [](const Args& a, int64_t rows) -> Result<Datum> {
      NumReader<int64_t> r(a[0]);
      return MapToNum<int64_t>(a, rows, timestamp(TimeUnit::kSecond), [&](int64_t i, int64_t* o) {
        *o = r.Get(i);
        return kRowValue;
      });
    };
    add(std::move(s));
  }
  {
    FunctionSpec s;
    s.name = "to_unixtime";
    s.coerce = [](const Types& a) -> Result<Types> {
      if (a.empty()) return SignatureError("to_unixtime", a, {"Timestamp(Second, None)"});
      if (a.size() > 1) {  // a string and chrono formats to parse it with
        for (const auto& t : a) {
          if (!IsStringLike(*t)) return SignatureError("to_unixtime", a, {"Utf8, Utf8"});
        }
        return Types(a.size(), utf8());
      }
      if (a[0]->is_integer()) return Types{int64()};
      if (a[0]->is_floating()) return Types{float64()};
      QUIVER_ASSIGN_OR_RAISE(auto t, TimeArg("to_unixtime", a, a[0]));
      return Types{t};
    };
    s.return_type = [](const Types&) -> Result<DataTypePtr> { return int64(); };
    s.invoke = [](const Args& a, int64_t rows) -> Result<Datum> {
      if (a[0].type()->id() == TypeId::kInt64) return a[0];  // already seconds
      if (a[0].type()->is_floating()) {
        NumReader<double> r(a[0]);
        return MapToNum<int64_t>(a, rows, int64(), [&](int64_t i, int64_t* o) {
          *o = static_cast<int64_t>(r.Get(i));  // toward zero
          return kRowValue;
        });
      }
      if (a[0].type()->is_string()) {
        QUIVER_ASSIGN_OR_RAISE(auto ts, ToTimestamp(a, rows, TimeUnit::kSecond, "to_unixtime"));
        NumReader<int64_t> r(ts);
        return MapToNum<int64_t>({ts}, rows, int64(), [&](int64_t i, int64_t* o) {
          *o = r.Get(i);
          return kRowValue;
        });
      }
      QUIVER_ASSIGN_OR_RAISE(auto tr, TimeReader::Make(a[0]));
      return MapToNum<int64_t>(a, rows, int64(), [&](int64_t i, int64_t* o) {
        int64_t v = tr.LocalNanos(i);
        if (tr.has_tz()) v -= tr.tz().OffsetAt(FloorDiv(v, 1'000'000'000)) * 1'000'000'000;
        *o = FloorDiv(v, 1'000'000'000);
        return kRowValue;
      });
    };
    add(std::move(s));
  }
}

}  // namespace quiver::functions
