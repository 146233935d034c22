// Comma joins are planned left to right as cross joins: `FROM part,
// supplier, lineitem WHERE p = l AND s = l` would multiply part by supplier
// before lineitem links them. For a Filter over a tree of cross joins this
// rule reorders the inputs so that each next input shares an equality with
// those already joined (falling back to FROM order when none does); filter
// push-down then turns the equalities into hash join keys. A projection
// restores the original column order.
#include "quiver/logical/subquery.h"
#include "quiver/optimizer/join_order.h"
#include "quiver/optimizer/optimizer.h"

namespace quiver {

namespace {

void Flatten(const LogicalPlanPtr& p, std::vector<LogicalPlanPtr>* out) {
  if (p->kind == PlanKind::kCrossJoin) {
    Flatten(p->inputs[0], out);
    Flatten(p->inputs[1], out);
  } else {
    out->push_back(p);
  }
}

// Every column of `e` (at least one) is a column of one of `schemas`.
bool Within(const ExprPtr& e, const std::vector<const DFSchema*>& schemas) {
  std::vector<Column> cols;
  CollectColumns(e, &cols);
  if (cols.empty()) return false;
  for (const auto& c : cols) {
    bool found = false;
    for (const DFSchema* s : schemas) found |= s->FindIndex(c) >= 0;
    if (!found) return false;
  }
  return true;
}

bool Links(const std::vector<ExprPtr>& equalities, const std::vector<const DFSchema*>& joined,
           const DFSchema& next) {
  for (const auto& e : equalities) {
    if ((Within(e->left, joined) && Within(e->right, {&next})) ||
        (Within(e->right, joined) && Within(e->left, {&next}))) {
      return true;
    }
  }
  return false;
}

Result<LogicalPlanPtr> Reorder(const LogicalPlanPtr& filter) {
  std::vector<LogicalPlanPtr> inputs;
  Flatten(filter->input(), &inputs);
  if (inputs.size() < 3) return filter;
  std::vector<ExprPtr> terms, equalities;
  SplitConjunction(filter->predicate, &terms);
  for (const auto& t : terms) {
    if (t->kind == ExprKind::kBinary && t->op == Operator::kEq && !HasSubquery(t)) {
      equalities.push_back(t);
    }
  }
  std::vector<bool> used(inputs.size(), false);
  // With statistics for every input, selective inputs join first.
  auto by_size = CardinalityJoinOrder(inputs, terms);
  const size_t start = by_size ? (*by_size)[0] : 0;
  std::vector<const DFSchema*> joined{inputs[start]->schema.get()};
  used[start] = true;
  LogicalPlanPtr cur = inputs[start];
  bool reordered = start != 0;
  for (size_t step = 1; step < inputs.size(); ++step) {
    size_t pick = by_size ? (*by_size)[step] : inputs.size();
    for (size_t j = 0; j < inputs.size() && pick == inputs.size(); ++j) {
      if (!used[j] && Links(equalities, joined, *inputs[j]->schema)) pick = j;
    }
    if (pick == inputs.size()) {
      for (size_t j = 0; j < inputs.size() && pick == inputs.size(); ++j) {
        if (!used[j]) pick = j;
      }
    }
    reordered |= pick != step;
    used[pick] = true;
    joined.push_back(inputs[pick]->schema.get());
    QUIVER_ASSIGN_OR_RAISE(cur, MakeCrossJoin(cur, inputs[pick]));
  }
  if (!reordered) return filter;
  QUIVER_ASSIGN_OR_RAISE(cur, MakeFilter(cur, filter->predicate));
  std::vector<ExprPtr> cols;
  const DFSchema& original = *filter->schema;
  for (int i = 0; i < original.num_fields(); ++i) cols.push_back(Col(original.column(i)));
  return MakeProjection(cur, std::move(cols));
}

Result<LogicalPlanPtr> Walk(const LogicalPlanPtr& plan) {
  LogicalPlanPtr p = plan;
  if (!plan->inputs.empty()) {
    std::vector<LogicalPlanPtr> inputs;
    bool changed = false;
    for (const auto& in : plan->inputs) {
      QUIVER_ASSIGN_OR_RAISE(auto n, Walk(in));
      changed |= n != in;
      inputs.push_back(std::move(n));
    }
    if (changed) {
      QUIVER_ASSIGN_OR_RAISE(p, WithNewInputs(plan, std::move(inputs)));
    }
  }
  if (p->kind == PlanKind::kFilter && p->input()->kind == PlanKind::kCrossJoin) return Reorder(p);
  return p;
}

class ReorderCrossJoins : public OptimizerRule {
 public:
  std::string name() const override { return "reorder_cross_joins"; }
  Result<LogicalPlanPtr> Rewrite(const LogicalPlanPtr& plan) const override { return Walk(plan); }
};

}  // namespace

OptimizerRulePtr MakeReorderCrossJoinsRule() { return std::make_shared<ReorderCrossJoins>(); }

}  // namespace quiver
