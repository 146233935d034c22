#include "quiver/physical/analyze_exec.h"

#include <cstdio>
#include <functional>

#include "quiver/arrow/builder.h"

namespace quiver {

Result<ExecutionPlanPtr> AnalyzeExec::WithNewChildren(std::vector<ExecutionPlanPtr> c) const {
  return ExecutionPlanPtr(std::make_shared<AnalyzeExec>(c[0], schema_));
}

Result<std::unique_ptr<SinkLocalState>> AnalyzeExec::MakeLocalState() {
  bool expected = false;
  if (started_.compare_exchange_strong(expected, true)) start_ = std::chrono::steady_clock::now();
  return std::make_unique<SinkLocalState>();
}

Status AnalyzeExec::Consume(SinkLocalState*, int, const RecordBatchPtr& batch) {
  rows_ += batch->num_rows();
  return Status::OK();
}

Status AnalyzeExec::Finalize(std::vector<std::unique_ptr<SinkLocalState>>, const TaskContextPtr&) {
  if (started_) {
    elapsed_ms_ =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_)
            .count();
  }
  return Status::OK();
}

Result<StreamPtr> AnalyzeExec::Execute(int, const TaskContextPtr&) {
  std::string text;
  std::function<void(const ExecutionPlan&, int)> walk = [&](const ExecutionPlan& p, int depth) {
    text += std::string(depth * 2, ' ') + p.DisplayAs();
    std::string metrics = p.MetricsToString();
    if (depth == 0) {
      char elapsed[64];
      std::snprintf(elapsed, sizeof(elapsed), "elapsed=%.3fms", elapsed_ms_);
      metrics = "output_rows=" + std::to_string(rows_.load()) + ", " + elapsed +
                (metrics.empty() ? "" : ", " + metrics);
    }
    if (!metrics.empty()) text += ", metrics=[" + metrics + "]";
    text += "\n";
    for (const auto& c : p.children()) walk(*c, depth + 1);
  };
  walk(*input_, 0);
  if (!text.empty()) text.pop_back();
  StringBuilder types(utf8()), plans(utf8());
  QUIVER_RETURN_NOT_OK(types.Append("Plan with Metrics"));
  QUIVER_RETURN_NOT_OK(plans.Append(text));
  QUIVER_ASSIGN_OR_RAISE(auto a, types.Finish());
  QUIVER_ASSIGN_OR_RAISE(auto b, plans.Finish());
  return MakeVectorStream({RecordBatch::Make(schema_, 1, {a, b})});
}

}  // namespace quiver
