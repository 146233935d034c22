#include "quiver/datasource/scan_schema.h"

namespace quiver {

SchemaPtr ProjectedSchema(const SchemaPtr& schema,
                          const std::optional<std::vector<int>>& projection) {
  if (!projection) return schema;
  std::vector<FieldPtr> fields;
  for (int i : *projection) fields.push_back(schema->field(i));
  return quiver::schema(std::move(fields));
}

std::string FieldNameList(const Schema& schema) {
  std::string out = "[";
  for (int i = 0; i < schema.num_fields(); ++i) out += (i ? ", " : "") + schema.field(i)->name();
  return out + "]";
}

}  // namespace quiver
