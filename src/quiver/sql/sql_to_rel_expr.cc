// SQL expressions -> logical expressions.
#include <charconv>
#include <cmath>

#include "quiver/arrow/type_string.h"
#include "quiver/logical/prepare.h"
#include "quiver/sql/session_time_zone.h"
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

namespace {

// INTERVAL '1 month' + '1 day' [unit]: each string (with the unit) is an
// interval; `negate_first` for a leading minus.
ExprPtr IntervalSum(const sql::Expr& x, const std::string& unit, bool negate_first) {
  if (x.kind == sql::ExprKind::kLiteral) {
    std::string text = unit.empty() ? x.value : x.value + " " + unit;
    ExprPtr v = CastTo(LitString(text), interval(IntervalUnit::kMonthDayNano));
    return negate_first ? Negative(v) : v;
  }
  Operator op = x.binary_op == sql::BinaryOp::kPlus ? Operator::kPlus : Operator::kMinus;
  return Binary(IntervalSum(*x.left, unit, negate_first), op, IntervalSum(*x.right, unit, false));
}

Result<Operator> ConvertOp(sql::BinaryOp op, SourceLocation loc) {
  using B = sql::BinaryOp;
  switch (op) {
    case B::kPlus: return Operator::kPlus;
    case B::kMinus: return Operator::kMinus;
    case B::kMultiply: return Operator::kMultiply;
    case B::kDivide: return Operator::kDivide;
    case B::kModulo: return Operator::kModulo;
    case B::kStringConcat: return Operator::kStringConcat;
    case B::kEq: return Operator::kEq;
    case B::kNotEq: return Operator::kNotEq;
    case B::kLt: return Operator::kLt;
    case B::kLtEq: return Operator::kLtEq;
    case B::kGt: return Operator::kGt;
    case B::kGtEq: return Operator::kGtEq;
    case B::kAnd: return Operator::kAnd;
    case B::kOr: return Operator::kOr;
    case B::kBitwiseAnd: return Operator::kBitwiseAnd;
    case B::kBitwiseOr: return Operator::kBitwiseOr;
    case B::kBitwiseXor:
    case B::kPGBitwiseXor: return Operator::kBitwiseXor;
    case B::kShiftLeft: return Operator::kBitwiseShiftLeft;
    case B::kShiftRight: return Operator::kBitwiseShiftRight;
    case B::kRegexMatch: return Operator::kRegexMatch;
    case B::kRegexIMatch: return Operator::kRegexIMatch;
    case B::kRegexNotMatch: return Operator::kRegexNotMatch;
    case B::kRegexNotIMatch: return Operator::kRegexNotIMatch;
    case B::kLikeMatch: return Operator::kLikeMatch;
    case B::kILikeMatch: return Operator::kILikeMatch;
    case B::kNotLikeMatch: return Operator::kNotLikeMatch;
    case B::kNotILikeMatch: return Operator::kNotILikeMatch;
    case B::kAtArrow: return Operator::kAtArrow;
    case B::kArrowAt: return Operator::kArrowAt;
    case B::kIsDistinctFrom: return Operator::kIsDistinctFrom;
    case B::kIsNotDistinctFrom: return Operator::kIsNotDistinctFrom;
    default:
      return Status::NotImplemented(std::string("Unsupported SQL binary operator ") +
                                    sql::BinaryOpToString(op))
          .WithLocation(loc);
  }
}

ScalarValue NumberLiteral(const std::string& digits, bool negative, bool* ok) {
  *ok = true;
  std::string text = (negative ? "-" : "") + digits;
  bool integral = digits.find_first_of(".eE") == std::string::npos;
  if (integral) {
    int64_t v;
    auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec == std::errc() && r.ptr == text.data() + text.size()) return ScalarValue::Int64(v);
    uint64_t u;
    r = std::from_chars(digits.data(), digits.data() + digits.size(), u);
    if (!negative && r.ec == std::errc()) return ScalarValue::UInt64(u);
    // Too large for 64 bits: an exact decimal when it fits 38 digits.
    if (digits.size() <= 38) {
      Int128 acc = 0;
      for (char c : digits) acc = acc * 10 + (c - '0');
      return ScalarValue::Decimal128(negative ? -acc : acc, static_cast<int32_t>(digits.size()), 0);
    }
  }
  double d = std::strtod(text.c_str(), nullptr);
  if (std::isinf(d)) *ok = false;
  return ScalarValue::Float64(d);
}

}  // namespace

