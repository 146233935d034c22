#include "quiver/optimizer/join_order.h"

#include <algorithm>

#include "quiver/optimizer/column_refs.h"

namespace quiver {

namespace {

// Below this many rows in the largest input, join order hardly matters.
constexpr double kMinRowsToReorder = 50000;

struct Rel {
  double rows = 0;               // after filters
  double base_rows = 0;          // of the table before filters
  std::vector<double> distinct;  // per output column, of the table; 0: unknown
};

// Fraction of rows a predicate keeps: textbook guesses, no histograms.
double Selectivity(const ExprPtr& e) {
  switch (e->kind) {
    case ExprKind::kBinary:
      switch (e->op) {
        case Operator::kAnd: return Selectivity(e->left) * Selectivity(e->right);
        case Operator::kOr: return std::min(1.0, Selectivity(e->left) + Selectivity(e->right));
        case Operator::kEq: return 0.1;
        case Operator::kNotEq: return 0.9;
        case Operator::kLt:
        case Operator::kLtEq:
        case Operator::kGt:
        case Operator::kGtEq: return 0.33;
        default: return 0.5;
      }
    case ExprKind::kBetween: return e->negated ? 0.75 : 0.25;
    case ExprKind::kInList: {
      double s = std::min(1.0, 0.1 * static_cast<double>(e->list.size()));
      return e->negated ? 1 - s : s;
    }
    case ExprKind::kLike:
    case ExprKind::kSimilarTo: return e->negated ? 0.75 : 0.25;
    case ExprKind::kNot: return 1 - Selectivity(e->expr);
    case ExprKind::kIsNull: return 0.1;
    case ExprKind::kIsNotNull: return 0.9;
    default: return 0.5;
  }
}

std::optional<Rel> EstimatePlan(const LogicalPlan& p) {
  std::optional<Rel> out;
  switch (p.kind) {
    case PlanKind::kTableScan: {
      if (!p.source) return std::nullopt;
      std::optional<TableEstimate> t = p.source->Estimate();
      if (!t) return std::nullopt;
      Rel r;
      r.rows = r.base_rows = t->rows;
      if (p.projection) {
        for (int i : *p.projection) {
          r.distinct.push_back(i < static_cast<int>(t->distinct.size()) ? t->distinct[i] : 0);
        }
      } else {
        r.distinct = t->distinct;
      }
      for (const auto& f : p.filters) r.rows *= Selectivity(f);
      if (p.fetch) r.rows = std::min(r.rows, static_cast<double>(*p.fetch));
      out = std::move(r);
      break;
    }
    case PlanKind::kSubqueryAlias: out = EstimatePlan(*p.input()); break;
    case PlanKind::kFilter:
      out = EstimatePlan(*p.input());
      if (out) out->rows *= Selectivity(p.predicate);
      break;
    case PlanKind::kLimit:
      out = EstimatePlan(*p.input());
      if (out && p.fetch) out->rows = std::min(out->rows, static_cast<double>(*p.fetch));
      break;
    case PlanKind::kProjection: {
      auto in = EstimatePlan(*p.input());
      if (!in) return std::nullopt;
      Rel r;
      r.rows = in->rows;
      r.base_rows = in->base_rows;
      for (const auto& e : p.exprs) {
        const Expr* x = e->kind == ExprKind::kAlias ? e->expr.get() : e.get();
        int i = x->kind == ExprKind::kColumn ? p.input()->schema->FindIndex(x->column) : -1;
        r.distinct.push_back(i >= 0 && i < static_cast<int>(in->distinct.size()) ? in->distinct[i]
                                                                                 : 0);
      }
      out = std::move(r);
      break;
    }
    default: return std::nullopt;
  }
  if (out) {
    out->distinct.resize(p.schema->num_fields(), 0);
    for (double& d : out->distinct) d = std::min(d, out->base_rows);
  }
  return out;
}

struct Leaf {
  const DFSchema* schema;
  Rel rel;
};

// Distinct values of a join key side: known for a plain column only.
double KeyDistinct(const ExprPtr& e, const Leaf& leaf) {
  if (e->kind != ExprKind::kColumn) return 0;
  int i = leaf.schema->FindIndex(e->column);
  return i >= 0 ? leaf.rel.distinct[i] : 0;
}

// Distinct combinations of a leaf's join key columns (0: unknown).
double CompositeDistinct(const std::vector<const ExprPtr*>& keys, const Leaf& leaf) {
  double d = 1;
  for (const ExprPtr* k : keys) {
    double x = KeyDistinct(*k, leaf);
    if (x < 1) return 0;
    d *= x;
  }
  return std::min(d, leaf.rel.base_rows);
}

// Fraction of the cross product of leaves a and b that their equalities
// keep (1: not linked). When one side's key is unique in its table (a
// primary key), each row of the other side matches at most one row, kept
// if it passed that side's filters; otherwise rows meet by distinct values.
double PairSelectivity(const std::vector<ExprPtr>& equalities, const Leaf& a, const Leaf& b) {
  std::vector<const ExprPtr*> ka, kb;
  for (const auto& e : equalities) {
    if (ColumnsWithin(e->left, *a.schema) && ColumnsWithin(e->right, *b.schema)) {
      ka.push_back(&e->left);
      kb.push_back(&e->right);
    } else if (ColumnsWithin(e->right, *a.schema) && ColumnsWithin(e->left, *b.schema)) {
      ka.push_back(&e->right);
      kb.push_back(&e->left);
    }
  }
  if (ka.empty()) return 1;
  const double da = CompositeDistinct(ka, a), db = CompositeDistinct(kb, b);
  const bool ua = da > 0 && da >= 0.9 * a.rel.base_rows;
  const bool ub = db > 0 && db >= 0.9 * b.rel.base_rows;
  if (ua || ub) {
    const Leaf& key = ua && (!ub || a.rel.base_rows <= b.rel.base_rows) ? a : b;
    return 1 / std::max(key.rel.base_rows, 1.0);
  }
  double d = std::max(da, db);
  if (d < 1) d = std::max(a.rel.base_rows, b.rel.base_rows);
  return 1 / std::max(d, 1.0);
}

// Greedy left-deep order from `start`: each time the linked input with the
// smallest estimated result. Returns the order and the sum of the estimated
// intermediate results (its cost).
std::pair<std::vector<size_t>, double> GreedyFrom(size_t start, const std::vector<Leaf>& leaves,
                                                  const std::vector<std::vector<double>>& sel) {
  const size_t n = leaves.size();
  std::vector<size_t> order{start};
  std::vector<bool> used(n, false);
  used[start] = true;
  double cur = leaves[start].rel.rows, cost = 0;
  while (order.size() < n) {
    size_t pick = n;
    double pick_est = 0;
    for (size_t j = 0; j < n; ++j) {
      if (used[j]) continue;
      // The most selective link into the joined set; other links are
      // mostly implied by it (keys joined transitively).
      double s = 1;
      for (size_t i : order) s = std::min(s, sel[i][j]);
      if (s >= 1) continue;
      double est = cur * leaves[j].rel.rows * s;
      if (pick == n || est < pick_est * 0.999 ||
          (est <= pick_est * 1.001 && leaves[j].rel.rows < leaves[pick].rel.rows)) {
        pick = j;
        pick_est = est;
      }
    }
    if (pick == n) {  // not linked: the next input in FROM order
      for (size_t j = 0; j < n && pick == n; ++j) {
        if (!used[j]) pick = j;
      }
      pick_est = cur * leaves[pick].rel.rows;
    }
    used[pick] = true;
    order.push_back(pick);
    cur = std::max(pick_est, 1.0);
    cost += cur;
  }
  return {order, cost};
}

// Sum of the estimated intermediate results of a left-deep `order`.
double OrderCost(const std::vector<size_t>& order, const std::vector<Leaf>& leaves,
                 const std::vector<std::vector<double>>& sel) {
  double cur = leaves[order[0]].rel.rows, cost = 0;
  for (size_t k = 1; k < order.size(); ++k) {
    double s = 1;
    for (size_t i = 0; i < k; ++i) s = std::min(s, sel[order[i]][order[k]]);
    cur = std::max(cur * leaves[order[k]].rel.rows * s, 1.0);
    cost += cur;
  }
  return cost;
}

// The order of reorder_cross_joins without statistics: FROM order, each time
// the first input linked to the joined ones.
std::vector<size_t> LinkedFromOrder(const std::vector<std::vector<double>>& sel) {
  const size_t n = sel.size();
  std::vector<size_t> order{0};
  std::vector<bool> used(n, false);
  used[0] = true;
  while (order.size() < n) {
    size_t pick = n;
    for (size_t j = 0; j < n && pick == n; ++j) {
      if (used[j]) continue;
      for (size_t i : order) {
        if (sel[i][j] < 1) pick = j;
      }
    }
    for (size_t j = 0; j < n && pick == n; ++j) {
      if (!used[j]) pick = j;
    }
    used[pick] = true;
    order.push_back(pick);
  }
  return order;
}

}  // namespace

std::optional<std::vector<size_t>> CardinalityJoinOrder(const std::vector<LogicalPlanPtr>& inputs,
                                                        const std::vector<ExprPtr>& terms) {
  const size_t n = inputs.size();
  if (n < 2) return std::nullopt;
  std::vector<ExprPtr> equalities;
  for (const auto& t : terms) {
    if (t->kind == ExprKind::kBinary && t->op == Operator::kEq) equalities.push_back(t);
  }
  std::vector<Leaf> leaves;
  double largest = 0;
  for (const auto& in : inputs) {
    auto rel = EstimatePlan(*in);
    if (!rel) return std::nullopt;
    // Conditions on this input alone shrink it before any join.
    for (const auto& t : terms) {
      if (ColumnsWithin(t, *in->schema)) rel->rows *= Selectivity(t);
    }
    largest = std::max(largest, rel->rows);
    leaves.push_back({in->schema.get(), std::move(*rel)});
  }
  if (largest < kMinRowsToReorder) return std::nullopt;
  std::vector<std::vector<double>> sel(n, std::vector<double>(n, 1));
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      sel[i][j] = sel[j][i] = PairSelectivity(equalities, leaves[i], leaves[j]);
    }
  }
  bool linked = false;
  for (const auto& row : sel) linked |= *std::min_element(row.begin(), row.end()) < 1;
  if (!linked) return std::nullopt;  // nothing to order by: keep FROM order
  // Every input as the first one; the cheapest greedy order wins.
  std::vector<size_t> best;
  double best_cost = 0;
  for (size_t i = 0; i < n; ++i) {
    auto [order, cost] = GreedyFrom(i, leaves, sel);
    if (best.empty() || cost < best_cost * 0.999) {
      best = std::move(order);
      best_cost = cost;
    }
  }
  // Estimates are rough: keep the FROM order (each next input linked to
  // the joined ones) unless the new one promises to halve the work, counted
  // as rows in and out of every join.
  double inputs_rows = 0;
  for (const auto& l : leaves) inputs_rows += l.rel.rows;
  const double from_cost = OrderCost(LinkedFromOrder(sel), leaves, sel);
  if (inputs_rows + 2 * best_cost > 0.5 * (inputs_rows + 2 * from_cost)) return std::nullopt;
  return best;
}

}  // namespace quiver
