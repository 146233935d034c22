#include "quiver/execution/prepared_statements.h"

#include "quiver/arrow/compute/compute.h"
#include "quiver/execution/session_state.h"
#include "quiver/execution/sql_statements.h"
#include "quiver/logical/prepare.h"
#include "quiver/physical/create_physical_expr.h"

namespace quiver {

namespace {

// The value of a constant argument (`1`, `-2.5`, `'x'::date`).
Result<ScalarValue> EvaluateArgument(SqlToRel* planner, const sql::Expr& arg) {
  const DFSchema& empty = *DFSchema::Empty();
  QUIVER_ASSIGN_OR_RAISE(auto e, planner->PlanExpr(arg, empty));
  std::vector<Column> cols;
  CollectColumns(e, &cols);
  if (!cols.empty() || AnyExpr(e, [](const Expr& x) {
        return x.kind == ExprKind::kAggregateFunction || x.kind == ExprKind::kWindowFunction ||
               x.kind == ExprKind::kPlaceholder || x.subquery != nullptr;
      })) {
    return Status::Plan("Unsupported parameter type: " + e->ToString());
  }
  QUIVER_ASSIGN_OR_RAISE(auto physical, CreatePhysicalExpr(e, empty));
  auto batch = RecordBatch::Make(schema({}), 1, {});
  QUIVER_ASSIGN_OR_RAISE(auto out, physical->EvaluateToArray(*batch));
  return ScalarValue::FromArray(out, 0);
}

}  // namespace

Status PreparedStatements::Add(const std::string& name, PreparedStatement statement) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!statements_.emplace(name, std::move(statement)).second) {
    return Status::Execution("Prepared statement '" + name + "' already exists");
  }
  return Status::OK();
}

Result<PreparedStatement> PreparedStatements::Get(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = statements_.find(name);
  if (it == statements_.end()) {
    return Status::Execution("Prepared statement '" + name + "' does not exist");
  }
  return it->second;
}

Status PreparedStatements::Remove(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  if (statements_.erase(name) == 0) {
    return Status::Execution("Prepared statement '" + name + "' does not exist");
  }
  return Status::OK();
}

Result<DataFrame> RunPrepare(const std::shared_ptr<SessionState>& state, const sql::Prepare& p) {
  SqlToRel planner(state.get());
  QUIVER_ASSIGN_OR_RAISE(auto plan, planner.PlanPrepare(p));
  PreparedStatement statement{plan, nullptr};
  if (p.statement->As<sql::Insert>()) statement.insert = p.statement;
  QUIVER_RETURN_NOT_OK(state->prepared_statements().Add(p.name.value, std::move(statement)));
  return DataFrame(state, MakeEmptyRelation(false));
}

Result<DataFrame> RunExecute(const std::shared_ptr<SessionState>& state, const sql::Execute& e) {
  QUIVER_ASSIGN_OR_RAISE(auto prepared, state->prepared_statements().Get(e.name.value));
  SqlToRel planner(state.get());
  std::vector<ScalarValue> values;
  for (const auto& arg : e.params) {
    QUIVER_ASSIGN_OR_RAISE(auto v, EvaluateArgument(&planner, *arg));
    values.push_back(std::move(v));
  }
  const auto& types = prepared.plan->param_types;
  if (!types.empty()) {
    if (types.size() != values.size()) {
      return Status::Execution("Prepared statement '" + e.name.value + "' expects " +
                               std::to_string(types.size()) + " parameters, but " +
                               std::to_string(values.size()) + " provided");
    }
    for (size_t i = 0; i < types.size(); ++i) {
      if (values[i].type()->Equals(*types[i])) continue;
      auto cast = compute::Cast(values[i].array(), types[i]);
      if (!cast.ok()) {
        return Status::Execution("Cannot cast parameter $" + std::to_string(i + 1) + " value " +
                                 values[i].ToString() + " to " + types[i]->ToString() + ": " +
                                 cast.status().message());
      }
      values[i] = ScalarValue(*cast);
    }
  }
  QUIVER_ASSIGN_OR_RAISE(auto bound, BindParamValues(prepared.plan, values));
  if (prepared.insert) {
    return RunInsert(state, *prepared.insert->As<sql::Insert>(), std::move(bound));
  }
  return DataFrame(state, std::move(bound));
}

Result<DataFrame> RunDeallocate(const std::shared_ptr<SessionState>& state,
                                const sql::Deallocate& d) {
  QUIVER_RETURN_NOT_OK(state->prepared_statements().Remove(d.name.value));
  return DataFrame(state, MakeEmptyRelation(false));
}

Result<LogicalPlanPtr> PlanPrepareForExplain(const std::shared_ptr<SessionState>& state,
                                             const sql::Prepare& p) {
  SqlToRel planner(state.get());
  QUIVER_ASSIGN_OR_RAISE(auto plan, planner.PlanPrepare(p));
  QUIVER_ASSIGN_OR_RAISE(auto input, state->Optimize(plan->input()));
  return MakePrepare(plan->statement_name, plan->param_types, std::move(input));
}

}  // namespace quiver