Result<ExprPtr> SqlToRel::PlanLiteral(const sql::Expr& e) {
  using L = sql::LiteralKind;
  switch (e.literal_kind) {
    case L::kNumber: {
      bool ok;
      ScalarValue v = NumberLiteral(e.value, false, &ok);
      if (!ok) return Status::Plan("Cannot parse " + e.value + " as a number").WithLocation(e.loc);
      return Lit(std::move(v));
    }
    case L::kString:
    case L::kEscapedString:
    case L::kNationalString:
    case L::kDollarString: return LitString(e.value);
    case L::kHexString: {
      if (e.value.size() % 2 != 0) {
        return Status::Plan("Invalid HexStringLiteral '" + e.value + "'").WithLocation(e.loc);
      }
      std::string bytes;
      for (size_t i = 0; i < e.value.size(); i += 2) {
        bytes.push_back(static_cast<char>(std::stoi(e.value.substr(i, 2), nullptr, 16)));
      }
      return Lit(ScalarValue::Binary(bytes));
    }
    case L::kBoolean: return LitBool(e.value == "true");
    case L::kNull: return LitNull();
  }
  return Status::Internal("unknown literal");
}

Result<ExprPtr> SqlToRel::PlanIdentifier(const sql::Expr& e, const DFSchema& schema) {
  const auto& n = e.names;
  Column col;
  col.name = n.back().value;
  if (n.size() == 2) col.relation = TableReference{"", "", n[0].value};
  if (n.size() == 3) col.relation = TableReference{"", n[0].value, n[1].value};
  if (n.size() == 4) col.relation = TableReference{n[0].value, n[1].value, n[2].value};
  if (n.size() > 4) return Status::NotImplemented("compound identifier with more than 4 parts");
  auto idx = schema.IndexOf(col);
  if (!idx.ok() && n.size() > 1) {
    auto field = PlanCompoundFieldAccess(e, schema);  // s.f on a struct column
    if (field.ok()) return field;
  }
  if (!idx.ok()) {
    if (auto outer = FindOuterColumn(col, schema)) return outer;
    return idx.status().WithLocation(e.loc);
  }
  // Qualify the column with its relation so it stays unambiguous later.
  return Col(schema.column(*idx));
}

Result<ExprPtr> SqlToRel::PlanExpr(const sql::Expr& expr, const DFSchema& schema) {
  return PlanExprIn(expr, schema);
}

