// Subquery decorrelation: every subquery expression becomes a join.
//   WHERE [NOT] EXISTS / IN     -> left semi (anti) join on the correlated predicates
//   WHERE x NOT IN (q)          -> anti join that also drops rows a NULL makes unknown
//   scalar (q), correlated      -> aggregate grouped by the correlation keys + left join
//   scalar (q), uncorrelated    -> cross join with its single row (error for more)
//   EXISTS / IN inside an expression -> left joins computing a mark column
#include <map>
#include <set>

#include "quiver/logical/subquery.h"
#include "quiver/optimizer/decorrelate_util.h"
#include "quiver/optimizer/optimizer.h"
#include "quiver/optimizer/pull_up_correlated.h"
#include "quiver/optimizer/subquery_aggregates.h"

namespace quiver {

ExprPtr CaseWhen(std::vector<std::pair<ExprPtr, ExprPtr>> branches, ExprPtr otherwise) {
  auto c = std::make_shared<Expr>();
  c->kind = ExprKind::kCase;
  for (auto& [w, t] : branches) {
    c->when.push_back(std::move(w));
    c->then.push_back(std::move(t));
  }
  c->else_expr = std::move(otherwise);
  return c;
}

// The value an ungrouped aggregate subquery yields for no input rows, when
// that may not be NULL (count(*) gives 0); null otherwise.
Result<ExprPtr> EmptyInputValue(const LogicalPlanPtr& sub, int column) {
  // The value column and any HAVING conditions, followed down to the aggregate.
  std::vector<ExprPtr> exprs{Col(sub->schema->column(column))};
  LogicalPlanPtr node = sub;
  auto substitute = [&](const std::function<ExprPtr(int)>& replace) -> Status {
    for (auto& e : exprs) {
      QUIVER_ASSIGN_OR_RAISE(e, TransformUp(e, [&](const ExprPtr& x) -> Result<ExprPtr> {
                               if (x->kind != ExprKind::kColumn) return ExprPtr();
                               int i = node->schema->FindIndex(x->column);
                               if (i < 0) return Status::Internal("column " + x->column.ToString());
                               return replace(i);
                             }));
    }
    return Status::OK();
  };
  for (;; node = node->input()) {
    switch (node->kind) {
      case PlanKind::kFilter: exprs.push_back(node->predicate); continue;
      case PlanKind::kProjection:
        QUIVER_RETURN_NOT_OK(substitute([&](int i) { return Unalias(node->exprs[i]); }));
        continue;
      case PlanKind::kSubqueryAlias: {
        const DFSchema& in = *node->input()->schema;
        QUIVER_RETURN_NOT_OK(substitute([&](int i) { return Col(in.column(i)); }));
        continue;
      }
      case PlanKind::kAggregate: break;
      default: return ExprPtr();
    }
    if (!node->group_exprs.empty()) return ExprPtr();
    std::vector<ExprPtr> values;
    bool zero = false;
    for (const auto& a : node->aggr_exprs) {
      ExprPtr agg = Unalias(a);
      QUIVER_ASSIGN_OR_RAISE(auto type, GetType(agg, *node->input()->schema));
      zero |= agg->aggregate_fn->empty_is_zero();
      ExprPtr zero_value = type->Equals(*int64()) ? LitInt64(0) : CastTo(LitInt64(0), type);
      values.push_back(agg->aggregate_fn->empty_is_zero() ? zero_value
                                                          : Lit(ScalarValue::Null(type)));
    }
    QUIVER_RETURN_NOT_OK(substitute([&](int i) { return values[i]; }));
    bool functions = AnyExpr(exprs[0], [](const Expr& x) {
      return x.kind == ExprKind::kScalarFunction || x.kind == ExprKind::kCase;
    });
    if (!zero && !functions) return ExprPtr();
    if (exprs.size() == 1) return exprs[0];
    // A HAVING that fails on the empty group leaves no row: NULL.
    std::vector<ExprPtr> conds(exprs.begin() + 1, exprs.end());
    return CaseWhen({{Conjunction(conds), exprs[0]}}, nullptr);
  }
}

namespace {

struct Ctx {
  int next = 1;
  TableReference NewAlias(const char* prefix) {
    return TableReference::Bare(prefix + std::to_string(next++));
  }
};

Result<LogicalPlanPtr> Walk(const LogicalPlanPtr& p, Ctx* ctx);

// The subquery as a join input: an aliased projection of its value column
// (IN, scalar) and of the inner columns its correlated predicates use.
struct RightSide {
  LogicalPlanPtr plan;
  TableReference alias;
  ExprPtr value;               // the subquery's value, when asked for
  ExprPtr always_true;         // true on every row, when asked for
  std::vector<ExprPtr> preds;  // over the outer plan's and `plan`'s columns
};

Result<RightSide> MakeRightSide(const PulledUpSubquery& sq, const Column* value_col,
                                bool always_true, const DFSchema& outer, TableReference alias) {
  RightSide out;
  out.alias = alias;
  std::vector<ExprPtr> exprs;
  std::set<std::string> used;
  auto add = [&](const ExprPtr& e, const std::string& base) {
    std::string name = base;
    for (int k = 1; used.count(name); ++k) name = base + "_" + std::to_string(k);
    used.insert(name);
    exprs.push_back(e->kind == ExprKind::kColumn && e->column.name == name ? e : Alias(e, name));
    return Col(Column{alias, name});
  };
  std::map<std::string, ExprPtr> mapped;  // inner column -> output column
  if (value_col) {
    out.value = add(Col(*value_col), value_col->name);
    mapped[value_col->ToString()] = out.value;
  }
  std::vector<Column> cols;
  for (const auto& p : sq.preds) CollectColumns(p, &cols);
  for (const auto& c : cols) {
    if (!mapped.count(c.ToString())) mapped[c.ToString()] = add(Col(c), c.name);
  }
  if (always_true || exprs.empty()) {
    ExprPtr t = add(LitBool(true), "__always_true");
    if (always_true) out.always_true = t;
  }
  QUIVER_ASSIGN_OR_RAISE(auto proj, MakeProjection(sq.plan, std::move(exprs)));
  QUIVER_ASSIGN_OR_RAISE(out.plan, MakeSubqueryAlias(proj, alias));
  for (const auto& p : sq.preds) {
    QUIVER_ASSIGN_OR_RAISE(auto r, TransformUp(p, [&](const ExprPtr& x) -> Result<ExprPtr> {
                             if (x->kind == ExprKind::kColumn)
                               return mapped.at(x->column.ToString());
                             if (x->kind != ExprKind::kOuterReferenceColumn) return ExprPtr();
                             if (outer.FindIndex(x->column) < 0) {
                               return Status::NotImplemented(
                                   "Correlated subquery referencing column " +
                                   x->column.ToString() + " of a query more than one level out");
                             }
                             return Col(x->column);
                           }));
    out.preds.push_back(std::move(r));
  }
  return out;
}

// Which join input an expression reads: 1 left, 2 right, 3 both, 0 none.
int SideOf(const ExprPtr& e, const TableReference& right_alias) {
  std::vector<Column> cols;
  CollectColumns(e, &cols);
  int side = 0;
  for (const auto& c : cols) side |= c.relation && *c.relation == right_alias ? 2 : 1;
  return side;
}

void SplitKeys(const std::vector<ExprPtr>& preds, const TableReference& right_alias,
               std::vector<JoinKey>* keys, std::vector<ExprPtr>* residual) {
  for (const auto& p : preds) {
    if (p->kind == ExprKind::kBinary && p->op == Operator::kEq) {
      int l = SideOf(p->left, right_alias), r = SideOf(p->right, right_alias);
      if (l == 1 && r == 2) {
        keys->emplace_back(p->left, p->right);
        continue;
      }
      if (l == 2 && r == 1) {
        keys->emplace_back(p->right, p->left);
        continue;
      }
    }
    residual->push_back(p);
  }
}

Result<LogicalPlanPtr> ProjectColumns(const LogicalPlanPtr& plan, const DFSchema& keep) {
  std::vector<ExprPtr> cols;
  for (int i = 0; i < keep.num_fields(); ++i) cols.push_back(Col(keep.column(i)));
  return MakeProjection(plan, std::move(cols));
}

ExprPtr CountOf(ExprPtr arg, const std::string& name) {
  return Alias(AggregateCall(SubqueryCountUdf(), {std::move(arg)}), name);
}

struct Decorrelated {
  LogicalPlanPtr sub;  // the subquery, its own subqueries decorrelated
  PulledUpSubquery pulled;
};

Result<Decorrelated> Prepare(const LogicalPlanPtr& subquery, Ctx* ctx) {
  Decorrelated d;
  QUIVER_ASSIGN_OR_RAISE(d.sub, Walk(subquery, ctx));
  QUIVER_ASSIGN_OR_RAISE(d.pulled, PullUpCorrelated(d.sub));
  return d;
}

// x NOT IN (uncorrelated q): no equal value, and neither x nor any value of
// q is NULL unless q is empty.
Result<LogicalPlanPtr> NotInUncorrelated(const LogicalPlanPtr& cur, const RightSide& right,
                                         const ExprPtr& x, Ctx* ctx) {
  QUIVER_ASSIGN_OR_RAISE(
      auto anti, MakeJoin(cur, right.plan, JoinType::kLeftAnti, {{x, right.value}}, nullptr));
  QUIVER_ASSIGN_OR_RAISE(bool x_nullable, IsNullable(x, *cur->schema));
  if (!x_nullable && !right.plan->schema->field(0)->nullable()) return anti;
  TableReference alias = ctx->NewAlias("__correlated_sq_");
  QUIVER_ASSIGN_OR_RAISE(auto stats, MakeAggregate(right.plan, {},
                                                   {CountOf(LitInt64(1), "__cnt"),
                                                    CountOf(right.value, "__cnt_value")}));
  QUIVER_ASSIGN_OR_RAISE(stats, MakeSubqueryAlias(stats, alias));
  QUIVER_ASSIGN_OR_RAISE(auto joined, MakeCrossJoin(anti, stats));
  ExprPtr cnt = Col(Column{alias, "__cnt"}), cnt_value = Col(Column{alias, "__cnt_value"});
  ExprPtr cond = Or(Binary(cnt, Operator::kEq, LitInt64(0)),
                    And(Binary(cnt_value, Operator::kEq, cnt), Unary(ExprKind::kIsNotNull, x)));
  QUIVER_ASSIGN_OR_RAISE(auto filtered, MakeFilter(joined, cond));
  return ProjectColumns(filtered, *cur->schema);
}

// EXISTS ignores a LIMIT n > 0 on its subquery (LIMIT 0 makes it empty), so
// a correlated subquery with one still decorrelates.
LogicalPlanPtr WithoutExistsLimit(const LogicalPlanPtr& sub, bool* empty) {
  *empty = false;
  if (sub->kind != PlanKind::kLimit || sub->skip != 0 || !sub->fetch) return sub;
  if (*sub->fetch == 0) {
    *empty = true;
    return sub;
  }
  return sub->input();
}

// EXISTS and IN only ask whether a row exists, so a correlated subquery's
// DISTINCT (an Aggregate without aggregates) can become a projection; then
// non-equality correlations need no grouping.
Result<LogicalPlanPtr> WithoutDistinct(const LogicalPlanPtr& p) {
  switch (p->kind) {
    case PlanKind::kAggregate:
      if (!p->aggr_exprs.empty()) return p;
      return MakeProjection(p->input(), p->group_exprs);
    case PlanKind::kProjection:
    case PlanKind::kSubqueryAlias:
    case PlanKind::kFilter:
    case PlanKind::kSort: {
      QUIVER_ASSIGN_OR_RAISE(auto in, WithoutDistinct(p->input()));
      if (in == p->input()) return p;
      return WithNewInputs(p, {in});
    }
    default: return p;
  }
}

// A top-level WHERE term [NOT] EXISTS / [NOT] IN / op ANY as a semi or anti join.
Result<LogicalPlanPtr> SemiAntiJoin(const LogicalPlanPtr& cur, const Expr& e, bool anti, Ctx* ctx) {
  LogicalPlanPtr subquery = e.subquery;
  if (e.kind == ExprKind::kExists) {
    bool empty;
    subquery = WithoutExistsLimit(subquery, &empty);
    if (empty) return anti ? cur : MakeFilter(cur, LitBool(false));
  }
  if (PlanHasOuterRefs(*subquery)) {
    QUIVER_ASSIGN_OR_RAISE(subquery, WithoutDistinct(subquery));
  }
  QUIVER_ASSIGN_OR_RAISE(auto d, Prepare(subquery, ctx));
  const bool in = e.kind == ExprKind::kInSubquery;
  Column v = d.sub->schema->column(0);
  QUIVER_ASSIGN_OR_RAISE(auto right, MakeRightSide(d.pulled, in ? &v : nullptr, false, *cur->schema,
                                                   ctx->NewAlias("__correlated_sq_")));
  std::vector<ExprPtr> preds = right.preds;
  if (in) {
    ExprPtr cmp = Binary(e.expr, e.op, right.value);
    if (!anti) {
      preds.push_back(cmp);
    } else if (preds.empty() && e.op == Operator::kEq) {
      return NotInUncorrelated(cur, right, e.expr, ctx);
    } else {
      // Any value the comparison does not rule out (true or NULL) excludes the row.
      preds.push_back(Unary(ExprKind::kIsNotFalse, cmp));
    }
  }
  std::vector<JoinKey> keys;
  std::vector<ExprPtr> residual;
  SplitKeys(preds, right.alias, &keys, &residual);
  return MakeJoin(cur, right.plan, anti ? JoinType::kLeftAnti : JoinType::kLeftSemi,
                  std::move(keys), Conjunction(residual));
}

// Projection over HAVING over an ungrouped aggregate: once the aggregate is
// grouped by correlation keys, a group HAVING rejects must still give NULL
// rather than vanish (its outer rows would look like empty groups), so the
// condition moves into the projected values.
Result<LogicalPlanPtr> HavingIntoValues(const LogicalPlanPtr& sub) {
  const bool chain = sub->kind == PlanKind::kProjection || sub->kind == PlanKind::kSubqueryAlias;
  if (chain && sub->input()->kind != PlanKind::kFilter) {  // look below derived tables
    QUIVER_ASSIGN_OR_RAISE(auto in, HavingIntoValues(sub->input()));
    return in == sub->input() ? sub : WithNewInputs(sub, {in});
  }
  if (sub->kind != PlanKind::kProjection || sub->input()->kind != PlanKind::kFilter) return sub;
  const LogicalPlanPtr& having = sub->input();
  const LogicalPlanPtr& agg = having->input();
  if (agg->kind != PlanKind::kAggregate || !agg->group_exprs.empty() || !PlanHasOuterRefs(*agg) ||
      HasOuterRef(having->predicate)) {
    return sub;
  }
  std::vector<ExprPtr> exprs;
  for (const auto& x : sub->exprs) {
    exprs.push_back(Alias(CaseWhen({{having->predicate, Unalias(x)}}, nullptr), x->OutputName(),
                          x->kind == ExprKind::kAlias ? x->relation : std::nullopt));
  }
  return MakeProjection(agg, std::move(exprs));
}

Result<ExprPtr> ScalarValueJoin(LogicalPlanPtr* cur, const Expr& e, Ctx* ctx) {
  QUIVER_ASSIGN_OR_RAISE(auto subquery, HavingIntoValues(e.subquery));
  QUIVER_ASSIGN_OR_RAISE(auto d, Prepare(subquery, ctx));
  Column v = d.sub->schema->column(0);
  if (d.pulled.preds.empty()) {
    // At most one row, checked while aggregating; none gives NULL.
    TableReference alias = ctx->NewAlias("__scalar_sq_");
    QUIVER_ASSIGN_OR_RAISE(auto limited, MakeLimit(d.sub, 0, 2));
    ExprPtr value = Alias(AggregateCall(ScalarSubqueryValueUdf(), {Col(v)}), v.name);
    QUIVER_ASSIGN_OR_RAISE(auto one, MakeAggregate(limited, {}, {value}));
    QUIVER_ASSIGN_OR_RAISE(one, MakeSubqueryAlias(one, alias));
    QUIVER_ASSIGN_OR_RAISE(*cur, MakeCrossJoin(*cur, one));
    return Col(Column{alias, v.name});
  }
  if (!d.pulled.aggregated && !AtMostOneRow(*d.sub)) {
    return Status::Plan("Correlated scalar subquery must be aggregated to return at most one row");
  }
  if (d.pulled.extra_group_by) {
    return Status::Plan(
        "A GROUP BY clause in a scalar correlated subquery cannot contain non-correlated columns");
  }
  QUIVER_ASSIGN_OR_RAISE(auto empty, EmptyInputValue(d.sub));
  QUIVER_ASSIGN_OR_RAISE(auto right, MakeRightSide(d.pulled, &v, empty != nullptr, *(*cur)->schema,
                                                   ctx->NewAlias("__scalar_sq_")));
  std::vector<JoinKey> keys;
  std::vector<ExprPtr> residual;
  SplitKeys(right.preds, right.alias, &keys, &residual);
  QUIVER_ASSIGN_OR_RAISE(
      *cur, MakeJoin(*cur, right.plan, JoinType::kLeft, std::move(keys), Conjunction(residual)));
  if (!empty) return right.value;
  // Outer rows without a group still get the aggregate's empty-input value.
  QUIVER_ASSIGN_OR_RAISE(auto type, GetType(right.value, *(*cur)->schema));
  auto empty_type = GetType(empty, *DFSchema::Empty());
  if (!empty_type.ok() || !(*empty_type)->Equals(*type)) empty = CastTo(empty, type);
  return CaseWhen({{Unary(ExprKind::kIsNull, right.always_true), empty}}, right.value);
}

// Groups `right` by `group` and adds a `__mark` column that is true on every
// row, under a new alias; `group_cols` receives the grouped columns.
Result<LogicalPlanPtr> MarkSide(const LogicalPlanPtr& right, std::vector<ExprPtr> group, Ctx* ctx,
                                std::vector<ExprPtr>* group_cols, ExprPtr* mark) {
  size_t n = group.size();
  QUIVER_ASSIGN_OR_RAISE(auto agg, MakeAggregate(right, std::move(group), {}));
  std::vector<ExprPtr> exprs;
  for (size_t i = 0; i < n; ++i) {
    exprs.push_back(
        Alias(Col(agg->schema->column(static_cast<int>(i))), "__key" + std::to_string(i)));
  }
  exprs.push_back(Alias(LitBool(true), "__mark"));
  QUIVER_ASSIGN_OR_RAISE(auto proj, MakeProjection(agg, std::move(exprs)));
  TableReference alias = ctx->NewAlias("__correlated_sq_");
  QUIVER_ASSIGN_OR_RAISE(auto out, MakeSubqueryAlias(proj, alias));
  for (size_t i = 0; i < n; ++i)
    group_cols->push_back(Col(Column{alias, "__key" + std::to_string(i)}));
  *mark = Col(Column{alias, "__mark"});
  return out;
}

Result<ExprPtr> ExistsMark(LogicalPlanPtr* cur, const Expr& e, Ctx* ctx) {
  bool empty;
  LogicalPlanPtr subquery = WithoutExistsLimit(e.subquery, &empty);
  if (empty) return LitBool(e.negated);
  QUIVER_ASSIGN_OR_RAISE(auto d, Prepare(subquery, ctx));
  if (d.pulled.preds.empty()) {
    TableReference alias = ctx->NewAlias("__correlated_sq_");
    QUIVER_ASSIGN_OR_RAISE(auto limited, MakeLimit(d.sub, 0, 1));
    QUIVER_ASSIGN_OR_RAISE(auto cnt, MakeAggregate(limited, {}, {CountOf(LitInt64(1), "__cnt")}));
    QUIVER_ASSIGN_OR_RAISE(cnt, MakeSubqueryAlias(cnt, alias));
    QUIVER_ASSIGN_OR_RAISE(*cur, MakeCrossJoin(*cur, cnt));
    return Binary(Col(Column{alias, "__cnt"}), e.negated ? Operator::kEq : Operator::kGt,
                  LitInt64(0));
  }
  QUIVER_ASSIGN_OR_RAISE(auto right, MakeRightSide(d.pulled, nullptr, false, *(*cur)->schema,
                                                   ctx->NewAlias("__correlated_sq_")));
  std::vector<JoinKey> keys;
  std::vector<ExprPtr> residual;
  SplitKeys(right.preds, right.alias, &keys, &residual);
  if (!residual.empty()) {
    return Status::NotImplemented(
        "EXISTS inside an expression with a non-equality correlated predicate: " +
        Conjunction(residual)->ToString());
  }
  std::vector<ExprPtr> group, cols;
  for (const auto& k : keys) group.push_back(k.second);
  ExprPtr mark;
  QUIVER_ASSIGN_OR_RAISE(auto marks, MarkSide(right.plan, group, ctx, &cols, &mark));
  std::vector<JoinKey> on;
  for (size_t i = 0; i < keys.size(); ++i) on.emplace_back(keys[i].first, cols[i]);
  QUIVER_ASSIGN_OR_RAISE(*cur, MakeJoin(*cur, marks, JoinType::kLeft, std::move(on), nullptr));
  return Unary(e.negated ? ExprKind::kIsNull : ExprKind::kIsNotNull, mark);
}

// x IN (q) as a value: true on a match; else false for an empty q; else NULL
// when x or some value of q is NULL; else false.
Result<ExprPtr> InMark(LogicalPlanPtr* cur, const Expr& e, Ctx* ctx) {
  if (e.op != Operator::kEq) {
    return Status::NotImplemented("'" + e.ToString() + "' inside an expression");
  }
  QUIVER_ASSIGN_OR_RAISE(auto d, Prepare(e.subquery, ctx));
  Column v = d.sub->schema->column(0);
  QUIVER_ASSIGN_OR_RAISE(auto right, MakeRightSide(d.pulled, &v, false, *(*cur)->schema,
                                                   ctx->NewAlias("__correlated_sq_")));
  std::vector<JoinKey> keys;
  std::vector<ExprPtr> residual;
  SplitKeys(right.preds, right.alias, &keys, &residual);
  if (!residual.empty()) {
    return Status::NotImplemented(
        "IN inside an expression with a non-equality correlated predicate: " +
        Conjunction(residual)->ToString());
  }
  std::vector<ExprPtr> group, cols;
  for (const auto& k : keys) group.push_back(k.second);
  std::vector<ExprPtr> count_group = group;
  group.push_back(right.value);
  ExprPtr mark;
  QUIVER_ASSIGN_OR_RAISE(auto marks, MarkSide(right.plan, group, ctx, &cols, &mark));
  std::vector<JoinKey> on;
  for (size_t i = 0; i < keys.size(); ++i) on.emplace_back(keys[i].first, cols[i]);
  on.emplace_back(e.expr, cols.back());
  QUIVER_ASSIGN_OR_RAISE(*cur, MakeJoin(*cur, marks, JoinType::kLeft, std::move(on), nullptr));

  TableReference alias = ctx->NewAlias("__correlated_sq_");
  QUIVER_ASSIGN_OR_RAISE(auto stats, MakeAggregate(right.plan, count_group,
                                                   {CountOf(LitInt64(1), "__cnt"),
                                                    CountOf(right.value, "__cnt_value")}));
  QUIVER_ASSIGN_OR_RAISE(stats, MakeSubqueryAlias(stats, alias));
  if (keys.empty()) {
    QUIVER_ASSIGN_OR_RAISE(*cur, MakeCrossJoin(*cur, stats));
  } else {
    std::vector<JoinKey> on2;
    for (size_t i = 0; i < keys.size(); ++i) {
      on2.emplace_back(keys[i].first, Col(stats->schema->column(static_cast<int>(i))));
    }
    QUIVER_ASSIGN_OR_RAISE(*cur, MakeJoin(*cur, stats, JoinType::kLeft, std::move(on2), nullptr));
  }
  ExprPtr cnt = Col(Column{alias, "__cnt"}), cnt_value = Col(Column{alias, "__cnt_value"});
  ExprPtr value = CaseWhen(
      {{Unary(ExprKind::kIsNotNull, mark), LitBool(true)},
       {Or(Unary(ExprKind::kIsNull, cnt), Binary(cnt, Operator::kEq, LitInt64(0))), LitBool(false)},
       {Or(Unary(ExprKind::kIsNull, e.expr), Binary(cnt_value, Operator::kLt, cnt)),
        Lit(ScalarValue::Null(boolean()))}},
      LitBool(false));
  return e.negated ? Not(value) : value;
}

// Replaces each subquery inside `e` by an expression over columns joined into *cur.
Result<ExprPtr> ReplaceSubqueries(const ExprPtr& e, LogicalPlanPtr* cur, Ctx* ctx) {
  return TransformUp(e, [&](const ExprPtr& x) -> Result<ExprPtr> {
    switch (x->kind) {
      case ExprKind::kScalarSubquery: return ScalarValueJoin(cur, *x, ctx);
      case ExprKind::kExists: return ExistsMark(cur, *x, ctx);
      case ExprKind::kInSubquery: return InMark(cur, *x, ctx);
      default: return ExprPtr();
    }
  });
}

Result<LogicalPlanPtr> RewriteFilter(const LogicalPlanPtr& input, const ExprPtr& written,
                                     Ctx* ctx) {
  QUIVER_ASSIGN_OR_RAISE(auto predicate, SimplifySubqueries(written));
  std::vector<ExprPtr> terms, plain, kept;
  SplitConjunction(predicate, &terms);
  // Plain terms filter first, where push-down can still move them into joins.
  for (const auto& t : terms) {
    if (!HasSubquery(t)) plain.push_back(t);
  }
  LogicalPlanPtr cur = input;
  if (!plain.empty()) {
    QUIVER_ASSIGN_OR_RAISE(cur, MakeFilter(cur, Conjunction(plain)));
  }
  for (const auto& t : terms) {
    if (!HasSubquery(t)) continue;
    ExprPtr u = t;
    bool negated = false;
    while (u->kind == ExprKind::kNot) {
      negated = !negated;
      u = u->expr;
    }
    bool top =
        u->kind == ExprKind::kExists || (u->kind == ExprKind::kInSubquery && !HasSubquery(u->expr));
    if (top) {
      QUIVER_ASSIGN_OR_RAISE(cur, SemiAntiJoin(cur, *u, u->negated != negated, ctx));
      continue;
    }
    QUIVER_ASSIGN_OR_RAISE(auto r, ReplaceSubqueries(t, &cur, ctx));
    kept.push_back(std::move(r));
  }
  if (!kept.empty()) {
    QUIVER_ASSIGN_OR_RAISE(cur, MakeFilter(cur, Conjunction(kept)));
  }
  if (cur->schema->num_fields() != input->schema->num_fields()) {
    return ProjectColumns(cur, *input->schema);
  }
  return cur;
}

Result<LogicalPlanPtr> RewriteProjection(const LogicalPlanPtr& p, Ctx* ctx) {
  LogicalPlanPtr cur = p->input();
  std::vector<ExprPtr> exprs;
  for (const auto& e : p->exprs) {
    if (!HasSubquery(e)) {
      exprs.push_back(e);
      continue;
    }
    QUIVER_ASSIGN_OR_RAISE(auto simple, SimplifySubqueries(e));
    QUIVER_ASSIGN_OR_RAISE(auto r, ReplaceSubqueries(simple, &cur, ctx));
    // Keep the output name the subquery expression had.
    if (r->OutputName() != e->OutputName()) {
      r = Alias(Unalias(r), e->OutputName(),
                e->kind == ExprKind::kAlias ? e->relation : std::nullopt);
    }
    exprs.push_back(std::move(r));
  }
  return MakeProjection(cur, std::move(exprs));
}

Result<LogicalPlanPtr> Walk(const LogicalPlanPtr& plan, Ctx* ctx) {
  LogicalPlanPtr p = plan;
  if (!plan->inputs.empty()) {
    std::vector<LogicalPlanPtr> inputs;
    bool changed = false;
    for (const auto& in : plan->inputs) {
      QUIVER_ASSIGN_OR_RAISE(auto n, Walk(in, ctx));
      changed |= n != in;
      inputs.push_back(std::move(n));
    }
    if (changed) {
      QUIVER_ASSIGN_OR_RAISE(p, WithNewInputs(plan, std::move(inputs)));
    }
  }
  if (IsLateralJoin(*p)) {
    QUIVER_ASSIGN_OR_RAISE(p, DecorrelateLateral(p));
  }
  switch (p->kind) {
    case PlanKind::kFilter:
      if (HasSubquery(p->predicate)) return RewriteFilter(p->input(), p->predicate, ctx);
      return p;
    case PlanKind::kProjection:
      for (const auto& e : p->exprs) {
        if (HasSubquery(e)) return RewriteProjection(p, ctx);
      }
      return p;
    case PlanKind::kJoin:
      // ON terms of an inner join may as well filter its output.
      if (p->join_type == JoinType::kInner && p->join_filter && HasSubquery(p->join_filter)) {
        std::vector<ExprPtr> terms, plain, with_subquery;
        SplitConjunction(p->join_filter, &terms);
        for (const auto& t : terms) (HasSubquery(t) ? with_subquery : plain).push_back(t);
        QUIVER_ASSIGN_OR_RAISE(auto join, MakeJoin(p->inputs[0], p->inputs[1], p->join_type, p->on,
                                                   Conjunction(plain), p->null_equals_null));
        return RewriteFilter(join, Conjunction(with_subquery), ctx);
      }
      break;
    default: break;
  }
  for (const auto& e : NodeExprs(*p)) {
    if (HasSubquery(e)) {
      return Status::NotImplemented("Subquery expressions are not supported in '" +
                                    p->NodeToString() + "'");
    }
  }
  return p;
}

class DecorrelateSubqueries : public OptimizerRule {
 public:
  std::string name() const override { return "decorrelate_subqueries"; }
  Result<LogicalPlanPtr> Rewrite(const LogicalPlanPtr& plan) const override {
    Ctx ctx;
    QUIVER_ASSIGN_OR_RAISE(auto out, Walk(plan, &ctx));
    if (PlanHasOuterRefs(*out)) {
      return Status::NotImplemented("Correlated column references outside a subquery");
    }
    return out;
  }
};

}  // namespace

OptimizerRulePtr MakeDecorrelateSubqueriesRule() {
  return std::make_shared<DecorrelateSubqueries>();
}

}  // namespace quiver
