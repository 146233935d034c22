#include "quiver/common/config.h"

#include <algorithm>
#include <cctype>
#include <thread>

namespace quiver {

namespace {
std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}
}  // namespace

ConfigOptions::ConfigOptions() {
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  Define("datafusion.catalog.create_default_catalog_and_schema", Kind::kBool, "true",
         "Whether the default catalog and schema are created");
  Define("datafusion.catalog.default_catalog", Kind::kString, "datafusion", "Default catalog name");
  Define("datafusion.catalog.default_schema", Kind::kString, "public", "Default schema name");
  Define("datafusion.catalog.information_schema", Kind::kBool, "false",
         "Whether information_schema views are available");
  Define("datafusion.catalog.has_header", Kind::kBool, "false",
         "Whether CSV files have a header row unless said otherwise");
  Define("datafusion.execution.batch_size", Kind::kInt, "8192",
         "Rows per batch that operators aim for");
  Define("datafusion.execution.target_partitions", Kind::kInt, std::to_string(cores),
         "Partitions a plan is split into for parallel execution");
  Define("datafusion.execution.time_zone", Kind::kString, "+00:00", "Session time zone");
  Define("datafusion.execution.coalesce_batches", Kind::kBool, "true",
         "Whether small batches are merged");
  Define("datafusion.execution.collect_statistics", Kind::kBool, "false",
         "Whether file statistics are collected when tables are created");
  Define("datafusion.execution.parquet.pushdown_filters", Kind::kBool, "false",
         "Evaluate filters while decoding Parquet");
  Define("datafusion.execution.parquet.reorder_filters", Kind::kBool, "false",
         "Reorder pushed-down Parquet filters by cost");
  Define("datafusion.execution.parquet.enable_page_index", Kind::kBool, "true",
         "Use the Parquet page index for pruning");
  Define("datafusion.execution.parquet.pruning", Kind::kBool, "true",
         "Prune Parquet row groups with statistics");
  Define("datafusion.execution.parquet.skip_metadata", Kind::kBool, "true",
         "Ignore Parquet schema metadata");
  Define("datafusion.execution.parquet.bloom_filter_on_read", Kind::kBool, "true",
         "Use Parquet bloom filters when reading");
  Define("datafusion.execution.listing_table_ignore_subdirectory", Kind::kBool, "true",
         "Ignore files in subdirectories of a listing table path");
  Define("datafusion.execution.sort_spill_reservation_bytes", Kind::kInt, "10485760",
         "Memory reserved for merging spilled sort runs");
  Define("datafusion.execution.enable_recursive_ctes", Kind::kBool, "true",
         "Whether WITH RECURSIVE is allowed");
  Define("datafusion.optimizer.enable_round_robin_repartition", Kind::kBool, "true",
         "Repartition round-robin to raise parallelism");
  Define("datafusion.optimizer.repartition_joins", Kind::kBool, "true", "Repartition join inputs");
  Define("datafusion.optimizer.repartition_aggregations", Kind::kBool, "true",
         "Repartition aggregation inputs");
  Define("datafusion.optimizer.repartition_file_scans", Kind::kBool, "true",
         "Split file scans into byte ranges");
  Define("datafusion.optimizer.repartition_file_min_size", Kind::kInt, "10485760",
         "Smallest file size worth splitting");
  Define("datafusion.optimizer.repartition_sorts", Kind::kBool, "true", "Sort within partitions");
  Define("datafusion.optimizer.repartition_windows", Kind::kBool, "true",
         "Evaluate window partitions in parallel, split by their partition keys");
  Define("datafusion.optimizer.prefer_hash_join", Kind::kBool, "true",
         "Prefer hash joins over sort-merge joins");
  Define("datafusion.optimizer.max_passes", Kind::kInt, "3", "Optimizer passes");
  Define("datafusion.optimizer.skip_failed_rules", Kind::kBool, "false",
         "Skip optimizer rules that fail");
  Define("datafusion.optimizer.filter_null_join_keys", Kind::kBool, "false",
         "Filter null join keys before joins");
  Define("datafusion.optimizer.hash_join_single_partition_threshold", Kind::kInt, "1048576",
         "Build-side size under which one partition is used");
  Define("datafusion.optimizer.default_filter_selectivity", Kind::kInt, "20",
         "Assumed filter selectivity (percent)");
  Define("datafusion.optimizer.prefer_existing_sort", Kind::kBool, "false",
         "Keep existing orderings");
  Define("datafusion.explain.logical_plan_only", Kind::kBool, "false", "EXPLAIN logical plan only");
  Define("datafusion.explain.physical_plan_only", Kind::kBool, "false",
         "EXPLAIN physical plan only");
  Define("datafusion.explain.show_statistics", Kind::kBool, "false", "EXPLAIN shows statistics");
  Define("datafusion.explain.show_sizes", Kind::kBool, "true", "EXPLAIN shows sizes");
  Define("datafusion.sql_parser.parse_float_as_decimal", Kind::kBool, "false",
         "Parse float literals as decimals");
  Define("datafusion.sql_parser.enable_ident_normalization", Kind::kBool, "true",
         "Fold unquoted identifiers to lower case");
  Define("datafusion.sql_parser.dialect", Kind::kString, "generic", "SQL dialect");
  Define("datafusion.sql_parser.support_varchar_with_length", Kind::kBool, "true",
         "Accept VARCHAR(n)");
  Define("datafusion.runtime.memory_limit", Kind::kString, "",
         "Memory limit for query execution (empty: unlimited)");
}

void ConfigOptions::Define(const std::string& key, Kind kind, std::string value,
                           std::string description) {
  options_[key] = Option{kind, std::move(value), std::move(description)};
}

Status ConfigOptions::Set(const std::string& raw_key, const std::string& value) {
  std::string key = Lower(raw_key);
  auto it = options_.find(key);
  if (it == options_.end()) {
    return Status::Configuration("Config value \"" + raw_key.substr(raw_key.rfind('.') + 1) +
                                 "\" not found on " +
                                 (raw_key.find('.') == std::string::npos
                                      ? std::string("ConfigOptions")
                                      : raw_key.substr(0, raw_key.rfind('.'))));
  }
  Option& opt = it->second;
  std::string v = value;
  switch (opt.kind) {
    case Kind::kBool: {
      std::string l = Lower(v);
      if (l != "true" && l != "false") {
        return Status::Configuration("Error parsing '" + value + "' as bool");
      }
      v = l;
      break;
    }
    case Kind::kInt: {
      if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos) {
        return Status::Configuration("Error parsing '" + value + "' as usize");
      }
      break;
    }
    case Kind::kString: break;
  }
  opt.value = v;
  return Status::OK();
}

Result<std::string> ConfigOptions::Get(const std::string& key) const {
  auto it = options_.find(Lower(key));
  if (it == options_.end()) return Status::Configuration("Config value \"" + key + "\" not found");
  return it->second.value;
}

std::vector<ConfigOptions::Entry> ConfigOptions::Entries() const {
  std::vector<Entry> out;
  for (const auto& [k, o] : options_) out.push_back({k, o.value, o.description});
  return out;
}

bool ConfigOptions::GetBool(const std::string& key) const {
  auto it = options_.find(key);
  return it != options_.end() && it->second.value == "true";
}

int64_t ConfigOptions::GetInt(const std::string& key) const {
  auto it = options_.find(key);
  return it == options_.end() ? 0 : std::stoll(it->second.value);
}

std::string ConfigOptions::GetString(const std::string& key) const {
  auto it = options_.find(key);
  return it == options_.end() ? "" : it->second.value;
}

}  // namespace quiver
