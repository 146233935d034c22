// LATERAL derived tables: a join whose right input reads columns of its left.
#include <functional>

#include "quiver/logical/subquery.h"
#include "quiver/optimizer/decorrelate_util.h"
#include "quiver/optimizer/pull_up_correlated.h"

namespace quiver {

// FROM t, LATERAL (q): the correlated predicates of q become the join's;
// an ungrouped aggregate in q (one row per outer row) becomes a left join on
// groups by the correlation keys, outer rows without a group getting the
// aggregate's values for no rows.
Result<LogicalPlanPtr> DecorrelateLateral(const LogicalPlanPtr& p) {
  const LogicalPlanPtr& left = p->inputs[0];
  const LogicalPlanPtr& right = p->inputs[1];
  const bool cross = p->kind == PlanKind::kCrossJoin;
  const JoinType type = cross ? JoinType::kInner : p->join_type;
  if (type != JoinType::kInner && type != JoinType::kLeft) {
    return Status::NotImplemented(std::string("LATERAL with a ") + JoinTypeToString(type) +
                                  " join");
  }
  QUIVER_ASSIGN_OR_RAISE(auto pulled, PullUpCorrelated(right));
  const DFSchema& ls = *left->schema;
  std::vector<ExprPtr> preds;
  for (const auto& pred : pulled.preds) {
    QUIVER_ASSIGN_OR_RAISE(auto r, TransformUp(pred, [&](const ExprPtr& x) -> Result<ExprPtr> {
                             if (x->kind != ExprKind::kOuterReferenceColumn) return ExprPtr();
                             if (ls.FindIndex(x->column) < 0) {
                               return Status::NotImplemented("LATERAL subquery referencing " +
                                                             x->column.ToString() +
                                                             " of an enclosing query");
                             }
                             return Col(x->column);
                           }));
    preds.push_back(std::move(r));
  }
  if (p->join_filter) SplitConjunction(p->join_filter, &preds);
  LogicalPlanPtr r = pulled.plan;
  ExprPtr always_true;
  if (pulled.aggregated) {
    std::vector<ExprPtr> cols;
    for (int i = 0; i < r->schema->num_fields(); ++i) cols.push_back(Col(r->schema->column(i)));
    cols.push_back(Alias(LitBool(true), "__lateral_always_true"));
    QUIVER_ASSIGN_OR_RAISE(r, MakeProjection(r, std::move(cols)));
    always_true = Col(Column::Named("__lateral_always_true"));
  }
  // Keys: equalities between a left-only and a right-only side.
  const DFSchema& rs = *r->schema;
  auto side = [&](const ExprPtr& e) {
    std::vector<Column> cols;
    CollectColumns(e, &cols);
    int s = 0;
    for (const auto& c : cols) s |= ls.FindIndex(c) >= 0 ? 1 : (rs.FindIndex(c) >= 0 ? 2 : 3);
    return s;
  };
  std::vector<JoinKey> keys;
  std::vector<ExprPtr> residual;
  for (const auto& pred : preds) {
    if (pred->kind == ExprKind::kBinary && pred->op == Operator::kEq) {
      int a = side(pred->left), b = side(pred->right);
      if (a == 1 && b == 2) {
        keys.emplace_back(pred->left, pred->right);
        continue;
      }
      if (a == 2 && b == 1) {
        keys.emplace_back(pred->right, pred->left);
        continue;
      }
    }
    residual.push_back(pred);
  }
  QUIVER_ASSIGN_OR_RAISE(auto joined, MakeJoin(left, r, pulled.aggregated ? JoinType::kLeft : type,
                                               std::move(keys), Conjunction(residual)));
  // The original columns, in order (the pulled-up plan may carry extra keys).
  std::vector<ExprPtr> out;
  for (int i = 0; i < ls.num_fields(); ++i) out.push_back(Col(ls.column(i)));
  const DFSchema& orig = *right->schema;
  for (int i = 0; i < orig.num_fields(); ++i) {
    ExprPtr c = Col(orig.column(i));
    if (always_true) {
      QUIVER_ASSIGN_OR_RAISE(auto empty, EmptyInputValue(right, i));
      if (empty) {
        c = Alias(
            CaseWhen(
                {{Unary(ExprKind::kIsNull, always_true), CastTo(empty, orig.field(i)->type())}}, c),
            orig.field(i)->name(), orig.qualifier(i));
      }
    }
    out.push_back(c);
  }
  return MakeProjection(joined, std::move(out));
}

// Whether the right input of a join reads columns of its left input.
bool IsLateralJoin(const LogicalPlan& p) {
  if (p.kind != PlanKind::kCrossJoin && p.kind != PlanKind::kJoin) return false;
  if (!PlanHasOuterRefs(*p.inputs[1])) return false;
  const DFSchema& ls = *p.inputs[0]->schema;
  bool found = false;
  std::function<void(const LogicalPlan&)> visit = [&](const LogicalPlan& n) {
    for (const auto& e : NodeExprs(n)) {
      AnyExpr(e, [&](const Expr& x) {
        found |= x.kind == ExprKind::kOuterReferenceColumn && ls.FindIndex(x.column) >= 0;
        return false;
      });
    }
    for (const auto& in : n.inputs) visit(*in);
  };
  visit(*p.inputs[1]);
  return found;
}

}  // namespace quiver
