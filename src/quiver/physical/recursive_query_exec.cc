#include "quiver/physical/recursive_query_exec.h"

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/physical/executor.h"
#include "quiver/physical/group_values.h"
#include "quiver/physical/physical_planner.h"

namespace quiver {

namespace {

// Keeps the rows of `batch` not interned in `seen` before (nor earlier in
// the batch), interning them.
Result<RecordBatchPtr> KeepNewRows(GroupValues* seen, const RecordBatchPtr& batch) {
  const int64_t before = seen->num_groups();
  std::vector<uint32_t> ids;
  QUIVER_RETURN_NOT_OK(seen->Intern(batch->columns(), &ids));
  if (seen->num_groups() - before == batch->num_rows()) return batch;
  // Group ids are handed out in row order, so a row is new exactly when its
  // id is the next unused one.
  BooleanBuilder mask;
  int64_t next = before;
  for (int64_t i = 0; i < batch->num_rows(); ++i) {
    bool fresh = static_cast<int64_t>(ids[i]) == next;
    if (fresh) ++next;
    QUIVER_RETURN_NOT_OK(mask.Append(fresh));
  }
  QUIVER_ASSIGN_OR_RAISE(auto m, mask.Finish());
  return compute::FilterBatch(batch, static_cast<const BooleanArray&>(*m));
}

}  // namespace

RecursiveQueryExec::RecursiveQueryExec(ExecutionPlanPtr static_term, LogicalPlanPtr recursive_term,
                                       std::shared_ptr<WorkTableSource> work_table,
                                       bool is_distinct)
    : MaterializingExec(std::move(static_term)),
      recursive_term_(std::move(recursive_term)),
      work_table_(std::move(work_table)),
      is_distinct_(is_distinct) {}

Result<ExecutionPlanPtr> RecursiveQueryExec::WithNewChildren(
    std::vector<ExecutionPlanPtr> c) const {
  return ExecutionPlanPtr(
      std::make_shared<RecursiveQueryExec>(c[0], recursive_term_, work_table_, is_distinct_));
}

std::string RecursiveQueryExec::DisplayAs() const {
  return "RecursiveQueryExec: name=" + work_table_->name() +
         ", is_distinct=" + (is_distinct_ ? "true" : "false");
}

Status RecursiveQueryExec::Finalize(std::vector<std::unique_ptr<SinkLocalState>>,
                                    const TaskContextPtr& ctx) {
  output_.clear();
  const SchemaPtr out_schema = schema();
  std::vector<DataTypePtr> types;
  for (const auto& f : out_schema->fields()) types.push_back(f->type());
  GroupValues seen(types);
  int64_t total_rows = 0;
  // Adds a round's rows to the output; returns the ones the next round reads.
  auto absorb =
      [&](const std::vector<RecordBatchPtr>& batches) -> Result<std::vector<RecordBatchPtr>> {
    std::vector<RecordBatchPtr> fresh;
    for (const auto& b : batches) {
      if (b->num_rows() == 0) continue;
      RecordBatchPtr batch = b->WithSchema(out_schema);
      if (is_distinct_) {
        QUIVER_ASSIGN_OR_RAISE(batch, KeepNewRows(&seen, batch));
        if (batch->num_rows() == 0) continue;
      }
      total_rows += batch->num_rows();
      fresh.push_back(batch);
      output_.push_back(batch);
    }
    if (total_rows > kMaxRows) {
      return Status::ResourcesExhausted("Recursive query '" + work_table_->name() +
                                        "' produced more than " + std::to_string(kMaxRows) +
                                        " rows");
    }
    return fresh;
  };
  QUIVER_ASSIGN_OR_RAISE(auto work, absorb(TakeInput()));
  for (int round = 0; !work.empty(); ++round) {
    if (ctx->cancelled.load()) return Status::Cancelled();
    if (round >= kMaxIterations) {
      return Status::Execution("Recursive query '" + work_table_->name() +
                               "' did not finish after " + std::to_string(kMaxIterations) +
                               " iterations; check that its recursive term stops producing rows");
    }
    work_table_->SetBatches(std::move(work));
    QUIVER_ASSIGN_OR_RAISE(auto plan, CreatePhysicalPlan(recursive_term_, ctx->config));
    QUIVER_ASSIGN_OR_RAISE(auto batches, ExecuteCollect(plan, ctx));
    QUIVER_ASSIGN_OR_RAISE(work, absorb(batches));
  }
  work_table_->SetBatches({});
  return Status::OK();
}

ExecutionPlanPtr MakeWorkTableScan(const WorkTableSource& table,
                                   const std::optional<std::vector<int>>& projection) {
  return std::make_shared<MemoryExec>(
      table.schema(), std::vector<std::vector<RecordBatchPtr>>{table.batches()}, projection);
}

}  // namespace quiver
