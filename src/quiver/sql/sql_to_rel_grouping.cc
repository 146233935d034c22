// GROUP BY GROUPING SETS / ROLLUP / CUBE and grouping().
//
// Plan: every input row is repeated once per grouping set (a cross join with
// a VALUES list holding, per set, its id and which keys it keeps); keys
// absent from a set become NULL, and the set id is an extra group key, so
// each set aggregates separately (DISTINCT aggregates included) in one
// ordinary Aggregate. grouping(x) is then a CASE over the set id.
#include <set>

#include "quiver/sql/sql_to_rel.h"

namespace quiver {

namespace {

constexpr const char* kGroupingId = "__grouping_id";

int IndexOf(const std::vector<ExprPtr>& list, const ExprPtr& e) {
  std::string s = e->ToString();
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i]->ToString() == s) return static_cast<int>(i);
  }
  return -1;
}

bool IsGroupingCall(const ExprPtr& e) {
  return e->kind == ExprKind::kAggregateFunction && e->aggregate_fn &&
         e->aggregate_fn->name() == "grouping";
}

ExprPtr CaseWhen(std::vector<ExprPtr> when, std::vector<ExprPtr> then, ExprPtr else_expr) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kCase;
  e->when = std::move(when);
  e->then = std::move(then);
  e->else_expr = std::move(else_expr);
  return e;
}

}  // namespace

bool UsesGroupingFunction(const std::vector<ExprPtr>& aggs) {
  for (const auto& a : aggs) {
    if (IsGroupingCall(a)) return true;
  }
  return false;
}

Status SqlToRel::AddGroupingSets(const sql::Expr& g, const DFSchema& schema,
                                 const std::vector<ExprPtr>& select_exprs,
                                 std::vector<std::vector<ExprPtr>>* sets) {
  // The elements (each a list of expressions) as written.
  std::vector<std::vector<ExprPtr>> elems;
  for (const auto& written : g.sets) {
    std::vector<ExprPtr> elem;
    for (const auto& x : written) {
      if (x->kind == sql::ExprKind::kLiteral && x->literal_kind == sql::LiteralKind::kNumber) {
        int64_t pos = std::stoll(x->value);
        if (pos < 1 || pos > static_cast<int64_t>(select_exprs.size())) {
          return Status::Plan("Cannot find column with position " + x->value +
                              " in SELECT clause. Valid columns: 1 to " +
                              std::to_string(select_exprs.size()))
              .WithLocation(x->loc);
        }
        elem.push_back(Unalias(select_exprs[pos - 1]));
        continue;
      }
      QUIVER_ASSIGN_OR_RAISE(auto e, PlanExprIn(*x, schema));
      if (ContainsAggregate(e)) {
        return Status::Plan("Aggregate functions are not allowed in GROUP BY").WithLocation(x->loc);
      }
      elem.push_back(std::move(e));
    }
    elems.push_back(std::move(elem));
  }
  std::vector<std::vector<ExprPtr>> mine;
  if (g.kind == sql::ExprKind::kGroupingSets) {
    mine = elems;
  } else if (g.kind == sql::ExprKind::kRollup) {
    // ROLLUP (a, b): (a, b), (a), ().
    for (size_t n = elems.size() + 1; n-- > 0;) {
      std::vector<ExprPtr> s;
      for (size_t i = 0; i < n; ++i) s.insert(s.end(), elems[i].begin(), elems[i].end());
      mine.push_back(std::move(s));
    }
  } else {
    // CUBE (a, b): every subset, the full set first.
    if (elems.size() > 12) return Status::Plan("CUBE supports at most 12 grouping expressions");
    const size_t n = elems.size();
    for (size_t mask = (size_t{1} << n); mask-- > 0;) {
      std::vector<ExprPtr> s;
      for (size_t i = 0; i < n; ++i) {
        if (mask & (size_t{1} << (n - 1 - i))) s.insert(s.end(), elems[i].begin(), elems[i].end());
      }
      mine.push_back(std::move(s));
    }
  }
  if (sets->empty()) {
    *sets = std::move(mine);
    return Status::OK();
  }
  // Several grouping items multiply: GROUP BY ROLLUP(a), CUBE(b).
  std::vector<std::vector<ExprPtr>> product;
  for (const auto& s : *sets) {
    for (const auto& t : mine) {
      auto u = s;
      u.insert(u.end(), t.begin(), t.end());
      product.push_back(std::move(u));
    }
  }
  if (product.size() > 4096) return Status::Plan("too many grouping sets (more than 4096)");
  *sets = std::move(product);
  return Status::OK();
}

