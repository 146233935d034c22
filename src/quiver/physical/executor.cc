#include "quiver/physical/executor.h"

#include <mutex>

#include "quiver/physical/thread_pool.h"

namespace quiver {

namespace {

// Runs every partition of `input` as a task feeding `sink`.
Status RunPipeline(const ExecutionPlanPtr& input, Sink* sink, const TaskContextPtr& ctx) {
  ThreadPool* pool = ctx->pool ? ctx->pool : ThreadPool::Default();
  std::vector<std::unique_ptr<SinkLocalState>> locals(pool->num_threads());
  std::mutex locals_mu;
  TaskGroup group(pool);
  const int parts = input->output_partitions();
  for (int p = 0; p < parts; ++p) {
    group.Submit([&, p](int worker) -> Status {
      if (sink->Done() || ctx->cancelled.load()) return Status::OK();
      SinkLocalState* local;
      {
        std::lock_guard<std::mutex> lock(locals_mu);
        if (!locals[worker]) {
          QUIVER_ASSIGN_OR_RAISE(locals[worker], sink->MakeLocalState());
        }
        local = locals[worker].get();
      }
      QUIVER_ASSIGN_OR_RAISE(auto stream, input->Execute(p, ctx));
      for (;;) {
        if (ctx->cancelled.load()) return Status::Cancelled();
        if (sink->Done()) return Status::OK();
        QUIVER_ASSIGN_OR_RAISE(auto batch, stream->Next());
        if (!batch) return Status::OK();
        if (batch->num_rows() == 0) continue;
        QUIVER_RETURN_NOT_OK(sink->Consume(local, p, batch));
      }
    });
  }
  Status st = group.Wait();
  if (!st.ok()) return st;
  std::vector<std::unique_ptr<SinkLocalState>> used;
  for (auto& l : locals) {
    if (l) used.push_back(std::move(l));
  }
  return sink->Finalize(std::move(used), ctx);
}

// Collects the root's output per partition, keeping partition order.
class CollectSink : public Sink {
 public:
  explicit CollectSink(int partitions) : out_(partitions) {}
  Result<std::unique_ptr<SinkLocalState>> MakeLocalState() override {
    return std::make_unique<SinkLocalState>();
  }
  Status Consume(SinkLocalState*, int partition, const RecordBatchPtr& batch) override {
    std::lock_guard<std::mutex> lock(mu_);
    out_[partition].push_back(batch);
    return Status::OK();
  }
  Status Finalize(std::vector<std::unique_ptr<SinkLocalState>>, const TaskContextPtr&) override {
    return Status::OK();
  }
  std::vector<RecordBatchPtr> Take() {
    std::vector<RecordBatchPtr> all;
    for (auto& part : out_) all.insert(all.end(), part.begin(), part.end());
    return all;
  }

 private:
  std::mutex mu_;
  std::vector<std::vector<RecordBatchPtr>> out_;
};

}  // namespace

Status PreparePipelines(const ExecutionPlanPtr& plan, const TaskContextPtr& ctx) {
  auto children = plan->children();
  for (size_t i = 0; i < children.size(); ++i) {
    QUIVER_RETURN_NOT_OK(PreparePipelines(children[i], ctx));
    if (Sink* sink = plan->sink_for_child(static_cast<int>(i))) {
      QUIVER_RETURN_NOT_OK(RunPipeline(children[i], sink, ctx));
    }
  }
  return Status::OK();
}

Result<std::vector<RecordBatchPtr>> ExecuteCollect(const ExecutionPlanPtr& plan,
                                                   const TaskContextPtr& ctx) {
  QUIVER_RETURN_NOT_OK(PreparePipelines(plan, ctx));
  CollectSink sink(plan->output_partitions());
  QUIVER_RETURN_NOT_OK(RunPipeline(plan, &sink, ctx));
  return sink.Take();
}

}  // namespace quiver
