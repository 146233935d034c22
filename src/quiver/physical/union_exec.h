// UnionExec: UNION ALL. The partitions of every input, one after another;
// batches are relabelled with the union schema (the logical plan already
// cast inputs whose column types differ).
#pragma once

#include "quiver/physical/execution_plan.h"

namespace quiver {

class UnionExec : public ExecutionPlan {
 public:
  UnionExec(std::vector<ExecutionPlanPtr> inputs, SchemaPtr schema)
      : inputs_(std::move(inputs)), schema_(std::move(schema)) {}
  std::string name() const override { return "UnionExec"; }
  SchemaPtr schema() const override { return schema_; }
  std::vector<ExecutionPlanPtr> children() const override { return inputs_; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr> c) const override;
  int output_partitions() const override;
  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override;
  std::string DisplayAs() const override { return "UnionExec"; }

 private:
  std::vector<ExecutionPlanPtr> inputs_;
  SchemaPtr schema_;
};

}  // namespace quiver
