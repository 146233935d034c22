// Joins and set operations of the logical plan: join types, the Join,
// CrossJoin and Union constructors (output schemas) and their EXPLAIN lines.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "quiver/logical/expr.h"

namespace quiver {

enum class JoinType : uint8_t {
  kInner,
  kLeft,
  kRight,
  kFull,
  kLeftSemi,
  kLeftAnti,
  kRightSemi,
  kRightAnti,
};

/// "Inner", "Left", "LeftSemi", ... as EXPLAIN prints them.
const char* JoinTypeToString(JoinType t);
/// Join types whose output holds only the left (or only the right) input.
inline bool OutputsLeftOnly(JoinType t) {
  return t == JoinType::kLeftSemi || t == JoinType::kLeftAnti;
}
inline bool OutputsRightOnly(JoinType t) {
  return t == JoinType::kRightSemi || t == JoinType::kRightAnti;
}

/// An equi-join key pair: an expression over the left input and one over
/// the right input, already of the same type.
using JoinKey = std::pair<ExprPtr, ExprPtr>;

/// Join of two inputs on `on` (all pairs equal) and an optional residual
/// `filter` over both inputs. With `null_equals_null` the keys compare as
/// IS NOT DISTINCT FROM (INTERSECT/EXCEPT).
Result<LogicalPlanPtr> MakeJoin(LogicalPlanPtr left, LogicalPlanPtr right, JoinType type,
                                std::vector<JoinKey> on, ExprPtr filter,
                                bool null_equals_null = false);
Result<LogicalPlanPtr> MakeCrossJoin(LogicalPlanPtr left, LogicalPlanPtr right);
/// UNION ALL of inputs with the same number of columns: column types are
/// unified with the coercion rules, names come from the first input, and
/// inputs whose types differ get a casting projection.
Result<LogicalPlanPtr> MakeUnion(std::vector<LogicalPlanPtr> inputs);
/// SELECT DISTINCT * over `input` (an Aggregate grouping by every column).
Result<LogicalPlanPtr> MakeDistinct(LogicalPlanPtr input);

/// EXPLAIN line of a kJoin, kCrossJoin or kUnion node.
std::string JoinNodeToString(const LogicalPlan& plan);

}  // namespace quiver
