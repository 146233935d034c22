// Join operators. Both inputs are pipeline breakers that only gather their
// batches (no copies); once both are in, the smaller side becomes the build
// side (a JoinHashTable, or a plain row list for nested loops) and the other
// side is probed morsel by morsel in parallel, streaming its output.
//
// Rows of the build side that an outer/semi/anti join must emit after all
// probing (unmatched rows of a preserved side, semi/anti results) come from
// whichever probe partition finishes last: every partition counts itself
// done, and the last one appends them, so no worker waits for another.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>

#include "quiver/logical/join.h"
#include "quiver/physical/execution_plan.h"
#include "quiver/physical/join_hash_table.h"
#include "quiver/physical/physical_expr.h"

namespace quiver {

struct LogicalPlan;

struct JoinSpec {
  JoinType type = JoinType::kInner;
  std::vector<PhysicalExprPtr> left_keys;   // over the left input
  std::vector<PhysicalExprPtr> right_keys;  // over the right input
  PhysicalExprPtr filter;                   // over left columns then right columns
  bool null_equals_null = false;
  SchemaPtr schema;  // output schema
};

/// Equi-join with a hash table (keys non-empty), or a nested loop join
/// (no keys; also CROSS JOIN). One class, three EXPLAIN names.
class HashJoinExec : public ExecutionPlan {
 public:
  HashJoinExec(ExecutionPlanPtr left, ExecutionPlanPtr right, JoinSpec spec);
  ~HashJoinExec() override;
  std::string name() const override;
  SchemaPtr schema() const override { return spec_.schema; }
  std::vector<ExecutionPlanPtr> children() const override { return {left_, right_}; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr> c) const override;
  int output_partitions() const override;
  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override;
  std::string DisplayAs() const override;
  Sink* sink_for_child(int child) override;

  const JoinSpec& spec() const { return spec_; }

 private:
  class GatherSink;
  class ProbeStream;
  friend class GatherSink;
  friend class ProbeStream;

  /// Called when both inputs are gathered: picks and builds the build side.
  Status Prepare(const TaskContextPtr& ctx);

  ExecutionPlanPtr left_, right_;
  JoinSpec spec_;
  SchemaPtr left_schema_, right_schema_, both_schema_;
  std::unique_ptr<GatherSink> sinks_[2];
  std::atomic<int> gathered_{0};

  // Built state (read-only while probing, except the match flags).
  bool build_left_ = true;
  RecordBatchPtr build_;               // all build rows
  std::vector<RecordBatchPtr> probe_;  // probe morsels
  JoinHashTable table_;
  std::unique_ptr<std::atomic<uint8_t>[]> build_matched_;
  std::atomic<int> finished_{0};
  std::atomic<size_t> next_morsel_{0};
};

/// Builds the physical join for a logical kJoin or kCrossJoin node.
Result<ExecutionPlanPtr> PlanPhysicalJoin(const LogicalPlan& join, ExecutionPlanPtr left,
                                          ExecutionPlanPtr right);

}  // namespace quiver
