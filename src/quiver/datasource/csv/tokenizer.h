// The CSV tokenizer: finds row and field boundaries in a block of bytes
// without copying them. Field contents are decoded later, column by column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quiver/datasource/csv/csv_reader.h"

namespace quiver::csv::internal {

/// Where one field lies, relative to TokenizedRows::base. The two top bits
/// of `start` say how to read it.
struct FieldSpan {
  uint32_t start;
  uint32_t end;
};
constexpr uint32_t kSpanQuoted = 1u << 31;   // starts with the quote char
constexpr uint32_t kSpanComplex = 1u << 30;  // quoted, with escapes etc.: unescape
constexpr uint32_t kSpanFlags = kSpanQuoted | kSpanComplex;
constexpr uint32_t kSpanMissing = kSpanFlags;  // absent (truncated row): null
/// Blocks given to the tokenizer must be smaller than this (offsets fit 30 bits).
constexpr int64_t kMaxBlockBytes = int64_t{1} << 30;

/// Rows found by one Scan: `num_cols` spans per row, and each row's line.
struct TokenizedRows {
  const char* base = nullptr;
  int num_cols = 0;
  int64_t num_rows = 0;
  std::vector<FieldSpan> spans;
  std::vector<int64_t> lines;  // 1-based line where each row starts

  void Reset(const char* b) {
    base = b;
    num_rows = 0;
    spans.clear();
    lines.clear();
  }
};

class Tokenizer {
 public:
  enum class Outcome { kRowLimit, kNeedMore, kEnd };

  /// `num_cols` < 0: unknown yet (set by ReadRecord of the first row).
  Tokenizer(const CsvReadOptions& options, int num_cols);

  int num_cols() const { return num_cols_; }
  void set_num_cols(int n) { num_cols_ = n; }
  /// Line number of the next byte (1-based, counted from where scanning began).
  int64_t line() const { return line_; }
  void set_line(int64_t line) { line_ = line; }
  /// Describes where line numbers count from, for error messages.
  void set_location_note(std::string note) { location_note_ = std::move(note); }
  const std::string& location_note() const { return location_note_; }

  /// Scans rows of [begin, end) into `out` (whose base must be `begin`), at
  /// most `max_rows`, excluding rows that start at offset >= `stop` from
  /// begin. `*end` must be writable (it holds a sentinel). `eof`: no bytes
  /// follow `end`. Sets `*consumed` to the bytes of the rows taken.
  Result<Outcome> Scan(char* begin, char* end, bool eof, int64_t max_rows, int64_t stop,
                       TokenizedRows* out, int64_t* consumed);

  /// Reads one record of any width (header, or first row to count columns)
  /// as unescaped strings. kNeedMore when incomplete; kEnd with no fields
  /// when only blank/comment lines remain.
  Result<Outcome> ReadRecord(char* begin, char* end, bool eof, std::vector<std::string>* fields,
                             int64_t* consumed);

  /// The text of a field (unescaping complex ones into `scratch`).
  std::string_view FieldText(const char* base, FieldSpan span, std::string* scratch) const {
    uint32_t flags = span.start & kSpanFlags;
    uint32_t s = span.start & ~kSpanFlags;
    if (flags == 0) return {base + s, span.end - s};
    if (flags == kSpanQuoted) return {base + s + 1, span.end - s - 2};
    if (flags == kSpanMissing) return {};
    return Unescape(base + s, base + span.end, scratch);
  }
  std::string_view Unescape(const char* p, const char* end, std::string* scratch) const;

  Status FieldCountError(int64_t line, int64_t got) const;
  /// "line N" plus the location note.
  std::string LineText(int64_t line) const;

 private:
  enum RowResult { kRowDone, kRowIncomplete, kRowEnd };
  // Scans one row starting at p (not a blank/comment line). Writes up to
  // cap spans and sets *nfields to the true count.
  RowResult ScanRow(char* base, char* p, char* end, bool eof, FieldSpan* spans, int cap,
                    int* nfields, char** next, int64_t* newlines, bool* bad_quote);
  // Skips blank and comment lines at *p; false when more data is needed.
  bool SkipIgnorable(char** p, char* end, bool eof);

  char delimiter_;
  char quote_;
  int escape_;   // -1: none
  int comment_;  // -1: none
  bool truncated_rows_;
  int num_cols_;
  int64_t line_ = 1;
  std::string location_note_;
  uint8_t cls_[256];   // unquoted: 1 delimiter, 2 '\n', 3 '\r'
  uint8_t qcls_[256];  // quoted: 1 quote, 2 escape, 3 '\n'
};

}  // namespace quiver::csv::internal
