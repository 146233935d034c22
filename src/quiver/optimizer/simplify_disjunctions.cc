// Disjunctions in filters over joins (TPC-H Q19's shape):
//   (a AND b) OR (a AND c)   ->  a AND (b OR c)       terms common to every branch
// and, for a filter over a join, each input also gets the OR of what every
// branch says about that input alone, e.g. (p.x = 1 AND l.y < 2) OR
// (p.x = 2 AND l.y < 3) adds p.x = 1 OR p.x = 2 (kept as well). Push-down
// then turns common equalities into join keys and filters the inputs early.
#include <set>

#include "quiver/logical/subquery.h"
#include "quiver/optimizer/column_refs.h"
#include "quiver/optimizer/optimizer.h"

namespace quiver {

namespace {

void SplitDisjunction(const ExprPtr& e, std::vector<ExprPtr>* out) {
  if (e->kind == ExprKind::kBinary && e->op == Operator::kOr) {
    SplitDisjunction(e->left, out);
    SplitDisjunction(e->right, out);
  } else {
    out->push_back(e);
  }
}

ExprPtr Disjunction(const std::vector<ExprPtr>& terms) {
  ExprPtr out;
  for (const auto& t : terms) out = out ? Or(out, t) : t;
  return out;
}

// Pulls the conjuncts shared by every branch of an OR out in front of it.
ExprPtr ExtractCommon(const ExprPtr& term) {
  std::vector<ExprPtr> branches;
  SplitDisjunction(term, &branches);
  if (branches.size() < 2) return term;
  std::vector<std::vector<ExprPtr>> conj(branches.size());
  for (size_t i = 0; i < branches.size(); ++i) SplitConjunction(branches[i], &conj[i]);
  std::vector<ExprPtr> common;
  for (const auto& c : conj[0]) {
    std::string key = c->ToString();
    bool everywhere = true;
    for (size_t i = 1; i < conj.size() && everywhere; ++i) {
      bool found = false;
      for (const auto& d : conj[i]) found |= d->ToString() == key;
      everywhere = found;
    }
    bool dup = false;
    for (const auto& x : common) dup |= x->ToString() == key;
    if (everywhere && !dup) common.push_back(c);
  }
  if (common.empty()) return term;
  std::set<std::string> keys;
  for (const auto& c : common) keys.insert(c->ToString());
  std::vector<ExprPtr> rest;
  for (const auto& cs : conj) {
    std::vector<ExprPtr> left;
    for (const auto& c : cs) {
      if (!keys.count(c->ToString())) left.push_back(c);
    }
    if (left.empty()) return Conjunction(common);  // that branch is just `common`
    rest.push_back(Conjunction(left));
  }
  common.push_back(Disjunction(rest));
  return Conjunction(common);
}

// The OR, over branches, of each branch's conjuncts that read only `side`;
// null when some branch says nothing about that side.
ExprPtr ImpliedFor(const ExprPtr& term, const DFSchema& side) {
  std::vector<ExprPtr> branches, parts;
  SplitDisjunction(term, &branches);
  if (branches.size() < 2) return nullptr;
  bool all_whole = true;  // then the term itself moves to that side
  for (const auto& b : branches) {
    std::vector<ExprPtr> cs, mine;
    SplitConjunction(b, &cs);
    for (const auto& c : cs) {
      if (ColumnsWithin(c, side)) mine.push_back(c);
    }
    if (mine.empty()) return nullptr;
    all_whole &= mine.size() == cs.size();
    parts.push_back(Conjunction(mine));
  }
  return all_whole ? nullptr : Disjunction(parts);
}

Result<LogicalPlanPtr> Simplify(const LogicalPlanPtr& plan) {
  LogicalPlanPtr p = plan;
  if (!plan->inputs.empty()) {
    std::vector<LogicalPlanPtr> inputs;
    bool changed = false;
    for (const auto& in : plan->inputs) {
      QUIVER_ASSIGN_OR_RAISE(auto n, Simplify(in));
      changed |= n != in;
      inputs.push_back(std::move(n));
    }
    if (changed) {
      QUIVER_ASSIGN_OR_RAISE(p, WithNewInputs(plan, std::move(inputs)));
    }
  }
  if (p->kind != PlanKind::kFilter || HasSubquery(p->predicate)) return p;
  std::vector<ExprPtr> terms, out;
  SplitConjunction(p->predicate, &terms);
  bool changed = false;
  const LogicalPlan& in = *p->input();
  const bool over_join = in.kind == PlanKind::kJoin || in.kind == PlanKind::kCrossJoin;
  for (const auto& t : terms) {
    ExprPtr s = ExtractCommon(t);
    changed |= s != t;
    std::vector<ExprPtr> parts;
    SplitConjunction(s, &parts);
    for (const auto& part : parts) {
      out.push_back(part);
      if (!over_join) continue;
      for (const auto& side : in.inputs) {
        if (auto implied = ImpliedFor(part, *side->schema)) {
          out.push_back(implied);
          changed = true;
        }
      }
    }
  }
  if (!changed) return p;
  return MakeFilter(p->input(), Conjunction(out));
}

class SimplifyDisjunctions : public OptimizerRule {
 public:
  std::string name() const override { return "simplify_disjunctions"; }
  Result<LogicalPlanPtr> Rewrite(const LogicalPlanPtr& plan) const override {
    return Simplify(plan);
  }
};

}  // namespace

OptimizerRulePtr MakeSimplifyDisjunctionsRule() { return std::make_shared<SimplifyDisjunctions>(); }

}  // namespace quiver
