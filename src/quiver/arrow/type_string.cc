#include "quiver/arrow/type_string.h"

#include <cctype>
#include <charconv>
#include <string>

#include "quiver/arrow/temporal.h"

namespace quiver {
namespace {

/// Tokens: words, integers, quoted strings, and the punctuation ( ) ,
class TypeParser {
 public:
  explicit TypeParser(std::string_view text) : text_(text) {}

  Result<DataTypePtr> ParseAll() {
    QUIVER_ASSIGN_OR_RAISE(auto t, ParseType());
    SkipSpace();
    if (pos_ != text_.size()) return Fail("trailing content: " + std::string(text_.substr(pos_)));
    return t;
  }

 private:
  Status Fail(const std::string& detail) const {
    return Status::Plan("Unsupported type '" + std::string(text_) +
                        "'. Must be a supported arrow type name such as 'Int32' or "
                        "'Timestamp(Nanosecond, None)'. Error " +
                        detail);
  }
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  std::string Word() {
    SkipSpace();
    size_t b = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      ++pos_;
    }
    return std::string(text_.substr(b, pos_ - b));
  }
  Status Expect(char c) {
    SkipSpace();
    if (pos_ >= text_.size() || text_[pos_] != c) {
      return Fail(std::string("finding next token: expected '") + c + "'");
    }
    ++pos_;
    return Status::OK();
  }
  Result<int64_t> Integer() {
    SkipSpace();
    size_t b = pos_;
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    int64_t v = 0;
    auto r = std::from_chars(text_.data() + b, text_.data() + pos_, v);
    if (r.ec != std::errc() || b == pos_) return Fail("parsing an integer");
    return v;
  }
  Result<TimeUnit> Unit() {
    std::string w = Word();
    if (w == "Second") return TimeUnit::kSecond;
    if (w == "Millisecond") return TimeUnit::kMillisecond;
    if (w == "Microsecond") return TimeUnit::kMicrosecond;
    if (w == "Nanosecond") return TimeUnit::kNanosecond;
    return Fail("unrecognized word: " + w);
  }
  Result<std::string> Quoted() {
    SkipSpace();
    if (pos_ >= text_.size() || text_[pos_] != '"') return Fail("expected a double quoted string");
    size_t b = ++pos_;
    while (pos_ < text_.size() && text_[pos_] != '"') ++pos_;
    if (pos_ >= text_.size()) return Fail("unterminated double quoted string");
    return std::string(text_.substr(b, pos_++ - b));
  }

