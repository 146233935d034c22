// EXPLAIN ANALYZE: runs the plan below to completion (its batches are
// counted and dropped), then outputs one row, "Plan with Metrics", with the
// plan text where every operator that keeps metrics shows them as
// ", metrics=[name=value, ...]" (Parquet scans: row groups pruned by
// statistics and bloom filters, rows pruned by the page index, ...).
#pragma once

#include <atomic>
#include <chrono>

#include "quiver/physical/execution_plan.h"

namespace quiver {

class AnalyzeExec : public ExecutionPlan, protected Sink {
 public:
  /// `schema`: the EXPLAIN output schema (plan_type, plan).
  AnalyzeExec(ExecutionPlanPtr input, SchemaPtr schema)
      : input_(std::move(input)), schema_(std::move(schema)) {}
  std::string name() const override { return "AnalyzeExec"; }
  SchemaPtr schema() const override { return schema_; }
  std::vector<ExecutionPlanPtr> children() const override { return {input_}; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr> c) const override;
  int output_partitions() const override { return 1; }
  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override;
  std::string DisplayAs() const override { return "AnalyzeExec"; }
  Sink* sink_for_child(int) override { return this; }

 protected:
  Result<std::unique_ptr<SinkLocalState>> MakeLocalState() override;
  Status Consume(SinkLocalState* local, int partition, const RecordBatchPtr& batch) override;
  Status Finalize(std::vector<std::unique_ptr<SinkLocalState>> locals,
                  const TaskContextPtr& ctx) override;

 private:
  ExecutionPlanPtr input_;
  SchemaPtr schema_;
  std::atomic<int64_t> rows_{0};
  std::atomic<bool> started_{false};
  std::chrono::steady_clock::time_point start_;
  double elapsed_ms_ = 0;
};

}  // namespace quiver
