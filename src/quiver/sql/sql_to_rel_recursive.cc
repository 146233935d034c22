// WITH RECURSIVE name AS (static UNION [ALL] recursive): the recursive term
// is planned with `name` bound to a work table holding the previous round's
// rows; see logical/recursive_query.h.
#include "quiver/logical/recursive_query.h"
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

namespace {

bool ScansTable(const LogicalPlan& plan, const TableSource* table) {
  if (plan.kind == PlanKind::kTableScan && plan.source.get() == table) return true;
  for (const auto& in : plan.inputs) {
    if (ScansTable(*in, table)) return true;
  }
  return false;
}

// Renames (and casts) `plan`'s columns to `names` / `types`, positionally.
Result<LogicalPlanPtr> Conform(const LogicalPlanPtr& plan, const std::vector<std::string>& names,
                               const std::vector<DataTypePtr>& types) {
  std::vector<ExprPtr> exprs;
  bool needed = false;
  for (size_t i = 0; i < names.size(); ++i) {
    const int c = static_cast<int>(i);
    ExprPtr e = Col(plan->schema->column(c));
    if (!plan->schema->field(c)->type()->Equals(*types[i])) {
      e = CastTo(e, types[i]);
      needed = true;
    }
    needed |= plan->schema->field(c)->name() != names[i] || plan->schema->qualifier(c).has_value();
    exprs.push_back(Alias(e, names[i]));
  }
  if (!needed) return plan;
  return MakeProjection(plan, std::move(exprs));
}

}  // namespace

Result<LogicalPlanPtr> SqlToRel::PlanRecursiveCte(const sql::Cte& cte, Scope* scope) {
  const sql::Query& q = *cte.query;
  const sql::SetExpr& body = *q.body;
  using Q = sql::SetQuantifier;
  const bool is_union = body.kind == sql::SetExprKind::kSetOperation &&
                        body.op == sql::SetOperator::kUnion &&
                        (body.quantifier == Q::kNone || body.quantifier == Q::kAll ||
                         body.quantifier == Q::kDistinct);
  if (!is_union || q.with || !q.order_by.empty() || q.limit || q.offset) {
    return PlanQueryIn(q, scope);
  }
  if (!context_->options().GetBool("datafusion.execution.enable_recursive_ctes")) {
    return Status::NotImplemented("Recursive CTEs are not enabled").WithLocation(q.loc);
  }
  const std::string& name = cte.alias.name.value;
  Scope* saved = scope_;
  scope_ = scope;
  std::vector<SortExpr> unused;
  auto static_result = PlanSetExpr(*body.left, scope, nullptr, &unused);
  scope_ = saved;
  QUIVER_ASSIGN_OR_RAISE(auto static_plan, std::move(static_result));

  const int n = static_plan->schema->num_fields();
  std::vector<std::string> names;
  std::vector<DataTypePtr> types;
  for (int i = 0; i < n; ++i) {
    names.push_back(static_plan->schema->field(i)->name());
    types.push_back(static_plan->schema->field(i)->type());
  }
  if (!cte.alias.columns.empty()) {
    if (cte.alias.columns.size() != static_cast<size_t>(n)) {
      return Status::Plan("Source table contains " + std::to_string(n) + " columns but only " +
                          std::to_string(cte.alias.columns.size()) +
                          " names given as column alias");
    }
    for (int i = 0; i < n; ++i) names[i] = cte.alias.columns[i].value;
  }
  QUIVER_ASSIGN_OR_RAISE(static_plan, Conform(static_plan, names, types));

  // The work table: nullable columns named like the CTE's.
  std::vector<FieldPtr> fields;
  for (int i = 0; i < n; ++i) fields.push_back(field(names[i], types[i], true));
  auto work_table = std::make_shared<WorkTableSource>(name, schema(std::move(fields)));
  QUIVER_ASSIGN_OR_RAISE(auto work_scan, MakeTableScan(TableReference::Bare(name), work_table));

  BindCte(scope, name, work_scan);
  scope_ = scope;
  auto recursive_result = PlanSetExpr(*body.right, scope, nullptr, &unused);
  scope_ = saved;
  BindCte(scope, name, nullptr);
  QUIVER_ASSIGN_OR_RAISE(auto recursive_plan, std::move(recursive_result));
  if (!ScansTable(*recursive_plan, work_table.get())) {
    // Not self-referencing after all: an ordinary UNION.
    return PlanQueryIn(q, scope);
  }
  if (recursive_plan->schema->num_fields() != n) {
    return Status::Plan(
        "Non-recursive term and recursive term must have the same number of "
        "columns (" +
        std::to_string(n) + " != " + std::to_string(recursive_plan->schema->num_fields()) + ")");
  }
  QUIVER_ASSIGN_OR_RAISE(recursive_plan, Conform(recursive_plan, names, types));
  return MakeRecursiveQuery(name, std::move(static_plan), std::move(recursive_plan),
                            std::move(work_table), body.quantifier != Q::kAll);
}

}  // namespace quiver
