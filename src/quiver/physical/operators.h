// Streaming and simple operators: memory source, empty relation, projection,
// filter, limit and sort. Aggregation lives in aggregate_exec.h.
#pragma once

#include <mutex>
#include <optional>

#include "quiver/physical/execution_plan.h"
#include "quiver/physical/physical_expr.h"

namespace quiver {

/// Batches held in memory; each partition is a list of batches, and every
/// batch is its own morsel so work spreads over all workers.
class MemoryExec : public ExecutionPlan {
 public:
  MemoryExec(SchemaPtr schema, std::vector<std::vector<RecordBatchPtr>> partitions,
             std::optional<std::vector<int>> projection = {});
  std::string name() const override { return "MemoryExec"; }
  SchemaPtr schema() const override { return schema_; }
  std::vector<ExecutionPlanPtr> children() const override { return {}; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr>) const override;
  int output_partitions() const override { return static_cast<int>(morsels_.size()); }
  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override;
  std::string DisplayAs() const override;
  Statistics statistics() const override;  // in plan_statistics.cc

 private:
  SchemaPtr schema_;
  std::vector<std::vector<RecordBatchPtr>> partitions_;
  std::optional<std::vector<int>> projection_;
  std::vector<RecordBatchPtr> morsels_;
};

/// No rows, or exactly one row with no columns (SELECT without FROM).
class EmptyExec : public ExecutionPlan {
 public:
  EmptyExec(SchemaPtr schema, bool produce_one_row)
      : schema_(std::move(schema)), produce_one_row_(produce_one_row) {}
  std::string name() const override { return produce_one_row_ ? "PlaceholderRowExec" : "EmptyExec"; }
  SchemaPtr schema() const override { return schema_; }
  std::vector<ExecutionPlanPtr> children() const override { return {}; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr>) const override;
  int output_partitions() const override { return 1; }
  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override;
  std::string DisplayAs() const override { return name(); }

 private:
  SchemaPtr schema_;
  bool produce_one_row_;
};

class ProjectionExec : public ExecutionPlan {
 public:
  ProjectionExec(ExecutionPlanPtr input, std::vector<PhysicalExprPtr> exprs,
                 std::vector<std::string> names);
  std::string name() const override { return "ProjectionExec"; }
  SchemaPtr schema() const override { return schema_; }
  std::vector<ExecutionPlanPtr> children() const override { return {input_}; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr> c) const override;
  int output_partitions() const override { return input_->output_partitions(); }
  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override;
  std::string DisplayAs() const override;
  Statistics statistics() const override;  // in plan_statistics.cc

 private:
  ExecutionPlanPtr input_;
  std::vector<PhysicalExprPtr> exprs_;
  std::vector<std::string> names_;
  SchemaPtr schema_;
};

class FilterExec : public ExecutionPlan {
 public:
  FilterExec(ExecutionPlanPtr input, PhysicalExprPtr predicate)
      : input_(std::move(input)), predicate_(std::move(predicate)) {}
  std::string name() const override { return "FilterExec"; }
  SchemaPtr schema() const override { return input_->schema(); }
  std::vector<ExecutionPlanPtr> children() const override { return {input_}; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr> c) const override;
  int output_partitions() const override { return input_->output_partitions(); }
  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override;
  std::string DisplayAs() const override { return "FilterExec: " + predicate_->ToString(); }
  Statistics statistics() const override { return input_->statistics().ToInexact(); }

 private:
  ExecutionPlanPtr input_;
  PhysicalExprPtr predicate_;
};

/// Materializes the whole input once; the shared base of breakers whose
/// result is a list of batches served as one partition.
class MaterializingExec : public ExecutionPlan, protected Sink {
 public:
  explicit MaterializingExec(ExecutionPlanPtr input) : input_(std::move(input)) {}
  SchemaPtr schema() const override { return input_->schema(); }
  std::vector<ExecutionPlanPtr> children() const override { return {input_}; }
  int output_partitions() const override { return 1; }
  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override;
  Sink* sink_for_child(int) override { return this; }

 protected:
  Result<std::unique_ptr<SinkLocalState>> MakeLocalState() override;
  Status Consume(SinkLocalState* local, int partition, const RecordBatchPtr& batch) override;
  /// Input batches gathered per partition, in partition order.
  std::vector<RecordBatchPtr> TakeInput();

  ExecutionPlanPtr input_;
  std::mutex mu_;
  std::vector<std::pair<int, RecordBatchPtr>> gathered_;
  std::vector<RecordBatchPtr> output_;
};

/// LIMIT/OFFSET over all input partitions; stops the input early.
class GlobalLimitExec : public MaterializingExec {
 public:
  GlobalLimitExec(ExecutionPlanPtr input, int64_t skip, std::optional<int64_t> fetch)
      : MaterializingExec(std::move(input)), skip_(skip), fetch_(fetch) {}
  std::string name() const override { return "GlobalLimitExec"; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr> c) const override;
  std::string DisplayAs() const override;
  Statistics statistics() const override;  // in plan_statistics.cc

 protected:
  Status Consume(SinkLocalState* local, int partition, const RecordBatchPtr& batch) override;
  Status Finalize(std::vector<std::unique_ptr<SinkLocalState>> locals,
                  const TaskContextPtr& ctx) override;
  bool Done() const override;

 private:
  int64_t skip_;
  std::optional<int64_t> fetch_;
  std::atomic<int64_t> rows_seen_{0};
  // Stopping early is only safe when input order does not matter, i.e.
  // always for a multi-partition input whose order is arbitrary anyway, and
  // for a single ordered partition since its batches arrive in order.
  bool stop_early_ = true;
};

struct PhysicalSortExpr {
  PhysicalExprPtr expr;
  bool descending = false;
  bool nulls_first = false;
  std::string ToString() const;
};

/// Full sort (or top-k with fetch) of all input partitions. With a small
/// fetch each worker keeps only its best `fetch` rows (sort_topk.cc), ties
/// broken by input position so the result equals the full sort's.
class SortExec : public MaterializingExec {
 public:
  SortExec(ExecutionPlanPtr input, std::vector<PhysicalSortExpr> keys, std::optional<int64_t> fetch)
      : MaterializingExec(std::move(input)), keys_(std::move(keys)), fetch_(fetch) {}
  std::string name() const override { return "SortExec"; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr> c) const override;
  std::string DisplayAs() const override;

 protected:
  Result<std::unique_ptr<SinkLocalState>> MakeLocalState() override;
  Status Consume(SinkLocalState* local, int partition, const RecordBatchPtr& batch) override;
  Status Finalize(std::vector<std::unique_ptr<SinkLocalState>> locals,
                  const TaskContextPtr& ctx) override;

 private:
  bool TopK() const;
  Status FinalizeTopK(std::vector<std::unique_ptr<SinkLocalState>> locals);
  std::vector<PhysicalSortExpr> keys_;
  std::optional<int64_t> fetch_;
};

/// Splits batches into slices of at most `batch_size` rows.
std::vector<RecordBatchPtr> SliceBatches(const RecordBatchPtr& batch, int64_t batch_size);

}  // namespace quiver
