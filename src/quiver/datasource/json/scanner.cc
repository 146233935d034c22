#include "quiver/datasource/json/scanner.h"
#include "quiver/common/utf8.h"

#include <cstring>

namespace quiver::json::internal {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Describe(const char* p, const char* end) {
  if (p >= end) return "end of line";
  unsigned char c = static_cast<unsigned char>(*p);
  if (c < 0x20 || c >= 0x7f) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "byte 0x%02X", c);
    return buf;
  }
  return std::string("'") + static_cast<char>(c) + "'";
}

}  // namespace

Status Scanner::Unexpected(const char* expected) const {
  return Status::Arrow(std::string("expected ") + expected + " but found " + Describe(p_, end_) +
                       " at column " + std::to_string(column()));
}

JsonKind Scanner::PeekKind() {
  SkipWs();
  if (p_ >= end_) return JsonKind::kBad;
  switch (*p_) {
    case '"': return JsonKind::kString;
    case '{': return JsonKind::kObject;
    case '[': return JsonKind::kArray;
    case 't': return JsonKind::kTrue;
    case 'f': return JsonKind::kFalse;
    case 'n': return JsonKind::kNull;
    case '-': return JsonKind::kNumber;
    default: return (*p_ >= '0' && *p_ <= '9') ? JsonKind::kNumber : JsonKind::kBad;
  }
}

Status Scanner::ParseString(std::string_view* out, std::string* scratch) {
  // Precondition: *p_ == '"'.
  const char* start = ++p_;
  const char* q = start;
  // Eight bytes at a time while none is a quote, a backslash or a control byte.
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  while (end_ - q >= 8) {
    uint64_t x;
    std::memcpy(&x, q, 8);
    uint64_t quote = x ^ (kOnes * '"'), slash = x ^ (kOnes * '\\');
    uint64_t hit = ((quote - kOnes) & ~quote) | ((slash - kOnes) & ~slash) | (x - kOnes * 0x20);
    if (hit & ~x & kHigh) break;
    q += 8;
  }
  while (q < end_) {
    unsigned char c = static_cast<unsigned char>(*q);
    if (c == '"') {
      *out = std::string_view(start, static_cast<size_t>(q - start));
      p_ = q + 1;
      return Status::OK();
    }
    if (c == '\\') {
      QUIVER_RETURN_NOT_OK(DecodeEscapes(start, scratch));
      *out = *scratch;
      return Status::OK();
    }
    if (c < 0x20) {
      p_ = q;
      return Status::Arrow("control character (byte 0x" +
                           std::string(1, "0123456789ABCDEF"[c >> 4]) + "0123456789ABCDEF"[c & 15] +
                           ") inside a string at column " + std::to_string(column()) +
                           "; it must be escaped");
    }
    ++q;
  }
  p_ = q;
  return Status::Arrow("unterminated string at column " + std::to_string(column()));
}

Status Scanner::DecodeEscapes(const char* start, std::string* scratch) {
  scratch->clear();
  const char* q = start;
  while (q < end_) {
    char c = *q;
    if (c == '"') {
      p_ = q + 1;
      return Status::OK();
    }
    if (static_cast<unsigned char>(c) < 0x20) {
      p_ = q;
      return Unexpected("an escaped control character");
    }
    if (c != '\\') {
      scratch->push_back(c);
      ++q;
      continue;
    }
    if (q + 1 >= end_) break;
    char e = q[1];
    q += 2;
    switch (e) {
      case '"': scratch->push_back('"'); break;
      case '\\': scratch->push_back('\\'); break;
      case '/': scratch->push_back('/'); break;
      case 'b': scratch->push_back('\b'); break;
      case 'f': scratch->push_back('\f'); break;
      case 'n': scratch->push_back('\n'); break;
      case 'r': scratch->push_back('\r'); break;
      case 't': scratch->push_back('\t'); break;
      case 'u': {
        auto hex4 = [&](const char* h, uint32_t* v) {
          if (end_ - h < 4) return false;
          *v = 0;
          for (int i = 0; i < 4; ++i) {
            int d = HexValue(h[i]);
            if (d < 0) return false;
            *v = (*v << 4) | static_cast<uint32_t>(d);
          }
          return true;
        };
        uint32_t cp;
        if (!hex4(q, &cp)) {
          p_ = q;
          return Unexpected("four hex digits after \\u");
        }
        q += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          uint32_t lo;
          if (end_ - q < 6 || q[0] != '\\' || q[1] != 'u' || !hex4(q + 2, &lo) || lo < 0xDC00 ||
              lo > 0xDFFF) {
            p_ = q;
            return Status::Arrow("unpaired UTF-16 surrogate \\u escape before column " +
                                 std::to_string(column()));
          }
          q += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          p_ = q;
          return Status::Arrow("unpaired UTF-16 surrogate \\u escape before column " +
                               std::to_string(column()));
        }
        AppendUtf8(cp, scratch);
        break;
      }
      default: p_ = q - 1; return Unexpected("a valid escape character after '\\'");
    }
  }
  p_ = q;
  return Status::Arrow("unterminated string at column " + std::to_string(column()));
}