Result<ExprPtr> SqlToRel::PlanExprIn(const sql::Expr& e, const DFSchema& schema) {
  using K = sql::ExprKind;
  auto sub = [&](const sql::ExprPtr& x) { return PlanExprIn(*x, schema); };
  switch (e.kind) {
    case K::kIdentifier: return PlanIdentifier(e, schema);
    case K::kLiteral: return PlanLiteral(e);
    case K::kNested: return sub(e.operand);
    case K::kTypedString: {
      QUIVER_ASSIGN_OR_RAISE(auto t, ConvertDataTypeInSession(*e.data_type, context_->options()));
      return CastTo(LitString(e.value), t);
    }
    case K::kInterval: {
      if (e.operand->kind == K::kBinaryOp && sql::IsStringSum(*e.operand)) {
        return IntervalSum(*e.operand, e.value, false);
      }
      QUIVER_ASSIGN_OR_RAISE(auto v, sub(e.operand));
      // INTERVAL '1' DAY: the unit joins the text; the cast parses it.
      if (!e.value.empty()) {
        if (v->kind == ExprKind::kLiteral && !v->literal.is_null()) {
          return CastTo(LitString(v->literal.ValueToString() + " " + e.value),
                        interval(IntervalUnit::kMonthDayNano));
        }
        return Status::NotImplemented("INTERVAL with a non-literal value").WithLocation(e.loc);
      }
      return CastTo(v, interval(IntervalUnit::kMonthDayNano));
    }
    case K::kUnaryOp: {
      // -INTERVAL 'a' + 'b': DataFusion negates only the first term.
      if (e.unary_op == sql::UnaryOp::kMinus && e.operand->kind == K::kInterval &&
          e.operand->operand->kind == K::kBinaryOp && sql::IsStringSum(*e.operand->operand)) {
        return IntervalSum(*e.operand->operand, e.operand->value, true);
      }
      if (e.unary_op == sql::UnaryOp::kMinus && e.operand->kind == K::kLiteral &&
          e.operand->literal_kind == sql::LiteralKind::kNumber) {
        bool ok;
        ScalarValue v = NumberLiteral(e.operand->value, true, &ok);
        return Lit(std::move(v));
      }
      QUIVER_ASSIGN_OR_RAISE(auto x, sub(e.operand));
      switch (e.unary_op) {
        case sql::UnaryOp::kPlus: return x;
        case sql::UnaryOp::kMinus: return Negative(x);
        case sql::UnaryOp::kNot: return Not(x);
        case sql::UnaryOp::kBitwiseNot:
          return Status::NotImplemented("Unsupported SQL unary operator ~").WithLocation(e.loc);
      }
      break;
    }
    case K::kBinaryOp: {
      QUIVER_ASSIGN_OR_RAISE(auto l, sub(e.left));
      QUIVER_ASSIGN_OR_RAISE(auto r, sub(e.right));
      QUIVER_ASSIGN_OR_RAISE(auto array_op, PlanArrayOperator(e, l, r, schema));
      if (array_op) return array_op;
      QUIVER_ASSIGN_OR_RAISE(auto op, ConvertOp(e.binary_op, e.loc));
      if (op >= Operator::kLikeMatch && op <= Operator::kNotILikeMatch) {
        auto like = std::make_shared<Expr>();
        like->kind = ExprKind::kLike;
        like->expr = l;
        like->pattern = r;
        like->negated = op == Operator::kNotLikeMatch || op == Operator::kNotILikeMatch;
        like->case_insensitive = op == Operator::kILikeMatch || op == Operator::kNotILikeMatch;
        return ExprPtr(like);
      }
      return InferPlaceholderTypes(Binary(l, op, r), schema);  // a = $1: $1 gets a's type
    }
    case K::kIsTest: {
      QUIVER_ASSIGN_OR_RAISE(auto x, sub(e.operand));
      switch (e.is_test) {
        case sql::IsTest::kNull:
          return Unary(e.negated ? ExprKind::kIsNotNull : ExprKind::kIsNull, x);
        case sql::IsTest::kTrue:
          return Unary(e.negated ? ExprKind::kIsNotTrue : ExprKind::kIsTrue, x);
        case sql::IsTest::kFalse:
          return Unary(e.negated ? ExprKind::kIsNotFalse : ExprKind::kIsFalse, x);
        case sql::IsTest::kUnknown:
          return Unary(e.negated ? ExprKind::kIsNotUnknown : ExprKind::kIsUnknown, x);
      }
      break;
    }
    case K::kLike: {
      auto like = std::make_shared<Expr>();
      like->kind =
          e.like_kind == sql::LikeKind::kSimilarTo ? ExprKind::kSimilarTo : ExprKind::kLike;
      QUIVER_ASSIGN_OR_RAISE(like->expr, sub(e.operand));
      QUIVER_ASSIGN_OR_RAISE(like->pattern, sub(e.right));
      like->negated = e.negated;
      like->case_insensitive = e.like_kind == sql::LikeKind::kILike;
      if (e.escape) {
        if (e.escape->kind != K::kLiteral || e.escape->value.size() != 1) {
          return Status::Plan("Invalid escape character in LIKE expression").WithLocation(e.loc);
        }
        like->escape = e.escape->value[0];
      }
      return InferPlaceholderTypes(like, schema);
    }
    case K::kBetween: {
      auto b = std::make_shared<Expr>();
      b->kind = ExprKind::kBetween;
      QUIVER_ASSIGN_OR_RAISE(b->expr, sub(e.operand));
      QUIVER_ASSIGN_OR_RAISE(b->low, sub(e.low));
      QUIVER_ASSIGN_OR_RAISE(b->high, sub(e.high));
      b->negated = e.negated;
      return InferPlaceholderTypes(b, schema);
    }
    case K::kInList: {
      // x IN ((SELECT ...)) means the subquery's rows (as in DataFusion).
      if (e.list.size() == 1 && e.list[0]->kind == K::kSubquery) return PlanSubqueryExpr(e, schema);
      auto in = std::make_shared<Expr>();
      in->kind = ExprKind::kInList;
      QUIVER_ASSIGN_OR_RAISE(in->expr, sub(e.operand));
      for (const auto& x : e.list) {
        QUIVER_ASSIGN_OR_RAISE(auto v, sub(x));
        in->list.push_back(std::move(v));
      }
      in->negated = e.negated;
      return InferPlaceholderTypes(in, schema);
    }
    case K::kCase: {
      auto c = std::make_shared<Expr>();
      c->kind = ExprKind::kCase;
      if (e.operand) {
        QUIVER_ASSIGN_OR_RAISE(c->expr, sub(e.operand));
      }
      for (size_t i = 0; i < e.when.size(); ++i) {
        QUIVER_ASSIGN_OR_RAISE(auto w, sub(e.when[i]));
        QUIVER_ASSIGN_OR_RAISE(auto t, sub(e.then[i]));
        c->when.push_back(std::move(w));
        c->then.push_back(std::move(t));
      }
      if (e.else_expr) {
        QUIVER_ASSIGN_OR_RAISE(c->else_expr, sub(e.else_expr));
      }
      return ExprPtr(c);
    }
    case K::kCast: {
      QUIVER_ASSIGN_OR_RAISE(auto x, sub(e.operand));
      QUIVER_ASSIGN_OR_RAISE(auto t, ConvertDataTypeInSession(*e.data_type, context_->options()));
      return CastTo(x, t, e.cast_kind == sql::CastKind::kTryCast);
    }
    case K::kFunction: return PlanFunction(e, schema);
    case K::kExtract: {
      auto fn = context_->functions().GetScalar("date_part");
      if (!fn) return Status::NotImplemented("EXTRACT").WithLocation(e.loc);
      QUIVER_ASSIGN_OR_RAISE(auto x, sub(e.operand));
      return ScalarCall(fn, {LitString(e.value), x});
    }
    case K::kPosition: {
      auto fn = context_->functions().GetScalar("strpos");
      if (!fn) return Status::NotImplemented("POSITION").WithLocation(e.loc);
      QUIVER_ASSIGN_OR_RAISE(auto needle, sub(e.left));
      QUIVER_ASSIGN_OR_RAISE(auto hay, sub(e.right));
      return ScalarCall(fn, {hay, needle});
    }
    case K::kSubstring: {
      auto fn = context_->functions().GetScalar("substr");
      if (!fn) return Status::NotImplemented("SUBSTRING").WithLocation(e.loc);
      std::vector<ExprPtr> args;
      QUIVER_ASSIGN_OR_RAISE(auto x, sub(e.operand));
      args.push_back(x);
      if (e.low) {
        QUIVER_ASSIGN_OR_RAISE(auto lo, sub(e.low));
        args.push_back(lo);
      } else {
        args.push_back(LitInt64(1));
      }
      if (e.high) {
        QUIVER_ASSIGN_OR_RAISE(auto hi, sub(e.high));
        args.push_back(hi);
      }
      return ScalarCall(fn, std::move(args));
    }
    case K::kTrim: {
      const char* name = e.trim_where == sql::TrimWhere::kLeading    ? "ltrim"
                         : e.trim_where == sql::TrimWhere::kTrailing ? "rtrim"
                                                                     : "btrim";
      auto fn = context_->functions().GetScalar(name);
      if (!fn) return Status::NotImplemented("TRIM").WithLocation(e.loc);
      QUIVER_ASSIGN_OR_RAISE(auto x, sub(e.operand));
      std::vector<ExprPtr> args{x};
      if (e.left) {
        QUIVER_ASSIGN_OR_RAISE(auto chars, sub(e.left));
        args.push_back(chars);
      }
      return ScalarCall(fn, std::move(args));
    }
    case K::kArray: {
      auto fn = context_->functions().GetScalar("make_array");
      if (!fn) return Status::NotImplemented("array literals").WithLocation(e.loc);
      std::vector<ExprPtr> args;
      for (const auto& x : e.list) {
        QUIVER_ASSIGN_OR_RAISE(auto v, sub(x));
        args.push_back(std::move(v));
      }
      return ScalarCall(fn, std::move(args));
    }
    case K::kPlaceholder: return PlanPlaceholder(e);  // sql_to_rel_prepare.cc
    case K::kWildcard: return Wildcard();
    case K::kSubscript:
    case K::kFieldAccess:
    case K::kTuple: return PlanNestedExpr(e, schema);
    case K::kSubquery:
    case K::kExists:
    case K::kInSubquery:
    case K::kAnyAll: return PlanSubqueryExpr(e, schema);
    default: break;
  }
  return Status::NotImplemented("Unsupported SQL expression").WithLocation(e.loc);
}

