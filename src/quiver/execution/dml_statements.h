// INSERT as a logical plan: the source query projected onto the table's
// columns under a Dml node whose sink is the table's Insert.
#pragma once

#include <memory>

#include "quiver/logical/logical_plan.h"
#include "quiver/sql/ast.h"

namespace quiver {

class SessionState;

/// Dml(Insert Into | Insert Overwrite) over the source: named columns are
/// placed, the others filled with NULL; columns are cast to the table types.
/// `source`, when given, replaces planning ins.source (EXECUTE of a prepared INSERT).
Result<LogicalPlanPtr> PlanInsert(const std::shared_ptr<SessionState>& state,
                                  const sql::Insert& ins, LogicalPlanPtr source = nullptr);

/// Runs a Dml / CopyTo plan and returns the number of rows written.
Result<int64_t> ExecuteWrite(const std::shared_ptr<SessionState>& state,
                             const LogicalPlanPtr& plan);

}  // namespace quiver
