#include "quiver/common/table_reference.h"

namespace quiver {

bool TableReference::ResolvesTo(const TableReference& full) const {
  if (table != full.table) return false;
  if (!schema.empty() && schema != full.schema) return false;
  if (!catalog.empty() && catalog != full.catalog) return false;
  return true;
}

std::string TableReference::ToString() const {
  std::string out;
  if (!catalog.empty()) out += catalog + ".";
  if (!schema.empty()) out += schema + ".";
  return out + table;
}

std::string Column::ToString() const {
  return relation ? relation->ToString() + "." + name : name;
}

}  // namespace quiver
