#include "quiver/physical/window_exec.h"

#include <algorithm>
#include <map>

#include "quiver/arrow/builder.h"
#include "quiver/logical/window.h"
#include "quiver/physical/create_physical_expr.h"
#include "quiver/physical/thread_pool.h"
#include "quiver/physical/window_aggregate.h"
#include "quiver/physical/window_frames.h"
#include "quiver/physical/window_output_order.h"

namespace quiver {

namespace {

// Below this many rows one task evaluates everything.
constexpr int64_t kMinRowsToSplit = 1 << 14;

Result<ArrayPtr> TakeIf(const ArrayPtr& values, const ArrayPtr& indices) {
  if (!indices) return values;
  return compute::Take(values, *indices);
}

}  // namespace

WindowExec::WindowExec(ExecutionPlanPtr input, std::vector<PhysicalWindowSpec> specs,
                       std::vector<PhysicalWindowExpr> exprs,
                       std::vector<PhysicalExprPtr> hash_keys)
    : input_(std::move(input)),
      specs_(std::move(specs)),
      exprs_(std::move(exprs)),
      hash_keys_(std::move(hash_keys)) {
  std::vector<FieldPtr> fields = input_->schema()->fields();
  for (const auto& e : exprs_) fields.push_back(e.field);
  schema_ = quiver::schema(std::move(fields));
}

Result<ExecutionPlanPtr> WindowExec::WithNewChildren(std::vector<ExecutionPlanPtr> c) const {
  return ExecutionPlanPtr(std::make_shared<WindowExec>(c[0], specs_, exprs_, hash_keys_));
}

int WindowExec::output_partitions() const {
  return std::max<int>(1, static_cast<int>(bucket_rows_.size()));
}

std::string WindowExec::DisplayAs() const {
  std::string out = "WindowAggExec: wdw=[";
  for (size_t i = 0; i < exprs_.size(); ++i) out += (i ? ", " : "") + exprs_[i].name;
  return out + "]";
}

Result<std::unique_ptr<SinkLocalState>> WindowExec::MakeLocalState() {
  return std::make_unique<SinkLocalState>();
}

Status WindowExec::Consume(SinkLocalState*, int partition, const RecordBatchPtr& batch) {
  std::lock_guard<std::mutex> lock(mu_);
  gathered_.emplace_back(partition, batch);
  return Status::OK();
}

Status WindowExec::Finalize(std::vector<std::unique_ptr<SinkLocalState>>,
                            const TaskContextPtr& ctx) {
  std::stable_sort(gathered_.begin(), gathered_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<RecordBatchPtr> input;
  for (auto& [p, b] : gathered_) input.push_back(std::move(b));
  gathered_.clear();
  bucket_rows_.clear();
  all_ = nullptr;
  if (input.empty()) return Status::OK();
  QUIVER_ASSIGN_OR_RAISE(all_, compute::ConcatenateBatches(input_->schema(), input));
  const int64_t n = all_->num_rows();
  ThreadPool* pool = ctx->pool ? ctx->pool : ThreadPool::Default();
  int buckets = std::min(ctx->config.target_partitions(), pool->num_threads());
  if (hash_keys_.empty() || n < kMinRowsToSplit || buckets < 2) return Status::OK();
  // Rows with equal hash keys share a bucket, so every window partition is
  // evaluated whole by one task.
  std::vector<ArrayPtr> keys;
  for (const auto& k : hash_keys_) {
    QUIVER_ASSIGN_OR_RAISE(auto a, k->EvaluateToArray(*all_));
    keys.push_back(std::move(a));
  }
  std::vector<uint64_t> hashes(n, 0x9e3779b97f4a7c15ULL);
  QUIVER_RETURN_NOT_OK(compute::HashColumns(keys, hashes.data()));
  std::vector<std::vector<uint32_t>> rows(buckets);
  for (int64_t i = 0; i < n; ++i) {
    uint64_t b = ((hashes[i] >> 32) * static_cast<uint64_t>(buckets)) >> 32;  // hash range
    rows[b].push_back(static_cast<uint32_t>(i));
  }
  for (auto& r : rows) {
    QUIVER_ASSIGN_OR_RAISE(auto a, ArrayFromVector(uint32(), r));
    bucket_rows_.push_back(std::move(a));
  }
  return Status::OK();
}

Result<StreamPtr> WindowExec::Execute(int partition, const TaskContextPtr& ctx) {
  if (!all_) return MakeVectorStream({});
  RecordBatchPtr batch = all_;
  if (!bucket_rows_.empty()) {
    QUIVER_ASSIGN_OR_RAISE(batch, compute::TakeBatch(all_, *bucket_rows_[partition]));
  }
  if (batch->num_rows() == 0) return MakeVectorStream({});
  ArrayPtr order;
  QUIVER_ASSIGN_OR_RAISE(auto windows, EvaluateAll(batch, &order));
  std::vector<ArrayPtr> cols = batch->columns();
  cols.insert(cols.end(), windows.begin(), windows.end());
  auto out = RecordBatch::Make(schema_, batch->num_rows(), std::move(cols));
  // Rows leave in the window's sort order, as after DataFusion's SortExec.
  if (order) {
    QUIVER_ASSIGN_OR_RAISE(out, compute::TakeBatch(out, *order));
  }
  return MakeVectorStream(SliceBatches(out, ctx->batch_size()));
}

Result<std::vector<ArrayPtr>> WindowExec::EvaluateAll(const RecordBatchPtr& batch,
                                                      ArrayPtr* order) const {
  std::vector<ArrayPtr> out(exprs_.size());
  for (size_t s = 0; s < specs_.size(); ++s) {
    QUIVER_RETURN_NOT_OK(EvaluateSpec(batch, static_cast<int>(s), &out, order));
  }
  return out;
}

Status WindowExec::EvaluateSpec(const RecordBatchPtr& batch, int spec_index,
                                std::vector<ArrayPtr>* out, ArrayPtr* sorted) const {
  const PhysicalWindowSpec& spec = specs_[spec_index];
  const int64_t n = batch->num_rows();
  // Sort once by (partition keys, order keys).
  std::vector<ArrayPtr> part_keys, order_keys;
  std::vector<compute::SortKey> sort_keys;
  for (const auto& p : spec.partition_by) {
    QUIVER_ASSIGN_OR_RAISE(auto a, p->EvaluateToArray(*batch));
    sort_keys.push_back({a, false, false});
    part_keys.push_back(std::move(a));
  }
  for (const auto& o : spec.order_by) {
    QUIVER_ASSIGN_OR_RAISE(auto a, o.expr->EvaluateToArray(*batch));
    sort_keys.push_back({a, o.descending, o.nulls_first});
    order_keys.push_back(std::move(a));
  }
  ArrayPtr perm, inverse;
  if (!sort_keys.empty()) {
    QUIVER_ASSIGN_OR_RAISE(perm, compute::SortIndices(sort_keys));
    const auto& p = static_cast<const UInt64Array&>(*perm);
    std::vector<uint64_t> inv(n);
    for (int64_t i = 0; i < n; ++i) inv[p.Value(i)] = static_cast<uint64_t>(i);
    QUIVER_ASSIGN_OR_RAISE(inverse, ArrayFromVector(uint64(), inv));
    for (auto& k : part_keys) {
      QUIVER_ASSIGN_OR_RAISE(k, compute::Take(k, *perm));
    }
    for (auto& k : order_keys) {
      QUIVER_ASSIGN_OR_RAISE(k, compute::Take(k, *perm));
    }
  }
  *sorted = perm;
  QUIVER_ASSIGN_OR_RAISE(auto layout, MakeWindowLayout(n, part_keys, order_keys));
  const bool has_order = !spec.order_by.empty();
  const int64_t num_partitions = static_cast<int64_t>(layout.partition_offsets.size()) - 1;

  // Frames are shared by the expressions that use the same one.
  std::map<std::string, std::pair<std::vector<int64_t>, std::vector<int64_t>>> frames;
  auto frame_of = [&](const WindowFrame& f)
      -> Result<const std::pair<std::vector<int64_t>, std::vector<int64_t>>*> {
    auto key = f.ToString();
    auto it = frames.find(key);
    if (it == frames.end()) {
      std::pair<std::vector<int64_t>, std::vector<int64_t>> fr;
      ArrayPtr range_key = order_keys.size() == 1 ? order_keys[0] : nullptr;
      bool desc = !spec.order_by.empty() && spec.order_by[0].descending;
      QUIVER_RETURN_NOT_OK(
          ComputeFrames(f, has_order, layout, range_key, desc, &fr.first, &fr.second));
      it = frames.emplace(key, std::move(fr)).first;
    }
    return &it->second;
  };

  for (size_t ei = 0; ei < exprs_.size(); ++ei) {
    const PhysicalWindowExpr& e = exprs_[ei];
    if (e.spec != spec_index) continue;
    std::vector<ArrayPtr> args;
    for (const auto& a : e.args) {
      QUIVER_ASSIGN_OR_RAISE(auto v, a->EvaluateToArray(*batch));
      QUIVER_ASSIGN_OR_RAISE(v, TakeIf(v, perm));
      args.push_back(std::move(v));
    }
    ArrayPtr result;
    const bool whole = e.frame.IsWholePartition(has_order);
    if (e.window_fn) {
      WindowInput in;
      in.args = std::move(args);
      in.num_rows = n;
      in.partition_offsets = layout.partition_offsets;
      in.peer_start = layout.peer_start.data();
      in.peer_end = layout.peer_end.data();
      std::vector<int64_t> ws, we;
      if (e.window_fn->uses_window_frame()) {
        if (whole) {
          ws.resize(n);
          we.resize(n);
          for (int64_t i = 0; i < n; ++i) {
            ws[i] = layout.partition_offsets[layout.partition_of[i]];
            we[i] = layout.partition_offsets[layout.partition_of[i] + 1];
          }
          in.frame_start = ws.data();
          in.frame_end = we.data();
        } else {
          QUIVER_ASSIGN_OR_RAISE(auto fr, frame_of(e.frame));
          in.frame_start = fr->first.data();
          in.frame_end = fr->second.data();
        }
      }
      QUIVER_ASSIGN_OR_RAISE(auto evaluator, e.window_fn->CreateEvaluator(e.window_args));
      QUIVER_ASSIGN_OR_RAISE(result, evaluator->Evaluate(in));
    } else {
      FrameAggregateInput in;
      in.fn = e.aggregate_fn.get();
      in.args = e.aggregate_args;
      in.values = std::move(args);
      if (e.filter) {
        QUIVER_ASSIGN_OR_RAISE(auto f, e.filter->EvaluateToArray(*batch));
        QUIVER_ASSIGN_OR_RAISE(in.filter, TakeIf(f, perm));
      }
      in.num_rows = n;
      in.partition_of = &layout.partition_of;
      in.num_partitions = num_partitions;
      if (!whole) {
        QUIVER_ASSIGN_OR_RAISE(auto fr, frame_of(e.frame));
        in.frame_start = fr->first.data();
        in.frame_end = fr->second.data();
      }
      QUIVER_ASSIGN_OR_RAISE(result, AggregateOverFrames(in));
    }
    if (result->length() != n) {
      return Status::Internal("window function " + e.name + " returned " +
                              std::to_string(result->length()) + " rows for " + std::to_string(n));
    }
    if (!result->type()->Equals(*e.field->type())) {
      QUIVER_ASSIGN_OR_RAISE(result, compute::Cast(result, e.field->type()));
    }
    QUIVER_ASSIGN_OR_RAISE((*out)[ei], TakeIf(result, inverse));
  }
  return Status::OK();
}

// ---- planning ----

Result<ExecutionPlanPtr> PlanWindow(const LogicalPlan& w, ExecutionPlanPtr input,
                                    const ConfigOptions& config) {
  const DFSchema& in = *w.input()->schema;
  const int base = in.num_fields();
  std::vector<PhysicalWindowSpec> specs;
  std::vector<std::string> spec_keys;
  std::vector<std::vector<ExprPtr>> spec_partitions;
  std::vector<WindowSortKey> sort_keys;
  std::vector<PhysicalWindowExpr> exprs;
  for (size_t i = 0; i < w.window_exprs.size(); ++i) {
    ExprPtr e = Unalias(w.window_exprs[i]);
    if (e->kind != ExprKind::kWindowFunction) {
      return Status::Internal("window expression expected, got " + e->ToString());
    }
    std::string key = "P";
    for (const auto& p : e->partition_by) key += p->ToString() + ",";
    key += "O";
    for (const auto& o : e->order_by) key += o.ToString() + ",";
    int spec = -1;
    for (size_t s = 0; s < spec_keys.size(); ++s) {
      if (spec_keys[s] == key) spec = static_cast<int>(s);
    }
    if (spec < 0) {
      PhysicalWindowSpec ps;
      for (const auto& p : e->partition_by) {
        QUIVER_ASSIGN_OR_RAISE(auto pe, CreatePhysicalExpr(p, in));
        ps.partition_by.push_back(std::move(pe));
      }
      for (const auto& o : e->order_by) {
        QUIVER_ASSIGN_OR_RAISE(auto oe, CreatePhysicalExpr(o.expr, in));
        ps.order_by.push_back({std::move(oe), !o.asc, o.nulls_first});
      }
      spec = static_cast<int>(specs.size());
      specs.push_back(std::move(ps));
      spec_keys.push_back(key);
      spec_partitions.push_back(e->partition_by);
      sort_keys.push_back({e->partition_by, e->order_by, true});
    }
    sort_keys[spec].reversible = sort_keys[spec].reversible && IsReversibleWindowExpr(*e);
    PhysicalWindowExpr pw;
    pw.name = e->ToString();
    pw.window_fn = e->window_fn;
    pw.aggregate_fn = e->aggregate_fn;
    pw.frame = *e->window_frame;
    pw.spec = spec;
    pw.field = w.schema->field(base + static_cast<int>(i));
    std::vector<DataTypePtr> types;
    for (const auto& a : e->args) {
      QUIVER_ASSIGN_OR_RAISE(auto pa, CreatePhysicalExpr(a, in));
      types.push_back(pa->type());
      pw.args.push_back(std::move(pa));
      pw.window_args.literals.push_back(
          a->kind == ExprKind::kLiteral ? std::optional<ScalarValue>(a->literal) : std::nullopt);
    }
    std::vector<DataTypePtr> coerced;
    if (e->window_fn) {
      QUIVER_ASSIGN_OR_RAISE(coerced, e->window_fn->CoerceTypes(types));
    } else {
      QUIVER_ASSIGN_OR_RAISE(coerced, e->aggregate_fn->CoerceTypes(types));
    }
    for (size_t k = 0; k < pw.args.size() && k < coerced.size(); ++k) {
      pw.args[k] = CastIfNeeded(pw.args[k], coerced[k]);
    }
    if (e->window_fn) {
      pw.window_args.input_types = coerced;
      QUIVER_ASSIGN_OR_RAISE(pw.window_args.return_type, e->window_fn->ReturnType(coerced));
      pw.window_args.ignore_nulls = e->ignore_nulls;
      // Bad literal arguments fail here, before any input is read.
      QUIVER_RETURN_NOT_OK(e->window_fn->CreateEvaluator(pw.window_args).status());
    } else {
      pw.aggregate_args.input_types = coerced;
      QUIVER_ASSIGN_OR_RAISE(pw.aggregate_args.return_type, e->aggregate_fn->ReturnType(coerced));
      pw.aggregate_args.distinct = e->distinct;
      if (e->filter) {
        QUIVER_ASSIGN_OR_RAISE(pw.filter, CreatePhysicalExpr(e->filter, in));
        pw.filter = CastIfNeeded(pw.filter, boolean());
      }
    }
    exprs.push_back(std::move(pw));
  }
  // The spec whose order the output rows follow goes last.
  const int last = static_cast<int>(specs.size()) - 1;
  const int out_spec = WindowOutputKey(sort_keys, in);
  if (out_spec >= 0 && out_spec != last) {
    std::swap(specs[out_spec], specs[last]);
    for (auto& pw : exprs) {
      if (pw.spec == out_spec || pw.spec == last) pw.spec = pw.spec == last ? out_spec : last;
    }
  }
  // Partition keys shared by every spec decide the hash buckets.
  std::vector<PhysicalExprPtr> hash_keys;
  if (!spec_partitions.empty() && config.GetBool("datafusion.optimizer.repartition_windows")) {
    for (const auto& p : spec_partitions[0]) {
      bool everywhere = true;
      for (const auto& other : spec_partitions) {
        bool found = false;
        for (const auto& q : other) found |= q->ToString() == p->ToString();
        everywhere &= found;
      }
      if (!everywhere) continue;
      QUIVER_ASSIGN_OR_RAISE(auto pe, CreatePhysicalExpr(p, in));
      hash_keys.push_back(std::move(pe));
    }
  }
  return ExecutionPlanPtr(std::make_shared<WindowExec>(std::move(input), std::move(specs),
                                                       std::move(exprs), std::move(hash_keys)));
}

}  // namespace quiver
