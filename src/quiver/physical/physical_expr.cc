#include "quiver/physical/physical_expr.h"

#include "quiver/arrow/builder.h"
#include "quiver/functions/like.h"
#include "quiver/physical/binary_kernels.h"

namespace quiver {

using compute::Datum;

Result<ArrayPtr> DatumToArray(const Datum& d, int64_t num_rows) {
  if (!d.is_scalar) return d.array;
  return ScalarValue(d.array).ToArray(num_rows);
}

Result<ArrayPtr> PhysicalExpr::EvaluateToArray(const RecordBatch& batch) const {
  QUIVER_ASSIGN_OR_RAISE(auto d, Evaluate(batch));
  return DatumToArray(d, batch.num_rows());
}

Result<Datum> ColumnExpr::Evaluate(const RecordBatch& batch) const {
  if (index_ >= batch.num_columns()) {
    return Status::Internal("column index " + std::to_string(index_) + " out of range");
  }
  return Datum::Array(batch.column(index_));
}

namespace {

// Converts `array` (full length) to a Datum shaped like the inputs: a scalar
// when every input was a scalar.
Datum Shape(ArrayPtr array, bool all_scalar) {
  return all_scalar ? Datum::Scalar(std::move(array)) : Datum::Array(std::move(array));
}

}  // namespace

Result<Datum> BinaryExpr::Evaluate(const RecordBatch& batch) const {
  QUIVER_ASSIGN_OR_RAISE(auto l, left_->Evaluate(batch));
  // AND/OR short-circuit when the left side decides every row.
  QUIVER_ASSIGN_OR_RAISE(auto r, right_->Evaluate(batch));
  const bool scalar = l.is_scalar && r.is_scalar;
  ArrayPtr out;
  switch (op_) {
    case Operator::kEq:
    case Operator::kNotEq:
    case Operator::kLt:
    case Operator::kLtEq:
    case Operator::kGt:
    case Operator::kGtEq: {
      static const compute::CompareOp kOps[] = {compute::CompareOp::kEq, compute::CompareOp::kNotEq,
                                               compute::CompareOp::kLt, compute::CompareOp::kLtEq,
                                               compute::CompareOp::kGt, compute::CompareOp::kGtEq};
      QUIVER_ASSIGN_OR_RAISE(out, compute::Compare(kOps[static_cast<int>(op_)], l, r));
      break;
    }
    case Operator::kPlus:
    case Operator::kMinus:
    case Operator::kMultiply:
    case Operator::kDivide:
    case Operator::kModulo: {
      static const compute::ArithmeticOp kOps[] = {
          compute::ArithmeticOp::kAdd, compute::ArithmeticOp::kSubtract,
          compute::ArithmeticOp::kMultiply, compute::ArithmeticOp::kDivide,
          compute::ArithmeticOp::kModulo};
      int i = static_cast<int>(op_) - static_cast<int>(Operator::kPlus);
      QUIVER_ASSIGN_OR_RAISE(out, compute::Arithmetic(kOps[i], l, r, type()));
      break;
    }
    case Operator::kAnd: {
      QUIVER_ASSIGN_OR_RAISE(out, compute::And(l, r));
      break;
    }
    case Operator::kOr: {
      QUIVER_ASSIGN_OR_RAISE(out, compute::Or(l, r));
      break;
    }
    case Operator::kIsDistinctFrom: {
      QUIVER_ASSIGN_OR_RAISE(out, compute::IsDistinctFrom(l, r, false));
      break;
    }
    case Operator::kIsNotDistinctFrom: {
      QUIVER_ASSIGN_OR_RAISE(out, compute::IsDistinctFrom(l, r, true));
      break;
    }
    case Operator::kStringConcat: {
      QUIVER_ASSIGN_OR_RAISE(out, ConcatStrings(l, r, type()));
      break;
    }
    case Operator::kBitwiseAnd:
    case Operator::kBitwiseOr:
    case Operator::kBitwiseXor:
    case Operator::kBitwiseShiftLeft:
    case Operator::kBitwiseShiftRight: {
      QUIVER_ASSIGN_OR_RAISE(out, Bitwise(op_, l, r, type()));
      break;
    }
    case Operator::kRegexMatch:
    case Operator::kRegexIMatch:
    case Operator::kRegexNotMatch:
    case Operator::kRegexNotIMatch: {
      const bool insensitive = op_ == Operator::kRegexIMatch || op_ == Operator::kRegexNotIMatch;
      const bool negated = op_ == Operator::kRegexNotMatch || op_ == Operator::kRegexNotIMatch;
      QUIVER_ASSIGN_OR_RAISE(out, functions::RegexMatch(l, r, insensitive, negated));
      break;
    }
    case Operator::kLikeMatch:
    case Operator::kILikeMatch:
    case Operator::kNotLikeMatch:
    case Operator::kNotILikeMatch: {
      const bool insensitive = op_ == Operator::kILikeMatch || op_ == Operator::kNotILikeMatch;
      const bool negated = op_ == Operator::kNotLikeMatch || op_ == Operator::kNotILikeMatch;
      QUIVER_ASSIGN_OR_RAISE(out, functions::LikeMatch(l, r, insensitive, std::nullopt, negated));
      break;
    }
    default:
      return Status::NotImplemented(std::string("Binary operator ") + OperatorToString(op_));
  }
  return Shape(std::move(out), scalar);
}

std::string BinaryExpr::ToString() const {
  return left_->ToString() + " " + OperatorToString(op_) + " " + right_->ToString();
}

Result<Datum> UnaryExpr::Evaluate(const RecordBatch& batch) const {
  QUIVER_ASSIGN_OR_RAISE(auto in, input_->Evaluate(batch));
  ArrayPtr out;
  switch (kind_) {
    case UnaryKind::kNot: {
      QUIVER_ASSIGN_OR_RAISE(out, compute::Not(in));
      break;
    }
    case UnaryKind::kNegative: {
      QUIVER_ASSIGN_OR_RAISE(out, compute::Negate(in));
      break;
    }
    case UnaryKind::kIsNull: {
      QUIVER_ASSIGN_OR_RAISE(out, compute::IsNull(in, false));
      break;
    }
    case UnaryKind::kIsNotNull: {
      QUIVER_ASSIGN_OR_RAISE(out, compute::IsNull(in, true));
      break;
    }
    default: {
      // IS [NOT] TRUE/FALSE/UNKNOWN: null-free tests on a boolean.
      const auto& arr = *in.array;
      BooleanBuilder b;
      QUIVER_RETURN_NOT_OK(b.Reserve(arr.length()));
      for (int64_t i = 0; i < arr.length(); ++i) {
        bool is_null = arr.IsNull(i);
        bool v = !is_null && arr.type_id() == TypeId::kBoolean &&
                 static_cast<const BooleanArray&>(arr).Value(i);
        bool r = false;
        switch (kind_) {
          case UnaryKind::kIsTrue: r = !is_null && v; break;
          case UnaryKind::kIsFalse: r = !is_null && !v; break;
          case UnaryKind::kIsUnknown: r = is_null; break;
          case UnaryKind::kIsNotTrue: r = is_null || !v; break;
          case UnaryKind::kIsNotFalse: r = is_null || v; break;
          case UnaryKind::kIsNotUnknown: r = !is_null; break;
          default: break;
        }
        QUIVER_RETURN_NOT_OK(b.Append(r));
      }
      QUIVER_ASSIGN_OR_RAISE(out, b.Finish());
    }
  }
  return Shape(std::move(out), in.is_scalar);
}

std::string UnaryExpr::ToString() const {
  static const char* kNames[] = {"NOT ",        "(- ",           " IS NULL",     " IS NOT NULL",
                                 " IS TRUE",    " IS FALSE",     " IS UNKNOWN",  " IS NOT TRUE",
                                 " IS NOT FALSE", " IS NOT UNKNOWN"};
  const char* n = kNames[static_cast<int>(kind_)];
  if (kind_ == UnaryKind::kNot) return n + input_->ToString();
  if (kind_ == UnaryKind::kNegative) return n + input_->ToString() + ")";
  return input_->ToString() + n;
}

Result<Datum> CastExpr::Evaluate(const RecordBatch& batch) const {
  QUIVER_ASSIGN_OR_RAISE(auto in, input_->Evaluate(batch));
  if (in.type()->Equals(*type())) return in;
  compute::CastOptions opts;
  opts.to_null_on_error = try_cast_;
  QUIVER_ASSIGN_OR_RAISE(auto out, compute::Cast(in.array, type(), opts));
  return Shape(std::move(out), in.is_scalar);
}

std::string CastExpr::ToString() const {
  return std::string(try_cast_ ? "TRY_CAST(" : "CAST(") + input_->ToString() + " AS " +
         type()->ToString() + ")";
}

Result<Datum> CaseExpr::Evaluate(const RecordBatch& batch) const {
  const int64_t n = batch.num_rows();
  // remaining[i]: row i has not matched a WHEN yet.
  std::vector<uint8_t> remaining(n, 1);
  std::vector<int32_t> branch(n, -1);
  ArrayPtr base;
  if (base_) {
    QUIVER_ASSIGN_OR_RAISE(base, base_->EvaluateToArray(batch));
  }
  for (size_t w = 0; w < when_.size(); ++w) {
    QUIVER_ASSIGN_OR_RAISE(auto cond, when_[w]->EvaluateToArray(batch));
    if (base) {
      QUIVER_ASSIGN_OR_RAISE(cond, compute::Compare(compute::CompareOp::kEq, Datum::Array(base),
                                                    Datum::Array(cond)));
    }
    if (cond->type_id() != TypeId::kBoolean) {
      if (cond->type_id() == TypeId::kNull) continue;
      return Status::Internal("CASE WHEN condition is not boolean");
    }
    const auto& c = static_cast<const BooleanArray&>(*cond);
    for (int64_t i = 0; i < n; ++i) {
      if (remaining[i] && c.IsValid(i) && c.Value(i)) {
        remaining[i] = 0;
        branch[i] = static_cast<int32_t>(w);
      }
    }
  }
  // Evaluate each THEN (and ELSE) on the rows that chose it, then interleave.
  QUIVER_ASSIGN_OR_RAISE(auto builder, MakeBuilder(type()));
  std::vector<ArrayPtr> values(when_.size() + 1);
  for (size_t w = 0; w <= when_.size(); ++w) {
    bool used = false;
    for (int64_t i = 0; i < n && !used; ++i) used = branch[i] == static_cast<int32_t>(w == when_.size() ? -1 : w);
    if (!used) continue;
    const PhysicalExprPtr& e = w == when_.size() ? else_ : then_[w];
    if (!e) continue;
    // Only rows selecting this branch are evaluated, so errors elsewhere stay hidden.
    BooleanBuilder mb;
    for (int64_t i = 0; i < n; ++i) {
      QUIVER_RETURN_NOT_OK(mb.Append(branch[i] == static_cast<int32_t>(w == when_.size() ? -1 : w)));
    }
    QUIVER_ASSIGN_OR_RAISE(auto mask, mb.Finish());
    QUIVER_ASSIGN_OR_RAISE(auto sub,
                           compute::FilterBatch(std::make_shared<RecordBatch>(batch),
                                                static_cast<const BooleanArray&>(*mask)));
    QUIVER_ASSIGN_OR_RAISE(auto v, e->EvaluateToArray(*sub));
    if (!v->type()->Equals(*type())) {
      QUIVER_ASSIGN_OR_RAISE(v, compute::Cast(v, type()));
    }
    values[w] = std::move(v);
  }
  std::vector<int64_t> cursor(when_.size() + 1, 0);
  for (int64_t i = 0; i < n; ++i) {
    size_t w = branch[i] < 0 ? when_.size() : static_cast<size_t>(branch[i]);
    if (!values[w]) {
      QUIVER_RETURN_NOT_OK(builder->AppendNull());
    } else {
      QUIVER_RETURN_NOT_OK(builder->AppendArraySlice(*values[w]->data(), cursor[w]++, 1));
    }
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, builder->Finish());
  return Datum::Array(std::move(out));
}

std::string CaseExpr::ToString() const {
  std::string out = "CASE ";
  if (base_) out += base_->ToString() + " ";
  for (size_t i = 0; i < when_.size(); ++i) {
    out += "WHEN " + when_[i]->ToString() + " THEN " + then_[i]->ToString() + " ";
  }
  if (else_) out += "ELSE " + else_->ToString() + " ";
  return out + "END";
}

Result<Datum> InListExpr::Evaluate(const RecordBatch& batch) const {
  QUIVER_ASSIGN_OR_RAISE(auto in, input_->Evaluate(batch));
  // found = OR of (input = item); SQL semantics fall out of Kleene OR.
  ArrayPtr acc;
  for (const auto& item : list_) {
    QUIVER_ASSIGN_OR_RAISE(auto v, item->Evaluate(batch));
    QUIVER_ASSIGN_OR_RAISE(auto eq, compute::Compare(compute::CompareOp::kEq, in, v));
    if (!acc) {
      acc = eq;
    } else {
      QUIVER_ASSIGN_OR_RAISE(acc, compute::Or(Datum::Array(acc), Datum::Array(eq)));
    }
  }
  if (negated_) {
    QUIVER_ASSIGN_OR_RAISE(acc, compute::Not(Datum::Array(acc)));
  }
  if (acc->length() != batch.num_rows()) {
    QUIVER_ASSIGN_OR_RAISE(acc, DatumToArray(Datum::Scalar(acc), batch.num_rows()));
  }
  return Datum::Array(std::move(acc));
}

std::string InListExpr::ToString() const {
  std::string out = input_->ToString() + (negated_ ? " NOT IN (" : " IN (");
  for (size_t i = 0; i < list_.size(); ++i) out += (i ? ", " : "") + list_[i]->ToString();
  return out + ")";
}

Result<Datum> ScalarFunctionExpr::Evaluate(const RecordBatch& batch) const {
  std::vector<Datum> args;
  args.reserve(args_.size());
  for (const auto& a : args_) {
    QUIVER_ASSIGN_OR_RAISE(auto d, a->Evaluate(batch));
    args.push_back(std::move(d));
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, fn_->Invoke(args, batch.num_rows()));
  if (!out.is_scalar && out.length() != batch.num_rows()) {
    return Status::Internal("function " + fn_->name() + " returned " +
                            std::to_string(out.length()) + " rows for " +
                            std::to_string(batch.num_rows()));
  }
  return out;
}

std::string ScalarFunctionExpr::ToString() const {
  std::string out = fn_->name() + "(";
  for (size_t i = 0; i < args_.size(); ++i) out += (i ? ", " : "") + args_[i]->ToString();
  return out + ")";
}

}  // namespace quiver
