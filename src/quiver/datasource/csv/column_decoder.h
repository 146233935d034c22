// Column decoders: turn one column of tokenized rows into an Arrow array,
// parsing field text straight into the array's buffers.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quiver/arrow/array.h"
#include "quiver/datasource/csv/tokenizer.h"

namespace re2 {
class RE2;
}

namespace quiver::csv::internal {

/// Decides which fields are null (see CsvReadOptions).
class NullMatcher {
 public:
  static Result<std::shared_ptr<NullMatcher>> Make(const CsvReadOptions& options);
  ~NullMatcher();
  /// Default rule only: empty fields are null (quoted ones too, except for strings).
  bool simple() const { return simple_; }
  bool IsNull(std::string_view text, bool quoted, bool string_column) const;

 private:
  bool simple_ = true;
  std::vector<std::string> values_;
  std::unique_ptr<re2::RE2> regex_;
};

class ColumnDecoder {
 public:
  virtual ~ColumnDecoder() = default;
  /// Starts a batch of at most `capacity` rows.
  virtual Status Begin(int64_t capacity) = 0;
  /// Appends column `col` of every row of `rows`.
  virtual Status Decode(const TokenizedRows& rows, int col) = 0;
  /// The array of the rows appended since Begin.
  virtual Result<ArrayPtr> Finish() = 0;
};

/// A decoder for `field` (column `index` of the file); NotImplemented for
/// types CSV can't hold. `tokenizer` and `nulls` must outlive it.
Result<std::unique_ptr<ColumnDecoder>> MakeColumnDecoder(const FieldPtr& field, int index,
                                                         const Tokenizer* tokenizer,
                                                         const NullMatcher* nulls);

}  // namespace quiver::csv::internal
