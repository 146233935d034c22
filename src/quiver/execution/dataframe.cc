#include "quiver/execution/dataframe.h"

#include <cstdio>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/pretty_print.h"
#include "quiver/execution/session_state.h"
#include "quiver/logical/prepare.h"

namespace quiver {

Result<DataFrame> DataFrame::Select(std::vector<ExprPtr> exprs) const {
  QUIVER_ASSIGN_OR_RAISE(auto p, MakeProjection(plan_, std::move(exprs)));
  return DataFrame(state_, p);
}

Result<DataFrame> DataFrame::SelectColumns(const std::vector<std::string>& names) const {
  std::vector<ExprPtr> exprs;
  for (const auto& n : names) {
    QUIVER_ASSIGN_OR_RAISE(int i, plan_->schema->IndexOf(Column::Named(n)));
    exprs.push_back(Col(plan_->schema->column(i)));
  }
  return Select(std::move(exprs));
}

Result<DataFrame> DataFrame::Filter(ExprPtr predicate) const {
  QUIVER_ASSIGN_OR_RAISE(auto p, MakeFilter(plan_, std::move(predicate)));
  return DataFrame(state_, p);
}

Result<DataFrame> DataFrame::Aggregate(std::vector<ExprPtr> group_by,
                                       std::vector<ExprPtr> aggregates) const {
  QUIVER_ASSIGN_OR_RAISE(auto p, MakeAggregate(plan_, std::move(group_by), std::move(aggregates)));
  return DataFrame(state_, p);
}

Result<DataFrame> DataFrame::Sort(std::vector<SortExpr> keys) const {
  QUIVER_ASSIGN_OR_RAISE(auto p, MakeSort(plan_, std::move(keys)));
  return DataFrame(state_, p);
}

Result<DataFrame> DataFrame::Limit(int64_t skip, std::optional<int64_t> fetch) const {
  QUIVER_ASSIGN_OR_RAISE(auto p, MakeLimit(plan_, skip, fetch));
  return DataFrame(state_, p);
}

Result<ExprPtr> DataFrame::Call(const std::string& function, std::vector<ExprPtr> args) const {
  const auto& reg = state_->functions();
  if (auto agg = reg.GetAggregate(function)) return AggregateCall(agg, std::move(args));
  if (auto fn = reg.GetScalar(function)) return ScalarCall(fn, std::move(args));
  return Status::Plan("Invalid function '" + function + "'");
}

Result<DataFrame> DataFrame::WithParamValues(const std::vector<ScalarValue>& values) const {
  QUIVER_ASSIGN_OR_RAISE(auto plan, BindParamValues(plan_, values));
  return DataFrame(state_, std::move(plan));
}

Result<std::vector<RecordBatchPtr>> DataFrame::Collect() const { return state_->Execute(plan_); }

Result<std::string> DataFrame::ShowString() const {
  QUIVER_ASSIGN_OR_RAISE(auto batches, Collect());
  if (batches.empty()) {
    // Still print the header of an empty result.
    batches.push_back(RecordBatch::Make(plan_->schema->ToArrow(), 0, {}));
    std::vector<ArrayPtr> cols;
    for (const auto& f : plan_->schema->fields()) {
      QUIVER_ASSIGN_OR_RAISE(auto b, MakeBuilder(f->type()));
      QUIVER_ASSIGN_OR_RAISE(auto a, b->Finish());
      cols.push_back(std::move(a));
    }
    batches[0] = RecordBatch::Make(plan_->schema->ToArrow(), 0, std::move(cols));
  }
  return PrettyFormatBatches(batches);
}

Status DataFrame::Show() const {
  QUIVER_ASSIGN_OR_RAISE(auto s, ShowString());
  std::fwrite(s.data(), 1, s.size(), stdout);
  return Status::OK();
}

Result<LogicalPlanPtr> DataFrame::OptimizedPlan() const { return state_->Optimize(plan_); }

Result<ExecutionPlanPtr> DataFrame::PhysicalPlan() const {
  QUIVER_ASSIGN_OR_RAISE(auto p, OptimizedPlan());
  return state_->CreatePhysicalPlan(p);
}

}  // namespace quiver
