#include "quiver/physical/window_frames.h"

#include <algorithm>

#include "quiver/arrow/compute/compute.h"

namespace quiver {

namespace {

// change[i] |= row i differs from row i-1 on some key (nulls equal).
Status MarkChanges(const std::vector<ArrayPtr>& keys, int64_t n, std::vector<uint8_t>* change) {
  if (n < 2) return Status::OK();
  for (const auto& k : keys) {
    QUIVER_ASSIGN_OR_RAISE(
        auto d, compute::IsDistinctFrom(compute::Datum::Array(k->Slice(1, n - 1)),
                                        compute::Datum::Array(k->Slice(0, n - 1)), false));
    const auto& b = static_cast<const BooleanArray&>(*d);
    for (int64_t i = 0; i < n - 1; ++i) (*change)[i + 1] |= b.Value(i) ? 1 : 0;
  }
  return Status::OK();
}

// RANGE keys made ascending (negated when descending): integers and
// decimals exactly as 128-bit values (offsets were cast to the key type at
// planning), floats as doubles.
struct RangeKeys {
  bool exact = true;
  std::vector<Int128> ints;
  std::vector<double> reals;
};

bool ExactType(const DataType& t) { return t.is_integer() || t.id() == TypeId::kDecimal128; }

Int128 ExactValue(const Array& a, int64_t i) {
  switch (a.type()->id()) {
    case TypeId::kInt8: return static_cast<const Int8Array&>(a).Value(i);
    case TypeId::kInt16: return static_cast<const Int16Array&>(a).Value(i);
    case TypeId::kInt32: return static_cast<const Int32Array&>(a).Value(i);
    case TypeId::kInt64: return static_cast<const Int64Array&>(a).Value(i);
    case TypeId::kUInt8: return static_cast<const UInt8Array&>(a).Value(i);
    case TypeId::kUInt16: return static_cast<const UInt16Array&>(a).Value(i);
    case TypeId::kUInt32: return static_cast<const UInt32Array&>(a).Value(i);
    case TypeId::kUInt64: return static_cast<const UInt64Array&>(a).Value(i);
    default: return static_cast<const Decimal128Array&>(a).Value(i);
  }
}

Result<RangeKeys> MakeRangeKeys(const ArrayPtr& key, bool descending) {
  RangeKeys k;
  const int64_t n = key->length();
  k.exact = ExactType(*key->type());
  if (k.exact) {
    k.ints.resize(n);
    for (int64_t i = 0; i < n; ++i) {
      Int128 v = key->IsNull(i) ? 0 : ExactValue(*key, i);
      k.ints[i] = descending ? -v : v;
    }
    return k;
  }
  if (!key->type()->is_numeric()) {
    return Status::NotImplemented("RANGE frames with offsets over " + key->type()->ToString() +
                                  " keys");
  }
  QUIVER_ASSIGN_OR_RAISE(auto d, compute::Cast(key, float64()));
  const auto& da = static_cast<const Float64Array&>(*d);
  k.reals.resize(n);
  for (int64_t i = 0; i < n; ++i) k.reals[i] = descending ? -da.Value(i) : da.Value(i);
  return k;
}

struct RangeOffset {
  Int128 exact = 0;
  double real = 0;
};

Result<RangeOffset> MakeRangeOffset(const ScalarValue& v, bool exact) {
  RangeOffset o;
  if (exact && ExactType(*v.type())) {
    o.exact = ExactValue(*v.array(), 0);
    return o;
  }
  if (!v.type()->is_numeric() && v.type()->id() != TypeId::kDecimal128) {
    return Status::NotImplemented("RANGE frame offset of type " + v.type()->ToString());
  }
  QUIVER_ASSIGN_OR_RAISE(auto a, compute::Cast(v.array(), float64()));
  o.real = static_cast<const Float64Array&>(*a).Value(0);
  o.exact = static_cast<Int128>(o.real);
  return o;
}

// First position in [lo, hi) whose key is >= target (or > target).
template <typename T>
int64_t Search(const std::vector<T>& keys, int64_t lo, int64_t hi, T target, bool strict) {
  auto first = keys.begin() + lo, last = keys.begin() + hi;
  auto it = strict ? std::upper_bound(first, last, target) : std::lower_bound(first, last, target);
  return static_cast<int64_t>(it - keys.begin());
}

}  // namespace

Result<WindowLayout> MakeWindowLayout(int64_t n, const std::vector<ArrayPtr>& partition_keys,
                                      const std::vector<ArrayPtr>& order_keys) {
  WindowLayout l;
  l.num_rows = n;
  std::vector<uint8_t> new_part(n, 0), new_peer(n, 0);
  if (n > 0) new_part[0] = 1;
  QUIVER_RETURN_NOT_OK(MarkChanges(partition_keys, n, &new_part));
  new_peer = new_part;
  QUIVER_RETURN_NOT_OK(MarkChanges(order_keys, n, &new_peer));
  l.partition_of.resize(n);
  l.peer_start.resize(n);
  l.peer_end.resize(n);
  int64_t part = -1, peer = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (new_part[i]) {
      l.partition_offsets.push_back(i);
      ++part;
    }
    if (new_peer[i]) peer = i;
    l.partition_of[i] = part;
    l.peer_start[i] = peer;
  }
  l.partition_offsets.push_back(n);
  int64_t end = n;
  for (int64_t i = n - 1; i >= 0; --i) {
    l.peer_end[i] = end;
    if (new_peer[i]) end = i;
  }
  return l;
}

