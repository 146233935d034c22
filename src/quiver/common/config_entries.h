// The table of DataFusion's configuration keys (config_entries.cc): type,
// default and description as DataFusion documents them. ConfigOptions defines
// its keys from it; information_schema.df_settings reads it to tell an unset
// optional value (NULL) from a set one.
#pragma once

#include <string>
#include <vector>

namespace quiver {

struct ConfigKeyDef {
  const char* key;
  char type;          // 'b' bool, 'u' usize, 'f' f64, 's' string
  const char* value;  // the default; nullptr: an optional key, unset (NULL)
  const char* description;
};

/// Every key, in name order; "<cores>" stands for the number of cores.
const std::vector<ConfigKeyDef>& DataFusionConfigKeys();
/// The definition of a canonical key, or nullptr.
const ConfigKeyDef* FindConfigKey(const std::string& key);
/// Lower case, with PostgreSQL's `timezone` / `time.zone` spelling mapped
/// to datafusion.execution.time_zone.
std::string CanonicalConfigKey(const std::string& key);

}  // namespace quiver
