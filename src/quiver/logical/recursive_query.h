// WITH RECURSIVE: the RecursiveQuery plan node and the work table its
// recursive term reads. The static term runs once; the recursive term then
// runs again and again over the rows the previous round produced (the work
// table) until a round produces none.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "quiver/arrow/record_batch.h"
#include "quiver/logical/logical_plan.h"

namespace quiver {

/// The rows of the previous round, as the recursive term scans them under the
/// CTE's name. The executing operator fills it before each round.
class WorkTableSource : public TableSource {
 public:
  WorkTableSource(std::string name, SchemaPtr schema)
      : name_(std::move(name)), schema_(std::move(schema)) {}
  SchemaPtr schema() const override { return schema_; }
  TableType table_type() const override { return TableType::kTemporary; }
  const std::string& name() const { return name_; }

  void SetBatches(std::vector<RecordBatchPtr> batches) {
    std::lock_guard<std::mutex> lock(mu_);
    batches_ = std::move(batches);
  }
  std::vector<RecordBatchPtr> batches() const {
    std::lock_guard<std::mutex> lock(mu_);
    return batches_;
  }

 private:
  std::string name_;
  SchemaPtr schema_;
  mutable std::mutex mu_;
  std::vector<RecordBatchPtr> batches_;
};

/// RecursiveQuery over inputs [static term, recursive term]; the output has
/// the static term's schema (the recursive term must already match it by
/// position and type). `work_table` is scanned inside the recursive term.
/// With `is_distinct` (UNION) rows already produced are dropped.
Result<LogicalPlanPtr> MakeRecursiveQuery(std::string name, LogicalPlanPtr static_term,
                                          LogicalPlanPtr recursive_term,
                                          std::shared_ptr<WorkTableSource> work_table,
                                          bool is_distinct);

}  // namespace quiver
