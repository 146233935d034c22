#include "quiver/physical/physical_planner.h"

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/physical/aggregate_exec.h"
#include "quiver/physical/aggregate_statistics.h"
#include "quiver/physical/analyze_exec.h"
#include "quiver/physical/create_physical_expr.h"
#include "quiver/physical/data_sink_exec.h"
#include "quiver/physical/hash_join_exec.h"
#include "quiver/physical/operators.h"
#include "quiver/physical/recursive_query_exec.h"
#include "quiver/physical/table_provider.h"
#include "quiver/physical/window_exec.h"
#include "quiver/physical/union_exec.h"
#include "quiver/physical/unnest_exec.h"
#include "quiver/logical/unnest.h"

namespace quiver {

namespace {

Result<ExecutionPlanPtr> Plan(const LogicalPlanPtr& p, const ConfigOptions& config);

Result<ExecutionPlanPtr> PlanValues(const LogicalPlan& p) {
  // Each row's expressions are evaluated against a one-row batch without columns.
  auto one_row = RecordBatch::Make(schema({}), 1, {});
  SchemaPtr out_schema = p.schema->ToArrow();
  std::vector<std::vector<ArrayPtr>> cols(out_schema->num_fields());
  for (const auto& row : p.values) {
    for (size_t c = 0; c < row.size(); ++c) {
      QUIVER_ASSIGN_OR_RAISE(auto e, CreatePhysicalExpr(row[c], *DFSchema::Empty()));
      e = CastIfNeeded(e, out_schema->field(static_cast<int>(c))->type());
      QUIVER_ASSIGN_OR_RAISE(auto v, e->EvaluateToArray(*one_row));
      cols[c].push_back(std::move(v));
    }
  }
  std::vector<ArrayPtr> arrays;
  for (auto& parts : cols) {
    QUIVER_ASSIGN_OR_RAISE(auto a, compute::Concatenate(parts));
    arrays.push_back(std::move(a));
  }
  auto batch = RecordBatch::Make(out_schema, static_cast<int64_t>(p.values.size()), std::move(arrays));
  return ExecutionPlanPtr(
      std::make_shared<MemoryExec>(out_schema, std::vector<std::vector<RecordBatchPtr>>{{batch}}));
}

Result<ExecutionPlanPtr> PlanAggregate(const LogicalPlan& p, ExecutionPlanPtr input) {
  const DFSchema& in = *p.input()->schema;
  std::vector<PhysicalExprPtr> groups;
  std::vector<std::string> group_names;
  for (size_t i = 0; i < p.group_exprs.size(); ++i) {
    QUIVER_ASSIGN_OR_RAISE(auto g, CreatePhysicalExpr(p.group_exprs[i], in));
    groups.push_back(std::move(g));
    group_names.push_back(p.schema->field(static_cast<int>(i))->name());
  }
  std::vector<PhysicalAggregate> aggs;
  for (size_t i = 0; i < p.aggr_exprs.size(); ++i) {
    ExprPtr e = Unalias(p.aggr_exprs[i]);
    if (e->kind != ExprKind::kAggregateFunction) {
      return Status::Internal("aggregate expression expected, got " + e->ToString());
    }
    PhysicalAggregate a;
    a.fn = e->aggregate_fn;
    a.distinct = e->distinct;
    std::vector<DataTypePtr> types;
    for (const auto& arg : e->args) {
      QUIVER_ASSIGN_OR_RAISE(auto pa, CreatePhysicalExpr(arg, in));
      types.push_back(pa->type());
      a.args.push_back(std::move(pa));
    }
    QUIVER_ASSIGN_OR_RAISE(auto coerced, a.fn->CoerceTypes(types));
    for (size_t k = 0; k < a.args.size() && k < coerced.size(); ++k) {
      a.args[k] = CastIfNeeded(a.args[k], coerced[k]);
    }
    if (e->filter) {
      QUIVER_ASSIGN_OR_RAISE(a.filter, CreatePhysicalExpr(e->filter, in));
      a.filter = CastIfNeeded(a.filter, boolean());
    }
    a.fn_args.input_types = coerced;
    QUIVER_ASSIGN_OR_RAISE(a.fn_args.return_type, a.fn->ReturnType(coerced));
    for (const auto& arg : e->args) {
      a.fn_args.literals.push_back(arg->kind == ExprKind::kLiteral
                                       ? std::optional<ScalarValue>(arg->literal)
                                       : std::nullopt);
    }
    if (!e->order_by.empty() && a.fn->order_sensitive()) {
      // ORDER BY keys travel as trailing arguments.
      for (const auto& o : e->order_by) {
        QUIVER_ASSIGN_OR_RAISE(auto k, CreatePhysicalExpr(o.expr, in));
        a.fn_args.input_types.push_back(k->type());
        a.fn_args.ordering.push_back({!o.asc, o.nulls_first});
        a.args.push_back(std::move(k));
      }
    }
    a.fn_args.distinct = e->distinct;
    a.name = p.schema->field(static_cast<int>(p.group_exprs.size() + i))->name();
    aggs.push_back(std::move(a));
  }
  return ExecutionPlanPtr(std::make_shared<AggregateExec>(std::move(input), std::move(groups),
                                                          std::move(group_names), std::move(aggs)));
}

Result<ExecutionPlanPtr> PlanExplain(const LogicalPlan& p, const ConfigOptions& config) {
  if (p.analyze) {
    QUIVER_ASSIGN_OR_RAISE(auto analyzed, Plan(p.input(), config));
    return ExecutionPlanPtr(std::make_shared<AnalyzeExec>(analyzed, p.schema->ToArrow()));
  }
  // datafusion.explain.{logical,physical}_plan_only keep one of the two rows.
  bool logical = !config.GetBool("datafusion.explain.physical_plan_only");
  // A PREPARE only has a logical plan until EXECUTE binds its parameters.
  bool physical = !config.GetBool("datafusion.explain.logical_plan_only") &&
                  p.input()->kind != PlanKind::kPrepare;
  StringBuilder types(utf8()), plans(utf8());
  int64_t rows = 0;
  if (logical) {
    QUIVER_RETURN_NOT_OK(types.Append("logical_plan"));
    QUIVER_RETURN_NOT_OK(plans.Append(p.input()->ToString()));
    ++rows;
  }
  if (physical) {
    QUIVER_ASSIGN_OR_RAISE(auto plan, Plan(p.input(), config));
    QUIVER_RETURN_NOT_OK(types.Append("physical_plan"));
    QUIVER_RETURN_NOT_OK(
        plans.Append(plan->ToString(config.GetBool("datafusion.explain.show_statistics"))));
    ++rows;
  }
  SchemaPtr s = p.schema->ToArrow();
  QUIVER_ASSIGN_OR_RAISE(auto a, types.Finish());
  QUIVER_ASSIGN_OR_RAISE(auto b, plans.Finish());
  auto batch = RecordBatch::Make(s, rows, {a, b});
  return ExecutionPlanPtr(
      std::make_shared<MemoryExec>(s, std::vector<std::vector<RecordBatchPtr>>{{batch}}));
}

Result<ExecutionPlanPtr> Plan(const LogicalPlanPtr& p, const ConfigOptions& config) {
  switch (p->kind) {
    case PlanKind::kTableScan: {
      if (auto wt = std::dynamic_pointer_cast<WorkTableSource>(p->source)) {
        return MakeWorkTableScan(*wt, p->projection);
      }
      auto provider = std::dynamic_pointer_cast<TableProvider>(p->source);
      if (!provider) return Status::Internal("table source is not a TableProvider");
      ScanArgs args;
      args.projection = p->projection;
      args.filters = p->filters;
      args.limit = p->fetch;
      args.config = &config;
      return provider->Scan(args);
    }
    case PlanKind::kProjection: {
      QUIVER_ASSIGN_OR_RAISE(auto input, Plan(p->input(), config));
      std::vector<PhysicalExprPtr> exprs;
      std::vector<std::string> names;
      for (size_t i = 0; i < p->exprs.size(); ++i) {
        QUIVER_ASSIGN_OR_RAISE(auto e, CreatePhysicalExpr(p->exprs[i], *p->input()->schema));
        exprs.push_back(std::move(e));
        names.push_back(p->schema->field(static_cast<int>(i))->name());
      }
      return ExecutionPlanPtr(
          std::make_shared<ProjectionExec>(std::move(input), std::move(exprs), std::move(names)));
    }
    case PlanKind::kFilter: {
      QUIVER_ASSIGN_OR_RAISE(auto input, Plan(p->input(), config));
      QUIVER_ASSIGN_OR_RAISE(auto pred, CreatePhysicalExpr(p->predicate, *p->input()->schema));
      pred = CastIfNeeded(pred, boolean());
      return ExecutionPlanPtr(std::make_shared<FilterExec>(std::move(input), std::move(pred)));
    }
    case PlanKind::kAggregate: {
      QUIVER_ASSIGN_OR_RAISE(auto input, Plan(p->input(), config));
      QUIVER_ASSIGN_OR_RAISE(auto answered, AggregateFromStatistics(*p, input));
      if (answered) return answered;
      return PlanAggregate(*p, std::move(input));
    }
    case PlanKind::kSort: {
      QUIVER_ASSIGN_OR_RAISE(auto input, Plan(p->input(), config));
      std::vector<PhysicalSortExpr> keys;
      for (const auto& s : p->sort_exprs) {
        QUIVER_ASSIGN_OR_RAISE(auto e, CreatePhysicalExpr(s.expr, *p->input()->schema));
        keys.push_back({std::move(e), !s.asc, s.nulls_first});
      }
      return ExecutionPlanPtr(std::make_shared<SortExec>(std::move(input), std::move(keys), p->fetch));
    }
    case PlanKind::kLimit: {
      if (p->skip_expr || p->fetch_expr) {
        const auto& e = p->fetch_expr ? p->fetch_expr : p->skip_expr;
        return Status::Execution("Placeholder '" + e->ToString() +
                                 "' was not provided a value for execution.");
      }
      QUIVER_ASSIGN_OR_RAISE(auto input, Plan(p->input(), config));
      return ExecutionPlanPtr(std::make_shared<GlobalLimitExec>(std::move(input), p->skip, p->fetch));
    }
    case PlanKind::kPrepare:
    case PlanKind::kExecute:  // run by the session after binding parameter values
      return Status::NotImplemented("Unsupported logical plan: " + p->NodeToString());
    case PlanKind::kValues: return PlanValues(*p);
    case PlanKind::kEmptyRelation:
      return ExecutionPlanPtr(std::make_shared<EmptyExec>(p->schema->ToArrow(), p->produce_one_row));
    case PlanKind::kSubqueryAlias: return Plan(p->input(), config);
    case PlanKind::kExplain: return PlanExplain(*p, config);
    case PlanKind::kWindow: {
      QUIVER_ASSIGN_OR_RAISE(auto input, Plan(p->input(), config));
      return PlanWindow(*p, std::move(input), config);
    }
    case PlanKind::kJoin:
    case PlanKind::kCrossJoin: {
      QUIVER_ASSIGN_OR_RAISE(auto left, Plan(p->inputs[0], config));
      QUIVER_ASSIGN_OR_RAISE(auto right, Plan(p->inputs[1], config));
      return PlanPhysicalJoin(*p, std::move(left), std::move(right));
    }
    case PlanKind::kUnion: {
      std::vector<ExecutionPlanPtr> inputs;
      for (const auto& in : p->inputs) {
        QUIVER_ASSIGN_OR_RAISE(auto e, Plan(in, config));
        inputs.push_back(std::move(e));
      }
      return ExecutionPlanPtr(std::make_shared<UnionExec>(std::move(inputs), p->schema->ToArrow()));
    }
    case PlanKind::kRecursiveQuery: {
      QUIVER_ASSIGN_OR_RAISE(auto static_term, Plan(p->inputs[0], config));
      return ExecutionPlanPtr(std::make_shared<RecursiveQueryExec>(
          std::move(static_term), p->inputs[1],
          std::static_pointer_cast<WorkTableSource>(p->source), p->is_distinct));
    }
    case PlanKind::kUnnest: {
      QUIVER_ASSIGN_OR_RAISE(auto input, Plan(p->input(), config));
      return ExecutionPlanPtr(
          std::make_shared<UnnestExec>(std::move(input), UnnestColumns(*p), p->schema->ToArrow()));
    }
    case PlanKind::kDml:
    case PlanKind::kCopyTo: {
      QUIVER_ASSIGN_OR_RAISE(auto input, Plan(p->input(), config));
      return ExecutionPlanPtr(std::make_shared<DataSinkExec>(std::move(input), p->write));
    }
  }
  return Status::NotImplemented("physical planning of " + p->NodeToString());
}

}  // namespace

Result<ExecutionPlanPtr> CreatePhysicalPlan(const LogicalPlanPtr& plan, const ConfigOptions& config) {
  return Plan(plan, config);
}

}  // namespace quiver
