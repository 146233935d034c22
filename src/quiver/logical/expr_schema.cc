// Types and nullability of logical expressions against a schema.
#include "quiver/logical/expr.h"
#include "quiver/logical/logical_plan.h"
#include "quiver/logical/type_coercion.h"

namespace quiver {

namespace {

Result<std::vector<DataTypePtr>> ArgTypes(const std::vector<ExprPtr>& args,
                                          const DFSchema& schema) {
  std::vector<DataTypePtr> types;
  for (const auto& a : args) {
    if (a->kind == ExprKind::kWildcard) {
      types.push_back(null());
      continue;
    }
    QUIVER_ASSIGN_OR_RAISE(auto t, GetType(a, schema));
    types.push_back(std::move(t));
  }
  return types;
}

}  // namespace

Result<DataTypePtr> GetType(const ExprPtr& e, const DFSchema& schema) {
  switch (e->kind) {
    case ExprKind::kColumn: {
      QUIVER_ASSIGN_OR_RAISE(int i, schema.IndexOf(e->column));
      return schema.field(i)->type();
    }
    case ExprKind::kOuterReferenceColumn:
    case ExprKind::kCast:
    case ExprKind::kTryCast: return e->cast_type;
    case ExprKind::kPlaceholder: return e->cast_type ? e->cast_type : null();
    case ExprKind::kLiteral: return e->literal.type();
    case ExprKind::kAlias:
    case ExprKind::kNegative: return GetType(e->expr, schema);
    case ExprKind::kBinary: {
      QUIVER_ASSIGN_OR_RAISE(auto l, GetType(e->left, schema));
      QUIVER_ASSIGN_OR_RAISE(auto r, GetType(e->right, schema));
      QUIVER_ASSIGN_OR_RAISE(auto types, CoerceBinary(l, e->op, r));
      return types.result;
    }
    case ExprKind::kNot:
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull:
    case ExprKind::kIsTrue:
    case ExprKind::kIsFalse:
    case ExprKind::kIsUnknown:
    case ExprKind::kIsNotTrue:
    case ExprKind::kIsNotFalse:
    case ExprKind::kIsNotUnknown:
    case ExprKind::kBetween:
    case ExprKind::kLike:
    case ExprKind::kSimilarTo:
    case ExprKind::kInList:
    case ExprKind::kExists:
    case ExprKind::kInSubquery: return boolean();
    case ExprKind::kCase: {
      std::vector<DataTypePtr> types;
      for (const auto& t : e->then) {
        QUIVER_ASSIGN_OR_RAISE(auto ty, GetType(t, schema));
        types.push_back(ty);
      }
      if (e->else_expr) {
        QUIVER_ASSIGN_OR_RAISE(auto ty, GetType(e->else_expr, schema));
        types.push_back(ty);
      }
      return CommonType(types, "CASE");
    }
    case ExprKind::kScalarFunction: {
      QUIVER_ASSIGN_OR_RAISE(auto types, ArgTypes(e->args, schema));
      QUIVER_ASSIGN_OR_RAISE(auto coerced, e->scalar_fn->CoerceTypes(types));
      return e->scalar_fn->ReturnType(coerced);
    }
    case ExprKind::kAggregateFunction: {
      QUIVER_ASSIGN_OR_RAISE(auto types, ArgTypes(e->args, schema));
      QUIVER_ASSIGN_OR_RAISE(auto coerced, e->aggregate_fn->CoerceTypes(types));
      return e->aggregate_fn->ReturnType(coerced);
    }
    case ExprKind::kWindowFunction: {
      QUIVER_ASSIGN_OR_RAISE(auto types, ArgTypes(e->args, schema));
      if (e->window_fn) {
        QUIVER_ASSIGN_OR_RAISE(auto coerced, e->window_fn->CoerceTypes(types));
        return e->window_fn->ReturnType(coerced);
      }
      QUIVER_ASSIGN_OR_RAISE(auto coerced, e->aggregate_fn->CoerceTypes(types));
      return e->aggregate_fn->ReturnType(coerced);
    }
    case ExprKind::kScalarSubquery: return e->subquery->schema->field(0)->type();
    case ExprKind::kWildcard: return Status::Internal("wildcard has no type");
  }
  return Status::Internal("unknown expression kind");
}

Result<bool> IsNullable(const ExprPtr& e, const DFSchema& schema) {
  switch (e->kind) {
    case ExprKind::kColumn: {
      QUIVER_ASSIGN_OR_RAISE(int i, schema.IndexOf(e->column));
      return schema.field(i)->nullable();
    }
    case ExprKind::kLiteral: return e->literal.is_null();
    case ExprKind::kAlias:
    case ExprKind::kNegative:
    case ExprKind::kNot:
    case ExprKind::kCast: return IsNullable(e->expr, schema);
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull:
    case ExprKind::kIsTrue:
    case ExprKind::kIsFalse:
    case ExprKind::kIsUnknown:
    case ExprKind::kIsNotTrue:
    case ExprKind::kIsNotFalse:
    case ExprKind::kIsNotUnknown:
    case ExprKind::kExists: return false;
    case ExprKind::kBinary: {
      if (e->op == Operator::kIsDistinctFrom || e->op == Operator::kIsNotDistinctFrom) {
        return false;
      }
      QUIVER_ASSIGN_OR_RAISE(bool l, IsNullable(e->left, schema));
      QUIVER_ASSIGN_OR_RAISE(bool r, IsNullable(e->right, schema));
      // Division and overflow never produce nulls (they fail instead).
      return l || r;
    }
    case ExprKind::kAggregateFunction: return e->aggregate_fn->nullable();
    case ExprKind::kWindowFunction:
      return e->window_fn ? e->window_fn->nullable() : e->aggregate_fn->nullable();
    default: return true;
  }
}

Result<FieldPtr> ToField(const ExprPtr& e, const DFSchema& schema) {
  QUIVER_ASSIGN_OR_RAISE(auto type, GetType(e, schema));
  QUIVER_ASSIGN_OR_RAISE(bool nullable, IsNullable(e, schema));
  return field(e->OutputName(), type, nullable);
}

}  // namespace quiver