Result<LogicalPlanPtr> PlanGroupingAggregate(LogicalPlanPtr input, std::vector<ExprPtr>* groups,
                                             std::vector<std::vector<ExprPtr>> sets,
                                             const std::vector<ExprPtr>& aggs) {
  const std::vector<ExprPtr> plain = *groups;  // in every set
  if (sets.empty()) sets.push_back({});
  std::vector<ExprPtr> keys = plain;
  for (const auto& s : sets) {
    for (const auto& e : s) {
      if (IndexOf(keys, e) < 0) keys.push_back(e);
    }
  }
  const size_t k = keys.size();
  // present[s][i]: set s keeps key i.
  std::vector<std::vector<bool>> present(sets.size(), std::vector<bool>(k, false));
  std::vector<bool> always(k, true);
  for (size_t s = 0; s < sets.size(); ++s) {
    for (size_t i = 0; i < k; ++i) {
      present[s][i] = IndexOf(plain, keys[i]) >= 0 || IndexOf(sets[s], keys[i]) >= 0;
      always[i] = always[i] && present[s][i];
    }
  }
  // VALUES (set id, keeps key i ...) for the keys some set drops.
  std::vector<std::vector<ExprPtr>> rows;
  for (size_t s = 0; s < sets.size(); ++s) {
    std::vector<ExprPtr> row{Lit(ScalarValue::UInt32(static_cast<uint32_t>(s)))};
    for (size_t i = 0; i < k; ++i) {
      if (!always[i]) row.push_back(LitBool(present[s][i]));
    }
    rows.push_back(std::move(row));
  }
  QUIVER_ASSIGN_OR_RAISE(auto values, MakeValues(std::move(rows)));
  std::vector<ExprPtr> named{Alias(Col(values->schema->column(0)), kGroupingId)};
  std::vector<int> flag_col(k, -1);
  for (size_t i = 0, c = 1; i < k; ++i) {
    if (always[i]) continue;
    flag_col[i] = static_cast<int>(named.size());
    named.push_back(Alias(Col(values->schema->column(static_cast<int>(c++))),
                          "__grouping_keeps_" + std::to_string(i)));
  }
  QUIVER_ASSIGN_OR_RAISE(values, MakeProjection(values, std::move(named)));
  QUIVER_ASSIGN_OR_RAISE(auto plan, MakeCrossJoin(input, values));

  // Keys (NULL where dropped), the set id, and the input columns for the aggregates.
  std::vector<ExprPtr> proj;
  for (size_t i = 0; i < k; ++i) {
    ExprPtr key = keys[i];
    if (!always[i]) {
      key = CaseWhen({Col(values->schema->column(flag_col[i]))}, {key}, nullptr);
    }
    proj.push_back(Alias(key, "__grouping_key_" + std::to_string(i)));
  }
  proj.push_back(Col(values->schema->column(0)));
  for (int j = 0; j < input->schema->num_fields(); ++j)
    proj.push_back(Col(input->schema->column(j)));
  QUIVER_ASSIGN_OR_RAISE(plan, MakeProjection(plan, std::move(proj)));

  std::vector<ExprPtr> agg_groups;
  for (size_t i = 0; i <= k; ++i)
    agg_groups.push_back(Col(plan->schema->column(static_cast<int>(i))));
  std::vector<ExprPtr> real_aggs;
  for (const auto& a : aggs) {
    if (!IsGroupingCall(a)) real_aggs.push_back(a);
  }
  QUIVER_ASSIGN_OR_RAISE(plan, MakeAggregate(plan, std::move(agg_groups), real_aggs));

  // Keys under their own names, then the aggregates in the caller's order.
  std::vector<ExprPtr> out;
  for (size_t i = 0; i < k; ++i) {
    std::optional<TableReference> rel;
    if (keys[i]->kind == ExprKind::kColumn) rel = keys[i]->column.relation;
    out.push_back(
        Alias(Col(plan->schema->column(static_cast<int>(i))), keys[i]->OutputName(), rel));
  }
  ExprPtr gid = Col(plan->schema->column(static_cast<int>(k)));
  size_t next_agg = k + 1;
  std::set<std::string> names;
  for (const auto& a : aggs) {
    if (!IsGroupingCall(a)) {
      out.push_back(Col(plan->schema->column(static_cast<int>(next_agg++))));
      continue;
    }
    // grouping(x, y): bit per argument (first = most significant), 1 when dropped.
    std::vector<int> idx;
    for (const auto& arg : a->args) {
      int i = IndexOf(keys, arg);
      if (i < 0) {
        return Status::Plan("Argument " + arg->ToString() +
                            " to grouping function is not in grouping columns");
      }
      idx.push_back(i);
    }
    std::vector<ExprPtr> when, then;
    for (size_t s = 0; s < sets.size(); ++s) {
      int32_t v = 0;
      for (int i : idx) v = (v << 1) | (present[s][i] ? 0 : 1);
      when.push_back(
          Binary(gid, Operator::kEq, Lit(ScalarValue::UInt32(static_cast<uint32_t>(s)))));
      then.push_back(Lit(ScalarValue::Int32(v)));
    }
    out.push_back(Alias(CaseWhen(std::move(when), std::move(then), nullptr), a->ToString()));
  }
  *groups = keys;
  return MakeProjection(plan, std::move(out));
}

}  // namespace quiver
