#include "quiver/physical/generate_series.h"

#include <algorithm>

#include "quiver/arrow/builder.h"
#include "quiver/physical/table_provider.h"

namespace quiver {

namespace {

struct Series {
  int64_t start = 0;
  int64_t step = 1;
  int64_t count = 0;  // number of values
};

SchemaPtr SeriesSchema() { return schema({field("value", int64(), false)}); }

class SeriesStream : public RecordBatchStream {
 public:
  SeriesStream(Series s, SchemaPtr out, int64_t batch_size)
      : s_(s), out_(std::move(out)), batch_size_(std::max<int64_t>(batch_size, 1)) {}
  Result<RecordBatchPtr> Next() override {
    if (done_ >= s_.count) return RecordBatchPtr();
    const int64_t n = std::min(batch_size_, s_.count - done_);
    std::vector<ArrayPtr> cols;
    if (out_->num_fields() == 1) {
      Int64Builder b(int64());
      // Wrapping arithmetic: values stay within [start, stop] by construction.
      uint64_t v = static_cast<uint64_t>(s_.start) +
                   static_cast<uint64_t>(done_) * static_cast<uint64_t>(s_.step);
      for (int64_t i = 0; i < n; ++i) {
        QUIVER_RETURN_NOT_OK(b.Append(static_cast<int64_t>(v)));
        v += static_cast<uint64_t>(s_.step);
      }
      QUIVER_ASSIGN_OR_RAISE(auto a, b.Finish());
      cols.push_back(std::move(a));
    }
    done_ += n;
    return RecordBatch::Make(out_, n, std::move(cols));
  }

 private:
  Series s_;
  SchemaPtr out_;
  int64_t batch_size_;
  int64_t done_ = 0;
};

class SeriesExec : public ExecutionPlan {
 public:
  SeriesExec(std::string fn, Series s, SchemaPtr out)
      : fn_(std::move(fn)), s_(s), out_(std::move(out)) {}
  std::string name() const override { return "LazyMemoryExec"; }
  SchemaPtr schema() const override { return out_; }
  std::vector<ExecutionPlanPtr> children() const override { return {}; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr>) const override {
    return ExecutionPlanPtr(std::make_shared<SeriesExec>(fn_, s_, out_));
  }
  int output_partitions() const override { return 1; }
  Result<StreamPtr> Execute(int, const TaskContextPtr& ctx) override {
    return StreamPtr(std::make_unique<SeriesStream>(s_, out_, ctx->batch_size()));
  }
  std::string DisplayAs() const override {
    return "LazyMemoryExec: " + fn_ + ": start=" + std::to_string(s_.start) +
           ", step=" + std::to_string(s_.step) + ", count=" + std::to_string(s_.count);
  }

 private:
  std::string fn_;
  Series s_;
  SchemaPtr out_;
};

class SeriesTable : public TableProvider {
 public:
  SeriesTable(std::string fn, Series s) : fn_(std::move(fn)), s_(s) {}
  SchemaPtr schema() const override { return SeriesSchema(); }
  Result<ExecutionPlanPtr> Scan(const ScanArgs& args) override {
    SchemaPtr out = SeriesSchema();
    if (args.projection && args.projection->empty()) out = quiver::schema({});
    Series s = s_;
    if (args.limit) s.count = std::min(s.count, *args.limit);
    return ExecutionPlanPtr(std::make_shared<SeriesExec>(fn_, s, out));
  }

 private:
  std::string fn_;
  Series s_;
};

class SeriesFunction : public TableFunction {
 public:
  SeriesFunction(std::string name, bool include_end)
      : name_(std::move(name)), include_end_(include_end) {}
  std::string name() const override { return name_; }

  Result<TableSourcePtr> Call(const std::vector<ScalarValue>& args) const override {
    if (args.empty() || args.size() > 3) {
      return Status::Plan(name_ + " function requires 1 to 3 arguments");
    }
    Series s;
    for (const auto& a : args) {
      if (a.is_null()) {
        // Like DataFusion: a NULL bound yields no rows.
        return TableSourcePtr(std::make_shared<SeriesTable>(name_, s));
      }
      if (!a.type()->is_integer()) {
        return Status::Plan("Argument #" + std::to_string(&a - args.data() + 1) + " of " + name_ +
                            " must be an integer, got " + a.type()->ToString());
      }
    }
    int64_t start = 0, stop, step = 1;
    if (args.size() == 1) {
      stop = args[0].GetInt64();
    } else {
      start = args[0].GetInt64();
      stop = args[1].GetInt64();
      if (args.size() == 3) step = args[2].GetInt64();
    }
    if (step == 0) return Status::Plan("step cannot be zero");
    // Number of values, in 128 bits so that extreme bounds cannot overflow.
    __int128 span = static_cast<__int128>(stop) - start;
    __int128 count = 0;
    if ((step > 0 && span >= 0) || (step < 0 && span <= 0)) {
      count = span / step + 1;
      if (!include_end_ && span % step == 0) --count;
    }
    s.start = start;
    s.step = step;
    s.count = static_cast<int64_t>(std::min<__int128>(count, INT64_MAX));
    return TableSourcePtr(std::make_shared<SeriesTable>(name_, s));
  }

 private:
  std::string name_;
  bool include_end_;
};

}  // namespace

void RegisterBuiltinTableFunctions(FunctionRegistry* registry) {
  registry->Register(std::make_shared<SeriesFunction>("generate_series", true));
  registry->Register(std::make_shared<SeriesFunction>("range", false));
}

}  // namespace quiver
