#include "quiver/execution/session_state.h"

#include "quiver/datasource/listing_table.h"
#include "quiver/execution/information_schema.h"
#include "quiver/execution/read_file_functions.h"
#include "quiver/functions/builtin.h"
#include "quiver/physical/executor.h"
#include "quiver/physical/generate_series.h"
#include "quiver/physical/physical_planner.h"
#include "quiver/physical/thread_pool.h"

namespace quiver {

SessionState::SessionState(ConfigOptions options)
    : config_(std::move(options)),
      catalog_(config_.GetString("datafusion.catalog.default_catalog"),
               config_.GetString("datafusion.catalog.default_schema")),
      rules_(DefaultOptimizerRules()) {
  RegisterBuiltinFunctions(&functions_);
  RegisterBuiltinTableFunctions(&functions_);
  RegisterReadFileFunctions(&functions_);
}

Result<TableProviderPtr> SessionState::OpenFileTable(const std::string& path) const {
  QUIVER_ASSIGN_OR_RAISE(auto format, file_formats_.ForPath(path, config_));
  QUIVER_ASSIGN_OR_RAISE(auto table, ListingTable::Make(path, format));
  return TableProviderPtr(table);
}

Result<TableSourcePtr> SessionState::GetTable(const TableReference& name, bool is_path) {
  if (is_path) {
    QUIVER_ASSIGN_OR_RAISE(auto t, OpenFileTable(name.table));
    return TableSourcePtr(t);
  }
  if (auto t = catalog_.GetTable(name)) return TableSourcePtr(t);
  if (auto t = InformationSchemaTable(name)) return TableSourcePtr(t);
  return Status::Plan("table '" + catalog_.Resolve(name).ToString() + "' not found");
}

TableProviderPtr SessionState::InformationSchemaTable(const TableReference& name) const {
  TableReference r = catalog_.Resolve(name);
  if (r.schema != kInformationSchema ||
      !config_.GetBool("datafusion.catalog.information_schema") ||
      !catalog_.HasCatalog(r.catalog)) {
    return nullptr;
  }
  return InformationSchemaProvider(&catalog_, &config_).Table(r.catalog, r.table);
}

Result<LogicalPlanPtr> SessionState::Optimize(const LogicalPlanPtr& plan) const {
  return quiver::Optimize(plan, rules_);
}

Result<ExecutionPlanPtr> SessionState::CreatePhysicalPlan(const LogicalPlanPtr& plan) const {
  return quiver::CreatePhysicalPlan(plan, config_);
}

Result<std::vector<RecordBatchPtr>> SessionState::Execute(const LogicalPlanPtr& plan) const {
  QUIVER_ASSIGN_OR_RAISE(auto optimized, Optimize(plan));
  QUIVER_ASSIGN_OR_RAISE(auto physical, CreatePhysicalPlan(optimized));
  auto ctx = std::make_shared<TaskContext>();
  ctx->config = config_;
  ctx->pool = ThreadPool::Default();
  return ExecuteCollect(physical, ctx);
}

}  // namespace quiver
