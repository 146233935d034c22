#include "quiver/physical/create_physical_expr.h"

#include "quiver/logical/type_coercion.h"
#include "quiver/physical/literal_folding.h"

namespace quiver {

PhysicalExprPtr CastIfNeeded(PhysicalExprPtr e, const DataTypePtr& to) {
  if (e->type()->Equals(*to)) return e;
  const bool literal = IsLiteral(e);
  PhysicalExprPtr cast = std::make_shared<CastExpr>(std::move(e), to, false);
  return literal ? FoldToLiteral(std::move(cast)) : cast;
}

namespace {

Result<PhysicalExprPtr> Create(const ExprPtr& e, const DFSchema& schema);

Result<std::vector<PhysicalExprPtr>> CreateAll(const std::vector<ExprPtr>& exprs,
                                               const DFSchema& schema) {
  std::vector<PhysicalExprPtr> out;
  for (const auto& e : exprs) {
    QUIVER_ASSIGN_OR_RAISE(auto p, Create(e, schema));
    out.push_back(std::move(p));
  }
  return out;
}

Result<PhysicalExprPtr> CreateBinary(PhysicalExprPtr l, Operator op, PhysicalExprPtr r) {
  QUIVER_ASSIGN_OR_RAISE(auto types, CoerceBinary(l->type(), op, r->type()));
  if (IsComparisonOperator(op)) NarrowComparisonOperands(&l, &r, &types);
  l = CastIfNeeded(std::move(l), types.left);
  r = CastIfNeeded(std::move(r), types.right);
  const bool literals = IsLiteral(l) && IsLiteral(r);
  PhysicalExprPtr out = std::make_shared<BinaryExpr>(std::move(l), op, std::move(r), types.result);
  return literals ? FoldToLiteral(std::move(out)) : out;
}

Result<PhysicalExprPtr> Create(const ExprPtr& e, const DFSchema& schema) {
  switch (e->kind) {
    case ExprKind::kColumn: {
      QUIVER_ASSIGN_OR_RAISE(int i, schema.IndexOf(e->column));
      return PhysicalExprPtr(std::make_shared<ColumnExpr>(e->column.name, i, schema.field(i)->type(),
                                                          schema.field(i)->nullable()));
    }
    case ExprKind::kLiteral: return PhysicalExprPtr(std::make_shared<LiteralExpr>(e->literal));
    case ExprKind::kAlias: return Create(e->expr, schema);
    case ExprKind::kBinary: {
      QUIVER_ASSIGN_OR_RAISE(auto l, Create(e->left, schema));
      QUIVER_ASSIGN_OR_RAISE(auto r, Create(e->right, schema));
      return CreateBinary(std::move(l), e->op, std::move(r));
    }
    case ExprKind::kNot:
    case ExprKind::kNegative:
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull:
    case ExprKind::kIsTrue:
    case ExprKind::kIsFalse:
    case ExprKind::kIsUnknown:
    case ExprKind::kIsNotTrue:
    case ExprKind::kIsNotFalse:
    case ExprKind::kIsNotUnknown: {
      QUIVER_ASSIGN_OR_RAISE(auto in, Create(e->expr, schema));
      UnaryKind kind;
      DataTypePtr type = boolean();
      bool nullable = false;
      switch (e->kind) {
        case ExprKind::kNot:
          kind = UnaryKind::kNot;
          if (in->type()->id() != TypeId::kBoolean && in->type()->id() != TypeId::kNull) {
            return Status::Plan("Cannot apply NOT to " + in->type()->ToString());
          }
          in = CastIfNeeded(in, boolean());
          nullable = in->nullable();
          break;
        case ExprKind::kNegative:
          kind = UnaryKind::kNegative;
          type = in->type();
          nullable = in->nullable();
          if (!type->is_numeric() && type->id() != TypeId::kInterval &&
              type->id() != TypeId::kDuration && type->id() != TypeId::kNull) {
            return Status::Plan("Negation only supports numeric, interval and timestamp types");
          }
          break;
        case ExprKind::kIsNull: kind = UnaryKind::kIsNull; break;
        case ExprKind::kIsNotNull: kind = UnaryKind::kIsNotNull; break;
        case ExprKind::kIsTrue: kind = UnaryKind::kIsTrue; break;
        case ExprKind::kIsFalse: kind = UnaryKind::kIsFalse; break;
        case ExprKind::kIsUnknown: kind = UnaryKind::kIsUnknown; break;
        case ExprKind::kIsNotTrue: kind = UnaryKind::kIsNotTrue; break;
        case ExprKind::kIsNotFalse: kind = UnaryKind::kIsNotFalse; break;
        default: kind = UnaryKind::kIsNotUnknown; break;
      }
      const bool literal = IsLiteral(in);
      PhysicalExprPtr unary = std::make_shared<UnaryExpr>(kind, std::move(in), type, nullable);
      return literal ? FoldToLiteral(std::move(unary)) : unary;
    }
    case ExprKind::kBetween: {
      // x BETWEEN a AND b == x >= a AND x <= b (NOT: x < a OR x > b).
      QUIVER_ASSIGN_OR_RAISE(auto x, Create(e->expr, schema));
      QUIVER_ASSIGN_OR_RAISE(auto lo, Create(e->low, schema));
      QUIVER_ASSIGN_OR_RAISE(auto hi, Create(e->high, schema));
      QUIVER_ASSIGN_OR_RAISE(auto a, CreateBinary(x, e->negated ? Operator::kLt : Operator::kGtEq, lo));
      QUIVER_ASSIGN_OR_RAISE(auto b, CreateBinary(x, e->negated ? Operator::kGt : Operator::kLtEq, hi));
      return CreateBinary(a, e->negated ? Operator::kOr : Operator::kAnd, b);
    }
    case ExprKind::kCast:
    case ExprKind::kTryCast: {
      QUIVER_ASSIGN_OR_RAISE(auto in, Create(e->expr, schema));
      if (!compute::CanCast(*in->type(), *e->cast_type)) {
        return Status::Plan("Cannot automatically convert " + in->type()->ToString() + " to " +
                            e->cast_type->ToString());
      }
      PhysicalExprPtr cast =
          std::make_shared<CastExpr>(in, e->cast_type, e->kind == ExprKind::kTryCast);
      return IsLiteral(in) ? FoldToLiteral(std::move(cast)) : cast;
    }
    case ExprKind::kCase: {
      QUIVER_ASSIGN_OR_RAISE(auto when, CreateAll(e->when, schema));
      QUIVER_ASSIGN_OR_RAISE(auto then, CreateAll(e->then, schema));
      PhysicalExprPtr base, else_expr;
      if (e->expr) {
        QUIVER_ASSIGN_OR_RAISE(base, Create(e->expr, schema));
        std::vector<DataTypePtr> types{base->type()};
        for (const auto& w : when) types.push_back(w->type());
        QUIVER_ASSIGN_OR_RAISE(auto common, CommonType(types, "CASE expression"));
        base = CastIfNeeded(base, common);
        for (auto& w : when) w = CastIfNeeded(w, common);
      } else {
        for (auto& w : when) {
          // Strings cast to boolean ('true'), as DataFusion coerces them.
          if (w->type()->id() != TypeId::kBoolean && w->type()->id() != TypeId::kNull &&
              !w->type()->is_string()) {
            return Status::Plan("WHEN expression of CASE must be boolean, got " +
                                w->type()->ToString());
          }
          w = CastIfNeeded(w, boolean());
        }
      }
      if (e->else_expr) {
        QUIVER_ASSIGN_OR_RAISE(else_expr, Create(e->else_expr, schema));
      }
      std::vector<DataTypePtr> types;
      for (const auto& t : then) types.push_back(t->type());
      if (else_expr) types.push_back(else_expr->type());
      QUIVER_ASSIGN_OR_RAISE(auto result, CommonType(types, "CASE branches"));
      for (auto& t : then) t = CastIfNeeded(t, result);
      if (else_expr) else_expr = CastIfNeeded(else_expr, result);
      return PhysicalExprPtr(std::make_shared<CaseExpr>(base, std::move(when), std::move(then),
                                                        else_expr, result));
    }
    case ExprKind::kInList: {
      QUIVER_ASSIGN_OR_RAISE(auto in, Create(e->expr, schema));
      QUIVER_ASSIGN_OR_RAISE(auto list, CreateAll(e->list, schema));
      std::vector<DataTypePtr> types{in->type()};
      for (const auto& x : list) types.push_back(x->type());
      QUIVER_ASSIGN_OR_RAISE(auto common, CommonType(types, "IN list"));
      in = CastIfNeeded(in, common);
      for (auto& x : list) x = CastIfNeeded(x, common);
      return PhysicalExprPtr(std::make_shared<InListExpr>(in, std::move(list), e->negated));
    }
    case ExprKind::kLike: {
      QUIVER_ASSIGN_OR_RAISE(auto in, Create(e->expr, schema));
      QUIVER_ASSIGN_OR_RAISE(auto pat, Create(e->pattern, schema));
      auto as_text = [](PhysicalExprPtr p) {
        return p->type()->is_string() ? p : CastIfNeeded(p, utf8());
      };
      return PhysicalExprPtr(std::make_shared<LikeExpr>(as_text(in), as_text(pat), e->negated,
                                                        e->case_insensitive, e->escape));
    }
    case ExprKind::kScalarFunction: {
      QUIVER_ASSIGN_OR_RAISE(auto args, CreateAll(e->args, schema));
      std::vector<DataTypePtr> types;
      for (const auto& a : args) types.push_back(a->type());
      QUIVER_ASSIGN_OR_RAISE(auto coerced, e->scalar_fn->CoerceTypes(types));
      for (size_t i = 0; i < args.size() && i < coerced.size(); ++i) {
        args[i] = CastIfNeeded(args[i], coerced[i]);
      }
      QUIVER_ASSIGN_OR_RAISE(auto ret, e->scalar_fn->ReturnType(coerced));
      return PhysicalExprPtr(std::make_shared<ScalarFunctionExpr>(e->scalar_fn, std::move(args), ret));
    }
    case ExprKind::kAggregateFunction:
      return Status::Internal("aggregate " + e->ToString() + " outside an aggregation");
    case ExprKind::kWindowFunction:
      return Status::Internal("window function " + e->ToString() + " outside a Window node");
    case ExprKind::kWildcard: return Status::Internal("wildcard was not expanded");
    case ExprKind::kSimilarTo:
      return Status::NotImplemented("SIMILAR TO");
    case ExprKind::kScalarSubquery:
    case ExprKind::kExists:
    case ExprKind::kInSubquery:
      return Status::NotImplemented("Physical plan does not support logical expression " +
                                    e->ToString());
    case ExprKind::kOuterReferenceColumn:
      return Status::NotImplemented("correlated column reference " + e->ToString());
    case ExprKind::kPlaceholder:
      return Status::Execution("Placeholder '" + e->name + "' was not provided a value for execution.");
  }
  return Status::Internal("unknown expression");
}

}  // namespace

Result<PhysicalExprPtr> CreatePhysicalExpr(const ExprPtr& expr, const DFSchema& input_schema) {
  return Create(expr, input_schema);
}

}  // namespace quiver
