// Binary operators of logical and physical expressions.
#pragma once

#include <cstdint>

namespace quiver {

enum class Operator : uint8_t {
  kEq,
  kNotEq,
  kLt,
  kLtEq,
  kGt,
  kGtEq,
  kPlus,
  kMinus,
  kMultiply,
  kDivide,
  kModulo,
  kAnd,
  kOr,
  kIsDistinctFrom,
  kIsNotDistinctFrom,
  kRegexMatch,
  kRegexIMatch,
  kRegexNotMatch,
  kRegexNotIMatch,
  kLikeMatch,
  kILikeMatch,
  kNotLikeMatch,
  kNotILikeMatch,
  kBitwiseAnd,
  kBitwiseOr,
  kBitwiseXor,
  kBitwiseShiftLeft,
  kBitwiseShiftRight,
  kStringConcat,
  kAtArrow,
  kArrowAt,
};

/// SQL spelling: "=", "!=", "AND", "IS DISTINCT FROM", "||", ...
const char* OperatorToString(Operator op);
bool IsComparisonOperator(Operator op);  // = != < <= > >=
bool IsArithmeticOperator(Operator op);  // + - * / %
bool IsLogicalOperator(Operator op);     // AND OR
/// `a op b` == `b swapped(op) a` (for comparisons); false when not swappable.
bool SwapComparison(Operator op, Operator* swapped);
/// NOT (a op b) == a negated(op) b, for comparisons.
bool NegateComparison(Operator op, Operator* negated);

}  // namespace quiver
