// MemTable: a table of RecordBatches held in memory, in partitions.
#pragma once

#include <mutex>
#include <vector>

#include "quiver/physical/table_provider.h"

namespace quiver {

class MemTable : public TableProvider {
 public:
  /// Checks that every batch matches `schema`.
  static Result<std::shared_ptr<MemTable>> Make(SchemaPtr schema,
                                                std::vector<std::vector<RecordBatchPtr>> partitions);
  MemTable(SchemaPtr schema, std::vector<std::vector<RecordBatchPtr>> partitions)
      : schema_(std::move(schema)), partitions_(std::move(partitions)) {}

  SchemaPtr schema() const override { return schema_; }
  Result<ExecutionPlanPtr> Scan(const ScanArgs& args) override;
  std::optional<Statistics> statistics() const override;
  Status Insert(const std::vector<RecordBatchPtr>& batches, bool overwrite) override;

 private:
  SchemaPtr schema_;
  mutable std::mutex mu_;
  std::vector<std::vector<RecordBatchPtr>> partitions_;
};

}  // namespace quiver
