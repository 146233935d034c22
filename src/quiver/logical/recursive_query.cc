#include "quiver/logical/recursive_query.h"

namespace quiver {

Result<LogicalPlanPtr> MakeRecursiveQuery(std::string name, LogicalPlanPtr static_term,
                                          LogicalPlanPtr recursive_term,
                                          std::shared_ptr<WorkTableSource> work_table,
                                          bool is_distinct) {
  if (static_term->schema->num_fields() != recursive_term->schema->num_fields()) {
    return Status::Plan(
        "Non-recursive term and recursive term must have the same number of "
        "columns");
  }
  auto p = std::make_shared<LogicalPlan>();
  p->kind = PlanKind::kRecursiveQuery;
  p->schema = static_term->schema;
  p->inputs = {std::move(static_term), std::move(recursive_term)};
  p->table_name = TableReference::Bare(std::move(name));
  p->source = std::move(work_table);
  p->is_distinct = is_distinct;
  return LogicalPlanPtr(p);
}

}  // namespace quiver
