#include "quiver/common/config.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <thread>

#include "quiver/common/config_entries.h"

namespace quiver {

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// DataFusion reports a bad value as "Error parsing <v> as <type>" around the
// parser's own error.
Status ParseError(const std::string& value, const char* type, const std::string& cause) {
  return Status::Configuration("Error parsing " + value + " as " + type + "\ncaused by\n" +
                               "External error: " + cause);
}

// Rust's usize parsing: an optional '+', then decimal digits that fit 64 bits.
Result<std::string> ParseUsize(const std::string& value) {
  std::string digits = value;
  if (!digits.empty() && digits[0] == '+') digits = digits.substr(1);
  if (digits.empty()) return ParseError(value, "usize", "cannot parse integer from empty string");
  uint64_t n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return ParseError(value, "usize", "invalid digit found in string");
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (n > (std::numeric_limits<uint64_t>::max() - d) / 10) {
      return ParseError(value, "usize", "number too large to fit in target type");
    }
    n = n * 10 + d;
  }
  return std::to_string(n);
}

Status CheckFloat(const std::string& value) {
  size_t used = 0;
  try {
    (void)std::stod(value, &used);
  } catch (...) {
    used = 0;
  }
  if (value.empty() || used != value.size()) {
    return ParseError(value, "f64", "invalid float literal");
  }
  return Status::OK();
}

// The struct DataFusion names in "Config value ... not found on <struct>".
std::string OwnerOf(const std::string& prefix) {
  if (prefix == "datafusion.catalog") return "CatalogOptions";
  if (prefix == "datafusion.execution") return "ExecutionOptions";
  if (prefix == "datafusion.execution.parquet") return "ParquetOptions";
  if (prefix == "datafusion.execution.aggregate") return "AggregateOptions";
  if (prefix == "datafusion.optimizer") return "OptimizerOptions";
  if (prefix == "datafusion.explain") return "ExplainOptions";
  if (prefix == "datafusion.sql_parser") return "SqlParserOptions";
  return "ConfigOptions";
}

}  // namespace

ConfigOptions::ConfigOptions() {
  const std::string cores = std::to_string(std::max(1u, std::thread::hardware_concurrency()));
  for (const ConfigKeyDef& k : DataFusionConfigKeys()) {
    Kind kind = k.type == 'b' ? Kind::kBool : k.type == 'u' ? Kind::kInt : Kind::kString;
    // An unset optional value is held as "" (df_settings shows it as NULL).
    std::string value = k.value == nullptr ? "" : k.value;
    if (value == "<cores>") value = cores;
    Define(k.key, kind, std::move(value), k.description);
  }
}

void ConfigOptions::Define(const std::string& key, Kind kind, std::string value,
                           std::string description) {
  options_[key] = Option{kind, std::move(value), std::move(description)};
}

Status ConfigOptions::Set(const std::string& raw_key, const std::string& value) {
  std::string key = CanonicalConfigKey(raw_key);
  auto dot = key.find('.');
  if (dot == std::string::npos) {
    return Status::Configuration("could not find config namespace for key \"" + raw_key + "\"");
  }
  if (key.substr(0, dot) != "datafusion") {
    return Status::Configuration("Could not find config namespace \"" + raw_key.substr(0, dot) +
                                 "\"");
  }
  auto it = options_.find(key);
  if (it == options_.end()) {
    auto last = key.rfind('.');
    return Status::Configuration("Config value \"" + raw_key.substr(last + 1) + "\" not found on " +
                                 OwnerOf(key.substr(0, last)));
  }
  Option& opt = it->second;
  std::string v = value;
  switch (opt.kind) {
    case Kind::kBool: {
      std::string l = Lower(v);
      if (l != "true" && l != "false") {
        return ParseError(value, "bool", "provided string was not `true` or `false`");
      }
      v = l;
      break;
    }
    case Kind::kInt: {
      QUIVER_ASSIGN_OR_RAISE(v, ParseUsize(value));
      break;
    }
    case Kind::kString: {
      const ConfigKeyDef* def = FindConfigKey(key);
      if (def != nullptr && def->type == 'f') QUIVER_RETURN_NOT_OK(CheckFloat(value));
      break;
    }
  }
  opt.value = v;
  return Status::OK();
}

Result<std::string> ConfigOptions::Get(const std::string& key) const {
  auto it = options_.find(CanonicalConfigKey(key));
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
  if (it == options_.end() || it->second.value.empty()) return 0;
  int64_t v = 0;
  try {
    v = std::stoll(it->second.value);
  } catch (...) {
    v = std::numeric_limits<int64_t>::max();  // a usize past int64's range
  }
  // DataFusion accepts 0 for these; operators need at least one row / partition.
  if (key == "datafusion.execution.batch_size" || key == "datafusion.execution.target_partitions") {
    v = std::max<int64_t>(v, 1);
  }
  return v;
}

std::string ConfigOptions::GetString(const std::string& key) const {
  auto it = options_.find(key);
  return it == options_.end() ? "" : it->second.value;
}

}  // namespace quiver
