// SessionContext and DataFrame entry points for NDJSON and Arrow IPC files.
#include "quiver/datasource/arrow_format.h"
#include "quiver/datasource/json_format.h"
#include "quiver/datasource/listing_table.h"
#include "quiver/execution/dataframe.h"
#include "quiver/execution/session_context.h"
#include "quiver/execution/session_state.h"

namespace quiver {

namespace {

Result<DataFrame> ScanOf(const std::shared_ptr<SessionState>& state, TableSourcePtr table) {
  QUIVER_ASSIGN_OR_RAISE(auto scan, MakeTableScan(TableReference::Bare("?table?"), table));
  return DataFrame(state, scan);
}

}  // namespace

Status SessionContext::RegisterJson(const std::string& name, const std::string& path,
                                    json::JsonReadOptions options) {
  QUIVER_ASSIGN_OR_RAISE(
      auto table, ListingTable::Make(path, std::make_shared<JsonFormat>(std::move(options))));
  return RegisterTable(name, table);
}

Result<DataFrame> SessionContext::ReadJson(const std::string& path, json::JsonReadOptions options) {
  QUIVER_ASSIGN_OR_RAISE(
      auto table, ListingTable::Make(path, std::make_shared<JsonFormat>(std::move(options))));
  return ScanOf(state(), table);
}

Status SessionContext::RegisterArrow(const std::string& name, const std::string& path) {
  QUIVER_ASSIGN_OR_RAISE(auto table, ListingTable::Make(path, std::make_shared<ArrowFormat>()));
  return RegisterTable(name, table);
}

Result<DataFrame> SessionContext::ReadArrow(const std::string& path) {
  QUIVER_ASSIGN_OR_RAISE(auto table, ListingTable::Make(path, std::make_shared<ArrowFormat>()));
  return ScanOf(state(), table);
}

Status DataFrame::WriteJson(const std::string& path, const json::JsonWriteOptions& options) const {
  QUIVER_ASSIGN_OR_RAISE(auto batches, Collect());
  return json::WriteJsonFile(path, batches, options);
}

Status DataFrame::WriteArrow(const std::string& path) const {
  QUIVER_ASSIGN_OR_RAISE(auto batches, Collect());
  SchemaPtr schema = plan_->schema->ToArrow();
  std::vector<RecordBatchPtr> fixed;
  for (const auto& b : batches) fixed.push_back(b->WithSchema(schema));
  return WriteArrowFile(path, schema, fixed);
}

}  // namespace quiver
