// to_char(value, format) / date_format: dates, times and timestamps
// formatted with chrono's strftime-style specifiers (see chrono_format.h).
// Zoned timestamps are formatted in their zone's local time.
#include "quiver/arrow/temporal.h"
#include "quiver/functions/chrono_format.h"
#include "quiver/functions/scalar_families.h"
#include "quiver/functions/string_util.h"

namespace quiver::functions {
namespace {

using Args = std::vector<Datum>;
using Types = std::vector<DataTypePtr>;

constexpr int64_t kNanosPerDay = 86'400'000'000'000LL;

bool IsTemporal(const DataType& t) {
  switch (t.id()) {
    case TypeId::kDate32:
    case TypeId::kDate64:
    case TypeId::kTimestamp:
    case TypeId::kTime32:
    case TypeId::kTime64:
    case TypeId::kNull: return true;
    default: return false;
  }
}

Result<Types> Coerce(const Types& a) {
  if (a.size() != 2 || !IsTemporal(*a[0]) || !IsStringLike(*a[1])) {
    return SignatureError("to_char", a, {"Date32, Utf8", "Timestamp(Nanosecond, None), Utf8"});
  }
  return Types{a[0], utf8()};
}

Result<Datum> Invoke(const Args& a, int64_t rows) {
  const DataType& t = *a[0].type();
  if (t.id() == TypeId::kNull) {
    // A bare NULL formats as the empty string, as in DataFusion.
    int64_t n = OutputLength(a, rows);
    StringWriter w(utf8(), n);
    for (int64_t i = 0; i < n; ++i) w.Append("");
    QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish());
    return Wrap(std::move(out), a);
  }
  // Nanoseconds per stored unit, UTC.
  int64_t mult = 1;
  bool narrow = false;  // 32-bit storage
  switch (t.id()) {
    case TypeId::kDate32:
      mult = kNanosPerDay;
      narrow = true;
      break;
    case TypeId::kDate64: mult = 1'000'000; break;
    case TypeId::kTime32:
      narrow = true;
      mult = 1'000'000'000 / TimeUnitPerSecond(t.unit());
      break;
    default: mult = 1'000'000'000 / TimeUnitPerSecond(t.unit()); break;
  }
  bool zoned = t.id() == TypeId::kTimestamp && !t.timezone().empty();
  temporal::TimeZone tz;
  if (zoned) {
    QUIVER_ASSIGN_OR_RAISE(tz, temporal::TimeZone::Parse(t.timezone()));
  }
  NumReader<int32_t> r32(a[0]);
  NumReader<int64_t> r64(a[0]);
  StringReader fmt(a[1]);
  Status err;
  return MapToString(
      a, rows, utf8(),
      [&](int64_t i, std::string& out) {
        int64_t ns = (narrow ? r32.Get(i) : r64.Get(i)) * mult;
        int32_t offset = 0;
        if (zoned) {
          int64_t secs = ns >= 0 ? ns / 1'000'000'000 : -((-ns + 999'999'999) / 1'000'000'000);
          offset = static_cast<int32_t>(tz.OffsetAt(secs));
        }
        if (!FormatDateTime(fmt.Get(i), FieldsFromUtcNanos(ns, offset), &out)) {
          err = Status::Execution("Cast error: Format error");
          return kRowError;
        }
        return kRowValue;
      },
      &err);
}

}  // namespace

void RegisterToChar(FunctionRegistry* r) {
  FunctionSpec s;
  s.name = "to_char";
  s.aliases = {"date_format"};
  s.coerce = Coerce;
  s.return_type = [](const Types&) -> Result<DataTypePtr> { return utf8(); };
  s.invoke = Invoke;
  r->Register(std::make_shared<SpecFunction>(std::move(s)));
}

}  // namespace quiver::functions
