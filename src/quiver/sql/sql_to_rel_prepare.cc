// PREPARE planning, placeholders ($1) and LIMIT/OFFSET values.
#include "quiver/arrow/compute/compute.h"
#include "quiver/logical/prepare.h"
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

namespace {

// Restores the planner's parameter types when PREPARE planning ends.
struct ParamTypesGuard {
  std::map<int, DataTypePtr>* types;
  bool* declared;
  ~ParamTypesGuard() {
    types->clear();
    *declared = false;
  }
};

bool Overflows(sql::BinaryOp op, int64_t a, int64_t b, int64_t* out) {
  switch (op) {
    case sql::BinaryOp::kPlus: return __builtin_add_overflow(a, b, out);
    case sql::BinaryOp::kMinus: return __builtin_sub_overflow(a, b, out);
    default: return __builtin_mul_overflow(a, b, out);
  }
}

}  // namespace

Result<ExprPtr> SqlToRel::PlanPlaceholder(const sql::Expr& e) {
  auto idx = PlaceholderIndex(e.value);
  if (!idx.ok()) return idx.status().WithLocation(e.loc);
  auto it = param_types_.find(*idx);
  if (it != param_types_.end()) return MakePlaceholder(e.value, it->second);
  if (params_declared_) {
    return Status::Plan("Placeholder " + e.value + " has no declared type: PREPARE lists " +
                        std::to_string(param_types_.size()) + " parameter type(s)")
        .WithLocation(e.loc);
  }
  return MakePlaceholder(e.value, nullptr);
}

Status SqlToRel::TypeInsertPlaceholders(const sql::Insert& insert) {
  if (!insert.source || !insert.source->body ||
      insert.source->body->kind != sql::SetExprKind::kValues) {
    return Status::OK();
  }
  QUIVER_ASSIGN_OR_RAISE(auto ref, ToTableReference(insert.table));
  QUIVER_ASSIGN_OR_RAISE(auto table, context_->GetTable(ref, false));
  const SchemaPtr target = table->schema();
  // The type of the j-th inserted column.
  std::vector<DataTypePtr> types;
  if (insert.columns.empty()) {
    for (const auto& f : target->fields()) types.push_back(f->type());
  } else {
    for (const auto& c : insert.columns) {
      int i = target->GetFieldIndex(c.value);
      types.push_back(i < 0 ? nullptr : target->field(i)->type());
    }
  }
  for (const auto& row : insert.source->body->values) {
    for (size_t j = 0; j < row.size() && j < types.size(); ++j) {
      if (row[j]->kind != sql::ExprKind::kPlaceholder || !types[j]) continue;
      auto idx = PlaceholderIndex(row[j]->value);
      if (!idx.ok()) return idx.status().WithLocation(row[j]->loc);
      if (!param_types_.count(*idx)) param_types_[*idx] = types[j];
    }
  }
  return Status::OK();
}

Result<LogicalPlanPtr> SqlToRel::PlanPrepare(const sql::Prepare& prepare) {
  ParamTypesGuard guard{&param_types_, &params_declared_};
  std::vector<DataTypePtr> types;
  for (const auto& t : prepare.data_types) {
    QUIVER_ASSIGN_OR_RAISE(auto type, ConvertDataType(*t));
    types.push_back(type);
    param_types_[static_cast<int>(types.size())] = type;
  }
  params_declared_ = !types.empty();
  LogicalPlanPtr plan;
  if (auto q = prepare.statement->As<sql::QueryStatement>()) {
    QUIVER_ASSIGN_OR_RAISE(plan, PlanQuery(*q->query));
  } else if (auto ins = prepare.statement->As<sql::Insert>()) {
    QUIVER_RETURN_NOT_OK(TypeInsertPlaceholders(*ins));
    QUIVER_ASSIGN_OR_RAISE(plan, PlanQuery(*ins->source));
  } else {
    return Status::NotImplemented("PREPARE of statements other than queries and INSERT");
  }
  return MakePrepare(prepare.name.value, std::move(types), std::move(plan));
}

Result<std::optional<int64_t>> SqlToRel::PlanLimitValue(const sql::Expr& e, const char* what,
                                                        ExprPtr* placeholder) {
  using K = sql::ExprKind;
  const std::string clause = what;
  switch (e.kind) {
    case K::kNested: return PlanLimitValue(*e.operand, what, placeholder);
    case K::kPlaceholder: {
      auto idx = PlaceholderIndex(e.value);
      if (!idx.ok()) return idx.status().WithLocation(e.loc);
      *placeholder = MakePlaceholder(e.value, int64());
      return std::optional<int64_t>();
    }
    case K::kUnaryOp: {
      if (e.unary_op != sql::UnaryOp::kMinus) break;
      ExprPtr ignored;
      QUIVER_ASSIGN_OR_RAISE(auto v, PlanLimitValue(*e.operand, what, &ignored));
      if (ignored) break;
      if (v) *v = -*v;
      return v;
    }
    case K::kLiteral: {
      QUIVER_ASSIGN_OR_RAISE(auto lit, PlanExprIn(e, *DFSchema::Empty()));
      if (lit->kind != ExprKind::kLiteral) break;
      if (lit->literal.is_null()) return std::optional<int64_t>();
      if (!lit->literal.type()->is_integer()) break;
      return std::optional<int64_t>(lit->literal.GetInt64());
    }
    case K::kBinaryOp: {
      auto op = e.binary_op;
      if (op != sql::BinaryOp::kPlus && op != sql::BinaryOp::kMinus &&
          op != sql::BinaryOp::kMultiply) {
        return Status::Plan("Unsupported operator for " + clause + " clause").WithLocation(e.loc);
      }
      ExprPtr ignored;
      QUIVER_ASSIGN_OR_RAISE(auto l, PlanLimitValue(*e.left, what, &ignored));
      QUIVER_ASSIGN_OR_RAISE(auto r, PlanLimitValue(*e.right, what, &ignored));
      if (ignored) break;
      if (!l || !r) return std::optional<int64_t>();
      int64_t v;
      if (Overflows(op, *l, *r, &v)) {
        return Status::Plan(clause + " value overflows Int64").WithLocation(e.loc);
      }
      return std::optional<int64_t>(v);
    }
    case K::kCast: {
      ExprPtr ignored;
      QUIVER_ASSIGN_OR_RAISE(auto v, PlanLimitValue(*e.operand, what, &ignored));
      if (ignored) break;
      QUIVER_ASSIGN_OR_RAISE(auto type, ConvertDataType(*e.data_type));
      if (!v) return v;
      if (!type->is_integer()) break;
      // The cast must hold the value (CAST(300 AS TINYINT) is an error).
      auto cast = compute::Cast(ScalarValue::Int64(*v).array(), type);
      if (!cast.ok()) return cast.status().WithLocation(e.loc);
      return v;
    }
    default: break;
  }
  return Status::Plan("Unexpected expression in " + clause + " clause").WithLocation(e.loc);
}

}  // namespace quiver
