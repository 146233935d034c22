#include "quiver/logical/window_frame.h"

namespace quiver {

namespace {

const char* UnitsName(WindowFrameUnits u) {
  switch (u) {
    case WindowFrameUnits::kRows: return "ROWS";
    case WindowFrameUnits::kRange: return "RANGE";
    case WindowFrameUnits::kGroups: return "GROUPS";
  }
  return "?";
}

// Position of a bound on an axis where PRECEDING is negative, for the
// "start cannot be larger than end" check (offsets as doubles).
double Position(const WindowFrameBound& b, bool* comparable) {
  *comparable = true;
  switch (b.kind) {
    case WindowFrameBoundKind::kCurrentRow: return 0;
    case WindowFrameBoundKind::kPreceding:
      if (!b.offset) return -1e300;
      if (b.offset->type()->is_numeric() && !b.offset->is_null()) return -b.offset->GetDouble();
      break;
    case WindowFrameBoundKind::kFollowing:
      if (!b.offset) return 1e300;
      if (b.offset->type()->is_numeric() && !b.offset->is_null()) return b.offset->GetDouble();
      break;
  }
  *comparable = false;
  return 0;
}

}  // namespace

std::string WindowFrameBound::ToString() const {
  switch (kind) {
    case WindowFrameBoundKind::kCurrentRow: return "CURRENT ROW";
    case WindowFrameBoundKind::kPreceding:
      return (offset ? offset->ValueToString() : std::string("UNBOUNDED")) + " PRECEDING";
    case WindowFrameBoundKind::kFollowing:
      return (offset ? offset->ValueToString() : std::string("UNBOUNDED")) + " FOLLOWING";
  }
  return "?";
}

WindowFrame WindowFrame::Default(bool has_order_by) {
  WindowFrame f;
  if (!has_order_by) {
    f.units = WindowFrameUnits::kRows;
    f.end = {WindowFrameBoundKind::kFollowing, std::nullopt};
  }
  return f;
}

bool WindowFrame::IsWholePartition(bool has_order_by) const {
  // Without ORDER BY all rows are peers: a RANGE bound at the current row
  // reaches the partition's end.
  bool peers_all = !has_order_by && units == WindowFrameUnits::kRange;
  bool from_first = (start.kind == WindowFrameBoundKind::kPreceding && !start.offset) ||
                    (peers_all && start.kind == WindowFrameBoundKind::kCurrentRow);
  bool to_last = (end.kind == WindowFrameBoundKind::kFollowing && !end.offset) ||
                 (peers_all && end.kind == WindowFrameBoundKind::kCurrentRow);
  return from_first && to_last;
}

std::string WindowFrame::ToString() const {
  return std::string(UnitsName(units)) + " BETWEEN " + start.ToString() + " AND " + end.ToString();
}

Status WindowFrame::Validate(size_t num_order_by) const {
  if (start.kind == WindowFrameBoundKind::kFollowing && !start.offset) {
    return Status::Plan("Invalid window frame: start bound cannot be UNBOUNDED FOLLOWING");
  }
  if (end.kind == WindowFrameBoundKind::kPreceding && !end.offset) {
    return Status::Plan("Invalid window frame: end bound cannot be UNBOUNDED PRECEDING");
  }
  for (const auto* b : {&start, &end}) {
    if (!b->offset) continue;
    const ScalarValue& v = *b->offset;
    if (units != WindowFrameUnits::kRange) {
      bool ok = !v.is_null() && v.type()->is_integer() &&
                (v.type()->is_unsigned_integer() || v.GetInt64() >= 0);
      if (!ok)
        return Status::Plan("Invalid window frame: frame offsets must be non negative integers");
    } else if (v.is_null()) {
      return Status::Plan("Invalid window frame: frame offsets must be non negative integers");
    } else if (v.type()->is_numeric() && v.GetDouble() < 0) {
      return Status::Plan("Invalid window frame: frame offsets must be non negative integers");
    }
  }
  bool a, b;
  double ps = Position(start, &a), pe = Position(end, &b);
  if (a && b && ps > pe) {
    return Status::Plan("Invalid window frame: start bound (" + start.ToString() +
                        ") cannot be larger than end bound (" + end.ToString() + ")");
  }
  if (units == WindowFrameUnits::kGroups && num_order_by == 0) {
    return Status::Plan("GROUPS requires an ORDER BY clause");
  }
  if (units == WindowFrameUnits::kRange && (start.offset || end.offset) && num_order_by != 1) {
    return Status::Plan("RANGE requires exactly one ORDER BY column");
  }
  return Status::OK();
}

}  // namespace quiver
