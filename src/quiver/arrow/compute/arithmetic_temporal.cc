// Date and timestamp arithmetic. Every instant is handled as Int128
// nanoseconds since the epoch; intervals add months (clamping to the end of
// the month), then days, in the timestamp's local time when it has a zone,
// then the sub-day part as elapsed time.
#include <limits>
#include <optional>

#include "quiver/arrow/compute/arithmetic_internal.h"
#include "quiver/arrow/temporal.h"

namespace quiver::compute::internal {

namespace {

constexpr Int128 kNanosPerDay = Int128{86400} * 1000000000;

bool IsInstant(const DataType& t) {
  return t.id() == TypeId::kDate32 || t.id() == TypeId::kDate64 || t.id() == TypeId::kTimestamp;
}
bool IsDelta(const DataType& t) {
  return t.id() == TypeId::kInterval || t.id() == TypeId::kDuration;
}

int64_t NanosPerUnit(TimeUnit u) { return 1000000000 / TimeUnitPerSecond(u); }

Int128 FloorDiv(Int128 a, Int128 b) {
  Int128 q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// Nanoseconds of an instant-typed value (timestamps are UTC).
Int128 InstantNanos(const Array& a, int64_t i) {
  const DataType& t = *a.type();
  switch (t.id()) {
    case TypeId::kDate32: return Int128{Values<int32_t>(a)[i]} * kNanosPerDay;
    case TypeId::kDate64: return Int128{Values<int64_t>(a)[i]} * 1000000;
    default: return Int128{Values<int64_t>(a)[i]} * NanosPerUnit(t.unit());
  }
}

struct Delta {
  int64_t months = 0;
  int64_t days = 0;
  Int128 nanos = 0;
};

Delta ReadDelta(const Array& a, int64_t i) {
  const DataType& t = *a.type();
  Delta d;
  if (t.id() == TypeId::kDuration) {
    d.nanos = Int128{Values<int64_t>(a)[i]} * NanosPerUnit(t.unit());
    return d;
  }
  switch (t.interval_unit()) {
    case IntervalUnit::kYearMonth: d.months = Values<int32_t>(a)[i]; break;
    case IntervalUnit::kDayTime: {
      auto v = Values<IntervalDayTime>(a)[i];
      d.days = v.days;
      d.nanos = Int128{v.milliseconds} * 1000000;
      break;
    }
    case IntervalUnit::kMonthDayNano: {
      auto v = Values<IntervalMonthDayNano>(a)[i];
      d.months = v.months;
      d.days = v.days;
      d.nanos = v.nanoseconds;
      break;
    }
  }
  return d;
}

int64_t AddMonths(int64_t days, int64_t months) {
  if (months == 0) return days;
  auto c = temporal::CivilFromDays(days);
  int64_t total = c.year * 12 + (c.month - 1) + months;
  int64_t year = total >= 0 ? total / 12 : -((-total + 11) / 12);
  int32_t month = static_cast<int32_t>(total - year * 12) + 1;
  int32_t day = std::min(c.day, temporal::DaysInMonth(year, month));
  return temporal::DaysFromCivil(year, month, day);
}

Result<Int128> ApplyDelta(Int128 ns, const Delta& d, const temporal::TimeZone* tz) {
  if (d.months != 0 || d.days != 0) {
    Int128 offset = 0;
    if (tz) {
      offset = Int128{tz->OffsetAt(static_cast<int64_t>(FloorDiv(ns, 1000000000)))} * 1000000000;
    }
    Int128 local = ns + offset;
    Int128 day = FloorDiv(local, kNanosPerDay);
    if (day > Int128{1} << 40 || day < -(Int128{1} << 40))
      return OverflowError("date out of range");
    Int128 tod = local - day * kNanosPerDay;
    int64_t nd = AddMonths(static_cast<int64_t>(day), d.months) + d.days;
    local = Int128{nd} * kNanosPerDay + tod;
    if (tz) {
      offset = Int128{tz->OffsetForLocal(static_cast<int64_t>(FloorDiv(local, 1000000000)))} *
               1000000000;
    }
    ns = local - offset;
  }
  return ns + d.nanos;
}

Status StoreInstant(Int128 ns, const DataType& t, uint8_t* out, int64_t i) {
  Int128 v;
  switch (t.id()) {
    case TypeId::kDate32: {
      v = FloorDiv(ns, kNanosPerDay);
      if (v > std::numeric_limits<int32_t>::max() || v < std::numeric_limits<int32_t>::min()) {
        return OverflowError("date out of range");
      }
      reinterpret_cast<int32_t*>(out)[i] = static_cast<int32_t>(v);
      return Status::OK();
    }
    case TypeId::kDate64: v = FloorDiv(ns, 1000000); break;
    default: v = FloorDiv(ns, NanosPerUnit(t.unit())); break;
  }
  if (v > std::numeric_limits<int64_t>::max() || v < std::numeric_limits<int64_t>::min()) {
    return OverflowError("timestamp out of range");
  }
  reinterpret_cast<int64_t*>(out)[i] = static_cast<int64_t>(v);
  return Status::OK();
}

// Stores a difference of two instants or deltas as the result type.
Status StoreDiff(Int128 ns, const Delta& extra, const DataType& t, uint8_t* out, int64_t i) {
  auto fits64 = [](Int128 v) {
    return v <= std::numeric_limits<int64_t>::max() && v >= std::numeric_limits<int64_t>::min();
  };
  switch (t.id()) {
    case TypeId::kDuration: {
      Int128 v = ns / NanosPerUnit(t.unit());
      if (!fits64(v)) return OverflowError("duration out of range");
      reinterpret_cast<int64_t*>(out)[i] = static_cast<int64_t>(v);
      return Status::OK();
    }
    case TypeId::kInt32:
      reinterpret_cast<int32_t*>(out)[i] = static_cast<int32_t>(ns / kNanosPerDay);
      return Status::OK();
    case TypeId::kInt64:
      reinterpret_cast<int64_t*>(out)[i] = static_cast<int64_t>(ns / kNanosPerDay);
      return Status::OK();
    case TypeId::kInterval: {
      switch (t.interval_unit()) {
        case IntervalUnit::kYearMonth:
          reinterpret_cast<int32_t*>(out)[i] = static_cast<int32_t>(extra.months);
          return Status::OK();
        case IntervalUnit::kDayTime: {
          Int128 days = ns / kNanosPerDay + extra.days;
          Int128 ms = (ns % kNanosPerDay) / 1000000;
          reinterpret_cast<IntervalDayTime*>(out)[i] = {static_cast<int32_t>(days),
                                                        static_cast<int32_t>(ms)};
          return Status::OK();
        }
        case IntervalUnit::kMonthDayNano: {
          // Whole days of a plain difference go to the day field.
          Int128 days = ns / kNanosPerDay;
          Int128 rest = ns - days * kNanosPerDay;
          if (extra.days != 0 || extra.months != 0) {
            days = extra.days;
            rest = ns;
          }
          if (!fits64(rest)) return OverflowError("interval out of range");
          reinterpret_cast<IntervalMonthDayNano*>(out)[i] = {static_cast<int32_t>(extra.months),
                                                             static_cast<int32_t>(days),
                                                             static_cast<int64_t>(rest)};
          return Status::OK();
        }
      }
      return Status::OK();
    }
    default: return Status::NotImplemented("temporal arithmetic into " + t.ToString());
  }
}

}  // namespace

Result<ArrayPtr> TemporalArithmetic(ArithmeticOp op, const Datum& left_in, const Datum& right_in,
                                    const DataTypePtr& result_type, int64_t n) {
  Datum left = left_in, right = right_in;
  // delta + instant == instant + delta
  if (op == ArithmeticOp::kAdd && IsDelta(*left.type()) && IsInstant(*right.type())) {
    std::swap(left, right);
  }
  const DataType& lt = *left.type();
  const DataType& rt = *right.type();
  const bool sub = op == ArithmeticOp::kSubtract;
  if (op != ArithmeticOp::kAdd && !sub) {
    return Status::NotImplemented(std::string("temporal operator ") + OpSymbol(op) + " for " +
                                  lt.ToString() + " and " + rt.ToString());
  }
  enum class Kind { kInstantDelta, kInstantInstant, kDeltaDelta } kind;
  if (IsInstant(lt) && IsDelta(rt)) {
    kind = Kind::kInstantDelta;
  } else if (IsInstant(lt) && IsInstant(rt) && sub) {
    kind = Kind::kInstantInstant;
  } else if (IsDelta(lt) && IsDelta(rt)) {
    kind = Kind::kDeltaDelta;
  } else {
    return Status::NotImplemented(std::string("temporal arithmetic ") + lt.ToString() + " " +
                                  OpSymbol(op) + " " + rt.ToString());
  }
  std::optional<temporal::TimeZone> tz;
  if (kind == Kind::kInstantDelta && lt.id() == TypeId::kTimestamp && !lt.timezone().empty()) {
    QUIVER_ASSIGN_OR_RAISE(auto z, temporal::TimeZone::Parse(lt.timezone()));
    tz = z;
  }
  BufferPtr validity;
  QUIVER_RETURN_NOT_OK(AndValidity(left, n, &validity));
  QUIVER_RETURN_NOT_OK(AndValidity(right, n, &validity));
  const int width = FixedByteWidth(*result_type);
  if (width <= 0) return Status::NotImplemented("temporal result " + result_type->ToString());
  QUIVER_ASSIGN_OR_RAISE(auto buf, AllocateBuffer(n * width));
  uint8_t* out = buf->mutable_data();
  const uint8_t* valid = validity ? validity->data() : nullptr;
  const Array& la = *left.array;
  const Array& ra = *right.array;
  for (int64_t i = 0; i < n; ++i) {
    if (valid && !bit_util::GetBit(valid, i)) continue;
    const int64_t li = left.is_scalar ? 0 : i, ri = right.is_scalar ? 0 : i;
    switch (kind) {
      case Kind::kInstantDelta: {
        Delta d = ReadDelta(ra, ri);
        if (sub) d = {-d.months, -d.days, -d.nanos};
        QUIVER_ASSIGN_OR_RAISE(Int128 ns, ApplyDelta(InstantNanos(la, li), d, tz ? &*tz : nullptr));
        QUIVER_RETURN_NOT_OK(StoreInstant(ns, *result_type, out, i));
        break;
      }
      case Kind::kInstantInstant:
        QUIVER_RETURN_NOT_OK(
            StoreDiff(InstantNanos(la, li) - InstantNanos(ra, ri), Delta{}, *result_type, out, i));
        break;
      case Kind::kDeltaDelta: {
        Delta a = ReadDelta(la, li), b = ReadDelta(ra, ri);
        int64_t s = sub ? -1 : 1;
        Delta r{a.months + s * b.months, a.days + s * b.days, a.nanos + s * b.nanos};
        if (result_type->id() == TypeId::kDuration) {
          QUIVER_RETURN_NOT_OK(StoreDiff(r.nanos, Delta{}, *result_type, out, i));
        } else {
          // Keep days and months as they are; only nanoseconds stay elapsed.
          Delta extra{r.months, r.days, 0};
          if (result_type->interval_unit() == IntervalUnit::kMonthDayNano) {
            if (r.nanos > std::numeric_limits<int64_t>::max() ||
                r.nanos < std::numeric_limits<int64_t>::min()) {
              return OverflowError("interval out of range");
            }
            reinterpret_cast<IntervalMonthDayNano*>(out)[i] = {static_cast<int32_t>(r.months),
                                                               static_cast<int32_t>(r.days),
                                                               static_cast<int64_t>(r.nanos)};
          } else {
            QUIVER_RETURN_NOT_OK(StoreDiff(r.nanos, extra, *result_type, out, i));
          }
        }
        break;
      }
    }
  }
  return MakeArrayFromBuffers(result_type, n, std::move(validity), {std::move(buf)});
}

}  // namespace quiver::compute::internal
