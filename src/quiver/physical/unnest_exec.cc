#include "quiver/physical/unnest_exec.h"

#include <algorithm>

#include "quiver/arrow/compute/compute.h"
#include "quiver/arrow/compute/kernel_util.h"
#include "quiver/functions/list_util.h"

namespace quiver {

namespace ci = compute::internal;

Result<RecordBatchPtr> UnnestBatch(const RecordBatch& batch, const std::vector<int>& columns,
                                   const SchemaPtr& schema) {
  const int64_t n = batch.num_rows();
  std::vector<functions::ListReader> lists;
  for (int c : columns) lists.emplace_back(compute::Datum::Array(batch.column(c)));
  // Output rows per input row: the longest list (null lists count as empty).
  std::vector<int64_t> parent;
  std::vector<std::vector<int64_t>> elems(columns.size());
  for (int64_t i = 0; i < n; ++i) {
    int64_t len = 0;
    for (const auto& l : lists) len = std::max(len, l.IsNull(i) ? 0 : l.Length(i));
    for (int64_t k = 0; k < len; ++k) {
      parent.push_back(i);
      for (size_t c = 0; c < lists.size(); ++c) {
        const auto& l = lists[c];
        elems[c].push_back(!l.IsNull(i) && k < l.Length(i) ? l.Start(i) + k : -1);
      }
    }
  }
  std::vector<ArrayPtr> out(batch.num_columns());
  for (int j = 0; j < batch.num_columns(); ++j) {
    auto it = std::find(columns.begin(), columns.end(), j);
    if (it == columns.end()) {
      QUIVER_ASSIGN_OR_RAISE(out[j], ci::TakeInt64(batch.column(j), parent));
      continue;
    }
    const size_t c = static_cast<size_t>(it - columns.begin());
    const DataTypePtr& want = schema->field(j)->type();
    if (batch.column(j)->type()->id() == TypeId::kNull) {
      QUIVER_ASSIGN_OR_RAISE(out[j], ci::MakeNullArray(want, static_cast<int64_t>(parent.size())));
      continue;
    }
    QUIVER_ASSIGN_OR_RAISE(out[j], ci::TakeInt64(lists[c].values(), elems[c]));
    if (!out[j]->type()->Equals(*want)) {
      QUIVER_ASSIGN_OR_RAISE(out[j], compute::Cast(out[j], want));
    }
  }
  return RecordBatch::Make(schema, static_cast<int64_t>(parent.size()), std::move(out));
}

namespace {

class UnnestStream : public RecordBatchStream {
 public:
  UnnestStream(StreamPtr input, const std::vector<int>* columns, SchemaPtr schema)
      : input_(std::move(input)), columns_(columns), schema_(std::move(schema)) {}
  Result<RecordBatchPtr> Next() override {
    for (;;) {
      QUIVER_ASSIGN_OR_RAISE(auto batch, input_->Next());
      if (!batch) return batch;
      QUIVER_ASSIGN_OR_RAISE(auto out, UnnestBatch(*batch, *columns_, schema_));
      if (out->num_rows() > 0) return out;
    }
  }

 private:
  StreamPtr input_;
  const std::vector<int>* columns_;
  SchemaPtr schema_;
};

}  // namespace

Result<StreamPtr> UnnestExec::Execute(int partition, const TaskContextPtr& ctx) {
  QUIVER_ASSIGN_OR_RAISE(auto in, input_->Execute(partition, ctx));
  return StreamPtr(std::make_unique<UnnestStream>(std::move(in), &columns_, schema_));
}

}  // namespace quiver
