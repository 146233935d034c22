// Small pieces every file scan needs: the schema a projection leaves, and
// how EXPLAIN lists its columns.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "quiver/arrow/type.h"

namespace quiver {

/// The fields of `schema` at `projection`, in its order; all without one.
SchemaPtr ProjectedSchema(const SchemaPtr& schema,
                          const std::optional<std::vector<int>>& projection);

/// "[a, b, c]": the field names of `schema`, as scan nodes print them.
std::string FieldNameList(const Schema& schema);

}  // namespace quiver
