// The Arrow C Stream Interface: hand a sequence of record batches to any
// Arrow consumer (export), or pull one from any Arrow producer (import).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "quiver/arrow/c_data.h"

namespace quiver {

/// Produces the next batch, or nullptr at the end of the stream.
using BatchProducer = std::function<Result<RecordBatchPtr>()>;

/// Fills `out` with a stream whose batches come from `next`, each exported
/// zero-copy. Errors from `next` surface through get_next/get_last_error.
Status ExportRecordBatchStream(SchemaPtr schema, BatchProducer next, ArrowArrayStream* out);
/// A stream over a fixed list of batches (all must match `schema`).
Status ExportRecordBatchStream(SchemaPtr schema, std::vector<RecordBatchPtr> batches,
                               ArrowArrayStream* out);

/// Reads batches from a foreign ArrowArrayStream, which it owns and releases.
class ImportedStreamReader {
 public:
  /// Takes ownership of `stream` (moved from; the caller's struct is released).
  static Result<std::unique_ptr<ImportedStreamReader>> Make(ArrowArrayStream* stream);
  ~ImportedStreamReader();
  ImportedStreamReader(const ImportedStreamReader&) = delete;
  ImportedStreamReader& operator=(const ImportedStreamReader&) = delete;

  const SchemaPtr& schema() const { return schema_; }
  /// The next batch, or nullptr at the end of the stream.
  Result<RecordBatchPtr> Next();

 private:
  ImportedStreamReader() = default;
  Status StreamError(int code, const char* what);

  ArrowArrayStream stream_{};
  SchemaPtr schema_;
  bool done_ = false;
};

}  // namespace quiver
