// SqlToRel: turns parsed SQL (the AST) into logical plans, resolving names
// against the session's tables and functions and checking types.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "quiver/common/config.h"
#include "quiver/logical/function_registry.h"
#include "quiver/logical/logical_plan.h"
#include "quiver/sql/ast.h"

namespace quiver {

/// What the planner needs from a session.
class SqlContextProvider {
 public:
  virtual ~SqlContextProvider() = default;
  /// The table a (possibly partial) name refers to, or a Plan error
  /// ("table 'x' not found"). A quoted path such as 'data/x.csv' may be
  /// resolved to a table over that file.
  virtual Result<TableSourcePtr> GetTable(const TableReference& name, bool is_path) = 0;
  virtual const FunctionRegistry& functions() const = 0;
  virtual const ConfigOptions& options() const = 0;
};

class SqlToRel {
 public:
  explicit SqlToRel(SqlContextProvider* context) : context_(context) {}

  Result<LogicalPlanPtr> PlanQuery(const sql::Query& query);
  /// An expression over `schema` (no aggregates unless `allow_aggregates`).
  Result<ExprPtr> PlanExpr(const sql::Expr& expr, const DFSchema& schema);
  /// Name parts of an object name as a table reference (lower-cased unless quoted).
  static Result<TableReference> ToTableReference(const sql::ObjectName& name);
  /// PREPARE name [(types)] AS query: a Prepare node over the query's plan,
  /// its placeholders typed by the declared types or their context
  /// (sql_to_rel_prepare.cc). For PREPARE .. AS INSERT the input is the
  /// plan of the INSERT's source rows (VALUES placeholders take the target
  /// columns' types).
  Result<LogicalPlanPtr> PlanPrepare(const sql::Prepare& prepare);

 private:
  struct Scope;
  Result<LogicalPlanPtr> PlanQueryIn(const sql::Query& query, Scope* outer);
  Result<LogicalPlanPtr> PlanSetExpr(const sql::SetExpr& set, Scope* scope,
                                     const std::vector<sql::OrderByExpr>* order_by,
                                     std::vector<SortExpr>* resolved_sort);
  Result<LogicalPlanPtr> PlanSelect(const sql::Select& select, Scope* scope,
                                    const std::vector<sql::OrderByExpr>* order_by,
                                    std::vector<SortExpr>* resolved_sort);
  Result<LogicalPlanPtr> PlanFrom(const std::vector<sql::TableWithJoins>& from, Scope* scope);
  Result<LogicalPlanPtr> PlanTableFactor(const sql::TableFactor& factor, Scope* scope);
  // Joins and set operations (sql_to_rel_join.cc).
  Result<LogicalPlanPtr> PlanJoin(LogicalPlanPtr left, const sql::Join& join, Scope* scope);
  Result<LogicalPlanPtr> PlanSetOperation(const sql::SetExpr& set, Scope* scope);
  Result<LogicalPlanPtr> PlanValues(const sql::SetExpr& values);
  Result<ExprPtr> PlanExprIn(const sql::Expr& expr, const DFSchema& schema);
  Result<ExprPtr> PlanFunction(const sql::Expr& expr, const DFSchema& schema);
  // Window functions (sql_to_rel_window.cc).
  Result<ExprPtr> PlanWindowFunction(const sql::Expr& expr, const DFSchema& schema,
                                     const std::string& name);
  /// Adds a Window node computing every window call in *exprs[i] and
  /// rewrites those calls into references to its output columns.
  Result<LogicalPlanPtr> PlanWindowNode(LogicalPlanPtr plan, const std::vector<ExprPtr*>& exprs);
  static Status CheckNamedWindows(const std::vector<sql::NamedWindow>& windows);
  // GROUPING SETS / ROLLUP / CUBE (sql_to_rel_grouping.cc): multiplies *sets
  // (initially empty) by the grouping sets `g` stands for.
  Status AddGroupingSets(const sql::Expr& g, const DFSchema& schema,
                         const std::vector<ExprPtr>& select_exprs,
                         std::vector<std::vector<ExprPtr>>* sets);
  // WITH RECURSIVE (sql_to_rel_recursive.cc): one CTE of a recursive WITH.
  Result<LogicalPlanPtr> PlanRecursiveCte(const sql::Cte& cte, Scope* scope);
  /// Makes `name` resolve to `plan` in `scope` (null removes it).
  static void BindCte(Scope* scope, const std::string& name, LogicalPlanPtr plan);
  // DISTINCT ON (sql_to_rel_distinct_on.cc): positions in *projection of the
  // ON expressions (appended when not selected), then the dedup itself.
  Status AddDistinctOnColumns(const sql::Select& select, const DFSchema& from_schema,
                              const std::vector<ExprPtr>& select_exprs,
                              std::vector<ExprPtr>* projection, std::vector<int>* positions);
  Result<LogicalPlanPtr> PlanDistinctOn(LogicalPlanPtr plan, const std::vector<int>& on,
                                        const std::vector<SortExpr>& sort,
                                        const std::vector<int>& sort_pos);
  // Table functions in FROM (sql_to_rel_table_function.cc).
  Result<LogicalPlanPtr> PlanTableFunction(const sql::TableFactor& factor);
  Result<ExprPtr> PlanIdentifier(const sql::Expr& expr, const DFSchema& schema);
  /// `expr` over `schema` where names of aliased select items stand for
  /// their expressions (HAVING cnt = 0). sql_to_rel_aliases.cc.
  Result<ExprPtr> PlanWithSelectAliases(const sql::Expr& expr, const DFSchema& schema,
                                        const std::vector<ExprPtr>& select_exprs);
  // Subquery expressions and outer references (sql_to_rel_subquery.cc).
  Result<ExprPtr> PlanSubqueryExpr(const sql::Expr& expr, const DFSchema& schema);
  /// A column missing from `schema`, resolved in an enclosing query's scope
  /// (innermost first) as an outer reference; null when not found there.
  ExprPtr FindOuterColumn(const Column& col, const DFSchema& schema) const;
  /// LATERAL (subquery): planned with the FROM items before it as outer columns.
  Result<LogicalPlanPtr> PlanLateral(const sql::Query& query, Scope* scope);
  // Nested types (sql_to_rel_nested.cc): subscripts, field access, tuples,
  // struct(x AS name), and `col.field` identifiers.
  Result<ExprPtr> PlanNestedExpr(const sql::Expr& expr, const DFSchema& schema);
  Result<ExprPtr> PlanCompoundFieldAccess(const sql::Expr& expr, const DFSchema& schema);
  Result<ExprPtr> PlanFieldAccess(ExprPtr base, const std::string& field, SourceLocation loc);
  static bool IsStructWithNames(const sql::Expr& expr);
  Result<LogicalPlanPtr> PlanUnnestTable(const sql::TableFactor& factor);  // FROM unnest(..)
  /// ||, @> and <@ on arrays as array functions; null when not arrays.
  Result<ExprPtr> PlanArrayOperator(const sql::Expr& e, const ExprPtr& l, const ExprPtr& r,
                                    const DFSchema& schema);
  Result<ExprPtr> PlanLiteral(const sql::Expr& expr);
  /// The QUALIFY predicate over `schema` (select aliases allowed); it or the
  /// select list must hold a window function (sql_to_rel_qualify.cc).
  Result<ExprPtr> PlanQualify(const sql::Expr& expr, const DFSchema& schema,
                              const std::vector<ExprPtr>& select_exprs);
  // Placeholders and LIMIT/OFFSET values (sql_to_rel_prepare.cc).
  Result<ExprPtr> PlanPlaceholder(const sql::Expr& expr);
  /// Types placeholders of `values` rows from the INSERT target's columns.
  Status TypeInsertPlaceholders(const sql::Insert& insert);
  /// LIMIT/OFFSET value: a constant (`1+1`, casts; NULL = none) or a
  /// placeholder, which goes to *placeholder.
  Result<std::optional<int64_t>> PlanLimitValue(const sql::Expr& expr, const char* what,
                                                ExprPtr* placeholder);

