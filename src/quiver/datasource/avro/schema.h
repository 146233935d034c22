// Avro schemas (specification 1.11, "Schema Declaration"): the JSON schema of
// an object container file parsed into a tree of nodes, and its Arrow form.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quiver/arrow/type.h"

namespace quiver::avro {

enum class NodeKind : uint8_t {
  kNull,
  kBoolean,
  kInt,
  kLong,
  kFloat,
  kDouble,
  kBytes,
  kString,
  kRecord,
  kEnum,
  kArray,
  kMap,
  kUnion,
  kFixed,
};

/// Logical types this reader understands; others read as the underlying type.
enum class Logical : uint8_t {
  kNone,
  kDecimal,  // bytes or fixed
  kUuid,     // string or fixed(16)
  kDate,     // int
  kTimeMillis,
  kTimeMicros,
  kTimestampMillis,
  kTimestampMicros,
  kTimestampNanos,
  kLocalTimestampMillis,
  kLocalTimestampMicros,
  kLocalTimestampNanos,
  kDuration,  // fixed(12)
};

struct Node {
  NodeKind kind = NodeKind::kNull;
  Logical logical = Logical::kNone;
  std::string name;                  // full name of a record, enum or fixed
  std::vector<std::string> symbols;  // enum
  int32_t size = 0;                  // fixed
  int32_t precision = 0;             // decimal
  int32_t scale = 0;                 // decimal
  /// Record fields, the array item / map value (one), or union branches.
  /// Named types may be shared (a later reference by name), and a recursive
  /// record refers to itself.
  std::vector<const Node*> children;
  std::vector<std::string> field_names;  // record
};

/// A parsed schema; owns all its nodes.
class Schema {
 public:
  const Node& root() const { return *root_; }
  /// Parses the JSON text of a schema.
  static Result<std::shared_ptr<const Schema>> Parse(std::string_view json);

 private:
  friend class SchemaParser;
  std::vector<std::unique_ptr<Node>> nodes_;
  const Node* root_ = nullptr;
};

/// Index of the non-null branch when `node` is a union of null and one other
/// type (either order), else -1.
int NullableBranch(const Node& node);

/// The Arrow field for a value of `node` named `name`: a [null, T] union is a
/// nullable T; other unions and recursive records are NotImplemented.
Result<FieldPtr> ToArrowField(const std::string& name, const Node& node);

/// The Arrow schema of a file: one column per field of the top-level record
/// (any other top-level type is NotImplemented).
Result<SchemaPtr> ToArrowSchema(const Schema& schema);

}  // namespace quiver::avro
