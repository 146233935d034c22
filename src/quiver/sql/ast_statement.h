// SQL abstract syntax tree: statements.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "quiver/sql/ast_query.h"

namespace quiver::sql {

struct Statement;
using StatementPtr = std::shared_ptr<Statement>;

enum class ColumnOptionKind : uint8_t {
  kNull,
  kNotNull,
  kDefault,
  kPrimaryKey,
  kUnique,
  kCheck,
  kComment
};
struct ColumnOption {
  ColumnOptionKind kind = ColumnOptionKind::kNotNull;
  ExprPtr expr;  // kDefault, kCheck, kComment (string literal)
};

struct ColumnDef {
  Ident name;
  DataTypePtr type;
  std::vector<ColumnOption> options;
  SourceLocation loc;
};

enum class TableConstraintKind : uint8_t { kPrimaryKey, kUnique, kCheck };
struct TableConstraint {
  TableConstraintKind kind = TableConstraintKind::kPrimaryKey;
  std::optional<Ident> name;  // CONSTRAINT name
  std::vector<Ident> columns;
  ExprPtr check;
};

/// A `key value` entry of OPTIONS (...). Keys are identifier chains or strings,
/// kept as written (`format.has_header`); values are literals.
struct SqlOption {
  std::string key;
  ExprPtr value;
};

/// SELECT / VALUES / WITH ... as a statement.
struct QueryStatement {
  QueryPtr query;
};

/// CREATE [OR REPLACE] [TEMPORARY] [UNBOUNDED] TABLE [IF NOT EXISTS] name (cols) [AS query]
struct CreateTable {
  bool or_replace = false;
  bool temporary = false;
  bool unbounded = false;
  bool if_not_exists = false;
  ObjectName name;
  std::vector<ColumnDef> columns;
  std::vector<TableConstraint> constraints;
  QueryPtr query;  // CREATE TABLE ... AS query (null when absent)
};

/// DataFusion's CREATE [OR REPLACE] [UNBOUNDED] EXTERNAL TABLE.
struct CreateExternalTable {
  bool or_replace = false;
  bool temporary = false;
  bool unbounded = false;
  bool if_not_exists = false;
  ObjectName name;
  std::vector<ColumnDef> columns;
  std::vector<TableConstraint> constraints;
  std::string file_type;  // STORED AS <file_type>, upper case
  std::string location;
  std::vector<ColumnDef> partition_columns;           // PARTITIONED BY (a, b INT): type may be null
  std::optional<bool> has_header;                     // WITH HEADER ROW
  std::optional<char> delimiter;                      // DELIMITER 'c'
  std::string compression;                            // COMPRESSION TYPE x, upper case
  std::vector<std::vector<OrderByExpr>> order_exprs;  // WITH ORDER (...), repeatable
  std::vector<SqlOption> options;
};

/// CREATE [OR REPLACE] [TEMPORARY] VIEW [IF NOT EXISTS] name [(cols)] AS query
struct CreateView {
  bool or_replace = false;
  bool temporary = false;
  bool if_not_exists = false;
  ObjectName name;
  std::vector<Ident> columns;
  QueryPtr query;
};

/// CREATE SCHEMA / DATABASE / CATALOG [IF NOT EXISTS] name
enum class ObjectKind : uint8_t { kTable, kView, kSchema, kDatabase, kCatalog, kFunction };
struct CreateSchema {
  ObjectKind object = ObjectKind::kSchema;  // kSchema, kDatabase, kCatalog
  bool if_not_exists = false;
  ObjectName name;
};

struct FunctionParam {
  std::optional<Ident> name;
  DataTypePtr type;
  ExprPtr default_value;
};
/// CREATE [OR REPLACE] [TEMPORARY] FUNCTION name(params) RETURNS type
///   [LANGUAGE lang] [AS 'body' | RETURN expr]
struct CreateFunction {
  bool or_replace = false;
  bool temporary = false;
  ObjectName name;
  std::vector<FunctionParam> params;
  DataTypePtr return_type;
  std::optional<Ident> language;
  ExprPtr as_body;      // AS <expr>
  ExprPtr return_expr;  // RETURN <expr>
};

/// DROP TABLE|VIEW|SCHEMA|DATABASE|CATALOG|FUNCTION [IF EXISTS] names [CASCADE|RESTRICT]
struct Drop {
  ObjectKind object = ObjectKind::kTable;
  bool if_exists = false;
  std::vector<ObjectName> names;
  bool cascade = false;
  bool restrict = false;
};

/// INSERT INTO|OVERWRITE [TABLE] name [(cols)] query
struct Insert {
  bool overwrite = false;
  bool table_keyword = false;
  ObjectName table;
  std::vector<Ident> columns;
  QueryPtr source;
};

struct Assignment {
  ObjectName target;
  ExprPtr value;
};
/// UPDATE table SET a = x, ... [FROM ...] [WHERE ...]
struct Update {
  TableWithJoins table;
  std::vector<Assignment> assignments;
  std::optional<TableWithJoins> from;
  ExprPtr selection;
};

/// DELETE FROM name [WHERE ...]
struct Delete {
  ObjectName table;
  ExprPtr selection;
};

/// TRUNCATE [TABLE] names
struct Truncate {
  bool table_keyword = false;
  std::vector<ObjectName> names;
};

/// DataFusion's COPY (query) | table TO 'target' [STORED AS x] [PARTITIONED BY (..)]
/// [OPTIONS (...)]
struct Copy {
  ObjectName source_table;  // when copying a table
  QueryPtr source_query;    // when copying a query
  std::string target;
  std::string stored_as;  // upper case; empty when absent
  std::vector<Ident> partitioned_by;
  std::vector<SqlOption> options;
};

/// EXPLAIN [ANALYZE] [VERBOSE] [FORMAT fmt] statement
struct Explain {
  bool analyze = false;
  bool verbose = false;
  std::string format;  // as written, empty when absent
  StatementPtr statement;
};

/// DESCRIBE name (also DESC)
struct Describe {
  ObjectName table;
};

enum class ShowKind : uint8_t {
  kTables,       // SHOW [EXTENDED] [FULL] TABLES
  kColumns,      // SHOW [EXTENDED] [FULL] COLUMNS FROM|IN table
  kVariable,     // SHOW name (SHOW ALL -> variable "all"; SHOW TIME ZONE -> "timezone")
  kCreateTable,  // SHOW CREATE TABLE name
  kFunctions,    // SHOW FUNCTIONS [LIKE pattern]
};
struct Show {
  ShowKind kind = ShowKind::kVariable;
  bool extended = false;
  bool full = false;
  ObjectName name;         // table for kColumns/kCreateTable, variable parts for kVariable
  ExprPtr filter;          // LIKE pattern (kTables/kFunctions) if any
  bool time_zone = false;  // kVariable written as TIME ZONE
  bool verbose = false;    // SHOW ... VERBOSE (variables with descriptions)
};

/// SET [LOCAL|SESSION] name = value | TO value ; SET TIME ZONE value
struct SetVariable {
  bool local = false;
  bool session = false;
  bool time_zone = false;  // SET TIME ZONE x (name is "timezone")
  bool uses_to = false;    // display: TO vs =
  ObjectName name;
  std::vector<ExprPtr> values;
};

/// RESET name | RESET ALL
struct ResetVariable {
  ObjectName name;  // empty for ALL
};

/// PREPARE name [(types)] AS statement
struct Prepare {
  Ident name;
  std::vector<DataTypePtr> data_types;
  StatementPtr statement;
};

/// EXECUTE name [(args)]
struct Execute {
  Ident name;
  std::vector<ExprPtr> params;
  bool has_parens = false;
};

/// DEALLOCATE [PREPARE] name
struct Deallocate {
  Ident name;
  bool prepare_keyword = false;
};

enum class TransactionKind : uint8_t { kBegin, kStart, kCommit, kRollback };
/// BEGIN [TRANSACTION] / START TRANSACTION / COMMIT / ROLLBACK — accepted, no-ops.
struct Transaction {
  TransactionKind kind = TransactionKind::kBegin;
  bool transaction_keyword = false;
};

/// One SQL statement. `node` holds exactly one of the statement structs above.
struct Statement {
  using Node =
      std::variant<QueryStatement, CreateTable, CreateExternalTable, CreateView, CreateSchema,
                   CreateFunction, Drop, Insert, Update, Delete, Truncate, Copy, Explain, Describe,
                   Show, SetVariable, ResetVariable, Prepare, Execute, Deallocate, Transaction>;
  Node node;
  SourceLocation loc;
  std::string text;  // the statement's source text (without the trailing ';')

  template <typename T>
  const T* As() const {
    return std::get_if<T>(&node);
  }
  template <typename T>
  T* As() {
    return std::get_if<T>(&node);
  }
};

}  // namespace quiver::sql
