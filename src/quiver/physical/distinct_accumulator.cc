#include "quiver/physical/distinct_accumulator.h"

#include "quiver/arrow/builder.h"
#include "quiver/physical/group_values.h"

namespace quiver {

namespace {

class DistinctAccumulator : public GroupsAccumulator {
 public:
  DistinctAccumulator(std::unique_ptr<GroupsAccumulator> inner, std::vector<DataTypePtr> types)
      : inner_(std::move(inner)), value_type_(types.empty() ? null() : types[0]) {
    pairs_ = std::make_unique<GroupValues>(std::vector<DataTypePtr>{uint32(), value_type_});
  }

  Status Update(const std::vector<ArrayPtr>& values, const uint32_t* group_indices,
                const BooleanArray* filter, int64_t total_num_groups) override {
    if (values.size() != 1) {
      return Status::NotImplemented("DISTINCT aggregates with more than one argument");
    }
    total_ = std::max(total_, total_num_groups);
    const int64_t n = values[0]->length();
    UInt32Builder gb(uint32());
    std::vector<int64_t> keep;
    for (int64_t i = 0; i < n; ++i) {
      if (filter && !(filter->IsValid(i) && filter->Value(i))) continue;
      if (values[0]->IsNull(i)) continue;  // DISTINCT ignores nulls
      keep.push_back(i);
      QUIVER_RETURN_NOT_OK(gb.Append(group_indices[i]));
    }
    QUIVER_ASSIGN_OR_RAISE(auto gids, gb.Finish());
    ArrayPtr vals = values[0];
    if (static_cast<int64_t>(keep.size()) != n) {
      Int64Builder ib(int64());
      for (int64_t i : keep) QUIVER_RETURN_NOT_OK(ib.Append(i));
      QUIVER_ASSIGN_OR_RAISE(auto idx, ib.Finish());
      QUIVER_ASSIGN_OR_RAISE(vals, compute::Take(vals, *idx));
    }
    return pairs_->Intern({gids, vals}, &scratch_);
  }

  Status Merge(const std::vector<ArrayPtr>& states, const uint32_t* group_indices,
               int64_t total_num_groups) override {
    total_ = std::max(total_, total_num_groups);
    if (states.empty()) return Status::OK();
    const auto& lists = static_cast<const ListArray&>(*states[0]);
    UInt32Builder gb(uint32());
    Int64Builder ib(int64());
    for (int64_t r = 0; r < lists.length(); ++r) {
      if (lists.IsNull(r)) continue;
      for (int32_t k = lists.value_offset(r); k < lists.value_offset(r + 1); ++k) {
        QUIVER_RETURN_NOT_OK(gb.Append(group_indices[r]));
        QUIVER_RETURN_NOT_OK(ib.Append(k));
      }
    }
    QUIVER_ASSIGN_OR_RAISE(auto gids, gb.Finish());
    QUIVER_ASSIGN_OR_RAISE(auto idx, ib.Finish());
    QUIVER_ASSIGN_OR_RAISE(auto vals, compute::Take(lists.values(), *idx));
    return pairs_->Intern({gids, vals}, &scratch_);
  }

  Result<std::vector<ArrayPtr>> State() override {
    QUIVER_ASSIGN_OR_RAISE(auto pairs, pairs_->Emit());
    const auto& gids = static_cast<const UInt32Array&>(*pairs[0]);
    // Counting sort of the pairs by group gives each group's list.
    std::vector<int32_t> offsets(total_ + 1, 0);
    for (int64_t i = 0; i < gids.length(); ++i) ++offsets[gids.Value(i) + 1];
    for (int64_t g = 0; g < total_; ++g) offsets[g + 1] += offsets[g];
    std::vector<int64_t> order(gids.length());
    std::vector<int32_t> cursor(offsets.begin(), offsets.end() - 1);
    for (int64_t i = 0; i < gids.length(); ++i) order[cursor[gids.Value(i)]++] = i;
    Int64Builder ib(int64());
    QUIVER_RETURN_NOT_OK(ib.AppendValues(order.data(), static_cast<int64_t>(order.size())));
    QUIVER_ASSIGN_OR_RAISE(auto idx, ib.Finish());
    QUIVER_ASSIGN_OR_RAISE(auto sorted, compute::Take(pairs[1], *idx));
    QUIVER_ASSIGN_OR_RAISE(auto off, CopyBuffer(std::string_view(
                                         reinterpret_cast<const char*>(offsets.data()),
                                         offsets.size() * sizeof(int32_t))));
    auto data = ArrayData::Make(list(value_type_), total_, {nullptr, off}, 0, 0, {sorted->data()});
    return std::vector<ArrayPtr>{MakeArray(data)};
  }

  Result<ArrayPtr> Evaluate() override {
    QUIVER_ASSIGN_OR_RAISE(auto pairs, pairs_->Emit());
    const auto& gids = static_cast<const UInt32Array&>(*pairs[0]);
    QUIVER_RETURN_NOT_OK(inner_->Update({pairs[1]}, gids.raw_values(), nullptr, total_));
    return inner_->Evaluate();
  }

  int64_t MemorySize() const override { return pairs_->MemorySize() + inner_->MemorySize(); }

 private:
  std::unique_ptr<GroupsAccumulator> inner_;
  DataTypePtr value_type_;
  std::unique_ptr<GroupValues> pairs_;
  std::vector<uint32_t> scratch_;
  int64_t total_ = 0;
};

}  // namespace

std::unique_ptr<GroupsAccumulator> MakeDistinctAccumulator(std::unique_ptr<GroupsAccumulator> inner,
                                                           std::vector<DataTypePtr> input_types) {
  return std::make_unique<DistinctAccumulator>(std::move(inner), std::move(input_types));
}

}  // namespace quiver
