// The fast path of leaf assembly: a top-level primitive column (one slot per
// level, no repetition) built straight from its dense values and validity,
// with one straight loop per type instead of a per-slot index.
#pragma once

#include "quiver/arrow/array_data.h"
#include "quiver/datasource/parquet/column_reader.h"

namespace quiver::parquet {

/// Builds the array of `type` from `l` (levels in `l->def` with `max_def`, or
/// validity bits in `l->valid`), moving buffers out of `l` where no
/// conversion is needed. Returns null, leaving `l` untouched, for types that
/// need the general path.
Result<ArrayDataPtr> AssembleFlatLeaf(const DataTypePtr& type, int16_t max_def, LeafData* l);

/// Replaces `l->valid` by the equivalent `l->def` levels (0 or `max_def`),
/// for the general assembly path.
void ValidityToLevels(int16_t max_def, LeafData* l);

}  // namespace quiver::parquet
