#include "quiver/physical/aggregate_statistics.h"

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/physical/operators.h"

namespace quiver {

namespace {

// The statistics column behind `arg`, or -1.
int ColumnIndex(const ExprPtr& arg, const DFSchema& in) {
  if (arg->kind != ExprKind::kColumn) return -1;
  auto i = in.IndexOf(arg->column);
  return i.ok() ? *i : -1;
}

// The value of one aggregate, or nullopt when the statistics do not give it.
std::optional<ScalarValue> Answer(const ExprPtr& e, const DFSchema& in, const Statistics& st) {
  if (e->kind != ExprKind::kAggregateFunction || e->distinct || e->filter || e->args.size() != 1) {
    return std::nullopt;
  }
  const std::string name = e->aggregate_fn->name();
  const int64_t rows = st.num_rows.value;
  const ExprPtr& arg = e->args[0];
  if (name == "count") {
    if (arg->kind == ExprKind::kLiteral) {
      if (arg->literal.is_null()) return ScalarValue::Int64(0);
      return ScalarValue::Int64(rows);
    }
    const int c = ColumnIndex(arg, in);
    if (c < 0 || c >= static_cast<int>(st.columns.size())) return std::nullopt;
    const StatCount& nulls = st.columns[c].null_count;
    if (!nulls.is_exact()) return std::nullopt;
    return ScalarValue::Int64(rows - nulls.value);
  }
  if (name != "min" && name != "max") return std::nullopt;
  const int c = ColumnIndex(arg, in);
  if (c < 0 || c >= static_cast<int>(st.columns.size())) return std::nullopt;
  const ColumnStatistics& cs = st.columns[c];
  if (rows == 0 || (cs.null_count.is_exact() && cs.null_count.value == rows)) {
    return ScalarValue::Null(in.field(c)->type());  // no values: NULL
  }
  const StatValue& v = name == "min" ? cs.min : cs.max;
  if (!v.is_exact()) return std::nullopt;
  return v.value;
}

}  // namespace

Result<ExecutionPlanPtr> AggregateFromStatistics(const LogicalPlan& aggregate,
                                                 const ExecutionPlanPtr& input) {
  if (!aggregate.group_exprs.empty() || aggregate.aggr_exprs.empty()) return ExecutionPlanPtr();
  const Statistics st = input->statistics();
  if (!st.num_rows.is_exact()) return ExecutionPlanPtr();
  const DFSchema& in = *aggregate.input()->schema;
  SchemaPtr out = aggregate.schema->ToArrow();
  std::vector<PhysicalExprPtr> exprs;
  std::vector<std::string> names;
  for (size_t i = 0; i < aggregate.aggr_exprs.size(); ++i) {
    std::optional<ScalarValue> v = Answer(Unalias(aggregate.aggr_exprs[i]), in, st);
    if (!v) return ExecutionPlanPtr();
    const DataTypePtr& t = out->field(static_cast<int>(i))->type();
    ArrayPtr a = v->array();
    if (!a->type()->Equals(*t)) {
      auto cast = compute::Cast(a, t);
      if (!cast.ok()) return ExecutionPlanPtr();
      a = *cast;
    }
    exprs.push_back(std::make_shared<LiteralExpr>(ScalarValue(std::move(a))));
    names.push_back(out->field(static_cast<int>(i))->name());
  }
  // DataFusion's shape: literals projected over a single placeholder row.
  auto one_row = std::make_shared<EmptyExec>(schema({}), true);
  return ExecutionPlanPtr(
      std::make_shared<ProjectionExec>(std::move(one_row), std::move(exprs), std::move(names)));
}

}  // namespace quiver
