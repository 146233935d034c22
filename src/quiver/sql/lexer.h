// SQL tokenizer: turns text into words, literals and operator tokens, each
// with its 1-based line and column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quiver/arrow/status.h"

namespace quiver::sql {

enum class TokenType : uint8_t {
  kEOF,
  kWord,            // keyword or identifier; `quote` set when quoted
  kNumber,          // 1, 1.5, .5, 1e-3
  kString,          // 'text' (text holds the unescaped value)
  kEscapedString,   // E'text'
  kHexString,       // X'ab01'
  kNationalString,  // N'text'
  kDollarString,    // $$text$$ or $tag$text$tag$
  kPlaceholder,     // $1, $name, ?
  kOp,              // punctuation and operators: ( ) , ; . :: + <= || ...
};

struct Token {
  TokenType type = TokenType::kEOF;
  std::string text;  // unquoted word value / literal value / operator spelling
  char quote = 0;    // for quoted words: '"' or '`'
  SourceLocation loc;
  uint32_t offset = 0;  // byte offset of the token start
  uint32_t end = 0;     // byte offset just past the token

  bool IsOp(std::string_view op) const { return type == TokenType::kOp && text == op; }
  /// True for an unquoted word equal (case-insensitively) to `kw` (upper case).
  bool IsKeyword(std::string_view kw) const;
  /// The token as sqlparser displays it in "found: ..." messages.
  std::string Display() const;
};

/// Splits `text` into tokens, ending with one kEOF token. Comments and
/// whitespace are dropped.
Result<std::vector<Token>> Tokenize(std::string_view text);

}  // namespace quiver::sql
