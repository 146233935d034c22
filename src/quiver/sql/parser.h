// Entry points of the SQL parser (DataFusion's generic dialect, PostgreSQL
// operator precedence). Errors are Status::Parse with the line and column of
// the offending token, worded like the sqlparser-rs version DataFusion
// uses ("Expected ), found: EOF").
#pragma once

#include <string_view>
#include <vector>

#include "quiver/arrow/status.h"
#include "quiver/sql/ast.h"

namespace quiver::sql {

struct ParserOptions {
  /// Fold unquoted identifiers to lower case (datafusion.sql_parser.enable_ident_normalization).
  bool normalize_identifiers = true;
  /// Nesting depth past which parsing fails instead of recursing further.
  int max_depth = 200;
  /// Longest chain of left-associative operators (a + b + c ...) or set
  /// operations in one expression or query: bounds the height of the tree.
  int max_chain = 1000;
};

/// Parses one or more statements separated by ';'. Empty statements are skipped.
Result<std::vector<Statement>> ParseSql(std::string_view text, const ParserOptions& options = {});

/// Parses exactly one statement (errors when there are several).
Result<Statement> ParseStatement(std::string_view text, const ParserOptions& options = {});

/// Parses a single expression (e.g. a DataFrame filter string).
Result<ExprPtr> ParseExpr(std::string_view text, const ParserOptions& options = {});

/// Parses a data type name (`INT`, `DECIMAL(10, 2)`, `VARCHAR[]`).
Result<DataTypePtr> ParseDataType(std::string_view text, const ParserOptions& options = {});

}  // namespace quiver::sql
