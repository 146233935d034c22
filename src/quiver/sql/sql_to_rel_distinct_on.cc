// SELECT DISTINCT ON (exprs): one row per distinct value of exprs, the first
// in ORDER BY order. Planned as row_number() OVER (PARTITION BY exprs ORDER
// BY <the query's ORDER BY>) = 1 over the SELECT's projection.
#include "quiver/logical/window.h"
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

Status SqlToRel::AddDistinctOnColumns(const sql::Select& select, const DFSchema& from_schema,
                                      const std::vector<ExprPtr>& select_exprs,
                                      std::vector<ExprPtr>* projection,
                                      std::vector<int>* positions) {
  for (const auto& x : select.distinct_on) {
    int pos = -1;
    if (x->kind == sql::ExprKind::kLiteral && x->literal_kind == sql::LiteralKind::kNumber) {
      int64_t n = std::stoll(x->value);
      if (n < 1 || n > static_cast<int64_t>(select_exprs.size())) {
        return Status::Plan("DISTINCT ON position " + x->value + " is not in the select list")
            .WithLocation(x->loc);
      }
      pos = static_cast<int>(n - 1);
    } else if (x->kind == sql::ExprKind::kIdentifier && x->names.size() == 1) {
      for (size_t i = 0; i < select_exprs.size() && pos < 0; ++i) {
        if (select_exprs[i]->kind == ExprKind::kAlias &&
            select_exprs[i]->name == x->names[0].value) {
          pos = static_cast<int>(i);
        }
      }
    }
    if (pos < 0) {
      QUIVER_ASSIGN_OR_RAISE(auto e, PlanExprIn(*x, from_schema));
      const std::string s = e->ToString();
      for (size_t i = 0; i < projection->size() && pos < 0; ++i) {
        if (Unalias((*projection)[i])->ToString() == s) pos = static_cast<int>(i);
      }
      if (pos < 0) {
        pos = static_cast<int>(projection->size());
        projection->push_back(Alias(e, "__distinct_on_" + std::to_string(positions->size())));
      }
    }
    positions->push_back(pos);
  }
  return Status::OK();
}

Result<LogicalPlanPtr> SqlToRel::PlanDistinctOn(LogicalPlanPtr plan, const std::vector<int>& on,
                                                const std::vector<SortExpr>& sort,
                                                const std::vector<int>& sort_pos) {
  // As in PostgreSQL, the ORDER BY must start with the DISTINCT ON expressions.
  for (size_t i = 0; i < on.size() && i < sort_pos.size(); ++i) {
    if (on[i] != sort_pos[i]) {
      return Status::Plan("SELECT DISTINCT ON expressions must match initial ORDER BY expressions");
    }
  }
  auto row_number = context_->functions().GetWindow("row_number");
  if (!row_number) return Status::Internal("row_number window function missing");
  std::vector<ExprPtr> partition_by;
  for (int p : on) partition_by.push_back(Col(plan->schema->column(p)));
  std::vector<SortExpr> order_by;
  for (size_t k = 0; k < sort.size(); ++k) {
    order_by.push_back({Col(plan->schema->column(sort_pos[k])), sort[k].asc, sort[k].nulls_first});
  }
  const bool ordered = !order_by.empty();
  ExprPtr rn = Alias(WindowCall(row_number, nullptr, {}, std::move(partition_by),
                                std::move(order_by), WindowFrame::Default(ordered)),
                     "__distinct_on_row");
  const int width = plan->schema->num_fields();
  QUIVER_ASSIGN_OR_RAISE(auto window, MakeWindow(plan, {rn}));
  QUIVER_ASSIGN_OR_RAISE(auto filter, MakeFilter(window, Binary(Col(window->schema->column(width)),
                                                                Operator::kEq, LitInt64(1))));
  std::vector<ExprPtr> keep;
  for (int i = 0; i < width; ++i) keep.push_back(Col(filter->schema->column(i)));
  return MakeProjection(filter, std::move(keep));
}

}  // namespace quiver
