// COPY (query) | table TO 'path' [STORED AS fmt] [PARTITIONED BY (cols)]
// [OPTIONS (...)]: runs the source and writes Parquet or CSV files.
#pragma once

#include <memory>

#include "quiver/arrow/status.h"
#include "quiver/sql/ast.h"

namespace quiver {

class SessionState;

/// Executes the COPY; returns the number of rows written.
Result<int64_t> RunCopyTo(const std::shared_ptr<SessionState>& state, const sql::Copy& copy);

}  // namespace quiver
