// COPY (query) | table TO 'path' [STORED AS fmt] [PARTITIONED BY (cols)]
// [OPTIONS (...)]: runs the source and writes Parquet or CSV files.
#pragma once

#include <memory>

#include "quiver/arrow/status.h"
#include "quiver/logical/logical_plan.h"
#include "quiver/sql/ast.h"

namespace quiver {

class SessionState;

/// The COPY as a CopyTo plan over its source (format and options checked).
Result<LogicalPlanPtr> PlanCopyTo(const std::shared_ptr<SessionState>& state,
                                  const sql::Copy& copy);

/// Executes the COPY; returns the number of rows written.
Result<int64_t> RunCopyTo(const std::shared_ptr<SessionState>& state, const sql::Copy& copy);

}  // namespace quiver
