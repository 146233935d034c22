// LogicalPlan: a tree of relational operators. Each node knows its output
// schema (with qualifiers), computed once when the node is built.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quiver/logical/expr.h"
#include "quiver/logical/join.h"
#include "quiver/logical/table_source.h"

namespace quiver {

enum class PlanKind : uint8_t {
  kTableScan,
  kProjection,
  kFilter,
  kAggregate,
  kSort,
  kLimit,
  kValues,
  kEmptyRelation,
  kSubqueryAlias,
  kExplain,
  kWindow,  // input columns + one column per window expression (window.h)
  kJoin,
  kCrossJoin,
  kUnion,
  kRecursiveQuery,  // WITH RECURSIVE: inputs [static, recursive] (recursive_query.h)
  kUnnest,  // exprs: the unnested list columns (unnest.h)
  kDml,     // INSERT INTO a table: write (dml.h)
  kCopyTo,  // COPY ... TO files: write (dml.h)
  kPrepare,  // PREPARE: statement_name, param_types, input (prepare.h)
  kExecute,  // EXECUTE: statement_name, exprs = argument values (prepare.h)
};

struct WriteSpec;

struct LogicalPlan {
  PlanKind kind = PlanKind::kEmptyRelation;
  DFSchemaPtr schema;
  std::vector<LogicalPlanPtr> inputs;

  // kTableScan
  TableReference table_name;
  TableSourcePtr source;
  std::optional<std::vector<int>> projection;  // indices into source->schema()
  std::vector<ExprPtr> filters;                // pushed down (Inexact or Exact)
  // kProjection: exprs; kAggregate: group_exprs + aggr_exprs
  std::vector<ExprPtr> exprs;
  std::vector<ExprPtr> group_exprs;
  std::vector<ExprPtr> aggr_exprs;
  // kFilter
  ExprPtr predicate;
  // kSort
  std::vector<SortExpr> sort_exprs;
  // kSort, kLimit, kTableScan
  std::optional<int64_t> fetch;
  int64_t skip = 0;  // kLimit
  // kLimit whose OFFSET / LIMIT is a placeholder expression ($1), bound by EXECUTE
  ExprPtr skip_expr, fetch_expr;
  // kValues
  std::vector<std::vector<ExprPtr>> values;
  // kEmptyRelation
  bool produce_one_row = false;
  // kSubqueryAlias
  TableReference alias;
  // kWindow
  std::vector<ExprPtr> window_exprs;
  // kExplain
  bool verbose = false;
  bool analyze = false;
  // kJoin (see join.h): key pairs, residual filter, IS NOT DISTINCT FROM keys
  JoinType join_type = JoinType::kInner;
  std::vector<JoinKey> on;
  ExprPtr join_filter;
  bool null_equals_null = false;
  // kRecursiveQuery: UNION (true) or UNION ALL; table_name is the CTE's name,
  // source its WorkTableSource
  bool is_distinct = false;
  // kDml, kCopyTo: target and sink (dml.h)
  std::shared_ptr<const WriteSpec> write;
  // kPrepare / kExecute (prepare.h)
  std::string statement_name;
  std::vector<DataTypePtr> param_types;

  const LogicalPlanPtr& input() const { return inputs[0]; }
  /// One line for this node, as EXPLAIN prints it ("Filter: t.a > Int64(1)").
  std::string NodeToString() const;
  /// The whole tree, indented two spaces per level.
  std::string ToString() const;
};

// Constructors that compute the output schema (and check the inputs).
Result<LogicalPlanPtr> MakeTableScan(TableReference name, TableSourcePtr source,
                                     std::optional<std::vector<int>> projection = {},
                                     std::vector<ExprPtr> filters = {},
                                     std::optional<int64_t> fetch = {});
Result<LogicalPlanPtr> MakeProjection(LogicalPlanPtr input, std::vector<ExprPtr> exprs);
Result<LogicalPlanPtr> MakeFilter(LogicalPlanPtr input, ExprPtr predicate);
Result<LogicalPlanPtr> MakeAggregate(LogicalPlanPtr input, std::vector<ExprPtr> group_exprs,
                                     std::vector<ExprPtr> aggr_exprs);
Result<LogicalPlanPtr> MakeSort(LogicalPlanPtr input, std::vector<SortExpr> exprs,
                                std::optional<int64_t> fetch = {});
Result<LogicalPlanPtr> MakeLimit(LogicalPlanPtr input, int64_t skip, std::optional<int64_t> fetch);
/// Rows of expressions; column types are unified across rows.
Result<LogicalPlanPtr> MakeValues(std::vector<std::vector<ExprPtr>> rows);
LogicalPlanPtr MakeEmptyRelation(bool produce_one_row, DFSchemaPtr schema = DFSchema::Empty());
Result<LogicalPlanPtr> MakeSubqueryAlias(LogicalPlanPtr input, TableReference alias);
Result<LogicalPlanPtr> MakeExplain(LogicalPlanPtr input, bool verbose, bool analyze);

/// Copy of `plan` with new inputs (schema recomputed where it depends on them).
Result<LogicalPlanPtr> WithNewInputs(const LogicalPlanPtr& plan, std::vector<LogicalPlanPtr> inputs);

}  // namespace quiver
