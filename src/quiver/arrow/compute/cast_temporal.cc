// Temporal casts: dates, times, timestamps (units and zones) and durations
// among themselves, and raw integer values in and out. A zone-less timestamp
// is wall-clock time: giving it a zone reads it in that zone, and dropping a
// zone keeps the local wall-clock time.
#include <limits>
#include <optional>

#include "quiver/arrow/compute/cast_internal.h"
#include "quiver/arrow/temporal.h"

namespace quiver::compute::internal {

namespace {

constexpr Int128 kNanosPerDay = Int128{86400} * 1000000000;

Int128 FloorDiv(Int128 a, Int128 b) {
  Int128 q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) --q;
  return q;
}

int64_t NanosPer(TimeUnit u) { return 1000000000 / TimeUnitPerSecond(u); }

// Reinterprets the buffers of `a` as `type` (same storage width).
ArrayPtr Relabel(const ArrayPtr& a, DataTypePtr type) {
  auto d = std::make_shared<ArrayData>(*a->data());
  d->type = std::move(type);
  return MakeArray(d);
}

DataTypePtr StorageType(const DataType& t) { return FixedByteWidth(t) == 4 ? int32() : int64(); }

bool IsTemporalValue(const DataType& t) {
  switch (t.id()) {
    case TypeId::kDate32:
    case TypeId::kDate64:
    case TypeId::kTime32:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: return true;
    default: return false;
  }
}

Result<std::optional<temporal::TimeZone>> ZoneOf(const DataType& t) {
  if (t.id() != TypeId::kTimestamp || t.timezone().empty())
    return std::optional<temporal::TimeZone>();
  QUIVER_ASSIGN_OR_RAISE(auto z, temporal::TimeZone::Parse(t.timezone()));
  return std::optional<temporal::TimeZone>(z);
}

int64_t Seconds(Int128 ns) { return static_cast<int64_t>(FloorDiv(ns, 1000000000)); }

}  // namespace

bool CanCastTemporal(const DataType& from, const DataType& to) {
  const bool ft = IsTemporalValue(from), tt = IsTemporalValue(to);
  if (ft && to.is_integer()) return true;
  if (tt && from.is_integer()) return true;
  if (!ft || !tt) return false;
  auto family = [](const DataType& t) {
    switch (t.id()) {
      case TypeId::kTime32:
      case TypeId::kTime64: return 1;
      case TypeId::kDuration: return 2;
      default: return 0;  // dates and timestamps
    }
  };
  if (family(from) == family(to)) return true;
  // Timestamps also give their time of day.
  return from.id() == TypeId::kTimestamp && family(to) == 1;
}

Result<ArrayPtr> CastTemporal(const ArrayPtr& a, const DataTypePtr& to, const CastOptions& o) {
  const DataType& from = *a->type();
  if (from.is_integer()) {
    QUIVER_ASSIGN_OR_RAISE(auto raw, CastNumeric(a, StorageType(*to), o));
    return Relabel(raw, to);
  }
  if (to->is_integer()) return CastNumeric(Relabel(a, StorageType(from)), to, o);

  QUIVER_ASSIGN_OR_RAISE(auto from_tz, ZoneOf(from));
  QUIVER_ASSIGN_OR_RAISE(auto to_tz, ZoneOf(*to));
  const bool from_naive = from.id() != TypeId::kTimestamp || from.timezone().empty();
  const bool to_naive = to->id() != TypeId::kTimestamp || to->timezone().empty();

  // Row i in nanoseconds: UTC instant for zoned timestamps, wall time otherwise.
  auto read = [&](int64_t i) -> Int128 {
    switch (from.id()) {
      case TypeId::kDate32: return Int128{Values<int32_t>(*a)[i]} * kNanosPerDay;
      case TypeId::kDate64: return Int128{Values<int64_t>(*a)[i]} * 1000000;
      case TypeId::kTime32: return Int128{Values<int32_t>(*a)[i]} * NanosPer(from.unit());
      default: return Int128{Values<int64_t>(*a)[i]} * NanosPer(from.unit());
    }
  };
  auto convert = [&](int64_t i, Int128* out) -> bool {
    Int128 ns = read(i);
    const bool to_wall = to->id() != TypeId::kTimestamp || to_naive;
    if (from.id() == TypeId::kDuration || from.id() == TypeId::kTime32 ||
        from.id() == TypeId::kTime64) {
      // no zone handling
    } else if (!from_naive && to_wall) {
      ns += Int128{from_tz->OffsetAt(Seconds(ns))} * 1000000000;  // instant -> wall time
    } else if (from_naive && !to_wall && to_tz) {
      ns -= Int128{to_tz->OffsetForLocal(Seconds(ns))} * 1000000000;  // wall time -> instant
    }
    switch (to->id()) {
      case TypeId::kDate32:
        *out = FloorDiv(ns, kNanosPerDay);
        return *out >= INT32_MIN && *out <= INT32_MAX;
      case TypeId::kDate64: *out = FloorDiv(ns, 1000000); break;
      case TypeId::kTime32:
      case TypeId::kTime64:
        if (from.id() == TypeId::kTimestamp) ns -= FloorDiv(ns, kNanosPerDay) * kNanosPerDay;
        *out = FloorDiv(ns, NanosPer(to->unit()));
        break;
      default: *out = FloorDiv(ns, NanosPer(to->unit())); break;
    }
    return *out >= INT64_MIN && *out <= INT64_MAX;
  };
  auto error = [&](int64_t i) {
    return CastError("Cannot cast " + from.ToString() + " value " + Int128ToString(read(i)) +
                     " ns to " + to->ToString() + ": out of range");
  };
  if (FixedByteWidth(*to) == 4) {
    return MapRows<int32_t>(
        *a, to, o,
        [&](int64_t i, int32_t* v) {
          Int128 x;
          if (!convert(i, &x) || x < INT32_MIN || x > INT32_MAX) return false;
          *v = static_cast<int32_t>(x);
          return true;
        },
        error);
  }
  return MapRows<int64_t>(
      *a, to, o,
      [&](int64_t i, int64_t* v) {
        Int128 x;
        if (!convert(i, &x)) return false;
        *v = static_cast<int64_t>(x);
        return true;
      },
      error);
}

}  // namespace quiver::compute::internal
