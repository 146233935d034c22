// A small JSON (RFC 8259) document model and parser, for Avro schemas, file
// metadata and similar small documents. Not a streaming parser: the whole
// text becomes a tree of Values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quiver/arrow/status.h"

namespace quiver::json {

enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

/// Name of a kind for error messages: "null", "boolean", "number", ...
const char* KindName(Kind kind);

/// One JSON value. Objects keep their members in document order (a repeated
/// key is kept twice; Find returns the first).
class Value {
 public:
  Value() = default;
  static Value Null() { return Value(); }
  static Value Bool(bool b);
  /// A number; `text` is its source spelling, kept so integers stay exact.
  static Value Number(double d, std::string text);
  static Value String(std::string s);
  static Value Array(std::vector<Value> items);
  static Value Object(std::vector<std::pair<std::string, Value>> members);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_bool() const { return kind_ == Kind::kBool; }
  bool is_number() const { return kind_ == Kind::kNumber; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_object() const { return kind_ == Kind::kObject; }

  /// Accessors; calling one for another kind returns a default (false, 0, "").
  bool bool_value() const { return bool_; }
  double number() const { return number_; }
  const std::string& number_text() const { return string_; }
  const std::string& string() const { return kind_ == Kind::kString ? string_ : empty_; }
  const std::vector<Value>& array() const { return array_; }
  const std::vector<std::pair<std::string, Value>>& object() const { return members_; }

  /// The number as an int64 when it is integral and in range (also "1e3", "2.0").
  Result<int64_t> ToInt64() const;
  /// The member named `key` of an object, or nullptr.
  const Value* Find(std::string_view key) const;

  /// Compact JSON text of this value (strings escaped, numbers as spelled).
  std::string ToString() const;

 private:
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;  // string value, or a number's spelling
  std::vector<Value> array_;
  std::vector<std::pair<std::string, Value>> members_;
  static const std::string empty_;
};

/// Parses one JSON document (surrounding whitespace allowed). Errors are
/// Status::Parse naming the byte offset. Nesting deeper than 256 levels is
/// rejected rather than recursing without bound.
Result<Value> Parse(std::string_view text);

/// `s` as a JSON string literal, quotes included.
std::string Quote(std::string_view s);

}  // namespace quiver::json
