// ParquetFormatFactory and writing: DataFusion's ParquetOptions keys.
#include <algorithm>
#include <iterator>

#include "quiver/datasource/parquet_format.h"

namespace quiver {

Status ParquetFormat::WriteFile(const std::string& path, const SchemaPtr& schema,
                                const std::vector<RecordBatchPtr>& batches) const {
  return parquet::WriteParquetFile(path, schema, batches, write_options_);
}

Result<FileFormatPtr> ParquetFormatFactory::Create(const FormatOptions& options,
                                                   const ConfigOptions&) const {
  // Reader switches DataFusion accepts here: our reader always prunes with
  // statistics, the page index and bloom filters, so they change nothing.
  static const char* const kReadOptions[] = {
      "enable_page_index", "pruning",         "skip_metadata",        "metadata_size_hint",
      "pushdown_filters",  "reorder_filters", "bloom_filter_on_read", "schema_force_view_types"};
  // Options of one column ("option::column") may come before or after the
  // file-wide option they refine; they win either way, so they apply last.
  static const char* const kColumnOptions[] = {
      "compression",      "dictionary_enabled", "statistics_enabled", "bloom_filter_enabled",
      "bloom_filter_fpp", "bloom_filter_ndv",   "encoding",           "max_statistics_size"};
  parquet::ParquetWriteOptions write;
  parquet::ParquetReadOptions read;
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> per_column;
  for (const auto& [key, value] : options) {
    const size_t sep = key.find("::");
    if (sep != std::string::npos) {
      const std::string name = key.substr(0, sep), rest = key.substr(sep + 2);
      if (name == "metadata") {
        if (rest.empty()) {
          return Status::Configuration(
              "Invalid metadata key provided, missing key in metadata::<key>");
        }
        if (rest.find("::") != std::string::npos) {
          return Status::Configuration("Invalid metadata key provided, found too many '::' in \"" +
                                       key + "\"");
        }
        auto same = std::find_if(write.metadata.begin(), write.metadata.end(),
                                 [&](const auto& kv) { return kv.first == rest; });
        if (same != write.metadata.end()) {
          same->second = value;
        } else {
          write.metadata.push_back({rest, value});
        }
        continue;
      }
      if (std::find(std::begin(kColumnOptions), std::end(kColumnOptions), name) ==
          std::end(kColumnOptions)) {
        return Status::Configuration("Config value \"" + name + "\" not found on ColumnOptions");
      }
      per_column.push_back({rest, {name, value}});
      continue;
    }
    if (std::find(std::begin(kReadOptions), std::end(kReadOptions), key) !=
        std::end(kReadOptions)) {
      continue;
    }
    if (key == "coerce_int96") {
      static const std::pair<const char*, TimeUnit> kUnits[] = {{"ns", TimeUnit::kNanosecond},
                                                                {"us", TimeUnit::kMicrosecond},
                                                                {"ms", TimeUnit::kMillisecond},
                                                                {"s", TimeUnit::kSecond}};
      auto unit = std::find_if(std::begin(kUnits), std::end(kUnits),
                               [&](const auto& u) { return value == u.first; });
      if (unit == std::end(kUnits)) {
        return Status::Configuration("Unknown or unsupported parquet coerce_int96: " + value +
                                     ". Valid values are: ns, us, ms, and s.");
      }
      read.int96_unit = unit->second;
      continue;
    }
    if (key == "binary_as_string") {
      if (value == "true") return Status::NotImplemented("parquet option binary_as_string");
      continue;
    }
    QUIVER_RETURN_NOT_OK(parquet::SetWriteOption(key, value, &write));
  }
  for (const auto& [column, option] : per_column) {
    parquet::ParquetWriteOptions scratch;
    auto it = write.columns.find(column);
    scratch.column = it == write.columns.end() ? write.column : it->second;
    QUIVER_RETURN_NOT_OK(parquet::SetWriteOption(option.first, option.second, &scratch));
    write.columns[column] = scratch.column;
  }
  return FileFormatPtr(std::make_shared<ParquetFormat>(std::move(write), read));
}

}  // namespace quiver
