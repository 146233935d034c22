// The recursive-descent parser behind parser.h. Split over several files:
// parser.cc (statements), parser_query.cc (queries and FROM),
// parser_expr.cc (expressions), parser_types.cc (data types).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "quiver/sql/ast.h"
#include "quiver/sql/lexer.h"
#include "quiver/sql/parser.h"

namespace quiver::sql::internal {

// Binding powers, following sqlparser-rs (which DataFusion uses) so that
// expressions group the same way.
inline constexpr int kOrPrec = 5;
inline constexpr int kAndPrec = 10;
inline constexpr int kNotPrec = 15;
inline constexpr int kIsPrec = 17;
inline constexpr int kLikePrec = 19;
inline constexpr int kBetweenPrec = 20;
inline constexpr int kEqPrec = 20;
inline constexpr int kPipePrec = 21;
inline constexpr int kCaretPrec = 22;
inline constexpr int kAmpersandPrec = 23;
inline constexpr int kXorPrec = 24;
inline constexpr int kPlusMinusPrec = 30;
inline constexpr int kMulDivPrec = 40;
inline constexpr int kAtTimeZonePrec = 41;
inline constexpr int kPostfixPrec = 50;

class Parser {
 public:
  Parser(std::vector<Token> tokens, std::string_view text, const ParserOptions& options)
      : toks_(std::move(tokens)), text_(text), opts_(options) {}

  Result<std::vector<Statement>> ParseStatements();
  Result<Statement> ParseStatement();
  Result<ExprPtr> ParseExpr();
  Result<DataTypePtr> ParseDataType();
  Status ExpectEnd(const char* what = "end of statement");

  // ---- token access ----
  const Token& Peek(size_t ahead = 0) const {
    size_t i = pos_ + ahead;
    return i < toks_.size() ? toks_[i] : toks_.back();
  }
  const Token& Next() {
    const Token& t = Peek();
    if (pos_ < toks_.size() - 1) ++pos_;
    return t;
  }
  bool AtEnd() const { return Peek().type == TokenType::kEOF; }
  bool PeekKeyword(std::string_view kw, size_t ahead = 0) const {
    return Peek(ahead).IsKeyword(kw);
  }
  bool PeekOp(std::string_view op, size_t ahead = 0) const { return Peek(ahead).IsOp(op); }
  bool ConsumeKeyword(std::string_view kw);
  bool ConsumeKeywords(std::initializer_list<std::string_view> kws);
  bool ConsumeOp(std::string_view op);
  Status ExpectKeyword(std::string_view kw);
  Status ExpectKeywords(std::initializer_list<std::string_view> kws);
  Status ExpectOp(std::string_view op);
  /// "Expected <what>, found: <token>" at the current token.
  Status Expected(std::string_view what) const;
  Status ErrorAt(const Token& tok, std::string msg) const;

  // ---- identifiers ----
  Ident MakeIdent(const Token& tok) const;
  Result<Ident> ParseIdent();
  Result<ObjectName> ParseObjectName();
  /// An alias: an identifier, or a 'string' (kept as an Ident quoted with ').
  Result<Ident> ParseAliasIdent();
  Result<std::vector<Ident>> ParseParenthesizedIdents();
  bool IsReservedForColumnAlias(const Token& tok) const;
  bool IsReservedForTableAlias(const Token& tok) const;

  // ---- queries (parser_query.cc) ----
  Result<QueryPtr> ParseQuery();
  Result<SetExprPtr> ParseSetExpr(int min_prec);
  Result<SetExprPtr> ParseSetPrimary();
  Result<std::shared_ptr<Select>> ParseSelect();
  Result<SelectItem> ParseSelectItem();
  Status ParseWildcardOptions(WildcardOptions* opts);
  Result<TableWithJoins> ParseTableWithJoins();
  Result<TableFactor> ParseTableFactor();
  Status ParseOptionalTableAlias(std::optional<TableAlias>* alias);
  Result<std::vector<std::vector<ExprPtr>>> ParseValuesRows();
  Result<GroupBy> ParseGroupBy();
  Result<ExprPtr> ParseGroupingElement();
  Result<std::vector<OrderByExpr>> ParseOrderByList();
  Result<OrderByExpr> ParseOrderByExpr();
  Result<WindowSpec> ParseWindowSpecBody();
  bool StartsQuery(size_t ahead = 0) const;

  // ---- expressions (parser_expr.cc) ----
  Result<ExprPtr> ParseSubexpr(int min_prec);
  Result<ExprPtr> ParsePrefix();
  Result<ExprPtr> ParseInfix(ExprPtr left, int prec);
  Result<ExprPtr> ParsePostfix(ExprPtr base);
  int NextPrecedence() const;
  Result<ExprPtr> ParseWordPrefix();
  Result<ExprPtr> ParseFunctionCall(ObjectName name, SourceLocation loc);
  Status ParseFunctionArgs(Expr* fn);
  Result<ExprPtr> ParseParenthesized();
  Result<ExprPtr> ParseCase();
  Result<ExprPtr> ParseCast(CastKind kind);
  Result<ExprPtr> ParseInterval();
  Result<ExprPtr> ParseSpecialFunction(const Token& word);
  Result<ExprPtr> ParseArrayLiteral(bool keyword);
  Result<std::vector<ExprPtr>> ParseExprList();  // comma separated, at least one
  Result<ExprPtr> ParseLiteralValue();           // for OPTIONS values and the like

  // ---- data types (parser_types.cc) ----
  Result<DataTypePtr> ParseDataTypeInner();
  /// True when the current token starts a data type keyword followed by a string
  /// (a typed literal such as DATE '2020-01-01').
  bool PeekTypedString() const;

  // ---- depth guard ----
  class DepthGuard {
   public:
    explicit DepthGuard(Parser* p) : p_(p) { ++p_->depth_; }
    ~DepthGuard() { --p_->depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Parser* p_;
  };
  Status CheckDepth() const;

  std::vector<Token> toks_;
  size_t pos_ = 0;
  std::string_view text_;
  ParserOptions opts_;
  int depth_ = 0;
};

}  // namespace quiver::sql::internal
