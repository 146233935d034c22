// Select-list aliases named in HAVING or inside ORDER BY expressions: planned against the FROM columns
// plus one column per alias, which is then replaced by its expression.
#include <map>

#include "quiver/sql/sql_to_rel.h"

namespace quiver {

Result<ExprPtr> SqlToRel::PlanWithSelectAliases(const sql::Expr& expr, const DFSchema& schema,
                                                const std::vector<ExprPtr>& select_exprs) {
  std::vector<std::optional<TableReference>> quals;
  std::vector<FieldPtr> fields;
  for (int i = 0; i < schema.num_fields(); ++i) {
    quals.push_back(schema.qualifier(i));
    fields.push_back(schema.field(i));
  }
  std::map<std::string, ExprPtr> aliases;
  for (const auto& e : select_exprs) {
    if (e->kind != ExprKind::kAlias || schema.HasColumn(Column::Named(e->name))) continue;
    if (!aliases.emplace(e->name, e->expr).second) continue;
    QUIVER_ASSIGN_OR_RAISE(auto f, ToField(e, schema));
    quals.push_back(std::nullopt);
    fields.push_back(f);
  }
  if (aliases.empty()) return Status::Plan("no select aliases");
  DFSchema extended(std::move(quals), std::move(fields));
  QUIVER_ASSIGN_OR_RAISE(auto planned, PlanExprIn(expr, extended));
  return TransformUp(planned, [&](const ExprPtr& x) -> Result<ExprPtr> {
    if (x->kind != ExprKind::kColumn || x->column.relation) return ExprPtr();
    auto it = aliases.find(x->column.name);
    return it == aliases.end() ? ExprPtr() : it->second;
  });
}

}  // namespace quiver
