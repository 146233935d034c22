#include "quiver/execution/session_state.h"

#include "quiver/datasource/csv_format.h"
#include "quiver/datasource/listing_table.h"
#include "quiver/datasource/parquet_format.h"
#include "quiver/functions/builtin.h"
#include "quiver/physical/executor.h"
#include "quiver/physical/generate_series.h"
#include "quiver/physical/physical_planner.h"
#include "quiver/physical/thread_pool.h"

namespace quiver {

namespace {
bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

SessionState::SessionState(ConfigOptions options)
    : config_(std::move(options)),
      catalog_(config_.GetString("datafusion.catalog.default_catalog"),
               config_.GetString("datafusion.catalog.default_schema")),
      rules_(DefaultOptimizerRules()) {
  RegisterBuiltinFunctions(&functions_);
  RegisterBuiltinTableFunctions(&functions_);
}

Result<TableProviderPtr> OpenFileTable(const std::string& path) {
  std::string p = path;
  for (const char* gz : {".gz", ".bz2", ".xz", ".zst"}) {
    if (EndsWith(p, gz)) p = p.substr(0, p.size() - std::string(gz).size());
  }
  FileFormatPtr format;
  if (EndsWith(p, ".parquet")) {
    format = std::make_shared<ParquetFormat>();
  } else if (EndsWith(p, ".csv") || EndsWith(p, ".tsv") || EndsWith(p, ".tbl")) {
    csv::CsvReadOptions opts;
    opts.has_header = !EndsWith(p, ".tbl");
    if (EndsWith(p, ".tsv")) opts.delimiter = '\t';
    if (EndsWith(p, ".tbl")) opts.delimiter = '|';
    opts.file_extension = path.substr(path.rfind('.'));
    format = std::make_shared<CsvFormat>(opts);
  } else {
    return Status::Plan("Unable to infer the file format of '" + path +
                        "'; supported extensions: .csv, .tsv, .tbl, .parquet");
  }
  QUIVER_ASSIGN_OR_RAISE(auto table, ListingTable::Make(path, format));
  return TableProviderPtr(table);
}

Result<TableSourcePtr> SessionState::GetTable(const TableReference& name, bool is_path) {
  if (is_path) {
    QUIVER_ASSIGN_OR_RAISE(auto t, OpenFileTable(name.table));
    return TableSourcePtr(t);
  }
  if (auto t = catalog_.GetTable(name)) return TableSourcePtr(t);
  return Status::Plan("table '" + catalog_.Resolve(name).ToString() + "' not found");
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
