// Schema merging for tables over several Parquet files: the table has the
// union of the files' columns (matched by name), each with a type every
// file's type widens to without loss of range.
#pragma once

#include <vector>

#include "quiver/arrow/type.h"

namespace quiver {

/// The type both `a` and `b` convert to: wider integers, Float64 for mixed
/// integer / float, large or view strings, the finer timestamp unit, a decimal
/// holding both. A Schema error names `column` when the types do not mix.
Result<DataTypePtr> WidenType(const DataTypePtr& a, const DataTypePtr& b,
                              const std::string& column);

/// The union of `schemas` by field name, in order of first appearance; a
/// field missing from some schema becomes nullable.
Result<SchemaPtr> MergeSchemas(const std::vector<SchemaPtr>& schemas);

}  // namespace quiver
