#include "quiver/sql/lexer.h"

#include <array>
#include <cctype>

namespace quiver::sql {

namespace {

bool IsIdentStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool IsIdentPart(unsigned char c) { return IsIdentStart(c) || std::isdigit(c) || c == '$'; }

// Operators, longest first so that the first match is the longest one.
constexpr std::array<std::string_view, 42> kOperators = {
    "!~~*", "->>", "#>>", "!~*", "~~*", "!~~", "<=>", "::", "<=", ">=", "<>", "!=", "==", "||",
    "<<",   ">>",  "=>",  "->",  "#>",  "@>",  "<@",  "@@", "~*", "!~", "~~", "(",  ")",  "[",
    "]",    "{",   "}",   ",",   ";",   ":",   "+",   "-",  "*",  "/",  "%",  "=",  "<",  ">"};
constexpr std::string_view kSingleOps = "|&^#~!@.";

class Lexer {
 public:
  explicit Lexer(std::string_view text) : s_(text) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> out;
    while (true) {
      QUIVER_RETURN_NOT_OK(SkipSpaceAndComments());
      Token tok;
      tok.loc = {line_, col_};
      tok.offset = static_cast<uint32_t>(pos_);
      if (pos_ >= s_.size()) {
        tok.type = TokenType::kEOF;
        tok.end = tok.offset;
        out.push_back(std::move(tok));
        return out;
      }
      QUIVER_RETURN_NOT_OK(Next(&tok));
      tok.end = static_cast<uint32_t>(pos_);
      out.push_back(std::move(tok));
    }
  }

 private:
  char Peek(size_t ahead = 0) const { return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0'; }
  void Advance(size_t n = 1) {
    for (size_t i = 0; i < n && pos_ < s_.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s_[pos_++]);
      if (c == '\n') {
        ++line_;
        col_ = 1;
      } else if ((c & 0xC0) != 0x80) {  // count characters, not UTF-8 continuation bytes
        ++col_;
      }
    }
  }
  Status Error(const std::string& msg, SourceLocation loc) const { return Status::Parse(msg, loc); }

  Status SkipSpaceAndComments() {
    while (pos_ < s_.size()) {
      char c = Peek();
      if (std::isspace(static_cast<unsigned char>(c))) {
        Advance();
      } else if (c == '-' && Peek(1) == '-') {
        while (pos_ < s_.size() && Peek() != '\n') Advance();
      } else if (c == '/' && Peek(1) == '*') {
        SourceLocation start{line_, col_};
        Advance(2);
        int depth = 1;  // block comments nest, as in PostgreSQL
        while (depth > 0) {
          if (pos_ >= s_.size())
            return Error("Unexpected EOF while in a multi-line comment", start);
          if (Peek() == '/' && Peek(1) == '*') {
            ++depth;
            Advance(2);
          } else if (Peek() == '*' && Peek(1) == '/') {
            --depth;
            Advance(2);
          } else {
            Advance();
          }
        }
      } else {
        break;
      }
    }
    return Status::OK();
  }

  // Reads a quoted run ending in `q`; a doubled quote stands for itself. With
  // `backslash`, C-style escapes are resolved (E'...').
  Status ReadQuoted(char q, bool backslash, std::string* out, SourceLocation start) {
    Advance();  // opening quote
    while (true) {
      if (pos_ >= s_.size()) {
        return Error(q == '\'' ? "Unterminated string literal"
                               : "Expected close delimiter '" + std::string(1, q) + "' before EOF.",
                     start);
      }
      char c = Peek();
      if (c == q) {
        if (Peek(1) == q) {
          out->push_back(q);
          Advance(2);
          continue;
        }
        Advance();
        return Status::OK();
      }
      if (backslash && c == '\\' && pos_ + 1 < s_.size()) {
        char e = Peek(1);
        Advance(2);
        switch (e) {
          case 'n': out->push_back('\n'); break;
          case 't': out->push_back('\t'); break;
          case 'r': out->push_back('\r'); break;
          case 'b': out->push_back('\b'); break;
          case 'f': out->push_back('\f'); break;
          case '0': out->push_back('\0'); break;
          case 'Z': out->push_back('\x1a'); break;
          default: out->push_back(e); break;
        }
        continue;
      }
      out->push_back(c);
      Advance();
    }
  }

