#include "quiver/datasource/mem_table.h"

#include "quiver/physical/operators.h"

namespace quiver {

Result<std::shared_ptr<MemTable>> MemTable::Make(
    SchemaPtr schema, std::vector<std::vector<RecordBatchPtr>> partitions) {
  for (const auto& part : partitions) {
    for (const auto& b : part) {
      if (b->num_columns() != schema->num_fields()) {
        return Status::Plan("Mismatch between schema and batches");
      }
      for (int i = 0; i < b->num_columns(); ++i) {
        if (!b->column(i)->type()->Equals(*schema->field(i)->type())) {
          return Status::Plan("Mismatch between schema and batches: column " +
                              schema->field(i)->name() + " is " +
                              b->column(i)->type()->ToString() + ", schema says " +
                              schema->field(i)->type()->ToString());
        }
      }
    }
  }
  return std::make_shared<MemTable>(std::move(schema), std::move(partitions));
}

Result<ExecutionPlanPtr> MemTable::Scan(const ScanArgs& args) {
  std::lock_guard<std::mutex> lock(mu_);
  return ExecutionPlanPtr(std::make_shared<MemoryExec>(schema_, partitions_, args.projection));
}

std::optional<Statistics> MemTable::statistics() const {
  std::lock_guard<std::mutex> lock(mu_);
  return MemoryExec(schema_, partitions_).statistics();
}

Status MemTable::Insert(const std::vector<RecordBatchPtr>& batches, bool overwrite) {
  std::lock_guard<std::mutex> lock(mu_);
  if (overwrite) partitions_.clear();
  std::vector<RecordBatchPtr> part;
  for (const auto& b : batches) part.push_back(b->WithSchema(schema_));
  partitions_.push_back(std::move(part));
  return Status::OK();
}

}  // namespace quiver
