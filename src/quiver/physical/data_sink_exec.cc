#include "quiver/physical/data_sink_exec.h"

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"

namespace quiver {

Result<std::vector<RecordBatchPtr>> CastBatchesToTarget(const std::vector<RecordBatchPtr>& batches,
                                                        const SchemaPtr& target) {
  std::vector<RecordBatchPtr> out;
  for (const auto& b : batches) {
    if (b->num_columns() != target->num_fields()) {
      return Status::Plan("Inserting query must have the same schema with the table. Expected " +
                          std::to_string(target->num_fields()) + " columns, got " +
                          std::to_string(b->num_columns()));
    }
    std::vector<ArrayPtr> cols;
    for (int i = 0; i < b->num_columns(); ++i) {
      ArrayPtr c = b->column(i);
      const auto& f = target->field(i);
      if (!c->type()->Equals(*f->type())) {
        QUIVER_ASSIGN_OR_RAISE(c, compute::Cast(c, f->type()));
      }
      if (!f->nullable() && c->null_count() > 0) {
        return Status::Execution("Invalid batch column at '" + std::to_string(i) +
                                 "' has null but schema specifies non-nullable");
      }
      cols.push_back(std::move(c));
    }
    out.push_back(RecordBatch::Make(target, b->num_rows(), std::move(cols)));
  }
  return out;
}

Result<ExecutionPlanPtr> DataSinkExec::WithNewChildren(std::vector<ExecutionPlanPtr> c) const {
  return ExecutionPlanPtr(std::make_shared<DataSinkExec>(c[0], spec_));
}

Status DataSinkExec::Finalize(std::vector<std::unique_ptr<SinkLocalState>>, const TaskContextPtr&) {
  std::vector<RecordBatchPtr> batches = TakeInput();
  if (spec_->target_schema) {
    QUIVER_ASSIGN_OR_RAISE(batches, CastBatchesToTarget(batches, spec_->target_schema));
  }
  int64_t rows = 0;
  for (const auto& b : batches) rows += b->num_rows();
  QUIVER_RETURN_NOT_OK(spec_->sink->Write(batches));
  UInt64Builder count(uint64());
  QUIVER_RETURN_NOT_OK(count.Append(static_cast<uint64_t>(rows)));
  QUIVER_ASSIGN_OR_RAISE(auto a, count.Finish());
  output_ = {RecordBatch::Make(WriteCountSchema(), 1, {a})};
  return Status::OK();
}

}  // namespace quiver
