// The frame of a window function: which rows around the current one an
// aggregate (or first_value/last_value/nth_value) sees.
#pragma once

#include <optional>
#include <string>

#include "quiver/common/scalar_value.h"

namespace quiver {

enum class WindowFrameUnits : uint8_t { kRows, kRange, kGroups };
enum class WindowFrameBoundKind : uint8_t { kPreceding, kCurrentRow, kFollowing };

/// One end of a frame: `n PRECEDING`, `CURRENT ROW`, `n FOLLOWING`, or
/// UNBOUNDED PRECEDING/FOLLOWING when `offset` is unset.
struct WindowFrameBound {
  WindowFrameBoundKind kind = WindowFrameBoundKind::kCurrentRow;
  std::optional<ScalarValue> offset;

  bool unbounded() const { return kind != WindowFrameBoundKind::kCurrentRow && !offset; }
  std::string ToString() const;  // "UNBOUNDED PRECEDING", "1 FOLLOWING", "CURRENT ROW"
};

struct WindowFrame {
  WindowFrameUnits units = WindowFrameUnits::kRange;
  WindowFrameBound start{WindowFrameBoundKind::kPreceding, std::nullopt};
  WindowFrameBound end{WindowFrameBoundKind::kCurrentRow, std::nullopt};

  /// DataFusion's default: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
  /// with an ORDER BY, the whole partition (as ROWS) without one.
  static WindowFrame Default(bool has_order_by);
  /// True when every row sees its whole partition.
  bool IsWholePartition(bool has_order_by) const;
  /// "ROWS BETWEEN 1 PRECEDING AND CURRENT ROW".
  std::string ToString() const;
  /// Checks the bounds against each other and the ORDER BY (DataFusion's
  /// messages); offsets of ROWS/GROUPS must be non-negative integers.
  Status Validate(size_t num_order_by) const;
};

}  // namespace quiver
