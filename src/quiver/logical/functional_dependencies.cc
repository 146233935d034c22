#include "quiver/logical/functional_dependencies.h"

#include <algorithm>

namespace quiver {

namespace {

using Deps = std::vector<FunctionalDependence>;

std::vector<int> AllColumns(int n) {
  std::vector<int> out(n);
  for (int i = 0; i < n; ++i) out[i] = i;
  return out;
}

Deps ScanDeps(const LogicalPlan& p) {
  if (!p.source || p.source->primary_key().empty()) return {};
  const Schema& table = *p.source->schema();
  const int n = p.schema->num_fields();
  FunctionalDependence d;
  d.key = true;
  d.target = AllColumns(n);
  for (const auto& name : p.source->primary_key()) {
    int t = table.GetFieldIndex(name);
    if (t < 0) return {};
    int out = t;
    if (p.projection) {
      auto it = std::find(p.projection->begin(), p.projection->end(), t);
      if (it == p.projection->end()) return {};
      out = static_cast<int>(it - p.projection->begin());
    }
    if (out >= n) return {};
    d.source.push_back(out);
  }
  return {d};
}

// Maps dependencies of a projection's input onto its outputs: a source must
// survive as a plain column; an output computed only from determined
// columns is determined too.
Deps ProjectionDeps(const LogicalPlan& p) {
  const DFSchema& in = *p.input()->schema;
  std::vector<std::vector<int>> inputs_of(p.exprs.size());
  std::vector<int> plain(p.exprs.size(), -1);
  for (size_t j = 0; j < p.exprs.size(); ++j) {
    ExprPtr e = Unalias(p.exprs[j]);
    std::vector<Column> cols;
    CollectColumns(e, &cols);
    for (const auto& c : cols) inputs_of[j].push_back(in.FindIndex(c));
    if (e->kind == ExprKind::kColumn) plain[j] = in.FindIndex(e->column);
  }
  Deps out;
  for (const auto& d : FunctionalDependencies(*p.input())) {
    FunctionalDependence m;
    m.key = d.key;
    bool ok = true;
    for (int s : d.source) {
      auto it = std::find(plain.begin(), plain.end(), s);
      if (it == plain.end()) {
        ok = false;
        break;
      }
      m.source.push_back(static_cast<int>(it - plain.begin()));
    }
    if (!ok) continue;
    for (size_t j = 0; j < p.exprs.size(); ++j) {
      bool determined = true;
      for (int i : inputs_of[j]) {
        determined = determined && i >= 0 &&
                     std::find(d.target.begin(), d.target.end(), i) != d.target.end();
      }
      if (determined) m.target.push_back(static_cast<int>(j));
    }
    out.push_back(std::move(m));
  }
  return out;
}

// GROUP BY keys identify an aggregate's rows; input dependencies among the
// grouped columns still hold between them.
Deps AggregateDeps(const LogicalPlan& p) {
  const int groups = static_cast<int>(p.group_exprs.size());
  const int n = p.schema->num_fields();
  Deps out;
  FunctionalDependence all;
  all.key = true;
  all.source = AllColumns(groups);
  all.target = AllColumns(n);
  out.push_back(all);
  const DFSchema& in = *p.input()->schema;
  std::vector<int> plain(groups, -1);
  for (int g = 0; g < groups; ++g) {
    ExprPtr e = Unalias(p.group_exprs[g]);
    if (e->kind == ExprKind::kColumn) plain[g] = in.FindIndex(e->column);
  }
  for (const auto& d : FunctionalDependencies(*p.input())) {
    FunctionalDependence m;
    bool ok = true;
    for (int s : d.source) {
      auto it = std::find(plain.begin(), plain.end(), s);
      if (it == plain.end()) {
        ok = false;
        break;
      }
      m.source.push_back(static_cast<int>(it - plain.begin()));
    }
    if (!ok) continue;
    bool all_groups = true;
    for (int g = 0; g < groups; ++g) {
      bool t =
          plain[g] >= 0 && std::find(d.target.begin(), d.target.end(), plain[g]) != d.target.end();
      if (t) m.target.push_back(g);
      all_groups = all_groups && t;
    }
    // Determining every grouped column makes the source a key of the output.
    if (all_groups) {
      m.target = AllColumns(n);
      m.key = true;
    }
    out.push_back(std::move(m));
  }
  return out;
}

bool IsConstant(const ExprPtr& e) {
  return !AnyExpr(e, [](const Expr& x) {
    return x.kind == ExprKind::kColumn || x.kind == ExprKind::kScalarFunction ||
           x.kind == ExprKind::kOuterReferenceColumn || x.kind == ExprKind::kPlaceholder;
  });
}

// A window node keeps its input rows: keys determine the new columns too.
// ROW_NUMBER() over a single partition numbers rows uniquely.
Deps WindowDeps(const LogicalPlan& p) {
  const int n = p.schema->num_fields();
  Deps out = FunctionalDependencies(*p.input());
  for (auto& d : out) {
    if (d.key) d.target = AllColumns(n);
  }
  const int first = p.input()->schema->num_fields();
  for (size_t i = 0; i < p.window_exprs.size(); ++i) {
    ExprPtr e = Unalias(p.window_exprs[i]);
    if (e->kind != ExprKind::kWindowFunction || !e->window_fn ||
        e->window_fn->name() != "row_number") {
      continue;
    }
    bool single = std::all_of(e->partition_by.begin(), e->partition_by.end(), IsConstant);
    if (!single) continue;
    out.push_back({{first + static_cast<int>(i)}, AllColumns(n), true});
  }
  return out;
}

// A join repeats rows of each side, so keys only determine their own side.
Deps JoinDeps(const LogicalPlan& p) {
  const bool cross = p.kind == PlanKind::kCrossJoin;
  const JoinType type = cross ? JoinType::kInner : p.join_type;
  Deps left = FunctionalDependencies(*p.inputs[0]);
  if (type == JoinType::kLeftSemi || type == JoinType::kLeftAnti) return left;
  Deps right = FunctionalDependencies(*p.inputs[1]);
  if (type == JoinType::kRightSemi || type == JoinType::kRightAnti) return right;
  const int shift = p.inputs[0]->schema->num_fields();
  Deps out;
  for (auto d : left) {
    d.key = false;
    out.push_back(std::move(d));
  }
  for (auto d : right) {
    d.key = false;
    for (auto& s : d.source) s += shift;
    for (auto& t : d.target) t += shift;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

std::vector<FunctionalDependence> FunctionalDependencies(const LogicalPlan& plan) {
  switch (plan.kind) {
    case PlanKind::kTableScan: return ScanDeps(plan);
    case PlanKind::kProjection: return ProjectionDeps(plan);
    case PlanKind::kAggregate: return AggregateDeps(plan);
    case PlanKind::kWindow: return WindowDeps(plan);
    case PlanKind::kJoin:
    case PlanKind::kCrossJoin: return JoinDeps(plan);
    case PlanKind::kFilter:
    case PlanKind::kSort:
    case PlanKind::kLimit:
    case PlanKind::kSubqueryAlias: return FunctionalDependencies(*plan.input());
    default: return {};
  }
}

std::vector<bool> DeterminedColumns(const LogicalPlan& plan, const std::vector<int>& given) {
  std::vector<bool> out(plan.schema->num_fields(), false);
  for (int g : given) {
    if (g >= 0 && g < static_cast<int>(out.size())) out[g] = true;
  }
  const auto deps = FunctionalDependencies(plan);
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& d : deps) {
      bool applies = std::all_of(d.source.begin(), d.source.end(), [&](int s) { return out[s]; });
      if (!applies) continue;
      for (int t : d.target) {
        if (!out[t]) out[t] = changed = true;
      }
    }
  }
  return out;
}

bool IsUniqueOn(const LogicalPlan& plan, const std::vector<int>& given) {
  std::vector<bool> closure = DeterminedColumns(plan, given);
  for (const auto& d : FunctionalDependencies(plan)) {
    if (d.key && std::all_of(d.source.begin(), d.source.end(), [&](int s) { return closure[s]; })) {
      return true;
    }
  }
  return false;
}

}  // namespace quiver
