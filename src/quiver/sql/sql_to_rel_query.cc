// SELECT, FROM, GROUP BY, HAVING, ORDER BY, LIMIT, VALUES and WITH.
#include <set>

#include "quiver/logical/unnest.h"
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

/// Names visible to a query: its CTEs, then those of enclosing queries.
struct SqlToRel::Scope {
  Scope* outer = nullptr;
  std::map<std::string, LogicalPlanPtr> ctes;

  LogicalPlanPtr FindCte(const std::string& name) const {
    for (const Scope* s = this; s; s = s->outer) {
      auto it = s->ctes.find(name);
      if (it != s->ctes.end()) return it->second;
    }
    return nullptr;
  }
};

namespace {

// Replaces every subexpression equal to one of `from` with the matching `to`.
Result<ExprPtr> ReplaceExprs(const ExprPtr& e, const std::vector<ExprPtr>& from,
                             const std::vector<ExprPtr>& to) {
  return TransformUp(e, [&](const ExprPtr& node) -> Result<ExprPtr> {
    std::string s = node->ToString();
    for (size_t i = 0; i < from.size(); ++i) {
      if (from[i]->ToString() == s) return to[i];
    }
    return ExprPtr();
  });
}

// Column reference to output column i of `schema`.
ExprPtr ColumnOf(const DFSchema& schema, int i) { return Col(schema.column(i)); }

Status CheckLimitValue(const std::optional<int64_t>& v, const char* what) {
  if (v && *v < 0) {
    return Status::Plan(std::string(what) + " must be >= 0, '" + std::to_string(*v) + "' was provided.");
  }
  return Status::OK();
}

}  // namespace

void SqlToRel::BindCte(Scope* scope, const std::string& name, LogicalPlanPtr plan) {
  if (plan) {
    scope->ctes[name] = std::move(plan);
  } else {
    scope->ctes.erase(name);
  }
}

Result<LogicalPlanPtr> SqlToRel::PlanQuery(const sql::Query& query) { return PlanQueryIn(query, nullptr); }

Result<LogicalPlanPtr> SqlToRel::PlanQueryIn(const sql::Query& query, Scope* outer) {
  Scope scope;
  scope.outer = outer;
  if (query.with) {
    for (const auto& cte : query.with->ctes) {
      QUIVER_ASSIGN_OR_RAISE(auto plan, query.with->recursive ? PlanRecursiveCte(cte, &scope)
                                                              : PlanQueryIn(*cte.query, &scope));
      if (!cte.alias.columns.empty()) {
        if (cte.alias.columns.size() != static_cast<size_t>(plan->schema->num_fields())) {
          return Status::Plan("Source table contains " + std::to_string(plan->schema->num_fields()) +
                              " columns but only " + std::to_string(cte.alias.columns.size()) +
                              " names given as column alias");
        }
        std::vector<ExprPtr> renamed;
        for (size_t i = 0; i < cte.alias.columns.size(); ++i) {
          renamed.push_back(Alias(ColumnOf(*plan->schema, static_cast<int>(i)), cte.alias.columns[i].value));
        }
        QUIVER_ASSIGN_OR_RAISE(plan, MakeProjection(plan, std::move(renamed)));
      }
      QUIVER_ASSIGN_OR_RAISE(plan, MakeSubqueryAlias(plan, TableReference::Bare(cte.alias.name.value)));
      if (scope.ctes.count(cte.alias.name.value)) {
        return Status::Plan("WITH query name \"" + cte.alias.name.value + "\" specified more than once");
      }
      scope.ctes[cte.alias.name.value] = plan;
    }
  }
  Scope* saved = scope_;
  scope_ = &scope;
  std::vector<SortExpr> sort;
  auto body = PlanSetExpr(*query.body, &scope, &query.order_by, &sort);
  scope_ = saved;
  QUIVER_ASSIGN_OR_RAISE(auto plan, std::move(body));
  const bool body_sorted = !sort.empty();
  if (!query.order_by.empty() && !body_sorted) {
    // Bodies that do not resolve ORDER BY themselves (VALUES, set operations).
    for (const auto& o : query.order_by) {
      ExprPtr e;
      if (o.expr->kind == sql::ExprKind::kLiteral && o.expr->literal_kind == sql::LiteralKind::kNumber) {
        int64_t pos = std::stoll(o.expr->value);
        if (pos < 1 || pos > plan->schema->num_fields()) {
          return Status::Plan("Order by column out of bounds, specified: " + o.expr->value +
                              ", max: " + std::to_string(plan->schema->num_fields()));
        }
        e = ColumnOf(*plan->schema, static_cast<int>(pos - 1));
      } else {
        QUIVER_ASSIGN_OR_RAISE(e, PlanExprIn(*o.expr, *plan->schema));
      }
      bool asc = o.asc.value_or(true);
      sort.push_back({e, asc, o.nulls_first.value_or(!asc)});
    }
  }
  if (!sort.empty() && !body_sorted) {
    QUIVER_ASSIGN_OR_RAISE(plan, MakeSort(plan, sort));
  }
  if (query.limit || query.offset) {
    // Constant expressions (LIMIT 1+1) or placeholders (LIMIT $1, bound by EXECUTE).
    std::optional<int64_t> skip, fetch;
    ExprPtr skip_expr, fetch_expr;
    if (query.offset) {
      QUIVER_ASSIGN_OR_RAISE(skip, PlanLimitValue(*query.offset, "OFFSET", &skip_expr));
      QUIVER_RETURN_NOT_OK(CheckLimitValue(skip, "OFFSET"));
    }
    if (query.limit) {
      QUIVER_ASSIGN_OR_RAISE(fetch, PlanLimitValue(*query.limit, "LIMIT", &fetch_expr));
      QUIVER_RETURN_NOT_OK(CheckLimitValue(fetch, "LIMIT"));
    }
    QUIVER_ASSIGN_OR_RAISE(plan, MakeLimit(plan, skip.value_or(0), fetch));
    if (skip_expr || fetch_expr) {
      auto with_exprs = std::make_shared<LogicalPlan>(*plan);
      with_exprs->skip_expr = skip_expr;
      with_exprs->fetch_expr = fetch_expr;
      plan = with_exprs;
    }
  }
  return plan;
}

