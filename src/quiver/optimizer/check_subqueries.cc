// The analyzer's checks of subqueries (DataFusion's check_analyzed_plan),
// run before the optimizer: shapes no rewrite can give a meaning are plan
// errors reported as "check_analyzed_plan\ncaused by\n<error>".
#include "quiver/logical/functional_dependencies.h"
#include "quiver/logical/subquery.h"
#include "quiver/optimizer/decorrelate_util.h"
#include "quiver/optimizer/pull_up_correlated.h"

namespace quiver {

// Whether a filter's equalities to constants or outer values pin a key of
// its input (a PRIMARY KEY, say): then it passes at most one row.
bool PinsKey(const LogicalPlan& filter) {
  std::vector<ExprPtr> terms;
  SplitConjunction(filter.predicate, &terms);
  const DFSchema& in = *filter.input()->schema;
  std::vector<int> pinned;
  for (const auto& t : terms) {
    if (t->kind != ExprKind::kBinary || t->op != Operator::kEq) continue;
    for (const auto& [c, v] : {std::pair(t->left, t->right), std::pair(t->right, t->left)}) {
      std::vector<Column> cols;
      CollectColumns(v, &cols);
      if (c->kind == ExprKind::kColumn && cols.empty() && !HasSubquery(v)) {
        pinned.push_back(in.FindIndex(c->column));
      }
    }
  }
  return !pinned.empty() && IsUniqueOn(*filter.input(), pinned);
}

// Whether `p` yields at most one row whatever its correlated predicates say
// (then a correlated scalar subquery needs no aggregate).
bool AtMostOneRow(const LogicalPlan& p) {
  if (p.kind == PlanKind::kFilter && PinsKey(p)) return true;
  switch (p.kind) {
    case PlanKind::kEmptyRelation: return true;
    case PlanKind::kValues: return p.values.size() <= 1;
    case PlanKind::kAggregate: return p.group_exprs.empty();
    case PlanKind::kLimit: return p.fetch && *p.fetch <= 1;
    case PlanKind::kProjection:
    case PlanKind::kFilter:
    case PlanKind::kSubqueryAlias:
    case PlanKind::kSort: return AtMostOneRow(*p.input());
    default: return false;
  }
}

namespace {

Status Analyzer(const Status& cause) {
  return Status(ErrorKind::kPlan, "check_analyzed_plan\ncaused by\n" + cause.ToString());
}

bool HasNestedSubquery(const LogicalPlan& p) {
  for (const auto& e : NodeExprs(p)) {
    if (HasSubquery(e)) return true;
  }
  for (const auto& in : p.inputs) {
    if (HasNestedSubquery(*in)) return true;
  }
  return false;
}

// A correlated scalar subquery must give at most one row per outer row: it
// aggregates (grouping only by correlated columns, correlated by
// equalities) or otherwise selects at most one row.
Status CheckCorrelatedScalar(const LogicalPlanPtr& sub) {
  if (!PlanHasOuterRefs(*sub) || HasNestedSubquery(*sub)) return Status::OK();
  auto pulled = PullUpCorrelated(sub);
  if (!pulled.ok()) {
    // Shapes decorrelation does not support yet are not errors here.
    if (pulled.status().kind() == ErrorKind::kPlan) return Analyzer(pulled.status());
    return Status::OK();
  }
  if (pulled->preds.empty()) return Status::OK();
  if (!pulled->aggregated && !AtMostOneRow(*sub)) {
    return Analyzer(
        Status::Plan("Correlated scalar subquery must be aggregated to return at most one row"));
  }
  if (pulled->extra_group_by) {
    return Analyzer(Status::Plan(
        "A GROUP BY clause in a scalar correlated subquery cannot contain non-correlated columns"));
  }
  return Status::OK();
}

}  // namespace

Status CheckAnalyzedPlan(const LogicalPlan& plan) {
  for (const auto& in : plan.inputs) QUIVER_RETURN_NOT_OK(CheckAnalyzedPlan(*in));
  for (const auto& e : NodeExprs(plan)) {
    if (!HasSubquery(e)) continue;
    Status st;
    AnyExpr(e, [&](const Expr& x) {
      if (!st.ok() || !IsSubqueryExpr(x)) return false;
      st = CheckAnalyzedPlan(*x.subquery);
      if (st.ok() && x.kind == ExprKind::kScalarSubquery) st = CheckCorrelatedScalar(x.subquery);
      return !st.ok();
    });
    QUIVER_RETURN_NOT_OK(st);
  }
  return Status::OK();
}

}  // namespace quiver
