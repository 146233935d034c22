#include "quiver/physical/aggregate_exec.h"

#include "quiver/arrow/builder.h"
#include "quiver/physical/distinct_accumulator.h"
#include "quiver/physical/group_values.h"
#include "quiver/physical/operators.h"
#include "quiver/physical/sum_offset.h"
#include "quiver/physical/thread_pool.h"

namespace quiver {

struct AggregateExec::Table : SinkLocalState {
  std::unique_ptr<GroupValues> groups;  // null without GROUP BY (one group)
  std::vector<std::unique_ptr<GroupsAccumulator>> accumulators;
  int64_t num_groups = 0;
  std::vector<uint32_t> ids;
  // Filled once by Finalize before the buckets merge.
  std::vector<ArrayPtr> keys;
  std::vector<std::vector<ArrayPtr>> states;
};

AggregateExec::AggregateExec(ExecutionPlanPtr input, std::vector<PhysicalExprPtr> group_exprs,
                             std::vector<std::string> group_names,
                             std::vector<PhysicalAggregate> aggregates)
    : input_(std::move(input)),
      group_exprs_(std::move(group_exprs)),
      group_names_(std::move(group_names)),
      aggregates_(std::move(aggregates)) {
  std::vector<FieldPtr> fields;
  for (size_t i = 0; i < group_exprs_.size(); ++i) {
    fields.push_back(field(group_names_[i], group_exprs_[i]->type(), group_exprs_[i]->nullable()));
  }
  for (const auto& a : aggregates_) {
    fields.push_back(field(a.name, a.fn_args.return_type, a.fn->nullable()));
  }
  schema_ = quiver::schema(std::move(fields));
  std::vector<PhysicalExprPtr> exprs;
  for (const auto& a : aggregates_) {
    std::optional<SumOffset> m;
    if (a.args.size() == 1) m = MatchSumOffset(*a.fn, a.distinct, a.fn_args, a.args[0]);
    sum_offsets_.push_back(m ? std::optional<int64_t>(m->offset) : std::nullopt);
    plain_args_.push_back(m ? std::vector<PhysicalExprPtr>{m->base} : a.args);
    exprs.insert(exprs.end(), plain_args_.back().begin(), plain_args_.back().end());
    exprs.push_back(a.filter);
  }
  same_input_as_.assign(aggregates_.size(), -1);
  for (size_t i = 0; i < aggregates_.size(); ++i) {
    if (!sum_offsets_[i] || aggregates_[i].filter) continue;
    for (size_t j = 0; j < i; ++j) {
      if (sum_offsets_[j] && !aggregates_[j].filter && same_input_as_[j] < 0 &&
          plain_args_[j][0]->ToString() == plain_args_[i][0]->ToString() &&
          plain_args_[j][0]->type()->Equals(*plain_args_[i][0]->type())) {
        same_input_as_[i] = static_cast<int>(j);
        break;
      }
    }
  }
  shared_ = ExtractSharedSubexprs(exprs, input_->schema());
  size_t k = 0;
  for (const auto& args : plain_args_) {
    eval_args_.emplace_back(shared_.rewritten.begin() + k,
                            shared_.rewritten.begin() + k + args.size());
    k += args.size();
    eval_filters_.push_back(shared_.rewritten[k++]);
  }
}

Result<ExecutionPlanPtr> AggregateExec::WithNewChildren(std::vector<ExecutionPlanPtr> c) const {
  return ExecutionPlanPtr(
      std::make_shared<AggregateExec>(c[0], group_exprs_, group_names_, aggregates_));
}

std::string AggregateExec::DisplayAs() const {
  std::string out = "AggregateExec: gby=[";
  for (size_t i = 0; i < group_exprs_.size(); ++i) {
    out += (i ? ", " : "") + group_exprs_[i]->ToString() + " as " + group_names_[i];
  }
  out += "], aggr=[";
  for (size_t i = 0; i < aggregates_.size(); ++i) out += (i ? ", " : "") + aggregates_[i].name;
  return out + "]";
}

Result<std::unique_ptr<AggregateExec::Table>> AggregateExec::MakeTable() const {
  auto t = std::make_unique<Table>();
  if (!group_exprs_.empty()) {
    std::vector<DataTypePtr> types;
    for (const auto& g : group_exprs_) types.push_back(g->type());
    t->groups = std::make_unique<GroupValues>(std::move(types));
  }
  for (size_t i = 0; i < aggregates_.size(); ++i) {
    const auto& a = aggregates_[i];
    if (sum_offsets_[i]) {
      t->accumulators.push_back(MakeSumOffsetAccumulator(*sum_offsets_[i]));
      continue;
    }
    QUIVER_ASSIGN_OR_RAISE(auto acc, a.fn->CreateAccumulator(a.fn_args));
    if (a.distinct) acc = MakeDistinctAccumulator(std::move(acc), a.fn_args.input_types);
    t->accumulators.push_back(std::move(acc));
  }
  return t;
}

Result<std::unique_ptr<SinkLocalState>> AggregateExec::MakeLocalState() {
  QUIVER_ASSIGN_OR_RAISE(auto t, MakeTable());
  return std::unique_ptr<SinkLocalState>(std::move(t));
}

Status AggregateExec::Consume(SinkLocalState* local, int, const RecordBatchPtr& batch) {
  auto* t = static_cast<Table*>(local);
  const int64_t n = batch->num_rows();
  if (t->groups) {
    std::vector<ArrayPtr> keys;
    for (const auto& g : group_exprs_) {
      QUIVER_ASSIGN_OR_RAISE(auto k, g->EvaluateToArray(*batch));
      keys.push_back(std::move(k));
    }
    QUIVER_RETURN_NOT_OK(t->groups->Intern(keys, &t->ids));
    t->num_groups = t->groups->num_groups();
  } else {
    t->ids.assign(n, 0);
    t->num_groups = 1;
  }
  // Shared subexpressions are evaluated once into appended columns.
  const bool shared = !shared_.common.empty() &&
                      batch->num_columns() + static_cast<int>(shared_.common.size()) ==
                          shared_.extended_schema->num_fields();
  RecordBatchPtr input = batch;
  if (shared) {
    QUIVER_ASSIGN_OR_RAISE(input, AppendSharedColumns(shared_, *batch));
  }
  for (size_t i = 0; i < aggregates_.size(); ++i) {
    if (same_input_as_[i] >= 0) continue;  // copies another's sums at Finalize
    const auto& a = aggregates_[i];
    const auto& arg_exprs = shared ? eval_args_[i] : plain_args_[i];
    const auto& filter_expr = shared ? eval_filters_[i] : a.filter;
    std::vector<ArrayPtr> args;
    for (const auto& e : arg_exprs) {
      QUIVER_ASSIGN_OR_RAISE(auto v, e->EvaluateToArray(*input));
      args.push_back(std::move(v));
    }
    ArrayPtr filter;
    if (filter_expr) {
      QUIVER_ASSIGN_OR_RAISE(filter, filter_expr->EvaluateToArray(*input));
    }
    QUIVER_RETURN_NOT_OK(t->accumulators[i]->Update(
        args, t->ids.data(), filter ? static_cast<const BooleanArray*>(filter.get()) : nullptr,
        t->num_groups));
  }
  return Status::OK();
}

Status AggregateExec::MergeBucket(std::vector<std::unique_ptr<Table>>* locals,
                                  const std::vector<std::vector<std::vector<uint32_t>>>& buckets,
                                  int bucket, std::vector<RecordBatchPtr>* out) const {
  QUIVER_ASSIGN_OR_RAISE(auto final_table, MakeTable());
  Table& f = *final_table;
  if (!f.groups) f.num_groups = 1;
  for (size_t l = 0; l < locals->size(); ++l) {
    Table& t = *(*locals)[l];
    // Rows (groups of local l) that fall in this bucket.
    const auto& rows = buckets[l][bucket];
    if (rows.empty() && t.groups) continue;
    ArrayPtr take;
    if (t.groups) {
      Int64Builder ib(int64());
      for (uint32_t r : rows) QUIVER_RETURN_NOT_OK(ib.Append(r));
      QUIVER_ASSIGN_OR_RAISE(take, ib.Finish());
      std::vector<ArrayPtr> keys;
      for (auto& k : t.keys) {
        QUIVER_ASSIGN_OR_RAISE(auto kk, compute::Take(k, *take));
        keys.push_back(std::move(kk));
      }
      QUIVER_RETURN_NOT_OK(f.groups->Intern(keys, &f.ids));
      f.num_groups = f.groups->num_groups();
    } else {
      f.ids.assign(1, 0);
    }
    for (size_t i = 0; i < aggregates_.size(); ++i) {
      std::vector<ArrayPtr> states = t.states[i];
      if (take) {
        for (auto& s : states) {
          QUIVER_ASSIGN_OR_RAISE(s, compute::Take(s, *take));
        }
      }
      QUIVER_RETURN_NOT_OK(f.accumulators[i]->Merge(states, f.ids.data(), f.num_groups));
    }
  }
  if (f.groups && f.num_groups == 0) return Status::OK();
  std::vector<ArrayPtr> cols;
  if (f.groups) {
    QUIVER_ASSIGN_OR_RAISE(cols, f.groups->Emit());
  }
  for (size_t i = 0; i < f.accumulators.size(); ++i) {
    auto& acc = f.accumulators[i];
    if (!f.groups && locals->empty()) {
      // No input at all still yields one row (count 0, sum NULL, ...): feed
      // zero rows of the argument types so the accumulator has one group.
      std::vector<ArrayPtr> empty;
      for (const auto& t : aggregates_[i].fn_args.input_types) {
        QUIVER_ASSIGN_OR_RAISE(auto b, MakeBuilder(t));
        QUIVER_ASSIGN_OR_RAISE(auto a, b->Finish());
        empty.push_back(std::move(a));
      }
      QUIVER_RETURN_NOT_OK(acc->Update(empty, nullptr, nullptr, 1));
    }
    QUIVER_ASSIGN_OR_RAISE(auto v, acc->Evaluate());
    cols.push_back(std::move(v));
  }
  int64_t rows = f.groups ? f.num_groups : 1;
  out->push_back(RecordBatch::Make(schema_, rows, std::move(cols)));
  return Status::OK();
}

Status AggregateExec::Finalize(std::vector<std::unique_ptr<SinkLocalState>> raw_locals,
                               const TaskContextPtr& ctx) {
  std::vector<std::unique_ptr<Table>> locals;
  for (auto& l : raw_locals) locals.emplace_back(static_cast<Table*>(l.release()));
  ThreadPool* pool = ctx->pool ? ctx->pool : ThreadPool::Default();
  const int buckets_n = group_exprs_.empty() ? 1 : std::max(1, pool->num_threads());
  // buckets[l][b]: group ids of local l whose key hashes to bucket b.
  std::vector<std::vector<std::vector<uint32_t>>> buckets(locals.size());
  for (size_t l = 0; l < locals.size(); ++l) {
    buckets[l].resize(buckets_n);
    Table& t = *locals[l];
    for (size_t i = 0; i < t.accumulators.size(); ++i) {
      if (same_input_as_[i] >= 0) {
        CopySumOffsetInputs(*t.accumulators[same_input_as_[i]], t.accumulators[i].get());
      }
      QUIVER_ASSIGN_OR_RAISE(auto st, t.accumulators[i]->State());
      t.states.push_back(std::move(st));
    }
    if (!t.groups) continue;
    QUIVER_ASSIGN_OR_RAISE(t.keys, t.groups->Emit());
    std::vector<uint64_t> hashes(t.num_groups, 0x51ED270B27AD3C1BULL);
    QUIVER_RETURN_NOT_OK(compute::HashColumns(t.keys, hashes.data()));
    for (size_t g = 0; g < hashes.size(); ++g) {
      buckets[l][(hashes[g] >> 32) % buckets_n].push_back(static_cast<uint32_t>(g));
    }
  }
  output_.assign(buckets_n, {});
  if (buckets_n == 1) return MergeBucket(&locals, buckets, 0, &output_[0]);
  TaskGroup group(pool);
  for (int b = 0; b < buckets_n; ++b) {
    group.Submit([&, b](int) { return MergeBucket(&locals, buckets, b, &output_[b]); });
  }
  return group.Wait();
}

Result<StreamPtr> AggregateExec::Execute(int partition, const TaskContextPtr& ctx) {
  std::vector<RecordBatchPtr> out;
  for (const auto& b : output_[partition]) {
    auto slices = SliceBatches(b, ctx->batch_size());
    out.insert(out.end(), slices.begin(), slices.end());
  }
  return MakeVectorStream(std::move(out));
}

}  // namespace quiver
