// Runs the statements that are not queries: DDL, DML, SET/SHOW, DESCRIBE.
#pragma once

#include "quiver/execution/dataframe.h"
#include "quiver/sql/ast.h"

namespace quiver {

class SessionState;

/// Plans a query or EXPLAIN into a DataFrame, or executes any other
/// statement and returns its (possibly empty) result.
Result<DataFrame> RunStatement(const std::shared_ptr<SessionState>& state,
                               const sql::Statement& statement);

/// SHOW, through information_schema (sql_statements_show.cc).
Result<DataFrame> RunShow(const std::shared_ptr<SessionState>& state, const sql::Show& show);
/// SET name = value | SET TIME ZONE value (sql_statements_show.cc).
Result<DataFrame> RunSet(const std::shared_ptr<SessionState>& state, const sql::SetVariable& set);
/// DROP SCHEMA / FUNCTION (sql_statements_catalog.cc).
Result<DataFrame> RunDropCatalogObject(const std::shared_ptr<SessionState>& state,
                                       const sql::Drop& drop);
/// The definition information_schema.views shows for an external table, as
/// DataFusion prints it: "CREATE EXTERNAL TABLE t STORED AS CSV LOCATION path".
std::string ExternalTableDefinition(const sql::CreateExternalTable& create);
/// CREATE FUNCTION (sql_statements_catalog.cc).
Result<DataFrame> RunCreateFunction(const std::shared_ptr<SessionState>& state,
                                    const sql::CreateFunction& create);
/// INSERT; `source` replaces the planned source query when given (EXECUTE of
/// a prepared INSERT). Returns the inserted row count.
Result<DataFrame> RunInsert(const std::shared_ptr<SessionState>& state, const sql::Insert& insert,
                            LogicalPlanPtr source = nullptr);

}  // namespace quiver
