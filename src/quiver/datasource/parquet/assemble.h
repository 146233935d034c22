// Turns decoded leaf columns (dense values + levels) into Arrow arrays,
// rebuilding validity, list offsets, structs and maps from the levels.
#pragma once

#include <vector>

#include "quiver/arrow/array_data.h"
#include "quiver/datasource/parquet/arrow_schema.h"
#include "quiver/datasource/parquet/column_reader.h"

namespace quiver::parquet {

/// Builds the array for `field` (top level or nested); `leaves` is indexed
/// like plan.leaves and must hold every leaf under `field`. Values of flat
/// leaves may be moved into the result (zero copy), emptying their LeafData.
Result<ArrayDataPtr> AssembleField(const SchemaPlan& plan, const FieldPlan& field,
                                   std::vector<LeafData>* leaves);

}  // namespace quiver::parquet
