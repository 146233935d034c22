// The SQL AST (expressions, queries, statements) and its display as SQL.
#pragma once

#include <string>

#include "quiver/sql/ast_expr.h"
#include "quiver/sql/ast_query.h"
#include "quiver/sql/ast_statement.h"

namespace quiver::sql {

/// Prints an AST node as SQL. The output parses back to an equal AST:
/// ToSql(Parse(ToSql(x))) == ToSql(x).
std::string ToSql(const Statement& stmt);
std::string ToSql(const Query& query);
std::string ToSql(const Expr& expr);
std::string ToSql(const DataType& type);
std::string ToSql(const Ident& ident);
std::string ToSql(const ObjectName& name);

}  // namespace quiver::sql
