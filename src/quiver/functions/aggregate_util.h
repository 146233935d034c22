// Helpers for the built-in aggregates of this folder.
#pragma once

#include <string>
#include <vector>

#include "quiver/functions/function_util.h"

namespace quiver::functions {

/// Whether row i passes FILTER (WHERE ...): null filter keeps every row,
/// a null filter value drops the row.
class RowFilter {
 public:
  explicit RowFilter(const BooleanArray* f) : f_(f) {}
  bool operator()(int64_t i) const { return !f_ || (f_->IsValid(i) && f_->Value(i)); }

 private:
  const BooleanArray* f_;
};

/// Update, Merge and State of an accumulator whose partial state is its
/// result (min, max): values and partial states alike are folded in with
/// Derived::Fold(array, ids, filter, total); Derived::Resize(total) makes room
/// for new groups. Derived befriends this class.
template <typename Derived>
class SelfStateAccumulator : public GroupsAccumulator {
 public:
  Status Update(const std::vector<ArrayPtr>& values, const uint32_t* ids,
                const BooleanArray* filter, int64_t total) override {
    return self().Fold(*values[0], ids, filter, total);
  }
  Status Merge(const std::vector<ArrayPtr>& states, const uint32_t* ids, int64_t total) override {
    if (states.empty()) {
      self().Resize(total);
      return Status::OK();
    }
    return self().Fold(*states[0], ids, nullptr, total);
  }
  Result<std::vector<ArrayPtr>> State() override {
    QUIVER_ASSIGN_OR_RAISE(auto a, this->Evaluate());
    return std::vector<ArrayPtr>{a};
  }

 private:
  Derived& self() { return static_cast<Derived&>(*this); }
};

/// `arity` numeric (or Null) arguments, all cast to Float64.
Result<std::vector<DataTypePtr>> CoerceNumericToFloat64(const std::string& name,
                                                        const std::vector<DataTypePtr>& args,
                                                        size_t arity);

}  // namespace quiver::functions
