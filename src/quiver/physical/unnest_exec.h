// UnnestExec: each input row becomes max(list lengths) rows; the unnested
// columns take their elements (NULL past a shorter list's end), the other
// columns repeat. Streaming, batch by batch; keeps the input partitioning.
#pragma once

#include <vector>

#include "quiver/physical/execution_plan.h"

namespace quiver {

class UnnestExec : public ExecutionPlan {
 public:
  /// `columns`: indices of the list columns to unnest; `schema`: the output
  /// (the input's with those columns of their element types).
  UnnestExec(ExecutionPlanPtr input, std::vector<int> columns, SchemaPtr schema)
      : input_(std::move(input)), columns_(std::move(columns)), schema_(std::move(schema)) {}
  std::string name() const override { return "UnnestExec"; }
  SchemaPtr schema() const override { return schema_; }
  std::vector<ExecutionPlanPtr> children() const override { return {input_}; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr> c) const override {
    return ExecutionPlanPtr(std::make_shared<UnnestExec>(c[0], columns_, schema_));
  }
  int output_partitions() const override { return input_->output_partitions(); }
  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override;
  std::string DisplayAs() const override { return "UnnestExec"; }

 private:
  ExecutionPlanPtr input_;
  std::vector<int> columns_;
  SchemaPtr schema_;
};

/// Unnests one batch (exposed for tests).
Result<RecordBatchPtr> UnnestBatch(const RecordBatch& batch, const std::vector<int>& columns,
                                   const SchemaPtr& schema);

}  // namespace quiver
