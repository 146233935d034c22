// CsvFormatFactory: DataFusion's CsvOptions keys applied to our reader and
// writer options.
#include <algorithm>

#include "quiver/common/config.h"
#include "quiver/datasource/csv/output_compression.h"
#include "quiver/datasource/csv_format.h"

namespace quiver {

namespace {

Status NotFound(const std::string& key) {
  return Status::Configuration("Config value \"" + key + "\" not found on CsvOptions");
}

Result<bool> ParseBool(const std::string& key, const std::string& value) {
  std::string v = value;
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
  if (v == "true") return true;
  if (v == "false") return false;
  return Status::Configuration("Error parsing '" + value + "' as bool for CSV option " + key);
}

// A one-character option; `optional` allows the empty string (no character).
Result<std::optional<char>> ParseChar(const std::string& key, const std::string& value,
                                      bool optional) {
  if (value.empty() && optional) return std::optional<char>();
  if (value.size() != 1) {
    return Status::Configuration("CSV option " + key + " must be a single character, got '" +
                                 value + "'");
  }
  return std::optional<char>(value[0]);
}

}  // namespace

std::string CsvFormatFactory::name() const {
  switch (dialect_) {
    case Dialect::kTsv: return "tsv";
    case Dialect::kTbl: return "tbl";
    case Dialect::kCsv: break;
  }
  return "csv";
}

std::vector<std::string> CsvFormatFactory::extensions() const { return {"." + name()}; }

FormatOptions CsvFormatFactory::PathDefaults() const {
  if (dialect_ == Dialect::kTbl) return {};
  return {{"has_header", "true"}};
}

Result<FileFormatPtr> CsvFormatFactory::Create(const FormatOptions& options,
                                               const ConfigOptions& config) const {
  csv::CsvReadOptions read;
  csv::CsvWriteOptions write;
  bool header = dialect_ != Dialect::kTbl && config.GetBool("datafusion.catalog.has_header");
  char delimiter = dialect_ == Dialect::kTsv ? '\t' : dialect_ == Dialect::kTbl ? '|' : ',';
  for (const auto& [key, value] : options) {
    if (key == "has_header" || key == "header") {
      QUIVER_ASSIGN_OR_RAISE(header, ParseBool(key, value));
    } else if (key == "delimiter") {
      QUIVER_ASSIGN_OR_RAISE(auto c, ParseChar(key, value, false));
      delimiter = *c;
    } else if (key == "quote") {
      QUIVER_ASSIGN_OR_RAISE(auto c, ParseChar(key, value, false));
      read.quote = write.quote = *c;
    } else if (key == "escape") {
      QUIVER_ASSIGN_OR_RAISE(auto c, ParseChar(key, value, true));
      read.escape = write.escape = c;
    } else if (key == "double_quote") {
      QUIVER_ASSIGN_OR_RAISE(write.double_quote, ParseBool(key, value));
    } else if (key == "comment") {
      QUIVER_ASSIGN_OR_RAISE(read.comment, ParseChar(key, value, true));
    } else if (key == "compression") {
      QUIVER_ASSIGN_OR_RAISE(read.compression, csv::ParseCompression(value));
    } else if (key == "null_value") {
      write.null_value = value;
      read.null_values = {value};
    } else if (key == "null_regex") {
      read.null_regex = value;
    } else if (key == "newlines_in_values") {
      QUIVER_ASSIGN_OR_RAISE(read.newlines_in_values, ParseBool(key, value));
    } else if (key == "schema_infer_max_rec") {
      char* end = nullptr;
      long long n = std::strtoll(value.c_str(), &end, 10);
      if (value.empty() || *end || n < 0) {
        return Status::Configuration("Error parsing '" + value + "' as usize");
      }
      read.schema_infer_max_records = n;
    } else if (key == "date_format") {
      write.date_format = value;
    } else if (key == "datetime_format") {
      write.datetime_format = value;
    } else if (key == "timestamp_format") {
      write.timestamp_format = value;
    } else if (key == "timestamp_tz_format") {
      write.timestamp_tz_format = value;
    } else if (key == "time_format") {
      write.time_format = value;
    } else if (key == "terminator") {
      if (value != "\n") return Status::NotImplemented("CSV option terminator other than \\n");
    } else {
      return NotFound(key);
    }
  }
  read.has_header = write.has_header = header;
  read.delimiter = write.delimiter = delimiter;
  write.compression = read.compression;
  read.file_extension = "." + name() + csv::CompressionSuffix(read.compression);
  return FileFormatPtr(std::make_shared<CsvFormat>(std::move(read), std::move(write)));
}

Status CsvFormat::WriteFile(const std::string& path, const SchemaPtr& schema,
                            const std::vector<RecordBatchPtr>& batches) const {
  return csv::WriteCsv(schema, batches, path, write_options_);
}

}  // namespace quiver
