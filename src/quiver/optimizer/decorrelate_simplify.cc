// Subquery rewrites that come before decorrelation and remove shapes it
// cannot lift: ORDER BY without LIMIT (row order of a subquery does not
// matter, also when it sorts by an outer column), EXISTS over a query that
// always yields one row, EXISTS / IN over a UNION ALL.
#include "quiver/logical/subquery.h"
#include "quiver/optimizer/decorrelate_util.h"

namespace quiver {

namespace {

// Projection over projection as one projection (the inner one's
// expressions substituted), so columns only a dropped sort used disappear.
Result<LogicalPlanPtr> MergeProjections(const LogicalPlanPtr& outer, const LogicalPlanPtr& inner) {
  for (const auto& e : inner->exprs) {
    if (HasSubquery(e)) return WithNewInputs(outer, {inner});
  }
  const DFSchema& schema = *inner->schema;
  std::vector<ExprPtr> exprs;
  for (const auto& e : outer->exprs) {
    QUIVER_ASSIGN_OR_RAISE(auto r, TransformUp(e, [&](const ExprPtr& x) -> Result<ExprPtr> {
                             if (x->kind != ExprKind::kColumn) return ExprPtr();
                             int i = schema.FindIndex(x->column);
                             if (i < 0) return ExprPtr();
                             return Unalias(inner->exprs[i]);
                           }));
    // Keep each output column's name and qualifier.
    Column out = outer->schema->column(static_cast<int>(exprs.size()));
    if (r->kind != ExprKind::kColumn || !(r->column == out)) {
      r = Alias(Unalias(r), out.name, out.relation);
    }
    exprs.push_back(std::move(r));
  }
  return MakeProjection(inner->input(), std::move(exprs));
}

// Drops sorts without a fetch along the subquery's top chain of
// projections, filters and aliases (not below a LIMIT, whose rows they pick,
// nor below aggregates, whose order-sensitive functions may read them).
Result<LogicalPlanPtr> DropSorts(const LogicalPlanPtr& p) {
  switch (p->kind) {
    case PlanKind::kSort:
      if (p->fetch) return p;
      return DropSorts(p->input());
    case PlanKind::kProjection: {
      QUIVER_ASSIGN_OR_RAISE(auto in, DropSorts(p->input()));
      if (in == p->input()) return p;
      if (in->kind == PlanKind::kProjection) return MergeProjections(p, in);
      return WithNewInputs(p, {in});
    }
    case PlanKind::kFilter:
    case PlanKind::kSubqueryAlias: {
      QUIVER_ASSIGN_OR_RAISE(auto in, DropSorts(p->input()));
      if (in == p->input()) return p;
      return WithNewInputs(p, {in});
    }
    default: return p;
  }
}

// Whether `p` yields exactly one row (an aggregate without GROUP BY and
// without HAVING above it, a one-row VALUES, ...).
bool ExactlyOneRow(const LogicalPlan& p) {
  switch (p.kind) {
    case PlanKind::kAggregate: return p.group_exprs.empty();
    case PlanKind::kEmptyRelation: return p.produce_one_row;
    case PlanKind::kValues: return p.values.size() == 1;
    case PlanKind::kLimit:
      return p.skip == 0 && (!p.fetch || *p.fetch >= 1) && ExactlyOneRow(*p.input());
    case PlanKind::kProjection:
    case PlanKind::kSubqueryAlias:
    case PlanKind::kSort: return ExactlyOneRow(*p.input());
    default: return false;
  }
}

Result<ExprPtr> SimplifyOne(const ExprPtr& x) {
  if (!IsSubqueryExpr(*x)) return ExprPtr();
  QUIVER_ASSIGN_OR_RAISE(auto sub, DropSorts(x->subquery));
  if (x->kind == ExprKind::kExists && ExactlyOneRow(*sub)) return LitBool(!x->negated);
  const bool split = sub->kind == PlanKind::kUnion &&
                     (x->kind == ExprKind::kExists ||
                      (x->kind == ExprKind::kInSubquery && x->op == Operator::kEq));
  if (split && PlanHasOuterRefs(*sub)) {
    // EXISTS (a UNION ALL b) = EXISTS a OR EXISTS b; IN alike.
    ExprPtr any;
    for (const auto& in : sub->inputs) {
      ExprPtr one =
          x->kind == ExprKind::kExists ? Exists(in, false) : InSubquery(x->expr, in, false, x->op);
      QUIVER_ASSIGN_OR_RAISE(auto simpler, SimplifyOne(one));
      if (simpler) one = simpler;
      any = any ? Or(any, one) : one;
    }
    return x->negated ? Not(any) : any;
  }
  if (sub == x->subquery) return ExprPtr();
  auto copy = std::make_shared<Expr>(*x);
  copy->subquery = sub;
  return ExprPtr(copy);
}

}  // namespace

Result<ExprPtr> SimplifySubqueries(const ExprPtr& e) {
  if (!HasSubquery(e)) return e;
  return TransformUp(e, [](const ExprPtr& x) -> Result<ExprPtr> {
    QUIVER_ASSIGN_OR_RAISE(auto r, SimplifyOne(x));
    return r;
  });
}

}  // namespace quiver
