// Arrow schema -> Parquet schema for the writer, and the shredding of Arrow
// arrays (structs, lists, maps at any depth) into the definition and
// repetition levels of their leaf columns.
#pragma once

#include <vector>

#include "quiver/arrow/array_data.h"
#include "quiver/datasource/parquet/column_writer.h"
#include "quiver/datasource/parquet/metadata.h"

namespace quiver::parquet {

/// One Arrow field in the writer's tree.
struct WriteNode {
  enum Kind { kLeaf, kStruct, kList, kMap };
  Kind kind = kLeaf;
  bool nullable = true;
  int16_t def = 0;        // definition level when this node is present and non-null
  int16_t rep_level = 0;  // lists and maps: the level of their repeated group
  int leaf = -1;          // kLeaf: index into WriteSchema::leaves
  std::vector<WriteNode> children;
};

struct WriteSchema {
  std::vector<SchemaElement> elements;  // flattened, root first
  std::vector<LeafSpec> leaves;
  std::vector<WriteNode> fields;  // one per top-level field
};

Result<WriteSchema> BuildWriteSchema(const Schema& schema);

/// Shreds `array` (top-level column `field`) into `builders` (one per leaf).
Status ShredColumn(const WriteNode& field, const ArrayData& array,
                   std::vector<ColumnChunkBuilder>* builders);

}  // namespace quiver::parquet
