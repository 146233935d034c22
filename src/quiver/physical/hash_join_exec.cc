#include "quiver/physical/hash_join_exec.h"

#include <algorithm>
#include <deque>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/logical/logical_plan.h"
#include "quiver/physical/create_physical_expr.h"
#include "quiver/physical/join_probe.h"
#include "quiver/physical/operators.h"
#include "quiver/physical/thread_pool.h"

namespace quiver {

namespace {

Result<ArrayPtr> IndexArray(const std::vector<uint32_t>& idx) {
  UInt32Builder b(uint32());
  QUIVER_RETURN_NOT_OK(b.AppendValues(idx.data(), static_cast<int64_t>(idx.size())));
  return b.Finish();
}

Result<std::vector<ArrayPtr>> NullColumns(const Schema& s, int64_t n) {
  std::vector<ArrayPtr> out;
  for (const auto& f : s.fields()) {
    QUIVER_ASSIGN_OR_RAISE(auto b, MakeBuilder(f->type()));
    QUIVER_RETURN_NOT_OK(b->AppendNulls(n));
    QUIVER_ASSIGN_OR_RAISE(auto a, b->Finish());
    out.push_back(std::move(a));
  }
  return out;
}

Result<RecordBatchPtr> ConcatAll(const SchemaPtr& s, const std::vector<RecordBatchPtr>& batches) {
  if (batches.size() == 1) return batches[0];
  if (!batches.empty()) return compute::ConcatenateBatches(s, batches);
  QUIVER_ASSIGN_OR_RAISE(auto cols, NullColumns(*s, 0));
  return RecordBatch::Make(s, 0, std::move(cols));
}

Result<std::vector<ArrayPtr>> EvaluateKeys(const std::vector<PhysicalExprPtr>& keys,
                                           const RecordBatch& batch) {
  std::vector<ArrayPtr> out;
  for (const auto& k : keys) {
    QUIVER_ASSIGN_OR_RAISE(auto a, k->EvaluateToArray(batch));
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

// Gathers the batches of one input, in partition order.
class HashJoinExec::GatherSink : public Sink {
 public:
  GatherSink(HashJoinExec* join) : join_(join) {}
  Result<std::unique_ptr<SinkLocalState>> MakeLocalState() override {
    return std::make_unique<SinkLocalState>();
  }
  Status Consume(SinkLocalState*, int partition, const RecordBatchPtr& batch) override {
    std::lock_guard<std::mutex> lock(mu_);
    got_.emplace_back(partition, batch);
    return Status::OK();
  }
  Status Finalize(std::vector<std::unique_ptr<SinkLocalState>>,
                  const TaskContextPtr& ctx) override {
    std::stable_sort(got_.begin(), got_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    batches.clear();
    rows = 0;
    for (auto& [p, b] : got_) {
      rows += b->num_rows();
      batches.push_back(std::move(b));
    }
    got_.clear();
    if (join_->gathered_.fetch_add(1) + 1 == 2) return join_->Prepare(ctx);
    return Status::OK();
  }

  std::vector<RecordBatchPtr> batches;
  int64_t rows = 0;

 private:
  HashJoinExec* join_;
  std::mutex mu_;
  std::vector<std::pair<int, RecordBatchPtr>> got_;
};

HashJoinExec::HashJoinExec(ExecutionPlanPtr left, ExecutionPlanPtr right, JoinSpec spec)
    : left_(std::move(left)), right_(std::move(right)), spec_(std::move(spec)) {
  left_schema_ = left_->schema();
  right_schema_ = right_->schema();
  auto fields = left_schema_->fields();
  for (const auto& f : right_schema_->fields()) fields.push_back(f);
  both_schema_ = quiver::schema(std::move(fields));
  sinks_[0] = std::make_unique<GatherSink>(this);
  sinks_[1] = std::make_unique<GatherSink>(this);
}

HashJoinExec::~HashJoinExec() = default;

std::string HashJoinExec::name() const {
  if (!spec_.left_keys.empty()) return "HashJoinExec";
  if (!spec_.filter && spec_.type == JoinType::kInner) return "CrossJoinExec";
  return "NestedLoopJoinExec";
}

Result<ExecutionPlanPtr> HashJoinExec::WithNewChildren(std::vector<ExecutionPlanPtr> c) const {
  if (c.size() != 2) return Status::Internal("join needs two children");
  return ExecutionPlanPtr(std::make_shared<HashJoinExec>(c[0], c[1], spec_));
}

int HashJoinExec::output_partitions() const {
  return std::max({left_->output_partitions(), right_->output_partitions(),
                   2 * ThreadPool::Default()->num_threads(), 1});
}

Sink* HashJoinExec::sink_for_child(int child) {
  if (child == 0) gathered_ = 0;
  return sinks_[child].get();
}

std::string HashJoinExec::DisplayAs() const {
  std::string out = name();
  if (out == "CrossJoinExec") return out;
  out += std::string(": join_type=") + JoinTypeToString(spec_.type);
  if (!spec_.left_keys.empty()) {
    out += ", on=[";
    for (size_t i = 0; i < spec_.left_keys.size(); ++i) {
      if (i) out += ", ";
      out += "(" + spec_.left_keys[i]->ToString() + ", " + spec_.right_keys[i]->ToString() + ")";
    }
    out += "]";
  }
  if (spec_.filter) out += ", filter=" + spec_.filter->ToString();
  if (spec_.null_equals_null) out += ", NullsEqual: true";
  return out;
}

Status HashJoinExec::Prepare(const TaskContextPtr& ctx) {
  GatherSink& l = *sinks_[0];
  GatherSink& r = *sinks_[1];
  // The smaller input is built; the other one is probed.
  build_left_ = l.rows <= r.rows;
  GatherSink& build = build_left_ ? l : r;
  GatherSink& probe = build_left_ ? r : l;
  QUIVER_ASSIGN_OR_RAISE(build_,
                         ConcatAll(build_left_ ? left_schema_ : right_schema_, build.batches));
  build.batches.clear();
  const auto& build_keys = build_left_ ? spec_.left_keys : spec_.right_keys;
  if (!build_keys.empty()) {
    QUIVER_ASSIGN_OR_RAISE(auto keys, EvaluateKeys(build_keys, *build_));
    QUIVER_RETURN_NOT_OK(table_.Build(std::move(keys), build_->num_rows(), spec_.null_equals_null));
  }
  const int64_t n = build_->num_rows();
  build_matched_.reset(new std::atomic<uint8_t>[std::max<int64_t>(n, 1)]);
  for (int64_t i = 0; i < n; ++i) build_matched_[i].store(0, std::memory_order_relaxed);
  probe_.clear();
  for (const auto& b : probe.batches) {
    for (auto& s : SliceBatches(b, ctx->batch_size())) probe_.push_back(std::move(s));
  }
  probe.batches.clear();
  finished_ = 0;
  next_morsel_ = 0;
  return Status::OK();
}

// Probes the morsels this partition claims, then (if last) emits build rows.
class HashJoinExec::ProbeStream : public RecordBatchStream {
 public:
  ProbeStream(HashJoinExec* j, const TaskContextPtr& ctx) : j_(j), ctx_(ctx) {
    const JoinType t = j->spec_.type;
    const bool probe_left = !j->build_left_;
    const bool keep_left = t == JoinType::kLeft || t == JoinType::kFull;
    const bool keep_right = t == JoinType::kRight || t == JoinType::kFull;
    const bool left_only = OutputsLeftOnly(t), right_only = OutputsRightOnly(t);
    semi_ = t == JoinType::kLeftSemi || t == JoinType::kRightSemi;
    pair_output_ = !left_only && !right_only;
    probe_preserved_ = probe_left ? keep_left : keep_right;
    build_preserved_ = probe_left ? keep_right : keep_left;
    on_probe_ = (left_only && probe_left) || (right_only && !probe_left);
    on_build_ = (left_only && !probe_left) || (right_only && probe_left);
    first_match_only_ = on_probe_ && !j->spec_.filter;
    batch_size_ = std::max<int64_t>(1, ctx->batch_size());
  }

  Result<RecordBatchPtr> Next() override {
    for (;;) {
      if (ctx_->cancelled.load()) return Status::Cancelled();
      if (!out_.empty()) {
        auto b = std::move(out_.front());
        out_.pop_front();
        return b;
      }
      if (cur_) {
        QUIVER_RETURN_NOT_OK(Step());
        continue;
      }
      size_t m = j_->next_morsel_.fetch_add(1);
      if (m < j_->probe_.size()) {
        QUIVER_RETURN_NOT_OK(Start(j_->probe_[m]));
        continue;
      }
      if (!finished_) {
        finished_ = true;
        if (j_->finished_.fetch_add(1, std::memory_order_acq_rel) + 1 == j_->output_partitions()) {
          QUIVER_RETURN_NOT_OK(EmitBuildSide());
        }
        continue;
      }
      return nullptr;
    }
  }

 private:
  Status Start(const RecordBatchPtr& batch) {
    cur_ = batch;
    n_ = batch->num_rows();
    row_ = 0;
    chain_ = JoinHashTable::kEnd;
    started_ = false;
    matched_.assign(n_, 0);
    const auto& keys = j_->build_left_ ? j_->spec_.right_keys : j_->spec_.left_keys;
    if (!keys.empty()) {
      QUIVER_ASSIGN_OR_RAISE(auto k, EvaluateKeys(keys, *batch));
      QUIVER_RETURN_NOT_OK(probe_.Start(&j_->table_, std::move(k), n_, j_->spec_.null_equals_null,
                                        first_match_only_));
    }
    return Status::OK();
  }

  // Collects up to batch_size candidate pairs of the current batch.
  Status Step() {
    probe_idx_.clear();
    build_idx_.clear();
    const size_t limit = static_cast<size_t>(batch_size_);
    if (!j_->spec_.left_keys.empty()) {
      if (probe_.Next(limit, &probe_idx_, &build_idx_)) row_ = n_;
    } else {
      const int64_t nb = j_->build_->num_rows();
      if (nb == 0) row_ = n_;
      while (row_ < n_ && probe_idx_.size() < limit) {
        int64_t b = started_ ? chain_ : 0;
        int64_t end = first_match_only_ ? std::min<int64_t>(b + 1, nb)
                                        : std::min<int64_t>(nb, b + (limit - probe_idx_.size()));
        for (; b < end; ++b) {
          probe_idx_.push_back(static_cast<uint32_t>(row_));
          build_idx_.push_back(static_cast<uint32_t>(b));
        }
        if (b >= nb || first_match_only_) {
          ++row_;
          started_ = false;
        } else {
          chain_ = static_cast<uint32_t>(b);
          started_ = true;
        }
      }
    }
    if (!probe_idx_.empty()) QUIVER_RETURN_NOT_OK(EmitPairs());
    if (row_ >= n_) {
      QUIVER_RETURN_NOT_OK(EmitProbeRows());
      cur_ = nullptr;
    }
    return Status::OK();
  }

  Status EmitPairs() {
    const bool bl = j_->build_left_;
    QUIVER_ASSIGN_OR_RAISE(auto pidx, IndexArray(probe_idx_));
    QUIVER_ASSIGN_OR_RAISE(auto bidx, IndexArray(build_idx_));
    RecordBatchPtr pairs;
    size_t kept = probe_idx_.size();
    if (j_->spec_.filter || pair_output_) {
      QUIVER_ASSIGN_OR_RAISE(auto lt,
                             compute::TakeBatch(bl ? j_->build_ : cur_, bl ? *bidx : *pidx));
      QUIVER_ASSIGN_OR_RAISE(auto rt,
                             compute::TakeBatch(bl ? cur_ : j_->build_, bl ? *pidx : *bidx));
      std::vector<ArrayPtr> cols = lt->columns();
      for (const auto& c : rt->columns()) cols.push_back(c);
      pairs = RecordBatch::Make(j_->both_schema_, static_cast<int64_t>(probe_idx_.size()),
                                std::move(cols));
    }
    if (j_->spec_.filter) {
      QUIVER_ASSIGN_OR_RAISE(auto mask_arr, j_->spec_.filter->EvaluateToArray(*pairs));
      if (mask_arr->type_id() != TypeId::kBoolean) {
        return Status::Internal("join filter is not boolean");
      }
      const auto& mask = static_cast<const BooleanArray&>(*mask_arr);
      kept = 0;
      for (size_t i = 0; i < probe_idx_.size(); ++i) {
        if (mask.IsNull(static_cast<int64_t>(i)) || !mask.Value(static_cast<int64_t>(i))) continue;
        probe_idx_[kept] = probe_idx_[i];
        build_idx_[kept] = build_idx_[i];
        ++kept;
      }
      probe_idx_.resize(kept);
      build_idx_.resize(kept);
      if (pair_output_ && kept > 0) {
        QUIVER_ASSIGN_OR_RAISE(pairs, compute::FilterBatch(pairs, mask));
      }
    }
    for (size_t i = 0; i < kept; ++i) matched_[probe_idx_[i]] = 1;
    if (build_preserved_ || on_build_) {
      for (size_t i = 0; i < kept; ++i) {
        j_->build_matched_[build_idx_[i]].store(1, std::memory_order_relaxed);
      }
    }
    if (pair_output_ && kept > 0) {
      out_.push_back(RecordBatch::Make(j_->spec_.schema, pairs->num_rows(), pairs->columns()));
    }
    return Status::OK();
  }

  // Rows of `side` at `rows`, with the other side all null (or absent).
  Status EmitRows(const RecordBatchPtr& side, bool side_is_left,
                  const std::vector<uint32_t>& rows) {
    for (size_t off = 0; off < rows.size(); off += static_cast<size_t>(batch_size_)) {
      size_t len = std::min(rows.size() - off, static_cast<size_t>(batch_size_));
      std::vector<uint32_t> chunk(rows.begin() + off, rows.begin() + off + len);
      QUIVER_ASSIGN_OR_RAISE(auto idx, IndexArray(chunk));
      QUIVER_ASSIGN_OR_RAISE(auto taken, compute::TakeBatch(side, *idx));
      std::vector<ArrayPtr> cols;
      if (pair_output_) {
        const Schema& other = side_is_left ? *j_->right_schema_ : *j_->left_schema_;
        QUIVER_ASSIGN_OR_RAISE(auto nulls, NullColumns(other, static_cast<int64_t>(len)));
        cols = side_is_left ? taken->columns() : nulls;
        const auto& rest = side_is_left ? nulls : taken->columns();
        cols.insert(cols.end(), rest.begin(), rest.end());
      } else {
        cols = taken->columns();
      }
      out_.push_back(
          RecordBatch::Make(j_->spec_.schema, static_cast<int64_t>(len), std::move(cols)));
    }
    return Status::OK();
  }

  // After a probe batch: its unmatched rows (outer), or its semi/anti result.
  Status EmitProbeRows() {
    if (!probe_preserved_ && !on_probe_) return Status::OK();
    const bool want = on_probe_ && semi_;
    std::vector<uint32_t> rows;
    for (int64_t i = 0; i < n_; ++i) {
      if ((matched_[i] != 0) == want) rows.push_back(static_cast<uint32_t>(i));
    }
    return EmitRows(cur_, !j_->build_left_, rows);
  }

  // After all probing: unmatched build rows (outer), or the semi/anti result.
  Status EmitBuildSide() {
    if (!build_preserved_ && !on_build_) return Status::OK();
    const bool want = on_build_ && semi_;
    std::vector<uint32_t> rows;
    const int64_t n = j_->build_->num_rows();
    for (int64_t i = 0; i < n; ++i) {
      bool m = j_->build_matched_[i].load(std::memory_order_relaxed) != 0;
      if (m == want) rows.push_back(static_cast<uint32_t>(i));
    }
    return EmitRows(j_->build_, j_->build_left_, rows);
  }

  HashJoinExec* j_;
  TaskContextPtr ctx_;
  bool semi_, pair_output_, probe_preserved_, build_preserved_, on_probe_, on_build_;
  bool first_match_only_;
  int64_t batch_size_;
  bool finished_ = false;
  std::deque<RecordBatchPtr> out_;
  // Current probe batch.
  RecordBatchPtr cur_;
  int64_t n_ = 0, row_ = 0;
  uint32_t chain_ = JoinHashTable::kEnd;
  bool started_ = false;
  JoinProbe probe_;
  std::vector<uint8_t> matched_;
  std::vector<uint32_t> probe_idx_, build_idx_;
};

Result<StreamPtr> HashJoinExec::Execute(int partition, const TaskContextPtr& ctx) {
  if (gathered_.load() < 2 || !build_) {
    return Status::Internal("HashJoinExec executed before its inputs were gathered");
  }
  if (partition < 0 || partition >= output_partitions()) {
    return Status::Internal("HashJoinExec partition out of range");
  }
  return StreamPtr(std::make_unique<ProbeStream>(this, ctx));
}

Result<ExecutionPlanPtr> PlanPhysicalJoin(const LogicalPlan& p, ExecutionPlanPtr left,
                                          ExecutionPlanPtr right) {
  JoinSpec spec;
  spec.schema = p.schema->ToArrow();
  if (p.kind == PlanKind::kJoin) {
    const DFSchema& ls = *p.inputs[0]->schema;
    const DFSchema& rs = *p.inputs[1]->schema;
    spec.type = p.join_type;
    spec.null_equals_null = p.null_equals_null;
    for (const auto& [l, r] : p.on) {
      QUIVER_ASSIGN_OR_RAISE(auto pl, CreatePhysicalExpr(l, ls));
      QUIVER_ASSIGN_OR_RAISE(auto pr, CreatePhysicalExpr(r, rs));
      spec.left_keys.push_back(std::move(pl));
      spec.right_keys.push_back(std::move(pr));
    }
    if (p.join_filter) {
      QUIVER_ASSIGN_OR_RAISE(auto f, CreatePhysicalExpr(p.join_filter, *ls.Join(rs)));
      spec.filter = CastIfNeeded(std::move(f), boolean());
    }
  }
  return ExecutionPlanPtr(
      std::make_shared<HashJoinExec>(std::move(left), std::move(right), std::move(spec)));
}

}  // namespace quiver
