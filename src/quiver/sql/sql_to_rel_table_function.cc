// Table functions in FROM: `generate_series(1, 10)`, `range(5) AS r(x)`.
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

namespace {

// The value of a constant argument (a literal, possibly negated or cast).
Result<ScalarValue> ConstantValue(const ExprPtr& e) {
  switch (e->kind) {
    case ExprKind::kLiteral: return e->literal;
    case ExprKind::kAlias: return ConstantValue(e->expr);
    case ExprKind::kNegative: {
      QUIVER_ASSIGN_OR_RAISE(auto v, ConstantValue(e->expr));
      if (v.is_null()) return v;
      if (v.type()->is_integer()) {
        int64_t x = v.GetInt64();
        if (x == INT64_MIN) return Status::Plan("integer overflow negating " + v.ToString());
        return ScalarValue::Int64(-x);
      }
      break;
    }
    default: break;
  }
  return Status::Plan("Table function arguments must be constants, got " + e->ToString());
}

}  // namespace

Result<LogicalPlanPtr> SqlToRel::PlanTableFunction(const sql::TableFactor& f) {
  QUIVER_ASSIGN_OR_RAISE(auto ref, ToTableReference(f.name));
  auto fn = context_->functions().GetTableFunction(ref.table);
  if (!fn || !ref.schema.empty()) {
    return Status::Plan("table function '" + ref.ToString() + "' not found").WithLocation(f.loc);
  }
  std::vector<ScalarValue> args;
  for (const auto& a : f.args) {
    if (a.name) return Status::Plan("Table functions take no named arguments").WithLocation(f.loc);
    QUIVER_ASSIGN_OR_RAISE(auto e, PlanExprIn(*a.value, *DFSchema::Empty()));
    QUIVER_ASSIGN_OR_RAISE(auto v, ConstantValue(e));
    args.push_back(std::move(v));
  }
  auto table = fn->Call(args);
  if (!table.ok()) return table.status().WithLocation(f.loc);
  return MakeTableScan(TableReference::Bare(fn->name()), *table);
}

}  // namespace quiver
