#include "quiver/logical/subquery.h"

#include "quiver/logical/logical_plan.h"

namespace quiver {

namespace {

std::shared_ptr<Expr> New(ExprKind kind) {
  auto e = std::make_shared<Expr>();
  e->kind = kind;
  return e;
}

}  // namespace

ExprPtr ScalarSubquery(LogicalPlanPtr plan) {
  auto e = New(ExprKind::kScalarSubquery);
  e->subquery = std::move(plan);
  return e;
}

ExprPtr Exists(LogicalPlanPtr plan, bool negated) {
  auto e = New(ExprKind::kExists);
  e->subquery = std::move(plan);
  e->negated = negated;
  return e;
}

ExprPtr InSubquery(ExprPtr expr, LogicalPlanPtr plan, bool negated, Operator op) {
  auto e = New(ExprKind::kInSubquery);
  e->expr = std::move(expr);
  e->subquery = std::move(plan);
  e->negated = negated;
  e->op = op;
  return e;
}

ExprPtr OuterRef(Column column, DataTypePtr type) {
  auto e = New(ExprKind::kOuterReferenceColumn);
  e->column = std::move(column);
  e->cast_type = std::move(type);
  return e;
}

bool IsSubqueryExpr(const Expr& e) {
  return e.kind == ExprKind::kScalarSubquery || e.kind == ExprKind::kExists ||
         e.kind == ExprKind::kInSubquery;
}

bool HasSubquery(const ExprPtr& e) {
  return AnyExpr(e, [](const Expr& x) { return IsSubqueryExpr(x); });
}

bool HasOuterRef(const ExprPtr& e) {
  return AnyExpr(e, [](const Expr& x) {
    if (x.kind == ExprKind::kOuterReferenceColumn) return true;
    return IsSubqueryExpr(x) && x.subquery && PlanHasOuterRefs(*x.subquery);
  });
}

std::vector<ExprPtr> NodeExprs(const LogicalPlan& p) {
  std::vector<ExprPtr> out;
  auto add = [&](const ExprPtr& e) {
    if (e) out.push_back(e);
  };
  for (const auto& e : p.filters) add(e);
  for (const auto& e : p.exprs) add(e);
  for (const auto& e : p.group_exprs) add(e);
  for (const auto& e : p.aggr_exprs) add(e);
  add(p.predicate);
  for (const auto& s : p.sort_exprs) add(s.expr);
  for (const auto& row : p.values) {
    for (const auto& e : row) add(e);
  }
  for (const auto& e : p.window_exprs) add(e);
  for (const auto& [l, r] : p.on) {
    add(l);
    add(r);
  }
  add(p.join_filter);
  return out;
}

bool PlanHasOuterRefs(const LogicalPlan& p) {
  for (const auto& e : NodeExprs(p)) {
    if (HasOuterRef(e)) return true;
  }
  for (const auto& in : p.inputs) {
    if (PlanHasOuterRefs(*in)) return true;
  }
  return false;
}

}  // namespace quiver