Result<LogicalPlanPtr> SqlToRel::PlanSetExpr(const sql::SetExpr& set, Scope* scope,
                                             const std::vector<sql::OrderByExpr>* order_by,
                                             std::vector<SortExpr>* resolved_sort) {
  switch (set.kind) {
    case sql::SetExprKind::kSelect: return PlanSelect(*set.select, scope, order_by, resolved_sort);
    case sql::SetExprKind::kQuery: return PlanQueryIn(*set.query, scope);
    case sql::SetExprKind::kValues: return PlanValues(set);
    case sql::SetExprKind::kSetOperation: return PlanSetOperation(set, scope);
    case sql::SetExprKind::kTable: {
      QUIVER_ASSIGN_OR_RAISE(auto ref, ToTableReference(set.table));
      if (auto cte = scope->FindCte(ref.table); cte && ref.schema.empty()) return cte;
      QUIVER_ASSIGN_OR_RAISE(auto source, context_->GetTable(ref, false));
      return MakeTableScan(ref, source);
    }
  }
  return Status::Internal("unknown set expression");
}

Result<LogicalPlanPtr> SqlToRel::PlanValues(const sql::SetExpr& values) {
  std::vector<std::vector<ExprPtr>> rows;
  for (const auto& row : values.values) {
    std::vector<ExprPtr> out;
    for (const auto& x : row) {
      QUIVER_ASSIGN_OR_RAISE(auto e, PlanExprIn(*x, *DFSchema::Empty()));
      out.push_back(std::move(e));
    }
    rows.push_back(std::move(out));
  }
  return MakeValues(std::move(rows));
}

