#include "quiver/logical/logical_plan.h"

#include "quiver/logical/dml.h"
#include "quiver/logical/prepare.h"
#include "quiver/logical/type_coercion.h"
#include "quiver/logical/unnest.h"
#include "quiver/logical/window.h"

namespace quiver {

namespace {

std::shared_ptr<LogicalPlan> New(PlanKind kind, std::vector<LogicalPlanPtr> inputs) {
  auto p = std::make_shared<LogicalPlan>();
  p->kind = kind;
  p->inputs = std::move(inputs);
  return p;
}

std::string Join(const std::vector<ExprPtr>& exprs) {
  std::string out;
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i) out += ", ";
    out += exprs[i]->ToString();
  }
  return out;
}

// Output schema of projected expressions: columns keep their qualifier.
Result<DFSchemaPtr> ProjectSchema(const std::vector<ExprPtr>& exprs, const DFSchema& input) {
  std::vector<std::optional<TableReference>> quals;
  std::vector<FieldPtr> fields;
  for (const auto& e : exprs) {
    QUIVER_ASSIGN_OR_RAISE(auto f, ToField(e, input));
    if (e->kind == ExprKind::kColumn) {
      QUIVER_ASSIGN_OR_RAISE(int i, input.IndexOf(e->column));
      quals.push_back(input.qualifier(i));
      fields.push_back(input.field(i)->WithNullable(f->nullable()));
      continue;
    }
    quals.push_back(e->kind == ExprKind::kAlias ? e->relation : std::nullopt);
    fields.push_back(std::move(f));
  }
  return std::make_shared<DFSchema>(std::move(quals), std::move(fields));
}

}  // namespace

Result<LogicalPlanPtr> MakeTableScan(TableReference name, TableSourcePtr source,
                                     std::optional<std::vector<int>> projection,
                                     std::vector<ExprPtr> filters, std::optional<int64_t> fetch) {
  auto p = New(PlanKind::kTableScan, {});
  SchemaPtr full = source->schema();
  std::vector<FieldPtr> fields;
  if (projection) {
    for (int i : *projection) {
      if (i < 0 || i >= full->num_fields()) return Status::Internal("projection out of range");
      fields.push_back(full->field(i));
    }
  } else {
    fields = full->fields();
  }
  p->schema = DFSchema::FromArrow(schema(std::move(fields)), name);
  p->table_name = std::move(name);
  p->source = std::move(source);
  p->projection = std::move(projection);
  p->filters = std::move(filters);
  p->fetch = fetch;
  return p;
}

Result<LogicalPlanPtr> MakeProjection(LogicalPlanPtr input, std::vector<ExprPtr> exprs) {
  QUIVER_ASSIGN_OR_RAISE(auto s, ProjectSchema(exprs, *input->schema));
  // Two outputs with the same qualified name cannot be told apart later.
  for (int i = 0; i < s->num_fields(); ++i) {
    for (int j = i + 1; j < s->num_fields(); ++j) {
      if (s->field(i)->name() == s->field(j)->name() && s->qualifier(i) == s->qualifier(j)) {
        return Status::Plan("Projections require unique expression names but the expression \"" +
                            exprs[i]->ToString() + "\" at position " + std::to_string(i) +
                            " and \"" + exprs[j]->ToString() + "\" at position " +
                            std::to_string(j) + " have the same name. Consider aliasing (\"AS\") one of them.");
      }
    }
  }
  auto p = New(PlanKind::kProjection, {std::move(input)});
  p->schema = std::move(s);
  p->exprs = std::move(exprs);
  return p;
}

Result<LogicalPlanPtr> MakeFilter(LogicalPlanPtr input, ExprPtr predicate) {
  QUIVER_ASSIGN_OR_RAISE(auto t, GetType(predicate, *input->schema));
  if (t->id() != TypeId::kBoolean && t->id() != TypeId::kNull) {
    return Status::Plan("Cannot create filter with non-boolean predicate '" +
                        predicate->ToString() + "' returning " + t->ToString());
  }
  auto p = New(PlanKind::kFilter, {input});
  p->schema = input->schema;
  p->predicate = std::move(predicate);
  return p;
}

