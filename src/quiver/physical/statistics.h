// Statistics of a plan's output, DataFusion's shape: a row count, a byte
// size and per column a null count and min / max, each exact, an estimate
// (inexact) or unknown (absent). Scans fill them from file footers or memory;
// the planner answers aggregates from exact ones and sizes join sides with
// estimates.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "quiver/common/scalar_value.h"

namespace quiver {

enum class Precision : uint8_t { kAbsent, kInexact, kExact };

/// A count known exactly, estimated, or unknown.
struct StatCount {
  Precision precision = Precision::kAbsent;
  int64_t value = 0;

  static StatCount Exact(int64_t v) { return {Precision::kExact, v}; }
  static StatCount Inexact(int64_t v) { return {Precision::kInexact, v}; }
  bool is_exact() const { return precision == Precision::kExact; }
  bool known() const { return precision != Precision::kAbsent; }
  /// The same count, no longer claimed exact.
  StatCount ToInexact() const;
  /// "Exact(8)", "Inexact(10)", "Absent".
  std::string ToString() const;
};

/// A bound (min or max) known exactly, estimated, or unknown.
struct StatValue {
  Precision precision = Precision::kAbsent;
  ScalarValue value;

  bool is_exact() const { return precision == Precision::kExact; }
  std::string ToString() const;
};

struct ColumnStatistics {
  StatCount null_count;
  StatValue min, max;
  StatCount distinct_count;
};

struct Statistics {
  StatCount num_rows;
  StatCount total_byte_size;
  std::vector<ColumnStatistics> columns;

  /// Nothing known about `num_columns` columns.
  static Statistics Unknown(int num_columns);
  /// Only the chosen columns, in that order.
  Statistics Project(const std::vector<int>& columns) const;
  /// Every count and bound demoted to an estimate (after a filter, say).
  Statistics ToInexact() const;
  /// "Rows=Exact(8), Bytes=Absent, [(Col[0]: Null=Exact(0) Min=Exact(1)),...]"
  std::string ToString() const;
};

}  // namespace quiver