Result<LogicalPlanPtr> SqlToRel::PlanTableFactor(const sql::TableFactor& f, Scope* scope) {
  LogicalPlanPtr plan;
  switch (f.kind) {
    case sql::TableFactorKind::kTable: {
      if (f.has_args) {
        QUIVER_ASSIGN_OR_RAISE(plan, PlanTableFunction(f));
        break;
      }
      bool is_path = f.name.size() == 1 && f.name[0].quote == '\'';
      QUIVER_ASSIGN_OR_RAISE(auto ref, ToTableReference(f.name));
      if (!is_path && ref.schema.empty()) {
        if (auto cte = scope->FindCte(ref.table)) {
          plan = cte;
          break;
        }
      }
      auto source = context_->GetTable(ref, is_path);
      if (!source.ok()) {
        // Point at the table in the SQL for naming errors, not for bad file contents.
        ErrorKind k = source.status().kind();
        bool naming = k == ErrorKind::kPlan || k == ErrorKind::kIO || k == ErrorKind::kSchema;
        return naming ? source.status().WithLocation(f.loc) : source.status();
      }
      QUIVER_ASSIGN_OR_RAISE(plan, MakeTableScan(ref, *source));
      break;
    }
    case sql::TableFactorKind::kDerived: {
      if (f.lateral) {
        QUIVER_ASSIGN_OR_RAISE(plan, PlanLateral(*f.subquery, scope));
        break;
      }
      QUIVER_ASSIGN_OR_RAISE(plan, PlanQueryIn(*f.subquery, scope));
      break;
    }
    case sql::TableFactorKind::kNestedJoin:
      return PlanFrom({*f.nested}, scope);
    case sql::TableFactorKind::kUnnest: {
      QUIVER_ASSIGN_OR_RAISE(plan, PlanUnnestTable(f));  // sql_to_rel_nested.cc
      break;
    }
    default:
      return Status::NotImplemented("Unsupported table factor (UNNEST, table functions)").WithLocation(f.loc);
  }
  if (f.alias) {
    if (!f.alias->columns.empty()) {
      if (f.alias->columns.size() != static_cast<size_t>(plan->schema->num_fields())) {
        return Status::Plan("Source table contains " + std::to_string(plan->schema->num_fields()) +
                            " columns but only " + std::to_string(f.alias->columns.size()) +
                            " names given as column alias");
      }
      std::vector<ExprPtr> renamed;
      for (size_t i = 0; i < f.alias->columns.size(); ++i) {
        renamed.push_back(Alias(ColumnOf(*plan->schema, static_cast<int>(i)), f.alias->columns[i].value));
      }
      QUIVER_ASSIGN_OR_RAISE(plan, MakeProjection(plan, std::move(renamed)));
    }
    return MakeSubqueryAlias(plan, TableReference::Bare(f.alias->name.value));
  }
  return plan;
}

Result<LogicalPlanPtr> SqlToRel::PlanFrom(const std::vector<sql::TableWithJoins>& from, Scope* scope) {
  if (from.empty()) return MakeEmptyRelation(true);
  // Comma-separated entries are cross joins (WHERE equalities become keys in the optimizer).
  LogicalPlanPtr plan;
  for (const auto& twj : from) {
    lateral_left_ = plan ? plan->schema : nullptr;
    QUIVER_ASSIGN_OR_RAISE(auto rel, PlanTableFactor(twj.relation, scope));
    for (const auto& j : twj.joins) {
      QUIVER_ASSIGN_OR_RAISE(rel, PlanJoin(rel, j, scope));
    }
    if (plan) {
      QUIVER_ASSIGN_OR_RAISE(plan, MakeCrossJoin(plan, rel));
    } else {
      plan = rel;
    }
  }
  return plan;
}

