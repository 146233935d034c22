// A pull tokenizer over the bytes of one JSON text (RFC 8259), used by the
// NDJSON reader to decode values straight into builders without a DOM.
// Strings without escapes are returned as views of the input; escaped ones
// are decoded (\uXXXX surrogate pairs to UTF-8) into a caller's scratch.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "quiver/arrow/status.h"

namespace quiver::json::internal {

enum class JsonKind : uint8_t { kString, kNumber, kTrue, kFalse, kNull, kObject, kArray, kBad };

class Scanner {
 public:
  Scanner() = default;
  Scanner(const char* begin, const char* end) : begin_(begin), p_(begin), end_(end) {}

  void SkipWs() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\r' || *p_ == '\n')) ++p_;
  }
  bool AtEnd() const { return p_ >= end_; }
  /// The next byte, or '\0' at the end.
  char Peek() const { return p_ < end_ ? *p_ : '\0'; }
  /// Skips whitespace and consumes `c` if it is next.
  bool Consume(char c) {
    SkipWs();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }
  /// Skips whitespace and classifies the value that starts next.
  JsonKind PeekKind();

  /// Consumes the string `"name"` if it comes next, byte for byte (a fast
  /// path for the expected member name; escaped spellings do not match).
  bool TryConsumeKey(std::string_view name) {
    size_t n = name.size();
    if (static_cast<size_t>(end_ - p_) < n + 2 || p_[n + 1] != '"') return false;
    // Names are short: compare words inline rather than calling memcmp.
    const char* x = p_ + 1;
    const char* y = name.data();
    size_t k = n;
    for (; k >= 8; k -= 8, x += 8, y += 8) {
      uint64_t u, v;
      std::memcpy(&u, x, 8);
      std::memcpy(&v, y, 8);
      if (u != v) return false;
    }
    for (; k > 0; --k) {
      if (*x++ != *y++) return false;
    }
    p_ += n + 2;
    return true;
  }
  /// A string value (the scanner is at its opening quote).
  Status ParseString(std::string_view* out, std::string* scratch);
  /// A number's text; `is_integer` when it has no fraction or exponent.
  Status ParseNumber(std::string_view* text, bool* is_integer);
  /// Consumes true, false or null.
  Status ParseLiteral(JsonKind kind);
  /// Skips one value of any kind.
  Status SkipValue(int depth = 0);
  /// Skips one value and returns its exact text (for objects in text columns).
  Status RawValue(std::string_view* out);

  /// 1-based column of the current position, for errors.
  int64_t column() const { return (p_ - begin_) + 1; }
  /// An error naming what was expected and what was found.
  Status Unexpected(const char* expected) const;

  static constexpr int kMaxDepth = 128;

 private:
  Status DecodeEscapes(const char* start, std::string* scratch);
  const char* begin_ = nullptr;
  const char* p_ = nullptr;
  const char* end_ = nullptr;
};

}  // namespace quiver::json::internal
