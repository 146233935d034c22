// QUALIFY: a filter on the rows after window functions are computed.
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

namespace {
bool HasWindow(const ExprPtr& e) {
  return AnyExpr(e, [](const Expr& x) { return x.kind == ExprKind::kWindowFunction; });
}
}  // namespace

Result<ExprPtr> SqlToRel::PlanQualify(const sql::Expr& expr, const DFSchema& schema,
                                      const std::vector<ExprPtr>& select_exprs) {
  auto planned = PlanExprIn(expr, schema);
  if (!planned.ok()) {
    auto with_aliases = PlanWithSelectAliases(expr, schema, select_exprs);
    if (!with_aliases.ok()) return planned.status();
    planned = std::move(with_aliases);
  }
  bool windows = HasWindow(*planned);
  for (const auto& e : select_exprs) windows |= HasWindow(e);
  if (!windows) {
    return Status::Plan(
               "QUALIFY clause requires window functions in the SELECT list or QUALIFY clause")
        .WithLocation(expr.loc);
  }
  return *planned;
}

}  // namespace quiver