  Status Next(Token* tok) {
    char c = Peek();
    unsigned char uc = static_cast<unsigned char>(c);
    // Prefixed strings: E'..', X'..', N'..'.
    if ((c == 'e' || c == 'E' || c == 'x' || c == 'X' || c == 'n' || c == 'N') && Peek(1) == '\'') {
      Advance();
      char p = static_cast<char>(std::toupper(uc));
      tok->type = p == 'E'   ? TokenType::kEscapedString
                  : p == 'X' ? TokenType::kHexString
                             : TokenType::kNationalString;
      return ReadQuoted('\'', p == 'E', &tok->text, tok->loc);
    }
    if (IsIdentStart(uc)) {
      size_t start = pos_;
      while (pos_ < s_.size() && IsIdentPart(static_cast<unsigned char>(Peek()))) Advance();
      tok->type = TokenType::kWord;
      tok->text = std::string(s_.substr(start, pos_ - start));
      return Status::OK();
    }
    if (std::isdigit(uc) || (c == '.' && std::isdigit(static_cast<unsigned char>(Peek(1))))) {
      return ReadNumber(tok);
    }
    if (c == '\'') {
      tok->type = TokenType::kString;
      return ReadQuoted('\'', false, &tok->text, tok->loc);
    }
    if (c == '"' || c == '`') {
      tok->type = TokenType::kWord;
      tok->quote = c;
      return ReadQuoted(c, false, &tok->text, tok->loc);
    }
    if (c == '$') return ReadDollar(tok);
    if (c == '?') {
      Advance();
      tok->type = TokenType::kPlaceholder;
      tok->text = "?";
      return Status::OK();
    }
    std::string_view rest = s_.substr(pos_);
    for (std::string_view op : kOperators) {
      if (rest.substr(0, op.size()) == op) {
        tok->type = TokenType::kOp;
        tok->text = std::string(op);
        Advance(op.size());
        return Status::OK();
      }
    }
    if (kSingleOps.find(c) != std::string_view::npos) {
      tok->type = TokenType::kOp;
      tok->text = std::string(1, c);
      Advance();
      return Status::OK();
    }
    return Error("Unexpected character '" + std::string(1, c) + "'", tok->loc);
  }

  Status ReadNumber(Token* tok) {
    size_t start = pos_;
    auto digits = [&] {
      while (std::isdigit(static_cast<unsigned char>(Peek()))) Advance();
    };
    digits();
    if (Peek() == '.' && Peek(1) != '.') {
      Advance();
      digits();
    }
    if ((Peek() == 'e' || Peek() == 'E') && (std::isdigit(static_cast<unsigned char>(Peek(1))) ||
                                             ((Peek(1) == '+' || Peek(1) == '-') &&
                                              std::isdigit(static_cast<unsigned char>(Peek(2)))))) {
      Advance(2);
      digits();
    }
    tok->type = TokenType::kNumber;
    tok->text = std::string(s_.substr(start, pos_ - start));
    return Status::OK();
  }

  Status ReadDollar(Token* tok) {
    size_t start = pos_;
    Advance();  // '$'
    size_t name_start = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(Peek())) || Peek() == '_')) {
      Advance();
    }
    std::string_view tag = s_.substr(name_start, pos_ - name_start);
    bool numeric = !tag.empty() && std::isdigit(static_cast<unsigned char>(tag[0]));
    if (Peek() == '$' && !numeric) {
      // Dollar-quoted string: $tag$ ... $tag$.
      Advance();
      std::string close = "$" + std::string(tag) + "$";
      size_t end = s_.find(close, pos_);
      if (end == std::string_view::npos) {
        return Error("Unterminated dollar-quoted string", tok->loc);
      }
      tok->type = TokenType::kDollarString;
      tok->text = std::string(s_.substr(pos_, end - pos_));
      Advance(end - pos_ + close.size());
      return Status::OK();
    }
    tok->type = TokenType::kPlaceholder;
    tok->text = std::string(s_.substr(start, pos_ - start));
    return Status::OK();
  }

  std::string_view s_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  uint32_t col_ = 1;
};

}  // namespace

bool Token::IsKeyword(std::string_view kw) const {
  if (type != TokenType::kWord || quote != 0 || text.size() != kw.size()) return false;
  for (size_t i = 0; i < kw.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[i])) != kw[i]) return false;
  }
  return true;
}

std::string Token::Display() const {
  switch (type) {
    case TokenType::kEOF: return "EOF";
    case TokenType::kWord:
      if (quote == 0) return text;
      return std::string(1, quote) + text + std::string(1, quote == '"' ? '"' : quote);
    case TokenType::kString: return "'" + text + "'";
    case TokenType::kEscapedString: return "E'" + text + "'";
    case TokenType::kHexString: return "X'" + text + "'";
    case TokenType::kNationalString: return "N'" + text + "'";
    case TokenType::kDollarString: return "$$" + text + "$$";
    default: return text;
  }
}

Result<std::vector<Token>> Tokenize(std::string_view text) {
  if (text.size() > UINT32_MAX / 2) return Status::Parse("SQL text too long");
  return Lexer(text).Run();
}

}  // namespace quiver::sql
