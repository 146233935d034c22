// Functional dependencies in GROUP BY: columns the grouped columns determine
// (a table's PRIMARY KEY, an inner query's GROUP BY keys, ...) have one value
// per group, so the SELECT list may name them. Such columns join the group
// keys, which leaves the groups unchanged.
#include "quiver/logical/functional_dependencies.h"
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

}  // namespace

void AddDependentGroupColumns(const LogicalPlan& from, const std::vector<ExprPtr>& used,
                              std::vector<ExprPtr>* groups, std::vector<Column>* determined) {
  const DFSchema& schema = *from.schema;
  std::vector<int> given;
  for (const auto& g : *groups) {
    ExprPtr e = Unalias(g);
    if (e->kind == ExprKind::kColumn) given.push_back(schema.FindIndex(e->column));
  }
  std::vector<bool> is_group(schema.num_fields(), false);
  for (int i : given) {
    if (i >= 0) is_group[i] = true;
  }
  std::vector<bool> closure = DeterminedColumns(from, given);
  if (determined) {
    for (int i = 0; i < schema.num_fields(); ++i) {
      if (closure[i] && !is_group[i]) determined->push_back(schema.column(i));
    }
  }
  std::vector<Column> cols;
  for (const auto& e : used) CollectBareColumns(e, &cols);
  for (const auto& c : cols) {
    int i = schema.FindIndex(c);
    if (i < 0 || is_group[i] || !closure[i]) continue;
    is_group[i] = true;
    groups->push_back(Col(schema.column(i)));
  }
}

}  // namespace quiver
