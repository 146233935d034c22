#include "quiver/optimizer/push_down_join.h"

namespace quiver {

namespace {

enum class Side { kNone, kLeft, kRight, kBoth };

bool Unpushable(const ExprPtr& e) {
  return AnyExpr(e, [](const Expr& x) {
    return x.kind == ExprKind::kScalarSubquery || x.kind == ExprKind::kExists ||
           x.kind == ExprKind::kInSubquery || x.kind == ExprKind::kOuterReferenceColumn ||
           x.kind == ExprKind::kAggregateFunction;
  });
}

Side SideOf(const ExprPtr& e, const DFSchema& left, const DFSchema& right) {
  std::vector<Column> cols;
  CollectColumns(e, &cols);
  bool l = false, r = false;
  for (const auto& c : cols) {
    bool in_l = left.FindIndex(c) >= 0, in_r = right.FindIndex(c) >= 0;
    if (in_l == in_r) return Side::kBoth;  // ambiguous or unknown: keep it where it is
    l |= in_l;
    r |= in_r;
  }
  if (l && r) return Side::kBoth;
  return l ? Side::kLeft : (r ? Side::kRight : Side::kNone);
}

// Which inputs a term over the join's output (or, for `on_clause`, its ON
// condition) may be pushed into without changing results.
void Pushable(JoinType t, bool on_clause, bool* left, bool* right) {
  switch (t) {
    case JoinType::kInner: *left = *right = true; break;
    case JoinType::kLeft:
      *left = !on_clause;
      *right = on_clause;
      break;
    case JoinType::kRight:
      *left = on_clause;
      *right = !on_clause;
      break;
    case JoinType::kFull: *left = *right = false; break;
    case JoinType::kLeftSemi: *left = *right = true; break;
    case JoinType::kRightSemi: *left = *right = true; break;
    case JoinType::kLeftAnti:
      *left = !on_clause;
      *right = on_clause;
      break;
    case JoinType::kRightAnti:
      *left = on_clause;
      *right = !on_clause;
      break;
  }
}

}  // namespace

bool CanPushThroughJoin(const LogicalPlan& p) {
  if (p.kind == PlanKind::kFilter) {
    auto k = p.input()->kind;
    return k == PlanKind::kJoin || k == PlanKind::kCrossJoin;
  }
  return p.kind == PlanKind::kJoin && p.join_filter && !p.null_equals_null;
}

Result<LogicalPlanPtr> PushFilterThroughJoin(const LogicalPlanPtr& p,
                                             const PlanRewriteFn& push_below) {
  const bool over = p->kind == PlanKind::kFilter;
  const LogicalPlanPtr& join = over ? p->input() : p;
  const bool cross = join->kind == PlanKind::kCrossJoin;
  JoinType type = cross ? JoinType::kInner : join->join_type;
  const DFSchema& ls = *join->inputs[0]->schema;
  const DFSchema& rs = *join->inputs[1]->schema;
  std::vector<JoinKey> keys = join->on;
  std::vector<ExprPtr> left_terms, right_terms, join_terms, above;

  auto place = [&](const ExprPtr& t, bool on_clause) {
    bool to_left = false, to_right = false;
    Pushable(type, on_clause, &to_left, &to_right);
    Side s = Unpushable(t) ? Side::kBoth : SideOf(t, ls, rs);
    if (s == Side::kLeft && to_left) return left_terms.push_back(t);
    if (s == Side::kRight && to_right) return right_terms.push_back(t);
    // Equalities across the sides of an inner join are keys.
    if (type == JoinType::kInner && s == Side::kBoth && t->kind == ExprKind::kBinary &&
        t->op == Operator::kEq && !Unpushable(t) && !join->null_equals_null) {
      Side a = SideOf(t->left, ls, rs), b = SideOf(t->right, ls, rs);
      if (a == Side::kLeft && b == Side::kRight) return (void)keys.emplace_back(t->left, t->right);
      if (a == Side::kRight && b == Side::kLeft) return (void)keys.emplace_back(t->right, t->left);
    }
    if (on_clause || (type == JoinType::kInner && s == Side::kBoth && !Unpushable(t))) {
      return join_terms.push_back(t);
    }
    above.push_back(t);
  };
  if (join->join_filter) {
    std::vector<ExprPtr> terms;
    SplitConjunction(join->join_filter, &terms);
    for (const auto& t : terms) place(t, true);
  }
  if (over) {
    std::vector<ExprPtr> terms;
    SplitConjunction(p->predicate, &terms);
    for (const auto& t : terms) place(t, false);
  }
  if (!over && left_terms.empty() && right_terms.empty() && keys.size() == join->on.size())
    return p;
  LogicalPlanPtr left = join->inputs[0], right = join->inputs[1];
  if (!left_terms.empty()) {
    QUIVER_ASSIGN_OR_RAISE(left, MakeFilter(left, Conjunction(left_terms)));
    QUIVER_ASSIGN_OR_RAISE(left, push_below(left));
  }
  if (!right_terms.empty()) {
    QUIVER_ASSIGN_OR_RAISE(right, MakeFilter(right, Conjunction(right_terms)));
    QUIVER_ASSIGN_OR_RAISE(right, push_below(right));
  }
  LogicalPlanPtr out;
  if (cross && keys.empty() && join_terms.empty()) {
    QUIVER_ASSIGN_OR_RAISE(out, MakeCrossJoin(left, right));
  } else {
    QUIVER_ASSIGN_OR_RAISE(
        out, MakeJoin(left, right, type, keys, Conjunction(join_terms), join->null_equals_null));
  }
  if (!above.empty()) return MakeFilter(out, Conjunction(above));
  return out;
}

std::vector<std::vector<Column>> JoinInputsRequired(const LogicalPlan& p,
                                                    const std::vector<Column>& required) {
  std::vector<std::vector<Column>> need(p.inputs.size());
  if (p.kind == PlanKind::kUnion) {
    // Columns match by position: keep every column (inputs prune below themselves).
    for (size_t i = 0; i < p.inputs.size(); ++i) {
      const DFSchema& s = *p.inputs[i]->schema;
      for (int c = 0; c < s.num_fields(); ++c) need[i].push_back(s.column(c));
    }
    return need;
  }
  const DFSchema& ls = *p.inputs[0]->schema;
  const DFSchema& rs = *p.inputs[1]->schema;
  std::vector<Column> all = required;
  for (const auto& [l, r] : p.on) {
    CollectColumns(l, &need[0]);
    CollectColumns(r, &need[1]);
  }
  if (p.join_filter) CollectColumns(p.join_filter, &all);
  for (const auto& c : all) {
    if (ls.FindIndex(c) >= 0) need[0].push_back(c);
    if (rs.FindIndex(c) >= 0) need[1].push_back(c);
  }
  return need;
}

}  // namespace quiver
