// DFSchema: an Arrow schema whose fields may be qualified by the relation
// they come from, so that `t.a` and `u.a` can live side by side in a join.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "quiver/arrow/type.h"
#include "quiver/common/table_reference.h"

namespace quiver {

class DFSchema;
using DFSchemaPtr = std::shared_ptr<const DFSchema>;

class DFSchema {
 public:
  DFSchema() = default;
  DFSchema(std::vector<std::optional<TableReference>> qualifiers, std::vector<FieldPtr> fields);

  static DFSchemaPtr Empty();
  /// Every field qualified by `qualifier` (none when nullopt).
  static DFSchemaPtr FromArrow(const SchemaPtr& schema,
                               const std::optional<TableReference>& qualifier);

  int num_fields() const { return static_cast<int>(fields_.size()); }
  const FieldPtr& field(int i) const { return fields_[i]; }
  const std::optional<TableReference>& qualifier(int i) const { return qualifiers_[i]; }
  const std::vector<FieldPtr>& fields() const { return fields_; }
  Column column(int i) const { return {qualifiers_[i], fields_[i]->name()}; }

  /// Index of the column; Schema errors when it is missing (naming the
  /// closest candidate) or ambiguous.
  Result<int> IndexOf(const Column& column) const;
  /// -1 when missing or ambiguous.
  int FindIndex(const Column& column) const;
  bool HasColumn(const Column& column) const { return FindIndex(column) >= 0; }

  /// Concatenation (for joins).
  DFSchemaPtr Join(const DFSchema& right) const;
  /// Same fields, all re-qualified (for SubqueryAlias).
  DFSchemaPtr WithQualifier(const TableReference& qualifier) const;
  SchemaPtr ToArrow() const;
  std::string ToString() const;

 private:
  std::vector<std::optional<TableReference>> qualifiers_;
  std::vector<FieldPtr> fields_;
};

}  // namespace quiver
