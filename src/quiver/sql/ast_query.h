// SQL abstract syntax tree: queries (SELECT, set operations, VALUES, FROM).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quiver/sql/ast_expr.h"

namespace quiver::sql {

struct SetExpr;
struct TableWithJoins;
using SetExprPtr = std::shared_ptr<SetExpr>;

/// `alias [(col, ...)]` after a table factor or a CTE name.
struct TableAlias {
  Ident name;
  std::vector<Ident> columns;
};

/// `* EXCLUDE (a, b)`, `* EXCEPT (a, b)`, `* REPLACE (expr AS a)`, `* RENAME (a AS b)`.
struct WildcardOptions {
  std::vector<Ident> exclude;
  std::vector<Ident> except;
  std::vector<std::pair<ExprPtr, Ident>> replace;
  std::vector<std::pair<Ident, Ident>> rename;
  bool exclude_parens = true;  // EXCLUDE a vs EXCLUDE (a)
  bool empty() const {
    return exclude.empty() && except.empty() && replace.empty() && rename.empty();
  }
};

enum class SelectItemKind : uint8_t { kExpr, kWildcard, kQualifiedWildcard };

/// One entry of the select list.
struct SelectItem {
  SelectItemKind kind = SelectItemKind::kExpr;
  ExprPtr expr;                // kExpr
  std::optional<Ident> alias;  // kExpr: `expr [AS] alias`
  ObjectName qualifier;        // kQualifiedWildcard: `t.*`
  WildcardOptions options;     // wildcards
  SourceLocation loc;
};

enum class TableFactorKind : uint8_t {
  kTable,       // name [(args)] — args make it a table function call
  kDerived,     // [LATERAL] (subquery)
  kUnnest,      // UNNEST(exprs) [WITH ORDINALITY]
  kNestedJoin,  // (t1 JOIN t2 ...)
  kFunction,    // [LATERAL] f(args) written as LATERAL function
};

struct TableFactor {
  TableFactorKind kind = TableFactorKind::kTable;
  ObjectName name;                // kTable (quoted file paths become one quoted Ident
                                  // with quote '\''), kFunction
  bool has_args = false;          // kTable: written with (...)
  std::vector<FunctionArg> args;  // kTable/kFunction args
  QueryPtr subquery;              // kDerived
  bool lateral = false;
  std::vector<ExprPtr> unnest_exprs;  // kUnnest
  bool with_ordinality = false;
  std::shared_ptr<TableWithJoins> nested;  // kNestedJoin
  std::optional<TableAlias> alias;
  SourceLocation loc;
};

enum class JoinOperator : uint8_t {
  kInner,       // [INNER] JOIN
  kLeftOuter,   // LEFT [OUTER] JOIN
  kRightOuter,  // RIGHT [OUTER] JOIN
  kFullOuter,   // FULL [OUTER] JOIN
  kCross,       // CROSS JOIN
  kLeftSemi,    // LEFT SEMI JOIN (also SEMI JOIN)
  kRightSemi,
  kLeftAnti,  // LEFT ANTI JOIN (also ANTI JOIN)
  kRightAnti,
  kCrossApply,
  kOuterApply,
};

enum class JoinConstraintKind : uint8_t { kNone, kOn, kUsing, kNatural };

struct Join {
  TableFactor relation;
  JoinOperator op = JoinOperator::kInner;
  JoinConstraintKind constraint = JoinConstraintKind::kNone;
  ExprPtr on;                  // kOn
  std::vector<Ident> using_;   // kUsing
  bool outer_keyword = false;  // LEFT OUTER JOIN vs LEFT JOIN (display only)
  bool inner_keyword = false;  // INNER JOIN vs JOIN (display only)
  SourceLocation loc;
};

/// One entry of FROM: a relation followed by its joins.
struct TableWithJoins {
  TableFactor relation;
  std::vector<Join> joins;
};

struct NamedWindow {
  Ident name;
  WindowSpec spec;
};

enum class DistinctKind : uint8_t { kNone, kAll, kDistinct, kDistinctOn };

struct GroupBy {
  bool all = false;            // GROUP BY ALL
  std::vector<ExprPtr> exprs;  // may hold kGroupingSets/kRollup/kCube; numbers are ordinals
};

/// `SELECT ... INTO [TEMPORARY] [TABLE] name`: creates a table from the result.
struct SelectInto {
  bool temporary = false;
  bool table_keyword = false;
  ObjectName name;
};

struct Select {
  DistinctKind distinct = DistinctKind::kNone;
  std::vector<ExprPtr> distinct_on;
  std::vector<SelectItem> projection;
  std::vector<TableWithJoins> from;  // comma joins = several entries
  ExprPtr selection;                 // WHERE
  std::optional<GroupBy> group_by;
  ExprPtr having;
  ExprPtr qualify;
  std::vector<NamedWindow> named_windows;  // WINDOW w AS (...)
  std::vector<ExprPtr> distribute_by;      // DISTRIBUTE BY a, b (Hive)
  std::optional<SelectInto> into;          // SELECT ... INTO t
  SourceLocation loc;
};

enum class SetExprKind : uint8_t { kSelect, kQuery /* (query) */, kSetOperation, kValues, kTable };
enum class SetOperator : uint8_t { kUnion, kIntersect, kExcept };
enum class SetQuantifier : uint8_t { kNone, kAll, kDistinct, kByName, kAllByName, kDistinctByName };

struct SetExpr {
  SetExprKind kind = SetExprKind::kSelect;
  std::shared_ptr<Select> select;  // kSelect
  QueryPtr query;                  // kQuery
  SetOperator op = SetOperator::kUnion;
  SetQuantifier quantifier = SetQuantifier::kNone;
  SetExprPtr left, right;                    // kSetOperation
  std::vector<std::vector<ExprPtr>> values;  // kValues rows
  ObjectName table;                          // kTable: TABLE t
  SourceLocation loc;
};

struct Cte {
  TableAlias alias;
  QueryPtr query;
  SourceLocation loc;
};

struct With {
  bool recursive = false;
  std::vector<Cte> ctes;
};

/// A full query: [WITH ...] body [ORDER BY ...] [LIMIT ...] [OFFSET ...].
struct Query {
  std::optional<With> with;
  SetExprPtr body;
  std::vector<OrderByExpr> order_by;
  ExprPtr limit;   // LIMIT n (null when absent; LIMIT ALL leaves it null)
  ExprPtr offset;  // OFFSET n [ROW|ROWS]
  SourceLocation loc;
};

}  // namespace quiver::sql
