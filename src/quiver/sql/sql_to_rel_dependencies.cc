// Functional dependencies in GROUP BY: when the keys include a table's whole
// PRIMARY KEY, every other column of that table has one value per group, so
// the SELECT list may name it. Such columns join the group keys (which
// leaves the groups unchanged).
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

namespace {

// Columns used outside aggregate calls.
void CollectBareColumns(const ExprPtr& e, std::vector<Column>* out) {
  if (e->kind == ExprKind::kAggregateFunction) return;
  if (e->kind == ExprKind::kColumn) {
    out->push_back(e->column);
    return;
  }
  for (const auto& c : e->Children()) CollectBareColumns(c, out);
}

bool SameRelation(const std::optional<TableReference>& a, const TableReference& b) {
  return a && a->ToString() == b.ToString();
}

// The primary key of the table that `relation` names in `plan` (empty if none).
std::vector<std::string> PrimaryKeyFor(const LogicalPlan& plan, const TableReference& relation) {
  if (plan.kind == PlanKind::kTableScan) {
    if (plan.table_name.ToString() == relation.ToString() && plan.source) {
      return plan.source->primary_key();
    }
    return {};
  }
  if (plan.kind == PlanKind::kSubqueryAlias) {
    if (plan.alias.ToString() != relation.ToString()) return {};
    // An alias of a table keeps its column names.
    const LogicalPlan& in = *plan.input();
    if (in.kind == PlanKind::kTableScan && in.source) return in.source->primary_key();
    return {};
  }
  for (const auto& in : plan.inputs) {
    auto key = PrimaryKeyFor(*in, relation);
    if (!key.empty()) return key;
  }
  return {};
}

}  // namespace

void AddDependentGroupColumns(const LogicalPlan& from, const std::vector<ExprPtr>& used,
                              std::vector<ExprPtr>* groups) {
  std::vector<Column> cols;
  for (const auto& e : used) CollectBareColumns(e, &cols);
  auto is_group = [&](const Column& c) {
    for (const auto& g : *groups) {
      if (g->kind == ExprKind::kColumn && g->column.name == c.name &&
          g->column.relation.has_value() == c.relation.has_value() &&
          (!c.relation || SameRelation(g->column.relation, *c.relation))) {
        return true;
      }
    }
    return false;
  };
  for (const auto& c : cols) {
    if (!c.relation || is_group(c)) continue;
    auto key = PrimaryKeyFor(from, *c.relation);
    if (key.empty()) continue;
    bool covered = true;
    for (const auto& k : key) covered = covered && is_group(Column{c.relation, k});
    if (covered && from.schema->HasColumn(c)) groups->push_back(Col(c));
  }
}

}  // namespace quiver
