// Parquet schema -> Arrow schema, plus the plan that tells the reader how to
// rebuild each Arrow field (structs, lists, maps at any depth) from the
// definition and repetition levels of its leaf columns.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "quiver/arrow/type.h"
#include "quiver/datasource/parquet/metadata.h"

namespace quiver::parquet {

/// One leaf (primitive) column of the file schema.
struct LeafColumn {
  const SchemaElement* element = nullptr;
  int16_t max_def = 0;
  int16_t max_rep = 0;
  std::vector<std::string> path;
};

/// How to assemble one Arrow field. A slot is one position this node occupies
/// in its container; in a leaf's level stream, a slot starts wherever
/// rep <= slot_rep and def >= slot_def.
struct FieldPlan {
  enum Kind { kLeaf, kStruct, kList, kMap };
  Kind kind = kLeaf;
  FieldPtr field;
  int16_t slot_rep = 0, slot_def = 0;
  /// def >= node_def: this node is non-null at the slot.
  int16_t node_def = 0;
  /// Lists and maps: def >= rep_def means at least one element; rep_level is
  /// the repeated node's repetition level.
  int16_t rep_def = 0, rep_level = 0;
  int leaf = -1;        // kLeaf: index into the leaf columns
  int first_leaf = -1;  // the leaf whose levels describe this node
  std::vector<FieldPlan> children;
};

struct SchemaPlan {
  std::vector<LeafColumn> leaves;
  std::vector<FieldPlan> fields;  // one per top-level Arrow field
  SchemaPtr schema;
};

/// Builds the plan for a file's schema (flattened SchemaElement list).
/// Legacy INT96 timestamps read as timestamps of `int96_unit`.
Result<std::shared_ptr<const SchemaPlan>> BuildSchemaPlan(
    const FileMetaData& md, quiver::TimeUnit int96_unit = quiver::TimeUnit::kNanosecond);

/// The Arrow type for a primitive column (logical/converted type mapping).
Result<DataTypePtr> LeafArrowType(const SchemaElement& e,
                                  quiver::TimeUnit int96_unit = quiver::TimeUnit::kNanosecond);

}  // namespace quiver::parquet
