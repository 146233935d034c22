// WindowExec: evaluates window functions. A pipeline breaker: it gathers its
// whole input, then, per distinct window specification (PARTITION BY +
// ORDER BY), sorts once and evaluates every window expression of that
// spec. Output: the input columns followed by one column per window
// expression. When every spec shares PARTITION BY keys, rows are split into
// hash buckets of those keys, and each output partition (one bucket) is
// evaluated by its own task.
#pragma once

#include <mutex>

#include "quiver/logical/logical_plan.h"
#include "quiver/physical/execution_plan.h"
#include "quiver/physical/operators.h"

namespace quiver {

struct PhysicalWindowExpr {
  std::string name;
  WindowUDFPtr window_fn;        // or
  AggregateUDFPtr aggregate_fn;  // an aggregate over frames
  std::vector<PhysicalExprPtr> args;
  PhysicalExprPtr filter;
  WindowArgs window_args;
  AggregateArgs aggregate_args;
  WindowFrame frame;
  int spec = 0;  // index into WindowExec's specs
  FieldPtr field;
};

struct PhysicalWindowSpec {
  std::vector<PhysicalExprPtr> partition_by;
  std::vector<PhysicalSortExpr> order_by;
};

class WindowExec : public ExecutionPlan, protected Sink {
 public:
  /// `hash_keys`: partition keys common to every spec (may be empty).
  WindowExec(ExecutionPlanPtr input, std::vector<PhysicalWindowSpec> specs,
             std::vector<PhysicalWindowExpr> exprs, std::vector<PhysicalExprPtr> hash_keys);
  std::string name() const override { return "WindowAggExec"; }
  SchemaPtr schema() const override { return schema_; }
  std::vector<ExecutionPlanPtr> children() const override { return {input_}; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr> c) const override;
  int output_partitions() const override;
  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override;
  std::string DisplayAs() const override;
  Sink* sink_for_child(int) override { return this; }

 protected:
  Result<std::unique_ptr<SinkLocalState>> MakeLocalState() override;
  Status Consume(SinkLocalState* local, int partition, const RecordBatchPtr& batch) override;
  Status Finalize(std::vector<std::unique_ptr<SinkLocalState>> locals,
                  const TaskContextPtr& ctx) override;

 private:
  /// The window columns of `batch`, in expression order.
  /// The window columns for `batch`'s rows; `order` receives the row order
  /// of the last window's sort (null when it sorts by nothing).
  Result<std::vector<ArrayPtr>> EvaluateAll(const RecordBatchPtr& batch, ArrayPtr* order) const;
  Status EvaluateSpec(const RecordBatchPtr& batch, int spec, std::vector<ArrayPtr>* out,
                      ArrayPtr* perm) const;

  ExecutionPlanPtr input_;
  std::vector<PhysicalWindowSpec> specs_;
  std::vector<PhysicalWindowExpr> exprs_;
  std::vector<PhysicalExprPtr> hash_keys_;
  SchemaPtr schema_;

  std::mutex mu_;
  std::vector<std::pair<int, RecordBatchPtr>> gathered_;
  RecordBatchPtr all_;                 // whole input, after Finalize
  std::vector<ArrayPtr> bucket_rows_;  // row indices of each bucket (null: all rows)
};

/// Physical plan of a logical Window node over the planned input.
Result<ExecutionPlanPtr> PlanWindow(const LogicalPlan& window, ExecutionPlanPtr input,
                                    const ConfigOptions& config);

}  // namespace quiver
