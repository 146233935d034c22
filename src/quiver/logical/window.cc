#include "quiver/logical/window.h"

namespace quiver {

ExprPtr WindowCall(WindowUDFPtr window_fn, AggregateUDFPtr aggregate_fn, std::vector<ExprPtr> args,
                   std::vector<ExprPtr> partition_by, std::vector<SortExpr> order_by,
                   WindowFrame frame, ExprPtr filter, bool distinct, bool ignore_nulls) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kWindowFunction;
  e->window_fn = std::move(window_fn);
  e->aggregate_fn = std::move(aggregate_fn);
  e->args = std::move(args);
  e->partition_by = std::move(partition_by);
  e->order_by = std::move(order_by);
  e->window_frame = std::make_shared<WindowFrame>(std::move(frame));
  e->filter = std::move(filter);
  e->distinct = distinct;
  e->ignore_nulls = ignore_nulls;
  return e;
}

std::string WindowExprToString(const Expr& e) {
  std::string out = e.window_fn ? e.window_fn->name() : e.aggregate_fn->name();
  out += "(";
  if (e.distinct) out += "DISTINCT ";
  for (size_t i = 0; i < e.args.size(); ++i) out += (i ? ", " : "") + e.args[i]->ToString();
  out += ")";
  if (e.ignore_nulls) out += " IGNORE NULLS";
  if (e.filter) out += " FILTER (WHERE " + e.filter->ToString() + ")";
  if (!e.partition_by.empty()) {
    out += " PARTITION BY [";
    for (size_t i = 0; i < e.partition_by.size(); ++i) {
      out += (i ? ", " : "") + e.partition_by[i]->ToString();
    }
    out += "]";
  }
  if (!e.order_by.empty()) {
    out += " ORDER BY [";
    for (size_t i = 0; i < e.order_by.size(); ++i) {
      out += (i ? ", " : "") + e.order_by[i].ToString();
    }
    out += "]";
  }
  if (e.window_frame) out += " " + e.window_frame->ToString();
  return out;
}

Result<LogicalPlanPtr> MakeWindow(LogicalPlanPtr input, std::vector<ExprPtr> window_exprs) {
  const DFSchema& in = *input->schema;
  std::vector<std::optional<TableReference>> quals;
  std::vector<FieldPtr> fields = in.fields();
  for (int i = 0; i < in.num_fields(); ++i) quals.push_back(in.qualifier(i));
  for (const auto& e : window_exprs) {
    if (Unalias(e)->kind != ExprKind::kWindowFunction) {
      return Status::Internal("window expression expected, got " + e->ToString());
    }
    QUIVER_ASSIGN_OR_RAISE(auto f, ToField(e, in));
    for (int i = 0; i < static_cast<int>(fields.size()); ++i) {
      if (fields[i]->name() == f->name() && !quals[i]) {
        return Status::Plan("Projections require unique expression names but the expression \"" +
                            e->ToString() + "\" appears twice");
      }
    }
    quals.push_back(std::nullopt);
    fields.push_back(std::move(f));
  }
  auto p = std::make_shared<LogicalPlan>();
  p->kind = PlanKind::kWindow;
  p->inputs = {std::move(input)};
  p->schema = std::make_shared<DFSchema>(std::move(quals), std::move(fields));
  p->window_exprs = std::move(window_exprs);
  return LogicalPlanPtr(p);
}

std::string WindowNodeToString(const LogicalPlan& plan) {
  std::string out = "WindowAggr: windowExpr=[[";
  for (size_t i = 0; i < plan.window_exprs.size(); ++i) {
    out += (i ? ", " : "") + plan.window_exprs[i]->ToString();
  }
  return out + "]]";
}

}  // namespace quiver
