#include "quiver/physical/operators.h"

#include <algorithm>

#include "quiver/arrow/compute/compute.h"

namespace quiver {

std::vector<RecordBatchPtr> SliceBatches(const RecordBatchPtr& batch, int64_t batch_size) {
  std::vector<RecordBatchPtr> out;
  if (batch->num_rows() <= batch_size) {
    out.push_back(batch);
    return out;
  }
  for (int64_t off = 0; off < batch->num_rows(); off += batch_size) {
    out.push_back(batch->Slice(off, std::min(batch_size, batch->num_rows() - off)));
  }
  return out;
}

// ---- MemoryExec ----

MemoryExec::MemoryExec(SchemaPtr schema, std::vector<std::vector<RecordBatchPtr>> partitions,
                       std::optional<std::vector<int>> projection)
    : partitions_(std::move(partitions)), projection_(std::move(projection)) {
  if (projection_) {
    std::vector<FieldPtr> fields;
    for (int i : *projection_) fields.push_back(schema->field(i));
    schema_ = quiver::schema(std::move(fields));
  } else {
    schema_ = std::move(schema);
  }
  for (const auto& part : partitions_) {
    for (const auto& b : part) {
      if (b->num_rows() == 0) continue;
      RecordBatchPtr out = b;
      if (projection_) {
        std::vector<ArrayPtr> cols;
        for (int i : *projection_) cols.push_back(b->column(i));
        out = RecordBatch::Make(schema_, b->num_rows(), std::move(cols));
      } else if (b->schema() != schema_) {
        out = b->WithSchema(schema_);
      }
      morsels_.push_back(std::move(out));
    }
  }
}

Result<ExecutionPlanPtr> MemoryExec::WithNewChildren(std::vector<ExecutionPlanPtr>) const {
  return std::static_pointer_cast<ExecutionPlan>(std::const_pointer_cast<MemoryExec>(
      std::static_pointer_cast<const MemoryExec>(shared_from_this())));
}

Result<StreamPtr> MemoryExec::Execute(int partition, const TaskContextPtr& ctx) {
  if (partition < 0 || partition >= output_partitions()) {
    return Status::Internal("MemoryExec partition out of range");
  }
  return MakeVectorStream(SliceBatches(morsels_[partition], ctx->batch_size()));
}

std::string MemoryExec::DisplayAs() const {
  return "MemoryExec: partitions=" + std::to_string(partitions_.size()) +
         ", morsels=" + std::to_string(morsels_.size());
}

// ---- EmptyExec ----

Result<ExecutionPlanPtr> EmptyExec::WithNewChildren(std::vector<ExecutionPlanPtr>) const {
  return ExecutionPlanPtr(std::make_shared<EmptyExec>(schema_, produce_one_row_));
}

Result<StreamPtr> EmptyExec::Execute(int, const TaskContextPtr&) {
  std::vector<RecordBatchPtr> out;
  if (produce_one_row_) out.push_back(RecordBatch::Make(schema_, 1, {}));
  return MakeVectorStream(std::move(out));
}

// ---- ProjectionExec ----

ProjectionExec::ProjectionExec(ExecutionPlanPtr input, std::vector<PhysicalExprPtr> exprs,
                               std::vector<std::string> names)
    : input_(std::move(input)), exprs_(std::move(exprs)), names_(std::move(names)) {
  std::vector<FieldPtr> fields;
  for (size_t i = 0; i < exprs_.size(); ++i) {
    fields.push_back(field(names_[i], exprs_[i]->type(), exprs_[i]->nullable()));
  }
  schema_ = quiver::schema(std::move(fields));
}

Result<ExecutionPlanPtr> ProjectionExec::WithNewChildren(std::vector<ExecutionPlanPtr> c) const {
  return ExecutionPlanPtr(std::make_shared<ProjectionExec>(c[0], exprs_, names_));
}

namespace {

class ProjectionStream : public RecordBatchStream {
 public:
  ProjectionStream(StreamPtr input, const std::vector<PhysicalExprPtr>* exprs, SchemaPtr schema)
      : input_(std::move(input)), exprs_(exprs), schema_(std::move(schema)) {}
  Result<RecordBatchPtr> Next() override {
    QUIVER_ASSIGN_OR_RAISE(auto batch, input_->Next());
    if (!batch) return batch;
    std::vector<ArrayPtr> cols;
    cols.reserve(exprs_->size());
    for (const auto& e : *exprs_) {
      QUIVER_ASSIGN_OR_RAISE(auto a, e->EvaluateToArray(*batch));
      cols.push_back(std::move(a));
    }
    return RecordBatch::Make(schema_, batch->num_rows(), std::move(cols));
  }

