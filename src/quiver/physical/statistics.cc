#include "quiver/physical/statistics.h"

namespace quiver {

namespace {

const char* PrecisionName(Precision p) {
  switch (p) {
    case Precision::kExact: return "Exact";
    case Precision::kInexact: return "Inexact";
    default: return "Absent";
  }
}

}  // namespace

StatCount StatCount::ToInexact() const {
  StatCount c = *this;
  if (c.precision == Precision::kExact) c.precision = Precision::kInexact;
  return c;
}

std::string StatCount::ToString() const {
  if (precision == Precision::kAbsent) return "Absent";
  return std::string(PrecisionName(precision)) + "(" + std::to_string(value) + ")";
}

std::string StatValue::ToString() const {
  if (precision == Precision::kAbsent) return "Absent";
  return std::string(PrecisionName(precision)) + "(" + value.ToString() + ")";
}

Statistics Statistics::Unknown(int num_columns) {
  Statistics s;
  s.columns.resize(static_cast<size_t>(num_columns < 0 ? 0 : num_columns));
  return s;
}

Statistics Statistics::Project(const std::vector<int>& columns) const {
  Statistics s;
  s.num_rows = num_rows;
  s.total_byte_size = total_byte_size.ToInexact();
  for (int c : columns) {
    s.columns.push_back(c >= 0 && c < static_cast<int>(this->columns.size()) ? this->columns[c]
                                                                             : ColumnStatistics{});
  }
  return s;
}

Statistics Statistics::ToInexact() const {
  Statistics s = *this;
  s.num_rows = num_rows.ToInexact();
  s.total_byte_size = total_byte_size.ToInexact();
  for (auto& c : s.columns) {
    c.null_count = c.null_count.ToInexact();
    c.distinct_count = c.distinct_count.ToInexact();
    if (c.min.precision == Precision::kExact) c.min.precision = Precision::kInexact;
    if (c.max.precision == Precision::kExact) c.max.precision = Precision::kInexact;
  }
  return s;
}

std::string Statistics::ToString() const {
  std::string s = "Rows=" + num_rows.ToString() + ", Bytes=" + total_byte_size.ToString() + ", [";
  for (size_t i = 0; i < columns.size(); ++i) {
    const auto& c = columns[i];
    s += (i ? "," : "") + std::string("(Col[") + std::to_string(i) + "]:";
    if (c.min.precision != Precision::kAbsent) s += " Min=" + c.min.ToString();
    if (c.max.precision != Precision::kAbsent) s += " Max=" + c.max.ToString();
    if (c.null_count.known()) s += " Null=" + c.null_count.ToString();
    if (c.distinct_count.known()) s += " Distinct=" + c.distinct_count.ToString();
    s += ")";
  }
  return s + "]";
}

}  // namespace quiver
