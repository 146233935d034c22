// DataFrame: a lazily evaluated query. Each method returns a new DataFrame
// over a bigger logical plan; Collect() optimizes, plans and runs it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quiver/datasource/json/json_writer.h"
#include "quiver/logical/logical_plan.h"
#include "quiver/physical/execution_plan.h"

namespace quiver {

class SessionState;

class DataFrame {
 public:
  DataFrame(std::shared_ptr<SessionState> state, LogicalPlanPtr plan)
      : state_(std::move(state)), plan_(std::move(plan)) {}

  Result<DataFrame> Select(std::vector<ExprPtr> exprs) const;
  Result<DataFrame> SelectColumns(const std::vector<std::string>& names) const;
  Result<DataFrame> Filter(ExprPtr predicate) const;
  Result<DataFrame> Aggregate(std::vector<ExprPtr> group_by, std::vector<ExprPtr> aggregates) const;
  Result<DataFrame> Sort(std::vector<SortExpr> keys) const;
  Result<DataFrame> Limit(int64_t skip, std::optional<int64_t> fetch) const;

  /// Binds values to the placeholders of the plan: `$1` becomes values[0],
  /// `$2` values[1], ... (like DataFusion's with_param_values):
  ///
  ///   QUIVER_ASSIGN_OR_RAISE(auto df, ctx.Sql("SELECT * FROM t WHERE a > $1"));
  ///   QUIVER_ASSIGN_OR_RAISE(df, df.WithParamValues({ScalarValue::Int64(10)}));
  ///
  /// A value is cast to its placeholder's type when the placeholder has one
  /// (`a > $1` gives $1 the type of a). Errors (Plan): a placeholder without a
  /// value; for a PREPARE plan, a count or type that differs from the
  /// declared parameter types.
  Result<DataFrame> WithParamValues(const std::vector<ScalarValue>& values) const;

  /// An aggregate or scalar function call by name, for building expressions
  /// (`df.Call("sum", {Col("a")})`).
  Result<ExprPtr> Call(const std::string& function, std::vector<ExprPtr> args) const;

  Result<std::vector<RecordBatchPtr>> Collect() const;
  /// The result as a boxed table.
  Result<std::string> ShowString() const;
  /// Prints the result to stdout.
  Status Show() const;
  /// Runs the query and writes the result as one NDJSON file / Arrow IPC
  /// file (execution/file_formats_api.cc).
  Status WriteJson(const std::string& path, const json::JsonWriteOptions& options = {}) const;
  Status WriteArrow(const std::string& path) const;

  const DFSchema& schema() const { return *plan_->schema; }
  const LogicalPlanPtr& logical_plan() const { return plan_; }
  Result<LogicalPlanPtr> OptimizedPlan() const;
  Result<ExecutionPlanPtr> PhysicalPlan() const;

 private:
  std::shared_ptr<SessionState> state_;
  LogicalPlanPtr plan_;
};

}  // namespace quiver
