#include "quiver/execution/session_context.h"

#include "quiver/datasource/avro_format.h"
#include "quiver/datasource/csv_format.h"
#include "quiver/datasource/listing_table.h"
#include "quiver/datasource/mem_table.h"
#include "quiver/datasource/parquet_format.h"
#include "quiver/execution/session_state.h"
#include "quiver/execution/sql_statements.h"
#include "quiver/sql/parser.h"

namespace quiver {

SessionContext::SessionContext() : SessionContext(ConfigOptions()) {}

SessionContext::SessionContext(ConfigOptions options)
    : state_(std::make_shared<SessionState>(std::move(options))) {}

ConfigOptions& SessionContext::config() { return state_->config(); }

Result<DataFrame> SessionContext::Sql(const std::string& text) {
  sql::ParserOptions popts;
  popts.normalize_identifiers =
      state_->config().GetBool("datafusion.sql_parser.enable_ident_normalization");
  QUIVER_ASSIGN_OR_RAISE(auto statements, sql::ParseSql(text, popts));
  if (statements.empty()) return DataFrame(state_, MakeEmptyRelation(false));
  for (size_t i = 0; i + 1 < statements.size(); ++i) {
    QUIVER_ASSIGN_OR_RAISE(auto df, RunStatement(state_, statements[i]));
    QUIVER_RETURN_NOT_OK(df.Collect().status());
  }
  return RunStatement(state_, statements.back());
}

Status SessionContext::RegisterTable(const std::string& name, TableProviderPtr table) {
  return state_->catalog().RegisterTable(TableReference::Bare(name), std::move(table));
}

Status SessionContext::RegisterBatches(const std::string& name, std::vector<RecordBatchPtr> batches) {
  if (batches.empty()) return Status::Plan("RegisterBatches needs at least one batch");
  QUIVER_ASSIGN_OR_RAISE(auto table, MemTable::Make(batches[0]->schema(), {std::move(batches)}));
  return RegisterTable(name, table);
}

Status SessionContext::RegisterCsv(const std::string& name, const std::string& path,
                                   csv::CsvReadOptions options) {
  QUIVER_ASSIGN_OR_RAISE(auto table,
                         ListingTable::Make(path, std::make_shared<CsvFormat>(std::move(options))));
  return RegisterTable(name, table);
}

Status SessionContext::RegisterParquet(const std::string& name, const std::string& path) {
  QUIVER_ASSIGN_OR_RAISE(auto table, ListingTable::Make(path, std::make_shared<ParquetFormat>()));
  return RegisterTable(name, table);
}

Status SessionContext::RegisterAvro(const std::string& name, const std::string& path) {
  QUIVER_ASSIGN_OR_RAISE(auto table, ListingTable::Make(path, std::make_shared<AvroFormat>()));
  return RegisterTable(name, table);
}

Status SessionContext::DeregisterTable(const std::string& name) {
  state_->catalog().DeregisterTable(TableReference::Bare(name));
  return Status::OK();
}

Result<DataFrame> SessionContext::Table(const std::string& name) {
  auto ref = TableReference::Bare(name);
  QUIVER_ASSIGN_OR_RAISE(auto source, state_->GetTable(ref, false));
  QUIVER_ASSIGN_OR_RAISE(auto scan, MakeTableScan(ref, source));
  return DataFrame(state_, scan);
}

Result<DataFrame> SessionContext::ReadCsv(const std::string& path, csv::CsvReadOptions options) {
  QUIVER_ASSIGN_OR_RAISE(auto table,
                         ListingTable::Make(path, std::make_shared<CsvFormat>(std::move(options))));
  QUIVER_ASSIGN_OR_RAISE(auto scan, MakeTableScan(TableReference::Bare("?table?"), table));
  return DataFrame(state_, scan);
}

Result<DataFrame> SessionContext::ReadParquet(const std::string& path) {
  QUIVER_ASSIGN_OR_RAISE(auto table, ListingTable::Make(path, std::make_shared<ParquetFormat>()));
  QUIVER_ASSIGN_OR_RAISE(auto scan, MakeTableScan(TableReference::Bare("?table?"), table));
  return DataFrame(state_, scan);
}

Result<DataFrame> SessionContext::ReadAvro(const std::string& path) {
  QUIVER_ASSIGN_OR_RAISE(auto table, ListingTable::Make(path, std::make_shared<AvroFormat>()));
  QUIVER_ASSIGN_OR_RAISE(auto scan, MakeTableScan(TableReference::Bare("?table?"), table));
  return DataFrame(state_, scan);
}

void SessionContext::RegisterUdf(ScalarUDFPtr fn) { state_->mutable_functions().Register(std::move(fn)); }
void SessionContext::RegisterUdaf(AggregateUDFPtr fn) {
  state_->mutable_functions().Register(std::move(fn));
}

void SessionContext::RegisterUdtf(TableFunctionPtr fn) {
  state_->mutable_functions().Register(std::move(fn));
}

void SessionContext::RegisterFileFormat(FileFormatFactoryPtr factory) {
  state_->file_formats().Register(std::move(factory));
}

}  // namespace quiver
