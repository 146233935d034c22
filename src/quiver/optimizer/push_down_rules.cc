// Filter, limit and projection push-down.
#include <set>

#include "quiver/optimizer/optimizer.h"
#include "quiver/optimizer/push_down_join.h"

namespace quiver {

namespace {

// Applies `fn` to every node bottom-up (children first).
Result<LogicalPlanPtr> RewriteUp(const LogicalPlanPtr& plan,
                                 const std::function<Result<LogicalPlanPtr>(const LogicalPlanPtr&)>& fn) {
  LogicalPlanPtr p = plan;
  if (!plan->inputs.empty()) {
    std::vector<LogicalPlanPtr> inputs;
    bool changed = false;
    for (const auto& in : plan->inputs) {
      QUIVER_ASSIGN_OR_RAISE(auto n, RewriteUp(in, fn));
      changed |= n != in;
      inputs.push_back(std::move(n));
    }
    if (changed) {
      QUIVER_ASSIGN_OR_RAISE(p, WithNewInputs(plan, std::move(inputs)));
    }
  }
  return fn(p);
}

class PushDownFilter : public OptimizerRule {
 public:
  std::string name() const override { return "push_down_filter"; }
  Result<LogicalPlanPtr> Rewrite(const LogicalPlanPtr& plan) const override {
    PlanRewriteFn fn = [&fn](const LogicalPlanPtr& p) -> Result<LogicalPlanPtr> {
      if (CanPushThroughJoin(*p)) return PushFilterThroughJoin(p, fn);
      if (p->kind != PlanKind::kFilter || p->input()->kind != PlanKind::kTableScan) return p;
      const LogicalPlan& scan = *p->input();
      std::vector<ExprPtr> terms;
      SplitConjunction(p->predicate, &terms);
      std::vector<ExprPtr> pushed = scan.filters, kept;
      for (const auto& t : terms) {
        bool has_subquery = AnyExpr(t, [](const Expr& e) {
          return e.kind == ExprKind::kScalarSubquery || e.kind == ExprKind::kExists ||
                 e.kind == ExprKind::kInSubquery || e.kind == ExprKind::kOuterReferenceColumn;
        });
        FilterPushDown mode =
            has_subquery ? FilterPushDown::kUnsupported : scan.source->SupportsFilterPushDown(*t);
        bool already = false;
        for (const auto& f : pushed) already |= f->Equals(*t);
        if (mode != FilterPushDown::kUnsupported && !already) pushed.push_back(t);
        if (mode != FilterPushDown::kExact) kept.push_back(t);
      }
      QUIVER_ASSIGN_OR_RAISE(auto new_scan, MakeTableScan(scan.table_name, scan.source, scan.projection,
                                                          pushed, scan.fetch));
      if (kept.empty()) return new_scan;
      return MakeFilter(new_scan, Conjunction(kept));
    };
    return RewriteUp(plan, fn);
  }
};

class PushDownLimit : public OptimizerRule {
 public:
  std::string name() const override { return "push_down_limit"; }
  Result<LogicalPlanPtr> Rewrite(const LogicalPlanPtr& plan) const override {
    return RewriteUp(plan, [](const LogicalPlanPtr& p) -> Result<LogicalPlanPtr> {
      if (p->kind != PlanKind::kLimit || !p->fetch) return p;
      int64_t needed = p->skip + *p->fetch;
      const LogicalPlanPtr& in = p->input();
      if (in->kind == PlanKind::kSort && (!in->fetch || *in->fetch > needed)) {
        QUIVER_ASSIGN_OR_RAISE(auto sort, MakeSort(in->input(), in->sort_exprs, needed));
        return WithNewInputs(p, {sort});
      }
      // Through projections (which keep the row count) down to a sort (its
      // top-k) or a scan without filters.
      std::vector<LogicalPlanPtr> chain;
      LogicalPlanPtr cur = in;
      while (cur->kind == PlanKind::kProjection || cur->kind == PlanKind::kSubqueryAlias) {
        chain.push_back(cur);
        cur = cur->input();
      }
      const bool sort = cur->kind == PlanKind::kSort && !chain.empty();
      if ((sort || cur->kind == PlanKind::kTableScan) && (!cur->fetch || *cur->fetch > needed)) {
        LogicalPlanPtr rebuilt;
        if (sort) {
          QUIVER_ASSIGN_OR_RAISE(rebuilt, MakeSort(cur->input(), cur->sort_exprs, needed));
        } else {
          QUIVER_ASSIGN_OR_RAISE(rebuilt, MakeTableScan(cur->table_name, cur->source,
                                                        cur->projection, cur->filters, needed));
        }
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
          QUIVER_ASSIGN_OR_RAISE(rebuilt, WithNewInputs(*it, {rebuilt}));
        }
        return WithNewInputs(p, {rebuilt});
      }
      return p;
    });
  }
};

// Column pruning: each node is rebuilt knowing which of its output columns
// the parent needs; scans then read only those.
class PushDownProjection : public OptimizerRule {
 public:
  std::string name() const override { return "push_down_projection"; }
  Result<LogicalPlanPtr> Rewrite(const LogicalPlanPtr& plan) const override {
    std::vector<Column> all;
    for (int i = 0; i < plan->schema->num_fields(); ++i) all.push_back(plan->schema->column(i));
    return Prune(plan, all);
  }

