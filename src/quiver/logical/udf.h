// Function extension points: scalar, aggregate and window functions.
// Built-in functions implement these same interfaces (functions/ layer), so a
// user's function is planned and executed exactly like a built-in one.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quiver/arrow/compute/compute.h"
#include "quiver/arrow/type.h"
#include "quiver/common/scalar_value.h"

namespace quiver {

enum class Volatility : uint8_t { kImmutable, kStable, kVolatile };

struct Expr;

class ScalarUDF {
 public:
  virtual ~ScalarUDF() = default;
  virtual std::string name() const = 0;
  virtual std::vector<std::string> aliases() const { return {}; }
  virtual Volatility volatility() const { return Volatility::kImmutable; }
  /// The types the arguments must be cast to, or a Plan error naming the
  /// accepted signatures. Default: arguments are taken as they are.
  virtual Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& args) const {
    return args;
  }
  virtual Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& args) const = 0;
  /// Evaluates on a batch of `num_rows` rows; scalar arguments are
  /// length-1 Datums with is_scalar set. A result may be a scalar too.
  virtual Result<compute::Datum> Invoke(const std::vector<compute::Datum>& args,
                                        int64_t num_rows) const = 0;
  /// For functions whose result type depends on constant arguments
  /// (named_struct's names, get_field's field): a copy bound to the planned
  /// arguments, or null when binding is not needed. Called by the planner.
  virtual Result<std::shared_ptr<const ScalarUDF>> Bind(
      const std::vector<std::shared_ptr<const Expr>>& args) const {
    return std::shared_ptr<const ScalarUDF>();
  }
};

/// Vectorized per-group state of one aggregate: rows arrive with the index
/// of their group, states of partial aggregations are merged the same way.
class GroupsAccumulator {
 public:
  virtual ~GroupsAccumulator() = default;
  /// Adds rows; group_indices[i] < total_num_groups. `filter` (may be null)
  /// keeps only rows where it is true (FILTER (WHERE ...)).
  virtual Status Update(const std::vector<ArrayPtr>& values, const uint32_t* group_indices,
                        const BooleanArray* filter, int64_t total_num_groups) = 0;
  /// Merges partial states (as produced by State()) into this one.
  virtual Status Merge(const std::vector<ArrayPtr>& states, const uint32_t* group_indices,
                       int64_t total_num_groups) = 0;
  /// Intermediate state of every group, one array per state field.
  virtual Result<std::vector<ArrayPtr>> State() = 0;
  /// Final value of every group.
  virtual Result<ArrayPtr> Evaluate() = 0;
  virtual int64_t MemorySize() const = 0;
};

/// One ORDER BY key inside an aggregate call (array_agg(x ORDER BY y DESC)).
struct AggregateOrdering {
  bool descending = false;
  bool nulls_first = false;
};

struct AggregateArgs {
  std::vector<DataTypePtr> input_types;
  DataTypePtr return_type;
  bool distinct = false;
  /// The value of each function argument that is a literal (unset otherwise).
  std::vector<std::optional<ScalarValue>> literals;
  /// ORDER BY keys of an order_sensitive() aggregate. Their values arrive as
  /// trailing arguments after the function's own (types in input_types too).
  std::vector<AggregateOrdering> ordering;
};

class AggregateUDF {
 public:
  virtual ~AggregateUDF() = default;
  virtual std::string name() const = 0;
  virtual std::vector<std::string> aliases() const { return {}; }
  virtual Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& args) const {
    return args;
  }
  virtual Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& args) const = 0;
  /// Types of the intermediate state fields exchanged between partial and
  /// final aggregation.
  virtual Result<std::vector<FieldPtr>> StateFields(const AggregateArgs& args) const = 0;
  virtual Result<std::unique_ptr<GroupsAccumulator>> CreateAccumulator(
      const AggregateArgs& args) const = 0;
  /// Whether the result may be null for a group (count is never null).
  virtual bool nullable() const { return true; }
  /// Value for an empty input without GROUP BY (count: 0, others: NULL).
  virtual bool empty_is_zero() const { return false; }
  /// True when the result depends on row order: the aggregate then gets the
  /// call's ORDER BY keys as extra arguments (see AggregateArgs::ordering).
  virtual bool order_sensitive() const { return false; }
};

using ScalarUDFPtr = std::shared_ptr<const ScalarUDF>;
using AggregateUDFPtr = std::shared_ptr<const AggregateUDF>;


// ---- Window functions ----

/// What a window function evaluates over: rows of one or more whole
/// partitions, each partition sorted by the window's ORDER BY and laid out
/// one after another (several small partitions share one call so the
/// per-call cost stays low). Positions are row indices into these rows.
struct WindowInput {
  std::vector<ArrayPtr> args;  // argument values, num_rows each
  int64_t num_rows = 0;
  /// Partition p holds rows [partition_offsets[p], partition_offsets[p + 1]).
  std::vector<int64_t> partition_offsets;
  /// First row and one past the last row of each row's peer group (rows
  /// equal on the ORDER BY keys); the whole partition without ORDER BY.
  const int64_t* peer_start = nullptr;
  const int64_t* peer_end = nullptr;
  /// Each row's window frame [frame_start, frame_end); set only for
  /// functions whose uses_window_frame() is true.
  const int64_t* frame_start = nullptr;
  const int64_t* frame_end = nullptr;
};

/// Computes one window function for every row of a WindowInput.
class PartitionEvaluator {
 public:
  virtual ~PartitionEvaluator() = default;
  /// One value per input row, in input order (of type WindowArgs::return_type).
  virtual Result<ArrayPtr> Evaluate(const WindowInput& input) = 0;
};

struct WindowArgs {
  std::vector<DataTypePtr> input_types;  // after CoerceTypes
  DataTypePtr return_type;
  /// The value of each argument that is a literal (unset otherwise).
  std::vector<std::optional<ScalarValue>> literals;
  bool ignore_nulls = false;  // IGNORE NULLS
};

/// A window-only function (ranking, offsets, first/last/nth value). Every
/// AggregateUDF is usable as a window function as well, over frames.
class WindowUDF {
 public:
  virtual ~WindowUDF() = default;
  virtual std::string name() const = 0;
  virtual std::vector<std::string> aliases() const { return {}; }
  virtual Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& args) const {
    return args;
  }
  virtual Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& args) const = 0;
  virtual bool nullable() const { return true; }
  /// True when the result depends on the frame (first_value, ...): the
  /// evaluator then gets frame bounds; false for ranking and lag/lead,
  /// which see whole partitions.
  virtual bool uses_window_frame() const { return false; }
  /// Checks literal arguments (a Plan/NotImplemented error for bad ones) and
  /// creates the evaluator.
  virtual Result<std::unique_ptr<PartitionEvaluator>> CreateEvaluator(
      const WindowArgs& args) const = 0;
};

using WindowUDFPtr = std::shared_ptr<const WindowUDF>;

}  // namespace quiver