Status ComputeFrames(const WindowFrame& frame, bool has_order_by, const WindowLayout& l,
                     const ArrayPtr& range_key, bool descending, std::vector<int64_t>* start,
                     std::vector<int64_t>* end) {
  const int64_t n = l.num_rows;
  start->assign(n, 0);
  end->assign(n, 0);
  const auto& off = l.partition_offsets;
  auto part_start = [&](int64_t i) { return off[l.partition_of[i]]; };
  auto part_end = [&](int64_t i) { return off[l.partition_of[i] + 1]; };

  // Peer groups numbered globally, for GROUPS frames.
  std::vector<int64_t> group_of, group_start;
  if (frame.units == WindowFrameUnits::kGroups) {
    group_of.resize(n);
    for (int64_t i = 0; i < n; ++i) {
      if (l.peer_start[i] == i) group_start.push_back(i);
      group_of[i] = static_cast<int64_t>(group_start.size()) - 1;
    }
    group_start.push_back(n);
  }
  // RANGE offsets compare keys made ascending within each partition.
  RangeKeys key;
  const Array* key_array = nullptr;
  bool range_offsets =
      frame.units == WindowFrameUnits::kRange && (frame.start.offset || frame.end.offset);
  RangeOffset start_off, end_off;
  if (range_offsets) {
    if (!range_key) return Status::Plan("RANGE requires exactly one ORDER BY column");
    QUIVER_ASSIGN_OR_RAISE(key, MakeRangeKeys(range_key, descending));
    key_array = range_key.get();
    if (frame.start.offset) {
      QUIVER_ASSIGN_OR_RAISE(start_off, MakeRangeOffset(*frame.start.offset, key.exact));
    }
    if (frame.end.offset) {
      QUIVER_ASSIGN_OR_RAISE(end_off, MakeRangeOffset(*frame.end.offset, key.exact));
    }
  }
  // Non-null key range of a row's partition (nulls sort together at one end).
  auto non_null_range = [&](int64_t i, int64_t* lo, int64_t* hi) {
    int64_t ps = part_start(i), pe = part_end(i);
    *lo = ps;
    *hi = pe;
    while (*lo < pe && key_array->IsNull(*lo)) *lo = l.peer_end[*lo];
    while (*hi > *lo && key_array->IsNull(*hi - 1)) *hi = l.peer_start[*hi - 1];
  };

  auto bound = [&](const WindowFrameBound& b, bool is_start, int64_t i) -> int64_t {
    const int64_t ps = part_start(i), pe = part_end(i);
    if (b.kind == WindowFrameBoundKind::kPreceding && !b.offset) return ps;
    if (b.kind == WindowFrameBoundKind::kFollowing && !b.offset) return pe;
    switch (frame.units) {
      case WindowFrameUnits::kRows: {
        if (b.kind == WindowFrameBoundKind::kCurrentRow) return is_start ? i : i + 1;
        int64_t k =
            static_cast<int64_t>(b.offset->type()->is_unsigned_integer()
                                     ? std::min<uint64_t>(b.offset->GetUInt64(), INT64_MAX / 4)
                                     : std::min<int64_t>(b.offset->GetInt64(), INT64_MAX / 4));
        int64_t pos = b.kind == WindowFrameBoundKind::kPreceding ? i - k : i + k;
        if (!is_start) ++pos;
        return std::clamp(pos, ps, pe);
      }
      case WindowFrameUnits::kGroups: {
        if (b.kind == WindowFrameBoundKind::kCurrentRow) {
          return is_start ? l.peer_start[i] : l.peer_end[i];
        }
        int64_t k =
            static_cast<int64_t>(b.offset->type()->is_unsigned_integer()
                                     ? std::min<uint64_t>(b.offset->GetUInt64(), INT64_MAX / 4)
                                     : std::min<int64_t>(b.offset->GetInt64(), INT64_MAX / 4));
        int64_t g = group_of[i] + (b.kind == WindowFrameBoundKind::kPreceding ? -k : k);
        int64_t first = group_of[ps], last = group_of[pe - 1];
        if (g < first) return ps;
        if (g > last) return pe;
        return is_start ? group_start[g] : group_start[g + 1];
      }
      case WindowFrameUnits::kRange: {
        if (b.kind == WindowFrameBoundKind::kCurrentRow || !has_order_by) {
          return is_start ? l.peer_start[i] : l.peer_end[i];
        }
        // A null key's offset bounds stay within its peers (the nulls).
        if (key_array->IsNull(i)) return is_start ? l.peer_start[i] : l.peer_end[i];
        int64_t lo, hi;
        non_null_range(i, &lo, &hi);
        const RangeOffset& off = is_start ? start_off : end_off;
        const bool preceding = b.kind == WindowFrameBoundKind::kPreceding;
        // start: first row with key >= target; end: first row with key > target.
        if (key.exact) {
          Int128 target = preceding ? key.ints[i] - off.exact : key.ints[i] + off.exact;
          return Search(key.ints, lo, hi, target, !is_start);
        }
        double target = preceding ? key.reals[i] - off.real : key.reals[i] + off.real;
        return Search(key.reals, lo, hi, target, !is_start);
      }
    }
    return ps;
  };
  for (int64_t i = 0; i < n; ++i) {
    int64_t s = bound(frame.start, true, i);
    int64_t e = bound(frame.end, false, i);
    (*start)[i] = s;
    (*end)[i] = std::max(s, e);
  }
  return Status::OK();
}

}  // namespace quiver
