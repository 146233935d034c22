#include "quiver/common/json.h"
#include "quiver/common/utf8.h"

#include <charconv>
#include <cmath>

namespace quiver::json {

const std::string Value::empty_;

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kNull: return "null";
    case Kind::kBool: return "boolean";
    case Kind::kNumber: return "number";
    case Kind::kString: return "string";
    case Kind::kArray: return "array";
    case Kind::kObject: return "object";
  }
  return "?";
}

Value Value::Bool(bool b) {
  Value v;
  v.kind_ = Kind::kBool;
  v.bool_ = b;
  return v;
}

Value Value::Number(double d, std::string text) {
  Value v;
  v.kind_ = Kind::kNumber;
  v.number_ = d;
  v.string_ = std::move(text);
  return v;
}

Value Value::String(std::string s) {
  Value v;
  v.kind_ = Kind::kString;
  v.string_ = std::move(s);
  return v;
}

Value Value::Array(std::vector<Value> items) {
  Value v;
  v.kind_ = Kind::kArray;
  v.array_ = std::move(items);
  return v;
}

Value Value::Object(std::vector<std::pair<std::string, Value>> members) {
  Value v;
  v.kind_ = Kind::kObject;
  v.members_ = std::move(members);
  return v;
}

Result<int64_t> Value::ToInt64() const {
  if (kind_ != Kind::kNumber) {
    return Status::Parse(std::string("expected an integer, found a JSON ") + KindName(kind_));
  }
  if (string_.find_first_of(".eE") == std::string::npos) {
    int64_t out = 0;
    auto [end, ec] = std::from_chars(string_.data(), string_.data() + string_.size(), out);
    if (ec == std::errc() && end == string_.data() + string_.size()) return out;
    return Status::Parse("integer out of range: " + string_);
  }
  // 2^63 is exactly representable; anything at or beyond it does not fit.
  if (std::trunc(number_) == number_ && number_ >= -9223372036854775808.0 &&
      number_ < 9223372036854775808.0) {
    return static_cast<int64_t>(number_);
  }
  return Status::Parse("expected an integer, found " + string_);
}

