// Text formatting of generated rows (.tbl and CSV), into a caller-owned buffer.
#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "tpchgen/tpch_rows.h"

namespace quiver::tpchgen {

enum class TextFormat { kTbl, kCsv };

/// A growable byte buffer that, unlike std::string::resize, never zero-fills.
class TextBuffer {
 public:
  /// Room for `n` more bytes at end(); commit them with Advance().
  char* Reserve(size_t n) {
    if (size_ + n > capacity_) Grow(size_ + n);
    return data_.get() + size_;
  }
  void Advance(size_t n) { size_ += n; }
  void Append(std::string_view s);
  void Clear() { size_ = 0; }
  const char* data() const { return data_.get(); }
  size_t size() const { return size_; }
  std::string_view view() const { return {data_.get(), size_}; }

 private:
  void Grow(size_t min_capacity);
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

/// Appends one row, newline included, to `out`.
void AppendRow(TextFormat format, std::span<const ColumnInfo> columns, const Field* fields,
               TextBuffer* out);

/// Appends the CSV header line (column names) to `out`.
void AppendCsvHeader(std::span<const ColumnInfo> columns, TextBuffer* out);

}  // namespace quiver::tpchgen
