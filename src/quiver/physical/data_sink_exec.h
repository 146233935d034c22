// DataSinkExec: runs its input into a DataSink (a table insert, COPY's file
// writer) and outputs one row with the number of rows written. The physical
// form of the Dml and CopyTo logical nodes.
#pragma once

#include <memory>

#include "quiver/logical/dml.h"
#include "quiver/physical/operators.h"

namespace quiver {

class DataSinkExec : public MaterializingExec {
 public:
  DataSinkExec(ExecutionPlanPtr input, std::shared_ptr<const WriteSpec> spec)
      : MaterializingExec(std::move(input)), spec_(std::move(spec)) {}
  std::string name() const override { return "DataSinkExec"; }
  SchemaPtr schema() const override { return WriteCountSchema(); }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr> c) const override;
  std::string DisplayAs() const override { return "DataSinkExec: sink=" + spec_->sink->ToString(); }

 protected:
  Status Finalize(std::vector<std::unique_ptr<SinkLocalState>> locals,
                  const TaskContextPtr& ctx) override;

 private:
  std::shared_ptr<const WriteSpec> spec_;
};

/// Casts `batches` to `target` column by column (same column count), with
/// DataFusion's errors for a wrong count and NULLs in NOT NULL columns.
Result<std::vector<RecordBatchPtr>> CastBatchesToTarget(const std::vector<RecordBatchPtr>& batches,
                                                        const SchemaPtr& target);

}  // namespace quiver
