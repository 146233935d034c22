#include "quiver/physical/union_exec.h"

#include "quiver/arrow/compute/compute.h"

namespace quiver {

namespace {

class UnionStream : public RecordBatchStream {
 public:
  UnionStream(StreamPtr input, SchemaPtr schema)
      : input_(std::move(input)), schema_(std::move(schema)) {}
  Result<RecordBatchPtr> Next() override {
    QUIVER_ASSIGN_OR_RAISE(auto b, input_->Next());
    if (!b) return b;
    if (b->num_columns() != schema_->num_fields()) {
      return Status::Internal("UnionExec input has a different number of columns");
    }
    std::vector<ArrayPtr> cols = b->columns();
    for (size_t i = 0; i < cols.size(); ++i) {
      const auto& t = schema_->field(static_cast<int>(i))->type();
      if (!cols[i]->type()->Equals(*t)) {
        QUIVER_ASSIGN_OR_RAISE(cols[i], compute::Cast(cols[i], t));
      }
    }
    return RecordBatch::Make(schema_, b->num_rows(), std::move(cols));
  }

 private:
  StreamPtr input_;
  SchemaPtr schema_;
};

}  // namespace

Result<ExecutionPlanPtr> UnionExec::WithNewChildren(std::vector<ExecutionPlanPtr> c) const {
  return ExecutionPlanPtr(std::make_shared<UnionExec>(std::move(c), schema_));
}

int UnionExec::output_partitions() const {
  int n = 0;
  for (const auto& in : inputs_) n += in->output_partitions();
  return n;
}

Result<StreamPtr> UnionExec::Execute(int partition, const TaskContextPtr& ctx) {
  int p = partition;
  for (const auto& in : inputs_) {
    int n = in->output_partitions();
    if (p < n) {
      QUIVER_ASSIGN_OR_RAISE(auto s, in->Execute(p, ctx));
      return StreamPtr(std::make_unique<UnionStream>(std::move(s), schema_));
    }
    p -= n;
  }
  return Status::Internal("UnionExec partition out of range");
}

}  // namespace quiver
