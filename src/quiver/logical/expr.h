// Logical expressions: what a query computes, independent of how. Nodes are
// immutable and shared; rewrites build new trees.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quiver/common/df_schema.h"
#include "quiver/common/scalar_value.h"
#include "quiver/common/table_reference.h"
#include "quiver/logical/operator.h"
#include "quiver/logical/udf.h"
#include "quiver/logical/window_frame.h"

namespace quiver {

struct LogicalPlan;
using LogicalPlanPtr = std::shared_ptr<const LogicalPlan>;

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

enum class ExprKind : uint8_t {
  kColumn,
  kLiteral,
  kAlias,              // expr AS name
  kBinary,             // left op right
  kNot,
  kNegative,
  kIsNull,
  kIsNotNull,
  kIsTrue,
  kIsFalse,
  kIsUnknown,
  kIsNotTrue,
  kIsNotFalse,
  kIsNotUnknown,
  kBetween,            // expr [NOT] BETWEEN low AND high
  kLike,               // expr [NOT] LIKE|ILIKE pattern [ESCAPE c]
  kSimilarTo,          // expr [NOT] SIMILAR TO pattern
  kInList,             // expr [NOT] IN (list)
  kCase,               // CASE [expr] WHEN .. THEN .. [ELSE ..] END
  kCast,
  kTryCast,
  kScalarFunction,     // scalar_fn(args)
  kAggregateFunction,  // aggregate_fn([DISTINCT] args) [FILTER (WHERE ..)] [ORDER BY ..]
  kWildcard,           // * or t.* (expanded by the planner)
  kScalarSubquery,
  kExists,
  kInSubquery,
  kOuterReferenceColumn,  // a column of an enclosing query (correlated subquery)
  kPlaceholder,           // $1
  kWindowFunction,        // f(args) OVER (PARTITION BY .. ORDER BY .. frame); see logical/window.h
};

struct SortExpr {
  ExprPtr expr;
  bool asc = true;
  bool nulls_first = false;
  std::string ToString() const;
};

struct Expr {
  ExprKind kind = ExprKind::kLiteral;

  Column column;        // kColumn, kOuterReferenceColumn
  ScalarValue literal;  // kLiteral
  std::string name;     // kAlias: alias; kPlaceholder: "$1"
  std::optional<TableReference> relation;  // kAlias qualifier, kWildcard qualifier
  Operator op = Operator::kEq;             // kBinary
  ExprPtr left, right;                     // kBinary
  ExprPtr expr;         // operand of unary kinds, alias, cast, between, like, in, case
  ExprPtr low, high;    // kBetween
  ExprPtr pattern;      // kLike, kSimilarTo
  std::optional<char> escape;
  bool negated = false;
  bool case_insensitive = false;  // ILIKE
  std::vector<ExprPtr> list;      // kInList
  std::vector<ExprPtr> when, then;
  ExprPtr else_expr;
  DataTypePtr cast_type;  // kCast, kTryCast, kPlaceholder (when known), kOuterReferenceColumn
  ScalarUDFPtr scalar_fn;
  AggregateUDFPtr aggregate_fn;
  std::vector<ExprPtr> args;  // function arguments
  bool distinct = false;
  ExprPtr filter;
  std::vector<SortExpr> order_by;
  LogicalPlanPtr subquery;  // kScalarSubquery, kExists, kInSubquery
  // kWindowFunction: window_fn, or aggregate_fn used over a frame; args,
  // filter, distinct as for aggregates; order_by is the window's ORDER BY.
  WindowUDFPtr window_fn;
  std::vector<ExprPtr> partition_by;
  std::shared_ptr<const WindowFrame> window_frame;
  bool ignore_nulls = false;

  /// DataFusion's display form, also the default output column name:
  /// `t.a + Int64(1)`, `count(*)`, `CAST(t.a AS Utf8)`.
  std::string ToString() const;
  /// The name a projection of this expression gets (alias name, column name
  /// without qualifier for columns, ToString otherwise).
  std::string OutputName() const;
  /// Children in order (not subquery plans).
  std::vector<ExprPtr> Children() const;
  bool Equals(const Expr& other) const { return ToString() == other.ToString(); }
};

// ---- Builders ----
ExprPtr Col(const std::string& name);
ExprPtr Col(Column column);
ExprPtr Lit(ScalarValue value);
ExprPtr LitInt64(int64_t v);
ExprPtr LitString(const std::string& v);
ExprPtr LitBool(bool v);
ExprPtr LitNull();
ExprPtr Binary(ExprPtr left, Operator op, ExprPtr right);
ExprPtr Alias(ExprPtr e, std::string name, std::optional<TableReference> relation = {});
ExprPtr Not(ExprPtr e);
ExprPtr Negative(ExprPtr e);
ExprPtr Unary(ExprKind kind, ExprPtr e);  // IS NULL, IS TRUE, ... family
ExprPtr CastTo(ExprPtr e, DataTypePtr type, bool try_cast = false);
ExprPtr And(ExprPtr l, ExprPtr r);
ExprPtr Or(ExprPtr l, ExprPtr r);
ExprPtr ScalarCall(ScalarUDFPtr fn, std::vector<ExprPtr> args);
ExprPtr AggregateCall(AggregateUDFPtr fn, std::vector<ExprPtr> args, bool distinct = false,
                      ExprPtr filter = nullptr, std::vector<SortExpr> order_by = {});
ExprPtr Wildcard(std::optional<TableReference> qualifier = {});
/// Copy of `e` with new children, in the order Children() returns them.
ExprPtr WithChildren(const ExprPtr& e, std::vector<ExprPtr> children);

/// Removes the top-level alias, if any.
ExprPtr Unalias(const ExprPtr& e);
/// Splits a conjunction into its terms (`a AND b AND c` -> [a, b, c]).
void SplitConjunction(const ExprPtr& e, std::vector<ExprPtr>* out);
ExprPtr Conjunction(const std::vector<ExprPtr>& terms);  // null when empty
/// Every column referenced (not inside subqueries).
void CollectColumns(const ExprPtr& e, std::vector<Column>* out);
/// True if `pred` holds for e or any descendant.
bool AnyExpr(const ExprPtr& e, const std::function<bool(const Expr&)>& pred);
bool ContainsAggregate(const ExprPtr& e);
/// Bottom-up rewrite: `fn` may return a replacement for a node (or null to
/// keep it). Children are rewritten first.
Result<ExprPtr> TransformUp(const ExprPtr& e,
                            const std::function<Result<ExprPtr>(const ExprPtr&)>& fn);

// ---- Types ----
/// The type the expression evaluates to against `schema`.
Result<DataTypePtr> GetType(const ExprPtr& e, const DFSchema& schema);
Result<bool> IsNullable(const ExprPtr& e, const DFSchema& schema);
/// The output field (name, type, nullability) of a projected expression.
Result<FieldPtr> ToField(const ExprPtr& e, const DFSchema& schema);

}  // namespace quiver