Result<LogicalPlanPtr> SqlToRel::PlanSelect(const sql::Select& select, Scope* scope,
                                            const std::vector<sql::OrderByExpr>* order_by,
                                            std::vector<SortExpr>* resolved_sort) {
  QUIVER_RETURN_NOT_OK(CheckNamedWindows(select.named_windows));
  QUIVER_ASSIGN_OR_RAISE(auto plan, PlanFrom(select.from, scope));
  // OVER w resolves against this SELECT's WINDOW clause while it is planned.
  struct WindowsGuard {
    const std::vector<sql::NamedWindow>** slot;
    const std::vector<sql::NamedWindow>* saved;
    ~WindowsGuard() { *slot = saved; }
  } windows_guard{&named_windows_, named_windows_};
  named_windows_ = &select.named_windows;
  const DFSchemaPtr from_schema = plan->schema;

  if (select.selection) {
    QUIVER_ASSIGN_OR_RAISE(auto pred, PlanExprIn(*select.selection, *from_schema));
    if (ContainsAggregate(pred)) {
      return Status::Plan("Aggregate functions are not allowed in the WHERE clause. Consider using HAVING instead");
    }
    QUIVER_ASSIGN_OR_RAISE(plan, MakeFilter(plan, pred));
  }

  // Select list, wildcards expanded.
  std::vector<ExprPtr> select_exprs;
  for (const auto& item : select.projection) {
    switch (item.kind) {
      case sql::SelectItemKind::kWildcard:
      case sql::SelectItemKind::kQualifiedWildcard: {
        std::optional<TableReference> q;
        if (item.kind == sql::SelectItemKind::kQualifiedWildcard) {
          QUIVER_ASSIGN_OR_RAISE(auto ref, ToTableReference(item.qualifier));
          q = ref;
        }
        std::set<std::string> excluded;
        size_t listed = item.options.exclude.size() + item.options.except.size();
        for (const auto& x : item.options.exclude) excluded.insert(x.value);
        for (const auto& x : item.options.except) excluded.insert(x.value);
        if (excluded.size() != listed) {
          return Status::Plan("EXCLUDE or EXCEPT contains duplicate column names");
        }
        for (const auto& name : excluded) {
          bool found = false;
          for (int i = 0; i < from_schema->num_fields(); ++i) {
            found = found || from_schema->field(i)->name() == name;
          }
          if (found) continue;
          std::string valid;
          for (int i = 0; i < from_schema->num_fields(); ++i) {
            valid += (i ? ", " : "") + from_schema->column(i).ToString();
          }
          return Status(ErrorKind::kSchema,
                        "No field named " + name + ". Valid fields are " + valid + ".");
        }
        bool any = false;
        for (int i = 0; i < from_schema->num_fields(); ++i) {
          const auto& fq = from_schema->qualifier(i);
          if (q && (!fq || !q->ResolvesTo(*fq))) continue;
          any = true;
          if (excluded.count(from_schema->field(i)->name())) continue;
          select_exprs.push_back(ColumnOf(*from_schema, i));
        }
        if (q && !any) {
          return Status::Plan("Invalid qualifier " + q->ToString()).WithLocation(item.loc);
        }
        if (select.from.empty() && !q) {
          return Status::Plan("SELECT * with no tables specified is not valid").WithLocation(item.loc);
        }
        break;
      }
      case sql::SelectItemKind::kExpr: {
        QUIVER_ASSIGN_OR_RAISE(auto e, PlanExprIn(*item.expr, *from_schema));
        if (item.alias) e = Alias(Unalias(e), item.alias->value);
        select_exprs.push_back(std::move(e));
        break;
      }
    }
  }

  // GROUP BY: ordinals and select aliases resolve to select expressions.
  std::vector<ExprPtr> group_exprs;
  std::vector<std::vector<ExprPtr>> grouping_sets;  // GROUPING SETS / ROLLUP / CUBE
  if (select.group_by) {
    if (select.group_by->all) {
      for (const auto& e : select_exprs) {
        if (!ContainsAggregate(e)) group_exprs.push_back(Unalias(e));
      }
    }
    for (const auto& g : select.group_by->exprs) {
      if (g->kind == sql::ExprKind::kLiteral && g->literal_kind == sql::LiteralKind::kNumber) {
        int64_t pos = std::stoll(g->value);
        if (pos < 1 || pos > static_cast<int64_t>(select_exprs.size())) {
          return Status::Plan("Cannot find column with position " + g->value +
                              " in SELECT clause. Valid columns: 1 to " +
                              std::to_string(select_exprs.size()))
              .WithLocation(g->loc);
        }
        group_exprs.push_back(Unalias(select_exprs[pos - 1]));
        continue;
      }
      if (g->kind == sql::ExprKind::kGroupingSets || g->kind == sql::ExprKind::kRollup ||
          g->kind == sql::ExprKind::kCube) {
        QUIVER_RETURN_NOT_OK(AddGroupingSets(*g, *from_schema, select_exprs, &grouping_sets));
        continue;
      }
      auto planned = PlanExprIn(*g, *from_schema);
      if (!planned.ok() && g->kind == sql::ExprKind::kIdentifier && g->names.size() == 1) {
        bool found = false;
        for (const auto& e : select_exprs) {
          if (e->kind == ExprKind::kAlias && e->name == g->names[0].value) {
            group_exprs.push_back(e->expr);
            found = true;
            break;
          }
        }
        if (found) continue;
      }
      QUIVER_ASSIGN_OR_RAISE(auto ge, std::move(planned));
      if (ContainsAggregate(ge)) {
        return Status::Plan("Aggregate functions are not allowed in GROUP BY").WithLocation(g->loc);
      }
      group_exprs.push_back(std::move(ge));
    }
  }

  ExprPtr having;
  if (select.having) {
    auto planned = PlanExprIn(*select.having, *from_schema);
    if (!planned.ok()) {
      // HAVING may name select aliases.
      auto with_aliases = PlanWithSelectAliases(*select.having, *from_schema, select_exprs);
      if (!with_aliases.ok()) return planned.status();
      planned = std::move(with_aliases);
    }
    having = *planned;
  }
  // QUALIFY filters on window results; it may name select aliases like HAVING.
  ExprPtr qualify;
  if (select.qualify) {
    QUIVER_ASSIGN_OR_RAISE(qualify, PlanQualify(*select.qualify, *from_schema, select_exprs));
  }

  // ORDER BY expressions planned against the FROM scope (resolved later).
  struct PendingSort {
    ExprPtr expr;          // planned against from_schema, or null
    int select_index = -1; // refers to select item (ordinal or alias)
    bool asc;
    bool nulls_first;
  };
  std::vector<PendingSort> pending;
  if (order_by) {
    for (const auto& o : *order_by) {
      PendingSort ps;
      ps.asc = o.asc.value_or(true);
      ps.nulls_first = o.nulls_first.value_or(!ps.asc);
      if (o.expr->kind == sql::ExprKind::kLiteral && o.expr->literal_kind == sql::LiteralKind::kNumber) {
        int64_t pos = std::stoll(o.expr->value);
        if (pos < 1 || pos > static_cast<int64_t>(select_exprs.size())) {
          return Status::Plan("Order by column out of bounds, specified: " + o.expr->value +
                              ", max: " + std::to_string(select_exprs.size()));
        }
        ps.select_index = static_cast<int>(pos - 1);
      } else if (o.expr->kind == sql::ExprKind::kIdentifier && o.expr->names.size() == 1) {
        for (size_t i = 0; i < select_exprs.size(); ++i) {
          if (select_exprs[i]->OutputName() == o.expr->names[0].value &&
              (select_exprs[i]->kind == ExprKind::kAlias || !from_schema->HasColumn(Column::Named(o.expr->names[0].value)))) {
            ps.select_index = static_cast<int>(i);
            break;
          }
        }
      }
      if (ps.select_index < 0) {
        auto planned = PlanExprIn(*o.expr, *from_schema);
        if (!planned.ok()) {
          // ORDER BY expressions may name select aliases, as HAVING may.
          auto with_aliases = PlanWithSelectAliases(*o.expr, *from_schema, select_exprs);
          if (!with_aliases.ok()) return planned.status();
          planned = std::move(with_aliases);
        }
        ps.expr = *planned;
        // As DataFusion's analyzer: IN / EXISTS may not order rows.
        if (AnyExpr(ps.expr, [](const Expr& x) {
              return x.kind == ExprKind::kExists || x.kind == ExprKind::kInSubquery;
            })) {
          return Status(ErrorKind::kPlan,
                        "check_analyzed_plan\ncaused by\nError during planning: In/Exist "
                        "subquery can only be used in Projection, Filter, Window functions, "
                        "Aggregate and Join plan nodes, but was used in [Sort: " +
                            ps.expr->ToString() + "]");
        }
      }
      pending.push_back(std::move(ps));
    }
  }

  // Aggregation.
  bool aggregate = !group_exprs.empty() || select.group_by.has_value() || (having && ContainsAggregate(having));
  for (const auto& e : select_exprs) aggregate |= ContainsAggregate(e);
  for (const auto& p : pending) aggregate |= p.expr && ContainsAggregate(p.expr);
  aggregate |= qualify && ContainsAggregate(qualify);
  DFSchemaPtr pre_projection_schema = plan->schema;
  if (aggregate) {
    std::vector<ExprPtr> aggs;
    std::set<std::string> seen;
    auto collect = [&](const ExprPtr& e) {
      AnyExpr(e, [&](const Expr& x) {
        if (x.kind == ExprKind::kAggregateFunction && seen.insert(x.ToString()).second) {
          aggs.push_back(std::make_shared<Expr>(x));
        }
        return false;
      });
    };
    for (const auto& e : select_exprs) collect(e);
    if (having) collect(having);
    if (qualify) collect(qualify);
    for (const auto& p : pending) {
      if (p.expr) collect(p.expr);
    }
    // Deduplicate group expressions.
    std::vector<ExprPtr> groups;
    std::set<std::string> gseen;
    for (const auto& g : group_exprs) {
      if (gseen.insert(g->ToString()).second) groups.push_back(g);
    }
    // Columns the written keys determine (for the error below).
    std::vector<Column> determined;
    const size_t written_groups = groups.size();
    if (!groups.empty() && grouping_sets.empty()) {
      std::vector<ExprPtr> used = select_exprs;
      if (having) used.push_back(having);
      for (const auto& p : pending) {
        if (p.expr) used.push_back(p.expr);
      }
      AddDependentGroupColumns(*plan, used, &groups, &determined);
    }
    if (!grouping_sets.empty() || UsesGroupingFunction(aggs)) {
      QUIVER_ASSIGN_OR_RAISE(plan, PlanGroupingAggregate(plan, &groups, grouping_sets, aggs));
    } else {
      QUIVER_ASSIGN_OR_RAISE(plan, MakeAggregate(plan, groups, aggs));
    }
    // Rewrite expressions over the aggregate's output.
    std::vector<ExprPtr> from, to;
    for (size_t i = 0; i < groups.size() + aggs.size(); ++i) {
      from.push_back(i < groups.size() ? groups[i] : aggs[i - groups.size()]);
      to.push_back(ColumnOf(*plan->schema, static_cast<int>(i)));
    }
    auto rewrite = [&](const ExprPtr& e) -> Result<ExprPtr> {
      QUIVER_ASSIGN_OR_RAISE(auto r, ReplaceExprs(e, from, to));
      // Every remaining column must come from the aggregate's output.
      std::vector<Column> cols;
      CollectColumns(r, &cols);
      for (const auto& c : cols) {
        if (!plan->schema->HasColumn(c)) {
          // The written keys, the columns they determine, the aggregates.
          std::vector<Column> names;
          const int n = plan->schema->num_fields();
          for (int i = 0; i < static_cast<int>(written_groups); ++i) {
            names.push_back(plan->schema->column(i));
          }
          names.insert(names.end(), determined.begin(), determined.end());
          for (int i = static_cast<int>(groups.size()); i < n; ++i) {
            names.push_back(plan->schema->column(i));
          }
          std::string avail;
          for (const auto& n : names) avail += (avail.empty() ? "" : ", ") + n.ToString();
          return Status::Plan("Projection references non-aggregate values: Expression " +
                              c.ToString() + " could not be resolved from available columns: " + avail);
        }
      }
      return r;
    };
    for (auto& e : select_exprs) {
      ExprPtr inner = Unalias(e);
      QUIVER_ASSIGN_OR_RAISE(auto r, rewrite(inner));
      // Keep the original name for the output column.
      e = Alias(r, e->kind == ExprKind::kAlias ? e->name : inner->OutputName(),
                e->kind == ExprKind::kAlias ? e->relation : std::nullopt);
      if (r->kind == ExprKind::kColumn && e->name == r->column.name) e = r;
    }
    if (having) {
      QUIVER_ASSIGN_OR_RAISE(having, rewrite(having));
      QUIVER_ASSIGN_OR_RAISE(plan, MakeFilter(plan, having));
    }
    for (auto& p : pending) {
      if (p.expr) {
        QUIVER_ASSIGN_OR_RAISE(p.expr, rewrite(p.expr));
      }
    }
    if (qualify) {
      QUIVER_ASSIGN_OR_RAISE(qualify, rewrite(qualify));
    }
    pre_projection_schema = plan->schema;
  } else if (having) {
    return Status::Plan("HAVING clause references: " + having->ToString() +
                        " must appear in the GROUP BY clause or be used in an aggregate function");
  }

  // Window functions see the rows after aggregation and HAVING.
  {
    std::vector<ExprPtr*> targets;
    for (auto& e : select_exprs) targets.push_back(&e);
    for (auto& p : pending) {
      if (p.expr) targets.push_back(&p.expr);
    }
    if (qualify) targets.push_back(&qualify);
    QUIVER_ASSIGN_OR_RAISE(plan, PlanWindowNode(plan, targets));
  }
  if (qualify) {
    QUIVER_ASSIGN_OR_RAISE(plan, MakeFilter(plan, qualify));
  }

  // Projection, extended with sort keys that are not selected.
  std::vector<ExprPtr> projection = select_exprs;
  const size_t visible = projection.size();
  std::vector<SortExpr> sort;
  std::vector<int> sort_pos;  // output position of each sort key (names may repeat in joins)
  for (const auto& p : pending) {
    if (p.select_index >= 0) {
      sort_pos.push_back(p.select_index);
      sort.push_back({nullptr, p.asc, p.nulls_first});
      sort.back().expr = Col(Column::Named(select_exprs[p.select_index]->OutputName()));
      continue;
    }
    // Matches a selected expression?
    int match = -1;
    for (size_t i = 0; i < visible; ++i) {
      if (Unalias(select_exprs[i])->ToString() == p.expr->ToString()) match = static_cast<int>(i);
    }
    if (match >= 0) {
      sort_pos.push_back(match);
      sort.push_back({Col(Column::Named(select_exprs[match]->OutputName())), p.asc, p.nulls_first});
      continue;
    }
    if (select.distinct == sql::DistinctKind::kDistinct) {
      return Status::Plan("For SELECT DISTINCT, ORDER BY expressions " + p.expr->ToString() +
                          " must appear in select list");
    }
    std::string name = "__sort_" + std::to_string(projection.size());
    sort_pos.push_back(static_cast<int>(projection.size()));
    projection.push_back(Alias(p.expr, name));
    sort.push_back({Col(Column::Named(name)), p.asc, p.nulls_first});
  }
  // Output columns keep their qualifier when they are plain columns.
  for (auto& s : sort) {
    (void)s;
  }
  std::vector<int> distinct_on;  // positions in projection
  if (select.distinct == sql::DistinctKind::kDistinctOn) {
    QUIVER_RETURN_NOT_OK(
        AddDistinctOnColumns(select, *from_schema, select_exprs, &projection, &distinct_on));
  }
  QUIVER_ASSIGN_OR_RAISE(plan, MakeProjection(plan, projection));
  QUIVER_ASSIGN_OR_RAISE(plan, RewriteUnnest(plan, context_->functions()));  // unnest.h
  if (select.distinct == sql::DistinctKind::kDistinctOn) {
    QUIVER_ASSIGN_OR_RAISE(plan, PlanDistinctOn(plan, distinct_on, sort, sort_pos));
  }
  if (select.distinct == sql::DistinctKind::kDistinct) {
    std::vector<ExprPtr> cols;
    for (int i = 0; i < plan->schema->num_fields(); ++i) cols.push_back(ColumnOf(*plan->schema, i));
    QUIVER_ASSIGN_OR_RAISE(plan, MakeAggregate(plan, cols, {}));
  }
  if (!sort.empty()) {
    // Resolve the sort columns against the projection's output (qualified when needed).
    for (size_t k = 0; k < sort.size(); ++k) {
      int idx = sort_pos[k];
      if (idx < 0 || idx >= plan->schema->num_fields()) {
        return Status::Internal("sort column " + sort[k].expr->column.name + " missing");
      }
      sort[k].expr = ColumnOf(*plan->schema, idx);
    }
    QUIVER_ASSIGN_OR_RAISE(plan, MakeSort(plan, sort));
    *resolved_sort = sort;
  }
  if (projection.size() > visible) {
    std::vector<ExprPtr> keep;
    for (size_t i = 0; i < visible; ++i) keep.push_back(ColumnOf(*plan->schema, static_cast<int>(i)));
    QUIVER_ASSIGN_OR_RAISE(plan, MakeProjection(plan, keep));
  }
  (void)pre_projection_schema;
  return plan;
}

}  // namespace quiver
