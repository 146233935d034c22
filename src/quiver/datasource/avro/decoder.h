// Decodes Avro binary records straight into Arrow builders. The top-level
// record's fields that are not wanted are skipped without being built.
#pragma once

#include <memory>
#include <vector>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/record_batch.h"
#include "quiver/datasource/avro/binary.h"
#include "quiver/datasource/avro/schema.h"

namespace quiver::avro {

class ValueDecoder;

class RecordDecoder {
 public:
  /// Decodes records of `schema` (whose root must be a record) into the
  /// columns `out_schema` names; each must be a field of the root record with
  /// the Arrow type ToArrowSchema gives it (nullability may differ).
  static Result<std::unique_ptr<RecordDecoder>> Make(std::shared_ptr<const Schema> schema,
                                                     SchemaPtr out_schema);
  ~RecordDecoder();

  /// Appends one record read from `c`.
  Status DecodeRecord(Cursor* c);
  /// The records decoded so far as a batch; the decoder starts over.
  Result<RecordBatchPtr> Finish();
  int64_t rows() const { return rows_; }

 private:
  RecordDecoder() = default;
  std::shared_ptr<const Schema> schema_;
  SchemaPtr out_schema_;
  std::vector<std::unique_ptr<ArrayBuilder>> builders_;  // one per output column
  /// One per field of the root record; null for a skipped field.
  std::vector<std::unique_ptr<ValueDecoder>> steps_;
  int64_t rows_ = 0;
};

/// Moves `c` past one value of `node` (nesting depth is bounded).
Status SkipValue(const Node& node, Cursor* c, int depth = 0);

/// The least number of bytes a value of `node` takes (0 for null and for
/// records of zero-size fields); used to reject impossible item counts.
int64_t MinEncodedSize(const Node& node, int depth = 0);

}  // namespace quiver::avro
