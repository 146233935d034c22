#include "quiver/optimizer/subquery_aggregates.h"

#include "quiver/arrow/builder.h"

namespace quiver {

namespace {

bool Selected(const BooleanArray* filter, int64_t i) {
  return !filter || (filter->IsValid(i) && filter->Value(i));
}

Result<ArrayPtr> Int64s(const std::vector<int64_t>& v) { return ArrayFromVector(int64(), v); }

class CountAcc : public GroupsAccumulator {
 public:
  Status Update(const std::vector<ArrayPtr>& values, const uint32_t* ids,
                const BooleanArray* filter, int64_t total) override {
    counts_.resize(total, 0);
    const Array& v = *values[0];
    for (int64_t i = 0; i < v.length(); ++i) {
      if (v.IsValid(i) && Selected(filter, i)) ++counts_[ids[i]];
    }
    return Status::OK();
  }
  Status Merge(const std::vector<ArrayPtr>& states, const uint32_t* ids, int64_t total) override {
    counts_.resize(total, 0);
    const auto& s = static_cast<const Int64Array&>(*states[0]);
    for (int64_t i = 0; i < s.length(); ++i) counts_[ids[i]] += s.Value(i);
    return Status::OK();
  }
  Result<std::vector<ArrayPtr>> State() override {
    QUIVER_ASSIGN_OR_RAISE(auto a, Int64s(counts_));
    return std::vector<ArrayPtr>{a};
  }
  Result<ArrayPtr> Evaluate() override { return Int64s(counts_); }
  int64_t MemorySize() const override { return static_cast<int64_t>(counts_.size() * 8); }

 private:
  std::vector<int64_t> counts_;
};

class CountUdf : public AggregateUDF {
 public:
  std::string name() const override { return "count"; }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>&) const override { return int64(); }
  Result<std::vector<FieldPtr>> StateFields(const AggregateArgs&) const override {
    return std::vector<FieldPtr>{field("count", int64())};
  }
  Result<std::unique_ptr<GroupsAccumulator>> CreateAccumulator(
      const AggregateArgs&) const override {
    return std::unique_ptr<GroupsAccumulator>(std::make_unique<CountAcc>());
  }
  bool nullable() const override { return false; }
  bool empty_is_zero() const override { return true; }
};

// Per group: how many rows arrived and where the first one is.
class SingleValueAcc : public GroupsAccumulator {
 public:
  explicit SingleValueAcc(DataTypePtr type) : type_(std::move(type)) {}
  Status Update(const std::vector<ArrayPtr>& values, const uint32_t* ids,
                const BooleanArray* filter, int64_t total) override {
    Resize(total);
    for (int64_t i = 0; i < values[0]->length(); ++i) {
      if (Selected(filter, i)) Add(ids[i], values[0], i, 1);
    }
    return Status::OK();
  }
  Status Merge(const std::vector<ArrayPtr>& states, const uint32_t* ids, int64_t total) override {
    Resize(total);
    const auto& counts = static_cast<const Int64Array&>(*states[1]);
    for (int64_t i = 0; i < counts.length(); ++i) {
      if (counts.Value(i) > 0) Add(ids[i], states[0], i, counts.Value(i));
    }
    return Status::OK();
  }
  Result<std::vector<ArrayPtr>> State() override {
    QUIVER_ASSIGN_OR_RAISE(auto values, Values());
    QUIVER_ASSIGN_OR_RAISE(auto counts, Int64s(counts_));
    return std::vector<ArrayPtr>{values, counts};
  }
  Result<ArrayPtr> Evaluate() override {
    for (int64_t c : counts_) {
      if (c > 1) return Status::Execution("Scalar subquery returned more than one row");
    }
    return Values();
  }
  int64_t MemorySize() const override { return static_cast<int64_t>(counts_.size() * 32); }

 private:
  void Resize(int64_t n) {
    counts_.resize(n, 0);
    first_.resize(n);
    row_.resize(n, 0);
  }
  void Add(uint32_t g, const ArrayPtr& a, int64_t row, int64_t count) {
    if (counts_[g] == 0) {
      first_[g] = a;
      row_[g] = row;
    }
    counts_[g] += count;
  }
  Result<ArrayPtr> Values() {
    QUIVER_ASSIGN_OR_RAISE(auto b, MakeBuilder(type_));
    for (size_t g = 0; g < counts_.size(); ++g) {
      if (counts_[g] == 0) {
        QUIVER_RETURN_NOT_OK(b->AppendNull());
      } else {
        QUIVER_RETURN_NOT_OK(b->AppendArraySlice(*first_[g]->data(), row_[g], 1));
      }
    }
    return b->Finish();
  }

  DataTypePtr type_;
  std::vector<int64_t> counts_;
  std::vector<ArrayPtr> first_;
  std::vector<int64_t> row_;
};

class SingleValueUdf : public AggregateUDF {
 public:
  std::string name() const override { return "scalar_subquery_value"; }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& args) const override {
    return args.at(0);
  }
  Result<std::vector<FieldPtr>> StateFields(const AggregateArgs& a) const override {
    return std::vector<FieldPtr>{field("value", a.input_types.at(0)), field("count", int64())};
  }
  Result<std::unique_ptr<GroupsAccumulator>> CreateAccumulator(
      const AggregateArgs& a) const override {
    return std::unique_ptr<GroupsAccumulator>(std::make_unique<SingleValueAcc>(a.return_type));
  }
};

// Numbers the rows of each partition 1, 2, ... in window order.
class RowNumberEvaluator : public PartitionEvaluator {
 public:
  Result<ArrayPtr> Evaluate(const WindowInput& in) override {
    std::vector<uint64_t> out(in.num_rows);
    for (size_t p = 0; p + 1 < in.partition_offsets.size(); ++p) {
      for (int64_t i = in.partition_offsets[p]; i < in.partition_offsets[p + 1]; ++i) {
        out[i] = static_cast<uint64_t>(i - in.partition_offsets[p] + 1);
      }
    }
    return ArrayFromVector(uint64(), out);
  }
};

class RowNumberUdf : public WindowUDF {
 public:
  std::string name() const override { return "row_number"; }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>&) const override {
    return uint64();
  }
  bool nullable() const override { return false; }
  Result<std::unique_ptr<PartitionEvaluator>> CreateEvaluator(const WindowArgs&) const override {
    return std::unique_ptr<PartitionEvaluator>(std::make_unique<RowNumberEvaluator>());
  }
};

}  // namespace

WindowUDFPtr SubqueryRowNumberUdf() {
  static const WindowUDFPtr udf = std::make_shared<RowNumberUdf>();
  return udf;
}

AggregateUDFPtr SubqueryCountUdf() {
  static const AggregateUDFPtr udf = std::make_shared<CountUdf>();
  return udf;
}

AggregateUDFPtr ScalarSubqueryValueUdf() {
  static const AggregateUDFPtr udf = std::make_shared<SingleValueUdf>();
  return udf;
}

}  // namespace quiver
