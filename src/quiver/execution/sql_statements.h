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

}  // namespace quiver
