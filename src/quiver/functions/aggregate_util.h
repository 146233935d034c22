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

/// `arity` numeric (or Null) arguments, all cast to Float64.
Result<std::vector<DataTypePtr>> CoerceNumericToFloat64(const std::string& name,
                                                        const std::vector<DataTypePtr>& args,
                                                        size_t arity);

}  // namespace quiver::functions
