// Hash aggregation. Each worker aggregates the morsels it runs into its own
// table (partial state); Finalize splits every worker's groups by hash into
// P buckets and merges bucket k of all workers in task k, so the final merge
// is parallel too and each output partition holds disjoint groups.
#pragma once

#include <optional>

#include "quiver/physical/common_subexpr.h"
#include "quiver/physical/execution_plan.h"
#include "quiver/physical/physical_expr.h"

namespace quiver {

struct PhysicalAggregate {
  AggregateUDFPtr fn;
  std::vector<PhysicalExprPtr> args;
  PhysicalExprPtr filter;  // may be null
  bool distinct = false;
  std::string name;  // output column name
  AggregateArgs fn_args;
};

class AggregateExec : public ExecutionPlan, protected Sink {
 public:
  AggregateExec(ExecutionPlanPtr input, std::vector<PhysicalExprPtr> group_exprs,
                std::vector<std::string> group_names, std::vector<PhysicalAggregate> aggregates);
  std::string name() const override { return "AggregateExec"; }
  SchemaPtr schema() const override { return schema_; }
  std::vector<ExecutionPlanPtr> children() const override { return {input_}; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr> c) const override;
  int output_partitions() const override { return static_cast<int>(output_.size()); }
  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override;
  std::string DisplayAs() const override;
  Sink* sink_for_child(int) override { return this; }

 protected:
  Result<std::unique_ptr<SinkLocalState>> MakeLocalState() override;
  Status Consume(SinkLocalState* local, int partition, const RecordBatchPtr& batch) override;
  Status Finalize(std::vector<std::unique_ptr<SinkLocalState>> locals,
                  const TaskContextPtr& ctx) override;

 private:
  struct Table;
  Result<std::unique_ptr<Table>> MakeTable() const;
  Status MergeBucket(std::vector<std::unique_ptr<Table>>* locals,
                     const std::vector<std::vector<std::vector<uint32_t>>>& buckets, int bucket,
                     std::vector<RecordBatchPtr>* out) const;

  ExecutionPlanPtr input_;
  std::vector<PhysicalExprPtr> group_exprs_;
  std::vector<std::string> group_names_;
  std::vector<PhysicalAggregate> aggregates_;
  // Arguments and filters as evaluated: subexpressions they share are
  // computed once per batch into appended columns (shared_.common).
  SharedSubexprs shared_;
  // SUM(x + k) runs as a sum of x reporting sum + k * count (sum_offset.h):
  // its offset, and each aggregate's arguments as evaluated before sharing.
  std::vector<std::optional<int64_t>> sum_offsets_;
  // For such a sum over the same x (no filter) as an earlier one: that
  // aggregate's index, whose sums and counts it copies (-1 otherwise).
  std::vector<int> same_input_as_;
  std::vector<std::vector<PhysicalExprPtr>> plain_args_;
  std::vector<std::vector<PhysicalExprPtr>> eval_args_;
  std::vector<PhysicalExprPtr> eval_filters_;
  SchemaPtr schema_;
  std::vector<std::vector<RecordBatchPtr>> output_{1};
};

}  // namespace quiver