  Result<DataTypePtr> ParseType() {
    std::string w = Word();
    if (w.empty()) return Fail("finding next type, got unexpected end of input");
    if (w == "Null") return null();
    if (w == "Boolean") return boolean();
    if (w == "Int8") return int8();
    if (w == "Int16") return int16();
    if (w == "Int32") return int32();
    if (w == "Int64") return int64();
    if (w == "UInt8") return uint8();
    if (w == "UInt16") return uint16();
    if (w == "UInt32") return uint32();
    if (w == "UInt64") return uint64();
    if (w == "Float16") return float16();
    if (w == "Float32") return float32();
    if (w == "Float64") return float64();
    if (w == "Utf8") return utf8();
    if (w == "LargeUtf8") return large_utf8();
    if (w == "Utf8View") return utf8_view();
    if (w == "Binary") return binary();
    if (w == "LargeBinary") return large_binary();
    if (w == "BinaryView") return binary_view();
    if (w == "Date32") return date32();
    if (w == "Date64") return date64();
    if (w == "Time32" || w == "Time64" || w == "Duration") {
      QUIVER_RETURN_NOT_OK(Expect('('));
      QUIVER_ASSIGN_OR_RAISE(auto u, Unit());
      QUIVER_RETURN_NOT_OK(Expect(')'));
      if (w == "Duration") return duration(u);
      bool small = u == TimeUnit::kSecond || u == TimeUnit::kMillisecond;
      if ((w == "Time32") != small) return Fail("invalid unit for " + w);
      return w == "Time32" ? time32(u) : time64(u);
    }
    if (w == "Timestamp") {
      QUIVER_RETURN_NOT_OK(Expect('('));
      QUIVER_ASSIGN_OR_RAISE(auto u, Unit());
      QUIVER_RETURN_NOT_OK(Expect(','));
      std::string opt = Word();
      std::string tz;
      if (opt == "Some") {
        QUIVER_RETURN_NOT_OK(Expect('('));
        QUIVER_ASSIGN_OR_RAISE(tz, Quoted());
        QUIVER_RETURN_NOT_OK(Expect(')'));
        auto parsed = temporal::TimeZone::Parse(tz);
        if (!parsed.ok()) {
          return Status::Arrow("Parser error: Invalid timezone \"" + tz +
                               "\": failed to parse timezone");
        }
      } else if (opt != "None") {
        return Fail("unrecognized word: " + opt);
      }
      QUIVER_RETURN_NOT_OK(Expect(')'));
      return timestamp(u, tz);
    }
    if (w == "Interval") {
      QUIVER_RETURN_NOT_OK(Expect('('));
      std::string u = Word();
      QUIVER_RETURN_NOT_OK(Expect(')'));
      if (u == "YearMonth") return interval(IntervalUnit::kYearMonth);
      if (u == "DayTime") return interval(IntervalUnit::kDayTime);
      if (u == "MonthDayNano") return interval(IntervalUnit::kMonthDayNano);
      return Fail("unrecognized word: " + u);
    }
    if (w == "FixedSizeBinary") {
      QUIVER_RETURN_NOT_OK(Expect('('));
      QUIVER_ASSIGN_OR_RAISE(auto n, Integer());
      QUIVER_RETURN_NOT_OK(Expect(')'));
      if (n < 0 || n > INT32_MAX) return Fail("invalid FixedSizeBinary width");
      return fixed_size_binary(static_cast<int32_t>(n));
    }
    if (w == "Decimal128" || w == "Decimal256") {
      QUIVER_RETURN_NOT_OK(Expect('('));
      QUIVER_ASSIGN_OR_RAISE(auto p, Integer());
      QUIVER_RETURN_NOT_OK(Expect(','));
      QUIVER_ASSIGN_OR_RAISE(auto s, Integer());
      QUIVER_RETURN_NOT_OK(Expect(')'));
      TypeId id = w == "Decimal128" ? TypeId::kDecimal128 : TypeId::kDecimal256;
      if (p < 0 || p > 255 || s < -128 || s > 127) return Fail("invalid decimal precision/scale");
      QUIVER_RETURN_NOT_OK(ValidateDecimal(id, static_cast<int32_t>(p), static_cast<int32_t>(s)));
      return id == TypeId::kDecimal128
                 ? decimal128(static_cast<int32_t>(p), static_cast<int32_t>(s))
                 : decimal256(static_cast<int32_t>(p), static_cast<int32_t>(s));
    }
    if (w == "Dictionary") {
      QUIVER_RETURN_NOT_OK(Expect('('));
      QUIVER_ASSIGN_OR_RAISE(auto k, ParseType());
      QUIVER_RETURN_NOT_OK(Expect(','));
      QUIVER_ASSIGN_OR_RAISE(auto v, ParseType());
      QUIVER_RETURN_NOT_OK(Expect(')'));
      if (!k->is_integer()) return Fail("dictionary key type must be an integer");
      return dictionary(k, v);
    }
    if (w == "List" || w == "LargeList") {
      QUIVER_RETURN_NOT_OK(Expect('('));
      QUIVER_ASSIGN_OR_RAISE(auto v, ParseType());
      QUIVER_RETURN_NOT_OK(Expect(')'));
      return w == "List" ? list(v) : large_list(v);
    }
    if (w == "FixedSizeList") {
      QUIVER_RETURN_NOT_OK(Expect('('));
      QUIVER_ASSIGN_OR_RAISE(auto n, Integer());
      QUIVER_RETURN_NOT_OK(Expect(','));
      QUIVER_ASSIGN_OR_RAISE(auto v, ParseType());
      QUIVER_RETURN_NOT_OK(Expect(')'));
      if (n < 0 || n > INT32_MAX) return Fail("invalid FixedSizeList size");
      return fixed_size_list(v, static_cast<int32_t>(n));
    }
    return Fail("unrecognized word: " + w);
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Result<DataTypePtr> ParseArrowTypeString(std::string_view text) {
  return TypeParser(text).ParseAll();
}

}  // namespace quiver
