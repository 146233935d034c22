// Statistics of the basic operators: memory scans know their rows and null
// counts exactly; projections pass column statistics through; filters make
// everything an estimate (in operators.h).
#include <algorithm>

#include "quiver/physical/operators.h"

namespace quiver {

Statistics MemoryExec::statistics() const {
  Statistics s = Statistics::Unknown(schema_->num_fields());
  int64_t rows = 0;
  std::vector<int64_t> nulls(s.columns.size(), 0);
  for (const auto& b : morsels_) {
    rows += b->num_rows();
    for (int c = 0; c < b->num_columns() && c < static_cast<int>(nulls.size()); ++c) {
      nulls[c] += b->column(c)->null_count();
    }
  }
  s.num_rows = StatCount::Exact(rows);
  for (size_t c = 0; c < nulls.size(); ++c) s.columns[c].null_count = StatCount::Exact(nulls[c]);
  return s;
}

Statistics ProjectionExec::statistics() const {
  const Statistics in = input_->statistics();
  Statistics s = Statistics::Unknown(static_cast<int>(exprs_.size()));
  s.num_rows = in.num_rows;
  for (size_t i = 0; i < exprs_.size(); ++i) {
    if (auto* c = dynamic_cast<const ColumnExpr*>(exprs_[i].get())) {
      if (c->index() >= 0 && c->index() < static_cast<int>(in.columns.size())) {
        s.columns[i] = in.columns[c->index()];
      }
    }
  }
  return s;
}

Statistics GlobalLimitExec::statistics() const {
  const Statistics in = input_->statistics();
  Statistics s = Statistics::Unknown(schema()->num_fields());
  if (in.num_rows.known()) {
    int64_t n = std::max<int64_t>(0, in.num_rows.value - skip_);
    if (fetch_) n = std::min(n, *fetch_);
    s.num_rows = {in.num_rows.precision, n};
  } else if (fetch_) {
    s.num_rows = StatCount::Inexact(*fetch_);
  }
  return s;
}

}  // namespace quiver