Result<LogicalPlanPtr> MakeAggregate(LogicalPlanPtr input, std::vector<ExprPtr> group_exprs,
                                     std::vector<ExprPtr> aggr_exprs) {
  std::vector<ExprPtr> all = group_exprs;
  all.insert(all.end(), aggr_exprs.begin(), aggr_exprs.end());
  QUIVER_ASSIGN_OR_RAISE(auto s, ProjectSchema(all, *input->schema));
  auto p = New(PlanKind::kAggregate, {std::move(input)});
  p->schema = std::move(s);
  p->group_exprs = std::move(group_exprs);
  p->aggr_exprs = std::move(aggr_exprs);
  return p;
}

Result<LogicalPlanPtr> MakeSort(LogicalPlanPtr input, std::vector<SortExpr> exprs,
                                std::optional<int64_t> fetch) {
  for (const auto& s : exprs) QUIVER_RETURN_NOT_OK(GetType(s.expr, *input->schema).status());
  auto p = New(PlanKind::kSort, {input});
  p->schema = input->schema;
  p->sort_exprs = std::move(exprs);
  p->fetch = fetch;
  return p;
}

Result<LogicalPlanPtr> MakeLimit(LogicalPlanPtr input, int64_t skip, std::optional<int64_t> fetch) {
  auto p = New(PlanKind::kLimit, {input});
  p->schema = input->schema;
  p->skip = skip;
  p->fetch = fetch;
  return p;
}

Result<LogicalPlanPtr> MakeValues(std::vector<std::vector<ExprPtr>> rows) {
  if (rows.empty()) return Status::Plan("Values list cannot be empty");
  size_t n = rows[0].size();
  std::vector<FieldPtr> fields;
  const DFSchema& empty = *DFSchema::Empty();
  for (size_t c = 0; c < n; ++c) {
    std::vector<DataTypePtr> types;
    bool nullable = false;
    for (size_t r = 0; r < rows.size(); ++r) {
      const auto& row = rows[r];
      if (row.size() != n) {
        return Status::Plan("Inconsistent data length across values list: got " +
                            std::to_string(row.size()) + " values in row " + std::to_string(r) +
                            " but expected " + std::to_string(n));
      }
      QUIVER_ASSIGN_OR_RAISE(auto t, GetType(row[c], empty));
      QUIVER_ASSIGN_OR_RAISE(bool nl, IsNullable(row[c], empty));
      nullable |= nl;
      types.push_back(t);
    }
    QUIVER_ASSIGN_OR_RAISE(auto common, CommonType(types, "VALUES"));
    if (common->id() == TypeId::kNull) nullable = true;
    fields.push_back(field("column" + std::to_string(c + 1), common, nullable));
  }
  // Cast every cell to its column's type so execution sees uniform columns.
  for (auto& row : rows) {
    for (size_t c = 0; c < n; ++c) {
      QUIVER_ASSIGN_OR_RAISE(auto t, GetType(row[c], empty));
      if (!t->Equals(*fields[c]->type())) row[c] = CastTo(row[c], fields[c]->type());
    }
  }
  auto p = New(PlanKind::kValues, {});
  p->schema = DFSchema::FromArrow(schema(std::move(fields)), std::nullopt);
  p->values = std::move(rows);
  return p;
}

LogicalPlanPtr MakeEmptyRelation(bool produce_one_row, DFSchemaPtr s) {
  auto p = New(PlanKind::kEmptyRelation, {});
  p->schema = std::move(s);
  p->produce_one_row = produce_one_row;
  return p;
}

Result<LogicalPlanPtr> MakeSubqueryAlias(LogicalPlanPtr input, TableReference alias) {
  auto p = New(PlanKind::kSubqueryAlias, {input});
  p->schema = input->schema->WithQualifier(alias);
  p->alias = std::move(alias);
  return p;
}

Result<LogicalPlanPtr> MakeExplain(LogicalPlanPtr input, bool verbose, bool analyze) {
  auto p = New(PlanKind::kExplain, {std::move(input)});
  p->schema = DFSchema::FromArrow(
      schema({field("plan_type", utf8(), false), field("plan", utf8(), false)}), std::nullopt);
  p->verbose = verbose;
  p->analyze = analyze;
  return p;
}

