// Shared helpers of the SQL display (display_expr.cc, display_query.cc).
#pragma once

#include <string>
#include <vector>

#include "quiver/sql/ast.h"

namespace quiver::sql::internal {

void AppendIdent(std::string* out, const Ident& id);
void AppendObjectName(std::string* out, const ObjectName& name);
void AppendExpr(std::string* out, const Expr& e);
void AppendQuery(std::string* out, const Query& q);
void AppendDataType(std::string* out, const DataType& t);
void AppendStringLiteral(std::string* out, const std::string& s);
void AppendOrderBy(std::string* out, const std::vector<OrderByExpr>& list);
void AppendWindowSpec(std::string* out, const WindowSpec& w);
void AppendTableWithJoins(std::string* out, const TableWithJoins& t);

template <typename T, typename F>
void AppendList(std::string* out, const std::vector<T>& items, F&& each, const char* sep = ", ") {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out->append(sep);
    each(items[i]);
  }
}

}  // namespace quiver::sql::internal
