#include "quiver/optimizer/pull_up_correlated.h"

#include "quiver/logical/subquery.h"
#include "quiver/logical/window.h"
#include "quiver/optimizer/subquery_aggregates.h"

namespace quiver {

namespace {

bool HasColumnRef(const ExprPtr& e) {
  return AnyExpr(e, [](const Expr& x) { return x.kind == ExprKind::kColumn; });
}

// Only outer references (and constants): the outer side of a correlation.
bool OuterOnly(const ExprPtr& e) { return HasOuterRef(e) && !HasColumnRef(e); }

bool OwnOuterRefs(const LogicalPlan& p) {
  for (const auto& e : NodeExprs(p)) {
    if (HasOuterRef(e)) return true;
  }
  return false;
}

Status NotMovable(const LogicalPlan& p) {
  return Status::NotImplemented("Correlated subquery with outer references in '" +
                                p.NodeToString() + "'");
}

// Rewrites columns of `from` into the columns at the same positions of `to`.
Result<ExprPtr> MapColumns(const ExprPtr& e, const DFSchema& from, const DFSchema& to) {
  return TransformUp(e, [&](const ExprPtr& x) -> Result<ExprPtr> {
    if (x->kind != ExprKind::kColumn) return ExprPtr();
    int i = from.FindIndex(x->column);
    if (i < 0) return Status::Internal("correlated column " + x->column.ToString() + " lost");
    return Col(to.column(i));
  });
}

Result<PulledUpSubquery> PullUp(const LogicalPlanPtr& p);

Result<PulledUpSubquery> PullUpFilter(const LogicalPlanPtr& p) {
  QUIVER_ASSIGN_OR_RAISE(auto out, PullUp(p->input()));
  std::vector<ExprPtr> terms, keep;
  SplitConjunction(p->predicate, &terms);
  for (const auto& t : terms) {
    if (!HasOuterRef(t)) {
      keep.push_back(t);
    } else if (HasSubquery(t)) {
      return NotMovable(*p);
    } else {
      out.preds.push_back(t);
    }
  }
  if (!keep.empty()) {
    QUIVER_ASSIGN_OR_RAISE(out.plan, MakeFilter(out.plan, Conjunction(keep)));
  }
  return out;
}

Result<PulledUpSubquery> PullUpProjection(const LogicalPlanPtr& p) {
  QUIVER_ASSIGN_OR_RAISE(auto out, PullUp(p->input()));
  std::vector<ExprPtr> exprs = p->exprs;
  std::vector<Column> cols;
  for (const auto& pred : out.preds) CollectColumns(pred, &cols);
  // The lifted predicates need their inner columns above the projection.
  for (const auto& c : cols) {
    bool present = false;
    for (const auto& e : exprs) present |= e->kind == ExprKind::kColumn && e->column == c;
    if (!present) exprs.push_back(Col(c));
  }
  QUIVER_ASSIGN_OR_RAISE(out.plan, MakeProjection(out.plan, std::move(exprs)));
  return out;
}

// `inner = outer` with an inner side over the subquery's columns only and an
// outer side over outer references only.
bool SplitCorrelatedEq(const ExprPtr& pred, ExprPtr* inner, ExprPtr* outer) {
  if (pred->kind != ExprKind::kBinary || pred->op != Operator::kEq) return false;
  if (!HasOuterRef(pred->left) && OuterOnly(pred->right)) {
    *inner = pred->left;
    *outer = pred->right;
  } else if (OuterOnly(pred->left) && !HasOuterRef(pred->right)) {
    *inner = pred->right;
    *outer = pred->left;
  } else {
    return false;
  }
  return HasColumnRef(*inner);
}

// LIMIT (and ORDER BY .. LIMIT) applies per outer row: once the correlated
// equalities are lifted it becomes ROW_NUMBER() OVER (PARTITION BY their
// inner sides ORDER BY the subquery's order) kept within the limit's range.
Result<PulledUpSubquery> PullUpLimit(const LogicalPlanPtr& p, const LogicalPlanPtr& below,
                                     std::vector<SortExpr> order, int64_t skip,
                                     std::optional<int64_t> fetch) {
  std::vector<SortExpr> kept;
  for (auto& o : order) {
    // An outer value is the same on every row of one outer row's subquery.
    if (!HasOuterRef(o.expr)) kept.push_back(std::move(o));
  }
  QUIVER_ASSIGN_OR_RAISE(auto out, PullUp(below));
  std::vector<ExprPtr> partition;
  for (const auto& pred : out.preds) {
    ExprPtr inner, outer;
    if (!SplitCorrelatedEq(pred, &inner, &outer)) return NotMovable(*p);
    partition.push_back(inner);
  }
  if (partition.empty()) {
    if (!kept.empty()) {
      QUIVER_ASSIGN_OR_RAISE(out.plan, MakeSort(out.plan, std::move(kept)));
    }
    QUIVER_ASSIGN_OR_RAISE(out.plan, MakeLimit(out.plan, skip, fetch));
    return out;
  }
  const int width = out.plan->schema->num_fields();
  const bool ordered = !kept.empty();
  ExprPtr rn = Alias(WindowCall(SubqueryRowNumberUdf(), nullptr, {}, std::move(partition),
                                std::move(kept), WindowFrame::Default(ordered)),
                     "__row_number");
  QUIVER_ASSIGN_OR_RAISE(auto window, MakeWindow(out.plan, {rn}));
  ExprPtr num = Col(window->schema->column(width));
  std::vector<ExprPtr> conds;
  if (skip > 0) conds.push_back(Binary(num, Operator::kGt, LitInt64(skip)));
  if (fetch) conds.push_back(Binary(num, Operator::kLtEq, LitInt64(skip + *fetch)));
  LogicalPlanPtr limited = window;
  if (!conds.empty()) {
    QUIVER_ASSIGN_OR_RAISE(limited, MakeFilter(window, Conjunction(conds)));
  }
  std::vector<ExprPtr> cols;
  for (int i = 0; i < width; ++i) cols.push_back(Col(out.plan->schema->column(i)));
  QUIVER_ASSIGN_OR_RAISE(out.plan, MakeProjection(limited, std::move(cols)));
  return out;
}

Result<PulledUpSubquery> PullUpAggregate(const LogicalPlanPtr& p) {
  QUIVER_ASSIGN_OR_RAISE(auto in, PullUp(p->input()));
  PulledUpSubquery out;
  if (in.preds.empty()) {
    QUIVER_ASSIGN_OR_RAISE(out.plan, WithNewInputs(p, {in.plan}));
    return out;
  }
  // Each correlated equality `inner = outer` becomes a grouping on `inner`;
  // other predicates would change what the aggregate sees.
  std::vector<ExprPtr> groups = p->group_exprs;
  std::vector<std::pair<size_t, ExprPtr>> eqs;  // group index, outer side
  std::vector<std::string> correlated;
  for (const auto& pred : in.preds) {
    ExprPtr inner, outer;
    if (!SplitCorrelatedEq(pred, &inner, &outer)) {
      return Status::Plan("Correlated column is not allowed in predicate: " + pred->ToString());
    }
    std::string key = inner->ToString();
    correlated.push_back(key);
    size_t idx = groups.size();
    for (size_t i = 0; i < groups.size(); ++i) {
      if (groups[i]->ToString() == key) idx = i;
    }
    if (idx == groups.size()) groups.push_back(inner);
    eqs.emplace_back(idx, outer);
  }
  for (const auto& g : p->group_exprs) {
    if (!HasColumnRef(g)) continue;  // a constant does not split groups
    bool is_correlated = false;
    for (const auto& c : correlated) is_correlated |= c == g->ToString();
    out.extra_group_by |= !is_correlated;
  }
  QUIVER_ASSIGN_OR_RAISE(out.plan, MakeAggregate(in.plan, groups, p->aggr_exprs));
  for (const auto& [idx, outer] : eqs) {
    out.preds.push_back(
        Binary(Col(out.plan->schema->column(static_cast<int>(idx))), Operator::kEq, outer));
  }
  // Without aggregate functions (a DISTINCT) a group may still hold many rows.
  out.aggregated = !p->aggr_exprs.empty();
  return out;
}

Result<PulledUpSubquery> PullUpJoin(const LogicalPlanPtr& p) {
  const bool cross = p->kind == PlanKind::kCrossJoin;
  const JoinType type = cross ? JoinType::kInner : p->join_type;
  for (const auto& [l, r] : p->on) {
    if (HasOuterRef(l) || HasOuterRef(r)) return NotMovable(*p);
  }
  // Predicates move above a join only from sides whose rows it keeps as they are.
  const bool left_ok = type == JoinType::kInner || type == JoinType::kLeft ||
                       type == JoinType::kLeftSemi || type == JoinType::kLeftAnti;
  const bool right_ok = type == JoinType::kInner;
  PulledUpSubquery out;
  std::vector<ExprPtr> keep;
  if (p->join_filter) {
    std::vector<ExprPtr> terms;
    SplitConjunction(p->join_filter, &terms);
    for (const auto& t : terms) {
      if (!HasOuterRef(t)) {
        keep.push_back(t);
      } else if (type != JoinType::kInner || HasSubquery(t)) {
        return NotMovable(*p);
      } else {
        out.preds.push_back(t);
      }
    }
  }
  std::vector<LogicalPlanPtr> inputs;
  for (int side = 0; side < 2; ++side) {
    const LogicalPlanPtr& in = p->inputs[side];
    if (!PlanHasOuterRefs(*in)) {
      inputs.push_back(in);
      continue;
    }
    if (!(side == 0 ? left_ok : right_ok)) return NotMovable(*p);
    QUIVER_ASSIGN_OR_RAISE(auto pulled, PullUp(in));
    out.preds.insert(out.preds.end(), pulled.preds.begin(), pulled.preds.end());
    inputs.push_back(pulled.plan);
  }
  if (cross && keep.empty()) {
    QUIVER_ASSIGN_OR_RAISE(out.plan, MakeCrossJoin(inputs[0], inputs[1]));
  } else {
    QUIVER_ASSIGN_OR_RAISE(out.plan, MakeJoin(inputs[0], inputs[1], type, p->on, Conjunction(keep),
                                              p->null_equals_null));
  }
  // Joining after grouping keeps one row per key only for this side's rows.
  out.aggregated = false;
  return out;
}

Result<PulledUpSubquery> PullUp(const LogicalPlanPtr& p) {
  if (!PlanHasOuterRefs(*p)) return PulledUpSubquery{p, {}, false, false};
  switch (p->kind) {
    case PlanKind::kFilter: return PullUpFilter(p);
    case PlanKind::kJoin:
    case PlanKind::kCrossJoin: return PullUpJoin(p);
    case PlanKind::kLimit:
      if (p->input()->kind == PlanKind::kSort) {
        const LogicalPlanPtr& sort = p->input();
        return PullUpLimit(p, sort->input(), sort->sort_exprs, p->skip, p->fetch);
      }
      return PullUpLimit(p, p->input(), {}, p->skip, p->fetch);
    case PlanKind::kSort:
      if (p->fetch) return PullUpLimit(p, p->input(), p->sort_exprs, 0, p->fetch);
      // Row order inside a subquery does not matter.
      return PullUp(p->input());
    default: break;
  }
  if (OwnOuterRefs(*p)) return NotMovable(*p);
  switch (p->kind) {
    case PlanKind::kProjection: return PullUpProjection(p);
    case PlanKind::kAggregate: return PullUpAggregate(p);
    case PlanKind::kSubqueryAlias: {
      QUIVER_ASSIGN_OR_RAISE(auto out, PullUp(p->input()));
      const DFSchemaPtr in_schema = out.plan->schema;
      QUIVER_ASSIGN_OR_RAISE(out.plan, MakeSubqueryAlias(out.plan, p->alias));
      for (auto& pred : out.preds) {
        QUIVER_ASSIGN_OR_RAISE(pred, MapColumns(pred, *in_schema, *out.plan->schema));
      }
      return out;
    }
    default: return NotMovable(*p);
  }
}

}  // namespace

Result<PulledUpSubquery> PullUpCorrelated(const LogicalPlanPtr& plan) { return PullUp(plan); }

}  // namespace quiver
