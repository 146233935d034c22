// SessionContext: the entry point of the library. It holds the catalog,
// functions and options of a session, runs SQL, and creates DataFrames.
//
//   quiver::SessionContext ctx;
//   QUIVER_RETURN_NOT_OK(ctx.RegisterCsv("t", "data/t.csv"));
//   QUIVER_ASSIGN_OR_RAISE(auto df, ctx.Sql("SELECT a, count(*) FROM t GROUP BY a"));
//   QUIVER_ASSIGN_OR_RAISE(auto batches, df.Collect());
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quiver/datasource/csv/csv_reader.h"
#include "quiver/datasource/file_format.h"
#include "quiver/datasource/json/json_reader.h"
#include "quiver/execution/dataframe.h"
#include "quiver/logical/table_function.h"
#include "quiver/physical/table_provider.h"

namespace quiver {

class SessionState;

class SessionContext {
 public:
  SessionContext();
  explicit SessionContext(ConfigOptions options);

  /// Plans (and for DDL/DML statements, executes) SQL. A query returns a
  /// DataFrame to collect; statements return an empty DataFrame (or a count).
  /// Several ';'-separated statements run in order; the last one is returned.
  Result<DataFrame> Sql(const std::string& sql);

  Status RegisterTable(const std::string& name, TableProviderPtr table);
  Status RegisterBatches(const std::string& name, std::vector<RecordBatchPtr> batches);
  Status RegisterCsv(const std::string& name, const std::string& path,
                     csv::CsvReadOptions options = {});
  Status RegisterParquet(const std::string& name, const std::string& path);
  /// Avro object container files (a file, directory of .avro files or glob).
  Status RegisterAvro(const std::string& name, const std::string& path);
  Status DeregisterTable(const std::string& name);
  Result<DataFrame> Table(const std::string& name);
  Result<DataFrame> ReadCsv(const std::string& path, csv::CsvReadOptions options = {});
  Result<DataFrame> ReadParquet(const std::string& path);
  Result<DataFrame> ReadAvro(const std::string& path);
  /// NDJSON and Arrow IPC files (execution/file_formats_api.cc).
  Status RegisterJson(const std::string& name, const std::string& path,
                      json::JsonReadOptions options = {});
  Result<DataFrame> ReadJson(const std::string& path, json::JsonReadOptions options = {});
  Status RegisterArrow(const std::string& name, const std::string& path);
  Result<DataFrame> ReadArrow(const std::string& path);

  void RegisterUdf(ScalarUDFPtr fn);
  void RegisterUdaf(AggregateUDFPtr fn);
  /// A table function callable in FROM (see logical/table_function.h).
  void RegisterUdtf(TableFunctionPtr fn);
  /// A file format for `STORED AS <name>`, COPY and paths with its
  /// extensions; replaces a format of the same name.
  void RegisterFileFormat(FileFormatFactoryPtr factory);

  ConfigOptions& config();
  const std::shared_ptr<SessionState>& state() const { return state_; }

 private:
  std::shared_ptr<SessionState> state_;
};

}  // namespace quiver
