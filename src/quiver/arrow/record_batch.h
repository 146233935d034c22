// RecordBatch: equal-length columns under a schema; the unit that flows
// between operators (8192 rows by default).
#pragma once

#include <memory>
#include <vector>

#include "quiver/arrow/array.h"

namespace quiver {

constexpr int64_t kDefaultBatchSize = 8192;

class RecordBatch;
using RecordBatchPtr = std::shared_ptr<RecordBatch>;

class RecordBatch {
 public:
  RecordBatch(SchemaPtr schema, int64_t num_rows, std::vector<ArrayPtr> columns)
      : schema_(std::move(schema)), num_rows_(num_rows), columns_(std::move(columns)) {}

  static RecordBatchPtr Make(SchemaPtr schema, int64_t num_rows, std::vector<ArrayPtr> columns) {
    return std::make_shared<RecordBatch>(std::move(schema), num_rows, std::move(columns));
  }
  /// Checks column count, lengths and types against the schema.
  static Result<RecordBatchPtr> MakeValidated(SchemaPtr schema, int64_t num_rows,
                                              std::vector<ArrayPtr> columns);

  const SchemaPtr& schema() const { return schema_; }
  int64_t num_rows() const { return num_rows_; }
  int num_columns() const { return static_cast<int>(columns_.size()); }
  const ArrayPtr& column(int i) const { return columns_[i]; }
  const std::vector<ArrayPtr>& columns() const { return columns_; }

  RecordBatchPtr Slice(int64_t offset, int64_t length) const;
  RecordBatchPtr Slice(int64_t offset) const { return Slice(offset, num_rows_ - offset); }
  /// Same columns under another schema (renames; types must match).
  RecordBatchPtr WithSchema(SchemaPtr schema) const {
    return Make(std::move(schema), num_rows_, columns_);
  }
  Status Validate() const;
  std::string ToString() const;  // boxed table

 private:
  SchemaPtr schema_;
  int64_t num_rows_;
  std::vector<ArrayPtr> columns_;
};

}  // namespace quiver