 private:
  StreamPtr input_;
  const std::vector<PhysicalExprPtr>* exprs_;
  SchemaPtr schema_;
};

class FilterStream : public RecordBatchStream {
 public:
  FilterStream(StreamPtr input, PhysicalExprPtr predicate)
      : input_(std::move(input)), predicate_(std::move(predicate)) {}
  Result<RecordBatchPtr> Next() override {
    for (;;) {
      QUIVER_ASSIGN_OR_RAISE(auto batch, input_->Next());
      if (!batch) return batch;
      QUIVER_ASSIGN_OR_RAISE(auto mask, predicate_->Evaluate(*batch));
      if (mask.type()->id() == TypeId::kNull) continue;  // NULL predicate keeps nothing
      if (mask.is_scalar) {
        const auto& m = static_cast<const BooleanArray&>(*mask.array);
        if (m.IsValid(0) && m.Value(0)) return batch;
        continue;
      }
      const auto& m = static_cast<const BooleanArray&>(*mask.array);
      QUIVER_ASSIGN_OR_RAISE(auto out, compute::FilterBatch(batch, m));
      if (out->num_rows() > 0) return out;
    }
  }

 private:
  StreamPtr input_;
  PhysicalExprPtr predicate_;
};

}  // namespace

Result<StreamPtr> ProjectionExec::Execute(int partition, const TaskContextPtr& ctx) {
  QUIVER_ASSIGN_OR_RAISE(auto in, input_->Execute(partition, ctx));
  return StreamPtr(std::make_unique<ProjectionStream>(std::move(in), &exprs_, schema_));
}

std::string ProjectionExec::DisplayAs() const {
  std::string out = "ProjectionExec: expr=[";
  for (size_t i = 0; i < exprs_.size(); ++i) {
    if (i) out += ", ";
    out += exprs_[i]->ToString() + " as " + names_[i];
  }
  return out + "]";
}

// ---- FilterExec ----

Result<ExecutionPlanPtr> FilterExec::WithNewChildren(std::vector<ExecutionPlanPtr> c) const {
  return ExecutionPlanPtr(std::make_shared<FilterExec>(c[0], predicate_));
}

Result<StreamPtr> FilterExec::Execute(int partition, const TaskContextPtr& ctx) {
  QUIVER_ASSIGN_OR_RAISE(auto in, input_->Execute(partition, ctx));
  return StreamPtr(std::make_unique<FilterStream>(std::move(in), predicate_));
}

// ---- MaterializingExec ----

Result<std::unique_ptr<SinkLocalState>> MaterializingExec::MakeLocalState() {
  return std::make_unique<SinkLocalState>();
}

Status MaterializingExec::Consume(SinkLocalState*, int partition, const RecordBatchPtr& batch) {
  std::lock_guard<std::mutex> lock(mu_);
  gathered_.emplace_back(partition, batch);
  return Status::OK();
}

std::vector<RecordBatchPtr> MaterializingExec::TakeInput() {
  std::stable_sort(gathered_.begin(), gathered_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<RecordBatchPtr> out;
  for (auto& [p, b] : gathered_) out.push_back(std::move(b));
  gathered_.clear();
  return out;
}

Result<StreamPtr> MaterializingExec::Execute(int partition, const TaskContextPtr& ctx) {
  std::vector<RecordBatchPtr> out;
  for (const auto& b : output_) {
    auto slices = SliceBatches(b, ctx->batch_size());
    out.insert(out.end(), slices.begin(), slices.end());
  }
  return MakeVectorStream(std::move(out));
}

// ---- GlobalLimitExec ----

Result<ExecutionPlanPtr> GlobalLimitExec::WithNewChildren(std::vector<ExecutionPlanPtr> c) const {
  return ExecutionPlanPtr(std::make_shared<GlobalLimitExec>(c[0], skip_, fetch_));
}

std::string GlobalLimitExec::DisplayAs() const {
  return "GlobalLimitExec: skip=" + std::to_string(skip_) +
         ", fetch=" + (fetch_ ? std::to_string(*fetch_) : std::string("None"));
}

bool GlobalLimitExec::Done() const {
  return fetch_ && rows_seen_.load() >= skip_ + *fetch_ && input_->output_partitions() > 0 &&
         stop_early_;
}

Status GlobalLimitExec::Consume(SinkLocalState* local, int partition, const RecordBatchPtr& batch) {
  rows_seen_ += batch->num_rows();
  return MaterializingExec::Consume(local, partition, batch);
}

Status GlobalLimitExec::Finalize(std::vector<std::unique_ptr<SinkLocalState>>,
                                 const TaskContextPtr&) {
  int64_t to_skip = skip_;
  int64_t remaining = fetch_ ? *fetch_ : INT64_MAX;
  for (auto& b : TakeInput()) {
    if (remaining == 0) break;
    int64_t n = b->num_rows();
    if (to_skip >= n) {
      to_skip -= n;
      continue;
    }
    int64_t take = std::min(n - to_skip, remaining);
    output_.push_back(b->Slice(to_skip, take));
    remaining -= take;
    to_skip = 0;
  }
  return Status::OK();
}

// ---- SortExec ----

std::string PhysicalSortExpr::ToString() const {
  return expr->ToString() + (descending ? " DESC" : " ASC") +
         (nulls_first ? " NULLS FIRST" : " NULLS LAST");
}

Result<ExecutionPlanPtr> SortExec::WithNewChildren(std::vector<ExecutionPlanPtr> c) const {
  return ExecutionPlanPtr(std::make_shared<SortExec>(c[0], keys_, fetch_));
}

std::string SortExec::DisplayAs() const {
  std::string out = fetch_ ? "SortExec: TopK(fetch=" + std::to_string(*fetch_) + "), expr=["
                           : std::string("SortExec: expr=[");
  for (size_t i = 0; i < keys_.size(); ++i) out += (i ? ", " : "") + keys_[i].ToString();
  return out + "]";
}

Status SortExec::Finalize(std::vector<std::unique_ptr<SinkLocalState>> locals,
                          const TaskContextPtr&) {
  if (TopK()) return FinalizeTopK(std::move(locals));
  auto input = TakeInput();
  if (input.empty()) return Status::OK();
  QUIVER_ASSIGN_OR_RAISE(auto all, compute::ConcatenateBatches(schema(), input));
  std::vector<compute::SortKey> keys;
  for (const auto& k : keys_) {
    QUIVER_ASSIGN_OR_RAISE(auto values, k.expr->EvaluateToArray(*all));
    keys.push_back({values, k.descending, k.nulls_first});
  }
  QUIVER_ASSIGN_OR_RAISE(auto indices, compute::SortIndices(keys, fetch_ ? *fetch_ : -1));
  QUIVER_ASSIGN_OR_RAISE(auto sorted, compute::TakeBatch(all, *indices));
  output_.push_back(std::move(sorted));
  return Status::OK();
}

}  // namespace quiver
