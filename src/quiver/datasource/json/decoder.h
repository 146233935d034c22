// Decodes NDJSON records into column builders, following the type rules in
// json_reader.h. Internal to the NDJSON reader.
#pragma once

#include <memory>
#include <vector>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/record_batch.h"
#include "quiver/datasource/json/scanner.h"

namespace quiver::json::internal {

class ValueDecoder;
class FieldLookup;

// Which members an object had, cleared in O(1) per object by a new stamp.
struct SeenSet {
  std::vector<uint32_t> stamps;
  uint32_t current = 0;
  void Resize(size_t n) { stamps.assign(n, 0); }
  void NextObject() {
    if (++current == 0) {  // wrapped: old stamps could match again
      std::fill(stamps.begin(), stamps.end(), 0);
      current = 1;
    }
  }
  bool Test(size_t i) const { return stamps[i] == current; }
  void Set(size_t i) { stamps[i] = current; }
};

class RowDecoder {
 public:
  /// Decodes the `projection` columns (indices into `file_schema`).
  static Result<std::unique_ptr<RowDecoder>> Make(const SchemaPtr& file_schema,
                                                  const std::vector<int>& projection);
  ~RowDecoder();

  /// Decodes one line: a JSON object, or only whitespace (no row). On error
  /// the decoder is unusable (the caller fails the whole read).
  Status DecodeLine(const char* begin, const char* end);
  int64_t num_rows() const { return num_rows_; }
  /// The rows decoded so far as a batch of the projected schema.
  Result<RecordBatchPtr> Flush();

 private:
  RowDecoder() = default;
  SchemaPtr out_schema_;
  std::vector<std::unique_ptr<ArrayBuilder>> builders_;
  std::vector<std::unique_ptr<ValueDecoder>> decoders_;  // by file column; null if unread
  std::vector<ValueDecoder*> raw_;
  std::vector<int> order_;  // projected file columns in output order
  std::unique_ptr<FieldLookup> lookup_;
  SeenSet seen_;
  std::string key_scratch_;
  int64_t num_rows_ = 0;
};

}  // namespace quiver::json::internal
