#include "tpchgen/row_format.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace quiver::tpchgen {
namespace {

inline char* PutInt(char* p, int64_t v) { return std::to_chars(p, p + 24, v).ptr; }

// Hundredths as dbgen prints money: optional '-', units, '.', two digits.
inline char* PutDecimal(char* p, int64_t v) {
  if (v < 0) {
    *p++ = '-';
    v = -v;
  }
  p = PutInt(p, v / 100);
  *p++ = '.';
  *p++ = static_cast<char>('0' + (v % 100) / 10);
  *p++ = static_cast<char>('0' + v % 10);
  return p;
}

inline char* PutText(char* p, std::string_view s) {
  std::memcpy(p, s.data(), s.size());
  return p + s.size();
}

inline char* PutCsvText(char* p, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return PutText(p, s);
  *p++ = '"';
  for (char c : s) {
    if (c == '"') *p++ = '"';
    *p++ = c;
  }
  *p++ = '"';
  return p;
}

}  // namespace

void TextBuffer::Append(std::string_view s) {
  std::memcpy(Reserve(s.size()), s.data(), s.size());
  size_ += s.size();
}

void TextBuffer::Grow(size_t min_capacity) {
  size_t capacity = std::max(min_capacity, capacity_ * 2 + 4096);
  std::unique_ptr<char[]> data(new char[capacity]);
  if (size_ > 0) std::memcpy(data.get(), data_.get(), size_);
  data_ = std::move(data);
  capacity_ = capacity;
}

void AppendRow(TextFormat format, std::span<const ColumnInfo> columns, const Field* fields,
               TextBuffer* out) {
  // Upper bound: 24 bytes per number, strings doubled by CSV quoting, plus quotes.
  size_t bound = 1;
  for (size_t c = 0; c < columns.size(); ++c) {
    bound += 28 + (columns[c].type == FieldType::kString ? 2 * fields[c].s.size() : 0);
  }
  char* begin = out->Reserve(bound);
  char* p = begin;
  const bool csv = format == TextFormat::kCsv;
  for (size_t c = 0; c < columns.size(); ++c) {
    if (csv && c > 0) *p++ = ',';
    const Field& f = fields[c];
    switch (columns[c].type) {
      case FieldType::kInt64: p = PutInt(p, f.i); break;
      case FieldType::kDecimal: p = PutDecimal(p, f.i); break;
      case FieldType::kDate: p = PutText(p, f.s); break;
      case FieldType::kString: p = csv ? PutCsvText(p, f.s) : PutText(p, f.s); break;
    }
    if (!csv) *p++ = '|';
  }
  *p++ = '\n';
  out->Advance(static_cast<size_t>(p - begin));
}

void AppendCsvHeader(std::span<const ColumnInfo> columns, TextBuffer* out) {
  for (size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) out->Append(",");
    out->Append(columns[c].name);
  }
  out->Append("\n");
}

}  // namespace quiver::tpchgen
