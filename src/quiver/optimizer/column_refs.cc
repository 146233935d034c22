#include "quiver/optimizer/column_refs.h"

namespace quiver {

bool ColumnsWithin(const ExprPtr& e, const DFSchema& s) {
  std::vector<Column> cols;
  CollectColumns(e, &cols);
  if (cols.empty()) return false;
  for (const auto& c : cols) {
    if (s.FindIndex(c) < 0) return false;
  }
  return true;
}

}  // namespace quiver
