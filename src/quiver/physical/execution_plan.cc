#include "quiver/physical/execution_plan.h"

#include <functional>

namespace quiver {

namespace {
class VectorStream : public RecordBatchStream {
 public:
  explicit VectorStream(std::vector<RecordBatchPtr> batches) : batches_(std::move(batches)) {}
  Result<RecordBatchPtr> Next() override {
    if (next_ >= batches_.size()) return RecordBatchPtr();
    return batches_[next_++];
  }

 private:
  std::vector<RecordBatchPtr> batches_;
  size_t next_ = 0;
};
}  // namespace

StreamPtr MakeVectorStream(std::vector<RecordBatchPtr> batches) {
  return std::make_unique<VectorStream>(std::move(batches));
}

std::string ExecutionPlan::ToString(bool with_statistics) const {
  std::string out;
  std::function<void(const ExecutionPlan&, int)> walk = [&](const ExecutionPlan& p, int depth) {
    out += std::string(depth * 2, ' ') + p.DisplayAs();
    if (with_statistics) out += ", statistics=[" + p.statistics().ToString() + "]";
    out += "\n";
    for (const auto& c : p.children()) walk(*c, depth + 1);
  };
  walk(*this, 0);
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace quiver