Result<LogicalPlanPtr> WithNewInputs(const LogicalPlanPtr& plan, std::vector<LogicalPlanPtr> in) {
  switch (plan->kind) {
    case PlanKind::kProjection: return MakeProjection(in[0], plan->exprs);
    case PlanKind::kAggregate: return MakeAggregate(in[0], plan->group_exprs, plan->aggr_exprs);
    case PlanKind::kSubqueryAlias: return MakeSubqueryAlias(in[0], plan->alias);
    case PlanKind::kExplain: return MakeExplain(in[0], plan->verbose, plan->analyze);
    case PlanKind::kWindow: return MakeWindow(in[0], plan->window_exprs);
    case PlanKind::kJoin:
      return MakeJoin(in[0], in[1], plan->join_type, plan->on, plan->join_filter,
                      plan->null_equals_null);
    case PlanKind::kCrossJoin: return MakeCrossJoin(in[0], in[1]);
    case PlanKind::kUnion: return MakeUnion(std::move(in));
    case PlanKind::kUnnest: return MakeUnnest(in[0], UnnestColumns(*plan));
    default: {
      auto p = std::make_shared<LogicalPlan>(*plan);
      p->inputs = std::move(in);
      if (!p->inputs.empty() &&
          (p->kind == PlanKind::kFilter || p->kind == PlanKind::kSort || p->kind == PlanKind::kLimit)) {
        p->schema = p->inputs[0]->schema;
      }
      return LogicalPlanPtr(p);
    }
  }
}

std::string LogicalPlan::NodeToString() const {
  switch (kind) {
    case PlanKind::kTableScan: {
      std::string out = "TableScan: " + table_name.ToString();
      if (projection) {
        out += " projection=[";
        auto full = source->schema();
        for (size_t i = 0; i < projection->size(); ++i) {
          if (i) out += ", ";
          out += full->field((*projection)[i])->name();
        }
        out += "]";
      }
      if (!filters.empty()) out += ", partial_filters=[" + Join(filters) + "]";
      if (fetch) out += ", fetch=" + std::to_string(*fetch);
      return out;
    }
    case PlanKind::kProjection: return "Projection: " + Join(exprs);
    case PlanKind::kFilter: return "Filter: " + predicate->ToString();
    case PlanKind::kAggregate:
      return "Aggregate: groupBy=[[" + Join(group_exprs) + "]], aggr=[[" + Join(aggr_exprs) + "]]";
    case PlanKind::kSort: {
      std::string out = "Sort: ";
      for (size_t i = 0; i < sort_exprs.size(); ++i) {
        if (i) out += ", ";
        out += sort_exprs[i].ToString();
      }
      if (fetch) out += ", fetch=" + std::to_string(*fetch);
      return out;
    }
    case PlanKind::kLimit:
      return "Limit: skip=" + (skip_expr ? skip_expr->ToString() : std::to_string(skip)) +
             ", fetch=" +
             (fetch_expr ? fetch_expr->ToString()
                         : (fetch ? std::to_string(*fetch) : std::string("None")));
    case PlanKind::kValues: {
      std::string out = "Values: ";
      for (size_t r = 0; r < values.size(); ++r) {
        if (r) out += ", ";
        out += "(" + Join(values[r]) + ")";
      }
      return out;
    }
    case PlanKind::kEmptyRelation: return "EmptyRelation";
    case PlanKind::kSubqueryAlias: return "SubqueryAlias: " + alias.ToString();
    case PlanKind::kExplain: return "Explain";
    case PlanKind::kWindow: return WindowNodeToString(*this);
    case PlanKind::kJoin:
    case PlanKind::kCrossJoin:
    case PlanKind::kUnion: return JoinNodeToString(*this);
    case PlanKind::kRecursiveQuery:
      return std::string("RecursiveQuery: is_distinct=") + (is_distinct ? "true" : "false");
    case PlanKind::kUnnest: return UnnestNodeToString(*this);
    case PlanKind::kDml:
    case PlanKind::kCopyTo: return WriteNodeToString(*this);
    case PlanKind::kPrepare:
    case PlanKind::kExecute: return PrepareNodeToString(*this);
  }
  return "?";
}

std::string LogicalPlan::ToString() const {
  std::string out;
  std::function<void(const LogicalPlan&, int)> walk = [&](const LogicalPlan& p, int depth) {
    out += std::string(depth * 2, ' ') + p.NodeToString() + "\n";
    for (const auto& in : p.inputs) walk(*in, depth + 1);
  };
  walk(*this, 0);
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace quiver