Status Scanner::ParseNumber(std::string_view* text, bool* is_integer) {
  const char* start = p_;
  const char* q = p_;
  auto digits = [&]() {
    const char* d = q;
    while (q < end_ && *q >= '0' && *q <= '9') ++q;
    return q > d;
  };
  if (q < end_ && *q == '-') ++q;
  const char* int_start = q;
  if (!digits()) {
    p_ = q;
    return Unexpected("a digit");
  }
  if (*int_start == '0' && q - int_start > 1) {
    p_ = int_start + 1;
    return Unexpected("no leading zeros in a number");
  }
  bool integer = true;
  if (q < end_ && *q == '.') {
    ++q;
    integer = false;
    if (!digits()) {
      p_ = q;
      return Unexpected("a digit after the decimal point");
    }
  }
  if (q < end_ && (*q == 'e' || *q == 'E')) {
    ++q;
    integer = false;
    if (q < end_ && (*q == '+' || *q == '-')) ++q;
    if (!digits()) {
      p_ = q;
      return Unexpected("a digit in the exponent");
    }
  }
  p_ = q;
  *text = std::string_view(start, static_cast<size_t>(q - start));
  *is_integer = integer;
  return Status::OK();
}

Status Scanner::ParseLiteral(JsonKind kind) {
  const char* word = kind == JsonKind::kTrue ? "true" : kind == JsonKind::kFalse ? "false" : "null";
  size_t n = std::strlen(word);
  if (static_cast<size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) {
    return Unexpected(word[0] == 'n' ? "null" : "true or false");
  }
  p_ += n;
  return Status::OK();
}

Status Scanner::SkipValue(int depth) {
  if (depth > kMaxDepth) {
    return Status::Arrow("nesting deeper than " + std::to_string(kMaxDepth) + " levels at column " +
                         std::to_string(column()));
  }
  std::string_view sv;
  std::string scratch;
  bool is_int;
  switch (PeekKind()) {
    case JsonKind::kString: return ParseString(&sv, &scratch);
    case JsonKind::kNumber: return ParseNumber(&sv, &is_int);
    case JsonKind::kTrue:
    case JsonKind::kFalse:
    case JsonKind::kNull: return ParseLiteral(PeekKind());
    case JsonKind::kArray:
      ++p_;
      if (Consume(']')) return Status::OK();
      do {
        QUIVER_RETURN_NOT_OK(SkipValue(depth + 1));
      } while (Consume(','));
      if (!Consume(']')) return Unexpected("',' or ']'");
      return Status::OK();
    case JsonKind::kObject:
      ++p_;
      if (Consume('}')) return Status::OK();
      do {
        SkipWs();
        if (Peek() != '"') return Unexpected("a string key");
        QUIVER_RETURN_NOT_OK(ParseString(&sv, &scratch));
        if (!Consume(':')) return Unexpected("':'");
        QUIVER_RETURN_NOT_OK(SkipValue(depth + 1));
      } while (Consume(','));
      if (!Consume('}')) return Unexpected("',' or '}'");
      return Status::OK();
    case JsonKind::kBad: break;
  }
  return Unexpected("a JSON value");
}

Status Scanner::RawValue(std::string_view* out) {
  SkipWs();
  const char* start = p_;
  QUIVER_RETURN_NOT_OK(SkipValue());
  *out = std::string_view(start, static_cast<size_t>(p_ - start));
  return Status::OK();
}

}  // namespace quiver::json::internal