const Value* Value::Find(std::string_view key) const {
  for (const auto& [k, v] : members_) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string Quote(std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

std::string Value::ToString() const {
  switch (kind_) {
    case Kind::kNull: return "null";
    case Kind::kBool: return bool_ ? "true" : "false";
    case Kind::kNumber: return string_;
    case Kind::kString: return Quote(string_);
    case Kind::kArray: {
      std::string out = "[";
      for (size_t i = 0; i < array_.size(); ++i) {
        if (i) out += ',';
        out += array_[i].ToString();
      }
      return out + "]";
    }
    case Kind::kObject: {
      std::string out = "{";
      for (size_t i = 0; i < members_.size(); ++i) {
        if (i) out += ',';
        out += Quote(members_[i].first) + ":" + members_[i].second.ToString();
      }
      return out + "}";
    }
  }
  return "";
}

namespace {

constexpr int kMaxDepth = 256;

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  Result<Value> Document() {
    SkipSpace();
    QUIVER_ASSIGN_OR_RAISE(Value v, ParseValue(0));
    SkipSpace();
    if (pos_ != s_.size()) return Error("unexpected trailing characters");
    return v;
  }

 private:
  Status Error(const std::string& what) const {
    std::string msg = "JSON parse error at offset " + std::to_string(pos_) + ": " + what;
    return Status::Parse(std::move(msg));
  }
  bool AtEnd() const { return pos_ >= s_.size(); }
  void SkipSpace() {
    while (!AtEnd() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }

  Result<Value> ParseValue(int depth) {
    if (AtEnd()) return Error("unexpected end of input, expected a value");
    switch (s_[pos_]) {
      case '{': return ParseObject(depth + 1);
      case '[': return ParseArray(depth + 1);
      case '"': {
        std::string str;
        QUIVER_RETURN_NOT_OK(ParseString(&str));
        return Value::String(std::move(str));
      }
      case 't': return Literal("true", Value::Bool(true));
      case 'f': return Literal("false", Value::Bool(false));
      case 'n': return Literal("null", Value::Null());
      default:
        if (s_[pos_] == '-' || (s_[pos_] >= '0' && s_[pos_] <= '9')) return ParseNumber();
        return Error(std::string("unexpected character '") + s_[pos_] + "'");
    }
  }

  Result<Value> Literal(std::string_view word, Value v) {
    if (s_.substr(pos_, word.size()) != word) return Error("invalid literal");
    pos_ += word.size();
    return v;
  }

  Result<Value> ParseObject(int depth) {
    if (depth > kMaxDepth) return Error("nesting too deep");
    ++pos_;  // '{'
    std::vector<std::pair<std::string, Value>> members;
    SkipSpace();
    if (!AtEnd() && s_[pos_] == '}') {
      ++pos_;
      return Value::Object(std::move(members));
    }
    while (true) {
      SkipSpace();
      if (AtEnd() || s_[pos_] != '"') return Error("expected a string key in object");
      std::string key;
      QUIVER_RETURN_NOT_OK(ParseString(&key));
      SkipSpace();
      if (AtEnd() || s_[pos_] != ':') return Error("expected ':' after object key");
      ++pos_;
      SkipSpace();
      QUIVER_ASSIGN_OR_RAISE(Value v, ParseValue(depth));
      members.emplace_back(std::move(key), std::move(v));
      SkipSpace();
      if (AtEnd()) return Error("unterminated object");
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == '}') {
        ++pos_;
        return Value::Object(std::move(members));
      }
      return Error("expected ',' or '}' in object");
    }
  }

  Result<Value> ParseArray(int depth) {
    if (depth > kMaxDepth) return Error("nesting too deep");
    ++pos_;  // '['
    std::vector<Value> items;
    SkipSpace();
    if (!AtEnd() && s_[pos_] == ']') {
      ++pos_;
      return Value::Array(std::move(items));
    }
    while (true) {
      SkipSpace();
      QUIVER_ASSIGN_OR_RAISE(Value v, ParseValue(depth));
      items.push_back(std::move(v));
      SkipSpace();
      if (AtEnd()) return Error("unterminated array");
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == ']') {
        ++pos_;
        return Value::Array(std::move(items));
      }
      return Error("expected ',' or ']' in array");
    }
  }

  Result<Value> ParseNumber() {
    const size_t start = pos_;
    auto digits = [&] {
      size_t n = 0;
      while (!AtEnd() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_, ++n;
      return n;
    };
    if (s_[pos_] == '-') ++pos_;
    if (AtEnd()) return Error("expected digits in number");
    if (s_[pos_] == '0') {
      ++pos_;
    } else if (digits() == 0) {
      return Error("expected digits in number");
    }
    if (!AtEnd() && s_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) return Error("expected digits after '.' in number");
    }
    if (!AtEnd() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (!AtEnd() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (digits() == 0) return Error("expected digits in exponent");
    }
    std::string text(s_.substr(start, pos_ - start));
    double d = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
    if (ec == std::errc::result_out_of_range) {
      // Overflow becomes +-inf, underflow 0, rather than an error.
      d = text.find_first_of("eE") != std::string::npos && text[text.find_first_of("eE") + 1] == '-'
              ? 0.0
              : (text[0] == '-' ? -HUGE_VAL : HUGE_VAL);
    } else if (ec != std::errc() || end != text.data() + text.size()) {
      return Error("invalid number " + text);
    }
    return Value::Number(d, std::move(text));
  }

  Result<uint32_t> Hex4() {
    if (s_.size() - pos_ < 4) return Error("truncated \\u escape");
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9') {
        v |= c - '0';
      } else if (c >= 'a' && c <= 'f') {
        v |= c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        v |= c - 'A' + 10;
      } else {
        --pos_;
        return Error("invalid hex digit in \\u escape");
      }
    }
    return v;
  }

  // Length of the valid UTF-8 sequence at pos_ (0 when invalid).
  size_t Utf8Length() const {
    const auto b = [&](size_t i) { return static_cast<unsigned char>(s_[pos_ + i]); };
    const size_t left = s_.size() - pos_;
    const unsigned char c = b(0);
    auto cont = [&](size_t i) { return i < left && (b(i) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
      if (!cont(1) || !cont(2)) return 0;
      if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
      if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
      return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
      if (!cont(1) || !cont(2) || !cont(3)) return 0;
      if (c == 0xF0 && b(1) < 0x90) return 0;
      if (c == 0xF4 && b(1) >= 0x90) return 0;
      return 4;
    }
    return 0;
  }

  Status ParseString(std::string* out) {
    ++pos_;  // opening quote
    while (true) {
      if (AtEnd()) return Error("unterminated string");
      const unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return Status::OK();
      }
      if (c < 0x20) return Error("control character in string");
      if (c >= 0x80) {
        const size_t n = Utf8Length();
        if (n == 0) return Error("invalid UTF-8 in string");
        out->append(s_.substr(pos_, n));
        pos_ += n;
        continue;
      }
      if (c != '\\') {
        out->push_back(static_cast<char>(c));
        ++pos_;
        continue;
      }
      ++pos_;
      if (AtEnd()) return Error("unterminated escape");
      const char e = s_[pos_++];
      switch (e) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          QUIVER_ASSIGN_OR_RAISE(uint32_t cp, Hex4());
          if (cp >= 0xDC00 && cp <= 0xDFFF) return Error("unpaired low surrogate in \\u escape");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (s_.substr(pos_, 2) != "\\u") return Error("unpaired high surrogate in \\u escape");
            pos_ += 2;
            QUIVER_ASSIGN_OR_RAISE(uint32_t lo, Hex4());
            if (lo < 0xDC00 || lo > 0xDFFF) return Error("invalid low surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          AppendUtf8(cp, out);
          break;
        }
        default: --pos_; return Error(std::string("invalid escape '\\") + e + "'");
      }
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

Result<Value> Parse(std::string_view text) { return Parser(text).Document(); }

}  // namespace quiver::json
