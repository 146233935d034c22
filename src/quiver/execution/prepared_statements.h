// Prepared statements of a session: PREPARE stores a plan with placeholders,
// EXECUTE binds values to them and runs it, DEALLOCATE forgets it.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "quiver/execution/dataframe.h"
#include "quiver/sql/ast.h"

namespace quiver {

class SessionState;

struct PreparedStatement {
  LogicalPlanPtr plan;  // a Prepare node (logical/prepare.h)
  /// PREPARE .. AS INSERT: the INSERT, whose source rows `plan` computes.
  sql::StatementPtr insert;
};

/// The session's prepared statements by name (thread-safe).
class PreparedStatements {
 public:
  /// An Execution error when `name` is taken.
  Status Add(const std::string& name, PreparedStatement statement);
  Result<PreparedStatement> Get(const std::string& name) const;
  Status Remove(const std::string& name);

 private:
  mutable std::mutex mu_;
  std::map<std::string, PreparedStatement> statements_;
};

Result<DataFrame> RunPrepare(const std::shared_ptr<SessionState>& state, const sql::Prepare& p);
/// Casts the arguments to the declared parameter types, binds and runs the
/// statement (a query returns its DataFrame, an INSERT its count).
Result<DataFrame> RunExecute(const std::shared_ptr<SessionState>& state, const sql::Execute& e);
Result<DataFrame> RunDeallocate(const std::shared_ptr<SessionState>& state,
                                const sql::Deallocate& d);
/// EXPLAIN PREPARE ...: the Prepare node over the optimized query plan.
Result<LogicalPlanPtr> PlanPrepareForExplain(const std::shared_ptr<SessionState>& state,
                                             const sql::Prepare& p);

}  // namespace quiver
