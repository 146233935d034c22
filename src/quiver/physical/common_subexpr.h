// Subexpressions shared by several expressions of one operator, computed
// once per batch: `SUM(x + 1), SUM(x + 2), ...` over a column x that needs a
// cast evaluates the cast once instead of once per aggregate.
#pragma once

#include <vector>

#include "quiver/arrow/record_batch.h"
#include "quiver/physical/physical_expr.h"

namespace quiver {

struct SharedSubexprs {
  /// Subexpressions to evaluate once per batch, in order; `common[j]` is
  /// read back as column `num_input_columns + j`.
  std::vector<PhysicalExprPtr> common;
  /// The given expressions with every shared subexpression replaced by a
  /// column reference (the originals when nothing is shared).
  std::vector<PhysicalExprPtr> rewritten;
  /// The input schema followed by one field per common subexpression.
  SchemaPtr extended_schema;
};

/// Finds subexpressions occurring at least twice among `exprs` (null entries
/// are kept as null). Only deterministic casts, unary and binary operators
/// over columns and literals are shared.
SharedSubexprs ExtractSharedSubexprs(const std::vector<PhysicalExprPtr>& exprs,
                                     const SchemaPtr& input_schema);

/// `batch` with the common subexpressions appended as columns.
Result<RecordBatchPtr> AppendSharedColumns(const SharedSubexprs& shared, const RecordBatch& batch);

}  // namespace quiver
