#include "quiver/logical/operator.h"

namespace quiver {

const char* OperatorToString(Operator op) {
  switch (op) {
    case Operator::kEq: return "=";
    case Operator::kNotEq: return "!=";
    case Operator::kLt: return "<";
    case Operator::kLtEq: return "<=";
    case Operator::kGt: return ">";
    case Operator::kGtEq: return ">=";
    case Operator::kPlus: return "+";
    case Operator::kMinus: return "-";
    case Operator::kMultiply: return "*";
    case Operator::kDivide: return "/";
    case Operator::kModulo: return "%";
    case Operator::kAnd: return "AND";
    case Operator::kOr: return "OR";
    case Operator::kIsDistinctFrom: return "IS DISTINCT FROM";
    case Operator::kIsNotDistinctFrom: return "IS NOT DISTINCT FROM";
    case Operator::kRegexMatch: return "~";
    case Operator::kRegexIMatch: return "~*";
    case Operator::kRegexNotMatch: return "!~";
    case Operator::kRegexNotIMatch: return "!~*";
    case Operator::kLikeMatch: return "~~";
    case Operator::kILikeMatch: return "~~*";
    case Operator::kNotLikeMatch: return "!~~";
    case Operator::kNotILikeMatch: return "!~~*";
    case Operator::kBitwiseAnd: return "&";
    case Operator::kBitwiseOr: return "|";
    case Operator::kBitwiseXor: return "BIT_XOR";
    case Operator::kBitwiseShiftLeft: return "<<";
    case Operator::kBitwiseShiftRight: return ">>";
    case Operator::kStringConcat: return "||";
    case Operator::kAtArrow: return "@>";
    case Operator::kArrowAt: return "<@";
  }
  return "?";
}

bool IsComparisonOperator(Operator op) {
  return op == Operator::kEq || op == Operator::kNotEq || op == Operator::kLt ||
         op == Operator::kLtEq || op == Operator::kGt || op == Operator::kGtEq;
}

bool IsArithmeticOperator(Operator op) {
  return op == Operator::kPlus || op == Operator::kMinus || op == Operator::kMultiply ||
         op == Operator::kDivide || op == Operator::kModulo;
}

bool IsLogicalOperator(Operator op) { return op == Operator::kAnd || op == Operator::kOr; }

bool SwapComparison(Operator op, Operator* out) {
  switch (op) {
    case Operator::kEq:
    case Operator::kNotEq:
    case Operator::kIsDistinctFrom:
    case Operator::kIsNotDistinctFrom: *out = op; return true;
    case Operator::kLt: *out = Operator::kGt; return true;
    case Operator::kLtEq: *out = Operator::kGtEq; return true;
    case Operator::kGt: *out = Operator::kLt; return true;
    case Operator::kGtEq: *out = Operator::kLtEq; return true;
    default: return false;
  }
}

bool NegateComparison(Operator op, Operator* out) {
  switch (op) {
    case Operator::kEq: *out = Operator::kNotEq; return true;
    case Operator::kNotEq: *out = Operator::kEq; return true;
    case Operator::kLt: *out = Operator::kGtEq; return true;
    case Operator::kLtEq: *out = Operator::kGt; return true;
    case Operator::kGt: *out = Operator::kLtEq; return true;
    case Operator::kGtEq: *out = Operator::kLt; return true;
    case Operator::kIsDistinctFrom: *out = Operator::kIsNotDistinctFrom; return true;
    case Operator::kIsNotDistinctFrom: *out = Operator::kIsDistinctFrom; return true;
    default: return false;
  }
}

}  // namespace quiver
