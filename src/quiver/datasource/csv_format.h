// CSV as a FileFormat: schema inference across files and a scan whose
// morsels are byte ranges of the files.
#pragma once

#include "quiver/datasource/csv/csv_reader.h"
#include "quiver/datasource/csv/csv_writer.h"
#include "quiver/datasource/file_format.h"

namespace quiver {

class CsvFormat : public FileFormat {
 public:
  explicit CsvFormat(csv::CsvReadOptions options = {}, csv::CsvWriteOptions write_options = {})
      : options_(std::move(options)), write_options_(std::move(write_options)) {}
  std::string name() const override { return "csv"; }
  std::string extension() const override { return options_.file_extension; }
  Result<SchemaPtr> InferSchema(const std::vector<FileInfo>& files) override;
  Result<ExecutionPlanPtr> CreateScan(const std::vector<FileInfo>& files, const SchemaPtr& schema,
                                      const ScanArgs& args) override;
  Status WriteFile(const std::string& path, const SchemaPtr& schema,
                   const std::vector<RecordBatchPtr>& batches) const override;
  const csv::CsvReadOptions& options() const { return options_; }

 private:
  csv::CsvReadOptions options_;
  csv::CsvWriteOptions write_options_;
};

/// CSV and its dialects: "csv" (.csv, header per datafusion.catalog.has_header),
/// "tsv" (.tsv, tab-separated) and "tbl" (.tbl, TPC-H dbgen's '|' without a
/// header). Options are DataFusion's CsvOptions keys (has_header, delimiter,
/// quote, escape, double_quote, comment, compression, null_value, null_regex,
/// newlines_in_values, schema_infer_max_rec, and the date/time formats used
/// when writing).
class CsvFormatFactory : public FileFormatFactory {
 public:
  enum class Dialect { kCsv, kTsv, kTbl };
  explicit CsvFormatFactory(Dialect dialect) : dialect_(dialect) {}
  std::string name() const override;
  std::vector<std::string> extensions() const override;
  Result<FileFormatPtr> Create(const FormatOptions& options,
                               const ConfigOptions& config) const override;
  /// CSV and TSV files queried by path have a header row, as DataFusion's
  /// read_csv assumes.
  FormatOptions PathDefaults() const override;

 private:
  Dialect dialect_;
};

}  // namespace quiver
