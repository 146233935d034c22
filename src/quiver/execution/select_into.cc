#include "quiver/execution/select_into.h"

#include "quiver/datasource/mem_table.h"
#include "quiver/execution/session_state.h"

namespace quiver {

const sql::SelectInto* SelectIntoOf(const sql::Query& query) {
  if (!query.body || query.body->kind != sql::SetExprKind::kSelect || !query.body->select) {
    return nullptr;
  }
  const auto& into = query.body->select->into;
  return into ? &*into : nullptr;
}

Result<DataFrame> RunSelectInto(const std::shared_ptr<SessionState>& state,
                                const sql::SelectInto& into, const LogicalPlanPtr& plan) {
  QUIVER_ASSIGN_OR_RAISE(auto ref, SqlToRel::ToTableReference(into.name));
  if (state->catalog().GetTable(ref)) {
    return Status::Execution("Table '" + ref.ToString() + "' already exists");
  }
  QUIVER_ASSIGN_OR_RAISE(auto batches, state->Execute(plan));
  SchemaPtr s = plan->schema->ToArrow();
  std::vector<RecordBatchPtr> rows;
  for (const auto& b : batches) {
    // Same columns; the table's schema carries the query's names.
    rows.push_back(RecordBatch::Make(s, b->num_rows(), b->columns()));
  }
  auto table = std::make_shared<MemTable>(s, std::vector<std::vector<RecordBatchPtr>>{rows});
  QUIVER_RETURN_NOT_OK(state->catalog().RegisterTable(ref, table, true));
  return DataFrame(state, MakeEmptyRelation(false));
}

}  // namespace quiver