  SqlContextProvider* context_;
  Scope* scope_ = nullptr;
  std::vector<DFSchemaPtr> outer_schemas_;  // FROM scopes of enclosing queries, innermost last
  DFSchemaPtr lateral_left_;  // what a LATERAL derived table may reference (FROM items before it)
  const std::vector<sql::NamedWindow>* named_windows_ = nullptr;  // of the SELECT being planned
  std::map<int, DataTypePtr> param_types_;  // $n -> type, from PREPARE or an INSERT target
  bool params_declared_ = false;            // PREPARE listed types: others are errors
};

/// Aggregate over grouping sets: `*groups` holds the keys of every set on
/// entry and all keys on return; the output is those keys, then `aggs`
/// (grouping() calls included), like an Aggregate's (sql_to_rel_grouping.cc).
Result<LogicalPlanPtr> PlanGroupingAggregate(LogicalPlanPtr input, std::vector<ExprPtr>* groups,
                                             std::vector<std::vector<ExprPtr>> sets,
                                             const std::vector<ExprPtr>& aggs);
/// True when `aggs` holds a grouping() call.
bool UsesGroupingFunction(const std::vector<ExprPtr>& aggs);

/// INTERSECT ALL (`intersect`) or EXCEPT ALL of inputs with matching
/// columns (sql_to_rel_set_ops.cc).
Result<LogicalPlanPtr> PlanSetOperationAll(LogicalPlanPtr left, LogicalPlanPtr right,
                                           bool intersect, const WindowUDFPtr& row_number);
/// UNION BY NAME: projects both inputs onto the union of their column names
/// (left's order, then right's new ones), NULL where a side lacks one.
Status AlignByName(LogicalPlanPtr* left, LogicalPlanPtr* right);

/// Adds to `groups` the columns of `used` (outside aggregates) that the
/// grouped columns functionally determine; `determined` (if given) receives
/// every such column of `from` (sql_to_rel_dependencies.cc).
void AddDependentGroupColumns(const LogicalPlan& from, const std::vector<ExprPtr>& used,
                              std::vector<ExprPtr>* groups,
                              std::vector<Column>* determined = nullptr);

/// Maps a SQL data type to an Arrow type (INT -> Int32, TEXT -> Utf8, ...).
Result<DataTypePtr> ConvertDataType(const sql::DataType& type);

}  // namespace quiver
