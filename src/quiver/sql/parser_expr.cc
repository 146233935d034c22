// Expression parsing: a Pratt parser over sqlparser-rs binding powers.
#include <algorithm>
#include <cctype>

#include "quiver/sql/parser_internal.h"

namespace quiver::sql::internal {

namespace {

ExprPtr NewExpr(ExprKind kind, SourceLocation loc) {
  auto e = std::make_shared<Expr>();
  e->kind = kind;
  e->loc = loc;
  return e;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

struct OpInfo {
  std::string_view text;
  BinaryOp op;
  int prec;
};

constexpr OpInfo kBinaryOps[] = {
    {"=", BinaryOp::kEq, kEqPrec},
    {"==", BinaryOp::kEq, kEqPrec},
    {"<>", BinaryOp::kNotEq, kEqPrec},
    {"!=", BinaryOp::kNotEq, kEqPrec},
    {"<", BinaryOp::kLt, kEqPrec},
    {"<=", BinaryOp::kLtEq, kEqPrec},
    {">", BinaryOp::kGt, kEqPrec},
    {">=", BinaryOp::kGtEq, kEqPrec},
    {"<=>", BinaryOp::kSpaceship, kEqPrec},
    {"|", BinaryOp::kBitwiseOr, kPipePrec},
    {"^", BinaryOp::kBitwiseXor, kCaretPrec},
    {"#", BinaryOp::kPGBitwiseXor, kCaretPrec},
    {"<<", BinaryOp::kShiftLeft, kCaretPrec},
    {">>", BinaryOp::kShiftRight, kCaretPrec},
    {"&", BinaryOp::kBitwiseAnd, kAmpersandPrec},
    {"+", BinaryOp::kPlus, kPlusMinusPrec},
    {"-", BinaryOp::kMinus, kPlusMinusPrec},
    {"*", BinaryOp::kMultiply, kMulDivPrec},
    {"/", BinaryOp::kDivide, kMulDivPrec},
    {"%", BinaryOp::kModulo, kMulDivPrec},
    {"||", BinaryOp::kStringConcat, kMulDivPrec},
    {"~", BinaryOp::kRegexMatch, kLikePrec},
    {"~*", BinaryOp::kRegexIMatch, kLikePrec},
    {"!~", BinaryOp::kRegexNotMatch, kLikePrec},
    {"!~*", BinaryOp::kRegexNotIMatch, kLikePrec},
    {"~~", BinaryOp::kLikeMatch, kLikePrec},
    {"~~*", BinaryOp::kILikeMatch, kLikePrec},
    {"!~~", BinaryOp::kNotLikeMatch, kLikePrec},
    {"!~~*", BinaryOp::kNotILikeMatch, kLikePrec},
    {"@>", BinaryOp::kAtArrow, kPostfixPrec},
    {"<@", BinaryOp::kArrowAt, kPostfixPrec},
    {"->", BinaryOp::kArrow, kPostfixPrec},
    {"->>", BinaryOp::kLongArrow, kPostfixPrec},
    {"#>", BinaryOp::kHashArrow, kPostfixPrec},
    {"#>>", BinaryOp::kHashLongArrow, kPostfixPrec},
    {"@@", BinaryOp::kAtAt, kPostfixPrec},
};

const OpInfo* FindOp(const Token& t) {
  if (t.type != TokenType::kOp) return nullptr;
  for (const OpInfo& info : kBinaryOps) {
    if (t.text == info.text) return &info;
  }
  return nullptr;
}

bool IsComparison(BinaryOp op) {
  switch (op) {
    case BinaryOp::kEq:
    case BinaryOp::kNotEq:
    case BinaryOp::kLt:
    case BinaryOp::kLtEq:
    case BinaryOp::kGt:
    case BinaryOp::kGtEq: return true;
    default: return false;
  }
}

bool IsIntervalUnit(const Token& t) {
  static constexpr std::string_view kUnits[] = {
      "YEAR",       "YEARS",       "MONTH",       "MONTHS",       "WEEK",        "WEEKS",
      "DAY",        "DAYS",        "HOUR",        "HOURS",        "MINUTE",      "MINUTES",
      "SECOND",     "SECONDS",     "MILLISECOND", "MILLISECONDS", "MICROSECOND", "MICROSECONDS",
      "NANOSECOND", "NANOSECONDS", "CENTURY",     "DECADE",       "QUARTER",     "MILLENNIUM"};
  return std::any_of(std::begin(kUnits), std::end(kUnits),
                     [&](std::string_view u) { return t.IsKeyword(u); });
}

// Words that cannot start an expression (so that `SELECT FROM t` fails clearly).
bool IsReservedForExpr(const Token& t) {
  static constexpr std::string_view kWords[] = {
      "FROM",   "WHERE",  "GROUP",  "HAVING",  "ORDER", "LIMIT", "OFFSET", "UNION", "INTERSECT",
      "EXCEPT", "JOIN",   "ON",     "AND",     "OR",    "THEN",  "WHEN",   "ELSE",  "END",
      "AS",     "SELECT", "WINDOW", "QUALIFY", "BY",    "USING", "INTO"};
  return std::any_of(std::begin(kWords), std::end(kWords),
                     [&](std::string_view w) { return t.IsKeyword(w); });
}

}  // namespace

Result<ExprPtr> Parser::ParseExpr() { return ParseSubexpr(0); }

Result<ExprPtr> Parser::ParseSubexpr(int min_prec) {
  QUIVER_RETURN_NOT_OK(CheckDepth());
  DepthGuard guard(this);
  QUIVER_ASSIGN_OR_RAISE(ExprPtr expr, ParsePrefix());
  int chain = 0;
  while (true) {
    int prec = NextPrecedence();
    if (prec <= min_prec) break;
    // Left-deep chains (a + b + c ...) make trees as tall as they are long.
    if (++chain > opts_.max_chain) {
      return ErrorAt(Peek(), "expression too long: more than " + std::to_string(opts_.max_chain) +
                                 " chained operators");
    }
    QUIVER_ASSIGN_OR_RAISE(expr, ParseInfix(std::move(expr), prec));
  }
  return expr;
}

int Parser::NextPrecedence() const {
  const Token& t = Peek();
  if (t.type == TokenType::kWord) {
    if (t.quote) return 0;
    if (t.IsKeyword("OR")) return kOrPrec;
    if (t.IsKeyword("AND")) return kAndPrec;
    if (t.IsKeyword("XOR")) return kXorPrec;
    if (t.IsKeyword("AT") && PeekKeyword("TIME", 1) && PeekKeyword("ZONE", 2)) {
      return kAtTimeZonePrec;
    }
    if (t.IsKeyword("NOT")) {
      const Token& n = Peek(1);
      if (n.IsKeyword("IN") || n.IsKeyword("BETWEEN")) return kBetweenPrec;
      if (n.IsKeyword("LIKE") || n.IsKeyword("ILIKE") || n.IsKeyword("SIMILAR")) {
        return kLikePrec;
      }
      return 0;
    }
    if (t.IsKeyword("IS")) return kIsPrec;
    if (t.IsKeyword("IN") || t.IsKeyword("BETWEEN")) return kBetweenPrec;
    if (t.IsKeyword("LIKE") || t.IsKeyword("ILIKE") || t.IsKeyword("SIMILAR")) return kLikePrec;
    if (t.IsKeyword("DIV")) return kMulDivPrec;
    return 0;
  }
  if (t.type != TokenType::kOp) return 0;
  if (t.text == "::" || t.text == "[" || t.text == ".") return kPostfixPrec;
  const OpInfo* info = FindOp(t);
  return info ? info->prec : 0;
}

Result<ExprPtr> Parser::ParseInfix(ExprPtr left, int prec) {
  const Token& tok = Next();
  SourceLocation loc = tok.loc;
  if (tok.type == TokenType::kWord) {
    auto binary = [&](BinaryOp op) -> Result<ExprPtr> {
      QUIVER_ASSIGN_OR_RAISE(ExprPtr right, ParseSubexpr(prec));
      auto e = NewExpr(ExprKind::kBinaryOp, loc);
      e->left = std::move(left);
      e->binary_op = op;
      e->right = std::move(right);
      return e;
    };
    if (tok.IsKeyword("OR")) return binary(BinaryOp::kOr);
    if (tok.IsKeyword("AND")) return binary(BinaryOp::kAnd);
    if (tok.IsKeyword("XOR")) return binary(BinaryOp::kXor);
    if (tok.IsKeyword("DIV")) return binary(BinaryOp::kIntegerDivide);
    if (tok.IsKeyword("AT")) {
      QUIVER_RETURN_NOT_OK(ExpectKeywords({"TIME", "ZONE"}));
      QUIVER_ASSIGN_OR_RAISE(ExprPtr tz, ParseSubexpr(prec));
      auto e = NewExpr(ExprKind::kAtTimeZone, loc);
      e->operand = std::move(left);
      e->right = std::move(tz);
      return e;
    }
    if (tok.IsKeyword("IS")) {
      bool negated = ConsumeKeyword("NOT");
      IsTest test;
      if (ConsumeKeyword("NULL")) {
        test = IsTest::kNull;
      } else if (ConsumeKeyword("TRUE")) {
        test = IsTest::kTrue;
      } else if (ConsumeKeyword("FALSE")) {
        test = IsTest::kFalse;
      } else if (ConsumeKeyword("UNKNOWN")) {
        test = IsTest::kUnknown;
      } else if (ConsumeKeywords({"DISTINCT", "FROM"})) {
        QUIVER_ASSIGN_OR_RAISE(ExprPtr right, ParseSubexpr(kIsPrec));
        auto e = NewExpr(ExprKind::kBinaryOp, loc);
        e->left = std::move(left);
        e->binary_op = negated ? BinaryOp::kIsNotDistinctFrom : BinaryOp::kIsDistinctFrom;
        e->right = std::move(right);
        return e;
      } else {
        return Expected("[NOT] NULL or TRUE|FALSE or [NOT] DISTINCT FROM after IS");
      }
      auto e = NewExpr(ExprKind::kIsTest, loc);
      e->operand = std::move(left);
      e->is_test = test;
      e->negated = negated;
      return e;
    }
    bool negated = tok.IsKeyword("NOT");
    const Token& kw = negated ? Next() : tok;
    if (kw.IsKeyword("IN")) {
      QUIVER_RETURN_NOT_OK(ExpectOp("("));
      if (PeekKeyword("SELECT") || PeekKeyword("WITH")) {
        QUIVER_ASSIGN_OR_RAISE(QueryPtr q, ParseQuery());
        QUIVER_RETURN_NOT_OK(ExpectOp(")"));
        auto e = NewExpr(ExprKind::kInSubquery, loc);
        e->operand = std::move(left);
        e->subquery = std::move(q);
        e->negated = negated;
        return e;
      }
      auto e = NewExpr(ExprKind::kInList, loc);
      e->operand = std::move(left);
      e->negated = negated;
      if (!PeekOp(")")) {
        QUIVER_ASSIGN_OR_RAISE(e->list, ParseExprList());
      }
      QUIVER_RETURN_NOT_OK(ExpectOp(")"));
      return e;
    }
    if (kw.IsKeyword("BETWEEN")) {
      auto e = NewExpr(ExprKind::kBetween, loc);
      e->operand = std::move(left);
      e->negated = negated;
      QUIVER_ASSIGN_OR_RAISE(e->low, ParseSubexpr(kBetweenPrec));
      QUIVER_RETURN_NOT_OK(ExpectKeyword("AND"));
      QUIVER_ASSIGN_OR_RAISE(e->high, ParseSubexpr(kBetweenPrec));
      return e;
    }
    if (kw.IsKeyword("LIKE") || kw.IsKeyword("ILIKE") || kw.IsKeyword("SIMILAR")) {
      auto e = NewExpr(ExprKind::kLike, loc);
      e->operand = std::move(left);
      e->negated = negated;
      if (kw.IsKeyword("SIMILAR")) {
        QUIVER_RETURN_NOT_OK(ExpectKeyword("TO"));
        e->like_kind = LikeKind::kSimilarTo;
      } else {
        e->like_kind = kw.IsKeyword("LIKE") ? LikeKind::kLike : LikeKind::kILike;
      }
      QUIVER_ASSIGN_OR_RAISE(e->right, ParseSubexpr(kLikePrec));
      if (ConsumeKeyword("ESCAPE")) {
        QUIVER_ASSIGN_OR_RAISE(e->escape, ParsePrefix());
      }
      return e;
    }
    return ErrorAt(kw, "No infix parser for token " + kw.Display());
  }
  // Operators.
  if (tok.text == "::") {
    auto e = NewExpr(ExprKind::kCast, loc);
    e->operand = std::move(left);
    e->cast_kind = CastKind::kDoubleColon;
    QUIVER_ASSIGN_OR_RAISE(e->data_type, ParseDataType());
    return e;
  }
  if (tok.text == "[") {
    auto e = NewExpr(ExprKind::kSubscript, loc);
    e->operand = std::move(left);
    if (!PeekOp(":")) {
      QUIVER_ASSIGN_OR_RAISE(e->low, ParseExpr());
    }
    if (ConsumeOp(":")) {
      e->is_slice = true;
      if (!PeekOp("]") && !PeekOp(":")) {
        QUIVER_ASSIGN_OR_RAISE(e->high, ParseExpr());
      }
      if (ConsumeOp(":") && !PeekOp("]")) {
        QUIVER_ASSIGN_OR_RAISE(e->stride, ParseExpr());
      }
    } else if (!e->low) {
      return Expected("an expression:");
    }
    QUIVER_RETURN_NOT_OK(ExpectOp("]"));
    return e;
  }
  if (tok.text == ".") {
    QUIVER_ASSIGN_OR_RAISE(Ident field, ParseIdent());
    auto e = NewExpr(ExprKind::kFieldAccess, loc);
    e->operand = std::move(left);
    e->field = std::move(field);
    return e;
  }
  const OpInfo* info = FindOp(tok);
  if (!info) return ErrorAt(tok, "No infix parser for token " + tok.Display());
  if (IsComparison(info->op) && (PeekKeyword("ANY") || PeekKeyword("ALL") || PeekKeyword("SOME")) &&
      PeekOp("(", 1)) {
    auto e = NewExpr(ExprKind::kAnyAll, loc);
    e->all = PeekKeyword("ALL");
    Next();
    Next();  // (
    e->left = std::move(left);
    e->binary_op = info->op;
    if (PeekKeyword("SELECT") || PeekKeyword("WITH")) {
      QUIVER_ASSIGN_OR_RAISE(e->subquery, ParseQuery());
    } else {
      QUIVER_ASSIGN_OR_RAISE(e->right, ParseExpr());
    }
    QUIVER_RETURN_NOT_OK(ExpectOp(")"));
    return e;
  }
  QUIVER_ASSIGN_OR_RAISE(ExprPtr right, ParseSubexpr(prec));
  auto e = NewExpr(ExprKind::kBinaryOp, loc);
  e->left = std::move(left);
  e->binary_op = info->op;
  e->right = std::move(right);
  return e;
}

Result<ExprPtr> Parser::ParsePrefix() {
  QUIVER_RETURN_NOT_OK(CheckDepth());
  DepthGuard guard(this);
  const Token& tok = Peek();
  SourceLocation loc = tok.loc;
  auto literal = [&](LiteralKind kind) {
    auto e = NewExpr(ExprKind::kLiteral, loc);
    e->literal_kind = kind;
    e->value = Next().text;
    return e;
  };
  switch (tok.type) {
    case TokenType::kWord: return ParseWordPrefix();
    case TokenType::kNumber: return literal(LiteralKind::kNumber);
    case TokenType::kString: return literal(LiteralKind::kString);
    case TokenType::kEscapedString: return literal(LiteralKind::kEscapedString);
    case TokenType::kHexString: return literal(LiteralKind::kHexString);
    case TokenType::kNationalString: return literal(LiteralKind::kNationalString);
    case TokenType::kDollarString: return literal(LiteralKind::kDollarString);
    case TokenType::kPlaceholder: {
      auto e = NewExpr(ExprKind::kPlaceholder, loc);
      e->value = Next().text;
      return e;
    }
    case TokenType::kOp:
      if (tok.text == "(") return ParseParenthesized();
      if (tok.text == "[") return ParseArrayLiteral(false);
      if (tok.text == "-" || tok.text == "+" || tok.text == "~") {
        auto e = NewExpr(ExprKind::kUnaryOp, loc);
        e->unary_op = tok.text == "-"   ? UnaryOp::kMinus
                      : tok.text == "+" ? UnaryOp::kPlus
                                        : UnaryOp::kBitwiseNot;
        Next();
        QUIVER_ASSIGN_OR_RAISE(
            e->operand,
            ParseSubexpr(e->unary_op == UnaryOp::kBitwiseNot ? kPlusMinusPrec : kMulDivPrec));
        return e;
      }
      if (tok.text == "*") {
        Next();
        return NewExpr(ExprKind::kWildcard, loc);
      }
      break;
    default: break;
  }
  return Expected("an expression:");
}

Result<ExprPtr> Parser::ParseWordPrefix() {
  const Token& tok = Peek();
  SourceLocation loc = tok.loc;
  if (!tok.quote) {
    if (tok.IsKeyword("TRUE") || tok.IsKeyword("FALSE")) {
      auto e = NewExpr(ExprKind::kLiteral, loc);
      e->literal_kind = LiteralKind::kBoolean;
      e->value = tok.IsKeyword("TRUE") ? "true" : "false";
      Next();
      return e;
    }
    if (tok.IsKeyword("NULL")) {
      Next();
      auto e = NewExpr(ExprKind::kLiteral, loc);
      e->literal_kind = LiteralKind::kNull;
      return e;
    }
    if (IsReservedForExpr(tok)) return Expected("an expression:");
    if (tok.IsKeyword("CASE")) return ParseCase();
    if ((tok.IsKeyword("CAST") || tok.IsKeyword("TRY_CAST")) && PeekOp("(", 1)) {
      CastKind kind = tok.IsKeyword("CAST") ? CastKind::kCast : CastKind::kTryCast;
      Next();
      return ParseCast(kind);
    }
    if (tok.IsKeyword("NOT")) {
      Next();
      if (PeekKeyword("EXISTS") && PeekOp("(", 1)) {
        Next();
        Next();
        auto e = NewExpr(ExprKind::kExists, loc);
        e->negated = true;
        QUIVER_ASSIGN_OR_RAISE(e->subquery, ParseQuery());
        QUIVER_RETURN_NOT_OK(ExpectOp(")"));
        return e;
      }
      auto e = NewExpr(ExprKind::kUnaryOp, loc);
      e->unary_op = UnaryOp::kNot;
      QUIVER_ASSIGN_OR_RAISE(e->operand, ParseSubexpr(kNotPrec));
      return e;
    }
    if (tok.IsKeyword("EXISTS") && PeekOp("(", 1)) {
      Next();
      Next();
      auto e = NewExpr(ExprKind::kExists, loc);
      QUIVER_ASSIGN_OR_RAISE(e->subquery, ParseQuery());
      QUIVER_RETURN_NOT_OK(ExpectOp(")"));
      return e;
    }
    if (tok.IsKeyword("INTERVAL")) {
      Next();
      return ParseInterval();
    }
    if (tok.IsKeyword("ARRAY") && PeekOp("[", 1)) {
      Next();
      return ParseArrayLiteral(true);
    }
    if ((tok.IsKeyword("EXTRACT") || tok.IsKeyword("POSITION") || tok.IsKeyword("SUBSTRING") ||
         tok.IsKeyword("TRIM") || tok.IsKeyword("OVERLAY")) &&
        PeekOp("(", 1)) {
      size_t save = pos_;
      auto special = ParseSpecialFunction(tok);
      if (special.ok() && *special) return special;
      if (!special.ok() && tok.IsKeyword("EXTRACT")) return special;
      pos_ = save;  // not the special form: an ordinary call
    }
    static constexpr std::string_view kNoParen[] = {
        "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME",     "LOCALTIMESTAMP",
        "CURRENT_USER", "SESSION_USER", "CURRENT_CATALOG",   "CURRENT_SCHEMA"};
    for (std::string_view w : kNoParen) {
      if (tok.IsKeyword(w) && !PeekOp("(", 1) && !PeekOp(".", 1)) {
        auto e = NewExpr(ExprKind::kFunction, loc);
        e->names.push_back(MakeIdent(Next()));
        e->has_parens = false;
        return e;
      }
    }
    if (PeekTypedString()) {
      size_t save = pos_;
      auto type = ParseDataTypeInner();
      if (type.ok() && Peek().type == TokenType::kString) {
        auto e = NewExpr(ExprKind::kTypedString, loc);
        e->data_type = *type;
        e->value = Next().text;
        return e;
      }
      pos_ = save;
    }
  }
  // A name: a, t.a, s.t.a; then a call, a qualified wildcard, or a column.
  ObjectName names;
  names.push_back(MakeIdent(Next()));
  while (PeekOp(".")) {
    const Token& after = Peek(1);
    if (after.type == TokenType::kWord) {
      Next();
      names.push_back(MakeIdent(Next()));
    } else if (after.IsOp("*")) {
      Next();
      Next();
      auto e = NewExpr(ExprKind::kWildcard, loc);
      e->names = std::move(names);
      return e;
    } else {
      break;
    }
  }
  if (PeekOp("(")) return ParseFunctionCall(std::move(names), loc);
  auto e = NewExpr(ExprKind::kIdentifier, loc);
  e->names = std::move(names);
  return e;
}

Result<std::vector<ExprPtr>> Parser::ParseExprList() {
  std::vector<ExprPtr> out;
  do {
    QUIVER_ASSIGN_OR_RAISE(ExprPtr e, ParseExpr());
    out.push_back(std::move(e));
  } while (ConsumeOp(","));
  return out;
}

Result<ExprPtr> Parser::ParseParenthesized() {
  SourceLocation loc = Next().loc;  // (
  if (PeekKeyword("SELECT") || PeekKeyword("WITH")) {
    auto e = NewExpr(ExprKind::kSubquery, loc);
    QUIVER_ASSIGN_OR_RAISE(e->subquery, ParseQuery());
    QUIVER_RETURN_NOT_OK(ExpectOp(")"));
    return e;
  }
  QUIVER_ASSIGN_OR_RAISE(std::vector<ExprPtr> list, ParseExprList());
  QUIVER_RETURN_NOT_OK(ExpectOp(")"));
  if (list.size() == 1) {
    auto e = NewExpr(ExprKind::kNested, loc);
    e->operand = std::move(list[0]);
    return e;
  }
  auto e = NewExpr(ExprKind::kTuple, loc);
  e->list = std::move(list);
  return e;
}

Result<ExprPtr> Parser::ParseArrayLiteral(bool keyword) {
  SourceLocation loc = Next().loc;  // [
  auto e = NewExpr(ExprKind::kArray, loc);
  e->array_keyword = keyword;
  if (!PeekOp("]")) {
    QUIVER_ASSIGN_OR_RAISE(e->list, ParseExprList());
  }
  QUIVER_RETURN_NOT_OK(ExpectOp("]"));
  return e;
}

Result<ExprPtr> Parser::ParseCase() {
  SourceLocation loc = Next().loc;  // CASE
  auto e = NewExpr(ExprKind::kCase, loc);
  if (!PeekKeyword("WHEN")) {
    QUIVER_ASSIGN_OR_RAISE(e->operand, ParseExpr());
  }
  QUIVER_RETURN_NOT_OK(ExpectKeyword("WHEN"));
  do {
    QUIVER_ASSIGN_OR_RAISE(ExprPtr cond, ParseExpr());
    QUIVER_RETURN_NOT_OK(ExpectKeyword("THEN"));
    QUIVER_ASSIGN_OR_RAISE(ExprPtr result, ParseExpr());
    e->when.push_back(std::move(cond));
    e->then.push_back(std::move(result));
  } while (ConsumeKeyword("WHEN"));
  if (ConsumeKeyword("ELSE")) {
    QUIVER_ASSIGN_OR_RAISE(e->else_expr, ParseExpr());
  }
  QUIVER_RETURN_NOT_OK(ExpectKeyword("END"));
  return e;
}

Result<ExprPtr> Parser::ParseCast(CastKind kind) {
  SourceLocation loc = Next().loc;  // (
  auto e = NewExpr(ExprKind::kCast, loc);
  e->cast_kind = kind;
  QUIVER_ASSIGN_OR_RAISE(e->operand, ParseExpr());
  QUIVER_RETURN_NOT_OK(ExpectKeyword("AS"));
  QUIVER_ASSIGN_OR_RAISE(e->data_type, ParseDataType());
  QUIVER_RETURN_NOT_OK(ExpectOp(")"));
  return e;
}

Result<ExprPtr> Parser::ParseInterval() {
  SourceLocation loc = Peek().loc;
  auto e = NewExpr(ExprKind::kInterval, loc);
  QUIVER_ASSIGN_OR_RAISE(e->operand, ParsePrefix());
  // INTERVAL '1 month' + '1 day' [unit]: a sum of string literals is one
  // interval value (as DataFusion reads it).
  while (e->operand->kind == ExprKind::kLiteral || e->operand->kind == ExprKind::kBinaryOp) {
    if (!IsStringSum(*e->operand) || !(Peek().IsOp("+") || Peek().IsOp("-")) ||
        Peek(1).type != TokenType::kString) {
      break;
    }
    auto sum = NewExpr(ExprKind::kBinaryOp, Peek().loc);
    sum->binary_op = Next().IsOp("+") ? BinaryOp::kPlus : BinaryOp::kMinus;
    sum->left = std::move(e->operand);
    QUIVER_ASSIGN_OR_RAISE(sum->right, ParsePrefix());
    e->operand = std::move(sum);
  }
  if (IsIntervalUnit(Peek())) {
    e->value = Upper(Next().text);
    if (ConsumeKeyword("TO")) {
      if (!IsIntervalUnit(Peek())) return Expected("date/time field");
      e->value += " TO " + Upper(Next().text);
    }
  }
  return e;
}

Result<ExprPtr> Parser::ParseSpecialFunction(const Token& word) {
  SourceLocation loc = word.loc;
  bool extract = word.IsKeyword("EXTRACT"), position = word.IsKeyword("POSITION");
  bool substring = word.IsKeyword("SUBSTRING"), trim = word.IsKeyword("TRIM");
  Next();
  Next();  // name (
  if (extract) {
    auto e = NewExpr(ExprKind::kExtract, loc);
    const Token& field = Next();
    if (field.type == TokenType::kWord) {
      e->value = field.quote ? field.text : Upper(field.text);
    } else {  // a quoted string is no field name (sqlparser rejects it too)
      return ErrorAt(field, "Expected date/time field, found: " + field.Display());
    }
    QUIVER_RETURN_NOT_OK(ExpectKeyword("FROM"));
    QUIVER_ASSIGN_OR_RAISE(e->operand, ParseExpr());
    QUIVER_RETURN_NOT_OK(ExpectOp(")"));
    return e;
  }
  if (position) {
    auto e = NewExpr(ExprKind::kPosition, loc);
    QUIVER_ASSIGN_OR_RAISE(e->left, ParseSubexpr(kBetweenPrec));
    if (!ConsumeKeyword("IN")) return ExprPtr();
    QUIVER_ASSIGN_OR_RAISE(e->right, ParseExpr());
    QUIVER_RETURN_NOT_OK(ExpectOp(")"));
    return e;
  }
  if (substring) {
    auto e = NewExpr(ExprKind::kSubstring, loc);
    QUIVER_ASSIGN_OR_RAISE(e->operand, ParseExpr());
    if (ConsumeKeyword("FROM")) {
      QUIVER_ASSIGN_OR_RAISE(e->low, ParseExpr());
    }
    if (ConsumeKeyword("FOR")) {
      QUIVER_ASSIGN_OR_RAISE(e->high, ParseExpr());
    }
    if (!e->low && !e->high) return ExprPtr();
    QUIVER_RETURN_NOT_OK(ExpectOp(")"));
    return e;
  }
  if (trim) {
    auto e = NewExpr(ExprKind::kTrim, loc);
    if (ConsumeKeyword("BOTH")) {
      e->trim_where = TrimWhere::kBoth;
    } else if (ConsumeKeyword("LEADING")) {
      e->trim_where = TrimWhere::kLeading;
    } else if (ConsumeKeyword("TRAILING")) {
      e->trim_where = TrimWhere::kTrailing;
    }
    if (ConsumeKeyword("FROM")) {
      if (e->trim_where == TrimWhere::kNone) return ExprPtr();
      QUIVER_ASSIGN_OR_RAISE(e->operand, ParseExpr());
    } else {
      QUIVER_ASSIGN_OR_RAISE(ExprPtr first, ParseExpr());
      if (ConsumeKeyword("FROM")) {
        e->left = std::move(first);
        QUIVER_ASSIGN_OR_RAISE(e->operand, ParseExpr());
      } else if (e->trim_where != TrimWhere::kNone) {
        e->operand = std::move(first);
      } else {
        return ExprPtr();
      }
    }
    QUIVER_RETURN_NOT_OK(ExpectOp(")"));
    return e;
  }
  // OVERLAY(s PLACING x FROM n [FOR m])
  auto e = NewExpr(ExprKind::kOverlay, loc);
  QUIVER_ASSIGN_OR_RAISE(e->operand, ParseExpr());
  if (!ConsumeKeyword("PLACING")) return ExprPtr();
  QUIVER_ASSIGN_OR_RAISE(e->left, ParseExpr());
  QUIVER_RETURN_NOT_OK(ExpectKeyword("FROM"));
  QUIVER_ASSIGN_OR_RAISE(e->low, ParseExpr());
  if (ConsumeKeyword("FOR")) {
    QUIVER_ASSIGN_OR_RAISE(e->high, ParseExpr());
  }
  QUIVER_RETURN_NOT_OK(ExpectOp(")"));
  return e;
}

Result<ExprPtr> Parser::ParseFunctionCall(ObjectName name, SourceLocation loc) {
  auto e = NewExpr(ExprKind::kFunction, loc);
  e->names = std::move(name);
  QUIVER_RETURN_NOT_OK(ParseFunctionArgs(e.get()));
  if (ConsumeKeywords({"WITHIN", "GROUP"})) {
    QUIVER_RETURN_NOT_OK(ExpectOp("("));
    QUIVER_RETURN_NOT_OK(ExpectKeywords({"ORDER", "BY"}));
    QUIVER_ASSIGN_OR_RAISE(e->within_group, ParseOrderByList());
    QUIVER_RETURN_NOT_OK(ExpectOp(")"));
  }
  if (PeekKeyword("FILTER") && PeekOp("(", 1)) {
    Next();
    Next();
    QUIVER_RETURN_NOT_OK(ExpectKeyword("WHERE"));
    QUIVER_ASSIGN_OR_RAISE(e->filter, ParseExpr());
    QUIVER_RETURN_NOT_OK(ExpectOp(")"));
  }
  if (ConsumeKeywords({"IGNORE", "NULLS"})) {
    e->null_treatment = NullTreatment::kIgnoreNulls;
  } else if (ConsumeKeywords({"RESPECT", "NULLS"})) {
    e->null_treatment = NullTreatment::kRespectNulls;
  }
  if (ConsumeKeyword("OVER")) {
    if (ConsumeOp("(")) {
      QUIVER_ASSIGN_OR_RAISE(WindowSpec spec, ParseWindowSpecBody());
      e->over = std::move(spec);
    } else {
      WindowSpec spec;
      QUIVER_ASSIGN_OR_RAISE(Ident name, ParseIdent());
      spec.window_name = std::move(name);
      spec.named_only = true;
      e->over = std::move(spec);
    }
  }
  return e;
}

Status Parser::ParseFunctionArgs(Expr* fn) {
  QUIVER_RETURN_NOT_OK(ExpectOp("("));
  if (ConsumeOp(")")) return Status::OK();
  if (ConsumeKeyword("DISTINCT")) {
    fn->distinct = true;
  } else if (PeekKeyword("ALL") && !PeekOp(")", 1) && !PeekOp(",", 1)) {
    Next();
  }
  do {
    FunctionArg arg;
    if (Peek().type == TokenType::kWord && PeekOp("=>", 1)) {
      arg.name = MakeIdent(Next());
      Next();
    }
    QUIVER_ASSIGN_OR_RAISE(arg.value, ParseExpr());
    if (ConsumeKeyword("AS")) {  // struct(1 AS a)
      auto named = NewExpr(ExprKind::kNamed, arg.value->loc);
      named->operand = std::move(arg.value);
      QUIVER_ASSIGN_OR_RAISE(named->field, ParseAliasIdent());
      arg.value = std::move(named);
    }
    fn->args.push_back(std::move(arg));
  } while (ConsumeOp(","));
  if (ConsumeKeywords({"IGNORE", "NULLS"})) {
    fn->null_treatment = NullTreatment::kIgnoreNulls;
  } else if (ConsumeKeywords({"RESPECT", "NULLS"})) {
    fn->null_treatment = NullTreatment::kRespectNulls;
  }
  if (ConsumeKeywords({"ORDER", "BY"})) {
    QUIVER_ASSIGN_OR_RAISE(fn->order_by, ParseOrderByList());
  }
  return ExpectOp(")");
}

Result<ExprPtr> Parser::ParseLiteralValue() {
  const Token& tok = Peek();
  SourceLocation loc = tok.loc;
  auto e = NewExpr(ExprKind::kLiteral, loc);
  switch (tok.type) {
    case TokenType::kString:
    case TokenType::kEscapedString:
      e->literal_kind = LiteralKind::kString;
      e->value = Next().text;
      return e;
    case TokenType::kNumber:
      e->literal_kind = LiteralKind::kNumber;
      e->value = Next().text;
      return e;
    case TokenType::kWord:
      if (tok.IsKeyword("TRUE") || tok.IsKeyword("FALSE")) {
        e->literal_kind = LiteralKind::kBoolean;
        e->value = tok.IsKeyword("TRUE") ? "true" : "false";
      } else if (tok.IsKeyword("NULL")) {
        e->literal_kind = LiteralKind::kNull;
      } else {
        e->literal_kind = LiteralKind::kString;  // bare words are taken as strings
        e->value = tok.text;
      }
      Next();
      return e;
    case TokenType::kOp:
      if (tok.text == "-" && Peek(1).type == TokenType::kNumber) {
        Next();
        e->literal_kind = LiteralKind::kNumber;
        e->value = "-" + Next().text;
        return e;
      }
      break;
    default: break;
  }
  return Expected("string or numeric value");
}

}  // namespace quiver::sql::internal
