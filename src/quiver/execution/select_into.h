// SELECT ... INTO new_table: runs the query into a new in-memory table.
#pragma once

#include "quiver/execution/dataframe.h"
#include "quiver/sql/ast.h"

namespace quiver {

class SessionState;

/// The INTO clause of `query`'s SELECT, or null when it has none.
const sql::SelectInto* SelectIntoOf(const sql::Query& query);

/// Runs `plan` (the query without INTO) into a new memory table named by
/// `into`; an Execution error when the table already exists.
Result<DataFrame> RunSelectInto(const std::shared_ptr<SessionState>& state,
                                const sql::SelectInto& into, const LogicalPlanPtr& plan);

}  // namespace quiver