Result<ExprPtr> SqlToRel::PlanFunction(const sql::Expr& e, const DFSchema& schema) {
  std::string name;
  for (size_t i = 0; i < e.names.size(); ++i) name += (i ? "." : "") + e.names[i].value;
  if (e.over) return PlanWindowFunction(e, schema, name);
  if (IsStructWithNames(e)) return PlanNestedExpr(e, schema);
  const FunctionRegistry& reg = context_->functions();
  std::vector<ExprPtr> args;
  bool count_star = false;
  for (const auto& a : e.args) {
    if (a.value->kind == sql::ExprKind::kWildcard) {
      count_star = true;
      continue;
    }
    QUIVER_ASSIGN_OR_RAISE(auto v, PlanExprIn(*a.value, schema));
    args.push_back(std::move(v));
  }
  // arrow_cast(x, 'Type'): the result type is the literal, so it plans as a CAST.
  if (name == "arrow_cast") {
    if (args.size() != 2) {
      return Status::Plan("arrow_cast needs 2 arguments, " + std::to_string(args.size()) +
                          " provided")
          .WithLocation(e.loc);
    }
    const ExprPtr& t = args[1];
    if (t->kind != ExprKind::kLiteral || !t->literal.type()->is_string() || t->literal.is_null()) {
      return Status::Plan("arrow_cast requires its second argument to be a constant string, got " +
                          t->ToString())
          .WithLocation(e.loc);
    }
    auto type = ParseArrowTypeString(t->literal.GetString());
    if (!type.ok()) return type.status().WithLocation(e.loc);
    return CastTo(args[0], *type);
  }
  if (auto agg = reg.GetAggregate(name)) {
    if (count_star) {
      if (agg->name() != "count") {
        return Status::Plan(name + "(*) is not supported").WithLocation(e.loc);
      }
      args = {LitInt64(1)};
    }
    if (agg->name() == "count" && args.empty()) args = {LitInt64(1)};
    ExprPtr filter;
    if (e.filter) {
      QUIVER_ASSIGN_OR_RAISE(filter, PlanExprIn(*e.filter, schema));
    }
    std::vector<SortExpr> order;
    for (const auto& o : e.order_by) {
      QUIVER_ASSIGN_OR_RAISE(auto oe, PlanExprIn(*o.expr, schema));
      bool asc = o.asc.value_or(true);
      order.push_back({oe, asc, o.nulls_first.value_or(!asc)});
    }
    ExprPtr call = AggregateCall(agg, std::move(args), e.distinct, filter, std::move(order));
    // count(*) keeps its familiar name.
    if (count_star) return Alias(call, "count(*)");
    return call;
  }
  if (auto fn = reg.GetScalar(name)) {
    if (count_star) return Status::Plan(name + "(*) is not supported").WithLocation(e.loc);
    // Functions typed by their constant arguments bind to them first.
    auto bound = fn->Bind(args);
    if (!bound.ok()) return bound.status().WithLocation(e.loc);
    if (*bound) fn = *bound;
    std::vector<DataTypePtr> types;
    for (const auto& a : args) {
      auto t = GetType(a, schema);
      if (!t.ok()) return t.status().WithLocation(e.loc);
      types.push_back(*t);
    }
    auto coerced = fn->CoerceTypes(types);
    if (!coerced.ok()) return coerced.status().WithLocation(e.loc);
    return ScalarCall(fn, std::move(args));
  }
  std::string msg = "Invalid function '" + name + "'.";
  std::string suggestion = reg.Suggest(name);
  if (!suggestion.empty()) msg += "\nDid you mean '" + suggestion + "'?";
  return Status::Plan(msg).WithLocation(e.loc);
}

}  // namespace quiver