 private:
  static void AddColumns(const ExprPtr& e, std::vector<Column>* out) { CollectColumns(e, out); }

  static Result<LogicalPlanPtr> Prune(const LogicalPlanPtr& p, const std::vector<Column>& required) {
    switch (p->kind) {
      case PlanKind::kTableScan: {
        const DFSchema& s = *p->schema;
        std::set<int> keep_local;
        for (const auto& c : required) {
          int i = s.FindIndex(c);
          if (i >= 0) keep_local.insert(i);
        }
        std::vector<int> base = p->projection ? *p->projection : std::vector<int>();
        if (!p->projection) {
          for (int i = 0; i < s.num_fields(); ++i) base.push_back(i);
        }
        std::vector<int> proj;
        for (int i : keep_local) proj.push_back(base[i]);
        if (proj.size() == base.size() && p->projection) return p;
        return MakeTableScan(p->table_name, p->source, proj, p->filters, p->fetch);
      }
      case PlanKind::kProjection: {
        // Expressions nobody above reads are dropped (a `SELECT *` inside
        // EXISTS would otherwise read every column).
        std::set<int> used;
        for (const auto& c : required) {
          int i = p->schema->FindIndex(c);
          if (i >= 0) used.insert(i);
        }
        std::vector<ExprPtr> exprs;
        for (int i : used) exprs.push_back(p->exprs[i]);
        std::vector<Column> need;
        for (const auto& e : exprs) AddColumns(e, &need);
        QUIVER_ASSIGN_OR_RAISE(auto in, Prune(p->input(), need));
        if (exprs.size() == p->exprs.size()) return WithNewInputs(p, {in});
        return MakeProjection(in, std::move(exprs));
      }
      case PlanKind::kFilter: {
        std::vector<Column> need = required;
        AddColumns(p->predicate, &need);
        QUIVER_ASSIGN_OR_RAISE(auto in, Prune(p->input(), need));
        // The filter's output must still offer what the parent needs.
        return WithNewInputs(p, {in});
      }
      case PlanKind::kAggregate: {
        std::vector<Column> need;
        for (const auto& e : p->group_exprs) AddColumns(e, &need);
        for (const auto& e : p->aggr_exprs) AddColumns(e, &need);
        QUIVER_ASSIGN_OR_RAISE(auto in, Prune(p->input(), need));
        return WithNewInputs(p, {in});
      }
      case PlanKind::kSort: {
        std::vector<Column> need = required;
        for (const auto& s : p->sort_exprs) AddColumns(s.expr, &need);
        QUIVER_ASSIGN_OR_RAISE(auto in, Prune(p->input(), need));
        return WithNewInputs(p, {in});
      }
      case PlanKind::kLimit: {
        QUIVER_ASSIGN_OR_RAISE(auto in, Prune(p->input(), required));
        return WithNewInputs(p, {in});
      }
      case PlanKind::kWindow: {
        // The input keeps what the parent needs plus the window inputs.
        std::vector<Column> need = required;
        for (const auto& e : p->window_exprs) AddColumns(e, &need);
        QUIVER_ASSIGN_OR_RAISE(auto in, Prune(p->input(), need));
        return WithNewInputs(p, {in});
      }
      case PlanKind::kJoin:
      case PlanKind::kCrossJoin:
      case PlanKind::kUnion: {
        auto need = JoinInputsRequired(*p, required);
        std::vector<LogicalPlanPtr> inputs;
        for (size_t i = 0; i < p->inputs.size(); ++i) {
          QUIVER_ASSIGN_OR_RAISE(auto in, Prune(p->inputs[i], need[i]));
          inputs.push_back(std::move(in));
        }
        return WithNewInputs(p, std::move(inputs));
      }
      case PlanKind::kSubqueryAlias: {
        // Columns of the alias map to input columns by position.
        std::vector<Column> need;
        for (const auto& c : required) {
          int i = p->schema->FindIndex(c);
          if (i >= 0) need.push_back(p->input()->schema->column(i));
        }
        QUIVER_ASSIGN_OR_RAISE(auto in, Prune(p->input(), need));
        return WithNewInputs(p, {in});
      }
      case PlanKind::kDml:
      case PlanKind::kCopyTo: {
        // Every input column is written.
        std::vector<Column> need;
        const DFSchema& in_schema = *p->input()->schema;
        for (int i = 0; i < in_schema.num_fields(); ++i) need.push_back(in_schema.column(i));
        QUIVER_ASSIGN_OR_RAISE(auto in, Prune(p->input(), need));
        return WithNewInputs(p, {in});
      }
      default: return p;
    }
  }
};

}  // namespace

OptimizerRulePtr MakePushDownFilterRule() { return std::make_shared<PushDownFilter>(); }
OptimizerRulePtr MakePushDownLimitRule() { return std::make_shared<PushDownLimit>(); }
OptimizerRulePtr MakePushDownProjectionRule() { return std::make_shared<PushDownProjection>(); }

}  // namespace quiver
