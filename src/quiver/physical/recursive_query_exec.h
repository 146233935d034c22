// RecursiveQueryExec: runs WITH RECURSIVE. A pipeline breaker over the static
// term; when that is done it repeatedly plans and runs the recursive term
// (kept as a logical plan, so every round gets fresh operators) over the
// previous round's rows until a round yields none.
#pragma once

#include "quiver/logical/recursive_query.h"
#include "quiver/physical/operators.h"

namespace quiver {

class RecursiveQueryExec : public MaterializingExec {
 public:
  /// Rounds after which the query fails instead of running on (a recursion
  /// that never ends).
  static constexpr int kMaxIterations = 10000;
  /// Rows after which the query fails (a recursion that explodes).
  static constexpr int64_t kMaxRows = 100'000'000;

  RecursiveQueryExec(ExecutionPlanPtr static_term, LogicalPlanPtr recursive_term,
                     std::shared_ptr<WorkTableSource> work_table, bool is_distinct);
  std::string name() const override { return "RecursiveQueryExec"; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr> c) const override;
  std::string DisplayAs() const override;

 protected:
  Status Finalize(std::vector<std::unique_ptr<SinkLocalState>> locals,
                  const TaskContextPtr& ctx) override;

 private:
  LogicalPlanPtr recursive_term_;
  std::shared_ptr<WorkTableSource> work_table_;
  bool is_distinct_;
};

/// A scan of the work table's current rows (inside a recursive term).
ExecutionPlanPtr MakeWorkTableScan(const WorkTableSource& table,
                                   const std::optional<std::vector<int>>& projection);

}  // namespace quiver
