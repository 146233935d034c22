// TableProvider::Estimate: table sizes for join ordering from statistics.
#include <algorithm>

#include "quiver/physical/table_provider.h"

namespace quiver {

namespace {

// Distinct values of a column: its distinct count when known, otherwise the
// width of an integer-like min/max range; never more than the rows.
double DistinctOf(const ColumnStatistics& c, double rows) {
  if (c.distinct_count.known()) return std::min<double>(c.distinct_count.value, rows);
  if (c.min.precision == Precision::kAbsent || c.max.precision == Precision::kAbsent) return 0;
  if (c.min.value.is_null() || c.max.value.is_null()) return 0;
  const DataType& t = *c.min.value.type();
  if (!(t.is_integer() || t.id() == TypeId::kDate32)) return 0;
  if (!t.Equals(*c.max.value.type())) return 0;
  double range =
      static_cast<double>(c.max.value.GetInt64()) - static_cast<double>(c.min.value.GetInt64()) + 1;
  return range >= 1 ? std::min(range, rows) : 0;
}

}  // namespace

std::optional<TableEstimate> TableProvider::Estimate() const {
  std::optional<Statistics> s = statistics();
  if (!s || !s->num_rows.known()) return std::nullopt;
  TableEstimate e;
  e.rows = static_cast<double>(s->num_rows.value);
  const int n = schema()->num_fields();
  e.distinct.assign(n, 0);
  for (int i = 0; i < n && i < static_cast<int>(s->columns.size()); ++i) {
    e.distinct[i] = DistinctOf(s->columns[i], e.rows);
  }
  return e;
}

}  // namespace quiver
