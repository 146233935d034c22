// Decodes every page of one column chunk into dense values plus the
// definition / repetition levels that place them.
#pragma once

#include <cstdint>
#include <vector>

#include "quiver/arrow/status.h"
#include "quiver/datasource/parquet/arrow_schema.h"
#include "quiver/datasource/parquet/metadata.h"
#include "quiver/datasource/parquet/source.h"

namespace quiver::parquet {

struct LeafData {
  PhysicalType type = PhysicalType::kInt32;
  int32_t type_length = 0;
  int64_t num_levels = 0;
  /// Levels per slot; empty when the column's max level is 0.
  std::vector<int16_t> def, rep;
  /// Dense non-null values: fixed-width types in `fixed` (the decoder
  /// layout), byte arrays in `bin_data` with num_values + 1 `bin_offsets`.
  int64_t num_values = 0;
  std::vector<uint8_t> fixed;
  std::vector<uint8_t> bin_data;
  std::vector<int64_t> bin_offsets;
};

/// Reads and decodes one column chunk of `leaf`.
Result<LeafData> ReadColumnChunk(RandomAccessSource& source, const ColumnChunk& chunk,
                                 const LeafColumn& leaf);

}  // namespace quiver::parquet
